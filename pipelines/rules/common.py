"""Rules that hold for every document type, registered once per type under its own name, and
what the per-type rules share: readers of field values in normal form, parameter schemas."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal, InvalidOperation

from extractors.model import Extraction, FieldValue
from pipelines.rules.base import Finding, Match, Params, RuleContext, rule


def as_date(value: FieldValue | None) -> date | None:
    """A date in normal form (`2024-03-07`); None when absent or unreadable, so that a rule
    skips a value it cannot compare instead of failing the document."""
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def as_money(value: FieldValue | None) -> Decimal | None:
    """Money in normal form (`1234.50`); None when absent or unreadable."""
    if not isinstance(value, str):
        return None
    try:
        amount = Decimal(value)
    except InvalidOperation:
        return None
    return amount if amount.is_finite() else None


def value_of(extraction: Extraction, name: str) -> FieldValue | None:
    found = extraction.fields.get(name)
    return found.value if found is not None else None


def date_field(extraction: Extraction, name: str) -> date | None:
    return as_date(value_of(extraction, name))


def money_field(extraction: Extraction, name: str) -> Decimal | None:
    return as_money(value_of(extraction, name))


def list_field(extraction: Extraction, name: str) -> tuple[str, ...]:
    """A list field (`diagnosis_codes`, `parties`); a lone string reads as a list of one."""
    value = value_of(extraction, name)
    if isinstance(value, tuple):
        return value
    return (value,) if isinstance(value, str) and value else ()


def compose_keys(parts: dict[str, str], kinds: Iterable[str]) -> dict[str, str]:
    """Duplicate keys: for each kind ("vendor+number"), its parts joined, where all are known."""
    keys = {}
    for kind in kinds:
        values = [parts[p] for p in kind.split("+")]
        if all(values):
            keys[kind] = "|".join(values)
    return keys


def seen_before(ctx: RuleContext, document_type: str, keys: dict[str, str]) -> Match | None:
    """The first earlier document sharing one of `keys` with this one; this one's keys are
    recorded either way. None without a duplicate index or keys."""
    if ctx.seen is None or not keys:
        return None
    matches = ctx.seen.check_and_record(document_type, ctx.sha256, ctx.source, keys)
    return matches[0] if matches else None


class NoParams(Params):
    pass


class Tolerance(Params):
    tolerance: Decimal = Decimal("0.01")


class RequiredFields(Params):
    fields: tuple[str, ...]


class FieldConfidence(Params):
    min_confidence: float = 0.8
    fields: tuple[str, ...] = ("*",)  # "*": every field that was read
    line_items: bool = True


def required_fields(
    extraction: Extraction, params: RequiredFields, context: RuleContext
) -> Iterable[Finding]:
    """Every field the back office cannot work without was read."""
    missing = [name for name in params.fields if name not in extraction.fields]
    if missing:
        yield Finding(
            f"missing required field{'s' * (len(missing) > 1)}: {', '.join(missing)}",
            tuple(missing),
        )


def field_confidence(
    extraction: Extraction, params: FieldConfidence, context: RuleContext
) -> Iterable[Finding]:
    """Values the model is unsure of go to a person."""
    names = extraction.fields if "*" in params.fields else params.fields
    unsure = sorted(
        (name, extraction.fields[name].confidence)
        for name in names
        if name in extraction.fields and extraction.fields[name].confidence < params.min_confidence
    )
    if unsure:
        listed = ", ".join(f"{name} {conf:.2f}" for name, conf in unsure)
        yield Finding(
            f"confidence under {params.min_confidence:.2f}: {listed}", tuple(n for n, _ in unsure)
        )
    if params.line_items:
        low = [
            i + 1
            for i, li in enumerate(extraction.line_items)
            if li.confidence < params.min_confidence
        ]
        if low:
            yield Finding(
                f"confidence under {params.min_confidence:.2f} on line item"
                f"{'s' * (len(low) > 1)} {', '.join(map(str, low))}",
                ("line_items",),
            )


for _type in ("invoice", "claim", "contract"):
    rule(f"{_type}.required_fields", _type, RequiredFields)(required_fields)
    rule(f"{_type}.field_confidence", _type, FieldConfidence)(field_confidence)
