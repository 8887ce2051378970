"""The HTTP API against a running service (API process + Celery worker), on both backends:
upload → worker → the result `bpo process` gives; duplicates; checks on the bytes; listing;
files and page images; keys, roles and client isolation; settings; webhooks; problem details."""

from __future__ import annotations

import io
import json
import threading
import uuid
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from PIL import Image

from service.webhooks import SIGNATURE_HEADER, verify
from tests.service_harness import SAMPLES, Service

DIGITAL = SAMPLES / "invoices" / "01-summit.pdf"
SCANNED = SAMPLES / "invoices" / "41-ironwood-scan.png"
AMOUNT_DUE_OVER_TOTAL = SAMPLES / "invoices" / "18-meridian.pdf"  # invoice.amount_due_within_total


def client_id() -> str:
    return f"c{uuid.uuid4().hex[:8]}"


def bpo_process(path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """What `bpo process FILE --json --no-store` prints, run where the file is (its source is
    then its name, as the service's is)."""
    from service.cli import main

    monkeypatch.chdir(path.parent)
    result = CliRunner().invoke(main, ["process", path.name, "--json", "--no-store"])
    assert result.exit_code == 0, result.output
    out: dict[str, Any] = json.loads(result.stdout)
    return out


def test_upload_gives_the_result_bpo_process_gives(
    service: Service, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = service.key(client_id(), "submitter")
    with service.client(key) as http:
        accepted = service.upload(http, DIGITAL, SCANNED)  # one request, two files
        assert [a["filename"] for a in accepted] == [DIGITAL.name, SCANNED.name]
        assert all(a["status"] == "queued" and not a["duplicate"] for a in accepted)
        assert accepted[0]["status_url"] == f"/v1/documents/{accepted[0]['id']}"
        for upload, path in zip(accepted, (DIGITAL, SCANNED), strict=True):
            doc = service.wait_done(http, upload["id"])
            assert doc["result"] == bpo_process(path, monkeypatch)
            assert doc["status"] == doc["result"]["status"]
            assert doc["document_type"] == "invoice"
            events = [e["action"] for e in http.get(f"/v1/documents/{doc['id']}/audit").json()]
            # (a document left queued for long is sent again: "requeued" may come in between)
            assert events[0] == "uploaded" and events.count("processed") == 1
            assert events[-2 if "review_opened" in events else -1] == "processed"


def test_the_same_file_twice_is_the_same_document_unless_asked(service: Service) -> None:
    with service.client(service.key(client_id(), "submitter")) as http:
        first = service.upload(http, DIGITAL)[0]
        again = service.upload(http, DIGITAL)[0]
        assert again["id"] == first["id"] and again["duplicate"] is True
        fresh = service.upload(http, DIGITAL, duplicate="new")[0]
        assert fresh["id"] != first["id"] and fresh["duplicate"] is False
        assert len(http.get("/v1/documents").json()["items"]) == 2
    # another client's upload of the same bytes is its own document
    with service.client(service.key(client_id(), "submitter")) as other:
        theirs = service.upload(other, DIGITAL)[0]
        assert theirs["id"] not in (first["id"], fresh["id"]) and not theirs["duplicate"]


def test_type_and_size_are_checked_on_the_bytes(service: Service) -> None:
    with service.client(service.key(client_id(), "submitter")) as http:
        # a PDF under a misleading name is a PDF
        named_txt = [("files", ("scan.txt", DIGITAL.read_bytes(), "text/plain"))]
        assert http.post("/v1/documents", files=named_txt).status_code == 202
        # an HTML page named .pdf is not; nothing of the upload is kept
        html = b"<html><body>invoice</body></html>"
        response = http.post(
            "/v1/documents",
            files=[
                ("files", ("ok.pdf", DIGITAL.read_bytes(), "application/pdf")),
                ("files", ("invoice.pdf", html, "application/pdf")),
            ],
            params={"duplicate": "new"},
        )
        assert response.status_code == 415
        assert response.headers["content-type"] == "application/problem+json"
        problem = response.json()
        assert problem["code"] == "unsupported-type" and "invoice.pdf" in problem["detail"]
        assert len(http.get("/v1/documents").json()["items"]) == 1
        # over BPO_MAX_UPLOAD_BYTES (5 MB in these tests)
        big = b"%PDF-1.7\n" + b"0" * 6_000_000
        response = http.post(
            "/v1/documents", files=[("files", ("big.pdf", big, "application/pdf"))]
        )
        assert response.status_code == 413 and response.json()["code"] == "too-large"
        response = http.post("/v1/documents", files=[])
        assert response.status_code == 422


def test_listing_filters_and_pages(service: Service) -> None:
    with service.client(service.key(client_id(), "submitter")) as http:
        ids = [service.upload(http, DIGITAL, duplicate="new")[0]["id"] for _ in range(3)]
        for document_id in ids:
            service.wait_done(http, document_id)
        page = http.get("/v1/documents", params={"limit": 2}).json()
        assert [d["id"] for d in page["items"]] == ids[::-1][:2]  # newest first
        rest = http.get(page["next"]).json()
        assert [d["id"] for d in rest["items"]] == ids[:1] and rest["next"] is None
        done = http.get(
            "/v1/documents", params={"status": ["auto_approved"], "document_type": "invoice"}
        ).json()
        assert len(done["items"]) == 3
        assert http.get("/v1/documents", params={"status": "queued"}).json()["items"] == []
        assert http.get("/v1/documents", params={"cursor": "nonsense"}).status_code == 400


def test_file_and_page_images(service: Service) -> None:
    with service.client(service.key(client_id(), "submitter")) as http:
        document_id = service.upload(http, DIGITAL)[0]["id"]
        file = http.get(f"/v1/documents/{document_id}/file")
        assert file.content == DIGITAL.read_bytes()
        assert file.headers["content-type"] == "application/pdf"
        page = http.get(f"/v1/documents/{document_id}/pages/1", params={"dpi": 72})
        assert page.headers["content-type"] == "image/png"
        image = Image.open(io.BytesIO(page.content))
        assert image.size == (612, 792)  # a US Letter page at 72 dpi: one pixel per point
        missing = http.get(f"/v1/documents/{document_id}/pages/2")
        assert missing.status_code == 404 and missing.json()["code"] == "no-such-page"


def test_keys_roles_and_client_isolation(service: Service) -> None:
    acme, globex = client_id(), client_id()
    with (
        service.client(service.key(acme, "submitter")) as acme_submitter,
        service.client(service.key(globex, "reviewer")) as globex_reviewer,
        service.client(service.key(globex, "admin")) as globex_admin,
        service.client(None) as anonymous,
        service.client("bpo_000000000000_wrong") as wrong,
    ):
        document_id = service.upload(acme_submitter, AMOUNT_DUE_OVER_TOTAL)[0]["id"]
        assert service.wait_done(acme_submitter, document_id)["status"] == "needs_review"
        # another client's reviewer and admin: as if it did not exist
        for http in (globex_reviewer, globex_admin):
            for path in ("", "/file", "/pages/1", "/audit"):
                response = http.get(f"/v1/documents/{document_id}{path}")
                assert response.status_code == 404, (path, response.text)
            assert http.get("/v1/documents").json()["items"] == []
            assert http.get("/v1/review/tasks").json()["items"] == []
        task_id = acme_submitter.get(f"/v1/documents/{document_id}").json()["review_task_id"]
        assert globex_reviewer.post(f"/v1/review/tasks/{task_id}/claim").status_code == 404
        # roles: a submitter cannot review, a reviewer cannot change settings
        response = acme_submitter.get("/v1/review/tasks")
        assert response.status_code == 403 and response.json()["code"] == "role"
        assert acme_submitter.get("/v1/kpis").status_code == 403
        assert globex_reviewer.put("/v1/settings", json={}).status_code == 403
        assert globex_admin.put("/v1/settings", json={"sla_hours": 4}).status_code == 200
        assert globex_reviewer.get("/v1/me").json()["role"] == "reviewer"
        assert globex_admin.get("/v1/me").json()["client"] == globex
        # no key, a wrong key
        assert anonymous.get("/v1/documents").status_code == 401
        assert wrong.get("/v1/documents").json()["code"] == "bad-api-key"


def test_a_revoked_key_stops_working(service: Service) -> None:
    from service.keys import revoke_key

    key = service.key(client_id(), "submitter")
    with service.client(key) as http:
        assert http.get("/v1/documents").status_code == 200
        with service.db.session() as session:
            assert revoke_key(session, key.split("_")[1])
        assert http.get("/v1/documents").status_code == 401


def test_client_settings_apply_to_processing(service: Service) -> None:
    client = client_id()
    with (
        service.client(service.key(client, "admin")) as admin,
        service.client(service.key(client, "submitter")) as submitter,
    ):
        bad = admin.put(
            "/v1/settings",
            json={"rule_overrides": {"invoice": {"invoice.no_such_rule": {"enabled": False}}}},
        )
        assert bad.status_code == 422 and "no such rule" in bad.json()["detail"]
        ok = admin.put(
            "/v1/settings",
            json={
                "sla_hours": 2,
                "rule_overrides": {
                    "invoice": {"invoice.amount_due_within_total": {"enabled": False}}
                },
            },
        )
        assert ok.status_code == 200, ok.text
        assert admin.get("/v1/settings").json()["sla_hours"] == 2
        document_id = service.upload(submitter, AMOUNT_DUE_OVER_TOTAL)[0]["id"]
        doc = service.wait_done(submitter, document_id)
        # the rule this client turned off does not send the document to review
        rules = [i["rule"] for i in doc["result"]["issues"]]
        assert "invoice.amount_due_within_total" not in rules
        assert doc["status"] == "auto_approved"


class _Receiver(BaseHTTPRequestHandler):
    received: list[tuple[bytes, str]] = []  # noqa: RUF012

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.received.append((body, self.headers[SIGNATURE_HEADER]))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def test_signed_webhook_when_a_document_is_done(service: Service) -> None:
    server = HTTPServer(("127.0.0.1", 0), _Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    secret = "s3cret-s3cret-s3cret"
    client = client_id()
    try:
        with (
            service.client(service.key(client, "admin")) as admin,
            service.client(service.key(client, "submitter")) as submitter,
        ):
            url = f"http://127.0.0.1:{server.server_port}/hook"
            settings = {"webhook_url": url, "webhook_secret": secret}
            assert admin.put("/v1/settings", json=settings).status_code == 200
            assert admin.get("/v1/settings").json()["webhook_secret_set"] is True
            assert "webhook_secret" not in admin.get("/v1/settings").json()
            document_id = service.upload(submitter, DIGITAL)[0]["id"]
            service.wait_done(submitter, document_id)
            for _ in range(200):
                if any(document_id.encode() in body for body, _ in _Receiver.received):
                    break
                threading.Event().wait(0.05)
            body, signature = next(
                (b, s) for b, s in _Receiver.received if document_id.encode() in b
            )
            assert verify(secret, body, signature)
            assert not verify("another-secret-of-16", body, signature)
            event = json.loads(body)
            assert event["status"] == "auto_approved" and event["client"] == client
    finally:
        server.shutdown()


def test_problem_details_and_openapi(service: Service) -> None:
    with service.client(service.key(client_id(), "submitter")) as http:
        response = http.get(f"/v1/documents/{uuid.uuid4()}")
        assert response.status_code == 404
        assert response.headers["content-type"] == "application/problem+json"
        problem = response.json()
        assert {"type", "title", "status", "detail", "instance"} <= problem.keys()
        assert http.get("/v1/documents", params={"limit": 0}).json()["code"] == "invalid-request"
    spec = service.client(None).get("/openapi.json").json()
    for path in (
        "/v1/documents",
        "/v1/documents/{document_id}",
        "/v1/documents/{document_id}/file",
        "/v1/documents/{document_id}/pages/{number}",
        "/v1/documents/{document_id}/audit",
        "/v1/review/tasks",
        "/v1/review/tasks/{task_id}/claim",
        "/v1/review/tasks/{task_id}/approve",
        "/v1/review/tasks/{task_id}/reject",
        "/v1/kpis",
        "/v1/exports/documents",
    ):
        assert path in spec["paths"], path
    schemas = spec["components"]["schemas"]
    for name in ("UploadAccepted", "DocumentOut", "TaskOut", "Corrections", "Kpis", "Problem"):
        assert schemas[name].get("examples"), name


def test_health_and_readiness(service: Service) -> None:
    with service.client(None) as http:
        assert http.get("/healthz").json() == {"status": "ok"}
        ready = http.get("/readyz").json()
        assert ready["checks"] == {"database": "ok", "broker": "ok", "storage": "ok"}


def test_a_file_of_several_documents_is_split(
    service: Service, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two invoices in one PDF: each is a document of its own, with its result and its review
    task where it needs one; the upload itself is `split` and names its parts."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for path in (DIGITAL, AMOUNT_DUE_OVER_TOTAL):
        writer.append(str(path))
    bundle = tmp_path / "two-invoices.pdf"
    with bundle.open("wb") as fh:
        writer.write(fh)
    expected = {}
    from service.cli import main

    monkeypatch.chdir(tmp_path)
    printed = CliRunner().invoke(main, ["process", bundle.name, "--json", "--no-store"])
    for line in printed.stdout.splitlines():
        result = json.loads(line)
        expected[result["source"]] = result
    assert len(expected) == 2
    with service.client(service.key(client_id(), "reviewer")) as http:
        parent = service.wait_done(http, service.upload(http, bundle)[0]["id"])
        assert parent["status"] == "split" and parent["result"] is None
        parts = [http.get(f"/v1/documents/{p}").json() for p in parent["parts"]]
        assert {p["result"]["source"] for p in parts} == set(expected)
        for part in parts:
            assert part["parent_id"] == parent["id"]
            assert part["result"] == expected[part["result"]["source"]]
            assert part["status"] == part["result"]["status"]
            assert (part["review_task_id"] is not None) == (part["status"] == "needs_review")
        assert sorted(p["status"] for p in parts) == ["auto_approved", "needs_review"]
        assert [t["document_id"] for t in http.get("/v1/review/tasks").json()["items"]] == [
            p["id"] for p in parts if p["status"] == "needs_review"
        ]
