"""Claim summaries as a clearing house or a billing system prints them (reportlab): one page,
label: value blocks for payer, patient, insured and provider, the service lines as a table, and
the totals. Two layouts:

- ``claim-summary``: a clearing house's portal print: coloured header bar, a claim strip (claim
  number, submitted, status, service dates), four boxed blocks, a ruled table, a totals box;
- ``claim-detail-report``: a practice-management report: practice letterhead, "CLAIM DETAIL
  REPORT", two columns of dotted label lines, an unruled table, totals under it.

Every value drawn is recorded, so the expected JSON cannot drift from the page.
"""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import letter
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from .claim_data import LETTERS, Claim, ClaimExpected, Person
from .formatting import EN, money_str
from .layouts.base import (
    FONT_DIRS,
    FONTSETS,
    GREY,
    LIGHT,
    STANDARD_FONTS,
    WHITE,
    Col,
    FontSet,
    Pen,
    Table,
    TableStyle,
    tint,
)
from .layouts.common import pick

CLEARING_HOUSES = [
    ("ClearPath Claims Exchange", (0.05, 0.33, 0.55)),
    ("Apex Health Clearinghouse", (0.18, 0.42, 0.27)),
    ("Meridian EDI Services", (0.36, 0.20, 0.50)),
]
RELATION = {"S": "Self", "M": "Spouse", "C": "Child", "O": "Other"}


def _fonts(key: str) -> FontSet:
    """A font set, registering its TrueType files (only these: the layouts' ``new_canvas``
    registers every family, and Liberation is not on every machine)."""
    fs = FONTSETS[key]
    for name in (fs.regular, fs.bold, fs.italic):
        if name in STANDARD_FONTS or name in pdfmetrics.getRegisteredFontNames():
            continue
        path = next((d / f"{name}.ttf" for d in FONT_DIRS if (d / f"{name}.ttf").exists()), None)
        if path is None:
            raise FileNotFoundError(f"font {name} not found in {FONT_DIRS}")
        pdfmetrics.registerFont(TTFont(name, str(path)))
    return fs


def _canvas(path: Path, title: str, author: str) -> Canvas:
    c = Canvas(str(path), pagesize=letter, invariant=1, pageCompression=1)
    c.setTitle(title)
    c.setAuthor(author)
    c.setCreator(author)
    c.setProducer("bpo-toolkit sample generator")
    return c


def _d(d: date) -> str:
    return f"{d:%m/%d/%Y}"


def _money(value: Decimal, symbol: bool) -> str:
    text = EN.number(abs(value))
    sign = "-" if value < 0 else ""
    return f"{sign}${text}" if symbol else f"{sign}{text}"


def _lines(claim: Claim) -> list[dict[str, Any]]:
    return [ln.expected() for ln in claim.lines]


def _common_fields(claim: Claim, exp: dict[str, Any]) -> None:
    exp["payer_name"] = claim.payer.name
    exp["patient_dob"] = claim.patient.dob.isoformat()
    exp["patient_sex"] = claim.patient.sex
    exp["member_id"] = claim.member_id
    if claim.group_number:
        exp["group_number"] = claim.group_number
    exp["provider_name"] = claim.practice.name
    exp["provider_npi"] = claim.practice.npi
    exp["billing_tax_id"] = claim.practice.tax_id
    exp["diagnosis_codes"] = list(claim.diagnoses)
    exp["service_date_from"] = min(ln.date_from for ln in claim.lines).isoformat()
    exp["service_date_to"] = max(ln.date_to for ln in claim.lines).isoformat()


def _totals(claim: Claim) -> tuple[Decimal, Decimal, Decimal]:
    assert claim.total_charge is not None, "a summary always prints its total"
    paid = claim.amount_paid if claim.amount_paid is not None else Decimal("0.00")
    return claim.total_charge, paid, claim.total_charge - paid


# --- claim-summary ------------------------------------------------------------------------------


def render_summary(claim: Claim, path: Path, rng: random.Random, printed: date) -> ClaimExpected:
    exp: dict[str, Any] = {}
    W, H = letter
    M = 40.0
    house, color = pick(rng, *CLEARING_HOUSES)
    fonts = _fonts(pick(rng, "helvetica", "helvetica", "dejavu"))
    symbol = rng.random() < 0.6
    L = {
        "claim": pick(rng, "Claim #", "Claim No.", "Claim Number"),
        "patient": pick(rng, "Patient", "Member"),
        "member_id": pick(rng, "Member ID", "Subscriber ID", "Insured ID"),
        "insured": pick(rng, "Insured", "Subscriber", "Policy Holder"),
        "group": pick(rng, "Group #", "Group No.", "Group Number"),
        "npi": pick(rng, "Billing Provider NPI", "Billing NPI", "NPI"),
        "rnpi": pick(rng, "Rendering NPI", "Rendering Provider NPI"),
        "tax": pick(rng, "Tax ID", "TIN", "Federal Tax ID")
        if claim.practice.tax_kind == "EIN"
        else "SSN",
        "total": pick(rng, "Total Charge", "Total Charges", "Total Billed"),
        "paid": pick(rng, "Amount Paid", "Patient Paid", "Paid"),
        "balance": pick(rng, "Balance", "Balance Due"),
    }
    c = _canvas(path, f"Claim summary {claim.icn}", house)
    pen = Pen(c, fonts)

    # header bar
    pen.rect(0, H - 62, W, 62, fill=color)
    pen.text(M, H - 34, house, 15, "b", color=WHITE)
    pen.text(M, H - 49, "Electronic claim submission - 837P professional", 8, color=WHITE)
    pen.text(W - M, H - 38, "CLAIM SUMMARY", 14, "b", "r", WHITE)
    pen.text(
        W - M,
        H - 76,
        f"Printed {_d(printed)} {rng.randint(8, 17):02d}:{rng.randint(0, 59):02d}",
        7.5,
        align="r",
        color=GREY,
    )

    # claim strip
    y = H - 86
    pen.rect(M, y - 36, W - 2 * M, 36, fill=tint(color, 0.9))
    first = min(ln.date_from for ln in claim.lines)
    last = max(ln.date_to for ln in claim.lines)
    cells = [
        (L["claim"], claim.icn),
        ("Submitted", _d(claim.signed)),
        ("Status", pick(rng, "Accepted", "Accepted by payer", "Forwarded to payer")),
        ("Service Dates", f"{_d(first)} - {_d(last)}"),
    ]
    x = M + 8
    for (label, value), share in zip(cells, (0.24, 0.17, 0.25, 0.34), strict=True):
        cw = (W - 2 * M) * share
        size = 10.0
        while pen.width(value, size, "b") > cw - 12:
            size -= 0.5
        pen.text(x, y - 13, label, 7, color=GREY)
        pen.text(x, y - 27, value, size, "b")
        x += cw
    exp["claim_number"] = claim.icn

    # four blocks
    pat, ins, pr, pay = claim.patient, claim.insured, claim.practice, claim.payer
    sex = pick(rng, pat.sex, "Male" if pat.sex == "M" else "Female")
    exp["patient_name"] = pat.listed_name()
    exp["insured_name"] = ins.listed_name()
    blocks = [
        (
            "Payer",
            [
                ("Name", pay.name),
                ("Address", pay.street),
                ("", pay.street2),
                ("", f"{pay.city}, {pay.state} {pay.zip}"),
                ("Payer ID", pay.payer_id),
                ("Plan", pay.plan),
            ],
        ),
        (
            L["patient"],
            [
                ("Name", pat.listed_name()),
                ("Date of Birth", _d(pat.dob)),
                ("Sex", sex),
                (L["member_id"], claim.member_id),
                ("Address", pat.street),
                ("", f"{pat.city}, {pat.state} {pat.zip}"),
            ],
        ),
        (
            L["insured"],
            [
                ("Name", ins.listed_name()),
                ("Relationship", RELATION[claim.relationship]),
                (L["group"], claim.group_number or ""),
                ("Plan", pay.plan),
            ],
        ),
        (
            "Billing Provider",
            [
                ("Name", pr.name),
                ("Address", f"{pr.street} {pr.suite}".strip()),
                ("", f"{pr.city}, {pr.state} {pr.zip}"),
                (L["npi"], pr.npi),
                (L["tax"], pr.tax_id),
                ("Rendering", pr.physician),
                (L["rnpi"], pr.physician_npi if pr.physician else ""),
            ],
        ),
    ]
    bw = (W - 2 * M - 14) / 2
    top = y - 50
    label_w = max(pen.width(lab, 7.5) for _, rows in blocks for lab, _ in rows) + 8
    heights = []
    for row in range(2):
        pair = blocks[2 * row : 2 * row + 2]
        n = max(len([r for r in rows if r[1]]) for _, rows in pair)
        h = 22 + n * 12.5
        heights.append(h)
        for col, (title, rows) in enumerate(pair):
            x = M + col * (bw + 14)
            pen.rect(x, top - h, bw, h, stroke=tint(color, 0.5), width=0.6)
            pen.rect(x, top - 15, bw, 15, fill=tint(color, 0.85))
            pen.text(x + 6, top - 11, title.upper(), 7.5, "b", color=color)
            yy = top - 28
            for label, value in rows:
                if not value:
                    continue
                if label:
                    pen.text(x + 6, yy, label, 7.5, color=GREY)
                pen.text(x + 6 + label_w, yy, value, 8.5)
                yy -= 12.5
        top -= h + 10

    # diagnoses
    y = top - 4
    pen.text(M, y, "Diagnosis Codes (ICD-10-CM)", 8, "b", color=color)
    x = M + pen.width("Diagnosis Codes (ICD-10-CM)", 8, "b") + 12
    for i, code in enumerate(claim.diagnoses):
        x += pen.text(x, y, f"{LETTERS[i]}.", 8, "b", color=GREY) + 3
        x += pen.text(x, y, code, 9) + 14
    y -= 14

    # service lines
    cols = [
        Col("n", "Ln", 20, "c"),
        Col("from", "DOS From", 58),
        Col("to", "DOS To", 58),
        Col("pos", "POS", 28, "c"),
        Col("code", pick(rng, "CPT/HCPCS", "Procedure", "CPT / HCPCS"), 62),
        Col("mods", "Modifiers", 64),
        Col("ptr", "Dx Ptr", 40, "c"),
        Col("units", "Units", 36, "r"),
        Col("charge", "Charge", 0, "r"),
    ]
    cols[-1].width = W - 2 * M - sum(col.width for col in cols[:-1])
    style = TableStyle(
        size=8.5,
        header_size=7.5,
        header_fill=tint(color, 0.85),
        header_color=color,
        grid="rows",
        line_color=(0.75, 0.75, 0.75),
        header_upper=True,
    )
    table = Table(pen, cols, style)
    y = table.draw_header(M, y)
    table_rows = [
        {
            "n": str(i),
            "from": _d(ln.date_from),
            "to": _d(ln.date_to),
            "pos": ln.pos,
            "code": ln.code,
            "mods": " ".join(ln.modifiers),
            "ptr": ln.pointer,
            "units": str(ln.units),
            "charge": _money(ln.charge, symbol),
        }
        for i, ln in enumerate(claim.lines, start=1)
    ]
    y = table.draw_rows(M, y, table_rows)

    # totals
    total, paid, balance = _totals(claim)
    y -= 12
    tx = W - M - 200
    pen.rect(tx, y - 52, 200, 52, stroke=tint(color, 0.5), width=0.6)
    for i, (label, amount, bold) in enumerate(
        [(L["total"], total, False), (L["paid"], paid, False), (L["balance"], balance, True)]
    ):
        yy = y - 14 - i * 15
        pen.text(tx + 8, yy, label, 8.5, "b" if bold else "r")
        pen.text(W - M - 8, yy, _money(amount, symbol), 9, "b" if bold else "r", "r")
    exp["total_charge"] = money_str(total)
    exp["amount_paid"] = money_str(paid)
    pen.text(
        M,
        36,
        f"Submitted electronically to {pay.name} (payer ID {pay.payer_id}). This summary is not a bill.",
        7,
        color=GREY,
    )
    pen.text(W - M, 36, "Page 1 of 1", 7, align="r", color=GREY)
    c.showPage()
    c.save()
    _common_fields(claim, exp)
    return ClaimExpected("claim-summary", exp, _lines(claim), list(claim.planted_errors))


# --- claim-detail-report ------------------------------------------------------------------------


def render_detail_report(
    claim: Claim, path: Path, rng: random.Random, printed: date
) -> ClaimExpected:
    exp: dict[str, Any] = {}
    W, H = letter
    M = 44.0
    fonts = _fonts(pick(rng, "courier", "dejavu-mono", "helvetica"))
    mono = fonts.key != "helvetica"
    size = 8.5 if mono else 9
    symbol = False
    pr, pay, pat, ins = claim.practice, claim.payer, claim.patient, claim.insured
    upper = rng.random() < 0.5
    L = {
        "claim": pick(rng, "ICN", "Claim No.", "Claim ID"),
        "patient": pick(rng, "Member", "Patient"),
        "member_id": pick(rng, "Member ID", "Policy #", "ID Number"),
        "insured": pick(rng, "Subscriber", "Insured"),
        "group": pick(rng, "Group No.", "Group #"),
        "npi": pick(rng, "Billing Provider NPI", "Billing NPI"),
        "rnpi": pick(rng, "Rendering NPI", "Rendering Provider NPI"),
        "tax": pick(rng, "Federal Tax ID", "TIN", "Tax ID") if pr.tax_kind == "EIN" else "SSN",
        "total": pick(rng, "Total Billed", "Total Charges", "Claim Total"),
        "paid": pick(rng, "Paid", "Amount Paid", "Payments"),
        "balance": pick(rng, "Balance", "Balance Due"),
    }
    c = _canvas(path, f"Claim detail report {claim.icn}", pr.name)
    pen = Pen(c, fonts, (0.08, 0.08, 0.08))

    def name(p: Person) -> str:
        text = p.natural_name()
        return text.upper() if upper else text

    y = H - 52
    pen.text(M, y, pr.name, 11, "b")
    pen.text(M, y - 13, f"{pr.street} {pr.suite}".strip(), 8)
    pen.text(M, y - 24, f"{pr.city}, {pr.state} {pr.zip}  ({pr.area}) {pr.phone}", 8)
    pen.text(W - M, y, "CLAIM DETAIL REPORT", 13, "b", "r")
    pen.text(W - M, y - 13, f"Run date: {_d(printed)}", 8, align="r")
    pen.text(W - M, y - 24, "Page 1 of 1", 8, align="r")
    y -= 36
    pen.hline(M, W - M, y, 1.0, (0.1, 0.1, 0.1))

    first = min(ln.date_from for ln in claim.lines)
    last = max(ln.date_to for ln in claim.lines)
    sex = pick(rng, pat.sex, "Male" if pat.sex == "M" else "Female")
    left = [
        (L["claim"], claim.icn),
        ("Payer", pay.name),
        ("Payer ID", pay.payer_id),
        ("Plan", pay.plan),
        (L["insured"], name(ins)),
        ("Relationship", RELATION[claim.relationship]),
        (L["group"], claim.group_number or ""),
    ]
    right = [
        (L["patient"], name(pat)),
        ("Date of Birth", _d(pat.dob)),
        ("Sex", sex),
        (L["member_id"], claim.member_id),
        ("Dates of Service", f"{_d(first)} - {_d(last)}"),
    ]
    provider = [
        ("Billing Provider", pr.name),
        (L["npi"], pr.npi),
        (L["tax"], pr.tax_id),
        ("Rendering Provider", pr.physician),
        (L["rnpi"], pr.physician_npi if pr.physician else ""),
    ]
    exp["claim_number"] = claim.icn
    exp["patient_name"] = name(pat)
    exp["insured_name"] = name(ins)

    def kv(x: float, y: float, rows: list[tuple[str, str]], lw: float) -> float:
        for label, value in rows:
            if not value:
                continue
            lead = label + ":" if not mono else label + " "
            while mono and pen.width(lead + ".", size) < lw - 6:
                lead += "."  # dot leaders up to the value column
            pen.text(x, y, lead, size, color=(0.35, 0.35, 0.35))
            pen.text(x + lw, y, value, size)
            y -= size + 5
        return y

    col_w = (W - 2 * M) / 2
    y -= 18
    yl = kv(M, y, left, 100)
    yr = kv(M + col_w + 6, y, right, 100)
    y = min(yl, yr) - 6
    pen.hline(M, W - M, y + 4, 0.5, GREY)
    y -= 10
    pen.text(M, y, "PROVIDER", size, "b")
    y = kv(M, y - size - 6, provider, 132) - 4
    pen.hline(M, W - M, y + 4, 0.5, GREY)
    y -= 12
    pen.text(M, y, "DIAGNOSES (ICD-10)", size, "b")
    dx = "   ".join(f"{LETTERS[i]}: {code}" for i, code in enumerate(claim.diagnoses))
    pen.text(M + 130, y, dx, size)
    y -= 20

    cols = [
        Col("n", "Ln", 22),
        Col("date", "Svc Date", 72),
        Col("pos", "POS", 32),
        Col("code", pick(rng, "Proc", "Proc Code", "CPT"), 60),
        Col("mods", "Mod", 70),
        Col("ptr", "Ptr", 40),
        Col("units", "Qty", 36, "r"),
        Col("charge", "Billed", 0, "r"),
    ]
    cols[-1].width = W - 2 * M - sum(col.width for col in cols[:-1])
    style = TableStyle(
        size=size,
        header_size=size,
        grid="header",
        line_color=(0.2, 0.2, 0.2),
        pad_y=3.0,
        header_fill=None if mono else LIGHT,
    )
    table = Table(pen, cols, style)
    y = table.draw_header(M, y)
    rows = [
        {
            "n": f"{i:02d}",
            "date": _d(ln.date_from),
            "pos": ln.pos,
            "code": ln.code,
            "mods": " ".join(ln.modifiers),
            "ptr": ln.pointer,
            "units": str(ln.units),
            "charge": _money(ln.charge, symbol),
        }
        for i, ln in enumerate(claim.lines, start=1)
    ]
    y = table.draw_rows(M, y, rows)
    total, paid, balance = _totals(claim)
    y -= 16
    for label, value in [(L["total"], total), (L["paid"], paid), (L["balance"], balance)]:
        pen.text(W - M - 150, y, label, size, "b")
        pen.text(W - M - 4, y, _money(value, symbol), size, "b", "r")
        y -= size + 6
    exp["total_charge"] = money_str(total)
    exp["amount_paid"] = money_str(paid)
    pen.text(W / 2, 40, "*** END OF REPORT ***", 7.5, align="c", color=GREY)
    c.showPage()
    c.save()
    _common_fields(claim, exp)
    return ClaimExpected("claim-detail-report", exp, _lines(claim), list(claim.planted_errors))
