"""/v1/documents: upload, status and result, listing, the file, its pages as images, its audit trail."""

from __future__ import annotations

import base64
import io
import uuid
from collections.abc import Iterator
from datetime import datetime
from typing import Annotated, BinaryIO, Literal

from fastapi import APIRouter, File, Query, Request, UploadFile
from fastapi.responses import FileResponse, Response
from PIL import Image
from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from pipelines.read import ReadError, needs_ocr, render_page, sniff_kind
from service.db import AuditEvent, DocStatus, DocumentRow, ReviewTaskRow, utcnow
from service.deps import DbDep, SessionDep, SettingsDep, StoreDep, Submitter
from service.keys import Principal
from service.problems import ProblemError, responses
from service.processing import audit
from service.schemas import Accepted, AuditOut, DocumentList, DocumentOut, UploadAccepted
from service.store import FileStore
from service.tasks import QUEUE_DIGITAL, QUEUE_OCR, enqueue

router = APIRouter(prefix="/v1/documents", tags=["documents"])

MEDIA_TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpeg": "image/jpeg",
    "tiff": "image/tiff",
}
CHUNK = 1 << 20


def document_out(session: Session, row: DocumentRow) -> DocumentOut:
    task_id = session.scalar(select(ReviewTaskRow.id).where(ReviewTaskRow.document_id == row.id))
    parts = (
        list(
            session.scalars(
                select(DocumentRow.id)
                .where(DocumentRow.parent_id == row.id)
                .order_by(DocumentRow.filename)
            )
        )
        if row.status == DocStatus.SPLIT.value
        else []
    )
    return DocumentOut(
        id=row.id,
        status=row.status,
        filename=row.filename,
        kind=row.kind,
        size=row.size,
        sha256=row.sha256,
        document_type=row.document_type,
        created_at=row.created_at,
        processed_at=row.processed_at,
        decided_at=row.decided_at,
        parent_id=row.parent_id,
        parts=parts,
        page_range=row.page_range,
        review_task_id=task_id,
        result=row.result,
        error=row.error,
        version=row.version,
    )


def own_document(session: Session, principal: Principal, document_id: str) -> DocumentRow:
    """The caller's client's document; another client's is as good as missing (404, not 403)."""
    row = session.get(DocumentRow, document_id)
    if row is None or row.client_id != principal.client_id:
        raise ProblemError(404, "no-such-document", f"There is no document {document_id}.")
    return row


def _chunks(first: bytes, rest: BinaryIO, limit: int, name: str) -> Iterator[bytes]:
    size = len(first)
    yield first
    while chunk := rest.read(CHUNK):
        size += len(chunk)
        if size > limit:
            raise ProblemError(
                413,
                "too-large",
                f"{name} is over the limit of {limit:,} bytes.",
                limit_bytes=limit,
            )
        yield chunk


def _safe_name(name: str | None) -> str:
    base = (name or "upload").replace("\\", "/").rsplit("/", 1)[-1].strip()
    base = "".join(c for c in base if c.isprintable() and c not in '<>:"|?*#')
    return base[:200] if base.strip(". ") else "upload"  # never "", "." or ".."


@router.post(
    "",
    status_code=202,
    response_model=UploadAccepted,
    responses=responses(401, 403, 413, 415, 422),
    summary="Upload one or more documents",
)
def upload(
    principal: Submitter,
    db: DbDep,
    settings: SettingsDep,
    store: StoreDep,
    files: Annotated[
        list[UploadFile], File(description="PDF, PNG, JPEG or TIFF files; the bytes decide.")
    ],
    duplicate: Annotated[
        Literal["reuse", "new"],
        Query(description="Same bytes uploaded again: reuse the earlier document, or a new one."),
    ] = "reuse",
) -> UploadAccepted:
    """Each file is stored and queued for processing; the answer comes at once (202) with
    where to ask for the result. Files are checked on their bytes, not their names: a file the
    toolkit does not read, or one over the size limit, fails the whole upload and nothing is kept."""
    if len(files) > settings.max_files_per_upload:
        raise ProblemError(
            413,
            "too-many-files",
            f"{len(files)} files in one upload; the limit is {settings.max_files_per_upload}.",
        )
    stored: list[tuple[UploadFile, str, int, str]] = []
    for upload_file in files:
        name = _safe_name(upload_file.filename)
        head = upload_file.file.read(CHUNK)
        kind = sniff_kind(head[:2048])
        if kind is None or kind not in settings.accepted_kinds:
            raise ProblemError(
                415,
                "unsupported-type",
                f"{name} is not a file the toolkit reads (its bytes are not "
                f"{', '.join(k.upper() for k in settings.accepted_kinds)}).",
                filename=name,
            )
        sha, size = store.put(_chunks(head, upload_file.file, settings.max_upload_bytes, name))
        if size == 0:
            raise ProblemError(422, "empty-file", f"{name} is empty.", filename=name)
        stored.append((upload_file, sha, size, kind))
    accepted: list[Accepted] = []
    to_send: list[tuple[str, str]] = []
    now = utcnow()
    with db.session() as session:
        for upload_file, sha, size, kind in stored:
            name = _safe_name(upload_file.filename)
            existing = (
                session.scalar(
                    select(DocumentRow)
                    .where(
                        DocumentRow.client_id == principal.client_id,
                        DocumentRow.sha256 == sha,
                        DocumentRow.parent_id.is_(None),
                    )
                    .order_by(DocumentRow.created_at.desc())
                    .limit(1)
                )
                if duplicate == "reuse"
                else None
            )
            if existing is not None:
                accepted.append(
                    Accepted(
                        id=existing.id,
                        filename=existing.filename,
                        status=existing.status,
                        status_url=f"/v1/documents/{existing.id}",
                        duplicate=True,
                    )
                )
                continue
            queue = QUEUE_OCR if needs_ocr(store.path(sha)) else QUEUE_DIGITAL
            row = DocumentRow(
                id=str(uuid.uuid4()),
                client_id=principal.client_id,
                sha256=sha,
                filename=name,
                kind=kind,
                size=size,
                queue=queue,
                status=DocStatus.QUEUED.value,
                created_at=now,
                queued_at=now,
            )
            session.add(row)
            session.flush()
            audit(session, row, principal.actor, "uploaded", after={"filename": name, "size": size})
            accepted.append(
                Accepted(
                    id=row.id,
                    filename=name,
                    status=row.status,
                    status_url=f"/v1/documents/{row.id}",
                    duplicate=False,
                )
            )
            to_send.append((row.id, queue))
    # the rows are committed (the block above) before any task is sent: a task never looks for
    # a missing row, and a send that fails leaves a queued row for the sweeper
    for document_id, queue in to_send:
        if not enqueue(document_id, queue):
            with db.session() as retry:
                unsent = retry.get(DocumentRow, document_id)
                if unsent is not None and unsent.status == DocStatus.QUEUED.value:
                    unsent.queued_at = None  # the sweeper sends it as soon as the broker is back
    return UploadAccepted(documents=accepted)


def _cursor(row: DocumentRow) -> str:
    raw = f"{row.created_at.isoformat()}|{row.id}"
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _parse_cursor(cursor: str) -> tuple[datetime, str]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        stamp, document_id = raw.split("|", 1)
        return datetime.fromisoformat(stamp), document_id
    except (ValueError, UnicodeDecodeError) as exc:
        raise ProblemError(400, "bad-cursor", "The cursor is not one this API gave.") from exc


@router.get("", response_model=DocumentList, responses=responses(400, 401, 422))
def list_documents(
    request: Request,
    principal: Submitter,
    session: SessionDep,
    status: Annotated[list[DocStatus] | None, Query(description="Any of these statuses.")] = None,
    document_type: Annotated[
        Literal["invoice", "claim", "contract", "unknown"] | None, Query()
    ] = None,
    created_after: Annotated[datetime | None, Query()] = None,
    created_before: Annotated[datetime | None, Query()] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: Annotated[str | None, Query(description="From the previous page's `next`.")] = None,
) -> DocumentList:
    """The client's documents, newest first."""
    query = select(DocumentRow).where(DocumentRow.client_id == principal.client_id)
    if status:
        query = query.where(DocumentRow.status.in_([s.value for s in status]))
    if document_type:
        query = query.where(DocumentRow.document_type == document_type)
    if created_after:
        query = query.where(DocumentRow.created_at >= created_after)
    if created_before:
        query = query.where(DocumentRow.created_at < created_before)
    if cursor:
        stamp, last_id = _parse_cursor(cursor)
        query = query.where(
            or_(
                DocumentRow.created_at < stamp,
                and_(DocumentRow.created_at == stamp, DocumentRow.id < last_id),
            )
        )
    rows = list(
        session.scalars(
            query.order_by(DocumentRow.created_at.desc(), DocumentRow.id.desc()).limit(limit + 1)
        )
    )
    next_url = None
    if len(rows) > limit:
        rows = rows[:limit]
        next_url = str(request.url.include_query_params(cursor=_cursor(rows[-1])))
    return DocumentList(items=[document_out(session, r) for r in rows], next=next_url)


@router.get("/{document_id}", response_model=DocumentOut, responses=responses(401, 404))
def get_document(document_id: str, principal: Submitter, session: SessionDep) -> DocumentOut:
    """Status, and the result once processed."""
    return document_out(session, own_document(session, principal, document_id))


@router.get(
    "/{document_id}/file",
    response_class=FileResponse,
    responses={200: {"content": {m: {} for m in MEDIA_TYPES.values()}}, **responses(401, 404)},
)
def get_file(
    document_id: str, principal: Submitter, session: SessionDep, store: StoreDep
) -> FileResponse:
    """The file as uploaded."""
    row = own_document(session, principal, document_id)
    path = store.path(row.sha256)
    if not path.is_file():
        raise ProblemError(404, "file-missing", f"The file of document {document_id} is missing.")
    return FileResponse(
        path,
        media_type=MEDIA_TYPES.get(row.kind, "application/octet-stream"),
        filename=row.filename.split("#", 1)[0],
    )


@router.get(
    "/{document_id}/pages/{number}",
    response_class=Response,
    responses={200: {"content": {"image/png": {}}}, **responses(401, 404, 422)},
)
def get_page(
    document_id: str,
    number: int,
    principal: Submitter,
    session: SessionDep,
    store: StoreDep,
    dpi: Annotated[int, Query(ge=36, le=300)] = 100,
) -> Response:
    """Page `number` (from 1, of the file) as a PNG, for reviewers. A result's boxes are in
    points: multiply by dpi / 72 to draw them on this image."""
    row = own_document(session, principal, document_id)
    image = _page_image(store, row, number, dpi)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False, compress_level=3)
    return Response(
        buffer.getvalue(),
        media_type="image/png",
        headers={"Cache-Control": "private, max-age=3600"},
    )


def _page_image(store: FileStore, row: DocumentRow, number: int, dpi: int) -> Image.Image:
    try:
        return render_page(store.path(row.sha256), number, dpi)
    except IndexError as exc:
        raise ProblemError(404, "no-such-page", f"Document {row.id}: {exc}.") from exc
    except (ReadError, OSError) as exc:
        raise ProblemError(422, "unreadable", f"Document {row.id}: {exc}") from exc


@router.get("/{document_id}/audit", response_model=list[AuditOut], responses=responses(401, 404))
def get_audit(document_id: str, principal: Submitter, session: SessionDep) -> list[AuditOut]:
    """Every change of state and every corrected value, oldest first; never changed afterwards."""
    own_document(session, principal, document_id)
    events = session.scalars(
        select(AuditEvent).where(AuditEvent.document_id == document_id).order_by(AuditEvent.id)
    )
    return [
        AuditOut(
            id=e.id,
            at=e.at,
            actor=e.actor,
            action=e.action,
            field=e.field,
            before=e.before,
            after=e.after,
        )
        for e in events
    ]


__all__ = ["document_out", "own_document", "router"]
