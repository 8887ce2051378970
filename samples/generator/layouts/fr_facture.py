"""French invoice: FACTURE, client box, HT/TVA/TTC totals, legal mentions and SIRET footer."""

from __future__ import annotations

import random
from pathlib import Path

from reportlab.lib.pagesizes import A4

from .. import fakedata as fd
from ..formatting import FR, fmt_date, group4
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

LAYOUT = "fr-facture"
APE = {
    "office": "4665Z",
    "printing": "1812Z",
    "electrical": "4669B",
    "cleaning": "8121Z",
    "it": "6202A",
    "industrial": "4674B",
    "food": "4639B",
}  # activity code by trade


def render(inv: Invoice, path: Path, srng: random.Random) -> Expected:
    exp = Expected(layout=LAYOUT, language="fr", planted_errors=list(inv.planted_errors))
    rec = Rec(exp)
    W, H = A4
    M = 42.0
    fonts = FONTSETS[
        pick(srng, "helvetica", "dejavu", "liberation-sans", "dejavu-serif", "times", "dejavu-cond")
    ]
    money = money_format(inv, srng)
    dstyle = pick(srng, "eu_slash", "eu_slash", "fr_long")
    v, cu = inv.vendor, inv.customer
    assert v.brand is not None and v.bank is not None and v.bank.iban is not None
    brand = v.brand.color
    c = new_canvas(path, A4, f"Facture {inv.number}" if inv.number else "Facture", v.name)
    pen = Pen(c, fonts)

    # --- vendor block (top left) -------------------------------------------------------------
    draw_logo(pen, v.brand.logo, M, H - 86, 46, brand, v.brand.accent, initials_of(v.name))
    pen.text(M + 58, H - 56, v.name, 14, "b", color=brand)
    y = pen.lines(M + 58, H - 70, v.address, 9, 11.5)
    y = pen.lines(M + 58, y, [f"Tél. : {v.phone}", v.email or ""], 8.5, 11, color=GREY)
    rec.text("vendor_name", v.name)
    rec.text("vendor_address", v.address)

    # --- title block (top right) ---------------------------------------------------------------
    title = pick(srng, "FACTURE", "Facture", "FACTURE")
    pen.text(W - M, H - 62, title, 26, "b", "r", brand, spacing=1)
    ty = H - 82
    if inv.number:
        pen.text(
            W - M,
            ty,
            f"{pick(srng, 'Facture n°', 'N°', 'Numéro :', 'Facture N°')} {inv.number}",
            10.5,
            "b",
            "r",
        )
        rec.text("invoice_number", inv.number)
        ty -= 14
    pen.text(
        W - M,
        ty,
        f"{pick(srng, 'Date :', 'Du', 'Émise le')} {fmt_date(inv.issue_date, dstyle)}",
        9.5,
        "r",
        "r",
    )
    rec.date("invoice_date", inv.issue_date)

    # --- client box -------------------------------------------------------------------------------
    bx, bw = W / 2 + 20, W / 2 - 20 - M
    btop = min(y, ty) - 22
    label = pick(srng, "Facturé à", "Client", "Adresse de facturation", "Destinataire")
    pen.text(bx, btop + 4, label, 8, "b", color=GREY)
    lines = [cu.name, *cu.address]
    bh = 16 + 12.5 * len(lines)
    pen.rect(bx, btop - bh, bw, bh, stroke=GREY, width=0.8, radius=4)
    pen.lines(bx + 12, btop - 16, lines, 10, 12.5, first_style="b")
    rec.text("customer_name", cu.name)
    rec.text("customer_address", cu.address)
    y = btop - bh - 24

    # --- reference strip -------------------------------------------------------------------------------
    cells: list[tuple[str, str]] = [("Date de facture", fmt_date(inv.issue_date, "eu_slash"))]
    if inv.due_date:
        cells.append(
            (pick(srng, "Date d'échéance", "Échéance"), fmt_date(inv.due_date, "eu_slash"))
        )
        rec.date("due_date", inv.due_date)
    if inv.customer_number:
        cells.append(("Code client", inv.customer_number))
    if inv.purchase_order:
        cells.append(
            (pick(srng, "Votre commande", "Réf. commande", "Bon de commande"), inv.purchase_order)
        )
        rec.text("purchase_order", inv.purchase_order)
    cw = (W - 2 * M) / len(cells)
    fill = pick(srng, LIGHT, tint(brand, 0.85))
    for i, (lab, val) in enumerate(cells):
        x = M + i * cw
        pen.rect(x, y - 15, cw, 15, fill=fill, stroke=GREY)
        pen.rect(x, y - 33, cw, 18, stroke=GREY)
        pen.text(x + cw / 2, y - 11, lab, 8, "b", "c")
        pen.text(x + cw / 2, y - 28, val, 9, "r", "c")
    y -= 52

    # --- lines ----------------------------------------------------------------------------------------
    show_code = srng.random() < 0.5
    show_vat_col = srng.random() < 0.4
    cols = []
    if show_code:
        w = max(pen.width(li.product_code or "", 8.5) for li in inv.items) + 10
        cols.append(Col("code", "Réf.", max(w, 40)))
    cols.append(Col("desc", "Désignation", 0, wrap=True))
    cols.append(Col("qty", "Qté", 36, "r"))
    if srng.random() < 0.4:
        cols.append(Col("unit", "Unité", 36, "c"))
    cols.append(Col("price", pick(srng, "Prix unitaire HT", "P.U. HT", "Prix unit. HT"), 72, "r"))
    if show_vat_col:
        cols.append(Col("vat", "TVA", 34, "r"))
    cols.append(Col("amount", pick(srng, "Montant HT", "Total HT", "Montant HT"), 74, "r"))
    fit_columns(cols, W - 2 * M, pen, 9.2)
    head_fill = pick(srng, brand, tint(brand, 0.8), LIGHT)
    st = TableStyle(
        size=8.8,
        grid=pick(srng, "full", "rows", "box"),
        header_fill=head_fill,
        header_color=WHITE if head_fill == brand else (0.1, 0.1, 0.1),
        pad_y=4.2,
    )
    table = Table(pen, cols, st)
    rows = []
    for li in inv.items:
        rows.append(
            {
                "code": li.product_code or "",
                "desc": li.description,
                "qty": FR.quantity(li.quantity),
                "unit": fd.UNITS[li.unit]["fr"] if li.unit else "",
                "price": money(li.unit_price),
                "vat": pct(inv.tax_rate, "fr", False),
                "amount": money(li.amount),
            }
        )
        rec.item(li, show_code)
    y = table.draw_header(M, y)
    y = table.draw_rows(M, y, rows)
    if y < 330:
        raise Overflow(path.name)

    # --- totals box (right) -------------------------------------------------------------------------------
    tw = 200.0
    tx = W - M - tw
    y -= 14
    tl = [
        ("Total HT", inv.subtotal, False),
        (
            f"TVA {pct(inv.tax_rate, 'fr')}"
            if srng.random() < 0.6
            else f"TVA ({FR.number(inv.tax_rate)} %)",
            inv.tax_amount,
            False,
        ),
        ("Total TTC", inv.total, True),
    ]
    rec.money("subtotal", inv.subtotal)
    rec.money("tax_amount", inv.tax_amount)
    rec.money("total_amount", inv.total)
    if inv.paid:
        tl.append(("Acompte versé", -inv.paid, False))
    if inv.show_amount_due:
        tl.append(("Net à payer", inv.amount_due, True))
        rec.money("amount_due", inv.amount_due)
    top = y
    for lab, amount, bold in tl:
        if lab == "Net à payer":
            pen.rect(tx, y - 18, tw, 18, fill=brand)
            pen.text(tx + 8, y - 12.5, lab, 10, "b", color=WHITE)
            pen.text(W - M - 8, y - 12.5, money(amount), 10, "b", "r", WHITE)
        else:
            pen.text(tx + 8, y - 12.5, lab, 9.5, "b" if bold else "r")
            pen.text(W - M - 8, y - 12.5, money(amount), 9.5, "b" if bold else "r", "r")
            pen.hline(tx, W - M, y - 18, 0.4, GREY)
        y -= 18
    pen.rect(tx, y, tw, top - y, stroke=GREY)

    # VAT recap at the left (optional)
    ly = top
    if srng.random() < 0.5:
        rc = [
            Col("b", "Base HT", 70, "r"),
            Col("t", "Taux", 40, "r"),
            Col("m", "Montant TVA", 70, "r"),
        ]
        rt = Table(pen, rc, TableStyle(size=8, grid="full", header_fill=LIGHT, pad_y=3))
        ly = rt.draw_header(M, ly)
        ly = rt.draw_rows(
            M,
            ly,
            [
                {
                    "b": money(inv.subtotal, False),
                    "t": pct(inv.tax_rate, "fr"),
                    "m": money(inv.tax_amount, False),
                }
            ],
        )
        ly -= 10

    # --- payment conditions ------------------------------------------------------------------------------------
    y = min(y, ly) - 22
    terms = inv.extra.get("terms")
    if terms:
        pen.text(M, y, "Conditions de paiement : ", 9, "b")
        pen.text(M + pen.width("Conditions de paiement : ", 9, "b"), y, terms, 9)
        rec.text("payment_terms", terms)
        y -= 13
    pen.text(
        M,
        y,
        f"Mode de règlement : {pick(srng, 'virement bancaire', 'virement', 'chèque ou virement')}",
        9,
    )
    y -= 18
    pen.rect(M, y - 38, 290, 44, fill=(0.97, 0.97, 0.97), stroke=GREY, width=0.4)
    pen.text(M + 8, y - 6, "Coordonnées bancaires", 8.5, "b")
    pen.text(M + 8, y - 19, f"{v.bank.bank_name}  –  BIC : {v.bank.bic}", 8.5)
    pen.text(M + 8, y - 31, f"IBAN : {group4(v.bank.iban)}", 8.5)
    rec.ident("bank_account", v.bank.iban)
    y -= 56
    legal = (
        "En cas de retard de paiement, une pénalité égale à trois fois le taux d'intérêt légal sera exigible "
        "(art. L441-10 du Code de commerce), ainsi qu'une indemnité forfaitaire pour frais de recouvrement "
        "de 40 €. Pas d'escompte pour paiement anticipé."
    )
    y = pen.lines(M, y, pen.wrap(legal, W - 2 * M, 7.5), 7.5, 9.5, color=GREY)
    if srng.random() < 0.6:
        pen.text(
            M,
            y - 6,
            pick(srng, "Nous vous remercions de votre confiance.", "Merci pour votre commande !"),
            9,
            "i",
            color=brand,
        )
    if y < 80:
        raise Overflow(path.name)

    # --- footer -----------------------------------------------------------------------------------------------
    assert v.siret is not None and v.tax_id is not None
    siret = f"{v.siret[:3]} {v.siret[3:6]} {v.siret[6:9]} {v.siret[9:]}"
    vat_print = pick(srng, v.tax_id, f"{v.tax_id[:4]} {v.tax_id[4:]}")
    f1 = f"{v.name} – {v.capital} – {v.registration} – SIRET {siret}"
    f2 = f"N° TVA intracommunautaire : {vat_print} – Code APE {APE.get(v.industry, '4690Z')}"
    f3 = f"{' '.join(v.address)} – Tél. {v.phone} – {v.website}"
    rec.ident("vendor_tax_id", v.tax_id)
    pen.hline(M, W - M, 50, 0.4, GREY)
    for i, t in enumerate((f1, f2, f3)):
        size = 7.0
        while pen.width(t, size) > W - 2 * M and size > 5.5:
            size -= 0.25
        pen.text(W / 2, 40 - i * 9, t, size, "r", "c", GREY)
    if inv.copy_label:
        stamp(pen, inv.copy_label, W / 2 - 40, H - 120, angle=-8)
    rec.text("currency", inv.currency)
    c.showPage()
    c.save()
    return exp
