"""Celery: the app, its settings, and the tasks (process a document, deliver a webhook).

Tasks take ids, re-read state and are idempotent (service/processing.py), so they run with
`acks_late` and `task_reject_on_worker_lost`: a message is acknowledged only once its work is
committed, and a worker that dies mid-task leaves it to be delivered again. Documents whose
message was lost anyway (a broker restarted without persistence, the filesystem transport's
message taken by a worker that was then killed) are sent again by the sweeper (service/sweeper.py).

Two queues: `bpo` for documents with a text layer (tens of milliseconds) and `bpo-ocr` for scans
(seconds), so a pile of scans never holds up digital documents; a worker can serve either or both.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from celery import Celery, Task
from celery.exceptions import SoftTimeLimitExceeded
from celery.signals import worker_process_init
from kombu.transport import TRANSPORT_ALIASES
from sqlalchemy.exc import OperationalError

from service.settings import ServiceSettings, get_settings

log = logging.getLogger(__name__)

QUEUE_DIGITAL = "bpo"
QUEUE_OCR = "bpo-ocr"
QUEUES = (QUEUE_DIGITAL, QUEUE_OCR)
TRANSIENT = (OperationalError, ConnectionError, TimeoutError)
TRANSPORT_ALIASES["bpofs"] = "service.fs_transport:Transport"


def make_celery(settings: ServiceSettings) -> Celery:
    app = Celery("bpo", broker=settings.broker, set_as_current=False)
    transport_options: dict[str, Any] = {}
    if settings.embedded_broker:
        folder = settings.broker_dir / "queue"
        processed = settings.broker_dir / "processed"
        control = settings.broker_dir / "control"
        for path in (folder, processed, control):
            path.mkdir(parents=True, exist_ok=True)
        transport_options = {
            "data_folder_in": str(folder),
            "data_folder_out": str(folder),
            "processed_folder": str(processed),
            "control_folder": str(control),  # exchange bindings (default: ./control)
            "store_processed": False,
            "polling_interval": settings.polling_interval,
        }
    else:
        # an unacknowledged message goes back to the queue after this (Redis, SQS); it must
        # outlast the longest task, or a slow document would be processed twice
        transport_options = {"visibility_timeout": settings.task_time_limit * 2}
        if settings.broker_key_prefix:
            transport_options["global_keyprefix"] = settings.broker_key_prefix
    app.conf.update(
        task_default_queue=QUEUE_DIGITAL,
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        task_acks_on_failure_or_timeout=True,
        task_soft_time_limit=settings.task_soft_time_limit,
        task_time_limit=settings.task_time_limit,
        task_ignore_result=True,
        task_serializer="json",
        accept_content=["json"],
        worker_prefetch_multiplier=1,
        worker_max_tasks_per_child=settings.worker_max_tasks_per_child,
        worker_concurrency=settings.worker_concurrency,
        worker_hijack_root_logger=False,
        broker_connection_retry_on_startup=True,
        broker_connection_max_retries=None,  # a worker waits out a broker outage
        broker_transport_options=transport_options,
        # the filesystem transport has no fan-out: no remote control or events there
        worker_enable_remote_control=not settings.embedded_broker,
        worker_send_task_events=False,
    )
    return app


settings = get_settings()
celery_app = make_celery(settings)

_processor: Any = None
_processor_lock = threading.Lock()


def processor() -> Any:
    """The worker process's Processor, made on first use (after the fork)."""
    global _processor
    with _processor_lock:
        if _processor is None:
            from service.processing import Processor

            _processor = Processor(settings)
        return _processor


@worker_process_init.connect
def _fresh_connections(**_: Any) -> None:
    # a forked pool process must not share the parent's database connections
    global _processor
    _processor = None


@celery_app.task(
    bind=True,
    name="bpo.process_document",
    autoretry_for=TRANSIENT,
    retry_backoff=2,
    retry_backoff_max=120,
    retry_jitter=True,
    max_retries=settings.task_max_retries,
)
def process_document(self: Task, document_id: str) -> None:
    """Read, classify, extract, validate and route one uploaded document."""
    token = self.request.id or document_id
    try:
        finished = processor().process(document_id, token)
    except SoftTimeLimitExceeded:
        processor().fail(
            document_id,
            f"Processing took longer than {settings.task_soft_time_limit} seconds and was stopped.",
        )
        finished = [document_id]
    except TRANSIENT:
        if self.request.retries >= (self.max_retries or 0):  # the last try: give up plainly
            processor().fail(
                document_id, "Processing failed repeatedly on a passing fault; see the worker log."
            )
        raise  # autoretry_for retries it, with back-off, until max_retries
    for done in finished:
        notify(processor().db, done)


def notify(db: Any, document_id: str) -> None:
    """Queue the client's webhook for a document that is done, if the client has one. A broker
    that cannot be reached loses the notice, never the document (it is logged)."""
    from service.webhooks import wants_webhook

    if wants_webhook(db, document_id):
        try:
            deliver_webhook.apply_async(
                (document_id,), queue=QUEUE_DIGITAL, retry=True, retry_policy={"max_retries": 2}
            )
        except Exception as exc:
            log.warning("could not queue the webhook of document %s: %s", document_id, exc)


@celery_app.task(
    bind=True,
    name="bpo.deliver_webhook",
    autoretry_for=(OSError,),
    retry_backoff=5,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=8,
)
def deliver_webhook(self: Task, document_id: str) -> None:
    """POST the document's outcome to its client's webhook, signed with the client's secret."""
    from service.webhooks import deliver, record_failure

    try:
        deliver(processor().db, document_id, timeout=settings.webhook_timeout_seconds)
    except OSError as exc:
        if self.request.retries < (self.max_retries or 0):
            raise  # autoretry_for tries again, with back-off
        attempts = self.request.retries + 1
        log.error(
            "webhook of document %s not delivered after %d tries: %s", document_id, attempts, exc
        )
        record_failure(processor().db, document_id, str(exc), attempts)


def enqueue(document_id: str, queue: str) -> bool:
    """Send the document's task; False when the broker cannot be reached (the sweeper will
    send it again: the document row is already committed)."""
    try:
        process_document.apply_async(
            (document_id,),
            queue=queue,
            retry=True,
            retry_policy={
                "max_retries": 2,
                "interval_start": 0,
                "interval_step": 0.2,
                "interval_max": 0.5,
            },
        )
        return True
    except Exception as exc:  # kombu raises OperationalError and friends
        log.warning("could not send document %s to the broker: %s", document_id, exc)
        return False
