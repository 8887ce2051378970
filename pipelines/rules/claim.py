"""Built-in claim rules (CMS-1500 professional claims): identifiers and codes that must be
well-formed, charges that must add up, dates that must be possible, duplicates."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from pydantic import field_validator

from extractors.model import Extraction
from extractors.values import (
    fold_text,
    icd10cm_in_code_set,
    normalize_code,
    normalize_icd10,
    npi_check_digit,
    procedure_code_kind,
    valid_icd10cm,
    valid_npi,
)
from pipelines.rules.base import Finding, Params, RuleContext, rule
from pipelines.rules.common import (
    NoParams,
    Tolerance,
    as_date,
    as_money,
    compose_keys,
    date_field,
    list_field,
    money_field,
    seen_before,
    value_of,
)


@rule("claim.npi_check_digit", "claim", NoParams)
def npi_check_digit_holds(ex: Extraction, params: NoParams, ctx: RuleContext) -> Iterable[Finding]:
    """The provider's NPI is ten digits and its check digit holds."""
    npi = value_of(ex, "provider_npi")
    if not isinstance(npi, str) or valid_npi(npi):
        return
    compact = normalize_code(npi)
    if not re.fullmatch(r"\d{10}", compact):
        yield Finding(f"provider NPI {npi} is not 10 digits", ("provider_npi",))
        return
    yield Finding(
        f"provider NPI {compact} fails the check digit: {compact[:9]} should end in "
        f"{npi_check_digit(compact[:9])}, not {compact[9]}",
        ("provider_npi",),
    )


@rule("claim.icd10_codes_valid", "claim", NoParams)
def icd10_codes_valid(ex: Extraction, params: NoParams, ctx: RuleContext) -> Iterable[Finding]:
    """Every diagnosis code is a billable ICD-10-CM code."""
    bad = []
    for code in list_field(ex, "diagnosis_codes"):
        normal = normalize_icd10(code)
        if normal is None:
            bad.append(f"{code} (not an ICD-10 code)")
        elif valid_icd10cm(normal):
            continue
        elif icd10cm_in_code_set(normal):
            bad.append(f"{normal} (a header code: a billable code has more characters)")
        else:
            bad.append(f"{normal} (not in ICD-10-CM)")
    if bad:
        yield Finding(
            f"diagnosis code{'s' * (len(bad) > 1)} not billable: {', '.join(bad)}",
            ("diagnosis_codes",),
        )


_MODIFIER = re.compile(r"[0-9A-Z]{2}")


@rule("claim.procedure_code_format", "claim", NoParams)
def procedure_code_format(ex: Extraction, params: NoParams, ctx: RuleContext) -> Iterable[Finding]:
    """Procedure codes are CPT- or HCPCS-shaped; modifiers are two letters or digits."""
    for number, line in enumerate(ex.service_lines, start=1):
        problems = []
        code = line.procedure_code
        if code is not None and procedure_code_kind(code) is None:
            problems.append(f"procedure code {code} is not a CPT or HCPCS code")
        bad = [m for m in line.modifiers if not _MODIFIER.fullmatch(normalize_code(m))]
        if bad:
            problems.append(
                f"modifier{'s' * (len(bad) > 1)} {', '.join(bad)} "
                f"{'are' if len(bad) > 1 else 'is'} not two letters or digits"
            )
        if problems:
            yield Finding(f"line {number}: {'; '.join(problems)}", ("service_lines",))


@rule("claim.service_lines_sum", "claim", Tolerance)
def service_lines_sum(ex: Extraction, params: Tolerance, ctx: RuleContext) -> Iterable[Finding]:
    """The service line charges (each the line's total, box 24F) add up to the total charge."""
    charges = [as_money(line.charge) for line in ex.service_lines]
    total = money_field(ex, "total_charge")
    if not charges or total is None or any(c is None for c in charges):
        return
    lines = sum((c for c in charges if c is not None), Decimal(0))
    if abs(lines - total) > params.tolerance:
        yield Finding(
            f"{len(charges)} service line charges sum to {lines}, but total charge reads {total}",
            ("service_lines", "total_charge"),
        )


_POINTER_LETTERS = "ABCDEFGHIJKL"  # box 21 lists up to twelve diagnoses, A to L


def pointer_readings(pointer: str) -> list[tuple[int, ...]] | None:
    """The diagnoses (1 = the first code listed) a service line's pointer can mean, or None when
    it is not a pointer. Letters A–L are today's form; forms before 2012 used digits, run
    together for up to four diagnoses ("12" is 1 and 2), so a two-digit run has two readings."""
    tokens = [t for t in re.split(r"[\s,;/&+]+", pointer.upper()) if t]
    if not tokens:
        return None
    options: list[list[tuple[int, ...]]] = []
    for token in tokens:
        if re.fullmatch(f"[{_POINTER_LETTERS}]+", token):
            options.append([tuple(_POINTER_LETTERS.index(c) + 1 for c in token)])
        elif re.fullmatch(r"\d+", token):
            readings = []
            if "0" not in token:
                readings.append(tuple(int(c) for c in token))
            if len(token) == 2 and 10 <= int(token) <= 12:
                readings.append((int(token),))
            if not readings:
                return None
            options.append(readings)
        else:
            return None
    return [tuple(itertools.chain(*parts)) for parts in itertools.product(*options)]


@rule("claim.diagnosis_pointers", "claim", NoParams)
def diagnosis_pointers(ex: Extraction, params: NoParams, ctx: RuleContext) -> Iterable[Finding]:
    """Each service line's diagnosis pointer points at a diagnosis code listed on the claim."""
    codes = list_field(ex, "diagnosis_codes")
    if not codes:
        return  # nothing to point at was read: required_fields reports the missing codes
    listed = ", ".join(f"{_POINTER_LETTERS[i]} {c}" for i, c in enumerate(codes[:12]))
    for number, line in enumerate(ex.service_lines, start=1):
        pointer = line.diagnosis_pointer
        if pointer is None or not pointer.strip():
            continue
        readings = pointer_readings(pointer)
        if readings is None:
            yield Finding(
                f"line {number}: diagnosis pointer {pointer} is not letters A–L or numbers 1–12",
                ("service_lines",),
            )
        elif not any(max(reading) <= len(codes) for reading in readings):
            yield Finding(
                f"line {number}: diagnosis pointer {pointer} points past the {len(codes)} "
                f"diagnosis code{'s' * (len(codes) > 1)} listed ({listed})",
                ("service_lines", "diagnosis_codes"),
            )


@rule("claim.service_dates", "claim", NoParams)
def service_dates(ex: Extraction, params: NoParams, ctx: RuleContext) -> Iterable[Finding]:
    """Services are dated between the patient's birth and today; from is not after to."""
    start, end = date_field(ex, "service_date_from"), date_field(ex, "service_date_to")
    dated: list[tuple[str, date, str]] = []  # (what, when, field)
    if start is not None:
        dated.append(("from date", start, "service_date_from"))
    if end is not None:
        dated.append(("to date", end, "service_date_to"))
    for number, line in enumerate(ex.service_lines, start=1):
        when = as_date(line.service_date)
        if when is not None:
            dated.append((f"line {number}", when, "service_lines"))

    def listing(found: list[tuple[str, date, str]]) -> str:
        return ", ".join(f"{what} {when}" for what, when, _ in found)

    def fields_of(found: list[tuple[str, date, str]], *extra: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys([*extra, *(name for _, _, name in found)]))

    dob = date_field(ex, "patient_dob")
    before_birth = [d for d in dated if dob is not None and d[1] < dob]
    if before_birth:
        yield Finding(
            f"service dated before the patient's date of birth {dob}: {listing(before_birth)}",
            fields_of(before_birth, "patient_dob"),
        )
    future = [d for d in dated if d[1] > ctx.today]
    if future:
        yield Finding(
            f"service dated after today ({ctx.today}): {listing(future)}", fields_of(future)
        )
    if start is not None and end is not None and start > end:
        yield Finding(
            f"service from date {start} is after the to date {end}",
            ("service_date_from", "service_date_to"),
        )


@rule("claim.amount_paid_within_total", "claim", Tolerance)
def amount_paid_within_total(
    ex: Extraction, params: Tolerance, ctx: RuleContext
) -> Iterable[Finding]:
    """The amount paid is not above the total charge."""
    paid, total = money_field(ex, "amount_paid"), money_field(ex, "total_charge")
    if paid is not None and total is not None and paid - total > params.tolerance:
        yield Finding(
            f"amount paid {paid} is above the total charge {total}",
            ("amount_paid", "total_charge"),
        )


# The parts a duplicate key is made of: how a message names each, and the fields it reads.
DUPLICATE_PARTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "patient": ("patient", ("patient_name",)),
    "dob": ("date of birth", ("patient_dob",)),
    "member": ("member id", ("member_id",)),
    "dates": ("dates of service", ("service_date_from", "service_date_to", "service_lines")),
    "procedures": ("procedure codes", ("service_lines",)),
}


class ClaimDuplicates(Params):
    keys: tuple[str, ...] = ("patient+dob+dates+procedures", "member+dates+procedures")

    @field_validator("keys")
    @classmethod
    def parts_are_known(cls, keys: tuple[str, ...]) -> tuple[str, ...]:
        for key in keys:
            unknown = [p for p in key.split("+") if p not in DUPLICATE_PARTS]
            if unknown:
                raise ValueError(
                    f"duplicate key {key!r} has unknown part {', '.join(unknown)} "
                    f"(known: {', '.join(DUPLICATE_PARTS)})"
                )
        return keys


def claim_duplicate_keys(ex: Extraction, kinds: Iterable[str]) -> dict[str, str]:
    """Keys under which two claims bill the same care: the same patient (name compared folded,
    with date of birth; or member id), the same dates of service and the same set of procedure
    codes. A kind whose parts were not all read gives no key."""
    name, dob, member = (value_of(ex, n) for n in ("patient_name", "patient_dob", "member_id"))
    dates = {
        d.isoformat()
        for d in (
            date_field(ex, "service_date_from"),
            date_field(ex, "service_date_to"),
            *(as_date(line.service_date) for line in ex.service_lines),
        )
        if d is not None
    }
    procedures = {
        normalize_code(line.procedure_code) for line in ex.service_lines if line.procedure_code
    }
    parts = {
        "patient": fold_text(name) if isinstance(name, str) else "",
        "dob": dob if isinstance(dob, str) else "",
        "member": normalize_code(member) if isinstance(member, str) else "",
        "dates": ",".join(sorted(dates)),
        "procedures": ",".join(sorted(procedures)),
    }
    return compose_keys(parts, kinds)


@rule("claim.duplicate", "claim", ClaimDuplicates)
def duplicate(ex: Extraction, params: ClaimDuplicates, ctx: RuleContext) -> Iterable[Finding]:
    """The same care was billed before: same patient, dates of service and procedure codes."""
    match = seen_before(ctx, "claim", claim_duplicate_keys(ex, params.keys))
    if match is None:
        return
    parts = match.key.split("+")
    labels = [DUPLICATE_PARTS[p][0] for p in parts]
    said = ", ".join(labels[:-1]) + f" and {labels[-1]}" if len(labels) > 1 else labels[0]
    fields = tuple(dict.fromkeys(f for p in parts for f in DUPLICATE_PARTS[p][1]))
    yield Finding(f"same {said} as {match.source} (processed before)", fields)
