"""Locale-specific rendering of dates, money and quantities (printed forms)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")

MONTHS: dict[str, list[str]] = {
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "de": [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ],
    "fr": [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    "nl": [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ],
}


def q2(value: Decimal) -> Decimal:
    """Round money to cents, commercial rounding."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def fmt_date(d: date, style: str) -> str:
    """Format a date in one of the printed styles used by the layouts."""
    m_en = MONTHS["en"][d.month - 1]
    if style == "iso":
        return d.isoformat()
    if style == "us_slash":  # 03/07/2024
        return f"{d.month:02d}/{d.day:02d}/{d.year}"
    if style == "us_short":  # 3/7/2024
        return f"{d.month}/{d.day}/{d.year}"
    if style == "us_long":  # March 7, 2024
        return f"{m_en} {d.day}, {d.year}"
    if style == "us_abbr":  # Mar 7, 2024
        return f"{m_en[:3]} {d.day}, {d.year}"
    if style == "eu_slash":  # 07/03/2024
        return f"{d.day:02d}/{d.month:02d}/{d.year}"
    if style == "de_dot":  # 07.03.2024
        return f"{d.day:02d}.{d.month:02d}.{d.year}"
    if style == "de_long":  # 7. März 2024
        return f"{d.day}. {MONTHS['de'][d.month - 1]} {d.year}"
    if style == "fr_long":  # 1er mars 2024 / 7 mars 2024
        day = "1er" if d.day == 1 else str(d.day)
        return f"{day} {MONTHS['fr'][d.month - 1]} {d.year}"
    if style == "nl_dash":  # 7-3-2024
        return f"{d.day}-{d.month}-{d.year}"
    if style == "nl_dash0":  # 07-03-2024
        return f"{d.day:02d}-{d.month:02d}-{d.year}"
    if style == "nl_long":  # 7 maart 2024
        return f"{d.day} {MONTHS['nl'][d.month - 1]} {d.year}"
    if style == "uk_long":  # 7 March 2024
        return f"{d.day} {m_en} {d.year}"
    if style == "uk_abbr":  # 07 Mar 2024
        return f"{d.day:02d} {m_en[:3]} {d.year}"
    if style == "uk_ord":  # 7th March 2024
        suffix = "th" if 11 <= d.day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(d.day % 10, "th")
        return f"{d.day}{suffix} {m_en} {d.year}"
    raise ValueError(f"unknown date style {style!r}")


def group_digits(digits: str, sep: str) -> str:
    out: list[str] = []
    while len(digits) > 3:
        out.insert(0, digits[-3:])
        digits = digits[:-3]
    out.insert(0, digits)
    return sep.join(out)


@dataclass(frozen=True)
class NumberFormat:
    """Thousands/decimal separators of a locale."""

    thousands: str
    decimal: str

    def number(self, value: Decimal, places: int = 2, grouping: bool = True) -> str:
        quant = Decimal(1).scaleb(-places)
        v = value.quantize(quant, rounding=ROUND_HALF_UP)
        sign = "-" if v < 0 else ""
        text = f"{abs(v):.{places}f}"
        whole, _, frac = text.partition(".")
        if grouping:
            whole = group_digits(whole, self.thousands)
        return sign + whole + (self.decimal + frac if places else "")

    def quantity(self, value: Decimal, min_places: int = 0) -> str:
        """Print a quantity: no trailing zeros unless min_places asks for them."""
        norm = value.normalize()
        exp = norm.as_tuple().exponent
        places = max(min_places, -exp if isinstance(exp, int) and exp < 0 else 0)
        return self.number(value, places, grouping=True)


EN = NumberFormat(",", ".")
DE = NumberFormat(".", ",")
FR = NumberFormat(" ", ",")
NL = DE
SWISS = NumberFormat("'", ".")


@dataclass(frozen=True)
class MoneyFormat:
    """How a locale prints an amount of money.

    ``pattern`` uses ``{n}`` for the number and ``{s}`` for the symbol/code.
    """

    numbers: NumberFormat
    symbol: str
    pattern: str

    def __call__(self, value: Decimal, symbol: bool = True) -> str:
        n = self.numbers.number(value)
        if not symbol:
            return n
        if value < 0 and self.pattern.startswith("{s}"):
            # -$1,234.50 rather than $-1,234.50
            return "-" + self.pattern.format(n=n[1:], s=self.symbol)
        return self.pattern.format(n=n, s=self.symbol)


def money_str(value: Decimal) -> str:
    """Normal form of an amount for the expected JSON."""
    return f"{q2(value):.2f}"


def qty_str(value: Decimal) -> str:
    """Normal form of a quantity: decimal string without trailing zeros."""
    norm = value.normalize()
    text = f"{norm:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def fold_ws(text: str) -> str:
    """Fold runs of white space (incl. line breaks) into a single space."""
    return " ".join(text.split())


def compact_id(text: str) -> str:
    """Normal form for tax ids / IBANs: upper case, no spaces."""
    return "".join(text.split()).upper()


def group4(text: str) -> str:
    """IBAN paper format: groups of four characters."""
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))
