"""Seeded, reproducible contract samples (digital PDFs and scans) with their expected JSON.

    python -m samples.generator.contracts [--seed 2024] [--out samples/contracts] [--check]

Twenty contracts written the way contracts filed on EDGAR are written: mutual, one-way and
three-party NDAs, a 40+ page master services agreement with exhibits, leases, a lease amendment,
a statement of work, consulting agreements (one a letter agreement), SaaS subscription
agreements, an English software licence and supply agreements; US and English drafting; Times,
Helvetica and Courier; "Exhibit 10.x" labels, [***] redactions, running headers and footers,
two-column signature blocks. Sixteen are digital PDFs, four are scans (a one-page lease amendment
as JPEG, a one-page services agreement as PNG, a three-page NDA as a G4 TIFF and a four-page supply
agreement as an image-only PDF).

Conventions of the expected fields (``NAME.expected.json``, field names of shared/CONTRACT.md):

- ``contract_title``: the title as printed at the head of the document (case as printed); for a
  letter agreement, the subject of its "Re:" line.
- ``parties``: the legal names of the contracting parties as the preamble (or the parties list)
  prints them, e.g. ``Acme Corp.``, without the description ("a Delaware corporation") or the
  defined short name ("Acme"). Three-party agreements list three. Law firms in notice clauses,
  guaranteed affiliates named only in the body, and signatories are not parties.
- ``effective_date``: the date the contract says it is made, dated or effective as of. A lease's
  later commencement date, an SOW's master agreement date and an amendment's original lease date
  are not it. "Effective as of the date of the last signature" means the latest date printed in
  the signature blocks. A blank date ("as of ________, 20__") gives no effective date.
- ``expiration_date``: only when the document prints the end date of its (initial) term ("shall
  expire on December 31, 2025", "ending on May 31, 2028", "remain in effect through …"). It is
  never computed from a term and a start date.
- ``term``: the initial term when stated as a period, in the unit printed: "thirty-six (36)
  months" is ``P36M``, "two (2) years" ``P2Y``. Survival periods and option terms are not the term.
  "Until terminated" gives no term.
- ``auto_renewal``: ``true`` when the contract renews by itself, ``false`` when it says it does not
  ("shall not renew automatically"); absent when it says neither. ``renewal_term``: the length of
  each automatic renewal, only when ``auto_renewal`` is true.
- ``termination_notice_days``: the notice a party must give to end the contract without cause
  (termination for convenience, "either party may terminate upon thirty (30) days' notice"); when
  there is no such right, the notice of non-renewal. Cure periods, late-payment periods, extension
  option notices and return-of-materials periods are not it.
- ``contract_value`` / ``currency``: the amount the contract names as its price: a total or a
  not-to-exceed amount ("total fees not to exceed $250,000.00", "total Subscription Fees of
  $108,000.00", "a fee of USD 75,000"); when it names only a recurring amount, that amount (annual
  base rent for year one, annual subscription or licence fee, monthly fee). Hourly rates,
  installments, deposits, insurance limits and liability caps are not it. ``currency`` is that
  amount's currency and is given only with ``contract_value``.
- ``payment_terms``: the short phrase that says when payment is due, exactly as printed, from its
  first word ("within", "Net", "monthly", "annually", "in advance") to the end of the trigger: e.g.
  ``Net 45``, ``within thirty (30) days of receipt of a correct invoice``, ``monthly in advance on
  the first day of each calendar month``, ``within 30 days of the date of the invoice``.
- ``signatories``: the names of the individuals printed in the signature blocks (one per party).
- ``governing_law``: as in CONTRACT.md ("New York", "Delaware", "England and Wales").

Planted errors (one per affected document; rule names of the contract rule pack):
``contract.required_fields`` (blank effective date), ``contract.governing_law_present`` (letter
agreement without a governing-law clause), ``contract.two_parties`` (unilateral confidentiality
undertaking), ``contract.auto_renewal_notice`` (renews automatically, no notice period anywhere),
``contract.notice_period_minimum`` (five days' termination notice; the rule pack's default minimum
is 30), ``contract.expiration_after_effective`` (office lease whose stated expiry has the wrong
year). ``contract_facts.rules`` evaluates these rules on an expected JSON; ``--check`` requires that
they fire exactly for the planted errors.

Limits: one-page scans (PNG, JPEG) are one-page contracts; scanned multi-page documents are whole
short contracts (the long ones are digital only). All text is English.
"""

from __future__ import annotations

import json
import random
import re
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pdfplumber

from . import contract_docs as docs
from . import contract_msa, contract_realty, contract_tech
from .contract_docs import Built
from .contract_facts import Names, rules
from .invoices import slug
from .legal_render import render
from .legal_words import date_forms, words
from .scan import EXTENSIONS, ScanSettings, scan_pdf
from .sets import expected_documents, pages_and_text, run_cli

GENERATED_SUFFIXES = (".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".json")
Composer = Callable[[str, random.Random, Names, str | None], Built]


@dataclass(frozen=True)
class Entry:
    composer: Composer
    error: str | None = None
    scan: ScanSettings | None = None
    one_page: bool = False


S = ScanSettings
PLAN: list[Entry] = [
    Entry(docs.nda_mutual),
    Entry(contract_msa.msa_long),
    Entry(contract_realty.lease_typewriter),
    Entry(docs.sow),
    Entry(docs.consulting_individual),
    Entry(contract_tech.saas_edgar),
    Entry(contract_tech.licence_uk),
    Entry(contract_tech.supply_edgar),
    Entry(docs.nda_three_party),
    Entry(docs.nda_uk_oneway),
    Entry(docs.consulting_short_notice, "contract.notice_period_minimum"),
    Entry(contract_tech.saas_no_notice, "contract.auto_renewal_notice"),
    Entry(contract_realty.lease_office, "contract.expiration_after_effective"),
    Entry(docs.consulting_letter, "contract.governing_law_present"),
    Entry(docs.undertaking, "contract.two_parties"),
    Entry(docs.nda_mutual, "contract.required_fields"),
    Entry(
        contract_realty.lease_amendment,
        scan=S("jpeg", 200, 0.8, noise=3.0, jpeg_quality=55),
        one_page=True,
    ),
    Entry(
        contract_realty.services_one_page,
        scan=S("png", 200, -0.6, noise=2.0, gray_bits=4),
        one_page=True,
    ),
    Entry(docs.nda_us_oneway, scan=S("tiff", 200, 0.5, binarize=True)),
    Entry(contract_tech.supply_short, scan=S("pdf", 150, -0.9, noise=2.5, jpeg_quality=50)),
]


def clear(out: Path) -> None:
    for p in out.iterdir():
        if p.is_file() and p.suffix.lower() in GENERATED_SUFFIXES:
            p.unlink()


def _stem(i: int, b: Built) -> str:
    first = slug(b.facts.parties[0].name.split()[0])
    return f"{i:02d}-{b.layout}-{first}"


def expected_json(b: Built, pages: int, error: str | None) -> dict[str, Any]:
    return {
        "document_type": "contract",
        "scanned": False,
        "layout": b.layout,
        "language": "en",
        "pages": pages,
        "fields": b.facts.fields(),
        "planted_errors": [error] if error else [],
    }


def pdf_text(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        return "\n".join(p.extract_text() or "" for p in pdf.pages)


def _period_forms(iso: str) -> list[str]:
    m = re.fullmatch(r"P(\d+)([YMDW])", iso)
    assert m, iso
    n, unit = int(m.group(1)), {"Y": "year", "M": "month", "D": "day", "W": "week"}[m.group(2)]
    units = [unit, unit + "s"]
    out = []
    for u in units:
        out += [f"({n}) {u}", f"{n} {u}", f"{words(n)} {u}", f"{n}-{u}", f"{words(n)}-{u}"]
    return out


def _money_forms(value: str) -> list[str]:
    d = Decimal(value)
    forms = [f"{d:,.2f}"]
    if d == d.to_integral():
        forms.append(f"{int(d):,}")
    return forms


SYMBOLS = {"USD": ["$", "USD", "Dollars"], "GBP": ["£", "GBP"], "EUR": ["€", "EUR"]}


def check_text(name: str, fields: dict[str, Any], text: str) -> list[str]:
    """Every expected value must be printed, in one of the forms contracts print it."""
    flat = " ".join(text.replace("\xa0", " ").split())
    low = flat.lower()
    problems: list[str] = []

    def need(key: str, forms: list[str], case: bool = False) -> None:
        hay = flat if case else low
        if not any((f if case else f.lower()) in hay for f in forms):
            problems.append(f"{name}: {key}={fields[key]!r} not found in text")

    for key, value in fields.items():
        if key in ("contract_title", "governing_law", "payment_terms"):
            need(key, [value])
        elif key in ("parties", "signatories"):
            for v in value:
                if v.lower() not in low:
                    problems.append(f"{name}: {key} item {v!r} not found in text")
        elif key in ("effective_date", "expiration_date"):
            need(key, date_forms(date.fromisoformat(value)))
        elif key in ("term", "renewal_term"):
            need(key, _period_forms(value))
        elif key == "termination_notice_days":
            n = int(value)
            need(key, [f"({n}) days", f"{n} days", f"({n}) calendar days", f"{words(n)} days"])
        elif key == "contract_value":
            need(key, _money_forms(value))
        elif key == "currency":
            need(key, SYMBOLS[value], case=True)
        elif key == "auto_renewal":
            forms = (
                [
                    "automatically renew",
                    "renew automatically",
                    "renewed automatically",
                    "automatically extend",
                ]
                if value
                else [
                    "not renew automatically",
                    "no automatic renewal",
                    "not be automatically renewed",
                    "not automatically renew",
                    "no further renewal",
                ]
            )
            need(key, forms)
    return problems


def generate(out: Path, seed: int, log: bool = True, plan: list[Entry] | None = None) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    clear(out)
    names = Names()
    written: list[Path] = []
    for i, e in enumerate(plan or PLAN, 1):
        rng = random.Random(f"{seed}:contract:{i}")
        b = e.composer(f"c{i}", rng, names, e.error)
        stem = _stem(i, b)
        with tempfile.TemporaryDirectory() as td:
            tmp = Path(td) / "digital.pdf"
            pages = render(b.doc, b.look, tmp)
            if e.one_page and pages != 1:
                raise RuntimeError(f"{stem}: {pages} pages, must fit on one page")
            exp = expected_json(b, pages, e.error)
            problems = check_text(stem, exp["fields"], pdf_text(tmp))
            fired = rules(exp)
            if fired != set(exp["planted_errors"]):
                problems.append(
                    f"{stem}: rules fired {sorted(fired)}, planted {exp['planted_errors']}"
                )
            if problems:
                raise RuntimeError("; ".join(problems))
            if e.scan is None:
                path = out / f"{stem}.pdf"
                tmp.replace(path)
            else:
                path = out / f"{stem}-scan{EXTENSIONS[e.scan.fmt]}"
                scan_seed = random.Random(f"{seed}:contract-scan:{i}").randrange(2**32)
                exp["scanned"] = True
                exp["scan"] = scan_pdf(tmp, path, e.scan, scan_seed)
        (out / f"{path.stem}.expected.json").write_text(
            json.dumps(exp, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        written.append(path)
        if log:
            print(f"{path.name:48s} {pages:3d} p  {','.join(exp['planted_errors'])}")
    return written


def verify(out: Path) -> list[str]:
    """Files open, page counts match, values are printed (digital), rules fire exactly for the
    planted errors, scans carry no text layer."""
    found, problems = expected_documents(out)
    for path, doc in found:
        fired = rules(doc)
        if fired != set(doc["planted_errors"]):
            problems.append(
                f"{path.name}: rules fired {sorted(fired)}, planted {doc['planted_errors']}"
            )
        try:
            n, text = pages_and_text(path)
        except Exception as exc:  # a file that does not open is the problem being reported
            problems.append(f"{path.name}: does not open: {exc}")
            continue
        if path.suffix == ".pdf":
            if doc["scanned"] and text.strip():
                problems.append(f"{path.name}: scanned PDF has a text layer")
            if not doc["scanned"]:
                problems += check_text(path.name, doc["fields"], text)
        if n != doc["pages"]:
            problems.append(f"{path.name}: {n} pages, expected {doc['pages']}")
    return problems


def main(argv: list[str] | None = None) -> int:
    return run_cli(
        argv,
        prog="python -m samples.generator.contracts",
        description=__doc__,
        seed=2024,
        out=Path(__file__).resolve().parent.parent / "contracts",
        generate=generate,
        verify=verify,
    )


if __name__ == "__main__":
    sys.exit(main())
