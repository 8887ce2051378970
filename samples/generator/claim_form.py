"""The official CMS-1500 (02/12) form, filled: as a fillable PDF (AcroForm fields with appearance
streams), flattened (the appearances burned into the page), printed onto the form (values drawn
in Courier the way a practice's billing system prints them), and rendered for scanning.

The form is ``../shared/forms/form-cms1500.pdf`` (repository root's sibling): page 1 is the
form, page 2 its back. Its page is a 150 dpi colour JPEG of the red form (1.5 MB) with 252 fields
on top, and its field resources embed a full Arial (450 kB). To keep every sample small the
template used here is page 1 only, the JPEG turned into a four-colour indexed image (white,
pink, red, black: 29 kB, no visible loss), the Arial font, the vendor's link and "Clear Form"
button, the JavaScript calculation of box 28 and the form's own sample values dropped; the
fields keep their names, boxes and check-box appearances. Text fields are filled in the
standard Helvetica or Courier (not embedded).
"""

from __future__ import annotations

import functools
import hashlib
import io
import logging
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, cast

import numpy as np
import pypdfium2 as pdfium
from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    StreamObject,
    TextStringObject,
)
from reportlab.lib.pagesizes import letter
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from .claim_data import LETTERS, Claim, ServiceLine
from .formatting import money_str

logging.getLogger("pypdf").setLevel(logging.ERROR)  # the form's xref table has dangling entries

FORM = Path(__file__).resolve().parents[3] / "shared" / "forms" / "form-cms1500.pdf"

# Every AcroForm field of the CMS-1500 form that the samples use, by box. The names are the
# official fillable form's own; which box each one is was read off the widgets' /Rect against the
# printed box labels (and checked by rendering a filled form).
FIELD_BOXES: dict[str, str] = {
    # carrier block, top right: the payer's name and address, four lines
    "insurance_name": "carrier block line 1: payer name  -> payer_name",
    "insurance_address": "carrier block line 2: payer address",
    "insurance_address2": "carrier block line 3: payer address (second line, or city)",
    "insurance_city_state_zip": "carrier block line 4: city, state, ZIP",
    "insurance_type": "1 program: radio /Medicare /Medicaid /Tricare /Champva /Group /Feca /Other",
    "insurance_id": "1a insured's ID number  -> member_id",
    "pt_name": "2 patient's name (last, first, middle initial)  -> patient_name",
    "birth_mm": "3 patient's birth date MM",
    "birth_dd": "3 patient's birth date DD",
    "birth_yy": "3 patient's birth date YY (the box takes four digits)  -> patient_dob",
    "sex": "3 patient's sex: radio /M /F  -> patient_sex",
    "ins_name": "4 insured's name  -> insured_name",
    "pt_street": "5 patient's address, street",
    "pt_city": "5 city",
    "pt_state": "5 state",
    "pt_zip": "5 ZIP code",
    "pt_AreaCode": "5 telephone area code",
    "pt_phone": "5 telephone",
    "rel_to_ins": "6 patient relationship to insured: radio /S self /M spouse /C child /O other",
    "ins_street": "7 insured's address, street",
    "ins_city": "7 city",
    "ins_state": "7 state",
    "ins_zip": "7 ZIP code",
    "ins_phone area": "7 telephone area code",
    "ins_phone": "7 telephone",
    "employment": "10a employment related: radio /YES /NO",
    "pt_auto_accident": "10b auto accident: radio /YES /NO",
    "accident_place": "10b place (state)",
    "other_accident": "10c other accident: radio /YES /NO",
    "ins_policy": "11 insured's policy group or FECA number  -> group_number",
    "ins_dob_mm": "11a insured's date of birth MM",
    "ins_dob_dd": "11a DD",
    "ins_dob_yy": "11a YY (four digits)",
    "ins_sex": "11a insured's sex: check boxes /MALE /FEMALE",
    "ins_plan_name": "11c insurance plan name or program name",
    "ins_benefit_plan": "11d another health benefit plan: /YES /NO",
    "pt_signature": "12 patient's signature (SIGNATURE ON FILE)",
    "pt_date": "12 date",
    "ins_signature": "13 insured's signature",
    "cur_ill_mm": "14 date of current illness MM",
    "cur_ill_dd": "14 DD",
    "cur_ill_yy": "14 YY",
    "73": "14 qualifier (431 onset)",
    "85": "17 referring provider qualifier (DN referring, DK ordering)",
    "ref_physician": "17 name of referring provider",
    "id_physician": "17b referring provider NPI",
    "lab": "20 outside lab: /YES /NO",
    "99icd": "21 ICD indicator (0 = ICD-10-CM)",
    **{
        f"diagnosis{i + 1}": f"21 {LETTERS[i]}: diagnosis code  -> diagnosis_codes"
        for i in range(12)
    },
    "prior_auth": "23 prior authorization number",
    # box 24, six service lines; N = 1..6. The shaded half above each line: Suppl (line 1),
    # Suppla..Supple (lines 2-6) for supplemental information (NDC of a drug), epsdtN (24H),
    # emgN (24I qualifier of the other ID, e.g. ZZ taxonomy), localNa (24J other ID)
    "svN_mm_from / svN_dd_from / svN_yy_from": "24A date of service from (MM DD YY)",
    "svN_mm_end / svN_dd_end / svN_yy_end": "24A date of service to",
    "placeN": "24B place of service",
    "typeN": "24C EMG",
    "cptN": "24D CPT/HCPCS  -> service_lines[].procedure_code",
    "modN / modNa / modNb / modNc": "24D modifiers 1-4  -> service_lines[].modifiers",
    "diagN": "24E diagnosis pointer  -> service_lines[].diagnosis_pointer",
    "chN": "24F charges  -> service_lines[].charge",
    "dayN": "24G days or units  -> service_lines[].units",
    "planN": "24H EPSDT / family plan",
    "localN": "24J rendering provider NPI",
    "tax_id": "25 federal tax ID number  -> billing_tax_id",
    "ssn": "25 SSN or EIN: radio /SSN /EIN",
    "pt_account": "26 patient's account no.: the claim number of a CMS-1500  -> claim_number",
    "assignment": "27 accept assignment: radio /YES /NO",
    "t_charge": "28 total charge  -> total_charge",
    "amt_paid": "29 amount paid  -> amount_paid",
    "physician_signature": "31 signature of physician or supplier",
    "physician_date": "31 date",
    "fac_name": "32 service facility: name",
    "fac_street": "32 street",
    "fac_location": "32 city, state, ZIP",
    "pin1": "32a service facility NPI",
    "grp1": "32b service facility other ID",
    "doc_phone area": "33 billing provider telephone area code",
    "doc_phone": "33 telephone",
    "doc_name": "33 billing provider name  -> provider_name",
    "doc_street": "33 street",
    "doc_location": "33 city, state, ZIP",
    "pin": "33a billing provider NPI  -> provider_npi",
    "grp": "33b billing provider other ID (ZZ + taxonomy)",
    # not used: NUCC USE (8), other_ins_* (9, 9a, 9d), 40 and 41 (9b, 9c reserved), 50 (10d),
    # 57 / 58 (11b), sim_ill_* and 74 (15), work_* (16), physician number 17a*, hosp_* (18),
    # 96 (19), charge (20 $ charges), medicaid_resub / original_ref (22), 30 has no field,
    # 135 / 157 / 179 / 201 / 223 / 245 (hidden 2-point fields of the form's own calculation),
    # 276 (a calculation switch beside box 28)
}

# The claim field → the form field it is printed in (service lines: box 24, line N)
CLAIM_FIELD_BOXES: dict[str, str] = {
    "claim_number": "pt_account",
    "payer_name": "insurance_name",
    "patient_name": "pt_name",
    "patient_dob": "birth_yy",  # with birth_mm and birth_dd
    "patient_sex": "sex",
    "member_id": "insurance_id",
    "insured_name": "ins_name",
    "group_number": "ins_policy",
    "provider_name": "doc_name",
    "provider_npi": "pin",
    "billing_tax_id": "tax_id",
    "total_charge": "t_charge",
    "amount_paid": "amt_paid",
}
SHADED = ["Suppl", "Suppla", "Supplb", "Supplc", "Suppld", "Supple"]  # 24, lines 1-6
MONEY_FIELDS = {"t_charge", "amt_paid", "charge"} | {f"ch{i}" for i in range(1, 7)}
# where the form's dotted rule splits dollars from cents, in points (read off the form's image)
CENTS_RULE = {"t_charge": 431.8, "amt_paid": 504.1, "charge": 524.5} | {
    f"ch{i}": 416.4 for i in range(1, 7)
}
TAXONOMY = {  # provider taxonomy codes (NUCC code set) printed with qualifier ZZ
    "family": "207Q00000X",
    "internal": "207R00000X",
    "cardiology": "207RC0000X",
    "orthopedics": "207X00000X",
    "pt": "225100000X",
    "pediatrics": "208000000X",
    "dermatology": "207N00000X",
    "urgent": "261QU0200X",
    "radiology": "2085R0202X",
    "dme": "332B00000X",
}
PALETTE = [(255, 255, 255), (247, 228, 234), (228, 42, 49), (35, 31, 32)]  # the form's inks


# --- the template -----------------------------------------------------------------------------


def _d(obj: Any) -> DictionaryObject:
    """A PDF dictionary (pypdf types every value as PdfObject)."""
    return cast(DictionaryObject, obj.get_object())


def _annots(page: Any) -> list[Any]:
    return list(cast(ArrayObject, page["/Annots"]))


def _indexed_image(jpeg: bytes) -> tuple[int, int, bytes]:
    """The form's JPEG as 2-bit indexed pixels (PALETTE), Flate-compressed."""
    rgb = Image.open(io.BytesIO(jpeg)).convert("RGB")
    pal = Image.new("P", (1, 1))
    flat = [c for t in PALETTE for c in t]
    pal.putpalette(flat + [0] * (768 - len(flat)))
    idx = np.asarray(rgb.quantize(palette=pal, dither=Image.Dither.NONE), dtype=np.uint8)
    h, w = idx.shape
    quads = np.pad(idx, ((0, 0), (0, (-w) % 4))).reshape(h, -1, 4)
    packed = (quads[:, :, 0] << 6) | (quads[:, :, 1] << 4) | (quads[:, :, 2] << 2) | quads[:, :, 3]
    return w, h, zlib.compress(packed.astype(np.uint8).tobytes(), 9)


def _reclone(data: bytes) -> PdfWriter:
    """A writer holding only the objects reachable from the document's root."""
    return PdfWriter(clone_from=PdfReader(io.BytesIO(data)))


def _bytes(writer: PdfWriter) -> bytes:
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


@functools.lru_cache(maxsize=2)
def template(form: Path = FORM) -> bytes:
    """Page 1 of the official form, compacted and with every field empty (see module doc)."""
    if not form.exists():
        raise FileNotFoundError(f"the official CMS-1500 form is not at {form} (--form PATH)")
    w = PdfWriter(clone_from=PdfReader(str(form)))
    root = w.root_object
    for key in ("/Metadata", "/Names", "/Outlines"):
        root.pop(key, None)
    page = w.pages[0]
    page.pop("/AA", None)
    keep = ArrayObject()
    for ref in _annots(page):
        annot = ref.get_object()
        if annot.get("/Subtype") == "/Widget" and annot.get("/T") != "Clear Form":
            keep.append(ref)
    page[NameObject("/Annots")] = keep
    acro = _d(root["/AcroForm"])
    acro.pop("/CO", None)  # box 28's calculation sums fields that do not exist
    fields = ArrayObject(
        f for f in cast(ArrayObject, acro["/Fields"]) if _d(f).get("/T") != "Clear Form"
    )
    acro[NameObject("/Fields")] = fields
    fonts = _d(_d(acro["/DR"])["/Font"])
    for key in ("/Arial", "/TiBo"):
        fonts.pop(key, None)
    for ref in fields:
        node = ref.get_object()
        node.pop("/AA", None)  # number-format JavaScript
        node.pop("/V", None)  # the form ships with sample values (99/99/1999, "Prayaag", ...)
        for kid in [k.get_object() for k in node.get("/Kids", [])] or [node]:
            kid.pop("/V", None)
            if node.get("/FT") == "/Btn":
                kid[NameObject("/AS")] = NameObject("/Off")
            else:
                kid.pop("/AP", None)
                kid[NameObject("/DA")] = TextStringObject("/Helv 10 Tf 0 g")
        if node.get("/FT") == "/Tx":
            node[NameObject("/DA")] = TextStringObject("/Helv 10 Tf 0 g")
    xobj = _d(_d(_d(page["/Resources"])["/XObject"])["/Fm0"])
    image = cast(StreamObject, _d(_d(xobj["/Resources"])["/XObject"])["/Im0"].get_object())
    width, height, data = _indexed_image(image._data)
    indexed = StreamObject()
    indexed._data = data
    indexed.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Image"),
            NameObject("/Width"): NumberObject(width),
            NameObject("/Height"): NumberObject(height),
            NameObject("/BitsPerComponent"): NumberObject(2),
            NameObject("/ColorSpace"): ArrayObject(
                [
                    NameObject("/Indexed"),
                    NameObject("/DeviceRGB"),
                    NumberObject(len(PALETTE) - 1),
                    ByteStringObject(bytes(c for t in PALETTE for c in t)),
                ]
            ),
            NameObject("/Filter"): NameObject("/FlateDecode"),
        }
    )
    _d(_d(xobj["/Resources"])["/XObject"])[NameObject("/Im0")] = w._add_object(indexed)
    w.remove_page(1)
    return _bytes(_reclone(_bytes(w)))  # the second pass drops page 2 and the old image


@dataclass(frozen=True)
class Geometry:
    """Where the form's fields are, in PDF points (origin bottom left)."""

    rects: dict[str, tuple[float, float, float, float]]  # text fields
    align: dict[str, int]  # /Q: 0 left, 1 centre, 2 right
    states: dict[str, dict[str, tuple[float, float, float, float]]]  # buttons: state → rect


@functools.lru_cache(maxsize=2)
def geometry(form: Path = FORM) -> Geometry:
    page = PdfReader(io.BytesIO(template(form))).pages[0]
    rects: dict[str, tuple[float, float, float, float]] = {}
    align: dict[str, int] = {}
    states: dict[str, dict[str, tuple[float, float, float, float]]] = {}
    for ref in _annots(page):
        w = ref.get_object()
        node = w if "/T" in w else w["/Parent"].get_object()
        name = str(node["/T"])
        x0, y0, x1, y1 = (float(v) for v in w["/Rect"])
        if node.get("/FT") == "/Btn":
            for state in w["/AP"]["/N"]:
                if state != "/Off":
                    states.setdefault(name, {})[str(state)] = (x0, y0, x1, y1)
        else:
            rects[name] = (x0, y0, x1, y1)
            align[name] = int(w.get("/Q", node.get("/Q", 0)))
    return Geometry(rects, align, states)


# --- what goes in the boxes -----------------------------------------------------------------


@dataclass(frozen=True)
class FormStyle:
    """How one billing system fills the form."""

    font: str = "Helvetica"  # Helvetica | Courier
    size: float = 10.0
    line_size: float = 9.0  # box 24
    dotted_dx: bool = False  # box 21 "E11.9" instead of "E119"
    tax_dash: bool = True  # box 25 "84-1234567" instead of "841234567"
    insured_address: bool = True  # box 7 filled even when the patient is the insured
    date_style: str = "spaced"  # box 12 / 31 dates: "spaced" 03 06 26 | "slash" 03/06/2026
    taxonomy: bool = False  # 24I/J shaded and 33b carry the taxonomy (ZZ)
    producer: str = "MedLedger PM 7.4"
    offset: tuple[float, float] = (0.0, 0.0)  # printed forms: how far the printer is off


@dataclass
class FormFill:
    texts: dict[str, str] = field(default_factory=dict)
    buttons: dict[str, str] = field(default_factory=dict)  # field → state name ("/M")
    fields: dict[str, Any] = field(default_factory=dict)  # the expected JSON's fields
    service_lines: list[dict[str, Any]] = field(default_factory=list)


def _mdy(d: date, four: bool = False) -> tuple[str, str, str]:
    return f"{d.month:02d}", f"{d.day:02d}", f"{d.year}" if four else f"{d.year % 100:02d}"


def _sig_date(d: date, style: str) -> str:
    return f"{d.month:02d} {d.day:02d} {d.year % 100:02d}" if style == "spaced" else f"{d:%m/%d/%Y}"


def _tax_id(claim: Claim, style: FormStyle) -> str:
    tid = claim.practice.tax_id
    return tid if style.tax_dash else tid.replace("-", "")


def form_fill(claim: Claim, style: FormStyle) -> FormFill:
    """The values of every box, and the expected JSON of what they say."""
    f = FormFill()
    t, b, exp = f.texts, f.buttons, f.fields
    payer, pat, ins, pr = claim.payer, claim.patient, claim.insured, claim.practice

    carrier = [payer.name, payer.street, payer.street2, f"{payer.city} {payer.state} {payer.zip}"]
    carrier = [line.upper() for line in carrier if line]
    for name, line in zip(
        ["insurance_name", "insurance_address", "insurance_address2", "insurance_city_state_zip"],
        carrier,
        strict=False,
    ):
        t[name] = line
    exp["payer_name"] = carrier[0]
    b["insurance_type"] = "/" + payer.program
    t["insurance_id"] = claim.member_id
    exp["member_id"] = claim.member_id
    t["pt_name"] = pat.form_name()
    exp["patient_name"] = t["pt_name"]
    t["birth_mm"], t["birth_dd"], t["birth_yy"] = _mdy(pat.dob, four=True)
    exp["patient_dob"] = pat.dob.isoformat()
    b["sex"] = "/" + pat.sex
    exp["patient_sex"] = pat.sex
    t["ins_name"] = ins.form_name()
    exp["insured_name"] = t["ins_name"]
    t["pt_street"], t["pt_city"], t["pt_state"] = pat.street.upper(), pat.city.upper(), pat.state
    t["pt_zip"], t["pt_AreaCode"], t["pt_phone"] = pat.zip, pat.area, pat.phone
    b["rel_to_ins"] = "/" + claim.relationship
    if claim.relationship != "S" or style.insured_address:
        t["ins_street"], t["ins_city"], t["ins_state"] = (
            ins.street.upper(),
            ins.city.upper(),
            ins.state,
        )
        t["ins_zip"], t["ins_phone area"], t["ins_phone"] = ins.zip, ins.area, ins.phone
    b["employment"] = b["pt_auto_accident"] = b["other_accident"] = "/NO"
    if claim.group_number:
        t["ins_policy"] = claim.group_number
        exp["group_number"] = claim.group_number
    if payer.program == "Group":
        t["ins_dob_mm"], t["ins_dob_dd"], t["ins_dob_yy"] = _mdy(ins.dob, four=True)
        b["ins_sex"] = "/MALE" if ins.sex == "M" else "/FEMALE"
        b["ins_benefit_plan"] = "/NO"
    t["ins_plan_name"] = payer.plan.upper()
    t["pt_signature"] = t["ins_signature"] = "SIGNATURE ON FILE"
    t["pt_date"] = _sig_date(claim.signed, style.date_style)
    if claim.onset is not None:
        t["cur_ill_mm"], t["cur_ill_dd"], t["cur_ill_yy"] = _mdy(claim.onset)
        t["73"] = "431"
    if claim.referring is not None:
        t["85"], t["ref_physician"], t["id_physician"] = (
            "DN",
            claim.referring[0].upper(),
            claim.referring[1],
        )
    if claim.prior_auth:
        t["prior_auth"] = claim.prior_auth
    b["lab"] = "/NO"
    t["99icd"] = "0"
    for i, code in enumerate(claim.diagnoses):
        t[f"diagnosis{i + 1}"] = code if style.dotted_dx else code.replace(".", "")
    exp["diagnosis_codes"] = list(claim.diagnoses)
    for n, ln in enumerate(claim.lines, start=1):
        _line(f, n, ln, claim, style)
    t["tax_id"] = _tax_id(claim, style)
    exp["billing_tax_id"] = t["tax_id"]
    b["ssn"] = "/" + pr.tax_kind
    t["pt_account"] = claim.account_no
    exp["claim_number"] = claim.account_no
    b["assignment"] = "/YES"
    if claim.total_charge is not None:
        t["t_charge"] = money_str(claim.total_charge)
        exp["total_charge"] = t["t_charge"]
    if claim.amount_paid is not None:
        t["amt_paid"] = money_str(claim.amount_paid)
        exp["amount_paid"] = t["amt_paid"]
    exp["service_date_from"] = min(ln.date_from for ln in claim.lines).isoformat()
    exp["service_date_to"] = max(ln.date_to for ln in claim.lines).isoformat()
    t["physician_signature"] = (pr.physician or "SIGNATURE ON FILE").upper()
    t["physician_date"] = _sig_date(claim.signed, style.date_style)
    if pr.facility is not None:
        t["fac_name"], t["fac_street"], t["fac_location"], t["pin1"] = (
            pr.facility[0].upper(),
            pr.facility[1].upper(),
            pr.facility[2].upper(),
            pr.facility[3],
        )
    else:
        t["fac_name"] = pr.name.upper()
        t["fac_street"] = f"{pr.street} {pr.suite}".strip().upper()
        t["fac_location"] = f"{pr.city} {pr.state} {pr.zip}".upper()
    t["doc_phone area"], t["doc_phone"] = pr.area, pr.phone
    t["doc_name"] = pr.name.upper()
    exp["provider_name"] = t["doc_name"]
    t["doc_street"] = f"{pr.street} {pr.suite}".strip().upper()
    t["doc_location"] = f"{pr.city} {pr.state} {pr.zip}".upper()
    t["pin"] = pr.npi
    exp["provider_npi"] = pr.npi
    if style.taxonomy:
        t["grp"] = "ZZ" + TAXONOMY[claim.specialty]
    return f


def _line(f: FormFill, n: int, ln: ServiceLine, claim: Claim, style: FormStyle) -> None:
    t = f.texts
    t[f"sv{n}_mm_from"], t[f"sv{n}_dd_from"], t[f"sv{n}_yy_from"] = _mdy(ln.date_from)
    t[f"sv{n}_mm_end"], t[f"sv{n}_dd_end"], t[f"sv{n}_yy_end"] = _mdy(ln.date_to)
    t[f"place{n}"] = ln.pos
    t[f"cpt{n}"] = ln.code
    for slot, mod in zip(["", "a", "b", "c"], ln.modifiers, strict=False):
        t[f"mod{n}{slot}"] = mod
    t[f"diag{n}"] = ln.pointer
    t[f"ch{n}"] = money_str(ln.charge)
    t[f"day{n}"] = str(ln.units)
    pr = claim.practice
    if not pr.solo and pr.physician_npi:
        t[f"local{n}"] = pr.physician_npi
    if style.taxonomy and not pr.solo:
        t[f"emg{n}"] = "ZZ"
        t[f"local{n}a"] = TAXONOMY[claim.specialty]
    if ln.ndc:
        t[SHADED[n - 1]] = ln.ndc
    f.service_lines.append(ln.expected())


# --- writing ------------------------------------------------------------------------------------

BOX24 = ("sv", "place", "type", "cpt", "mod", "diag", "day", "local", "plan", "emg", "epsdt")


def _font_size(name: str, value: str, style: FormStyle, geo: Geometry) -> float:
    """The style's size, shrunk until the value fits its box."""
    x0, _, x1, _ = geo.rects[name]
    size = style.line_size if name.startswith(BOX24) or name.startswith("Suppl") else style.size
    if name.startswith(("fac_", "doc_", "ins_plan", "insurance_")) and size > 9:
        size = 9.0
    while size > 6 and pdfmetrics.stringWidth(value, style.font, size) > (x1 - x0) - 5:
        size -= 0.5
    return size


def _finish(writer: PdfWriter, path: Path, title: str, producer: str, when: date, key: str) -> None:
    stamp = f"D:{when:%Y%m%d}093000Z"
    writer.metadata = {
        "/Title": title,
        "/Producer": producer,
        "/Creator": producer,
        "/CreationDate": stamp,
        "/ModDate": stamp,
    }
    digest = ByteStringObject(hashlib.md5(key.encode()).digest())
    writer._ID = ArrayObject([digest, digest])  # a fixed file id keeps the output reproducible
    writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
    path.write_bytes(_bytes(writer))


def _set_buttons(page: DictionaryObject, buttons: dict[str, str]) -> None:
    for ref in _annots(page):
        w = ref.get_object()
        node = w if "/T" in w else w["/Parent"].get_object()
        state = buttons.get(str(node["/T"]))
        if state is None or node.get("/FT") != "/Btn":
            continue
        on = state in w["/AP"]["/N"]
        w[NameObject("/AS")] = NameObject(state if on else "/Off")
        node[NameObject("/V")] = NameObject(state)


def _filled(fill: FormFill, style: FormStyle, form: Path) -> PdfWriter:
    geo = geometry(form)
    writer = _reclone(template(form))
    page = writer.pages[0]
    font = {"Helvetica": "/Helv", "Courier": "/Cour"}[style.font]
    for ref in _annots(page):
        w = ref.get_object()
        name = str(w.get("/T", ""))
        if name in fill.texts:
            da = TextStringObject(
                f"{font} {_font_size(name, fill.texts[name], style, geo):g} Tf 0 g"
            )
            w[NameObject("/DA")] = da
    writer.update_page_form_field_values(page, fill.texts, auto_regenerate=False)
    _set_buttons(page, fill.buttons)
    return writer


def write_fillable(
    fill: FormFill, style: FormStyle, path: Path, when: date, key: str, form: Path = FORM
) -> None:
    """The form with its fields filled; appearance streams generated, fields kept."""
    writer = _filled(fill, style, form)
    _finish(writer, path, "CMS-1500 Health Insurance Claim Form", style.producer, when, key)


def _flatten(writer: PdfWriter) -> bytes:
    """Paint every widget's current appearance into the page, then drop the form."""
    page = writer.pages[0]
    xobjects = _d(_d(page["/Resources"])["/XObject"])
    ops = []
    for i, ref in enumerate(_annots(page)):
        w = ref.get_object()
        ap: Any = w.get("/AP", {}).get("/N")
        if ap is None:
            continue
        ap = ap.get_object()
        if not isinstance(ap, StreamObject):  # a check box: one appearance per state
            state = w.get("/AS")
            if state is None or state == "/Off" or state not in ap:
                continue
            ap = ap[state].get_object()
        x0, y0, x1, y1 = (float(v) for v in w["/Rect"])
        bx0, by0, bx1, by1 = (float(v) for v in ap["/BBox"])
        sx, sy = (x1 - x0) / (bx1 - bx0), (y1 - y0) / (by1 - by0)
        name = f"/Flat{i}"
        xobjects[NameObject(name)] = ap.indirect_reference or writer._add_object(ap)
        ops.append(
            f"q {sx:.4f} 0 0 {sy:.4f} {x0 - bx0 * sx:.3f} {y0 - by0 * sy:.3f} cm {name} Do Q"
        )
    stream = StreamObject()
    stream._data = zlib.compress(("\n".join(ops) + "\n").encode())
    stream[NameObject("/Filter")] = NameObject("/FlateDecode")
    contents = page["/Contents"]
    parts = list(contents) if isinstance(contents, ArrayObject) else [page.raw_get("/Contents")]
    page[NameObject("/Contents")] = ArrayObject([*parts, writer._add_object(stream)])
    del page["/Annots"]
    del writer.root_object["/AcroForm"]
    return _bytes(writer)


def write_flattened(
    fill: FormFill, style: FormStyle, path: Path, when: date, key: str, form: Path = FORM
) -> None:
    """Filled, then flattened: the values are page content (text layer), no form left."""
    writer = _reclone(_flatten(_filled(fill, style, form)))
    _finish(writer, path, "CMS-1500 Health Insurance Claim Form", style.producer, when, key)


def write_printed(
    fill: FormFill, style: FormStyle, path: Path, when: date, key: str, form: Path = FORM
) -> None:
    """The values printed onto the form as a billing system does: Courier, upper case, dollars
    and cents either side of the form's rule, an X in each check box, and the whole page a little
    off where the printer put it."""
    geo = geometry(form)
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=letter, invariant=1, pageCompression=1)
    dx, dy = style.offset
    for name, value in fill.texts.items():
        x0, y0, x1, y1 = geo.rects[name]
        x0, x1, y0, y1 = x0 + dx, x1 + dx, y0 + dy, y1 + dy
        size = _font_size(name, value, style, geo)
        c.setFont(style.font, size)
        base = y0 + (y1 - y0 - size * 0.6) / 2
        if name in CENTS_RULE:
            dollars, cents = value.split(".")
            rule = CENTS_RULE[name] + dx
            c.drawRightString(rule - 2.5, base, dollars)  # a word apart: "150 00"
            c.drawString(rule + 2.5, base, cents)
        elif geo.align.get(name) == 1:
            c.drawCentredString((x0 + x1) / 2, base, value)
        elif geo.align.get(name) == 2:
            c.drawRightString(x1 - 2, base, value)
        else:
            c.drawString(x0 + 2, base, value)
    c.setFont(style.font, 11)
    for name, state in fill.buttons.items():
        x0, y0, x1, y1 = geo.states[name][state]
        c.drawCentredString((x0 + x1) / 2 + dx, (y0 + y1) / 2 - 3.6 + dy, "X")
    c.showPage()
    c.save()
    overlay = PdfReader(io.BytesIO(buf.getvalue())).pages[0]
    writer = _reclone(template(form))
    page = writer.pages[0]
    del page["/Annots"]
    del writer.root_object["/AcroForm"]
    page.merge_page(overlay)
    writer = _reclone(_bytes(writer))
    _finish(writer, path, "CMS-1500 Health Insurance Claim Form", style.producer, when, key)


def render_pages(pdf: Path, dpi: int) -> list[Image.Image]:
    """Render a PDF with its form fields drawn (pdfium draws widgets only with a form handle)."""
    doc = pdfium.PdfDocument(str(pdf))
    try:
        doc.init_forms()
        return [
            doc[i].render(scale=dpi / 72, grayscale=True, may_draw_forms=True).to_pil().convert("L")
            for i in range(len(doc))
        ]
    finally:
        doc.close()


def form_values(pdf: Path) -> dict[str, str]:
    """The text values of a fillable PDF's fields, and the states of its buttons ("/M")."""
    out: dict[str, str] = {}
    for name, fld in (PdfReader(str(pdf)).get_fields() or {}).items():
        value = fld.get("/V")
        if value not in (None, "", "/Off"):
            out[name] = str(value)
    return out


def words_in(pdf: Path) -> list[tuple[str, float, float]]:
    """The words of a PDF's text layer with their centres, in points from the bottom left."""
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        page = doc.pages[0]
        height = float(page.height)
        return [
            (w["text"], (w["x0"] + w["x1"]) / 2, height - (w["top"] + w["bottom"]) / 2)
            for w in page.extract_words(keep_blank_chars=False, use_text_flow=False)
        ]


def text_in_box(
    words: Iterable[tuple[str, float, float]],
    rect: tuple[float, float, float, float],
    pad: float = 2.5,
) -> str:
    x0, y0, x1, y1 = rect
    inside = [
        (x, w) for w, x, y in words if x0 - pad <= x <= x1 + pad and y0 - pad <= y <= y1 + pad
    ]
    return " ".join(w for _, w in sorted(inside))
