"""Modern SaaS invoice (Stripe-like): big amount-due line, clean table, per-seat subscription lines."""

from __future__ import annotations

import random
from pathlib import Path

from reportlab.lib.pagesizes import A4, letter

from ..formatting import EN, fmt_date
from ..model import Expected, Invoice
from .base import (
    FONTSETS,
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
)
from .common import money_format, pct, pick, stamp

LAYOUT = "saas-modern"
SOFT = (0.42, 0.45, 0.5)


def render(inv: Invoice, path: Path, srng: random.Random) -> Expected:
    exp = Expected(layout=LAYOUT, language="en", planted_errors=list(inv.planted_errors))
    rec = Rec(exp)
    pagesize = letter if inv.country == "US" else A4
    W, H = pagesize
    M = 50.0
    fonts = FONTSETS[pick(srng, "helvetica", "dejavu", "liberation-sans", "dejavu-cond")]
    money = money_format(inv, srng)
    dstyle = (
        pick(srng, "us_long", "us_abbr")
        if inv.country == "US"
        else pick(srng, "uk_long", "us_long")
    )
    v, cu = inv.vendor, inv.customer
    assert v.brand is not None
    brand = v.brand.color
    c = new_canvas(path, pagesize, f"Invoice {inv.number}" if inv.number else "Invoice", v.name)
    pen = Pen(c, fonts, color=(0.1, 0.11, 0.14))

    # --- title & logo ------------------------------------------------------------------------------------
    pen.text(M, H - 70, "Invoice", 24, "b")
    draw_logo(pen, v.brand.logo, W - M - 34, H - 82, 34, brand, v.brand.accent, initials_of(v.name))
    pen.text(W - M - 42, H - 68, v.brand.short_name, 13, "b", "r", brand)

    meta: list[tuple[str, str]] = []
    if inv.number:
        meta.append(("Invoice number", inv.number))
        rec.text("invoice_number", inv.number)
    meta.append(("Date of issue", fmt_date(inv.issue_date, dstyle)))
    rec.date("invoice_date", inv.issue_date)
    if inv.due_date:
        meta.append(("Date due", fmt_date(inv.due_date, dstyle)))
        rec.date("due_date", inv.due_date)
    y = H - 100
    for k, val in meta:
        pen.text(M, y, k, 9, color=SOFT)
        pen.text(M + 95, y, val, 9)
        y -= 13

    # --- from / bill to ----------------------------------------------------------------------------------
    y -= 18
    col2 = M + (W - 2 * M) / 2.6
    vy = pen.lines(M, y, [v.name, *v.address, v.email or ""], 9, 12, first_style="b")
    rec.text("vendor_name", v.name)
    rec.text("vendor_address", v.address)
    if v.tax_id:
        label = {"US": "EIN", "GB": "GB VAT", "IE": "IE VAT", "NL": "NL VAT"}.get(
            inv.country, "VAT"
        )
        pen.text(M, vy, f"{label} {v.tax_id}", 9)
        rec.ident("vendor_tax_id", v.tax_id)
        vy -= 12
    pen.text(col2, y, "Bill to", 9, "b")
    by = pen.lines(col2, y - 12, [cu.name, *cu.address], 9, 12)
    rec.text("customer_name", cu.name)
    rec.text("customer_address", cu.address)
    if srng.random() < 0.6:
        pen.text(
            col2,
            by,
            f"{pick(srng, 'billing', 'finance', 'ap')}@{cu.name.split()[0].lower()}.example",
            9,
        )
        by -= 12
    y = min(vy, by) - 26

    # --- headline ------------------------------------------------------------------------------------------
    headline_amt = inv.amount_due
    if inv.due_date:
        head = f"{money(headline_amt)} {inv.currency} due {fmt_date(inv.due_date, dstyle)}"
    else:
        head = f"{money(headline_amt)} {inv.currency} due on receipt"
    pen.text(M, y, head, 15, "b")
    y -= 16
    pen.text(M, y, "Pay online", 9.5, color=brand)
    pen.hline(M, M + pen.width("Pay online", 9.5), y - 1.5, 0.5, brand)
    y -= 16
    if srng.random() < 0.5:
        pen.text(
            M,
            y,
            pick(
                srng,
                "Thanks for your business!",
                "Questions? Reply to this email or visit our help centre.",
            ),
            9,
            color=SOFT,
        )
        y -= 14
    y -= 14

    # --- lines ---------------------------------------------------------------------------------------------
    cols = [
        Col("desc", "Description", 0, wrap=True),
        Col("qty", "Qty", 44, "r"),
        Col("price", "Unit price", 86, "r"),
    ]
    if inv.tax_rate and srng.random() < 0.5:
        cols.append(Col("tax", "Tax", 50, "r"))
    cols.append(Col("amount", "Amount", 86, "r"))
    fit_columns(cols, W - 2 * M, pen, 8.5)
    st = TableStyle(
        size=9,
        header_size=8.3,
        header_style="r",
        header_color=SOFT,
        grid="rows",
        pad_y=6,
        pad_x=0,
        line_color=(0.88, 0.88, 0.9),
        header_rule=(0.7, 0.7, 0.72),
        header_rule_width=0.6,
    )
    table = Table(pen, cols, st)
    rows = []
    for li in inv.items:
        rows.append(
            {
                "desc": li.description,
                "qty": EN.quantity(li.quantity),
                "price": money(li.unit_price),
                "tax": pct(inv.tax_rate, "en"),
                "amount": money(li.amount),
            }
        )
        rec.item(li, False)
    y = table.draw_header(M, y)
    y = table.draw_rows(M, y, rows)
    if y < 250:
        raise Overflow(path.name)

    # --- totals ------------------------------------------------------------------------------------------------
    y -= 10
    tx = W / 2 + 10
    tl: list[tuple[str, str, bool]] = [("Subtotal", money(inv.subtotal), False)]
    rec.money("subtotal", inv.subtotal)
    if inv.tax_rate:
        lab = (
            f"Sales tax ({pct(inv.tax_rate, 'en')})"
            if inv.country == "US"
            else f"VAT ({pct(inv.tax_rate, 'en')} on {money(inv.subtotal)})"
        )
        tl.append((lab, money(inv.tax_amount), False))
        rec.money("tax_amount", inv.tax_amount)
    tl.append(("Total", money(inv.total), False))
    rec.money("total_amount", inv.total)
    if inv.paid:
        tl.append(("Applied balance", money(-inv.paid), False))
    tl.append(("Amount due", money(inv.amount_due), True))
    rec.money("amount_due", inv.amount_due)
    for lab, val, bold in tl:
        pen.hline(tx, W - M, y, 0.5, (0.88, 0.88, 0.9))
        y -= 14
        pen.text(tx, y, lab, 9, "b" if bold else "r")
        pen.text(W - M, y, val, 9, "b" if bold else "r", "r")
        y -= 6
    terms = inv.extra.get("terms")
    if terms and srng.random() < 0.6:
        y -= 24
        pen.text(M, y, f"Payment terms: {terms}", 9, color=SOFT)
        rec.text("payment_terms", terms)

    # --- footer --------------------------------------------------------------------------------------------------
    foot = (
        f"{inv.number + ' · ' if inv.number else ''}{money(headline_amt)} {inv.currency} "
        f"due {fmt_date(inv.due_date, dstyle) if inv.due_date else 'on receipt'}"
    )
    pen.hline(M, W - M, 52, 0.5, (0.88, 0.88, 0.9))
    pen.text(M, 38, foot, 8, color=SOFT)
    pen.text(W - M, 38, "Page 1 of 1", 8, "r", "r", SOFT)
    if inv.copy_label:
        stamp(pen, inv.copy_label, W / 2 + 60, H - 80, angle=-6)
    rec.text("currency", inv.currency)
    c.showPage()
    c.save()
    return exp
