"""Contracts (NDAs, MSAs, leases, statements of work, licences), read as prose.

A contract states its facts in sentences, not in labelled boxes, so this extractor reads text:
the pages' lines are joined into one text (running headers, footers and page numbers left out,
wrapped lines joined, paragraphs kept apart), spaCy cuts it into sentences once (a blank English
pipeline with the rule-based sentencizer: no trained model), a `PhraseMatcher` finds the sentences
that carry each kind of fact ("governed by", "renew", "notice", "between" …). Only those sentences
are parsed, with patterns for the wordings contracts use ("thirty (30) days' prior written
notice", "the 3rd day of March, 2021", "the laws of the State of New York"). Signature blocks are
read by their layout (`Name:`, `By: /s/`, a name under a signature line), column by column.

Every value keeps the character span it was read from, which maps back to the words on the page
for its provenance; its confidence says how strong the cue was and whether rival readings agree.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from text_to_num import text2num

from extractors.api import ExtractSettings
from extractors.layout import Line, PageLayout, Segment, layout
from extractors.model import BBox, Document, Extraction, Field, FieldValue, Word
from extractors.values import (
    DateOrder,
    find_currencies,
    find_dates,
    fold_space,
    fold_text,
    format_money,
    infer_date_order,
    parse_date,
    parse_money,
)

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc, Span

# ------------------------------------------------------------------------------------ the cues


# Sentences worth parsing for each fact: a spaCy PhraseMatcher finds these words and phrases
# (case aside) in one pass over the tokens, however long the contract.
CUES: dict[str, tuple[str, ...]] = {
    "law": (
        *("governed", "construed", "interpreted", "governs", "govern", "governing law"),
        *("applicable law", "choice of law", "governing laws", "applicable laws", "laws of"),
        *("law of", "law", "laws"),
    ),
    "term": (
        *("term", "expire", "expires", "expiration", "expiry", "until", "continue", "continues"),
        *("remain", "remains", "ending", "end", "terminate", "terminates", "through", "maturity"),
    ),
    "renew": (
        *("renew", "renews", "renewed", "renewal", "renewals", "renewable", "automatic"),
        *("automatically", "auto-renew", "successive", "evergreen", "extend", "extends"),
        *("extended", "extension", "month-to-month", "year-to-year", "year to year"),
        "month to month",
    ),
    "notice": ("notice", "notify", "notifies", "notified", "notifying", "notification"),
    "effective": ("effective", "dated", "made", "entered", "executed", "date:", "day of"),
    "parties": ("between", "among", "amongst", "parties"),
    "value": (
        *("fee", "fees", "price", "rent", "value", "compensation", "consideration", "exceed"),
        *("total", "aggregate", "sum", "amount", "pay", "payable", "paid", "cost", "budget"),
    ),
    "payment": ("net", "payable", "due", "invoice", "invoices", "invoiced", "pay", "paid"),
    "witness": ("witness", "executed", "signed"),
}

# Abbreviations that do not end a sentence, in capitals too (spaCy knows "Corp." but not "CORP.")
ABBREVIATIONS = (
    *("Inc.", "Corp.", "Co.", "Ltd.", "Bros.", "N.A.", "L.P.", "L.L.C.", "L.L.P.", "P.C.", "S.A."),
    *("B.V.", "N.V.", "No.", "Nos.", "Sec.", "Art.", "Jr.", "Sr.", "St.", "Ave.", "Blvd."),
    *("Mr.", "Ms.", "Mrs.", "Dr.", "U.S.", "e.g.", "i.e.", "approx."),
)

# ----------------------------------------------------------------------------- numbers, periods

_NUMBER_WORDS = re.findall(
    r"\w+",
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fourty fifty sixty seventy "
    "eighty ninety hundred thousand",
)
_NUM_WORD = "(?:" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + ")"
_NUM_WORDS = rf"{_NUM_WORD}(?:(?:\s+and\s+|[\s-]+){_NUM_WORD})*"
DURATION = re.compile(
    rf"(?<![\w$£€.,/-])(?:(?P<words>{_NUM_WORDS})(?:\s*\(\s*(?P<paren>\d{{1,4}})\s*\))?"
    r"|\(?(?P<digits>\d{1,4})\)?)"
    r"(?:\s+|-)(?:(?P<qual>calendar|business|working|consecutive|full|additional|successive)"
    r"[\s-]+)?(?P<unit>years?|months?|weeks?|days?)(?![\w])",
    re.IGNORECASE,
)
_UNIT_CODE = {"year": "Y", "month": "M", "week": "W", "day": "D"}


@dataclass(frozen=True, slots=True)
class Duration:
    """A period as printed: `thirty (30) days` is 30 days at characters start..end."""

    count: int
    unit: str  # year, month, week, day
    start: int
    end: int
    sure: bool = True  # False when the number in words and the one in digits disagree
    business: bool = False

    @property
    def iso(self) -> str:
        return f"P{self.count}{_UNIT_CODE[self.unit]}"

    @property
    def days(self) -> int:
        return self.count * {"year": 365, "month": 30, "week": 7, "day": 1}[self.unit]


def _words_to_int(text: str) -> int | None:
    try:
        return int(text2num(fold_space(text.lower().replace("fourty", "forty")), "en"))
    except (ValueError, TypeError):
        return None


def find_durations(text: str, offset: int = 0) -> list[Duration]:
    """Periods in `text`: "thirty (30) days", "two years", "36 months", "one-year", "(90) days"."""
    out = []
    for m in DURATION.finditer(text):
        words, paren, digits = m.group("words"), m.group("paren"), m.group("digits")
        sure = True
        if paren or digits:
            count = int(paren or digits)
            if words and paren:
                spoken = _words_to_int(words)
                sure = spoken is None or spoken == count
        else:
            spoken = _words_to_int(words)
            if spoken is None:
                continue
            count = spoken
        if not 0 < count <= 1000:
            continue
        unit = m.group("unit").lower().rstrip("s")
        qual = (m.group("qual") or "").lower()
        out.append(
            Duration(
                count,
                unit,
                offset + m.start(),
                offset + m.end(),
                sure,
                qual in {"business", "working"},
            )
        )
    return out


# --------------------------------------------------------------------------------------- dates

_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
DAY_OF = re.compile(
    rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+day\s+of\s+(?P<month>{_MONTHS})\.?,?\s+"
    r"(?:in\s+the\s+year\s+)?(?P<year>(?:19|20)\d{2})\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Dated:
    value: date
    start: int
    end: int


def find_contract_dates(text: str, order: DateOrder, offset: int = 0) -> list[Dated]:
    """Full dates in `text`, including the deed style "the 3rd day of March, 2021"."""
    out = []
    for m in DAY_OF.finditer(text):
        value = parse_date(f"{m.group('day')} {m.group('month')} {m.group('year')}", "DMY")
        if value:
            out.append(Dated(value, offset + m.start(), offset + m.end()))
    for start, end, raw in find_dates(text):
        if any(d.start <= offset + start < d.end for d in out):
            continue
        value = parse_date(raw, order)
        if value:
            out.append(Dated(value, offset + start, offset + end))
    return sorted(out, key=lambda d: d.start)


# --------------------------------------------------------------------------------------- money

_MONEY = re.compile(
    r"(?P<cur>US\s?\$|U\.S\.\s?\$|CA\$|C\$|A\$|AU\$|NZ\$|[$£€]|\b(?:USD|GBP|EUR|CAD|AUD|CHF|JPY)\b)"
    r"\s?(?P<amount>\d{1,3}(?:,\d{3})+(?:\.\d{2})?|\d+(?:\.\d{1,2})?)(?!\d|,\d)"
    r"(?:\s?(?P<scale>million|billion|thousand)\b)?"
    r"|(?<![\w.,/])(?P<amount2>\d{1,3}(?:,\d{3})+(?:\.\d{2})?|\d+(?:\.\d{2})?)\s?"
    r"(?P<cur2>USD|GBP|EUR|CAD|AUD|CHF|(?:U\.S\.\s)?[Dd]ollars|[Pp]ounds(?:\s[Ss]terling)?|[Ee]uros)\b",
)
_SCALE = {"thousand": Decimal(1000), "million": Decimal(10**6), "billion": Decimal(10**9)}
_MONEY_WORDS = {"dollars": "USD", "pounds": "GBP", "euros": "EUR"}


@dataclass(frozen=True, slots=True)
class Money:
    amount: Decimal
    currency: str | None
    start: int
    end: int


def find_money(text: str, offset: int = 0) -> list[Money]:
    """Amounts that name their currency: "$250,000", "USD 75,000", "£1.2 million", "500 Euros"."""
    out = []
    for m in _MONEY.finditer(text):
        raw = m.group("amount") or m.group("amount2")
        amount = parse_money(raw, ".")
        if amount is None or amount <= 0:
            continue
        if m.group("scale"):
            amount *= _SCALE[m.group("scale").lower()]
        symbol = m.group("cur") or m.group("cur2") or ""
        word = symbol.lower().split()[-1] if symbol else ""
        codes = find_currencies(symbol.replace(" ", "")) or (
            [_MONEY_WORDS[word]] if word in _MONEY_WORDS else []
        )
        out.append(Money(amount, codes[0] if codes else None, offset + m.start(), offset + m.end()))
    return out


# ------------------------------------------------------------------------------------ the text


@dataclass(frozen=True, slots=True)
class Placed:
    """A word of the page at characters start..end of the contract's text."""

    start: int
    end: int
    page: int
    word: Word


class ContractText:
    """The contract as one text, each character traceable to a word on a page."""

    def __init__(self, text: str, placed: Sequence[Placed], page_starts: Sequence[int]) -> None:
        self.text = text
        self.placed = tuple(placed)
        self.page_starts = tuple(page_starts)  # where each page's text begins (page 1 first)
        self._starts = [p.start for p in self.placed]
        self._by_word = {id(p.word): p for p in self.placed}

    def words(self, start: int, end: int) -> list[Placed]:
        i = max(bisect.bisect_right(self._starts, start) - 1, 0)
        out = []
        for p in self.placed[i:]:
            if p.start >= end:
                break
            if p.end > start:
                out.append(p)
        return out

    def start_of(self, word: Word) -> int | None:
        """Where a word of the page layout stands in the text (None: a running header)."""
        found = self._by_word.get(id(word))
        return found.start if found else None

    def page_at(self, offset: int) -> int:
        return max(bisect.bisect_right(self.page_starts, offset), 1)

    def provenance(self, start: int, end: int) -> tuple[int, BBox, float] | None:
        """The page of the first word of the span, the box of its words on that page, and the
        lowest confidence among them (OCR words may be unsure)."""
        found = self.words(start, end)
        if not found:
            return None
        page = found[0].page
        on_page = [p.word for p in found if p.page == page]
        box = BBox.enclosing([w.bbox for w in on_page])
        return page, box, min(w.confidence for w in on_page)


_PAGE_NUMBER = re.compile(
    r"(?i)^(?:page\s+)?[-–—(\[]?\s*(?:\d{1,3}|[ivxlc]{1,6})\s*[-–—)\]]?(?:\s+of\s+\d{1,3})?$"
)
_PARAGRAPH_START = re.compile(
    r"^(?:\(?[a-z]{1,2}\)|\(?\d{1,2}\)|\d{1,2}(?:\.\d{1,2})*\.?\s|\(?[ivx]{1,5}\)"
    r"|[•·▪\-–]\s|(?:ARTICLE|Article|SECTION|Section|WHEREAS|NOW,?|IN WITNESS|Schedule|SCHEDULE|"
    r"EXHIBIT|Exhibit|ANNEX|Annex)\b)"
)


def _line_key(text: str) -> str:
    return re.sub(r"\d+", "#", fold_text(text))


def running_lines(pages: Sequence[PageLayout]) -> set[tuple[int, int]]:
    """Running headers and footers, and page numbers: (page, line index) of lines to leave out
    of the prose. A header is a line near the top or bottom that repeats (digits aside) on many
    pages."""
    out: set[tuple[int, int]] = set()
    edge = 3
    counts: dict[str, int] = {}
    for p in pages:
        keys = {_line_key(ln.text) for ln in (*p.lines[:edge], *p.lines[-edge:])}
        for key in keys:
            counts[key] = counts.get(key, 0) + 1
    repeated = {k for k, n in counts.items() if n >= 2 and n >= 0.3 * len(pages) and len(k) > 1}
    for p in pages:
        n = len(p.lines)
        for i, ln in enumerate(p.lines):
            at_edge = i < edge or i >= n - edge
            if not at_edge:
                continue
            text = ln.text.strip()
            near_edge = i < 2 or i >= n - 2
            if _line_key(text) in repeated or (near_edge and _PAGE_NUMBER.fullmatch(text)):
                out.add((p.page.number, ln.index))
    return out


@dataclass(frozen=True, slots=True)
class _Row:
    """A line of prose with its geometry measured once."""

    words: tuple[Word, ...]
    text: str
    top: float
    x0: float
    x1: float

    @staticmethod
    def of(line: Line) -> _Row:
        box = line.bbox
        return _Row(line.words, line.text, box.top, box.x0, box.x1)

    @property
    def heading(self) -> bool:
        """A short line in capitals ("PARTIES", "GOVERNING LAW") stands as its own paragraph."""
        return len(self.words) <= 8 and _all_caps(self.text)


def _paragraph_break(prev: _Row, row: _Row, pitch: float, left: float, right: float) -> bool:
    step = row.top - prev.top
    if step > 1.45 * pitch or step < 0 or prev.heading or row.heading:
        return True
    ends_sentence = _ends_clause(prev.text)
    if ends_sentence and _PARAGRAPH_START.match(row.text):
        return True
    short = prev.x1 < left + 0.75 * (right - left)
    indented = row.x0 > left + 12
    return ends_sentence and (short or indented)


def _ends_clause(text: str) -> bool:
    """A line that ends a sentence, a list item ("…; and") or a lead-in ("as follows:")."""
    return re.search(r"(?:[.:;!?]['\"”’)\]]?|;\s+(?:and|or))$", text) is not None


def _pitch(rows: Sequence[_Row]) -> float:
    """The distance from one line of a paragraph to the next: the lower quartile of the steps
    between lines, which paragraph spacing does not reach."""
    steps = sorted(b.top - a.top for a, b in itertools.pairwise(rows) if b.top > a.top)
    return steps[len(steps) // 4] if steps else 14.0


def build_text(pages: Sequence[PageLayout]) -> ContractText:
    """Join the lines of all pages into one text: lines of a paragraph by a space (a word broken
    by a hyphen at a line's end is joined again), paragraphs by a line break."""
    skip = running_lines(pages)
    parts: list[str] = []
    placed: list[Placed] = []
    page_starts: list[int] = []
    pos = 0
    prev: _Row | None = None
    for p in pages:
        page_starts.append(pos)
        rows = [_Row.of(ln) for ln in p.lines if (p.page.number, ln.index) not in skip]
        pitch = _pitch(rows)
        left = min((row.x0 for row in rows), default=0.0)
        right = max((row.x1 for row in rows), default=p.page.width)
        for row_no, row in enumerate(rows):
            if prev is not None:
                if row_no == 0:  # a new page: the paragraph goes on unless it had ended
                    brk = _ends_clause(prev.text) or row.heading or prev.heading
                else:
                    brk = _paragraph_break(prev, row, pitch, left, right)
                hyphenated = (
                    not brk
                    and re.search(r"[A-Za-z]-$", prev.words[-1].text) is not None
                    and row.words[0].text[:1].islower()
                )
                sep = "\n" if brk else ("" if hyphenated else " ")
                parts.append(sep)
                pos += len(sep)
            for k, w in enumerate(row.words):
                if k:
                    parts.append(" ")
                    pos += 1
                placed.append(Placed(pos, pos + len(w.text), p.page.number, w))
                parts.append(w.text)
                pos += len(w.text)
            prev = row
    return ContractText("".join(parts), placed, page_starts)


# ----------------------------------------------------------------------------------- candidates


@dataclass(frozen=True, slots=True)
class Found:
    """A reading of a field: its value, how strong its cue was, and the characters it came from."""

    value: FieldValue
    score: float
    start: int
    end: int
    # the words themselves, for a value not read from one run of the text: a title in a running
    # header, names over the columns of signature blocks
    words: tuple[Word, ...] = ()
    page: int = 0


def _key(value: FieldValue) -> str:
    if isinstance(value, tuple):
        return "|".join(fold_text(v) for v in value)
    return fold_text(str(value)) if isinstance(value, str) else str(value)


def choose(found: Sequence[Found]) -> tuple[Found, float] | None:
    """The best reading and its confidence: its own score, raised when other readings agree and
    lowered when a near-equal reading disagrees."""
    if not found:
        return None
    groups: dict[str, list[Found]] = {}
    for f in found:
        groups.setdefault(_key(f.value), []).append(f)
    ranked = sorted(
        groups.values(),
        key=lambda g: max(f.score for f in g) + 0.05 * (len(g) - 1),
        reverse=True,
    )
    support = ranked[0]
    best = max(support, key=lambda f: f.score)
    confidence = best.score
    if len(support) > 1:
        confidence = 1 - (1 - confidence) * 0.7
    if len(ranked) > 1:
        rival = max(f.score for f in ranked[1])
        confidence *= 1 - 0.5 * (rival / (rival + best.score))
    return best, min(confidence, 0.99)


# ----------------------------------------------------------------------------------- the reader


@dataclass
class _Reading:
    """What the extractor knows about one document while it reads it."""

    text: ContractText
    all_sentences: list[Span]
    pages: list[PageLayout]
    order: DateOrder
    cues: dict[str, list[Span]]
    recitals: tuple[int, int] = (0, 0)
    firsts: list[int] = field(default_factory=list)  # the first token of each sentence

    def sentences(self, cue: str) -> list[Span]:
        return self.cues.get(cue, [])

    def sentence_before(self, sent: Span) -> Span | None:
        index = bisect.bisect_left(self.firsts, sent.start)
        return self.all_sentences[index - 1] if index > 0 else None

    def in_recitals(self, offset: int) -> bool:
        """The background of the deal ("WHEREAS …"), which tells of other agreements' dates."""
        return self.recitals[0] <= offset < self.recitals[1]


_RECITALS_START = re.compile(r"\n\s*(?:RECITALS|Recitals|BACKGROUND|Background|WHEREAS|Whereas)\b")
_RECITALS_END = re.compile(
    r"(?i)\bNOW,?\s+THEREFORE|\bAGREED\s+TERMS|\bIT\s+IS\s+(?:HEREBY\s+)?AGREED|"
    r"\bagree\s+as\s+follows|\bTHE\s+PARTIES\s+AGREE"
)


def recitals(text: str) -> tuple[int, int]:
    """Where the recitals are: from a RECITALS, BACKGROUND or WHEREAS paragraph near the start
    to "NOW, THEREFORE" or "the parties agree as follows"."""
    start = _RECITALS_START.search(text, 0, 30000)
    if start is None:
        return (0, 0)
    end = _RECITALS_END.search(text, start.end(), start.end() + 20000)
    return (start.start(), end.start()) if end else (0, 0)


class ContractExtractor:
    name = "bpo.contract.v1"
    document_type = "contract"

    def __init__(self) -> None:
        self._nlp: Language | None = None
        self._matcher: PhraseMatcher | None = None

    def _pipeline(self) -> tuple[Language, PhraseMatcher]:
        """spaCy, built on first use: a blank English tokenizer, the rule-based sentencizer and
        the cue matcher (no trained pipeline is needed or loaded)."""
        if self._nlp is None or self._matcher is None:
            import spacy
            from spacy.matcher import PhraseMatcher
            from spacy.tokenizer import Tokenizer

            nlp = spacy.blank("en")
            tokenizer = nlp.tokenizer
            assert isinstance(tokenizer, Tokenizer)
            for abbreviation in ABBREVIATIONS:  # "ACME CORP., a Delaware …" goes on
                for form in {abbreviation, abbreviation.upper()}:
                    tokenizer.add_special_case(form, [{"ORTH": form}])
            nlp.add_pipe("sentencizer")
            matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
            for label, phrases in CUES.items():
                matcher.add(label, [nlp.make_doc(phrase) for phrase in phrases])
            self._nlp, self._matcher = nlp, matcher
        return self._nlp, self._matcher

    def extract(self, document: Document, settings: ExtractSettings) -> Extraction:
        nlp, matcher = self._pipeline()
        pages = layout(document)
        text = build_text(pages)
        doc = nlp(text.text)
        # the sentences once, and each cue's sentence found among them by its first token
        # (`Token.sent` would scan the whole document for every match)
        firsts = _sentence_starts(doc)
        sentences = [doc[a:b] for a, b in itertools.pairwise([*firsts, len(doc)])]
        cues: dict[str, list[Span]] = {}
        seen: set[tuple[str, int]] = set()
        for match_id, start, _end in matcher(doc):
            label = nlp.vocab.strings[match_id]
            index = bisect.bisect_right(firsts, start) - 1
            if (label, index) not in seen:
                seen.add((label, index))
                cues.setdefault(label, []).append(sentences[index])
        for spans in cues.values():
            spans.sort(key=lambda s: s.start)
        order = _date_order(text.text, settings)
        reading = _Reading(text, sentences, pages, order, cues, recitals(text.text), firsts)

        fields: dict[str, Field] = {}

        def put(name: str, found: Sequence[Found]) -> Found | None:
            picked = choose(found)
            if picked is None:
                return None
            best, confidence = picked
            made = _field(reading.text, best, confidence)
            if made is None:
                return None
            fields[name] = made
            return best

        parties = _parties(reading)
        signatures = _signatures(reading)
        if not any(len(_as_tuple(p.value)) >= 2 for p in parties if p.score >= 0.7):
            parties.extend(signatures.entities)
        parties = _confirmed_parties(parties, signatures)
        put("contract_title", _titles(reading))
        put("parties", parties)
        put("effective_date", _effective_dates(reading, signatures))
        put("expiration_date", _expiration_dates(reading))
        put("term", _terms(reading))
        renewal, renewal_terms = _renewal(reading)
        put("auto_renewal", renewal)
        if fields.get("auto_renewal") and fields["auto_renewal"].value is True:
            put("renewal_term", renewal_terms)
        put("termination_notice_days", _notice_days(reading))
        put("governing_law", _governing_law(reading))
        value = put("contract_value", _values(reading))
        if value is not None:
            currency = _currency_of(reading, value)
            if currency is not None:
                put("currency", [currency])
        put("payment_terms", _payment_terms(reading))
        put("signatories", signatures.people)
        return Extraction(document_type=self.document_type, extractor=self.name, fields=fields)


def _field(text: ContractText, found: Found, confidence: float) -> Field | None:
    if found.words:
        return Field(
            value=found.value,
            confidence=round(confidence * min(w.confidence for w in found.words), 3),
            page=found.page,
            bbox=BBox.enclosing([w.bbox for w in found.words]),
            source=found.words[0].source,
        )
    where = text.provenance(found.start, found.end)
    if where is None:
        return None
    page, box, word_confidence = where
    words = text.words(found.start, found.end)
    return Field(
        value=found.value,
        confidence=round(confidence * word_confidence, 3),
        page=page,
        bbox=box,
        source=words[0].word.source,
    )


def _sentence_starts(doc: Doc) -> list[int]:
    """The first token of each sentence: where the sentencizer ends one, and after each
    paragraph break too (headings and list items end without a full stop). Read and set as
    arrays: token by token, spaCy would make an object of each token, or check the whole
    document at each change."""
    import numpy as np
    from spacy.attrs import IDX, SENT_START

    if len(doc) == 0:
        return []
    table = doc.to_array([SENT_START, IDX])
    starts = table[:, 0].copy()
    breaks = [m.end() for m in re.finditer("\n", doc.text)]
    if breaks:
        tokens = np.searchsorted(table[:, 1], np.array(breaks))
        starts[tokens[tokens < len(doc)]] = 1
        column: Any = starts.reshape(-1, 1)  # uint64, as `to_array` gave it
        doc.from_array([SENT_START], column)
    starts[0] = 1
    return [int(i) for i in np.flatnonzero(starts == 1)]


def _date_order(text: str, settings: ExtractSettings) -> DateOrder:
    """Numeric dates: US contracts write month first, English ones day first."""
    if settings.date_order is not None:
        return settings.date_order
    british = re.search(r"England|Wales|Scotland|United Kingdom|£|\bLimited\b|\bplc\b", text)
    return infer_date_order(text.splitlines(), "DMY" if british else "MDY")


# ---------------------------------------------------------------------------------------- title

_TITLE_NOUNS = re.compile(
    r"(?i)\b(?:agreement|contract|lease|sublease|licen[cs]e|amendment|addendum|deed|"
    r"memorandum of understanding|statement of work|order form|purchase order|"
    r"terms and conditions|terms of service|terms of use|promissory note|note|guarant(?:y|ee)|"
    r"indenture|plan of merger|letter agreement|engagement letter|undertaking|waiver|consent|"
    r"assignment|bill of sale|warrant|release|charter|letter of intent|protocol|sow)"
    r"(?:\s+(?:no\.?|number|#)\s*[\w.-]+)?$"
)
_NOT_TITLE = re.compile(
    r"(?i)^(?:exhibit|execution (?:version|copy)|confidential\b|draft\b|\[\*+\]|page\b|table of)"
    r"|\bbetween\b|\bdated\b|\bmade\b|\bis entered\b|\bpursuant\b|\bredacted\b|\bomitted\b"
)
_PREAMBLE_TITLE = re.compile(
    r"^\s*(?:THIS|This)\s+(?P<title>(?:[A-Z][\w'’&-]*\s+|(?:and|of|to|for|the)\s+){0,10}?"
    r"[A-Z][\w'’-]*)\s*(?:\(|,|is\b|dated|made|entered|by\b)"
)


_TITLE_WORD = re.compile(
    r"(?i)\b(?:agreement|contract|lease|licen[cs]e|amendment|plan|note|indenture|deed|terms)\b"
)


def _titles(r: _Reading) -> list[Found]:
    """The heading at the top of page 1 that names a kind of contract (a letter's "Re:" line),
    and the contract's name in its own opening words ("This Master Services Agreement …")."""
    out: list[Found] = []
    preamble = _preamble_sentence(r)
    stop = preamble.start_char if preamble is not None else len(r.text.text)
    lines: list[Line] = []
    for line in r.pages[0].lines[:30] if r.pages else ():
        start = r.text.start_of(line.words[0])
        if start is not None and start >= stop:
            break
        lines.append(line)
    heights = [w.bbox.height for ln in r.pages[0].lines for w in ln.words] if r.pages else []
    body_height = statistics.median(heights) if heights else 10.0
    for i, line in enumerate(lines):
        words = list(line.words)
        subject = re.match(r"(?i)(?:re|subject)\s*:", line.text)
        if subject:  # a letter agreement: "Re: Consulting Services Agreement"
            words = _rest_words_of(line.words, subject.end())
        text = " ".join(w.text for w in words)
        if not words or _NOT_TITLE.search(text) or len(words) > 14:
            continue
        if _COMPANY_LINE.search(text) and not _TITLE_WORD.search(text):
            continue  # the filer's name over the title: "OAKHURST FINANCIAL GROUP, INC."
        caps = _all_caps(text)
        big = line.height > 1.15 * body_height
        joined = words
        # a title set on two or three lines: "AMENDED AND RESTATED / CREDIT AGREEMENT"
        for extra in lines[i + 1 : i + 3]:
            if _TITLE_NOUNS.search(" ".join(w.text for w in joined)):
                break
            if not (caps and _all_caps(extra.text)) or _NOT_TITLE.search(extra.text):
                break
            joined = [*joined, *extra.words]
        title = fold_space(" ".join(w.text for w in joined)).strip(" .:,")
        if not _TITLE_NOUNS.search(title) or not (caps or big or _title_case(title)):
            continue
        score = 0.85 if caps or big or subject else 0.7
        out.append(Found(title, score, 0, 0, tuple(joined), r.pages[0].page.number))
        break
    if preamble is not None:
        m = _PREAMBLE_TITLE.match(preamble.text)
        if m and _TITLE_NOUNS.search(m.group("title")):
            begin = preamble.start_char + m.start("title")
            title = fold_space(m.group("title"))
            score = 0.55 if len(title.split()) == 1 else 0.75
            out.append(Found(title, score, begin, begin + len(m.group("title"))))
    return out


def _rest_words_of(words: Sequence[Word], char_start: int) -> list[Word]:
    """The words of a phrase after its first `char_start` characters (words joined by spaces)."""
    out, pos = [], 0
    for w in words:
        if pos >= char_start and w.text.strip(" :_"):
            out.append(w)
        pos += len(w.text) + 1
    return out


def _all_caps(text: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", text)
    return len(letters) >= 4 and letters.isupper()


def _title_case(text: str) -> bool:
    small = {"and", "of", "to", "for", "the", "in", "on", "a", "an", "with", "no."}
    return all(w[:1].isupper() or not w[:1].isalpha() or w in small for w in text.split())


# -------------------------------------------------------------------------------------- parties

_DEFINED_TERM = re.compile(
    r"\s*\((?:[^()]|\([^()]*\)){0,200}?(?:[\"“”][^\"“”]{1,60}[\"“”]|‘[^‘’]{1,60}’)[^()]{0,60}\)"
    r"|,?\s*(?:hereinafter|herein|hereafter)\s+(?:referred\s+to\s+as\s+|called\s+)?(?:the\s+)?"
    r"(?:[\"“][^\"“”]{1,60}[\"”]|‘[^‘’]{1,60}’)"
)
_CONNECTOR = re.compile(
    r"^(?:\s|,|;|:|\band\b|\bor\b|\(\d{1,2}\)|\d{1,2}[.)]\s|\([a-z]\)|\([ivx]{1,4}\))*", re.I
)
_ENTITY_SUFFIX = (
    r"(?i:Inc|Incorporated|LLC|L\.L\.C|L\.P|LP|LLP|L\.L\.P|Ltd|Limited|Corp|Corporation|Co|"
    r"N\.A|P\.C|PLLC|P\.L\.L\.C|S\.A|GmbH|AG|B\.V|N\.V|plc|PLC|S\.p\.A|S\.A\.S|SE|Jr|Sr|II|III|IV)"
)
_COMPANY_LINE = re.compile(rf"[,\s]{_ENTITY_SUFFIX}\.?\s*$")
_NAME_END = re.compile(
    rf",\s(?!{_ENTITY_SUFFIX}\b)|\s\((?!{_ENTITY_SUFFIX}\))"
    r"|\s(?:a|an)\s(?=(?:[A-Z][\w.]*\s+){0,3}(?:corporation|company|limited|partnership|"
    r"individual|national|banking|public|private|statutory|general|sole|exempted|trust|bank|"
    r"association|society|non-?profit|not-for-profit|professional|federal|state)\b)"
    r"|\s(?:whose|with\s+(?:its|a|an)\s|having|located|incorporated|organi[sz]ed|registered|"
    r"residing|doing\s+business|acting|on\s+behalf|of\s+\d|with\s+offices|with\s+an\s+office|"
    r"with\s+a\s+principal|\(?company\s+(?:number|no))"
    r"|\s+$"
)
_NOT_PARTY = re.compile(
    r"(?i)^(?:the\s+)?(?:parties|party|undersigned|agreement|company|each|both|either|this|"
    r"whereas|recitals?|background|now|it is|witnesseth|date|effective|between|among|and|"
    r"by|signature|name|title|dated|table|exhibit|schedule)\b"
)
_PREAMBLE_STOP = re.compile(
    r"\b(?:WHEREAS|RECITALS?|BACKGROUND|W\s?I\s?T\s?N\s?E\s?S\s?S\s?E\s?T\s?H|NOW,?\s+THEREFORE|"
    r"IT\s+IS\s+(?:HEREBY\s+)?AGREED|AGREED\s+TERMS|THE\s+PARTIES\s+AGREE|Recitals?\b)"
)


def _preamble_sentences(r: _Reading) -> list[Span]:
    """Sentences that may name the parties, in reading order: "… by and between Acme …" in the
    first pages, or a "BETWEEN:" or "PARTIES" heading over a list of them."""
    horizon = r.text.page_starts[6] if len(r.text.page_starts) > 6 else len(r.text.text)
    out: list[Span] = []
    for sent in r.sentences("parties"):
        if sent.start_char > horizon or len(out) >= 4:
            break
        text = sent.text
        if re.fullmatch(r"(?i)\s*(?:between|parties)\s*:?\s*", text):
            out.append(sent)
            continue
        names_follow = re.search(
            r"\b(?:between|among|amongst)\s*:?\s*(?:\(1\)|1\.)?\s*[A-Z0-9\"“]", text
        )
        if names_follow and re.search(
            r"(?i)agreement|contract|lease|licen[cs]e|made|entered|dated|undertaking|deed|amendment",
            text,
        ):
            out.append(sent)
    return out


def _preamble_sentence(r: _Reading) -> Span | None:
    """The opening sentence of the contract: the first that names the parties in prose."""
    for sent in _preamble_sentences(r):
        if not re.fullmatch(r"(?i)\s*(?:between|parties)\s*:?\s*", sent.text):
            return sent
    return None


def _party_name(chunk: str, offset: int) -> Found | None:
    """The name at the head of a party's description: "Acme, Inc., a Delaware corporation"."""
    lead = _CONNECTOR.match(chunk)
    begin = lead.end() if lead else 0
    rest = chunk[begin:]
    end = _NAME_END.search(rest)
    name = _capitalised_run(rest[: end.start()] if end else rest)
    name = name.strip().rstrip(",;:").strip()
    name = re.sub(r"^[\"“”‘’']+|[\"“”‘’']+$", "", name).strip()
    if not name or not (name[0].isupper() or name[0].isdigit()) or _NOT_PARTY.match(name):
        return None
    if len(name.split()) > 14 or len(name) < 2 or "\n" in name:
        return None
    start = offset + begin + rest.find(name)
    return Found(name, 0.0, start, start + len(name))


_NAME_JOINERS = frozenset({"of", "and", "&", "the", "de", "du", "des", "van", "von", "der", "for"})


def _capitalised_run(text: str) -> str:
    """A name's words: capitalised words, and "of", "and", "the" … between them; the name ends
    before the first other lower-case word ("Globex LLC on the date written below")."""
    tokens = list(re.finditer(r"\S+", text))
    end = 0
    for m in tokens:
        word = m.group(0)
        head = word.lstrip("(\"“‘'")[:1]
        if head.isupper() or head.isdigit() or not head.isalpha():
            end = m.end()
        elif word.lower().rstrip(",") not in _NAME_JOINERS:
            break
    return text[:end] if tokens else text


def _parties(r: _Reading) -> list[Found]:
    """The parties as the preamble names them: each name is the head of a description that ends
    in its defined term ("Acme Corp., a Delaware corporation ("Acme")"); without defined terms,
    the names joined by "and"."""
    out: list[Found] = []
    for sent in _preamble_sentences(r):
        found = _parties_after(r, sent)
        if found is not None:
            out.append(found)
            if found.score >= 0.9:
                break
    if not any(f.score >= 0.9 for f in out):
        out.extend(_defined_entities(r))
    return [*out, *_role_lines(r)]


_ENTITY = re.compile(
    rf"(?:[A-Z][\w&'’.-]*,?\s+){{1,6}}?(?i:{_ENTITY_SUFFIX})\b\.?"
    r"(?=\s*(?:,\s*(?:a|an)\s|\s(?:a|an)\s(?:company|corporation)|\(|$))"
)


def _defined_entities(r: _Reading) -> list[Found]:
    """Parties named without a "between": companies given a defined term in the opening pages
    ("we, ACME LIMITED, a company … (the "Recipient")"; a letter's "Globex LLC ("Consultant")
    will provide services to Acme Corp. (the "Company")")."""
    horizon = r.text.page_starts[2] if len(r.text.page_starts) > 2 else len(r.text.text)
    names: list[Found] = []
    for sent in r.all_sentences:
        if sent.start_char > horizon or len(names) >= 4:
            break
        text = sent.text
        pos = 0
        for term in _DEFINED_TERM.finditer(text):
            chunk = text[pos : term.start()]
            pos = term.end()
            entities = list(_ENTITY.finditer(chunk))
            if not entities:
                continue
            m = entities[-1]
            start = sent.start_char + term.start() - len(chunk) + m.start()
            found = _party_name(m.group(0), start)
            if found is not None:
                names.append(found)
    if not names:
        return []
    score = 0.65 if len(names) >= 2 else 0.5
    return [Found(tuple(str(n.value) for n in names), score, names[0].start, names[-1].end)]


def _parties_after(r: _Reading, sent: Span) -> Found | None:
    text = r.text.text
    cue = re.search(r"\b(?:between|among|amongst|parties)\b\s*:?", sent.text, re.I)
    begin = sent.start_char + (cue.end() if cue else 0)
    stop = _PREAMBLE_STOP.search(text, begin, begin + 3000)
    window_end = stop.start() if stop else min(len(text), begin + 3000)
    names: list[Found] = []
    pos = begin
    while len(names) < 8:
        term = _DEFINED_TERM.search(text, pos, window_end)
        if term is None:
            break
        chunk = text[pos : term.start()]
        found = _party_name(chunk, pos)
        if found is None and not (names and len(chunk) < 200):
            break
        if found is not None:  # else a class, not a name: "each lender party hereto"
            names.append(found)
        pos = term.end()
        after = text[pos:window_end]
        if not re.match(r"\s*(?:,|;|\band\b|\(\d|\d[.)]|$)", after):
            break
    if names and pos < sent.end_char:
        # the last party may have no defined term: "…, and BANK OF AMERICA, N.A., as Agent."
        tail = re.match(r"\s*,?\s*and\s+(?=[A-Z])", text[pos : sent.end_char])
        last = (
            _party_name(text[pos + tail.end() : sent.end_char], pos + tail.end()) if tail else None
        )
        if last is not None:
            names.append(last)
    score = 0.9
    if len(names) < 2:  # no defined terms: "between Acme Corp. and Globex LLC."
        heading = sent.end_char - sent.start_char < 12
        end = min(window_end, begin + 400) if heading else sent.end_char
        listed = _split_parties(text[begin:end], begin, lines=heading)
        if len(listed) > len(names):
            names, score = listed, 0.7
    if not names:
        return None
    if len(names) < 2:
        score *= 0.6
    return Found(tuple(str(n.value) for n in names), score, names[0].start, names[-1].end)


def _split_parties(text: str, offset: int, *, lines: bool = False) -> list[Found]:
    """Names joined by "and": "Acme Corp. and Globex LLC", or a cover page's lines
    ("ACME CORP." / "and" / "GLOBEX LLC"), where the list ends at the first line that is not a
    name."""
    out: list[Found] = []
    pos = 0
    splitter = r"(\n\s*and\s*\n|\n)" if lines else r"(,?\s+and\s+(?=[A-Z\d\"“]))"
    for piece in re.split(splitter, text):
        if piece and not re.fullmatch(splitter[1:-1], piece):
            found = _party_name(piece, offset + pos)
            if found is None or (lines and len(str(found.value)) < len(piece.strip()) - 1):
                if lines and out:
                    break
            elif found is not None:
                out.append(found)
        pos += len(piece)
    return out if len(out) >= 2 else []


_ROLE_LINE = re.compile(
    r"^(?:Landlord|Tenant|Lessor|Lessee|Licensor|Licensee|Consultant|Contractor|Customer|Client|"
    r"Supplier|Vendor|(?:Service\s+)?Provider|Buyer|Seller|Purchaser|Employer|Employee|Borrower|"
    r"Lender|Disclosing\s+Party|Receiving\s+Party|Party\s+(?:A|B|C|\d))\s*:\s*(?P<name>\S.+)$"
)


def _role_lines(r: _Reading) -> list[Found]:
    """A cover table of the parties: "Landlord: Acme Properties LLC" on the first pages."""
    names: list[Found] = []
    for p in r.pages[:2]:
        for line in p.lines[:60]:
            for seg in line.segments:
                m = _ROLE_LINE.match(seg.text)
                if m is None:
                    continue
                start = r.text.start_of(seg.words[0])
                if start is None:
                    continue
                found = _party_name(m.group("name"), start + m.start("name"))
                if found is not None:
                    names.append(found)
    if len(names) < 2:
        return []
    return [Found(tuple(str(n.value) for n in names), 0.6, names[0].start, names[-1].end)]


def _confirmed_parties(parties: list[Found], signatures: Signatures) -> list[Found]:
    """Entities named over the signature blocks that match the preamble's names confirm them."""
    signed = {fold_text(str(v)) for f in signatures.entities for v in _as_tuple(f.value)}
    out = []
    for f in parties:
        names = _as_tuple(f.value)
        if signed and names and all(fold_text(n) in signed for n in names):
            out.append(replace(f, score=min(0.97, f.score + 0.05)))
        else:
            out.append(f)
    return out


def _as_tuple(value: FieldValue) -> tuple[str, ...]:
    if isinstance(value, tuple):
        return value
    return (str(value),)


# ---------------------------------------------------------------------------------- signatures


@dataclass
class Signatures:
    """What the signature blocks say: who signed, for which entity, and when."""

    people: list[Found] = field(default_factory=list)
    entities: list[Found] = field(default_factory=list)
    dates: list[Dated] = field(default_factory=list)


_NAME_LABEL = re.compile(
    r"(?i)^[^\w/]{0,2}(?:print(?:ed)?\s+|typed\s+)?name(?:\s+of\s+signatory)?"
    r"\s*(?:\((?:print(?:ed)?|type)\))?\s*:\s*(?P<rest>.*)$"
)
_BY_LABEL = re.compile(r"(?i)^[^\w/]{0,2}by\s*:\s*(?P<rest>.*)$")
_DATE_LABEL = re.compile(r"(?i)^(?:date(?:d)?|date\s+signed|signed\s+on)\s*:\s*(?P<rest>.*)$")
_SIGNED_BY = re.compile(
    r"(?:Signed|SIGNED|Executed|EXECUTED)\s+(?:as\s+a\s+deed\s+)?by\s+(?P<name>[A-Z][\w.'’-]+"
    r"(?:\s+[A-Z][\w.'’-]*){1,4}?)\s*(?:,|\bfor\b|\bon\s+behalf\b|\bacting\b|\(|$)"
)
_PERSON = re.compile(
    r"^(?:Dr\.?\s+|Mr\.?\s+|Ms\.?\s+|Mrs\.?\s+)?[A-Z][A-Za-z'’-]*\.?"
    r"(?:\s+(?:[A-Z]\.|[A-Z][A-Za-z'’-]+|van|von|de|der|del|la|da|di|le)){1,4}"
    r"(?:,?\s+(?:Jr\.?|Sr\.?|II|III|IV))?$"
)
_NOT_PERSON = re.compile(
    r"(?i)\b(?:president|officer|director|manager|member|title|signature|authori[sz]ed|company|"
    r"inc|llc|corp|corporation|limited|ltd|date|name|partner|secretary|treasurer|counsel|by|its|"
    r"witness|agreement|notary|chief|vice|executive|signatory|landlord|tenant|customer|"
    r"consultant|licensor|licensee|supplier|provider|party)\b"
)


def _person(text: str) -> str | None:
    name = fold_space(re.sub(r"^/s/\s*", "", text.strip())).strip(" ,;:")
    if not name or not _PERSON.match(name) or _NOT_PERSON.search(name):
        return None
    return name


def _signature_regions(r: _Reading) -> list[list[PageLayout]]:
    """Where the signature blocks may be, most likely first: the page of an "IN WITNESS
    WHEREOF" and the page after it (the last such first: exhibits come after the signatures
    less often than before), then of an "executed by" sentence, then pages with a "By:" line."""
    starts: list[int] = []
    for cue in (r"in\s+witness|witness\s+whereof", r"executed\s+(?:this|as|by)|signed\s+by"):
        for sent in reversed(r.sentences("witness")):
            if re.search(cue, sent.text, re.IGNORECASE):
                starts.append(r.text.page_at(sent.start_char))
    for p in reversed(r.pages):
        if any(_BY_LABEL.match(seg.text) for ln in p.lines for seg in ln.segments):
            starts.append(p.page.number)
    if r.pages:
        starts.append(r.pages[-1].page.number)
    regions: list[list[PageLayout]] = []
    for start in dict.fromkeys(starts):
        regions.append([p for p in r.pages if start <= p.page.number <= start + 1])
    return regions


def _signatures(r: _Reading) -> Signatures:
    """The first region of signature blocks that names signatories."""
    out = Signatures()
    for pages in _signature_regions(r)[:6]:
        found = _read_signature_blocks(r, pages)
        if found.people:
            return found
        out.dates = out.dates or found.dates
        out.entities = out.entities or found.entities
    out.people = _signed_by(r)
    return out


def _signed_by(r: _Reading) -> list[Found]:
    """Signatories named in a sentence: "Signed by JANE SMITH for and on behalf of …"."""
    people = []
    for sent in r.sentences("witness"):
        for m in _SIGNED_BY.finditer(sent.text):
            name = _person(m.group("name"))
            if name is not None:
                start = sent.start_char + m.start("name")
                people.append(Found(name, 0.75, start, start + len(m.group("name"))))
    return _one_list(r, people)


def _one_list(r: _Reading, people: list[Found]) -> list[Found]:
    """Names read in several ways, one reading of the list: each name once, in reading order."""
    names: dict[str, Found] = {}
    for f in people:
        key = fold_text(str(f.value))
        if key not in names or names[key].score < f.score:
            names[key] = f
    ordered = sorted(names.values(), key=lambda f: f.start)
    if not ordered:
        return []
    value = tuple(str(f.value) for f in ordered)
    first_page = r.text.page_at(ordered[0].start)
    same_page = [f for f in ordered if r.text.page_at(f.start) == first_page]
    score = min(f.score for f in ordered)
    return [Found(value, score, same_page[0].start, same_page[-1].end)]


def _read_signature_blocks(r: _Reading, pages: Sequence[PageLayout]) -> Signatures:
    out = Signatures()
    people: list[Found] = []
    entities: list[Found] = []
    for page in pages:
        lines = page.lines
        for li, line in enumerate(lines):
            for si, seg in enumerate(line.segments):
                text = seg.text
                m = _NAME_LABEL.match(text) or _BY_LABEL.match(text)
                if m is not None:
                    is_by = m.re is _BY_LABEL
                    rest_words = _rest_words_of(seg.words, m.start("rest"))
                    rest_words += _continued(line.segments[si:], bool(rest_words))
                    raw = " ".join(w.text for w in rest_words)
                    person = _person(raw) if rest_words else None
                    if person is not None and (not is_by or raw.strip().startswith("/s/")):
                        people.append(_found_words(r.text, person, 0.9, rest_words))
                    elif person is not None:
                        people.append(_found_words(r.text, person, 0.7, rest_words))
                    if is_by:
                        entity = _entity_above(r, lines, li, seg)
                        if entity is not None:
                            entities.append(entity)
                        under = _name_under(r, lines, li, seg)
                        if under is not None:
                            people.append(under)
                    continue
                d = _DATE_LABEL.match(text)
                if d is not None:
                    start = r.text.start_of(seg.words[0])
                    if start is not None:
                        offset = start + d.start("rest")
                        out.dates.extend(find_contract_dates(d.group("rest"), r.order, offset))
                    continue
                for sm in _SIGNED_BY.finditer(text):  # "Signed by OLIVER PEMBERTON for and on
                    name = _person(sm.group("name"))  # behalf of …", over a dotted line
                    if name is not None:
                        name_words = _rest_words_of(seg.words, sm.start("name"))
                        people.append(
                            _found_words(r.text, name, 0.8, name_words[: len(name.split())])
                        )
                signed = _person(text) if text.startswith("/s/") else None
                if signed is not None:  # "/s/ John A. Doe" on a line of its own
                    people.append(_found_words(r.text, signed, 0.8, seg.words[1:] or seg.words))
                if re.fullmatch(r"_{5,}|/s/.*", text) and (li + 1) < len(lines):
                    under = _name_under(r, lines, li, seg)
                    if under is not None:
                        people.append(under)
    out.people = _one_list(r, people)
    if len(entities) >= 2:
        seen: dict[str, Found] = {}
        for e in entities:
            seen.setdefault(fold_text(str(e.value)), e)
        unique = list(seen.values())
        words = tuple(w for e in unique if e.page == unique[0].page for w in e.words)
        names = tuple(str(e.value) for e in unique)
        out.entities = [Found(names, 0.6, 0, 0, words, unique[0].page)]
    return out


def _continued(segments: Sequence[Segment], has_value: bool) -> list[Word]:
    """The phrases after a label's own that carry on its value on the same line: a value set in
    a column of its own, or cut by a wide gap ("Susan W." "Kowalski" in a typewriter font)."""
    out: list[Word] = []
    prev = segments[0]
    for seg in segments[1:]:
        gap = seg.bbox.x0 - prev.bbox.x1
        if _labelled(seg.text) or gap > (30 if has_value or out else 80):
            break
        out.extend(seg.words)
        prev = seg
    return out


def _labelled(text: str) -> bool:
    return bool(re.match(r"(?i)^(?:name|by|title|its|date|dated)\s*:", text))


def _found_words(text: ContractText, value: str, score: float, words: Sequence[Word]) -> Found:
    starts = [s for s in (text.start_of(w) for w in words) if s is not None]
    if not starts:
        return Found(value, score, 0, 0)
    last = words[-1]
    end_start = text.start_of(last)
    return Found(value, score, min(starts), (end_start or min(starts)) + len(last.text))


def _entity_above(r: _Reading, lines: Sequence[Line], li: int, by: Segment) -> Found | None:
    """The entity a "By:" line signs for: the lines right above it in the same column that name
    a company ("ACME CORP.", "LAKESHORE FINANCIAL" over "CORPORATION")."""
    block: list[Segment] = []
    for line in reversed(lines[max(0, li - 4) : li]):
        column = [
            seg
            for seg in line.segments
            if seg.bbox.h_overlap(by.bbox) > 0 or abs(seg.bbox.x0 - by.bbox.x0) <= 20
        ]
        if not column:
            if block:
                break
            continue
        text = " ".join(seg.text for seg in column).strip()
        if re.fullmatch(r"[_\s.]+|/s/.*", text):
            if block:
                break
            continue
        if text.endswith(":") or not re.search(
            rf"\b{_ENTITY_SUFFIX}\b\.?|^[A-Z][A-Z&.,' -]{{2,}}$", text
        ):
            break
        block[:0] = column
        if len(block) >= 3:
            break
    if not block:
        return None
    words = tuple(w for seg in block for w in seg.words)
    text = fold_space(" ".join(w.text for w in words))
    found = _party_name(text, 0)
    if found is None or _NOT_PERSON.fullmatch(str(found.value)):
        return None
    kept = words[: len(str(found.value).split())]
    return Found(found.value, 0.6, 0, 0, kept, block[0].page)


def _name_under(r: _Reading, lines: Sequence[Line], li: int, sig: Segment) -> Found | None:
    """A signatory printed under the signature line, without a label ("Jane Smith" over
    "Chief Executive Officer")."""
    for line in lines[li + 1 : li + 2]:
        for seg in line.segments:
            if seg.bbox.h_overlap(sig.bbox) <= 0:
                continue
            name = _person(seg.text)
            if name is not None:
                return _found_words(r.text, name, 0.65, seg.words)
    return None


# ---------------------------------------------------------------------------------------- dates

_EFFECTIVE_BEFORE = re.compile(
    r"(?i)(?:(?:\b|_)as\s+of|\bdated(?:\s+as\s+of)?|\beffective(?:\s+as\s+of|\s+on|\s+from)?|"
    r"\bmade(?:\s+and\s+entered\s+into)?(?:\s+on|\s+this)?|\bentered\s+into(?:\s+on|\s+this)?|"
    r"\bexecuted(?:\s+on|\s+this)?)\s*(?:the\s+)?$"
)
_EFFECTIVE_DEFINED_AFTER = re.compile(
    r"^\s*[,]?\s*\((?:the\s+|this\s+)?[\"“‘]?(?:[\w-]+\s+){0,2}Effective\s+Date[\"”’]?\)",
    re.IGNORECASE,
)
# "pursuant to the Master Services Agreement dated as of …": the date of another agreement
_OTHER_AGREEMENT = re.compile(
    r"(?P<lead>\b(?:[a-z]\w*|This|THIS))\s+(?:[A-Z][\w.-]*\s+){0,6}"
    r"(?i:agreement|lease|contract|licen[cs]e)\s*,?\s*"
    r"(?i:dated|effective|made|entered\s+into)(?:\s+as\s+of|\s+on)?\s*(?:the\s+)?$"
)
_EFFECTIVE_DEFINED_BEFORE = re.compile(
    r"(?i)(?:^|\n|\s{2}|[\"“‘])Effective\s+Date[\"”’]?\s*:?\s*$"
    r"|Effective\s+Date[\"”’]?\s*(?::|means|shall\s+mean|is|shall\s+be|will\s+be)\s*(?:the\s+)?$"
)
_OTHER_DATE_DEFINED = re.compile(
    r"^\s*[,]?\s*\((?:the\s+)?[\"“‘]?(?!Effective)[A-Z][\w ]{2,30}Date[\"”’]?\)"
)
_LAST_SIGNATURE = re.compile(
    r"(?i)(?:last|later|latest|final)\s+(?:of\s+the\s+)?(?:date|dates|party|signature|"
    r"execution)[^.]{0,40}?(?:sign|execut)|date\s+of\s+(?:the\s+)?(?:last|final)\s+signature|"
    r"(?:signed|executed)\s+by\s+(?:both|all)\s+(?:of\s+the\s+)?parties"
)


def _effective_dates(r: _Reading, signatures: Signatures) -> list[Found]:
    out: list[Found] = []
    preamble = _preamble_sentence(r)
    sents = list(r.sentences("effective"))
    for sent in sents:
        page = r.text.page_at(sent.start_char)
        is_preamble = preamble is not None and sent.start == preamble.start
        # a few characters on: OCR reads "April, 2023" as "April. 2023", which ends a sentence
        tail = r.text.text[sent.start_char : sent.end_char + 8]
        dates = [
            d
            for d in find_contract_dates(tail, r.order, sent.start_char)
            if d.start < sent.end_char
        ]
        for d in dates:
            a, b = d.start - sent.start_char, d.end - sent.start_char
            before = sent.text[max(0, a - 45) : a]
            after = sent.text[b : b + 60]
            other = _OTHER_AGREEMENT.search(sent.text[max(0, a - 90) : a])
            if other and other.group("lead").lower() != "this":
                continue
            if _EFFECTIVE_DEFINED_AFTER.match(after) or _EFFECTIVE_DEFINED_BEFORE.search(before):
                score = 0.95
            elif _OTHER_DATE_DEFINED.match(after):
                continue
            elif _EFFECTIVE_BEFORE.search(before) and (is_preamble or page <= 2):
                score = 0.9 if is_preamble else 0.75
            elif is_preamble:
                score = 0.6
            elif page == 1 and _TOP_DATE_LABEL.search(before) and _near_top(r, d):
                score = 0.7  # "Date: 20 December 2020" over a letter or an undertaking
            else:
                continue
            if page > 2:
                score *= 0.85
            if r.in_recitals(d.start):
                score *= 0.6
            out.append(Found(d.value.isoformat(), score, d.start, d.end))
        by_signature = not dates and _LAST_SIGNATURE.search(sent.text) is not None
        if by_signature and signatures.dates and ("effective" in sent.text.lower() or is_preamble):
            latest = max(signatures.dates, key=lambda d: d.value)
            out.append(Found(latest.value.isoformat(), 0.85, latest.start, latest.end))
    return out


_TOP_DATE_LABEL = re.compile(r"(?i)(?:^|\n)\s*dated?\s*:\s*$")


def _near_top(r: _Reading, d: Dated) -> bool:
    where = r.text.provenance(d.start, d.end)
    return where is not None and where[1].top < 0.35 * r.pages[where[0] - 1].page.height


_EXPIRY_BEFORE = re.compile(
    r"(?i)(?:\bexpir(?:e[sd]?|ing)(?:\s+on|\s+at)?|\buntil(?:\s+and\s+including)?|\bthrough(?:\s+and\s+"
    r"including)?|\bend(?:s|ing)?\s+on|\bterminate[sd]?\s+on|"
    # a label ("Expiration Date: …", or a key-terms table's "Expiration Date  March 31, 2027"),
    # or a definition ("“Maturity Date” means November 8, 2024": when a loan ends)
    r"\b(?:expiration|expiry|maturity|termination)\s+date[\"”’]?\s*(?::|is|shall\s+be|means)?|"
    r"\bto\s+and\s+including|\bup\s+to\s+and\s+"
    r"including|\bending)\s*(?:11:59\s*p\.?m\.?[^,]{0,30},?\s*)?(?:on\s+)?(?:the\s+)?$"
)
_EXPIRY_DEFINED_AFTER = re.compile(
    r"(?i)^\s*,?\s*\((?:the\s+)?[\"“‘]?(?:Expiration|Expiry|Termination|End)\s+Date[\"”’]?\)"
)
_NOT_TERM = re.compile(
    r"(?i)\b(?:surviv|confidential(?:ity)?\s+obligations|warrant(?:y|ies)|payment\s+of|invoice|"
    r"insurance|indemn)"
)


def _expiration_dates(r: _Reading) -> list[Found]:
    out: list[Found] = []
    for sent in r.sentences("term"):
        low = sent.text.lower()
        if not re.search(r"term|agreement|lease|contract|expir|licen|maturity", low):
            continue
        for d in find_contract_dates(sent.text, r.order, sent.start_char):
            a, b = d.start - sent.start_char, d.end - sent.start_char
            before = sent.text[max(0, a - 50) : a]
            after = sent.text[b : b + 50]
            if _EXPIRY_DEFINED_AFTER.match(after):
                score = 0.9
            elif _EXPIRY_BEFORE.search(before):
                score = 0.85 if re.search(r"\bterm\b|expir", low) else 0.65
            else:
                continue
            if _NOT_TERM.search(sent.text):
                score *= 0.6
            if r.in_recitals(d.start):
                score *= 0.6
            out.append(Found(d.value.isoformat(), score, d.start, d.end))
    return out


# ----------------------------------------------------------------------------------------- term

_TERM_BEFORE = re.compile(
    r"(?i)(?:\bterm\s+of|\bperiod\s+of|\bfor|\bcontinue(?:\s+in\s+(?:full\s+)?(?:force|effect)"
    r"(?:\s+and\s+effect)?)?\s+for|\bremain\s+in\s+(?:full\s+)?(?:force|effect)(?:\s+and\s+"
    r"effect)?\s+for|\bshall\s+be|\bwill\s+be|\bis|\bterm\s*:|\blast\s+for|\bof|"
    r"\binitial)\s+(?:an?\s+|the\s+)?(?:initial\s+)?(?:period\s+of\s+)?$"
)
_TERM_AFTER = re.compile(
    r"(?i)^\s*(?:(?:period|term)\s*)?(?:,\s*)?(?:\((?:the\s+|such\s+)?[\"“‘]?(?:Initial\s+)?"
    r"(?:Term|Lease\s+Term|Contract\s+Term|Initial\s+Period)[\"”’]?\))"
)
_RENEWAL_NEAR = re.compile(
    r"(?i)(?:renew\w*|successive|additional|further|extension|extend\w*)\s+(?:\w+\s+){0,3}$"
)
_AFTER_END = re.compile(
    r"(?i)^\s*(?:each\s+)?(?:thereafter|after\s+that|post-)"
    r"|^\s*(?:\w+\s+){0,2}(?:after|following|from)\s+(?:the\s+)?(?:any\s+)?(?:termination|"
    r"expiration|expiry|end|receipt|notice|disclosure)|^\s*(?:'|’|'s|’s)?\s*(?:prior\s+|advance"
    r"\s+|written\s+)*notice|^\s*(?:prior|before|in\s+advance)"
)


_ORDINALS = [
    *("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"),
    *("tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth"),
    *("seventeenth", "eighteenth", "nineteenth", "twentieth"),
]
_ANNIVERSARY = re.compile(
    r"(?i)\b(?:until|through|to|ending\s+on|end\s+on|expir\w*\s+on|terminat\w*\s+on)\s+the\s+"
    r"(?P<n>" + "|".join(_ORDINALS) + r"|\d{1,2}(?:st|nd|rd|th))\s+anniversary\s+of\s+the\s+"
    r"(?:(?:effective|commencement|start|execution|closing)\s+date|date\s+(?:hereof|of\s+this))"
)


def _anniversary_years(match: re.Match[str]) -> int:
    n = match.group("n").lower()
    return _ORDINALS.index(n) + 1 if n in _ORDINALS else int(n[:-2])


def _terms(r: _Reading) -> list[Found]:
    out: list[Found] = []
    for sent in r.sentences("term"):
        # "shall continue until the fifth anniversary of the Effective Date": five years
        for m in _ANNIVERSARY.finditer(sent.text):
            if re.search(r"(?i)\b(?:continue|remain|term|expire|end)\w*\b", sent.text[: m.start()]):
                start, end = sent.start_char + m.start("n"), sent.start_char + m.end()
                out.append(Found(f"P{_anniversary_years(m)}Y", 0.85, start, end))
        low = sent.text.lower()
        strong = bool(
            re.search(
                r"\b(?:initial|lease|contract|license|licence|agreement)\s+term\b|\bthe\s+term\b"
                r"|\bterm\s+of\s+this\b|[\"“]term[\"”]"
                r"|remain\s+in\s+(?:full\s+)?(?:force|effect)|\bterm\s+of\s+(?:the|this)",
                low,
            )
        )
        if not strong and (not re.search(r"\bterm\b", low) or "during the term" in low):
            continue
        for d in find_durations(sent.text, sent.start_char):
            if d.unit == "day" and d.count < 28 and not strong:
                continue
            a, b = d.start - sent.start_char, d.end - sent.start_char
            before = sent.text[max(0, a - 70) : a]
            after = sent.text[b : b + 60]
            if _RENEWAL_NEAR.search(before) or _AFTER_END.search(after):
                continue
            if re.search(r"(?i)surviv", sent.text[:a]):
                continue  # a survival period, not the term
            if re.match(r"(?i)\s*(?:tenor|interest\s+period|libor|sofr|rate)\b", after):
                continue  # "Term SOFR for a one-month tenor": an interest rate's period
            if re.search(r"(?i)(?:within|at\s+least|not\s+less\s+than|upon|on)\s+$", before):
                continue
            if _TERM_AFTER.match(after):
                score = 0.95
            elif _TERM_BEFORE.search(before):
                score = 0.9 if strong else 0.7
            else:
                continue
            if _NOT_TERM.search(sent.text):
                score *= 0.6
            if not d.sure:
                score *= 0.8
            if r.in_recitals(d.start):
                score *= 0.6
            out.append(Found(d.iso, score, d.start, d.end))
    return out


# -------------------------------------------------------------------------------------- renewal

_NO_RENEWAL = re.compile(
    r"(?i)\b(?:shall|will|does|do|may|is|are)\s+not\s+(?:be\s+)?(?:automatically\s+)?"
    r"(?:renew|be\s+renewed|renewed|extend|be\s+extended|extended|auto-?renew|subject\s+to\s+"
    r"(?:any\s+)?automatic)"
    r"|\bnot\s+(?:be\s+)?(?:automatically|auto-?)\s*renew"
    r"|\bno\s+(?:automatic|auto-?)\s*(?:renewal|extension)"
    r"|\b(?:renew\w*|extend\w*|extension)\s+(?:\w+\s+){0,8}?only\s+(?:by|upon|with|through|if|"
    r"pursuant\s+to)"
    r"|\bonly\s+(?:be\s+)?(?:renewed|extended)"
    r"|\b(?:renewed|extended)\s+(?:\w+\s+){0,6}?(?:by|upon|with|through)\s+(?:the\s+)?(?:mutual\s+)?"
    r"(?:written\s+)?(?:agreement|consent|amendment)"
    r"|\bunless\s+(?:renewed|extended)\s+by"
    r"|\bwithout\s+(?:any\s+)?(?:automatic\s+)?renewal"
)
_AUTO_RENEWAL = re.compile(
    r"(?i)\bautomatic(?:ally)?\s+(?:be\s+)?(?:renew|extend|continue|roll)"
    r"|\b(?:renew\w*|extend\w*|continue\w*)\s+automatically"
    r"|\bautomatic\s+(?:renewal|extension)"
    r"|\bauto-?renew"
    r"|\bevergreen\s+(?:basis|renewal|term|clause)"
    r"|\b(?:renew\w*|extend\w*|continue\w*)\s+(?:\w+\s+){0,6}?(?:successive|from\s+year\s+to\s+year|"
    r"year-to-year|month-to-month|on\s+a\s+(?:year|month)-to-)"
)


_ABOUT_RENEWAL = re.compile(
    r"(?i)renew|automatic|evergreen|successive|year[\s-]to[\s-]year|month[\s-]to[\s-]month"
    r"|(?:extend\w*|extension)[^.]{0,80}\bterm\b|\bterm\b[^.]{0,80}(?:extend\w*|extension)"
)


def _renewal(r: _Reading) -> tuple[list[Found], list[Found]]:
    """Whether the contract renews by itself, and for how long each renewal runs."""
    flags: list[Found] = []
    periods: list[Found] = []
    for sent in r.sentences("renew"):
        text = sent.text
        if not _ABOUT_RENEWAL.search(text):
            continue  # "extend" alone speaks of much else ("extend the Services to Affiliates")
        no = _NO_RENEWAL.search(text)
        yes = _AUTO_RENEWAL.search(text)
        if no is not None:
            start = sent.start_char + no.start()
            flags.append(Found(False, 0.85, start, sent.start_char + no.end()))
            continue
        if yes is None:
            continue
        start = sent.start_char + yes.start()
        strong = re.search(r"(?i)automatic|auto-?renew|evergreen", yes.group(0)) is not None
        if not strong and _OPTION.search(text):
            continue  # "an option to renew for two successive periods" is a party's choice
        flags.append(Found(True, 0.9 if strong else 0.75, start, sent.start_char + yes.end()))
        for d in find_durations(text, sent.start_char):
            if d.start < start:
                continue
            a, b = d.start - sent.start_char, d.end - sent.start_char
            after = text[b : b + 40]
            before = text[max(0, a - 60) : a]
            if re.match(r"\s*(?:'|’|'s|’s)?\s*(?:prior\s+|advance\s+|written\s+)*notice", after):
                continue
            if re.search(
                r"(?i)(?:at\s+least|not\s+less\s+than|no\s+less\s+than|within)\s+$", before
            ):
                continue
            if re.match(r"(?i)\s*(?:prior|before|in\s+advance|after)", after):
                continue
            score = 0.9 if re.match(r"(?i)\s*(?:renewal\s+)?(?:periods?|terms?)\b", after) else 0.75
            periods.append(Found(d.iso, score, d.start, d.end))
            break
        else:
            if re.search(r"(?i)year[\s-]to[\s-]year|annual(?:ly)?\s+renew", text):
                periods.append(Found("P1Y", 0.7, start, sent.start_char + yes.end()))
            elif re.search(r"(?i)month[\s-]to[\s-]month", text):
                periods.append(Found("P1M", 0.7, start, sent.start_char + yes.end()))
    return flags, periods


# --------------------------------------------------------------------------------------- notice

_NOTICE_AFTER = re.compile(
    r"(?i)^\s*(?:'|’|'s|’s)?\s*(?:\(|\)|,)?\s*(?:prior\s+|advance\s+|written\s+|express\s+)*"
    r"(?:notice|notification)"
)
_NOTICE_BEFORE = re.compile(
    r"(?i)(?:notice|notif\w+)[^.;]{0,80}?(?:at\s+least|not\s+less\s+than|"
    r"no\s+less\s+than|no\s+fewer\s+than|a\s+minimum\s+of|no\s+later\s+than)?\s*$"
)
_NOTICE_PRIOR = re.compile(r"(?i)^\s*(?:prior|before|in\s+advance|ahead)")
_CURE = re.compile(
    r"(?i)\b(?:cure[sd]?|curing|remed(?:y|ied)|breach\w*|default\w*|insolven\w*|bankrupt\w*)"
)
# an option to extend or renew, exercised by notice: neither automatic nor a way to end it
_OPTION = re.compile(
    r"(?i)\boptions?\s+to\s+(?:renew|extend)|\b(?:renewal|extension)\s+options?"
    r"|\bexercis\w*\s+(?:\w+\s+){0,3}options?|\bmay\s+(?:elect\s+to\s+)?(?:renew|extend)\b"
    r"|\belect\s+to\s+(?:renew|extend)"
)
_CONVENIENCE = re.compile(
    r"(?i)for\s+(?:its\s+)?convenience|without\s+cause|for\s+any\s+(?:or\s+no\s+)?reason|"
    r"at\s+any\s+time|at\s+will|with\s+or\s+without\s+(?:good\s+)?(?:cause|reason)|"
    r"for\s+no\s+reason"
)


def _notice_days(r: _Reading) -> list[Found]:
    """The notice a party must give to end the contract: for convenience first, then the notice
    of non-renewal, then any other termination on notice (not the cure period of a breach)."""
    found: list[tuple[int, Found]] = []  # (rank, reading); lower rank wins
    for sent in r.sentences("notice"):
        text = sent.text
        low = text.lower()
        if not re.search(r"terminat|renew|cancel|end\s+this", low) or _OPTION.search(text):
            continue
        for d in find_durations(text, sent.start_char):
            if d.unit == "year":
                continue
            a, b = d.start - sent.start_char, d.end - sent.start_char
            after = text[b : b + 50]
            before = text[max(0, a - 120) : a]
            if not (
                _NOTICE_AFTER.match(after)
                or (_NOTICE_BEFORE.search(before) and _NOTICE_PRIOR.match(after))
            ):
                continue
            score = 0.9
            if _CONVENIENCE.search(text):
                rank = 0
            elif re.search(r"renew", low):
                rank = 1
            elif _CURE.search(text):
                rank, score = 3, 0.4
            else:
                rank, score = 2, 0.75
            if d.unit != "day":
                score *= 0.8  # "three months' notice" read as 90 days
            if not d.sure:
                score *= 0.8
            if d.business:
                score *= 0.9  # business days are not calendar days
            found.append((rank, Found(str(d.days), score, d.start, d.end)))
    if not found:
        return []
    best_rank = min(rank for rank, _ in found)
    return [f for rank, f in found if rank == best_rank]


# ---------------------------------------------------------------------------------- governing law

_JURISDICTION = re.compile(
    r"(?i:the\s+)?(?:(?:State|STATE|Commonwealth|COMMONWEALTH|Province|PROVINCE|Republic|REPUBLIC|"
    r"Kingdom|KINGDOM|Grand\s+Duchy|Canton|Emirate)\s+(?i:of)\s+)?"
    r"(?P<name>(?:[A-Z][A-Za-z.'’-]*|D\.C\.)(?:\s+(?:and|of|the|[A-Z][A-Za-z.'’-]*))*)"
)
_LAW_OF = re.compile(r"(?i)\b(?:laws?|legislation)\s+(?:in\s+force\s+in\s+|of\s+)")
_ADJECTIVE_LAW = re.compile(
    r"(?i)(?:governed\s+by|subject\s+to|in\s+accordance\s+with|construed\s+under|under)\s+"
    r"(?:the\s+)?(?:internal\s+|substantive\s+)?(?P<adj>[A-Z][A-Za-z]+(?:\s+[A-Z][a-z]+)?)\s+law\b"
)
_ADJECTIVES = {
    "english": "England and Wales",
    "scottish": "Scotland",
    "scots": "Scotland",
    "irish": "Ireland",
    "german": "Germany",
    "french": "France",
    "dutch": "Netherlands",
    "swiss": "Switzerland",
    "canadian": "Canada",
    "australian": "Australia",
    "singapore": "Singapore",
    "federal": "",
}


@functools.lru_cache(maxsize=1)
def jurisdictions() -> frozenset[str]:
    """Folded names of countries and of US states, Canadian provinces and Australian states."""
    import pycountry

    names = {fold_text(c.name) for c in pycountry.countries}
    names.update(
        fold_text(s.name)
        for s in pycountry.subdivisions
        if s.country_code in {"US", "CA", "AU"}
        and s.type in {"State", "Province", "District", "Territory"}
    )
    names.update(
        fold_text(n)
        for n in ("England and Wales", "England", "Scotland", "Northern Ireland", "Wales")
    )
    names.update({"united states", "united states of america", "district of columbia", "usa"})
    return frozenset(names)


def _jurisdiction(raw: str) -> str | None:
    """The place named at the start of `raw`, without "the State of" and the words after it."""
    m = _JURISDICTION.match(raw)
    if m is None:
        return None
    words = m.group("name").split()
    # the longest known name from the start: "New York and the United States" → "New York"
    for n in range(len(words), 0, -1):
        name = " ".join(words[:n]).rstrip(".,")
        if fold_text(name) in jurisdictions():
            return name
    while words and words[-1] in {"and", "of", "the"}:
        words.pop()
    name = " ".join(words[:4]).rstrip(".,")
    return name or None


_INCORPORATED_UNDER = re.compile(
    r"(?i)(?:organi[sz]ed|incorporated|existing|formed|registered|chartered|licensed)\s+"
    r"(?:and\s+\w+\s+)?(?:under|pursuant\s+to|in\s+accordance\s+with)\s+(?:the\s+)?$"
)


def _heading_of(r: _Reading, sent: Span) -> str:
    """The start of a sentence, with the clause heading before it ("12.5 Governing Law.")."""
    head = sent.text[:40]
    before = r.sentence_before(sent)
    if before is not None and len(before) <= 8:
        head = before.text + " " + head
    return head


def _governing_law(r: _Reading) -> list[Found]:
    """The law chosen to govern: "governed by (and construed in accordance with) the laws of the
    State of New York", "the laws of England shall govern", "governed by Delaware law"; not the
    law a party is organised under."""
    out: list[Found] = []
    for sent in r.sentences("law"):
        text = sent.text
        if re.search(r"(?i)\bgovern(?:ed|s|ing)?\b|\bconstrued\b", text):
            score = 0.95
        elif re.search(r"(?i)(?:governing|applicable|choice\s+of)\s+laws?\b", _heading_of(r, sent)):
            score = 0.8  # a clause headed "Applicable Law." that says "subject to the laws of"
        else:
            continue
        found = None
        for m in _LAW_OF.finditer(text):
            if _INCORPORATED_UNDER.search(text[max(0, m.start() - 60) : m.start()]):
                continue
            name = _jurisdiction(text[m.end() :])
            if not name:
                continue
            start = sent.start_char + m.end() + text[m.end() :].find(name.split()[0])
            known = fold_text(name) in jurisdictions()
            found = Found(name, score * (1.0 if known else 0.6), start, start + len(name))
            break
        if found is None:
            adj = _ADJECTIVE_LAW.search(text)
            if adj is not None:
                word = adj.group("adj")
                name = _ADJECTIVES.get(word.lower(), word)
                if name and fold_text(name) in jurisdictions():
                    start = sent.start_char + adj.start("adj")
                    found = Found(name, score * 0.9, start, start + len(word))
        if found is not None:
            out.append(found)
    return out


# ---------------------------------------------------------------------------------------- money

_STRONG_VALUE = re.compile(
    r"(?i)(?:not\s+to\s+exceed|shall\s+not\s+exceed|total\s+(?:contract\s+)?(?:value|price|fees?|"
    r"compensation|consideration|amount|cost)|aggregate\s+(?:fees?|amount|value|contract|price|"
    r"compensation)|contract\s+(?:value|price|sum|amount)|purchase\s+price|licen[cs]e\s+fees?|"
    r"annual\s+(?:base\s+)?rent|base\s+rent|fixed\s+fee|total\s+of|maximum\s+(?:amount|value)|"
    r"fee\s+of|fees\s+of|price\s+of|sum\s+of|amount\s+of|annual\s+fee|subscription\s+fee)"
)
_WEAK_VALUE = re.compile(r"(?i)\b(?:fees?|price|rent|compensation|consideration|pay|payable)\b")
_PER_UNIT = re.compile(
    r"(?i)\s*(?:per\s+(?:hour|day|diem|user|seat|unit|page|document|transaction|claim|invoice)|"
    r"/\s*(?:hour|hr|day|user|seat|unit)|an\s+hour|each\b|for\s+each)"
)
_NOT_VALUE = re.compile(
    r"(?i)liabilit|insurance|coverage|indemn|damages|per\s+(?:hour|diem|day|occurrence|claim)|"
    r"hourly|/\s*hour|\binterest\b|late\s+(?:fee|charge|payment)|penalt|deductible|"
    r"deposit|reimburs|expenses?\s+(?:in\s+excess|exceeding)|installments?\s+of"
)


def _values(r: _Reading) -> list[Found]:
    """The contract's price: an amount whose own cue (the words since the amount before it, in
    the same clause) names a total, a cap, a fee or a rent; rates, caps on liability, deposits
    and installments are not it, and a monthly amount counts less than a total."""
    out: list[Found] = []
    for sent in r.sentences("value"):
        text = sent.text
        prev_end = 0
        for money in find_money(text, sent.start_char):
            a, b = money.start - sent.start_char, money.end - sent.start_char
            clause_start = max(prev_end, a - 80, _clause_start(text, a))
            before = text[clause_start:a]
            after = text[b : b + 40]
            prev_end = b
            if _NOT_VALUE.search(text[_clause_start(text, a) : a]) or _PER_UNIT.match(after):
                continue
            if _STRONG_VALUE.search(before):
                score = 0.85
            elif _WEAK_VALUE.search(before):
                score = 0.6
            else:
                continue
            if _MONTHLY.search(before) or _MONTHLY.match(after.lstrip(" ($)")):
                score *= 0.8
            out.append(Found(format_money(money.amount), score, money.start, money.end))
    return out


_MONTHLY = re.compile(r"(?i)\b(?:monthly|per\s+month|a\s+month|each\s+month)\b")


def _clause_start(text: str, at: int) -> int:
    """Where the clause holding position `at` begins: after the last ";" or ":" before it."""
    return max(text.rfind(";", 0, at), text.rfind(":", 0, at)) + 1


def _currency_of(r: _Reading, value: Found) -> Found | None:
    found = find_money(r.text.text[value.start : value.end], value.start)
    if found and found[0].currency:
        return Found(found[0].currency, 0.95, value.start, value.end)
    return None


# ------------------------------------------------------------------------------- payment terms

_NET = re.compile(r"(?i)\bnet\s+(?:\w+\s+\(\d{1,3}\)|\d{1,3})(?:\s+days)?\b")
_WITHIN = re.compile(
    rf"(?i)\bwithin\s+(?:{_NUM_WORDS}\s*)?(?:\(?\d{{1,3}}\)?\s*)?(?:calendar\s+|business\s+)?days"
    r"\s+(?:after|of|from|following|upon)\s+[^,;.]{3,80}"
)
_SCHEDULE = re.compile(
    r"(?i)\b(?:payable|paid|due|pay|pays)\b(?:\s+[\w'’]+){0,6}?\s+"
    r"(?P<phrase>(?:(?:monthly|annually|quarterly|yearly|semi-annually|weekly)"
    r"(?=\s+in\s+(?:advance|arrears)|\s+on\b|\s*[,;.]|$)|in\s+(?:advance|arrears))"
    r"(?:\s+in\s+(?:advance|arrears))?(?:\s+on\s+[^,;.]{3,70})?)"
)
# the words that end the trigger of a payment term ("… of receipt of invoice, by wire transfer")
_TERMS_END = re.compile(
    r"(?i)\s+(?:and|unless|except|provided|subject|in\s+accordance|by|via|without|plus|"
    r"together|during|throughout|commencing|beginning|to\s+the|at\s+the|for\s+the|pursuant)\b"
)
_UNPAID = re.compile(r"(?i)\bnot\s+(?:been\s+)?(?:paid|received)|\bfail\w*\s+to\s+pay")
_MAIN_PRICE = re.compile(
    r"(?i)\b(?:fees?|rent|price|subscription|charges|invoices?|compensation)\b"
)
_SIDE_PRICE = re.compile(
    r"(?i)\b(?:late|reimburs\w*|interest|notice|terminat\w*|cure|excess|overage|"
    r"default|refund\w*|credit)"
)


def _payment_terms(r: _Reading) -> list[Found]:
    """When payment is due, as printed: "Net 45", "within thirty (30) days of receipt of
    invoice", "monthly in advance on the first day of each calendar month"."""
    out: list[Found] = []
    for sent in r.sentences("payment"):
        text = sent.text
        if not re.search(r"(?i)pay|invoice|due", text):
            continue
        base = 0.0
        if _MAIN_PRICE.search(text):
            base += 0.05
        if _SIDE_PRICE.search(text):
            base -= 0.2
        for m in _NET.finditer(text):
            out.append(_terms_found(sent, m.start(), m.group(0), 0.85 + base))
        for m in _WITHIN.finditer(text):
            if _UNPAID.search(text[max(0, m.start() - 40) : m.start()]):
                continue  # a grace period before a late charge, not the payment term
            phrase = _trigger(m.group(0))
            if not re.search(r"(?i)invoice|receipt|billing|statement|date", phrase):
                continue
            if re.search(
                r"(?i)\b(?:effective|commencement|closing|execution|start|termination|expiration)"
                r"\s+date",
                phrase,
            ) and not re.search(r"(?i)invoice|billing|statement", phrase):
                continue  # a one-off payment "within 30 days following the Effective Date"
            if re.search(r"(?i)\breceipt\s+(?:by|of)\b", m.group(0)) and not re.search(
                r"(?i)invoice|\bbill|statement", m.group(0)
            ):
                continue  # "after receipt by the Borrower of Net Cash Proceeds": not an invoice
            out.append(_terms_found(sent, m.start(), phrase, 0.8 + base))
        for m in _SCHEDULE.finditer(text):
            phrase = _trigger(m.group("phrase"))
            # rent is paid on a schedule ("monthly in advance"), not against invoices
            rent = 0.1 if re.search(r"\b(?:Base\s+)?Rent\b", text) else 0.0
            out.append(_terms_found(sent, m.start("phrase"), phrase, 0.7 + base + rent))
    return out


def _trigger(phrase: str) -> str:
    """A payment term up to the end of its trigger: cut at the words that start another clause,
    and after the last "invoice" where the term runs from an invoice."""
    invoice = list(re.finditer(r"(?i)\binvoices?\b(?:\s+date\b)?", phrase))
    cut = _TERMS_END.search(phrase)
    if invoice and (cut is None or cut.start() < invoice[-1].start()):
        phrase = phrase[: invoice[-1].end()]
    elif cut:
        phrase = phrase[: cut.start()]
    return phrase.rstrip(" .,;:")


def _terms_found(sent: Span, start: int, phrase: str, score: float) -> Found:
    begin = sent.start_char + start
    return Found(fold_space(phrase), score, begin, begin + len(phrase))
