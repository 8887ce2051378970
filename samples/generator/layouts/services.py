"""Consulting / professional services bill: ISO dates, hours x rate, wrapped descriptions, Grand Total."""

from __future__ import annotations

import random
from datetime import timedelta
from pathlib import Path

from reportlab.lib.pagesizes import A4, letter

from ..formatting import EN, fmt_date, group4
from ..model import Expected, Invoice
from .base import (
    FONTSETS,
    GREY,
    Col,
    Overflow,
    Pen,
    Rec,
    Table,
    TableStyle,
    draw_logo,
    fit_columns,
    initials_of,
    new_canvas,
    tint,
)
from .common import money_format, pct, pick, stamp

LAYOUT = "services"
PROJECTS = [
    "Data platform modernisation",
    "Customer portal – phase 2",
    "Finance systems integration",
    "Retainer: technical advisory",
    "Partner extranet SSO",
    "Q1 product discovery",
    "ERP migration support",
]


def render(inv: Invoice, path: Path, srng: random.Random) -> Expected:
    exp = Expected(layout=LAYOUT, language="en", planted_errors=list(inv.planted_errors))
    rec = Rec(exp)
    pagesize = letter if inv.country == "US" else A4
    W, H = pagesize
    M = 54.0
    fonts = FONTSETS[
        pick(srng, "times", "liberation-serif", "dejavu-serif", "liberation-sans", "helvetica")
    ]
    money = money_format(inv, srng)
    v, cu = inv.vendor, inv.customer
    assert v.brand is not None and v.bank is not None
    brand = v.brand.color
    num_label = pick(srng, "Bill Number", "Document No", "Bill No.", "Invoice Number")
    c = new_canvas(path, pagesize, f"{num_label} {inv.number}" if inv.number else "Invoice", v.name)
    pen = Pen(c, fonts, color=(0.1, 0.1, 0.12))

    # --- masthead ------------------------------------------------------------------------------------------
    y = H - 66
    if srng.random() < 0.5:
        draw_logo(pen, v.brand.logo, M, y - 8, 34, brand, v.brand.accent, initials_of(v.name))
        nx = M + 46
    else:
        nx = M
    pen.text(nx, y + 6, v.name, 18, "b", color=brand)
    rec.text("vendor_name", v.name)
    pen.text(
        nx,
        y - 10,
        pick(
            srng,
            "Management & Technology Consulting",
            "Independent advisors",
            "Software & Data",
            "Strategy · Delivery · Training",
        ),
        9,
        "i",
        color=GREY,
    )
    title = pick(srng, "INVOICE", "Bill", "Invoice", "FEE NOTE")
    pen.text(W - M, y + 4, title, 22, "r", "r", brand, spacing=1.5)
    pen.hline(M, W - M, y - 24, 0.8, brand)

    # vendor address (left) / document block (right)
    y -= 46
    yy = pen.lines(M, y, v.address, 9, 11.5)
    rec.text("vendor_address", v.address)
    yy = pen.lines(M, yy, [v.email or "", v.phone or ""], 9, 11.5, color=GREY)
    tax_kw = {"US": "Tax ID", "IE": "VAT No.", "GB": "VAT Reg. No.", "NL": "VAT no."}.get(
        inv.country, "VAT"
    )
    if v.tax_id and (inv.country != "US" or srng.random() < 0.5):
        pen.text(M, yy, f"{tax_kw} {v.tax_id}", 9)
        rec.ident("vendor_tax_id", v.tax_id)
        yy -= 11.5
    doc: list[tuple[str, str]] = []
    if inv.number:
        doc.append((num_label, inv.number))
        rec.text("invoice_number", inv.number)
    doc.append((pick(srng, "Date", "Issue Date", "Bill Date"), fmt_date(inv.issue_date, "iso")))
    rec.date("invoice_date", inv.issue_date)
    if inv.due_date:
        doc.append((pick(srng, "Due Date", "Payment Due"), fmt_date(inv.due_date, "iso")))
        rec.date("due_date", inv.due_date)
    if inv.purchase_order:
        doc.append((pick(srng, "PO / SOW", "Purchase Order", "Client Ref."), inv.purchase_order))
        rec.text("purchase_order", inv.purchase_order)
    dy = y
    lab_x = W - M - 190
    for k, val in doc:
        pen.text(lab_x, dy, k, 9, "b")
        pen.text(W - M, dy, val, 9, "r", "r")
        dy -= 13

    # client
    y = min(yy, dy) - 20
    pen.text(M, y, pick(srng, "Client", "Bill To", "Billed To"), 9, "b", color=brand)
    yy = pen.lines(M, y - 14, [cu.name, *cu.address], 9.5, 12, first_style="b")
    rec.text("customer_name", cu.name)
    rec.text("customer_address", cu.address)
    if cu.tax_id:
        pen.text(M, yy, f"VAT ID: {cu.tax_id}", 9, color=GREY)
        yy -= 12
    start = min(li.service_date for li in inv.items if li.service_date)
    end = max(li.service_date for li in inv.items if li.service_date) + timedelta(
        days=srng.randint(0, 3)
    )
    px = W / 2 + 20
    pen.text(px, y, "Engagement", 9, "b", color=brand)
    pen.text(px, y - 14, pick(srng, *PROJECTS), 9.5)
    pen.text(px, y - 27, f"Period: {fmt_date(start, 'iso')} – {fmt_date(end, 'iso')}", 9.5)
    y = yy - 22

    # --- time entries -----------------------------------------------------------------------------------------
    cols = [
        Col("date", "Date", 66),
        Col("desc", pick(srng, "Description", "Services", "Work performed"), 0, wrap=True),
        Col("qty", pick(srng, "Hours", "Hrs", "Hours"), 44, "r"),
        Col("rate", pick(srng, "Rate", "Hourly Rate"), 66, "r"),
        Col("amount", "Amount", 76, "r"),
    ]
    fit_columns(cols, W - 2 * M, pen, 9)
    st = TableStyle(
        size=9,
        grid=pick(srng, "rows", "header", "box"),
        header_fill=tint(brand, 0.88),
        pad_y=5,
        line_color=(0.75, 0.75, 0.75),
    )
    table = Table(pen, cols, st)
    rows = []
    for li in inv.items:
        assert li.service_date is not None
        rows.append(
            {
                "date": fmt_date(li.service_date, "iso"),
                "desc": li.description,
                "qty": EN.quantity(li.quantity),
                "rate": money(li.unit_price, symbol=False),
                "amount": money(li.amount, symbol=False),
            }
        )
        rec.item(li, False)
    y = table.draw_header(M, y)
    y = table.draw_rows(M, y, rows)
    if y < 270:
        raise Overflow(path.name)

    # --- totals ---------------------------------------------------------------------------------------------------
    y -= 18
    tx = W - M - 220
    tl: list[tuple[str, str, bool]] = []
    has_tax = inv.tax_rate > 0 or inv.reverse_charge
    if has_tax or srng.random() < 0.5:
        tl.append(("Subtotal", money(inv.subtotal), False))
        rec.money("subtotal", inv.subtotal)
    if inv.reverse_charge:
        tl.append(("VAT 0% (reverse charge)", money(inv.tax_amount), False))
        rec.money("tax_amount", inv.tax_amount)
    elif inv.tax_rate > 0:
        tl.append((f"VAT {pct(inv.tax_rate, 'en')}", money(inv.tax_amount), False))
        rec.money("tax_amount", inv.tax_amount)
    tl.append(("Grand Total", money(inv.total), True))
    rec.money("total_amount", inv.total)
    if inv.show_amount_due:
        tl.append((pick(srng, "Amount Due", "Balance Due"), money(inv.amount_due), True))
        rec.money("amount_due", inv.amount_due)
    for lab, val, bold in tl:
        if lab == "Grand Total":
            pen.hline(tx, W - M, y + 12, 0.8, brand)
        pen.text(tx, y, lab, 10 if bold else 9.5, "b" if bold else "r")
        pen.text(W - M - 4, y, val, 10 if bold else 9.5, "b" if bold else "r", "r")
        y -= 16
    pen.text(tx, y - 2, f"All amounts in {inv.currency}", 8, "i", color=GREY)
    y -= 30

    # --- notes & remittance ---------------------------------------------------------------------------------------
    notes = []
    if inv.reverse_charge:
        notes.append(
            "Reverse charge: VAT to be accounted for by the recipient pursuant to Article 196 of "
            "Council Directive 2006/112/EC."
        )
    elif inv.tax_rate == 0 and inv.country == "US":
        notes.append("Professional services are not subject to sales tax.")
    terms = inv.extra.get("terms")
    if terms:
        notes.append(f"Payment terms: {terms}")
        notes.append(f"Please quote the {num_label.lower()} with your payment.")
        rec.text("payment_terms", terms)
    for n in notes:
        y = pen.lines(M, y, pen.wrap(n, W - 2 * M, 9), 9, 11.5) - 3
    y -= 8
    pen.text(M, y, "Remittance details", 9, "b", color=brand)
    y -= 13
    b = v.bank
    if b.iban:
        lines = [
            f"Account name: {v.name}",
            f"Bank: {b.bank_name}",
            f"IBAN: {group4(b.iban)}",
            f"BIC/SWIFT: {b.bic}",
        ]
        rec.ident("bank_account", b.iban)
    else:
        lines = [
            f"Account name: {v.name}",
            f"Bank: {b.bank_name}",
            f"ABA routing: {b.routing}",
            f"Account number: {b.account}",
        ]
        rec.ident("bank_account", b.account or "")
    y = pen.lines(M, y, lines, 9, 11.5)
    if y < 70:
        raise Overflow(path.name)

    foot = f"{v.name}" + (f" · {v.registration}" if v.registration else "") + f" · {v.website}"
    pen.text(W / 2, 36, foot, 7.5, "r", "c", GREY)
    if inv.copy_label:
        stamp(pen, inv.copy_label, W - 150, H - 170)
    rec.text("currency", inv.currency)
    c.showPage()
    c.save()
    return exp
