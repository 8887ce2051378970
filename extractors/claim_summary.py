"""Claims that are not on a CMS-1500: a clearing house's claim summary or claim detail report.

Read like an invoice: labels in their wordings (`vocab/claim.toml`) with the value beside or
under them, and the service lines from the table under a header row that names at least three
of its columns (date of service, procedure code, modifiers, diagnosis pointer, units, charge).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from extractors.api import ExtractSettings
from extractors.invoice import (  # the invoice extractor's value parsers serve claims as well
    _date_parser,
    _id_value,
    _money_parser,
    _wordings,
)
from extractors.layout import (
    Candidate,
    LabelHit,
    LabelIndex,
    Line,
    PageLayout,
    layout,
    pick,
    values_near,
)
from extractors.model import BBox, Document, Extraction, Field, ServiceLine, Source, Word
from extractors.values import (
    DateOrder,
    fold_text,
    format_quantity,
    icd10_misread_fixed,
    icd10cm_in_code_set,
    infer_date_order,
    infer_decimal_separator,
    normalize_code,
    normalize_icd10,
    parse_quantity,
    procedure_code_kind,
)

if TYPE_CHECKING:
    from extractors.claim import ClaimExtractor

VOCAB = Path(__file__).parent / "vocab" / "claim.toml"
with VOCAB.open("rb") as _fh:
    _DATA = tomllib.load(_fh)
LABELS = LabelIndex({k: _wordings(v) for k, v in _DATA["labels"].items()})
COLUMNS = LabelIndex({k: _wordings(v) for k, v in _DATA["columns"].items()})
SECTIONS = LabelIndex({k: _wordings(v) for k, v in _DATA["sections"].items()})
_OCR_CODE = re.compile(r"[A-Z0-9]{2}[0-9A-Z](?:\.[0-9A-Z]{1,4})")  # a code OCR may have misread
ICD_TOKEN = re.compile(r"\b[A-TV-Z]\d[0-9A-Z](?:\.?[0-9A-Z]{1,4})?\b")


def _name_value(words: Sequence[Word]) -> tuple[str, tuple[Word, ...]] | None:
    """A person's or organisation's name: the words up to the next label-like colon."""
    kept: list[Word] = []
    for w in words:
        if kept and w.text.endswith(":"):
            break
        kept.append(w)
    text = re.sub(r"\s*\.{3,}\s*", " ", " ".join(w.text for w in kept)).strip(" :")
    if len(text) < 2 or not re.search(r"[^\W\d]", text) or LABELS.exact(text) is not None:
        return None
    return text, tuple(kept)


def _sex_value(words: Sequence[Word]) -> tuple[str, tuple[Word, ...]] | None:
    for w in words[:2]:
        token = fold_text(w.text)
        if token in ("m", "male"):
            return "M", (w,)
        if token in ("f", "female"):
            return "F", (w,)
    return None


def _npi_value(words: Sequence[Word]) -> tuple[str, tuple[Word, ...]] | None:
    for w in words[:3]:
        token = normalize_code(w.text.strip(":#"))
        if re.fullmatch(r"\d{10}", token):
            return token, (w,)
    return None


def _tax_id_value(words: Sequence[Word]) -> tuple[str, tuple[Word, ...]] | None:
    for w in words[:3]:
        token = w.text.strip(":#,;")
        if re.fullmatch(r"\d{2}-\d{7}|\d{3}-\d{2}-\d{4}|\d{9}", token):
            return token, (w,)
    return None


def read_summary(
    document: Document, settings: ExtractSettings, extractor: ClaimExtractor
) -> Extraction:
    pages = layout(document)
    texts = [ln.text for p in pages for ln in p.lines]
    decimal = infer_decimal_separator(texts)
    order = infer_date_order(texts, settings.date_order or "MDY")
    lines, table = _service_lines(pages, decimal, order)
    hits = [
        (h, p)
        for p in pages
        for ln in p.lines
        if (p.page.number, ln.index) not in table
        for s in ln.segments
        for h in LABELS.hits(s)
    ]
    money = _money_parser(decimal)
    parsers = {
        "claim_number": _id_value,
        "payer_name": _name_value,
        "patient_name": _name_value,
        "patient_dob": _date_parser(order),
        "patient_sex": _sex_value,
        "member_id": _id_value,
        "insured_name": _name_value,
        "group_number": _id_value,
        "provider_name": _name_value,
        "provider_npi": _npi_value,
        "billing_tax_id": _tax_id_value,
        "total_charge": money,
        "amount_paid": money,
    }
    fields: dict[str, Field] = {}
    sectioned = _section_names(pages)
    for name, parse in parsers.items():
        candidates: list[Candidate] = list(sectioned.get(name, []))
        for hit, page in hits:
            if hit.field == name:
                candidates.extend(
                    values_near(hit, page, parse, LABELS, below=True, whole_tail=False)
                )
        picked = pick(candidates)
        if picked is not None:
            best, confidence = picked
            fields[name] = Field(
                best.value, round(confidence, 3), best.page, best.bbox, best.words[0].source
            )
    codes = _diagnosis_codes(hits)
    if codes is not None:
        fields["diagnosis_codes"] = codes
    dates = sorted(row.line.service_date for row in lines if row.line.service_date)
    if dates:
        first = lines[0]
        for name, value in (("service_date_from", dates[0]), ("service_date_to", dates[-1])):
            fields[name] = Field(value, first.confidence, first.page, first.bbox, first.source)
    return Extraction(
        document_type=extractor.document_type,
        extractor=extractor.name,
        fields=fields,
        service_lines=tuple(row.line for row in lines),
    )


@dataclass(frozen=True)
class _Row:
    line: ServiceLine
    page: int
    bbox: BBox
    confidence: float
    source: Source


def _section_names(pages: list[PageLayout]) -> dict[str, list[Candidate]]:
    """Blocks headed by the party they describe ("PAYER", "BILLING PROVIDER") and holding a
    "Name" line: that line's value is the party's name."""
    out: dict[str, list[Candidate]] = {}
    for page in pages:
        for line in page.lines:
            for heading in line.segments:
                if not SECTIONS.is_label(heading) or heading.text.upper() != heading.text:
                    continue  # a heading stands alone, in capitals
                field = SECTIONS.hits(heading)[0].field
                for below in page.lines[line.index + 1 : line.index + 8]:
                    cells = [s for s in below.segments if abs(s.bbox.x0 - heading.bbox.x0) < 15]
                    if not cells:
                        continue
                    if SECTIONS.is_label(cells[0]) and cells[0].text.isupper():
                        break  # the next block
                    if fold_text(cells[0].text) != "name":
                        continue
                    right = [s for s in below.segments if s.bbox.x0 > cells[0].bbox.x1]
                    got = _name_value(right[0].words) if right else None
                    if got:
                        value, words = got
                        out.setdefault(field, []).append(
                            Candidate(
                                value,
                                0.95,
                                page.page.number,
                                BBox.enclosing([w.bbox for w in words]),
                                words,
                            )
                        )
                    break
    return out


def _diagnosis_codes(hits: list[tuple[LabelHit, PageLayout]]) -> Field | None:
    """ICD-10 codes after a diagnosis label: on its line and the lines right under it."""
    for hit, page in hits:
        if hit.field != "diagnosis_codes":
            continue
        segment = hit.segment
        found: list[tuple[str, Word]] = []
        for line in page.lines[segment.line : segment.line + 4]:
            words = [
                w for w in line.words if line.index != segment.line or w.bbox.x0 >= segment.bbox.x0
            ]
            for w in words:
                token = w.text.strip(",;:()")
                if (
                    w.source is Source.OCR
                    and _OCR_CODE.fullmatch(token)
                    and not ICD_TOKEN.fullmatch(token)
                ):
                    # "RO5.9": set right only when that makes a code ICD-10-CM knows, not an
                    # amount ("110.00") into a code
                    fixed = normalize_icd10(icd10_misread_fixed(token))
                    if fixed and icd10cm_in_code_set(fixed):
                        token = fixed
                if ICD_TOKEN.fullmatch(token):
                    code = normalize_icd10(token)
                    if code and code not in [c for c, _ in found]:
                        found.append((code, w))
            if line.index > segment.line and not any(
                ICD_TOKEN.fullmatch(w.text.strip(",;:()")) for w in line.words
            ):
                break
        if found:
            return Field(
                tuple(c for c, _ in found),
                round(0.9 * min(w.confidence for _, w in found), 3),
                page.page.number,
                BBox.enclosing([w.bbox for _, w in found]),
                found[0][1].source,
            )
    return None


def _service_lines(
    pages: list[PageLayout], decimal: str | None, order: DateOrder
) -> tuple[list[_Row], set[tuple[int, int]]]:
    """Rows under a header naming three or more service-line columns, until a row that holds
    neither a date nor a procedure code."""
    date_of = _date_parser(order)
    money = _money_parser(decimal)
    out: list[_Row] = []
    table: set[tuple[int, int]] = set()
    for page in pages:
        for i, line in enumerate(page.lines):
            columns = _header(line)
            if columns is None:
                continue
            table.add((page.page.number, line.index))
            for row in page.lines[i + 1 :]:
                cells = _cells(row, columns)
                code = next(
                    (
                        normalize_code(w.text)
                        for w in cells.get("procedure_code", [])
                        if procedure_code_kind(w.text) or re.fullmatch(r"[A-Z0-9]{5}", w.text)
                    ),
                    None,
                )
                served = date_of(cells.get("service_date", []))
                if code is None and served is None:
                    break
                table.add((page.page.number, row.index))
                charge = money(cells["charge"]) if cells.get("charge") else None
                units = _quantity(cells.get("units", []))
                pointer = "".join(w.text for w in cells.get("diagnosis_pointer", []))
                pointer = re.sub(r"[^A-L0-9]", "", pointer.upper())
                modifiers = tuple(
                    m
                    for w in cells.get("modifiers", [])
                    for m in re.split(r"[,\s]+", normalize_code(w.text.replace(",", " ")))
                    if re.fullmatch(r"[A-Z0-9]{2}", m)
                )
                out.append(
                    _Row(
                        ServiceLine(
                            service_date=served[0] if served else None,
                            procedure_code=code,
                            modifiers=modifiers,
                            diagnosis_pointer=pointer or None,
                            units=units,
                            charge=charge[0] if charge else None,
                        ),
                        page.page.number,
                        row.bbox,
                        round(0.9 * min(w.confidence for w in row.words), 3),
                        row.words[0].source,
                    )
                )
            if out:
                return out, table
    return out, table


def _quantity(words: Sequence[Word]) -> str | None:
    for w in words:
        q = parse_quantity(w.text)
        if q is not None:
            return format_quantity(q)
    return None


def _header(line: Line) -> list[tuple[str, BBox]] | None:
    found: list[tuple[str, BBox]] = []
    for seg in line.segments:
        for hit in COLUMNS.hits(seg):
            found.append((hit.field, hit.bbox))
    kinds = {k for k, _ in found if not k.startswith("_")}
    if len(kinds) >= 3 and "procedure_code" in kinds:
        return sorted(found, key=lambda c: c[1].x0)
    return None


def _cells(line: Line, columns: list[tuple[str, BBox]]) -> dict[str, list[Word]]:
    """Each word goes to the column whose header it overlaps most, or the nearest one."""
    cells: dict[str, list[Word]] = {}
    for w in line.words:
        best = max(
            columns,
            key=lambda c: (w.bbox.h_overlap(c[1]), -abs(w.bbox.cx - c[1].cx)),
        )
        if best[0].startswith("_"):
            continue
        cells.setdefault(best[0], []).append(w)
    return cells
