"""How contracts write numbers, dates, money and periods: "thirty (30) days", "the 3rd day of
March, 2021", "Forty-Eight Thousand and No/100 Dollars ($48,000.00)", plus their normal forms."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from .formatting import MONTHS as _MONTH_NAMES

MONTHS = _MONTH_NAMES["en"]
_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def words(n: int) -> str:
    """Cardinal number in words: 36 -> "thirty-six", 250000 -> "two hundred fifty thousand"."""
    if n < 0:
        raise ValueError(n)
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + ("-" + _ONES[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        return _ONES[n // 100] + " hundred" + (" " + words(rest) if rest else "")
    for size, name in ((10**9, "billion"), (10**6, "million"), (1000, "thousand")):
        if n >= size:
            rest = n % size
            return words(n // size) + " " + name + (" " + words(rest) if rest else "")
    raise AssertionError(n)


def ordinal(n: int) -> str:
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def num(n: int, style: str = "both") -> str:
    """``both``: "thirty (30)"; ``digits``: "30"; ``words``: "thirty"."""
    if style == "digits":
        return str(n)
    if style == "words":
        return words(n)
    return f"{words(n)} ({n})"


def period(n: int, unit: str, style: str = "both", possessive: bool = False) -> str:
    """ "two (2) years", "30 days", "thirty (30) days'" (possessive: days' notice)."""
    name = unit if n != 1 else unit.rstrip("s")
    text = f"{num(n, style)} {name}"
    if possessive:
        text += "'" if name.endswith("s") else "'s"
    return text


UNIT_CODE = {"years": "Y", "months": "M", "days": "D", "weeks": "W"}


def iso_duration(n: int, unit: str) -> str:
    return f"P{n}{UNIT_CODE[unit]}"


# --- dates -----------------------------------------------------------------------------------


def date_us(d: date) -> str:
    return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"


def date_uk(d: date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def date_uk_ord(d: date) -> str:
    return f"{ordinal(d.day)} {MONTHS[d.month - 1]} {d.year}"


def date_day_of(d: date, comma: bool = True) -> str:
    """ "3rd day of March, 2021"."""
    return f"{ordinal(d.day)} day of {MONTHS[d.month - 1]}{',' if comma else ''} {d.year}"


def date_slash(d: date, pad: bool = False) -> str:
    return f"{d.month:02d}/{d.day:02d}/{d.year}" if pad else f"{d.month}/{d.day}/{d.year}"


def date_forms(d: date) -> list[str]:
    """Every way the generators print a date (for checking the text layer)."""
    return [
        date_us(d),
        date_uk(d),
        date_uk_ord(d),
        date_day_of(d),
        date_day_of(d, comma=False),
        date_slash(d),
        date_slash(d, pad=True),
        f"{MONTHS[d.month - 1][:3]}. {d.day}, {d.year}",
        d.isoformat(),
        f"{d.day:02d}/{d.month:02d}/{d.year}",
        f"{d.day:02d}.{d.month:02d}.{d.year}",
    ]


# --- money -----------------------------------------------------------------------------------

SYMBOL = {"USD": "$", "GBP": "£", "EUR": "€"}
MAJOR = {"USD": "Dollars", "GBP": "Pounds Sterling", "EUR": "Euros"}


def grouped(value: Decimal, cents: bool = True) -> str:
    text = f"{value:,.2f}"
    if not cents and text.endswith(".00"):
        text = text[:-3]
    return text


def money(value: Decimal, currency: str = "USD", style: str = "symbol", cents: bool = True) -> str:
    """``symbol``: $250,000.00; ``code``: USD 250,000; ``us$``: US$250,000."""
    amount = grouped(value, cents)
    if style == "code":
        return f"{currency} {amount}"
    if style == "us$":
        return f"US${amount}"
    return f"{SYMBOL[currency]}{amount}"


def money_words(value: Decimal, currency: str = "USD") -> str:
    """ "Forty-Eight Thousand and No/100 Dollars ($48,000.00)"."""
    whole = int(value)
    cents = int((value - whole) * 100)
    text = " ".join(w.capitalize() if w != "and" else w for w in words(whole).split(" "))
    text = "-".join(p[:1].upper() + p[1:] for p in text.split("-"))
    frac = "No/100" if cents == 0 else f"{cents:02d}/100"
    return f"{text} and {frac} {MAJOR[currency]} ({money(value, currency)})"


def title_words(n: int) -> str:
    """ "Two Hundred Fifty Thousand"."""
    return " ".join("-".join(p.capitalize() for p in w.split("-")) for w in words(n).split(" "))
