"""The invoice extractor on layouts drawn here: the same facts worded and placed many ways."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.api import ExtractSettings
from extractors.invoice import InvoiceExtractor
from extractors.model import Extraction
from pipelines.read import read_document
from tests.builders import HEADER, Item, draw_pdf, label_rows

EXTRACTOR = InvoiceExtractor()


def extract(path: Path) -> Extraction:
    return EXTRACTOR.extract(read_document(path), ExtractSettings())


def values(ex: Extraction) -> dict[str, object]:
    return {k: f.value for k, f in ex.fields.items()}


@pytest.mark.parametrize(
    ("label", "field", "printed", "normal"),
    [
        ("Invoice #", "invoice_number", "INV-10023", "INV-10023"),
        ("Invoice No.", "invoice_number", "2024/0042", "2024/0042"),
        ("Bill Number:", "invoice_number", "B-77", "B-77"),
        ("Document No", "invoice_number", "DOC-991", "DOC-991"),
        ("Rechnungsnummer:", "invoice_number", "RE-2024-17", "RE-2024-17"),
        ("Facture n°", "invoice_number", "F2024-003", "F2024-003"),
        ("Factuurnummer", "invoice_number", "2024.118", "2024.118"),
        ("Amount Due", "amount_due", "$1,234.50", "1234.50"),
        ("Balance Due:", "amount_due", "1,234.50 USD", "1234.50"),
        ("Grand Total", "total_amount", "£1,234.50", "1234.50"),
        ("Gesamtbetrag", "total_amount", "1.234,50 €", "1234.50"),
        ("Total TTC", "total_amount", "1 234,50 €", "1234.50"),
        ("Te betalen", "amount_due", "€ 1.234,50", "1234.50"),
        ("Date:", "invoice_date", "7 March 2024", "2024-03-07"),
        ("Invoice Date", "invoice_date", "Mar 7, 2024", "2024-03-07"),
        ("Rechnungsdatum", "invoice_date", "07.03.2024", "2024-03-07"),
        ("Date de facture", "invoice_date", "7 mars 2024", "2024-03-07"),
        ("Factuurdatum", "invoice_date", "7-3-2024", "2024-03-07"),
        ("Issue date", "invoice_date", "2024-03-07", "2024-03-07"),
        ("Due Date", "due_date", "21/03/2024", "2024-03-21"),
        ("Fällig am", "due_date", "21.03.2024", "2024-03-21"),
        ("Date d'échéance", "due_date", "21 mars 2024", "2024-03-21"),
        ("P.O. Number", "purchase_order", "PO-7781", "PO-7781"),
        ("Bestellnummer", "purchase_order", "4500012345", "4500012345"),
        ("Payment Terms:", "payment_terms", "Net 30", "Net 30"),
        ("Zahlungsziel:", "payment_terms", "14 Tage netto", "14 Tage netto"),
    ],
)
def test_label_wordings(tmp_path: Path, label: str, field: str, printed: str, normal: str) -> None:
    path = draw_pdf(
        tmp_path / "x.pdf", [[*HEADER, (420, 60, "INVOICE", 20), *label_rows([(label, printed)])]]
    )
    assert values(extract(path)).get(field) == normal


def test_value_under_its_label_in_a_header_row(tmp_path: Path) -> None:
    row: list[Item] = [
        (50, 150, "Invoice Number", 9),
        (170, 150, "Invoice Date", 9),
        (290, 150, "Due Date", 9),
        (50, 164, "A-5531", 10),
        (170, 164, "03/14/2024", 10),
        (290, 164, "04/13/2024", 10),
    ]
    path = draw_pdf(
        tmp_path / "x.pdf", [[*HEADER, *row, (50, 300, "Total", 10), (300, 300, "$10.00", 10)]]
    )
    got = values(extract(path))
    assert got["invoice_number"] == "A-5531"
    assert got["invoice_date"] == "2024-03-14"  # US dollars and a 14 in second place: month first
    assert got["due_date"] == "2024-04-13"


def test_day_first_when_a_date_proves_it(tmp_path: Path) -> None:
    path = draw_pdf(
        tmp_path / "x.pdf",
        [[*HEADER, *label_rows([("Invoice Date", "07/03/2024"), ("Due Date", "21/03/2024")])]],
    )
    assert values(extract(path))["invoice_date"] == "2024-03-07"


def test_totals_settled_by_arithmetic_and_tax_lines_summed(tmp_path: Path) -> None:
    rows: list[Item] = [
        (330, 400, "Nettobetrag", 10),
        (540, 400, "1.000,00 €", 10, "r"),
        (330, 415, "zzgl. 7 % MwSt.", 10),
        (540, 415, "14,00 €", 10, "r"),
        (330, 430, "zzgl. 19 % MwSt.", 10),
        (540, 430, "152,00 €", 10, "r"),
        (330, 445, "Gesamtbetrag", 10),
        (540, 445, "1.166,00 €", 10, "r"),
    ]
    ex = extract(draw_pdf(tmp_path / "x.pdf", [[*HEADER, (50, 120, "Rechnung", 16), *rows]]))
    got = values(ex)
    assert (got["subtotal"], got["tax_amount"], got["total_amount"]) == (
        "1000.00",
        "166.00",
        "1166.00",
    )
    assert got["currency"] == "EUR"


def test_line_items_across_a_page_break_without_repeated_headers_or_footers(tmp_path: Path) -> None:
    def header_row(y: float) -> list[Item]:
        return [
            (50, y, "Description", 9),
            (330, y, "Qty", 9, "r"),
            (430, y, "Unit Price", 9, "r"),
            (540, y, "Amount", 9, "r"),
        ]

    def row(y: float, n: int) -> list[Item]:
        return [
            (50, y, f"Service package {n}", 9),
            (330, y, str(n), 9, "r"),
            (430, y, "10.00", 9, "r"),
            (540, y, f"{n * 10}.00", 9, "r"),
        ]

    page1: list[Item] = [*HEADER, (420, 60, "INVOICE", 20), *header_row(200)]
    for i in range(1, 31):
        page1 += row(200 + 18 * i, i)
    page1 += [(50, 790, "Continued on next page", 8), (540, 810, "Page 1 of 2", 8, "r")]
    page2: list[Item] = [*header_row(60)]
    for i in range(31, 36):
        page2 += row(60 + 18 * (i - 30), i)
    total = sum(n * 10 for n in range(1, 36))
    page2 += [
        (330, 200, "Subtotal", 10),
        (540, 200, f"{total:,}.00", 10, "r"),
        (330, 215, "Total", 10),
        (540, 215, f"{total:,}.00", 10, "r"),
        (540, 810, "Page 2 of 2", 8, "r"),
    ]
    ex = extract(draw_pdf(tmp_path / "x.pdf", [page1, page2]))
    assert [li.description for li in ex.line_items] == [
        f"Service package {n}" for n in range(1, 36)
    ]
    assert [li.quantity for li in ex.line_items] == [str(n) for n in range(1, 36)]
    assert ex.line_items[-1].page == 2
    assert values(ex)["subtotal"] == f"{total}.00"


def test_wrapped_descriptions_join_their_row(tmp_path: Path) -> None:
    items: list[Item] = [
        (50, 200, "Item", 9),
        (110, 200, "Description", 9),
        (400, 200, "Qty", 9, "r"),
        (470, 200, "Rate", 9, "r"),
        (540, 200, "Amount", 9, "r"),
        (50, 220, "C-1", 9),
        (110, 220, "Consulting, architecture review", 9),
        (400, 220, "12", 9, "r"),
        (470, 220, "150.00", 9, "r"),
        (540, 220, "1,800.00", 9, "r"),
        (110, 231, "of the billing platform", 9),
        (50, 250, "C-2", 9),
        (110, 250, "Workshop", 9),
        (400, 250, "1", 9, "r"),
        (470, 250, "900.00", 9, "r"),
        (540, 250, "900.00", 9, "r"),
        (400, 290, "Total", 10),
        (540, 290, "2,700.00", 10, "r"),
    ]
    ex = extract(draw_pdf(tmp_path / "x.pdf", [[*HEADER, *items]]))
    got = [
        (li.product_code, li.description, li.quantity, li.unit_price, li.amount)
        for li in ex.line_items
    ]
    assert got == [
        (
            "C-1",
            "Consulting, architecture review of the billing platform",
            "12",
            "150.00",
            "1800.00",
        ),
        ("C-2", "Workshop", "1", "900.00", "900.00"),
    ]


def test_receipt_without_a_table_header(tmp_path: Path) -> None:
    lines: list[Item] = [
        (20, 30, "CORNER CAFE", 12),
        (20, 45, "8 Station Street", 8),
        (20, 57, "Mar 7, 2024 14:32", 8),
        (20, 80, "Flat white", 8),
        (200, 80, "3.40", 8, "r"),
        (20, 92, "2 x Croissant @ 2.10", 8),
        (200, 92, "4.20", 8, "r"),
        (20, 110, "TOTAL", 9),
        (200, 110, "7.60", 9, "r"),
        (20, 122, "CARD", 8),
        (200, 122, "7.60", 8, "r"),
    ]
    ex = extract(draw_pdf(tmp_path / "r.pdf", [lines], pagesize=(226, 300)))
    got = values(ex)
    assert got["total_amount"] == "7.60"
    assert got["invoice_date"] == "2024-03-07"
    assert got["vendor_name"] == "CORNER CAFE"
    assert [(li.description, li.quantity, li.amount) for li in ex.line_items] == [
        ("Flat white", None, "3.40"),
        ("Croissant", "2", "4.20"),
    ]


def test_sender_line_above_the_address_window(tmp_path: Path) -> None:
    page: list[Item] = [
        (60, 120, "Brandt Elektro GmbH · Hafenweg 3 · 20457 Hamburg", 7),
        (60, 135, "Schmidt & Partner KG", 10),
        (60, 147, "Lindenallee 12", 10),
        (60, 159, "80331 München", 10),
        *label_rows([("Rechnungsnummer", "RE-55"), ("Datum", "07.03.2024")], x=360, y=135),
        (60, 230, "Rechnung", 14),
        (360, 400, "Gesamtbetrag", 10),
        (540, 400, "119,00 €", 10, "r"),
        (60, 780, "USt-IdNr.: DE136695976 · IBAN DE89 3704 0044 0532 0130 00", 7),
    ]
    got = values(extract(draw_pdf(tmp_path / "x.pdf", [page])))
    assert got["vendor_name"] == "Brandt Elektro GmbH"
    assert got["vendor_address"] == "Hafenweg 3 20457 Hamburg"
    assert got["customer_name"] == "Schmidt & Partner KG"
    assert got["customer_address"] == "Lindenallee 12 80331 München"
    assert got["vendor_tax_id"] == "DE136695976"
    assert got["bank_account"] == "DE89370400440532013000"
    assert got["invoice_date"] == "2024-03-07"


def test_every_value_says_where_it_came_from(tmp_path: Path) -> None:
    path = draw_pdf(tmp_path / "x.pdf", [[*HEADER, *label_rows([("Invoice No.", "X-1")])]])
    f = extract(path).fields["invoice_number"]
    assert f.page == 1 and f.bbox is not None and f.source.value == "text"
    assert 450 <= f.bbox.x0 <= 452 and 110 <= f.bbox.top <= 122
