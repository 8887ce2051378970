"""Truth model: what an invoice says, and what the expected JSON records."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from extractors.model import FIELDS

from .ids import BankAccount


@dataclass
class Brand:
    """Visual identity of a vendor (kept stable across its documents)."""

    color: tuple[float, float, float]
    accent: tuple[float, float, float]
    logo: str  # shape kind, see layouts.base.draw_logo
    short_name: str
    tagline: str | None = None


@dataclass
class Party:
    name: str
    address: list[str]  # address lines without the name
    country: str  # ISO 3166 alpha-2
    tax_id: str | None = None  # compact normal form
    phone: str | None = None
    email: str | None = None
    website: str | None = None
    contact: str | None = None


@dataclass
class Vendor(Party):
    brand: Brand | None = None
    bank: BankAccount | None = None
    registration: str | None = None  # "Amtsgericht Stuttgart, HRB 12345", "KvK 12345678", ...
    siret: str | None = None
    capital: str | None = None  # French "SARL au capital de 10 000 €"
    managing_director: str | None = None
    industry: str = "office"
    invoice_format: str = "INV-{n:05d}"  # placeholders: n, year, yy, mm, code
    invoice_seq: int = 1000
    code: str = "A1B2C3D4"  # random-looking prefix for SaaS style numbers


@dataclass
class LineItem:
    description: str
    quantity: Decimal
    unit_price: Decimal
    amount: Decimal
    product_code: str | None = None
    unit: str | None = None  # unit key, see fakedata.UNITS
    service_date: date | None = None


@dataclass
class Invoice:
    """Everything printed on one invoice. Values are the PRINTED values (planted errors included)."""

    family: str
    lang: str  # en / de / fr / nl
    country: str  # vendor country
    currency: str
    vendor: Vendor
    customer: Party
    number: str | None
    issue_date: date
    items: list[LineItem]
    tax_rate: Decimal
    subtotal: Decimal
    tax_amount: Decimal
    total: Decimal
    amount_due: Decimal
    due_date: date | None = None
    delivery_date: date | None = None
    ship_to: Party | None = None
    purchase_order: str | None = None
    customer_number: str | None = None
    terms_days: int | None = None
    paid: Decimal = Decimal("0.00")
    show_amount_due: bool = True
    reverse_charge: bool = False
    copy_label: str | None = None  # "COPY" / "DUPLICATE" stamp on re-issued documents
    document_type: str = "invoice"
    planted_errors: list[str] = field(default_factory=list)
    extra: dict[str, str] = field(default_factory=dict)


@dataclass
class Expected:
    """Content of NAME.expected.json; filled by the renderer while it draws."""

    layout: str
    document_type: str = "invoice"
    scanned: bool = False
    language: str = "en"
    pages: int = 1
    fields: dict[str, str] = field(default_factory=dict)
    line_items: list[dict[str, str]] = field(default_factory=list)
    planted_errors: list[str] = field(default_factory=list)
    scan: dict[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "document_type": self.document_type,
            "scanned": self.scanned,
            "layout": self.layout,
            "language": self.language,
            "pages": self.pages,
            "fields": dict(sorted(self.fields.items(), key=lambda kv: FIELD_ORDER.index(kv[0]))),
            "line_items": self.line_items,
            "planted_errors": self.planted_errors,
        }
        if self.scan is not None:
            out["scan"] = self.scan
        return out


FIELD_ORDER = list(FIELDS["invoice"])  # the contract's field names, in its order
