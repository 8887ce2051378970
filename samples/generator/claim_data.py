"""Truth for the claim samples: payers, practices, patients, diagnoses and service lines of
professional health-insurance claims (CMS-1500 style), and the planted errors.

Everything here is invented except the code sets: diagnosis codes are billable ICD-10-CM codes
(checked against ``simple_icd_10_cm`` at import), procedure codes are real CPT / HCPCS Level II
codes with plausible office charges, NPIs carry a valid check digit (Luhn over ``80840`` and the
first nine digits), EINs use assigned prefixes. Phone numbers are in the fictional 555-01xx range,
SSN-style tax ids in the range reserved for advertising (987-65-4320 to 987-65-4329).
"""

from __future__ import annotations

import random
import warnings
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from stdnum import luhn

from .fakedata import US_CITIES, us_street
from .formatting import money_str
from .ids import us_ein_number

with warnings.catch_warnings():  # the library reads its data through a deprecated API
    warnings.simplefilter("ignore", DeprecationWarning)
    import simple_icd_10_cm as icd

TODAY = date(2026, 11, 23)  # "today" of the set: a service after it is a planted error
DOS_FIRST = date(2025, 11, 24)  # dates of service fall within the year before ...
DOS_LAST = date(2026, 10, 31)  # ... and before November 2026
LETTERS = "ABCDEFGHIJKL"  # box 21 diagnoses A-L, what the pointers of box 24E refer to

RULES = (
    "claim.npi_check_digit",
    "claim.icd10_codes_valid",
    "claim.procedure_code_format",
    "claim.service_lines_sum",
    "claim.diagnosis_pointers",
    "claim.service_dates",
    "claim.amount_paid_within_total",
    "claim.duplicate",
    "claim.required_fields",
)

# --- people ---------------------------------------------------------------------------------

FEMALE_FIRST = [
    "Angela", "Brenda", "Carmen", "Diane", "Elena", "Fatima", "Grace", "Hannah", "Irene",
    "Janet", "Keisha", "Laura", "Maria", "Nancy", "Olivia", "Priya", "Rachel", "Sandra",
    "Teresa", "Valerie", "Wendy", "Yolanda", "Chloe", "Emily", "Sophia", "Ava", "Mia",
]  # fmt: skip
MALE_FIRST = [
    "Aaron", "Brian", "Carlos", "Dennis", "Edward", "Frank", "Gregory", "Harold", "Ivan",
    "Jerome", "Kenneth", "Luis", "Marcus", "Nathan", "Oscar", "Patrick", "Raymond", "Samuel",
    "Thomas", "Victor", "Walter", "Xavier", "Ethan", "Liam", "Noah", "Lucas", "Owen",
]  # fmt: skip
LAST = [
    "Abbott", "Alvarez", "Baker", "Bishop", "Chen", "Coleman", "Dunn", "Espinoza", "Fischer",
    "Gallagher", "Greene", "Haddad", "Holloway", "Ibrahim", "Jacobs", "Kaur", "Kowalczyk",
    "Lambert", "Lopez", "Mahoney", "Mendoza", "Novak", "Okafor", "Ortega", "Pham", "Quinn",
    "Ramirez", "Rosen", "Schultz", "Shapiro", "Tanaka", "Torres", "Underwood", "Vasquez",
    "Wallace", "Washington", "Yilmaz", "Zimmerman", "Brooks", "Castro", "Delaney", "Fontaine",
]  # fmt: skip
AREA_CODES = {
    "Columbus": "614", "Austin": "512", "Denver": "303", "Portland": "503", "Raleigh": "919",
    "Minneapolis": "612", "Nashville": "615", "Phoenix": "602", "Charlotte": "704",
    "Indianapolis": "317", "Salt Lake City": "801", "Kansas City": "816", "Tampa": "813",
    "Sacramento": "916", "Madison": "608", "Boise": "208", "Richmond": "804",
    "Pittsburgh": "412", "Albany": "518", "Omaha": "402", "Grand Rapids": "616",
    "Louisville": "502", "Chattanooga": "423", "Fort Worth": "817",
}  # fmt: skip


@dataclass(frozen=True)
class Person:
    last: str
    first: str
    middle: str  # initial, or "" when none is printed
    dob: date
    sex: str  # M | F
    street: str
    city: str
    state: str
    zip: str
    area: str  # telephone area code
    phone: str  # 555-01xx

    def form_name(self) -> str:
        """Box 2 / 4 style: "DOE, JOHN, A" (last, first, middle initial)."""
        parts = [self.last, self.first] + ([self.middle] if self.middle else [])
        return ", ".join(parts).upper()

    def listed_name(self) -> str:
        """ "Doe, John A" """
        return f"{self.last}, {self.first}" + (f" {self.middle}" if self.middle else "")

    def natural_name(self) -> str:
        """ "John A. Doe" """
        return f"{self.first} " + (f"{self.middle}. " if self.middle else "") + self.last


# --- payers ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Payer:
    name: str
    street: str
    street2: str  # "" when the address has one line
    city: str
    state: str
    zip: str
    program: str  # box 1: Group | Medicare | Medicaid | Tricare | Other
    plan: str  # box 11c insurance plan name
    payer_id: str  # the EDI payer id a clearing house prints
    member_style: str  # see member_id()
    group_style: str | None  # see group_number(); None: no group number (Medicare, Medicaid)


PAYERS = [
    Payer("Lakeshore Health Plan", "PO Box 4410", "", "Cleveland", "OH", "44101", "Group",
          "Lakeshore PPO Select", "LKS01", "LHP9", "digits6"),
    Payer("Pioneer Mutual Insurance Co.", "Claims Department", "PO Box 72210", "Omaha", "NE",
          "68172", "Group", "Pioneer Choice HMO", "PMI44", "W9", "grp5"),
    Payer("Summit Benefit Administrators", "1200 Commerce Dr", "Suite 400", "Denver", "CO",
          "80202", "Group", "Summit Open Access", "SBA27", "SBA9", "dash"),
    Payer("Blue Ridge Health Alliance", "PO Box 31562", "", "Richmond", "VA", "23294", "Group",
          "BRHA Gold 1500", "BRH10", "YRB9", "alnum"),
    Payer("Granite State Health Plan", "PO Box 1788", "", "Manchester", "NH", "03105", "Group",
          "Granite Advantage POS", "GSH33", "GSP8", "digits6"),
    Payer("Sunbelt Health Insurance Co.", "PO Box 660412", "", "Dallas", "TX", "75266", "Group",
          "Sunbelt EPO Bronze", "SUN62", "U10", "grp5"),
    Payer("Evergreen Community Health", "PO Box 9044", "", "Portland", "OR", "97208",
          "Medicaid", "Evergreen Medicaid Plus", "ECH05", "digits10", None),
    Payer("Heartland Senior Advantage", "PO Box 6120", "", "Kansas City", "MO", "64121",
          "Medicare", "Heartland Medicare Advantage PPO", "HSA80", "mbi", None),
    Payer("Great Plains Medicare Services", "Part B Claims", "PO Box 3101", "Topeka", "KS",
          "66601", "Medicare", "Medicare Part B", "GPM01", "mbi", None),
]  # fmt: skip

_MBI_ALPHA = "ACDEFGHJKMNPQRTUVWXY"  # Medicare Beneficiary Identifier letters (no S L O I B Z)


def member_id(style: str, rng: random.Random) -> str:
    def digits(n: int) -> str:
        return "".join(str(rng.randint(0, 9)) for _ in range(n))

    if style == "mbi":  # C A AN N A AN N A A N N
        an = _MBI_ALPHA + "0123456789"
        return (
            str(rng.randint(1, 9))
            + rng.choice(_MBI_ALPHA)
            + rng.choice(an)
            + digits(1)
            + rng.choice(_MBI_ALPHA)
            + rng.choice(an)
            + digits(1)
            + rng.choice(_MBI_ALPHA)
            + rng.choice(_MBI_ALPHA)
            + digits(2)
        )
    if style == "digits10":
        return str(rng.randint(1, 9)) + digits(9)
    prefix = "".join(c for c in style if c.isalpha())
    n = int("".join(c for c in style if c.isdigit()))
    return prefix + digits(n)


def group_number(style: str, rng: random.Random) -> str:
    if style == "digits6":
        return f"{rng.randint(0, 99999):06d}"
    if style == "grp5":
        return f"GRP{rng.randint(10000, 99999)}"
    if style == "dash":
        return f"{rng.randint(10000, 99999)}-{rng.randint(1, 12):02d}"
    return rng.choice("ABCDHKM") + f"{rng.randint(10000, 99999)}"


# --- identifiers ------------------------------------------------------------------------------


def npi(rng: random.Random) -> str:
    """A valid-looking NPI: 1 or 2, eight digits, and the Luhn check digit over 80840 + nine."""
    stem = str(rng.choice((1, 1, 2))) + "".join(str(rng.randint(0, 9)) for _ in range(8))
    return stem + luhn.calc_check_digit("80840" + stem)


def npi_valid(value: str) -> bool:
    return len(value) == 10 and value.isdigit() and bool(luhn.is_valid("80840" + value))


def icd10_billable(code: str) -> bool:
    return bool(icd.is_valid_item(code)) and bool(icd.is_leaf(code))


# --- practices ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Practice:
    """The billing provider (box 33), its physician (box 31, 24J) and where care was given (32)."""

    key: str
    name: str  # printed in box 33 (upper case on the form)
    specialty: str
    street: str
    suite: str
    city: str
    state: str
    zip: str
    area: str
    phone: str
    npi: str  # 33a
    tax_id: str  # box 25, as printed
    tax_kind: str  # EIN | SSN
    physician: str  # "Angela M Patel MD"
    physician_npi: str  # rendering provider, 24J
    solo: bool  # the physician bills under their own name and NPI
    account_prefix: str  # patient account numbers (box 26) start with this
    facility: tuple[str, str, str, str] | None  # (name, street, city-state-zip, NPI) when elsewhere


# (name, specialty, credential of its physicians)
PRACTICES = [
    ("Riverbend Family Medicine PC", "family", "MD"),
    ("Maple Grove Family Practice", "family", "DO"),
    ("Prairie View Primary Care LLC", "family", "MD"),
    ("Oakridge Internal Medicine Associates", "internal", "MD"),
    ("Lakeside Internal Medicine PLLC", "internal", "MD"),
    ("Heartwell Cardiology Group PA", "cardiology", "MD"),
    ("Capital Heart & Vascular LLC", "cardiology", "MD"),
    ("Cascade Orthopedic Clinic PLLC", "orthopedics", "MD"),
    ("Ironwood Sports Medicine", "orthopedics", "DO"),
    ("Northside Physical Therapy LLC", "pt", "PT DPT"),
    ("Keystone Rehab & Physical Therapy", "pt", "PT DPT"),
    ("Little Harbor Pediatrics PA", "pediatrics", "MD"),
    ("Sunflower Pediatric Associates", "pediatrics", "MD"),
    ("Clearview Dermatology PC", "dermatology", "MD"),
    ("Bluestone Skin & Dermatology", "dermatology", "DO"),
    ("FirstLight Urgent Care", "urgent", "MD"),
    ("Crossroads Urgent Care LLC", "urgent", "PA-C"),
    ("Valley Imaging Associates", "radiology", "MD"),
    ("Meridian Radiology Partners PA", "radiology", "MD"),
    ("Harborline Medical Supply LLC", "dme", ""),
    # solo practitioners bill under their own name (and often their SSN)
    ("*", "family", "MD"),
    ("*", "dermatology", "MD"),
]
HOSPITALS = ["St. Agnes Medical Center", "Mercy Regional Hospital", "University Hospital East"]
STREET_SUITES = ["Suite 200", "Suite 110", "Ste 310", "Suite 4B", "Bldg 2", ""]


def _name(rng: random.Random, sex: str | None = None) -> tuple[str, str, str]:
    sex = sex or rng.choice("MF")
    first = rng.choice(FEMALE_FIRST if sex == "F" else MALE_FIRST)
    middle = rng.choice("ABCDEFGHJKLMNPRSTW") if rng.random() < 0.75 else ""
    return rng.choice(LAST), first, middle


def _phone(rng: random.Random) -> str:
    return f"555-01{rng.randint(0, 99):02d}"


def make_practice(index: int, seed: int) -> Practice:
    """Practice number ``index`` of PRACTICES, the same for every claim of the set."""
    name, specialty, cred = PRACTICES[index]
    rng = random.Random(f"{seed}:practice:{index}")
    city, state, zip_, _tax = rng.choice(US_CITIES)
    last, first, middle = _name(rng)
    physician = f"{first} {middle + ' ' if middle else ''}{last} {cred}".strip()
    solo = name == "*"
    if solo:
        name = physician
    if specialty == "dme":
        physician = ""
    org_npi = npi(rng)
    if solo and specialty == "family":  # a solo physician billing under an SSN
        tax_kind, tax_id = "SSN", f"987-65-{rng.randint(4320, 4329)}"
    else:
        tax_kind, tax_id = "EIN", us_ein_number(rng)
    facility = None
    if specialty == "radiology" or (specialty == "orthopedics" and rng.random() < 0.5):
        hospital = rng.choice(HOSPITALS)
        facility = (
            hospital,
            us_street(rng),
            f"{city} {state} {zip_[:3]}{rng.randint(0, 99):02d}",
            npi(rng),
        )
    initials = "".join(w[0] for w in name.split() if w[0].isalpha())[:3].upper()
    return Practice(
        key=f"p{index}",
        name=name,
        specialty=specialty,
        street=us_street(rng),
        suite=rng.choice(STREET_SUITES),
        city=city,
        state=state,
        zip=zip_,
        area=AREA_CODES[city],
        phone=_phone(rng),
        npi=org_npi,
        tax_id=tax_id,
        tax_kind=tax_kind,
        physician=physician,
        physician_npi=org_npi if solo else npi(rng),
        solo=solo,
        account_prefix=rng.choice([initials, initials, "", "PT", "A"]),
        facility=facility,
    )


# --- procedures -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Proc:
    code: str
    fee: tuple[int, int]  # charge per unit, whole dollars
    units: tuple[int, int] = (1, 1)
    ndc: bool = False  # a drug: the shaded line above carries an NDC


PROCS = {
    p.code: p
    for p in [
        # evaluation and management
        Proc("99203", (150, 190)), Proc("99204", (230, 285)), Proc("99213", (110, 150)),
        Proc("99214", (165, 215)), Proc("99215", (230, 290)),
        Proc("99393", (170, 210)), Proc("99394", (180, 225)), Proc("99395", (190, 235)),
        Proc("99396", (205, 250)), Proc("99397", (215, 265)), Proc("G0439", (150, 195)),
        # lab, screening, tests
        Proc("36415", (15, 25)), Proc("80053", (40, 65)), Proc("85025", (25, 40)),
        Proc("83036", (35, 55)), Proc("80061", (45, 70)), Proc("81002", (12, 20)),
        Proc("82043", (20, 35)), Proc("87880", (28, 40)), Proc("87804", (30, 45)),
        Proc("96127", (15, 25)), Proc("99173", (10, 16)), Proc("92551", (15, 25)),
        # cardiology
        Proc("93000", (55, 85)), Proc("93306", (650, 950)), Proc("93015", (350, 480)),
        Proc("93224", (250, 380)),
        # injections, vaccines, drugs
        Proc("96372", (30, 45)), Proc("90471", (25, 35)), Proc("90460", (25, 35)),
        Proc("G0008", (30, 40)), Proc("90686", (35, 45)), Proc("90662", (70, 90)),
        Proc("90715", (45, 65)), Proc("90734", (150, 190)), Proc("90651", (250, 300)),
        Proc("J1030", (15, 30), ndc=True), Proc("J3420", (20, 35), ndc=True),
        Proc("J1100", (3, 6), (4, 10), ndc=True), Proc("J3301", (2, 5), (4, 4), ndc=True),
        Proc("J0696", (18, 30), (1, 2), ndc=True), Proc("J7030", (25, 40), ndc=True),
        Proc("94640", (25, 40)), Proc("96360", (150, 220)),
        # procedures
        Proc("20610", (145, 215)), Proc("69210", (70, 95)), Proc("12001", (180, 250)),
        Proc("17000", (90, 130)), Proc("17003", (8, 15), (2, 8)), Proc("17110", (110, 160)),
        Proc("11102", (130, 180)), Proc("11103", (60, 90), (1, 2)), Proc("29540", (45, 70)),
        Proc("29125", (80, 120)),
        # imaging
        Proc("71046", (95, 140)), Proc("72100", (100, 150)), Proc("73562", (95, 140)),
        Proc("73030", (85, 125)), Proc("73610", (85, 120)), Proc("76700", (300, 400)),
        Proc("77067", (220, 290)),
        # physical therapy (15-minute units)
        Proc("97161", (135, 180)), Proc("97162", (150, 200)), Proc("97110", (45, 65), (2, 4)),
        Proc("97140", (40, 60), (1, 2)), Proc("97530", (50, 70), (1, 3)),
        Proc("97112", (48, 65), (1, 2)),
        # supplies and equipment
        Proc("A4253", (38, 55), (1, 3)), Proc("A4259", (12, 20), (1, 2)),
        Proc("E0607", (60, 110)), Proc("L3908", (60, 95)), Proc("E0114", (45, 75)),
    ]
}  # fmt: skip


# --- claims ---------------------------------------------------------------------------------


@dataclass
class ServiceLine:
    date_from: date
    date_to: date
    pos: str  # place of service, 24B
    code: str  # 24D
    modifiers: list[str]  # 24D, up to four
    pointer: str  # 24E, letters A-L
    units: int  # 24G
    charge: Decimal  # 24F, the line's total
    ndc: str | None = None  # shaded supplemental information (drugs)

    def expected(self) -> dict[str, Any]:
        """The service line as the expected JSON holds it (CONTRACT.md's shape)."""
        return {
            "service_date": self.date_from.isoformat(),
            "procedure_code": self.code,
            "modifiers": list(self.modifiers),
            "diagnosis_pointer": self.pointer,
            "units": str(self.units),
            "charge": money_str(self.charge),
        }


@dataclass
class Claim:
    """Everything one claim says. Values are the PRINTED values (planted errors included)."""

    key: str
    specialty: str
    payer: Payer
    practice: Practice
    patient: Person
    insured: Person
    relationship: str  # box 6: S self, M spouse, C child, O other
    member_id: str  # 1a
    group_number: str | None  # 11
    diagnoses: list[str]  # box 21, dotted normal form
    lines: list[ServiceLine]
    total_charge: Decimal | None  # 28; None: left blank
    amount_paid: Decimal | None  # 29; None: left blank
    account_no: str  # 26: the claim number of a CMS-1500
    icn: str  # the claim number a clearing house's summary prints
    signed: date  # 31
    onset: date | None = None  # 14
    referring: tuple[str, str] | None = None  # 17 / 17b: (name, NPI)
    prior_auth: str | None = None  # 23
    planted_errors: list[str] = field(default_factory=list)

    @property
    def line_sum(self) -> Decimal:
        return sum((ln.charge for ln in self.lines), Decimal("0.00"))


def _age(dob: date, on: date) -> int:
    return on.year - dob.year - ((on.month, on.day) < (dob.month, dob.day))


def _weekday(rng: random.Random, first: date, last: date) -> date:
    while True:
        d = first + timedelta(days=rng.randint(0, (last - first).days))
        if d.weekday() < 5 or rng.random() < 0.1:
            return d


def _person(
    rng: random.Random, born: tuple[int, int], sex: str | None, home: Practice, last: str = ""
) -> Person:
    surname, first, middle = _name(rng, sex)
    sex = sex or ("F" if first in FEMALE_FIRST else "M")
    dob = date(rng.randint(*born), rng.randint(1, 12), rng.randint(1, 28))
    return Person(
        last=last or surname,
        first=first,
        middle=middle,
        dob=dob,
        sex=sex,
        street=us_street(rng),
        city=home.city,
        state=home.state,
        zip=home.zip[:3] + f"{rng.randint(1, 99):02d}",
        area=home.area,
        phone=_phone(rng),
    )


class _Lines:
    """Collects the service lines of one claim with the practice's own fee for each code."""

    def __init__(self, seed: int, practice: Practice, pos: str, rng: random.Random) -> None:
        self.seed, self.practice, self.pos, self.rng = seed, practice, pos, rng
        self.lines: list[ServiceLine] = []

    def fee(self, code: str) -> Decimal:
        frng = random.Random(f"{self.seed}:fee:{self.practice.key}:{code}")
        lo, hi = PROCS[code].fee
        cents = frng.choice(["00", "00", "00", "00", "50", "25", "90"]) if hi < 100 else "00"
        return Decimal(f"{frng.randint(lo, hi)}.{cents}")

    def add(
        self, day: date, code: str, pointer: str, mods: tuple[str, ...] = (), units: int = 0
    ) -> None:
        proc = PROCS[code]
        units = units or self.rng.randint(*proc.units)
        ndc = None
        if proc.ndc:
            ndc = f"N4{self.rng.randint(0, 99999):05d}{self.rng.randint(0, 9999):04d}{self.rng.randint(1, 99):02d}"
            ndc += f" {self.rng.choice(['ML', 'UN'])}{units if code != 'J1100' else 1}"
        self.lines.append(
            ServiceLine(
                day, day, self.pos, code, list(mods), pointer, units, self.fee(code) * units, ndc
            )
        )


def _dx(rng: random.Random, pool: list[str], n: tuple[int, int]) -> list[str]:
    return rng.sample(pool, min(len(pool), rng.randint(*n)))


def _ptr(first: int, count: int) -> str:
    return LETTERS[first : first + count]


ACUTE = ["J06.9", "J02.9", "J01.90", "J20.9", "R05.9", "R50.9", "B34.9", "H66.91", "J30.9"]
CHRONIC = ["E11.9", "E11.65", "I10", "E78.5", "E78.2", "E03.9", "E66.9", "K21.9", "F41.1",
           "G47.00", "R73.03", "E55.9", "J45.909", "F32.A", "Z87.891"]  # fmt: skip
SIDES = {  # right-side code, left-side code
    "knee_oa": ("M17.11", "M17.12"),
    "knee_pain": ("M25.561", "M25.562"),
    "shoulder_imp": ("M75.41", "M75.42"),
    "shoulder_pain": ("M25.511", "M25.512"),
    "ankle_sprain": ("S93.401A", "S93.402A"),
    "acl_sprain": ("S83.511A", "S83.512A"),
}


def _services(
    c: _Lines, rng: random.Random, specialty: str, patient: Person, day: date, medicare: bool
) -> list[str]:
    """Diagnoses and service lines for one visit (several for therapy); returns the diagnoses."""
    age = _age(patient.dob, day)
    flu_season = day.month in (9, 10, 11, 12, 1, 2, 3)
    if specialty in ("family", "internal"):
        kind = rng.choice(["sick", "chronic", "chronic", "annual", "injection"])
        if kind == "annual" and age >= 18:
            dx = [rng.choice(["Z00.00", "Z00.01"]), *_dx(rng, CHRONIC, (1, 3))]
            if medicare:
                c.add(day, "G0439", _ptr(0, min(4, len(dx))))
            else:
                c.add(day, "99395" if age < 40 else "99396" if age < 65 else "99397", "A")
            c.add(day, "36415", "A")
            c.add(day, rng.choice(["80061", "80053"]), _ptr(0, 2))
            if flu_season:
                dx.append("Z23")
                z = LETTERS[len(dx) - 1]
                c.add(day, "G0008" if medicare else "90471", z)
                c.add(day, "90662" if age >= 65 else "90686", z)
            return dx
        if kind == "sick":
            dx = _dx(rng, ACUTE, (1, 3))
            proc = rng.choice(["87880", "87804", "94640", "69210", ""])
            if proc == "69210":
                dx.append(rng.choice(["H61.21"]))
            mods = ("25",) if proc in ("94640", "69210") else ()
            c.add(day, rng.choice(["99213", "99213", "99214"]), _ptr(0, len(dx)), mods)
            if proc == "69210":
                c.add(day, "69210", LETTERS[len(dx) - 1], ("RT",))
            elif proc:
                c.add(day, proc, "A", ("QW",) if proc.startswith("87") else ())
            return dx
        if kind == "injection":
            dx = [rng.choice(["M54.50", "M54.2", "E53.8", "G89.29"]), *_dx(rng, CHRONIC, (0, 2))]
            drug = "J3420" if dx[0] == "E53.8" else "J1030"
            c.add(day, rng.choice(["99213", "99214"]), _ptr(0, len(dx)), ("25",))
            c.add(day, "96372", "A")
            c.add(day, drug, "A")
            return dx
        dx = _dx(rng, CHRONIC, (2, 5))
        c.add(day, rng.choice(["99214", "99214", "99215", "99213"]), _ptr(0, min(4, len(dx))))
        c.add(day, "36415", "A")
        for code in rng.sample(["80053", "83036", "80061", "85025", "82043"], rng.randint(1, 3)):
            c.add(day, code, rng.choice(["A", "B", "AB"]) if len(dx) > 1 else "A")
        if rng.random() < 0.3:
            c.add(day, "93000", "B" if len(dx) > 1 else "A")
        return dx
    if specialty == "cardiology":
        dx = [
            rng.choice(["R07.9", "R00.2", "I48.91", "I25.10", "R06.02"]),
            *_dx(rng, ["I10", "E78.5", "E11.9", "Z87.891", "E66.9"], (1, 3)),
        ]
        c.add(day, rng.choice(["99204", "99214", "99215"]), _ptr(0, min(4, len(dx))), ("25",))
        c.add(day, "93000", "A")
        if rng.random() < 0.6:
            c.add(day, "93000", "A", ("76",))  # a second tracing the same day: repeat procedure
        c.add(day, rng.choice(["93306", "93015", "93224"]), _ptr(0, 2))
        return dx
    if specialty == "orthopedics":
        side = rng.choice([0, 1])
        rl = ("RT", "LT")[side]
        region = rng.choice(["knee", "shoulder", "ankle"])
        if region == "knee":
            dx = [SIDES[rng.choice(["knee_oa", "knee_pain", "acl_sprain"])][side]]
            xray, proc = "73562", "20610"
        elif region == "shoulder":
            dx = [SIDES[rng.choice(["shoulder_imp", "shoulder_pain"])][side]]
            xray, proc = "73030", "20610"
        else:
            dx = [SIDES["ankle_sprain"][side]]
            xray, proc = "73610", rng.choice(["29540", "E0114"])
        dx += _dx(rng, ["M62.81", "E66.9", "I10", "G89.29"], (0, 2))
        c.add(day, rng.choice(["99203", "99204", "99213", "99214"]), _ptr(0, len(dx)), ("25",))
        c.add(day, xray, "A", (rl,))
        if proc == "20610":
            c.add(day, "20610", "A", (rl,))
            c.add(day, "J3301", "A")
        else:
            c.add(day, proc, "A", (rl,) if proc == "29540" else ("NU",))
        return dx
    if specialty == "pt":
        dx = _dx(
            rng,
            [
                "M54.50",
                "M54.16",
                "M25.561",
                "M62.81",
                "R26.2",
                "M54.2",
                "M75.41",
                "S83.511A",
                "M48.061",
                "M51.26",
            ],
            (1, 3),
        )
        visits = [day]
        while len(visits) < rng.choice([2, 3]):
            visits.append(visits[-1] + timedelta(days=rng.choice([2, 3, 4, 7])))
        visits = [v for v in visits if v <= DOS_LAST]
        ptr = _ptr(0, min(len(dx), 2))
        for i, v in enumerate(visits):
            if i == 0:
                c.add(v, rng.choice(["97161", "97162"]), ptr, ("GP",))
                c.add(v, "97110", ptr, ("GP",))
            else:
                c.add(v, "97110", ptr, ("GP",))
                c.add(v, rng.choice(["97140", "97530", "97112"]), "A", ("GP", "59"))
        return dx
    if specialty == "pediatrics":
        if rng.random() < 0.55:
            dx = ["Z00.129" if rng.random() < 0.8 else "Z00.121", "Z23"]
            c.add(day, "99393" if age < 12 else "99394", "A")
            c.add(day, "90460", "B")
            c.add(day, rng.choice(["90715", "90734", "90651"]) if age >= 11 else "90686", "B")
            c.add(day, rng.choice(["96127", "99173", "92551"]), "A")
            return dx
        dx = _dx(rng, ["J02.0", "J02.9", "H66.91", "J06.9", "R50.9", "J45.909", "L20.9"], (1, 2))
        c.add(day, "99213" if rng.random() < 0.7 else "99214", _ptr(0, len(dx)))
        c.add(day, "87880", "A", ("QW",))
        return dx
    if specialty == "dermatology":
        kind = rng.choice(["ak", "wart", "biopsy"])
        dx = [{"ak": "L57.0", "wart": "B07.8", "biopsy": "D48.5"}[kind]]
        dx += _dx(rng, ["L82.1", "L70.0", "L40.0", "D22.5", "L30.9", "L21.9"], (0, 2))
        c.add(day, rng.choice(["99213", "99214"]), _ptr(0, len(dx)), ("25",))
        if kind == "ak":
            c.add(day, "17000", "A")
            c.add(day, "17003", "A")
        elif kind == "wart":
            c.add(day, "17110", "A")
        else:
            c.add(day, "11102", "A")
            if rng.random() < 0.5:
                c.add(day, "11103", "A")
        return dx
    if specialty == "urgent":
        kind = rng.choice(["throat", "flu", "laceration", "dehydration", "ankle", "uti"])
        em = rng.choice(["99203", "99204", "99213", "99214"])
        if kind == "throat":
            dx = [rng.choice(["J02.0", "J02.9"]), *_dx(rng, ["R50.9", "R05.9"], (0, 1))]
            c.add(day, em, _ptr(0, len(dx)), ("25",))
            c.add(day, "87880", "A", ("QW",))
            c.add(day, "96372", "A")
            c.add(day, "J0696", "A")
        elif kind == "flu":
            dx = [rng.choice(["J11.1", "J10.1"]), "R50.9"]
            c.add(day, em, "AB")
            c.add(day, "87804", "B", ("QW",))
        elif kind == "laceration":
            dx = [rng.choice(["S61.411A", "S61.412A", "S01.81XA"])]
            c.add(day, em, "A", ("25",))
            c.add(day, "12001", "A")
        elif kind == "dehydration":
            dx = ["E86.0", rng.choice(["R11.10", "K52.9"])]
            c.add(day, em, "AB", ("25",))
            c.add(day, "96360", "A")
            c.add(day, "J7030", "A")
            c.add(day, "96372", "B")
            c.add(day, "J1100", "B")
        elif kind == "ankle":
            side = rng.choice([0, 1])
            dx = [SIDES["ankle_sprain"][side]]
            c.add(day, em, "A", ("25",))
            c.add(day, "73610", "A", (("RT", "LT")[side],))
            c.add(day, "29540", "A", (("RT", "LT")[side],))
        else:
            dx = ["N39.0", *_dx(rng, ["R30.0", "R35.0"], (1, 1))]
            c.add(day, em, "AB")
            c.add(day, "81002", "AB", ("QW",))
        return dx
    if specialty == "radiology":
        exams = [
            ("71046", ["R05.9", "R06.02", "J18.9"]),
            ("72100", ["M54.50", "M54.16"]),
            ("73562", ["M25.561", "M17.11"]),
            ("76700", ["R10.13", "R10.9"]),
        ]
        if patient.sex == "F" and age >= 40:
            exams.append(("77067", ["Z12.31"]))
        picked = rng.sample(exams, rng.randint(1, 2))
        found: list[str] = []
        for code, pool in picked:
            d = rng.choice(pool)
            if d not in found:
                found.append(d)
            reading = ("26", "RT") if code == "73562" else ("26",)  # the radiologist's reading
            c.add(day, code, LETTERS[found.index(d)], reading)
        return found
    if specialty == "dme":
        dx = [rng.choice(["E11.65", "E11.9", "E11.42"]), *_dx(rng, ["Z79.4", "Z79.84"], (0, 1))]
        ptr = _ptr(0, len(dx))
        if rng.random() < 0.5:
            c.add(day, "E0607", ptr, ("NU", "KX"))
        c.add(day, "A4253", ptr, ("KX",))
        c.add(day, "A4259", ptr, ("KX",))
        return dx
    raise ValueError(specialty)


def build_claim(key: str, seed: int, practice: Practice, payer_index: int | None = None) -> Claim:
    """A clean claim (no planted error) from ``practice``."""
    rng = random.Random(f"{seed}:claim:{key}")
    spec = practice.specialty
    medicare_ok = spec in ("family", "internal", "cardiology", "dme", "radiology", "orthopedics")
    if payer_index is None:
        choices = [i for i, p in enumerate(PAYERS) if p.program != "Medicare" or medicare_ok]
        if spec == "pediatrics":
            choices = [i for i, p in enumerate(PAYERS) if p.program in ("Group", "Medicaid")]
        payer_index = rng.choice(choices)
    payer = PAYERS[payer_index]
    medicare = payer.program == "Medicare"
    if spec == "pediatrics":
        born = (2010, 2015)
    elif medicare:
        born = (1940, 1959)
    elif payer.program == "Medicaid":
        born = (1966, 2004)
    else:
        born = (1958, 2004)
    patient = _person(rng, born, None, practice)
    relationship = "S"
    insured = patient
    if spec == "pediatrics":
        relationship = "C"
        insured = replace(
            _person(rng, (1972, 1992), None, practice, last=patient.last),
            street=patient.street,
            zip=patient.zip,
            phone=patient.phone,
        )
    elif payer.program == "Group" and rng.random() < 0.3 and patient.dob.year > 1962:
        relationship = "M"
        spouse_sex = "M" if patient.sex == "F" else "F"
        insured = replace(
            _person(
                rng,
                (patient.dob.year - 6, min(patient.dob.year + 6, 2004)),
                spouse_sex,
                practice,
                last=patient.last,
            ),
            street=patient.street,
            zip=patient.zip,
            phone=patient.phone,
        )
    day = _weekday(rng, DOS_FIRST, DOS_LAST - timedelta(days=21))
    pos = {"dme": "12", "radiology": "22"}.get(spec, "11")
    if practice.facility is not None and spec == "orthopedics":
        pos = "22"
    lines = _Lines(seed, practice, pos, rng)
    diagnoses = _services(lines, rng, spec, patient, day, medicare)
    for d in diagnoses:
        assert icd10_billable(d), d
    last_day = max(ln.date_to for ln in lines.lines)
    total = sum((ln.charge for ln in lines.lines), Decimal("0.00"))
    if medicare or payer.program == "Medicaid" or spec in ("dme", "radiology"):
        paid: Decimal | None = Decimal("0.00")
    else:
        paid = Decimal(rng.choice(["0.00", "0.00", "20.00", "25.00", "30.00", "40.00", "50.00"]))
    if rng.random() < 0.15:
        paid = None
    digits = rng.randint(5, 7)
    account = f"{practice.account_prefix}{rng.randint(10 ** (digits - 1), 10**digits - 1)}"
    onset = None
    referring = None
    prior_auth = None
    if spec in ("pt", "orthopedics"):
        onset = day - timedelta(days=rng.randint(5, 60))
    if spec in ("pt", "radiology", "dme"):
        rl, rf, rm = _name(rng)
        referring = (f"{rf} {rm + ' ' if rm else ''}{rl} MD", npi(rng))
    if spec == "pt" and rng.random() < 0.6:
        prior_auth = f"PA{rng.randint(1000000, 9999999)}"
    return Claim(
        key=key,
        specialty=spec,
        payer=payer,
        practice=practice,
        patient=patient,
        insured=insured,
        relationship=relationship,
        member_id=member_id(payer.member_style, rng),
        group_number=group_number(payer.group_style, rng) if payer.group_style else None,
        diagnoses=diagnoses,
        lines=lines.lines,
        total_charge=total,
        amount_paid=paid if paid is None or paid <= total else Decimal("0.00"),
        account_no=account,
        icn=rng.choice(
            [
                f"{rng.randint(10, 99)}{day:%y}{day.timetuple().tm_yday:03d}{rng.randint(10**7, 10**8 - 1)}",
                f"CLM{day:%y%m}{rng.randint(100000, 999999)}",
                f"{rng.randint(10**9, 10**10 - 1)}",
            ]
        ),
        signed=min(last_day + timedelta(days=rng.randint(1, 9)), TODAY - timedelta(days=2)),
        onset=onset,
        referring=referring,
        prior_auth=prior_auth,
    )


# --- planted errors ---------------------------------------------------------------------------


def _bogus_icd10(code: str, rng: random.Random) -> str:
    """A code-shaped typo of ``code`` that is not in ICD-10-CM at all."""
    head, _, tail = code.partition(".")
    candidates = []
    for d in "0123456789":
        candidates += [f"{head}.{tail}{d}" if len(tail) < 4 else "", f"{head}.{tail[:-1]}{d}"]
        candidates.append(f"{head[:2]}{d}.{tail}" if tail else f"{head[:2]}{d}")
    candidates = sorted({c.rstrip(".") for c in candidates if c and c != code})
    rng.shuffle(candidates)
    for cand in candidates:
        if not icd.is_valid_item(cand):
            return cand
    raise ValueError(code)


def plant(claim: Claim, error: str, rng: random.Random) -> Claim:
    """Break exactly one rule in the printed values of ``claim``."""
    claim.planted_errors = [error]
    lines = claim.lines
    if error == "claim.npi_check_digit":
        good = claim.practice.npi
        bad = good[:9] + str((int(good[9]) + rng.randint(1, 9)) % 10)
        rendering = good if claim.practice.solo else claim.practice.physician_npi
        claim.practice = replace(claim.practice, npi=bad, physician_npi=rendering)
    elif error == "claim.icd10_codes_valid":
        i = rng.randrange(len(claim.diagnoses))
        claim.diagnoses[i] = _bogus_icd10(claim.diagnoses[i], rng)
    elif error == "claim.procedure_code_format":
        ln = lines[rng.randrange(len(lines))]
        i = rng.randrange(len(ln.code))
        ln.code = ln.code[:i] + ln.code[i + 1 :]  # a digit dropped when keying: 9921 for 99213
    elif error == "claim.service_lines_sum":
        total = claim.line_sum
        whole, cents = f"{total:.2f}".split(".")
        swapped = whole[:-3] + whole[-2] + whole[-3] + whole[-1] if len(whole) >= 3 else whole
        claim.total_charge = (
            Decimal(f"{swapped}.{cents}") if swapped != whole else total + Decimal("10.00")
        )
    elif error == "claim.diagnosis_pointers":
        if len(claim.diagnoses) >= len(LETTERS):
            claim.diagnoses = claim.diagnoses[:4]
        ln = lines[-1] if len(lines) > 1 else lines[0]
        extra = LETTERS[len(claim.diagnoses)]
        ln.pointer = ln.pointer[:3] + extra  # one letter past the last diagnosis listed
    elif error == "claim.service_dates":
        ln = lines[-1]
        ln.date_from = ln.date_to = ln.date_from.replace(year=ln.date_from.year + 1)
        assert ln.date_from > TODAY
    elif error == "claim.amount_paid_within_total":
        total = claim.total_charge or claim.line_sum
        claim.amount_paid = total + Decimal(rng.randint(5, 60))
    elif error == "claim.required_fields":
        claim.total_charge = None
    else:
        raise ValueError(error)
    return claim


# --- expected JSON ------------------------------------------------------------------------------

# shared/CONTRACT.md, claim fields, in the contract's order
FIELD_ORDER = [
    "claim_number", "payer_name", "patient_name", "patient_dob", "patient_sex", "member_id",
    "insured_name", "group_number", "provider_name", "provider_npi", "billing_tax_id",
    "diagnosis_codes", "total_charge", "amount_paid", "service_date_from", "service_date_to",
]  # fmt: skip


@dataclass
class ClaimExpected:
    """Content of NAME.expected.json: what the document prints, in normal form."""

    layout: str
    fields: dict[str, Any]
    service_lines: list[dict[str, Any]]
    planted_errors: list[str]
    scanned: bool = False
    scan: dict[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "document_type": "claim",
            "scanned": self.scanned,
            "layout": self.layout,
            "language": "en",
            "pages": 1,
            "fields": {k: self.fields[k] for k in FIELD_ORDER if k in self.fields},
            "service_lines": self.service_lines,
            "planted_errors": self.planted_errors,
        }
        if self.scan is not None:
            out["scan"] = self.scan
        return out
