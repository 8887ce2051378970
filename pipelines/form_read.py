"""A second, careful reading of the boxes of a known form on a scanned page.

Tesseract reads a form page as a page of text: the form's rules next to a typed value come out as
"|", "[" or "j" glued to it, and nothing tells it that a date box holds digits or that a
diagnosis box holds a code. Once the page's first reading registers onto a form the toolkit knows
(`extractors.form_layout`), every box the extractors read is cut out, cleared of the form's rules,
and read again knowing the characters it may hold (Tesseract's whitelist). All crops that share a
character set go to one Tesseract run, each crop a page of it read as one line, so a page costs a
few more runs, not one a box. A box's new reading replaces the words first read in it.
"""

from __future__ import annotations

import logging
import os
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytesseract
from PIL import Image

from extractors.form_layout import Registration, Template, known_forms, register
from extractors.model import BBox, Page, Source, Word

log = logging.getLogger(__name__)

TESSERACT_LANGS = {"en": "eng", "de": "deu", "fr": "fra", "nl": "nld"}
_READ_HEIGHT = 30.0  # pixels: how tall Tesseract reads type best


@dataclass(frozen=True)
class _Crop:
    area: BBox  # the box on the page, in pixels: words centred in it are its first reading
    cut: tuple[int, int, int, int]  # the pixels cut out around it
    image: Image.Image  # the cut, cleared of the form's rules
    # where the form divides the box (dollars | cents) blank columns `spread` wide were let in,
    # so the parts read as words apart: where each blank starts in the widened image, in order
    splits: tuple[int, ...] = ()
    spread: int = 0
    scale: float = 1.0  # the image was enlarged this much, for small type

    def to_cut(self, x: float) -> float:
        """An x of the (widened, enlarged) image → the x in the cut."""
        x /= self.scale
        return x - self.spread * sum(1 for split in self.splits if x > split)


def reread_form_boxes(
    image: Image.Image,
    words: list[Word],
    to_points: float,
    lang: str,
    timeout: float,
    *,
    values: bool = True,
) -> list[Word]:
    """`words` (in the image's pixels) with the boxes of a known form read again; unchanged when
    the page is no known form. Check boxes are always looked at again; the boxes that hold
    values only with `values` (not when a text layer holds them)."""
    known = known_form(image.size, words, to_points)
    if known is None:
        return words
    template, registration = known
    # the form's own language, not the one guessed from the top of the page (a CMS-1500's few
    # words up there can pass for French)
    lang = TESSERACT_LANGS.get(template.language, lang)
    return _reread(image, words, template, registration, to_points, lang, timeout, values)


def known_form(
    size: tuple[int, int], words: list[Word], to_points: float
) -> tuple[Template, Registration] | None:
    """The known form a page image's words (in pixels) register onto, and how."""
    page = Page(
        number=1,
        width=size[0] * to_points,
        height=size[1] * to_points,
        words=tuple(
            Word(w.text, _scaled(w.bbox, to_points), w.confidence, w.source) for w in words
        ),
    )
    for template in known_forms():
        registration = register(page, template)
        if registration is not None:
            return template, registration
    return None


def _scaled(box: BBox, factor: float) -> BBox:
    return BBox(box.x0 * factor, box.top * factor, box.x1 * factor, box.bottom * factor)


def _reread(
    image: Image.Image,
    words: list[Word],
    template: Template,
    registration: Registration,
    to_points: float,
    lang: str,
    timeout: float,
    values: bool,
) -> list[Word]:
    grey = np.asarray(image.convert("L"), dtype=np.uint8)
    paper = int(np.median(grey[::4, ::4]))
    words = _read_marks(grey, paper, words, template, registration, to_points)
    if not values:
        return words
    areas = {
        name: _scaled(registration.box(template.boxes[name], pad=1.5), 1 / to_points)
        for name in template.chars
    }
    text_height = _typed_height(words, list(areas.values()))
    groups: dict[str, list[_Crop]] = {}
    for name, chars in template.chars.items():
        area = areas[name]
        margin = 2.0 / to_points
        cut = (
            max(0, int(area.x0 - margin)),
            max(0, int(area.top - margin)),
            min(image.width, int(area.x1 + margin) + 1),
            min(image.height, int(area.bottom + margin) + 1),
        )
        if cut[2] - cut[0] < 4 or cut[3] - cut[1] < 4:
            continue
        edges = (area.x0 + 1.5 / to_points - cut[0], area.x1 - 1.5 / to_points - cut[0])
        cleared = _clear_rules(
            grey[cut[1] : cut[3], cut[0] : cut[2]],
            paper,
            text_height,
            edges,
            2.5 / to_points,
            punctuation=not chars,
        )
        if cleared is None:
            # an empty box: what OCR read in it was the form's rules or a speck ("1", "|")
            words = [w for w in words if not area.holds_centre(w.bbox)]
            continue
        pixels, dividers = cleared
        if " " not in chars:
            dividers = []  # only a box that may hold parts (dollars | cents) is split
        spread = int(text_height)
        splits: list[int] = []
        for x in sorted(dividers, reverse=True):  # widen from the right: x left of it stay put
            blank = np.full((pixels.shape[0], spread), paper, dtype=pixels.dtype)
            pixels = np.concatenate([pixels[:, :x], blank, pixels[:, x:]], axis=1)
        for i, x in enumerate(sorted(dividers)):
            splits.append(x + i * spread)
        picture = Image.fromarray(pixels)
        # Tesseract reads type about 30 pixels tall best; a 200 dpi scan's is 15-20
        scale = max(1.0, _READ_HEIGHT / text_height)
        if scale > 1.05:
            picture = picture.resize(
                (round(picture.width * scale), round(picture.height * scale)),
                Image.Resampling.BICUBIC,
            )
        groups.setdefault(chars, []).append(_Crop(area, cut, picture, tuple(splits), spread, scale))
    for chars, crops in groups.items():
        try:
            found = _read_each(crops, chars, paper, lang, timeout)
        except (RuntimeError, OSError, subprocess.TimeoutExpired) as exc:
            log.warning("second reading of a form's boxes skipped: %s", exc)
            continue
        for crop, again in zip(crops, found, strict=True):
            if not again:
                continue
            words = [w for w in words if not crop.area.holds_centre(w.bbox)] + again
    return words


def _read_marks(
    grey: np.ndarray,
    paper: int,
    words: list[Word],
    template: Template,
    registration: Registration,
    to_points: float,
) -> list[Word]:
    """The check boxes and radio groups of `template.checks`, judged by the ink inside each
    box (its printed edges left out): one box clearly marked becomes an "X" in it, in place of
    whatever OCR made of the boxes."""
    for name in template.checks:
        areas = {
            state: _scaled(registration.box(box), 1 / to_points)
            for state, box in template.states.get(name, {}).items()
        }
        filled: dict[str, float] = {}
        for state, area in areas.items():
            inset_x, inset_y = 0.2 * area.width, 0.2 * area.height
            inner = grey[
                max(0, int(area.top + inset_y)) : max(0, int(area.bottom - inset_y)),
                max(0, int(area.x0 + inset_x)) : max(0, int(area.x1 - inset_x)),
            ]
            filled[state] = float((inner < min(128, paper - 60)).mean()) if inner.size else 0.0
        marked = [state for state, share in filled.items() if share >= 0.08]
        if len(marked) != 1:
            continue  # none marked, or more than one: what OCR read stands
        share = filled[marked[0]]
        if any(other >= 0.5 * share for state, other in filled.items() if state != marked[0]):
            continue
        pad = 3.0 / to_points
        padded = [BBox(a.x0 - pad, a.top - pad, a.x1 + pad, a.bottom + pad) for a in areas.values()]
        words = [w for w in words if not any(p.holds_centre(w.bbox) for p in padded)]
        words.append(Word("X", areas[marked[0]], 0.9, Source.OCR))
    return words


def _typed_height(words: list[Word], areas: list[BBox]) -> float:
    """How tall the values typed into the form are: the median height of the words first read
    in its boxes (the form's own print is smaller), or most of a box's height."""
    typed = [
        w.bbox.height
        for w in words
        if sum(c.isalnum() for c in w.text) >= 2 and any(a.holds_centre(w.bbox) for a in areas)
    ]
    if len(typed) >= 5:
        return float(np.median(typed))
    return 0.6 * float(np.median([a.height for a in areas]))


def _clear_rules(
    cut: np.ndarray,
    paper: int,
    text_height: float,
    edges: tuple[float, float],
    near: float,
    *,
    punctuation: bool = False,
) -> tuple[np.ndarray, list[int]] | None:
    """The cut with only its typed characters left, and where rules inside the box divide it.

    Turned to paper: the form's rules and box edges (ink that runs straight for longer than a
    character is tall), the dashes of its dotted dividers (thin strokes shorter than a
    character, or as tall as one but standing on the box's edge: `edges` are the box's left and
    right in the cut, `near` how far off them), specks, and the small print above or below the
    typed line. A box that may hold punctuation (a name's commas and full stops) keeps the small
    marks on its line. None when no ink is left: an empty box."""
    from scipy import ndimage

    ink = cut < min(128, paper - 60)
    across = max(3, round(1.5 * text_height))
    down = max(3, round(1.3 * text_height))
    lines = ndimage.binary_opening(ink, structure=np.ones((1, across), dtype=bool))
    upright = ndimage.binary_opening(ink, structure=np.ones((down, 1), dtype=bool))
    lines |= upright
    # a line's pixels a little thicker than the opening kept (anti-aliasing, a scan's blur)
    lines = ndimage.binary_dilation(lines, structure=np.ones((3, 3), dtype=bool)) & ink
    left = ink & ~lines
    labels, _ = ndimage.label(left, structure=np.ones((3, 3), dtype=bool))
    parts: list[tuple[int, slice, slice]] = []
    inner_slivers: list[float] = []
    for index, box in enumerate(ndimage.find_objects(labels), start=1):
        if box is None:
            continue
        rows, cols = box
        h, w = rows.stop - rows.start, cols.stop - cols.start
        thin = w <= max(2, 0.2 * text_height)
        cx = (cols.start + cols.stop) / 2
        on_edge = min(abs(cx - edges[0]), abs(cx - edges[1])) <= near
        if cols.stop <= edges[0] + near or cols.start >= edges[1] - near:
            continue  # a box edge's corner or a stub of the next box, all beside the box
        sliver = thin and (h < 0.6 * text_height or on_edge)
        speck = h < 0.12 * text_height and w < 0.12 * text_height
        # the cut through small print above or below the box: short marks on the cut's edge
        clipped = (rows.start == 0 or rows.stop == ink.shape[0]) and h < 0.6 * text_height
        # taller than any character: a rule the opening missed (a scan's slanted line, not
        # one pixel column straight)
        if clipped or h > 1.4 * text_height:
            continue
        if sliver and not on_edge and h >= 0.15 * text_height:
            inner_slivers.append(cx)
        if not (sliver or speck) or (punctuation and not on_edge):
            parts.append((index, rows, cols))
    if not parts:
        return None
    # the characters' own height in this box, where there are a few (the page-wide estimate
    # counts commas' tails and marks glued to words)
    heights = [
        rows.stop - rows.start
        for _, rows, _ in parts
        if 0.5 * text_height <= rows.stop - rows.start <= 1.4 * text_height
    ]
    if len(heights) >= 2:
        text_height = float(np.median(heights))
    # the typed line: the band one character tall (and a little) holding the most ink of
    # character-sized parts; an underline's dashes below it and small print above it are not
    # typed, a hyphen in its middle is
    profile = np.zeros(ink.shape[0])
    for index, rows, cols in parts:
        if rows.stop - rows.start >= 0.4 * text_height:
            profile[rows] += (labels[rows, cols] == index).sum(axis=1)
    if not profile.any():
        return None
    band = max(1, round(1.3 * text_height))
    sums = np.convolve(profile, np.ones(band), mode="valid")
    start = int(np.argmax(sums))
    tall = [
        (rows.start, rows.stop)
        for _, rows, cols in parts
        if rows.stop - rows.start >= 0.4 * text_height
        and start - 0.2 * text_height <= (rows.start + rows.stop) / 2 <= start + band
    ]
    top, bottom = min(t for t, _ in tall), max(b for _, b in tall)
    # typed digits and capitals stand on one baseline: a part that reaches below it is a
    # corner of the box's rules, not a character (a name's commas do, and are kept)
    baseline = float(np.median([b for _, b in tall]))
    keep = np.zeros_like(ink)
    for index, rows, cols in parts:
        h, w = rows.stop - rows.start, cols.stop - cols.start
        middle = (rows.start + rows.stop) / 2
        if not top - 0.2 * text_height <= middle <= bottom + 0.2 * text_height:
            continue
        # on the typed line, not above it (small print's remnants) or under it (a rule's
        # ticks): a comma hangs below the line but starts on it
        if min(rows.stop, bottom) - max(rows.start, top) < (0.3 if punctuation else 0.6) * h:
            continue
        # flat, and off the line's middle: a rule's dash with its ticks, not a hyphen (a
        # digit or a capital is taller than this)
        flat_below = 0.6 if not punctuation else 0.4
        if h < flat_below * text_height and w >= max(1.2 * h, 0.4 * text_height):
            inner = top + 0.2 * (bottom - top) <= middle <= bottom - 0.2 * (bottom - top)
            if not inner:
                continue
        if not punctuation and rows.stop > baseline + 0.2 * text_height:
            continue
        keep[rows, cols] |= labels[rows, cols] == index
    if not keep.any():
        return None
    # a rule typed over (a "0" printed across the dollars | cents divider): on the typed line,
    # the rule's pixels with a character's ink right beside them on both sides are the
    # character's own strokes
    beside = max(2, round(0.1 * text_height))
    for y in range(top, bottom):
        for x in np.flatnonzero(lines[y]):
            row = keep[max(0, y - 1) : y + 2]
            if row[:, max(0, x - beside) : x].any() and row[:, x + 1 : x + 1 + beside].any():
                keep[y, x] = True
    out = np.full_like(cut, paper)
    out[keep] = cut[keep]
    # a rule dividing the box (dollars | cents): upright lines and slivers off its edges that
    # pass between characters, not through one
    marks = sorted(
        int(x)
        for x in [*np.flatnonzero(upright.any(axis=0)), *inner_slivers]
        if edges[0] + near < x < edges[1] - near and not keep[top:bottom, int(x)].any()
    )
    dividers = [x for i, x in enumerate(marks) if i == 0 or x - marks[i - 1] > 3]
    return out, dividers


def _read_each(
    crops: list[_Crop], chars: str, paper: int, lang: str, timeout: float
) -> list[list[Word]]:
    """Read each crop as one line of text (psm 7), all in one Tesseract run: the crops are the
    pages of a list file, so the model loads once. The words of each crop, in page pixels.
    (Stacked in one image instead, Tesseract's layout analysis reads a short "01" among the
    stack's lines as "1" and "J111" as "J1".)"""
    config = ["--psm", "7"]
    if chars:  # a whitelist without the space makes Tesseract run words together
        config += ["-c", f"tessedit_char_whitelist={chars}"]
    with tempfile.TemporaryDirectory(prefix="bpo-form-") as folder:
        names = []
        for i, crop in enumerate(crops):
            margin = max(10, crop.image.height // 2)
            sheet = Image.new("L", (crop.image.width + 2 * margin, crop.image.height + 2 * margin))
            sheet.paste(paper, (0, 0, sheet.width, sheet.height))
            sheet.paste(crop.image, (margin, margin))
            name = Path(folder) / f"{i:03d}.png"
            sheet.save(name)
            names.append(str(name))
        listing = Path(folder) / "crops.txt"
        listing.write_text("\n".join(names) + "\n", encoding="utf-8")
        done = subprocess.run(
            [
                pytesseract.pytesseract.tesseract_cmd,
                str(listing),
                "stdout",
                "-l",
                lang,
                *config,
                "tsv",
            ],
            capture_output=True,
            text=True,
            timeout=timeout,
            env={**os.environ, "OMP_THREAD_LIMIT": "1"},
            check=False,
        )
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "")
    found: list[list[Word]] = [[] for _ in crops]
    for row in done.stdout.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) < 12 or cells[0] != "5":
            continue
        token = cells[11].strip()
        page, x, top, w, h = (int(c) for c in (cells[1], cells[6], cells[7], cells[8], cells[9]))
        confidence = float(cells[10])
        if not token or confidence < 0 or not 1 <= page <= len(crops):
            continue
        crop = crops[page - 1]
        margin = max(10, crop.image.height // 2)
        x0 = crop.to_cut(x - margin) + crop.cut[0]
        x1 = crop.to_cut(x + w - margin) + crop.cut[0]
        y0 = (top - margin) / crop.scale + crop.cut[1]
        y1 = y0 + h / crop.scale
        found[page - 1].append(Word(token, BBox(x0, y0, x1, y1), confidence / 100, Source.OCR))
    return found
