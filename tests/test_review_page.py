"""The reviewers' page (service/web/review.*) in a real browser.

A `bpo serve` of its own (embedded mode: SQLite and the filesystem broker in a temporary directory)
with two invoices that need review; Debian's chromium, driven by Playwright, signs in, corrects,
saves, approves one and rejects the other. Never a downloaded browser: without /usr/bin/chromium
the test is skipped.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.conftest import ROOT, SAMPLES

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ARTIFACTS = ROOT / "tests" / "artifacts"
SCREENSHOT_COPY = Path("/tmp/review-page.png")

# two digital invoices with one planted error each (samples/README.md)
TOTALS = (
    "10-mcallister-olsen.pdf"  # subtotal 310.20 + tax 27.45 = 337.65, but the total reads 338.55
)
DUE_DATE = "20-nordlicht-industriebedarf.pdf"  # due before it was issued
CLI = [sys.executable, "-c", "from service.cli import main; main()"]


@dataclass
class Server:
    url: str
    alice: str  # the reviewer in the browser
    bob: str  # another reviewer, who holds a lease for a while
    documents: dict[str, str]  # filename -> document id
    log: Path

    def api(self, key: str) -> httpx.Client:
        return httpx.Client(
            base_url=self.url,
            headers={"Authorization": f"Bearer {key}"},
            timeout=30,
            trust_env=False,  # no proxy between the test and its own server
        )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _children(pid: int) -> list[int]:
    """The direct children of a process (from /proc; `bpo serve` starts its worker in a session
    of its own, so killing the server's group alone would leave the worker running)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[-1].split()
        if len(fields) > 1 and int(fields[1]) == pid:
            found.append(int(entry.name))
    return found


def _kill_group(pgid: int, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, sig)


def _stop(process: subprocess.Popen[bytes]) -> None:
    groups = {process.pid}
    for child in _children(process.pid):
        with contextlib.suppress(ProcessLookupError):
            groups.add(os.getpgid(child))
    # on SIGTERM `bpo serve` ends without stopping its worker (uvicorn raises the signal again
    # after its own shutdown, before serve's `finally`), so the worker's group goes here too
    _kill_group(process.pid, signal.SIGTERM)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=15)
    for pgid in groups:
        _kill_group(pgid, signal.SIGKILL)
    process.wait(timeout=10)


def _keys(env: dict[str, str], *names: str) -> list[str]:
    """Reviewer keys made by `bpo keys create`, all in one process (each start costs seconds)."""
    calls = "; ".join(
        f"main({['keys', 'create', '--client', 'acme', '--role', 'reviewer', '--name', n]!r},"
        " standalone_mode=False)"
        for n in names
    )
    made = subprocess.run(
        [sys.executable, "-c", f"from service.cli import main; {calls}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    keys = made.stdout.split()
    assert len(keys) == len(names), made.stdout + made.stderr
    return keys


def _serve(env: dict[str, str], tmp: Path, started: list[subprocess.Popen[bytes]]) -> Server:
    """`bpo serve` (the API and a worker) on a free port, once it answers /readyz."""
    port = _free_port()
    log = tmp / f"serve-{len(started)}.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [*CLI, "serve", "--port", str(port)],
            cwd=tmp,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    started.append(process)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        assert process.poll() is None, f"bpo serve stopped:\n{log.read_text()}"
        try:
            if httpx.get(f"{url}/readyz", timeout=2, trust_env=False).status_code == 200:
                return Server(url, "", "", {}, log)
        except httpx.TransportError:
            pass
        assert time.monotonic() < deadline, f"bpo serve not ready:\n{log.read_text()}"
        time.sleep(0.2)


def _wait_for_review(api: httpx.Client, document_ids: list[str], log: Path) -> None:
    deadline = time.monotonic() + 90
    while True:
        statuses = [api.get(f"/v1/documents/{i}").json()["status"] for i in document_ids]
        if not {"queued", "processing"} & set(statuses):
            assert statuses == ["needs_review"] * len(document_ids), statuses
            return
        assert time.monotonic() < deadline, f"still {statuses}:\n{log.read_text()}"
        time.sleep(0.2)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium (apt-get install chromium)")
    tmp = tmp_path_factory.mktemp("review-page")
    env = {k: v for k, v in os.environ.items() if not k.startswith("BPO_")}
    env.update(
        BPO_VAR_DIR=str(tmp / "var"),
        BPO_HOME=str(tmp / "home"),
        BPO_SWEEP_EVERY_SECONDS="1",
    )
    alice, bob = _keys(env, "alice", "bob")
    started: list[subprocess.Popen[bytes]] = []
    try:
        server = _serve(env, tmp, started)
        server.alice, server.bob = alice, bob
        with server.api(alice) as api:
            files = [
                ("files", (name, (SAMPLES / "invoices" / name).read_bytes(), "application/pdf"))
                for name in (TOTALS, DUE_DATE)
            ]
            uploaded = api.post("/v1/documents", files=files)
            assert uploaded.status_code == 202, uploaded.text
            server.documents = {d["filename"]: d["id"] for d in uploaded.json()["documents"]}
        with server.api(alice) as api:
            _wait_for_review(api, list(server.documents.values()), server.log)
        yield server
    finally:
        for process in started:
            _stop(process)


def _task(server: Server, filename: str) -> dict[str, object]:
    with server.api(server.alice) as api:
        for status in ("open", "approved", "rejected"):
            for task in api.get("/v1/review/tasks", params={"status": status}).json()["items"]:
                if task["filename"] == filename:
                    return dict(task)
    raise AssertionError(f"no task for {filename}")


def test_review_page_end_to_end(server: Server) -> None:
    from playwright.sync_api import expect, sync_playwright

    # bob holds the second invoice for now: the page must show it and keep its hands off
    held = _task(server, DUE_DATE)
    with server.api(server.bob) as bob:
        assert bob.post(f"/v1/review/tasks/{held['id']}/claim", json={}).status_code == 200

    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 900})
        try:
            page.on("pageerror", lambda e: errors.append(f"page error: {e}"))
            page.on(
                "console",
                # a 4xx answer is logged as "Failed to load resource"; the page expects those
                lambda m: (
                    errors.append(f"console: {m.text}")
                    if m.type == "error" and not m.text.startswith("Failed to load resource")
                    else None
                ),
            )
            expect.set_options(timeout=20_000)  # generous: the machine may be busy

            # sign in
            page.goto(f"{server.url}/review")
            expect(page.locator("#signin")).to_be_visible()
            page.fill("#signin-key", "bpo_nope_wrong")
            page.click("#signin-submit")
            expect(page.locator("#signin-error")).to_contain_text("not known")
            page.fill("#signin-key", server.alice)
            page.click("#signin-submit")
            expect(page.locator("#app")).to_be_visible()

            # the queue: both invoices, their reasons, bob's lease
            items = page.locator("#queue-list .task-item")
            expect(items).to_have_count(2)
            first = items.filter(has_text=TOTALS)
            second = items.filter(has_text=DUE_DATE)
            expect(first.locator(".tag", has_text="totals_add_up")).to_be_visible()
            expect(second.locator(".tag", has_text="due_date_order")).to_be_visible()
            expect(second).to_contain_text("Held by bob")

            # someone else's task opens read-only, with the API's word on why
            second.click()
            expect(page.locator("#message")).to_contain_text("claimed by bob")
            expect(page.locator("#task-filename")).to_have_text(DUE_DATE)
            expect(page.locator("#approve-button")).to_be_disabled()
            expect(page.locator('[data-field-input="due_date"]')).to_be_disabled()

            # opening a task claims it: the page image, the boxes, the issues, the fields
            first.click()
            expect(page.locator("#task-filename")).to_have_text(TOTALS)
            expect(first).to_contain_text("Claimed by you")
            expect(page.locator("#whoami")).to_contain_text("alice")
            image = page.locator("#page-image")
            expect(image).to_be_visible()
            page.wait_for_function("document.querySelector('#page-image').naturalWidth > 0")
            boxes = page.locator("#boxes .box[data-field]")
            expect(boxes.first).to_be_visible()
            assert boxes.count() >= 8
            total_box = page.locator('#boxes .box[data-field="total_amount"]')
            expect(total_box).to_be_visible()
            inside = page.evaluate(
                """() => {
                    const img = document.querySelector('#page-image').getBoundingClientRect();
                    const box = document.querySelector('.box[data-field="total_amount"]')
                        .getBoundingClientRect();
                    return box.width > 4 && box.left >= img.left && box.right <= img.right + 4
                        && box.top >= img.top && box.bottom <= img.bottom;
                }"""
            )
            assert inside, "the total's box is not on the page image"
            issues = page.locator("#issues")
            expect(issues.locator('[data-rule="invoice.totals_add_up"]')).to_contain_text("337.65")
            total_row = page.locator('.field-row[data-field="total_amount"]')
            expect(total_row).to_have_class(re.compile(r"\bissue-error\b"))  # named by an error
            expect(page.locator('.field-row[data-field="purchase_order"]')).to_have_class(
                re.compile(r"\bmissing\b")
            )
            expect(page.locator('.field-row[data-field="invoice_date"] .conf-low')).to_have_text(
                "0.77"
            )
            expect(page.locator("#lines tbody tr")).to_have_count(4)
            total_row.hover()
            expect(total_box).to_have_class(re.compile(r"\bactive\b"))

            # correct the total and the amount due: only those two go to the API
            page.fill('[data-field-input="total_amount"]', "337.65")
            page.fill('[data-field-input="amount_due"]', "337.65")
            expect(page.locator("#save-button")).to_have_text("Save 2 corrections")
            with page.expect_request(
                lambda r: r.method == "PATCH" and "/v1/review/tasks/" in r.url
            ) as patch:
                page.keyboard.press("Control+s")
            body = patch.value.post_data_json
            assert body["fields"] == {"total_amount": "337.65", "amount_due": "337.65"}
            expect(page.locator("#message")).to_contain_text("Saved 2 corrections")
            expect(issues.locator('[data-rule="invoice.totals_add_up"]')).to_have_count(0)
            expect(issues.locator('[data-rule="invoice.field_confidence"]')).to_have_count(1)
            expect(total_row.locator(".chip-edit")).to_have_text("edited")
            expect(first.locator(".tag", has_text="totals_add_up")).to_have_count(0)
            page.click("#audit-panel summary")
            corrected = page.locator('#audit .audit-item[data-action="corrected"]')
            expect(corrected).to_have_count(2)
            expect(corrected.filter(has_text="total_amount")).to_contain_text("338.55")
            expect(page.locator('#audit .audit-item[data-action="claimed"]')).not_to_have_count(0)

            # a value not in normal form never reaches the API
            page.fill('[data-field-input="due_date"]', "24/09/2024")
            expect(page.locator('.field-row[data-field="due_date"] .field-error')).to_contain_text(
                "YYYY-MM-DD"
            )
            page.locator('[data-field-input="due_date"]').press("Escape")
            expect(page.locator('[data-field-input="due_date"]')).to_have_value("2024-09-24")

            # the picture: issues at the top of the panel, the corrected total lit up on the page
            page.locator("#page-image").click(position={"x": 5, "y": 5})
            page.locator(".side").evaluate("side => { side.scrollTop = 0; }")
            total_box.hover()
            expect(total_row).to_have_class(re.compile(r"\bactive\b"))
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "review-page.png"))
            page.screenshot(path=str(SCREENSHOT_COPY))

            # approve: the task leaves the queue; bob still holds the other, so nothing opens
            page.fill("#decision-note", "total corrected from the line items")
            page.click("#approve-button")
            expect(page.locator("#message")).to_contain_text(f"Approved: {TOTALS}")
            expect(items).to_have_count(1)
            expect(items.filter(has_text=TOTALS)).to_have_count(0)
            expect(page.locator("#placeholder")).to_be_visible()

            # bob lets go; the other invoice is rejected with a reason
            with server.api(server.bob) as bob:
                released = bob.post(f"/v1/review/tasks/{held['id']}/release")
                assert released.status_code == 200, released.text
            page.click("#refresh")
            expect(second).not_to_contain_text("Held by bob")
            page.keyboard.press("j")  # opens the first (now the only) task
            expect(page.locator("#task-filename")).to_have_text(DUE_DATE)
            expect(issues.locator('[data-rule="invoice.due_date_order"]')).to_be_visible()
            page.click("#reject-button")  # no reason yet: the page asks for one
            expect(page.locator("#message")).to_contain_text("Choose a reason")
            page.select_option("#reject-reason", "incomplete")
            page.fill("#decision-note", "due date before the invoice date")
            page.click("#reject-button")
            expect(page.locator("#message")).to_contain_text(f"Rejected (incomplete): {DUE_DATE}")
            expect(items).to_have_count(0)
            expect(page.locator("#queue-empty")).to_be_visible()

            # the decided tasks are listed under their status
            page.click('.seg-btn[data-status="approved"]')
            expect(items).to_have_count(1)
            expect(items.first).to_contain_text("Approved by alice")

            page.click("#signout")
            expect(page.locator("#signin")).to_be_visible()
            assert page.evaluate("sessionStorage.length") == 0
        except Exception:
            # what the page looked like, and what the server said (pytest shows stderr)
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            with contextlib.suppress(Exception):
                page.screenshot(path=str(ARTIFACTS / "review-page-failure.png"))
            print(server.log.read_text()[-6000:], file=sys.stderr)
            raise
        finally:
            browser.close()

    assert not errors, errors

    # the API agrees
    approved, rejected = _task(server, TOTALS), _task(server, DUE_DATE)
    assert (approved["status"], approved["decided_by"]) == ("approved", "alice")
    assert approved["note"] == "total corrected from the line items"
    assert (rejected["status"], rejected["reason_code"]) == ("rejected", "incomplete")
    with server.api(server.alice) as api:
        statuses = {
            name: api.get(f"/v1/documents/{document_id}").json()
            for name, document_id in server.documents.items()
        }
    assert statuses[TOTALS]["status"] == "approved"
    assert statuses[TOTALS]["result"]["fields"]["total_amount"]["value"] == "337.65"
    assert statuses[TOTALS]["result"]["fields"]["total_amount"]["source"] == "person"
    assert statuses[DUE_DATE]["status"] == "rejected"
