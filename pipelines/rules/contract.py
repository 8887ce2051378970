"""Built-in contract rules: dates in order, the clauses a back office must find, notice periods."""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import NonNegativeInt, PositiveInt

from extractors.model import Extraction
from extractors.values import fold_text
from pipelines.rules.base import Finding, Params, RuleContext, rule
from pipelines.rules.common import NoParams, date_field, list_field, value_of


class MinimumParties(Params):
    min_parties: PositiveInt = 2


class MinimumNotice(Params):
    min_notice_days: NonNegativeInt = 30


def notice_days(ex: Extraction) -> int | None:
    """The termination notice period in days (normal form: an integer string)."""
    value = value_of(ex, "termination_notice_days")
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    return None


@rule("contract.expiration_after_effective", "contract", NoParams)
def expiration_after_effective(
    ex: Extraction, params: NoParams, ctx: RuleContext
) -> Iterable[Finding]:
    """The contract expires after it takes effect."""
    effective, expiration = date_field(ex, "effective_date"), date_field(ex, "expiration_date")
    if effective and expiration and expiration <= effective:
        yield Finding(
            f"expiration date {expiration} is not after effective date {effective}",
            ("effective_date", "expiration_date"),
        )


@rule("contract.governing_law_present", "contract", NoParams)
def governing_law_present(ex: Extraction, params: NoParams, ctx: RuleContext) -> Iterable[Finding]:
    """The contract says whose law governs it."""
    law = value_of(ex, "governing_law")
    if not (isinstance(law, str) and law.strip()):
        yield Finding("no governing law was read", ("governing_law",))


@rule("contract.two_parties", "contract", MinimumParties)
def two_parties(ex: Extraction, params: MinimumParties, ctx: RuleContext) -> Iterable[Finding]:
    """The contract names at least two different parties (a name read twice counts once)."""
    if "parties" not in ex.fields:
        return  # none read at all: required_fields reports it
    parties = list_field(ex, "parties")
    distinct = {fold_text(p) for p in parties if fold_text(p)}
    if len(distinct) < params.min_parties:
        named = "; ".join(parties) if parties else "none"
        yield Finding(
            f"{len(distinct)} distinct part{'y' if len(distinct) == 1 else 'ies'} read "
            f"({named}), at least {params.min_parties} expected",
            ("parties",),
        )


@rule("contract.auto_renewal_notice", "contract", NoParams)
def auto_renewal_notice(ex: Extraction, params: NoParams, ctx: RuleContext) -> Iterable[Finding]:
    """A contract that renews itself says how much notice ends it."""
    renews = value_of(ex, "auto_renewal")
    if (renews is True or renews == "true") and notice_days(ex) is None:
        yield Finding(
            "the contract renews automatically, but no termination notice period was read",
            ("auto_renewal", "termination_notice_days"),
        )


@rule("contract.notice_period_minimum", "contract", MinimumNotice)
def notice_period_minimum(
    ex: Extraction, params: MinimumNotice, ctx: RuleContext
) -> Iterable[Finding]:
    """The termination notice period is not shorter than the minimum the client accepts."""
    days = notice_days(ex)
    if days is not None and days < params.min_notice_days:
        yield Finding(
            f"termination notice of {days} days is under the minimum of "
            f"{params.min_notice_days} days",
            ("termination_notice_days",),
        )
