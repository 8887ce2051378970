"""Every built-in invoice rule, the rule packs as data, client overrides, and routing."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.model import Extraction, Field, LineItem, Severity
from pipelines.rules.base import RULES, PackError, RuleContext, load_pack
from pipelines.store import SqliteSeenIndex

GOOD = {
    "vendor_name": "Acme Supply Co.",
    "invoice_number": "INV-1",
    "invoice_date": "2024-03-07",
    "due_date": "2024-04-06",
    "currency": "USD",
    "subtotal": "1000.00",
    "tax_amount": "210.00",
    "total_amount": "1210.00",
    "amount_due": "1210.00",
}
ITEMS = (
    LineItem("Widget", "2", "250.00", "500.00"),
    LineItem("Gadget", "1", "500.00", "500.00"),
)


def invoice(
    items: tuple[LineItem, ...] = ITEMS, confidence: float = 0.95, **changes: str | None
) -> Extraction:
    values = {**GOOD, **changes}
    fields = {k: Field(v, confidence, 1) for k, v in values.items() if v is not None}
    return Extraction("invoice", "test", fields, items)


def fired(extraction: Extraction, context: RuleContext | None = None) -> dict[str, str]:
    issues = load_pack("invoice").run(extraction, context or RuleContext())
    return {i.rule: i.message for i in issues}


def test_a_clean_invoice_raises_nothing() -> None:
    assert fired(invoice()) == {}


def test_required_fields() -> None:
    issues = fired(invoice(invoice_number=None, currency=None))
    assert issues["invoice.required_fields"] == "missing required fields: invoice_number, currency"


def test_totals_add_up_names_the_numbers() -> None:
    issues = fired(invoice(total_amount="1201.00", amount_due="1201.00"))
    assert issues["invoice.totals_add_up"] == (
        "subtotal 1000.00 + tax 210.00 = 1210.00, but total reads 1201.00"
    )


def test_totals_without_tax_must_match() -> None:
    issues = fired(invoice(tax_amount=None, total_amount="1000.00", amount_due="1000.00"))
    assert "invoice.totals_add_up" not in issues
    issues = fired(invoice(tax_amount=None))
    assert "no tax was read" in issues["invoice.totals_add_up"]


def test_line_items_sum_to_subtotal() -> None:
    issues = fired(invoice(items=(*ITEMS, LineItem("Extra", "1", "5.00", "5.00"))))
    assert (
        issues["invoice.line_items_sum"]
        == "3 line items sum to 1005.00, but subtotal reads 1000.00"
    )


def test_line_items_sum_to_total_when_nothing_else_is_printed() -> None:
    ok = invoice(subtotal=None, tax_amount=None, total_amount="1000.00", amount_due=None)
    assert "invoice.line_items_sum" not in fired(ok)
    bad = invoice(subtotal=None, tax_amount=None, total_amount="999.00", amount_due=None)
    assert "but total_amount reads 999.00" in fired(bad)["invoice.line_items_sum"]


def test_quantity_times_price() -> None:
    items = (LineItem("Widget", "3", "250.00", "500.00"), ITEMS[1])
    issues = fired(invoice(items=items))
    assert (
        issues["invoice.line_item_amount"]
        == "line 1: 3 x 250.00 = 750.00, but the amount reads 500.00"
    )


def test_quantity_times_price_rounds_half_up_to_cents() -> None:
    items = (LineItem("Bolts", "3", "0.335", "1.01"),)
    ex = invoice(
        items=items, subtotal="1.01", tax_amount="0.00", total_amount="1.01", amount_due="1.01"
    )
    assert "invoice.line_item_amount" not in fired(ex)


def test_due_date_not_before_invoice_date() -> None:
    issues = fired(invoice(due_date="2024-03-01"))
    assert (
        issues["invoice.due_date_order"] == "due date 2024-03-01 is before invoice date 2024-03-07"
    )
    assert "invoice.due_date_order" not in fired(invoice(due_date="2024-03-07"))


def test_amount_due_not_above_total() -> None:
    issues = fired(invoice(amount_due="1500.00"))
    assert (
        issues["invoice.amount_due_within_total"] == "amount due 1500.00 is above the total 1210.00"
    )
    assert "invoice.amount_due_within_total" not in fired(invoice(amount_due="200.00"))


def test_field_confidence() -> None:
    issues = fired(invoice(confidence=0.5))
    assert issues["invoice.field_confidence"].startswith("confidence under 0.80: amount_due 0.50")
    low_item = (LineItem("Widget", "2", "250.00", "500.00", confidence=0.4), ITEMS[1])
    assert "line item 1" in fired(invoice(items=low_item))["invoice.field_confidence"]


def test_duplicate_same_vendor_and_number(tmp_path: Path) -> None:
    seen = SqliteSeenIndex(tmp_path / "seen.sqlite")
    first = RuleContext(sha256="a" * 64, source="a.pdf", seen=seen)
    assert "invoice.duplicate" not in fired(invoice(), first)
    again = RuleContext(sha256="a" * 64, source="a.pdf", seen=seen)
    assert "invoice.duplicate" not in fired(invoice(), again), "a re-run is not a duplicate"
    copy = RuleContext(sha256="b" * 64, source="b.pdf", seen=seen)
    # the vendor is compared folded: case and punctuation do not hide a duplicate
    message = fired(invoice(vendor_name="ACME SUPPLY CO"), copy)["invoice.duplicate"]
    assert message == "same vendor, number as a.pdf (processed before)"


def test_duplicate_same_vendor_amount_and_date(tmp_path: Path) -> None:
    seen = SqliteSeenIndex(":memory:")
    fired(invoice(), RuleContext(sha256="a" * 64, source="a.pdf", seen=seen))
    other_number = RuleContext(sha256="c" * 64, source="c.pdf", seen=seen)
    message = fired(invoice(invoice_number="INV-2"), other_number)["invoice.duplicate"]
    assert "vendor, amount, date" in message
    different = RuleContext(sha256="d" * 64, source="d.pdf", seen=seen)
    assert "invoice.duplicate" not in fired(
        invoice(invoice_number="INV-3", total_amount="5.00"), different
    )


def test_duplicate_memory_persists_on_disk(tmp_path: Path) -> None:
    path = tmp_path / "seen.sqlite"
    seen = SqliteSeenIndex(path)
    fired(invoice(), RuleContext(sha256="a" * 64, source="a.pdf", seen=seen))
    seen.close()
    reopened = SqliteSeenIndex(path)
    assert "invoice.duplicate" in fired(
        invoice(), RuleContext(sha256="e" * 64, source="e.pdf", seen=reopened)
    )


def test_every_registered_invoice_rule_is_in_the_pack() -> None:
    pack = {c.rule.name for c in load_pack("invoice").rules}
    registered = {name for name, r in RULES.items() if r.document_type == "invoice"}
    assert registered == pack


def test_client_override_changes_parameters_severity_and_turns_rules_off(tmp_path: Path) -> None:
    override = tmp_path / "invoice.toml"
    override.write_text(
        '[rules."invoice.field_confidence"]\nmin_confidence = 0.99\n'
        '[rules."invoice.due_date_order"]\nseverity = "warning"\n'
        '[rules."invoice.duplicate"]\nenabled = false\n'
    )
    pack = load_pack("invoice", [override])
    assert pack.setting("invoice.field_confidence", "min_confidence", None) == 0.99
    assert "invoice.duplicate" not in {c.rule.name for c in pack.rules}
    issues = pack.run(invoice(due_date="2024-01-01"), RuleContext())
    by_rule = {i.rule: i for i in issues}
    assert by_rule["invoice.due_date_order"].severity is Severity.WARNING
    assert "invoice.field_confidence" in by_rule  # 0.95 is now under the client's 0.99


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[rules."invoice.nonsense"]\nseverity = "error"\n', "no such rule"),
        ('[rules."invoice.totals_add_up"]\ntolerence = "0.01"\n', "tolerence"),
        ('[rules."invoice.totals_add_up"]\nseverity = "fatal"\n', "fatal"),
        ("[rules\n", "cannot be read"),
    ],
)
def test_a_broken_pack_is_refused_with_the_file_and_key(
    tmp_path: Path, text: str, message: str
) -> None:
    override = tmp_path / "client.toml"
    override.write_text(text)
    with pytest.raises(PackError, match=message) as info:
        load_pack("invoice", [override])
    assert "client.toml" in str(info.value)
