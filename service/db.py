"""The database: SQLAlchemy 2 models, the engine and sessions, and migrations (Alembic).

SQLite by default, PostgreSQL through BPO_DATABASE_URL; the schema is made and upgraded only by
the migrations in `service/migrations/`, never by `create_all`.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    DateTime,
    Engine,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
    create_engine,
    event,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker

from service.settings import ServiceSettings

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes on every database (SQLite keeps no zone and gives naive ones back)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database; use service.db.utcnow()")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


JSONType = JSON().with_variant(JSONB(), "postgresql")


class Base(DeclarativeBase):
    pass


class Role(enum.StrEnum):
    SUBMITTER = "submitter"  # uploads documents and reads their results
    REVIEWER = "reviewer"  # and works the review queue, KPIs and exports
    ADMIN = "admin"  # and changes the client's settings


class DocStatus(enum.StrEnum):
    QUEUED = "queued"
    PROCESSING = "processing"
    AUTO_APPROVED = "auto_approved"
    NEEDS_REVIEW = "needs_review"
    APPROVED = "approved"  # by a reviewer
    REJECTED = "rejected"  # by a reviewer
    FAILED = "failed"
    SPLIT = "split"  # the file held several documents; each is a document of its own

    @property
    def done(self) -> bool:
        return self not in (DocStatus.QUEUED, DocStatus.PROCESSING)


class TaskStatus(enum.StrEnum):
    OPEN = "open"
    APPROVED = "approved"
    REJECTED = "rejected"


class Client(Base):
    __tablename__ = "clients"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    settings: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)


class ApiKey(Base):
    __tablename__ = "api_keys"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)  # the key's public prefix
    client_id: Mapped[str] = mapped_column(ForeignKey("clients.id"), index=True)
    role: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(128))  # who holds it, for the audit trail
    secret_hash: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class DocumentRow(Base):
    __tablename__ = "documents"
    __table_args__ = (
        Index("ix_documents_client_sha", "client_id", "sha256"),
        Index("ix_documents_client_created", "client_id", "created_at", "id"),
        Index("ix_documents_status_queued", "status", "queued_at"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    client_id: Mapped[str] = mapped_column(ForeignKey("clients.id"))
    parent_id: Mapped[str | None] = mapped_column(ForeignKey("documents.id"), nullable=True)
    sha256: Mapped[str] = mapped_column(String(64))
    filename: Mapped[str] = mapped_column(String(512))
    kind: Mapped[str] = mapped_column(String(16))  # pdf, png, jpeg, tiff (from the bytes)
    size: Mapped[int] = mapped_column(Integer)
    queue: Mapped[str] = mapped_column(String(32))  # the Celery queue its processing goes to
    status: Mapped[str] = mapped_column(String(16), default=DocStatus.QUEUED.value)
    document_type: Mapped[str | None] = mapped_column(String(16), nullable=True)
    page_range: Mapped[str | None] = mapped_column(String(32), nullable=True)
    result: Mapped[dict[str, Any] | None] = mapped_column(JSONType, nullable=True)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    queued_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)  # last sent
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    heartbeat_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    processed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)  # final
    task_token: Mapped[str | None] = mapped_column(String(64), nullable=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    version: Mapped[int] = mapped_column(Integer, default=1)


class ReviewTaskRow(Base):
    __tablename__ = "review_tasks"
    __table_args__ = (Index("ix_review_tasks_queue", "client_id", "status", "due_at", "priority"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), unique=True)
    client_id: Mapped[str] = mapped_column(ForeignKey("clients.id"))
    status: Mapped[str] = mapped_column(String(16), default=TaskStatus.OPEN.value)
    priority: Mapped[int] = mapped_column(Integer, default=0)  # higher comes first at equal SLA
    reasons: Mapped[list[str]] = mapped_column(JSONType, default=list)  # the rules that flagged
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    lease_owner: Mapped[str | None] = mapped_column(String(32), nullable=True)  # an ApiKey.id
    lease_owner_name: Mapped[str | None] = mapped_column(String(128), nullable=True)
    lease_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    decided_by: Mapped[str | None] = mapped_column(String(128), nullable=True)
    reason_code: Mapped[str | None] = mapped_column(String(64), nullable=True)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1)

    # every UPDATE says WHERE version = <the one read> and moves it on: two reviewers' writes
    # can never both land (the loser gets StaleDataError, a 409)
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class AuditEvent(Base):
    """Immutable: written once, never updated or deleted (enforced below)."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), index=True)
    client_id: Mapped[str] = mapped_column(ForeignKey("clients.id"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    actor: Mapped[str] = mapped_column(String(160))  # "system:worker", "key:ab12cd34 (alice)"
    action: Mapped[str] = mapped_column(String(32))
    field: Mapped[str | None] = mapped_column(String(64), nullable=True)
    before: Mapped[Any] = mapped_column(JSONType, nullable=True)
    after: Mapped[Any] = mapped_column(JSONType, nullable=True)


class SeenKey(Base):
    """The duplicate rules' memory, per client (pipelines.rules.base.SeenIndex)."""

    __tablename__ = "seen_keys"

    client_id: Mapped[str] = mapped_column(ForeignKey("clients.id"), primary_key=True)
    document_type: Mapped[str] = mapped_column(String(16), primary_key=True)
    key_kind: Mapped[str] = mapped_column(String(32), primary_key=True)
    key: Mapped[str] = mapped_column(String(256), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    source: Mapped[str] = mapped_column(String(600))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


@event.listens_for(AuditEvent, "before_update")
@event.listens_for(AuditEvent, "before_delete")
def _audit_is_immutable(mapper: Any, connection: Any, target: AuditEvent) -> None:
    raise PermissionError("audit events are never changed or deleted")


class Database:
    """One engine and its session factory per process."""

    def __init__(self, settings: ServiceSettings) -> None:
        self.settings = settings
        url = settings.database
        kwargs: dict[str, Any] = {"pool_pre_ping": True}
        if url.startswith("sqlite"):
            settings.var_dir.mkdir(parents=True, exist_ok=True)
            kwargs["connect_args"] = {"timeout": 30, "check_same_thread": False}
        else:
            # the API serves up to 40 requests at once from its thread pool
            kwargs.update(pool_size=10, max_overflow=30)
        self.engine: Engine = create_engine(url, **kwargs)
        self.reader: Engine = self.engine
        if url.startswith("sqlite"):
            event.listen(self.engine, "connect", _sqlite_pragmas)
            # writers take the lock when they begin, not when they first write: a transaction
            # never reads a row, waits, and then writes over another's change (SQLite would
            # fail it with SQLITE_BUSY_SNAPSHOT) ...
            event.listen(self.engine, "begin", _sqlite_begin_immediate)
            # ... while readers, on engines of their own, go on in parallel (WAL)
            self.reader = create_engine(url, **kwargs)
            event.listen(self.reader, "connect", _sqlite_pragmas)
            event.listen(self.reader, "begin", _sqlite_begin_deferred)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        self.read_sessions = sessionmaker(self.reader, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: committed when the block ends, rolled back if it raises."""
        with self.sessions() as session, session.begin():
            yield session

    @contextmanager
    def read_session(self) -> Iterator[Session]:
        """For reading only: on SQLite it never waits for a writer."""
        with self.read_sessions() as session, session.begin():
            yield session
            session.rollback()  # nothing to keep; a write here would be a bug

    def migrate(self) -> None:
        """Bring the schema to the newest migration (safe to run from several processes)."""
        from alembic import command

        if self.engine.dialect.name == "sqlite":
            # SQLite has no advisory lock: processes starting together take turns on a file lock
            import fcntl

            self.settings.var_dir.mkdir(parents=True, exist_ok=True)
            with (self.settings.var_dir / "migrate.lock").open("w") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX)
                command.upgrade(alembic_config(self.engine), "head")
        else:
            command.upgrade(alembic_config(self.engine), "head")

    def dispose(self) -> None:
        self.engine.dispose()
        self.reader.dispose()


def _sqlite_begin_immediate(connection: Any) -> None:
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def _sqlite_begin_deferred(connection: Any) -> None:
    connection.exec_driver_sql("BEGIN")


def _sqlite_pragmas(dbapi_connection: Any, record: Any) -> None:
    dbapi_connection.isolation_level = None  # pysqlite's own BEGIN off: ours above instead
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")  # the API reads while a worker writes
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def alembic_config(engine: Engine) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config
