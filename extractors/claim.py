"""Professional health-insurance claims: the CMS-1500 (02/12) form, and claim summaries.

A CMS-1500 is read by its boxes. The form's geometry is data (`forms/cms1500.json`, made from the
official fillable form by `pipelines/form_template.py`): every field's box in points, and words the
form prints once ("RELATIONSHIP", "EMPLOYMENT?") as anchors. Three ways in, best first:

1. a filled PDF form still holds its fields: their values are read as they are (source `form`);
2. a flattened PDF or a scan shows the values on the page: the page's words are registered onto
   the template by the anchors found among them (a scale and a shift per axis, fitted to the
   anchor pairs with the outliers dropped), and each box takes the words whose centre falls in it;
3. anything else that reads as a claim (a clearing house's claim summary) is read by its labels,
   like an invoice, with its service lines from the table under a header row.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from extractors.api import ExtractSettings
from extractors.form_layout import Registration, Template, cms1500, register
from extractors.model import BBox, Document, Extraction, Field, Page, ServiceLine, Source, Word
from extractors.values import (
    fold_space,
    format_money,
    format_quantity,
    icd10_misread_fixed,
    icd10cm_in_code_set,
    normalize_code,
    normalize_icd10,
    parse_quantity,
    valid_icd10cm,
)

# CMS-1500 field (the official form's own field names) → the claim field it holds
TEXT_FIELDS = {
    "insurance_name": "payer_name",  # the carrier block, top right: its first line
    "insurance_id": "member_id",  # 1a insured's ID number
    "pt_name": "patient_name",  # 2
    "ins_name": "insured_name",  # 4
    "ins_policy": "group_number",  # 11 insured's policy group or FECA number
    "tax_id": "billing_tax_id",  # 25
    "pt_account": "claim_number",  # 26 patient's account no.: the biller's claim reference
    "t_charge": "total_charge",  # 28
    "amt_paid": "amount_paid",  # 29
    "doc_name": "provider_name",  # 33 billing provider: its first line
    "pin": "provider_npi",  # 33a
}
MONEY = frozenset({"total_charge", "amount_paid"})
DIAGNOSES = [f"diagnosis{i}" for i in range(1, 13)]  # 21 A-L
LINES = 6  # 24, six service lines
POINTER_LETTERS = "ABCDEFGHIJKL"


# ------------------------------------------------------------------------------------ the form


@dataclass(frozen=True)
class Read:
    """What one box holds: its text, how sure we are, where it is and where it came from."""

    text: str
    confidence: float
    bbox: BBox
    source: Source


class FormReader:
    """The boxes of one CMS-1500 page, from its form fields or from its words."""

    def __init__(self, page: Page, template: Template, registration: Registration | None):
        self.page = page
        self.template = template
        self.registration = registration
        self.fields = {f.name: f for f in page.form_fields}

    def text(self, name: str) -> Read | None:
        field = self.fields.get(name)
        if field is not None and field.value.strip():
            return Read(fold_space(field.value), 0.99, field.bbox, Source.FORM)
        box = self.template.boxes.get(name)
        if box is None or self.registration is None or self.fields:
            return None  # a filled form's own fields are the whole truth: empty means empty
        area = self.registration.box(box, pad=1.5)
        words = self._words_in(area)
        if not words:
            return None
        words = _reading_order(words)
        confidence = min(w.confidence for w in words) * _fit_confidence(self.registration)
        return Read(
            fold_space(" ".join(w.text for w in words)).strip("|[]{}¦ "),
            confidence,
            BBox.enclosing([w.bbox for w in words]),
            words[0].source,
        )

    def span(self, names: Sequence[str]) -> Read | None:
        """The words of several neighbouring boxes read as one (a date's MM | DD | YY)."""
        if self.registration is None or self.fields:
            return None
        boxes = [self.template.boxes[n] for n in names if n in self.template.boxes]
        if not boxes:
            return None
        words = self._words_in(self.registration.box(BBox.enclosing(boxes), pad=1.5))
        if not words:
            return None
        words.sort(key=lambda w: w.bbox.x0)
        return Read(
            " ".join(w.text for w in words),
            min(w.confidence for w in words) * 0.9,
            BBox.enclosing([w.bbox for w in words]),
            words[0].source,
        )

    def first_line(self, name: str) -> Read | None:
        """A multi-line box (a name over an address): its first line."""
        field = self.fields.get(name)
        if field is not None and field.value.strip():
            first = field.value.strip().splitlines()[0]
            return Read(fold_space(first), 0.99, field.bbox, Source.FORM)
        read = self.text(name)
        if read is None or self.registration is None:
            return read
        words = self._words_in(self.registration.box(self.template.boxes[name], pad=1.5))
        row = _lines(words)[0]
        return Read(
            fold_space(" ".join(w.text for w in row)),
            read.confidence,
            BBox.enclosing([w.bbox for w in row]),
            read.source,
        )

    def _words_in(self, area: BBox) -> list[Word]:
        """Words centred in a box; the form's own rules, dividers and "$" signs that OCR read
        as "|", "+" or "$" are not values, nor is its small print."""
        words = [
            w
            for w in self.page.words
            if area.holds_centre(w.bbox)
            and any(c.isalnum() for c in w.text)
            and w.bbox.height >= 0.25 * area.height  # a speck or a rule's end, not a letter
            and w.bbox.width >= 0.25 * w.bbox.height * len(w.text)  # a divider read as "1"
        ]
        # the form's small print inside a box ("MM", "DD", tick marks) is not the value typed in
        tallest = max((w.bbox.height for w in words), default=0.0)
        return [w for w in words if w.bbox.height >= 0.55 * tallest]

    def state(self, name: str) -> Read | None:
        """The checked state of a check box or radio group: an "X" printed in its box."""
        field = self.fields.get(name)
        if field is not None:
            return Read(field.value, 0.99, field.bbox, Source.FORM)
        if self.registration is None or self.fields:
            return None
        # the mark may come out of OCR glued to the printed state labels ("MxF"): each marking
        # character is placed by its share of its word's width
        states = {
            state: self.registration.box(box, pad=3.0)
            for state, box in self.template.states.get(name, {}).items()
        }
        if not states:
            return None
        near = BBox.enclosing(list(states.values()))
        found: dict[str, Read] = {}
        for w in self.page.words:
            if not BBox(near.x0 - 20, near.top, near.x1 + 20, near.bottom).holds_centre(w.bbox):
                continue
            for i, c in enumerate(w.text):
                if c not in "XxKk×✓✔✗✘":
                    continue
                cx = w.bbox.x0 + (i + 0.5) / len(w.text) * w.bbox.width
                for state, area in states.items():
                    if area.x0 <= cx <= area.x1:
                        found.setdefault(state, Read(state, w.confidence * 0.95, area, w.source))
        return next(iter(found.values())) if len(found) == 1 else None


def _reading_order(words: list[Word]) -> list[Word]:
    """Words line by line, lines top down."""
    return [w for line in _lines(words) for w in line]


def _lines(words: list[Word]) -> list[list[Word]]:
    """Words in lines (a word joins the first line it overlaps enough vertically), lines top
    down, each left to right."""
    lines: list[list[Word]] = []
    for w in sorted(words, key=lambda w: w.bbox.top):
        line = next(
            (ln for ln in lines if w.bbox.v_overlap(ln[0].bbox) > 0.4 * w.bbox.height), None
        )
        if line is None:
            lines.append([w])
        else:
            line.append(w)
    return [sorted(line, key=lambda w: w.bbox.x0) for line in lines]


def _fit_confidence(reg: Registration) -> float:
    """Many anchors that agree closely: a box is where the template says."""
    return min(1.0, 0.8 + reg.anchors / 100) * (1.0 if reg.residual < 2 else 0.9)


def _money(text: str) -> str | None:
    """A CMS-1500 amount. The form splits dollars and cents with a rule: typed into the form it
    reads "150 00" or "150.00"; read from a scan the rule comes out as ":", "'", "!" or "|", or
    is lost with a mark left at the end ("15000!"), and the cents are still the last two digits.
    A plain number ("75") is whole dollars."""
    tokens = [t for t in text.replace("$", " ").split() if re.search(r"\d", t)]
    if not tokens:
        return None
    if (
        len(tokens) >= 2
        and re.fullmatch(r"\d{2}", tokens[-1])
        and re.fullmatch(r"[\d,]+", tokens[-2])
    ):
        dollars, cents_ = tokens[-2].replace(",", ""), tokens[-1]
    else:
        last = tokens[-1]
        if re.fullmatch(r"[\d,]*\d", last):
            dollars, cents_ = last.replace(",", ""), "00"
        else:
            m = re.fullmatch(r"[^\d]*([\d,]+?)[^\d,]*(\d{2})[^\d]*", last)
            if m is None:
                return None
            dollars, cents_ = m.group(1).replace(",", ""), m.group(2)
    if not dollars.isdigit():
        return None
    return format_money(Decimal(f"{dollars}.{cents_}"))


def _icd10(text: str, source: Source) -> str | None:
    """An ICD-10 code as printed; from OCR, with the characters OCR confuses set right."""
    return normalize_icd10(icd10_misread_fixed(text) if source is Source.OCR else text)


def _date(mm: str, dd: str, yy: str, *, birth: bool) -> str | None:
    parts = [re.sub(r"\D", "", p) for p in (mm, dd, yy)]
    if not all(parts):
        return None
    month, day, year = (int(p) for p in parts)
    if year < 100:
        pivot = date.today().year % 100
        year += 1900 if birth and year > pivot else 2000
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _date_from_run(text: str, *, birth: bool) -> str | None:
    """A date whose MM | DD | YY boxes OCR read as one run ("051141961"): the tick marks between
    the boxes come out as an extra "1" (or "l", "|"), which is dropped where a divider stands."""
    digits = re.sub(r"[^\dlI|]", "", text)
    for n in (len(digits),):
        if n in (6, 8) and digits.isdigit():
            return _date(digits[:2], digits[2:4], digits[4:], birth=birth)
    # one or two divider marks: after the month, and after the day
    for cuts in ((2,), (4,), (2, 5)):
        kept = "".join(c for i, c in enumerate(digits) if i not in cuts)
        marks_ok = all(digits[i] in "1lI|" for i in cuts if i < len(digits))
        if marks_ok and len(kept) in (6, 8) and kept.isdigit():
            got = _date(kept[:2], kept[2:4], kept[4:], birth=birth)
            if got:
                return got
    return None


class ClaimExtractor:
    name = "bpo.claim.v1"
    document_type = "claim"

    def extract(self, document: Document, settings: ExtractSettings) -> Extraction:
        template = cms1500()
        for page in document.pages:
            fields_named = {f.name for f in page.form_fields}
            registration = register(page, template)
            if registration is None and len(fields_named & set(template.boxes)) < 5:
                continue
            return self._from_form(FormReader(page, template, registration))
        from extractors.claim_summary import read_summary

        return read_summary(document, settings, self)

    def _from_form(self, form: FormReader) -> Extraction:
        fields: dict[str, Field] = {}
        page = form.page.number

        def put(name: str, value: str | None, read: Read | None, factor: float = 1.0) -> None:
            if value and read is not None:
                fields[name] = Field(
                    value, round(read.confidence * factor, 3), page, read.bbox, read.source
                )

        for box, name in TEXT_FIELDS.items():
            read = (
                form.first_line(box) if name in ("payer_name", "provider_name") else form.text(box)
            )
            if read is None:
                continue
            if name in MONEY:
                put(name, _money(read.text), read)
            elif name == "provider_npi":
                put(name, normalize_code(read.text), read)
            else:
                put(name, read.text, read)
        put("patient_dob", *self._date(form, ("birth_mm", "birth_dd", "birth_yy"), birth=True))
        sex = form.state("sex")
        if sex is not None and sex.text[:1].upper() in ("M", "F"):
            put("patient_sex", sex.text[:1].upper(), sex)
        codes, code_reads = [], []
        for box in DIAGNOSES:
            read = form.text(box)
            code = _icd10(read.text, read.source) if read else None
            unsure = read is not None and read.source is Source.OCR and read.confidence < 0.7
            if code and unsure and not icd10cm_in_code_set(code):
                continue  # an unsure reading that is no code at all: a mark, not a code
            if code and read:
                codes.append(code)
                # a code ICD-10-CM does not know is more likely misread than miscoded
                code_reads.append(
                    read if valid_icd10cm(code) else replace(read, confidence=read.confidence * 0.6)
                )
        if codes:
            fields["diagnosis_codes"] = Field(
                tuple(codes),
                round(min(r.confidence for r in code_reads), 3),
                page,
                BBox.enclosing([r.bbox for r in code_reads]),
                code_reads[0].source,
            )
        lines = [line for i in range(1, LINES + 1) if (line := self._service_line(form, i))]
        dates = sorted(d for line, _ in lines for d in (line.service_date,) if d)
        if dates:
            first = lines[0][1]
            put("service_date_from", dates[0], first)
            put("service_date_to", dates[-1], first)
        return Extraction(
            document_type=self.document_type,
            extractor=self.name,
            fields=fields,
            service_lines=tuple(line for line, _ in lines),
        )

    def _date(
        self, form: FormReader, boxes: tuple[str, ...], *, birth: bool = False
    ) -> tuple[str | None, Read | None]:
        """A date printed in three boxes; read together when OCR ran them into one word."""
        parts = [form.text(b) for b in boxes]
        if all(parts):
            value = _date(*(p.text for p in parts if p), birth=birth)
            if value:
                return value, parts[-1]
        whole = form.span(boxes)
        if whole is None:
            return None, None
        return _date_from_run(whole.text, birth=birth), whole

    def _service_line(self, form: FormReader, i: int) -> tuple[ServiceLine, Read] | None:
        code = form.text(f"cpt{i}")
        charge = form.text(f"ch{i}")
        if code is None and charge is None:
            return None
        served, _ = self._date(form, tuple(f"sv{i}_{p}_from" for p in ("mm", "dd", "yy")))
        modifiers = tuple(
            normalize_code(m.text)
            for suffix in ("", "a", "b", "c")
            if (m := form.text(f"mod{i}{suffix}")) is not None
            and re.fullmatch(r"[A-Z0-9]{2}", normalize_code(m.text))
        )
        pointer = form.text(f"diag{i}")
        units = form.text(f"day{i}")
        units_value = parse_quantity(units.text) if units else None
        anchor = code or charge
        assert anchor is not None
        code_shaped = code is not None and bool(
            re.fullmatch(r"(?=.*\d)[A-Z0-9]{4,6}", normalize_code(code.text))
        )
        if not code_shaped and not (charge and _money(charge.text)):
            return None  # marks in the row, nothing a service line is made of
        line = ServiceLine(
            service_date=served,
            procedure_code=normalize_code(code.text) if code else None,
            modifiers=modifiers,
            diagnosis_pointer=re.sub(r"[^A-L0-9]", "", pointer.text.upper()) or None
            if pointer
            else None,
            units=format_quantity(units_value) if units_value is not None else None,
            charge=_money(charge.text) if charge else None,
        )
        return line, anchor
