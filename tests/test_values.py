"""Value normalisers (extractors/values.py): money, quantities, dates, currencies, IBANs, tax ids.

The property tests print a value the ways invoices in our four languages print it and read it
back; babel writes the month names, schwifty makes the IBANs and python-stdnum checks the VAT
numbers, so the expectations do not come from the code under test.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from babel.dates import format_date
from hypothesis import example, given, settings
from hypothesis import strategies as st
from schwifty import IBAN
from stdnum import luhn
from stdnum.eu import vat as eu_vat
from stdnum.gb import vat as gb_vat

from extractors.values import (
    find_currencies,
    find_dates,
    find_ibans,
    find_tax_ids,
    fold_text,
    format_money,
    format_quantity,
    infer_date_order,
    infer_decimal_separator,
    parse_date,
    parse_ein,
    parse_iban,
    parse_money,
    parse_quantity,
    parse_vat_id,
)

NNBSP = "\u202f"  # narrow no-break space: French thousands groups as CLDR prints them
# dateparser and babel pay a one-off start-up cost on their first call
PROPERTY = settings(deadline=None)

# ----------------------------------------------------------------------------------------- money

amounts = st.decimals(
    min_value=-(10**7), max_value=10**7, places=2, allow_nan=False, allow_infinity=False
)


def _printed(amount: Decimal) -> list[str]:
    """One amount as invoices print it: US, German, French, Swiss, plain; negatives three ways."""
    us = f"{abs(amount):,.2f}"  # 1,234.50
    whole, cents = us.split(".")
    styles = [
        us,
        f"${us}",
        f"{whole.replace(',', '.')},{cents} €",  # German: 1.234,50 €
        f"{whole.replace(',', ' ')},{cents} €",  # French: 1 234,50 €
        f"{whole.replace(',', NNBSP)},{cents} €",  # French with U+202F
        whole.replace(",", "'") + f".{cents}",  # Swiss: 1'234.50
        f"{whole.replace(',', '')}.{cents}",  # plain: 1234.50
    ]
    if amount >= 0:
        return styles
    return [form for s in styles for form in (f"-{s}", f"({s})", f"{s}-")]


@settings(PROPERTY, max_examples=150)
@given(amounts)
@example(Decimal("1234.50"))
@example(Decimal("-12.00"))
@example(Decimal("0.05"))
@example(Decimal("-0.05"))
@example(Decimal("10000000.00"))
@example(Decimal("-10000000.00"))
def test_money_printed_any_way_parses_back(amount: Decimal) -> None:
    for text in _printed(amount):
        assert parse_money(text) == amount, text


@settings(PROPERTY, max_examples=150)
@given(amounts)
def test_format_money_is_two_decimals_without_separators(amount: Decimal) -> None:
    normal = format_money(amount)
    assert re.fullmatch(r"-?\d+\.\d{2}", normal), normal
    assert Decimal(normal) == amount
    parsed = parse_money(normal)
    assert parsed is not None and format_money(parsed) == normal


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,234", "1234.00"),  # a group of three without decimals is thousands, either mark
        ("1.234", "1234.00"),
        ("1.234.567", "1234567.00"),
        ("12,5", "12.50"),
        ("€ 1.234,50", "1234.50"),
        ("-$12.00", "-12.00"),
        ("CHF 1'234.50", "1234.50"),
    ],
)
def test_parse_money_examples(text: str, expected: str) -> None:
    amount = parse_money(text)
    assert amount is not None and format_money(amount) == expected


@pytest.mark.parametrize("text", ["", "   ", "n/a", "EUR"])
def test_parse_money_without_digits_is_none(text: str) -> None:
    assert parse_money(text) is None


def test_format_money_rounds_half_up_to_cents() -> None:
    assert format_money(Decimal("2.345")) == "2.35"
    assert format_money(Decimal("1E+3")) == "1000.00"


# -------------------------------------------------------------------------------------- quantity

quantities = st.decimals(
    min_value=-(10**6), max_value=10**6, places=3, allow_nan=False, allow_infinity=False
)


@settings(PROPERTY, max_examples=150)
@given(quantities)
def test_quantity_roundtrip(quantity: Decimal) -> None:
    normal = format_quantity(quantity)
    # no exponent, no trailing zeros, no trailing point
    assert re.fullmatch(r"-?\d+(?:\.\d*[1-9])?", normal), normal
    assert parse_quantity(normal) == quantity
    # the same quantity printed with a decimal comma, in a document whose decimals are commas
    assert parse_quantity(normal.replace(".", ","), decimal_separator=",") == quantity


def test_format_quantity_examples() -> None:
    assert format_quantity(Decimal("2.000")) == "2"
    assert format_quantity(Decimal("1.50")) == "1.5"
    assert format_quantity(Decimal("100")) == "100"
    assert format_quantity(Decimal("1E+2")) == "100"


def test_parse_quantity_follows_the_documents_decimal_mark() -> None:
    assert parse_quantity("1.000", decimal_separator=",") == Decimal("1000")
    assert parse_quantity("1,5", decimal_separator=",") == Decimal("1.5")
    assert parse_quantity("1.5") == Decimal("1.5")
    assert parse_quantity("1.000,5") == Decimal("1000.5")  # both marks: the last one is decimal
    assert parse_quantity("3 x") == Decimal("3")
    assert parse_quantity("three") is None


def test_infer_decimal_separator_votes() -> None:
    german = ["Summe netto 1.234,50 €", "MwSt. 19 % 234,56 €", "Gesamt 1.469,06 €"]
    us = ["Subtotal $1,234.50", "Tax 98.76", "Total $1,333.26"]
    assert infer_decimal_separator(german) == ","
    assert infer_decimal_separator(us) == "."
    assert infer_decimal_separator(["Rechnung 4711"]) is None


def test_dates_do_not_vote_for_the_decimal_point() -> None:
    assert infer_decimal_separator(["Datum 07.03.2024", "Lieferung 08.03.24"]) is None
    # three dotted dates against one amount: the amount decides
    dated = ["07.03.24", "08.03.24", "Fällig 21.03.2024", "Summe 12,50"]
    assert infer_decimal_separator(dated) == ","


# ----------------------------------------------------------------------------------------- dates

days = st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31))


def _date_forms(d: date) -> list[tuple[str, str]]:
    """(printed date, order to read it in)."""
    return [
        (d.isoformat(), "DMY"),
        (d.isoformat(), "MDY"),
        (d.strftime("%d/%m/%Y"), "DMY"),
        (d.strftime("%m/%d/%Y"), "MDY"),
        (format_date(d, "d MMMM y", locale="en"), "DMY"),  # 7 March 2024
        (format_date(d, "MMMM d, y", locale="en"), "MDY"),  # March 7, 2024
        (format_date(d, "MMM d, y", locale="en"), "DMY"),  # Mar 7, 2024
        (format_date(d, "d. MMMM y", locale="de"), "DMY"),  # 7. März 2024
        (format_date(d, "d MMMM y", locale="fr"), "DMY"),  # 7 mars 2024
        (format_date(d, "d MMMM y", locale="nl"), "DMY"),  # 7 maart 2024
        (d.strftime("%d.%m.%Y"), "DMY"),  # 07.03.2024
        (f"{d.day}-{d.month}-{d.year}", "DMY"),  # 7-3-2024
    ]


@settings(PROPERTY, max_examples=60)
@given(days)
@example(date(2024, 3, 7))
@example(date(2024, 2, 29))
@example(date(2023, 12, 31))
@example(date(2024, 9, 1))
def test_parse_date_reads_every_printed_form(d: date) -> None:
    for text, order in _date_forms(d):
        assert parse_date(text, order) == d, (text, order)  # type: ignore[arg-type]


@settings(PROPERTY, max_examples=40)
@given(days)
def test_find_dates_finds_each_form_inside_a_sentence(d: date) -> None:
    for text, _ in _date_forms(d):
        sentence = f"Datum: {text}, bitte zahlen bis Monatsende."
        spans = find_dates(sentence)
        assert [s[2] for s in spans] == [text], sentence
        start, end, found = spans[0]
        assert sentence[start:end] == found


def test_dotted_dates_are_day_first_whatever_the_hint() -> None:
    assert parse_date("07.03.2024", "MDY") == date(2024, 3, 7)


def test_numeric_dates_follow_the_order() -> None:
    assert parse_date("03/04/2024", "DMY") == date(2024, 4, 3)
    assert parse_date("03/04/2024", "MDY") == date(2024, 3, 4)


@pytest.mark.parametrize(
    "text", ["", "30", "Net 30", "Net 30 days", "7 March", "12.50", "31/02/2024", "01/01/1850"]
)
def test_parse_date_rejects_what_is_not_a_full_date(text: str) -> None:
    assert parse_date(text) is None


def test_infer_date_order() -> None:
    assert infer_date_order(["Invoice date 25/03/2024"]) == "DMY"
    assert infer_date_order(["Invoice date 03/25/2024"], hint="DMY") == "MDY"
    # 03/04/2024 could be either: the hint decides
    assert infer_date_order(["03/04/2024"], hint="DMY") == "DMY"
    assert infer_date_order(["03/04/2024"], hint="MDY") == "MDY"
    assert infer_date_order([], hint="MDY") == "MDY"
    # one unambiguous date settles the ambiguous ones around it
    assert infer_date_order(["03/04/2024", "due 13/04/2024"], hint="MDY") == "DMY"


def test_find_dates_spans_in_a_sentence() -> None:
    text = "Invoice of 7 March 2024, due 2024-04-06; order 1234/5678, v1.2.3, total 12.50."
    spans = find_dates(text)
    assert [s[2] for s in spans] == ["7 March 2024", "2024-04-06"]
    assert all(text[start:end] == found for start, end, found in spans)


# ------------------------------------------------------------------------------------ currencies


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Gesamt 1.234,50 €", ["EUR"]),
        ("Total EUR 1,234.50", ["EUR"]),
        ("Amount due £120.00", ["GBP"]),
        ("Total $99.00", ["USD"]),
        ("Betrag CHF 1'234.50", ["CHF"]),
        ("Paid in USD, invoiced in EUR", ["USD", "EUR"]),
        ("12EUR", ["EUR"]),
        ("Total 12,00 kr", ["SEK"]),
        # codes and letter symbols inside other words are not currencies
        ("EUROPE USDA eurusd", []),
        ("Werkraum, Dankraft, Bankkredit", []),
        ("", []),
    ],
)
def test_find_currencies(text: str, codes: list[str]) -> None:
    assert find_currencies(text) == codes


# ----------------------------------------------------------------------------------------- IBANs

IBANS = [
    IBAN.generate("DE", bank_code="37040044", account_code="532013000"),
    IBAN.generate("FR", bank_code="3000600001", account_code="12345678901"),
    IBAN.generate("NL", bank_code="ABNA", account_code="0417164300"),
    IBAN.generate("GB", bank_code="NWBK601613", account_code="31926819"),
]


def _wrong_check_digits(compact: str) -> str:
    return f"{compact[:2]}{(int(compact[2:4]) + 1) % 100:02d}{compact[4:]}"


@pytest.mark.parametrize("iban", IBANS, ids=lambda i: i.country_code)
def test_parse_and_find_iban(iban: IBAN) -> None:
    compact, spaced = str(iban.compact), str(iban.formatted)
    assert " " in spaced
    assert parse_iban(compact) == compact
    assert parse_iban(spaced) == compact
    assert parse_iban(spaced.lower()) == compact
    assert find_ibans(f"IBAN: {spaced} BIC: XYZ") == [compact]
    assert find_ibans(f"Bitte überweisen Sie auf {compact}, danke.") == [compact]
    # a word after the spaced groups is not swallowed into the IBAN
    assert find_ibans(f"IBAN {spaced} DANK") == [compact]


@pytest.mark.parametrize("iban", IBANS, ids=lambda i: i.country_code)
def test_iban_with_a_wrong_checksum_is_rejected(iban: IBAN) -> None:
    wrong = _wrong_check_digits(str(iban.compact))
    assert parse_iban(wrong) is None
    assert find_ibans(f"IBAN {wrong}") == []
    assert parse_iban(str(iban.compact)[:-1]) is None  # one character short of the country's length


# -------------------------------------------------------------------------------------- tax ids


def _first_valid(candidates: list[str], valid: Callable[[str], bool]) -> str:
    return next(c for c in candidates if valid(c))


_SIREN = _first_valid([f"73282932{i}" for i in range(10)], luhn.is_valid)
VAT_IDS = {
    "DE": _first_valid([f"DE12345678{i}" for i in range(10)], eu_vat.is_valid),
    "FR": _first_valid([f"FR{i:02d}{_SIREN}" for i in range(100)], eu_vat.is_valid),
    "NL": _first_valid([f"NL12345678{i}B01" for i in range(10)], eu_vat.is_valid),
    "GB": _first_valid([f"GB{n}" for n in range(123456700, 123456800)], gb_vat.is_valid),
}


def _spaced(vat_id: str) -> str:
    return f"{vat_id[:2]} {' '.join(re.findall(r'.{1,3}', vat_id[2:]))}"


def _wrong_check_digit(vat_id: str) -> str:
    """Change the digit the checksum covers last (FR: the leading key), so the id is invalid."""
    position = {"FR": 3, "NL": len(vat_id) - 4}.get(vat_id[:2], len(vat_id) - 1)
    digit = str((int(vat_id[position]) + 1) % 10)
    wrong = vat_id[:position] + digit + vat_id[position + 1 :]
    validator = gb_vat if vat_id.startswith("GB") else eu_vat
    assert not validator.is_valid(wrong)  # the test's own premise
    return wrong


@pytest.mark.parametrize("country", sorted(VAT_IDS))
def test_valid_vat_ids_are_parsed_and_found(country: str) -> None:
    vat_id = VAT_IDS[country]
    assert parse_vat_id(vat_id) == vat_id
    assert parse_vat_id(_spaced(vat_id)) == vat_id
    assert parse_vat_id(vat_id.lower()) == vat_id
    assert find_tax_ids(f"USt-IdNr./VAT: {vat_id} Danke") == [vat_id]


@pytest.mark.parametrize("country", sorted(VAT_IDS))
def test_vat_id_with_a_wrong_check_digit_is_rejected(country: str) -> None:
    wrong = _wrong_check_digit(VAT_IDS[country])
    assert parse_vat_id(wrong) is None
    assert find_tax_ids(f"VAT: {wrong}") == []


def test_vat_id_garbage_is_none() -> None:
    assert parse_vat_id("") is None
    assert parse_vat_id("XX123") is None


def test_ein() -> None:
    assert parse_ein("12-3456789") == "12-3456789"
    assert parse_ein("123456789") == "12-3456789"
    assert parse_ein("12-345678") is None
    assert parse_ein("00-1234567") is None  # no IRS campus uses prefix 00
    text = f"EIN: 12-3456789, phone 555-1234567, VAT {VAT_IDS['DE']}"
    assert find_tax_ids(text) == ["12-3456789", VAT_IDS["DE"]]


# ------------------------------------------------------------------------------------- fold_text


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("RECHNUNG", "rechnung"),
        ("Straße", "strasse"),
        ("Échéance", "echeance"),
        ("Café-Bar", "cafe bar"),
        ("Rechnungs-Nr.:", "rechnungs nr"),
        ("  Invoice\t\n Date  ", "invoice date"),
        ("Invoice #: 123", "invoice # 123"),
        ("Inv#123", "inv # 123"),
        ("MwSt. 19%", "mwst 19%"),
    ],
)
def test_fold_text(text: str, folded: str) -> None:
    assert fold_text(text) == folded


@settings(PROPERTY, max_examples=200)
@given(st.text())
def test_fold_text_is_a_fixed_point(text: str) -> None:
    folded = fold_text(text)
    assert fold_text(folded) == folded
    assert folded == folded.strip() and "  " not in folded
