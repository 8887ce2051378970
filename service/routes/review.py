"""/v1/review/tasks: the exception queue. Claim a task (a lease that expires), correct values (the
rules run again), approve or reject with a reason. Each write names the task's `version`; a stale
one, or a lease held by someone else, gets 409."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Query, Request
from sqlalchemy import select
from sqlalchemy.orm import Session

from extractors.model import FIELD_KINDS, FIELDS, Result
from extractors.values import normal_form
from service.db import DocStatus, DocumentRow, ReviewTaskRow, TaskStatus, utcnow
from service.deps import DbDep, Reviewer, SessionDep, SettingsDep
from service.keys import Principal
from service.problems import ProblemError, responses
from service.processing import (
    DbSeenIndex,
    audit,
    client_settings,
    corrected_field,
    review_reasons,
)
from service.schemas import (
    Approve,
    ClaimRequest,
    Corrections,
    Lease,
    Reject,
    TaskDetail,
    TaskList,
    TaskOut,
)
from service.tasks import notify

router = APIRouter(prefix="/v1/review/tasks", tags=["review"])


def task_out(row: ReviewTaskRow, document: DocumentRow, detail: bool = False) -> TaskOut:
    now = utcnow()
    lease = (
        Lease(owner=row.lease_owner_name or row.lease_owner, expires_at=row.lease_expires_at)
        if row.lease_owner and row.lease_expires_at and row.lease_expires_at > now
        else None
    )
    overdue = (row.decided_at or now) > row.due_at
    data: dict[str, Any] = dict(
        id=row.id,
        document_id=row.document_id,
        status=row.status,
        priority=row.priority,
        reasons=list(row.reasons or []),
        created_at=row.created_at,
        due_at=row.due_at,
        overdue=overdue,
        lease=lease,
        version=row.version,
        decided_at=row.decided_at,
        decided_by=row.decided_by,
        reason_code=row.reason_code,
        note=row.note,
        filename=document.filename,
        document_type=document.document_type,
    )
    if detail:
        return TaskDetail(**data, result=document.result)
    return TaskOut(**data)


def _own_task(session: Session, principal: Principal, task_id: str) -> ReviewTaskRow:
    row = session.get(ReviewTaskRow, task_id, with_for_update=True)
    if row is None or row.client_id != principal.client_id:
        raise ProblemError(404, "no-such-task", f"There is no review task {task_id}.")
    return row


def _document(session: Session, task: ReviewTaskRow) -> DocumentRow:
    document = session.get(DocumentRow, task.document_id, with_for_update=True)
    assert document is not None
    return document


def _check_version(task: ReviewTaskRow, version: int | None) -> None:
    if version is not None and version != task.version:
        raise ProblemError(
            409,
            "stale",
            f"Task {task.id} has changed (version {task.version}, not {version}); "
            "read it again and redo the change.",
            current_version=task.version,
        )


def _check_open(task: ReviewTaskRow) -> None:
    if task.status != TaskStatus.OPEN.value:
        raise ProblemError(
            409, "closed", f"Task {task.id} is already {task.status}; it cannot change."
        )


def _check_lease(task: ReviewTaskRow, principal: Principal) -> None:
    """Writes need the caller's own, unexpired lease."""
    now = utcnow()
    held = task.lease_owner is not None and task.lease_expires_at and task.lease_expires_at > now
    if held and task.lease_owner != principal.key_id:
        raise ProblemError(
            409,
            "lease-held",
            f"Task {task.id} is claimed by {task.lease_owner_name} until "
            f"{task.lease_expires_at:%Y-%m-%dT%H:%M:%SZ}.",
        )
    if not held:
        raise ProblemError(
            409,
            "not-claimed",
            f"Claim task {task.id} first (POST /v1/review/tasks/{task.id}/claim); "
            "a lease you held has expired if you had one.",
        )


@router.get("", response_model=TaskList, responses=responses(401, 403, 422))
def list_tasks(
    principal: Reviewer,
    session: SessionDep,
    status: Annotated[Literal["open", "approved", "rejected"], Query()] = "open",
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> TaskList:
    """The queue: soonest SLA due first, then highest priority, then oldest."""
    rows = session.execute(
        select(ReviewTaskRow, DocumentRow)
        .join(DocumentRow, DocumentRow.id == ReviewTaskRow.document_id)
        .where(ReviewTaskRow.client_id == principal.client_id, ReviewTaskRow.status == status)
        .order_by(ReviewTaskRow.due_at, ReviewTaskRow.priority.desc(), ReviewTaskRow.created_at)
        .offset(offset)
        .limit(limit + 1)
    ).all()
    next_url = None
    if len(rows) > limit:
        rows = rows[:limit]
        next_url = f"/v1/review/tasks?status={status}&limit={limit}&offset={offset + limit}"
    return TaskList(items=[task_out(t, d) for t, d in rows], next=next_url)


@router.get("/{task_id}", response_model=TaskDetail, responses=responses(401, 403, 404))
def get_task(task_id: str, principal: Reviewer, session: SessionDep) -> TaskOut:
    """A task with its document's result (as corrected so far)."""
    task = session.get(ReviewTaskRow, task_id)
    if task is None or task.client_id != principal.client_id:
        raise ProblemError(404, "no-such-task", f"There is no review task {task_id}.")
    return task_out(task, _document(session, task), detail=True)


@router.post("/{task_id}/claim", response_model=TaskDetail, responses=responses(401, 403, 404, 409))
def claim(
    task_id: str,
    principal: Reviewer,
    db: DbDep,
    settings: SettingsDep,
    body: Annotated[ClaimRequest | None, Body()] = None,
) -> TaskOut:
    """Take the task for `lease_seconds` (claiming again renews it). Another reviewer's live lease
    gets 409; an expired one is taken over."""
    with db.session() as session:
        task = _own_task(session, principal, task_id)
        _check_open(task)
        _check_version(task, body.version if body else None)
        now = utcnow()
        live = task.lease_owner and task.lease_expires_at and task.lease_expires_at > now
        if live and task.lease_owner != principal.key_id:
            _check_lease(task, principal)
        document = _document(session, task)
        before = task.lease_owner_name if live else None
        task.lease_owner = principal.key_id
        task.lease_owner_name = principal.name
        task.lease_expires_at = now + timedelta(seconds=settings.lease_seconds)
        task.updated_at = now
        audit(
            session,
            document,
            principal.actor,
            "claimed",
            before={"lease": before},
            after={"lease": principal.name, "until": task.lease_expires_at.isoformat()},
        )
        session.flush()  # the version moves on here (optimistic locking, service/db.py)
        return task_out(task, document, detail=True)


@router.post("/{task_id}/release", response_model=TaskOut, responses=responses(401, 403, 404, 409))
def release(task_id: str, principal: Reviewer, db: DbDep) -> TaskOut:
    """Give the task back to the queue before the lease runs out."""
    with db.session() as session:
        task = _own_task(session, principal, task_id)
        _check_open(task)
        _check_lease(task, principal)
        document = _document(session, task)
        task.lease_owner = task.lease_owner_name = None
        task.lease_expires_at = None
        task.updated_at = utcnow()
        audit(session, document, principal.actor, "released")
        session.flush()
        return task_out(task, document)


@router.patch("/{task_id}", response_model=TaskDetail, responses=responses(401, 403, 404, 409, 422))
def correct(
    task_id: str, corrections: Corrections, principal: Reviewer, db: DbDep, request: Request
) -> TaskOut:
    """Correct field values; the document's rules run again on them, and the task's reasons and
    the result's issues are what they find now. Each changed value is an audit event."""
    with db.session() as session:
        task = _own_task(session, principal, task_id)
        _check_open(task)
        _check_lease(task, principal)
        _check_version(task, corrections.version)
        document = _document(session, task)
        if document.result is None:
            raise ProblemError(
                409, "no-result", f"Document {document.id} has no result to correct."
            )
        result = Result.from_dict(document.result)
        known = FIELDS.get(result.document_type, ())
        unknown = [name for name in corrections.fields if name not in known]
        if unknown:
            raise ProblemError(
                422,
                "unknown-field",
                f"A {result.document_type} has no field {', '.join(unknown)} "
                f"(its fields: {', '.join(known) or 'none'}).",
            )
        problems = []
        typed: dict[str, object] = {}
        for name, value in corrections.fields.items():
            if value is None:
                continue
            typed[name], why = normal_form(FIELD_KINDS.get(name, "text"), value)
            if why:
                problems.append({"field": name, "value": value, "expected": why})
        if problems:
            raise ProblemError(
                422,
                "not-normal-form",
                "; ".join(f"{p['field']}: {p['expected']}" for p in problems),
                errors=problems,
            )
        changes = {}
        removed = []
        for name, value in corrections.fields.items():
            old = result.fields.get(name)
            before = old.to_dict()["value"] if old else None
            if value is None:
                if old is not None:
                    removed.append(name)
                    audit(
                        session, document, principal.actor, "corrected", field=name, before=before
                    )
                continue
            new = corrected_field(old, typed[name])
            after = new.to_dict()["value"]
            changes[name] = new
            # the same value again is a person confirming it: it is now certain
            action = "confirmed" if before == after else "corrected"
            audit(
                session, document, principal.actor, action, field=name, before=before, after=after
            )
        if removed:
            result = Result.from_dict(
                {
                    **result.to_dict(),
                    "fields": {
                        k: v.to_dict() for k, v in result.fields.items() if k not in removed
                    },
                }
            )
        pipeline = request.app.state.pipelines(client_settings(session, principal.client_id))
        revised = pipeline.revalidate(result, changes, DbSeenIndex(session, principal.client_id))
        issues_before = [i.rule for i in result.issues]
        document.result = revised.to_dict()
        document.version += 1
        task.reasons = review_reasons(revised)
        task.priority = len(task.reasons)
        task.updated_at = utcnow()  # every write moves the version on, even one that changes
        # nothing else on the task: two corrections from the same version cannot both land
        audit(
            session,
            document,
            principal.actor,
            "revalidated",
            before={"issues": issues_before},
            after={"issues": [i.rule for i in revised.issues]},
        )
        session.flush()  # the version moves on here (optimistic locking, service/db.py)
        return task_out(task, document, detail=True)


def _decide(
    db: Any,
    task_id: str,
    principal: Principal,
    version: int,
    decision: TaskStatus,
    reason_code: str | None,
    note: str | None,
) -> TaskOut:
    with db.session() as session:
        task = _own_task(session, principal, task_id)
        _check_open(task)
        _check_lease(task, principal)
        _check_version(task, version)
        document = _document(session, task)
        now = utcnow()
        task.status = decision.value
        task.decided_at = now
        task.decided_by = principal.name
        task.updated_at = now
        task.reason_code = reason_code
        task.note = note
        task.lease_owner = task.lease_owner_name = None
        task.lease_expires_at = None
        before = document.status
        document.status = (
            DocStatus.APPROVED.value
            if decision is TaskStatus.APPROVED
            else DocStatus.REJECTED.value
        )
        document.decided_at = now
        document.version += 1
        audit(
            session,
            document,
            principal.actor,
            decision.value,
            before={"status": before},
            after={
                "status": document.status,
                "reason_code": reason_code,
                "note": note,
                "open_issues": [i["rule"] for i in (document.result or {}).get("issues", [])],
            },
        )
        session.flush()
        out = task_out(task, document)
    notify(db, document.id)
    return out


@router.post("/{task_id}/approve", response_model=TaskOut, responses=responses(401, 403, 404, 409))
def approve(task_id: str, body: Approve, principal: Reviewer, db: DbDep) -> TaskOut:
    """Approve the document as it stands (with the corrections made)."""
    return _decide(
        db, task_id, principal, body.version, TaskStatus.APPROVED, body.reason_code, body.note
    )


@router.post("/{task_id}/reject", response_model=TaskOut, responses=responses(401, 403, 404, 409))
def reject(task_id: str, body: Reject, principal: Reviewer, db: DbDep) -> TaskOut:
    """Reject the document, with a reason code."""
    return _decide(
        db, task_id, principal, body.version, TaskStatus.REJECTED, body.reason_code, body.note
    )
