"""The committed samples, end to end through `bpo eval`: the acceptance bars of the invoice issue
and of the claims and contracts issue.

Digital invoices must reach a macro F1 of 0.98 and scanned ones 0.95; claims and contracts 0.97
digital and 0.93 scanned, with every planted error flagged.
"""

from __future__ import annotations

import pytest

from pipelines.evaluate import Report, evaluate
from pipelines.run import Pipeline
from tests.conftest import SAMPLES


@pytest.fixture(scope="module")
def report() -> Report:
    result, _ = evaluate(SAMPLES / "invoices", Pipeline(), workers=2)
    return result


def test_every_sample_has_an_expected_file_and_was_scored(report: Report) -> None:
    documents = sum(g.documents for g in report.groups.values())
    assert documents >= 50
    assert report.failed == []


def test_digital_invoices_macro_f1(report: Report) -> None:
    assert report.groups["invoice/digital"].macro_f1 >= 0.98


def test_scanned_invoices_macro_f1(report: Report) -> None:
    assert report.groups["invoice/scanned"].macro_f1 >= 0.95


def test_every_planted_error_is_flagged(report: Report) -> None:
    assert report.planted >= 9
    assert report.missed_planted == []


def test_no_auto_approved_document_holds_a_wrong_value(report: Report) -> None:
    assert report.wrong_auto == []


def test_classified_as_invoices(report: Report) -> None:
    assert report.classification_accuracy == 1.0


def test_confidence_separates_right_from_wrong_values(report: Report) -> None:
    assert report.confidence_auc is not None and report.confidence_auc >= 0.85
    assert (
        report.to_dict()["mean_confidence_right"] > report.to_dict()["mean_confidence_wrong"] + 0.15
    )


# ------------------------------------------------------------------ claims and contracts (issue 3)


@pytest.fixture(scope="module")
def claims_and_contracts(tmp_path_factory: pytest.TempPathFactory) -> Report:
    """The committed claims and contracts together, as one folder of mixed mail."""
    mixed = tmp_path_factory.mktemp("mixed")
    for kind in ("claims", "contracts"):
        for path in (SAMPLES / kind).iterdir():
            (mixed / path.name).symlink_to(path)
    result, _ = evaluate(mixed, Pipeline(), workers=2)
    return result


@pytest.mark.slow
@pytest.mark.parametrize(
    ("group", "floor"),
    [
        ("claim/digital", 0.97),
        ("claim/scanned", 0.93),
        ("contract/digital", 0.97),
        ("contract/scanned", 0.93),
    ],
)
def test_claims_and_contracts_macro_f1(
    claims_and_contracts: Report, group: str, floor: float
) -> None:
    assert claims_and_contracts.groups[group].macro_f1 >= floor


@pytest.mark.slow
def test_claims_and_contracts_are_told_apart_and_their_planted_errors_flagged(
    claims_and_contracts: Report,
) -> None:
    assert claims_and_contracts.classification_accuracy >= 0.99
    assert claims_and_contracts.missed_planted == []
    assert claims_and_contracts.wrong_auto == []
    assert claims_and_contracts.failed == []
