"""Shared fixtures. Every test gets its own duplicate memory: nothing is written to ~/.bpo."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# one console width under pytest-xdist as in a plain run, set before the CLI makes its consoles:
# its messages name files by their whole (long, temporary) paths, and tests look for them unbroken
os.environ["COLUMNS"] = "250"

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


@pytest.fixture(autouse=True)
def bpo_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path_factory.mktemp("bpo-home")
    monkeypatch.setenv("BPO_HOME", str(home))
    return home


@pytest.fixture(scope="session", params=["embedded", "redis-postgres"])
def service(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The API and one worker, running for real: on the embedded default (SQLite and Celery's
    filesystem:// broker) and on this machine's Redis and PostgreSQL."""
    from tests.service_harness import make_backend, running

    backend = make_backend(request.param)
    try:
        with running(tmp_path_factory.mktemp(f"service-{request.param}"), backend) as svc:
            yield svc
    finally:
        backend.drop()
