"""The API's request and response models, kept apart from the database rows and the domain model."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

EXAMPLE_ID = "2b1f9a4e-6c1d-4f7e-9b55-0c7d3f0e8a21"
EXAMPLE_TASK = "9a3e77c2-1f0b-5d1e-8c4a-3e2f1d0c9b8a"

EXAMPLE_RESULT: dict[str, Any] = {
    "source": "acme-0001.pdf",
    "sha256": "9f2c…",
    "document_type": "invoice",
    "classification_confidence": 0.97,
    "pages": 1,
    "ocr": False,
    "fields": {
        "invoice_number": {
            "value": "INV-10023",
            "confidence": 0.98,
            "page": 1,
            "bbox": [72.0, 96.5, 160.2, 108.0],
            "source": "text",
        },
        "total_amount": {
            "value": "1210.00",
            "confidence": 0.95,
            "page": 1,
            "bbox": [450.1, 610.0, 520.0, 622.0],
            "source": "text",
        },
    },
    "line_items": [
        {
            "description": "Widget, blue",
            "quantity": "2",
            "unit_price": "500.00",
            "amount": "1000.00",
        }
    ],
    "service_lines": [],
    "issues": [
        {
            "rule": "invoice.totals_add_up",
            "severity": "error",
            "message": "subtotal 1000.00 + tax 210.00 = 1210.00, but total reads 1201.00",
            "fields": ["subtotal", "tax_amount", "total_amount"],
        }
    ],
    "status": "needs_review",
    "error": None,
}


class Accepted(BaseModel):
    id: str
    filename: str
    status: str
    status_url: str
    duplicate: bool = Field(
        description="True when the client had uploaded these same bytes before: the answer is "
        "that earlier document (upload with ?duplicate=new to process them again)."
    )


class UploadAccepted(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "documents": [
                        {
                            "id": EXAMPLE_ID,
                            "filename": "acme-0001.pdf",
                            "status": "queued",
                            "status_url": f"/v1/documents/{EXAMPLE_ID}",
                            "duplicate": False,
                        }
                    ]
                }
            ]
        }
    )

    documents: list[Accepted]


class DocumentOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": EXAMPLE_ID,
                    "status": "needs_review",
                    "filename": "acme-0001.pdf",
                    "kind": "pdf",
                    "size": 48211,
                    "sha256": "9f2c…",
                    "document_type": "invoice",
                    "created_at": "2026-11-23T09:00:00Z",
                    "processed_at": "2026-11-23T09:00:02Z",
                    "decided_at": None,
                    "parent_id": None,
                    "parts": [],
                    "page_range": None,
                    "review_task_id": EXAMPLE_TASK,
                    "result": EXAMPLE_RESULT,
                    "error": None,
                    "version": 2,
                }
            ]
        }
    )

    id: str
    status: str = Field(
        description="queued, processing, auto_approved, needs_review, approved, rejected, "
        "failed, or split (the file held several documents: see parts)"
    )
    filename: str
    kind: str
    size: int
    sha256: str
    document_type: str | None
    created_at: datetime
    processed_at: datetime | None
    decided_at: datetime | None
    parent_id: str | None
    parts: list[str] = Field(default_factory=list)
    page_range: str | None
    review_task_id: str | None
    result: dict[str, Any] | None = Field(
        description="The result contract (shared/CONTRACT.md) once processed; as corrected by "
        "reviewers when they have."
    )
    error: str | None
    version: int


class DocumentList(BaseModel):
    items: list[DocumentOut]
    next: str | None = Field(description="The next page's URL, or null on the last page.")


class Lease(BaseModel):
    owner: str
    expires_at: datetime


class TaskOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": EXAMPLE_TASK,
                    "document_id": EXAMPLE_ID,
                    "status": "open",
                    "priority": 1,
                    "reasons": ["invoice.totals_add_up"],
                    "created_at": "2026-11-23T09:00:02Z",
                    "due_at": "2026-11-24T09:00:00Z",
                    "overdue": False,
                    "lease": {"owner": "alice", "expires_at": "2026-11-23T09:15:02Z"},
                    "version": 2,
                    "decided_at": None,
                    "decided_by": None,
                    "reason_code": None,
                    "note": None,
                    "filename": "acme-0001.pdf",
                    "document_type": "invoice",
                }
            ]
        }
    )

    id: str
    document_id: str
    status: Literal["open", "approved", "rejected"]
    priority: int
    reasons: list[str] = Field(description="The rules whose errors sent the document here.")
    created_at: datetime
    due_at: datetime
    overdue: bool
    lease: Lease | None
    version: int = Field(description="Send it back with a change; a stale one gets 409.")
    decided_at: datetime | None
    decided_by: str | None
    reason_code: str | None
    note: str | None
    filename: str
    document_type: str | None


class TaskDetail(TaskOut):
    result: dict[str, Any] | None


class TaskList(BaseModel):
    items: list[TaskOut]
    next: str | None


class ClaimRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: int | None = Field(None, description="If given, must be the task's version.")


class Corrections(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"version": 2, "fields": {"total_amount": "1210.00", "due_date": None}}]
        },
    )

    version: int
    fields: dict[str, str | bool | list[str] | None] = Field(
        description="Field name → its value in normal form (shared/CONTRACT.md); null removes "
        "the field. The rules run again on the corrected values."
    )


RejectReason = Literal[
    "illegible", "incomplete", "duplicate", "not_our_document", "suspected_fraud", "other"
]


class Approve(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"version": 3}]})
    version: int
    reason_code: str | None = Field(None, max_length=64)
    note: str | None = Field(None, max_length=2000)


class Reject(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"version": 3, "reason_code": "illegible", "note": "page 2 is cut off"}]
        },
    )
    version: int
    reason_code: RejectReason
    note: str | None = Field(None, max_length=2000)


class AuditOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": 17,
                    "at": "2026-11-23T09:05:00Z",
                    "actor": "key:3fa2c1d0e9b8 (alice)",
                    "action": "corrected",
                    "field": "total_amount",
                    "before": "1201.00",
                    "after": "1210.00",
                }
            ]
        }
    )

    id: int
    at: datetime
    actor: str
    action: str
    field: str | None
    before: Any
    after: Any


class Percentiles(BaseModel):
    p50: float | None
    p95: float | None


class Backlog(BaseModel):
    open: int
    oldest_age_seconds: float | None
    median_age_seconds: float | None


class Kpis(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "client": "acme",
                    "since": "2026-10-24T00:00:00Z",
                    "until": "2026-11-23T00:00:00Z",
                    "documents": 120,
                    "by_status": {"auto_approved": 70, "approved": 38, "needs_review": 9},
                    "straight_through_rate": 0.6,
                    "exceptions_per_rule": {"invoice.totals_add_up": 12},
                    "turnaround_seconds": {"p50": 4.2, "p95": 7200.0},
                    "backlog": {"open": 9, "oldest_age_seconds": 5400, "median_age_seconds": 1800},
                    "sla_breaches": 2,
                    "corrections_per_field": {"total_amount": 5},
                }
            ]
        }
    )

    client: str
    since: datetime
    until: datetime
    documents: int
    by_status: dict[str, int]
    straight_through_rate: float | None = Field(
        description="Share of processed documents approved with no person involved."
    )
    exceptions_per_rule: dict[str, int]
    turnaround_seconds: Percentiles = Field(
        description="Upload to final decision (automatic, or a reviewer's)."
    )
    backlog: Backlog
    sla_breaches: int = Field(description="Review tasks decided after, or still open past, due.")
    corrections_per_field: dict[str, int]


class SettingsOut(BaseModel):
    sla_hours: float | None
    min_confidence: float | None
    rule_overrides: dict[str, dict[str, dict[str, Any]]]
    webhook_url: str | None
    webhook_secret_set: bool


class Me(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"key_id": "3fa2c1d0e9b8", "client": "acme", "role": "reviewer", "name": "alice"}
            ]
        }
    )

    key_id: str
    client: str
    role: Literal["submitter", "reviewer", "admin"]
    name: str
