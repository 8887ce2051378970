"""The service's speed: uploads per second and their latency under many clients, and how long a
digital invoice takes from upload to result, with `bpo serve` run for real in either mode.

    python bench/bench_service.py [--mode embedded|redis-postgres] [--requests 1000]
        [--clients 50] [--api-workers 1] [--concurrency 2] [--file samples/invoices/01-summit.pdf]

For each mode it makes a temporary BPO_VAR_DIR (and, for redis-postgres, a fresh PostgreSQL
database and an emptied Redis db, both removed afterwards), makes a submitter key, starts
`bpo serve` on a free port in a session of its own and waits for /readyz. Then:

- warm-up: a few uploads one at a time (each worker process loads its pipeline on its first
  document), processed;
- upload to result, while the service is idle: one upload at a time, polling
  `GET /v1/documents/{id}` every 5 ms until it is no longer queued or processing; p50/p99/mean
  over `--latency-runs`;
- uploads: `--clients` uploads at once as a warm-up (let drain), then `--clients` threads, each
  with one persistent stdlib `http.client` connection, send `POST /v1/documents?duplicate=new`
  (one multipart body, built once) until `--requests` have gone; uploads/s, p50/p99/max latency
  of the accepted ones, errors by kind, and the load client's own CPU per request (to show it
  was not the bottleneck);
- drain: from the last upload until nothing is queued or processing (at most
  `--drain-timeout`), the backlog when the uploads ended and the rate it was worked off (from
  the documents' `processed_at`).

If `bpo serve` dies (or its Celery worker does) it is noted and started again, so the other
figures still come. The load client shares the machine with the server: on a small machine the
figures are the whole box's, and other work on it shows (the load average is printed). It prints
figures; it is not a test.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
BPO = [sys.executable, "-c", "from service.cli import main; main()"]
MODES = ("embedded", "redis-postgres")
NOT_DONE = ("queued", "processing")
UPLOAD_PATH = "/v1/documents?duplicate=new"


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def pct(values: list[float], q: float) -> float:
    """The q-th percentile (0-100), linear between the closest ranks."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def default_file() -> Path:
    """The first sample invoice that has a text layer (its expected JSON says so)."""
    for expected in sorted((ROOT / "samples" / "invoices").glob("*.expected.json")):
        truth = json.loads(expected.read_text(encoding="utf-8"))
        pdf = expected.with_name(expected.name.removesuffix(".expected.json") + ".pdf")
        scanned = truth.get("ocr", truth.get("scanned", False))
        if pdf.is_file() and not scanned and "parts" not in truth:
            return pdf
    return ROOT / "samples" / "invoices" / "01-summit.pdf"


def multipart(path: Path) -> tuple[bytes, str]:
    boundary = "bench" + secrets.token_hex(12)
    head = (
        f"--{boundary}\r\n"
        f'Content-Disposition: form-data; name="files"; filename="{path.name}"\r\n'
        "Content-Type: application/pdf\r\n\r\n"
    ).encode()
    body = head + path.read_bytes() + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


# -- the server ------------------------------------------------------------------------------


SIGNALS = {-s.value: s.name for s in signal.Signals}


@dataclass
class Server:
    """`bpo serve` in its own process group, with its own BPO_VAR_DIR."""

    env: dict[str, str]
    port: int
    api_workers: int
    concurrency: int
    log_path: Path
    proc: subprocess.Popen[bytes] | None = None
    orphaned: int = 0  # times its Celery worker outlived `bpo serve` (by 0.5 s or more)
    killed: int = 0  # processes that needed SIGKILL

    def start(self, timeout: float = 90.0) -> None:
        cmd = [
            *BPO,
            "serve",
            "--port",
            str(self.port),
            "--api-workers",
            str(self.api_workers),
            "--concurrency",
            str(self.concurrency),
        ]
        with self.log_path.open("ab") as out:
            self.proc = subprocess.Popen(
                cmd,
                cwd=ROOT,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"bpo serve exited ({self.died()}):\n{self.tail()}")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                conn.request("GET", "/readyz")
                status = conn.getresponse().status
                conn.close()
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"bpo serve not ready after {timeout:.0f} s:\n{self.tail()}")

    def died(self) -> str | None:
        """How `bpo serve` ended (\"SIGSEGV\", \"exit 1\"), or None while it runs."""
        if self.proc is None or self.proc.poll() is None:
            return None
        code = self.proc.returncode
        return SIGNALS.get(code, f"signal {-code}") if code < 0 else f"exit {code}"

    def tail(self, lines: int = 30) -> str:
        text = self.log_path.read_text(errors="replace") if self.log_path.exists() else ""
        return "\n".join(text.splitlines()[-lines:])

    def stop(self, timeout: float = 30.0) -> None:
        """SIGTERM its process group (SIGKILL after `timeout`); then whatever it left running
        (its Celery worker has a session of its own): SIGTERM, for a warm shutdown, then SIGKILL."""
        if self.proc is None:
            return
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                log(f"  bpo serve still running {timeout:.0f} s after SIGTERM: SIGKILL")
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.proc.pid, signal.SIGKILL)
                    self.killed += 1
                self.proc.wait(timeout=10)
        time.sleep(0.5)  # `bpo serve` would have sent its worker SIGTERM by now
        left = self.leftovers()
        if left:
            self.orphaned += 1
            log(f"  bpo serve is gone but left {len(left)} processes running: SIGTERM")
            # the roots (the Celery main process); it stops its own pool
            for pid in (p for p, ppid in left.items() if ppid not in left):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGTERM)
            deadline = time.monotonic() + timeout
            while (left := self.leftovers()) and time.monotonic() < deadline:
                time.sleep(0.2)
            for pid in left:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
                    self.killed += 1
            deadline = time.monotonic() + 10
            while (left := self.leftovers()) and time.monotonic() < deadline:
                time.sleep(0.1)
            if left:
                log(f"  processes still alive after SIGKILL: {sorted(left)}")

    def leftovers(self) -> dict[int, int]:
        """Live processes started for this run (their environment holds its BPO_VAR_DIR), each
        with its parent's pid."""
        marker = f"BPO_VAR_DIR={self.env['BPO_VAR_DIR']}".encode()
        found = {}
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit() or int(entry.name) == os.getpid():
                continue
            try:
                if marker not in (entry / "environ").read_bytes().split(b"\0"):
                    continue
                stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if stat[0] != "Z":
                found[int(entry.name)] = int(stat[1])
        return found

    def worker_alive(self) -> bool:
        """Whether a Celery process of this run is still up."""
        for pid in self.leftovers():
            with contextlib.suppress(OSError):
                if b"celery" in Path(f"/proc/{pid}/cmdline").read_bytes():
                    return True
        return False

    def log_summary(self) -> dict[str, int]:
        text = self.log_path.read_text(errors="replace") if self.log_path.exists() else ""
        lines = text.splitlines()
        statuses = Counter()
        for line in lines:
            if '"POST /v1/documents' in line or '"GET /v1/documents' in line:
                code = line.rsplit('" ', 1)[-1].split(" ", 1)[0]
                if code.isdigit():
                    statuses[code[0] + "xx"] += 1
        noise = ("No hostname was supplied", "SecurityWarning")
        return {
            "5xx in access log": statuses["5xx"],
            "tracebacks": sum("Traceback" in line for line in lines),
            "errors (ERROR, CRITICAL)": sum(
                line.startswith("ERROR:") or "ERROR/" in line or "CRITICAL/" in line
                for line in lines
            ),
            "worker 'Unrecoverable error'": sum("Unrecoverable error" in line for line in lines),
            "worker restarts by bpo serve": sum("the worker exited" in line for line in lines),
            "warnings (less kombu noise)": sum(
                ("WARNING" in line or "Warning:" in line) and not any(n in line for n in noise)
                for line in lines
            ),
        }


@contextlib.contextmanager
def backing_services(mode: str, args: argparse.Namespace) -> Iterator[dict[str, str]]:
    """The BPO_* URLs of the mode; a fresh database and an empty Redis db, removed afterwards."""
    if mode == "embedded":
        yield {}
        return
    import psycopg
    import redis

    name = f"bpo_bench_{secrets.token_hex(4)}"
    r = redis.Redis.from_url(f"{args.redis_url.rstrip('/')}/{args.redis_db}")
    r.flushdb()
    with psycopg.connect(f"{args.pg_url.rstrip('/')}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    log(f"  created database {name}, emptied redis db {args.redis_db}")
    try:
        yield {
            "BPO_BROKER_URL": f"{args.redis_url.rstrip('/')}/{args.redis_db}",
            "BPO_DATABASE_URL": f"{args.pg_url.rstrip('/')}/{name}",
        }
    finally:
        with psycopg.connect(f"{args.pg_url.rstrip('/')}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        r.flushdb()
        r.close()
        log(f"  dropped database {name}, emptied redis db {args.redis_db}")


# -- the load --------------------------------------------------------------------------------


@dataclass
class LoadResult:
    requests: int
    seconds: float
    cpu_seconds: float
    latencies: list[float]  # of the accepted (202) uploads
    statuses: Counter[str]  # HTTP status or exception name: count
    ok_seconds: float  # from the start to the last accepted upload's answer
    first_wall: float  # time.time() when the first request went out
    last_wall: float  # time.time() when the last response came back

    @property
    def accepted(self) -> int:
        return self.statuses["202"]

    @property
    def errors(self) -> int:
        return self.requests - self.accepted


def run_load(port: int, key: str, body: bytes, ctype: str, total: int, clients: int) -> LoadResult:
    """`total` uploads from `clients` threads, one keep-alive connection each."""
    headers = {"Authorization": f"Bearer {key}", "Content-Type": ctype}
    lock = threading.Lock()
    remaining = [total]
    latencies: list[list[float]] = [[] for _ in range(clients)]
    last_ok = [0.0] * clients
    statuses: list[Counter[str]] = [Counter() for _ in range(clients)]
    barrier = threading.Barrier(clients + 1)

    def client(i: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        with contextlib.suppress(OSError):
            conn.connect()
        barrier.wait()
        mine, seen = latencies[i], statuses[i]
        while True:
            with lock:
                if remaining[0] <= 0:
                    break
                remaining[0] -= 1
            started = time.perf_counter()
            try:
                conn.request("POST", UPLOAD_PATH, body, headers)
                response = conn.getresponse()
                response.read()
                if response.status == 202:
                    last_ok[i] = time.perf_counter()
                    mine.append(last_ok[i] - started)
                elif response.will_close:
                    conn.close()
                seen[str(response.status)] += 1
            except (OSError, http.client.HTTPException) as exc:
                seen[type(exc).__name__] += 1
                conn.close()  # reopened by the next request
        conn.close()

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(clients)]
    for t in threads:
        t.start()
    barrier.wait()
    cpu0, t0, wall0 = time.process_time(), time.perf_counter(), time.time()
    for t in threads:
        t.join()
    seconds = time.perf_counter() - t0
    cpu = time.process_time() - cpu0
    return LoadResult(
        requests=total,
        seconds=seconds,
        cpu_seconds=cpu,
        latencies=[x for per in latencies for x in per],
        statuses=sum(statuses, Counter()),
        ok_seconds=max(last_ok) - t0 if max(last_ok) else 0.0,
        first_wall=wall0,
        last_wall=time.time(),
    )


class Api:
    """One keep-alive connection for the sequential calls (polls, listings, single uploads)."""

    def __init__(self, port: int, key: str) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.auth = {"Authorization": f"Bearer {key}"}
        self.used = 0.0

    def fresh(self) -> None:
        """A new connection if this one sat idle (uvicorn closes keep-alives after 5 s)."""
        if time.monotonic() - self.used > 2:
            self.conn.close()

    def call(
        self, method: str, path: str, body: bytes | None = None, ctype: str | None = None
    ) -> tuple[int, dict]:
        headers = dict(self.auth)
        if ctype:
            headers["Content-Type"] = ctype
        self.fresh()
        try:
            self.conn.request(method, path, body, headers)
            response = self.conn.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException):
            self.conn.close()
            raise
        finally:
            self.used = time.monotonic()
        try:
            return response.status, (json.loads(data) if data else {})
        except ValueError:  # a plain-text 500 "Internal Server Error"
            return response.status, {"body": data[:200].decode(errors="replace")}

    def close(self) -> None:
        self.conn.close()


def all_documents(api: Api) -> list[dict]:
    docs: list[dict] = []
    path: str | None = "/v1/documents?limit=200"
    while path:
        status, page = api.call("GET", path)
        if status != 200:
            raise RuntimeError(f"listing documents: HTTP {status}: {page}")
        docs.extend(page["items"])
        if page.get("next"):
            parts = urlsplit(page["next"])
            path = f"{parts.path}?{parts.query}"
        else:
            path = None
    return docs


def stamp(value: str | None) -> float | None:
    return datetime.fromisoformat(value).timestamp() if value else None


# -- one mode --------------------------------------------------------------------------------


@dataclass
class Figures:
    mode: str
    upload: LoadResult | None = None
    warmup: LoadResult | None = None
    drain_seconds: float | None = None
    drain_timed_out: bool = False
    backlog_at_end: int | None = None
    drain_rate: float | None = None  # backlog documents finished per second after the uploads
    done_during_uploads: int | None = None
    left: int = 0  # queued or processing when the drain ended  # documents finished while the timed uploads ran
    documents: int = 0
    doc_statuses: Counter[str] = field(default_factory=Counter)
    e2e: list[float] = field(default_factory=list)
    e2e_upload: list[float] = field(default_factory=list)
    e2e_errors: int = 0
    crashes: list[str] = field(default_factory=list)  # "uploads: SIGSEGV"
    server_log: dict[str, int] = field(default_factory=dict)
    orphaned: int = 0
    killed: int = 0
    failure: str = ""
    load_average: str = ""


def run_mode(mode: str, args: argparse.Namespace, body: bytes, ctype: str) -> Figures:
    figures = Figures(mode)
    log(f"== {mode}")
    before = os.getloadavg()[0]
    with (
        tempfile.TemporaryDirectory(prefix=f"bpo-bench-{mode}-") as tmp,
        backing_services(mode, args) as urls,
    ):
        env = {k: v for k, v in os.environ.items() if not k.startswith("BPO_")}
        env.update(urls)
        env["BPO_VAR_DIR"] = str(Path(tmp) / "var")
        made = subprocess.run(
            [*BPO, "keys", "create", "--client", "bench", "--role", "submitter"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        if made.returncode != 0:
            raise RuntimeError(f"bpo keys create failed:\n{made.stderr}")
        key = made.stdout.strip().splitlines()[-1]
        server = Server(
            env=env,
            port=free_port(),
            api_workers=args.api_workers,
            concurrency=args.concurrency,
            log_path=Path(tmp) / "serve.log",
        )
        try:
            log(f"  starting bpo serve on port {server.port}")
            started = time.perf_counter()
            server.start()
            log(f"  ready in {time.perf_counter() - started:.1f} s")
            measure(figures, server, key, args, body, ctype)
        except Exception as exc:
            figures.failure = f"{type(exc).__name__}: {exc}"
            log(f"  FAILED: {figures.failure}\n  server log tail:\n{server.tail()}")
        finally:
            log("  stopping bpo serve")
            server.stop()
            figures.orphaned, figures.killed = server.orphaned, server.killed
            figures.server_log = server.log_summary()
            figures.load_average = f"{before:.2f} / {os.getloadavg()[0]:.2f}"
            if args.keep_logs:
                kept = Path(args.keep_logs) / f"serve-{mode}.log"
                kept.parent.mkdir(parents=True, exist_ok=True)
                kept.write_bytes(server.log_path.read_bytes())
                log(f"  server log kept at {kept}")
    return figures


def measure(
    figures: Figures,
    server: Server,
    key: str,
    args: argparse.Namespace,
    body: bytes,
    ctype: str,
) -> None:
    port = server.port
    api = Api(port, key)

    def check(phase: str) -> bool:
        """False if `bpo serve` and its worker are up; if either died, note it and start
        `bpo serve` again."""
        how = server.died()
        if how is None:
            if server.worker_alive():
                return False
            # `bpo serve` starts a worker that died again after a second or so
            back = time.monotonic() + 5
            while time.monotonic() < back and server.died() is None:
                if server.worker_alive():
                    figures.crashes.append(f"{phase}: Celery worker (restarted by bpo serve)")
                    return False
                time.sleep(0.2)
            how = server.died()
        how = f"bpo serve {how}" if how else "Celery worker died"
        figures.crashes.append(f"{phase}: {how}")
        log(f"  {how} during {phase}; starting bpo serve again")
        api.close()
        server.stop()
        server.start()
        # warm the new worker processes (each loads its pipeline on its first document)
        ids = []
        for _ in range(2 * args.concurrency):
            status, answer = api.call("POST", UPLOAD_PATH, body, ctype)
            if status == 202:
                ids.append(answer["documents"][0]["id"])
        settle = time.monotonic() + 30
        while ids and time.monotonic() < settle:
            status, doc = api.call("GET", f"/v1/documents/{ids[0]}")
            if status != 200 or doc["status"] not in NOT_DONE:
                ids.pop(0)
            else:
                time.sleep(0.05)
        return True

    def outstanding(phase: str) -> int:
        """Documents queued or processing (at most 200)."""
        while True:
            try:
                status, page = api.call(
                    "GET", "/v1/documents?status=queued&status=processing&limit=200"
                )
            except (OSError, http.client.HTTPException):
                if check(phase):
                    continue
                raise
            if status != 200:
                raise RuntimeError(f"listing documents: HTTP {status}: {page}")
            return len(page["items"])

    def drain(phase: str, timeout: float) -> bool:
        """Wait until nothing is queued or processing; False on timeout."""
        deadline = time.monotonic() + timeout
        checked = time.monotonic()
        while outstanding(phase):
            if time.monotonic() > deadline:
                return False
            if time.monotonic() - checked > 1:
                check(phase)
                checked = time.monotonic()
            time.sleep(0.05)
        return True

    def one_upload() -> tuple[int, dict]:
        return api.call("POST", UPLOAD_PATH, body, ctype)

    def warm_sequential(phase: str) -> None:
        """A few uploads one at a time, processed: every worker process loads its pipeline."""
        for _ in range(2 * args.concurrency):
            one_upload()
        drain(phase, 30)

    def upload_to_result() -> None:
        """Part 2: one upload at a time on an idle service, polled every 5 ms until done."""
        log(f"  upload to result: {args.latency_runs} runs, polling every 5 ms")
        for _ in range(args.latency_runs):
            try:
                started = time.perf_counter()
                status, answer = one_upload()
                uploaded = time.perf_counter()
                if status != 202:
                    figures.e2e_errors += 1
                    continue
                doc_id = answer["documents"][0]["id"]
                until = started + 30
                while True:
                    status, doc = api.call("GET", f"/v1/documents/{doc_id}")
                    if status == 200 and doc["status"] not in NOT_DONE:
                        figures.e2e.append(time.perf_counter() - started)
                        figures.e2e_upload.append(uploaded - started)
                        break
                    if status != 200 or time.perf_counter() > until:
                        figures.e2e_errors += 1
                        break
                    time.sleep(0.005)
            except (OSError, http.client.HTTPException):
                figures.e2e_errors += 1
                if not check("upload to result"):
                    raise
            if figures.e2e_errors >= 5 and not figures.e2e:
                log("  five upload-to-result runs failed, none done: giving up on them")
                break
        log(
            f"  upload to result p50 {ms(pct(figures.e2e, 50))} ms, "
            f"p99 {ms(pct(figures.e2e, 99))} ms"
        )

    try:
        # warm-up, one at a time: every worker process loads its pipeline on its first document
        warm_sequential("warm-up")
        # 2b first: upload to result while the service is idle (before any backlog exists)
        upload_to_result()

        # warm-up for the load: all clients at once, then let the workers catch up
        log(f"  warm-up: {args.clients} uploads at once")
        figures.warmup = run_load(port, key, body, ctype, args.clients, args.clients)
        if figures.warmup.errors:
            log(f"  warm-up errors: {dict(figures.warmup.statuses)}")
        if not check("warm-up") and not drain("warm-up", 20):
            log("  warm-up backlog not drained in 20 s; going on")

        # 1. uploads
        log(f"  {args.requests} uploads from {args.clients} clients")
        load = run_load(port, key, body, ctype, args.requests, args.clients)
        figures.upload = load
        log(
            f"  {rate(load)} uploads/s, p50 {ms(pct(load.latencies, 50))} "
            f"ms, p99 {ms(pct(load.latencies, 99))} ms, statuses {dict(load.statuses)}"
        )
        check("uploads")

        # 2a. the backlog
        figures.drain_timed_out = not drain("drain", args.drain_timeout)
        figures.drain_seconds = time.time() - load.last_wall
        log(
            f"  backlog drained {figures.drain_seconds:.1f} s after the last upload"
            + (" (TIMED OUT)" if figures.drain_timed_out else "")
        )
        docs = all_documents(api)
        figures.documents = len(docs)
        figures.doc_statuses = Counter(d["status"] for d in docs)
        figures.left = sum(1 for d in docs if d["status"] in NOT_DONE)
        figures.done_during_uploads = sum(
            1
            for d in docs
            if load.first_wall <= (stamp(d.get("processed_at")) or 0) <= load.last_wall
        )
        figures.backlog_at_end = sum(
            1
            for d in docs
            if (stamp(d["created_at"]) or 0) <= load.last_wall
            and (d["status"] in NOT_DONE or (stamp(d.get("processed_at")) or 0) > load.last_wall)
        )
        finished = [
            t
            for d in docs
            if (t := stamp(d.get("processed_at"))) is not None
            and t > load.last_wall
            and (stamp(d["created_at"]) or 0) <= load.last_wall
        ]
        if finished and max(finished) > load.last_wall:
            figures.drain_rate = len(finished) / (max(finished) - load.last_wall)
    finally:
        api.close()


# -- printing --------------------------------------------------------------------------------


def rate(u: LoadResult) -> str:
    """Accepted uploads per second, until the last one accepted (a server that crashed refuses
    the rest in no time)."""
    return f"{u.accepted / u.ok_seconds:.1f}" if u.ok_seconds else "-"


def drain_text(f: Figures) -> str:
    if not f.drain_timed_out or f.drain_seconds is None:
        return f"{f.drain_seconds:.1f}"
    return f">{f.drain_seconds:.0f} ({f.left} left)"


def ms(value: float) -> str:
    return "-" if value != value else f"{1000 * value:.0f}"  # NaN: no values


SHORT = {
    "ConnectionRefusedError": "refused",
    "ConnectionResetError": "reset",
    "RemoteDisconnected": "disconnected",
    "BrokenPipeError": "broken-pipe",
    "TimeoutError": "timeout",
}


def rows(f: Figures) -> list[tuple[str, str]]:
    """The figures of one mode as (label, value) rows."""
    out: list[tuple[str, str]] = []
    if f.failure:
        out.append(("FAILED", f.failure.splitlines()[0][:70]))
    out.append(("bpo serve crashes", ", ".join(f.crashes) or "0"))
    u = f.upload
    if u is not None:
        w = f.warmup
        out += [
            ("warm-up uploads (errors)", f"{w.requests} ({w.errors})" if w else "-"),
            ("timed uploads", str(u.requests)),
            ("  accepted (202)", str(u.accepted)),
            (
                "  errors",
                " ".join(
                    f"{SHORT.get(k, k)}={v}" for k, v in sorted(u.statuses.items()) if k != "202"
                )
                or "0",
            ),
            ("accepted uploads/s", rate(u)),
            ("  seconds (to the last accepted)", f"{u.seconds:.1f} ({u.ok_seconds:.1f})"),
            ("upload p50 ms", ms(pct(u.latencies, 50))),
            ("upload p99 ms", ms(pct(u.latencies, 99))),
            ("upload max ms", ms(max(u.latencies, default=float("nan")))),
            ("load client CPU ms/request", f"{1000 * u.cpu_seconds / u.requests:.2f}"),
            ("load client CPU % of 1 core", f"{100 * u.cpu_seconds / u.seconds:.0f}"),
        ]
    if f.drain_seconds is not None:
        out += [
            ("documents in the service", str(f.documents)),
            ("backlog when the uploads ended", str(f.backlog_at_end)),
            ("drain s after the last upload", drain_text(f)),
            (
                "drain rate docs/s",
                f"{f.drain_rate:.1f}" if f.drain_rate else "-",
            ),
            ("documents done during the uploads", str(f.done_during_uploads)),
            ("document statuses", " ".join(f"{k}={v}" for k, v in sorted(f.doc_statuses.items()))),
        ]
    if f.e2e or f.e2e_errors:
        out += [
            ("upload→result runs (errors)", f"{len(f.e2e)} ({f.e2e_errors})"),
            ("upload→result p50 ms", ms(pct(f.e2e, 50))),
            ("upload→result p99 ms", ms(pct(f.e2e, 99))),
            ("upload→result mean ms", ms(statistics.fmean(f.e2e) if f.e2e else float("nan"))),
            ("  of which the upload, p50 ms", ms(pct(f.e2e_upload, 50))),
        ]
    out += [(f"server log: {k}", str(v)) for k, v in f.server_log.items()]
    out.append(("load average start / end", f.load_average))
    out += [
        ("worker up 0.5 s after serve exited", str(f.orphaned)),
        ("processes that needed SIGKILL", str(f.killed)),
    ]
    return out


def print_table(figures: list[Figures]) -> None:
    tables = [{label: value[:40] for label, value in rows(f)} for f in figures]
    labels = list(dict.fromkeys(label for f in figures for label, _ in rows(f)))
    labels.sort(key=lambda label: label != "FAILED")  # stable: the rest keep their order
    width = max(len(label) for label in labels) + 2
    cols = [
        max(len(f.mode), *(len(t.get(label, "")) for label in labels))
        for f, t in zip(figures, tables, strict=True)
    ]
    print(
        f"{'':{width}s}" + "  ".join(f"{f.mode:>{w}s}" for f, w in zip(figures, cols, strict=True))
    )
    for label in labels:
        print(
            f"{label:{width}s}"
            + "  ".join(f"{t.get(label, ''):>{w}s}" for t, w in zip(tables, cols, strict=True))
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--mode", choices=MODES, default=None, help="default: both, one after the other"
    )
    ap.add_argument("--requests", type=int, default=1000, help="timed uploads (after a warm-up)")
    ap.add_argument("--clients", type=int, default=50, help="concurrent upload clients")
    ap.add_argument("--api-workers", type=int, default=1, help="uvicorn processes")
    ap.add_argument("--concurrency", type=int, default=2, help="Celery worker processes")
    ap.add_argument("--file", type=Path, default=None, help="default: a digital sample invoice")
    ap.add_argument("--latency-runs", type=int, default=30, help="upload-to-result runs")
    ap.add_argument(
        "--drain-timeout", type=float, default=60.0, help="seconds to wait for the backlog"
    )
    ap.add_argument("--pg-url", default="postgresql://postgres@127.0.0.1:5432")
    ap.add_argument("--redis-url", default="redis://127.0.0.1:6379")
    ap.add_argument("--redis-db", type=int, default=13)
    ap.add_argument("--keep-logs", default=None, help="copy each mode's server log to this folder")
    args = ap.parse_args()

    path = (args.file or default_file()).resolve()
    body, ctype = multipart(path)
    modes = [args.mode] if args.mode else list(MODES)
    cpus = os.cpu_count()
    usable = len(os.sched_getaffinity(0))
    load1, load5, _ = os.getloadavg()
    print(
        f"bench_service: {cpus} CPUs ({usable} usable), load average {load1:.2f}/{load5:.2f} at "
        f"start; python {sys.version.split()[0]}\n"
        f"  file {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path} "
        f"({path.stat().st_size / 1024:.0f} KiB), {args.clients} clients, {args.requests} uploads "
        f"(after a warm-up), {args.api_workers} API worker(s), {args.concurrency} Celery "
        f"process(es), {args.latency_runs} upload-to-result runs\n"
        "  embedded = SQLite + filesystem:// broker under BPO_VAR_DIR; "
        "redis-postgres = Redis broker + PostgreSQL",
        flush=True,
    )
    results = []
    for mode in modes:
        figures = run_mode(mode, args, body, ctype)
        results.append(figures)
        print(f"\n{mode}")
        for label, value in rows(figures):
            print(f"  {label:34s} {value}")
        sys.stdout.flush()
    if len(results) > 1:
        print()
        print_table(results)


if __name__ == "__main__":
    main()
