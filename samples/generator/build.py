"""The committed sample set: which documents to generate, and the generation loop."""

from __future__ import annotations

import json
import random
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

import pdfplumber

from .invoices import DocSpec, build_invoice, reissue, slug
from .layouts import RENDERERS
from .layouts.base import Overflow
from .model import Expected, Invoice
from .scan import EXTENSIONS, ScanSettings, scan_pdf

GENERATED_SUFFIXES = (".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".json")


@dataclass(frozen=True)
class Entry:
    """One planned digital document."""

    family: str
    country: str
    industry: str = "office"
    error: str | None = None
    same_vendor_as: int | None = (
        None  # 1-based index of an earlier entry: next invoice of that vendor
    )
    reissue_of: int | None = (
        None  # 1-based index: re-issued copy of that invoice (planted duplicate)
    )


@dataclass(frozen=True)
class ScanEntry:
    """One planned scan; of a fresh invoice (``entry``) or of a committed digital one (``source``)."""

    settings: ScanSettings
    entry: Entry | None = None
    source: int | None = None  # 1-based index of a digital document (planted duplicate)
    error: str | None = None


US, DE, FR, NL, GB, IE = "US", "DE", "FR", "NL", "GB", "IE"
DIGITAL: list[Entry] = [
    Entry("us-corporate", US, "office"),
    Entry("de-din5008", DE, "electrical"),
    Entry("fr-facture", FR, "printing"),
    Entry("nl-factuur", NL, "it"),
    Entry("uk-minimal", GB, "cleaning"),
    Entry("multipage-distributor", DE, "industrial"),
    Entry("services", IE),
    Entry("receipt", US, "food"),
    Entry("saas-modern", US, "it"),
    Entry("us-corporate", US, "industrial", error="invoice.totals_add_up"),
    Entry("de-din5008", DE, "office", error="invoice.line_items_sum"),
    Entry("fr-facture", FR, "office"),
    Entry("nl-factuur", NL, "office", error="invoice.line_item_amount"),
    Entry("uk-minimal", GB, "printing"),
    Entry("multipage-distributor", US, "industrial"),
    Entry("services", US),
    Entry("receipt", US, "industrial"),
    Entry("saas-modern", GB, "it", error="invoice.amount_due_within_total"),
    Entry("us-corporate", US, "it"),
    Entry("de-din5008", DE, "industrial", error="invoice.due_date_order"),
    Entry("fr-facture", FR, "cleaning", error="invoice.required_fields"),
    Entry("nl-factuur", NL, "cleaning"),
    Entry("uk-minimal", GB, "office"),
    Entry("multipage-distributor", FR, "industrial"),
    Entry("services", GB),
    Entry("receipt", US, "office"),
    Entry("saas-modern", IE, "it"),
    Entry("us-corporate", US, "printing"),
    Entry("de-din5008", DE, "printing"),
    Entry("fr-facture", FR, "it"),
    Entry("nl-factuur", NL, "printing"),
    Entry("uk-minimal", GB, "it"),
    Entry("multipage-distributor", NL, "industrial"),
    Entry("services", NL),
    Entry("us-corporate", US, "food"),
    Entry("de-din5008", DE, "electrical", same_vendor_as=2),
    Entry("us-corporate", US, "office", same_vendor_as=1),
    Entry("saas-modern", US, "it", same_vendor_as=9),
    Entry("de-din5008", DE, "cleaning"),
    Entry("fr-facture", FR, "office", reissue_of=12, error="invoice.duplicate"),
]

S = ScanSettings
SCANS: list[ScanEntry] = [
    ScanEntry(S("png", 200, 0.7, noise=2.0, gray_bits=4), Entry("us-corporate", US, "office")),
    ScanEntry(S("jpeg", 200, -1.2, noise=3.0, jpeg_quality=60), Entry("de-din5008", DE, "office")),
    ScanEntry(S("pdf", 200, 0.5, noise=3.0, jpeg_quality=55), Entry("fr-facture", FR, "printing")),
    ScanEntry(S("png", 300, -0.9, binarize=True), Entry("nl-factuur", NL, "cleaning")),
    ScanEntry(
        S("jpeg", 200, 1.6, quarter_turns=2, noise=3.0, jpeg_quality=60),
        Entry("uk-minimal", GB, "office"),
    ),
    ScanEntry(S("tiff", 200, 0.4, binarize=True), Entry("multipage-distributor", DE, "industrial")),
    ScanEntry(
        S("pdf", 200, -0.6, noise=2.5, jpeg_quality=50),
        Entry("multipage-distributor", US, "industrial"),
    ),
    ScanEntry(S("png", 240, -0.4, quarter_turns=1, binarize=True), Entry("services", US)),
    ScanEntry(S("jpeg", 300, 1.9, noise=3.0, jpeg_quality=65), Entry("receipt", US, "food")),
    ScanEntry(S("png", 300, -1.4, binarize=True), Entry("receipt", US, "office")),
    ScanEntry(S("pdf", 200, 0.3, binarize=True), Entry("saas-modern", US, "it")),
    ScanEntry(
        S("jpeg", 200, -0.8, noise=3.0, jpeg_quality=60),
        Entry("us-corporate", US, "industrial"),
        error="invoice.totals_add_up",
    ),
    ScanEntry(S("pdf", 300, 1.1, binarize=True), Entry("de-din5008", DE, "electrical")),
    ScanEntry(S("jpeg", 200, 0.9, noise=3.0, jpeg_quality=60), Entry("fr-facture", FR, "it")),
    ScanEntry(S("pdf", 200, -1.5, noise=3.0, jpeg_quality=55), Entry("nl-factuur", NL, "printing")),
    ScanEntry(
        S("jpeg", 200, -0.6, noise=3.0, jpeg_quality=60), source=5, error="invoice.duplicate"
    ),
]

COPY_LABEL = {"en": "COPY", "de": "KOPIE", "fr": "DUPLICATA", "nl": "KOPIE"}


def _digital_plan(n: int) -> list[Entry]:
    plan = list(DIGITAL[:n])
    i = len(plan)
    while len(plan) < n:  # beyond the curated list: more clean documents of the regular families
        base = DIGITAL[i % len(DIGITAL)]
        plan.append(Entry(base.family, base.country, base.industry))
        i += 1
    return [
        e
        if (e.reissue_of or e.same_vendor_as or 0) <= n
        else replace(e, reissue_of=None, same_vendor_as=None, error=None)
        for e in plan
    ]


def _scan_plan(m: int, n_digital: int) -> list[ScanEntry]:
    plan = list(SCANS[:m])
    i = len(plan)
    while len(plan) < m:
        base = SCANS[i % len(SCANS)]
        entry = base.entry or Entry("us-corporate", US, "office")
        plan.append(ScanEntry(base.settings, entry))
        i += 1
    out = []
    for s in plan:
        if s.source is not None and s.source > n_digital:
            s = ScanEntry(s.settings, Entry("uk-minimal", GB, "office"))
        out.append(s)
    return out


def _write_json(path: Path, exp: Expected) -> None:
    path.write_text(
        json.dumps(exp.to_json(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )


def _render(spec: DocSpec, seed: int, path: Path, style_key: str) -> tuple[Invoice, Expected]:
    """Build and draw; drop line items until the layout fits."""
    n_items: int | None = None
    while True:
        inv = build_invoice(spec, seed, n_items)
        try:
            exp = RENDERERS[spec.family](inv, path, random.Random(f"{seed}:style:{style_key}"))
            return inv, exp
        except Overflow:
            n_items = len(inv.items) - 1
            if n_items < 1:
                raise


def _stem(index: int, width: int, inv: Invoice, suffix: str = "") -> str:
    assert inv.vendor.brand is not None
    words = [slug(w) for w in inv.vendor.brand.short_name.split() if slug(w)]
    name = "-".join(words)[:28].rstrip("-")
    return f"{index:0{width}d}-{name}{suffix}"


def _fonts(pdf: Path) -> set[str]:
    with pdfplumber.open(pdf) as doc:
        return {ch["fontname"].split("+")[-1] for ch in doc.pages[0].chars}


def _claim(used: dict[str, str], inv: Invoice, key: str) -> bool:
    """Reserve the vendor's legal name, brand name and the brand's first word for ``key``;
    False if another vendor holds any of them (so unrelated vendors never look alike)."""
    assert inv.vendor.brand is not None
    short = inv.vendor.brand.short_name.lower()
    names = {inv.vendor.name.lower(), short}
    first = short.split()[0]
    if len(first) >= 4 and first not in ("ets", "groupe"):
        names.add("word:" + first)
    if any(used.get(n, key) != key for n in names):
        return False
    for n in names:
        used[n] = key
    return True


def clear(out: Path) -> None:
    for p in out.iterdir():
        if p.is_file() and p.suffix.lower() in GENERATED_SUFFIXES:
            p.unlink()


def generate(out: Path, seed: int, n_digital: int, n_scanned: int, log: bool = True) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    clear(out)
    width = max(2, len(str(n_digital + n_scanned)))
    written: list[Path] = []
    invoices: dict[int, tuple[Invoice, Expected, Path]] = {}
    vendor_keys: dict[int, str] = {}
    used: dict[
        str, str
    ] = {}  # vendor / brand names -> vendor key, to keep unrelated vendors distinct

    for i, e in enumerate(_digital_plan(n_digital), 1):
        if e.reissue_of is not None:
            orig, _orig_exp, orig_path = invoices[e.reissue_of]
            inv = reissue(orig, COPY_LABEL[orig.lang])
            path = out / (_stem(i, width, inv, "-reissue") + ".pdf")
            for k in range(
                20
            ):  # a re-issue comes out of another system: make sure it looks different
                exp = RENDERERS[inv.family](
                    inv, path, random.Random(f"{seed}:style:reissue:{i}:{k}")
                )
                if _fonts(path) != _fonts(orig_path):
                    break
        else:
            key = vendor_keys[e.same_vendor_as] if e.same_vendor_as else f"d{i}"
            seq = 1 if e.same_vendor_as else 0
            tmp = out / f".tmp-{i}.pdf"
            while True:
                spec = DocSpec(
                    f"d{i}", e.family, e.country, e.industry, vendor_key=key, seq=seq, error=e.error
                )
                inv, exp = _render(spec, seed, tmp, key)
                if e.same_vendor_as or _claim(used, inv, key):
                    break
                key += "'"  # name already taken by another vendor: draw a different one
            vendor_keys[i] = key
            path = out / (_stem(i, width, inv) + ".pdf")
            tmp.rename(path)
        _write_json(path.with_suffix(".expected.json"), exp)
        invoices[i] = (inv, exp, path)
        written.append(path)
        if log:
            print(f"{path.name:44s} {exp.layout:22s} {','.join(exp.planted_errors)}")

    for j, s in enumerate(_scan_plan(n_scanned, n_digital), 1):
        index = n_digital + j
        ext = EXTENSIONS[s.settings.fmt]
        scan_seed = random.Random(f"{seed}:scan:{j}").randrange(2**32)
        if s.source is not None:
            inv, src_exp, src_path = invoices[s.source]
            path = out / (_stem(index, width, inv, "-scan") + ext)
            meta = scan_pdf(src_path, path, s.settings, scan_seed)
            exp = Expected(
                **{
                    **src_exp.__dict__,
                    "fields": dict(src_exp.fields),
                    "line_items": list(src_exp.line_items),
                }
            )
            exp.planted_errors = ["invoice.duplicate"]
        else:
            assert s.entry is not None
            e = s.entry
            key = f"s{j}"
            with tempfile.TemporaryDirectory() as td:
                tmp = Path(td) / "digital.pdf"
                while True:
                    spec = DocSpec(
                        f"s{j}", e.family, e.country, e.industry, vendor_key=key, error=s.error
                    )
                    inv, exp = _render(spec, seed, tmp, key)
                    if _claim(used, inv, key):
                        break
                    key += "'"
                path = out / (_stem(index, width, inv, "-scan") + ext)
                meta = scan_pdf(tmp, path, s.settings, scan_seed)
        exp.scanned = True
        exp.scan = meta
        _write_json(out / (path.stem + ".expected.json"), exp)
        written.append(path)
        if log:
            print(f"{path.name:44s} {exp.layout:22s} {','.join(exp.planted_errors)}")
    return written
