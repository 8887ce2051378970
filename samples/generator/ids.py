"""Valid-looking identifiers: VAT numbers, company numbers, IBANs, routing numbers.

Check digits are brute-forced against python-stdnum so every id passes validation.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from schwifty import IBAN
from stdnum import luhn
from stdnum.eu import vat as eu_vat
from stdnum.fr import siren as fr_siren
from stdnum.fr import siret as fr_siret
from stdnum.gb import vat as gb_vat
from stdnum.us import ein as us_ein
from stdnum.us import rtn as us_rtn


def _digits(rng: random.Random, n: int, first_nonzero: bool = True) -> str:
    first = str(rng.randint(1, 9)) if first_nonzero else str(rng.randint(0, 9))
    return first + "".join(str(rng.randint(0, 9)) for _ in range(n - 1))


def _complete(
    rng: random.Random, make: Callable[[str], str], ok: Callable[[str], bool], body: int
) -> str:
    """Draw random bodies until some check suffix makes a valid number."""
    while True:
        stem = _digits(rng, body)
        for check in range(10):
            candidate = make(stem + str(check))
            if ok(candidate):
                return candidate


def de_vat(rng: random.Random) -> str:
    return _complete(rng, lambda s: "DE" + s, eu_vat.is_valid, 8)


def gb_vat_number(rng: random.Random) -> str:
    while True:
        stem = _digits(rng, 7)
        for check in range(100):
            candidate = f"GB{stem}{check:02d}"
            if gb_vat.is_valid(candidate):
                return candidate


def nl_vat(rng: random.Random) -> str:
    return _complete(rng, lambda s: "NL" + s + "B01", eu_vat.is_valid, 8)


def ie_vat(rng: random.Random) -> str:
    while True:
        stem = _digits(rng, 7)
        for letter in "ABCDEFGHIJKLMNOPQRSTUVW":
            candidate = f"IE{stem}{letter}"
            if eu_vat.is_valid(candidate):
                return candidate


def be_vat(rng: random.Random) -> str:
    while True:
        stem = "0" + _digits(rng, 7)
        check = 97 - int(stem) % 97
        candidate = f"BE{stem}{check:02d}"
        if eu_vat.is_valid(candidate):
            return candidate


@dataclass(frozen=True)
class FrenchCompanyIds:
    siren: str
    siret: str
    vat: str


def fr_company(rng: random.Random) -> FrenchCompanyIds:
    siren = _complete(rng, lambda s: s, fr_siren.is_valid, 8)
    nic_stem = "000" + str(rng.randint(1, 9))
    siret = next(c for c in (siren + nic_stem + str(d) for d in range(10)) if fr_siret.is_valid(c))
    key = (12 + 3 * (int(siren) % 97)) % 97
    vat = f"FR{key:02d}{siren}"
    assert eu_vat.is_valid(vat), vat
    return FrenchCompanyIds(siren, siret, vat)


def us_ein_number(rng: random.Random) -> str:
    prefixes = [
        "20",
        "26",
        "27",
        "45",
        "46",
        "47",
        "81",
        "82",
        "83",
        "84",
        "86",
        "87",
        "88",
        "91",
        "92",
        "93",
        "94",
        "95",
        "98",
    ]
    while True:
        candidate = f"{rng.choice(prefixes)}-{_digits(rng, 7, first_nonzero=False)}"
        if us_ein.is_valid(candidate):
            return candidate


def us_routing(rng: random.Random) -> str:
    return _complete(rng, lambda s: "0" + s, us_rtn.is_valid, 7)


def kvk_number(rng: random.Random) -> str:
    return _digits(rng, 8)


def gb_company_number(rng: random.Random) -> str:
    return "0" + _digits(rng, 7)


def hrb_number(rng: random.Random) -> str:
    return str(rng.randint(1200, 98000))


# --- bank accounts -----------------------------------------------------------

DE_BANKS = [
    ("Commerzbank", "37040044", "COBADEFFXXX"),
    ("Deutsche Bank", "10070000", "DEUTDEBBXXX"),
    ("Stadtsparkasse München", "70150000", "SSKMDEMMXXX"),
    ("Hamburger Sparkasse", "20050550", "HASPDEHHXXX"),
    ("GLS Bank", "43060967", "GENODEM1GLS"),
    ("Sparkasse KölnBonn", "37050198", "COLSDE33XXX"),
    ("Berliner Volksbank", "10090000", "BEVODEBBXXX"),
]
FR_BANKS = [
    ("BNP Paribas", "30004", "BNPAFRPPXXX"),
    ("Société Générale", "30003", "SOGEFRPPXXX"),
    ("Crédit Agricole", "30006", "AGRIFRPPXXX"),
    ("LCL", "30002", "CRLYFRPPXXX"),
    ("La Banque Postale", "20041", "PSSTFRPPXXX"),
    ("Crédit Mutuel", "10278", "CMCIFR2AXXX"),
]
NL_BANKS = [
    ("ABN AMRO", "ABNA", "ABNANL2A"),
    ("ING Bank", "INGB", "INGBNL2A"),
    ("Rabobank", "RABO", "RABONL2U"),
    ("Triodos Bank", "TRIO", "TRIONL2U"),
    ("bunq", "BUNQ", "BUNQNL2A"),
]
GB_BANKS = [
    ("NatWest", "NWBK", "NWBKGB2L"),
    ("Barclays", "BARC", "BARCGB22"),
    ("Lloyds Bank", "LOYD", "LOYDGB2L"),
    ("HSBC UK", "HBUK", "HBUKGB4B"),
]
IE_BANKS = [
    ("AIB", "AIBK", "AIBKIE2D"),
    ("Bank of Ireland", "BOFI", "BOFIIE2D"),
]
US_BANKS = [
    "Chase",
    "Wells Fargo",
    "Bank of America",
    "U.S. Bank",
    "PNC Bank",
    "Fifth Third Bank",
    "KeyBank",
]


@dataclass(frozen=True)
class BankAccount:
    bank_name: str
    iban: str | None = None  # compact
    bic: str | None = None
    account: str | None = None  # domestic account number (UK / US)
    sort_code: str | None = None  # UK, "60-16-13"
    routing: str | None = None  # US ABA


def _nl_account(rng: random.Random) -> str:
    while True:
        acct = _digits(rng, 10, first_nonzero=False)
        if sum(int(c) * w for c, w in zip(acct, range(10, 0, -1), strict=True)) % 11 == 0:
            return acct


def bank_account(country: str, rng: random.Random) -> BankAccount:
    if country == "DE":
        name, blz, bic = rng.choice(DE_BANKS)
        iban = IBAN.generate("DE", bank_code=blz, account_code=_digits(rng, 10))
        return BankAccount(name, str(iban), bic)
    if country == "FR":
        name, code, bic = rng.choice(FR_BANKS)
        iban = IBAN.generate(
            "FR",
            bank_code=code,
            branch_code=_digits(rng, 5, False),
            account_code=_digits(rng, 11, False),
        )
        return BankAccount(name, str(iban), bic)
    if country == "NL":
        name, code, bic = rng.choice(NL_BANKS)
        iban = IBAN.generate("NL", bank_code=code, account_code=_nl_account(rng))
        return BankAccount(name, str(iban), bic)
    if country == "GB":
        name, code, bic = rng.choice(GB_BANKS)
        sort = _digits(rng, 6)
        acct = _digits(rng, 8)
        iban = IBAN.generate("GB", bank_code=code, branch_code=sort, account_code=acct)
        return BankAccount(name, str(iban), bic, acct, f"{sort[:2]}-{sort[2:4]}-{sort[4:]}")
    if country == "IE":
        name, code, bic = rng.choice(IE_BANKS)
        iban = IBAN.generate(
            "IE", bank_code=code, branch_code=_digits(rng, 6), account_code=_digits(rng, 8)
        )
        return BankAccount(name, str(iban), bic)
    if country == "US":
        return BankAccount(
            rng.choice(US_BANKS),
            account=_digits(rng, rng.choice([9, 10, 12])),
            routing=us_routing(rng),
        )
    raise ValueError(country)


def validate_iban(text: str) -> bool:
    try:
        IBAN(text).validate()
    except Exception:
        return False
    return True


def luhn_ok(text: str) -> bool:
    return luhn.is_valid(text)
