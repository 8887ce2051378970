"""Running the service for real in tests: the API and Celery workers as processes, on the embedded
default (SQLite + filesystem:// broker) or on this machine's Redis and PostgreSQL.

Nothing is mocked: uploads go over HTTP to `bpo serve`, tasks through a real broker to a real
`bpo worker`, which processes the file with the real pipeline.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from service.db import Database, Role
from service.keys import create_key
from service.settings import ServiceSettings

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
REDIS = "redis://127.0.0.1:6379"

# fast clocks, so lost work is found in seconds rather than minutes
FAST = {
    "BPO_SWEEP_EVERY_SECONDS": "0.5",
    "BPO_REQUEUE_AFTER_SECONDS": "20",
    "BPO_STALE_AFTER_SECONDS": "4",
    "BPO_HEARTBEAT_SECONDS": "0.5",
    "BPO_MAX_UPLOAD_BYTES": "5000000",
    "BPO_WORKER_CONCURRENCY": "1",
}
DONE = {"auto_approved", "needs_review", "approved", "rejected", "failed", "split"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _xdist_index() -> int:
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw-1")
    try:
        return int(worker.removeprefix("gw")) + 1
    except ValueError:
        return 0


@dataclass
class Backend:
    name: str
    env: dict[str, str] = field(default_factory=dict)
    database: str | None = None  # a PostgreSQL database made for the test, dropped after

    def drop(self) -> None:
        prefix = self.env.get("BPO_BROKER_KEY_PREFIX")
        if prefix:
            with suppress(Exception):  # a test's own Redis may be gone already
                drop_redis_keys(self.env["BPO_BROKER_URL"], prefix)
        if self.database:
            import psycopg

            with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')


def postgres_database() -> tuple[str, str]:
    """A fresh database on this machine's PostgreSQL: (name, URL)."""
    import psycopg

    name = f"bpo_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return name, f"postgresql://postgres@127.0.0.1:5432/{name}"


def drop_redis_keys(url: str, prefix: str) -> None:
    import redis

    client = redis.Redis.from_url(url)
    for key in client.scan_iter(match=f"{prefix}*", count=500):
        client.delete(key)


def make_backend(name: str, redis_url: str | None = None) -> Backend:
    if name == "embedded":
        return Backend(name)
    database, url = postgres_database()
    broker = redis_url or f"{REDIS}/{10 + _xdist_index()}"
    return Backend(name, {"BPO_DATABASE_URL": url, "BPO_BROKER_URL": broker}, database=database)


class Service:
    """An API process and worker processes sharing one var dir, database and broker."""

    def __init__(self, tmp: Path, backend: Backend, **extra_env: str) -> None:
        self.tmp = tmp
        self.backend = backend
        self.var = tmp / "var"
        self.env = {
            **os.environ,
            "BPO_VAR_DIR": str(self.var),
            "BPO_HOME": str(tmp / "home"),
            **FAST,
            **backend.env,
            **extra_env,
        }
        for key in ("BPO_DATABASE_URL", "BPO_BROKER_URL"):
            if key not in backend.env and key not in extra_env:
                self.env.pop(key, None)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.api: subprocess.Popen[bytes] | None = None
        self.workers: list[subprocess.Popen[bytes]] = []
        self._db: Database | None = None

    @property
    def settings(self) -> ServiceSettings:
        return ServiceSettings(
            var_dir=self.var,
            database_url=self.env.get("BPO_DATABASE_URL", ""),
            broker_url=self.env.get("BPO_BROKER_URL", ""),
        )

    @property
    def db(self) -> Database:
        if self._db is None:
            self._db = Database(self.settings)
            self._db.migrate()
        return self._db

    def _spawn(self, args: list[str], log: str) -> subprocess.Popen[bytes]:
        out = (self.tmp / log).open("ab")
        return subprocess.Popen(
            [sys.executable, "-m", "service.cli", *args],
            env=self.env,
            cwd=self.tmp,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: a kill reaches its pool children
        )

    def start_api(self, timeout: float = 60) -> None:
        self.api = self._spawn(["serve", "--no-worker", "--port", str(self.port)], "api.log")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.api.poll() is not None:
                raise RuntimeError(f"the API exited:\n{self.log('api.log')}")
            try:
                if httpx.get(f"{self.url}/healthz", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"the API did not start in {timeout} s:\n{self.log('api.log')}")

    def start_worker(self, *args: str) -> subprocess.Popen[bytes]:
        worker = self._spawn(["worker", "--loglevel", "INFO", *args], "worker.log")
        self.workers.append(worker)
        return worker

    def kill(self, process: subprocess.Popen[bytes], sig: int = signal.SIGKILL) -> None:
        if process.poll() is None:
            with suppress(ProcessLookupError):
                os.killpg(process.pid, sig)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)

    def kill_pid(self, pid: int, sig: int = signal.SIGKILL) -> None:
        """Kill one process (say, the worker `bpo serve` started) and wait until it is gone."""
        with suppress(ProcessLookupError):
            os.kill(pid, sig)
        for _ in range(300):
            try:
                state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
            except OSError:
                return
            if state == "Z":
                return
            time.sleep(0.05)

    def stop(self) -> None:
        for worker in self.workers:
            self.kill(worker, signal.SIGTERM)
        if self.api is not None:
            self.kill(self.api, signal.SIGTERM)
        if self._db is not None:
            self._db.dispose()

    def log(self, name: str) -> str:
        path = self.tmp / name
        return path.read_text(errors="replace")[-6000:] if path.exists() else ""

    def key(self, client: str, role: str, name: str | None = None) -> str:
        with self.db.session() as session:
            return create_key(session, client, Role(role), name or f"{role}-{client}")

    def client(self, key: str | None) -> httpx.Client:
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=30)

    def upload(
        self, http: httpx.Client, *paths: Path, duplicate: str = "reuse"
    ) -> list[dict[str, Any]]:
        files = [("files", (p.name, p.read_bytes(), "application/octet-stream")) for p in paths]
        response = http.post("/v1/documents", files=files, params={"duplicate": duplicate})
        assert response.status_code == 202, response.text
        documents: list[dict[str, Any]] = response.json()["documents"]
        return documents

    def wait_done(
        self, http: httpx.Client, document_id: str, timeout: float = 120
    ) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            doc: dict[str, Any] = http.get(f"/v1/documents/{document_id}").json()
            if doc.get("status") in DONE:
                return doc
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"document {document_id} still {doc.get('status')} after {timeout} s\n"
                    f"worker log:\n{self.log('worker.log')}\napi log:\n{self.log('api.log')}"
                )
            time.sleep(0.1)


@contextmanager
def running(tmp: Path, backend: Backend, workers: int = 1, **env: str) -> Iterator[Service]:
    service = Service(tmp, backend, **env)
    try:
        service.db  # noqa: B018  (migrates before the processes start)
        service.start_api()
        for _ in range(workers):
            service.start_worker()
        yield service
    finally:
        service.stop()
