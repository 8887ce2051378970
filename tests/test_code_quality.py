"""The same checks CI runs, as tests, so that one test command covers them all."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_ruff_lint() -> None:
    result = run(sys.executable, "-m", "ruff", "check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format() -> None:
    result = run(sys.executable, "-m", "ruff", "format", "--check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_on_our_packages() -> None:
    result = run(sys.executable, "-m", "mypy")
    assert result.returncode == 0, result.stdout + result.stderr


def test_import_layers_service_pipelines_extractors() -> None:
    result = run("lint-imports")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("module", ["extractors.model"])
def test_model_imports_nothing_of_ours(module: str) -> None:
    source = (ROOT / (module.replace(".", "/") + ".py")).read_text()
    assert "from extractors" not in source and "from pipelines" not in source
