"""Invoices and receipts, template-free, in English, German, French and Dutch.

Cues, not layouts: labels in their many wordings, where values stand relative to them, the
header row of the line-item table and the columns under it, and arithmetic that must hold
(subtotal + tax = total; quantity x unit price = amount; lines sum to the subtotal), which settles
between readings and raises confidence when it holds.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from itertools import product
from pathlib import Path

from extractors.api import ExtractSettings
from extractors.language import guess_language
from extractors.layout import (
    Candidate,
    LabelHit,
    LabelIndex,
    Line,
    PageLayout,
    Parser,
    Segment,
    layout,
    pick,
    values_near,
)
from extractors.model import BBox, Document, Extraction, Field, LineItem, Source, Word
from extractors.values import (
    DateOrder,
    cents,
    find_currencies,
    find_dates,
    find_ibans,
    find_tax_ids,
    find_vat_shaped,
    fold_space,
    fold_text,
    format_money,
    format_quantity,
    infer_date_order,
    infer_decimal_separator,
    normalize_code,
    parse_date,
    parse_money,
    parse_quantity,
)

VOCAB_FILE = Path(__file__).parent / "vocab" / "invoice.toml"


def _wordings(values: list[str]) -> list[str | tuple[str, float]]:
    """`"invoice@0.7"` is the wording "invoice" read with weight 0.7."""
    out: list[str | tuple[str, float]] = []
    for value in values:
        text, _, weight = value.partition("@")
        out.append((text, float(weight)) if weight else text)
    return out


def load_vocabulary(
    path: Path = VOCAB_FILE,
) -> tuple[
    dict[str, list[str | tuple[str, float]]],
    dict[str, list[str | tuple[str, float]]],
    frozenset[str],
]:
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    labels = {k: _wordings(v) for k, v in data["labels"].items()}
    columns = {k: _wordings(v) for k, v in data["columns"].items()}
    return labels, columns, frozenset(data["titles"]["words"])


LABELS, COLUMNS, TITLE_WORDS = load_vocabulary()

_LEGAL_FORMS = [
    "inc",
    "incorporated",
    "llc",
    "llp",
    "ltd",
    "limited",
    "plc",
    "corp",
    "corporation",
    "co",
    "company",
    "gmbh",
    "mbh",
    "ag",
    "kg",
    "ohg",
    "ug",
    "gbr",
    "ek",
    "sarl",
    "sas",
    "sasu",
    "eurl",
    "sa",
    "sci",
    "snc",
    "bv",
    "nv",
    "vof",
    "cv",
    "group",
    "holdings",
    "partners",
    "associates",
]


def _dotted(form: str) -> str:
    """`vof` also as `V.O.F.` and `V. O. F.`; longer words only as written."""
    if len(form) > 4:
        return form
    return r"\.?\s?".join(re.escape(c) for c in form)


LEGAL_FORM = re.compile(
    r"\b(?:"
    + "|".join(_dotted(f) for f in sorted(_LEGAL_FORMS, key=len, reverse=True))
    + r")\.?(?=\W|$)",
    re.IGNORECASE,
)
CONTACT = re.compile(
    r"(?i)\b(?:tel|tél|telefon|telephone|phone|fon|mobile|mob|gsm|fax|e-?mail|mail|www|http|"
    r"vat|ust|tva|btw|kvk|siret|iban|bic|"
    r"swift|steuer|tax|ein|invoice|rechnung|facture|factuur|date|datum)\b|@"
)
POSTAL = re.compile(
    r"\b(?:\d{5}(?:-\d{4})?"  # US ZIP, DE, FR
    r"|\d{4}\s?[A-Z]{2}"  # NL
    r"|[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}"  # UK
    r"|[A-Z]\d{2}\s?[A-Z0-9]{4}"  # IE Eircode
    r"|[A-Z]-?\d{4,5}"  # D-10115, A-1010
    r"|\d{4}\s(?=[A-ZÀ-Ý][a-zà-ÿ]))\b"  # BE, AT, CH, DK: 1010 Wien
)
DESC, QTY, PRICE, AMOUNT, CODE, SKIP = (
    "description",
    "quantity",
    "unit_price",
    "amount",
    "code",
    "skip",
)
STOP_LINES = (
    "subtotal",
    "total_amount",
    "tax_amount",
    "amount_due",
    "_other_amount",
    "payment_terms",
    "bank_account",
)
MONEY_RE = re.compile(
    r"(?<![\w.,%/-])(?:-\s?|\(\s?)?(?:\d{1,3}(?:[.,'\u00a0\u202f]\d{3})+|\d+)(?:[.,]\d{1,2})?"
    r"(?:\s?\))?(?!\s?%)(?![\w.,/])"
)
SPACED_MONEY_RE = re.compile(r"(?<![\w.,%])\d{1,3}(?:[ \u00a0\u202f]\d{3})+,\d{2}(?![\w.,%])")


@dataclass(frozen=True)
class _Context:
    pages: list[PageLayout]
    labels: LabelIndex
    hits: list[tuple[LabelHit, PageLayout]]
    decimal: str | None
    order: DateOrder
    language: str


class InvoiceExtractor:
    name = "bpo.invoice.v1"
    document_type = "invoice"

    def __init__(self) -> None:
        self._labels = LabelIndex(LABELS)
        self._columns = LabelIndex(COLUMNS)

    def extract(self, document: Document, settings: ExtractSettings) -> Extraction:
        pages = layout(document)
        texts = [ln.text for p in pages for ln in p.lines]
        language, _ = guess_language("\n".join(texts[:400]))
        currencies = find_currencies("\n".join(texts))
        us_style = language == "en" and (
            not currencies or currencies.count("USD") * 2 >= len(currencies)
        )
        hint: DateOrder = settings.date_order or ("MDY" if us_style else "DMY")
        ctx = _Context(
            pages=pages,
            labels=self._labels,
            hits=[
                (h, p)
                for p in pages
                for ln in p.lines
                for s in ln.segments
                for h in self._labels.hits(s)
            ],
            decimal=infer_decimal_separator(texts),
            order=infer_date_order(texts, hint),
            language=language,
        )
        line_items, table_lines = _line_items(ctx, self._columns)
        # labels inside the line-item table ("Date" column, "VAT" in a description) are not ours
        ctx = replace(
            ctx,
            hits=[
                (h, p) for h, p in ctx.hits if (h.segment.page, h.segment.line) not in table_lines
            ],
        )
        fields: dict[str, Field] = {}
        for name, parser, below in (
            ("invoice_number", _id_value, True),
            ("invoice_date", None, True),
            ("due_date", None, True),
            ("purchase_order", _id_value, True),
            ("payment_terms", _text_value, True),
        ):
            found = _best(ctx, name, parser, below=below)
            if found:
                fields[name] = found
        if "invoice_date" not in fields:
            fallback = _first_date(ctx)
            if fallback:
                fields["invoice_date"] = fallback

        fields.update(_totals(ctx, line_items))
        fields.update(_parties(ctx))
        currency = _currency(ctx, currencies, fields)
        if currency:
            fields["currency"] = currency
        for name, finder in (("vendor_tax_id", find_tax_ids), ("bank_account", find_ibans)):
            found = _id_in_text(ctx, name, finder, fields)
            if found:
                fields[name] = found
        if "vendor_tax_id" not in fields:
            # a labelled VAT number whose check digits fail: shown, at a confidence that sends
            # it to a person (a slip in print, or a misread)
            suspect = _id_in_text(ctx, "vendor_tax_id", find_vat_shaped, fields, labelled_only=True)
            if suspect:
                fields["vendor_tax_id"] = replace(suspect, confidence=suspect.confidence * 0.55)
        if "bank_account" not in fields:  # no IBAN: an account number by its label
            account = _best(_bank_context(ctx), "bank_account", _account_value, below=True)
            if account:
                fields["bank_account"] = account
        return Extraction(
            document_type=self.document_type,
            extractor=self.name,
            fields=fields,
            line_items=tuple(line_items),
        )


# --------------------------------------------------------------------------------------- parsers


def _join(words: Sequence[Word]) -> tuple[str, list[tuple[int, int, Word]]]:
    """Words joined by spaces, with the character span of each word for mapping matches back."""
    spans, pos, parts = [], 0, []
    for w in words:
        spans.append((pos, pos + len(w.text), w))
        parts.append(w.text)
        pos += len(w.text) + 1
    return " ".join(parts), spans


def _words_in(spans: list[tuple[int, int, Word]], start: int, end: int) -> tuple[Word, ...]:
    return tuple(w for s, e, w in spans if s < end and e > start)


FILLER = frozenset({"no", "nr", "number", "num", "nummer", "n", "numero", "of", "id", "ref", "#"})


def _id_value(words: Sequence[Word]) -> tuple[str, tuple[Word, ...]] | None:
    for w in words[:4]:
        token = w.text.strip(" :#.,;()[]")
        if not token or fold_text(token) in FILLER or token in {"°", "º"}:
            continue
        token = re.sub(r"^(?:n°|nº|no\.?|nr\.?|#)", "", token, flags=re.IGNORECASE).strip(" :#.")
        if (
            len(token) >= 3
            and re.search(r"\d", token)
            and re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9\-/._]*", token)
            and not find_dates(token)
            and not re.fullmatch(r"\d{1,3}(?:[.,]\d{3})*[.,]\d{2}", token)
        ):
            return normalize_code(token), (w,)
        return None
    return None


def _date_parser(order: DateOrder) -> Parser:
    def parse(words: Sequence[Word]) -> tuple[str, tuple[Word, ...]] | None:
        text, spans = _join(words)
        for start, end, raw in find_dates(text):
            value = parse_date(raw, order)
            if value:
                return value.isoformat(), _words_in(spans, start, end)
        return None

    return parse


# What a number after these words is: an article of law ("TVA non applicable, art. 293 B du
# CGI"), or the base a tax is charged on ("BTW 9% over € 331,80"), not the amount of the field
_NOT_AN_AMOUNT_AFTER = re.compile(
    r"(?i)(?:\bart\.?|\barticle|\bartikel|§)\s*$"
    r"|%\s*(?:\w+\.?\s+){0,2}?(?:over|on|of|sur|auf|van|op)\s*(?:[€$£]|eur|usd|gbp|chf)?\s*$"
)


# ... and a number before these words counts days or a rate: "Total due in 15 days"
_NOT_AN_AMOUNT_BEFORE = re.compile(
    r"(?i)\s*(?:days?|tagen?|jours?|dagen|weeks?|wochen|semaines?|weken|months?|monaten?|mois|"
    r"maanden|%|percent|prozent|pour\s?cent|procent)(?!\w)"
)


def _money_parser(decimal: str | None) -> Parser:
    def parse(words: Sequence[Word]) -> tuple[str, tuple[Word, ...]] | None:
        text, spans = _join(words)
        matches = list(SPACED_MONEY_RE.finditer(text)) if decimal == "," else []
        matches = matches or list(MONEY_RE.finditer(text))
        if not matches:
            return None
        m = matches[-1]  # the amount stands last: "19 % MwSt 190,00 €"
        if _NOT_AN_AMOUNT_AFTER.search(text[: m.start()]) or _NOT_AN_AMOUNT_BEFORE.match(
            text[m.end() :]
        ):
            return None
        amount = parse_money(m.group(0), decimal)
        if amount is None:
            return None
        return format_money(amount), _words_in(spans, m.start(), m.end())

    return parse


# Words that show a block is about paying into a bank account, not about the customer's account
_BANK_WORDS = re.compile(
    r"\b(?:bank\w*|banque|routing|aba|sort code|swift|bic|iban|wire|ach|transfer|virement|"
    r"rib|uberweisung|overschrijving|remit\w*|bsb|transit)\b"
)


def _bank_context(ctx: _Context) -> _Context:
    """An "Account No." is a bank account beside bank words ("Bank of America", "Routing",
    "SWIFT"); alone, in a row of order details, it is more often the customer's account with
    the vendor: those labels count for less."""
    hits = []
    for hit, page in ctx.hits:
        if hit.field == "bank_account" and not _near_bank_words(hit, page):
            hit = replace(hit, weight=hit.weight * 0.6)
        hits.append((hit, page))
    return replace(ctx, hits=hits)


def _near_bank_words(hit: LabelHit, page: PageLayout) -> bool:
    box = hit.segment.bbox
    first = max(0, hit.segment.line - 3)
    for line in page.lines[first : hit.segment.line + 4]:
        for seg in line.segments:
            same_block = line.index == hit.segment.line or (
                seg.bbox.x1 > box.x0 - 20 and seg.bbox.x0 < box.x1 + 150
            )
            if same_block and _BANK_WORDS.search(fold_text(seg.text)):
                return True
    return False


def _account_value(words: Sequence[Word]) -> tuple[str, tuple[Word, ...]] | None:
    """A bank account number: the first token of six or more digits (dashes allowed)."""
    for w in words[:3]:
        token = w.text.strip(" :#.,;")
        if re.fullmatch(r"\d[\d-]{4,}\d", token) and sum(c.isdigit() for c in token) >= 6:
            return normalize_code(token), (w,)
    return None


def _text_value(words: Sequence[Word]) -> tuple[str, tuple[Word, ...]] | None:
    """Free text after a label, up to the end of its sentence ("Net 30. Please quote…")."""
    kept: list[Word] = []
    for w in words:
        if not w.text.strip(":"):
            continue
        kept.append(w)
        if re.search(r"[.!?]$", w.text) and not re.fullmatch(r"(?i)[a-z]{1,4}\.", w.text):
            break  # a sentence ends here (an abbreviation such as "ca." or "inkl." does not)
    text = fold_space(" ".join(w.text for w in kept)).strip(" :").rstrip(".")
    if len(text) < 2 or not re.search(r"\w", text):
        return None
    return text, tuple(kept)


_EARLY_PAYMENT = re.compile(r"\b(?:deduct|discount|skonto|escompte|korting|rabatt)\b")


def _best(ctx: _Context, name: str, parse: Parser | None, *, below: bool) -> Field | None:
    """The best value for a field; `parse` None reads dates, in the order the label's own
    language writes them ("Rechnungsdatum 07/03/2024" is day-first in any document)."""
    candidates: list[Candidate] = []
    for hit, page in ctx.hits:
        if hit.field == name:
            if parse is None:
                lang, share = guess_language(" ".join(w.text for w in hit.label_words))
                order: DateOrder = "DMY" if lang != "en" and share > 0 else ctx.order
                read = _date_parser(order)
            else:
                read = parse
            whole = parse is _text_value
            found = values_near(hit, page, read, ctx.labels, below=below, whole_tail=whole)
            if name == "due_date" and _EARLY_PAYMENT.search(fold_text(hit.segment.text)):
                # "Pay by 05/02/2024 and deduct 2 %": the last day of a discount, not the due date
                found = [replace(c, score=c.score * 0.6) for c in found]
            candidates.extend(found)
    picked = pick(candidates)
    if picked is None:
        return None
    best, confidence = picked
    return _field(best.value, confidence, best)


def _field(value: str, confidence: float, c: Candidate, source: Source | None = None) -> Field:
    word_source = c.words[0].source if c.words else Source.TEXT
    return Field(
        value=value, confidence=confidence, page=c.page, bbox=c.bbox, source=source or word_source
    )


def _first_date(ctx: _Context) -> Field | None:
    """No labelled date: the first full date near the top of page 1 (receipts print it bare).
    When it is the only date on the document it is surely the document's date."""
    page = ctx.pages[0]
    parse = _date_parser(ctx.order)
    distinct = {
        parse_date(raw, ctx.order)
        for p in ctx.pages
        for line in p.lines
        for _, _, raw in find_dates(line.text)
    } - {None}
    for line in page.lines:
        for seg in line.segments:
            got = parse(seg.words)
            if got:
                value, words = got
                box = BBox.enclosing([w.bbox for w in words])
                conf = (0.9 if len(distinct) == 1 else 0.6) * min(w.confidence for w in words)
                return Field(value, conf, page.page.number, box, words[0].source)
    return None


# ---------------------------------------------------------------------------------------- totals

_TOTAL_FIELDS = ("subtotal", "tax_amount", "total_amount", "amount_due")


def _totals(ctx: _Context, items: list[LineItem]) -> dict[str, Field]:
    """Money fields, settled together: where subtotal + tax = total holds, it picks the readings."""
    parse = _money_parser(ctx.decimal)
    options: dict[str, list[tuple[Candidate, float]]] = {}
    tax_lines: list[Candidate] = []
    for name in _TOTAL_FIELDS:
        cands: list[Candidate] = []
        # Beside the label first; only where no label of the field has its value beside it (or
        # only a label inside a sentence has), under it: a row of headers over a row of amounts
        # ("Total HT | TVA | Total TTC"). There the label must be a cell of its own and the
        # amount too: "netto" ending a sentence of payment terms is no header, nor is a number
        # inside the bank details under it.
        for below in (False, True):
            for hit, page in ctx.hits:
                if hit.field == name and (not below or _lone_label(hit)):
                    if below:  # a rate beside a header ("MwSt 19 %") is not its value
                        header = replace(hit, rest=(), tail=())
                        found = values_near(header, page, _lone_value(parse), ctx.labels)
                    else:
                        found = values_near(hit, page, parse, ctx.labels, below=False)
                        if _in_prose(hit):  # "Im Rechnungsbetrag enthaltene Arbeitskosten: 1.168"
                            found = [replace(c, score=c.score * 0.7) for c in found]
                    cands.extend(found)
                    if name == "tax_amount" and found:
                        tax_lines.append(max(found, key=lambda c: c.score))
            if cands and max(c.score for c in cands) >= 0.8:
                break
        ranked = _rank(cands)
        if ranked:
            options[name] = ranked
    out: dict[str, Field] = {}
    for name, ranked in options.items():
        best, conf = ranked[0]
        out[name] = _field(best.value, conf, best)

    # Several tax lines (7 % and 19 %) add up to the tax when nothing prints their sum.
    if len({c.value for c in tax_lines}) > 1 and "subtotal" in out and "total_amount" in out:
        tax_sum = sum((Decimal(c.value) for c in tax_lines), Decimal(0))
        if Decimal(str(out["subtotal"].value)) + tax_sum == Decimal(str(out["total_amount"].value)):
            box = BBox.enclosing([c.bbox for c in tax_lines])
            out["tax_amount"] = Field(format_money(tax_sum), 0.9, tax_lines[0].page, box)

    # Arithmetic that holds raises confidence; where the best readings disagree, the first
    # combination of readings that agrees wins.
    sub, tax, tot = (options.get(n, []) for n in ("subtotal", "tax_amount", "total_amount"))
    if sub and tot:
        taxes: list[tuple[Candidate | None, float]] = [*tax[:3]] or [(None, 1.0)]
        combos = product(sub[:3], taxes, tot[:3])
        for (s, sc), (t, tc), (g, gc) in combos:
            tax_value = Decimal(t.value) if t else Decimal(0)
            if Decimal(s.value) + tax_value == Decimal(g.value):
                out["subtotal"] = _field(s.value, _raise(sc), s)
                out["total_amount"] = _field(g.value, _raise(gc), g)
                if t:
                    out["tax_amount"] = _field(t.value, _raise(tc), t)
                break
    if items and all(li.amount for li in items):
        lines_sum = format_money(sum((Decimal(li.amount or 0) for li in items), Decimal(0)))
        for name in ("subtotal", "total_amount"):
            f = out.get(name)
            if f is not None and f.value == lines_sum:
                out[name] = replace(f, confidence=_raise(f.confidence))
                break
    due, total = out.get("amount_due"), out.get("total_amount")
    net, tax_field = out.get("subtotal"), out.get("tax_amount")
    if due and not total and net:
        # only "Total due" / "Net à payer" printed: where subtotal + tax make it, it is the total
        tax_value = Decimal(str(tax_field.value)) if tax_field else Decimal(0)
        if Decimal(str(net.value)) + tax_value == Decimal(str(due.value)):
            out["total_amount"] = total = due
    if due and total and due.value == total.value:
        out["amount_due"] = replace(due, confidence=_raise(due.confidence))
    return out


def _rank(cands: list[Candidate]) -> list[tuple[Candidate, float]]:
    """Distinct readings, best first, each with its confidence."""
    ranked: list[tuple[Candidate, float]] = []
    remaining = list(cands)
    while remaining:
        picked = pick(remaining)
        if picked is None:
            break
        best, conf = picked
        ranked.append((best, conf))
        remaining = [c for c in remaining if c.value != best.value]
    return ranked


def _in_prose(hit: LabelHit) -> bool:
    """The label is a word inside a sentence, not the start of a phrase of its own."""
    return len(hit.segment.words) >= 8 and hit.label_words[0] is not hit.segment.words[0]


def _lone_label(hit: LabelHit) -> bool:
    """The label is all its phrase holds (a column header, maybe with its rate: "MwSt 19 %"),
    not words within a sentence."""
    others = [w for w in hit.segment.words if not any(w is lw for lw in hit.label_words)]
    return all(re.fullmatch(r"\(?[\d.,]*\s*%?\)?:?", w.text) for w in others)


def _lone_value(parse: Parser) -> Parser:
    """`parse`, taking a phrase only when the amount is all of it (a currency code aside)."""

    def whole(words: Sequence[Word]) -> tuple[str, tuple[Word, ...]] | None:
        got = parse(words)
        return got if got and len(got[1]) >= len(words) - 1 else None

    return whole


def _raise(confidence: float) -> float:
    """Independent evidence (arithmetic that holds) halves the remaining doubt."""
    return min(0.999, 1 - (1 - max(confidence, 0.5)) * 0.5)


# ------------------------------------------------------------------------------- vendor, customer


@dataclass(frozen=True)
class _Block:
    name: Segment
    address: list[Segment]


def _parties(ctx: _Context) -> dict[str, Field]:
    """Who bills whom: labelled blocks first ("Bill To", "From"), then the look of the page."""
    out: dict[str, Field] = {}
    customer = _labelled_block(ctx, "customer")
    taken = {id(s) for s in [customer.name, *customer.address]} if customer else set()
    vendor = _labelled_block(ctx, "vendor")
    vendor_score = 0.9
    if vendor is None:
        vendor, vendor_score = _vendor_by_look(ctx, taken)
    if customer is None:
        exclude = {id(s) for s in [vendor.name, *vendor.address]} if vendor else set()
        customer = _window_block(ctx, exclude)
    if customer:
        out.update(_block_fields("customer", customer, 0.9))
    if vendor:
        if not _address_like(vendor.address):
            vendor = _Block(vendor.name, _vendor_address_elsewhere(ctx, vendor.name))
        if customer:
            # one block of lines is never both parties' address: the customer's block, found
            # in its window or under its label, is not the vendor's
            theirs = {id(s) for s in [customer.name, *customer.address]}
            if any(id(s) in theirs for s in vendor.address):
                vendor = _Block(vendor.name, [])
        out.update(_block_fields("vendor", vendor, vendor_score))
    return out


def _trim_ocr_noise(seg: Segment) -> Segment:
    """A logo's strokes read as "Q" or "h" before a name, speckle read as "rel et." after an
    address: short, unsure tokens at the edges of a phrase are not part of it."""

    def noise(w: Word) -> bool:
        return w.source is Source.OCR and (
            not re.search(r"\w", w.text) or (len(w.text.strip(".,:;")) <= 3 and w.confidence < 0.6)
        )

    words = list(seg.words)
    while len(words) > 1 and noise(words[0]):
        words.pop(0)
    # "PP 34 impasse des Artisans": capitals before a street number, left by a logo
    if (
        len(words) > 2
        and words[0].source is Source.OCR
        and re.fullmatch(r"[A-Z]{1,2}", words[0].text)
        and words[1].text[:1].isdigit()
    ):
        words.pop(0)
    while len(words) > 1 and noise(words[-1]):
        words.pop()
    return Segment(tuple(words), seg.page, seg.line) if len(words) != len(seg.words) else seg


def _block_fields(prefix: str, block: _Block, confidence: float) -> dict[str, Field]:
    block = _Block(_trim_ocr_noise(block.name), [_trim_ocr_noise(s) for s in block.address])
    name = block.name
    out = {
        f"{prefix}_name": Field(
            fold_space(name.text).strip(" ,;:·•|–"),
            confidence * name.confidence,
            name.page,
            name.bbox,
            name.words[0].source,
        )
    }
    if block.address:
        box = BBox.enclosing([s.bbox for s in block.address])
        text = fold_space(" ".join(s.text for s in block.address)).strip(" ,;")
        words = [w.confidence for s in block.address for w in s.words]
        # one blurred word in an address matters less than in a number: the mean, not the minimum
        conf = confidence * 0.95 * sum(words) / len(words)
        out[f"{prefix}_address"] = Field(
            text, conf, block.address[0].page, box, name.words[0].source
        )
    return out


def _labelled_block(ctx: _Context, field: str) -> _Block | None:
    """The name and address after (or under) a label such as "Bill To:" or "From:"."""
    for hit, page in ctx.hits:
        if hit.field != field or hit.segment.words[0] is not hit.label_words[0]:
            continue
        if hit.rest and len(fold_text(" ".join(w.text for w in hit.rest))) > 2:
            first = Segment(hit.rest, hit.segment.page, hit.segment.line)
        else:
            below = _segments_below(ctx, page, hit.segment, hit.bbox)
            if not below:
                continue
            first = below[0]
        return _without_salutation(_Block(first, _address_below(ctx, page, first)))
    return None


def _window_block(ctx: _Context, exclude: set[int]) -> _Block | None:
    """A letter's recipient with no label: the first address-like block in the upper left."""
    page = ctx.pages[0]
    for line in page.lines:
        if line.bbox.top > page.page.height * 0.45:
            break
        seg = line.segments[0]
        if id(seg) in exclude or seg.bbox.x0 > page.page.width * 0.45 or _is_noise(ctx, seg):
            continue
        if _sender_parts(seg) or seg.bbox.height < page.line_height * 0.8:
            continue  # a sender line printed small above the window is the vendor's
        if page.page.width < 400 or seg.text[:1].isdigit():
            continue  # a till receipt has no recipient; "1 PVC ELBOW" is an item
        address = _address_below(ctx, page, seg)
        if _address_like(address) and not any(id(s) in exclude for s in address):
            return _without_salutation(_Block(seg, address))
    return None


def _address_like(segments: Sequence[Segment]) -> bool:
    return any(POSTAL.search(s.text) for s in segments)


PHONE = re.compile(
    r"\(\d{2,5}\)\s?\d{2,4}[\s.-]?\d{3,4}"  # (813) 555-0141, (0221) 78253
    r"|\+\d{1,3}[\s.]?\(?\d{1,4}\)?(?:[\s.-]?\d{2,4}){2,4}"  # +49 221 78253-0
    r"|\b\d{3}[.-]\d{3}[.-]\d{4}\b"  # 813-555-0141
)


def _contact(text: str) -> bool:
    """Phone, e-mail, web, ids: where an address block ends. A line of nothing but nine digits
    or more, with phone punctuation, is a number whatever its label or prefix was read as."""
    if "@" in text or CONTACT.search(fold_text(text)) or PHONE.search(text):
        return True
    if re.search(r"(?i)\b(?:web(?:site)?|internet)\s*:", text):
        return True  # "Web: …" (but "Lindqvist Web Development" is a name)
    return bool(re.fullmatch(r"\W?\s*[\d\s()+./-]+", text)) and sum(c.isdigit() for c in text) >= 9


def _segments_below(ctx: _Context, page: PageLayout, anchor: Segment, box: BBox) -> list[Segment]:
    out: list[Segment] = []
    bottom = box.bottom
    for line in page.lines[anchor.line + 1 :]:
        if line.bbox.top - bottom > 2.2 * page.line_height:
            break
        for seg in line.segments:
            if seg.bbox.h_overlap(box) > 0 or abs(seg.bbox.x0 - box.x0) < 8:
                if ctx.labels.is_label(seg):
                    return out
                out.append(seg)
                bottom = seg.bbox.bottom
                break
    return out


_ATTENTION = re.compile(
    r"(?i)^\W*(?:attn\b|attention\b|z\.\s*hd\b|zu\s+h(?:ä|a)nden\b|t\.\s*a\.\s*v\b|"
    r"ter\s+attentie\b|(?:à|a)\s+l['’]attention\b)"
)
# A salutation printed on a line of its own over the name in a letter's address block
_SALUTATION = re.compile(
    r"(?i)^(?:herrn?|frau|firma|mr\.?|mrs\.?|ms\.?|monsieur|madame|m\.|mme\.?|dhr\.?|mevr\.?|"
    r"de\s+heer|mevrouw)$"
)


def _without_salutation(block: _Block) -> _Block:
    """ "Herrn / Thomas Wendl / Am Brunnenfeld 7": the name is the line under the salutation."""
    if _SALUTATION.match(block.name.text.strip()) and block.address:
        return _Block(block.address[0], block.address[1:])
    return block


def _address_below(ctx: _Context, page: PageLayout, name: Segment) -> list[Segment]:
    lines: list[Segment] = []
    bottom = name.bbox.bottom
    x0 = name.bbox.x0
    for line in page.lines[name.line + 1 :]:
        if line.bbox.top - bottom > 1.9 * page.line_height or len(lines) >= 4:
            break
        seg = next((s for s in line.segments if _aligned(s.bbox, name.bbox)), None)
        if seg is None:
            if any(s.bbox.x0 < x0 - 10 < s.bbox.x1 for s in line.segments):
                break  # something spans across the block's left edge: the block has ended
            continue
        after = line.segments[line.segments.index(seg) + 1 :]
        if _contact(seg.text) or ctx.labels.is_label(seg):
            break
        if _unread(seg):
            continue  # OCR could hardly read it (a misread street or phone line): not evidence
        if _ATTENTION.match(seg.text):
            bottom = seg.bbox.bottom
            continue  # "Attn: Daniel Okafor", "z. Hd. Herrn Albers": a person, not the address
        if (len(seg.text) <= 6 and after and _contact(after[0].text)) or re.fullmatch(
            r"\W*[A-Za-z]\W*", seg.text
        ):
            break  # "T  +31 76 813 8782", "E  info@…": a contact line with a one-letter label
        lines.append(seg)
        # "4449 W 5th Street · Omaha, NE 68102": a letterhead prints the address on one line;
        # the phrase after the street belongs to it when it holds the postal code
        if after and not _address_like([seg]):
            more = after[0]
            if (
                more.bbox.x0 <= name.bbox.x1
                and _address_like([more])
                and not _contact(more.text)
                and not ctx.labels.is_label(more)
            ):
                lines.append(more)
        bottom = seg.bbox.bottom
    return lines


def _aligned(box: BBox, anchor: BBox) -> bool:
    """Same left edge, or (receipts, letterheads) the same centre or right edge."""
    return (
        abs(box.x0 - anchor.x0) < 10
        or abs(box.cx - anchor.cx) < 8
        or (abs(box.x1 - anchor.x1) < 6 and box.x0 > anchor.x0 - 10)
    )


def _address_near(ctx: _Context, page: PageLayout, name: Segment) -> list[Segment]:
    """The address under a name, also when a tagline and a gap stand between them: the first
    run of aligned lines below that reads as an address."""
    block = _address_below(ctx, page, name)
    if _address_like(block):
        return block
    seen = {id(s) for s in block}
    for line in page.lines[name.line + 1 :]:
        if line.bbox.top - name.bbox.bottom > 7 * page.line_height:
            break
        # aligned with the name, or starting under a logo printed left of it
        seg = next(
            (
                s
                for s in line.segments
                if _aligned(s.bbox, name.bbox) or name.bbox.x0 - 80 <= s.bbox.x0 <= name.bbox.x0
            ),
            None,
        )
        if seg is None or id(seg) in seen:
            continue
        if _contact(seg.text) or ctx.labels.is_label(seg):
            break
        run = [seg, *_address_below(ctx, page, seg)]
        if _address_like(run):
            return run[:5]
        seen.update(id(s) for s in run)
    return block if any(re.search(r"\d", s.text) for s in block) else []


def _unread(seg: Segment) -> bool:
    return sum(w.confidence for w in seg.words) / len(seg.words) < 0.4


def _is_noise(ctx: _Context, seg: Segment) -> bool:
    text = seg.text
    return (
        _unread(seg)
        or len(re.findall(r"[A-Za-zÀ-ÿ]", text)) < 3
        or (len(text) <= 3 and text.isupper())  # a logo's initials
        or fold_text(text) in TITLE_WORDS
        or _contact(text)
        or ctx.labels.is_label(seg)
        or bool(find_dates(text))
    )


_SEPARATORS = frozenset("·|•–—-")
_SENDER_SPLIT = re.compile(r"\s[·|•–—]\s|\s-\s")


def _sender_parts(seg: Segment) -> list[str]:
    """`Müller GmbH · Hauptstr. 5 · 10115 Berlin`: a sender line printed above the address."""
    parts = [p.strip(" ,") for p in _SENDER_SPLIT.split(seg.text)]
    return parts if len(parts) >= 2 else []


def _split_sender(seg: Segment) -> tuple[Segment, list[Segment]]:
    """A sender line's name, and the address parts after it up to the first contact detail."""
    groups: list[list[Word]] = [[]]
    for w in seg.words:
        if w.text in _SEPARATORS:
            groups.append([])
        else:
            groups[-1].append(w)
    groups = [g for g in groups if g]
    name = Segment(tuple(groups[0]), seg.page, seg.line)
    address: list[Word] = []
    for group in groups[1:]:
        if _contact(" ".join(w.text for w in group)):
            break
        address.extend(group)
    return name, [Segment(tuple(address), seg.page, seg.line)] if address else []


def _vendor_by_look(ctx: _Context, taken: set[int]) -> tuple[_Block | None, float]:
    """No label: the issuer is the name printed big near the top, or with a legal form."""
    best: tuple[float, Segment, PageLayout] | None = None
    pages = [ctx.pages[0]] + ([ctx.pages[-1]] if len(ctx.pages) > 1 else [])
    everything = [fold_text(s.text) for p in ctx.pages for ln in p.lines for s in ln.segments]
    for page in pages:
        for line in page.lines:
            for seg in line.segments:
                score = _vendor_score(ctx, page, line, seg, taken, everything)
                if score is not None and (best is None or score > best[0]):
                    best = (score, seg, page)
    if best is None:
        return None, 0.0
    score, seg, page = best
    seg = _trim_ocr_noise(seg)  # a logo's speckle would shift the name off its address's edge
    confidence = min(0.95, 0.45 + score)
    if _sender_parts(seg):
        name, address = _split_sender(seg)
        return _Block(name, address), confidence
    # a brand printed big ("Castillo") stands for the legal name printed near it
    # ("Castillo & Brennan Hardware Distributors Inc."): the legal name is the vendor's name
    brand = fold_text(seg.text)
    for line in page.lines if not LEGAL_FORM.search(seg.text) else ():
        for other in line.segments:
            text = fold_text(other.text)
            if (
                other is not seg
                and text.startswith(brand)
                and text != brand
                and len(other.text) <= 80
                and LEGAL_FORM.search(other.text)
            ):
                if _sender_parts(other):
                    name, address = _split_sender(other)
                else:
                    name, address = other, _address_near(ctx, page, other)
                    if not _address_like(address):
                        # the legal name stands in a footer; the address is under the brand,
                        # after the rest of the name ("GREAT LAKES / INDUSTRIAL SUPPLY, INC.")
                        legal = fold_text(other.text)
                        address = [
                            a
                            for a in _address_near(ctx, page, seg)
                            if fold_text(a.text) not in legal
                        ]
                return _Block(name, address), confidence
    return _Block(_legal_name(ctx, seg), _address_near(ctx, page, seg)), confidence


# "For Tarakeshwar Retail Private Limited:" over a signature is the name with a preposition
_NOT_A_NAME_WORD = {"for", "by", "from", "to", "per", "of", "signed", "authorised", "authorized"}


def _legal_name(ctx: _Context, name: Segment) -> Segment:
    """The name as a footer or sender line prints it in full, where that adds a word or two
    before it: "Van der Meulen B.V." under a "Koffiebranderij" logo line is "Koffiebranderij Van
    der Meulen B.V. · KvK 68123456 · …" in the footer."""
    wanted = fold_text(name.text).split()
    if not LEGAL_FORM.search(name.text) or len(wanted) < 2:
        return name
    for page in ctx.pages:
        for line in page.lines:
            for seg in line.segments:
                if seg is name:
                    continue
                head = _split_sender(seg)[0] if _sender_parts(seg) else seg
                got = fold_text(head.text).split()
                extra = got[: len(got) - len(wanted)]
                if (
                    0 < len(extra) <= 2
                    and got[-len(wanted) :] == wanted
                    and not set(extra) & _NOT_A_NAME_WORD
                    and all(w.text[:1].isupper() for w in head.words[: len(extra)])
                ):
                    return head
    return name


def _vendor_score(
    ctx: _Context,
    page: PageLayout,
    line: Line,
    seg: Segment,
    taken: set[int],
    everything: list[str],
) -> float | None:
    parts = _sender_parts(seg)
    if id(seg) in taken or (_is_noise(ctx, seg) and not parts):
        return None
    name_text = parts[0] if parts else seg.text
    if len(name_text) > 60 or sum(c.isdigit() for c in name_text) > 3:
        return None
    if len(re.findall(r"[A-Za-zÀ-ÿ]", name_text)) < 3:
        return None
    first_page = page is ctx.pages[0]
    score = 0.45 if LEGAL_FORM.search(name_text) else 0.0
    size = seg.bbox.height / max(page.line_height, 1.0)
    score += min(0.3, max(0.0, (size - 1.0) * 0.3))
    top = seg.bbox.top / max(page.page.height, 1.0)
    if first_page and top < 0.22:
        score += 0.25 * (1 - top / 0.22)
    elif top > 0.85:
        score += 0.05
    if line.index == 0 and first_page:
        score += 0.1
    if parts and LEGAL_FORM.search(parts[0]):
        score += 0.1
    # the issuer's name recurs (logo, letterhead, footer, "payable to"); a customer's seldom does
    name = fold_text(name_text)
    if len(name) >= 6:
        mentions = sum(1 for text in everything if name in text) - 1
        score += min(0.3, 0.15 * mentions)
    return score


def _vendor_address_elsewhere(ctx: _Context, name: Segment) -> list[Segment]:
    """The vendor's address where it is not under its name: in a sender line or a footer block
    that starts with the vendor's name."""
    wanted = fold_text(name.text)
    pages = [ctx.pages[0]] + ([ctx.pages[-1]] if len(ctx.pages) > 1 else [])
    for page in pages:
        for line in page.lines:
            for seg in line.segments:
                if seg is name or not fold_text(seg.text).startswith(wanted):
                    continue
                if _sender_parts(seg):
                    head, address = _split_sender(seg)
                    # "Lena Brandt Fotografie · Gartenstraße 12 · …" over the window
                    head_text = fold_text(head.text)
                    extra = head_text[len(wanted) :].split()
                    if (
                        head_text.startswith(wanted)
                        and len(extra) <= 2
                        and not any(c.isdigit() for c in "".join(extra))
                        and _address_like(address)
                    ):
                        return address
                elif fold_text(seg.text) == wanted:
                    address = _address_below(ctx, page, seg)
                    if _address_like(address):
                        return address
    return []


# ----------------------------------------------------------------------------- currency and ids


def _currency(ctx: _Context, currencies: list[str], fields: dict[str, Field]) -> Field | None:
    for hit, _page in ctx.hits:
        if fold_text(" ".join(w.text for w in hit.label_words)) in {
            "currency",
            "wahrung",
            "devise",
            "valuta",
        }:
            codes = find_currencies(" ".join(w.text for w in hit.rest))
            if codes:
                return Field(codes[0], 0.95, hit.segment.page, hit.segment.bbox)
    # "$" is read as USD, but Canadians, Australians, … print "$" too, and their code somewhere
    # ("Total (CAD)"): a dollar of one other country written out, and US dollars never, decide
    text = "\n".join(ln.text for p in ctx.pages for ln in p.lines)
    dollars = set(re.findall(r"\b(CAD|AUD|NZD|SGD|HKD)\b|\b(C|A|NZ|S|HK)\$", text))
    other = {
        code or {"C": "CAD", "A": "AUD", "NZ": "NZD", "S": "SGD", "HK": "HKD"}[sym]
        for code, sym in dollars
    }
    if (
        len(other) == 1
        and set(currencies) <= {"USD", *other}  # the "$" signs, and no euros or pounds
        and not re.search(r"\bUSD\b|\bUS\$|U\.S\. dollars", text)
    ):
        anchor = fields.get("total_amount") or fields.get("amount_due")
        return Field(
            other.pop(), 0.9, anchor.page if anchor else None, anchor.bbox if anchor else None
        )
    # currency symbols and codes next to the money we read weigh most
    near: list[str] = []
    for name in _TOTAL_FIELDS:
        f = fields.get(name)
        if f is None or f.page is None or f.bbox is None:
            continue
        # page numbers are the file's: a document cut from a longer file starts at any page
        page = next((p for p in ctx.pages if p.page.number == f.page), None)
        for line in page.lines if page is not None else ():
            if line.bbox.v_overlap(f.bbox) > 0:
                near.extend(find_currencies(line.text))
    votes = near * 3 + currencies
    if votes:
        code = max(set(votes), key=votes.count)
        share = votes.count(code) / len(votes)
        anchor = fields.get("total_amount") or fields.get("amount_due")
        confidence = (0.97 if len(votes) >= 3 else 0.85) * share
        return Field(
            code, confidence, anchor.page if anchor else None, anchor.bbox if anchor else None
        )
    # no symbol or code anywhere (a till receipt): the country of the vendor's address
    address = fields.get("vendor_address")
    if address is not None:
        text = str(address.value)
        if _US_STATE_ZIP.search(text):
            return Field("USD", 0.7, address.page, address.bbox)
        if _CA_POSTCODE.search(text):
            return Field("CAD", 0.7, address.page, address.bbox)
    return None


_US_STATE_ZIP = re.compile(
    r"\b(?:A[KLRZ]|C[AOT]|D[CE]|FL|GA|HI|I[ADLN]|K[SY]|LA|M[ADEINOST]|N[CDEHJMVY]|O[HKR]|PA|RI|"
    r"S[CD]|T[NX]|UT|V[AT]|W[AIVY])\s+\d{5}(?:-\d{4})?\b"
)
_CA_POSTCODE = re.compile(
    r"\b(?:AB|BC|MB|NB|NL|NS|NT|NU|ON|PE|QC|SK|YT)\s+[A-Z]\d[A-Z]\s?\d[A-Z]\d\b"
)


def _id_in_text(
    ctx: _Context,
    name: str,
    finder: Callable[[str], list[str]],
    fields: dict[str, Field],
    *,
    labelled_only: bool = False,
) -> Field | None:
    """Tax ids and bank accounts: valid ones (check digits hold) by their label, or anywhere
    outside the customer's block."""
    customer_box = fields.get("customer_address") or fields.get("customer_name")
    labelled: list[Candidate] = []
    anywhere: list[Candidate] = []
    for page in ctx.pages:
        for line in page.lines:
            for seg in line.segments:
                found = finder(seg.text)
                if not found:
                    continue
                if (
                    customer_box
                    and customer_box.bbox
                    and customer_box.page == page.page.number
                    and seg.bbox.v_overlap(customer_box.bbox) > 0
                    and seg.bbox.h_overlap(customer_box.bbox) > 0
                ):
                    continue
                # "VAT", "BTW", "TVA" also label the tax amount; before a valid VAT id they name it
                names = {name, "tax_amount"} if name == "vendor_tax_id" else {name}
                labels = [h for h in ctx.labels.hits(seg) if h.field in names]
                prev = [s for s in line.segments if s.bbox.x1 <= seg.bbox.x0]
                if not labels and prev:
                    labels = [h for h in ctx.labels.hits(prev[-1]) if h.field in names]
                # the check digits already hold, so even an unlabelled id is likely what it seems
                score = 0.95 if labels else 0.85
                words = _words_spelling(seg.words, found[0])
                box = BBox.enclosing([w.bbox for w in words])
                c = Candidate(found[0], score, page.page.number, box, words)
                (labelled if labels else anywhere).append(c)
    # the vendor prints its own ids; a customer's id stands in the customer block (left out above)
    chosen = labelled if labelled_only else labelled or anywhere
    if not chosen:
        return None
    best = chosen[0]
    agree = sum(1 for c in chosen if c.value == best.value)
    conf = best.confidence if agree == len(chosen) else best.confidence * 0.8
    return _field(best.value, conf, best)


def _words_spelling(words: Sequence[Word], value: str) -> tuple[Word, ...]:
    """The run of words that spells `value` (an IBAN printed in groups of four), so that a
    value's box and confidence are its own and not its whole phrase's."""
    target = value.replace("-", "")

    def compact(w: Word) -> str:
        return re.sub(r"[^A-Z0-9]", "", w.text.upper())

    for i in range(len(words)):
        first = compact(words[i])
        if not first or not (target.startswith(first) or first.endswith(target[:4])):
            continue
        spelled = ""
        for j in range(i, len(words)):
            spelled += compact(words[j])
            if target in spelled:
                return tuple(words[i : j + 1])
            if len(spelled) > len(target) + 8:
                break
    return tuple(words)


# ------------------------------------------------------------------------------------ line items


@dataclass(frozen=True)
class _Column:
    kind: str
    box: BBox
    label: str = ""


def _header(line: Line, columns: LabelIndex) -> list[_Column] | None:
    """A table header: phrases naming at least an amount column and one other known column."""
    found: list[_Column] = []
    unnamed: list[Segment] = []
    for seg in line.segments:
        hits = columns.hits(seg)
        if not hits:
            unnamed.append(seg)
        for hit in hits:
            if hit.rest and len(hit.rest) > 1:
                return None
            label = fold_text(" ".join(w.text for w in hit.label_words))
            found.append(_Column(hit.field, hit.bbox, label))
    kinds = {c.kind for c in found}
    named = AMOUNT in kinds and (DESC in kinds or {QTY, PRICE} & kinds)
    # OCR may lose the money headers (white on a shaded band): a description and a quantity or
    # price column still make a header, and the money columns are found in the rows
    partial = DESC in kinds and bool({QTY, PRICE} & kinds)
    if (named or partial) and len(kinds - {SKIP}) >= 2:
        # a header is mostly header words: keep out sentences that happen to name two columns
        header_words = sum(
            len(fold_text(" ".join(w.text for w in s.words)).split()) for s in line.segments
        )
        if header_words <= 3 * len(found) + 2 + 3 * min(len(unnamed), 1):
            if DESC not in kinds:
                # "Work performed", "Leistung/Zeitraum": the unnamed heading left of the numbers
                numbers = min(c.box.x0 for c in found if c.kind in (QTY, PRICE, AMOUNT))
                text = [
                    s for s in unnamed if s.bbox.x1 < numbers and re.search(r"[^\W\d]{3}", s.text)
                ]
                if text:
                    found.append(_Column(DESC, text[-1].bbox, fold_text(text[-1].text)))
            return _one_description(sorted(found, key=lambda c: c.box.x0))
    return None


def _join_split_header(
    lines: Sequence[Line], i: int, header: list[_Column], columns: LabelIndex
) -> tuple[list[_Column], int]:
    """OCR may put a header's cells on two lines a few points apart ("Item # | Description"
    above "Qty | Rate | Amount"): column names on a line that close are the same header. Returns
    the header and the index of the first row under it."""
    start = i + 1
    kinds = {c.kind for c in header}
    for j in (i - 1, i + 1):
        if not 0 <= j < len(lines) or abs(lines[j].bbox.cy - lines[i].bbox.cy) > lines[i].height:
            continue
        extra = [
            _Column(h.field, h.bbox, fold_text(" ".join(w.text for w in h.label_words)))
            for seg in lines[j].segments
            for h in columns.hits(seg)
            if h.field not in kinds or h.field == DESC
        ]
        if extra:
            header = _one_description(sorted([*header, *extra], key=lambda c: c.box.x0))
            start = max(start, j + 1)
    return header, start


_CODE_LIKE = re.compile(r"[A-Z0-9][A-Z0-9./_-]*\d[A-Z0-9./_-]*|[A-Z]{2,}-[A-Z0-9-]+")


def _complete_text_columns(header: list[_Column], rows: Sequence[Line]) -> list[_Column]:
    """No description heading was read (OCR lost it): the text left of the number columns is
    the description, and a code-like phrase opening most rows is the product code."""
    if any(c.kind == DESC for c in header):
        return header
    first_number = min(c.box.x0 for c in header)
    lefts = [[s for s in line.segments if s.bbox.x1 < first_number - 4] for line in rows]
    lefts = [segs for segs in lefts if segs]
    if len(lefts) < 2:
        return header
    coded = [segs for segs in lefts if len(segs) >= 2 and _CODE_LIKE.fullmatch(segs[0].text)]
    added: list[_Column] = []
    text_segments = [segs[-1] for segs in lefts]
    if len(coded) * 10 >= len(lefts) * 6:
        codes = BBox.enclosing([segs[0].bbox for segs in coded])
        added.append(_Column(CODE, BBox(codes.x0, codes.top, codes.x1, codes.top + 1), "inferred"))
        text_segments = [segs[1] for segs in coded]
    text = BBox.enclosing([s.bbox for s in text_segments])
    added.append(_Column(DESC, BBox(text.x0, text.top, text.x0 + 40, text.top + 1), "inferred"))
    return sorted([*header, *added], key=lambda c: c.box.x0)


def _complete_money_columns(
    header: list[_Column], rows: Sequence[Line], decimal: str | None
) -> list[_Column]:
    """Money columns the header does not name: right-aligned amounts in the rows under it,
    grouped by their right edge. The rightmost group is the amount, the next the unit price."""
    header = _complete_text_columns(header, rows)
    kinds = {c.kind for c in header}
    if AMOUNT in kinds and PRICE in kinds:
        return _complete_quantity_column(header, rows, decimal)
    named_right = max(c.box.x1 for c in header if c.kind in (DESC, QTY, PRICE, AMOUNT))
    groups: list[list[Word]] = []
    for line in rows:
        for w in line.words:
            if w.bbox.x0 <= named_right or not re.fullmatch(
                r"[-(]?[\d.,' ]+[.,]\d{2}\)?\W*", w.text
            ):
                continue
            group = next((g for g in groups if abs(g[0].bbox.x1 - w.bbox.x1) < 12), None)
            if group is None:
                groups.append([w])
            else:
                group.append(w)
    groups = sorted((g for g in groups if len(g) >= 2), key=lambda g: g[0].bbox.x1, reverse=True)
    added: list[_Column] = []
    for kind, group in zip((AMOUNT, PRICE), groups, strict=False):
        if kind in kinds:
            continue
        box = BBox.enclosing([w.bbox for w in group])
        added.append(_Column(kind, BBox(box.x0, box.top, box.x1, box.top + 1), "inferred"))
    if AMOUNT not in kinds and not any(c.kind == AMOUNT for c in added):
        return header  # no amounts: not a line-item table after all
    return _complete_quantity_column(
        sorted([*header, *added], key=lambda c: c.box.x0), rows, decimal
    )


def _complete_quantity_column(
    header: list[_Column], rows: Sequence[Line], decimal: str | None
) -> list[_Column]:
    """A quantity heading OCR lost: the numbers standing just left of the unit price whose
    product with it gives the row's amount, in most rows, are the quantity column."""
    kinds = {c.kind for c in header}
    if QTY in kinds or not {PRICE, AMOUNT} <= kinds:
        return header
    price_x = min(c.box.x0 for c in header if c.kind == PRICE)
    money = _money_parser(decimal)
    priced = 0
    found: list[Word] = []
    for line in rows:
        cells = _assign(line, header)
        price = money(cells[PRICE]) if cells.get(PRICE) else None
        amount = money(cells[AMOUNT]) if cells.get(AMOUNT) else None
        if not (price and amount):
            continue
        priced += 1
        before = [w for w in line.words if w.bbox.x1 < price_x - 2]
        if not before:
            continue
        qty = parse_quantity(before[-1].text, decimal)
        if qty and qty > 0 and cents(qty * Decimal(price[0])) == Decimal(amount[0]):
            found.append(before[-1])
    if priced < 2 or len(found) * 10 < priced * 6:
        return header
    box = BBox.enclosing([w.bbox for w in found])
    column = _Column(QTY, BBox(box.x0, box.top, box.x1, box.top + 1), "inferred")
    return sorted([*header, column], key=lambda c: c.box.x0)


DESCRIPTION_HEADERS = frozenset(
    {
        "description",
        "item description",
        "bezeichnung",
        "beschreibung",
        "artikelbezeichnung",
        "designation",
        "libelle",
        "omschrijving",
        "details",
        "particulars",
        "leistung",
        "prestation",
    }
)


def _one_description(columns: list[_Column]) -> list[_Column]:
    """`Item | Description`: with two description-like headers, the other one holds codes."""
    descs = [c for c in columns if c.kind == DESC]
    if len(descs) < 2:
        return columns
    keep = next((c for c in descs if c.label in DESCRIPTION_HEADERS), descs[-1])
    return [c if c.kind != DESC or c is keep else replace(c, kind=CODE) for c in columns]


def _line_items(ctx: _Context, columns: LabelIndex) -> tuple[list[LineItem], set[tuple[int, int]]]:
    """The line items, and the lines (page, index) the table takes up."""
    items: list[LineItem] = []
    region: set[tuple[int, int]] = set()
    header: list[_Column] | None = None
    money = _money_parser(ctx.decimal)
    for page in ctx.pages:
        lines = page.lines
        start = 0
        page_header = None
        for i, line in enumerate(lines):
            page_header = _header(line, columns)
            if page_header:
                page_header, start = _join_split_header(lines, i, page_header, columns)
                break
        if page_header:
            header = _complete_money_columns(page_header, lines[start : start + 12], ctx.decimal)
            region.add((page.page.number, start - 1))
        elif header is None or not items:
            continue  # no table on this page, and none running over from the page before
        assert header is not None
        ended = _read_rows(ctx, page, lines[start:], header, items, money, region)
        if ended:
            break
    if not items:
        items = _headerless_items(ctx, money, region)
    return items, region


def _read_rows(
    ctx: _Context,
    page: PageLayout,
    lines: Sequence[Line],
    header: list[_Column],
    items: list[LineItem],
    money: Parser,
    region: set[tuple[int, int]],
) -> bool:
    """Rows under a header until the totals; True when the table has ended on this page."""
    left = min(c.box.x0 for c in header) - 40
    pending: list[tuple[Line, str]] = []  # description-only lines not yet placed
    last_row: Line | None = None
    first_on_page = len(items)
    for line in lines:
        if line.bbox.x1 < left:
            continue
        if _footer_line(page, line) or _carried_line(ctx, line):
            continue
        cells = _assign(line, header)
        if _stop_line(ctx, line) and not _row_adds_up(cells, ctx.decimal, money):
            # a totals label ends the table; "Shipping 1 x 60.00 = 60.00" is still an item
            _flush_pending(pending, items, last_row, None, first_on_page)
            return True
        region.add((page.page.number, line.index))
        amount_words = cells.get(AMOUNT, [])
        amount = money(amount_words) if amount_words else None
        description = fold_space(" ".join(w.text for w in cells.get(DESC, [])))
        if amount is None:
            if description and not _header_like(line):
                pending.append((line, description))
            continue
        qty = _number(cells.get(QTY, []), ctx.decimal)
        price_cell = money(cells[PRICE]) if cells.get(PRICE) else None
        if qty is None and price_cell and any(c.kind == QTY for c in header):
            qty = _quantity_from_arithmetic(price_cell[0], amount[0])
        price_got = money(cells[PRICE]) if cells.get(PRICE) else None
        price = price_got[0] if price_got else None
        if qty and price_got and cells[AMOUNT][0].source is Source.OCR:
            price, amount_value = _mend_lost_decimal_mark(
                qty, (price_got[0], _raw(price_got[1])), (amount[0], _raw(amount[1]))
            )
            amount = (amount_value, amount[1])
        code = " ".join(w.text for w in cells.get(CODE, [])) or None
        item = LineItem(
            description=description or None,
            quantity=qty,
            unit_price=price,
            amount=amount[0],
            product_code=normalize_code(code) if code else None,
            confidence=_row_confidence(cells, qty, price, amount[0]),
            page=page.page.number,
            bbox=line.bbox,
        )
        _flush_pending(pending, items, last_row, line, first_on_page)
        items.append(item)
        items[-1:] = [_prefix_pending(item, pending)]
        pending = []
        last_row = line
    _flush_pending(pending, items, last_row, None, first_on_page)
    return False


def _prefix_pending(item: LineItem, pending: list[tuple[Line, str]]) -> LineItem:
    if not pending:
        return item
    text = fold_space(" ".join(t for _, t in pending) + " " + (item.description or ""))
    return replace(item, description=text)


def _flush_pending(
    pending: list[tuple[Line, str]],
    items: list[LineItem],
    last_row: Line | None,
    next_row: Line | None,
    first_on_page: int,
) -> None:
    """Description lines without numbers wrap from the row above or lead into the row below,
    whichever they sit closer to; those left in `pending` go to the next row."""
    if not pending:
        return
    if last_row is None or len(items) <= first_on_page:
        if next_row is None:
            pending.clear()
        return
    keep: list[tuple[Line, str]] = []
    prev_bottom = last_row.bbox.bottom
    for line, text in pending:
        gap_above = line.bbox.top - prev_bottom
        gap_below = (next_row.bbox.top - line.bbox.bottom) if next_row is not None else 1e9
        if not keep and gap_above <= gap_below + 0.5 and gap_above < 1.6 * line.height:
            prev = items[-1]
            items[-1] = replace(prev, description=fold_space(f"{prev.description or ''} {text}"))
            prev_bottom = line.bbox.bottom
        elif next_row is not None and gap_below < 1.6 * line.height + 2:
            keep.append((line, text))
        elif next_row is not None:
            keep = []  # a note between rows, not part of an item
    pending[:] = keep


def _assign(line: Line, header: list[_Column]) -> dict[str, list[Word]]:
    """Each word goes to the column whose header it stands under; a word under no header goes to
    the description when it lies between the description's start and the first number column
    ("…, 1000 ex." is text, not a quantity), else to the nearest header."""
    desc = next((c for c in header if c.kind == DESC), None)
    numbers_start = min((c.box.x0 for c in header if c.kind in (QTY, PRICE, AMOUNT)), default=1e9)
    cells: dict[str, list[Word]] = {}
    for w in line.words:
        under = [
            (w.bbox.h_overlap(c.box), i)
            for i, c in enumerate(header)
            if w.bbox.h_overlap(c.box) > -1.5
        ]
        if under:
            kind = header[max(under)[1]].kind
        elif desc is not None and w.bbox.x0 >= desc.box.x0 - 4 and w.bbox.x1 < numbers_start:
            kind = DESC
        else:
            kind = min(header, key=lambda c: max(c.box.x0 - w.bbox.x1, w.bbox.x0 - c.box.x1)).kind
        cells.setdefault(kind, []).append(w)
    return cells


def _number(words: Sequence[Word], decimal: str | None) -> str | None:
    for w in words:
        q = parse_quantity(w.text, decimal)
        if q is not None:
            return format_quantity(q)
    return None


def _quantity_from_arithmetic(price: str, amount: str) -> str | None:
    """A quantity the table has a column for but OCR lost (a lone "1" most of all): when the
    amount is a whole multiple of the unit price, that multiple is what was printed."""
    p, a = Decimal(price), Decimal(amount)
    if p <= 0:
        return None
    ratio = a / p
    whole = ratio.to_integral_value()
    if whole >= 1 and abs(ratio - whole) < Decimal("0.0001"):
        return format_quantity(whole)
    return None


def _row_adds_up(cells: dict[str, list[Word]], decimal: str | None, money: Parser) -> bool:
    qty = _number(cells.get(QTY, []), decimal)
    price = money(cells[PRICE]) if cells.get(PRICE) else None
    amount = money(cells[AMOUNT]) if cells.get(AMOUNT) else None
    if not (qty and price and amount):
        return False
    return cents(Decimal(qty) * Decimal(price[0])) == Decimal(amount[0])


def _raw(words: Sequence[Word]) -> str:
    return " ".join(w.text for w in words)


def _mend_lost_decimal_mark(
    qty: str, price: tuple[str, str], amount: tuple[str, str]
) -> tuple[str, str]:
    """OCR drops a decimal mark ("11,15" read as "1115"): where quantity x price = amount fails,
    a number read without any decimal mark whose digits are exactly those the arithmetic asks
    for is that number. A wrong number printed on the page has other digits, and stays."""
    (p_value, p_raw), (a_value, a_raw) = price, amount
    q, p, a = Decimal(qty), Decimal(p_value), Decimal(a_value)
    if q == 0 or cents(q * p) == a:
        return p_value, a_value

    def lost_mark(raw: str, wanted: Decimal) -> bool:
        return not re.search(r"[.,]\d", raw) and re.sub(r"\D", "", raw) == re.sub(
            r"\D", "", format_money(wanted)
        )

    wanted_price = cents(a / q)
    if cents(wanted_price * q) == a and lost_mark(p_raw, wanted_price):
        return format_money(wanted_price), a_value
    wanted_amount = cents(q * p)
    if lost_mark(a_raw, wanted_amount):
        return p_value, format_money(wanted_amount)
    return p_value, a_value


def _row_confidence(
    cells: dict[str, list[Word]], qty: str | None, price: str | None, amount: str
) -> float:
    """Numbers count by their least sure word, the description by its mean; a row whose
    quantity times price gives its amount has its doubt halved."""
    numbers = [w.confidence for k in (QTY, PRICE, AMOUNT) for w in cells.get(k, [])]
    text = [w.confidence for w in cells.get(DESC, [])]
    base = min(min(numbers, default=1.0), sum(text) / len(text) if text else 1.0)
    if qty and price:
        if cents(Decimal(qty) * Decimal(price)) == Decimal(amount):
            return _raise(base)
        return base * 0.7
    return base * 0.9


def _stop_line(ctx: _Context, line: Line) -> bool:
    for seg in line.segments:
        words = seg.words
        # a table rule OCR read as a letter ("l Warenwert netto") does not hide the label
        start = 1 if len(words) > 1 and _ocr_rule_mark(words[0]) else 0
        for hit in ctx.labels.hits(seg):
            if hit.field in STOP_LINES and any(hit.label_words[0] is w for w in words[: start + 1]):
                return True
    return False


def _ocr_rule_mark(word: Word) -> bool:
    """A vertical rule or border that OCR returned as a one-character word: "|", "l", "I", "!"."""
    return word.source is Source.OCR and len(word.text) == 1 and word.text in "|lIi![]{}/\\"


def _carried_line(ctx: _Context, line: Line) -> bool:
    """ "Übertrag 4.386,43": a running total where the table breaks, label first, then money."""
    return any(
        h.field == "_carried" and h.label_words[0] is s.words[0]
        for s in line.segments
        for h in ctx.labels.hits(s)
    ) and bool(MONEY_RE.search(line.text))


def _footer_line(page: PageLayout, line: Line) -> bool:
    text = fold_text(line.text)
    if re.search(r"\b(?:page|seite|pagina)\s*\d+\s*(?:of|von|sur|de|van|/)\s*\d+", text):
        return True
    if re.search(r"\b(?:continued|fortsetzung|suite|vervolg)\b", text):
        return True
    return line.bbox.top > page.page.height * 0.93


def _header_like(line: Line) -> bool:
    return fold_text(line.text) in TITLE_WORDS


def _receipt_quantities(
    words: list[Word], decimal: str | None
) -> tuple[list[Word], str | None, str | None]:
    """Quantity and unit price as receipts print them before the amount: "2 x 2.10",
    "2 x Croissant", "1 DRIP COFFEE", "CHAI LATTE @ 5.50". Returns the description's words."""
    keep = list(words)
    qty = price = None
    texts = [w.text for w in keep]
    for i in range(len(texts) - 2):  # "2 x 2.10"
        if (
            re.fullmatch(r"\d+(?:[.,]\d+)?", texts[i])
            and texts[i + 1] in {"x", "X", "×", "@"}
            and re.fullmatch(r"\d+[.,]\d{2}", texts[i + 2])
        ):
            qty, price = texts[i], texts[i + 2]
            del keep[i : i + 3]
            break
    else:
        texts = [w.text for w in keep]
        if (
            len(texts) > 2
            and re.fullmatch(r"\d+(?:[.,]\d+)?", texts[0])
            and texts[1] in {"x", "X", "×"}
        ):
            qty = texts[0]
            del keep[:2]
        elif (
            len(texts) > 1
            and re.fullmatch(r"\d{1,3}", texts[0])
            and re.search(r"[A-Za-zÀ-ÿ]{2}", texts[1])
        ):
            qty = texts[0]  # "1 DRIP COFFEE LG"
            del keep[0]
        texts = [w.text for w in keep]
        for i, t in enumerate(texts):
            m = re.fullmatch(r"@\s*(\d+[.,]\d{2})?", t)
            if m and (
                m.group(1) or (i + 1 < len(texts) and re.fullmatch(r"\d+[.,]\d{2}", texts[i + 1]))
            ):
                price = m.group(1) or texts[i + 1]
                del keep[i : i + (1 if m.group(1) else 2)]
                break
    qty_value = parse_quantity(qty, decimal) if qty else None
    price_value = parse_money(price, decimal) if price else None
    return (
        keep,
        format_quantity(qty_value) if qty_value is not None else None,
        format_money(price_value) if price_value is not None else None,
    )


def _headerless_items(ctx: _Context, money: Parser, region: set[tuple[int, int]]) -> list[LineItem]:
    """Receipts print no table header: lines above the totals that end in an amount."""
    items: list[LineItem] = []
    for page in ctx.pages:
        for line in page.lines:
            if _stop_line(ctx, line):
                return items
            if any(ctx.labels.hits(s) for s in line.segments):
                continue
            if (
                items
                and items[-1].unit_price is None
                and re.fullmatch(
                    r"(?:\d+(?:[.,]\d+)?\s*)?[x×@]\s*\d+[.,]\d{2}(?:\s*(?:ea|each|/\s*\w+))?",
                    line.text.strip(),
                    re.IGNORECASE,
                )
            ):  # "2 @ 8.29" or "@ 5.50 ea" under its item
                _, qty, price = _receipt_quantities(list(line.words), ctx.decimal)
                items[-1] = replace(items[-1], quantity=qty or items[-1].quantity, unit_price=price)
                region.add((page.page.number, line.index))
                continue
            got = money(line.words[-1:])
            if not got or not re.search(r"[.,]\d{2}", line.words[-1].text):
                continue
            head = list(line.words[:-1])
            head, qty, price = _receipt_quantities(head, ctx.decimal)
            description = fold_space(" ".join(w.text for w in head))
            if len(re.findall(r"[A-Za-zÀ-ÿ]", description)) < 3 or find_dates(line.text):
                continue
            region.add((page.page.number, line.index))
            items.append(
                LineItem(
                    description,
                    qty,
                    price,
                    got[0],
                    None,
                    0.8 * min(w.confidence for w in line.words),
                    page.page.number,
                    line.bbox,
                )
            )
        if items:
            break
    return items
