"""Geometry over words with boxes: lines, phrases, and the search from a label to its value.

This is what makes the extractors template-free. A value is found by the cues every layout shares:
a label in one of its wordings, and a value inline after it, to its right on the same line, or
under it in the same column.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from extractors.model import BBox, Document, Page, Source, Word
from extractors.values import fold_text


@dataclass(frozen=True, slots=True)
class Segment:
    """A phrase: words on one line with no wide gap between them (a cell, a label, a value)."""

    words: tuple[Word, ...]
    page: int
    line: int  # index of its line on the page

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def bbox(self) -> BBox:
        return BBox.enclosing([w.bbox for w in self.words])

    @property
    def confidence(self) -> float:
        return min(w.confidence for w in self.words)


@dataclass(frozen=True, slots=True)
class Line:
    page: int
    index: int
    words: tuple[Word, ...]
    segments: tuple[Segment, ...]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def bbox(self) -> BBox:
        return BBox.enclosing([w.bbox for w in self.words])

    @property
    def height(self) -> float:
        return statistics.median(w.bbox.height for w in self.words)


@dataclass(frozen=True, slots=True)
class PageLayout:
    page: Page
    lines: tuple[Line, ...]

    @property
    def line_height(self) -> float:
        heights = [ln.height for ln in self.lines]
        return statistics.median(heights) if heights else 10.0


_GLUED_LABEL = re.compile(r"^(.*[A-Za-zÀ-ÿ°.][:#])(\S.*)$")


def _split_glued(word: Word) -> list[Word]:
    """`No:123` and `Invoice#4711` are a label and a value printed without a space."""
    m = _GLUED_LABEL.match(word.text)
    if not m or re.fullmatch(r"\d{1,2}:\d{2}", word.text):
        return [word]
    head, tail = m.group(1), m.group(2)
    cut = word.bbox.x0 + word.bbox.width * len(head) / len(word.text)
    b = word.bbox
    return [
        Word(head, BBox(b.x0, b.top, cut, b.bottom), word.confidence, word.source),
        Word(tail, BBox(cut, b.top, b.x1, b.bottom), word.confidence, word.source),
    ]


_OCR_RULE = re.compile(r"[|\[\]{}¦!_~]+")
_RULE_EDGES = "|[]{}¦_"
# "16oz" read as "160z": a zero glued between a number and "z" is the letter o of the unit
_OUNCES_READ_AS_ZERO = re.compile(r"(?<=\d)0(?=[zZ]\b)")


def _without_rules(w: Word) -> Word | None:
    """Table rules and underlines that OCR read as "|", "[", "!" or "_" are lines, not words:
    dropped alone, and stripped where they stick to a word ("|Office", "__BWM-180")."""
    if w.source is not Source.OCR:
        return w
    if _OCR_RULE.fullmatch(w.text):
        return None
    text = _OUNCES_READ_AS_ZERO.sub("o", w.text.strip(_RULE_EDGES))
    return w if text == w.text or not text else Word(text, w.bbox, w.confidence, w.source)


def build_lines(page: Page) -> PageLayout:
    """Group a page's words into lines by vertical position, and lines into phrases by gaps."""
    words = [
        piece
        for w in page.words
        if (kept := _without_rules(w)) is not None
        for piece in _split_glued(kept)
    ]
    if not words:
        return PageLayout(page, ())
    words.sort(key=lambda w: (w.bbox.cy, w.bbox.x0))
    rows: list[list[Word]] = []
    row_cy = 0.0
    row_h = 0.0
    for w in words:
        h = max(w.bbox.height, 1.0)
        # a dash or a dot is a point or two tall: it takes the height of the row's letters
        if not any(c.isalnum() for c in w.text):
            h = max(h, row_h)
        if rows and abs(w.bbox.cy - row_cy) <= 0.45 * max(min(h, row_h), 1.0):
            rows[-1].append(w)
            n = len(rows[-1])
            row_cy += (w.bbox.cy - row_cy) / n
            row_h += (h - row_h) / n
        else:
            rows.append([w])
            row_cy, row_h = w.bbox.cy, h
    lines = []
    rows = [
        marked for row in rows if (marked := _without_marks(sorted(row, key=lambda w: w.bbox.x0)))
    ]
    for index, row in enumerate(rows):
        row[:] = _mend_ocr_numbers(row)
        lines.append(
            Line(page.number, index, tuple(row), tuple(_segments(row, page.number, index)))
        )
    return PageLayout(page, tuple(lines))


def _without_marks(row: list[Word]) -> list[Word]:
    """A logo or a stamp that OCR read as a few letters ("ms", "CS") is a mark, not a word: an
    unsure, short word without digits that opens a row and is far wider than its letters, far
    from the words after it, or alone, is dropped."""
    while row and row[0].source is Source.OCR:
        first = row[0]
        text = re.sub(r"\W", "", first.text)
        if first.confidence >= 0.5 or len(text) > 3 or any(c.isdigit() for c in text):
            break
        height = max(first.bbox.height, 1.0)
        too_wide = first.bbox.width > 1.5 * height * max(len(first.text), 1)
        apart = len(row) == 1 or row[1].bbox.x0 - first.bbox.x1 > 1.5 * height
        if not (too_wide or apart):
            break
        row = row[1:]
    return row


def _mend_ocr_numbers(words: Sequence[Word]) -> list[Word]:
    """OCR splits `4.849,34` into `4.849,` and `34`: join a number that ends in its decimal
    mark with the two digits right after it (OCR words only: a text layer says what it says)."""
    out: list[Word] = []
    for w in words:
        prev = out[-1] if out else None
        if (
            prev is not None
            and w.source is Source.OCR
            and prev.source is Source.OCR
            and re.fullmatch(r".*\d[.,]", prev.text)
            and re.fullmatch(r"\d{2}\b.*", w.text)
            and w.bbox.x0 - prev.bbox.x1 < 1.2 * w.bbox.height
        ):
            out[-1] = Word(
                prev.text + w.text,
                prev.bbox.union(w.bbox),
                min(prev.confidence, w.confidence),
                w.source,
            )
        else:
            out.append(w)
    return out


def _segments(row: list[Word], page: int, line: int) -> list[Segment]:
    out: list[Segment] = []
    current: list[Word] = [row[0]]
    for prev, w in itertools.pairwise(row):
        gap = w.bbox.x0 - prev.bbox.x1
        if w.source is Source.OCR:
            # OCR boxes hug the glyphs (capitals are ~0.7 em tall): a monospace space is ~0.6 em
            em = max(prev.bbox.height, w.bbox.height, 4.0) / 0.7
            split = gap > 0.8 * em
        else:
            # text-layer boxes span the font's ascent and descent (~1.15 em)
            em = max(min(prev.bbox.height, w.bbox.height), 4.0)
            split = gap > 0.85 * em
        if split or (prev.text.endswith(":") and gap > 0.5 * em):
            out.append(Segment(tuple(current), page, line))
            current = []
        current.append(w)
    out.append(Segment(tuple(current), page, line))
    return out


def layout(document: Document) -> list[PageLayout]:
    return [build_lines(p) for p in document.pages]


# ---------------------------------------------------------------------------------------- labels


@dataclass(frozen=True, slots=True)
class LabelHit:
    """A label found in a phrase: `field` is what it names; `rest` the words after it."""

    field: str
    weight: float
    segment: Segment
    label_words: tuple[Word, ...]
    rest: tuple[Word, ...]  # the words after the label, up to the next label
    tail: tuple[Word, ...] = ()  # every word after the label in its phrase

    @property
    def bbox(self) -> BBox:
        return BBox.enclosing([w.bbox for w in self.label_words])


class LabelIndex:
    """Labels of every field in every wording, matched on folded tokens (case, accents, punctuation).

    Where labels overlap (`Total` and `Total HT`), the longer one wins, so each phrase is read as
    the field its wording names most precisely.
    """

    def __init__(self, labels: Mapping[str, Iterable[str | tuple[str, float]]]):
        self._by_tokens: dict[tuple[str, ...], tuple[str, float]] = {}
        for field_name, variants in labels.items():
            for variant in variants:
                text, weight = (variant, 1.0) if isinstance(variant, str) else variant
                tokens = tuple(fold_text(text).split())
                if tokens:
                    self._by_tokens.setdefault(tokens, (field_name, weight))
        self._longest = max((len(t) for t in self._by_tokens), default=1)

    def hits(self, segment: Segment) -> list[LabelHit]:
        tokens: list[tuple[str, int]] = []  # (folded token, index of its word)
        for wi, w in enumerate(segment.words):
            for tok in fold_text(w.text).split():
                tokens.append((tok, wi))
        found: list[tuple[int, int, str, float]] = []  # (start token, end token, field, weight)
        i = 0
        while i < len(tokens):
            match = None
            starts_word = i == 0 or tokens[i - 1][1] != tokens[i][1]
            for n in range(min(self._longest, len(tokens) - i), 0, -1) if starts_word else ():
                end = i + n
                if end < len(tokens) and tokens[end - 1][1] == tokens[end][1]:
                    continue  # a label ends on a word boundary: INV-10023 is a value, not "inv"
                key = tuple(t for t, _ in tokens[i:end])
                if key in self._by_tokens:
                    match = (i, end, *self._by_tokens[key])
                    break
            if match:
                found.append(match)
                i = match[1]
            else:
                i += 1
        out = []
        for k, (start, end, field_name, weight) in enumerate(found):
            first_word = tokens[start][1]
            last_word = tokens[end - 1][1]
            next_start = tokens[found[k + 1][0]][1] if k + 1 < len(found) else len(segment.words)
            rest = segment.words[last_word + 1 : next_start]
            out.append(
                LabelHit(
                    field=field_name,
                    weight=weight * (1.0 if start == 0 else 0.9),
                    segment=segment,
                    label_words=segment.words[first_word : last_word + 1],
                    rest=rest,
                    tail=segment.words[last_word + 1 :],
                )
            )
        return out

    def exact(self, text: str) -> str | None:
        """The field whose label `text` is, word for word (folded), or None."""
        found = self._by_tokens.get(tuple(fold_text(text).split()))
        return found[0] if found else None

    def is_label(self, segment: Segment) -> bool:
        """The phrase is a label standing alone (nothing but punctuation or filler after it)."""
        hits = self.hits(segment)
        if not hits or segment.words[0] is not hits[0].label_words[0]:
            return False
        rest = " ".join(w.text for h in hits for w in h.rest)
        return not re.search(r"\d", rest) and len(fold_text(rest)) <= 3


@dataclass(frozen=True, slots=True)
class Candidate:
    value: str
    score: float
    page: int
    bbox: BBox
    words: tuple[Word, ...]

    @property
    def confidence(self) -> float:
        return self.score * min((w.confidence for w in self.words), default=1.0)


Parser = Callable[[Sequence[Word]], tuple[str, tuple[Word, ...]] | None]


_BASE_PHRASE = re.compile(r"(?i)^(?:over|on|sur|auf|of|van)\s+(?:[€$£]\s*)?\S*\d")


def values_near(
    hit: LabelHit,
    page: PageLayout,
    parse: Parser,
    index: LabelIndex,
    *,
    below: bool = True,
    whole_tail: bool = False,
) -> list[Candidate]:
    """Values for a label: inline after it, then to its right, then in the column under it.

    `whole_tail` reads everything after the label in its phrase, for free text that may hold
    words which are labels elsewhere ("14 Tage netto").
    """
    out: list[Candidate] = []
    inline = hit.tail if whole_tail else hit.rest
    if inline:
        got = parse(inline)
        if got:
            out.append(_candidate(got, 1.0 * hit.weight, page))
    line = page.lines[hit.segment.line]
    label_box = hit.bbox
    # the first phrase to the right on the same line that is not itself a label
    for seg in line.segments:
        if seg.bbox.x0 <= hit.segment.bbox.x1 + 0.5:
            continue
        if not any(c.isalnum() for c in seg.text):
            continue  # leader dots, a stray mark between a label and its value
        if index.is_label(seg):
            break
        if _BASE_PHRASE.match(seg.text):
            continue  # "BTW 9%  over € 331,80  € 29,86": the base the rate applies to
        got = parse(seg.words)
        if got:
            out.append(_candidate(got, 0.95 * hit.weight, page))
        break
    if below and hit.weight >= 0.8 and not _has_value_words(hit.rest):
        # free text under a header-row label may hold label words ("Due on receipt")
        out.extend(_below(hit, page, parse, index, label_box, stop_at_labels=not whole_tail))
    return out


def _has_value_words(words: Sequence[Word]) -> bool:
    return any(fold_text(w.text) not in {"", "#", "no", "nr", "n"} for w in words)


def _below(
    hit: LabelHit,
    page: PageLayout,
    parse: Parser,
    index: LabelIndex,
    label_box: BBox,
    *,
    stop_at_labels: bool = True,
) -> list[Candidate]:
    limit = label_box.bottom + 2.6 * max(label_box.height, page.line_height)
    for line in page.lines[hit.segment.line + 1 :]:
        if line.bbox.top > limit:
            break
        for seg in line.segments:
            box = seg.bbox
            aligned = box.h_overlap(label_box) > 0 or abs(box.x0 - label_box.x0) < 8
            if not aligned:
                continue
            if stop_at_labels and index.is_label(seg):
                return []
            got = parse(seg.words)
            return [_candidate(got, 0.85 * hit.weight, page)] if got else []
    return []


def _candidate(got: tuple[str, tuple[Word, ...]], score: float, page: PageLayout) -> Candidate:
    value, words = got
    return Candidate(
        value=value,
        score=score,
        page=page.page.number,
        bbox=BBox.enclosing([w.bbox for w in words]),
        words=words,
    )


def pick(candidates: list[Candidate]) -> tuple[Candidate, float] | None:
    """The best candidate and its confidence: its own score, raised when other readings agree
    and lowered when a near-equal reading disagrees."""
    if not candidates:
        return None
    by_value: dict[str, list[Candidate]] = {}
    for c in candidates:
        by_value.setdefault(c.value, []).append(c)
    ranked = sorted(
        by_value.items(),
        key=lambda kv: max(c.confidence for c in kv[1]) + 0.05 * (len(kv[1]) - 1),
        reverse=True,
    )
    _, support = ranked[0]
    best = max(support, key=lambda c: c.confidence)
    confidence = best.confidence
    if len(support) > 1:
        confidence = 1 - (1 - confidence) * 0.6
    if len(ranked) > 1:
        rival = max(c.confidence for c in ranked[1][1])
        confidence *= 1 - 0.5 * (rival / (rival + best.confidence))
    return best, min(confidence, 0.999)
