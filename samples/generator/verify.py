"""Sanity checks for a generated set: files open, expected values are printed, ids are valid, and the
business rules fire exactly for the planted errors."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pdfplumber
from PIL import Image
from stdnum.eu import vat as eu_vat
from stdnum.gb import vat as gb_vat
from stdnum.us import ein

from .formatting import DE, EN, FR, fmt_date, q2
from .ids import validate_iban
from .sets import expected_documents

REQUIRED = ("vendor_name", "invoice_number", "invoice_date", "total_amount", "currency")
DATE_STYLES = [
    "iso",
    "us_slash",
    "us_short",
    "us_long",
    "us_abbr",
    "eu_slash",
    "de_dot",
    "de_long",
    "fr_long",
    "nl_dash",
    "nl_dash0",
    "nl_long",
    "uk_long",
    "uk_abbr",
    "uk_ord",
]


def rules(doc: dict[str, Any]) -> set[str]:
    """The toolkit's invoice rules (pipelines/rules/invoice.py), evaluated on one expected JSON."""
    f = doc["fields"]
    out: set[str] = set()
    money = {
        k: Decimal(f[k]) for k in ("subtotal", "tax_amount", "total_amount", "amount_due") if k in f
    }
    sub, tax, total = money.get("subtotal"), money.get("tax_amount"), money.get("total_amount")
    if sub is not None and total is not None and sub + (tax or Decimal(0)) != total:
        out.add("invoice.totals_add_up")
    items = doc["line_items"]
    target = sub if sub is not None or tax is not None else total
    if items and target is not None and sum(Decimal(li["amount"]) for li in items) != target:
        out.add("invoice.line_items_sum")
    for li in items:
        if "quantity" not in li or "unit_price" not in li:
            continue
        if q2(Decimal(li["quantity"]) * Decimal(li["unit_price"])) != Decimal(li["amount"]):
            out.add("invoice.line_item_amount")
    if "due_date" in f and f["due_date"] < f["invoice_date"]:
        out.add("invoice.due_date_order")
    due = money.get("amount_due")
    if due is not None and total is not None and due > total:
        out.add("invoice.amount_due_within_total")
    if any(k not in f for k in REQUIRED):
        out.add("invoice.required_fields")
    return out


def money_forms(value: str) -> list[str]:
    d = Decimal(value)
    return [nf.number(d, grouping=g) for nf in (EN, DE, FR) for g in (True, False)]


def _compact(s: str) -> str:
    return re.sub(r"\s+", "", s).upper()


def check_text(name: str, doc: dict[str, Any], text: str) -> list[str]:
    """Every expected value must be printed in some form."""
    problems = []
    f = doc["fields"]
    flat = " ".join(text.split())
    compact = _compact(text)
    for key in ("subtotal", "tax_amount", "total_amount", "amount_due"):
        if key in f and not any(m in flat for m in money_forms(f[key])):
            problems.append(f"{name}: {key}={f[key]} not found in text")
    for key in ("invoice_date", "due_date"):
        if key in f:
            d = date.fromisoformat(f[key])
            forms = [fmt_date(d, s) for s in DATE_STYLES] + [
                f"{d.month:02d}/{d.day:02d}/{d.year % 100:02d}"
            ]
            if not any(x in flat for x in forms):
                problems.append(f"{name}: {key}={f[key]} not found in text")
    for key in (
        "invoice_number",
        "purchase_order",
        "vendor_name",
        "customer_name",
        "payment_terms",
        "vendor_address",
        "customer_address",
    ):
        # addresses/names may be laid out in separate blocks: fall back to words
        if key in f and f[key] not in flat and not all(w in flat for w in f[key].split()):
            problems.append(f"{name}: {key}={f[key]!r} not found in text")
    for key in ("vendor_tax_id", "bank_account"):
        if key in f and _compact(f[key]) not in compact:
            problems.append(f"{name}: {key}={f[key]} not found in text")
    for li in doc["line_items"]:
        head = " ".join(li["description"].split()[:3])
        if head not in flat:
            problems.append(f"{name}: line item {li['description']!r} not found")
        if not any(m in flat for m in money_forms(li["amount"])):
            problems.append(f"{name}: line amount {li['amount']} not found")
    return problems


def check_ids(name: str, f: dict[str, str]) -> list[str]:
    problems = []
    tid = f.get("vendor_tax_id")
    if tid:
        ok = (
            ein.is_valid(tid)
            if tid[:2].isdigit()
            else gb_vat.is_valid(tid)
            if tid.startswith("GB")
            else eu_vat.is_valid(tid)
        )
        if not ok:
            problems.append(f"{name}: invalid tax id {tid}")
    acct = f.get("bank_account")
    if acct and acct[:2].isalpha() and not validate_iban(acct):
        problems.append(f"{name}: invalid IBAN {acct}")
    return problems


OCR_CONFUSIONS = str.maketrans("$5L1|08", "SSIIIOB")


def _ocr_norm(s: str) -> str:
    """Compact text and fold the classic OCR confusions (S/$/5, I/l/1, O/0, B/8)."""
    return _compact(s).translate(OCR_CONFUSIONS)


def ocr_text(path: Path) -> str:
    import pypdfium2 as pdfium
    import pytesseract

    if path.suffix == ".pdf":
        doc = pdfium.PdfDocument(str(path))
        img = doc[0].render(scale=200 / 72).to_pil().convert("L")
        doc.close()
    else:
        img = Image.open(path)
        img.seek(0)
        img = img.convert("L")
    try:
        osd = pytesseract.image_to_osd(img, config="--psm 0 -c min_characters_to_try=5")
        angle = int(re.search(r"Rotate: (\d+)", osd).group(1))  # type: ignore[union-attr]
    except Exception:
        angle = 0
    if angle:
        img = img.rotate(-angle, expand=True)
    return str(pytesseract.image_to_string(img, lang="eng+deu+fra+nld"))


def verify(out: Path, ocr: bool = False) -> list[str]:
    found, problems = expected_documents(out)
    seen: dict[tuple[str, str], str] = {}
    ocr_done: set[str] = set()
    for path, doc in sorted(found, key=lambda t: t[0].name):
        name = path.name
        fired = rules(doc)
        key = (doc["fields"].get("vendor_name", ""), doc["fields"].get("invoice_number", ""))
        if key[1] and key in seen:
            fired.add("invoice.duplicate")
        elif key[1]:
            seen[key] = name
        if fired != set(doc["planted_errors"]):
            problems.append(
                f"{name}: rules fired {sorted(fired)} but planted {doc['planted_errors']}"
            )
        problems += check_ids(name, doc["fields"])
        if path.suffix == ".pdf":
            with pdfplumber.open(path) as pdf:
                if len(pdf.pages) != doc["pages"]:
                    problems.append(f"{name}: {len(pdf.pages)} pages, expected {doc['pages']}")
                text = "\n".join(p.extract_text() or "" for p in pdf.pages)
            if doc["scanned"] and text.strip():
                problems.append(f"{name}: scanned PDF has a text layer")
            if not doc["scanned"]:
                problems += check_text(name, doc, text)
        if path.suffix == ".tif":
            with Image.open(path) as tif:
                frames = int(getattr(tif, "n_frames", 1))
            if frames != doc["pages"]:
                problems.append(f"{name}: {frames} TIFF pages, expected {doc['pages']}")
        if ocr and doc["scanned"] and "invoice_number" in doc["fields"]:
            kind = path.suffix + ("-rot" if doc["scan"]["rotation"] else "")
            if kind not in ocr_done:
                ocr_done.add(kind)
                txt = _ocr_norm(ocr_text(path))
                number = _ocr_norm(doc["fields"]["invoice_number"])
                status = "ok" if number in txt else "NOT FOUND"
                print(f"OCR {name}: invoice number {doc['fields']['invoice_number']} {status}")
                if number not in txt:
                    problems.append(f"{name}: OCR did not read invoice number")
    return problems
