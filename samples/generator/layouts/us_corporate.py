"""US corporate invoice: Letter, USD, MM/DD/YYYY, Bill To / Ship To, ruled grid table."""

from __future__ import annotations

import random
from pathlib import Path

from reportlab.lib.pagesizes import letter

from ..formatting import fmt_date
from ..model import Expected, Invoice
from .base import (
    FONTSETS,
    GREY,
    LIGHT,
    WHITE,
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

LAYOUT = "us-corporate"


def render(inv: Invoice, path: Path, srng: random.Random) -> Expected:
    exp = Expected(
        layout=LAYOUT,
        language="en",
        document_type=inv.document_type,
        planted_errors=list(inv.planted_errors),
    )
    rec = Rec(exp)
    W, H = letter
    M = 40.0
    fonts = FONTSETS[
        pick(
            srng,
            "helvetica",
            "liberation-sans",
            "dejavu",
            "times",
            "liberation-serif",
            "dejavu-cond",
        )
    ]
    header = pick(srng, "bar", "logo-left", "letterhead")
    info_grid = srng.random() < 0.5
    dstyle = pick(srng, "us_slash", "us_slash", "us_short", "us_long")
    money = money_format(inv, srng)
    v, cu = inv.vendor, inv.customer
    assert v.brand is not None
    brand, accent = v.brand.color, v.brand.accent
    L = {
        "title": pick(srng, "INVOICE", "Invoice", "INVOICE"),
        "no": pick(srng, "Invoice #", "Invoice No.", "Invoice Number", "INVOICE NO.", "Inv #"),
        "date": pick(srng, "Date", "Invoice Date", "DATE"),
        "bill": pick(srng, "Bill To", "BILL TO", "Sold To", "Invoice To"),
        "ship": pick(srng, "Ship To", "SHIP TO", "Deliver To"),
        "po": pick(srng, "P.O. Number", "PO #", "Customer PO", "P.O. No."),
        "terms": pick(srng, "Terms", "Payment Terms"),
        "due": pick(srng, "Due Date", "Due", "Payment Due"),
        "sub": pick(srng, "Subtotal", "Sub Total", "SUBTOTAL", "Merchandise Total"),
        "tax": pick(srng, "Sales Tax ({p})", "Tax ({p})", "Sales Tax {p}", "Tax @ {p}"),
        "total": pick(srng, "Total", "TOTAL", "Invoice Total", "Total Invoice"),
        "paid": pick(srng, "Payments/Credits", "Less Deposit", "Amount Paid"),
        "due_amt": pick(srng, "Balance Due", "Amount Due", "Total Due", "BALANCE DUE"),
    }
    c = new_canvas(path, letter, f"Invoice {inv.number}" if inv.number else "Invoice", v.name)
    pen = Pen(c, fonts)
    addr = v.address
    rec.text("vendor_name", v.name)
    rec.text("vendor_address", addr)

    # --- header ---------------------------------------------------------------
    if header == "bar":
        bar_h = 84.0
        pen.rect(0, H - bar_h, W, bar_h, fill=brand)
        pen.text(M, H - 36, v.name, 17, "b", color=WHITE)
        pen.text(M, H - 52, "  ·  ".join(addr), 8.5, color=tint(brand, 0.75))
        pen.text(M, H - 65, f"{v.phone}  ·  {v.email}", 8.5, color=tint(brand, 0.75))
        pen.text(W - M, H - 44, L["title"], 26, "b", "r", WHITE, spacing=1.5)
        y = H - bar_h - 28
    elif header == "logo-left":
        draw_logo(pen, v.brand.logo, M, H - 82, 44, brand, accent, initials_of(v.name))
        pen.text(M + 56, H - 52, v.name, 15, "b", color=brand)
        yy = pen.lines(M + 56, H - 66, addr, 8.5, 10.5, color=GREY)
        pen.text(M + 56, yy, f"Phone {v.phone}", 8.5, color=GREY)
        pen.text(M + 56, yy - 10.5, v.website or "", 8.5, color=GREY)
        pen.text(W - M, H - 62, L["title"], 30, "b", "r", (0.62, 0.62, 0.62), spacing=2)
        y = H - 140
    else:
        pen.text(W / 2, H - 52, v.name, 20, "b", "c", brand)
        pen.text(W / 2, H - 67, "  |  ".join(addr), 8.5, "r", "c", GREY)
        pen.text(W / 2, H - 79, f"Tel {v.phone}  |  {v.email}  |  {v.website}", 8.5, "r", "c", GREY)
        pen.hline(M, W - M, H - 88, 1.5, brand)
        pen.text(M, H - 118, L["title"], 20, "b", color=brand)
        y = H - 130

    # --- info block (right) and bill/ship (left) -------------------------------
    info: list[tuple[str, str]] = []
    if inv.number:
        info.append((L["no"], inv.number))
        rec.text("invoice_number", inv.number)
    info.append((L["date"], fmt_date(inv.issue_date, dstyle)))
    rec.date("invoice_date", inv.issue_date)
    lower: list[tuple[str, str]] = []
    if inv.customer_number and srng.random() < 0.5:
        lower.append(("Customer ID" if srng.random() < 0.5 else "Account No.", inv.customer_number))
    if inv.purchase_order:
        lower.append((L["po"], inv.purchase_order))
        rec.text("purchase_order", inv.purchase_order)
    terms = inv.extra.get("terms")
    if terms:
        lower.append((L["terms"], terms))
        rec.text("payment_terms", terms)
    if inv.due_date:
        lower.append((L["due"], fmt_date(inv.due_date, dstyle)))
        rec.date("due_date", inv.due_date)
    if srng.random() < 0.5:
        lower.append(
            (
                "Ship Via",
                pick(srng, "UPS Ground", "FedEx Ground", "Best Way", "Will Call", "USPS Priority"),
            )
        )
    if srng.random() < 0.4:
        lower.append(("Sales Rep", pick(srng, "JM", "K. Olsen", "DR", "House", "T. Brennan")))

    if info_grid:
        # QuickBooks-style boxes: DATE | INVOICE # at the top right
        bw = 96.0
        x0 = W - M - bw * len(info)
        for i, (lab, val) in enumerate(info):
            x = x0 + i * bw
            pen.rect(x, y - 16, bw, 16, fill=tint(brand, 0.85), stroke=GREY)
            pen.rect(x, y - 34, bw, 18, stroke=GREY)
            pen.text(x + bw / 2, y - 11.5, lab.upper(), 7.5, "b", "c")
            pen.text(x + bw / 2, y - 29, val, 9, "r", "c")
        top_right_bottom = y - 34
    else:
        yy = y - 4
        keep = len(lower) if len(lower) <= 4 else 2
        for lab, val in info + lower[:keep]:
            pen.text(W - M - 110, yy, lab + ":", 9, "b", "r")
            pen.text(W - M, yy, val, 9, "r", "r")
            yy -= 13
        lower = lower[keep:]
        top_right_bottom = yy

    # bill to / ship to
    if info_grid:
        by = min(y - 50, top_right_bottom - 14)
    else:
        by = y - 4 if not inv.ship_to else top_right_bottom - 4
    bw2 = 200.0
    blocks = [(L["bill"], cu)]
    if inv.ship_to:
        blocks.append((L["ship"], inv.ship_to))
    boxed = srng.random() < 0.5
    bottom = by
    for i, (lab, party) in enumerate(blocks):
        x = M + i * (bw2 + 16)
        if boxed:
            pen.rect(x, by - 14, bw2, 14, fill=brand)
            pen.text(x + 6, by - 10, lab, 8.5, "b", color=WHITE)
        else:
            pen.text(x, by - 10, lab.upper() if not lab.isupper() else lab, 8.5, "b", color=brand)
            pen.hline(x, x + bw2, by - 14, 0.7, brand)
        yy = pen.lines(
            x + (6 if boxed else 0), by - 28, [party.name, *party.address], 9, 11.5, first_style="b"
        )
        bottom = min(bottom, yy)
        if boxed:
            pen.rect(x, yy + 3, bw2, by - 14 - yy - 3, stroke=GREY)
    rec.text("customer_name", cu.name)
    rec.text("customer_address", cu.address)
    y = min(bottom, top_right_bottom) - 10

    if lower:
        # a strip of boxes under the addresses (P.O. / Terms / Due / Ship Via)
        n = len(lower)
        cw = (W - 2 * M) / n if n > 2 else 140.0
        for i, (lab, val) in enumerate(lower):
            x = M + i * cw
            pen.rect(x, y - 15, cw, 15, fill=LIGHT, stroke=GREY)
            pen.rect(x, y - 32, cw, 17, stroke=GREY)
            pen.text(x + cw / 2, y - 11, lab.upper(), 7.3, "b", "c")
            pen.text(x + cw / 2, y - 27, val, 8.8, "r", "c")
        y -= 46
    else:
        y -= 8

    # --- items ------------------------------------------------------------------
    show_code = srng.random() < 0.6 and any(li.product_code for li in inv.items)
    cols = []
    if show_code:
        code_w = max(pen.width(li.product_code or "", 9) for li in inv.items) + 12
        cols.append(Col("code", pick(srng, "Item #", "SKU", "Item", "Part No."), max(code_w, 56)))
    cols.append(Col("desc", "Description", 0, wrap=True))
    cols.append(Col("qty", pick(srng, "Qty", "Quantity", "QTY"), 46, "r"))
    if srng.random() < 0.4:
        cols.append(Col("unit", "U/M", 34, "c"))
    cols.append(Col("price", pick(srng, "Unit Price", "Rate", "Price Each", "Unit Cost"), 72, "r"))
    cols.append(Col("amount", pick(srng, "Amount", "Line Total", "Extended", "Total"), 78, "r"))
    upper = srng.random() < 0.5
    fit_columns(cols, W - 2 * M, pen, 9.2, upper=upper)
    head_fill = pick(srng, brand, LIGHT, tint(brand, 0.8))
    st = TableStyle(
        size=9,
        grid="full",
        header_fill=head_fill,
        header_color=WHITE if head_fill == brand else (0.1, 0.1, 0.1),
        header_upper=upper,
        line_color=(0.55, 0.55, 0.55),
        pad_y=4.2,
        zebra=(0.965, 0.965, 0.965) if srng.random() < 0.3 else None,
    )
    table = Table(pen, cols, st)
    rows = []
    from .. import fakedata as fd

    for li in inv.items:
        rows.append(
            {
                "code": li.product_code or "",
                "desc": li.description,
                "qty": money.numbers.quantity(li.quantity),
                "unit": fd.UNITS[li.unit]["en"] if li.unit else "",
                "price": money(li.unit_price, symbol=False),
                "amount": money(li.amount, symbol=False),
            }
        )
        rec.item(li, show_code)
    y = table.draw_header(M, y)
    y = table.draw_rows(M, y, rows)
    # pad the grid with a few empty rows like printed forms do
    filler = max(0, min(4, int((y - 260) / 20)))
    if filler and srng.random() < 0.5:
        y = table.draw_rows(M, y, [{} for _ in range(filler)], len(rows))

    # --- totals -----------------------------------------------------------------
    lines: list[tuple[str, str, bool]] = [(L["sub"], money(inv.subtotal), False)]
    rec.money("subtotal", inv.subtotal)
    if inv.tax_rate:
        lines.append((L["tax"].format(p=pct(inv.tax_rate, "en")), money(inv.tax_amount), False))
        rec.money("tax_amount", inv.tax_amount)
    else:
        lines.append(("Sales Tax", money(inv.tax_amount), False))
        rec.money("tax_amount", inv.tax_amount)
    lines.append((L["total"], money(inv.total), True))
    rec.money("total_amount", inv.total)
    if inv.paid:
        lines.append((L["paid"], money(-inv.paid), False))
    if inv.show_amount_due:
        lines.append((L["due_amt"], money(inv.amount_due), True))
        rec.money("amount_due", inv.amount_due)
    need = 16 * len(lines) + 150
    if y - need < 40:
        raise Overflow(path.name)
    tx = W - M - 210
    ty = y - 6
    for lab, val, bold in lines:
        if bold and lab == L["due_amt"]:
            pen.rect(tx, ty - 17, 210, 18, fill=tint(brand, 0.82))
        pen.text(tx + 6, ty - 12, lab, 9.5, "b" if bold else "r")
        pen.text(W - M - 6, ty - 12, val, 9.5, "b" if bold else "r", "r")
        ty -= 18
    pen.rect(tx, ty, 210, y - 6 - ty, stroke=GREY)

    # notes at the left of the totals
    ny = y - 18
    notes = []
    if srng.random() < 0.7:
        notes.append(f"Make all checks payable to {v.name.rstrip('.')}.")
    if terms and srng.random() < 0.5:
        notes.append(
            f"Please remit payment within {inv.terms_days} days."
            if inv.terms_days
            else "Payment is due upon receipt."
        )
    if srng.random() < 0.4:
        notes.append("A finance charge of 1.5% per month will be applied to past due balances.")
    for note in notes:
        for ln in pen.wrap(note, tx - M - 20, 8.5):
            pen.text(M, ny, ln, 8.5, color=GREY)
            ny -= 11
    if v.bank and v.bank.account and srng.random() < 0.6:
        ny -= 6
        pen.text(M, ny, "Payment by ACH / wire:", 8.5, "b")
        ny = pen.lines(
            M,
            ny - 11,
            [v.bank.bank_name, f"Routing (ABA): {v.bank.routing}", f"Account: {v.bank.account}"],
            8.5,
            11,
        )
        rec.ident("bank_account", v.bank.account)
    thanks = pick(
        srng, "Thank you for your business!", "We appreciate your business.", "Thank you!"
    )
    pen.text(W / 2, min(ny, ty) - 30, thanks, 11, "i", "c", brand)

    # footer
    fy = 36.0
    pen.hline(M, W - M, fy + 14, 0.5, GREY)
    parts = [v.name, "  ".join(addr)]
    if v.tax_id and srng.random() < 0.7:
        parts.append(f"{pick(srng, 'Federal Tax ID', 'EIN', 'Tax ID')}: {v.tax_id}")
        rec.ident("vendor_tax_id", v.tax_id)
    pen.text(W / 2, fy, "  ·  ".join(parts), 7.5, "r", "c", GREY)
    pen.text(
        W / 2,
        fy - 10,
        f"Questions about this invoice? Contact {v.email} or {v.phone}",
        7.5,
        "r",
        "c",
        GREY,
    )
    if inv.copy_label:
        stamp(pen, inv.copy_label, W - 150, H - 200)
    rec.text("currency", inv.currency)
    c.showPage()
    c.save()
    return exp
