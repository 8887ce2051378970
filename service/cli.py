"""`bpo`: the pipelines' commands (process, batch, eval, …) plus the service's own: `serve`,
`worker`, `keys` and `service` (migrate, kpis, sweep)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from datetime import timedelta

import click
from rich.table import Table
from sqlalchemy import select

from pipelines.cli import err, main, out
from service.db import ApiKey, Client, Database, Role, utcnow
from service.keys import create_key, revoke_key
from service.settings import get_settings

QUEUES = "bpo,bpo-ocr"


def _database() -> Database:
    db = Database(get_settings())
    try:
        db.migrate()
    except Exception as exc:  # most often: the database cannot be reached
        raise click.ClickException(
            f"cannot open the database {db.engine.url.render_as_string(hide_password=True)}: {exc}"
        ) from exc
    return db


@main.group()
def keys() -> None:
    """API keys: each has a client (tenant) and a role (submitter, reviewer, admin)."""


@keys.command("create")
@click.option("--client", "client_id", required=True, help="The client (tenant) it belongs to.")
@click.option(
    "--role", type=click.Choice([r.value for r in Role]), required=True, help="What it may do."
)
@click.option("--name", default=None, help="Who holds it, for the audit trail (default: role).")
def keys_create(client_id: str, role: str, name: str | None) -> None:
    """Make a key; it is printed once (only its hash is kept)."""
    if not client_id.replace("-", "").replace("_", "").isalnum():
        raise click.BadParameter("letters, digits, - and _ only", param_hint="--client")
    db = _database()
    with db.session() as session:
        key = create_key(session, client_id, Role(role), name or role)
    err.print(f"key for client [bold]{client_id}[/], role [bold]{role}[/] (shown only now):")
    click.echo(key)


@keys.command("list")
@click.option("--client", "client_id", default=None)
def keys_list(client_id: str | None) -> None:
    """Keys by id, client, role and holder (never the secret)."""
    db = _database()
    table = Table(box=None, header_style="bold")
    for col in ("id", "client", "role", "name", "created", "revoked"):
        table.add_column(col)
    with db.session() as session:
        query = select(ApiKey).order_by(ApiKey.client_id, ApiKey.created_at)
        if client_id:
            query = query.where(ApiKey.client_id == client_id)
        for k in session.scalars(query):
            table.add_row(
                k.id,
                k.client_id,
                k.role,
                k.name,
                f"{k.created_at:%Y-%m-%d %H:%M}",
                f"{k.revoked_at:%Y-%m-%d %H:%M}" if k.revoked_at else "",
            )
    out.print(table)


@keys.command("revoke")
@click.argument("key_id")
def keys_revoke(key_id: str) -> None:
    """Revoke a key by its id (the part after `bpo_`); it stops working at once."""
    db = _database()
    with db.session() as session:
        if not revoke_key(session, key_id):
            raise click.ClickException(f"no live key {key_id}")
    err.print(f"revoked {key_id}")


def _worker_args(queues: str, concurrency: int | None, loglevel: str) -> list[str]:
    settings = get_settings()
    return [
        "worker",
        f"--queues={queues}",
        f"--concurrency={concurrency or settings.worker_concurrency}",
        f"--loglevel={loglevel}",
        "--without-mingle",
        "--without-gossip",
        f"--hostname=bpo-{os.uname().nodename}-{os.getpid()}@%h",
    ]


@main.command()
@click.option(
    "--queues",
    default=QUEUES,
    show_default=True,
    help="bpo: documents with a text layer; bpo-ocr: scans. A machine can take either.",
)
@click.option(
    "--concurrency", type=int, default=None, help="Processes (default BPO_WORKER_CONCURRENCY, 2)."
)
@click.option("--loglevel", default="INFO", show_default=True)
def worker(queues: str, concurrency: int | None, loglevel: str) -> None:
    """Run a Celery worker: on this machine or any other that reaches the broker, the database
    and the file store (BPO_BROKER_URL, BPO_DATABASE_URL, BPO_STORAGE_DIR)."""
    _database().dispose()  # the schema is current before any task runs
    from service.tasks import celery_app

    celery_app.worker_main(_worker_args(queues, concurrency, loglevel))


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--concurrency", type=int, default=None, help="The worker's processes.")
@click.option("--no-worker", is_flag=True, help="The API alone (workers run elsewhere).")
@click.option("--api-workers", default=1, show_default=True, help="API processes (uvicorn).")
def serve(host: str, port: int, concurrency: int | None, no_worker: bool, api_workers: int) -> None:
    """Run the API and a worker. With no BPO_BROKER_URL and BPO_DATABASE_URL it needs no other
    server: SQLite and Celery's filesystem:// broker under ./var (BPO_VAR_DIR)."""
    import uvicorn

    settings = get_settings()
    _database().dispose()
    mode = "embedded (SQLite, filesystem:// broker)" if settings.embedded_broker else "broker"
    err.print(
        f"bpo serve: http://{host}:{port}  review page http://{host}:{port}/review  "
        f"API docs http://{host}:{port}/docs\n"
        f"  database {Database(settings).engine.url.render_as_string(hide_password=True)}\n"
        f"  broker {settings.broker.split('@')[-1]} ({mode}); files {settings.files_dir}"
    )
    supervisor = None if no_worker else WorkerSupervisor(_worker_args(QUEUES, concurrency, "INFO"))
    if supervisor:
        supervisor.start()
    # uvicorn shuts down on SIGTERM and then raises the signal again under the handler it found:
    # with this one that ends in SystemExit, so the `finally` below stops the worker and waits
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    try:
        uvicorn.run(
            "service.app:create_app",
            factory=True,
            host=host,
            port=port,
            workers=api_workers,
            log_level="info",
        )
    finally:
        if supervisor:
            supervisor.stop()


def _exit_on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(0)


def _die_with_parent() -> None:
    """In the worker child: SIGTERM when `bpo serve` goes, however it goes (Linux)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class WorkerSupervisor:
    """`bpo serve`'s worker: started with the API, started again if it dies, stopped with it."""

    def __init__(self, args: list[str]) -> None:
        self.args = [sys.executable, "-m", "celery", "-A", "service.tasks", *args]
        self.child: subprocess.Popen[bytes] | None = None
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="bpo-worker", daemon=True)

    def _spawn(self) -> subprocess.Popen[bytes]:
        return subprocess.Popen(self.args, start_new_session=True, preexec_fn=_die_with_parent)

    def start(self) -> None:
        self.child = self._spawn()
        self._thread.start()

    def _watch(self) -> None:
        delay = 1.0
        while not self._stopping.wait(1.0):
            if self.child is None or self.child.poll() is None:
                delay = 1.0
                continue
            err.print(
                f"[yellow]the worker exited (status {self.child.returncode}); "
                f"starting another in {delay:.0f} s[/]"
            )
            if self._stopping.wait(delay):
                return
            self.child = self._spawn()
            delay = min(delay * 2, 30.0)

    def stop(self) -> None:
        self._stopping.set()
        child = self.child
        if child is not None and child.poll() is None:
            # warm shutdown: the main process stops taking work and waits for its pool's tasks
            # (a signal to the whole group would kill the pool's processes mid-task)
            child.send_signal(signal.SIGTERM)
            try:
                child.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(child.pid, signal.SIGKILL)


@main.group()
def service() -> None:
    """Operating the service: migrations, KPIs across clients, re-sending lost work."""


@service.command("migrate")
def service_migrate() -> None:
    """Bring the database schema up to date (the service does it at start too)."""
    db = _database()
    err.print(f"schema up to date: {db.engine.url.render_as_string(hide_password=True)}")


@service.command("kpis")
@click.option(
    "--days", default=30, show_default=True, help="Documents uploaded in the last N days."
)
@click.option("--json", "as_json", is_flag=True)
def service_kpis(days: int, as_json: bool) -> None:
    """Each client's KPIs and the whole service's."""
    from service.kpis import compute

    db = _database()
    until = utcnow()
    since = until - timedelta(days=days)
    with db.session() as session:
        clients = list(session.scalars(select(Client.id).order_by(Client.id)))
        figures = [compute(session, c, since, until) for c in clients]
        figures.append(compute(session, None, since, until))
    if as_json:
        click.echo(json.dumps([f.model_dump(mode="json") for f in figures], indent=2))
        return
    table = Table(box=None, header_style="bold")
    for col in (
        "client",
        "docs",
        "STP",
        "turnaround p50",
        "p95",
        "backlog",
        "oldest",
        "SLA breaches",
        "top exception",
    ):
        table.add_column(col)
    for f in figures:
        top = next(iter(f.exceptions_per_rule.items()), None)
        table.add_row(
            f.client,
            str(f.documents),
            f"{f.straight_through_rate:.0%}" if f.straight_through_rate is not None else "-",
            _duration(f.turnaround_seconds.p50),
            _duration(f.turnaround_seconds.p95),
            str(f.backlog.open),
            _duration(f.backlog.oldest_age_seconds),
            str(f.sla_breaches),
            f"{top[0]} ({top[1]})" if top else "",
        )
    out.print(table)


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    if seconds < 120:
        return f"{seconds:.1f} s"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


@service.command("sweep")
def service_sweep() -> None:
    """Send again, now, documents whose message was lost or whose worker died (`bpo serve`
    does this every BPO_SWEEP_EVERY_SECONDS)."""
    from service.sweeper import sweep

    started = time.perf_counter()
    sent = sweep(_database(), get_settings())
    err.print(f"sent {sent} documents again ({time.perf_counter() - started:.1f} s)")


__all__ = ["main"]


if __name__ == "__main__":
    main()
