"""Small PDFs drawn in a test, so that each test shows the layout it reads."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

_DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
FONT = "Helvetica"
if _DEJAVU.exists():
    pdfmetrics.registerFont(TTFont("DejaVu", str(_DEJAVU)))
    FONT = "DejaVu"

# (x, y-from-top, text, size) — or with align "r" as a fifth item to right-align at x
Item = tuple[float, float, str, float] | tuple[float, float, str, float, str]


# A vendor's letterhead in the top left corner, for pages that only test something else
HEADER: list[Item] = [
    (50, 60, "Northwind Traders Ltd", 18),
    (50, 78, "12 Harbour Road", 9),
    (50, 90, "Bristol BS1 4DJ", 9),
]


def draw_pdf(
    path: Path, pages: Sequence[Sequence[Item]], pagesize: tuple[float, float] = A4
) -> Path:
    c = canvas.Canvas(str(path), pagesize=pagesize, invariant=1)
    height = pagesize[1]
    for page in pages:
        for item in page:
            x, y, text, size = item[:4]
            c.setFont(FONT, size)
            if len(item) == 5 and item[4] == "r":
                c.drawRightString(x, height - y, text)
            else:
                c.drawString(x, height - y, text)
        c.showPage()
    c.save()
    return path


def label_rows(
    pairs: Sequence[tuple[str, str]], x: float = 330, y: float = 120, step: float = 15
) -> list[Item]:
    """`Label   value` rows of an invoice's info block."""
    items: list[Item] = []
    for i, (label, value) in enumerate(pairs):
        items.append((x, y + i * step, label, 10))
        items.append((x + 120, y + i * step, value, 10))
    return items


def invoice_page(
    number: str = "INV-1",
    vendor: str = "Acme Supply Co.",
    total: str = "1,210.00",
    subtotal: str = "1,000.00",
    tax: str = "210.00",
) -> list[Item]:
    """A one-page US invoice: letterhead, number and date, Bill To, one line, totals."""
    page: list[Item] = [
        (50, 60, vendor, 18),
        (50, 78, "1200 Industrial Pkwy", 9),
        (50, 90, "Dayton, OH 45402", 9),
        (420, 60, "INVOICE", 20),
        (330, 120, "Invoice #", 10),
        (450, 120, number, 10),
        (330, 135, "Invoice Date", 10),
        (450, 135, "03/07/2024", 10),
        (50, 170, "Bill To", 10),
        (50, 184, "Globex Corporation", 10),
        (50, 196, "42 Elm Street", 10),
        (50, 208, "Springfield, IL 62701", 10),
        (50, 250, "Description", 9),
        (330, 250, "Qty", 9, "r"),
        (430, 250, "Unit Price", 9, "r"),
        (540, 250, "Amount", 9, "r"),
        (50, 268, "Widget, blue", 9),
        (330, 268, "2", 9, "r"),
        (430, 268, "500.00", 9, "r"),
        (540, 268, "1,000.00", 9, "r"),
        (400, 320, "Subtotal", 10),
        (540, 320, f"${subtotal}", 10, "r"),
        (400, 335, "Tax", 10),
        (540, 335, f"${tax}", 10, "r"),
        (400, 350, "Total", 10),
        (540, 350, f"${total}", 10, "r"),
    ]
    return page


CMS1500 = Path(__file__).resolve().parents[2] / "shared" / "forms" / "form-cms1500.pdf"


def fill_cms1500(path: Path, values: dict[str, str], *, flatten: bool = False) -> Path:
    """The official CMS-1500 (page 1) filled in with pypdf: its own field names, every other
    field emptied (the published form ships with test values in some). `flatten` burns the
    values into the page and drops the fields, as a print-to-PDF does."""
    import pypdf

    reader = pypdf.PdfReader(str(CMS1500))
    specs = reader.get_fields() or {}
    text_fields = {name: "" for name, spec in specs.items() if spec.get("/FT") == "/Tx"}
    buttons = {
        name: "/Off"
        for name, spec in specs.items()
        if spec.get("/FT") == "/Btn" and name not in ("Clear Form",)
    }
    writer = pypdf.PdfWriter(clone_from=reader)
    writer.remove_page(1)
    writer.update_page_form_field_values(
        writer.pages[0],
        {**text_fields, **buttons, **values},
        auto_regenerate=False,
        flatten=flatten,
    )
    if flatten:
        writer.remove_annotations(subtypes="/Widget")
    with path.open("wb") as fh:
        writer.write(fh)
    return path
