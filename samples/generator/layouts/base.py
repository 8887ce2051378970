"""Drawing toolkit shared by the layouts: fonts, text, tables, logos, field recording."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from ..formatting import compact_id, fold_ws, money_str, qty_str
from ..model import Expected, LineItem

RGB = tuple[float, float, float]
BLACK: RGB = (0.0, 0.0, 0.0)
DARK: RGB = (0.15, 0.15, 0.15)
GREY: RGB = (0.42, 0.42, 0.42)
LIGHT: RGB = (0.93, 0.93, 0.93)
WHITE: RGB = (1.0, 1.0, 1.0)


class Overflow(Exception):
    """Content does not fit on the page; the caller should drop items and retry."""


# --- fonts -------------------------------------------------------------------------

FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/truetype/liberation")]
STANDARD_FONTS = {
    "Helvetica",
    "Helvetica-Bold",
    "Helvetica-Oblique",
    "Times-Roman",
    "Times-Bold",
    "Times-Italic",
    "Courier",
    "Courier-Bold",
    "Courier-Oblique",
}


@dataclass(frozen=True)
class FontSet:
    key: str
    regular: str
    bold: str
    italic: str

    def get(self, style: str) -> str:
        return {"r": self.regular, "b": self.bold, "i": self.italic}[style]


FONTSETS: dict[str, FontSet] = {
    "helvetica": FontSet("helvetica", "Helvetica", "Helvetica-Bold", "Helvetica-Oblique"),
    "times": FontSet("times", "Times-Roman", "Times-Bold", "Times-Italic"),
    "courier": FontSet("courier", "Courier", "Courier-Bold", "Courier-Oblique"),
    "dejavu": FontSet("dejavu", "DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"),
    "dejavu-cond": FontSet(
        "dejavu-cond",
        "DejaVuSansCondensed",
        "DejaVuSansCondensed-Bold",
        "DejaVuSansCondensed-Oblique",
    ),
    "dejavu-serif": FontSet(
        "dejavu-serif", "DejaVuSerif", "DejaVuSerif-Bold", "DejaVuSerif-Italic"
    ),
    "dejavu-mono": FontSet(
        "dejavu-mono", "DejaVuSansMono", "DejaVuSansMono-Bold", "DejaVuSansMono-Oblique"
    ),
    "liberation-sans": FontSet(
        "liberation-sans", "LiberationSans-Regular", "LiberationSans-Bold", "LiberationSans-Italic"
    ),
    "liberation-serif": FontSet(
        "liberation-serif",
        "LiberationSerif-Regular",
        "LiberationSerif-Bold",
        "LiberationSerif-Italic",
    ),
    "liberation-narrow": FontSet(
        "liberation-narrow",
        "LiberationSansNarrow-Regular",
        "LiberationSansNarrow-Bold",
        "LiberationSansNarrow-Italic",
    ),
    "liberation-mono": FontSet(
        "liberation-mono", "LiberationMono-Regular", "LiberationMono-Bold", "LiberationMono-Italic"
    ),
}
_registered = False


def register_fonts() -> None:
    """Register the TrueType fonts (embedded as subsets, so any Unicode text works)."""
    global _registered
    if _registered:
        return
    for fs in FONTSETS.values():
        for name in (fs.regular, fs.bold, fs.italic):
            if name in STANDARD_FONTS:
                continue
            for d in FONT_DIRS:
                path = d / f"{name}.ttf"
                if path.exists():
                    pdfmetrics.registerFont(TTFont(name, str(path)))
                    break
            else:
                raise FileNotFoundError(f"font {name} not found in {FONT_DIRS}")
    _registered = True


def new_canvas(path: Path, pagesize: tuple[float, float], title: str, author: str) -> Canvas:
    register_fonts()
    c = Canvas(str(path), pagesize=pagesize, invariant=1, pageCompression=1)
    c.setTitle(title)
    c.setAuthor(author)
    c.setCreator(author)
    c.setProducer("bpo-toolkit sample generator")
    return c


# --- text ----------------------------------------------------------------------------


class Pen:
    """Thin helper around a canvas with a font set and a default colour."""

    def __init__(self, c: Canvas, fonts: FontSet, color: RGB = DARK) -> None:
        self.c = c
        self.fonts = fonts
        self.color = color

    def width(self, s: str, size: float, style: str = "r") -> float:
        return float(pdfmetrics.stringWidth(s, self.fonts.get(style), size))

    def text(
        self,
        x: float,
        y: float,
        s: str,
        size: float = 9,
        style: str = "r",
        align: str = "l",
        color: RGB | None = None,
        spacing: float = 0,
    ) -> float:
        """Draw one line; returns its width."""
        font = self.fonts.get(style)
        if font in STANDARD_FONTS:
            s.encode("cp1252")  # standard fonts use WinAnsi; fail loudly on anything else
        self.c.setFillColorRGB(*(color or self.color))
        w = self.width(s, size, style) + spacing * max(len(s) - 1, 0)
        if align == "r":
            x -= w
        elif align == "c":
            x -= w / 2
        if spacing:
            self.c.saveState()
            t = self.c.beginText(x, y)
            t.setFont(font, size)
            t.setCharSpace(spacing)
            t.textOut(s)
            self.c.drawText(t)
            self.c.restoreState()
        else:
            self.c.setFont(font, size)
            self.c.drawString(x, y, s)
        return w

    def wrap(self, s: str, width: float, size: float, style: str = "r") -> list[str]:
        """Greedy word wrap (never splits a word, so joined lines == original text)."""
        out: list[str] = []
        for para in s.split("\n"):
            line = ""
            for word in para.split():
                trial = f"{line} {word}" if line else word
                if line and self.width(trial, size, style) > width:
                    out.append(line)
                    line = word
                else:
                    line = trial
            out.append(line)
        return out

    def lines(
        self,
        x: float,
        y: float,
        lines: Sequence[str],
        size: float = 9,
        leading: float | None = None,
        style: str = "r",
        align: str = "l",
        color: RGB | None = None,
        first_style: str | None = None,
    ) -> float:
        """Draw lines top-down starting with baseline y; returns the baseline after the last line."""
        lead = leading or size * 1.25
        for i, ln in enumerate(lines):
            self.text(
                x, y, ln, size, first_style if (i == 0 and first_style) else style, align, color
            )
            y -= lead
        return y

    def hline(
        self,
        x1: float,
        x2: float,
        y: float,
        width: float = 0.5,
        color: RGB = GREY,
        dash: tuple[float, float] | None = None,
    ) -> None:
        self.c.setStrokeColorRGB(*color)
        self.c.setLineWidth(width)
        if dash:
            self.c.setDash(*dash)
        self.c.line(x1, y, x2, y)
        if dash:
            self.c.setDash()

    def vline(self, x: float, y1: float, y2: float, width: float = 0.5, color: RGB = GREY) -> None:
        self.c.setStrokeColorRGB(*color)
        self.c.setLineWidth(width)
        self.c.line(x, y1, x, y2)

    def rect(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        fill: RGB | None = None,
        stroke: RGB | None = None,
        width: float = 0.5,
        radius: float = 0,
    ) -> None:
        if fill:
            self.c.setFillColorRGB(*fill)
        if stroke:
            self.c.setStrokeColorRGB(*stroke)
            self.c.setLineWidth(width)
        if radius:
            self.c.roundRect(x, y, w, h, radius, stroke=1 if stroke else 0, fill=1 if fill else 0)
        else:
            self.c.rect(x, y, w, h, stroke=1 if stroke else 0, fill=1 if fill else 0)


def footer_columns(
    pen: Pen,
    x0: float,
    x1: float,
    y: float,
    columns: Sequence[Sequence[str]],
    size: float = 7,
    color: RGB = GREY,
    min_gap: float = 10,
) -> float:
    """Lay out footer text columns spread over [x0, x1]; shrinks the font until they fit. Returns the font size."""
    cols = [[ln for ln in col if ln] for col in columns]
    while True:
        widths = [max((pen.width(ln, size) for ln in col), default=0) for col in cols]
        gap = (x1 - x0 - sum(widths)) / max(len(cols) - 1, 1)
        if gap >= min_gap or size <= 5.0:
            break
        size -= 0.25
    x = x0
    for col, w in zip(cols, widths, strict=True):
        pen.lines(x, y, col, size, size * 1.28, color=color)
        x += w + gap
    return size


def tint(color: RGB, amount: float) -> RGB:
    """Mix a colour with white (amount 0 = colour, 1 = white)."""
    r, g, b = color
    return (r + (1 - r) * amount, g + (1 - g) * amount, b + (1 - b) * amount)


# --- tables -----------------------------------------------------------------------------


@dataclass
class Col:
    key: str
    header: str  # may contain "\n" for a two-line header
    width: float
    align: str = "l"
    wrap: bool = False


@dataclass
class TableStyle:
    size: float = 8.5
    header_size: float | None = None
    header_style: str = "b"
    header_fill: RGB | None = None
    header_color: RGB = DARK
    header_upper: bool = False
    pad_x: float = 4.0
    pad_y: float = 3.5
    leading: float = 1.22
    grid: str = "rows"  # full | rows | box | header | none
    zebra: RGB | None = None
    line_color: RGB = (0.6, 0.6, 0.6)
    line_width: float = 0.5
    header_rule: RGB | None = None  # heavier rule under header
    header_rule_width: float = 1.0
    bottom_rule: bool = True


class Table:
    def __init__(self, pen: Pen, cols: list[Col], style: TableStyle) -> None:
        self.pen = pen
        self.cols = cols
        self.st = style

    @property
    def width(self) -> float:
        return sum(c.width for c in self.cols)

    def _cell_lines(self, col: Col, text: str) -> list[str]:
        if col.wrap:
            return self.pen.wrap(text, col.width - 2 * self.st.pad_x, self.st.size)
        return [text]

    def row_height(self, row: dict[str, str]) -> float:
        n = max(len(self._cell_lines(c, row.get(c.key, ""))) for c in self.cols)
        return 2 * self.st.pad_y + self.st.size + (n - 1) * self.st.size * self.st.leading

    def header_height(self) -> float:
        hs = self.st.header_size or self.st.size
        n = max(len(c.header.split("\n")) for c in self.cols)
        return 2 * self.st.pad_y + hs + (n - 1) * hs * 1.15 + 1

    def _x_text(self, x: float, col: Col) -> float:
        if col.align == "r":
            return x + col.width - self.st.pad_x
        if col.align == "c":
            return x + col.width / 2
        return x + self.st.pad_x

    def draw_header(self, x: float, y: float) -> float:
        st, pen = self.st, self.pen
        h = self.header_height()
        hs = st.header_size or st.size
        if st.header_fill:
            pen.rect(x, y - h, self.width, h, fill=st.header_fill)
        cx = x
        for col in self.cols:
            parts = col.header.split("\n")
            by = y - st.pad_y - hs * 0.8
            for p in parts:
                label = p.upper() if st.header_upper else p
                pen.text(
                    self._x_text(cx, col),
                    by,
                    label,
                    hs,
                    st.header_style,
                    col.align,
                    st.header_color,
                )
                by -= hs * 1.15
            cx += col.width
        if st.grid in ("full", "box"):
            pen.rect(x, y - h, self.width, h, stroke=st.line_color, width=st.line_width)
            cx = x
            for col in self.cols[:-1]:
                cx += col.width
                pen.vline(cx, y, y - h, st.line_width, st.line_color)
        if st.header_rule:
            pen.hline(x, x + self.width, y - h, st.header_rule_width, st.header_rule)
        elif st.grid in ("rows", "header"):
            pen.hline(x, x + self.width, y - h, st.line_width, st.line_color)
        return y - h

    def draw_rows(
        self, x: float, y: float, rows: Sequence[dict[str, str]], start_index: int = 0
    ) -> float:
        st, pen = self.st, self.pen
        top = y
        for i, row in enumerate(rows):
            h = self.row_height(row)
            if st.zebra and (start_index + i) % 2 == 1:
                pen.rect(x, y - h, self.width, h, fill=st.zebra)
            cx = x
            for col in self.cols:
                lines = self._cell_lines(col, row.get(col.key, ""))
                by = y - st.pad_y - st.size * 0.8
                for ln in lines:
                    style = "b" if row.get("_bold") == col.key else "r"
                    pen.text(self._x_text(cx, col), by, ln, st.size, style, col.align)
                    by -= st.size * st.leading
                cx += col.width
            y -= h
            last = i == len(rows) - 1
            if st.grid in ("full", "rows") and (not last or st.bottom_rule):
                pen.hline(x, x + self.width, y, st.line_width, st.line_color)
        if st.grid in ("full", "box"):
            pen.rect(x, y, self.width, top - y, stroke=st.line_color, width=st.line_width)
            cx = x
            for col in self.cols[:-1]:
                cx += col.width
                pen.vline(cx, top, y, st.line_width, st.line_color)
        if st.grid == "header" and st.bottom_rule:
            pen.hline(x, x + self.width, y, st.line_width, st.line_color)
        return y


def fit_columns(
    cols: list[Col],
    total: float,
    pen: Pen | None = None,
    header_size: float = 9,
    pad: float = 4,
    upper: bool = False,
) -> list[Col]:
    """Widen fixed columns to fit their header, then size the wrap column so the table is ``total`` wide."""
    if pen is not None:
        for c in cols:
            if not c.wrap:
                need = (
                    max(
                        pen.width(part.upper() if upper else part, header_size, "b")
                        for part in c.header.split("\n")
                    )
                    + 2 * pad
                )
                c.width = max(c.width, need)
    fixed = sum(c.width for c in cols if not c.wrap)
    flex = [c for c in cols if c.wrap]
    if flex:
        each = (total - fixed) / len(flex)
        for c in flex:
            c.width = each
    return cols


# --- logos ----------------------------------------------------------------------------

LOGO_KINDS = [
    "circle",
    "square",
    "mountain",
    "hexagon",
    "bars",
    "ring",
    "diamond",
    "wave",
    "stack",
    "leaf",
]


def draw_logo(
    pen: Pen, kind: str, x: float, y: float, size: float, color: RGB, accent: RGB, initials: str
) -> None:
    """Draw a simple logo mark with its lower-left corner at (x, y)."""
    c = pen.c
    c.saveState()
    s = size
    c.setFillColorRGB(*color)
    c.setStrokeColorRGB(*color)
    if kind in ("circle", "square", "ring"):
        if kind == "circle":
            c.circle(x + s / 2, y + s / 2, s / 2, stroke=0, fill=1)
            tcol = WHITE
        elif kind == "square":
            c.roundRect(x, y, s, s, s * 0.18, stroke=0, fill=1)
            tcol = WHITE
        else:
            c.setLineWidth(s * 0.09)
            c.circle(x + s / 2, y + s / 2, s * 0.44, stroke=1, fill=0)
            tcol = color
        fs = s * (0.42 if len(initials) <= 2 else 0.32)
        pen.text(x + s / 2, y + s / 2 - fs * 0.35, initials, fs, "b", "c", tcol)
    elif kind == "mountain":
        p = c.beginPath()
        p.moveTo(x, y)
        p.lineTo(x + s * 0.38, y + s * 0.85)
        p.lineTo(x + s * 0.6, y + s * 0.45)
        p.lineTo(x + s * 0.72, y + s * 0.62)
        p.lineTo(x + s, y)
        p.close()
        c.drawPath(p, stroke=0, fill=1)
        c.setFillColorRGB(*accent)
        c.circle(x + s * 0.82, y + s * 0.86, s * 0.11, stroke=0, fill=1)
    elif kind == "hexagon":
        p = c.beginPath()
        for i in range(6):
            a = math.pi / 6 + i * math.pi / 3
            px, py = x + s / 2 + s / 2 * math.cos(a), y + s / 2 + s / 2 * math.sin(a)
            if i == 0:
                p.moveTo(px, py)
            else:
                p.lineTo(px, py)
        p.close()
        c.drawPath(p, stroke=0, fill=1)
        pen.text(x + s / 2, y + s / 2 - s * 0.14, initials[:1], s * 0.42, "b", "c", WHITE)
    elif kind == "bars":
        bw = s / 4
        for i, hf in enumerate((0.45, 0.7, 1.0)):
            c.setFillColorRGB(*(color if i != 1 else accent))
            c.rect(x + i * bw * 1.35, y, bw, s * hf, stroke=0, fill=1)
    elif kind == "diamond":
        p = c.beginPath()
        p.moveTo(x + s / 2, y)
        p.lineTo(x + s, y + s / 2)
        p.lineTo(x + s / 2, y + s)
        p.lineTo(x, y + s / 2)
        p.close()
        c.drawPath(p, stroke=0, fill=1)
        c.setFillColorRGB(*accent)
        c.circle(x + s / 2, y + s / 2, s * 0.14, stroke=0, fill=1)
    elif kind == "wave":
        c.setLineWidth(s * 0.12)
        c.setLineCap(1)
        for i in range(3):
            c.setStrokeColorRGB(*(color if i != 1 else accent))
            yy = y + s * (0.2 + 0.3 * i)
            p = c.beginPath()
            p.moveTo(x, yy)
            p.curveTo(x + s * 0.3, yy + s * 0.2, x + s * 0.6, yy - s * 0.2, x + s, yy)
            c.drawPath(p, stroke=1, fill=0)
    elif kind == "stack":
        c.setFillColorRGB(*accent)
        c.rect(x + s * 0.3, y + s * 0.3, s * 0.7, s * 0.7, stroke=0, fill=1)
        c.setFillColorRGB(*color)
        c.rect(x, y, s * 0.7, s * 0.7, stroke=0, fill=1)
    elif kind == "leaf":
        c.translate(x + s / 2, y + s / 2)
        c.rotate(35)
        c.ellipse(-s * 0.25, -s * 0.5, s * 0.25, s * 0.5, stroke=0, fill=1)
        c.setStrokeColorRGB(*WHITE)
        c.setLineWidth(s * 0.04)
        c.line(0, -s * 0.45, 0, s * 0.45)
    else:
        raise ValueError(kind)
    c.restoreState()


def initials_of(name: str) -> str:
    skip = {
        "GmbH",
        "AG",
        "KG",
        "Co.",
        "Inc.",
        "LLC",
        "Ltd",
        "B.V.",
        "SARL",
        "SAS",
        "SA",
        "&",
        "und",
        "et",
        "de",
        "van",
        "der",
        "den",
        "the",
        "The",
        "e.K.",
        "Corp.",
        "plc",
        "LLP",
        "Limited",
        "EURL",
        "SASU",
        "V.O.F.",
    }
    words = [
        w
        for w in name.replace(",", "").replace("-", " ").split()
        if w not in skip and w[:1].isalpha()
    ]
    return "".join(w[0].upper() for w in words[:2]) or name[:1]


# --- field recording ------------------------------------------------------------------------


class Rec:
    """Records what a layout prints, in the normal forms of the expected JSON."""

    def __init__(self, exp: Expected) -> None:
        self.exp = exp

    def text(self, key: str, value: str | Sequence[str]) -> None:
        joined = value if isinstance(value, str) else " ".join(value)
        self.exp.fields[key] = fold_ws(joined)

    def money(self, key: str, value: Decimal) -> None:
        self.exp.fields[key] = money_str(value)

    def date(self, key: str, value: date) -> None:
        self.exp.fields[key] = value.isoformat()

    def ident(self, key: str, value: str) -> None:
        self.exp.fields[key] = value if "-" in value and value[:2].isdigit() else compact_id(value)

    def item(
        self, li: LineItem, code: bool, quantity: bool = True, unit_price: bool = True
    ) -> None:
        """Record a line item; pass False for the parts the layout does not print."""
        d = {"description": fold_ws(li.description)}
        if quantity:
            d["quantity"] = qty_str(li.quantity)
        if unit_price:
            d["unit_price"] = money_str(li.unit_price)
        d["amount"] = money_str(li.amount)
        if code and li.product_code:
            d["product_code"] = compact_id(li.product_code)
        self.exp.line_items.append(d)
