"""/v1/kpis, /v1/exports/documents, /v1/settings, and the probes /healthz and /readyz."""

from __future__ import annotations

import io
from datetime import datetime, timedelta
from typing import Annotated, Literal

import pandas as pd
from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse, Response
from sqlalchemy import select, text

from extractors.model import Result
from pipelines.export import tables
from service.clients import ClientSettings, PackError
from service.db import Client, DocStatus, DocumentRow, utcnow
from service.deps import Admin, DbDep, Reviewer, SessionDep, StoreDep, Submitter
from service.kpis import compute
from service.problems import MEDIA_TYPE, ProblemError, responses
from service.schemas import Kpis, Me, SettingsOut

router = APIRouter(tags=["operations"])

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _period(since: datetime | None, until: datetime | None) -> tuple[datetime, datetime]:
    until = until or utcnow()
    return since or until - timedelta(days=30), until


@router.get("/v1/kpis", response_model=Kpis, responses=responses(401, 403, 422))
def kpis(
    principal: Reviewer,
    session: SessionDep,
    since: Annotated[datetime | None, Query(description="Default: 30 days before until.")] = None,
    until: Annotated[datetime | None, Query(description="Default: now.")] = None,
) -> Kpis:
    """The client's figures over documents uploaded in the period (`bpo service kpis` gives
    every client's, and the whole service's, to the operator)."""
    start, end = _period(since, until)
    return compute(session, principal.client_id, start, end)


@router.get(
    "/v1/exports/documents",
    response_class=Response,
    responses={
        200: {"content": {"text/csv": {}, XLSX: {}}, "description": "One row per document."},
        **responses(401, 403, 422),
    },
)
def export_documents(
    principal: Reviewer,
    session: SessionDep,
    format: Annotated[Literal["csv", "xlsx"], Query()] = "csv",
    since: Annotated[datetime | None, Query()] = None,
    until: Annotated[datetime | None, Query()] = None,
) -> Response:
    """Approved documents (straight through or by a reviewer), as `bpo batch` writes
    documents.csv (shared/CONTRACT.md) with the document id and approval time in front.
    With xlsx, line items, service lines and issues are sheets of their own."""
    start, end = _period(since, until)
    rows = list(
        session.scalars(
            select(DocumentRow)
            .where(
                DocumentRow.client_id == principal.client_id,
                DocumentRow.status.in_([DocStatus.AUTO_APPROVED.value, DocStatus.APPROVED.value]),
                DocumentRow.decided_at >= start,
                DocumentRow.decided_at < end,
            )
            .order_by(DocumentRow.decided_at, DocumentRow.id)
        )
    )
    results = [Result.from_dict(r.result) for r in rows if r.result]
    frames = tables(results)
    docs = frames["documents"]
    docs.insert(
        0,
        "approved_at",
        [r.decided_at.isoformat() if r.decided_at else None for r in rows if r.result],
    )
    docs.insert(0, "status_in_service", [r.status for r in rows if r.result])
    docs.insert(0, "document_id", [r.id for r in rows if r.result])
    stamp = f"{utcnow():%Y%m%dT%H%M%SZ}"
    if format == "csv":
        return Response(
            docs.to_csv(index=False),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="documents-{stamp}.csv"'},
        )
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        docs.to_excel(writer, sheet_name="documents", index=False)
        for name, frame in frames.items():
            if name != "documents":
                frame.to_excel(writer, sheet_name=name, index=False)
    return Response(
        buffer.getvalue(),
        media_type=XLSX,
        headers={"Content-Disposition": f'attachment; filename="documents-{stamp}.xlsx"'},
    )


def _settings_out(settings: ClientSettings) -> SettingsOut:
    return SettingsOut(
        sla_hours=settings.sla_hours,
        min_confidence=settings.min_confidence,
        rule_overrides=settings.rule_overrides,
        webhook_url=settings.webhook_url,
        webhook_secret_set=settings.webhook_secret is not None,
    )


@router.get("/v1/settings", response_model=SettingsOut, responses=responses(401, 403))
def get_settings(principal: Admin, session: SessionDep) -> SettingsOut:
    """The client's settings (the webhook secret is never shown)."""
    client = session.get(Client, principal.client_id)
    return _settings_out(ClientSettings.model_validate(client.settings if client else {}))


@router.put("/v1/settings", response_model=SettingsOut, responses=responses(401, 403, 422))
def put_settings(principal: Admin, body: ClientSettings, db: DbDep) -> SettingsOut:
    """Replace the client's settings; they apply to documents processed from now on. Rule
    overrides are checked against the rules installed: an unknown rule or parameter is a 422."""
    try:
        body.check_packs()
    except PackError as exc:
        raise ProblemError(422, "bad-rule-override", str(exc)) from exc
    with db.session() as session:
        client = session.get(Client, principal.client_id)
        assert client is not None
        if body.webhook_secret is None and client.settings.get("webhook_secret"):
            body = body.model_copy(update={"webhook_secret": client.settings["webhook_secret"]})
        client.settings = body.model_dump(mode="json")
    return _settings_out(body)


@router.get("/v1/me", response_model=Me, responses=responses(401))
def me(principal: Submitter) -> Me:
    """Who the key belongs to: its client, role and holder."""
    return Me(
        key_id=principal.key_id,
        client=principal.client_id,
        role=principal.role.value,
        name=principal.name,
    )


@router.get("/healthz", include_in_schema=True, responses={200: {"description": "Alive."}})
def healthz() -> dict[str, str]:
    """The process answers (for a liveness probe)."""
    return {"status": "ok"}


@router.get("/readyz", responses={503: {"description": "Not ready; the body says what."}})
def readyz(db: DbDep, store: StoreDep) -> JSONResponse:
    """The database, the broker and the file store can all be reached."""
    checks: dict[str, str] = {}
    try:
        with db.read_session() as session:
            session.execute(text("SELECT 1"))
        checks["database"] = "ok"
    except Exception as exc:
        checks["database"] = f"failed: {type(exc).__name__}"
    try:
        from service.tasks import celery_app

        with celery_app.connection_for_write() as connection:
            connection.ensure_connection(max_retries=1, timeout=2)
        checks["broker"] = "ok"
    except Exception as exc:
        checks["broker"] = f"failed: {type(exc).__name__}"
    try:
        store.root.mkdir(parents=True, exist_ok=True)
        probe = store.root / ".ready"
        probe.write_bytes(b"ok")
        checks["storage"] = "ok"
    except OSError as exc:
        checks["storage"] = f"failed: {exc.strerror or exc}"
    ready = all(v == "ok" for v in checks.values())
    if ready:
        return JSONResponse({"status": "ready", "checks": checks})
    return JSONResponse(
        {
            "type": "about:blank",
            "title": "Service unavailable",
            "status": 503,
            "detail": "; ".join(f"{k} {v}" for k, v in checks.items() if v != "ok"),
            "instance": "/readyz",
            "checks": checks,
        },
        status_code=503,
        media_type=MEDIA_TYPE,
    )
