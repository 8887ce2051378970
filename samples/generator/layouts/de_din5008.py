"""German business letter invoice after DIN 5008 (form B): window address, info block, footer columns."""

from __future__ import annotations

import random
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from .. import fakedata as fd
from ..formatting import DE, fmt_date, group4
from ..model import Expected, Invoice
from .base import (
    FONTSETS,
    GREY,
    LIGHT,
    Col,
    Overflow,
    Pen,
    Rec,
    Table,
    TableStyle,
    draw_logo,
    fit_columns,
    footer_columns,
    initials_of,
    new_canvas,
    tint,
)
from .common import money_format, pct, pick, stamp

LAYOUT = "de-din5008"


def render(inv: Invoice, path: Path, srng: random.Random) -> Expected:
    exp = Expected(layout=LAYOUT, language="de", planted_errors=list(inv.planted_errors))
    rec = Rec(exp)
    W, H = A4
    left = 25 * mm
    right = W - 20 * mm
    fonts = FONTSETS[
        pick(
            srng,
            "helvetica",
            "liberation-sans",
            "dejavu",
            "dejavu-cond",
            "times",
            "liberation-narrow",
        )
    ]
    money = money_format(inv, srng)
    dstyle = pick(srng, "de_dot", "de_dot", "de_dot", "de_long")
    v, cu = inv.vendor, inv.customer
    assert v.brand is not None
    brand = v.brand.color
    c = new_canvas(path, A4, f"Rechnung {inv.number}" if inv.number else "Rechnung", v.name)
    pen = Pen(c, fonts)
    rec.text("vendor_name", v.name)

    # --- letterhead -------------------------------------------------------------------
    logo_right = srng.random() < 0.6
    if logo_right:
        draw_logo(
            pen, v.brand.logo, right - 40, H - 62, 40, brand, v.brand.accent, initials_of(v.name)
        )
        pen.text(right - 48, H - 40, v.brand.short_name, 17, "b", "r", brand)
        pen.text(right - 48, H - 55, v.name, 8.5, "r", "r", GREY)
    else:
        draw_logo(pen, v.brand.logo, left, H - 64, 38, brand, v.brand.accent, initials_of(v.name))
        pen.text(left + 48, H - 42, v.brand.short_name, 18, "b", color=brand)
        pen.text(left + 48, H - 56, v.name, 8.5, color=GREY)
    if srng.random() < 0.5:
        pen.hline(left, right, H - 75, 2.0, brand)

    # fold and punch marks
    for y_mm, w in ((105, 5 * mm), (148.5, 7 * mm), (210, 5 * mm)):
        pen.hline(3 * mm, 3 * mm + w, H - y_mm * mm, 0.4, GREY)

    # --- address field (45 mm from top, 85 mm wide) --------------------------------------
    ay = H - 50 * mm
    sender = f"{v.name} · {' · '.join(v.address)}"
    pen.text(left, ay, sender, 6.5, color=GREY)
    pen.hline(left, left + pen.width(sender, 6.5), ay - 1.5, 0.3, GREY)
    rec.text("vendor_address", v.address)
    yy = pen.lines(left, ay - 8 * mm, [cu.name, *cu.address], 10, 12.5)
    rec.text("customer_name", cu.name)
    rec.text("customer_address", cu.address)
    if cu.tax_id:
        pen.text(left, yy - 4, f"USt-IdNr.: {cu.tax_id}", 8, color=GREY)

    # --- info block ----------------------------------------------------------------------
    ix = 125 * mm
    info: list[tuple[str, str]] = []
    if inv.number:
        info.append((pick(srng, "Rechnungsnummer", "Rechnungs-Nr.", "Rechnung Nr."), inv.number))
        rec.text("invoice_number", inv.number)
    info.append(
        (pick(srng, "Rechnungsdatum", "Datum", "Rechnungsdatum"), fmt_date(inv.issue_date, dstyle))
    )
    rec.date("invoice_date", inv.issue_date)
    if inv.customer_number:
        info.append(
            (pick(srng, "Kundennummer", "Kunden-Nr.", "Ihre Kundennummer"), inv.customer_number)
        )
    if inv.purchase_order:
        info.append(
            (
                pick(
                    srng, "Bestellnummer", "Ihre Bestellung", "Ihre Bestell-Nr.", "Auftragsnummer"
                ),
                inv.purchase_order,
            )
        )
        rec.text("purchase_order", inv.purchase_order)
    if inv.delivery_date and srng.random() < 0.6:
        info.append(
            (pick(srng, "Lieferdatum", "Leistungsdatum"), fmt_date(inv.delivery_date, "de_dot"))
        )
    due_in_block = inv.due_date is not None and srng.random() < 0.5
    if due_in_block and inv.due_date:
        info.append(
            (pick(srng, "Fällig am", "Zahlbar bis", "Fälligkeit"), fmt_date(inv.due_date, dstyle))
        )
        rec.date("due_date", inv.due_date)
    contact = f"{srng.choice(fd.DE_FIRST)} {srng.choice(fd.DE_LAST)}"
    info.append(("Ansprechpartner", contact))
    info.append(("Telefon", v.phone or ""))
    info.append(("E-Mail", v.email or ""))
    iy = ay + 4
    label_w = max(pen.width(lab + ":", 8.5) for lab, _ in info) + 8
    ix = min(ix, right - label_w - max(pen.width(val, 8.5) for _, val in info))
    for lab, val in info:
        pen.text(ix, iy, lab + ":", 8.5, color=GREY)
        pen.text(ix + label_w, iy, val, 8.5)
        iy -= 12
    if srng.random() < 0.5:
        pen.text(ix, iy - 2, "Seite 1 von 1", 8.5, color=GREY)

    # --- subject & intro -----------------------------------------------------------------------
    y = min(H - 98.5 * mm, iy - 16, yy - 20)
    subject = f"Rechnung Nr. {inv.number}" if inv.number and srng.random() < 0.7 else "Rechnung"
    pen.text(left, y, subject, 12.5, "b")
    y -= 20
    if srng.random() < 0.7:
        intro = pick(
            srng,
            "Sehr geehrte Damen und Herren,\nfür unsere Lieferung bzw. Leistung erlauben wir uns, "
            "wie folgt zu berechnen:",
            "Sehr geehrte Damen und Herren,\nvielen Dank für Ihren Auftrag. Wir stellen Ihnen "
            "folgende Positionen in Rechnung:",
            "Wir bedanken uns für Ihre Bestellung und berechnen Ihnen:",
        )
        y = pen.lines(left, y, pen.wrap(intro, right - left, 9.5), 9.5, 12.5) - 6

    # --- positions ------------------------------------------------------------------------------
    show_unit = srng.random() < 0.6
    qty_places = 2 if srng.random() < 0.5 else 0
    cols = [
        Col("pos", "Pos.", 26),
        Col("code", pick(srng, "Art.-Nr.", "Artikel", "Art.-Nr."), 50),
        Col("desc", pick(srng, "Bezeichnung", "Artikelbezeichnung", "Beschreibung"), 0, wrap=True),
        Col("qty", "Menge", 42, "r"),
    ]
    if show_unit:
        cols.append(Col("unit", "Einh.", 32, "l"))
    cols += [
        Col("price", pick(srng, "Einzelpreis", "E-Preis", "Preis/Einh."), 58, "r"),
        Col("amount", pick(srng, "Gesamtpreis", "Gesamt", "Betrag"), 62, "r"),
    ]
    code_w = max(pen.width(li.product_code or "", 8.8) for li in inv.items) + 10
    cols[1].width = max(cols[1].width, code_w)
    fit_columns(cols, right - left, pen, 9.2)
    st = TableStyle(
        size=8.8,
        grid=pick(srng, "rows", "header"),
        header_fill=pick(srng, LIGHT, tint(brand, 0.85), None),
        header_rule=brand if srng.random() < 0.4 else None,
        pad_y=4,
    )
    table = Table(pen, cols, st)
    rows = []
    for i, li in enumerate(inv.items, 1):
        rows.append(
            {
                "pos": str(i * (10 if srng.random() < 0.0 else 1)),
                "code": li.product_code or "",
                "desc": li.description,
                "qty": DE.quantity(li.quantity, qty_places),
                "unit": fd.UNITS[li.unit]["de"] if li.unit else "",
                "price": money(li.unit_price, symbol=False),
                "amount": money(li.amount, symbol=False),
            }
        )
        rec.item(li, True)
    y = table.draw_header(left, y)
    y = table.draw_rows(left, y, rows)
    if y < 300:
        raise Overflow(path.name)

    # --- totals -----------------------------------------------------------------------------
    tx = right - 190
    y -= 16
    sub_lab = pick(srng, "Nettobetrag", "Zwischensumme", "Summe netto", "Warenwert netto")
    tax_lab = pick(
        srng, "zzgl. {p} MwSt.", "zzgl. {p} USt.", "MwSt. {p}", "Umsatzsteuer {p}"
    ).format(p=pct(inv.tax_rate, "de"))
    tot_lab = pick(srng, "Gesamtbetrag", "Rechnungsbetrag", "Endbetrag", "Bruttobetrag")
    for lab, amount in ((sub_lab, inv.subtotal), (tax_lab, inv.tax_amount)):
        pen.text(tx, y, lab, 9.5)
        pen.text(right, y, money(amount), 9.5, align="r")
        y -= 14
    rec.money("subtotal", inv.subtotal)
    rec.money("tax_amount", inv.tax_amount)
    pen.hline(tx, right, y + 9, 0.6, GREY)
    y -= 3
    pen.text(tx, y, tot_lab, 10.5, "b")
    pen.text(right, y, money(inv.total), 10.5, "b", "r")
    rec.money("total_amount", inv.total)
    pen.hline(tx, right, y - 4, 0.6, GREY)
    pen.hline(tx, right, y - 6, 0.6, GREY)
    y -= 30

    # --- payment text --------------------------------------------------------------------------
    texts = []
    terms = inv.extra.get("terms")
    if terms:
        texts.append(
            f"{pick(srng, 'Zahlungsbedingungen', 'Zahlungsziel', 'Zahlungsbedingung')}: {terms}"
        )
        rec.text("payment_terms", terms)
    if inv.due_date and not due_in_block:
        texts.append(
            f"Bitte überweisen Sie den Rechnungsbetrag bis zum {fmt_date(inv.due_date, 'de_dot')} "
            "unter Angabe der Rechnungsnummer auf das unten genannte Konto."
        )
        rec.date("due_date", inv.due_date)
    elif srng.random() < 0.5:
        texts.append("Bitte geben Sie bei Zahlung die Rechnungsnummer als Verwendungszweck an.")
    if srng.random() < 0.5:
        texts.append(
            pick(
                srng,
                "Leistungsdatum entspricht Rechnungsdatum.",
                "Es gelten unsere Allgemeinen Geschäftsbedingungen.",
                "Die gelieferte Ware bleibt bis zur vollständigen Bezahlung unser Eigentum.",
            )
        )
    for t in texts:
        y = pen.lines(left, y, pen.wrap(t, right - left, 9), 9, 11.5) - 3
    y -= 10
    if srng.random() < 0.6:
        y = pen.lines(left, y, ["Mit freundlichen Grüßen", "", v.name], 9.5, 12)
    if y < 95:
        raise Overflow(path.name)

    # --- footer columns -----------------------------------------------------------------------------
    fy = 22 * mm
    pen.hline(left, right, fy + 12, 0.4, GREY)
    bank = v.bank
    assert bank is not None and bank.iban is not None
    cols_txt = [
        [v.name, *v.address],
        [f"Tel. {v.phone}", f"E-Mail: {v.email}", f"Web: {v.website}"],
        [bank.bank_name, f"IBAN: {group4(bank.iban)}", f"BIC: {bank.bic}"],
        [v.managing_director or "", v.registration or "", f"USt-IdNr.: {v.tax_id}"],
    ]
    rec.ident("bank_account", bank.iban)
    if v.tax_id:
        rec.ident("vendor_tax_id", v.tax_id)
    footer_columns(pen, left, right, fy, cols_txt, 7)
    if inv.copy_label:
        stamp(pen, inv.copy_label, W - 170, H - 270)
    rec.text("currency", inv.currency)
    c.showPage()
    c.save()
    return exp
