"""Operations figures: straight-through rate, exceptions per rule, turnaround, backlog, SLA
breaches and corrections per field — for one client, or for all (`client_id=None`)."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from service.db import AuditEvent, DocStatus, DocumentRow, ReviewTaskRow, TaskStatus, utcnow
from service.schemas import Backlog, Kpis, Percentiles


def _percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    rank = q * (len(ordered) - 1)
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return round(ordered[low] + (ordered[high] - ordered[low]) * (rank - low), 3)


def compute(session: Session, client_id: str | None, since: datetime, until: datetime) -> Kpis:
    now = utcnow()
    docs = select(DocumentRow).where(
        DocumentRow.created_at >= since,
        DocumentRow.created_at < until,
        DocumentRow.status != DocStatus.SPLIT.value,  # its parts are counted instead
    )
    if client_id is not None:
        docs = docs.where(DocumentRow.client_id == client_id)
    rows = list(session.scalars(docs))
    by_status = Counter(r.status for r in rows)
    processed = [r for r in rows if DocStatus(r.status).done]
    straight = by_status[DocStatus.AUTO_APPROVED.value]
    # what sent each document to review when it was read (corrections later change the result)
    opened = (
        select(AuditEvent.after)
        .join(DocumentRow, DocumentRow.id == AuditEvent.document_id)
        .where(
            AuditEvent.action == "review_opened",
            DocumentRow.created_at >= since,
            DocumentRow.created_at < until,
        )
    )
    if client_id is not None:
        opened = opened.where(DocumentRow.client_id == client_id)
    exceptions: Counter[str] = Counter()
    for after in session.scalars(opened):
        exceptions.update((after or {}).get("reasons", []))
    turnaround = [
        (r.decided_at - r.created_at).total_seconds() for r in rows if r.decided_at is not None
    ]
    tasks = select(ReviewTaskRow).where(
        ReviewTaskRow.created_at < until,
        (ReviewTaskRow.status == TaskStatus.OPEN.value) | (ReviewTaskRow.decided_at >= since),
    )
    if client_id is not None:
        tasks = tasks.where(ReviewTaskRow.client_id == client_id)
    task_rows = list(session.scalars(tasks))
    open_ages = [
        (now - t.created_at).total_seconds() for t in task_rows if t.status == TaskStatus.OPEN.value
    ]
    breaches = sum(1 for t in task_rows if (t.decided_at or now) > t.due_at)
    corrections = select(AuditEvent.field, func.count()).where(
        AuditEvent.action == "corrected", AuditEvent.at >= since, AuditEvent.at < until
    )
    if client_id is not None:
        corrections = corrections.where(AuditEvent.client_id == client_id)
    per_field = {
        str(name): int(count)
        for name, count in session.execute(corrections.group_by(AuditEvent.field)).all()
    }
    return Kpis(
        client=client_id or "*",
        since=since,
        until=until,
        documents=len(rows),
        by_status=dict(sorted(by_status.items())),
        straight_through_rate=round(straight / len(processed), 4) if processed else None,
        exceptions_per_rule=dict(exceptions.most_common()),
        turnaround_seconds=Percentiles(
            p50=_percentile(turnaround, 0.5), p95=_percentile(turnaround, 0.95)
        ),
        backlog=Backlog(
            open=len(open_ages),
            oldest_age_seconds=round(max(open_ages), 1) if open_ages else None,
            median_age_seconds=_percentile(open_ages, 0.5),
        ),
        sla_breaches=breaches,
        corrections_per_field=per_field,
    )
