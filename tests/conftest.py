"""Shared fixtures. Every test gets its own duplicate memory: nothing is written to ~/.bpo."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


@pytest.fixture(autouse=True)
def bpo_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path_factory.mktemp("bpo-home")
    monkeypatch.setenv("BPO_HOME", str(home))
    return home
