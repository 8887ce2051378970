"""Reading: a file on disk → a `Document` of pages with words and boxes.

Digital PDFs are read from their text layer with pypdfium2, which gives each character with its
box in ~2-12 ms a page where pdfminer (pdfplumber's parser) needs 80-140 ms; measured in
`bench/`. Pages without a usable text layer (scans, or a layer of unmapped glyphs) are rendered and
read by Tesseract, as are PNG, JPEG and (multi-page) TIFF images.

Every failure a user can cause with a file (encrypted, damaged, empty, not a PDF or an image, too
large) raises `ReadError` with one plain sentence; nothing else escapes for such files.
"""

from __future__ import annotations

import ctypes
import hashlib
import itertools
import logging
import os
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytesseract
from PIL import Image, ImageOps

from extractors.language import guess_language
from extractors.model import BBox, Document, FormField, Page, Source, Word
from pipelines.form_read import TESSERACT_LANGS, known_form, reread_form_boxes

log = logging.getLogger(__name__)

ACCEPTED_SUFFIXES = frozenset({".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff"})


class ReadError(Exception):
    """A file that cannot be read; the message is one plain sentence for the user."""


@dataclass(frozen=True)
class ReadSettings:
    max_file_bytes: int = 200 * 1024 * 1024
    max_pages: int = 500
    ocr_dpi: int = 300
    max_render_pixels: int = 40_000_000  # a 300 dpi A3 page is ~17 MP; larger pages render smaller
    max_image_pixels: int = 200_000_000  # decompression-bomb guard for images
    min_text_chars: int = 20  # fewer characters than this on a page: read it with OCR
    ocr_timeout_s: float = 120.0
    # Tesseract reads with automatic page segmentation (psm 3); when its words leave much of
    # the page's ink unread (it drops a receipt's amounts column, say), the page is read again
    # as one block, line by line (psm 6), and the reading that accounts for more ink is kept
    ocr_psm: int = 3
    ocr_fallback_psm: int = 6
    ocr_min_ink_coverage: float = 0.75
    # a page that is mostly a picture but has a text layer (a form printed as an image with its
    # values typed over it) is also read with OCR when its text covers less of its ink than this
    min_text_layer_coverage: float = 0.6
    # Text lines Tesseract read with low confidence (its layout analysis merged two rows or
    # took a baseline wrong) and unsure words in lines read well are read again from their own
    # crops, all in one further Tesseract call; a second reading replaces the first only when
    # it is read with clearly more confidence
    ocr_weak_line_confidence: float = 0.5
    ocr_weak_word_confidence: float = 0.4
    ocr_max_rereads: int = 40
    # the boxes of a form the toolkit knows (CMS-1500) read again one by one on a scan, each
    # knowing the characters it may hold (`pipelines/form_read.py`)
    form_rereads: bool = True
    deskew: bool = True


def sniff_kind(head: bytes) -> str | None:
    """The file's kind from its first bytes, never from its name."""
    if head.startswith(b"%PDF") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return "tiff"
    return None


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def read_document(
    path: Path, settings: ReadSettings | None = None, sha256: str | None = None
) -> Document:
    """Read a file; `sha256` saves hashing it again when the caller has already."""
    settings = settings or ReadSettings()
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(2048)
    except OSError as exc:
        raise ReadError(f"the file cannot be opened ({exc.strerror or exc}).") from exc
    if size == 0:
        raise ReadError("the file is empty.")
    if size > settings.max_file_bytes:
        raise ReadError(
            f"the file has {size:,} bytes, over the limit of {settings.max_file_bytes:,} bytes."
        )
    kind = sniff_kind(head)
    if kind is None:
        raise ReadError("the file is not a PDF or an image (PNG, JPEG or TIFF).")
    digest = sha256 or sha256_file(path)
    pages = (
        tuple(_read_pdf(path, settings)) if kind == "pdf" else tuple(_read_image(path, settings))
    )
    if not pages:
        raise ReadError("the document has no pages.")
    return Document(source=str(path), sha256=digest, pages=pages)


# ------------------------------------------------------------------------------------------ PDF


def _read_pdf(path: Path, settings: ReadSettings) -> Iterator[Page]:
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message:
            raise ReadError("the PDF is encrypted and needs a password.") from exc
        raise ReadError("the PDF is damaged and cannot be read.") from exc
    try:
        count = len(pdf)
        if count == 0:
            raise ReadError("the PDF has no pages.")
        if count > settings.max_pages:
            raise ReadError(f"the PDF has {count} pages, over the limit of {settings.max_pages}.")
        form_fields: dict[int, tuple[FormField, ...]] = {}
        if pdf.get_formtype() != pdfium_c.FORMTYPE_NONE:
            pdf.init_forms()  # pages then render with their fields' values, for OCR to see
            form_fields = _form_fields(path)
        for index in range(count):
            try:
                page = pdf[index]
            except pdfium.PdfiumError as exc:  # a broken page tree: /Count larger than the pages
                raise ReadError(
                    f"page {index + 1} of the PDF is damaged and cannot be read."
                ) from exc
            try:
                read = _read_pdf_page(page, index + 1, settings)
                if form_fields.get(index + 1):
                    read = replace(read, form_fields=form_fields[index + 1])
                yield read
            finally:
                page.close()  # pdfium keeps every loaded page otherwise
    finally:
        pdf.close()


def _read_pdf_page(page: pdfium.PdfPage, number: int, settings: ReadSettings) -> Page:
    width, height = page.get_size()
    if width <= 0 or height <= 0:
        raise ReadError(f"page {number} of the PDF has no size.")
    words = _text_layer_words(page)
    usable = _usable_text(words, settings)
    if usable and not _mostly_picture(page, width, height):
        return Page(number=number, width=width, height=height, words=tuple(words))
    # No usable text layer, or a page that is mostly a picture (a form printed as an image with
    # its values typed over it): render and read with OCR, capping the pixels of huge pages.
    scale = settings.ocr_dpi / 72
    if width * height * scale * scale > settings.max_render_pixels:
        scale = (settings.max_render_pixels / (width * height)) ** 0.5
    image = page.render(scale=scale, grayscale=True, may_draw_forms=True).to_pil()
    if not usable:
        return _ocr_page(image, number, 72 / (72 * scale), settings)
    to_points = 72 / (72 * scale)
    in_pixels = [
        BBox(
            w.bbox.x0 / to_points,
            w.bbox.top / to_points,
            w.bbox.x1 / to_points,
            w.bbox.bottom / to_points,
        )
        for w in words
    ]
    covered = ink_coverage(
        image, [Word(w.text, b, 1.0) for w, b in zip(words, in_pixels, strict=True)]
    )
    if covered >= settings.min_text_layer_coverage:
        return Page(number=number, width=width, height=height, words=tuple(words))
    # the text layer holds only part of what the page shows: the rest is read with OCR, and its
    # words are added where no text-layer word stands
    seen = _ocr_page(image, number, to_points, settings, form_boxes=False)
    extra = [w for w in seen.words if not any(_overlaps(w.bbox, t.bbox) for t in words)]
    return Page(number=number, width=width, height=height, words=(*words, *extra))


def _mostly_picture(page: pdfium.PdfPage, width: float, height: float) -> bool:
    """Images (or form objects holding them) cover at least 40% of the page."""
    area = 0.0
    for obj in page.get_objects(max_depth=1):
        if obj.type in (pdfium_c.FPDF_PAGEOBJ_IMAGE, pdfium_c.FPDF_PAGEOBJ_FORM):
            left, bottom, right, top = obj.get_bounds()
            area += max(0.0, right - left) * max(0.0, top - bottom)
    return area >= 0.4 * width * height


def _overlaps(a: BBox, b: BBox) -> bool:
    return (b.x0 - 1 <= a.cx <= b.x1 + 1 and b.top - 1 <= a.cy <= b.bottom + 1) or (
        a.x0 - 1 <= b.cx <= a.x1 + 1 and a.top - 1 <= b.cy <= a.bottom + 1
    )


def _form_fields(path: Path) -> dict[int, tuple[FormField, ...]]:
    """The values of a fillable PDF's fields, by page, with the boxes of their widgets."""
    import pypdf

    out: dict[int, list[FormField]] = {}
    try:
        reader = pypdf.PdfReader(str(path))
        for number, page in enumerate(reader.pages, start=1):
            height = float(page.mediabox.top)
            left = float(page.mediabox.left)
            for ref in page.get("/Annots") or []:
                widget = ref.get_object()
                if widget.get("/Subtype") != "/Widget" or "/Rect" not in widget:
                    continue
                field = _field_of(widget)
                value = _widget_value(widget, field)
                if not value:
                    continue
                x0, y0, x1, y1 = (float(v) for v in widget["/Rect"])
                box = BBox(
                    min(x0, x1) - left,
                    height - max(y0, y1),
                    max(x0, x1) - left,
                    height - min(y0, y1),
                )
                out.setdefault(number, []).append(FormField(_full_name(field), value, box))
    except Exception as exc:  # form values are a bonus: the page is read anyway
        log.warning("form fields of %s not read: %s", path, exc)
        return {}
    return {n: tuple(fields) for n, fields in out.items()}


def _field_of(widget: Any) -> Any:
    """The field a widget belongs to: itself when it carries the name, else its parent."""
    if "/T" in widget or "/Parent" not in widget:
        return widget
    return widget["/Parent"].get_object()


def _full_name(field: Any) -> str:
    parts = []
    node = field
    while node is not None:
        if "/T" in node:
            parts.append(str(node["/T"]))
        node = node["/Parent"].get_object() if "/Parent" in node else None
    return ".".join(reversed(parts))


def _widget_value(widget: Any, field: Any) -> str:
    kind = field.get("/FT") or widget.get("/FT")
    if kind == "/Btn":
        state = widget.get("/AS")
        return "" if state in (None, "/Off") else str(state).lstrip("/")
    value = field.get("/V", widget.get("/V"))
    if value is None:
        return ""
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    return " ".join(str(value).split())


def _text_layer_words(page: pdfium.PdfPage) -> list[Word]:
    """Characters with their boxes from pdfium, joined into words at spaces and gaps."""
    textpage = page.get_textpage()
    try:
        raw = textpage.raw
        count = pdfium_c.FPDFText_CountChars(raw)
        if count <= 0:
            return []
        left, bottom, right, top = page.get_cropbox()
        rotation = page.get_rotation()
        rect = pdfium_c.FS_RECTF()
        words: list[Word] = []
        chars: list[str] = []
        box: list[float] | None = None
        last_x1 = last_size = 0.0
        last_cy = -1.0

        def flush() -> None:
            nonlocal chars, box
            if chars and box is not None:
                text = "".join(chars).strip()
                if text:
                    words.append(Word(text=text, bbox=BBox(*box)))
            chars, box = [], None

        for i in range(count):
            code = pdfium_c.FPDFText_GetUnicode(raw, i)
            char = chr(code) if 0 < code < 0x110000 else ""
            if not char or char.isspace() or pdfium_c.FPDFText_IsGenerated(raw, i) == 1:
                flush()
                continue
            if not pdfium_c.FPDFText_GetLooseCharBox(raw, i, ctypes.byref(rect)):
                continue
            # join characters into words on the page as it is shown (rotation applied), so that
            # text which reads upright on a /Rotate 90 page is joined along its own line
            shown = _page_box(
                [rect.left, rect.bottom, rect.right, rect.top], left, bottom, right, top, rotation
            )
            x0, x1 = shown.x0, shown.x1
            size = max(shown.height, 1.0)
            cy = shown.cy
            if box is not None and (
                abs(cy - last_cy) > 0.5 * max(size, last_size)
                or x0 - last_x1 > 0.3 * size
                or x0 < last_x1 - 0.5 * size
            ):
                flush()
            chars.append(char)
            box = (
                [x0, shown.top, x1, shown.bottom]
                if box is None
                else [
                    min(box[0], x0),
                    min(box[1], shown.top),
                    max(box[2], x1),
                    max(box[3], shown.bottom),
                ]
            )
            last_x1, last_size, last_cy = x1, size, cy
        flush()
        return words
    finally:
        textpage.close()


def _page_box(
    box: list[float], left: float, bottom: float, right: float, top: float, rotation: int
) -> BBox:
    """PDF user space (origin bottom-left) → pdfplumber's top-left convention, page rotation applied."""
    x0, y0, x1, y1 = box[0] - left, box[1] - bottom, box[2] - left, box[3] - bottom
    w, h = right - left, top - bottom
    if rotation == 90:
        return BBox(y0, x0, y1, x1)
    if rotation == 180:
        return BBox(w - x1, y0, w - x0, y1)
    if rotation == 270:
        return BBox(h - y1, w - x1, h - y0, w - x0)
    return BBox(x0, h - y1, x1, h - y0)


def _usable_text(words: list[Word], settings: ReadSettings) -> bool:
    """Enough characters, and mostly characters of real words (not unmapped glyph garbage)."""
    text = "".join(w.text for w in words)
    if len(text) < settings.min_text_chars:
        return False
    good = sum(1 for c in text if c.isalnum() or c in ".,:;-/()€$£%#&'\"+@*")
    if good / len(text) < 0.85:
        return False
    alpha = [w.text for w in words if any(c.isalpha() for c in w.text) and len(w.text) >= 3]
    if alpha:
        voweled = sum(1 for t in alpha if re.search(r"[aeiouyäöüéèàAEIOUYÄÖÜÉ]", t))
        if voweled / len(alpha) < 0.5:
            return False
    return True


# ---------------------------------------------------------------------------------------- images


def _read_image(path: Path, settings: ReadSettings) -> Iterator[Page]:
    try:
        # Image.open reads only the header: the size is known before any pixel is decoded, so
        # our own limit guards (Pillow's global MAX_IMAGE_PIXELS is left to the application)
        image = Image.open(path)
        # Pillow only raises past twice its limit (and warns below that): hold to ours exactly
        if image.width * image.height > settings.max_image_pixels:
            image.close()
            raise Image.DecompressionBombError(f"{image.width}x{image.height} pixels")
        image.load()
    except Image.DecompressionBombError as exc:
        raise ReadError(
            "the image is too large to read safely (decompression bomb guard)."
        ) from exc
    except (OSError, ValueError, SyntaxError) as exc:
        raise ReadError("the image is damaged and cannot be read.") from exc
    with image:
        frames = getattr(image, "n_frames", 1)
        if frames > settings.max_pages:
            raise ReadError(
                f"the image has {frames} pages, over the limit of {settings.max_pages}."
            )
        for index in range(frames):
            try:
                image.seek(index)
                frame = ImageOps.exif_transpose(image.copy()) or image.copy()
            except (OSError, ValueError, EOFError) as exc:
                raise ReadError(f"page {index + 1} of the image is damaged.") from exc
            dpi = _image_dpi(frame)
            frame = frame.convert("L")
            yield _ocr_page(frame, index + 1, 72 / dpi, settings)


def _image_dpi(image: Image.Image) -> float:
    dpi = image.info.get("dpi")
    if dpi and dpi[0] and 50 <= float(dpi[0]) <= 1200:
        return float(dpi[0])
    # No resolution recorded: assume the image spans the width of an A4 / Letter page.
    return max(image.width / 8.3, 50.0)


# ------------------------------------------------------------------------------------------- OCR


def _ocr_page(
    image: Image.Image,
    number: int,
    to_points: float,
    settings: ReadSettings,
    *,
    form_boxes: bool = True,
) -> Page:
    """Read one page image: straighten it, pick the language, and keep Tesseract's word boxes.
    A page of a known form has its boxes read again, one by one (`form_boxes`: not when its
    values come from a text layer)."""
    os.environ["OMP_THREAD_LIMIT"] = "1"  # 2.5x faster per page on this kind of machine
    if settings.deskew:
        angle = estimate_skew(image)
        if abs(angle) >= 0.2:
            image = image.rotate(
                angle, resample=Image.Resampling.BILINEAR, expand=True, fillcolor=255
            )
    image = erase_dot_leaders(invert_dark_boxes(image), to_points)
    lang = _page_language(image, settings)
    words, lines, quality = _read_page_words(image, lang, settings, to_points)
    rotation = 0.0
    if quality < 0.55 or len(words) < 5:
        turned = _osd_rotation(image)
        if turned:
            rotated = image.rotate(-turned, expand=True)
            words2, lines2, quality2 = _read_page_words(rotated, lang, settings, to_points)
            if quality2 > quality:
                image, words, lines, rotation = rotated, words2, lines2, float(turned)
    words = _reread_weak_spots(image, words, lines, lang, settings)
    if settings.form_rereads:
        words = reread_form_boxes(
            image, words, to_points, lang, settings.ocr_timeout_s, values=form_boxes
        )
    scaled = tuple(
        Word(
            text=w.text,
            bbox=BBox(
                w.bbox.x0 * to_points,
                w.bbox.top * to_points,
                w.bbox.x1 * to_points,
                w.bbox.bottom * to_points,
            ),
            confidence=w.confidence,
            source=Source.OCR,
        )
        for w in words
    )
    return Page(
        number=number,
        width=image.width * to_points,
        height=image.height * to_points,
        words=scaled,
        source=Source.OCR,
        rotation=rotation,
    )


def _page_language(image: Image.Image, settings: ReadSettings) -> str:
    """A quick English read of the top of the page tells which model reads the whole page."""
    top = image.crop((0, 0, image.width, max(1, int(image.height * 0.4))))
    top.thumbnail((1400, 1400))
    try:
        text = pytesseract.image_to_string(
            top, lang="eng", config="--psm 3", timeout=settings.ocr_timeout_s
        )
    except RuntimeError:
        return "eng"
    lang, share = guess_language(text)
    return TESSERACT_LANGS.get(lang, "eng") if share >= 0.5 else "eng"


def _read_page_words(
    image: Image.Image, lang: str, settings: ReadSettings, to_points: float
) -> tuple[list[Word], list[tuple[int, int, int]], float]:
    words, lines, quality = _tesseract_words(image, lang, settings, settings.ocr_psm)
    coverage = ink_coverage(image, words)
    # a known form's unread ink is its own rules and boxes, and its values are read again box
    # by box: a second reading of the whole page would only cost time
    if coverage < settings.ocr_min_ink_coverage and (
        not settings.form_rereads or known_form(image.size, words, to_points) is None
    ):
        again, lines2, quality2 = _tesseract_words(image, lang, settings, settings.ocr_fallback_psm)
        if ink_coverage(image, again) > coverage:
            words, lines, quality = again, lines2, quality2
    return words, lines, quality


def _reread_weak_spots(
    image: Image.Image,
    words: list[Word],
    lines: list[tuple[int, int, int]],
    lang: str,
    settings: ReadSettings,
) -> list[Word]:
    """Read again what Tesseract read with low confidence: whole text lines (neighbouring weak
    lines together, as they are often two rows taken for one) and single unsure words in a line
    read well (with the next word, for context); and read what it did not read at all, text-sized
    ink outside every word box (a column its layout analysis skipped). All the crops go to
    Tesseract in one image, a column of crops with white space between them. A crop's second
    reading replaces its first only when it is read with clearly more confidence; words found
    in unread ink are added when they are read with fair confidence."""
    weak = _weak_spots(words, lines, settings)[: settings.ocr_max_rereads]
    unread = _unread_spots(image, words)[: settings.ocr_max_rereads * 2]
    spots = weak + unread
    if not spots:
        return words
    # each spot is cut out tight and set on blank paper with a wide margin: Tesseract reads a
    # word best with white space around it, and no slices of the rows above and below
    grey = image.convert("L")
    paper = int(np.median(np.asarray(grey.reduce(4))))
    crops: list[tuple[tuple[int, int, int, int], BBox, int]] = []  # (crop box, core, y offset)
    for core in spots:
        box = (
            max(0, int(core.x0) - 3),
            max(0, int(core.top) - 3),
            min(image.width, int(core.x1) + 3),
            min(image.height, int(core.bottom) + 3),
        )
        crops.append((box, core, 0))
    gap = max(40, 2 * max(b[3] - b[1] for b, _, _ in crops))
    canvas_h = sum(b[3] - b[1] for b, _, _ in crops) + gap * (len(crops) + 1)
    canvas_w = max(b[2] - b[0] for b, _, _ in crops) + 2 * gap
    canvas = Image.new("L", (canvas_w, canvas_h), paper)
    y = gap
    for i, (box, core, _) in enumerate(crops):
        canvas.paste(grey.crop(box), (gap, y))
        crops[i] = (box, core, y)
        y += box[3] - box[1] + gap
    try:
        again, _, _ = _tesseract_words(canvas, lang, settings, settings.ocr_fallback_psm)
    except ReadError as exc:  # the first reading stands
        log.warning("second reading of unsure words skipped: %s", exc)
        return words
    for box, core, offset in crops:
        height = box[3] - box[1]
        moved = [
            Word(
                w.text,
                BBox(
                    w.bbox.x0 - gap + box[0],
                    w.bbox.top - offset + box[1],
                    w.bbox.x1 - gap + box[0],
                    w.bbox.bottom - offset + box[1],
                ),
                w.confidence,
                Source.OCR,
            )
            for w in again
            if offset <= w.bbox.cy <= offset + height
        ]
        moved = [w for w in moved if core.holds_centre(w.bbox)]
        inside = [w for w in words if core.holds_centre(w.bbox)]
        floor = 0.6 if not inside else _text_confidence(inside) + 0.1
        if moved and _text_confidence(moved) >= floor:
            keep = {id(w) for w in inside}
            words = [w for w in words if id(w) not in keep] + moved
    return words


def _unread_spots(image: Image.Image, words: list[Word]) -> list[BBox]:
    """Text-sized blobs of ink that no word box covers, largest first: words Tesseract's layout
    analysis left out. Rules, specks and pictures are not text-sized and are left alone."""
    from scipy import ndimage

    if len(words) < 5:
        return []
    text_height = sorted(w.bbox.height for w in words)[len(words) // 2] / 2  # at half scale
    if text_height < 4:
        return []
    small = np.asarray(image.reduce(2), dtype=np.uint8)
    ink = small < min(128.0, float(np.median(small)) - 60)
    covered = np.zeros_like(ink)
    pad = int(text_height * 0.3) + 1
    for w in words:
        b = w.bbox
        covered[
            max(0, int(b.top) // 2 - pad) : int(b.bottom) // 2 + pad,
            max(0, int(b.x0) // 2 - pad) : int(b.x1) // 2 + pad,
        ] = True
    # letters of a word, and words a space apart, join into one blob
    joined = ndimage.binary_dilation(
        ink & ~covered, structure=np.ones((1, max(3, int(text_height * 0.8))), dtype=bool)
    )
    labels, _ = ndimage.label(joined)
    spots: list[tuple[int, BBox]] = []
    for index, box in enumerate(ndimage.find_objects(labels), start=1):
        if box is None:
            continue
        rows, cols = box
        height, width = rows.stop - rows.start, cols.stop - cols.start
        if not (0.6 * text_height <= height <= 2.0 * text_height) or width < text_height:
            continue  # a rule, a speck, a logo
        blob = labels[box] == index
        if float(blob.mean()) < 0.25:
            continue  # a frame's corner, not letters
        count = int((ink[box] & blob).sum())
        spots.append(
            (count, BBox(cols.start * 2.0, rows.start * 2.0, cols.stop * 2.0, rows.stop * 2.0))
        )
    # blobs a few letters apart on one row ("21" and "ea" of "21 ea") are read together
    merged: list[tuple[int, BBox]] = []
    for count, box in sorted(spots, key=lambda t: t[1].x0):
        for i, (c2, other) in enumerate(merged):
            overlap = min(box.bottom, other.bottom) - max(box.top, other.top)
            if overlap > 0.5 * min(box.height, other.height) and (
                box.x0 - other.x1 < 5 * text_height
            ):
                merged[i] = (count + c2, BBox.enclosing([box, other]))
                break
        else:
            merged.append((count, box))
    return [b for _, b in sorted(merged, key=lambda t: -t[0])]


def _weak_spots(
    words: list[Word], lines: list[tuple[int, int, int]], settings: ReadSettings
) -> list[BBox]:
    """Boxes worth a second reading, weakest first."""
    by_line: dict[tuple[int, int, int], list[Word]] = {}
    for word, key in zip(words, lines, strict=True):
        by_line.setdefault(key, []).append(word)
    if not words:
        return []
    # a spot taller than a few text lines is a page read sideways or a picture, not a misreading
    text_height = sorted(w.bbox.height for w in words)[len(words) // 2]
    tallest = 4 * text_height
    weak_lines: list[tuple[float, BBox]] = []
    weak_words: list[tuple[float, BBox]] = []
    for members in by_line.values():
        texty = [w for w in members if sum(c.isalnum() for c in w.text) >= 2]
        if sum(len(w.text) for w in texty) >= 6:
            mean = float(np.mean([w.confidence for w in texty]))
            if mean < settings.ocr_weak_line_confidence:
                weak_lines.append((mean, BBox.enclosing([w.bbox for w in texty])))
                continue
        heights = sorted(w.bbox.height for w in members)
        typical = heights[len(heights) // 2]
        for i, w in enumerate(members):
            if w.confidence >= settings.ocr_weak_word_confidence or w.bbox.height < 0.6 * typical:
                continue  # a speck or a rule's stub is not a word read wrong
            if re.fullmatch(r"[|\[\]{}!_~\-—.,:;'\"]", w.text):
                continue
            box = w.bbox
            following = members[i + 1] if i + 1 < len(members) else None
            if following is not None and following.bbox.x0 - box.x1 < 2 * typical:
                box = BBox.enclosing([box, following.bbox])
            weak_words.append((w.confidence, box))
    regions = [(0.0, r) for r in _merge_regions([b for _, b in weak_lines]) if r.height <= tallest]
    taken = [r for _, r in regions]
    for conf, box in sorted(weak_words, key=lambda t: t[0]):
        if box.height <= tallest and not any(r.holds_centre(box) for r in taken):
            regions.append((conf, box))
            taken.append(box)
    return [r for _, r in sorted(regions, key=lambda t: t[0])]


def _merge_regions(boxes: list[BBox]) -> list[BBox]:
    """Join boxes that overlap across and lie within a line's height of each other."""
    merged: list[BBox] = []
    for box in sorted(boxes, key=lambda b: b.top):
        for i, other in enumerate(merged):
            across = min(box.x1, other.x1) - max(box.x0, other.x0) > 0
            gap = box.top - other.bottom
            if across and gap < max(box.height, other.height):
                merged[i] = BBox.enclosing([box, other])
                break
        else:
            merged.append(box)
    return merged


def _text_confidence(words: list[Word]) -> float:
    """Mean confidence over the characters read, table rules ("|") left out; punctuation read
    where a word stands (";," for "34") counts, as the misreading it is."""
    read = [w for w in words if not re.fullmatch(r"[|\[\]{}!_~]+", w.text)]
    chars = sum(len(w.text) for w in read)
    if not chars:
        return 0.0
    return sum(w.confidence * len(w.text) for w in read) / chars


def ink_coverage(image: Image.Image, words: list[Word]) -> float:
    """Share of the page's ink inside confidently read word boxes (rules and logos keep it
    under 1; a column OCR skipped shows as a drop)."""
    ink = np.asarray(image.reduce(2), dtype=np.uint8) < 128
    total = int(ink.sum())
    if total == 0:
        return 1.0
    covered = np.zeros_like(ink)
    for w in words:
        if w.confidence >= 0.3:
            b = w.bbox
            covered[
                int(b.top) // 2 : int(b.bottom) // 2 + 1, int(b.x0) // 2 : int(b.x1) // 2 + 1
            ] = True
    return float((ink & covered).sum()) / total


def _tesseract_words(
    image: Image.Image, lang: str, settings: ReadSettings, psm: int
) -> tuple[list[Word], list[tuple[int, int, int]], float]:
    """Tesseract's words with their boxes and confidences, the (block, paragraph, line) each
    belongs to, and a page quality: the mean confidence of words with three letters or more."""
    try:
        data = pytesseract.image_to_data(
            image,
            lang=lang,
            config=f"--psm {psm}",
            output_type=pytesseract.Output.DICT,
            timeout=settings.ocr_timeout_s,
        )
    except RuntimeError as exc:  # pytesseract raises RuntimeError on its timeout
        raise ReadError(f"OCR took longer than {settings.ocr_timeout_s:.0f} s on a page.") from exc
    except pytesseract.TesseractNotFoundError as exc:
        raise ReadError("Tesseract is not installed, so scanned pages cannot be read.") from exc
    words: list[Word] = []
    lines: list[tuple[int, int, int]] = []
    for text, conf, x, y, w, h, level, block, par, line in zip(
        data["text"],
        data["conf"],
        data["left"],
        data["top"],
        data["width"],
        data["height"],
        data["level"],
        data["block_num"],
        data["par_num"],
        data["line_num"],
        strict=True,
    ):
        token = str(text).strip()
        confidence = float(conf)
        if level != 5 or not token or confidence < 0:
            continue
        words.append(Word(token, BBox(x, y, x + w, y + h), confidence / 100, Source.OCR))
        lines.append((int(block), int(par), int(line)))
    scored = [w.confidence for w in words if sum(c.isalpha() for c in w.text) >= 3]
    quality = float(np.mean(scored)) if scored else 0.0
    return words, lines, quality


def _osd_rotation(image: Image.Image) -> int:
    """Tesseract's orientation detection: degrees the page must turn clockwise, or 0."""
    try:
        osd = pytesseract.image_to_osd(image, config="--psm 0", output_type=pytesseract.Output.DICT)
    except (pytesseract.TesseractError, RuntimeError):
        return 0
    if float(osd.get("orientation_conf", 0)) < 1.0:
        return 0
    return int(osd.get("rotate", 0)) % 360


def erase_dot_leaders(image: Image.Image, to_points: float) -> Image.Image:
    """Dot leaders ("ICN ........ 5426259") turned to paper. Tesseract reads a row of dots as
    letters ("visas", "Sadie") that then stick to the label's value. A leader is a row of four
    or more round dots of one size at an even pitch, running up to text on a side; an ellipsis,
    a decimal point or the broken pieces of a scanned rule (dashes of any length) are not."""
    from scipy import ndimage

    pixels = np.asarray(image, dtype=np.uint8)
    paper = float(np.median(pixels[::4, ::4]))
    ink = pixels < min(160.0, paper - 50)
    labels, count = ndimage.label(ink, structure=np.ones((3, 3), dtype=bool))
    if count == 0:
        return image
    largest = 2.2 / to_points  # a dot is at most this many pixels across
    smallest = max(2.0, 0.4 / to_points)
    boxes = ndimage.find_objects(labels)
    dots: list[_Dot] = []
    for index, box in enumerate(boxes, start=1):
        if box is None:
            continue
        rows, cols = box
        h, w = rows.stop - rows.start, cols.stop - cols.start
        if smallest <= h <= largest and smallest <= w <= largest and 0.6 <= h / w <= 1.6:
            dots.append(
                _Dot((cols.start + cols.stop) / 2, (rows.start + rows.stop) / 2, box, index)
            )
    if len(dots) < 4:
        return image
    # chains of dots left to right, each dot near the last one's height (a skewed scan's
    # leader climbs slowly) and at most a wide character's pitch after it
    pitch_limit = 8.0 / to_points
    chains: list[list[_Dot]] = []
    for dot in sorted(dots, key=lambda d: d.cx):
        for chain in chains:
            last = chain[-1]
            if largest / 2 < dot.cx - last.cx <= pitch_limit and abs(dot.cy - last.cy) <= 2:
                chain.append(dot)
                break
        else:
            chains.append([dot])
    erase = np.zeros_like(ink)
    found = False
    for chain in chains:
        if len(chain) >= 4 and _a_leader(chain, boxes):
            for dot in chain:
                erase[dot.box] |= labels[dot.box] == dot.label
            found = True
    if not found:
        return image
    # with the grey rim a scanned dot has around its dark core
    erase = ndimage.binary_dilation(erase, iterations=max(1, round(0.5 / to_points)))
    out = pixels.copy()
    out[erase] = int(paper)
    return Image.fromarray(out)


@dataclass(frozen=True)
class _Dot:
    cx: float
    cy: float
    box: tuple[slice, slice]
    label: int


def _a_leader(chain: list[_Dot], boxes: list[Any]) -> bool:
    """Dots of one size at one pitch (a dot lost to the scan here and there), with text
    (marks two to eight dots tall) on the leader's line just before or after it."""
    sizes = [(d.box[0].stop - d.box[0].start, d.box[1].stop - d.box[1].start) for d in chain]
    tall = float(np.median([h for h, _ in sizes]))
    wide = float(np.median([w for _, w in sizes]))
    same = sum(
        abs(h - tall) <= 0.35 * tall + 1 and abs(w - wide) <= 0.35 * wide + 1 for h, w in sizes
    )
    if same < 0.85 * len(chain):
        return False
    gaps = [b.cx - a.cx for a, b in itertools.pairwise(chain)]
    pitch = float(np.median(gaps))
    even = sum(abs(g - pitch) <= 0.2 * pitch or abs(g - 2 * pitch) <= 0.2 * pitch for g in gaps)
    if even < 0.85 * len(gaps):
        return False
    reach = 2.5 * pitch
    start, end, line = chain[0].cx, chain[-1].cx, chain[len(chain) // 2].cy
    for box in boxes:
        if box is None:
            continue
        rows, cols = box
        h = rows.stop - rows.start
        if not 2 * tall <= h <= 8 * tall or not rows.start - tall <= line <= rows.stop + tall:
            continue
        if 0 <= start - cols.stop <= reach or 0 <= cols.start - end <= reach:
            return True
    return False


def invert_dark_boxes(image: Image.Image) -> Image.Image:
    """Light text on a dark or mid-grey band (table headers, shaded totals) turns to dark text
    on the page's paper, which Tesseract can read; binarised scans lose it otherwise. A band is
    a large connected region well darker than the paper, mostly filled, found on a 4x smaller
    copy of the page; its text is light when the pixels that stand out from the band's shade
    are lighter than it, not darker (a grey shade with dark text on it reads as it is)."""
    from scipy import ndimage

    small = np.asarray(image.reduce(4), dtype=np.uint8)
    page_paper = float(np.median(small))
    dark = small < min(150.0, page_paper - 70)
    labels, count = ndimage.label(dark)
    if count == 0:
        return image
    pixels = np.asarray(image, dtype=np.uint8).copy()
    changed = False
    for index, box in enumerate(ndimage.find_objects(labels), start=1):
        if box is None:
            continue
        rows, cols = box
        height, width = rows.stop - rows.start, cols.stop - cols.start
        if height < 5 or width < 40 or height > small.shape[0] * 0.5:
            continue
        filled = float((labels[box] == index).mean())
        if filled < 0.7:
            continue
        region = (slice(rows.start * 4, rows.stop * 4), slice(cols.start * 4, cols.stop * 4))
        low, shade, high = np.percentile(pixels[region], (3, 50, 97))
        if high - shade <= shade - low:
            continue  # a grey shade with dark text on it reads as it is
        # inverted, the band's shade becomes a lighter grey; stretched to the page's own paper
        # shade, the text stands on the same paper as the rest of the page
        inverted = 255 - pixels[region].astype(np.float32)
        paper = max(float(np.median(inverted)), 1.0)
        pixels[region] = np.clip(inverted * (page_paper / paper), 0, 255).astype(np.uint8)
        changed = True
    return Image.fromarray(pixels) if changed else image


def estimate_skew(image: Image.Image, max_angle: float = 3.0) -> float:
    """Small scan skew in degrees, by the angle at which text rows project sharpest."""
    small = image.copy()
    small.thumbnail((900, 900))
    ink = np.asarray(small, dtype=np.uint8) < 128
    if ink.mean() < 0.001:
        return 0.0
    mask = Image.fromarray((ink * 255).astype(np.uint8))

    def sharpness(angle: float) -> float:
        rows = np.asarray(mask.rotate(angle, resample=Image.Resampling.NEAREST)).sum(axis=1)
        return float(np.square(np.diff(rows.astype(np.float64))).sum())

    coarse = np.arange(-max_angle, max_angle + 0.01, 0.5)
    best = max(coarse, key=sharpness)
    fine = np.arange(best - 0.4, best + 0.41, 0.1)
    return round(float(max(fine, key=sharpness)), 2)


# PDFium is not thread-safe (pypdfium2's documentation): callers that may run in threads, as a
# web server's request handlers do, take this lock around every use
PDFIUM_LOCK = threading.RLock()


def needs_ocr(path: Path) -> bool:
    """Whether reading the file will take OCR: an image, or a PDF whose first pages have no
    text layer to speak of. A quick look (milliseconds), for routing work to the OCR queue.
    Safe to call from several threads."""
    with path.open("rb") as fh:
        kind = sniff_kind(fh.read(2048))
    if kind != "pdf":
        return True
    with PDFIUM_LOCK:
        return _pdf_needs_ocr(path)


def _pdf_needs_ocr(path: Path) -> bool:
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError:
        return False  # it fails fast, wherever it goes
    try:
        for index in range(min(len(pdf), 3)):
            page = pdf[index]
            try:
                text = page.get_textpage()
                chars = text.count_chars()
                text.close()
            finally:
                page.close()
            if chars < 20:
                return True
        return False
    finally:
        pdf.close()


def render_page(path: Path, number: int, dpi: float = 100.0) -> Image.Image:
    """Page `number` (from 1) of a PDF or image as a picture, at `dpi` (an image at its own
    resolution scaled the same way, so the result's boxes, in points, scale by dpi / 72).
    Raises IndexError for a page the file does not have, ReadError for a file it cannot read.
    Safe to call from several threads."""
    with path.open("rb") as fh:
        kind = sniff_kind(fh.read(2048))
    if kind == "pdf":
        with PDFIUM_LOCK:
            return _render_pdf_page(path, number, dpi)
    if kind is None:
        raise ReadError("the file is not a PDF or an image the toolkit reads.")
    try:
        with Image.open(path) as image:
            frames = getattr(image, "n_frames", 1)
            if not 1 <= number <= frames:
                raise IndexError(f"the file has {frames} pages")
            image.seek(number - 1)
            frame = ImageOps.exif_transpose(image.copy()) or image.copy()
    except (OSError, ValueError, EOFError) as exc:
        raise ReadError("the image is damaged and cannot be read.") from exc
    scale = dpi / _image_dpi(frame)
    size = (max(1, round(frame.width * scale)), max(1, round(frame.height * scale)))
    return frame.convert("RGB").resize(size, Image.Resampling.LANCZOS)


def _render_pdf_page(path: Path, number: int, dpi: float) -> Image.Image:
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise ReadError("the PDF is damaged and cannot be read.") from exc
    try:
        if not 1 <= number <= len(pdf):
            raise IndexError(f"the file has {len(pdf)} pages")
        if pdf.get_formtype() != pdfium_c.FORMTYPE_NONE:
            pdf.init_forms()
        page = pdf[number - 1]
        try:
            picture: Image.Image = page.render(scale=dpi / 72, may_draw_forms=True).to_pil()
            return picture.convert("RGB")
        finally:
            page.close()
    finally:
        pdf.close()
