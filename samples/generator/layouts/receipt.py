"""Retail till receipt: 80 mm wide page, monospace font, store header, card payment."""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics

from ..formatting import fmt_date
from ..model import Expected, Invoice
from .base import FONTSETS, Pen, Rec, new_canvas, register_fonts
from .common import pick


def _fmt_when(inv: Invoice, style: str) -> str:
    d, t = inv.issue_date, inv.extra["time"]
    hh, mi = (int(x) for x in t.split(":"))
    if style == "iso":
        return f"{d.isoformat()} {t}"
    if style == "us_abbr":
        ampm = "AM" if hh < 12 else "PM"
        return f"{fmt_date(d, 'us_abbr')}  {(hh - 1) % 12 + 1}:{mi:02d} {ampm}"
    return f"{d.month:02d}/{d.day:02d}/{d.year % 100:02d} {t}"  # 03/07/24 14:32


LAYOUT = "receipt"


def render(inv: Invoice, path: Path, srng: random.Random) -> Expected:
    exp = Expected(
        layout=LAYOUT,
        language="en",
        document_type=inv.document_type,
        planted_errors=list(inv.planted_errors),
    )
    rec = Rec(exp)
    register_fonts()
    fonts = FONTSETS[pick(srng, "courier", "dejavu-mono", "liberation-mono")]
    W = 80 * mm
    size = 7.6 if fonts.key != "courier" else 8.2
    char_w = float(pdfmetrics.stringWidth("0", fonts.regular, size))
    margin = 4 * mm
    ncols = int((W - 2 * margin) / char_w)
    lead = size * 1.32
    v = inv.vendor
    x = inv.extra
    with_qty_col = srng.random() < 0.5
    dollar = srng.random() < 0.5

    def amt(d: Decimal) -> str:
        return f"{d:.2f}"

    def lr(left: str, right: str) -> str:
        space = max(1, ncols - len(left) - len(right))
        return left + " " * space + right

    lines: list[tuple[str, str]] = []  # (text, style: c=center, l=left, b=bold-left, B=bold-center)
    lines.append((v.name, "B"))
    rec.text("vendor_name", v.name)
    for a in v.address:
        lines.append((a, "c"))
    rec.text("vendor_address", v.address)
    lines.append((v.phone or "", "c"))
    if srng.random() < 0.4:
        lines.append((v.website or "", "c"))
    lines.append(("", "l"))
    num_label = pick(srng, "Receipt #", "Trans #", "TRANS", "Receipt No.")
    assert inv.number is not None
    lines.append((f"Store {x['store_no']}  Reg {x['register']}  Cashier {x['cashier']}", "l"))
    lines.append((f"{num_label}: {inv.number}", "l"))
    rec.text("invoice_number", inv.number)
    lines.append((_fmt_when(inv, pick(srng, "iso", "us_abbr", "short")), "l"))
    rec.date("invoice_date", inv.issue_date)
    lines.append(("-" * ncols, "l"))
    for li in inv.items:
        if with_qty_col:
            lines.append((lr(f"{li.quantity:>2} {li.description}", amt(li.amount)), "l"))
            if li.quantity > 1:
                lines.append((f"     @ {amt(li.unit_price)} ea", "l"))
        else:
            lines.append((lr(li.description, amt(li.amount)), "l"))
            if li.quantity > 1:
                lines.append((f"  {li.quantity} @ {amt(li.unit_price)}", "l"))
        many = li.quantity > 1
        rec.item(li, False, quantity=many or with_qty_col, unit_price=many)
    lines.append(("-" * ncols, "l"))
    lines.append((lr("SUBTOTAL", amt(inv.subtotal)), "l"))
    rec.money("subtotal", inv.subtotal)
    lines.append((lr(f"TAX {inv.tax_rate.normalize():f}%", amt(inv.tax_amount)), "l"))
    rec.money("tax_amount", inv.tax_amount)
    total_txt = ("$" if dollar else "") + amt(inv.total)
    lines.append((lr("TOTAL" if dollar else "TOTAL USD", total_txt), "b"))
    rec.money("total_amount", inv.total)
    rec.text("currency", "USD")
    lines.append(("", "l"))
    card = x["card"]
    if card == "CASH":
        tendered = (inv.total / 5).to_integral_value(rounding="ROUND_CEILING") * 5
        lines.append((lr("CASH", amt(tendered)), "l"))
        lines.append((lr("CHANGE", amt(tendered - inv.total)), "l"))
    else:
        lines.append((lr(f"{card} ************{x['last4']}", amt(inv.total)), "l"))
        lines.append((f"AUTH CODE: {x['auth']}   CHIP READ", "l"))
        lines.append(("APPROVED - THANK YOU", "l"))
    lines.append(("", "l"))
    nitems = sum(int(li.quantity) for li in inv.items)
    lines.append((f"ITEMS SOLD: {nitems}", "c"))
    lines.append(("", "l"))
    lines.append(
        (
            pick(
                srng,
                "THANK YOU FOR SHOPPING WITH US!",
                "THANK YOU! PLEASE COME AGAIN",
                "HAVE A GREAT DAY!",
            ),
            "c",
        )
    )
    lines.append(("Returns accepted within 30 days", "c"))
    lines.append(("with receipt.", "c"))

    H = 2 * margin + lead * (len(lines) + 1) + 30
    c = new_canvas(path, (W, H), f"Receipt {inv.number}", v.name)
    pen = Pen(c, fonts, color=(0.05, 0.05, 0.05))
    y = H - margin - size
    for text, style in lines:
        if style in ("c", "B"):
            pen.text(
                W / 2,
                y,
                text,
                size + (1.5 if style == "B" else 0),
                "b" if style == "B" else "r",
                "c",
            )
        else:
            pen.text(margin, y, text, size, "b" if style == "b" else "r")
        y -= lead
    # barcode with the transaction number
    bx = margin + 6
    digits = "".join(ch for ch in inv.number if ch.isdigit())
    brng = random.Random(digits)
    c.setFillColorRGB(0, 0, 0)
    while bx < W - margin - 6:
        w = brng.choice([0.6, 0.6, 1.2, 1.8])
        c.rect(bx, y - 14, w, 20, stroke=0, fill=1)
        bx += w + brng.choice([0.6, 1.2, 1.8])
    c.showPage()
    c.save()
    return exp
