"""Values to normal form (shared/CONTRACT.md): dates, money, quantities, currencies, codes, ids.

Parsing leans on well-kept libraries: dateparser for dates in any of our languages, price-parser
for amounts, babel for month names and currency symbols, schwifty for IBANs and python-stdnum
for tax ids. What is ours is the choice between readings that a library cannot make alone:
the day/month order and the decimal separator, which a document settles for all its values.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Literal

from babel.dates import get_month_names
from babel.numbers import get_currency_symbol, list_currencies
from price_parser import Price

DateOrder = Literal["DMY", "MDY", "YMD"]
LANGUAGES = ("en", "de", "fr", "nl")

_WS = re.compile(r"\s+")
CENT = Decimal("0.01")


def fold_space(text: str) -> str:
    """Names, addresses and free text: as printed, runs of white space folded to one space."""
    return _WS.sub(" ", text).strip()


def fold_text(text: str) -> str:
    """A comparison key: case-folded, accents stripped, punctuation to spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = plain.casefold().replace("ß", "ss").replace("#", " # ")
    return fold_space(re.sub(r"[^\w%#]+", " ", plain))


# ----------------------------------------------------------------------------------------- money


def infer_decimal_separator(texts: list[str]) -> str | None:
    """Vote over a document's numbers: which of `.` and `,` marks the decimals.

    `1.234,50` and `12,50` vote for the comma; `1,234.50` and `12.50` for the point. Dates
    (`07.03.2024`) and numbers with three trailing digits are ambiguous and do not vote.
    """
    comma = point = 0
    for text in texts:
        for m in re.finditer(r"(?<![\d.,])\d[\d.,'\u00a0\u202f ]*[.,]\d{2}(?![\d.,])", text):
            token = m.group(0)
            if re.search(r"\d{1,2}[.]\d{1,2}[.]\d{2}$", token):  # a short date, not money
                continue
            if token[-3] == ",":
                comma += 1
            else:
                point += 1
    if comma == point:
        return None
    return "," if comma > point else "."


def parse_money(text: str, decimal_separator: str | None = None) -> Decimal | None:
    """`$1,234.50`, `1.234,50 €`, `1 234,50`, `(12.00)`, `12.00-` → Decimal, or None."""
    raw = text.strip()
    if not raw or not re.search(r"\d", raw):
        return None
    negative = raw.startswith("-") or raw.endswith("-") or (raw.startswith("(") and ")" in raw)
    negative = negative or bool(re.match(r"^[^\d]*-\s*\d", raw))
    separator = _decimal_mark(raw, decimal_separator, group_of_three_is_thousands=True)
    price = Price.fromstring(raw, decimal_separator=separator)
    if price.amount is None:
        return None
    amount = cents(price.amount)
    return -amount if negative and amount > 0 else amount


def cents(amount: Decimal) -> Decimal:
    """Money rounded as invoices round it: half up, to the cent."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def format_money(amount: Decimal) -> str:
    """Normal form of money: `1234.50`."""
    rounded = cents(amount)
    return f"{rounded if rounded else abs(rounded):f}"  # never "-0.00"


def parse_quantity(text: str, decimal_separator: str | None = None) -> Decimal | None:
    """`2`, `1.5`, `1,5`, `1.000` (a thousand where the comma marks decimals) → Decimal."""
    raw = re.sub(r"['\u00a0\u202f ]", "", text.strip().rstrip("xX×"))
    if not re.fullmatch(r"-?\d+(?:[.,]\d+)*", raw):
        return None
    mark = _decimal_mark(raw, decimal_separator, group_of_three_is_thousands=False)
    whole, _, decimals = raw.rpartition(mark) if mark and mark in raw else (raw, "", "")
    digits = re.sub(r"[.,]", "", whole) + ("." + decimals if decimals else "")
    try:
        return Decimal(digits)
    except InvalidOperation:
        return None


def _decimal_mark(raw: str, hint: str | None, *, group_of_three_is_thousands: bool) -> str | None:
    """Which of `.` and `,` is the decimal mark in one printed number.

    With both present the last one is. A lone separator before one, two or four-plus digits is
    the decimal mark; before exactly three digits it is a thousands group for money (amounts
    print cents), and for a quantity whatever the document's own decimal mark says.
    """
    marks: list[str] = re.findall(r"[.,](?=\d)", raw)
    if not marks:
        return hint
    if len(set(marks)) == 2:
        return marks[-1]
    mark = marks[0]
    if len(marks) > 1:  # 1.234.567 or 1,234,567: repeated marks are groups
        return "," if mark == "." else "."
    last_group = re.search(r"[.,](\d+)\D*$", raw)
    if (
        last_group
        and len(last_group.group(1)) == 3
        and (group_of_three_is_thousands or (hint is not None and hint != mark))
    ):
        return "," if mark == "." else "."
    return mark


def format_quantity(quantity: Decimal) -> str:
    """Normal form of a quantity: `2`, `1.5` (no trailing zeros, no exponent)."""
    text = f"{quantity.normalize() if quantity else Decimal(0):f}"  # never "-0"
    return text.rstrip("0").rstrip(".") if "." in text else text


# ----------------------------------------------------------------------------------------- dates


@functools.lru_cache(maxsize=1)
def month_words() -> tuple[str, ...]:
    """Month names and abbreviations in our languages, from babel's locale data."""
    words: set[str] = set()
    for lang in LANGUAGES:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for name in get_month_names(width, context, locale=lang).values():
                    words.add(name.casefold().rstrip("."))
    words.update({"sept", "mrt", "märz", "maerz", "juil", "févr", "fevr"})
    return tuple(sorted(words, key=len, reverse=True))


@functools.lru_cache(maxsize=1)
def date_pattern() -> re.Pattern[str]:
    months = "|".join(re.escape(m) for m in month_words())
    return re.compile(
        r"(?<![\w./-])(?:"
        r"\d{4}[-./]\d{1,2}[-./]\d{1,2}"  # 2024-03-07
        r"|\d{1,2}[-./]\d{1,2}[-./](?:\d{4}|\d{2})"  # 07/03/2024, 7-3-24
        rf"|\d{{1,2}}(?:st|nd|rd|th|er|e)?\.?\s+(?:{months})\.?,?\s+\d{{4}}"  # 7 March 2024
        rf"|(?:{months})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"  # March 7, 2024
        r")(?![\w/-])",
        re.IGNORECASE,
    )


def find_dates(text: str) -> list[tuple[int, int, str]]:
    """Spans in `text` that read as a full date (day, month and year)."""
    return [(m.start(), m.end(), m.group(0)) for m in date_pattern().finditer(text)]


@functools.lru_cache(maxsize=4)
def _date_parser(order: DateOrder) -> object:
    from dateparser.date import DateDataParser  # heavy import, paid only when dates are read

    return DateDataParser(
        languages=list(LANGUAGES),
        settings={
            "DATE_ORDER": order,
            "STRICT_PARSING": True,
            "REQUIRE_PARTS": ["day", "month", "year"],
            "PARSERS": ["custom-formats", "absolute-time"],
        },
    )


@functools.lru_cache(maxsize=4096)
def parse_date(text: str, order: DateOrder = "DMY") -> date | None:
    """A printed date in any of our languages → `date`. Numeric dates follow `order`."""
    raw = fold_space(text).strip(" ,.;:")
    if not raw or not re.search(r"\d", raw):
        return None
    iso = re.fullmatch(r"(\d{4})[-./](\d{1,2})[-./](\d{1,2})", raw)
    if iso:
        try:
            return date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        except ValueError:
            return None
    if re.fullmatch(r"\d{1,2}\.\d{1,2}\.\d{2,4}", raw):
        order = "DMY"  # dotted numeric dates are day-first wherever they are written
    parser = _date_parser(order)
    data = parser.get_date_data(raw)  # type: ignore[attr-defined]
    found = data.date_obj
    if found is None:
        return None
    result: date = found.date()
    if not 1900 <= result.year <= 2100:
        return None
    return result


def infer_date_order(texts: list[str], hint: DateOrder = "DMY") -> DateOrder:
    """Settle 07/03/2024 for the whole document: a first part over 12 means day first."""
    dmy = mdy = 0
    for text in texts:
        for m in re.finditer(r"(?<![\d])(\d{1,2})[-./](\d{1,2})[-./](\d{2,4})(?![\d])", text):
            first, second = int(m.group(1)), int(m.group(2))
            if first > 12 >= second:
                dmy += 1
            elif second > 12 >= first:
                mdy += 1
    if dmy != mdy:
        return "DMY" if dmy > mdy else "MDY"
    return hint


# ------------------------------------------------------------------------------------ currencies

_SYMBOLS = {
    "€": "EUR",
    "£": "GBP",
    "$": "USD",
    "US$": "USD",
    "¥": "JPY",
    "₹": "INR",
    "CA$": "CAD",
    "C$": "CAD",
    "A$": "AUD",
    "AU$": "AUD",
    "NZ$": "NZD",
    "zł": "PLN",
    "kr": "SEK",
    "R$": "BRL",
}


@functools.lru_cache(maxsize=1)
def currency_codes() -> frozenset[str]:
    return frozenset(list_currencies())


@functools.lru_cache(maxsize=1)
def _currency_pattern() -> re.Pattern[str]:
    symbols = sorted(_SYMBOLS, key=len, reverse=True)
    # a symbol that starts or ends with a letter (kr, zł, Fr., US$) is not one inside a word
    sym = "|".join(
        (r"(?<![^\W\d_])" if s[0].isalpha() else "")
        + re.escape(s)
        + (r"(?![^\W\d_])" if s[-1].isalpha() else "")
        for s in symbols
    )
    common = "EUR|USD|GBP|CHF|CAD|AUD|JPY|SEK|NOK|DKK|PLN|CZK|INR|NZD|ZAR|SGD|HKD|CNY|MXN|BRL"
    return re.compile(rf"(?<![A-Za-z])({common})(?![A-Za-z])|({sym})")


def find_currencies(text: str) -> list[str]:
    """ISO 4217 codes for every currency code or symbol in `text`, in order of appearance."""
    found = []
    for m in _currency_pattern().finditer(text):
        code = m.group(1) or _SYMBOLS.get(m.group(2))
        if code and code in currency_codes():
            found.append(code)
    return found


def currency_symbol(code: str, locale: str = "en") -> str:
    return str(get_currency_symbol(code, locale=locale))


# ----------------------------------------------------------------------------------- codes, ids


def normalize_code(text: str) -> str:
    """Codes and identifiers: upper case, no spaces."""
    return re.sub(r"\s+", "", text).upper()


def parse_iban(text: str) -> str | None:
    """A valid IBAN (checksum and country format) in compact form, or None."""
    from schwifty import IBAN
    from schwifty.exceptions import SchwiftyException

    compact = normalize_code(text)
    try:
        return str(IBAN(compact).compact)
    except (SchwiftyException, ValueError):
        return None


IBAN_PATTERN = re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]){10,32}\b")


def find_ibans(text: str) -> list[str]:
    """Valid IBANs anywhere in the text, however grouped ("GB76 HBUK 821601 78945881"); the
    match may run into the next word, so it is shortened until the checksum holds."""
    out = []
    for m in IBAN_PATTERN.finditer(text.upper()):
        compact = m.group(0).replace(" ", "")
        for end in range(min(len(compact), 34), 14, -1):
            iban = parse_iban(compact[:end])
            if iban:
                out.append(iban)
                break
    return out


def parse_vat_id(text: str) -> str | None:
    """An EU or UK VAT number whose check digits hold, compact (`DE123456789`), or None."""
    from stdnum import exceptions as stdnum_errors
    from stdnum.eu import vat as eu_vat
    from stdnum.gb import vat as gb_vat

    compact = normalize_code(text).replace(".", "").replace("-", "")
    try:
        if compact.startswith("CHE"):  # a Swiss UID, written as the Swiss write it
            from stdnum.ch import uid

            swiss: str = uid.format(uid.validate(compact))
            return swiss
        if compact.startswith("GB"):
            gb: str = gb_vat.validate(compact)
            return "GB" + gb
        eu: str = eu_vat.validate(compact)
        return eu
    except (stdnum_errors.ValidationError, KeyError):
        return None


def parse_ein(text: str) -> str | None:
    """A US employer identification number (`12-3456789`)."""
    from stdnum import exceptions as stdnum_errors
    from stdnum.us import ein

    try:
        return str(ein.format(ein.validate(text.strip())))
    except stdnum_errors.ValidationError:
        return None


# The shapes of the VAT numbers of the countries the toolkit reads most, whatever their check
# digits say (an id printed with a slip, or one OCR misread, is still worth showing to a person)
_VAT_SHAPES = (
    r"CHE[-\s]?\d{3}[.\s]?\d{3}[.\s]?\d{3}|ATU\d{8}|BE\s?[01]\d{3}[.\s]?\d{3}[.\s]?\d{3}"
    r"|DE\s?\d{9}|FR\s?[0-9A-Z]{2}\s?\d{3}\s?\d{3}\s?\d{3}|NL\s?\d{9}\s?B\d{2}"
    r"|GB\s?\d{3}\s?\d{4}\s?\d{2}(?:\d{3})?"
)
VAT_SHAPE = re.compile(rf"\b(?:{_VAT_SHAPES})\b")
# ... and, for ids whose check digits are verified, any other EU country's too
VAT_PATTERN = re.compile(rf"\b(?:{_VAT_SHAPES}|[A-Z]{{2}}\s?[0-9A-Z]{{8,12}})\b")
EIN_PATTERN = re.compile(r"(?<![\d-])\d{2}-\d{7}(?![\d-])")


def find_vat_shaped(text: str) -> list[str]:
    """VAT numbers by their shape alone, compact, in order of appearance."""
    return [
        normalize_code(m.group(0)).replace(".", "").replace("-", "")
        for m in VAT_SHAPE.finditer(text.upper())
    ]


def find_tax_ids(text: str) -> list[str]:
    """Valid VAT numbers and EINs in the text, in normal form, in order of appearance."""
    found: list[tuple[int, str]] = []
    for m in VAT_PATTERN.finditer(text.upper()):
        vat = parse_vat_id(m.group(0))
        if vat:
            found.append((m.start(), vat))
    for m in EIN_PATTERN.finditer(text):
        value = parse_ein(m.group(0))
        if value:
            found.append((m.start(), value))
    return [v for _, v in sorted(found)]


# ------------------------------------------------------------------------------ health-care codes

_NPI_PREFIX = "80840"  # the health-industry prefix the NPI check digit is computed with (CMS)


def valid_npi(value: str) -> bool:
    """A US National Provider Identifier: ten digits whose last is a Luhn check digit computed
    over "80840" and the first nine (the CMS NPI standard)."""
    from stdnum import luhn

    compact = normalize_code(value)
    return bool(re.fullmatch(r"\d{10}", compact)) and bool(luhn.is_valid(_NPI_PREFIX + compact))


def npi_check_digit(first_nine: str) -> str:
    """The check digit that completes an NPI's first nine digits."""
    from stdnum import luhn

    return str(luhn.calc_check_digit(_NPI_PREFIX + first_nine))


_ICD10_SHAPE = re.compile(r"([A-Z]\d[0-9A-Z])(?:\.?([0-9A-Z]{1,4})|\.)?")


def normalize_icd10(value: str) -> str | None:
    """An ICD-10 code in normal form (`e119` → `E11.9`), or None when it is not code-shaped.

    Shape only: a letter, a digit, a digit or letter (`O9A`), then up to four more characters
    after the dot. Whether the code exists is `valid_icd10cm`'s question.
    """
    m = _ICD10_SHAPE.fullmatch(normalize_code(value))
    if m is None:
        return None
    category, rest = m.group(1), m.group(2)
    return f"{category}.{rest}" if rest else category


_AS_LETTER = str.maketrans("105826", "IOSBZG")
_AS_DIGIT = str.maketrans("OQDIlSBZG", "000115826")


def icd10_misread_fixed(text: str) -> str:
    """An ICD-10 code as OCR read it, with what OCR confuses set right where the code's shape
    decides: the first character is a letter ("110" is I10), the second a digit ("EI1.9" is
    E11.9, "RO5.9" and "RQ5.9" are R05.9). Text too short to be a code comes back as it is."""
    compact = re.sub(r"[^0-9A-Za-z.]", "", text).upper().strip(".")
    if len(compact) < 3:
        return text
    return compact[0].translate(_AS_LETTER) + compact[1].translate(_AS_DIGIT) + compact[2:]


@functools.lru_cache(maxsize=1)
def _load_icd10cm() -> None:
    import warnings

    with warnings.catch_warnings():  # the library still reads its data through a legacy API
        warnings.simplefilter("ignore", DeprecationWarning)
        import simple_icd_10_cm  # noqa: F401


def icd10cm_in_code_set(code: str) -> bool:
    """The code is in ICD-10-CM at any level, billable or a header (`E11`, `E11.9`)."""
    _load_icd10cm()
    import simple_icd_10_cm

    normal = normalize_icd10(code)
    return normal is not None and bool(simple_icd_10_cm.is_valid_item(normal))


def valid_icd10cm(code: str) -> bool:
    """A billable ICD-10-CM code: in the code set and with no codes below it. A header such as
    `E11` (or `S72.001`, which still needs its seventh character) is not billable."""
    _load_icd10cm()
    import simple_icd_10_cm

    normal = normalize_icd10(code)
    return (
        normal is not None
        and bool(simple_icd_10_cm.is_valid_item(normal))
        and bool(simple_icd_10_cm.is_leaf(normal))
    )


# HCPCS Level II sections by first letter; F, I, N and O head no section (W to Z are unused too)
HCPCS_LETTERS = frozenset("ABCDEGHJKLMPQRSTUV")


def procedure_code_kind(code: str) -> str | None:
    """What a procedure code is by its shape: "cpt" (`99213`), "cpt-category-ii" (`3074F`),
    "cpt-category-iii" (`0042T`), "hcpcs" (Level II, `J1100`), or None when it is none of them."""
    compact = normalize_code(code)
    if re.fullmatch(r"\d{5}", compact):
        return "cpt"
    if re.fullmatch(r"\d{4}F", compact):
        return "cpt-category-ii"
    if re.fullmatch(r"\d{4}T", compact):
        return "cpt-category-iii"
    if re.fullmatch(r"[A-Z]\d{4}", compact) and compact[0] in HCPCS_LETTERS:
        return "hcpcs"
    return None


_MONEY = re.compile(r"-?\d+\.\d\d")
_DURATION = re.compile(r"P(?=\d)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?")
_ICD10 = re.compile(r"[A-Z]\d[0-9A-Z](\.[0-9A-Z]{1,4})?")


def normal_form(kind: str, value: object) -> tuple[object, str | None]:
    """A value a person typed, checked against its field's normal form (model.FIELD_KINDS):
    `(value, None)` when it is one (white space folded), `(value, why not)` when it is not."""
    if kind == "boolean":
        return (value, None) if isinstance(value, bool) else (value, "true or false")
    if kind.endswith("_list"):
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
            return value, "a list of strings"
        items = [fold_space(v) for v in value if v.strip()]
        if not items:
            return value, "at least one item (null removes the field)"
        if kind == "icd10_list":
            bad = [v for v in items if not _ICD10.fullmatch(v)]
            if bad:
                return value, f"ICD-10 codes with their dot, as E11.9 (not {', '.join(bad)})"
        return items, None
    if not isinstance(value, str):
        return value, "a string"
    text = fold_space(value)
    if not text:
        return value, "a value (null removes the field)"
    checks: dict[str, tuple[bool, str]] = {}
    if kind == "date":
        try:
            ok = date.fromisoformat(text).isoformat() == text
        except ValueError:
            ok = False
        checks[kind] = (ok, "a date as YYYY-MM-DD")
    elif kind == "money":
        checks[kind] = (bool(_MONEY.fullmatch(text)), "an amount as 1234.50 (two decimals)")
    elif kind == "currency":
        checks[kind] = (text in currency_codes(), "an ISO 4217 code, as EUR")
    elif kind == "code":
        checks[kind] = (" " not in text and text == text.upper(), "upper case, no spaces")
    elif kind == "npi":
        checks[kind] = (text.isdigit() and len(text) == 10, "ten digits")
    elif kind == "sex":
        checks[kind] = (text in ("M", "F", "U"), "M, F or U")
    elif kind == "duration":
        checks[kind] = (bool(_DURATION.fullmatch(text)), "an ISO 8601 duration, as P2Y or P30D")
    elif kind == "days":
        checks[kind] = (text.isdigit(), "a whole number of days")
    ok, why = checks.get(kind, (True, ""))
    return (text, None) if ok else (value, why)
