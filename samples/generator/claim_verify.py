"""Checks behind ``python -m samples.generator.claims --check``: every file opens, the expected
values are in the form fields (fillable PDFs), in the text layer at their boxes (flattened and
printed forms) or in the text (summaries), identifiers are valid, and the claim rules fire on
exactly the planted errors."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from PIL import Image
from pypdf import PdfReader
from stdnum.us import ein

from .claim_data import LETTERS, TODAY, icd10_billable, npi_valid
from .claim_form import CENTS_RULE, CLAIM_FIELD_BOXES, form_values, geometry, text_in_box, words_in
from .formatting import EN
from .sets import expected_documents, pages_and_text

# the fields the back office cannot do without (pipelines/rules/packs/claim.toml)
REQUIRED = (
    "patient_name",
    "member_id",
    "provider_npi",
    "total_charge",
    "diagnosis_codes",
    "service_date_from",
)
MAX_SET_BYTES = 4 * 1024 * 1024
_ICD10 = re.compile(r"([A-Z]\d[0-9A-Z])\.?([0-9A-Z]{0,4})")


def dotted(code: str) -> str | None:
    m = _ICD10.fullmatch(code.replace(" ", "").upper())
    if m is None:
        return None
    return f"{m.group(1)}.{m.group(2)}" if m.group(2) else m.group(1)


def procedure_code_ok(code: str) -> bool:
    """CPT (99213), CPT category II / III (3074F, 0042T) or HCPCS Level II (J1100)."""
    return bool(re.fullmatch(r"\d{5}|\d{4}[FT]|[ABCDEGHJKLMPQRSTUV]\d{4}", code))


def rules(doc: dict[str, Any]) -> set[str]:
    """The claim rules (pipelines/rules/claim.py), evaluated on one expected JSON."""
    f = doc["fields"]
    lines = doc["service_lines"]
    out: set[str] = set()
    if "provider_npi" in f and not npi_valid(f["provider_npi"]):
        out.add("claim.npi_check_digit")
    codes = f.get("diagnosis_codes", [])
    if any((d := dotted(c)) is None or not icd10_billable(d) for c in codes):
        out.add("claim.icd10_codes_valid")
    for ln in lines:
        mods_ok = all(re.fullmatch(r"[0-9A-Z]{2}", m) for m in ln["modifiers"])
        if not procedure_code_ok(ln["procedure_code"]) or not mods_ok:
            out.add("claim.procedure_code_format")
    charges = sum((Decimal(ln["charge"]) for ln in lines), Decimal(0))
    if "total_charge" in f and lines and charges != Decimal(f["total_charge"]):
        out.add("claim.service_lines_sum")
    for ln in lines:
        if codes and any(LETTERS.index(p) >= len(codes) for p in ln["diagnosis_pointer"]):
            out.add("claim.diagnosis_pointers")
    dates = [date.fromisoformat(ln["service_date"]) for ln in lines]
    dates += [date.fromisoformat(f[k]) for k in ("service_date_from", "service_date_to") if k in f]
    dob = date.fromisoformat(f["patient_dob"]) if "patient_dob" in f else None
    if any(d > TODAY or (dob is not None and d < dob) for d in dates):
        out.add("claim.service_dates")
    if f.get("service_date_from", "") > f.get("service_date_to", "9999"):
        out.add("claim.service_dates")
    paid, total = f.get("amount_paid"), f.get("total_charge")
    if paid is not None and total is not None and Decimal(paid) > Decimal(total):
        out.add("claim.amount_paid_within_total")
    if any(k not in f for k in REQUIRED):
        out.add("claim.required_fields")
    return out


def _fold(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


def duplicate_keys(doc: dict[str, Any]) -> list[str]:
    """Same patient (folded name + date of birth, or member id), same dates of service, same set
    of procedure codes: the keys of claim.duplicate."""
    f, lines = doc["fields"], doc["service_lines"]
    dates = {ln["service_date"] for ln in lines} | {
        f[k] for k in ("service_date_from", "service_date_to") if k in f
    }
    procs = ",".join(sorted({ln["procedure_code"] for ln in lines}))
    when = ",".join(sorted(dates))
    keys = []
    if "patient_name" in f and "patient_dob" in f:
        keys.append(f"p|{_fold(f['patient_name'])}|{f['patient_dob']}|{when}|{procs}")
    if "member_id" in f:
        keys.append(f"m|{f['member_id']}|{when}|{procs}")
    return keys


# --- what the files show ------------------------------------------------------------------------


def _money_forms(value: str) -> list[str]:
    d = Decimal(value)
    plain, grouped = f"{d:.2f}", EN.number(d)
    return [plain, grouped, plain.replace(".", " "), "$" + grouped, "$" + plain]


def _line_fields(n: int, ln: dict[str, Any]) -> dict[str, str]:
    y, m, d = ln["service_date"].split("-")
    want = {
        f"sv{n}_mm_from": m,
        f"sv{n}_dd_from": d,
        f"sv{n}_yy_from": y[2:],
        f"cpt{n}": ln["procedure_code"],
        f"diag{n}": ln["diagnosis_pointer"],
        f"ch{n}": ln["charge"],
        f"day{n}": ln["units"],
    }
    for slot, mod in zip(["", "a", "b", "c"], ln["modifiers"], strict=False):
        want[f"mod{n}{slot}"] = mod
    return want


def form_expectations(doc: dict[str, Any]) -> dict[str, str]:
    """Form field → the text it must hold for the expected JSON to be true."""
    f = doc["fields"]
    want: dict[str, str] = {}
    for key, name in CLAIM_FIELD_BOXES.items():
        if key in f and key not in ("patient_dob", "patient_sex"):
            want[name] = f[key]
    if "patient_dob" in f:
        y, m, d = f["patient_dob"].split("-")
        want.update(birth_mm=m, birth_dd=d, birth_yy=y)
    if "patient_sex" in f:
        want["sex"] = "/" + f["patient_sex"]
    for i, code in enumerate(f.get("diagnosis_codes", []), start=1):
        want[f"diagnosis{i}"] = code
    for n, ln in enumerate(doc["service_lines"], start=1):
        want.update(_line_fields(n, ln))
    return want


def _same(name: str, got: str, expected: str) -> bool:
    if name.startswith("diagnosis"):
        return dotted(got) == expected
    if name in CENTS_RULE:
        return got.replace(" ", ".").replace("$", "") == expected
    return " ".join(got.split()) == expected


def check_fillable(name: str, path: Path, doc: dict[str, Any]) -> list[str]:
    values = form_values(path)
    problems = []
    if len(PdfReader(str(path)).get_fields() or {}) < 250:
        problems.append(f"{name}: the form lost fields")
    for fld, expected in form_expectations(doc).items():
        got = values.get(fld, "")
        if not _same(fld, got, expected):
            problems.append(f"{name}: field {fld} holds {got!r}, expected {expected!r}")
    return problems


def check_flat(name: str, path: Path, doc: dict[str, Any]) -> list[str]:
    """The values are page text, each inside its box."""
    problems = []
    if PdfReader(str(path)).get_fields():
        problems.append(f"{name}: a flattened form still has fields")
    geo = geometry()
    words = words_in(path)
    for fld, expected in form_expectations(doc).items():
        if fld in geo.states:
            rect = geo.states[fld][expected]
            got = text_in_box(words, rect, pad=3)
            if got != "X" and got.strip():  # drawn as vector strokes by a flattened form
                problems.append(f"{name}: check box {fld} {expected} reads {got!r}")
            continue
        got = text_in_box(words, geo.rects[fld])
        if not _same(fld, got, expected):
            problems.append(f"{name}: box {fld} reads {got!r}, expected {expected!r}")
    return problems


def check_summary(name: str, text: str, doc: dict[str, Any]) -> list[str]:
    flat = " ".join(text.split())
    problems = []
    f = doc["fields"]
    for key in (
        "claim_number",
        "payer_name",
        "patient_name",
        "member_id",
        "insured_name",
        "group_number",
        "provider_name",
        "provider_npi",
        "billing_tax_id",
    ):
        if key in f and f[key] not in flat:
            problems.append(f"{name}: {key}={f[key]!r} not in the text")
    for key in ("total_charge", "amount_paid"):
        if key in f and not any(m in flat for m in _money_forms(f[key])):
            problems.append(f"{name}: {key}={f[key]} not in the text")
    for key in ("patient_dob", "service_date_from", "service_date_to"):
        if key in f:
            y, m, d = f[key].split("-")
            if f"{m}/{d}/{y}" not in flat:
                problems.append(f"{name}: {key}={f[key]} not in the text")
    for code in f.get("diagnosis_codes", []):
        if code not in flat:
            problems.append(f"{name}: diagnosis {code} not in the text")
    for ln in doc["service_lines"]:
        if ln["procedure_code"] not in flat or not any(
            m in flat for m in _money_forms(ln["charge"])
        ):
            problems.append(f"{name}: service line {ln['procedure_code']} not in the text")
    return problems


def check_ids(name: str, doc: dict[str, Any]) -> list[str]:
    f = doc["fields"]
    problems = []
    if "claim.npi_check_digit" not in doc["planted_errors"] and not npi_valid(
        f.get("provider_npi", "")
    ):
        problems.append(f"{name}: invalid NPI {f.get('provider_npi')}")
    tid = f.get("billing_tax_id", "")
    ssn_style = re.fullmatch(r"987-?65-?432\d", tid)
    if not ssn_style and not ein.is_valid(tid):
        problems.append(f"{name}: invalid tax id {tid}")
    return problems


def verify(out: Path) -> list[str]:
    found, problems = expected_documents(out)
    seen: dict[str, str] = {}
    for path, doc in found:
        name = path.name
        fired = rules(doc)
        for key in duplicate_keys(doc):
            if key in seen and seen[key] != name:
                fired.add("claim.duplicate")
            seen.setdefault(key, name)
        if fired != set(doc["planted_errors"]):
            problems.append(
                f"{name}: rules fired {sorted(fired)} but planted {doc['planted_errors']}"
            )
        problems += check_ids(name, doc)
        layout = doc["layout"]
        if path.suffix == ".pdf":
            pages, text = pages_and_text(path)
            if pages != doc["pages"]:
                problems.append(f"{name}: {pages} pages, expected {doc['pages']}")
            if doc["scanned"]:
                if text.strip():
                    problems.append(f"{name}: a scanned PDF has a text layer")
            elif layout == "cms1500-fillable":
                problems += check_fillable(name, path, doc)
            elif layout in ("cms1500-flattened", "cms1500-printed"):
                problems += check_flat(name, path, doc)
            else:
                problems += check_summary(name, text, doc)
        else:
            with Image.open(path) as img:
                img.load()
                if min(img.size) < 1500:
                    problems.append(f"{name}: {img.size} is too small for a 200 dpi page")
    total = sum(p.stat().st_size for p in out.iterdir() if p.is_file())
    if total > MAX_SET_BYTES:
        problems.append(f"the set is {total / 1e6:.1f} MB, over {MAX_SET_BYTES / 1e6:.1f} MB")
    return problems


def planted_counts(docs: Iterable[dict[str, Any]]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for doc in docs:
        for rule in doc["planted_errors"]:
            counts[rule] = counts.get(rule, 0) + 1
    return counts
