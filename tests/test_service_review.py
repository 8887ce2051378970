"""The review workflow over HTTP on both backends: claim (a lease), corrections that re-run the
rules, approve / reject, the 409s (lease held, stale version, closed task), the audit trail,
then what operators read: KPIs and exports."""

from __future__ import annotations

import io
import uuid
from datetime import timedelta
from typing import Any

import pandas as pd

from service.db import ReviewTaskRow, utcnow
from tests.service_harness import SAMPLES, Service

AMOUNT_DUE_OVER_TOTAL = SAMPLES / "invoices" / "18-meridian.pdf"  # amount due 2550.00 > 2505.00
DUE_BEFORE_ISSUE = SAMPLES / "invoices" / "20-nordlicht-industriebedarf.pdf"


def _needs_review(service: Service, http: Any, path: Any) -> tuple[str, str]:
    document_id = service.upload(http, path, duplicate="new")[0]["id"]
    doc = service.wait_done(http, document_id)
    assert doc["status"] == "needs_review", doc
    return document_id, doc["review_task_id"]


def test_the_review_flow_with_its_conflicts(service: Service) -> None:
    client = f"c{uuid.uuid4().hex[:8]}"
    with (
        service.client(service.key(client, "reviewer", "alice")) as alice,
        service.client(service.key(client, "reviewer", "bob")) as bob,
    ):
        document_id, task_id = _needs_review(service, alice, AMOUNT_DUE_OVER_TOTAL)
        queue = alice.get("/v1/review/tasks").json()["items"]
        assert [t["id"] for t in queue] == [task_id]
        assert queue[0]["reasons"] == ["invoice.amount_due_within_total"]
        assert queue[0]["lease"] is None

        # writing before claiming
        version = queue[0]["version"]
        response = alice.patch(
            f"/v1/review/tasks/{task_id}", json={"version": version, "fields": {}}
        )
        assert response.status_code == 409 and response.json()["code"] == "not-claimed"

        claimed = alice.post(f"/v1/review/tasks/{task_id}/claim").json()
        assert claimed["lease"]["owner"] == "alice"
        version = claimed["version"]
        assert claimed["result"]["fields"]["amount_due"]["value"] == "2550.00"

        # bob meets alice's lease
        for response in (
            bob.post(f"/v1/review/tasks/{task_id}/claim"),
            bob.patch(
                f"/v1/review/tasks/{task_id}",
                json={"version": version, "fields": {"amount_due": "1.00"}},
            ),
            bob.post(f"/v1/review/tasks/{task_id}/approve", json={"version": version}),
        ):
            assert response.status_code == 409
            assert response.json()["code"] == "lease-held" and "alice" in response.json()["detail"]

        # a stale version
        stale = alice.patch(
            f"/v1/review/tasks/{task_id}",
            json={"version": version - 1, "fields": {"amount_due": "2505.00"}},
        )
        assert stale.status_code == 409 and stale.json()["code"] == "stale"
        # a field the document type does not have
        unknown = alice.patch(
            f"/v1/review/tasks/{task_id}", json={"version": version, "fields": {"npi": "1"}}
        )
        assert unknown.status_code == 422

        # the correction: the rules run again and the reason goes
        corrected = alice.patch(
            f"/v1/review/tasks/{task_id}",
            json={"version": version, "fields": {"amount_due": "2505.00"}},
        )
        assert corrected.status_code == 200, corrected.text
        task = corrected.json()
        assert task["version"] > version
        assert task["reasons"] == []
        field = task["result"]["fields"]["amount_due"]
        assert field == {**field, "value": "2505.00", "confidence": 1.0, "source": "person"}
        assert "invoice.amount_due_within_total" not in [
            i["rule"] for i in task["result"]["issues"]
        ]

        approved = alice.post(
            f"/v1/review/tasks/{task_id}/approve", json={"version": task["version"]}
        )
        assert approved.status_code == 200, approved.text
        assert approved.json()["status"] == "approved"
        assert approved.json()["decided_by"] == "alice"
        again = alice.post(
            f"/v1/review/tasks/{task_id}/approve", json={"version": approved.json()["version"]}
        )
        assert again.status_code == 409 and again.json()["code"] == "closed"

        doc = alice.get(f"/v1/documents/{document_id}").json()
        assert doc["status"] == "approved"
        assert doc["result"]["fields"]["amount_due"]["value"] == "2505.00"
        assert alice.get("/v1/review/tasks").json()["items"] == []

        audit = alice.get(f"/v1/documents/{document_id}/audit").json()
        actions = [e["action"] for e in audit]
        assert actions == [
            "uploaded",
            "processing",
            "processed",
            "review_opened",
            "claimed",
            "corrected",
            "revalidated",
            "approved",
        ]
        correction = audit[actions.index("corrected")]
        assert correction["field"] == "amount_due"
        assert (correction["before"], correction["after"]) == ("2550.00", "2505.00")
        assert correction["actor"].endswith("(alice)")

        # what operators read
        kpis = alice.get("/v1/kpis").json()
        assert kpis["documents"] == 1 and kpis["by_status"] == {"approved": 1}
        assert kpis["corrections_per_field"] == {"amount_due": 1}
        # what sent it to review, though a correction cleared it since
        assert kpis["exceptions_per_rule"] == {"invoice.amount_due_within_total": 1}
        assert kpis["straight_through_rate"] == 0.0
        assert kpis["turnaround_seconds"]["p50"] > 0
        csv = alice.get("/v1/exports/documents", params={"format": "csv"})
        assert csv.headers["content-type"].startswith("text/csv")
        table = pd.read_csv(io.StringIO(csv.text), dtype=str)
        assert list(table["document_id"]) == [document_id]
        assert list(table["amount_due"]) == ["2505.00"]
        xlsx = alice.get("/v1/exports/documents", params={"format": "xlsx"})
        sheets = pd.read_excel(io.BytesIO(xlsx.content), sheet_name=None, dtype=str)
        assert list(sheets["documents"]["document_id"]) == [document_id]
        assert "line_items" in sheets


def test_reject_takes_a_reason_and_an_expired_lease_is_taken_over(service: Service) -> None:
    client = f"c{uuid.uuid4().hex[:8]}"
    with (
        service.client(service.key(client, "reviewer", "alice")) as alice,
        service.client(service.key(client, "reviewer", "bob")) as bob,
    ):
        document_id, task_id = _needs_review(service, alice, DUE_BEFORE_ISSUE)
        assert alice.post(f"/v1/review/tasks/{task_id}/claim").status_code == 200
        # alice walks away; her lease runs out
        with service.db.session() as session:
            row = session.get(ReviewTaskRow, task_id)
            assert row is not None
            row.lease_expires_at = utcnow() - timedelta(seconds=1)
        taken = bob.post(f"/v1/review/tasks/{task_id}/claim")
        assert taken.status_code == 200 and taken.json()["lease"]["owner"] == "bob"
        version = taken.json()["version"]
        late = alice.post(f"/v1/review/tasks/{task_id}/approve", json={"version": version})
        assert late.status_code == 409 and late.json()["code"] == "lease-held"
        no_reason = bob.post(f"/v1/review/tasks/{task_id}/reject", json={"version": version})
        assert no_reason.status_code == 422
        rejected = bob.post(
            f"/v1/review/tasks/{task_id}/reject",
            json={"version": version, "reason_code": "incomplete", "note": "page 2 missing"},
        )
        assert rejected.status_code == 200, rejected.text
        assert rejected.json()["reason_code"] == "incomplete"
        doc = bob.get(f"/v1/documents/{document_id}").json()
        assert doc["status"] == "rejected"
        decided = bob.get("/v1/review/tasks", params={"status": "rejected"}).json()["items"]
        assert [t["id"] for t in decided] == [task_id]
        # rejected documents are not exported
        table = pd.read_csv(io.StringIO(bob.get("/v1/exports/documents").text))
        assert table.empty


def test_the_queue_is_ordered_by_sla_then_priority(service: Service) -> None:
    client = f"c{uuid.uuid4().hex[:8]}"
    with service.client(service.key(client, "reviewer")) as http:
        tasks = [_needs_review(service, http, AMOUNT_DUE_OVER_TOTAL)[1] for _ in range(3)]
        now = utcnow()
        with service.db.session() as session:  # the first two due at once; the second matters more
            for task_id, hours, priority in zip(tasks, (5, 5, 1), (1, 3, 9), strict=True):
                row = session.get(ReviewTaskRow, task_id)
                assert row is not None
                row.due_at = now + timedelta(hours=hours)
                row.priority = priority
        queue = http.get("/v1/review/tasks").json()["items"]
        assert [t["id"] for t in queue] == [tasks[2], tasks[1], tasks[0]]
        page = http.get("/v1/review/tasks", params={"limit": 2}).json()
        assert len(page["items"]) == 2 and page["next"]
        assert [t["id"] for t in http.get(page["next"]).json()["items"]] == [tasks[0]]


def test_corrections_are_checked_confirmed_and_versioned(service: Service) -> None:
    client = f"c{uuid.uuid4().hex[:8]}"
    with service.client(service.key(client, "reviewer", "alice")) as alice:
        document_id, task_id = _needs_review(service, alice, AMOUNT_DUE_OVER_TOTAL)
        task = alice.post(f"/v1/review/tasks/{task_id}/claim").json()
        url = f"/v1/review/tasks/{task_id}"
        # values not in normal form are refused with what was expected, and nothing changes
        for fields in (
            {"total_amount": "1,210.00"},
            {"total_amount": ["1", "2"]},
            {"invoice_date": "26/03/2024"},
            {"due_date": True},
            {"vendor_name": "  "},
            {"currency": "euro"},
        ):
            response = alice.patch(url, json={"version": task["version"], "fields": fields})
            assert response.status_code == 422, (fields, response.text)
            assert response.json()["code"] == "not-normal-form"
            assert response.json()["errors"][0]["field"] == next(iter(fields))
        assert alice.get(url).json()["version"] == task["version"]
        # the same value again confirms it: a person vouches for it now
        confirmed = alice.patch(
            url, json={"version": task["version"], "fields": {"total_amount": "2505.00"}}
        )
        assert confirmed.status_code == 200, confirmed.text
        field = confirmed.json()["result"]["fields"]["total_amount"]
        assert (field["value"], field["confidence"], field["source"]) == ("2505.00", 1.0, "person")
        # every correction moves the version on, even one that changes no reason: a second
        # write from the version read before is stale
        assert confirmed.json()["version"] > task["version"]
        stale = alice.patch(
            url, json={"version": task["version"], "fields": {"vendor_name": "Meridian"}}
        )
        assert stale.status_code == 409 and stale.json()["code"] == "stale"
        audit = alice.get(f"/v1/documents/{document_id}/audit").json()
        confirm = next(e for e in audit if e["action"] == "confirmed")
        assert (confirm["field"], confirm["before"], confirm["after"]) == (
            "total_amount",
            "2505.00",
            "2505.00",
        )
