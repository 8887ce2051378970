"""Rules that hold for every document type, registered once per type under its own name."""

from __future__ import annotations

from collections.abc import Iterable

from extractors.model import Extraction
from pipelines.rules.base import Finding, Params, RuleContext, rule


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


for _type in ("invoice",):
    rule(f"{_type}.required_fields", _type, RequiredFields)(required_fields)
    rule(f"{_type}.field_confidence", _type, FieldConfidence)(field_confidence)
