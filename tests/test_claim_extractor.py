"""CMS-1500 claims read three ways (the form's own fields, a flattened PDF's text layer by box,
a scan by box after registration), and claim summaries read by their labels."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest

from extractors.api import ExtractSettings
from extractors.claim import ClaimExtractor, _date, _money
from extractors.form_layout import cms1500, register
from extractors.model import BBox, Extraction, Page, Source, Word
from pipelines.read import read_document
from tests.builders import Item, draw_pdf, fill_cms1500

EXTRACTOR = ClaimExtractor()

VALUES = {
    "insurance_name": "ACME HEALTH PLAN",
    "insurance_id": "XYZ123456",
    "pt_name": "DOE, JOHN, A",
    "birth_mm": "05",
    "birth_dd": "14",
    "birth_yy": "1961",
    "ins_name": "DOE, JOHN, A",
    "ins_policy": "GRP-4471",
    "diagnosis1": "E119",
    "diagnosis2": "I10",
    "sv1_mm_from": "03",
    "sv1_dd_from": "07",
    "sv1_yy_from": "24",
    "cpt1": "99213",
    "mod1": "25",
    "diag1": "AB",
    "ch1": "150 00",
    "day1": "1",
    "sv2_mm_from": "03",
    "sv2_dd_from": "09",
    "sv2_yy_from": "24",
    "cpt2": "36415",
    "diag2": "A",
    "ch2": "100 00",
    "day2": "1",
    "tax_id": "12-3456789",
    "pt_account": "ACC-20931",
    "t_charge": "250 00",
    "amt_paid": "0 00",
    "doc_name": "RIVERSIDE FAMILY MEDICINE",
    "pin": "1234567893",
}
EXPECTED = {
    "payer_name": "ACME HEALTH PLAN",
    "member_id": "XYZ123456",
    "patient_name": "DOE, JOHN, A",
    "patient_dob": "1961-05-14",
    "insured_name": "DOE, JOHN, A",
    "group_number": "GRP-4471",
    "diagnosis_codes": ("E11.9", "I10"),
    "billing_tax_id": "12-3456789",
    "claim_number": "ACC-20931",
    "total_charge": "250.00",
    "amount_paid": "0.00",
    "provider_name": "RIVERSIDE FAMILY MEDICINE",
    "provider_npi": "1234567893",
    "service_date_from": "2024-03-07",
    "service_date_to": "2024-03-09",
}
LINES = [
    ("2024-03-07", "99213", ("25",), "AB", "1", "150.00"),
    ("2024-03-09", "36415", (), "A", "1", "100.00"),
]


def values(ex: Extraction) -> dict[str, object]:
    return {name: f.value for name, f in ex.fields.items()}


def lines(ex: Extraction) -> list[tuple[object, ...]]:
    return [
        (s.service_date, s.procedure_code, s.modifiers, s.diagnosis_pointer, s.units, s.charge)
        for s in ex.service_lines
    ]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("claims")


@pytest.fixture(scope="module")
def filled(folder: Path) -> Extraction:
    path = fill_cms1500(folder / "filled.pdf", VALUES)
    return EXTRACTOR.extract(read_document(path), ExtractSettings())


@pytest.fixture(scope="module")
def flattened_pdf(folder: Path) -> Path:
    return fill_cms1500(folder / "flat.pdf", VALUES, flatten=True)


def test_a_filled_form_is_read_from_its_own_fields(filled: Extraction) -> None:
    assert values(filled) == {**EXPECTED}
    assert all(f.source is Source.FORM and f.confidence >= 0.95 for f in filled.fields.values())
    assert lines(filled) == LINES
    npi = filled.fields["provider_npi"]
    assert npi.page == 1 and npi.bbox is not None and npi.bbox.top > 700, "box 33a, at the foot"


def test_a_flattened_form_is_read_by_box_from_its_text_layer(flattened_pdf: Path) -> None:
    document = read_document(flattened_pdf)
    page = document.pages[0]
    assert page.form_fields == () and page.source is Source.TEXT
    registration = register(page, cms1500())
    assert registration is not None and registration.anchors >= 40
    assert abs(registration.sx - 1) < 0.01 and abs(registration.dx) < 1, "same geometry"
    ex = EXTRACTOR.extract(document, ExtractSettings())
    assert values(ex) == EXPECTED
    assert ex.fields["patient_name"].source is Source.TEXT
    assert lines(ex) == LINES


def test_a_scanned_form_is_registered_and_read_by_box(flattened_pdf: Path, folder: Path) -> None:
    pdf = pdfium.PdfDocument(str(flattened_pdf))
    image = pdf[0].render(scale=200 / 72, grayscale=True).to_pil()
    pdf.close()
    # printed a little smaller and off-centre, and slightly turned
    image = image.resize((int(image.width * 0.97), int(image.height * 0.97)))
    image = image.rotate(0.6, expand=True, fillcolor=255).crop((0, 0, 1700, 2200))
    scan = folder / "scan.png"
    image.save(scan, dpi=(200, 200))
    document = read_document(scan)
    registration = register(document.pages[0], cms1500())
    assert registration is not None and 0.94 < registration.sx < 1.0
    ex = EXTRACTOR.extract(document, ExtractSettings())
    got = values(ex)
    for name in ("member_id", "patient_dob", "claim_number", "total_charge", "provider_npi"):
        assert got.get(name) == EXPECTED[name], name
    assert got.get("diagnosis_codes") == ("E11.9", "I10")
    assert [line[1] for line in lines(ex)] == ["99213", "36415"]
    assert all(f.source is Source.OCR for f in ex.fields.values())


def test_a_page_that_is_not_the_form_does_not_register() -> None:
    words = tuple(
        Word(t, BBox(50 + 40 * i, 100, 80 + 40 * i, 110), 0.95)
        for i, t in enumerate(["This", "letter", "confirms", "our", "meeting", "on", "Tuesday"])
    )
    assert register(Page(1, 612, 792, words), cms1500()) is None


@pytest.mark.parametrize(
    ("printed", "normal"),
    [
        ("150 00", "150.00"),
        ("1,250 00", "1250.00"),
        ("$75.5", None),
        ("75", "75.00"),
        # as OCR reads the box's dollar/cents rule, or loses it and leaves a mark
        ("$ 250:00", "250.00"),
        ("15000!", "150.00"),
        ("100'00|", "100.00"),
    ],
)
def test_charges_split_in_dollars_and_cents(printed: str, normal: str | None) -> None:
    assert _money(printed) == normal


def test_two_digit_years() -> None:
    assert _date("05", "14", "61", birth=True) == "1961-05-14"
    assert _date("03", "07", "24", birth=False) == "2024-03-07"
    assert _date("02", "30", "2024", birth=False) is None


def test_a_claim_summary_is_read_by_its_labels(tmp_path: Path) -> None:
    page: list[Item] = [
        (50, 50, "CLAIM DETAIL REPORT", 16),
        (50, 80, "Claim #:", 10),
        (160, 80, "CLM-2024-0088", 10),
        (320, 80, "Payer:", 10),
        (400, 80, "Blue Ridge Health", 10),
        (50, 96, "Patient:", 10),
        (160, 96, "Maria Lopez", 10),
        (320, 96, "Member ID:", 10),
        (400, 96, "BRH884201", 10),
        (50, 112, "Date of Birth:", 10),
        (160, 112, "07/22/1984", 10),
        (320, 112, "Sex:", 10),
        (400, 112, "F", 10),
        (50, 128, "Billing Provider:", 10),
        (160, 128, "Lakeside Clinic", 10),
        (320, 128, "NPI:", 10),
        (400, 128, "1234567893", 10),
        (50, 144, "Tax ID:", 10),
        (160, 144, "98-7654321", 10),
        (50, 170, "Diagnosis codes:", 10),
        (160, 170, "J06.9, R05.9", 10),
        (50, 200, "DOS", 9),
        (120, 200, "CPT/HCPCS", 9),
        (200, 200, "Mod", 9),
        (250, 200, "Dx Ptr", 9),
        (300, 200, "Units", 9),
        (400, 200, "Charge", 9, "r"),
        (50, 215, "08/14/2024", 9),
        (120, 215, "99203", 9),
        (200, 215, "25", 9),
        (250, 215, "AB", 9),
        (300, 215, "1", 9),
        (400, 215, "180.00", 9, "r"),
        (50, 230, "08/14/2024", 9),
        (120, 230, "87880", 9),
        (250, 230, "A", 9),
        (300, 230, "1", 9),
        (400, 230, "35.00", 9, "r"),
        (300, 260, "Total Charges:", 10),
        (440, 260, "$215.00", 10, "r"),
        (300, 275, "Amount Paid:", 10),
        (440, 275, "$0.00", 10, "r"),
    ]
    ex = EXTRACTOR.extract(
        read_document(draw_pdf(tmp_path / "summary.pdf", [page])), ExtractSettings()
    )
    assert values(ex) == {
        "claim_number": "CLM-2024-0088",
        "payer_name": "Blue Ridge Health",
        "patient_name": "Maria Lopez",
        "member_id": "BRH884201",
        "patient_dob": "1984-07-22",
        "patient_sex": "F",
        "provider_name": "Lakeside Clinic",
        "provider_npi": "1234567893",
        "billing_tax_id": "98-7654321",
        "diagnosis_codes": ("J06.9", "R05.9"),
        "total_charge": "215.00",
        "amount_paid": "0.00",
        "service_date_from": "2024-08-14",
        "service_date_to": "2024-08-14",
    }
    assert lines(ex) == [
        ("2024-08-14", "99203", ("25",), "AB", "1", "180.00"),
        ("2024-08-14", "87880", (), "A", "1", "35.00"),
    ]
