"""Claim samples: professional health-insurance claims on the official CMS-1500 (02/12) form
(fillable, flattened, printed onto the form, scanned) and as clearing-house claim summaries,
each with its truth in ``NAME.expected.json``.

    python -m samples.generator.claims [--seed 2026] [--out samples/claims] [--check]

The claim number of a CMS-1500 is box 26, the patient's account number (the biller's own
reference; the form has no other claim number). A summary prints its claim number (the
clearing house's claim id or ICN) under its own label. See ``claim_form.FIELD_BOXES`` for which
form field is which box.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import random
import sys
import tempfile
from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path

import numpy as np

from . import claim_form as cf
from .claim_data import (
    PAYERS,
    PRACTICES,
    RULES,
    TODAY,
    Claim,
    ClaimExpected,
    build_claim,
    make_practice,
    plant,
)
from .claim_summary import render_detail_report, render_summary
from .invoices import slug
from .scan import EXTENSIONS, ScanSettings, degrade, save

GENERATED_SUFFIXES = (".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".json")
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "claims"
LAYOUTS = {
    "fillable": "cms1500-fillable",
    "flattened": "cms1500-flattened",
    "printed": "cms1500-printed",
    "summary": "claim-summary",
    "report": "claim-detail-report",
}
SUFFIX = {
    "fillable": "",
    "flattened": "-flat",
    "printed": "-printed",
    "summary": "-summary",
    "report": "-report",
}


@dataclass(frozen=True)
class Doc:
    """One planned document."""

    variant: str = "fillable"  # fillable | flattened | printed | summary | report
    specialty: str = "family"
    error: str | None = None
    program: str | None = None  # force a payer of this program (Medicare, Medicaid, Group)
    scan: ScanSettings | None = None  # scanned: printed, then scanned with these settings
    source: int | None = None  # 1-based number of an earlier document: the same claim again


S = ScanSettings
PLAN: list[Doc] = [
    # filled PDF forms (fields kept)
    Doc("fillable", "family"),
    Doc("fillable", "orthopedics"),
    Doc("fillable", "cardiology", "claim.npi_check_digit"),
    Doc("fillable", "pediatrics"),
    Doc("fillable", "internal", "claim.icd10_codes_valid", program="Medicare"),
    Doc("fillable", "pt"),
    Doc("fillable", "urgent", "claim.service_lines_sum"),
    Doc("fillable", "dermatology"),
    # flattened forms (values in the text layer, no fields) and forms printed by a billing system
    Doc("flattened", "radiology"),
    Doc("printed", "family", "claim.procedure_code_format", program="Medicaid"),
    Doc("flattened", "dme", program="Medicare"),
    Doc("printed", "orthopedics", "claim.diagnosis_pointers"),
    Doc("flattened", "urgent", "claim.required_fields"),
    Doc("flattened", source=1, error="claim.duplicate"),  # 01 submitted again
    # clearing-house summaries and billing-system reports
    Doc("summary", "family"),
    Doc("report", "cardiology"),
    Doc("summary", "pt", "claim.amount_paid_within_total"),
    Doc("report", "pediatrics"),
    # scans
    Doc("fillable", "internal", scan=S("png", 200, 0.7, noise=1.0, gray_bits=4)),
    Doc(
        "fillable",
        "pediatrics",
        "claim.service_dates",
        scan=S("jpeg", 200, -1.1, noise=2.5, jpeg_quality=50),
    ),
    Doc("printed", "family", scan=S("tiff", 300, 0.5, binarize=True)),
    Doc("fillable", "urgent", scan=S("pdf", 200, -0.6, binarize=True)),
    Doc("printed", "dermatology", scan=S("png", 300, 1.2, binarize=True)),
    Doc(source=6, error="claim.duplicate", scan=S("jpeg", 240, 0.9, noise=2.0, jpeg_quality=45)),
    Doc("report", "radiology", scan=S("pdf", 200, -0.8, noise=2.5, jpeg_quality=55)),
]
PRODUCERS = ["MedLedger PM 7.4", "ClinicFlow Billing 2026.2", "PracticeDesk 11", "CareBill Pro"]
NAME_STOP = {"pc", "pa", "llc", "pllc", "md", "do", "co", "inc", "group", "associates"}


def _practice_order() -> dict[str, list[int]]:
    """Practices of each specialty, in the order claims take them (solo practitioners first)."""
    order: dict[str, list[int]] = {}
    for i, (name, specialty, _cred) in enumerate(PRACTICES):
        order.setdefault(specialty, [])
        if name == "*":
            order[specialty].insert(0, i)
        else:
            order[specialty].append(i)
    return order


def _stem(number: int, claim: Claim, suffix: str) -> str:
    words = [slug(w) for w in claim.practice.name.split()]
    words = [w for w in words if w and w not in NAME_STOP][:3]
    return f"{number:02d}-{'-'.join(words)}{suffix}"


def _style(variant: str, rng: random.Random) -> cf.FormStyle:
    printed = variant == "printed"
    courier = printed or rng.random() < 0.3
    return cf.FormStyle(
        font="Courier" if courier else "Helvetica",
        size=10.0 if courier or rng.random() < 0.6 else 9.0,
        line_size=10.0 if printed else rng.choice([9.0, 9.0, 8.0]),
        dotted_dx=rng.random() < 0.25,
        tax_dash=rng.random() < 0.6,
        insured_address=rng.random() < 0.5,
        date_style=rng.choice(["spaced", "slash"]),
        taxonomy=rng.random() < 0.35,
        offset=(round(rng.uniform(-1.5, 1.5), 1), round(rng.uniform(-1.2, 1.2), 1))
        if printed
        else (0.0, 0.0),
    )


def _claim(number: int, doc: Doc, seed: int, taken: dict[str, int]) -> Claim:
    order = _practice_order()[doc.specialty]
    index = order[taken.get(doc.specialty, 0) % len(order)]
    taken[doc.specialty] = taken.get(doc.specialty, 0) + 1
    practice = make_practice(index, seed)
    payer = None
    if doc.program is not None:
        rng = random.Random(f"{seed}:payer:{number}")
        payer = rng.choice([i for i, p in enumerate(PAYERS) if p.program == doc.program])
    claim = build_claim(f"c{number}", seed, practice, payer)
    if doc.error is not None and doc.error != "claim.duplicate":
        plant(claim, doc.error, random.Random(f"{seed}:error:{number}"))
    return claim


def _write_json(path: Path, exp: ClaimExpected) -> None:
    text = json.dumps(exp.to_json(), indent=2, ensure_ascii=False) + "\n"
    path.write_text(text, encoding="utf-8")


def _render(
    claim: Claim, variant: str, path: Path, seed: int, number: int, form: Path
) -> ClaimExpected:
    """Draw one claim as a digital document at ``path``; returns its expected JSON."""
    srng = random.Random(f"{seed}:style:{number}")
    key = f"{seed}:{number}"
    if variant in ("summary", "report"):
        printed = min(claim.signed + timedelta(days=srng.randint(1, 12)), TODAY - timedelta(days=1))
        draw = render_summary if variant == "summary" else render_detail_report
        return draw(claim, path, srng, printed)
    style = _style(variant, srng)  # the practice's billing system writes the file
    style = replace(
        style, producer=random.Random(f"{seed}:pm:{claim.practice.key}").choice(PRODUCERS)
    )
    fill = cf.form_fill(claim, style)
    writer = {
        "fillable": cf.write_fillable,
        "flattened": cf.write_flattened,
        "printed": cf.write_printed,
    }[variant]
    writer(fill, style, path, claim.signed, key, form)
    return ClaimExpected(LAYOUTS[variant], fill.fields, fill.service_lines, claim.planted_errors)


def _scan(pdf: Path, out: Path, settings: ScanSettings, seed: int) -> dict[str, object]:
    rng = np.random.default_rng(seed)
    pages = [degrade(p, settings, rng) for p in cf.render_pages(pdf, settings.dpi)]
    save(pages, out, settings)
    return settings.describe()


def clear(out: Path) -> None:
    for p in out.iterdir():
        if p.is_file() and p.suffix.lower() in GENERATED_SUFFIXES:
            p.unlink()


def generate(out: Path, seed: int, form: Path = cf.FORM, log: bool = True) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    clear(out)
    written: list[Path] = []
    made: dict[int, tuple[Claim, ClaimExpected, Path, str]] = {}
    taken: dict[str, int] = {}
    for number, doc in enumerate(PLAN, start=1):
        if doc.source is not None:
            orig, orig_exp, orig_path, orig_variant = made[doc.source]
            claim = copy.deepcopy(orig)
            claim.planted_errors = ["claim.duplicate"]
            variant = doc.variant if doc.scan is None else orig_variant
            suffix = "-resubmitted" if doc.scan is None else "-scan"
        else:
            claim = _claim(number, doc, seed, taken)
            variant = doc.variant
            suffix = SUFFIX[variant] if doc.scan is None else "-scan"
        ext = EXTENSIONS[doc.scan.fmt] if doc.scan is not None else ".pdf"
        path = out / (_stem(number, claim, suffix) + ext)
        if doc.scan is None:
            if doc.source is not None:  # sent again a month later: a new date in boxes 12 and 31
                claim.signed = min(claim.signed + timedelta(days=30), TODAY - timedelta(days=1))
            exp = _render(claim, variant, path, seed, number, form)
        else:
            scan_seed = random.Random(f"{seed}:scan:{number}").randrange(2**32)
            if doc.source is not None and variant == orig_variant:  # a scan of that very file
                exp = copy.deepcopy(orig_exp)
                exp.planted_errors = list(claim.planted_errors)
                meta = _scan(orig_path, path, doc.scan, scan_seed)
            else:
                with tempfile.TemporaryDirectory() as td:
                    tmp = Path(td) / "digital.pdf"
                    exp = _render(claim, variant, tmp, seed, number, form)
                    meta = _scan(tmp, path, doc.scan, scan_seed)
            exp.scanned = True
            exp.scan = meta
        _write_json(out / (path.stem + ".expected.json"), exp)
        made[number] = (claim, exp, path, variant)
        written.append(path)
        if log:
            print(f"{path.name:52s} {exp.layout:20s} {','.join(exp.planted_errors)}")
    return written


def _digest(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file() and p.suffix.lower() in GENERATED_SUFFIXES
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m samples.generator.claims",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ap.add_argument("--seed", type=int, default=2026, help="random seed (2026 = the committed set)")
    ap.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        help="output directory; generated files in it are deleted first",
    )
    ap.add_argument("--form", type=Path, default=cf.FORM, help="the official CMS-1500 PDF")
    ap.add_argument(
        "--check",
        action="store_true",
        help="verify the set afterwards (values, rules, sizes) and that a second run is identical",
    )
    ap.add_argument("-q", "--quiet", action="store_true")
    args = ap.parse_args(argv)
    generate(args.out, args.seed, args.form, log=not args.quiet)
    if not args.check:
        return 0
    from .claim_verify import planted_counts, verify

    problems = verify(args.out)
    docs = [json.loads(p.read_text(encoding="utf-8")) for p in args.out.glob("*.expected.json")]
    counts = planted_counts(docs)
    problems += [f"no document plants {rule}" for rule in RULES if rule not in counts]
    with tempfile.TemporaryDirectory() as td:
        generate(Path(td), args.seed, args.form, log=False)
        again, first = _digest(Path(td)), _digest(args.out)
        problems += [f"{n}: differs on a second run" for n in first if again.get(n) != first[n]]
        if set(again) != set(first):
            problems.append("a second run writes other files")
    for p in problems:
        print("PROBLEM:", p, file=sys.stderr)
    total = sum(p.stat().st_size for p in args.out.iterdir() if p.is_file())
    print(
        f"checked {len(docs)} documents, {total / 1e6:.2f} MB, planted "
        + ", ".join(f"{k} x{v}" for k, v in sorted(counts.items())),
        file=sys.stderr,
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
