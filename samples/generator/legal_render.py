"""Typesetting of long legal documents (contracts, letters) with reportlab platypus.

A composer builds a :class:`Doc`, a list of blocks (title, paragraphs, numbered sections, tables,
signature blocks, page breaks); a :class:`Look` decides how it is set: page size, font, justified or
ragged text, the numbering scheme of sections (``ARTICLE I / Section 1.01``, ``1. / 1.1 / (a)``,
English ``1.1`` clauses …), running headers, footers with page numbers, the "Exhibit 10.1" label.
Output is byte-reproducible (``invariant=1``, fixed metadata).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.tableofcontents import TableOfContents

from .layouts.base import FONTSETS, STANDARD_FONTS

RGB = tuple[float, float, float]

# --- blocks ----------------------------------------------------------------------------------


@dataclass
class Node:
    """A numbered section; its children are the next level (1.1, then (a), then (i))."""

    heading: str | None = None
    text: str | None = None
    children: list[Node] = field(default_factory=list)
    key: str | None = None  # target of "{ref:key}" cross references
    after: list[Any] = field(default_factory=list)  # unnumbered paragraphs (str or Para) after it


@dataclass
class Title:
    text: str
    sub: list[str] = field(default_factory=list)
    size: float | None = None
    underline: bool = False


@dataclass
class Para:
    text: str
    align: str | None = None  # l c r j (None: the look's body alignment)
    style: str = "body"  # body | bold | small | legend | caps
    indent: float = 0  # left indent in points
    first: bool = True  # apply the look's first-line indent
    space: float | None = None
    keep_next: bool = False


@dataclass
class Head:
    text: str
    align: str = "c"
    underline: bool = False
    size: float | None = None
    toc: bool = False


@dataclass
class Sections:
    nodes: list[Node]
    start: int = 1
    toc: bool = False
    numbering: str | None = None  # overrides the look's scheme (e.g. "decimal" in exhibits)


@dataclass
class Grid:
    rows: list[list[str]]
    widths: list[float]  # fractions of the text width
    header: bool = True
    style: str = "grid"  # grid | lined | plain | boxed
    size: float | None = None
    align: list[str] | None = None  # per column: l c r


@dataclass
class SigBlock:
    lines: list[str]  # first line is usually the party, e.g. "ACME CORP." or "LANDLORD:"


@dataclass
class Sig:
    blocks: list[SigBlock]
    cols: int = 2


@dataclass
class Break:
    pass


@dataclass
class Gap:
    height: float = 12


@dataclass
class Contents:
    title: str = "TABLE OF CONTENTS"


@dataclass
class Rule:
    width: float = 0.5


Block = Title | Para | Head | Sections | Grid | Sig | Break | Gap | Contents | Rule


@dataclass
class Doc:
    blocks: list[Block]
    title: str  # PDF metadata
    author: str


# --- look --------------------------------------------------------------------------------------


@dataclass
class Look:
    key: str
    font: str = "times"  # key of layouts.base.FONTSETS
    size: float = 11
    leading: float = 13.5
    justify: bool = True
    first_indent: float = 0
    space: float = 6  # after each paragraph
    page: str = "letter"  # letter | a4
    margins: tuple[float, float, float, float] = (72, 72, 72, 72)  # left right top bottom
    numbering: str = "decimal"  # article-roman | article-arabic | decimal | uk | section
    hang: bool = False  # labels in a hanging gutter instead of inline
    sub_headings: bool = True  # run-in headings on level 1 ("1.1 Fees. ...")
    heading_underline: bool = True
    title_size: float = 14
    footer: str | None = "{n}"  # e.g. "Page {n} of {N}", "-{n}-"
    footer_left: str | None = None
    footer_right: str | None = None
    footer_from: int = 1  # first page that gets the footer
    header_left: str | None = None
    header_right: str | None = None
    header_rule: bool = False
    legend: str | None = None  # top of every page, e.g. CONFIDENTIAL TREATMENT REQUESTED
    accent: RGB | None = None
    straight_quotes: bool = False
    small_size: float | None = None

    @property
    def pagesize(self) -> tuple[float, float]:
        return A4 if self.page == "a4" else letter


ROMAN = [
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
]


def roman(n: int) -> str:
    out = ""
    for v, s in ROMAN:
        while n >= v:
            out += s
            n -= v
    return out


def letter_label(n: int) -> str:
    s = ""
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(97 + r) + s
    return s


# --- numbering ------------------------------------------------------------------------------


def labels(n: str, path: tuple[int, ...]) -> tuple[str, str]:
    """(label printed, cross-reference text) of a node at ``path`` (1-based indices) under the
    numbering scheme ``n``."""
    depth = len(path)
    i = path[0]
    if n == "section":
        if depth == 1:
            return f"Section {i}.", f"Section {i}"
        if depth == 2:
            return f"({letter_label(path[1])})", f"Section {i}({letter_label(path[1])})"
        return f"({roman(path[2]).lower()})", (
            f"Section {i}({letter_label(path[1])})({roman(path[2]).lower()})"
        )
    if depth == 1:
        if n == "article-roman":
            return f"ARTICLE {roman(i)}", f"Article {roman(i)}"
        if n == "article-arabic":
            return f"ARTICLE {i}", f"Article {i}"
        return f"{i}.", (f"clause {i}" if n == "uk" else f"Section {i}")
    if depth == 2:
        j = path[1]
        if n == "article-roman":
            return f"Section {i}.{j:02d}", f"Section {i}.{j:02d}"
        if n == "uk":
            return f"{i}.{j}", f"clause {i}.{j}"
        return f"{i}.{j}", f"Section {i}.{j}"
    parent = labels(n, path[:2])[1]
    if depth == 3:
        return f"({letter_label(path[2])})", f"{parent}({letter_label(path[2])})"
    return (
        f"({roman(path[3]).lower()})",
        f"{parent}({letter_label(path[2])})({roman(path[3]).lower()})",
    )


def collect_refs(doc: Doc, look: Look) -> dict[str, str]:
    refs: dict[str, str] = {}

    def walk(nodes: list[Node], prefix: tuple[int, ...], start: int, scheme: str) -> None:
        for k, node in enumerate(nodes, start):
            path = (*prefix, k)
            if node.key:
                if node.key in refs:
                    raise ValueError(f"duplicate section key {node.key!r}")
                refs[node.key] = labels(scheme, path)[1]
            walk(node.children, path, 1, scheme)

    for b in doc.blocks:
        if isinstance(b, Sections):
            walk(b.nodes, (), b.start, b.numbering or look.numbering)
    return refs


REF = re.compile(r"\{ref:(\w+)\}")


# --- rendering -----------------------------------------------------------------------------------


class _DocTemplate(BaseDocTemplate):
    def afterFlowable(self, flowable: Flowable) -> None:
        entry = getattr(flowable, "toc_entry", None)
        if entry is not None:
            self.notify("TOCEntry", (entry[0], entry[1], self.page))


def _canvas_class(decorate: Callable[[Canvas, int, int], None]) -> type[Canvas]:
    class PagedCanvas(Canvas):
        """Defers page output so footers can print "Page n of N"."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                decorate(self, self._pageNumber, total)
                super().showPage()
            super().save()

    return PagedCanvas


class Renderer:
    def __init__(self, look: Look) -> None:
        self.look = look
        fs = FONTSETS[look.font]
        if fs.regular not in STANDARD_FONTS:
            raise ValueError(
                "legal documents use the standard PDF fonts only (Times, Helvetica, Courier)"
            )
        self.regular, self.bold, self.italic = fs.regular, fs.bold, fs.italic
        body_align = TA_JUSTIFY if look.justify else TA_LEFT
        self.body = ParagraphStyle(
            "body",
            fontName=self.regular,
            fontSize=look.size,
            leading=look.leading,
            alignment=body_align,
            spaceAfter=look.space,
            firstLineIndent=look.first_indent,
            allowWidows=0,
            allowOrphans=0,
        )
        self.refs: dict[str, str] = {}

    # -- text helpers
    def fix(self, text: str) -> str:
        text = REF.sub(lambda m: self.refs[m.group(1)], text)
        if self.look.straight_quotes:
            text = text.translate(str.maketrans({"“": '"', "”": '"', "’": "'", "‘": "'"}))
        if self.regular in STANDARD_FONTS:
            plain = re.sub(r"<[^>]+>", "", text)
            plain.encode("cp1252")  # standard fonts print WinAnsi only: fail loudly
        return text

    def style(self, **kw: Any) -> ParagraphStyle:
        return ParagraphStyle("x", parent=self.body, **kw)

    def para(self, text: str, **kw: Any) -> Paragraph:
        return Paragraph(self.fix(text), self.style(**kw))

    # -- blocks
    def flow(self, doc: Doc) -> list[Flowable]:
        self.refs = collect_refs(doc, self.look)
        out: list[Flowable] = []
        for b in doc.blocks:
            out.extend(self.block(b))
        return out

    def block(self, b: Block) -> list[Flowable]:
        look = self.look
        align = {"l": TA_LEFT, "c": TA_CENTER, "r": TA_RIGHT, "j": TA_JUSTIFY}
        if isinstance(b, Title):
            size = b.size or look.title_size
            text = f"<u>{b.text}</u>" if b.underline else b.text
            color = colors.Color(*look.accent) if look.accent else colors.black
            items: list[Flowable] = [
                self.para(
                    f"<b>{text}</b>",
                    alignment=TA_CENTER,
                    fontSize=size,
                    leading=size * 1.25,
                    spaceAfter=4 if b.sub else 14,
                    firstLineIndent=0,
                    textColor=color,
                )
            ]
            for i, s in enumerate(b.sub):
                items.append(
                    self.para(
                        s,
                        alignment=TA_CENTER,
                        firstLineIndent=0,
                        spaceAfter=14 if i == len(b.sub) - 1 else 2,
                    )
                )
            return items
        if isinstance(b, Para):
            kw: dict[str, Any] = {}
            if b.align:
                kw["alignment"] = align[b.align]
            if b.align in ("c", "r") or not b.first or b.indent:
                kw["firstLineIndent"] = 0
            if b.indent:
                kw["leftIndent"] = b.indent
            if b.space is not None:
                kw["spaceAfter"] = b.space
            text = b.text
            if b.style == "bold":
                text = f"<b>{text}</b>"
            elif b.style in ("small", "legend"):
                size = look.small_size or look.size - 2
                kw.update(fontSize=size, leading=size * 1.2)
                if b.style == "legend":
                    text = f"<b>{text}</b>"
            elif b.style == "caps":
                text = text.upper()
            p = self.para(text, **kw)
            p.keepWithNext = b.keep_next
            return [p]
        if isinstance(b, Head):
            size = b.size or look.size
            text = f"<u>{b.text}</u>" if b.underline else b.text
            p = self.para(
                f"<b>{text}</b>",
                alignment=align[b.align],
                firstLineIndent=0,
                fontSize=size,
                leading=size * 1.25,
                spaceBefore=6,
                spaceAfter=8,
            )
            p.keepWithNext = True
            if b.toc:
                entry = re.sub(r"<[^>]+>", "", b.text.replace("<br/>", " – "))
                p.toc_entry = (0, entry)  # type: ignore[attr-defined]
            return [p]
        if isinstance(b, Sections):
            out: list[Flowable] = []
            scheme = b.numbering or look.numbering
            for k, node in enumerate(b.nodes, b.start):
                out.extend(self.node(node, (k,), b.toc, scheme))
            return out
        if isinstance(b, Grid):
            return [self.grid(b)]
        if isinstance(b, Sig):
            return [self.sig(b)]
        if isinstance(b, Break):
            return [PageBreak()]
        if isinstance(b, Gap):
            return [Spacer(1, b.height)]
        if isinstance(b, Rule):
            return [_HRule(b.width)]
        if isinstance(b, Contents):
            toc = TableOfContents()
            toc.dotsMinLevel = 0
            toc.levelStyles = [
                self.style(fontSize=look.size - 0.5, leading=look.leading, firstLineIndent=0)
            ]
            head = self.para(
                f"<b>{b.title}</b>", alignment=TA_CENTER, firstLineIndent=0, spaceAfter=12
            )
            return [head, toc, PageBreak()]
        raise TypeError(b)

    def node(self, node: Node, path: tuple[int, ...], toc: bool, scheme: str) -> list[Flowable]:
        look = self.look
        label, _ref = labels(scheme, path)
        depth = len(path)
        ul = (lambda s: f"<u>{s}</u>") if look.heading_underline else (lambda s: f"<b>{s}</b>")
        out: list[Flowable] = []
        gutter = 36.0
        if depth == 1:
            heading = (node.heading or "").upper() if scheme != "section" else None
            if scheme in ("article-roman", "article-arabic"):
                h = self.para(
                    f"<b>{label}</b><br/><b>{heading}</b>",
                    alignment=TA_CENTER,
                    firstLineIndent=0,
                    spaceBefore=8,
                    spaceAfter=8,
                )
                h.keepWithNext = True
                if toc:
                    h.toc_entry = (0, f"{label}  {heading}")  # type: ignore[attr-defined]
                out.append(h)
                if node.text:
                    out.append(self.para(node.text))
            elif scheme == "section":
                head = f"{label} {ul(node.heading)}. " if node.heading else f"{label} "
                p = self.para(head + (node.text or ""))
                p.keepWithNext = not node.text
                if toc and node.heading:
                    p.toc_entry = (0, f"{label} {node.heading}")  # type: ignore[attr-defined]
                out.append(p)
            else:  # decimal / uk
                if node.text and not node.children and scheme == "decimal":
                    p = self.para(f"<b>{label} {heading}.</b> {node.text}", firstLineIndent=0)
                    out.append(p)
                else:
                    h = self.para(
                        f"<b>{label}</b>&nbsp;&nbsp;<b>{heading}</b>"
                        if not look.hang
                        else f"<b>{heading}</b>",
                        firstLineIndent=0,
                        leftIndent=gutter if look.hang else 0,
                        bulletIndent=0,
                        spaceBefore=4,
                        alignment=TA_LEFT,
                    )
                    if look.hang:
                        h = Paragraph(
                            self.fix(f"<b>{heading}</b>"),
                            self.style(
                                firstLineIndent=0,
                                leftIndent=gutter,
                                bulletIndent=0,
                                bulletFontName=self.bold,
                                spaceBefore=4,
                                alignment=TA_LEFT,
                            ),
                            bulletText=label,
                        )
                    h.keepWithNext = True
                    if toc:
                        h.toc_entry = (0, f"{label} {heading}")  # type: ignore[attr-defined]
                    out.append(h)
                    if node.text:
                        out.append(self.para(node.text, leftIndent=gutter if look.hang else 0))
            for k, child in enumerate(node.children, 1):
                out.extend(self.node(child, (*path, k), toc, scheme))
            for extra in node.after:
                out.extend(self.block(extra) if isinstance(extra, Para) else [self.para(extra)])
            return out

        # level 2 and below
        sub_depth = depth if scheme != "section" else depth + 1
        indent_level = sub_depth - 2  # 0 for 1.1, 1 for (a), 2 for (i)
        show_heading = node.heading and (look.sub_headings or not node.text or scheme == "section")
        head = ""
        if show_heading and node.heading:
            head = f"{ul(node.heading)}. " if scheme != "uk" else f"<b>{node.heading}</b>. "
        text = head + (node.text or "")
        if look.hang:
            left = gutter * (indent_level + 1)
            p = Paragraph(
                self.fix(text),
                self.style(
                    leftIndent=left + (gutter if sub_depth >= 3 else 0),
                    firstLineIndent=0,
                    bulletIndent=left - gutter + (gutter if sub_depth >= 3 else 0),
                    bulletFontName=self.regular,
                ),
                bulletText=label,
            )
        else:
            if sub_depth == 2:
                p = self.para(f"{label}&nbsp;&nbsp;{text}")
            else:
                p = self.para(
                    f"{label}&nbsp;&nbsp;{text}",
                    leftIndent=gutter * (indent_level),
                    firstLineIndent=gutter / 2 if look.first_indent else 0,
                )
        out.append(p)
        for k, child in enumerate(node.children, 1):
            out.extend(self.node(child, (*path, k), toc, scheme))
        for extra in node.after:
            if isinstance(extra, Para):
                out.extend(self.block(extra))
            else:
                indent = gutter * (indent_level + (1 if look.hang else 0))
                out.append(self.para(extra, leftIndent=indent))
        return out

    def grid(self, b: Grid) -> Table:
        look = self.look
        width = look.pagesize[0] - look.margins[0] - look.margins[1]
        size = b.size or look.size - 1.5
        aligns = b.align or ["l"] * len(b.widths)
        amap = {"l": TA_LEFT, "c": TA_CENTER, "r": TA_RIGHT}
        data = []
        for r, row in enumerate(b.rows):
            cells = []
            for c, cell in enumerate(row):
                text = f"<b>{cell}</b>" if (b.header and r == 0) else cell
                cells.append(
                    Paragraph(
                        self.fix(text),
                        self.style(
                            fontSize=size,
                            leading=size * 1.22,
                            firstLineIndent=0,
                            spaceAfter=0,
                            alignment=amap[aligns[c]],
                        ),
                    )
                )
            data.append(cells)
        t = Table(data, colWidths=[w * width for w in b.widths], repeatRows=1 if b.header else 0)
        cmds: list[tuple[Any, ...]] = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]
        if b.style == "grid":
            cmds.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
        elif b.style == "boxed":
            cmds.append(("BOX", (0, 0), (-1, -1), 0.8, colors.black))
            cmds.append(("LINEBELOW", (0, 0), (-1, -2), 0.3, colors.grey))
        elif b.style == "lined":
            cmds.append(("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black))
            cmds.append(("LINEBELOW", (0, 1), (-1, -1), 0.3, colors.grey))
        if b.header and b.style in ("grid", "boxed"):
            shade = look.accent and colors.Color(*[0.85 + 0.15 * v for v in look.accent])
            cmds.append(("BACKGROUND", (0, 0), (-1, 0), shade or colors.Color(0.9, 0.9, 0.9)))
        t.setStyle(TableStyle(cmds))
        t.spaceAfter = 10
        return t

    def sig(self, b: Sig) -> Flowable:
        look = self.look
        width = look.pagesize[0] - look.margins[0] - look.margins[1]
        st = self.style(alignment=TA_LEFT, firstLineIndent=0, spaceAfter=0, leading=look.size * 1.5)
        cells = [[Paragraph(self.fix(line), st) for line in blk.lines] for blk in b.blocks]
        rows = []
        for i in range(0, len(cells), b.cols):
            row: list[Any] = cells[i : i + b.cols]
            row += [""] * (b.cols - len(row))
            rows.append(row)
        gap = 0.06 * width if b.cols > 1 else 0
        col = (width - gap * (b.cols - 1)) / b.cols
        widths: list[float] = []
        for k in range(b.cols):
            widths.append(col)
            if k < b.cols - 1:
                widths.append(gap)
        spaced = []
        for row in rows:
            r: list[Any] = []
            for k, cell in enumerate(row):
                r.append(cell)
                if k < b.cols - 1:
                    r.append("")
            spaced.append(r)
        t = Table(spaced, colWidths=widths)
        t.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 18),
                ]
            )
        )
        return KeepTogether([Spacer(1, 10), t])

    # -- pages
    def decorate(self, c: Canvas, n: int, total: int) -> None:
        look = self.look
        w, h = look.pagesize
        left, right = look.margins[0], w - look.margins[1]
        small = max(look.size - 2.5, 7)
        c.saveState()
        c.setFillColorRGB(0.1, 0.1, 0.1)
        if look.legend:
            c.setFont(self.bold, small)
            c.drawCentredString(w / 2, h - 36, look.legend)
        if look.header_left or look.header_right:
            c.setFont(self.regular, small)
            y = h - (48 if look.legend else 40)
            if look.header_left:
                c.drawString(left, y, look.header_left.format(n=n, N=total))
            if look.header_right:
                c.drawRightString(right, y, look.header_right.format(n=n, N=total))
            if look.header_rule:
                c.setLineWidth(0.5)
                c.setStrokeColorRGB(*(look.accent or (0.3, 0.3, 0.3)))
                c.line(left, y - 5, right, y - 5)
        if n >= look.footer_from:
            c.setFont(self.regular, small)
            y = 36
            if look.footer:
                c.drawCentredString(w / 2, y, look.footer.format(n=n, N=total))
            if look.footer_left:
                c.setFont(self.regular, small - 1)
                c.drawString(left, y, look.footer_left.format(n=n, N=total))
            if look.footer_right:
                c.setFont(self.regular, small - 1)
                c.drawRightString(right, y, look.footer_right.format(n=n, N=total))
        c.restoreState()

    def build(self, doc: Doc, path: Path) -> int:
        look = self.look
        w, h = look.pagesize
        lm, rm, tm, bm = look.margins
        tpl = _DocTemplate(
            str(path),
            pagesize=look.pagesize,
            invariant=1,
            pageCompression=1,
            title=doc.title,
            author=doc.author,
            creator=doc.author,
            producer="bpo-toolkit sample generator",
            subject="",
            leftMargin=lm,
            rightMargin=rm,
            topMargin=tm,
            bottomMargin=bm,
        )
        frame = Frame(lm, bm, w - lm - rm, h - tm - bm, id="body", showBoundary=0)
        tpl.addPageTemplates([PageTemplate(id="page", frames=[frame])])
        story = self.flow(doc)
        maker = _canvas_class(self.decorate)
        if any(isinstance(b, Contents) for b in doc.blocks):
            tpl.multiBuild(story, canvasmaker=maker)
        else:
            tpl.build(story, canvasmaker=maker)
        return int(tpl.page)


class _HRule(Flowable):
    def __init__(self, width: float) -> None:
        super().__init__()
        self.line_width = width

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.aw = aw
        return aw, 8

    def draw(self) -> None:
        self.canv.setLineWidth(self.line_width)
        self.canv.line(0, 4, self.aw, 4)


def render(doc: Doc, look: Look, path: Path) -> int:
    """Typeset ``doc`` into ``path``; returns the number of pages."""
    return Renderer(look).build(doc, path)


__all__ = [
    "Block",
    "Break",
    "CondPageBreak",
    "Contents",
    "Doc",
    "Gap",
    "Grid",
    "Head",
    "Look",
    "Node",
    "Para",
    "Rule",
    "Sections",
    "Sig",
    "SigBlock",
    "Title",
    "render",
    "roman",
]
