"""Processing one uploaded document, as a Celery task runs it: idempotent and crash-safe.

The task takes only the document's id. It claims the row with one conditional UPDATE (queued, or
processing by a worker whose heartbeat stopped, or by this very message redelivered), reads and
analyses the file outside any transaction, then writes the result, the review task and the audit
events in one transaction that first checks the claim is still its own. Run twice, the second run
finds the document done and does nothing.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import tempfile
import threading
import uuid
from collections import OrderedDict
from collections.abc import Mapping
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import and_, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from extractors.model import Field, Result, Severity, Source, Status
from pipelines.rules.base import Match
from pipelines.run import Pipeline
from service.clients import ClientSettings
from service.db import (
    AuditEvent,
    Client,
    Database,
    DocStatus,
    DocumentRow,
    ReviewTaskRow,
    SeenKey,
    utcnow,
)
from service.settings import ServiceSettings
from service.store import FileStore

log = logging.getLogger(__name__)

WORKER = "system:worker"


class DbSeenIndex:
    """The duplicate rules' memory in the service database, one per client."""

    def __init__(self, session: Session, client_id: str) -> None:
        self.session = session
        self.client_id = client_id

    def check_and_record(
        self, document_type: str, sha256: str, source: str, keys: Mapping[str, str]
    ) -> list[Match]:
        matches: list[Match] = []
        for kind, key in keys.items():
            row = self.session.execute(
                select(SeenKey.source, SeenKey.sha256)
                .where(
                    SeenKey.client_id == self.client_id,
                    SeenKey.document_type == document_type,
                    SeenKey.key_kind == kind,
                    SeenKey.key == key[:256],
                    SeenKey.sha256 != sha256,
                )
                .order_by(SeenKey.recorded_at)
                .limit(1)
            ).first()
            if row is not None:
                matches.append(Match(kind, row[0], row[1]))
            exists = self.session.get(
                SeenKey, (self.client_id, document_type, kind, key[:256], sha256)
            )
            if exists is None:
                try:
                    with self.session.begin_nested():
                        self.session.add(
                            SeenKey(
                                client_id=self.client_id,
                                document_type=document_type,
                                key_kind=kind,
                                key=key[:256],
                                sha256=sha256,
                                source=source[:600],
                            )
                        )
                except IntegrityError:  # another worker recorded the same key just now
                    pass
        return matches


def client_settings(session: Session, client_id: str) -> ClientSettings:
    client = session.get(Client, client_id)
    return ClientSettings.model_validate(client.settings if client else {})


def audit(
    session: Session,
    document: DocumentRow,
    actor: str,
    action: str,
    *,
    field: str | None = None,
    before: Any = None,
    after: Any = None,
) -> None:
    session.add(
        AuditEvent(
            document_id=document.id,
            client_id=document.client_id,
            actor=actor,
            action=action,
            field=field,
            before=before,
            after=after,
        )
    )


def review_reasons(result: Result) -> list[str]:
    return list(dict.fromkeys(i.rule for i in result.issues if i.severity is Severity.ERROR))


class Processor:
    """One per worker process: its database, file store and a pipeline per client setting."""

    def __init__(self, settings: ServiceSettings, db: Database | None = None) -> None:
        self.settings = settings
        self.db = db or Database(settings)
        self.store = FileStore(settings.files_dir)
        self._pipelines: OrderedDict[str, Pipeline] = OrderedDict()
        self._lock = threading.Lock()

    def pipeline(self, client: ClientSettings) -> Pipeline:
        key = client.cache_key()
        with self._lock:
            if key in self._pipelines:
                self._pipelines.move_to_end(key)
                return self._pipelines[key]
        pipeline = Pipeline(client.pipeline_settings())
        with self._lock:
            self._pipelines[key] = pipeline
            while len(self._pipelines) > 8:
                self._pipelines.popitem(last=False)
        return pipeline

    # -- claiming ----------------------------------------------------------------------------

    def claim(self, document_id: str, token: str) -> int:
        """Take the document for this run: its attempt number, or 0 when it is done or another
        run has it."""
        now = utcnow()
        stale = now - timedelta(seconds=self.settings.stale_after_seconds)
        with self.db.session() as session:
            claimed = session.execute(
                update(DocumentRow)
                .where(
                    DocumentRow.id == document_id,
                    or_(
                        DocumentRow.status == DocStatus.QUEUED.value,
                        and_(
                            DocumentRow.status == DocStatus.PROCESSING.value,
                            or_(
                                DocumentRow.task_token == token,
                                DocumentRow.heartbeat_at < stale,
                            ),
                        ),
                    ),
                )
                .values(
                    status=DocStatus.PROCESSING.value,
                    task_token=token,
                    started_at=now,
                    heartbeat_at=now,
                    attempts=DocumentRow.attempts + 1,
                )
                .execution_options(synchronize_session=False)
            ).rowcount  # type: ignore[attr-defined]  # an UPDATE gives a CursorResult
            if not claimed:
                return 0
            row = session.get(DocumentRow, document_id)
            assert row is not None
            audit(session, row, WORKER, "processing", after={"attempt": row.attempts})
            return row.attempts

    def _heartbeat(self, document_id: str, token: str, stop: threading.Event) -> None:
        while not stop.wait(self.settings.heartbeat_seconds):
            try:
                with self.db.session() as session:
                    session.execute(
                        update(DocumentRow)
                        .where(DocumentRow.id == document_id, DocumentRow.task_token == token)
                        .values(heartbeat_at=utcnow())
                        .execution_options(synchronize_session=False)
                    )
            except Exception:  # a missed beat is retried at the next one
                log.warning("heartbeat of %s failed", document_id, exc_info=True)

    # -- the run -----------------------------------------------------------------------------

    def process(self, document_id: str, token: str) -> list[str]:
        """Process the document if it is still to do; returns the ids of documents finished."""
        attempts = self.claim(document_id, token)
        if not attempts:
            log.info("document %s is done or taken by another run; nothing to do", document_id)
            return []
        if attempts > self.settings.max_attempts:
            # a file that kills its worker or outlasts the hard time limit, redelivered each time
            self.fail(
                document_id,
                f"Processing was started {attempts - 1} times and never finished (the worker "
                "died or hit the time limit each time); the file may be too large or malformed.",
            )
            return [document_id]
        stop = threading.Event()
        beat = threading.Thread(
            target=self._heartbeat, args=(document_id, token, stop), daemon=True
        )
        beat.start()
        try:
            return self._process_claimed(document_id, token)
        finally:
            stop.set()
            beat.join(timeout=5)

    def _process_claimed(self, document_id: str, token: str) -> list[str]:
        with self.db.read_session() as session:
            row = session.get(DocumentRow, document_id)
            assert row is not None
            client_id, filename, sha256 = row.client_id, row.filename, row.sha256
            settings = client_settings(session, client_id)
        pipeline = self.pipeline(settings)
        blob = self.store.path(sha256)
        if not blob.is_file():
            analyses = None
            missing = f"The stored file {sha256} is missing from {self.store.root}."
        else:
            with tempfile.TemporaryDirectory(prefix="bpo-doc-") as tmp:
                # the pipeline sees the file under its uploaded name, as `bpo process` would
                named = Path(tmp) / filename
                try:
                    os.symlink(blob, named)
                except OSError:
                    named = blob
                analyses = pipeline.analyse_all(named)
                prefix = str(named.parent) + os.sep
                analyses = [
                    dataclasses.replace(a, source=a.source.removeprefix(prefix)) for a in analyses
                ]
            missing = ""
        with self.db.session() as session:
            row = session.get(DocumentRow, document_id, with_for_update=True)
            if row is None or row.status != DocStatus.PROCESSING.value or row.task_token != token:
                log.warning("document %s was taken over while this run read it", document_id)
                return []
            if analyses is None:
                mark_failed(session, row, missing)
                return [row.id]
            seen = DbSeenIndex(session, client_id)
            results = [pipeline.validate(a, seen) for a in analyses]
            if len(results) == 1:
                self._record(session, row, results[0], settings)
                return [row.id]
            return self._record_parts(session, row, results, settings)

    def _record(
        self, session: Session, row: DocumentRow, result: Result, settings: ClientSettings
    ) -> None:
        now = utcnow()
        before = row.status
        row.result = result.to_dict()
        row.document_type = result.document_type
        row.error = result.error
        row.processed_at = now
        row.task_token = None
        row.version += 1
        if result.page_range:
            row.page_range = f"{result.page_range[0]}-{result.page_range[1]}"
        if result.status is Status.NEEDS_REVIEW:
            row.status = DocStatus.NEEDS_REVIEW.value
        else:
            row.status = (
                DocStatus.AUTO_APPROVED.value
                if result.status is Status.AUTO_APPROVED
                else DocStatus.FAILED.value
            )
            row.decided_at = now
        audit(
            session,
            row,
            WORKER,
            "processed",
            before={"status": before},
            after={
                "status": row.status,
                "document_type": result.document_type,
                "issues": [i.rule for i in result.issues],
                "error": result.error,
            },
        )
        if result.status is Status.NEEDS_REVIEW:
            self._open_task(session, row, result, settings)

    def _open_task(
        self, session: Session, row: DocumentRow, result: Result, settings: ClientSettings
    ) -> None:
        hours = settings.sla_hours or self.settings.default_sla_hours
        reasons = review_reasons(result)
        task = ReviewTaskRow(
            id=str(uuid.uuid5(uuid.NAMESPACE_URL, f"review:{row.id}")),
            document_id=row.id,
            client_id=row.client_id,
            priority=len(reasons),
            reasons=reasons,
            due_at=row.created_at + timedelta(hours=hours),
        )
        session.add(task)
        audit(session, row, WORKER, "review_opened", after={"task": task.id, "reasons": reasons})

    def _record_parts(
        self,
        session: Session,
        row: DocumentRow,
        results: list[Result],
        settings: ClientSettings,
    ) -> list[str]:
        """A file holding several documents: each part becomes a document of its own."""
        now = utcnow()
        done = []
        for result in results:
            first, last = result.page_range or (1, result.pages)
            child_id = str(uuid.uuid5(uuid.UUID(row.id), f"pages={first}-{last}"))
            child = session.get(DocumentRow, child_id)
            if child is None:
                child = DocumentRow(
                    id=child_id,
                    client_id=row.client_id,
                    parent_id=row.id,
                    sha256=row.sha256,
                    filename=f"{row.filename}#pages={first}-{last}",
                    kind=row.kind,
                    size=row.size,
                    queue=row.queue,
                    status=DocStatus.PROCESSING.value,
                    created_at=row.created_at,
                    queued_at=row.queued_at,
                    started_at=row.started_at,
                    attempts=1,
                )
                session.add(child)
                session.flush()
                audit(session, child, WORKER, "split_from", after={"parent": row.id})
            self._record(session, child, result, settings)
            done.append(child_id)
        row.status = DocStatus.SPLIT.value
        row.result = None
        row.processed_at = now
        row.decided_at = now
        row.task_token = None
        row.version += 1
        audit(
            session,
            row,
            WORKER,
            "split",
            before={"status": DocStatus.PROCESSING.value},
            after={"status": row.status, "parts": done},
        )
        return [row.id, *done]

    def fail(self, document_id: str, reason: str) -> bool:
        """Give up on a document (time limit, retries spent): it is failed with a plain reason."""
        with self.db.session() as session:
            row = session.get(DocumentRow, document_id, with_for_update=True)
            if row is None or DocStatus(row.status).done:
                return False
            mark_failed(session, row, reason)
            return True


def mark_failed(session: Session, row: DocumentRow, reason: str, actor: str = WORKER) -> None:
    """The document could not be processed: `failed`, with the reason in its result."""
    before = row.status
    now = utcnow()
    row.status = DocStatus.FAILED.value
    row.error = reason
    row.result = Result.failed(row.filename, row.sha256, reason).to_dict()
    row.processed_at = now
    row.decided_at = now
    row.task_token = None
    row.version += 1
    audit(session, row, actor, "failed", before={"status": before}, after={"error": reason})


def corrected_field(old: Field | None, value: Any) -> Field:
    """A reviewer's value: certain, from a person, where the read value was on the page."""
    if isinstance(value, list):
        value = tuple(str(v) for v in value)
    return Field(
        value=value,
        confidence=1.0,
        page=old.page if old else None,
        bbox=old.bbox if old else None,
        source=Source.PERSON,
    )


def due_for_resend(
    session: Session, settings: ServiceSettings, now: datetime, limit: int = 500
) -> list[DocumentRow]:
    """Documents whose message was lost (queued too long) or whose worker died (no heartbeat)."""
    queued_before = now - timedelta(seconds=settings.requeue_after_seconds)
    stale = now - timedelta(seconds=settings.stale_after_seconds)
    return list(
        session.scalars(
            select(DocumentRow)
            .where(
                or_(
                    and_(
                        DocumentRow.status == DocStatus.QUEUED.value,
                        or_(DocumentRow.queued_at.is_(None), DocumentRow.queued_at < queued_before),
                    ),
                    and_(
                        DocumentRow.status == DocStatus.PROCESSING.value,
                        DocumentRow.heartbeat_at < stale,
                    ),
                )
            )
            .order_by(DocumentRow.created_at)
            .limit(limit)
        )
    )
