"""UK minimal invoice: whitespace-aligned unruled table, GBP, '7 March 2024' dates, VAT Reg. No."""

from __future__ import annotations

import random
from pathlib import Path

from reportlab.lib.pagesizes import A4

from ..formatting import EN, fmt_date
from ..model import Expected, Invoice
from .base import (
    DARK,
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
    tint,
)
from .common import money_format, pct, pick, stamp

LAYOUT = "uk-minimal"


def gb_vat_print(vat: str) -> str:
    d = vat[2:]
    return f"GB {d[:3]} {d[3:7]} {d[7:]}"


def render(inv: Invoice, path: Path, srng: random.Random) -> Expected:
    exp = Expected(layout=LAYOUT, language="en", planted_errors=list(inv.planted_errors))
    rec = Rec(exp)
    W, H = A4
    M = 56.0
    fonts = FONTSETS[
        pick(srng, "liberation-sans", "dejavu", "helvetica", "liberation-narrow", "dejavu-serif")
    ]
    money = money_format(inv, srng)
    dstyle = pick(srng, "uk_long", "uk_long", "uk_abbr", "uk_ord")
    v, cu = inv.vendor, inv.customer
    assert v.brand is not None and v.bank is not None and v.tax_id is not None
    brand = v.brand.color if srng.random() < 0.6 else DARK
    soft = (0.5, 0.5, 0.5)
    c = new_canvas(path, A4, f"Invoice {inv.number}" if inv.number else "Invoice", v.name)
    pen = Pen(c, fonts, color=(0.12, 0.12, 0.12))

    # --- header --------------------------------------------------------------------------------------
    top = H - 64
    x = M
    if srng.random() < 0.5:
        draw_logo(
            pen, v.brand.logo, M, top - 10, 30, v.brand.color, v.brand.accent, initials_of(v.name)
        )
        x = M + 40
    pen.text(x, top, v.name, 15, "b", color=brand)
    rec.text("vendor_name", v.name)
    addr_inline = srng.random() < 0.5
    if addr_inline:
        pen.text(x, top - 16, ", ".join(v.address), 8.5, color=soft)
        ay = top - 28
    else:
        ay = pen.lines(x, top - 16, v.address, 8.5, 11, color=soft)
    rec.text("vendor_address", v.address)
    pen.text(x, ay, f"{v.phone}  ·  {v.email}", 8.5, color=soft)
    pen.text(
        W - M,
        top - 2,
        pick(srng, "INVOICE", "Invoice", "TAX INVOICE"),
        22,
        "r",
        "r",
        (0.55, 0.55, 0.55),
        spacing=3 if srng.random() < 0.5 else 0,
    )

    # --- bill to & meta ------------------------------------------------------------------------------
    y = min(ay, top - 60) - 44
    pen.text(M, y, pick(srng, "Invoice to", "Billed to", "Bill to", "FOR"), 8.5, "b", color=soft)
    yy = pen.lines(M, y - 15, [cu.name, *cu.address], 9.5, 12.5, first_style="b")
    rec.text("customer_name", cu.name)
    rec.text("customer_address", cu.address)
    meta: list[tuple[str, str]] = []
    if inv.number:
        meta.append((pick(srng, "Invoice No.", "Invoice number", "Invoice no:"), inv.number))
        rec.text("invoice_number", inv.number)
    meta.append(
        (pick(srng, "Date", "Invoice date", "Tax point / date"), fmt_date(inv.issue_date, dstyle))
    )
    rec.date("invoice_date", inv.issue_date)
    if inv.due_date:
        meta.append((pick(srng, "Due date", "Payment due", "Due"), fmt_date(inv.due_date, dstyle)))
        rec.date("due_date", inv.due_date)
    if inv.purchase_order:
        meta.append((pick(srng, "Your ref", "PO number", "Order ref."), inv.purchase_order))
        rec.text("purchase_order", inv.purchase_order)
    if inv.customer_number and srng.random() < 0.5:
        meta.append(("Account", inv.customer_number))
    my = y
    lx = (
        W
        - M
        - max(pen.width(val, 9) for _, val in meta)
        - max(pen.width(k, 9) for k, _ in meta)
        - 16
    )
    for k, val in meta:
        pen.text(lx, my, k, 9, color=soft)
        pen.text(W - M, my, val, 9, "r", "r")
        my -= 14
    y = min(yy, my) - 30

    # --- unruled table -----------------------------------------------------------------------------------
    zebra = srng.random() < 0.5
    cols = [
        Col("desc", pick(srng, "Description", "Item", "Details"), 0, wrap=True),
        Col("qty", pick(srng, "Qty", "Quantity", "Units"), 56, "r"),
        Col("price", pick(srng, "Unit price", "Price", "Rate"), 80, "r"),
        Col("amount", pick(srng, "Amount", "Total", "Net"), 86, "r"),
    ]
    fit_columns(cols, W - 2 * M, pen, 8.5, upper=True)
    st = TableStyle(
        size=9.2,
        header_size=7.8,
        header_style="b",
        header_color=soft,
        header_upper=True,
        grid="none",
        zebra=tint(v.brand.color, 0.94) if zebra else None,
        pad_y=6 if zebra else 5.5,
        pad_x=6,
        bottom_rule=False,
    )
    table = Table(pen, cols, st)
    rows = []
    for li in inv.items:
        rows.append(
            {
                "desc": li.description,
                "qty": EN.quantity(li.quantity),
                "price": money(li.unit_price),
                "amount": money(li.amount),
            }
        )
        rec.item(li, False)
    y = table.draw_header(M, y) - 2
    y = table.draw_rows(M, y, rows)
    if y < 300:
        raise Overflow(path.name)

    # --- totals -------------------------------------------------------------------------------------
    y -= 26
    tx = W - M - 200
    vat_lab = pick(srng, "VAT @ {p}", "VAT ({p})", "VAT {p}", "Plus VAT at {p}").format(
        p=pct(inv.tax_rate, "en")
    )
    tl = [
        (pick(srng, "Subtotal", "Net total", "Total net"), inv.subtotal),
        (vat_lab, inv.tax_amount),
        (pick(srng, "Total", "Total (GBP)", "Gross total"), inv.total),
    ]
    rec.money("subtotal", inv.subtotal)
    rec.money("tax_amount", inv.tax_amount)
    rec.money("total_amount", inv.total)
    for lab, amount in tl:
        pen.text(tx, y, lab, 9.5, color=soft)
        pen.text(W - M - 6, y, money(amount), 9.5, align="r")
        y -= 16
    due_lab = pick(srng, "Amount Due", "Balance due", "Amount due", "Total due")
    y -= 8
    pen.text(tx, y, due_lab, 12, "b", color=brand)
    pen.text(W - M - 6, y, money(inv.amount_due), 15, "b", "r", brand)
    rec.money("amount_due", inv.amount_due)
    y -= 40

    # --- payment details ------------------------------------------------------------------------------
    pen.text(M, y, "Payment details", 9, "b")
    y -= 14
    b = v.bank
    use_iban = srng.random() < 0.3 or b.account is None
    lines = [f"Bank: {b.bank_name}"]
    if use_iban and b.iban:
        lines += [f"IBAN: {b.iban[:4]} {b.iban[4:8]} {b.iban[8:14]} {b.iban[14:]}", f"BIC: {b.bic}"]
        rec.ident("bank_account", b.iban)
    else:
        lines += [f"Sort code: {b.sort_code}", f"Account no.: {b.account}"]
        rec.ident("bank_account", b.account or "")
    if inv.number:
        lines.append(f"Reference: {inv.number}")
    y = pen.lines(M, y, lines, 9, 12.5)
    terms = inv.extra.get("terms")
    if terms:
        y -= 6
        pen.text(M, y, f"Payment terms: {terms}", 9)
        rec.text("payment_terms", terms)
        y -= 14
    if srng.random() < 0.6:
        pen.text(
            M,
            y - 10,
            pick(srng, "Thank you for your business.", "Many thanks!", "With thanks,"),
            9.5,
            "i",
            color=soft,
        )

    # --- footer -------------------------------------------------------------------------------------------
    assert v.registration is not None
    reg_no = v.registration.split()[-1]
    foot = (
        f"{v.name} · Registered in England and Wales No. {reg_no} · "
        f"VAT Reg. No. {gb_vat_print(v.tax_id) if srng.random() < 0.6 else v.tax_id}"
    )
    rec.ident("vendor_tax_id", v.tax_id)
    size = 7.5
    while pen.width(foot, size) > W - 2 * M:
        size -= 0.25
    pen.text(W / 2, 40, foot, size, "r", "c", soft)
    pen.text(
        W / 2, 30, f"Registered office: {', '.join(v.address)}", min(size, 7.5), "r", "c", soft
    )
    if inv.copy_label:
        stamp(pen, inv.copy_label, W / 2, H - 140, angle=6)
    rec.text("currency", inv.currency)
    c.showPage()
    c.save()
    return exp
