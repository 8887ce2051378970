"""Health-care codes (extractors/values.py): NPIs, ICD-10-CM diagnosis codes, CPT/HCPCS codes.

The NPI check digit is recomputed here the way the CMS standard spells it out (double every
other digit from the right, add 24 for the 80840 prefix), and the ICD-10-CM expectations come
from the code set's own hierarchy (a code is billable when nothing sits below it), so that the
expectations do not come from the code under test.
"""

from __future__ import annotations

import re
import warnings

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from extractors.values import (
    icd10_misread_fixed,
    icd10cm_in_code_set,
    normalize_icd10,
    npi_check_digit,
    procedure_code_kind,
    valid_icd10cm,
    valid_npi,
)

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    import simple_icd_10_cm

PROPERTY = settings(deadline=None)  # the code set loads on the first call
DIGITS = "0123456789"
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"

# ------------------------------------------------------------------------------------------- NPI


def cms_check_digit(first_nine: str) -> str:
    """The NPI check digit as the CMS standard computes it by hand."""
    total = 24  # the doubled-and-summed digits of the 80840 prefix
    for position, char in enumerate(reversed(first_nine)):
        digit = int(char) * (2 if position % 2 == 0 else 1)
        total += digit // 10 + digit % 10
    return str((10 - total % 10) % 10)


nine_digits = st.text(DIGITS, min_size=9, max_size=9)


def test_the_cms_example_npi() -> None:
    assert valid_npi("1234567893")  # the worked example of the CMS check-digit standard
    assert not valid_npi("1234567890")
    assert npi_check_digit("123456789") == "3"


@settings(PROPERTY, max_examples=200)
@given(nine_digits)
@example("123456789")
@example("000000000")
@example("999999999")
def test_only_the_right_check_digit_makes_an_npi(first_nine: str) -> None:
    right = cms_check_digit(first_nine)
    assert npi_check_digit(first_nine) == right
    for last in DIGITS:
        assert valid_npi(first_nine + last) is (last == right)


@settings(PROPERTY, max_examples=200)
@given(nine_digits, st.integers(0, 9), st.integers(1, 9))
def test_a_single_mistyped_digit_is_caught(first_nine: str, position: int, shift: int) -> None:
    npi = first_nine + cms_check_digit(first_nine)
    typo = npi[:position] + str((int(npi[position]) + shift) % 10) + npi[position + 1 :]
    assert valid_npi(npi)
    assert not valid_npi(typo)


@settings(PROPERTY, max_examples=100)
@given(st.text(DIGITS, max_size=14).filter(lambda s: len(s) != 10))
@example("")
@example("123456789")
@example("12345678930")
def test_an_npi_is_ten_digits(text: str) -> None:
    assert not valid_npi(text)


@pytest.mark.parametrize("text", ["123456789X", "12345-6789", "1234567893.0", "I234567893"])
def test_an_npi_is_digits_only(text: str) -> None:
    assert not valid_npi(text)


# ---------------------------------------------------------------------------------------- ICD-10

ICD10_SHAPE = r"[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?"
# every code of the code set (headers and billable codes), skipping its chapters and blocks
CODE_SET = sorted(c for c in simple_icd_10_cm.get_all_codes(True) if re.fullmatch(ICD10_SHAPE, c))


@st.composite
def icd10_shaped(draw: st.DrawFn) -> str:
    category = draw(st.sampled_from(LETTERS)) + draw(st.sampled_from(DIGITS))
    category += draw(st.sampled_from(DIGITS + LETTERS))
    rest = draw(st.text(DIGITS + LETTERS, max_size=4))
    return f"{category}.{rest}" if rest else category


@settings(PROPERTY, max_examples=200)
@given(icd10_shaped(), st.sampled_from(["as is", "lower", "no dot", "spaced"]))
@example("E11.9", "no dot")
@example("O9A.11", "lower")
@example("S72.001A", "spaced")
def test_an_icd10_code_printed_any_way_normalizes_back(code: str, style: str) -> None:
    printed = {
        "as is": code,
        "lower": code.lower(),
        "no dot": code.replace(".", ""),
        "spaced": f" {code[:3]} {code[3:]} ",
    }[style]
    assert normalize_icd10(printed) == code
    assert normalize_icd10(code) == code  # the normal form is a fixed point


@settings(PROPERTY, max_examples=200)
@given(icd10_shaped())
def test_a_code_read_right_is_left_as_it_is(code: str) -> None:
    assert icd10_misread_fixed(code) == code


@pytest.mark.parametrize(
    ("read", "code"),
    [
        ("110", "I10"),  # the letter I read as a one
        ("EI1.9", "E11.9"),  # a one read as the letter I
        ("RO5.9", "R05.9"),
        ("RQ5.9", "R05.9"),
        ("M5A.2", "M5A.2"),  # past the second character letters are the code's own
        ("|L40.0", "L40.0"),  # a box's edge before it
        ("A1", "A1"),  # too short to be a code
    ],
)
def test_what_ocr_confuses_in_an_icd10_code_is_set_right(read: str, code: str) -> None:
    assert icd10_misread_fixed(read) == code


@pytest.mark.parametrize(
    "text",
    ["", "E1", "11.9", "EE1.9", "E11.99999", "E11..9", "E11-9", "E11.9.", "99213", "E11.9/I10"],
)
def test_what_is_not_shaped_like_an_icd10_code(text: str) -> None:
    assert normalize_icd10(text) is None
    assert not valid_icd10cm(text)
    assert not icd10cm_in_code_set(text)


@settings(PROPERTY, max_examples=300)
@given(st.sampled_from(CODE_SET))
@example("E11")
@example("E11.9")
@example("S72.001")
@example("S72.001A")
@example("Z3A.01")
def test_billable_means_nothing_below_it_in_the_code_set(code: str) -> None:
    assert icd10cm_in_code_set(code)
    assert valid_icd10cm(code) is (not simple_icd_10_cm.get_children(code))
    assert valid_icd10cm(code.replace(".", "").lower()) is valid_icd10cm(code)


@pytest.mark.parametrize(
    ("code", "billable"),
    [
        ("E11.9", True),  # type 2 diabetes without complications
        ("e119", True),
        ("I10", True),  # a category with no subdivisions is billable itself
        ("E11", False),  # a category that is subdivided is not
        ("J45.90", False),
        ("J45.909", True),
        ("S72.001", False),  # needs its seventh character
        ("S72.001A", True),
        ("T36.0X1A", True),  # X as a placeholder
        ("A00.5", False),  # code-shaped, but not in ICD-10-CM
        ("U07.1", True),
    ],
)
def test_known_billable_and_unbillable_codes(code: str, billable: bool) -> None:
    assert valid_icd10cm(code) is billable


# ---------------------------------------------------------------------------- procedure codes

# HCPCS Level II sections, one real code each (CMS's HCPCS file)
HCPCS_EXAMPLES = {
    "A": "A0425",  # ground mileage
    "B": "B4035",  # enteral feeding supply kit
    "C": "C1713",  # anchor for opposing bone to bone
    "D": "D0120",  # periodic oral evaluation (the dental codes)
    "E": "E0114",  # crutches
    "G": "G0439",  # annual wellness visit
    "H": "H0001",  # alcohol and drug assessment
    "J": "J1100",  # dexamethasone injection
    "K": "K0001",  # standard wheelchair
    "L": "L3000",  # foot insert
    "M": "M0201",  # vaccine administration at home
    "P": "P9604",  # travel allowance, specimen collection
    "Q": "Q4186",  # skin substitute
    "R": "R0070",  # portable x-ray transport
    "S": "S0281",  # medical home program
    "T": "T1015",  # clinic visit, all-inclusive
    "U": "U0003",  # SARS-CoV-2 amplified probe technique
    "V": "V2020",  # spectacle frames
}
UNUSED_LETTERS = sorted(set(LETTERS) - set(HCPCS_EXAMPLES))  # F, I, N, O, W, X, Y, Z


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        ("99213", "cpt"),
        ("00100", "cpt"),  # anesthesia codes start with zeros
        ("3074F", "cpt-category-ii"),
        ("0042T", "cpt-category-iii"),
        *((code, "hcpcs") for code in HCPCS_EXAMPLES.values()),
        ("j1100", "hcpcs"),
        ("9921", None),
        ("992130", None),
        ("3074G", None),
        ("J110", None),
        ("JJ100", None),
        ("", None),
    ],
)
def test_procedure_code_kinds(code: str, kind: str | None) -> None:
    assert procedure_code_kind(code) == kind


@settings(PROPERTY, max_examples=200)
@given(st.text(DIGITS, min_size=4, max_size=4), st.sampled_from(LETTERS))
def test_four_digits_and_a_letter(digits: str, letter: str) -> None:
    assert procedure_code_kind(digits + "0") == "cpt"
    suffix_kind = {"F": "cpt-category-ii", "T": "cpt-category-iii"}.get(letter)
    assert procedure_code_kind(digits + letter) == suffix_kind
    prefix_kind = None if letter in UNUSED_LETTERS else "hcpcs"
    assert procedure_code_kind(letter + digits) == prefix_kind
    assert procedure_code_kind(letter.lower() + digits) == prefix_kind


@settings(PROPERTY, max_examples=200)
@given(st.text(DIGITS + LETTERS, max_size=8).filter(lambda s: len(s) != 5))
def test_a_procedure_code_is_five_characters(text: str) -> None:
    assert procedure_code_kind(text) is None
