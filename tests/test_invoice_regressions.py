"""One test per bug the sample set and the review turned up, each on the smallest page showing it.

OCR cases are built from OCR words directly (what Tesseract returns), so they need no image.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.api import ExtractSettings
from extractors.invoice import InvoiceExtractor
from extractors.layout import build_lines
from extractors.model import BBox, Document, Extraction, Page, Source, Word
from extractors.values import find_ibans
from pipelines.read import read_document
from tests.builders import HEADER, Item, draw_pdf, label_rows
from tests.conftest import SAMPLES

EXTRACTOR = InvoiceExtractor()


def extract_pdf(path: Path) -> Extraction:
    return EXTRACTOR.extract(read_document(path), ExtractSettings())


def ocr_page(rows: list[list[tuple[float, str]]], top: float = 100, step: float = 14) -> Document:
    """OCR words laid out in rows: each (x, text) becomes a word 6 pt wide per character."""
    words = []
    for i, row in enumerate(rows):
        y = top + i * step
        for x, text in row:
            words.append(Word(text, BBox(x, y, x + 5.5 * len(text), y + 8), 0.95, Source.OCR))
    page = Page(1, 595, 842, tuple(words), Source.OCR)
    return Document("scan.png", "0" * 64, (page,))


def table(rows: list[tuple[str, str, str, str]]) -> list[Item]:
    items: list[Item] = [
        (50, 200, "Description", 9),
        (330, 200, "Qty", 9, "r"),
        (430, 200, "Unit Price", 9, "r"),
        (540, 200, "Amount", 9, "r"),
    ]
    for i, (desc, qty, price, amount) in enumerate(rows):
        y = 218 + 14 * i
        items += [
            (50, y, desc, 9),
            (330, y, qty, 9, "r"),
            (430, y, price, 9, "r"),
            (540, y, amount, 9, "r"),
        ]
    return items


def test_a_carried_forward_total_does_not_end_the_table(tmp_path: Path) -> None:
    page1 = [
        *HEADER,
        *table([("Bolts", "1", "10.00", "10.00")]),
        (330, 300, "Carried forward", 9),
        (540, 300, "10.00", 9, "r"),
    ]
    page2 = [
        (330, 60, "Brought forward", 9),
        (540, 60, "10.00", 9, "r"),
        *table([("Nuts", "2", "5.00", "10.00")]),
        (330, 300, "Total", 9),
        (540, 300, "20.00", 9, "r"),
    ]
    ex = extract_pdf(draw_pdf(tmp_path / "x.pdf", [page1, page2]))
    assert [li.description for li in ex.line_items] == ["Bolts", "Nuts"]


def test_report_inside_a_description_is_not_a_carried_forward_line(tmp_path: Path) -> None:
    rows = table([("Dashboard and SQL models and", "1", "10.00", "10.00")])
    rows += [
        (50, 229, "Power BI report for sales", 9),
        (330, 280, "Total", 9),
        (540, 280, "10.00", 9, "r"),
    ]
    ex = extract_pdf(draw_pdf(tmp_path / "x.pdf", [[*HEADER, *rows]]))
    assert [li.description for li in ex.line_items] == [
        "Dashboard and SQL models and Power BI report for sales"
    ]


def test_labels_inside_the_table_are_not_fields(tmp_path: Path) -> None:
    rows: list[Item] = [
        (50, 200, "Date", 9),
        (110, 200, "Description", 9),
        (430, 200, "Hours", 9, "r"),
        (540, 200, "Amount", 9, "r"),
        (50, 218, "2024-03-02", 9),
        (110, 218, "Advice on VAT registration", 9),
        (430, 218, "2", 9, "r"),
        (540, 218, "300.00", 9, "r"),
        (330, 260, "Total", 9),
        (540, 260, "300.00", 9, "r"),
    ]
    ex = extract_pdf(
        draw_pdf(tmp_path / "x.pdf", [[*HEADER, *label_rows([("Date", "2024-03-20")]), *rows]])
    )
    assert ex.fields["invoice_date"].value == "2024-03-20"
    assert ex.fields["invoice_date"].confidence > 0.8  # the column's dates are no rivals
    assert "tax_amount" not in ex.fields


def test_a_totals_line_ends_the_table_even_with_a_number_under_a_column(tmp_path: Path) -> None:
    rows = table([("Bolts", "1", "10.00", "10.00")])
    rows += [
        (50, 260, "Please pay within 30 days", 9),
        (430, 260, "Subtotal", 9, "r"),
        (540, 260, "10.00", 9, "r"),
    ]
    ex = extract_pdf(draw_pdf(tmp_path / "x.pdf", [[*HEADER, *rows]]))
    assert len(ex.line_items) == 1 and ex.fields["subtotal"].value == "10.00"


def test_payment_terms_under_a_header_row_label(tmp_path: Path) -> None:
    row: list[Item] = [
        (50, 150, "PAYMENT TERMS", 8),
        (200, 150, "DUE DATE", 8),
        (50, 162, "Due on receipt", 9),
        (200, 162, "09/08/2023", 9),
    ]
    ex = extract_pdf(draw_pdf(tmp_path / "x.pdf", [[*HEADER, *row]]))
    assert ex.fields["payment_terms"].value == "Due on receipt"
    assert ex.fields["due_date"].value == "2023-09-08"


def test_a_due_date_inside_a_sentence(tmp_path: Path) -> None:
    text: list[Item] = [
        (50, 400, "Bitte überweisen Sie den Rechnungsbetrag bis zum 12.07.2024.", 9)
    ]
    ex = extract_pdf(draw_pdf(tmp_path / "x.pdf", [[*HEADER, (50, 120, "Rechnung", 14), *text]]))
    assert ex.fields["due_date"].value == "2024-07-12"


def test_brand_logo_initials_and_legal_name(tmp_path: Path) -> None:
    page: list[Item] = [
        (50, 60, "BN", 16),
        (80, 60, "Bakker Netwerkbeheer", 16),
        (330, 120, "Bakker Netwerkbeheer B.V.", 9),
        (330, 132, "Nieuwe Binnenweg 91-A", 9),
        (330, 144, "5611 AZ Eindhoven", 9),
        (50, 130, "Factuuradres", 8),
        (50, 142, "Bakkerij Smit B.V.", 10),
        (50, 154, "Energieweg 211", 10),
        (50, 166, "4811 XJ Breda", 10),
    ]
    got = {k: f.value for k, f in extract_pdf(draw_pdf(tmp_path / "x.pdf", [page])).fields.items()}
    assert got["vendor_name"] == "Bakker Netwerkbeheer B.V."
    assert got["vendor_address"] == "Nieuwe Binnenweg 91-A 5611 AZ Eindhoven"
    assert got["customer_name"] == "Bakkerij Smit B.V."


def test_vendor_address_after_a_tagline_and_beside_a_logo(tmp_path: Path) -> None:
    page: list[Item] = [
        (100, 50, "Lattice Labs B.V.", 16),
        (100, 70, "Software & Data", 8),
        (54, 106, "Industrieweg 157", 8),
        (54, 117, "7511 JE Enschede", 8),
        (54, 129, "administratie@latticelabs.nl", 8),
    ]
    got = {k: f.value for k, f in extract_pdf(draw_pdf(tmp_path / "x.pdf", [page])).fields.items()}
    assert got["vendor_address"] == "Industrieweg 157 7511 JE Enschede"


def test_receipt_quantities_on_the_line_under_the_item(tmp_path: Path) -> None:
    lines: list[Item] = [
        (20, 30, "BUILDERS DEPOT", 10),
        (20, 45, "2023-12-20 18:43", 8),
        (20, 70, "WD-40 12OZ", 8),
        (200, 70, "7.89", 8, "r"),
        (20, 82, "DUCT TAPE 1.88IN", 8),
        (200, 82, "16.58", 8, "r"),
        (30, 94, "2 @ 8.29", 8),
        (20, 110, "TOTAL", 9),
        (200, 110, "24.47", 9, "r"),
    ]
    ex = extract_pdf(draw_pdf(tmp_path / "r.pdf", [lines], pagesize=(226, 300)))
    assert [(li.description, li.quantity, li.unit_price, li.amount) for li in ex.line_items] == [
        ("WD-40 12OZ", None, None, "7.89"),
        ("DUCT TAPE 1.88IN", "2", "8.29", "16.58"),
    ]


def test_ocr_table_rules_read_as_bars_are_not_words() -> None:
    doc = ocr_page([[(50, "|"), (60, "Sub"), (80, "Total"), (300, "$10.00")]])
    [line] = build_lines(doc.pages[0]).lines
    assert line.segments[0].text == "Sub Total"


def test_ocr_underline_remnants_and_ounces_read_as_zero_are_cleaned() -> None:
    doc = ocr_page(
        [[(50, "__BWM-180"), (120, "_Montagehandschuhe"), (300, "Latte"), (340, "160Z")]]
    )
    [line] = build_lines(doc.pages[0]).lines
    assert [w.text for w in line.words] == ["BWM-180", "Montagehandschuhe", "Latte", "16oZ"]
    # a text layer says what it says
    digital = Page(
        1, 595, 842, (Word("__init__", BBox(50, 100, 90, 108), 1.0, Source.TEXT),), Source.TEXT
    )
    assert build_lines(digital).lines[0].words[0].text == "__init__"


def test_ocr_lost_decimal_mark_is_mended_by_the_row_arithmetic() -> None:
    doc = ocr_page(
        [
            [(50, "Description"), (300, "Qty"), (380, "Price"), (470, "Amount")],
            [
                (50, "Batteries"),
                (305, "4"),
                (380, "1115"),
                (470, "44.60"),
            ],  # 11.15 read without its point
            [(50, "Paper"), (305, "3"), (380, "5.00"), (470, "16.00")],  # a printed error stays
            [(50, "Chair"), (380, "258.30"), (470, "774.90")],  # the quantity OCR lost
            [(300, "Total"), (470, "835.50")],
        ]
    )
    ex = EXTRACTOR.extract(doc, ExtractSettings())
    got = [(li.description, li.quantity, li.unit_price, li.amount) for li in ex.line_items]
    assert got == [
        ("Batteries", "4", "11.15", "44.60"),
        ("Paper", "3", "5.00", "16.00"),
        ("Chair", "3", "258.30", "774.90"),
    ]


def test_ibans_in_any_grouping() -> None:
    assert find_ibans("IBAN: GB76 HBUK 821601 78945881") == ["GB76HBUK82160178945881"]
    assert find_ibans("IBAN NL65 RABO 4133 0984 63 t.n.v. Kok") == ["NL65RABO4133098463"]


def test_money_columns_found_in_the_rows_when_ocr_lost_their_headers() -> None:
    doc = ocr_page(
        [
            [(40, "Réf."), (90, "Désignation"), (330, "Qté")],  # "Prix unit. HT", "Montant HT" lost
            [
                (40, "DES-H"),
                (90, "Création graphique"),
                (335, "2,5"),
                (420, "81,15"),
                (500, "202,88"),
            ],
            [(40, "VK-250"), (90, "Cartes de visite"), (335, "1"), (420, "34,15"), (500, "34,15")],
            [(300, "Total"), (500, "237,03")],
        ]
    )
    ex = EXTRACTOR.extract(doc, ExtractSettings())
    got = [
        (li.product_code, li.description, li.quantity, li.unit_price, li.amount)
        for li in ex.line_items
    ]
    assert got == [
        ("DES-H", "Création graphique", "2.5", "81.15", "202.88"),
        ("VK-250", "Cartes de visite", "1", "34.15", "34.15"),
    ]


def test_letterhead_address_on_one_line_and_logo_speckle_before_the_name() -> None:
    words = [
        Word("\\Y", BBox(30, 40, 40, 52), 0.2, Source.OCR),  # a logo read as characters
        Word("Tri-County", BBox(50, 40, 110, 52), 0.95, Source.OCR),
        Word("Hardware", BBox(114, 40, 165, 52), 0.95, Source.OCR),
        Word("Inc.", BBox(169, 40, 190, 52), 0.95, Source.OCR),
        Word("4449", BBox(50, 60, 72, 68), 0.95, Source.OCR),
        Word("W", BBox(75, 60, 82, 68), 0.95, Source.OCR),
        Word("5th", BBox(85, 60, 100, 68), 0.95, Source.OCR),
        Word("Street", BBox(103, 60, 130, 68), 0.95, Source.OCR),
        Word("Omaha,", BBox(150, 60, 182, 68), 0.95, Source.OCR),  # after a separator OCR dropped
        Word("NE", BBox(185, 60, 197, 68), 0.95, Source.OCR),
        Word("68102", BBox(200, 60, 226, 68), 0.95, Source.OCR),
    ]
    doc = Document("scan.png", "0" * 64, (Page(1, 595, 842, tuple(words), Source.OCR),))
    got = {k: f.value for k, f in EXTRACTOR.extract(doc, ExtractSettings()).fields.items()}
    assert got["vendor_name"] == "Tri-County Hardware Inc."
    assert got["vendor_address"] == "4449 W 5th Street Omaha, NE 68102"


def test_ocr_number_split_after_its_decimal_mark_is_joined_but_a_text_layer_is_not() -> None:
    doc = ocr_page([[(50, "Warenwert"), (300, "4.849,"), (335, "34"), (350, "EUR")]])
    [line] = build_lines(doc.pages[0]).lines
    assert [w.text for w in line.words] == ["Warenwert", "4.849,34", "EUR"]
    text_words = tuple(Word(w.text, w.bbox) for w in doc.pages[0].words)
    text_page = Page(1, 595, 842, text_words)
    [line] = build_lines(text_page).lines
    assert [w.text for w in line.words] == ["Warenwert", "4.849,", "34", "EUR"]


def test_code_and_description_columns_found_in_the_rows_when_ocr_lost_their_headers() -> None:
    doc = ocr_page(
        [
            [(380, "Quantity"), (470, "Rate"), (530, "Amount")],  # "Item # | Description" lost
            [
                (50, "LBL-12BW"),
                (120, "Label"),
                (150, "tape"),
                (178, "12"),
                (192, "mm"),
                (390, "7"),
                (470, "22.95"),
                (530, "160.65"),
            ],
            [
                (50, "ORD-80-1"),
                (120, "Lever"),
                (153, "arch"),
                (180, "file"),
                (390, "24"),
                (470, "4.95"),
                (530, "118.80"),
            ],
            [(420, "Total"), (530, "279.45")],
        ]
    )
    ex = EXTRACTOR.extract(doc, ExtractSettings())
    got = [(li.product_code, li.description, li.quantity, li.amount) for li in ex.line_items]
    assert got == [
        ("LBL-12BW", "Label tape 12 mm", "7", "160.65"),
        ("ORD-80-1", "Lever arch file", "24", "118.80"),
    ]


def test_a_line_ocr_could_hardly_read_is_not_part_of_an_address() -> None:
    def word(text: str, x: float, y: float, conf: float = 0.95) -> Word:
        return Word(text, BBox(x, y, x + 5.5 * len(text), y + 8), conf, Source.OCR)

    words = (
        word("Ets", 108, 50),
        word("Durand", 128, 50),
        word("SA", 168, 50),
        word("111", 108, 66),
        word("rue", 128, 66),
        word("des", 148, 66),
        word("Lilas", 168, 66),
        word("69002", 108, 78),
        word("Lyon", 139, 78),
        word("Re", 108, 90, 0.0),
        word("E", 128, 90, 0.0),  # the phone line, misread
    )
    doc = Document("scan.png", "0" * 64, (Page(1, 595, 842, words, Source.OCR),))
    got = EXTRACTOR.extract(doc, ExtractSettings()).fields
    assert got["vendor_address"].value == "111 rue des Lilas 69002 Lyon"


def test_quantity_column_found_by_arithmetic_when_ocr_lost_its_heading() -> None:
    doc = ocr_page(
        [
            # "Qté" and "TVA" on a dark band came out as noise; the other headings were read
            [
                (40, "Réf."),
                (90, "Désignation"),
                (354, "el"),
                (400, "Prix unit. HT"),
                (500, "Total"),
            ],
            [(40, "DES-H"), (90, "Mise en page"), (357, "2,5"), (420, "81,15"), (500, "202,88")],
            [
                (40, "RU-85"),
                (90, "Roll-up 85 x 200 cm"),
                (364, "1"),
                (420, "143,25"),
                (500, "143,25"),
            ],
            [
                (40, "BP-A4"),
                (90, "Papier, 1000 feuilles"),
                (365, "l"),
                (420, "166,55"),
                (500, "166,55"),
            ],
            [(300, "Total TTC"), (500, "512,68")],
        ]
    )
    ex = EXTRACTOR.extract(doc, ExtractSettings())
    got = [(li.description, li.quantity, li.unit_price, li.amount) for li in ex.line_items]
    assert got == [
        ("Mise en page", "2.5", "81.15", "202.88"),
        ("Roll-up 85 x 200 cm", "1", "143.25", "143.25"),
        ("Papier, 1000 feuilles", "1", "166.55", "166.55"),  # "l" for 1, mended by arithmetic
    ]


def test_a_description_ending_in_a_number_is_not_a_quantity_column() -> None:
    doc = ocr_page(
        [
            [(40, "Description"), (400, "Price"), (500, "Amount")],
            [(40, "Support plan tier 2"), (420, "80.00"), (500, "80.00")],
            [(40, "Licence pack 5"), (420, "25.00"), (500, "25.00")],
            [(300, "Total"), (500, "105.00")],
        ]
    )
    ex = EXTRACTOR.extract(doc, ExtractSettings())
    got = [(li.description, li.quantity) for li in ex.line_items]
    assert got == [("Support plan tier 2", None), ("Licence pack 5", None)]


def test_a_logo_read_as_letters_is_not_part_of_the_letterhead() -> None:
    def word(text: str, x0: float, x1: float, y: float, conf: float = 0.95) -> Word:
        return Word(text, BBox(x0, y, x1, y + 11), conf, Source.OCR)

    words = (
        word("ms", 39, 91, 46, 0.0),  # three wavy lines, 52 pt wide for two letters
        word("Ets", 101, 121, 48),
        word("Perrin", 127, 169, 48),
        word("SAS", 175, 201, 48),
        word("CS", 39, 90, 60, 0.48),  # alone on its row
        word("34", 101, 110, 66),
        word("impasse", 113, 146, 66),
        word("Sms", 39, 58, 80, 0.38),  # far from the words after it
        word("21000", 100, 126, 80),
        word("DIJON", 129, 160, 80),
    )
    layout = build_lines(Page(1, 595, 842, words, Source.OCR))
    assert [line.segments[0].text for line in layout.lines] == [
        "Ets Perrin SAS",
        "34 impasse",
        "21000 DIJON",
    ]
    # sure short words stay, whatever stands around them
    kept = build_lines(
        Page(1, 595, 842, (word("EUR", 39, 60, 46), word("12.00", 200, 230, 46)), Source.OCR)
    )
    assert kept.lines[0].words[0].text == "EUR"


def test_a_phone_number_whose_plus_ocr_misread_ends_the_address() -> None:
    doc = ocr_page(
        [
            [(300, "De"), (315, "Zwaluw"), (355, "Drukkerij"), (410, "B.V.")],
            [(300, "Stationsweg"), (365, "34")],
            [(300, "9711"), (328, "LM"), (345, "Groningen")],
            [(300, "&"), (310, "31"), (325, "(0)50"), (360, "470"), (382, "2821")],
            [(300, "KvK"), (325, "66147489")],
            [(40, "Factuur"), (100, "2024-118")],
        ],
        top=60,
    )
    got = EXTRACTOR.extract(doc, ExtractSettings()).fields
    assert got["vendor_address"].value == "Stationsweg 34 9711 LM Groningen"


def test_the_customers_window_block_is_never_the_vendors_address() -> None:
    """Sample 53: the vendor's sender line came out of OCR broken in two rows, and its name,
    standing alone above the window, lent the customer's address to the vendor."""
    fields = extract_pdf(SAMPLES / "invoices" / "53-haas-elektrogrosshandel-scan.pdf").fields
    assert fields["customer_address"].value == "Lindenallee 126 97070 Würzburg"
    vendor_address = fields.get("vendor_address")
    assert vendor_address is None or "Würzburg" not in vendor_address.value


def test_a_dash_joins_the_row_of_its_letters_and_a_stray_dot_is_not_a_value() -> None:
    def word(text: str, x0: float, top: float, bottom: float) -> Word:
        return Word(text, BBox(x0, top, x0 + 6 * len(text), bottom), 0.9, Source.OCR)

    words = (
        word("Sep", 59, 349, 360),  # "p" hangs below the line
        word("-", 89, 353.5, 354.5),
        word("28", 76, 349, 358),
        word("Oct", 96, 349, 358),
        word("SUBTOTAL", 371, 525, 533),
        word(".", 434, 530, 532),
        word("$793.90", 538, 525, 533),
    )
    layout = build_lines(Page(1, 595, 842, words, Source.OCR))
    assert layout.lines[0].text == "Sep 28 - Oct"
    doc = Document("scan.png", "0" * 64, (Page(1, 595, 842, words, Source.OCR),))
    assert EXTRACTOR.extract(doc, ExtractSettings()).fields["subtotal"].value == "793.90"


def test_totals_in_a_header_row_over_a_row_of_amounts(tmp_path: Path) -> None:
    """Found on a French Factur-X sample: "TOTAL HT | TOTAL TVA | TOTAL TTC" printed as column
    headers, the amounts two lines of small print further down; no total was read at all."""
    rows = table([("Papier A4", "3", "10,00", "30,00"), ("Classeurs", "7", "10,00", "70,00")])
    rows += [
        (50, 290, "Tout retard de paiement engendre une pénalité calculée sur la base de", 6),
        (300, 288, "TOTAL HT", 8),
        (400, 288, "TOTAL TVA", 8),
        (500, 288, "TOTAL TTC", 8),
        (50, 297, "trois fois le taux d'intérêt légal.", 6),
        (50, 304, "Indemnité forfaitaire pour frais de recouvrement : 40 €.", 6),
        (330, 304, "100,00", 8, "r"),
        (430, 304, "20,00", 8, "r"),
        (530, 304, "120,00", 8, "r"),
    ]
    ex = extract_pdf(draw_pdf(tmp_path / "x.pdf", [[*HEADER, *rows]]))
    got = {k: ex.fields[k].value for k in ("subtotal", "tax_amount", "total_amount")}
    assert got == {"subtotal": "100.00", "tax_amount": "20.00", "total_amount": "120.00"}
    assert ex.fields["total_amount"].confidence > 0.8  # the sum holds


def test_the_date_of_the_invoice_referred_to_is_not_the_invoice_date(tmp_path: Path) -> None:
    """A corrective invoice names the one it corrects: "Date de facture associée" is that
    invoice's date, however close its words are to "Date de facture"."""
    info = label_rows(
        [
            ("Facture N°", "F2026-0023"),
            ("Date :", "31/01/2026"),
            ("N° de facture associée", "F2026-0003"),
            ("Date de facture associée", "01/01/2026"),
            ("Date de début de prestation", "01/01/2026"),
        ]
    )
    rows = table([("Papier A4", "1", "10,00", "10,00")])
    rows += [(330, 280, "Total TTC", 9), (540, 280, "10,00", 9, "r")]
    ex = extract_pdf(draw_pdf(tmp_path / "x.pdf", [[*HEADER, *info, *rows]]))
    assert ex.fields["invoice_date"].value == "2026-01-31"
    assert ex.fields["invoice_number"].value == "F2026-0023"


def test_a_total_word_ending_a_sentence_takes_no_amount_from_under_it(tmp_path: Path) -> None:
    """Payment terms "30 Tage netto", not a "Netto" column header: the bank details under them
    hold no subtotal (a scanned stack read "57" of the IBAN as one)."""
    rows = table([("Schrauben", "1", "100,00", "100,00")])
    rows += [
        (330, 260, "Gesamtbetrag", 9),
        (540, 260, "119,00", 9, "r"),
        (50, 290, "Zahlungsbedingungen: 10 Tage 2 % Skonto, 30 Tage netto", 9),
        (50, 303, "Bankverbindung: Sparkasse KölnBonn - IBAN DE21 3705 0198 4760 7561 57", 9),
    ]
    ex = extract_pdf(draw_pdf(tmp_path / "x.pdf", [[*HEADER, *rows]]))
    assert ex.fields["total_amount"].value == "119.00"
    assert "subtotal" not in ex.fields


def test_a_table_rule_read_as_a_letter_does_not_hide_the_totals_label() -> None:
    """A scanned German invoice: the frame's rule before "Warenwert netto" came out of OCR as
    "l", the totals were taken for two more line items and the subtotal and tax were lost."""
    doc = ocr_page(
        [
            [(50, "Bezeichnung"), (300, "Menge"), (380, "Einzelpreis"), (470, "Gesamtpreis")],
            [(50, "Kabelbinder"), (305, "16"), (380, "3,90"), (470, "62,40")],
            [(50, "Sechskantmutter"), (305, "9"), (380, "5,50"), (470, "49,50")],
            [(290, "l"), (300, "Warenwert"), (354, "netto"), (470, "111,90")],
            [(300, "zzgl."), (335, "19"), (350, "%"), (360, "MwSt."), (470, "21,26")],
            [(300, "Rechnungsbetrag"), (470, "133,16")],
        ]
    )
    ex = EXTRACTOR.extract(doc, ExtractSettings())
    assert [li.amount for li in ex.line_items] == ["62.40", "49.50"]
    got = {k: ex.fields[k].value for k in ("subtotal", "tax_amount", "total_amount")}
    assert got == {"subtotal": "111.90", "tax_amount": "21.26", "total_amount": "133.16"}


def test_the_customers_account_number_is_not_the_bank_account(tmp_path: Path) -> None:
    """An "ACCOUNT NO." heading a row of order details is the customer's account with the vendor;
    the bank account is the one printed with the bank's name and routing number."""
    row: list[Item] = [
        (50, 150, "ACCOUNT NO.", 8),
        (150, 150, "CUSTOMER PO", 8),
        (250, 150, "PAYMENT TERMS", 8),
        (50, 162, "963872", 9),
        (150, 162, "PO-862219", 9),
        (250, 162, "Due on receipt", 9),
    ]
    rows = table([("Toner cartridge", "1", "10.00", "10.00")])
    rows += [
        (330, 280, "Total", 9),
        (540, 280, "10.00", 9, "r"),
        (50, 320, "Bank of America", 9),
        (50, 332, "Routing (ABA): 034607547", 9),
        (50, 344, "Account: 370958069", 9),
    ]
    ex = extract_pdf(draw_pdf(tmp_path / "x.pdf", [[*HEADER, *row, *rows]]))
    assert ex.fields["bank_account"].value == "370958069"


# ------------------------------------------------ found on a field-test set of invoices drawn apart
# (18 invoices and receipts in layouts our generator never drew, written without looking at this
# extractor; each case is the general cue it showed)


def test_a_header_row_with_a_rate_and_a_labour_cost_sentence(tmp_path: Path) -> None:
    rows = table([("Fliesen verlegen", "1", "1.960,15", "1.960,15")])
    rows += [
        (300, 270, "Netto", 9),
        (380, 270, "MwSt 19 %", 9),
        (480, 270, "Brutto", 9),
        (340, 284, "1.960,15 €", 9, "r"),
        (440, 284, "372,43 €", 9, "r"),
        (540, 284, "2.332,58 €", 9, "r"),
        (50, 310, "Im Rechnungsbetrag enthaltene Arbeitskosten gem. § 35a EStG: 1.168,00 €", 8),
    ]
    ex = extract_pdf(draw_pdf(tmp_path / "x.pdf", [[*HEADER, *rows]]))
    got = {k: ex.fields[k].value for k in ("subtotal", "tax_amount", "total_amount")}
    assert got == {"subtotal": "1960.15", "tax_amount": "372.43", "total_amount": "2332.58"}


def test_vat_not_applicable_under_an_article_of_law_and_only_a_net_to_pay(tmp_path: Path) -> None:
    rows = table([("Traduction", "1", "1 234,50", "1 234,50")])
    rows += [
        (330, 270, "Total HT", 9),
        (540, 270, "1 234,50 €", 9, "r"),
        (50, 290, "TVA non applicable, art. 293 B du CGI", 9),
        (330, 310, "Net à payer", 9),
        (540, 310, "1 234,50 €", 9, "r"),
    ]
    ex = extract_pdf(draw_pdf(tmp_path / "x.pdf", [[*HEADER, *rows]]))
    assert "tax_amount" not in ex.fields
    assert ex.fields["amount_due"].value == "1234.50"
    assert ex.fields["total_amount"].value == "1234.50"  # subtotal + no tax = what is due


def test_two_vat_rates_each_with_the_base_it_applies_to(tmp_path: Path) -> None:
    rows = table([("Koffiebonen", "1", "589,70", "589,70")])
    rows += [
        (330, 270, "Totaal excl. BTW", 9),
        (540, 270, "€ 589,70", 9, "r"),
        (330, 284, "BTW 9%", 9),
        (411, 284, "over € 331,80", 9),
        (540, 284, "€ 29,86", 9, "r"),
        (330, 298, "BTW 21%", 9),
        (411, 298, "over € 257,90", 9),
        (540, 298, "€ 54,16", 9, "r"),
        (330, 312, "Totaal incl. BTW", 9),
        (540, 312, "€ 673,72", 9, "r"),
    ]
    ex = extract_pdf(draw_pdf(tmp_path / "x.pdf", [[*HEADER, *rows]]))
    assert ex.fields["tax_amount"].value == "84.02"


def test_days_after_a_total_label_are_no_amount(tmp_path: Path) -> None:
    rows = table([("Logo concepts", "12.5", "85.00", "1,062.50")])
    rows += [
        (330, 270, "TOTAL", 9),
        (540, 270, "$ 1,062.50", 9, "r"),
        (
            150,
            300,
            "Total due in 15 days. Overdue accounts subject to a charge of 1% per month.",
            8,
        ),
    ]
    ex = extract_pdf(draw_pdf(tmp_path / "x.pdf", [[*HEADER, *rows]]))
    assert "amount_due" not in ex.fields
    assert ex.fields["total_amount"].value == "1062.50"


@pytest.mark.parametrize(
    ("block", "name", "address"),
    [
        (
            [
                "Bill To",
                "Fernhill Coffee Roasters",
                "Attn: Daniel Okafor",
                "2231 SE Division St",
                "Portland, OR 97202",
            ],
            "Fernhill Coffee Roasters",
            "2231 SE Division St Portland, OR 97202",
        ),
        (
            ["Rechnung an", "Herrn", "Thomas Wendl", "Am Brunnenfeld 7", "93055 Regensburg"],
            "Thomas Wendl",
            "Am Brunnenfeld 7 93055 Regensburg",
        ),
        (
            [
                "Factuur aan",
                "Studio Noordlicht B.V.",
                "t.a.v. Femke Bakker",
                "Keizersgracht 512",
                "1017 EK Amsterdam",
            ],
            "Studio Noordlicht B.V.",
            "Keizersgracht 512 1017 EK Amsterdam",
        ),
    ],
)
def test_attention_lines_and_salutations_are_not_the_customer(
    tmp_path: Path, block: list[str], name: str, address: str
) -> None:
    items: list[Item] = [(330, 100 + 12 * i, text, 9) for i, text in enumerate(block)]
    rows = table([("Item", "1", "10.00", "10.00")])
    rows += [(330, 270, "Total", 9), (540, 270, "10.00", 9, "r")]
    ex = extract_pdf(draw_pdf(tmp_path / "x.pdf", [[*HEADER, *items, *rows]]))
    assert ex.fields["customer_name"].value == name
    assert ex.fields["customer_address"].value == address


def test_a_swiss_uid_and_a_labelled_vat_number_whose_check_digits_fail(tmp_path: Path) -> None:
    rows = table([("Item", "1", "10.00", "10.00")])
    rows += [(330, 270, "Total", 9), (540, 270, "10.00", 9, "r")]
    swiss = [(50, 320, "UID CHE-116.303.725 MWST", 8)]
    ex = extract_pdf(draw_pdf(tmp_path / "ch.pdf", [[*HEADER, *rows, *swiss]]))
    assert ex.fields["vendor_tax_id"].value == "CHE-116.303.725"
    assert ex.fields["vendor_tax_id"].confidence > 0.9
    slip = [(50, 320, "USt-IdNr.: DE287654321", 8)]  # the check digit does not hold
    ex = extract_pdf(draw_pdf(tmp_path / "de.pdf", [[*HEADER, *rows, *slip]]))
    assert ex.fields["vendor_tax_id"].value == "DE287654321"
    assert ex.fields["vendor_tax_id"].confidence < 0.6  # a person looks at it


def test_dollars_of_a_country_whose_code_is_printed(tmp_path: Path) -> None:
    rows = table([("Item", "1", "$100.00", "$100.00")])
    rows += [(330, 270, "Total (CAD)", 9), (540, 270, "$112.00", 9, "r")]
    ex = extract_pdf(draw_pdf(tmp_path / "x.pdf", [[*HEADER, *rows]]))
    assert ex.fields["currency"].value == "CAD"


def test_a_credit_notes_number_and_a_net_total_excluding_swiss_vat(tmp_path: Path) -> None:
    info = label_rows([("Credit Note No.", "CN-2024-0012"), ("Date", "22/04/2024")])
    rows = table([("Item", "1", "1'327.35", "1'327.35")])
    rows += [
        (330, 270, "Total exkl. MWST", 9),
        (540, 270, "CHF 1'327.35", 9, "r"),
        (330, 284, "MWST 8.1 %", 9),
        (540, 284, "CHF 107.52", 9, "r"),
        (330, 298, "Rechnungsbetrag", 9),
        (540, 298, "CHF 1'434.87", 9, "r"),
    ]
    ex = extract_pdf(draw_pdf(tmp_path / "x.pdf", [[*HEADER, *info, *rows]]))
    assert ex.fields["invoice_number"].value == "CN-2024-0012"
    assert ex.fields["subtotal"].value == "1327.35"
    assert ex.fields["total_amount"].value == "1434.87"


def test_web_in_a_company_name_is_not_a_contact_line(tmp_path: Path) -> None:
    page: list[Item] = [
        (50, 60, "Marcus Lindqvist Web Development", 14),
        (50, 80, "1419 W 28th St, Apt 3", 9),
        (50, 92, "Minneapolis, MN 55408", 9),
        (420, 60, "INVOICE", 20),
        *table([("Shop platform setup", "8", "95.00", "760.00")]),
        (330, 270, "TOTAL", 9),
        (540, 270, "$ 760.00", 9, "r"),
        (150, 300, "Make all checks payable to Marcus Lindqvist Web Development", 9),
        (200, 330, "THANK YOU FOR YOUR BUSINESS!", 10),
    ]
    ex = extract_pdf(draw_pdf(tmp_path / "x.pdf", [page]))
    assert ex.fields["vendor_name"].value == "Marcus Lindqvist Web Development"
    assert ex.fields["vendor_address"].value == "1419 W 28th St, Apt 3 Minneapolis, MN 55408"


def test_the_last_day_of_an_early_payment_discount_is_not_the_due_date(tmp_path: Path) -> None:
    row: list[Item] = [
        (300, 150, "Terms", 8),
        (380, 150, "Due Date", 8),
        (300, 162, "2% 10, Net 30", 9),
        (380, 162, "05/22/2024", 9),
    ]
    rows = table([("Hex cap screws", "2", "18.40", "36.80")])
    rows += [
        (330, 270, "Total", 9),
        (540, 270, "36.80", 9, "r"),
        (50, 290, "Pay by 05/02/2024 and deduct 2% on merchandise ($0.74).", 8),
    ]
    ex = extract_pdf(draw_pdf(tmp_path / "x.pdf", [[*HEADER, *row, *rows]]))
    assert ex.fields["due_date"].value == "2024-05-22"


def test_canadian_sales_taxes_add_up_to_the_tax(tmp_path: Path) -> None:
    rows = table([("Item", "1", "$2,807.45", "$2,807.45")])
    rows += [
        (330, 270, "Subtotal", 9),
        (540, 270, "$2,807.45", 9, "r"),
        (330, 284, "GST 5%", 9),
        (540, 284, "$140.37", 9, "r"),
        (330, 298, "PST 7%", 9),
        (540, 298, "$196.52", 9, "r"),
        (330, 312, "Total (CAD)", 9),
        (540, 312, "$3,144.34", 9, "r"),
    ]
    ex = extract_pdf(draw_pdf(tmp_path / "x.pdf", [[*HEADER, *rows]]))
    assert ex.fields["tax_amount"].value == "336.89"


def test_a_till_receipt_with_a_check_number_and_no_currency_sign(tmp_path: Path) -> None:
    lines = [
        "THE COPPER KETTLE",
        "412 Valencia St",
        "San Francisco, CA 94103",
        "Server: Jenna Table: 12",
        "Check #4471 Guests: 3",
        "03/15/2024 7:48 PM",
        "1 Burrata Salad 16.00",
        "1 Ribeye 14oz 48.00",
        "Subtotal 64.00",
        "Tax 5.52",
        "Total 69.52",
        "Bon-Nr.: 8823",
    ]
    items: list[Item] = [(10, 30 + 12 * i, text, 8) for i, text in enumerate(lines[:-1])]
    ex = extract_pdf(draw_pdf(tmp_path / "x.pdf", [items], pagesize=(226, 400)))
    assert ex.fields["invoice_number"].value == "4471"
    assert ex.fields["currency"].value == "USD"  # the vendor's address is in the United States
    german = [(10, 30, "FRISCHMARKT Kaiser oHG", 8), (10, 42, "UID Nr.: DE814736520", 8)]
    german += [(10, 54, "SUMME EUR 14,75", 8), (10, 66, "14.03.2024 17:42 Bon-Nr.: 8823", 8)]
    ex = extract_pdf(draw_pdf(tmp_path / "y.pdf", [german], pagesize=(226, 400)))
    assert ex.fields["invoice_number"].value == "8823"
    assert ex.fields["vendor_tax_id"].value == "DE814736520"


def test_a_distributors_ordered_shipped_and_back_ordered_columns(tmp_path: Path) -> None:
    header: list[Item] = [
        (43, 200, "Ln", 8),
        (65, 200, "Item No.", 8),
        (131, 200, "Description", 8),
        (361, 200, "Ord", 8, "r"),
        (389, 200, "Ship", 8, "r"),
        (413, 200, "B/O", 8, "r"),
        (505, 200, "Unit Price", 8, "r"),
        (569, 200, "Extension", 8, "r"),
    ]
    rows: list[Item] = []
    for i, (code, desc, ordered, shipped, price, amount) in enumerate(
        [
            ("HX-0516-2", "Hex cap screw, box 50", "2", "2", "18.40", "36.80"),
            ("WR-ER70-035", "MIG wire 33 lb spool", "4", "3", "96.50", "289.50"),
        ]
    ):
        y = 216 + 14 * i
        back = str(int(ordered) - int(shipped))
        rows += [
            (43, y, str(i + 1), 8),
            (65, y, code, 8),
            (131, y, desc, 8),
            (361, y, ordered, 8, "r"),
            (389, y, shipped, 8, "r"),
            (413, y, back, 8, "r"),
            (505, y, price, 8, "r"),
            (569, y, amount, 8, "r"),
        ]
    rows += [(430, 280, "Total", 9), (569, 280, "326.30", 9, "r")]
    ex = extract_pdf(draw_pdf(tmp_path / "x.pdf", [[*HEADER, *header, *rows]]))
    got = [(li.description, li.quantity, li.product_code) for li in ex.line_items]
    assert got == [
        ("Hex cap screw, box 50", "2", "HX-0516-2"),
        ("MIG wire 33 lb spool", "3", "WR-ER70-035"),  # what was shipped is what is charged
    ]


def test_a_swiss_rate_column(tmp_path: Path) -> None:
    rows: list[Item] = [
        (48, 200, "Pos. Bezeichnung", 8),
        (342, 200, "Menge", 8, "r"),
        (350, 200, "Einheit", 8),
        (462, 200, "Ansatz", 8, "r"),
        (547, 200, "Betrag CHF", 8, "r"),
        (48, 216, "1", 8),
        (68, 216, "Heckenschnitt Thuja, inkl. Abtransport", 8),
        (342, 216, "9.50", 8, "r"),
        (350, 216, "Std.", 8),
        (462, 216, "78.00", 8, "r"),
        (547, 216, "741.00", 8, "r"),
        (430, 260, "Total", 9),
        (547, 260, "741.00", 9, "r"),
    ]
    ex = extract_pdf(draw_pdf(tmp_path / "x.pdf", [[*HEADER, *rows]]))
    [item] = ex.line_items
    assert (item.quantity, item.unit_price, item.amount) == ("9.5", "78.00", "741.00")


def test_the_legal_name_in_the_footer_completes_the_letterhead(tmp_path: Path) -> None:
    page: list[Item] = [
        (380, 50, "Koffiebranderij", 16),
        (440, 66, "VdM", 8),
        (380, 80, "Van der Meulen B.V.", 14),
        (420, 100, "Havenstraat 88", 9),
        (420, 112, "3024 TH Rotterdam", 9),
        *table([("Koffiebonen", "1", "10,00", "10,00")]),
        (330, 270, "Totaal", 9),
        (540, 270, "€ 10,00", 9, "r"),
        (100, 800, "Koffiebranderij Van der Meulen B.V. · KvK 68123456 · Rotterdam", 7),
    ]
    ex = extract_pdf(draw_pdf(tmp_path / "x.pdf", [page]))
    assert ex.fields["vendor_name"].value == "Koffiebranderij Van der Meulen B.V."
    # a signature line's "For …" is no part of the name
    page = [*page[1:-1], (300, 700, "For Van der Meulen B.V.:", 9)]
    ex = extract_pdf(draw_pdf(tmp_path / "y.pdf", [page]))
    assert ex.fields["vendor_name"].value == "Van der Meulen B.V."


def test_the_vendor_address_from_a_sender_line_that_names_the_vendor_more_fully(
    tmp_path: Path,
) -> None:
    page: list[Item] = [
        (420, 50, "Lena Brandt", 20),
        (410, 75, "FOTOGRAFIE & BILDBEARBEITUNG", 6),
        (71, 137, "Lena Brandt Fotografie · Gartenstraße 12 · 79098 Freiburg im Breisgau", 6),
        (71, 162, "Buchhandlung Albers GmbH", 9),
        (71, 176, "Konviktstraße 8", 9),
        (71, 190, "79098 Freiburg im Breisgau", 9),
        *table([("Fotoshooting", "1", "100,00", "100,00")]),
        (330, 270, "Gesamtbetrag", 9),
        (540, 270, "100,00 €", 9, "r"),
    ]
    ex = extract_pdf(draw_pdf(tmp_path / "x.pdf", [page]))
    assert ex.fields["vendor_name"].value == "Lena Brandt"
    assert ex.fields["vendor_address"].value == "Gartenstraße 12 79098 Freiburg im Breisgau"


def test_a_sender_line_whose_name_runs_into_the_street() -> None:
    """A scan whose sender line OCR read as "Becker Bürobedarf GmbH & Co. KG: Ludwigstraße 105 -
    24103 Kiel" ("·" read as ":"): the vendor's name does not swallow the street."""
    ex = extract_pdf(SAMPLES / "invoices" / "42-becker-buerobedarf-scan.jpg")
    assert ex.fields["vendor_address"].value == "Ludwigstraße 105 24103 Kiel"


def test_an_amount_after_of_is_an_amount_unless_a_rate_comes_before(tmp_path: Path) -> None:
    """The tax-base cue ("BTW 9% over € 331,80") needs the rate: "the balance of $1,234.00" is
    the amount; and a euro invoice that mentions Australian dollars stays in euros."""
    rows = table([("Item", "1", "1,234.00", "1,234.00")])
    rows += [
        (330, 270, "Total", 9),
        (540, 270, "1,234.00", 9, "r"),
        (50, 300, "Amount due: the balance of €1,234.00", 9),
        (50, 320, "Prices for our Sydney office are quoted in AUD on request.", 8),
    ]
    ex = extract_pdf(draw_pdf(tmp_path / "x.pdf", [[*HEADER, *rows]]))
    assert ex.fields["amount_due"].value == "1234.00"
    assert ex.fields["currency"].value == "EUR"
