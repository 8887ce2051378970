"""The field-test set (samples/fieldtest): documents drawn apart from the toolkit, end to end
through `bpo eval`. Its bars are a little under what it scores today, so that a change that
loses what the field test taught fails here."""

from __future__ import annotations

import pytest

from pipelines.evaluate import Report, evaluate
from pipelines.run import Pipeline
from tests.conftest import SAMPLES

FIELDTEST = SAMPLES / "fieldtest"


@pytest.fixture(scope="module")
def invoices() -> Report:
    result, _ = evaluate(FIELDTEST / "invoices", Pipeline(), workers=2)
    return result


@pytest.fixture(scope="module")
def contracts() -> Report:
    result, _ = evaluate(FIELDTEST / "contracts", Pipeline(), workers=2)
    return result


def test_field_test_invoices(invoices: Report) -> None:
    assert sum(g.documents for g in invoices.groups.values()) == 18 and invoices.failed == []
    assert invoices.classification_accuracy == 1.0
    assert invoices.groups["invoice/digital"].macro_f1 >= 0.88
    assert invoices.groups["invoice/scanned"].macro_f1 >= 0.90
    assert invoices.wrong_auto == []  # nothing wrong passes straight through


def test_field_test_contracts(contracts: Report) -> None:
    assert sum(g.documents for g in contracts.groups.values()) == 8 and contracts.failed == []
    assert contracts.classification_accuracy == 1.0
    assert contracts.groups["contract/digital"].macro_f1 >= 0.97
    assert contracts.wrong_auto == []
