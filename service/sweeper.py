"""Nothing lost: documents whose task never ran, or whose worker died, are sent again.

A document is committed as `queued` before its task is sent. If the send fails (the broker is
down) or the message is lost (Redis restarted without persistence), it stays queued; if a worker
is killed mid-task, its heartbeat stops. The sweeper finds both and sends them again; the task is
idempotent, so a message that turns up after all does no harm. A document whose worker died
`max_attempts` times is failed with a reason instead of taking down workers forever.
"""

from __future__ import annotations

import logging
import threading

from service.db import Database, DocStatus, DocumentRow, utcnow
from service.processing import audit, due_for_resend, mark_failed
from service.settings import ServiceSettings

log = logging.getLogger(__name__)
SWEEPER = "system:sweeper"


def sweep(db: Database, settings: ServiceSettings) -> int:
    """Send again what is due; returns how many documents were sent."""
    from service.tasks import enqueue

    to_send: list[tuple[str, str]] = []
    now = utcnow()
    with db.session() as session:
        for row in due_for_resend(session, settings, now):
            if row.status == DocStatus.PROCESSING.value and row.attempts >= settings.max_attempts:
                reason = (
                    f"Processing stopped {row.attempts} times without finishing "
                    "(the worker died each time); the file may be too large or malformed."
                )
                mark_failed(session, row, reason, SWEEPER)
                continue
            if row.status == DocStatus.PROCESSING.value:  # a change of state: audited
                audit(session, row, SWEEPER, "requeued", before={"status": row.status})
            # (a queued document sent again is not: during a long broker outage it would be,
            # every sweep; the log says it)
            row.status = DocStatus.QUEUED.value
            row.queued_at = now
            row.task_token = None
            to_send.append((row.id, row.queue))
    sent = 0
    for document_id, queue in to_send:
        if enqueue(document_id, queue):
            sent += 1
        else:  # still queued; tried again at the next sweep
            with db.session() as session:
                lost = session.get(DocumentRow, document_id)
                if lost is not None and lost.status == DocStatus.QUEUED.value:
                    lost.queued_at = None
    if to_send:
        log.info("sweeper sent %d of %d documents again", sent, len(to_send))
    return sent


class Sweeper:
    """Runs `sweep` every few seconds in a daemon thread (in the API process)."""

    def __init__(self, db: Database, settings: ServiceSettings) -> None:
        self.db = db
        self.settings = settings
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="bpo-sweeper", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=10)

    def _run(self) -> None:
        while not self._stop.wait(self.settings.sweep_every_seconds):
            try:
                sweep(self.db, self.settings)
            except Exception:  # a database blip must not end the sweeper
                log.warning("sweep failed; trying again", exc_info=True)
