"""Dutch invoice: vendor details in a right-hand column, customer address left, BTW totals."""

from __future__ import annotations

import random
from pathlib import Path

from reportlab.lib.pagesizes import A4

from ..formatting import DE, fmt_date, group4
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

LAYOUT = "nl-factuur"


def render(inv: Invoice, path: Path, srng: random.Random) -> Expected:
    exp = Expected(layout=LAYOUT, language="nl", planted_errors=list(inv.planted_errors))
    rec = Rec(exp)
    W, H = A4
    M = 48.0
    fonts = FONTSETS[
        pick(srng, "dejavu", "liberation-sans", "helvetica", "dejavu-cond", "liberation-narrow")
    ]
    money = money_format(inv, srng)
    dstyle = pick(srng, "nl_dash", "nl_dash0", "nl_long", "nl_dash")
    v, cu = inv.vendor, inv.customer
    assert v.brand is not None and v.bank is not None and v.bank.iban is not None and v.tax_id
    brand = v.brand.color
    c = new_canvas(path, A4, f"Factuur {inv.number}" if inv.number else "Factuur", v.name)
    pen = Pen(c, fonts)

    # --- vendor column at the right ---------------------------------------------------------
    colx = W - M - 150
    details = [("T", v.phone or ""), ("E", v.email or ""), ("W", v.website or "")]
    if srng.random() < 0.5:
        details = [("Tel.", v.phone or ""), ("E-mail", v.email or ""), ("Web", v.website or "")]
    assert v.registration is not None
    kvk = v.registration.split()[-1]
    details += [
        ("", ""),
        ("KvK", kvk),
        ("BTW", v.tax_id),
        ("IBAN", group4(v.bank.iban)),
        ("BIC", v.bank.bic or ""),
    ]
    rec.ident("vendor_tax_id", v.tax_id)
    rec.ident("bank_account", v.bank.iban)
    lw = max(pen.width(k, 8.3, "b") for k, _ in details) + 6
    colx2 = min(colx, W - M - lw - max(pen.width(val, 8.3) for _, val in details))
    if colx2 < colx:  # shift the whole column left so nothing sticks out
        colx = colx2
    vy = H - 130
    pen.text(colx, vy, v.name, 8.8, "b")
    vy = pen.lines(colx, vy - 11.5, v.address, 8.8, 11.5)
    rec.text("vendor_name", v.name)
    rec.text("vendor_address", v.address)
    vy -= 6
    for k, val in details:
        if k:
            pen.text(colx, vy, k, 8.3, "b", color=GREY)
            pen.text(colx + lw, vy, val, 8.3)
        vy -= 11

    # --- logo / brand -------------------------------------------------------------------------
    if srng.random() < 0.5:
        draw_logo(pen, v.brand.logo, M, H - 90, 42, brand, v.brand.accent, initials_of(v.name))
        pen.text(M + 52, H - 68, v.brand.short_name, 16, "b", color=brand)
    else:
        draw_logo(pen, v.brand.logo, colx, H - 90, 42, brand, v.brand.accent, initials_of(v.name))
        pen.text(colx, H - 106, v.brand.short_name, 12, "b", color=brand)

    # --- customer address ----------------------------------------------------------------------
    ay = H - 150
    if srng.random() < 0.5:
        pen.text(M, ay + 16, pick(srng, "Factuur aan", "Aan", "Factuuradres"), 8, "b", color=GREY)
    yy = pen.lines(
        M, ay, [cu.name, *cu.address], 10, 12.8, first_style="b" if srng.random() < 0.5 else "r"
    )
    rec.text("customer_name", cu.name)
    rec.text("customer_address", cu.address)
    if cu.tax_id:
        pen.text(M, yy - 2, f"BTW-nr.: {cu.tax_id}", 8.5, color=GREY)

    # --- title & details ------------------------------------------------------------------------
    y = min(yy, vy) - 34
    pen.text(M, y, pick(srng, "Factuur", "FACTUUR", "Factuur"), 22, "b", color=brand)
    y -= 26
    det: list[tuple[str, str]] = []
    if inv.number:
        det.append((pick(srng, "Factuurnummer", "Factuurnr.", "Factuurnummer"), inv.number))
        rec.text("invoice_number", inv.number)
    det.append(("Factuurdatum", fmt_date(inv.issue_date, dstyle)))
    rec.date("invoice_date", inv.issue_date)
    if inv.due_date:
        det.append(
            (
                pick(srng, "Vervaldatum", "Vervaldatum", "Uiterste betaaldatum"),
                fmt_date(inv.due_date, dstyle),
            )
        )
        rec.date("due_date", inv.due_date)
    if inv.customer_number:
        det.append(("Klantnummer", inv.customer_number))
    if inv.purchase_order:
        det.append(
            (pick(srng, "Uw ordernummer", "Inkoopordernummer", "PO-nummer"), inv.purchase_order)
        )
        rec.text("purchase_order", inv.purchase_order)
    horizontal = srng.random() < 0.5
    if horizontal:
        cw = (W - 2 * M) / len(det)
        for i, (k, val) in enumerate(det):
            pen.text(M + i * cw, y, k, 8, "b", color=GREY)
            pen.text(M + i * cw, y - 13, val, 9.5)
        y -= 36
    else:
        for k, val in det:
            pen.text(M, y, k, 9, color=GREY)
            pen.text(M + 130, y, val, 9)
            y -= 13
        y -= 14

    # --- lines ------------------------------------------------------------------------------------
    show_vat = srng.random() < 0.5
    cols = [
        Col("desc", "Omschrijving", 0, wrap=True),
        Col("qty", "Aantal", 50, "r"),
        Col("price", pick(srng, "Prijs", "Stukprijs", "Tarief"), 72, "r"),
    ]
    if show_vat:
        cols.append(Col("vat", "BTW", 40, "r"))
    cols.append(Col("amount", pick(srng, "Bedrag", "Totaal", "Bedrag"), 78, "r"))
    fit_columns(cols, W - 2 * M, pen, 9)
    st = TableStyle(
        size=9,
        grid=pick(srng, "rows", "header", "none"),
        header_fill=None,
        header_rule=brand,
        header_rule_width=1.4,
        zebra=tint(brand, 0.93) if srng.random() < 0.4 else None,
        pad_y=4.5,
        pad_x=2 if srng.random() < 0.5 else 4,
        line_color=(0.8, 0.8, 0.8),
    )
    if st.grid == "none" and st.zebra is None:
        st.zebra = (0.955, 0.955, 0.955)
    table = Table(pen, cols, st)
    rows = []
    for li in inv.items:
        rows.append(
            {
                "desc": li.description,
                "qty": DE.quantity(li.quantity),
                "price": money(li.unit_price),
                "vat": pct(inv.tax_rate, "nl"),
                "amount": money(li.amount),
            }
        )
        rec.item(li, False)
    y = table.draw_header(M, y)
    y = table.draw_rows(M, y, rows)
    if y < 280:
        raise Overflow(path.name)

    # --- totals -------------------------------------------------------------------------------------
    tx = W - M - 220
    y -= 18
    vat_lab = pick(
        srng,
        f"BTW {pct(inv.tax_rate, 'nl')}",
        f"{pct(inv.tax_rate, 'nl')} btw",
        f"BTW {pct(inv.tax_rate, 'nl')} over {money(inv.subtotal)}",
    )
    tl: list[tuple[str, str, bool]] = [
        (pick(srng, "Subtotaal", "Totaal excl. btw"), money(inv.subtotal), False),
        (vat_lab, money(inv.tax_amount), False),
        (pick(srng, "Totaal", "Totaal incl. btw", "Totaalbedrag"), money(inv.total), True),
    ]
    rec.money("subtotal", inv.subtotal)
    rec.money("tax_amount", inv.tax_amount)
    rec.money("total_amount", inv.total)
    if inv.show_amount_due:
        tl.append(("Te betalen", money(inv.amount_due), True))
        rec.money("amount_due", inv.amount_due)
    for i, (lab, val, bold) in enumerate(tl):
        if bold and i == 2:
            pen.hline(tx, W - M, y + 11, 0.8, GREY)
        pen.text(tx, y, lab, 9.5, "b" if bold else "r")
        pen.text(W - M - (st.pad_x), y, val, 9.5, "b" if bold else "r", "r")
        y -= 15

    # --- payment text -------------------------------------------------------------------------------------
    y -= 22
    terms = inv.extra.get("terms")
    due_text = fmt_date(inv.due_date, dstyle) if inv.due_date else None
    if due_text and inv.number:
        msg = (
            f"Wij verzoeken u vriendelijk het bedrag van {money(inv.amount_due if inv.show_amount_due else inv.total)} "
            f"vóór {due_text} over te maken op rekeningnummer {group4(v.bank.iban)} t.n.v. {v.name}, "
            f"onder vermelding van factuurnummer {inv.number}."
        )
    else:
        msg = f"Gelieve het totaalbedrag over te maken op {group4(v.bank.iban)} t.n.v. {v.name}."
    y = pen.lines(M, y, pen.wrap(msg, W - 2 * M, 9), 9, 12) - 4
    if terms:
        pen.text(M, y, f"{pick(srng, 'Betalingstermijn', 'Betalingsconditie')}: {terms}", 9)
        rec.text("payment_terms", terms)
        y -= 14
    if srng.random() < 0.6:
        pen.text(
            M,
            y - 8,
            pick(srng, "Bedankt voor uw opdracht!", "Hartelijk dank voor uw bestelling."),
            9.5,
            "i",
            color=brand,
        )
    elif srng.random() < 0.5:
        pen.lines(M, y - 8, ["Met vriendelijke groet,", v.name], 9.5, 13)
    if y < 80:
        raise Overflow(path.name)

    # --- footer -------------------------------------------------------------------------------------------------
    foot = "Op al onze leveringen en diensten zijn onze algemene voorwaarden van toepassing."
    pen.text(W / 2, 34, foot, 7.5, "r", "c", GREY)
    if srng.random() < 0.5:
        pen.text(
            W / 2,
            24,
            f"{v.name}  |  KvK {kvk}  |  {v.tax_id}  |  {group4(v.bank.iban)}",
            7,
            "r",
            "c",
            GREY,
        )
    if inv.copy_label:
        stamp(pen, inv.copy_label, W / 2 + 40, H - 90)
    rec.text("currency", inv.currency)
    c.showPage()
    c.save()
    return exp
