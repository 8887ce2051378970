"""The committed samples, end to end through `bpo eval`: the acceptance bar of the invoice issue.

Digital invoices must reach a macro F1 of 0.98 and scanned ones 0.95, as the invoice issue asks.
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
