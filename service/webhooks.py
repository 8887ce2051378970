"""Signed webhooks: a POST to the client's URL when one of its documents is done.

The body is JSON; `X-BPO-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<body>">` with the
client's secret, so the receiver can check it came from us and is fresh (as Stripe signs). A
failed delivery is retried with back-off by the Celery task; when the last try fails too, the
document's audit trail says so (`webhook_failed`, with the reason), so a notice is never lost
unseen: the client can still poll the document, an operator sees which notices did not arrive.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import urllib.request

from service.db import Database, DocumentRow
from service.processing import audit, client_settings

SIGNATURE_HEADER = "X-BPO-Signature"


def sign(secret: str, body: bytes, timestamp: int) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def verify(secret: str, body: bytes, header: str, tolerance: float = 300.0) -> bool:
    """What a receiver does: the signature matches and is no older than `tolerance` seconds."""
    try:
        parts = dict(p.split("=", 1) for p in header.split(","))
        timestamp = int(parts["t"])
    except (KeyError, ValueError):
        return False
    if abs(time.time() - timestamp) > tolerance:
        return False
    return hmac.compare_digest(sign(secret, body, timestamp), header)


def wants_webhook(db: Database, document_id: str) -> bool:
    with db.read_session() as session:
        row = session.get(DocumentRow, document_id)
        return row is not None and client_settings(session, row.client_id).webhook_url is not None


def deliver(db: Database, document_id: str, timeout: float = 10.0) -> int | None:
    """Send the event; raises OSError (retried) when the receiver fails or cannot be reached."""
    with db.session() as session:
        row = session.get(DocumentRow, document_id)
        if row is None:
            return None
        settings = client_settings(session, row.client_id)
        if settings.webhook_url is None:
            return None
        payload = {
            "event": "document.done",
            "document_id": row.id,
            "client": row.client_id,
            "status": row.status,
            "document_type": row.document_type,
            "version": row.version,
            "url": f"/v1/documents/{row.id}",
        }
    body = json.dumps(payload, sort_keys=True).encode()
    request = urllib.request.Request(
        settings.webhook_url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": "bpo-toolkit-webhook/1",
            SIGNATURE_HEADER: sign(settings.webhook_secret or "", body, int(time.time())),
        },
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:
        status = int(response.status)
    with db.session() as session:
        row = session.get(DocumentRow, document_id)
        if row is not None:
            audit(session, row, "system:webhook", "webhook_delivered", after={"status": status})
    return status


def record_failure(db: Database, document_id: str, error: str, attempts: int) -> None:
    """The last try failed: note it in the document's audit trail."""
    with db.session() as session:
        row = session.get(DocumentRow, document_id)
        if row is not None:
            audit(
                session,
                row,
                "system:webhook",
                "webhook_failed",
                after={"error": error, "attempts": attempts},
            )
