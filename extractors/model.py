"""The typed document model every layer passes around.

Everything here is frozen: a stage takes a model and returns a new one. Boxes follow pdfplumber's
convention (`x0, top, x1, bottom` in PDF points from the top-left of the page); OCR boxes are
scaled to 72 dpi so that the two sources can be compared directly.

This module imports nothing of ours.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


class Source(enum.StrEnum):
    """Where a word or a value came from."""

    TEXT = "text"  # the PDF's own text layer
    OCR = "ocr"  # Tesseract on a rendered page or an image
    FORM = "form"  # a PDF form field's value
    RULE = "rule"  # derived by arithmetic that must hold (e.g. total = subtotal + tax)
    PERSON = "person"  # corrected by a reviewer


class Severity(enum.StrEnum):
    ERROR = "error"  # sends the document to review
    WARNING = "warning"  # shown to the reviewer, does not block straight-through
    INFO = "info"


class Status(enum.StrEnum):
    AUTO_APPROVED = "auto_approved"
    NEEDS_REVIEW = "needs_review"
    FAILED = "failed"


# The field names of shared/CONTRACT.md, per document type, in the order exports print them.
FIELDS: dict[str, tuple[str, ...]] = {
    "invoice": (
        "vendor_name",
        "vendor_address",
        "vendor_tax_id",
        "customer_name",
        "customer_address",
        "invoice_number",
        "invoice_date",
        "due_date",
        "purchase_order",
        "currency",
        "subtotal",
        "tax_amount",
        "total_amount",
        "amount_due",
        "payment_terms",
        "bank_account",
    ),
    "claim": (
        "claim_number",
        "payer_name",
        "patient_name",
        "patient_dob",
        "patient_sex",
        "member_id",
        "insured_name",
        "group_number",
        "provider_name",
        "provider_npi",
        "billing_tax_id",
        "diagnosis_codes",
        "total_charge",
        "amount_paid",
        "service_date_from",
        "service_date_to",
    ),
    "contract": (
        "contract_title",
        "parties",
        "effective_date",
        "expiration_date",
        "term",
        "auto_renewal",
        "renewal_term",
        "termination_notice_days",
        "governing_law",
        "contract_value",
        "currency",
        "payment_terms",
        "signatories",
    ),
}


# The normal form each field's value takes (shared/CONTRACT.md, "Normal forms of values"): what
# a value typed by a person is checked against before it replaces a read one.
FIELD_KINDS: dict[str, str] = {
    **dict.fromkeys(
        (
            "invoice_date",
            "due_date",
            "patient_dob",
            "service_date_from",
            "service_date_to",
            "effective_date",
            "expiration_date",
        ),
        "date",
    ),
    **dict.fromkeys(
        (
            "subtotal",
            "tax_amount",
            "total_amount",
            "amount_due",
            "total_charge",
            "amount_paid",
            "contract_value",
        ),
        "money",
    ),
    **dict.fromkeys(
        (
            "vendor_tax_id",
            "invoice_number",
            "purchase_order",
            "bank_account",
            "claim_number",
            "member_id",
            "group_number",
            "billing_tax_id",
        ),
        "code",
    ),
    "currency": "currency",
    "provider_npi": "npi",
    "patient_sex": "sex",
    "diagnosis_codes": "icd10_list",
    "parties": "text_list",
    "signatories": "text_list",
    "term": "duration",
    "renewal_term": "duration",
    "termination_notice_days": "days",
    "auto_renewal": "boolean",
}


@dataclass(frozen=True, slots=True)
class BBox:
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2

    def union(self, other: BBox) -> BBox:
        return BBox(
            min(self.x0, other.x0),
            min(self.top, other.top),
            max(self.x1, other.x1),
            max(self.bottom, other.bottom),
        )

    def holds_centre(self, other: BBox) -> bool:
        """The other box's centre lies inside this one (edges included)."""
        return self.x0 <= other.cx <= self.x1 and self.top <= other.cy <= self.bottom

    def h_overlap(self, other: BBox) -> float:
        """Horizontal overlap in points (negative: the gap between the two)."""
        return min(self.x1, other.x1) - max(self.x0, other.x0)

    def v_overlap(self, other: BBox) -> float:
        return min(self.bottom, other.bottom) - max(self.top, other.top)

    def as_list(self) -> list[float]:
        return [round(self.x0, 1), round(self.top, 1), round(self.x1, 1), round(self.bottom, 1)]

    @staticmethod
    def enclosing(boxes: list[BBox] | tuple[BBox, ...]) -> BBox:
        return BBox(
            min(b.x0 for b in boxes),
            min(b.top for b in boxes),
            max(b.x1 for b in boxes),
            max(b.bottom for b in boxes),
        )


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    bbox: BBox
    confidence: float = 1.0  # 0..1; 1.0 for a text layer
    source: Source = Source.TEXT


@dataclass(frozen=True, slots=True)
class Page:
    number: int  # counts from 1
    width: float  # points
    height: float
    words: tuple[Word, ...]
    source: Source = Source.TEXT
    rotation: float = 0.0  # degrees the page image was turned to read it upright
    form_fields: tuple[FormField, ...] = ()  # values a fillable PDF form holds on this page


@dataclass(frozen=True, slots=True)
class FormField:
    """A value held in a fillable PDF form's field (AcroForm), and where the page shows it:
    the text of a text field, the chosen state of a check box or radio button ("M", "Yes")."""

    name: str  # the field's full name, parents joined by "."
    value: str
    bbox: BBox


@dataclass(frozen=True, slots=True)
class Document:
    source: str
    sha256: str
    pages: tuple[Page, ...]

    @property
    def ocr(self) -> bool:
        return any(p.source is Source.OCR for p in self.pages)

    @property
    def text(self) -> str:
        return "\n".join(" ".join(w.text for w in p.words) for p in self.pages)


FieldValue = str | bool | tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Field:
    """One extracted value in normal form, with how sure we are and where it came from."""

    value: FieldValue
    confidence: float
    page: int | None = None
    bbox: BBox | None = None
    source: Source = Source.TEXT

    def to_dict(self) -> dict[str, Any]:
        value: Any = list(self.value) if isinstance(self.value, tuple) else self.value
        return {
            "value": value,
            "confidence": round(self.confidence, 3),
            "page": self.page,
            "bbox": self.bbox.as_list() if self.bbox else None,
            "source": self.source.value,
        }

    @staticmethod
    def from_dict(data: Mapping[str, Any]) -> Field:
        value = data["value"]
        bbox = data.get("bbox")
        return Field(
            value=tuple(value) if isinstance(value, list) else value,
            confidence=float(data.get("confidence", 0.0)),
            page=data.get("page"),
            bbox=BBox(*bbox) if bbox else None,
            source=Source(data.get("source", Source.TEXT.value)),
        )


@dataclass(frozen=True, slots=True)
class LineItem:
    description: str | None
    quantity: str | None
    unit_price: str | None
    amount: str | None
    product_code: str | None = None
    confidence: float = 1.0
    page: int | None = None
    bbox: BBox | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "description": self.description,
            "quantity": self.quantity,
            "unit_price": self.unit_price,
            "amount": self.amount,
        }
        if self.product_code is not None:
            out["product_code"] = self.product_code
        out["confidence"] = round(self.confidence, 3)
        out["page"] = self.page
        out["bbox"] = self.bbox.as_list() if self.bbox else None
        return out

    @staticmethod
    def from_dict(data: Mapping[str, Any]) -> LineItem:
        bbox = data.get("bbox")
        return LineItem(
            description=data.get("description"),
            quantity=data.get("quantity"),
            unit_price=data.get("unit_price"),
            amount=data.get("amount"),
            product_code=data.get("product_code"),
            confidence=float(data.get("confidence", 1.0)),
            page=data.get("page"),
            bbox=BBox(*bbox) if bbox else None,
        )


@dataclass(frozen=True, slots=True)
class ServiceLine:
    """One service line of a claim (CMS-1500 box 24)."""

    service_date: str | None
    procedure_code: str | None
    modifiers: tuple[str, ...]
    diagnosis_pointer: str | None
    units: str | None
    charge: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "service_date": self.service_date,
            "procedure_code": self.procedure_code,
            "modifiers": list(self.modifiers),
            "diagnosis_pointer": self.diagnosis_pointer,
            "units": self.units,
            "charge": self.charge,
        }

    @staticmethod
    def from_dict(data: Mapping[str, Any]) -> ServiceLine:
        return ServiceLine(
            service_date=data.get("service_date"),
            procedure_code=data.get("procedure_code"),
            modifiers=tuple(data.get("modifiers") or ()),
            diagnosis_pointer=data.get("diagnosis_pointer"),
            units=data.get("units"),
            charge=data.get("charge"),
        )


def _frozen(mapping: Mapping[str, Field] | None = None) -> Mapping[str, Field]:
    # a plain dict behind a read-only type: MappingProxyType cannot cross a process boundary
    return dict(mapping or {})


@dataclass(frozen=True, slots=True)
class Classification:
    document_type: str  # invoice, claim, contract or unknown
    confidence: float
    classifier: str


@dataclass(frozen=True, slots=True)
class Extraction:
    """What an extractor found in one document; rules and routing come after."""

    document_type: str
    extractor: str
    fields: Mapping[str, Field] = field(default_factory=_frozen)
    line_items: tuple[LineItem, ...] = ()
    service_lines: tuple[ServiceLine, ...] = ()


@dataclass(frozen=True, slots=True)
class Issue:
    rule: str  # stable name reviewers and dashboards key on, e.g. "invoice.totals_add_up"
    severity: Severity
    message: str
    fields: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            "fields": list(self.fields),
        }

    @staticmethod
    def from_dict(data: Mapping[str, Any]) -> Issue:
        return Issue(
            rule=data["rule"],
            severity=Severity(data["severity"]),
            message=data["message"],
            fields=tuple(data.get("fields") or ()),
        )


@dataclass(frozen=True, slots=True)
class Result:
    """The result contract (shared/CONTRACT.md): the same from every way into the toolkit."""

    source: str
    sha256: str
    document_type: str
    classification_confidence: float
    pages: int
    ocr: bool
    fields: Mapping[str, Field]
    line_items: tuple[LineItem, ...]
    service_lines: tuple[ServiceLine, ...]
    issues: tuple[Issue, ...]
    status: Status
    error: str | None = None
    extractor: str | None = None
    # the pages of the file this document takes up, where the file holds several documents
    page_range: tuple[int, int] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "sha256": self.sha256,
            "document_type": self.document_type,
            "classification_confidence": round(self.classification_confidence, 3),
            "pages": self.pages,
            "ocr": self.ocr,
            "fields": {name: f.to_dict() for name, f in self.fields.items()},
            "line_items": [li.to_dict() for li in self.line_items],
            "service_lines": [sl.to_dict() for sl in self.service_lines],
            "issues": [i.to_dict() for i in self.issues],
            "status": self.status.value,
            "error": self.error,
            "extractor": self.extractor,
            "page_range": list(self.page_range) if self.page_range else None,
        }

    @staticmethod
    def failed(
        source: str,
        sha256: str,
        error: str,
        *,
        pages: int = 0,
        ocr: bool = False,
        page_range: tuple[int, int] | None = None,
    ) -> Result:
        """The result of a document that could not be read: no fields, and why, in a sentence."""
        return Result(
            source=source,
            sha256=sha256,
            document_type="unknown",
            classification_confidence=0.0,
            pages=pages,
            ocr=ocr,
            fields={},
            line_items=(),
            service_lines=(),
            issues=(),
            status=Status.FAILED,
            error=error,
            page_range=page_range,
        )

    @staticmethod
    def from_dict(data: Mapping[str, Any]) -> Result:
        return Result(
            source=data["source"],
            sha256=data.get("sha256", ""),
            document_type=data.get("document_type", "unknown"),
            classification_confidence=float(data.get("classification_confidence", 0.0)),
            pages=int(data.get("pages", 0)),
            ocr=bool(data.get("ocr", False)),
            fields=_frozen({k: Field.from_dict(v) for k, v in (data.get("fields") or {}).items()}),
            line_items=tuple(LineItem.from_dict(x) for x in data.get("line_items") or ()),
            service_lines=tuple(ServiceLine.from_dict(x) for x in data.get("service_lines") or ()),
            issues=tuple(Issue.from_dict(x) for x in data.get("issues") or ()),
            status=Status(data["status"]),
            error=data.get("error"),
            extractor=data.get("extractor"),
            page_range=(
                (int(data["page_range"][0]), int(data["page_range"][1]))
                if data.get("page_range")
                else None
            ),
        )

    def value(self, name: str) -> FieldValue | None:
        f = self.fields.get(name)
        return f.value if f else None
