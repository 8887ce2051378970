"""Wholesale distributor invoice with 30-45 lines that runs over two pages (EN/DE/FR/NL).

The table header is repeated on page 2, page 1 ends with a "continued" note (German: with an
"Übertrag" carry-forward), and the totals are printed on page 2 only.
"""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path

from reportlab.lib.pagesizes import A4, letter

from .. import fakedata as fd
from ..formatting import fmt_date, group4
from ..model import Expected, Invoice
from .base import (
    FONTSETS,
    GREY,
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
from .common import money_format, numbers_for, pct, pick, stamp

LAYOUT = "multipage-distributor"

LABELS: dict[str, dict[str, str]] = {
    "en": dict(
        title="INVOICE",
        no="Invoice No.",
        date="Invoice Date",
        cust="Customer No.",
        po="Your Order No.",
        dn="Delivery Note",
        due="Due Date",
        bill="Invoice Address",
        ship="Delivery Address",
        pos="Line",
        code="Item No.",
        desc="Description",
        qty="Qty",
        unit="Unit",
        price="Unit Price",
        amount="Amount",
        cont="Continued on next page",
        page="Page {i} of {n}",
        sub="Subtotal",
        total="Total",
        due_amt="Amount Due",
        terms="Payment terms",
        carry="",
        thanks="Thank you for your order.",
        bank="Bank details",
        ship_via="Shipped via",
        inv="Invoice",
    ),
    "de": dict(
        title="RECHNUNG",
        no="Rechnungs-Nr.",
        date="Datum",
        cust="Kunden-Nr.",
        po="Ihre Bestellung",
        dn="Lieferschein-Nr.",
        due="Fällig am",
        bill="Rechnungsanschrift",
        ship="Lieferanschrift",
        pos="Pos.",
        code="Artikel-Nr.",
        desc="Bezeichnung",
        qty="Menge",
        unit="ME",
        price="Einzelpreis",
        amount="Gesamtpreis",
        cont="Fortsetzung auf Seite 2",
        page="Seite {i} von {n}",
        sub="Warenwert netto",
        total="Rechnungsbetrag",
        due_amt="",
        terms="Zahlungsbedingungen",
        carry="Übertrag",
        thanks="Vielen Dank für Ihren Auftrag.",
        bank="Bankverbindung",
        ship_via="Versandart",
        inv="Rechnung",
    ),
    "fr": dict(
        title="FACTURE",
        no="N° de facture",
        date="Date",
        cust="N° client",
        po="Votre commande",
        dn="Bon de livraison",
        due="Échéance",
        bill="Adresse de facturation",
        ship="Adresse de livraison",
        pos="Pos.",
        code="Référence",
        desc="Désignation",
        qty="Qté",
        unit="Unité",
        price="P.U. HT",
        amount="Montant HT",
        cont="Suite page suivante",
        page="Page {i} sur {n}",
        sub="Total HT",
        total="Total TTC",
        due_amt="Net à payer",
        terms="Conditions de paiement",
        carry="",
        thanks="Merci de votre confiance.",
        bank="Coordonnées bancaires",
        ship_via="Transport",
        inv="Facture",
    ),
    "nl": dict(
        title="FACTUUR",
        no="Factuurnummer",
        date="Factuurdatum",
        cust="Klantnummer",
        po="Uw ordernummer",
        dn="Pakbon",
        due="Vervaldatum",
        bill="Factuuradres",
        ship="Afleveradres",
        pos="Pos.",
        code="Artikelnr.",
        desc="Omschrijving",
        qty="Aantal",
        unit="Eenh.",
        price="Prijs",
        amount="Bedrag",
        cont="Vervolg op pagina 2",
        page="Pagina {i} van {n}",
        sub="Subtotaal",
        total="Totaal",
        due_amt="Te betalen",
        terms="Betalingstermijn",
        carry="",
        thanks="Bedankt voor uw bestelling.",
        bank="Bankgegevens",
        ship_via="Verzending",
        inv="Factuur",
    ),
}
DATE_STYLE = {"US": "us_slash", "GB": "uk_abbr", "DE": "de_dot", "FR": "eu_slash", "NL": "nl_dash0"}
CARRIERS = ["DHL Freight", "DB Schenker", "UPS", "GLS", "DPD", "Spedition", "TNT", "FedEx Freight"]


def _tax_label(inv: Invoice, lang: str) -> str:
    p = pct(inv.tax_rate, lang)
    if inv.country == "US":
        return f"Sales Tax ({p})"
    return {"en": f"VAT {p}", "de": f"zzgl. {p} MwSt.", "fr": f"TVA {p}", "nl": f"BTW {p}"}[lang]


def render(inv: Invoice, path: Path, srng: random.Random) -> Expected:
    lang = inv.lang
    L = LABELS[lang]
    exp = Expected(layout=LAYOUT, language=lang, planted_errors=list(inv.planted_errors), pages=2)
    rec = Rec(exp)
    pagesize = letter if inv.country == "US" else A4
    W, H = pagesize
    M = 36.0
    fonts = FONTSETS[
        pick(srng, "liberation-narrow", "dejavu-cond", "helvetica", "liberation-sans", "dejavu")
    ]
    money = money_format(inv, srng)
    nums = numbers_for(lang)
    dstyle = DATE_STYLE[inv.country]
    v, cu = inv.vendor, inv.customer
    assert v.brand is not None and v.bank is not None and inv.ship_to is not None
    brand = v.brand.color
    title = f"{L['inv']} {inv.number}" if inv.number else L["inv"]
    c = new_canvas(path, pagesize, title, v.name)
    pen = Pen(c, fonts)
    rec.text("vendor_name", v.name)
    rec.text("vendor_address", v.address)
    rec.text("customer_name", cu.name)
    rec.text("customer_address", cu.address)
    rec.text("currency", inv.currency)

    # --- footer (both pages) ---------------------------------------------------------------------
    tax_kw = {
        "US": "EIN",
        "GB": "VAT Reg. No.",
        "DE": "USt-IdNr.",
        "FR": "TVA intracom.",
        "NL": "BTW-nr.",
    }[inv.country]
    if v.bank.iban:
        bank_txt = f"{v.bank.bank_name} · IBAN {group4(v.bank.iban)} · BIC {v.bank.bic}"
        rec.ident("bank_account", v.bank.iban)
    else:
        bank_txt = f"{v.bank.bank_name} · ABA {v.bank.routing} · Account {v.bank.account}"
        rec.ident("bank_account", v.bank.account or "")
    foot1 = f"{v.name} · {', '.join(v.address)} · {v.phone} · {v.email}"
    foot2 = (
        f"{tax_kw} {v.tax_id}"
        + (f" · {v.registration}" if v.registration else "")
        + f" · {bank_txt}"
    )
    if v.tax_id:
        rec.ident("vendor_tax_id", v.tax_id)

    def footer(page: int) -> None:
        pen.hline(M, W - M, 44, 0.5, GREY)
        for i, t in enumerate((foot1, foot2)):
            size = 7.0
            while pen.width(t, size) > W - 2 * M - 70 and size > 5:
                size -= 0.25
            pen.text(M, 34 - i * 9, t, size, color=GREY)
        pen.text(W - M, 34, L["page"].format(i=page, n=2), 8, "b", "r")

    # --- page 1 header ------------------------------------------------------------------------------
    pen.rect(0, H - 10, W, 10, fill=brand)
    draw_logo(pen, v.brand.logo, M, H - 70, 40, brand, v.brand.accent, initials_of(v.name))
    pen.text(M + 50, H - 44, v.brand.short_name, 16, "b", color=brand)
    pen.text(M + 50, H - 57, v.name, 8, color=GREY)
    pen.text(M + 50, H - 67, " · ".join(v.address), 8, color=GREY)
    pen.text(W - M, H - 46, L["title"], 20, "b", "r", brand)

    info: list[tuple[str, str]] = []
    if inv.number:
        info.append((L["no"], inv.number))
        rec.text("invoice_number", inv.number)
    info.append((L["date"], fmt_date(inv.issue_date, dstyle)))
    rec.date("invoice_date", inv.issue_date)
    if inv.customer_number:
        info.append((L["cust"], inv.customer_number))
    if inv.purchase_order:
        info.append((L["po"], inv.purchase_order))
        rec.text("purchase_order", inv.purchase_order)
    info.append((L["dn"], inv.extra.get("delivery_note", "")))
    if inv.due_date:
        info.append((L["due"], fmt_date(inv.due_date, dstyle)))
        rec.date("due_date", inv.due_date)
    bw = 210.0
    bx = W - M - bw
    y = H - 62
    for i, (k, val) in enumerate(info):
        if i % 2 == 0:
            pen.rect(bx, y - 14, bw, 14, fill=(0.965, 0.965, 0.965))
        pen.text(bx + 6, y - 10, k, 8.2, color=GREY)
        pen.text(W - M - 6, y - 10, val, 8.6, "b", "r")
        y -= 14
    pen.rect(bx, y, bw, 14 * len(info), stroke=GREY)
    info_bottom = y

    # addresses
    ay = H - 96
    aw = (bx - M - 16) / 2
    for j, (lab, party) in enumerate(((L["bill"], cu), (L["ship"], inv.ship_to))):
        x = M + j * (aw + 12)
        pen.text(x, ay, lab, 7.5, "b", color=brand)
        pen.hline(x, x + aw, ay - 4, 0.6, brand)
        pen.lines(x, ay - 17, [party.name, *party.address], 8.8, 11, first_style="b")
    y = min(info_bottom, ay - 17 - 11 * 5) - 18
    extra = f"{L['ship_via']}: {pick(srng, *CARRIERS)}"
    pen.text(M, y, extra, 8.5, color=GREY)
    y -= 12

    # --- table ------------------------------------------------------------------------------------------
    cols = [
        Col("pos", L["pos"], 26, "r"),
        Col("code", L["code"], 58),
        Col("desc", L["desc"], 0, wrap=True),
        Col("qty", L["qty"], 36, "r"),
        Col("unit", L["unit"], 30),
        Col("price", L["price"], 58, "r"),
        Col("amount", L["amount"], 64, "r"),
    ]
    cols[1].width = max(pen.width(li.product_code or "", 8) for li in inv.items) + 10
    fit_columns(cols, W - 2 * M, pen, 8.2)
    zebra = srng.random() < 0.5
    st = TableStyle(
        size=8.0,
        header_size=8.2,
        header_fill=brand if srng.random() < 0.5 else tint(brand, 0.8),
        grid="rows" if not zebra else "header",
        zebra=tint(brand, 0.93) if zebra else None,
        pad_y=3.9,
        line_color=(0.8, 0.8, 0.8),
    )
    st.header_color = WHITE if st.header_fill == brand else (0.1, 0.1, 0.1)
    table = Table(pen, cols, st)
    rows = []
    for i, li in enumerate(inv.items, 1):
        rows.append(
            {
                "pos": str(i),
                "code": li.product_code or "",
                "desc": li.description,
                "qty": nums.quantity(li.quantity),
                "unit": fd.UNITS[li.unit or "pcs"][lang],
                "price": money(li.unit_price, symbol=False),
                "amount": money(li.amount, symbol=False),
            }
        )
        rec.item(li, True)

    # paginate: as many rows as fit on page 1, but keep at least 4 for page 2
    bottom1 = 96.0
    avail = y - table.header_height() - bottom1
    used, k1 = 0.0, 0
    for r in rows:
        h = table.row_height(r)
        if used + h > avail:
            break
        used += h
        k1 += 1
    k1 = min(k1, len(rows) - 4)
    if k1 < 10:
        raise Overflow(path.name)

    y = table.draw_header(M, y)
    y = table.draw_rows(M, y, rows[:k1])
    carry = sum((li.amount for li in inv.items[:k1]), Decimal("0.00"))
    if L["carry"]:
        pen.text(W - M - cols[-1].width - 6, y - 12, f"{L['carry']}:", 8.5, "b", "r")
        pen.text(W - M - 4, y - 12, money(carry), 8.5, "b", "r")
        y -= 14
    pen.text(
        W - M, max(y - 16, 56), f"{L['cont']} …" if lang != "de" else L["cont"], 8.5, "i", "r", GREY
    )
    footer(1)
    if inv.copy_label:
        stamp(pen, inv.copy_label, W / 2, H - 60)
    c.showPage()

    # --- page 2 --------------------------------------------------------------------------------------------
    pen.rect(0, H - 6, W, 6, fill=brand)
    draw_logo(pen, v.brand.logo, M, H - 44, 22, brand, v.brand.accent, initials_of(v.name))
    pen.text(M + 30, H - 34, v.brand.short_name, 11, "b", color=brand)
    ref = f"{L['inv']} {inv.number} · " if inv.number else f"{L['inv']} · "
    pen.text(W - M, H - 34, ref + fmt_date(inv.issue_date, dstyle), 9, "r", "r")
    pen.hline(M, W - M, H - 52, 0.6, GREY)
    y = H - 70
    if L["carry"]:
        pen.text(W - M - cols[-1].width - 6, y, f"{L['carry']}:", 8.5, "b", "r")
        pen.text(W - M - 4, y, money(carry), 8.5, "b", "r")
        y -= 12
    y = table.draw_header(M, y)
    y = table.draw_rows(M, y, rows[k1:], start_index=k1)
    if y < 250:
        raise Overflow(path.name)

    # totals
    y -= 16
    tx = W - M - 220
    tl = [
        (L["sub"], inv.subtotal, False),
        (_tax_label(inv, lang), inv.tax_amount, False),
        (L["total"], inv.total, True),
    ]
    rec.money("subtotal", inv.subtotal)
    rec.money("tax_amount", inv.tax_amount)
    rec.money("total_amount", inv.total)
    if inv.show_amount_due and L["due_amt"]:
        tl.append((L["due_amt"], inv.amount_due, True))
        rec.money("amount_due", inv.amount_due)
    top = y + 4
    for lab, amount, bold in tl:
        pen.text(tx + 6, y - 8, lab, 9.2, "b" if bold else "r")
        pen.text(W - M - 6, y - 8, money(amount), 9.2, "b" if bold else "r", "r")
        y -= 16
    pen.rect(tx, y + 4, 220, top - y - 4, stroke=GREY)
    pen.rect(tx, y + 4, 220, 16, stroke=brand, width=1.2)

    y -= 20
    terms = inv.extra.get("terms")
    if terms:
        pen.text(M, y, f"{L['terms']}{' : ' if lang == 'fr' else ': '}{terms}", 9)
        rec.text("payment_terms", terms)
        y -= 14
    pen.text(M, y, f"{L['bank']}{' : ' if lang == 'fr' else ': '}{bank_txt}", 9)
    y -= 20
    pen.text(M, y, L["thanks"], 9.5, "i", color=brand)
    footer(2)
    c.showPage()
    c.save()
    return exp
