"""Built-in invoice rules: arithmetic that must hold, dates in order, duplicates."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from extractors.model import Extraction
from extractors.values import cents, fold_text
from pipelines.rules.base import Finding, Params, RuleContext, rule
from pipelines.rules.common import NoParams, Tolerance, compose_keys, seen_before


class Duplicates(Params):
    keys: tuple[str, ...] = ("vendor+number", "vendor+amount+date")


def money(extraction: Extraction, name: str) -> Decimal | None:
    f = extraction.fields.get(name)
    return Decimal(str(f.value)) if f is not None and isinstance(f.value, str) else None


def day(extraction: Extraction, name: str) -> date | None:
    f = extraction.fields.get(name)
    return date.fromisoformat(f.value) if f is not None and isinstance(f.value, str) else None


@rule("invoice.totals_add_up", "invoice", Tolerance)
def totals_add_up(ex: Extraction, params: Tolerance, ctx: RuleContext) -> Iterable[Finding]:
    """Subtotal plus tax equals the total."""
    subtotal, tax, total = (money(ex, n) for n in ("subtotal", "tax_amount", "total_amount"))
    if subtotal is None or total is None:
        return
    if tax is None:
        if abs(subtotal - total) > params.tolerance:
            yield Finding(
                f"subtotal {subtotal} and total {total} differ, and no tax was read",
                ("subtotal", "total_amount"),
            )
        return
    if abs(subtotal + tax - total) > params.tolerance:
        yield Finding(
            f"subtotal {subtotal} + tax {tax} = {subtotal + tax}, but total reads {total}",
            ("subtotal", "tax_amount", "total_amount"),
        )


@rule("invoice.line_items_sum", "invoice", Tolerance)
def line_items_sum(ex: Extraction, params: Tolerance, ctx: RuleContext) -> Iterable[Finding]:
    """The line items add up to the subtotal (to the total where no subtotal or tax is printed)."""
    amounts = [li.amount for li in ex.line_items]
    if not amounts or any(a is None for a in amounts):
        return
    lines = sum((Decimal(a) for a in amounts if a is not None), Decimal(0))
    target_name = "subtotal"
    target = money(ex, "subtotal")
    if target is None and money(ex, "tax_amount") is None:
        target_name, target = "total_amount", money(ex, "total_amount")
    if target is None:
        return
    if abs(lines - target) > params.tolerance:
        yield Finding(
            f"{len(amounts)} line items sum to {lines}, but {target_name} reads {target}",
            ("line_items", target_name),
        )


@rule("invoice.line_item_amount", "invoice", Tolerance)
def line_item_amount(ex: Extraction, params: Tolerance, ctx: RuleContext) -> Iterable[Finding]:
    """On every line, quantity times unit price equals the amount."""
    for number, li in enumerate(ex.line_items, start=1):
        if li.quantity is None or li.unit_price is None or li.amount is None:
            continue
        expected = cents(Decimal(li.quantity) * Decimal(li.unit_price))
        if abs(expected - Decimal(li.amount)) > params.tolerance:
            yield Finding(
                f"line {number}: {li.quantity} x {li.unit_price} = {expected}, "
                f"but the amount reads {li.amount}",
                ("line_items",),
            )


@rule("invoice.due_date_order", "invoice", NoParams)
def due_date_order(ex: Extraction, params: NoParams, ctx: RuleContext) -> Iterable[Finding]:
    """The due date is not before the invoice date."""
    issued, due = day(ex, "invoice_date"), day(ex, "due_date")
    if issued and due and due < issued:
        yield Finding(
            f"due date {due} is before invoice date {issued}", ("invoice_date", "due_date")
        )


@rule("invoice.amount_due_within_total", "invoice", Tolerance)
def amount_due_within_total(
    ex: Extraction, params: Tolerance, ctx: RuleContext
) -> Iterable[Finding]:
    """The amount due is not above the invoice total."""
    due, total = money(ex, "amount_due"), money(ex, "total_amount")
    if due is not None and total is not None and due - total > params.tolerance:
        yield Finding(
            f"amount due {due} is above the total {total}", ("amount_due", "total_amount")
        )


def duplicate_keys(ex: Extraction, kinds: Iterable[str]) -> dict[str, str]:
    """Keys under which two invoices are the same bill: vendor and number, or vendor, amount
    and date. Vendor names are compared folded (case, accents, punctuation)."""
    vendor = ex.fields.get("vendor_name")
    if vendor is None:
        return {}
    parts = {
        "vendor": fold_text(str(vendor.value)),
        "number": str(ex.fields["invoice_number"].value) if "invoice_number" in ex.fields else "",
        "amount": str(ex.fields["total_amount"].value) if "total_amount" in ex.fields else "",
        "date": str(ex.fields["invoice_date"].value) if "invoice_date" in ex.fields else "",
    }
    return compose_keys(parts, kinds)


@rule("invoice.duplicate", "invoice", Duplicates)
def duplicate(ex: Extraction, params: Duplicates, ctx: RuleContext) -> Iterable[Finding]:
    """The same bill was processed before: same vendor and number, or same vendor, amount and date."""
    match = seen_before(ctx, "invoice", duplicate_keys(ex, params.keys))
    if match is None:
        return
    fields = tuple(
        {
            "vendor": "vendor_name",
            "number": "invoice_number",
            "amount": "total_amount",
            "date": "invoice_date",
        }[p]
        for p in match.key.split("+")
    )
    yield Finding(
        f"same {match.key.replace('+', ', ')} as {match.source} (processed before)", fields
    )
