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
