"""The service's settings, from BPO_* environment variables (pydantic-settings).

With nothing set, everything lives under ./var: an SQLite database, the files, and Celery's
`filesystem://` broker, so `bpo serve` runs on one machine with no other server. Set
BPO_DATABASE_URL (postgresql://…) and BPO_BROKER_URL (redis://… or amqp://…) for production, and
point BPO_STORAGE_DIR at storage every worker reaches.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import NonNegativeInt, PositiveFloat, PositiveInt
from pydantic_settings import BaseSettings, SettingsConfigDict


class ServiceSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="BPO_", extra="ignore", frozen=True)

    var_dir: Path = Path("var")
    database_url: str = ""  # default: sqlite under var_dir
    broker_url: str = ""  # default: Celery's filesystem:// transport under var_dir
    # Redis only: a prefix on every key, so two deployments (staging, production) can share one
    # Redis without taking each other's tasks
    broker_key_prefix: str = ""
    storage_dir: Path | None = None  # default: var_dir/files

    max_upload_bytes: PositiveInt = 50 * 1024 * 1024
    max_files_per_upload: PositiveInt = 50
    accepted_kinds: tuple[str, ...] = ("pdf", "png", "jpeg", "tiff")

    # review
    lease_seconds: PositiveInt = 900  # a claimed task returns to the queue after this
    default_sla_hours: PositiveFloat = 24.0

    # processing
    task_soft_time_limit: PositiveInt = 300  # seconds; the document fails with a reason
    task_time_limit: PositiveInt = 360  # the worker process is killed
    task_max_retries: NonNegativeInt = 5
    # a fresh process reloads the pipeline (about 3 s): often enough to bound leaks, not more
    worker_max_tasks_per_child: PositiveInt = 1000
    worker_concurrency: PositiveInt = 2
    heartbeat_seconds: PositiveFloat = 5.0  # a processing document's sign of life
    stale_after_seconds: PositiveFloat = 60.0  # no heartbeat for this long: its worker died
    requeue_after_seconds: PositiveFloat = 120.0  # queued this long: the message was lost
    sweep_every_seconds: PositiveFloat = 10.0
    max_attempts: PositiveInt = 3  # started this often and never finished: failed, with a reason
    polling_interval: PositiveFloat = 0.02  # filesystem:// broker only

    webhook_timeout_seconds: PositiveFloat = 10.0

    @property
    def database(self) -> str:
        if self.database_url:
            url = self.database_url
            # plain postgresql:// means psycopg 3, the driver this package installs
            if url.startswith("postgresql://") or url.startswith("postgres://"):
                url = "postgresql+psycopg://" + url.split("://", 1)[1]
            return url
        return f"sqlite:///{(self.var_dir / 'bpo.sqlite').resolve()}"

    @property
    def broker(self) -> str:
        # the filesystem transport with atomic writes (service/fs_transport.py)
        return self.broker_url or "bpofs://"

    @property
    def embedded_broker(self) -> bool:
        return self.broker.startswith(("bpofs://", "filesystem://"))

    @property
    def broker_dir(self) -> Path:
        return (self.var_dir / "broker").resolve()

    @property
    def files_dir(self) -> Path:
        return (self.storage_dir or self.var_dir / "files").resolve()


@lru_cache(maxsize=1)
def get_settings() -> ServiceSettings:
    return ServiceSettings()
