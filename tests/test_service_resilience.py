"""Nothing is lost: a worker killed with SIGKILL in mid-task, and Redis restarted (losing every
message it held) while clients upload. Real processes, real brokers, real kills."""

from __future__ import annotations

import signal
import subprocess
import time
import uuid
from pathlib import Path

import pytest
import redis

from tests.service_harness import SAMPLES, make_backend, running
from tests.test_service_api import bpo_process

SCANNED = SAMPLES / "invoices" / "41-ironwood-scan.png"  # OCR: seconds of work to kill
DIGITAL = SAMPLES / "invoices" / "01-summit.pdf"


@pytest.mark.parametrize("backend_name", ["embedded", "redis-postgres"])
def test_a_worker_killed_mid_task_loses_nothing(
    backend_name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backend = make_backend(backend_name)
    try:
        with running(tmp_path, backend, workers=1) as service:
            key = service.key(f"c{uuid.uuid4().hex[:8]}", "submitter")
            with service.client(key) as http:
                document_id = service.upload(http, SCANNED)[0]["id"]
                deadline = time.monotonic() + 60
                while http.get(f"/v1/documents/{document_id}").json()["status"] != "processing":
                    assert time.monotonic() < deadline, service.log("worker.log")
                    time.sleep(0.02)
                time.sleep(0.5)  # well into reading the scan
                service.kill(service.workers[0], signal.SIGKILL)  # the worker and its pool
                assert http.get(f"/v1/documents/{document_id}").json()["status"] == "processing"
                service.start_worker()
                doc = service.wait_done(http, document_id, timeout=120)
                assert doc["result"] == bpo_process(SCANNED, monkeypatch)
                actions = [
                    e["action"] for e in http.get(f"/v1/documents/{document_id}/audit").json()
                ]
                assert actions.count("processing") == 2
                assert "requeued" in actions
                assert actions.count("processed") == 1
    finally:
        backend.drop()


def _redis_server(port: int, tmp: Path) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [
            "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(tmp),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    client = redis.Redis(port=port)
    for _ in range(100):
        try:
            client.ping()
            return server
        except redis.ConnectionError:
            time.sleep(0.05)
    raise RuntimeError("redis-server did not start")


def test_a_redis_restart_during_uploads_loses_nothing(tmp_path: Path) -> None:
    from tests.service_harness import free_port

    port = free_port()
    broker = _redis_server(port, tmp_path)
    backend = make_backend("redis-postgres", redis_url=f"redis://127.0.0.1:{port}/0")
    try:
        # messages lost with Redis are found by the sweeper after BPO_REQUEUE_AFTER_SECONDS
        with running(tmp_path, backend, workers=1, BPO_REQUEUE_AFTER_SECONDS="3") as service:
            key = service.key(f"c{uuid.uuid4().hex[:8]}", "submitter")
            with service.client(key) as http:
                # a scan keeps the one worker busy while the next uploads wait in Redis
                scan = service.upload(http, SCANNED)[0]["id"]
                ids = [service.upload(http, DIGITAL, duplicate="new")[0]["id"] for _ in range(8)]
                waiting = [http.get(f"/v1/documents/{i}").json()["status"] for i in ids]
                assert waiting.count("queued") >= 6, waiting
                broker.kill()  # Redis keeps nothing on disk: every message in it is gone
                broker.wait()
                # uploads go on while the broker is down: each is committed, then sent later
                ids += [service.upload(http, DIGITAL, duplicate="new")[0]["id"] for _ in range(6)]
                broker = _redis_server(port, tmp_path)
                ids += [service.upload(http, DIGITAL, duplicate="new")[0]["id"] for _ in range(6)]
                assert len(set(ids)) == 20
                statuses = [service.wait_done(http, i, timeout=120)["status"] for i in ids]
                assert statuses == ["auto_approved"] * 20
                assert service.wait_done(http, scan)["status"] != "failed"
                listed = http.get("/v1/documents", params={"limit": 100}).json()["items"]
                assert sorted(d["id"] for d in listed) == sorted([scan, *ids])
    finally:
        broker.kill()
        backend.drop()


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:  # the parent's pid
            found.append(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_bpo_serve_restarts_its_worker_and_takes_it_down_with_it(tmp_path: Path) -> None:
    """Regressions: `bpo serve` did not start a worker that died again, and a SIGTERM left its
    worker running as an orphan."""
    import httpx

    from tests.service_harness import Service

    service = Service(tmp_path, make_backend("embedded"))
    service.db  # noqa: B018
    serve = service._spawn(["serve", "--port", str(service.port)], "api.log")
    try:
        deadline = time.monotonic() + 60
        while not _children(serve.pid) or not service.log("api.log").count("ready."):
            assert time.monotonic() < deadline and serve.poll() is None, service.log("api.log")
            time.sleep(0.2)
        (worker,) = _children(serve.pid)
        pool = _children(worker)
        assert pool
        service.kill_pid(worker)
        key = service.key("acme", "submitter")
        with service.client(key) as http:
            for _ in range(100):  # the API may still be starting
                try:
                    document_id = service.upload(http, DIGITAL)[0]["id"]
                    break
                except httpx.TransportError:
                    time.sleep(0.2)
            assert service.wait_done(http, document_id, timeout=60)["status"] == "auto_approved"
        (restarted,) = _children(serve.pid)
        assert restarted != worker
        grandchildren = _children(restarted)
        serve.send_signal(signal.SIGTERM)
        assert serve.wait(timeout=60) == 0
        # it waited for its worker's warm shutdown: nothing of it is left
        assert not any(_alive(p) for p in (restarted, *grandchildren))
    finally:
        service.kill(serve)


def test_scans_go_to_their_own_queue(tmp_path: Path) -> None:
    """Documents with a text layer never wait behind scans: each kind has its queue, and a
    worker can take one or both."""
    backend = make_backend("embedded")
    with running(tmp_path, backend, workers=0) as service:
        service.start_worker("--queues", "bpo")  # digital only
        key = service.key("acme", "submitter")
        with service.client(key) as http:
            scan, digital = (d["id"] for d in service.upload(http, SCANNED, DIGITAL))
            assert service.wait_done(http, digital)["status"] == "auto_approved"
            time.sleep(1.0)
            assert http.get(f"/v1/documents/{scan}").json()["status"] == "queued"
            service.start_worker("--queues", "bpo-ocr")
            assert service.wait_done(http, scan)["result"]["ocr"] is True
