"""Reading (pipelines/read.py): every kind of file we accept, and every kind of bad file.

Each test draws its files in `tmp_path` (reportlab for PDFs, pypdfium2 to render a page to an
image, Pillow to save it as a scan) so the test shows what it reads. OCR is slow, so the scans
are small pages with a few lines of large text, rendered at 200 dpi.
"""

from __future__ import annotations

import hashlib
import io
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pdfplumber
import pypdfium2 as pdfium
import pytest
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from extractors.model import BBox, Document, Page, Source, Word
from pipelines.read import (
    ReadError,
    ReadSettings,
    erase_dot_leaders,
    estimate_skew,
    read_document,
    sniff_kind,
)

INVOICE = [
    "Rechnung an Firma Beispiel GmbH",
    "Rechnungsnummer RE-2024-0815",
    "Gesamtbetrag € 1.234,50",
]
SECOND_PAGE = [
    "Seite zwei der Rechnung",
    "Lieferscheinnummer LS-2024-0042",
    "Zahlbar innerhalb von 30 Tagen",
]
SCAN_SIZE = (360.0, 160.0)  # points: a small page keeps OCR around half a second
SCAN_DPI = 200


# --------------------------------------------------------------------------------------- helpers


def draw_text_pdf(
    target: Path | io.BytesIO,
    lines: Sequence[str] = INVOICE,
    pagesize: tuple[float, float] = A4,
    *,
    pages: int = 1,
    size: float = 14,
    encrypt: str | StandardEncryption | None = None,
) -> None:
    """Lines of Helvetica from the top left, the first baseline 40 pt down, 28 pt apart."""
    c = canvas.Canvas(
        target if isinstance(target, io.BytesIO) else str(target),
        pagesize=pagesize,
        encrypt=encrypt,
    )
    for _ in range(pages):
        c.setFont("Helvetica", size)
        for i, line in enumerate(lines):
            c.drawString(24, pagesize[1] - 40 - 28 * i, line)
        c.showPage()
    c.save()


def render(pdf: Path | bytes, dpi: int = SCAN_DPI) -> Image.Image:
    document = pdfium.PdfDocument(pdf)
    try:
        page = document[0]
        image = page.render(scale=dpi / 72, grayscale=True).to_pil()
        page.close()
        return image
    finally:
        document.close()


def scan_of(lines: Sequence[str]) -> Image.Image:
    buffer = io.BytesIO()
    draw_text_pdf(buffer, lines, SCAN_SIZE)
    return render(buffer.getvalue())


def texts(page: Page) -> list[str]:
    return [w.text for w in page.words]


def box_of(page: Page, text: str) -> BBox:
    matches = [w.bbox for w in page.words if w.text == text]
    assert len(matches) == 1, (text, texts(page))
    return matches[0]


def assert_within(page: Page, slack: float = 0.5) -> None:
    for w in page.words:
        b = w.bbox
        assert -slack <= b.x0 < b.x1 <= page.width + slack, (w, page.width)
        assert -slack <= b.top < b.bottom <= page.height + slack, (w, page.height)


def assert_close(a: BBox, b: BBox, tolerance: float) -> None:
    for mine, theirs in zip(a.as_list(), b.as_list(), strict=True):
        assert abs(mine - theirs) <= tolerance, (a, b)


@pytest.fixture(scope="module")
def invoice_scan() -> Image.Image:
    """The invoice lines on a 360x160 pt page, as a 200 dpi grey scan (1000x445 px)."""
    return scan_of(INVOICE)


@pytest.fixture(scope="module")
def invoice_text_layer(tmp_path_factory: pytest.TempPathFactory) -> Page:
    """The same page read from its text layer: where each word of the scan was drawn."""
    path = tmp_path_factory.mktemp("scan") / "source.pdf"
    draw_text_pdf(path, INVOICE, SCAN_SIZE)
    return read_document(path).pages[0]


# ----------------------------------------------------------------------------------- digital PDF


def test_digital_pdf_is_read_from_its_text_layer(tmp_path: Path) -> None:
    path = tmp_path / "invoice.pdf"
    draw_text_pdf(path)
    document = read_document(path)
    assert document.source == str(path)
    assert document.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert not document.ocr
    [page] = document.pages
    assert page.number == 1 and page.source is Source.TEXT and page.rotation == 0
    assert (page.width, page.height) == pytest.approx(A4, abs=0.01)
    assert texts(page) == " ".join(INVOICE).split()
    assert all(w.source is Source.TEXT and w.confidence == 1.0 for w in page.words)
    # boxes in pdfplumber's convention: top-left origin, points. pdfium's loose box reaches a
    # little higher than pdfplumber's (2.1 pt at 14 pt Helvetica), hence the ~2 pt tolerance
    with pdfplumber.open(path) as pdf:
        theirs = {w["text"]: w for w in pdf.pages[0].extract_words()}
    for text in ("Rechnung", "Rechnungsnummer", "RE-2024-0815", "Gesamtbetrag"):
        w = theirs[text]
        assert_close(box_of(page, text), BBox(w["x0"], w["top"], w["x1"], w["bottom"]), 2.5)
    # and where it was drawn: the second baseline is 68 pt from the top, 14 pt text above it
    number = box_of(page, "RE-2024-0815")
    assert 52 < number.top < number.bottom < 72


def upright_on_rotated_page(path: Path, rotation: int) -> None:
    """A page with /Rotate whose text is drawn turned the other way, so that it reads upright."""
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setPageRotation(rotation)  # reportlab swaps the media box: the page shows as A4 portrait
    w, h = (A4[1], A4[0]) if rotation in (90, 270) else A4  # user space
    c.setFont("Helvetica", 14)
    for i, line in enumerate(INVOICE):
        shown_x, shown_top = 24, 40 + 28 * i  # where the baseline starts on the shown page
        x, y = {
            90: (shown_top, shown_x),
            180: (w - shown_x, shown_top),
            270: (w - shown_top, h - shown_x),
        }[rotation]
        c.saveState()
        c.translate(x, y)
        c.rotate(rotation)
        c.drawString(0, 0, line)
        c.restoreState()
    c.showPage()
    c.save()


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_rotated_page_is_read_as_shown(tmp_path: Path, rotation: int) -> None:
    path = tmp_path / f"rotated{rotation}.pdf"
    upright_on_rotated_page(path, rotation)
    [page] = read_document(path).pages
    assert page.source is Source.TEXT
    assert (page.width, page.height) == pytest.approx(A4, abs=0.01)
    # whole words in reading order, not one word per character
    assert texts(page) == " ".join(INVOICE).split()
    assert_within(page)
    # the same boxes as the unrotated page, and as pdfplumber gives
    flat = tmp_path / "flat.pdf"
    draw_text_pdf(flat)
    unrotated = read_document(flat).pages[0]
    for a, b in zip(page.words, unrotated.words, strict=True):
        assert_close(a.bbox, b.bbox, 0.5)
    with pdfplumber.open(path) as pdf:
        theirs = {w["text"]: w for w in pdf.pages[0].extract_words()}
    w = theirs["Rechnungsnummer"]
    assert_close(
        box_of(page, "Rechnungsnummer"), BBox(w["x0"], w["top"], w["x1"], w["bottom"]), 2.5
    )


def test_rotated_page_with_sideways_text_stays_within_the_page(tmp_path: Path) -> None:
    # /Rotate 90 and text drawn plainly in the (landscape) user space: it shows running down the
    # portrait page; every box must still lie on the page as shown
    path = tmp_path / "sideways.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setPageRotation(90)
    c.setFont("Helvetica", 14)
    for i, line in enumerate(INVOICE):
        c.drawString(72, 500 - 28 * i, line)
    c.showPage()
    c.save()
    [page] = read_document(path).pages
    assert (page.width, page.height) == pytest.approx(A4, abs=0.01)
    assert page.words
    assert_within(page)
    assert "Rechnungsnummer" in "".join(texts(page))


# ------------------------------------------------------------------------------------------- OCR


def test_image_only_pdf_is_read_with_ocr(tmp_path: Path, invoice_scan: Image.Image) -> None:
    path = tmp_path / "scan.pdf"
    invoice_scan.save(path, "PDF", resolution=SCAN_DPI)
    document = read_document(path)
    assert document.ocr
    [page] = document.pages
    assert page.source is Source.OCR
    assert all(w.source is Source.OCR and 0 < w.confidence <= 1 for w in page.words)
    assert "RE-2024-0815" in texts(page) and "Rechnungsnummer" in texts(page)
    assert (page.width, page.height) == pytest.approx(SCAN_SIZE, abs=1)
    assert_within(page)


@pytest.mark.parametrize("fmt", ["PNG", "JPEG"])
def test_image_is_read_with_ocr_and_boxes_in_points(
    tmp_path: Path, invoice_scan: Image.Image, invoice_text_layer: Page, fmt: str
) -> None:
    path = tmp_path / f"scan.{fmt.lower()}"
    invoice_scan.save(path, fmt, dpi=(SCAN_DPI, SCAN_DPI))
    document = read_document(path)
    assert document.ocr
    [page] = document.pages
    assert page.source is Source.OCR
    # 1000x445 px at 200 dpi is 360x160 pt
    assert (page.width, page.height) == pytest.approx(SCAN_SIZE, abs=1)
    assert_within(page)
    # the word lies where it was drawn (OCR boxes hug the ink, the text layer's the font's height)
    for text in ("Rechnungsnummer", "RE-2024-0815"):
        assert_close(box_of(page, text), box_of(invoice_text_layer, text), 4.0)


def test_multi_page_tiff(tmp_path: Path, invoice_scan: Image.Image) -> None:
    path = tmp_path / "scan.tif"
    second = scan_of(SECOND_PAGE)
    invoice_scan.save(path, save_all=True, append_images=[second], dpi=(SCAN_DPI, SCAN_DPI))
    document = read_document(path)
    assert [p.number for p in document.pages] == [1, 2]
    assert all(p.source is Source.OCR for p in document.pages)
    assert "RE-2024-0815" in texts(document.pages[0])
    assert "LS-2024-0042" in texts(document.pages[1])
    assert "RE-2024-0815" not in texts(document.pages[1])
    for page in document.pages:
        assert (page.width, page.height) == pytest.approx(SCAN_SIZE, abs=1)


def test_image_without_resolution_is_taken_as_a_page_wide(
    tmp_path: Path, invoice_scan: Image.Image
) -> None:
    path = tmp_path / "scan.png"
    invoice_scan.save(path)  # no dpi recorded
    assert "dpi" not in Image.open(path).info
    [page] = read_document(path).pages
    assert page.width == pytest.approx(8.3 * 72, abs=0.5)  # an A4 / Letter width
    assert "RE-2024-0815" in texts(page)
    assert_within(page)


def test_scan_upside_down_is_read_upright(tmp_path: Path, invoice_scan: Image.Image) -> None:
    path = tmp_path / "upside-down.png"
    invoice_scan.rotate(180).save(path, dpi=(SCAN_DPI, SCAN_DPI))
    [page] = read_document(path).pages
    assert page.rotation == 180
    assert "RE-2024-0815" in texts(page) and "Rechnungsnummer" in texts(page)
    assert_within(page)


def skewed(image: Image.Image, degrees: float) -> Image.Image:
    """Turned counter-clockwise by `degrees` (PIL's convention), as a crooked scan."""
    return image.rotate(degrees, resample=Image.Resampling.BILINEAR, expand=True, fillcolor=255)


@pytest.mark.parametrize("degrees", [1.5, -1.5, 2.5])
def test_estimate_skew_returns_the_turn_that_straightens(
    invoice_scan: Image.Image, degrees: float
) -> None:
    # the angle to pass to Image.rotate to undo the skew: the opposite of the skew applied
    assert estimate_skew(skewed(invoice_scan, degrees)) == pytest.approx(-degrees, abs=0.3)


def test_estimate_skew_of_a_straight_or_blank_page_is_zero(invoice_scan: Image.Image) -> None:
    assert estimate_skew(invoice_scan) == pytest.approx(0, abs=0.15)
    assert estimate_skew(Image.new("L", (400, 300), 255)) == 0.0


def test_skewed_scan_is_read(tmp_path: Path, invoice_scan: Image.Image) -> None:
    path = tmp_path / "skewed.png"
    skewed(invoice_scan, 1.5).save(path, dpi=(SCAN_DPI, SCAN_DPI))
    [page] = read_document(path).pages
    assert "RE-2024-0815" in texts(page) and "Rechnungsnummer" in texts(page)
    # straightened: the words of one line share a row
    line = [box_of(page, "Rechnungsnummer"), box_of(page, "RE-2024-0815")]
    assert abs(line[0].cy - line[1].cy) < 2


GARBAGE = {
    "control characters": "\x01\x02\x03\x04\x05 " * 6,
    "symbols": "§¶¤ ~^¬ ±×÷ °¦¨ §¶¤ ~^¬ ±×÷",
    "words without vowels": "xkcd qwrtz bcdfg hjklm prst vwxz",
}


@pytest.mark.parametrize("garbage", list(GARBAGE.values()), ids=list(GARBAGE))
def test_garbage_text_layer_is_read_with_ocr(
    tmp_path: Path, invoice_scan: Image.Image, garbage: str
) -> None:
    # a scan with a text layer of unmapped glyphs, as some scanners and PDF printers make
    path = tmp_path / "garbage.pdf"
    c = canvas.Canvas(str(path), pagesize=SCAN_SIZE)
    c.drawImage(ImageReader(invoice_scan), 0, 0, width=SCAN_SIZE[0], height=SCAN_SIZE[1])
    c.setFont("Helvetica", 8)
    c.drawString(10, 5, garbage)
    c.showPage()
    c.save()
    pdf = pdfium.PdfDocument(path)
    layer = pdf[0].get_textpage().get_text_range()
    pdf.close()
    assert len(layer.strip()) >= ReadSettings().min_text_chars  # enough text, all of it garbage
    document = read_document(path)
    assert document.ocr and document.pages[0].source is Source.OCR
    assert "RE-2024-0815" in texts(document.pages[0])


def leader_scan(lines: Sequence[str], dpi: int = 300) -> Image.Image:
    """Lines in Courier (a clearing house's report), each dot of a leader a separate mark."""
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=(420.0, 120.0))
    c.setFont("Courier", 10)
    for i, line in enumerate(lines):
        c.drawString(20, 90 - 22 * i, line)
    c.showPage()
    c.save()
    return render(buffer.getvalue(), dpi)


def test_dot_leaders_are_erased_and_text_and_an_ellipsis_are_not() -> None:
    image = leader_scan(["Payer ............ Lakeshore Health Plan", "Wait... then go."])
    erased = erase_dot_leaders(image, 72 / 300)
    before, after = np.asarray(image) < 128, np.asarray(erased) < 128
    to_px = 300 / 72
    # the leader stands between the label (6 characters of 6 pt) and the value
    leader = (slice(int(20 * to_px), int(34 * to_px)), slice(int(58 * to_px), int(128 * to_px)))
    assert before[leader].sum() > 100 and after[leader].sum() == 0
    label = (slice(0, int(34 * to_px)), slice(0, int(55 * to_px)))
    value = (slice(0, int(34 * to_px)), slice(int(130 * to_px), None))
    assert (before[label] == after[label]).all() and (before[value] == after[value]).all()
    ellipsis_row = slice(int(34 * to_px), None)
    assert (before[ellipsis_row] == after[ellipsis_row]).all(), "three dots are not a leader"


def test_a_label_with_a_dot_leader_is_read_without_junk_between(tmp_path: Path) -> None:
    """Regression (sample claims/25): Tesseract read grey dot leaders as words ("visas <<",
    "Sadie") that stuck to the values after the labels."""
    scan = tmp_path / "report.png"
    leader_scan(["ICN ............. 542625990701786", "Subscriber ....... EDWARD F. DELANEY"]).save(
        scan, dpi=(300, 300)
    )
    words = texts(read_document(scan).pages[0])
    assert words == ["ICN", "542625990701786", "Subscriber", "EDWARD", "F.", "DELANEY"]


# ------------------------------------------------------------------------------------- bad files


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _text_named_pdf(path: Path) -> None:
    path.write_text("Invoice 4711\nTotal 12.50 EUR\n")


def _truncated_pdf(path: Path) -> None:
    buffer = io.BytesIO()
    draw_text_pdf(buffer)
    path.write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 2])


def _pdf_header_then_garbage(path: Path) -> None:
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8)


def _encrypted(path: Path) -> None:
    draw_text_pdf(path, encrypt="secret")


def _encrypted_user_and_owner(path: Path) -> None:
    draw_text_pdf(path, encrypt=StandardEncryption("user", "owner"))


def _broken_page_tree(path: Path) -> None:
    # the page tree promises more pages than it holds
    buffer = io.BytesIO()
    draw_text_pdf(buffer, pages=2)
    data = buffer.getvalue()
    assert data.count(b"/Count 2") == 1
    path.write_bytes(data.replace(b"/Count 2", b"/Count 3"))


def _five_pages(path: Path) -> None:
    draw_text_pdf(path, pages=5)


def _large_png(path: Path) -> None:
    Image.new("L", (3000, 3000), 255).save(path)  # 9 MP, 15 kB of PNG


def _corrupt_png(path: Path) -> None:
    buffer = io.BytesIO()
    Image.new("L", (200, 100), 255).save(buffer, "PNG")
    path.write_bytes(buffer.getvalue()[:8] + bytes(range(256)) * 2)


def _truncated_jpeg(path: Path) -> None:
    buffer = io.BytesIO()
    Image.new("L", (400, 300), 200).save(buffer, "JPEG")
    path.write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 2])


def _corrupt_tiff(path: Path) -> None:
    path.write_bytes(b"II*\x00" + bytes(range(256)))


BAD_FILES: list[tuple[str, str, Callable[[Path], None], ReadSettings, str]] = [
    ("empty", "empty.pdf", _empty, ReadSettings(), "the file is empty"),
    ("text named .pdf", "notes.pdf", _text_named_pdf, ReadSettings(), "not a PDF or an image"),
    ("truncated PDF", "cut.pdf", _truncated_pdf, ReadSettings(), "damaged"),
    ("PDF header, garbage", "junk.pdf", _pdf_header_then_garbage, ReadSettings(), "damaged"),
    ("broken page tree", "tree.pdf", _broken_page_tree, ReadSettings(), "page 3 of the PDF is damaged"),
    ("encrypted", "locked.pdf", _encrypted, ReadSettings(), "encrypted"),
    ("encrypted user+owner", "locked2.pdf", _encrypted_user_and_owner, ReadSettings(), "encrypted"),
    ("too many pages", "long.pdf", _five_pages, ReadSettings(max_pages=3), "5 pages, over the limit of 3"),
    ("too many bytes", "big.pdf", _five_pages, ReadSettings(max_file_bytes=1000), "over the limit"),
    ("pixels > 2x limit", "bomb.png", _large_png, ReadSettings(max_image_pixels=1_000_000), "too large to read safely"),
    # Pillow itself only raises past twice its limit; the setting is the limit
    ("pixels > limit", "bomb2.png", _large_png, ReadSettings(max_image_pixels=5_000_000), "too large to read safely"),
    ("corrupt PNG", "bad.png", _corrupt_png, ReadSettings(), "image is damaged"),
    ("truncated JPEG", "cut.jpg", _truncated_jpeg, ReadSettings(), "image is damaged"),
    ("corrupt TIFF", "bad.tif", _corrupt_tiff, ReadSettings(), "image is damaged"),
]  # fmt: skip


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
@pytest.mark.filterwarnings("ignore:Corrupt EXIF data")
@pytest.mark.parametrize(
    ("name", "make", "settings", "phrase"),
    [case[1:] for case in BAD_FILES],
    ids=[case[0] for case in BAD_FILES],
)
def test_bad_file_raises_read_error(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    make: Callable[[Path], None],
    settings: ReadSettings,
    phrase: str,
) -> None:
    # reading an image sets Pillow's process-wide bomb limit; put it back after the test
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", Image.MAX_IMAGE_PIXELS)
    path = tmp_path / name
    make(path)
    with pytest.raises(ReadError, match=phrase) as raised:
        read_document(path, settings)
    message = str(raised.value)
    assert message.endswith(".") and "\n" not in message  # one plain sentence


def test_missing_file_raises_read_error(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="cannot be opened"):
        read_document(tmp_path / "nowhere.pdf")


def test_kind_comes_from_the_bytes_not_the_name(tmp_path: Path) -> None:
    pdf_named_png = tmp_path / "scan.png"
    draw_text_pdf(pdf_named_png)
    assert read_document(pdf_named_png).pages[0].source is Source.TEXT
    png_named_pdf = tmp_path / "invoice.pdf"
    Image.new("L", (300, 150), 255).save(png_named_pdf, "PNG", dpi=(150, 150))
    [page] = read_document(png_named_pdf).pages
    assert page.source is Source.OCR and page.words == ()
    # 300x150 px at 150 dpi (PNG stores pixels per metre: 149.99 dpi)
    assert (page.width, page.height) == pytest.approx((144, 72), abs=0.1)


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "pdf"),
        (b"\r\n\x00junk before the header %PDF-1.4\n", "pdf"),  # within the first kilobyte
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "png"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "jpeg"),
        (b"\xff\xd8\xff\xe1\x00\x10Exif\x00", "jpeg"),
        (b"II*\x00\x08\x00\x00\x00", "tiff"),  # little-endian
        (b"MM\x00*\x00\x00\x00\x08", "tiff"),  # big-endian
        (b"GIF89a\x01\x00", None),
        (b"PK\x03\x04\x14\x00", None),  # a .docx or .zip
        (b"Invoice 4711\n", None),
        (b"\x89PNG", None),  # too short for the signature
        (b"", None),
        (b" " * 1100 + b"%PDF-1.4", None),  # past the first kilobyte
    ],
)
def test_sniff_kind(head: bytes, kind: str | None) -> None:
    assert sniff_kind(head) == kind


# ---------------------------------------------------------------------------------------- memory


def test_long_pdf_is_read_one_page_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "long.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    for n in range(1, 61):
        c.setFont("Helvetica", 10)
        for row in range(4):
            c.drawString(50, 800 - 18 * row, f"Seite {n} Zeile {row + 1} Rechnungsposition")
        c.showPage()
    c.save()

    # count the pdfium pages open at once: a spy that calls through to pypdfium2
    open_pages: set[int] = set()
    most_open = 0
    get_page, close = pdfium.PdfDocument.get_page, pdfium.PdfPage.close

    def spy_get_page(self: pdfium.PdfDocument, index: int) -> pdfium.PdfPage:
        nonlocal most_open
        page = get_page(self, index)
        open_pages.add(id(page))
        most_open = max(most_open, len(open_pages))
        return page

    def spy_close(self: pdfium.PdfPage, *args: object, **kwargs: object) -> None:
        open_pages.discard(id(self))
        close(self, *args, **kwargs)

    monkeypatch.setattr(pdfium.PdfDocument, "get_page", spy_get_page)
    monkeypatch.setattr(pdfium.PdfPage, "close", spy_close)

    tracemalloc.start()
    try:
        document: Document = read_document(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert len(document.pages) == 60 and not document.ocr
    assert [p.number for p in document.pages] == list(range(1, 61))
    assert "Seite 60 Zeile 4" in " ".join(texts(document.pages[-1]))
    assert most_open == 1 and not open_pages  # each page closed before the next is loaded
    # tracemalloc sees Python's allocations only (pdfium's own heap is C): measured ~1.1 MB peak
    # for these 60 pages (Python 3.11, pypdfium2 5.15); the bound is generous
    assert peak < 32 * 1024 * 1024


# --- white text on dark bands, and the OCR fallback ------------------------------------------


def _band_image(background: int, text: int) -> Image.Image:
    from PIL import ImageDraw, ImageFont

    image = Image.new("L", (1200, 600), 255)
    draw = ImageDraw.Draw(image)
    draw.rectangle((100, 200, 1100, 280), fill=background)
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 40)
    draw.text((130, 215), "Description Qty Amount", fill=text, font=font)
    return image


def test_white_text_on_a_dark_band_is_inverted_for_ocr() -> None:
    from pipelines.read import invert_dark_boxes

    image = _band_image(background=20, text=255)
    out = invert_dark_boxes(image)
    band = np.asarray(out)[205:275, 110:1090]
    assert np.median(band) > 200, "the band's background is now light"
    assert band.min() < 60, "and its text dark"
    assert np.asarray(out)[50, 50] == 255, "nothing outside the band changes"


def test_dark_text_on_a_grey_band_is_left_as_it_is() -> None:
    from pipelines.read import invert_dark_boxes

    image = _band_image(background=170, text=0)
    assert invert_dark_boxes(image) is image


def test_ink_coverage_drops_when_a_column_was_not_read() -> None:
    from pipelines.read import ink_coverage

    image = Image.new("L", (400, 200), 255)
    pixels = np.asarray(image).copy()
    pixels[50:60, 20:120] = 0  # a word on the left
    pixels[50:60, 300:380] = 0  # an amount on the right
    image = Image.fromarray(pixels)
    left = Word("Widget", BBox(20, 50, 120, 60), 0.9, Source.OCR)
    right = Word("9.75", BBox(300, 50, 380, 60), 0.9, Source.OCR)
    assert ink_coverage(image, [left, right]) > 0.95
    assert 0.5 < ink_coverage(image, [left]) < 0.6
    unsure = Word("9.75", BBox(300, 50, 380, 60), 0.1, Source.OCR)
    assert ink_coverage(image, [left, unsure]) < 0.6, "unsure words do not count as read"


def test_a_mid_grey_band_is_inverted_onto_the_pages_own_paper() -> None:
    """ "Net à payer" on a band of grey 86 on a page of grey paper: inverted without stretching,
    the band stays a grey block Tesseract skips; stretched, it reads like the rest of the page."""
    from pipelines.read import invert_dark_boxes

    image = _band_image(background=86, text=250)
    pixels = np.asarray(image).copy()
    pixels[pixels == 255] = 228  # grey paper
    out = np.asarray(invert_dark_boxes(Image.fromarray(pixels)))
    band = out[205:275, 110:1090]
    assert abs(float(np.median(band)) - 228) <= 3, "the band's background is the page's paper"
    assert band.min() < 40, "and its text dark"


def test_words_read_unsure_are_read_again_from_their_own_crop() -> None:
    """Tesseract's first reading of a page can garble a word its layout analysis got wrong
    (";," for "34" beside a logo): unsure words are read again, all in one further call, and a
    clearly surer reading replaces the first. Sure words are kept as they were."""
    from PIL import ImageDraw, ImageFont

    from pipelines.read import _reread_weak_spots

    image = Image.new("L", (1400, 300), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 36)
    draw.text((100, 60), "34 impasse des Artisans", fill=0, font=font)
    draw.text((100, 160), "21000 DIJON", fill=0, font=font)
    first = [
        Word(";,", BBox(100, 62, 140, 100), 0.23, Source.OCR),
        Word("impasse", BBox(160, 62, 320, 100), 0.96, Source.OCR),
        Word("des", BBox(335, 62, 400, 100), 0.96, Source.OCR),
        Word("Artisans", BBox(415, 62, 570, 100), 0.96, Source.OCR),
        Word("21000", BBox(100, 162, 210, 200), 0.95, Source.OCR),
        Word("DIJON", BBox(225, 162, 340, 200), 0.95, Source.OCR),
    ]
    lines = [(1, 1, 1)] * 4 + [(1, 1, 2)] * 2
    again = _reread_weak_spots(image, first, lines, "fra", ReadSettings())
    by_row = sorted(again, key=lambda w: (round(w.bbox.cy, -1), w.bbox.x0))
    assert [w.text for w in by_row] == ["34", "impasse", "des", "Artisans", "21000", "DIJON"]
    assert_close(
        box_of(Page(1, 1400, 300, tuple(again), Source.OCR), "34"), BBox(100, 62, 140, 100), 12
    )
    assert [w for w in again if w.text == "DIJON"] == [first[-1]], "sure words are not touched"


def test_nothing_sure_is_read_twice() -> None:
    from pipelines.read import _weak_spots

    sure = [Word("Total", BBox(10, 10, 60, 30), 0.95, Source.OCR)]
    assert _weak_spots(sure, [(1, 1, 1)], ReadSettings()) == []
    # a page read sideways makes tall "words": those are not spots to read again
    sideways = [
        Word("x", BBox(10, 10, 20, 30), 0.9, Source.OCR),
        Word("y", BBox(30, 10, 40, 30), 0.9, Source.OCR),
        Word("ab", BBox(50, 10, 70, 400), 0.1, Source.OCR),
    ]
    assert _weak_spots(sideways, [(1, 1, 1)] * 3, ReadSettings()) == []


def test_ink_no_word_covers_is_read_and_added() -> None:
    """Tesseract's layout analysis can skip a whole column (a table's quantities): text-sized
    ink outside every word box is read in the second call and its words added."""
    from PIL import ImageDraw, ImageFont

    from pipelines.read import _reread_weak_spots, _unread_spots

    image = Image.new("L", (1400, 520), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 32)
    rows = [
        ("Cable ties", "16"),
        ("Conduit M20", "78"),
        ("Duct tape", "14"),
        ("Wall plug", "1"),
        ("Gloves", "21"),
    ]
    first: list[Word] = []
    for i, (text, qty) in enumerate(rows):
        y = 40 + 90 * i
        draw.text((80, y), text, fill=0, font=font)
        draw.text((900, y), qty, fill=0, font=font)
        left, top, right, bottom = draw.textbbox((80, y), text, font=font)
        first.append(Word(text, BBox(left, top, right, bottom), 0.95, Source.OCR))
    draw.line((60, 500, 1340, 500), fill=0, width=3)  # a rule is not text
    spots = _unread_spots(image, first)
    assert len(spots) == 5 and all(850 < s.x0 < 910 for s in spots)
    again = _reread_weak_spots(image, first, [(1, 1, i) for i in range(5)], "eng", ReadSettings())
    added = sorted((w for w in again if w not in first), key=lambda w: w.bbox.top)
    assert [w.text for w in added] == ["16", "78", "14", "1", "21"]
    assert all(w.confidence >= 0.6 and 890 < w.bbox.x0 < 910 for w in added)


def test_pdfium_calls_from_many_threads_at_once() -> None:
    """Regression: the API's request threads called PDFium together (routing an upload to its
    queue, drawing a page for a reviewer) and crashed the process; PDFium is not thread-safe."""
    from concurrent.futures import ThreadPoolExecutor

    from pipelines.read import needs_ocr, render_page

    pdf = Path(__file__).resolve().parent.parent / "samples" / "invoices" / "01-summit.pdf"

    def both(i: int) -> tuple[bool, tuple[int, int]]:
        return needs_ocr(pdf), render_page(pdf, 1, dpi=36 + i % 3).size

    with ThreadPoolExecutor(max_workers=16) as pool:
        results = list(pool.map(both, range(200)))
    assert {ocr for ocr, _ in results} == {False}
    assert {size for _, size in results} == {(306, 396), (315, 407), (323, 418)}
