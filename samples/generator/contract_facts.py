"""The truth about one contract: its parties and the facts the expected JSON records.

Composers (``contract_docs.py``) print these facts in many wordings; ``fields()`` turns them into the
expected fields, following the conventions documented in ``contracts.py``. ``rules()`` evaluates the
contract business rules on an expected JSON, so a planted error is exactly the rule the data breaks.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from extractors.model import FIELDS

from . import fakedata as fd
from .legal_words import iso_duration

FIELD_ORDER = list(FIELDS["contract"])
REQUIRED = ("contract_title", "parties", "effective_date")
MIN_NOTICE_DAYS = 30  # the default minimum of the contract rule pack

# --- organisations ---------------------------------------------------------------------------

ADJ = [
    *fd.US_ADJ,
    "Meridian",
    "Bluewater",
    "Atlas",
    "Sterling",
    "Crestview",
    "Halcyon",
    "Vantage",
    "Orion",
    "Beacon",
    "Arrowhead",
    "Clearwater",
    "Westbrook",
    "Stonebridge",
    "Aurora",
    "Kestrel",
    "Ridgeline",
    "Tidewater",
    "Lakeshore",
    "Fairmont",
    "Highgate",
    "Juniper",
    "Larkspur",
    "Monarch",
    "Sagebrush",
]
SECTOR_NOUNS = {
    "tech": ["Software", "Analytics", "Data Systems", "Technologies", "Cloud Services", "Labs"],
    "health": ["Health Partners", "Medical Group", "BioSciences", "Therapeutics", "Diagnostics"],
    "services": ["Consulting Group", "Advisors", "Business Services", "Solutions", "Outsourcing"],
    "realty": ["Properties", "Realty Partners", "Real Estate Holdings", "Development"],
    "industry": ["Manufacturing", "Industries", "Components", "Materials", "Packaging"],
    "logistics": ["Logistics", "Freight Systems", "Distribution", "Supply Chain"],
    "finance": ["Financial", "Capital", "Insurance Services", "Bancorp"],
    "facilities": ["Facility Services", "Building Maintenance", "Janitorial Services"],
}
US_ENTITY = [
    ("Inc.", " Inc.", "corporation"),
    (", Inc.", ", Inc.", "corporation"),
    ("Corp.", " Corp.", "corporation"),
    ("Corporation", " Corporation", "corporation"),
    ("LLC", " LLC", "limited liability company"),
    ("L.L.C.", " L.L.C.", "limited liability company"),
    (", L.P.", ", L.P.", "limited partnership"),
]
STATES = {
    "DE": "Delaware",
    "NY": "New York",
    "CA": "California",
    "TX": "Texas",
    "NV": "Nevada",
    "OH": "Ohio",
    "IL": "Illinois",
    "WA": "Washington",
    "MA": "Massachusetts",
    "NC": "North Carolina",
    "CO": "Colorado",
    "GA": "Georgia",
    "MN": "Minnesota",
}
US_CITIES = [
    ("New York", "NY", "10017"),
    ("Wilmington", "DE", "19801"),
    ("Austin", "TX", "78701"),
    ("Dallas", "TX", "75201"),
    ("Chicago", "IL", "60606"),
    ("San Jose", "CA", "95113"),
    ("Irvine", "CA", "92618"),
    ("Seattle", "WA", "98101"),
    ("Boston", "MA", "02110"),
    ("Columbus", "OH", "43215"),
    ("Charlotte", "NC", "28202"),
    ("Denver", "CO", "80202"),
    ("Atlanta", "GA", "30303"),
    ("Minneapolis", "MN", "55401"),
    ("Reno", "NV", "89501"),
    ("Stamford", "CT", "06901"),
    ("Princeton", "NJ", "08540"),
]
US_STREETS = [
    "Park Avenue",
    "Market Street",
    "Commerce Drive",
    "Lexington Avenue",
    "Congress Avenue",
    "North Wacker Drive",
    "Technology Parkway",
    "Peachtree Street NE",
    "Third Avenue",
    "Corporate Center Drive",
    "Innovation Way",
    "West Monroe Street",
    "Research Boulevard",
    "Harbor Boulevard",
]
SUITES = ["Suite 200", "Suite 1400", "Suite 310", "Floor 12", "Suite 2250", "Suite 800"]
OFFICER_TITLES = [
    "Chief Executive Officer",
    "President",
    "Chief Financial Officer",
    "Chief Operating Officer",
    "General Counsel",
    "Senior Vice President, Operations",
    "Vice President, Procurement",
    "Executive Vice President and Chief Legal Officer",
    "Chief Technology Officer",
    "Managing Director",
]
LLC_TITLES = ["Managing Member", "Manager", "Authorized Signatory", "President"]
UK_TITLES = ["Director", "Director", "Chief Executive", "Company Secretary", "Finance Director"]
UK_TRADES = [
    "Software",
    "Data Services",
    "Consulting",
    "Logistics",
    "Engineering",
    "Property Holdings",
    "Systems",
    "Health",
    "Analytics",
    "Facilities",
]
UK_FORMS = ["Limited", "Ltd", "Limited", "plc", "Limited"]
MIDDLE = "ABCDEFGHJKLMNPRSTW"


@dataclass
class Org:
    name: str  # as printed in the preamble
    short: str  # defined term ("Acme", "Customer", "Landlord")
    desc: str  # "a Delaware corporation", "a company incorporated in England and Wales ..."
    address: list[str]
    signer: str
    signer_title: str
    country: str = "US"
    individual: bool = False
    state: str | None = None  # of incorporation / residence
    entity: str = "corporation"
    company_no: str | None = None

    @property
    def one_line_address(self) -> str:
        return ", ".join(self.address)


def person(rng: random.Random, country: str = "US") -> str:
    if country == "GB":
        return f"{rng.choice(fd.GB_FIRST)} {rng.choice(fd.GB_LAST)}"
    first, last = rng.choice(fd.US_FIRST), rng.choice(fd.US_LAST)
    if rng.random() < 0.45:
        return f"{first} {rng.choice(MIDDLE)}. {last}"
    return f"{first} {last}"


def us_address(rng: random.Random, state: str | None = None) -> list[str]:
    cities = [c for c in US_CITIES if state is None or c[1] == state] or US_CITIES
    city, st, zip_ = rng.choice(cities)
    street = f"{rng.randint(10, 2999)} {rng.choice(US_STREETS)}"
    lines = [street]
    if rng.random() < 0.6:
        lines.append(rng.choice(SUITES))
    lines.append(f"{city}, {st} {zip_}")
    return lines


def gb_address(rng: random.Random) -> list[str]:
    city, post = rng.choice(fd.GB_CITIES)
    lines = []
    if rng.random() < 0.5:
        lines.append(rng.choice(fd.GB_PREMISES))
    lines.append(fd.gb_street(rng))
    lines.append(f"{city} {post}")
    return lines


class Names:
    """Hands out organisation names that are unique within one generated set."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def _free(self, name: str) -> bool:
        key = name.split()[0].lower()
        if key in self.used:
            return False
        self.used.add(key)
        return True

    def us_org(
        self,
        rng: random.Random,
        sector: str,
        *,
        state: str | None = None,
        entity: str | None = None,
        short_role: str | None = None,
    ) -> Org:
        while True:
            adj = rng.choice(ADJ)
            noun = rng.choice(SECTOR_NOUNS[sector])
            forms = [f for f in US_ENTITY if entity is None or f[2] == entity]
            _form, suffix, etype = rng.choice(forms)
            name = f"{adj} {noun}{suffix}"
            if self._free(name):
                break
        st = state or rng.choice(["DE", "DE", "DE", "NY", "CA", "TX", "NV", "OH", "IL", "WA"])
        desc = f"{'an' if STATES[st][0] in 'AEIOU' else 'a'} {STATES[st]} {etype}"
        titles = LLC_TITLES if etype == "limited liability company" else OFFICER_TITLES
        if etype == "limited partnership":
            titles = ["Authorized Signatory", "Vice President"]
        short = short_role or adj
        return Org(
            name=name,
            short=short,
            desc=desc,
            address=us_address(rng),
            signer=person(rng),
            signer_title=rng.choice(titles),
            state=STATES[st],
            entity=etype,
        )

    def uk_org(self, rng: random.Random, short_role: str | None = None) -> Org:
        while True:
            word = rng.choice(fd.GB_WORD)
            name = f"{word} {rng.choice(UK_TRADES)} {rng.choice(UK_FORMS)}"
            if self._free(name):
                break
        number = f"{rng.choice(['0', '1'])}{rng.randint(1000000, 9999999)}"
        addr = gb_address(rng)
        desc = (
            f"a company incorporated and registered in England and Wales with company number "
            f"{number} whose registered office is at {', '.join(addr)}"
        )
        return Org(
            name=name,
            short=short_role or word.split()[0],
            desc=desc,
            address=addr,
            signer=person(rng, "GB"),
            signer_title=rng.choice(UK_TITLES),
            country="GB",
            entity="company",
            company_no=number,
        )

    def individual(self, rng: random.Random, short_role: str = "Consultant") -> Org:
        while True:
            name = person(rng)
            if self._free(name.split()[-1] + " person"):
                break
        addr = us_address(rng)
        return Org(
            name=name,
            short=short_role,
            desc=f"an individual residing at {', '.join(addr)}",
            address=addr,
            signer=name,
            signer_title="",
            individual=True,
            entity="individual",
        )


# --- facts -----------------------------------------------------------------------------------


@dataclass
class Facts:
    kind: str
    title: str
    parties: list[Org]
    effective: date | None  # the date the contract states (None: blank or by signatures)
    eff_mode: str = "as_of"  # as_of | dated | made_day | last_signature | blank | uk_dated
    sign_dates: list[date | None] = field(default_factory=list)
    commencement: date | None = None
    term: tuple[int, str] | None = None  # (2, "years")
    expiration: date | None = None  # printed expiry date
    auto_renewal: bool | None = None
    renewal: tuple[int, str] | None = None
    nonrenewal_days: int | None = None
    convenience_days: int | None = None
    law: str | None = None
    value: Decimal | None = None
    currency: str = "USD"
    payment_terms: str | None = None
    signatories_printed: bool = True
    one_party: bool = False  # unilateral undertaking: only the giver is a party
    extra: dict[str, Any] = field(default_factory=dict)

    def effective_date(self) -> date | None:
        if self.eff_mode == "last_signature":
            dates = [d for d in self.sign_dates if d is not None]
            return max(dates) if dates else None
        if self.eff_mode == "blank":
            return None
        return self.effective

    def fields(self) -> dict[str, Any]:
        f: dict[str, Any] = {"contract_title": " ".join(self.title.split())}
        f["parties"] = [" ".join(o.name.split()) for o in self.parties]
        eff = self.effective_date()
        if eff:
            f["effective_date"] = eff.isoformat()
        if self.expiration:
            f["expiration_date"] = self.expiration.isoformat()
        if self.term:
            f["term"] = iso_duration(*self.term)
        if self.auto_renewal is not None:
            f["auto_renewal"] = self.auto_renewal
        if self.auto_renewal and self.renewal:
            f["renewal_term"] = iso_duration(*self.renewal)
        notice = self.convenience_days or self.nonrenewal_days
        if notice:
            f["termination_notice_days"] = str(notice)
        if self.law:
            f["governing_law"] = self.law
        if self.value is not None:
            f["contract_value"] = f"{self.value:.2f}"
            f["currency"] = self.currency
        if self.payment_terms:
            f["payment_terms"] = " ".join(self.payment_terms.split())
        if self.signatories_printed:
            f["signatories"] = [o.signer for o in self.parties]
        return {k: f[k] for k in FIELD_ORDER if k in f}


def rules(doc: dict[str, Any]) -> set[str]:
    """The contract rules (as the toolkit's rule pack will define them) on one expected JSON."""
    f = doc["fields"]
    out: set[str] = set()
    if (
        "expiration_date" in f
        and "effective_date" in f
        and f["expiration_date"] <= f["effective_date"]
    ):
        out.add("contract.expiration_after_effective")
    if "governing_law" not in f:
        out.add("contract.governing_law_present")
    if len(f.get("parties", [])) < 2:
        out.add("contract.two_parties")
    if f.get("auto_renewal") is True and "termination_notice_days" not in f:
        out.add("contract.auto_renewal_notice")
    if "termination_notice_days" in f and int(f["termination_notice_days"]) < MIN_NOTICE_DAYS:
        out.add("contract.notice_period_minimum")
    if any(k not in f for k in REQUIRED):
        out.add("contract.required_fields")
    return out


def some_date(rng: random.Random, start: int = 2018, end: int = 2024) -> date:
    first = date(start, 1, 1)
    return first + timedelta(days=rng.randrange((date(end, 12, 31) - first).days))


def month_end(d: date) -> date:
    nxt = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def add_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    day = min(d.day, month_end(date(year, month, 1)).day)
    return date(year, month, day)


def round_money(rng: random.Random, lo: int, hi: int, step: int) -> Decimal:
    return Decimal(rng.randrange(lo // step, hi // step + 1) * step).quantize(Decimal("0.01"))
