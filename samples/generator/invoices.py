"""Truth data: vendors, customers, line items, totals and planted errors.

``build_invoice`` turns a :class:`DocSpec` into an :class:`Invoice` whose values are exactly what the
layout will print (planted errors included); the layouts in :mod:`.layouts` draw it and record the
expected fields while drawing.
"""

from __future__ import annotations

import calendar
import random
import unicodedata
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

from . import fakedata as fd
from . import ids
from .formatting import MONTHS, q2
from .model import Brand, Invoice, LineItem, Party, Vendor

RULES = (
    "invoice.totals_add_up",
    "invoice.line_items_sum",
    "invoice.line_item_amount",
    "invoice.due_date_order",
    "invoice.amount_due_within_total",
    "invoice.duplicate",
    "invoice.required_fields",
)

FAMILY_LANG = {
    "us-corporate": "en",
    "de-din5008": "de",
    "fr-facture": "fr",
    "nl-factuur": "nl",
    "uk-minimal": "en",
    "services": "en",
    "receipt": "en",
    "saas-modern": "en",
}
COUNTRY_LANG = {"US": "en", "GB": "en", "IE": "en", "DE": "de", "FR": "fr", "NL": "nl"}
COUNTRY_CURRENCY = {"US": "USD", "GB": "GBP", "IE": "EUR", "DE": "EUR", "FR": "EUR", "NL": "EUR"}
VAT_RATE = {
    "DE": Decimal(19),
    "FR": Decimal(20),
    "NL": Decimal(21),
    "GB": Decimal(20),
    "IE": Decimal(23),
    "US": Decimal(0),
}
ITEM_COUNTS = {
    "us-corporate": (3, 9),
    "de-din5008": (2, 8),
    "fr-facture": (2, 8),
    "nl-factuur": (2, 7),
    "uk-minimal": (2, 8),
    "multipage-distributor": (34, 45),
    "services": (3, 6),
    "receipt": (3, 9),
    "saas-modern": (1, 4),
}

BRAND_COLORS: list[tuple[float, float, float]] = [
    (0.11, 0.23, 0.42),
    (0.0, 0.42, 0.45),
    (0.5, 0.1, 0.16),
    (0.13, 0.4, 0.22),
    (0.85, 0.38, 0.05),
    (0.25, 0.3, 0.36),
    (0.1, 0.3, 0.68),
    (0.36, 0.2, 0.5),
    (0.72, 0.12, 0.12),
    (0.38, 0.44, 0.1),
    (0.2, 0.2, 0.22),
    (0.0, 0.33, 0.52),
    (0.55, 0.35, 0.1),
    (0.05, 0.5, 0.35),
]
ACCENTS: list[tuple[float, float, float]] = [
    (0.95, 0.7, 0.15),
    (0.4, 0.75, 0.9),
    (0.55, 0.8, 0.45),
    (0.95, 0.45, 0.35),
    (0.7, 0.7, 0.72),
]
LOGOS = [
    "circle",
    "square",
    "mountain",
    "hexagon",
    "bars",
    "ring",
    "diamond",
    "wave",
    "stack",
    "leaf",
]


@dataclass(frozen=True)
class DocSpec:
    """What to generate for one document (before any rendering choices)."""

    name: str  # file stem
    family: str
    country: str  # vendor country
    industry: str = "office"
    vendor_key: str = ""  # documents with the same key share the vendor
    seq: int = 0  # n-th invoice of that vendor
    error: str | None = None
    customer_country: str | None = None


def slug(text: str) -> str:
    text = text.replace("ß", "ss").replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in text.lower() if ch.isalnum())


def _pick_n(rng: random.Random, digits: int) -> int:
    return rng.randint(10 ** (digits - 1), 10**digits - 1)


# --- parties -------------------------------------------------------------------

US_AREA = {
    "Columbus": "614",
    "Austin": "512",
    "Denver": "303",
    "Portland": "503",
    "Raleigh": "919",
    "Minneapolis": "612",
    "Nashville": "615",
    "Phoenix": "602",
    "Charlotte": "704",
    "Indianapolis": "317",
    "Salt Lake City": "801",
    "Kansas City": "816",
    "Tampa": "813",
    "Sacramento": "916",
    "Madison": "608",
    "Boise": "208",
    "Richmond": "804",
    "Pittsburgh": "412",
    "Albany": "518",
    "Omaha": "402",
    "Grand Rapids": "616",
    "Louisville": "502",
    "Chattanooga": "423",
    "Fort Worth": "817",
}
DE_AREA = {
    "Berlin": "30",
    "Hamburg": "40",
    "München": "89",
    "Köln": "221",
    "Frankfurt am Main": "69",
    "Stuttgart": "711",
    "Düsseldorf": "211",
    "Leipzig": "341",
    "Dresden": "351",
    "Hannover": "511",
    "Nürnberg": "911",
    "Bremen": "421",
    "Essen": "201",
    "Dortmund": "231",
    "Mannheim": "621",
    "Karlsruhe": "721",
    "Freiburg im Breisgau": "761",
    "Regensburg": "941",
    "Bielefeld": "521",
    "Münster": "251",
    "Mainz": "6131",
    "Kiel": "431",
    "Augsburg": "821",
    "Würzburg": "931",
}
NL_AREA = {
    "Amsterdam": "020",
    "Rotterdam": "010",
    "Den Haag": "070",
    "Utrecht": "030",
    "Eindhoven": "040",
    "Groningen": "050",
    "Arnhem": "026",
    "Tilburg": "013",
    "Breda": "076",
    "Haarlem": "023",
    "Nijmegen": "024",
    "Enschede": "053",
    "Zwolle": "038",
    "Alkmaar": "072",
    "Amersfoort": "033",
    "Leiden": "071",
}
GB_AREA = {
    "Manchester": "0161 496",
    "Leeds": "0113 496",
    "Bristol": "0117 496",
    "Birmingham": "0121 496",
    "Sheffield": "0114 496",
    "Nottingham": "0115 496",
    "Edinburgh": "0131 496",
    "Glasgow": "0141 496",
    "Reading": "0118 496",
    "Leicester": "0116 496",
}


def _address(country: str, rng: random.Random) -> tuple[list[str], str]:
    """Address lines (without the name) and the city."""
    if country == "US":
        city, state, zipc, _ = rng.choice(fd.US_CITIES)
        street = fd.us_street(rng)
        lines = [street]
        if rng.random() < 0.4:
            suite = rng.choice(fd.US_SUITES)
            if rng.random() < 0.5:
                lines = [f"{street}, {suite}"]
            else:
                lines.append(suite)
        lines.append(f"{city}, {state} {zipc}")
        return lines, city
    if country == "DE":
        plz, city = rng.choice(fd.DE_CITIES)
        return [fd.de_street(rng), f"{plz} {city}"], city
    if country == "FR":
        cp, city = rng.choice(fd.FR_CITIES)
        lines = [fd.fr_street(rng)]
        if rng.random() < 0.2:
            lines.insert(0, rng.choice(["ZA des Prés", "Parc d'activités du Moulin", "Bâtiment B"]))
        return [*lines, f"{cp} {city.upper() if rng.random() < 0.5 else city}"], city
    if country == "NL":
        pc, city = rng.choice(fd.NL_CITIES)
        return [fd.nl_street(rng), f"{pc} {city.upper() if rng.random() < 0.3 else city}"], city
    if country == "GB":
        city, pc = rng.choice(fd.GB_CITIES)
        lines = [fd.gb_street(rng)]
        if rng.random() < 0.5:
            lines.insert(0, rng.choice(fd.GB_PREMISES))
        return [*lines, city.upper() if rng.random() < 0.3 else city, pc], city
    if country == "IE":
        city, eircode = rng.choice(fd.IE_CITIES)
        return [f"{rng.randint(1, 90)} {rng.choice(fd.IE_STREETS)}", city, eircode], city
    raise ValueError(country)


def _phone(country: str, city: str, rng: random.Random) -> str:
    if country == "US":
        return f"({US_AREA.get(city, '555')}) 555-01{rng.randint(0, 99):02d}"
    if country == "DE":
        area = DE_AREA.get(city, "30")
        num = f"{rng.randint(200, 989)}{rng.randint(10, 99)}"
        return rng.choice(
            [f"+49 {area} {num}-0", f"0{area} {num}-0", f"0{area} / {num[:3]} {num[3:]}"]
        )
    if country == "FR":
        pre = {
            "Paris": "01",
            "Boulogne-Billancourt": "01",
            "Nantes": "02",
            "Rennes": "02",
            "Tours": "02",
            "Angers": "02",
            "Lille": "03",
            "Strasbourg": "03",
            "Dijon": "03",
            "Reims": "03",
            "Toulouse": "05",
            "Bordeaux": "05",
        }.get(city, "04")
        return pre + "".join(f" {rng.randint(10, 99)}" for _ in range(4))
    if country == "NL":
        area = NL_AREA.get(city, "030")
        n = (
            f"{rng.randint(200, 899)} {rng.randint(1000, 9999)}"
            if len(area) == 3
            else f"{rng.randint(100000, 999999)}"
        )
        return rng.choice([f"{area} {n}", f"+31 (0){area[1:]} {n}"])
    if country == "GB":
        if city in GB_AREA:
            return f"{GB_AREA[city]} 0{rng.randint(0, 999):03d}"
        return f"01632 960{rng.randint(0, 999):03d}"
    if country == "IE":
        return f"+353 1 {rng.randint(400, 899)} {rng.randint(1000, 9999)}"
    raise ValueError(country)


def _vendor_name(country: str, industry: str, rng: random.Random, family: str) -> tuple[str, str]:
    """(legal name, short brand name)"""
    forms = {
        "US": ["Inc.", "LLC", ", Inc.", ", LLC"],
        "GB": ["Ltd", "Limited", "LLP"],
        "IE": ["Ltd", "Limited"],
        "NL": ["B.V."],
        "DE": ["GmbH"],
        "FR": ["SAS"],
    }[country]
    if family in ("services", "saas-modern"):
        word = rng.choice(fd.SERVICE_NAMES)
        kind = rng.choice(
            fd.SERVICE_FIRMS
            if family == "services"
            else ["Software", "Cloud", "Labs", "Systems", "HQ"]
        )
        base = f"{word} {kind}"
        form = rng.choice(forms)
        return (base + form if form.startswith(",") else f"{base} {form}"), (
            word if family == "saas-modern" else base
        )
    if family == "receipt":
        kind = {"food": "cafe", "industrial": "hardware"}.get(industry, "grocery")
        store = rng.choice(fd.RECEIPT_STORES[kind][0])
        return store, store
    if country == "US":
        noun = rng.choice(fd.US_NOUN[industry])
        form = rng.choice(fd.US_FORMS)
        if rng.random() < 0.6:
            short = rng.choice(fd.US_ADJ)
        else:
            short = " & ".join(rng.sample(fd.US_LAST, 2))
        base = f"{short} {noun}"
        name = base + form if form.startswith(",") else f"{base} {form}"
        return name, short
    if country == "DE":
        trade = rng.choice(fd.DE_TRADE[industry])
        last = rng.choice(fd.DE_LAST)
        form = rng.choice(fd.DE_FORMS)
        roll = rng.random()
        if form == "e.K.":
            base = f"{trade} {last}"
        elif roll < 0.4:
            base = f"{last} {trade}"
        elif roll < 0.7:
            base = f"{rng.choice(fd.DE_REGION)} {trade}"
        else:
            base = f"{last} & {rng.choice([n for n in fd.DE_LAST if n != last])}"
        return f"{base} {form}", base
    if country == "FR":
        trade = rng.choice(fd.FR_TRADE[industry])
        roll = rng.random()
        if roll < 0.42:
            base = f"{trade} {rng.choice(fd.FR_LAST)}"
        elif roll < 0.85:
            base = f"{rng.choice(fd.FR_WORD)} {trade}"
        else:
            base = f"Ets {rng.choice(fd.FR_LAST)} et Fils"
        return f"{base} {rng.choice(fd.FR_FORMS)}", base
    if country == "NL":
        trade = rng.choice(fd.NL_TRADE[industry])
        if rng.random() < 0.5:
            last = rng.choice(fd.NL_LAST)
            base = f"{last[0].upper()}{last[1:]} {trade}"
        else:
            base = f"{rng.choice(fd.NL_WORD)} {trade}"
        return f"{base} {rng.choice(fd.NL_FORMS)}", base
    if country == "GB":
        trade = rng.choice(fd.GB_TRADE[industry])
        if rng.random() < 0.6:
            base = f"{rng.choice(fd.GB_WORD)} {trade}"
        else:
            base = " & ".join(rng.sample(fd.GB_LAST, 2))
        return f"{base} {rng.choice(fd.GB_FORMS)}", base
    if country == "IE":
        base = f"{rng.choice(fd.SERVICE_NAMES)} {rng.choice(fd.SERVICE_FIRMS)}"
        return f"{base} Ltd", base
    raise ValueError(country)


INVOICE_FORMATS = {
    "US": [
        "INV-{n:05d}",
        "{n:06d}",
        "INV{year}{n:04d}",
        "A-{n:06d}",
        "{year}-{n:04d}",
        "SI{n:07d}",
    ],
    "DE": [
        "RE-{year}-{n:05d}",
        "{year}{n:04d}",
        "R{n:06d}",
        "RE{yy}-{n:04d}",
        "{n:05d}/{year}",
        "RG-{n:06d}",
    ],
    "FR": [
        "FA-{year}-{n:04d}",
        "F{year}{mm}-{n:03d}",
        "FAC{n:06d}",
        "{year}-{n:04d}",
        "FC{yy}{n:05d}",
    ],
    "NL": ["{year}-{n:04d}", "F{year}{n:04d}", "NL{yy}-{n:04d}", "{n:06d}", "VF{year}.{n:04d}"],
    "GB": ["INV-{n:04d}", "{code}{n:05d}", "SI-{n:06d}", "INV{n:06d}"],
    "IE": ["BN-{year}-{n:03d}", "DOC-{n:05d}", "{yy}{mm}-{n:03d}"],
}


def make_vendor(country: str, industry: str, rng: random.Random, family: str) -> Vendor:
    name, short = _vendor_name(country, industry, rng, family)
    address, city = _address(country, rng)
    words = [slug(w) for w in short.split() if slug(w) and w not in ("&", "et", "de", "Ets", "van")]
    dom = words[0]
    for w in words[1:]:
        if len(dom) + len(w) <= 20:
            dom += w
    dom = (
        dom
        + {"US": ".com", "DE": ".de", "FR": ".fr", "NL": ".nl", "GB": ".co.uk", "IE": ".ie"}[
            country
        ]
    )
    mailbox = {
        "US": ["billing", "accounts", "ar", "invoices"],
        "DE": ["info", "buchhaltung", "rechnung"],
        "FR": ["contact", "compta", "facturation"],
        "NL": ["info", "administratie", "facturen"],
        "GB": ["accounts", "hello", "invoices"],
        "IE": ["accounts", "hello"],
    }[country]
    brand = Brand(
        color=rng.choice(BRAND_COLORS),
        accent=rng.choice(ACCENTS),
        logo=rng.choice(LOGOS),
        short_name=short,
        tagline=None,
    )
    v = Vendor(
        name=name,
        address=address,
        country=country,
        phone=_phone(country, city, rng),
        email=f"{rng.choice(mailbox)}@{dom}",
        website=f"www.{dom}",
        brand=brand,
        bank=ids.bank_account(country, rng),
        industry=industry,
        invoice_format=rng.choice(
            INVOICE_FORMATS["IE" if family == "services" and country != "US" else country]
        )
        if family != "saas-modern"
        else "{code8}-{n:04d}",  # Stripe style: account prefix + running number
        invoice_seq=rng.randint(120, 9400) if family != "saas-modern" else rng.randint(1, 60),
        code="".join(rng.choice("ABCDEF0123456789") for _ in range(8)),
    )
    if country == "US":
        v.tax_id = ids.us_ein_number(rng)
    elif country == "DE":
        v.tax_id = ids.de_vat(rng)
        kind = "HRA" if name.endswith(("KG", "e.K.")) else "HRB"
        court = fd.DE_COURTS.get(city, city)
        v.registration = f"Amtsgericht {court}, {kind} {ids.hrb_number(rng)}"
        role = (
            "Vorstand"
            if name.endswith(" AG")
            else "Inhaber"
            if name.endswith("e.K.")
            else "Geschäftsführer"
        )
        owner = short.split()[-1] if role == "Inhaber" else rng.choice(fd.DE_LAST)
        v.managing_director = f"{role}: {rng.choice(fd.DE_FIRST)} {owner}"
    elif country == "FR":
        fr = ids.fr_company(rng)
        v.tax_id = fr.vat
        v.siret = fr.siret
        form = name.rsplit(" ", 1)[1]
        v.capital = f"{form} au capital de {rng.choice(['1 000', '7 500', '10 000', '37 000', '50 000', '150 000'])} €"
        v.registration = f"RCS {city} {fr.siren[:3]} {fr.siren[3:6]} {fr.siren[6:]}"
    elif country == "NL":
        v.tax_id = ids.nl_vat(rng)
        v.registration = f"KvK {ids.kvk_number(rng)}"
    elif country == "GB":
        v.tax_id = ids.gb_vat_number(rng)
        v.registration = f"Company No. {ids.gb_company_number(rng)}"
    elif country == "IE":
        v.tax_id = ids.ie_vat(rng)
        v.registration = f"Company No. {rng.randint(500000, 799999)}"
    return v


def make_customer(country: str, rng: random.Random, foreign: bool = False) -> Party:
    if country == "US":
        name = f"{rng.choice(fd.US_LAST)} {rng.choice(fd.US_CUSTOMER)}"
        if rng.random() < 0.4:
            name += rng.choice([", LLC", " Inc.", ", PLLC", " LLP"])
    elif country == "DE":
        kind = rng.choice(fd.DE_CUSTOMER)
        last = rng.choice(fd.DE_LAST)
        name = rng.choice(
            [
                f"{kind} {last}",
                f"{kind} {last} GmbH",
                f"{last} {kind} GmbH",
                f"{kind} Dr. {last}",
                f"{last} & {rng.choice([n for n in fd.DE_LAST if n != last])} {kind}",
            ]
        )
    elif country == "FR":
        kind = rng.choice(fd.FR_CUSTOMER)
        name = f"{kind} {rng.choice(fd.FR_LAST)}" + rng.choice(["", "", " SARL", " SAS"])
    elif country == "NL":
        kind = rng.choice(fd.NL_CUSTOMER)
        name = f"{kind} {rng.choice(fd.NL_LAST)}" + rng.choice(["", "", " B.V."])
    elif country == "GB":
        name = f"{rng.choice(fd.GB_LAST)} {rng.choice(fd.GB_CUSTOMER)}" + rng.choice(
            ["", " Ltd", ""]
        )
    elif country == "IE":
        name = f"{rng.choice(fd.GB_LAST)} {rng.choice(fd.GB_CUSTOMER)} Ltd"
    else:
        raise ValueError(country)
    address, _city = _address(country, rng)
    if foreign:
        address = [
            *address,
            {
                "DE": "Germany",
                "NL": "Netherlands",
                "FR": "France",
                "GB": "United Kingdom",
                "US": "USA",
                "IE": "Ireland",
            }[country],
        ]
    p = Party(name=name, address=address, country=country)
    if foreign and country in ("DE", "NL", "FR"):
        p.tax_id = (
            ids.fr_company(rng).vat
            if country == "FR"
            else ids.de_vat(rng)
            if country == "DE"
            else ids.nl_vat(rng)
        )
    return p


# --- items ------------------------------------------------------------------------


def _catalog_items(
    industries: list[str], lang: str, n: int, rng: random.Random, when: date
) -> list[LineItem]:
    pool = [it for ind in industries for it in fd.CATALOGS[ind]]
    items: list[LineItem] = []
    seen: set[str] = set()
    attempts = 0
    while len(items) < n and attempts < 2000:
        attempts += 1
        entry = rng.choice(pool)
        desc, code = entry.render(lang, rng)
        month = MONTHS[lang][(when.month - 2) % 12]
        desc = desc.replace(
            "{month}",
            f"{month.capitalize() if lang in ('en', 'de') else month} "
            f"{when.year if when.month > 1 else when.year - 1}",
        )
        if desc in seen or (len(pool) > n and any(i.product_code == code for i in items)):
            continue
        seen.add(desc)
        qty = entry.draw_qty(rng)
        price = entry.draw_price(rng)
        items.append(LineItem(desc, qty, price, q2(qty * price), code, entry.unit))
    return items


def _service_items(n: int, rng: random.Random, when: date) -> list[LineItem]:
    rate = Decimal(rng.choice([95, 110, 125, 135, 150, 165, 180, 195]))
    lines = rng.sample(fd.SERVICE_LINES, n)
    start = when - timedelta(days=rng.randint(25, 40))
    items = []
    for i, text in enumerate(lines):
        hours = Decimal(rng.randint(2, 24)) + rng.choice(
            [Decimal(0), Decimal("0.5"), Decimal("0.25"), Decimal(0)]
        )
        r = rate if rng.random() < 0.8 else rate - Decimal(rng.choice([20, 30, 45]))
        d = start + timedelta(days=i * rng.randint(2, 6))
        items.append(LineItem(text, hours, r, q2(hours * r), None, "hr", d))
    return items


SAAS_PRODUCTS = [
    ("{b} Team plan (per seat)", (5, 40), ("12.00", "29.00")),
    ("{b} Business plan (per seat)", (3, 25), ("39.00", "79.00")),
    ("Additional storage (100 GB)", (1, 5), ("9.00", "19.00")),
    ("API requests overage (per 10,000)", (2, 60), ("1.50", "4.00")),
    ("Premium support add-on", (1, 1), ("99.00", "299.00")),
    ("Onboarding package (one-time)", (1, 1), ("450.00", "1200.00")),
    ("SSO / SAML add-on", (1, 1), ("120.00", "240.00")),
]


def _saas_items(n: int, rng: random.Random, when: date, brand: str) -> list[LineItem]:
    end = when + timedelta(days=30)
    period = f"{MONTHS['en'][when.month - 1][:3]} {when.day} – {MONTHS['en'][end.month - 1][:3]} {end.day}, {end.year}"
    chosen = [SAAS_PRODUCTS[rng.randint(0, 1)], *rng.sample(SAAS_PRODUCTS[2:], n - 1)]
    items = []
    for i, (text, qr, pr) in enumerate(chosen):
        qty = Decimal(rng.randint(*qr))
        lo, hi = int(Decimal(pr[0])), int(Decimal(pr[1]))
        price = Decimal(rng.randint(lo, hi)) + (
            Decimal("0.00") if i == 0 else Decimal(rng.choice(["0", "0.50"]))
        )
        desc = text.format(b=brand)
        if "one-time" not in desc:
            desc += "\n" + period
        items.append(LineItem(desc, qty, price, q2(qty * price)))
    return items


def _receipt_items(n: int, rng: random.Random, store_kind: str) -> list[LineItem]:
    _stores, goods = fd.RECEIPT_STORES[store_kind]
    items = []
    for desc, lo, hi in rng.sample(goods, min(n, len(goods))):
        cents = rng.randint(int(Decimal(lo) * 100), int(Decimal(hi) * 100))
        raw = cents - cents % 10 + 9 if store_kind != "cafe" else cents - cents % 25
        price = (Decimal(raw) / 100).quantize(Decimal("0.01"))
        qty = Decimal(rng.choice([1, 1, 1, 2, 3]))
        items.append(LineItem(desc, qty, price, q2(qty * price)))
    return items


# --- dates & terms --------------------------------------------------------------------

TERMS = {
    "en": [
        ("Net 30", 30),
        ("Net 15", 15),
        ("Net 45", 45),
        ("Net 30", 30),
        ("Due on receipt", 0),
        ("2% 10, Net 30", 30),
    ],
    "en_GB": [("30 days", 30), ("14 days", 14), ("30 days net", 30), ("7 days", 7)],
    "de": [
        ("14 Tage netto", 14),
        ("30 Tage netto", 30),
        ("sofort ohne Abzug", 0),
        ("10 Tage 2 % Skonto, 30 Tage netto", 30),
        ("8 Tage netto", 8),
    ],
    "fr": [
        ("30 jours", 30),
        ("45 jours", 45),
        ("À réception", 0),
        ("30 jours fin de mois", -30),
        ("60 jours", 60),
    ],
    "nl": [("30 dagen", 30), ("14 dagen", 14), ("21 dagen", 21), ("8 dagen", 8)],
}


def _due(issue: date, days: int) -> date:
    if days < 0:  # "30 jours fin de mois"
        d = issue + timedelta(days=-days)
        return d.replace(day=calendar.monthrange(d.year, d.month)[1])
    return issue + timedelta(days=days)


def make_number(vendor: Vendor, n: int, when: date) -> str:
    return vendor.invoice_format.format(
        n=n,
        year=when.year,
        yy=f"{when.year % 100:02d}",
        mm=f"{when.month:02d}",
        code=vendor.code[:3],
        code8=vendor.code,
    )


# --- assembly ---------------------------------------------------------------------------


def totals(items: list[LineItem], rate: Decimal) -> tuple[Decimal, Decimal, Decimal]:
    sub = sum((li.amount for li in items), Decimal("0.00"))
    tax = q2(sub * rate / 100)
    return sub, tax, sub + tax


def build_invoice(spec: DocSpec, seed: int, n_items: int | None = None) -> Invoice:
    """Build the truth for one document; ``n_items`` overrides the random item count (used on overflow)."""
    rng = random.Random(f"{seed}:doc:{spec.name}")
    key = spec.vendor_key or spec.name
    vendor = make_vendor(
        spec.country, spec.industry, random.Random(f"{seed}:vendor:{key}"), spec.family
    )
    vrng = random.Random(f"{seed}:vendor:{key}:timeline")
    base = date(2023, 9, 1) + timedelta(days=vrng.randint(0, 480))
    issue = base + timedelta(
        days=spec.seq * vrng.randint(24, 38) + (rng.randint(0, 3) if spec.seq else 0)
    )
    step = (1, 1) if spec.family == "saas-modern" else (3, 40)
    n = vendor.invoice_seq + sum(vrng.randint(*step) for _ in range(spec.seq))
    lang = (
        COUNTRY_LANG[spec.country]
        if spec.family in ("multipage-distributor",)
        else FAMILY_LANG[spec.family]
    )
    currency = COUNTRY_CURRENCY[spec.country]

    ccountry = spec.customer_country or (
        spec.country
        if spec.family not in ("services",) or spec.country == "US"
        else rng.choice(["DE", "NL", "IE"])
    )
    customer = make_customer(
        ccountry, random.Random(f"{seed}:customer:{spec.name}"), foreign=ccountry != spec.country
    )

    lo, hi = ITEM_COUNTS[spec.family]
    count = n_items if n_items is not None else rng.randint(lo, hi)
    if spec.family == "services":
        items = _service_items(count, rng, issue)
    elif spec.family == "saas-modern":
        items = _saas_items(count, rng, issue, vendor.brand.short_name if vendor.brand else "Cloud")
    elif spec.family == "receipt":
        store_kind = {"food": "cafe", "industrial": "hardware"}.get(spec.industry, "grocery")
        items = _receipt_items(count, rng, store_kind)
    elif spec.family == "multipage-distributor":
        items = _catalog_items(["industrial", "electrical"], lang, count, rng, issue)
    else:
        items = _catalog_items([spec.industry], lang, count, rng, issue)
        if spec.family in ("us-corporate", "de-din5008", "fr-facture") and rng.random() < 0.35:
            ship = Decimal(rng.choice(["9.95", "12.50", "14.90", "19.00", "24.95", "35.00"]))
            items.append(
                LineItem(
                    fd.SHIPPING[lang],
                    Decimal(1),
                    ship,
                    ship,
                    "FRT" if lang == "en" else "VK",
                    "flat",
                )
            )

    # tax
    reverse = False
    if spec.country == "US":
        city = customer.address[-1].split(",")[0]
        rate = next((Decimal(r) for c, _s, _z, r in fd.US_CITIES if c == city), Decimal("7"))
        if spec.family == "services":
            rate = Decimal(0)
        elif spec.family == "receipt":
            vcity = vendor.address[-1].split(",")[0]
            rate = next((Decimal(r) for c, _s, _z, r in fd.US_CITIES if c == vcity), Decimal("7"))
    elif spec.family == "services" and ccountry != spec.country:
        rate, reverse = Decimal(0), True
    else:
        rate = VAT_RATE[spec.country]

    # terms & dates
    tkey = "en_GB" if spec.country in ("GB", "IE") else lang
    terms_text, days = rng.choice(TERMS[tkey])
    if spec.family == "services":
        days = rng.choice([14, 15, 30])
        terms_text = f"{days} days" if spec.country != "US" else f"Net {days}"
    if spec.family == "saas-modern":
        days = rng.choice([0, 14, 30])
        terms_text = "Due on receipt" if days == 0 else f"Net {days}"
    due = _due(issue, days)

    sub, tax, total = totals(items, rate)
    show_due = {
        "us-corporate": 1.0,
        "uk-minimal": 1.0,
        "saas-modern": 1.0,
        "fr-facture": 0.7,
        "nl-factuur": 0.5,
        "multipage-distributor": 0.4 if lang != "de" else 0.0,
        "services": 0.5,
    }.get(spec.family, 0.0)
    paid = Decimal("0.00")
    if spec.family in ("us-corporate", "fr-facture") and rng.random() < 0.25 and spec.error is None:
        paid = q2(total * Decimal(rng.choice(["0.3", "0.5"]))).quantize(Decimal(1)) + Decimal(
            "0.00"
        )

    inv = Invoice(
        family=spec.family,
        lang=lang,
        country=spec.country,
        currency=currency,
        vendor=vendor,
        customer=customer,
        number=make_number(vendor, n, issue),
        issue_date=issue,
        items=items,
        tax_rate=rate,
        subtotal=sub,
        tax_amount=tax,
        total=total,
        amount_due=total - paid,
        due_date=due,
        paid=paid,
        delivery_date=issue - timedelta(days=rng.randint(0, 6)),
        purchase_order=_po(spec.country, rng) if rng.random() < 0.6 else None,
        customer_number=_customer_no(spec.country, rng),
        terms_days=days,
        show_amount_due=rng.random() < show_due or paid > 0,
        reverse_charge=reverse,
        extra={"terms": terms_text},
    )
    if spec.family == "receipt":
        inv.number = _receipt_number(rng)
        inv.due_date = None
        inv.purchase_order = None
        inv.show_amount_due = False
        inv.extra.update(_receipt_extra(rng, spec.industry))
    if spec.family == "us-corporate" and rng.random() < 0.6:
        inv.ship_to = make_customer("US", random.Random(f"{seed}:shipto:{spec.name}"))
        inv.ship_to.name = customer.name if rng.random() < 0.5 else inv.ship_to.name
    if spec.family == "multipage-distributor":
        site = make_customer(spec.country, random.Random(f"{seed}:shipto:{spec.name}"))
        inv.ship_to = Party(customer.name, site.address, site.country)
        inv.extra["delivery_note"] = str(_pick_n(rng, 7))
    if spec.error:
        plant_error(inv, spec.error, rng)
    return inv


def _po(country: str, rng: random.Random) -> str:
    return rng.choice(
        {
            "US": [f"PO-{_pick_n(rng, 6)}", f"{_pick_n(rng, 5)}", f"PO{_pick_n(rng, 7)}"],
            "DE": [f"4500{_pick_n(rng, 6)}", f"BST-{_pick_n(rng, 5)}", f"{_pick_n(rng, 6)}"],
            "FR": [f"BC{_pick_n(rng, 5)}", f"CMD-{_pick_n(rng, 6)}", f"{_pick_n(rng, 7)}"],
            "NL": [f"PO{_pick_n(rng, 6)}", f"IO-{_pick_n(rng, 5)}", f"{_pick_n(rng, 8)}"],
            "GB": [f"PO{_pick_n(rng, 5)}", f"PO-{_pick_n(rng, 6)}"],
            "IE": [f"PO-{_pick_n(rng, 5)}", f"SOW-{rng.randint(1, 40):03d}"],
        }[country]
    )


def _customer_no(country: str, rng: random.Random) -> str:
    return rng.choice(
        [f"{_pick_n(rng, 5)}", f"K{_pick_n(rng, 5)}", f"C-{_pick_n(rng, 4)}", f"{_pick_n(rng, 6)}"]
    )


def _receipt_number(rng: random.Random) -> str:
    return rng.choice(
        [
            f"{_pick_n(rng, 5)}",
            f"{rng.randint(1, 99):04d}-{rng.randint(1, 9):02d}-{_pick_n(rng, 5)}",
            f"{_pick_n(rng, 6)}",
        ]
    )


def _receipt_extra(rng: random.Random, industry: str) -> dict[str, str]:
    card = rng.choice(["VISA", "MASTERCARD", "AMEX", "DEBIT", "CASH"])
    return {
        "time": f"{rng.randint(7, 20):02d}:{rng.randint(0, 59):02d}",
        "card": card,
        "last4": f"{rng.randint(0, 9999):04d}",
        "auth": f"{_pick_n(rng, 6)}",
        "store_no": f"{rng.randint(1, 950):04d}",
        "register": f"{rng.randint(1, 8):02d}",
        "cashier": rng.choice(
            ["MARIA", "JOSH", "KAYLA", "DEVON", "PRIYA", "SAM", "ALEX", "TERESA"]
        ),
        "store_kind": {"food": "cafe", "industrial": "hardware"}.get(industry, "grocery"),
    }


# --- planted errors ----------------------------------------------------------------------------


def plant_error(inv: Invoice, rule: str, rng: random.Random) -> None:
    """Modify the printed values so that exactly ``rule`` is violated."""
    if rule not in RULES:
        raise ValueError(rule)
    inv.planted_errors.append(rule)
    if rule == "invoice.totals_add_up":
        delta = Decimal(rng.choice(["10.00", "100.00", "-10.00", "0.90", "1.00", "-100.00"]))
        inv.total = inv.total + delta
        inv.amount_due = inv.total - inv.paid
    elif rule == "invoice.line_items_sum":
        inv.subtotal = inv.subtotal + Decimal(rng.choice(["10.00", "-10.00", "100.00", "9.00"]))
        inv.tax_amount = q2(inv.subtotal * inv.tax_rate / 100)
        inv.total = inv.subtotal + inv.tax_amount
        inv.amount_due = inv.total - inv.paid
    elif rule == "invoice.line_item_amount":
        li = max(inv.items, key=lambda i: i.quantity)  # a line with qty > 1 so the error is visible
        li.amount = li.amount + Decimal(rng.choice(["10.00", "-1.00", "100.00", "5.00"]))
        inv.subtotal, inv.tax_amount, inv.total = totals(inv.items, inv.tax_rate)
        inv.amount_due = inv.total - inv.paid
    elif rule == "invoice.due_date_order":
        inv.due_date = inv.issue_date - timedelta(days=rng.randint(5, 40))
        inv.extra.pop("terms", None)  # no contradicting "Net 30" text
    elif rule == "invoice.amount_due_within_total":
        inv.amount_due = inv.total + Decimal(rng.choice(["100.00", "250.00", "45.00"]))
        inv.show_amount_due = True
        inv.paid = Decimal("0.00")
    elif rule == "invoice.required_fields":
        inv.number = None
    elif rule == "invoice.duplicate":
        pass  # the caller re-renders an existing invoice


def reissue(original: Invoice, label: str) -> Invoice:
    """A re-issued copy of an invoice: same vendor, number and amounts."""
    inv = replace(
        original, planted_errors=["invoice.duplicate"], copy_label=label, extra=dict(original.extra)
    )
    return inv
