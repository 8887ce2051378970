"""Every built-in claim rule (pipelines/rules/claim.py) through the claim pack, as a run sees it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from extractors.model import Extraction, Field, ServiceLine, Severity
from pipelines.rules.base import RULES, PackError, RuleContext, load_pack
from pipelines.rules.claim import claim_duplicate_keys, pointer_readings
from pipelines.store import SqliteSeenIndex, default_store_path

TODAY = date(2024, 6, 1)
GOOD: dict[str, str | tuple[str, ...]] = {
    "claim_number": "CLM-1",
    "payer_name": "Blue Shield",
    "patient_name": "Jane Q. Public",
    "patient_dob": "1980-05-17",
    "patient_sex": "F",
    "member_id": "XYZ123456789",
    "provider_name": "Springfield Family Practice",
    "provider_npi": "1234567893",
    "diagnosis_codes": ("E11.9", "I10"),
    "total_charge": "250.00",
    "amount_paid": "0.00",
    "service_date_from": "2024-03-04",
    "service_date_to": "2024-03-04",
}
LINES = (
    ServiceLine("2024-03-04", "99213", ("25",), "AB", "1", "150.00"),
    ServiceLine("2024-03-04", "83036", (), "A", "1", "100.00"),
)
TWELVE_CODES = (
    *("E11.9", "I10", "E78.5", "J45.909", "M54.50", "R51.9"),
    *("Z00.00", "K21.9", "F41.1", "G47.33", "N39.0", "L40.0"),
)


def claim(
    lines: tuple[ServiceLine, ...] = LINES,
    confidence: float = 0.95,
    drop: tuple[str, ...] = (),
    **changes: str | tuple[str, ...] | None,
) -> Extraction:
    """The good claim with some fields changed (None or `drop`: not read)."""
    values = {**GOOD, **changes}
    fields = {
        k: Field(v, confidence, 1) for k, v in values.items() if v is not None and k not in drop
    }
    return Extraction("claim", "test", fields, service_lines=lines)


def line(
    service_date: str | None = "2024-03-04",
    code: str | None = "99213",
    modifiers: tuple[str, ...] = (),
    pointer: str | None = "A",
    charge: str | None = "250.00",
) -> ServiceLine:
    return ServiceLine(service_date, code, modifiers, pointer, "1", charge)


def fired(extraction: Extraction, context: RuleContext | None = None) -> dict[str, list[str]]:
    issues = load_pack("claim").run(extraction, context or RuleContext(today=TODAY))
    found: dict[str, list[str]] = {}
    for issue in issues:
        found.setdefault(issue.rule, []).append(issue.message)
    return found


def test_a_clean_claim_raises_nothing() -> None:
    assert fired(claim()) == {}


def test_every_registered_claim_rule_is_in_the_pack() -> None:
    pack = {c.rule.name for c in load_pack("claim").rules}
    registered = {name for name, r in RULES.items() if r.document_type == "claim"}
    assert registered == pack
    assert "claim.required_fields" in pack and "claim.field_confidence" in pack


def test_required_fields() -> None:
    issues = fired(claim(member_id=None, provider_npi=None))
    assert issues["claim.required_fields"] == ["missing required fields: member_id, provider_npi"]
    # the pack's list: what a claim is not worked without
    for name in ("patient_name", "total_charge", "diagnosis_codes", "service_date_from"):
        assert name in fired(claim(drop=(name,)))["claim.required_fields"][0]
    assert "claim.required_fields" not in fired(claim(claim_number=None, amount_paid=None))


def test_field_confidence() -> None:
    issues = fired(claim(confidence=0.5))
    assert issues["claim.field_confidence"][0].startswith("confidence under 0.80: ")
    assert "provider_npi 0.50" in issues["claim.field_confidence"][0]
    assert "claim.field_confidence" not in fired(claim(confidence=0.8))


# ------------------------------------------------------------------------------------------- NPI


def test_npi_check_digit_names_the_right_digit() -> None:
    issues = fired(claim(provider_npi="1234567890"))
    assert issues["claim.npi_check_digit"] == [
        "provider NPI 1234567890 fails the check digit: 123456789 should end in 3, not 0"
    ]


@pytest.mark.parametrize("npi", ["123456789", "12345678931", "12345B7893"])
def test_npi_must_be_ten_digits(npi: str) -> None:
    assert fired(claim(provider_npi=npi))["claim.npi_check_digit"] == [
        f"provider NPI {npi} is not 10 digits"
    ]


@pytest.mark.parametrize("npi", ["1234567893", "1245319599", "1679576722"])
def test_valid_npis_pass(npi: str) -> None:
    assert "claim.npi_check_digit" not in fired(claim(provider_npi=npi))


# ---------------------------------------------------------------------------------------- ICD-10


def test_icd10_codes_must_be_billable() -> None:
    issues = fired(claim(diagnosis_codes=("E11", "I10", "A00.5", "12.3")))
    assert issues["claim.icd10_codes_valid"] == [
        "diagnosis codes not billable: E11 (a header code: a billable code has more "
        "characters), A00.5 (not in ICD-10-CM), 12.3 (not an ICD-10 code)"
    ]


def test_one_unbillable_code_is_named() -> None:
    issues = fired(claim(diagnosis_codes=("E11.9", "S72.001")))
    assert issues["claim.icd10_codes_valid"] == [
        "diagnosis code not billable: S72.001 (a header code: a billable code has more characters)"
    ]


def test_billable_codes_pass_however_printed() -> None:
    codes = ("e119", "I10", "S72.001A", "T36.0X1A", "Z3A.01")
    assert "claim.icd10_codes_valid" not in fired(claim(diagnosis_codes=codes))


# ------------------------------------------------------------------------------ procedure codes


def test_procedure_code_must_be_cpt_or_hcpcs_shaped() -> None:
    lines = (line(code="9921", charge="150.00"), line(code="F1234", charge="100.00"))
    assert fired(claim(lines))["claim.procedure_code_format"] == [
        "line 1: procedure code 9921 is not a CPT or HCPCS code",
        "line 2: procedure code F1234 is not a CPT or HCPCS code",
    ]


def test_modifiers_are_two_letters_or_digits() -> None:
    lines = (
        line(modifiers=("25", "5"), charge="150.00"),
        line(code="J110", modifiers=("RT", "LTX", "5"), charge="100.00"),
    )
    assert fired(claim(lines))["claim.procedure_code_format"] == [
        "line 1: modifier 5 is not two letters or digits",
        "line 2: procedure code J110 is not a CPT or HCPCS code; "
        "modifiers LTX, 5 are not two letters or digits",
    ]


def test_cpt_categories_and_hcpcs_pass() -> None:
    lines = (
        line(code="99213", modifiers=("25",), charge="100.00"),
        line(code="3074F", charge="0.00"),
        line(code="0042T", charge="50.00"),
        line(code="J1100", modifiers=("RT", "59"), charge="100.00"),
    )
    assert "claim.procedure_code_format" not in fired(claim(lines))


# --------------------------------------------------------------------------------------- charges


def test_service_line_charges_sum_to_the_total() -> None:
    issues = fired(claim(total_charge="260.00"))
    assert issues["claim.service_lines_sum"] == [
        "2 service line charges sum to 250.00, but total charge reads 260.00"
    ]


@pytest.mark.parametrize(
    ("total", "flagged"), [("250.01", False), ("249.99", False), ("250.02", True)]
)
def test_service_line_sum_tolerance(total: str, flagged: bool) -> None:
    assert ("claim.service_lines_sum" in fired(claim(total_charge=total))) is flagged


def test_a_line_charge_is_its_total_not_the_unit_price() -> None:
    # three units at 50.00: box 24F prints the line total, 150.00
    lines = (ServiceLine("2024-03-04", "97110", (), "A", "3", "150.00"), LINES[1])
    assert "claim.service_lines_sum" not in fired(claim(lines))


def test_service_line_sum_skips_a_line_without_charge() -> None:
    lines = (line(charge=None), LINES[1])
    assert "claim.service_lines_sum" not in fired(claim(lines, total_charge="999.00"))


def test_amount_paid_not_above_total() -> None:
    issues = fired(claim(amount_paid="250.02"))
    assert issues["claim.amount_paid_within_total"] == [
        "amount paid 250.02 is above the total charge 250.00"
    ]
    assert "claim.amount_paid_within_total" not in fired(claim(amount_paid="250.00"))
    assert "claim.amount_paid_within_total" not in fired(claim(amount_paid="250.01"))


# --------------------------------------------------------------------------- diagnosis pointers


def test_a_pointer_past_the_listed_codes() -> None:
    lines = (line(pointer="AC", charge="150.00"), line(pointer="B", charge="100.00"))
    assert fired(claim(lines))["claim.diagnosis_pointers"] == [
        "line 1: diagnosis pointer AC points past the 2 diagnosis codes listed (A E11.9, B I10)"
    ]


@pytest.mark.parametrize("pointer", ["M", "A1", "0", "?", "13X"])
def test_a_pointer_that_is_not_one(pointer: str) -> None:
    lines = (line(pointer=pointer),)
    assert fired(claim(lines))["claim.diagnosis_pointers"] == [
        f"line 1: diagnosis pointer {pointer} is not letters A–L or numbers 1–12"
    ]


@pytest.mark.parametrize(
    ("pointer", "codes", "flagged"),
    [
        ("A", 1, False),
        ("B", 1, True),
        ("ABCD", 4, False),
        ("A,B", 2, False),
        ("a b", 2, False),
        ("L", 12, False),
        ("L", 11, True),
        ("1", 1, False),
        ("2", 1, True),
        ("12", 2, False),  # the old form: pointers 1 and 2 run together
        ("12", 1, True),
        ("1234", 4, False),
        ("10", 10, False),
        ("10", 9, True),
        ("1, 12", 12, False),
        ("1, 12", 2, False),  # read as 1, 1 and 2
    ],
)
def test_pointer_boundaries(pointer: str, codes: int, flagged: bool) -> None:
    lines = (line(pointer=pointer),)
    extraction = claim(lines, diagnosis_codes=TWELVE_CODES[:codes])
    assert ("claim.diagnosis_pointers" in fired(extraction)) is flagged


def test_pointer_readings() -> None:
    assert pointer_readings("AB") == [(1, 2)]
    assert pointer_readings("12") == [(1, 2), (12,)]
    assert pointer_readings("10") == [(10,)]
    assert pointer_readings("0") is None
    assert pointer_readings("") is None


def test_pointers_are_not_checked_without_codes() -> None:
    issues = fired(claim(diagnosis_codes=None))
    assert "claim.diagnosis_pointers" not in issues
    assert "diagnosis_codes" in issues["claim.required_fields"][0]


# -------------------------------------------------------------------------------- service dates


def test_service_before_the_patient_was_born() -> None:
    lines = (line(service_date="1980-05-16", charge="150.00"), LINES[1])
    issues = fired(claim(lines, service_date_from="1980-05-16"))
    assert issues["claim.service_dates"] == [
        "service dated before the patient's date of birth 1980-05-17: "
        "from date 1980-05-16, line 1 1980-05-16"
    ]


def test_service_on_the_day_of_birth_is_possible() -> None:
    lines = (line(service_date="2024-03-04", charge="250.00"),)
    assert "claim.service_dates" not in fired(claim(lines, patient_dob="2024-03-04"))


def test_service_in_the_future() -> None:
    context = RuleContext(today=date(2024, 3, 3))
    issues = fired(claim(), context)
    assert issues["claim.service_dates"] == [
        "service dated after today (2024-03-03): from date 2024-03-04, to date 2024-03-04, "
        "line 1 2024-03-04, line 2 2024-03-04"
    ]
    assert "claim.service_dates" not in fired(claim(), RuleContext(today=date(2024, 3, 4)))


def test_from_date_not_after_to_date() -> None:
    issues = fired(claim(service_date_from="2024-03-05"))
    assert issues["claim.service_dates"] == [
        "service from date 2024-03-05 is after the to date 2024-03-04"
    ]
    assert "claim.service_dates" not in fired(claim(service_date_to="2024-03-05"))


def test_an_unreadable_date_is_skipped_not_fatal() -> None:
    lines = (line(service_date="03/04/2024"),)
    assert "claim.service_dates" not in fired(claim(lines, patient_dob="17.05.1980"))


# ------------------------------------------------------------------------------------ duplicates


def test_duplicate_same_patient_dates_and_procedures() -> None:
    seen = SqliteSeenIndex(default_store_path() / "seen.sqlite")  # $BPO_HOME: a temp dir
    first = RuleContext(sha256="a" * 64, source="a.pdf", seen=seen, today=TODAY)
    assert "claim.duplicate" not in fired(claim(), first)
    again = RuleContext(sha256="a" * 64, source="a.pdf", seen=seen, today=TODAY)
    assert "claim.duplicate" not in fired(claim(), again), "a re-run is not a duplicate"
    copy = RuleContext(sha256="b" * 64, source="b.pdf", seen=seen, today=TODAY)
    # the name is compared folded, and the procedures as a set: line order does not matter
    resubmitted = claim((LINES[1], LINES[0]), patient_name="JANE Q PUBLIC", member_id="OTHER-1")
    assert fired(resubmitted, copy)["claim.duplicate"] == [
        "same patient, date of birth, dates of service and procedure codes as a.pdf "
        "(processed before)"
    ]
    seen.close()


def test_duplicate_keys_are_stable_across_runs() -> None:
    # the store outlives the process: a key must not depend on set order or on how a value printed
    lines = (line(code="j1100 ", charge="150.00"), *LINES, line(service_date="2024-03-02"))
    keys = claim_duplicate_keys(
        claim(lines, patient_name="Jane  Q. PUBLIC", member_id="xyz 123456789"),
        ("patient+dob+dates+procedures", "member+dates+procedures"),
    )
    assert keys == {
        "patient+dob+dates+procedures": "jane q public|1980-05-17|2024-03-02,2024-03-04|"
        "83036,99213,J1100",
        "member+dates+procedures": "XYZ123456789|2024-03-02,2024-03-04|83036,99213,J1100",
    }
    assert claim_duplicate_keys(claim(member_id=None), ("member+dates+procedures",)) == {}


def test_duplicate_same_member_id() -> None:
    seen = SqliteSeenIndex(default_store_path() / "seen.sqlite")
    fired(claim(), RuleContext(sha256="a" * 64, source="a.pdf", seen=seen, today=TODAY))
    context = RuleContext(sha256="b" * 64, source="b.pdf", seen=seen, today=TODAY)
    # the patient's name misread, but the member id, dates and procedures match
    issues = fired(claim(patient_name="Jane Pubiic", member_id="xyz 123456789"), context)
    assert issues["claim.duplicate"] == [
        "same member id, dates of service and procedure codes as a.pdf (processed before)"
    ]


MOVED = tuple(
    ServiceLine("2024-03-05", sl.procedure_code, sl.modifiers, sl.diagnosis_pointer, "1", sl.charge)
    for sl in LINES
)


@pytest.mark.parametrize(
    ("lines", "day", "dob", "member"),
    [
        (MOVED, "2024-03-05", "1980-05-17", "XYZ123456789"),  # another day
        (
            (line(code="99214", charge="150.00"), LINES[1]),
            "2024-03-04",
            "1980-05-17",
            "XYZ123456789",
        ),
        ((*LINES, line(code="36415", charge="0.00")), "2024-03-04", "1980-05-17", "XYZ123456789"),
        (LINES, "2024-03-04", "1981-05-17", "XYZ999"),  # another patient of the same name
    ],
    ids=["other-date", "other-procedure", "extra-procedure", "other-patient"],
)
def test_not_a_duplicate(
    tmp_path: Path, lines: tuple[ServiceLine, ...], day: str, dob: str, member: str
) -> None:
    seen = SqliteSeenIndex(tmp_path / "seen.sqlite")
    fired(claim(), RuleContext(sha256="a" * 64, source="a.pdf", seen=seen, today=TODAY))
    other = claim(
        lines, service_date_from=day, service_date_to=day, patient_dob=dob, member_id=member
    )
    context = RuleContext(sha256="b" * 64, source="b.pdf", seen=seen, today=TODAY)
    assert "claim.duplicate" not in fired(other, context)


def test_claim_and_invoice_duplicates_do_not_mix(tmp_path: Path) -> None:
    seen = SqliteSeenIndex(tmp_path / "seen.sqlite")
    keys = {"member+dates+procedures": "XYZ123456789|2024-03-04|83036,99213"}
    assert seen.check_and_record("invoice", "z" * 64, "z.pdf", keys) == []
    context = RuleContext(sha256="a" * 64, source="a.pdf", seen=seen, today=TODAY)
    assert "claim.duplicate" not in fired(claim(), context)


def test_duplicate_keys_are_checked_when_the_pack_loads(tmp_path: Path) -> None:
    override = tmp_path / "claim.toml"
    override.write_text('[rules."claim.duplicate"]\nkeys = ["patient+ssn"]\n')
    with pytest.raises(PackError, match="unknown part ssn") as info:
        load_pack("claim", [override])
    assert "claim.toml" in str(info.value)


def test_client_override_of_claim_rules(tmp_path: Path) -> None:
    override = tmp_path / "claim.toml"
    override.write_text(
        '[rules."claim.service_lines_sum"]\ntolerance = "0.05"\n'
        '[rules."claim.duplicate"]\nkeys = ["member+dates+procedures"]\n'
        '[rules."claim.npi_check_digit"]\nseverity = "warning"\n'
    )
    pack = load_pack("claim", [override])
    assert pack.setting("claim.duplicate", "keys", None) == ("member+dates+procedures",)
    issues = {
        i.rule: i
        for i in pack.run(
            claim(total_charge="250.04", provider_npi="1234567890"), RuleContext(today=TODAY)
        )
    }
    assert "claim.service_lines_sum" not in issues
    assert issues["claim.npi_check_digit"].severity is Severity.WARNING
