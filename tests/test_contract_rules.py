"""Every built-in contract rule (pipelines/rules/contract.py) through the contract pack, and a
client's pack overriding it."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.model import Extraction, Field, FieldValue, Severity
from pipelines.rules.base import RULES, PackError, RuleContext, load_pack

GOOD: dict[str, FieldValue] = {
    "contract_title": "Master Services Agreement",
    "parties": ("Acme Supply Co.", "Globex Corporation"),
    "effective_date": "2024-01-01",
    "expiration_date": "2025-01-01",
    "term": "P1Y",
    "auto_renewal": True,
    "renewal_term": "P1Y",
    "termination_notice_days": "60",
    "governing_law": "Delaware",
    "contract_value": "120000.00",
    "currency": "USD",
    "signatories": ("Wile E. Coyote", "Hank Scorpio"),
}


def contract(confidence: float = 0.95, **changes: FieldValue | None) -> Extraction:
    values = {**GOOD, **changes}
    fields = {k: Field(v, confidence, 1) for k, v in values.items() if v is not None}
    return Extraction("contract", "test", fields)


def fired(extraction: Extraction, overrides: list[Path] | None = None) -> dict[str, str]:
    issues = load_pack("contract", overrides or []).run(extraction, RuleContext())
    return {i.rule: i.message for i in issues}


def test_a_clean_contract_raises_nothing() -> None:
    assert fired(contract()) == {}


def test_every_registered_contract_rule_is_in_the_pack() -> None:
    pack = {c.rule.name for c in load_pack("contract").rules}
    registered = {name for name, r in RULES.items() if r.document_type == "contract"}
    assert registered == pack
    assert "contract.required_fields" in pack and "contract.field_confidence" in pack


def test_required_fields() -> None:
    issues = fired(contract(contract_title=None, parties=None, effective_date=None))
    assert issues["contract.required_fields"] == (
        "missing required fields: contract_title, parties, effective_date"
    )
    assert "contract.required_fields" not in fired(contract(term=None, signatories=None))


def test_field_confidence() -> None:
    issues = fired(contract(confidence=0.5))
    assert issues["contract.field_confidence"].startswith("confidence under 0.80: ")
    assert "governing_law 0.50" in issues["contract.field_confidence"]


@pytest.mark.parametrize(
    ("expiration", "flagged"),
    [("2023-12-31", True), ("2024-01-01", True), ("2024-01-02", False)],
)
def test_expiration_after_effective(expiration: str, flagged: bool) -> None:
    issues = fired(contract(expiration_date=expiration))
    assert ("contract.expiration_after_effective" in issues) is flagged
    if flagged:
        assert issues["contract.expiration_after_effective"] == (
            f"expiration date {expiration} is not after effective date 2024-01-01"
        )


def test_no_expiration_date_is_not_an_order_problem() -> None:
    assert "contract.expiration_after_effective" not in fired(contract(expiration_date=None))


@pytest.mark.parametrize("law", [None, "", "  "])
def test_governing_law_present(law: str | None) -> None:
    assert fired(contract(governing_law=law))["contract.governing_law_present"] == (
        "no governing law was read"
    )


def test_governing_law_read() -> None:
    assert "contract.governing_law_present" not in fired(
        contract(governing_law="England and Wales")
    )


def test_two_parties() -> None:
    issues = fired(contract(parties=("Acme Supply Co.",)))
    assert issues["contract.two_parties"] == (
        "1 distinct party read (Acme Supply Co.), at least 2 expected"
    )


def test_a_party_read_twice_counts_once() -> None:
    issues = fired(contract(parties=("Acme Supply Co.", "ACME SUPPLY CO")))
    assert issues["contract.two_parties"] == (
        "1 distinct party read (Acme Supply Co.; ACME SUPPLY CO), at least 2 expected"
    )


def test_three_parties_are_enough() -> None:
    parties = ("Acme Supply Co.", "Globex Corporation", "Initech LLC")
    assert "contract.two_parties" not in fired(contract(parties=parties))


def test_no_parties_read_is_reported_once() -> None:
    issues = fired(contract(parties=None))
    assert "contract.two_parties" not in issues
    assert "parties" in issues["contract.required_fields"]


@pytest.mark.parametrize(
    ("renews", "notice", "flagged"),
    [(True, None, True), (True, "60", False), (False, None, False), (None, None, False)],
)
def test_auto_renewal_needs_a_notice_period(
    renews: bool | None, notice: str | None, flagged: bool
) -> None:
    issues = fired(contract(auto_renewal=renews, termination_notice_days=notice))
    assert ("contract.auto_renewal_notice" in issues) is flagged
    if flagged:
        assert issues["contract.auto_renewal_notice"] == (
            "the contract renews automatically, but no termination notice period was read"
        )


@pytest.mark.parametrize(
    ("days", "flagged"), [("0", True), ("29", True), ("30", False), ("31", False), ("90", False)]
)
def test_notice_period_minimum(days: str, flagged: bool) -> None:
    issues = fired(contract(termination_notice_days=days))
    assert ("contract.notice_period_minimum" in issues) is flagged
    if flagged:
        assert issues["contract.notice_period_minimum"] == (
            f"termination notice of {days} days is under the minimum of 30 days"
        )


def test_client_override_of_min_notice_days(tmp_path: Path) -> None:
    client = tmp_path / "client"
    client.mkdir()
    (client / "contract.toml").write_text(
        '[rules."contract.notice_period_minimum"]\nmin_notice_days = 90\nseverity = "warning"\n'
    )
    overrides = [client / "contract.toml"]
    pack = load_pack("contract", overrides)
    assert pack.setting("contract.notice_period_minimum", "min_notice_days", None) == 90
    issues = {i.rule: i for i in pack.run(contract(termination_notice_days="60"), RuleContext())}
    notice = issues["contract.notice_period_minimum"]
    assert notice.message == "termination notice of 60 days is under the minimum of 90 days"
    assert notice.severity is Severity.WARNING
    assert "contract.notice_period_minimum" not in fired(
        contract(termination_notice_days="90"), overrides
    )
    # the built-in pack is untouched by the client's
    assert "contract.notice_period_minimum" not in fired(contract(termination_notice_days="60"))


def test_a_client_can_lower_the_minimum_and_turn_rules_off(tmp_path: Path) -> None:
    override = tmp_path / "contract.toml"
    override.write_text(
        '[rules."contract.notice_period_minimum"]\nmin_notice_days = 14\n'
        '[rules."contract.governing_law_present"]\nenabled = false\n'
    )
    issues = fired(contract(termination_notice_days="14", governing_law=None), [override])
    assert issues == {}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[rules."contract.notice_period_minimum"]\nmin_notice_days = -1\n', "min_notice_days"),
        ('[rules."contract.notice_period_minimum"]\nmin_notice = 60\n', "min_notice"),
        ('[rules."contract.two_parties"]\nmin_parties = 0\n', "min_parties"),
    ],
)
def test_a_broken_contract_override_is_refused(tmp_path: Path, text: str, message: str) -> None:
    override = tmp_path / "contract.toml"
    override.write_text(text)
    with pytest.raises(PackError, match=message):
        load_pack("contract", [override])
