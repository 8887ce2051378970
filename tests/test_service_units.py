"""The service's parts without the HTTP layer: migrations against the models (SQLite and
PostgreSQL), the file store, keys, the immutable audit trail, idempotent processing, webhook
signatures, client settings."""

from __future__ import annotations

import hashlib
import socket
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select

from service.clients import ClientSettings, PackError
from service.db import (
    ApiKey,
    AuditEvent,
    Base,
    Client,
    Database,
    DocStatus,
    DocumentRow,
    ReviewTaskRow,
    Role,
    utcnow,
)
from service.keys import authenticate, create_key
from service.processing import Processor
from service.settings import ServiceSettings
from service.store import FileStore
from service.webhooks import sign, verify
from tests.service_harness import SAMPLES, Backend, postgres_database


def _database(tmp_path: Path, url: str = "") -> Database:
    db = Database(ServiceSettings(var_dir=tmp_path / "var", database_url=url))
    db.migrate()
    return db


def test_the_migrations_make_the_schema_the_models_describe(
    database_url: str, tmp_path: Path
) -> None:
    db = _database(tmp_path, database_url)
    try:
        db.migrate()  # a second time: nothing to do
        with db.engine.connect() as connection:
            diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        assert diff == []
    finally:
        db.dispose()


def test_the_store_is_content_addressed(tmp_path: Path) -> None:
    store = FileStore(tmp_path / "files")
    data = b"%PDF-1.7 hello"
    sha, size = store.put([data[:5], data[5:]])
    assert sha == hashlib.sha256(data).hexdigest() and size == len(data)
    assert store.path(sha).read_bytes() == data
    assert store.put([data]) == (sha, size)  # stored once
    assert [p for p in (tmp_path / "files").rglob("*") if p.is_file()] == [store.path(sha)]
    with pytest.raises(ValueError):
        store.path("../../etc/passwd")

    def broken() -> Iterator[bytes]:
        yield b"%PDF-1.7 half of it"
        raise OSError("client went away")

    with pytest.raises(OSError, match="went away"):
        store.put(broken())
    assert not list((tmp_path / "files").glob(".upload-*"))  # no half files left


def test_keys_are_kept_as_hashes(tmp_path: Path) -> None:
    db = _database(tmp_path)
    with db.session() as session:
        key = create_key(session, "acme", Role.REVIEWER, "alice")
    with db.session() as session:
        row = session.scalars(select(ApiKey)).one()
        assert key.split("_", 2)[2] not in (row.secret_hash, row.id)
        principal = authenticate(session, key)
        assert principal is not None and principal.client_id == "acme"
        assert principal.role is Role.REVIEWER and principal.actor.endswith("(alice)")
        assert authenticate(session, key[:-1] + ("A" if key[-1] != "A" else "B")) is None
        assert authenticate(session, "not a key") is None
        assert principal.may(Role.SUBMITTER) and not principal.may(Role.ADMIN)


def _document(db: Database, store: FileStore, path: Path, client: str = "acme") -> str:
    sha, size = store.put([path.read_bytes()])
    document_id = str(uuid.uuid4())
    with db.session() as session:
        if session.get(Client, client) is None:
            session.add(Client(id=client, settings={}))
            session.flush()
        session.add(
            DocumentRow(
                id=document_id,
                client_id=client,
                sha256=sha,
                filename=path.name,
                kind="pdf",
                size=size,
                queue="bpo",
                status=DocStatus.QUEUED.value,
                created_at=utcnow(),
                queued_at=utcnow(),
            )
        )
    return document_id


def _processor(
    tmp_path: Path, sample: str = "01-summit.pdf", url: str = "", **settings: Any
) -> tuple[Processor, Database, str]:
    """A worker's processor on a fresh database, and one uploaded sample invoice to process."""
    db = _database(tmp_path, url)
    processor = Processor(
        ServiceSettings(var_dir=tmp_path / "var", database_url=url, **settings), db
    )
    return processor, db, _document(db, processor.store, SAMPLES / "invoices" / sample)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest) -> Iterator[str]:
    """ "" for SQLite under tmp_path, or a fresh PostgreSQL database, dropped afterwards."""
    if request.param == "sqlite":
        yield ""
        return
    name, url = postgres_database()
    try:
        yield url
    finally:
        Backend("pg", database=name).drop()


def test_processing_is_idempotent(tmp_path: Path) -> None:
    processor, db, document_id = _processor(tmp_path, "18-meridian.pdf")
    assert processor.process(document_id, "message-1") == [document_id]
    # the same message again, or another one for the same document: nothing more happens
    assert processor.process(document_id, "message-1") == []
    assert processor.process(document_id, "message-2") == []
    with db.session() as session:
        row = session.get(DocumentRow, document_id)
        assert row is not None and row.status == "needs_review" and row.attempts == 1
        tasks = session.scalars(select(ReviewTaskRow)).all()
        assert [t.document_id for t in tasks] == [document_id]
        actions = session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
        assert actions == ["processing", "processed", "review_opened"]


def test_a_run_that_lost_its_claim_writes_nothing(tmp_path: Path) -> None:
    processor, db, document_id = _processor(tmp_path, stale_after_seconds=0.001)
    assert processor.claim(document_id, "slow-run")
    time.sleep(0.01)
    # the first run's heartbeat is stale: a second run takes the document over and finishes it
    assert processor.process(document_id, "second-run") == [document_id]
    assert processor._process_claimed(document_id, "slow-run") == []
    with db.session() as session:
        row = session.get(DocumentRow, document_id)
        assert row is not None and row.status == "auto_approved" and row.attempts == 2


def test_a_missing_file_fails_the_document_with_a_reason(tmp_path: Path) -> None:
    processor, db, document_id = _processor(tmp_path)
    with db.session() as session:
        row = session.get(DocumentRow, document_id)
        assert row is not None
        processor.store.path(row.sha256).unlink()
    processor.process(document_id, "m")
    with db.session() as session:
        row = session.get(DocumentRow, document_id)
        assert row is not None and row.status == "failed"
        assert row.error and "missing" in row.error
        assert row.result is not None and row.result["status"] == "failed"


def test_audit_events_cannot_be_changed(tmp_path: Path) -> None:
    processor, db, document_id = _processor(tmp_path)
    processor.process(document_id, "m")
    with pytest.raises(PermissionError), db.session() as session:
        event = session.scalars(select(AuditEvent)).first()
        assert event is not None
        event.action = "nothing happened"
    with pytest.raises(PermissionError), db.session() as session:
        session.delete(session.scalars(select(AuditEvent)).first())


def test_webhook_signatures() -> None:
    body = b'{"document_id": "x"}'
    header = sign("a-secret-of-16-chars", body, int(time.time()))
    assert verify("a-secret-of-16-chars", body, header)
    assert not verify("a-secret-of-16-chars", body + b" ", header)
    assert not verify("another-secret-16ch", body, header)
    old = sign("a-secret-of-16-chars", body, int(time.time()) - 3600)
    assert not verify("a-secret-of-16-chars", body, old)  # a replay
    assert not verify("a-secret-of-16-chars", body, "garbage")


def test_client_settings_become_rule_pack_overrides() -> None:
    settings = ClientSettings(
        min_confidence=0.9,
        rule_overrides={"invoice": {"invoice.due_date_order": {"severity": "warning"}}},
    )
    packs = dict(settings.pack_data())
    assert packs["invoice"]["rules"]["invoice.field_confidence"] == {"min_confidence": 0.9}
    assert packs["claim"]["rules"]["claim.field_confidence"] == {"min_confidence": 0.9}
    settings.check_packs()
    with pytest.raises(PackError, match="min_confidenc"):
        ClientSettings(
            rule_overrides={"invoice": {"invoice.field_confidence": {"min_confidenc": 1}}}
        ).check_packs()
    with pytest.raises(ValueError, match="no document type"):
        ClientSettings(rule_overrides={"receipt": {}})
    with pytest.raises(ValueError, match="http"):
        ClientSettings(webhook_url="ftp://example.com")


def test_a_document_that_never_finishes_is_failed_not_retried_forever(tmp_path: Path) -> None:
    processor, db, document_id = _processor(tmp_path, max_attempts=3)
    with db.session() as session:
        row = session.get(DocumentRow, document_id)
        assert row is not None
        row.attempts = 3  # three runs that died (hard time limit, out of memory, SIGKILL)
    assert processor.process(document_id, "fourth") == [document_id]
    with db.session() as session:
        row = session.get(DocumentRow, document_id)
        assert row is not None and row.status == "failed"
        assert row.error is not None and "started 3 times" in row.error


def test_the_embedded_broker_never_shows_half_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Regression: kombu's filesystem transport opened a message file under its final name and
    then wrote it, and a worker polling at that moment read it empty and died (JSONDecodeError,
    celery/kombu#1551). Ours writes elsewhere and renames the complete file into the queue."""
    import importlib

    from kombu import Connection

    from service.fs_transport import Transport

    folders = {name: tmp_path / name for name in ("queue", "processed", "control")}
    for folder in folders.values():
        folder.mkdir()
    options = {
        "data_folder_in": str(folders["queue"]),
        "data_folder_out": str(folders["queue"]),
        "processed_folder": str(folders["processed"]),
        "control_folder": str(folders["control"]),
    }
    # look at the queue folder at the moment the message's bytes are made, just before the
    # write: a consumer polling then must find nothing unfinished there
    module = importlib.import_module(Transport.Channel.__module__)
    encode = module.str_to_bytes
    unfinished: list[str] = []

    def spy(text: str) -> bytes:
        unfinished.extend(f.name for f in folders["queue"].iterdir() if f.stat().st_size == 0)
        return encode(text)  # type: ignore[no-any-return]

    monkeypatch.setattr(module, "str_to_bytes", spy)
    with Connection(transport=Transport, transport_options=options) as connection:
        queue = connection.SimpleQueue("race")
        for i in range(5):
            queue.put({"n": i})
        got = []
        for _ in range(5):
            message = queue.get(timeout=5)
            got.append(message.payload["n"])
            message.ack()
    assert unfinished == []
    assert got == list(range(5))


def test_an_unexpected_error_is_a_problem_with_an_incident_id(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fastapi.testclient import TestClient

    monkeypatch.chdir(tmp_path)  # the Celery app's embedded broker folders go here
    from service.app import create_app

    app = create_app(ServiceSettings(var_dir=tmp_path / "var"), sweeper=False)

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("a bug")

    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/boom")
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["code"] == "internal" and problem["incident"] in problem["detail"]
    assert "a bug" not in response.text  # internals stay in the log


def test_the_database_itself_keeps_the_audit_trail_append_only(
    database_url: str, tmp_path: Path
) -> None:
    from sqlalchemy import text
    from sqlalchemy.exc import DatabaseError

    processor, db, document_id = _processor(tmp_path, url=database_url)
    try:
        processor.process(document_id, "m")
        for statement in (
            "UPDATE audit_events SET actor = 'someone else'",
            "DELETE FROM audit_events",
        ):
            with pytest.raises(DatabaseError, match="never changed or deleted"), db.session() as s:
                s.execute(text(statement))
        with db.session() as session:
            assert session.scalar(text("SELECT count(*) FROM audit_events")) == 2
    finally:
        db.dispose()


def test_the_operators_commands(tmp_path: Path) -> None:
    """`bpo keys create/list/revoke` and `bpo service kpis`, as an operator runs them."""
    import json
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("BPO_")}
    env["BPO_VAR_DIR"] = str(tmp_path / "var")

    def bpo(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "service.cli", *args],
            env=env,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
        )

    created = bpo("keys", "create", "--client", "acme", "--role", "reviewer", "--name", "alice")
    assert created.returncode == 0, created.stderr
    key = created.stdout.strip()
    assert key.startswith("bpo_") and "shown only now" in created.stderr
    listed = bpo("keys", "list")
    assert "acme" in listed.stdout and "alice" in listed.stdout and key not in listed.stdout
    assert bpo("keys", "create", "--client", "acme", "--role", "boss").returncode == 2
    db = Database(ServiceSettings(var_dir=tmp_path / "var"))
    with db.session() as session:
        assert authenticate(session, key) is not None
    assert bpo("keys", "revoke", key.split("_")[1]).returncode == 0
    with db.session() as session:
        assert authenticate(session, key) is None
    db.dispose()
    processor, _, document_id = _processor(tmp_path, "18-meridian.pdf")
    processor.process(document_id, "m")
    kpis = bpo("service", "kpis", "--json")
    assert kpis.returncode == 0, kpis.stderr
    figures = {f["client"]: f for f in json.loads(kpis.stdout)}
    assert set(figures) == {"acme", "*"}  # each client, and the whole service
    assert figures["*"]["backlog"]["open"] == 1
    assert figures["acme"]["exceptions_per_rule"] == {"invoice.amount_due_within_total": 1}


def test_uploaded_names_are_kept_as_plain_file_names() -> None:
    from service.routes.documents import _safe_name

    assert _safe_name("../../etc/passwd") == "passwd"
    assert _safe_name("C:\\scans\\März 2024.pdf") == "März 2024.pdf"
    assert _safe_name("stack.pdf#pages=1-2") == "stack.pdfpages=1-2"
    for name in (None, "", "..", ".", " ", "dir/"):
        assert _safe_name(name) == "upload"


def test_a_webhook_that_cannot_be_delivered_is_in_the_audit_trail(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from service import tasks

    processor, db, document_id = _processor(tmp_path)
    with socket.socket() as probe:  # a port nothing listens on: the client's receiver is down
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with db.session() as session:
        client = session.get(Client, "acme")
        assert client is not None
        client.settings = {
            "webhook_url": f"http://127.0.0.1:{port}/hook",
            "webhook_secret": "a-secret-of-16-chars",
        }
    monkeypatch.setattr(tasks, "processor", lambda: processor)
    # run eagerly, Celery makes every retry at once, then the last try gives up and says so
    tasks.deliver_webhook.apply(args=(document_id,))
    with db.read_session() as session:
        events = session.execute(
            select(AuditEvent.action, AuditEvent.after).where(AuditEvent.document_id == document_id)
        ).all()
    assert [action for action, _ in events] == ["webhook_failed"]
    after = events[0][1]
    assert after["attempts"] == tasks.deliver_webhook.max_retries + 1
    assert "refused" in after["error"].lower()
