"""Forms with a fixed layout, known from their blank: a template of the boxes the form prints (in
points, from the official fillable PDF: `pipelines/form_template.py` builds it) and words it
prints once as anchors, and the registration of a page onto the template.

A page is registered by the anchors found among its words: a scale and a shift per axis, fitted
by least squares to the anchor pairs, with the outliers dropped. A registered page's boxes are
where its values are, whether the words came from a text layer or from OCR; the reader uses the
same registration to read a scan's boxes a second time, one box at a time, knowing which
characters each may hold.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from extractors.model import BBox, Page, Word
from extractors.values import fold_text

CMS1500 = Path(__file__).parent / "forms" / "cms1500.json"


@dataclass(frozen=True)
class Template:
    width: float
    height: float
    boxes: dict[str, BBox]  # text fields
    states: dict[str, dict[str, BBox]]  # check boxes and radio buttons
    anchors: dict[str, BBox]  # folded printed word → where the form prints it
    # box → the characters a value typed in it is made of, for boxes worth a careful second
    # reading on a scan ("" for any characters: a name)
    chars: dict[str, str] = field(default_factory=dict)
    # check boxes and radio groups worth looking at again on a scan: marked or not is a matter
    # of ink in the box, which OCR may miss
    checks: tuple[str, ...] = ()
    language: str = "en"  # the language the form prints in and is filled in


@lru_cache(maxsize=1)
def cms1500() -> Template:
    data: dict[str, Any] = json.loads(CMS1500.read_text(encoding="utf-8"))
    boxes, states = {}, {}
    for name, spec in data["fields"].items():
        if "box" in spec:
            boxes[name] = BBox(*spec["box"])
        if "states" in spec:
            states[name] = {s: BBox(*b) for s, b in spec["states"].items()}
    anchors = {fold_text(a[0]): BBox(*a[1:]) for a in data["anchors"]}
    chars = {name: kind for name in boxes if (kind := _cms1500_chars(name)) is not None}
    checks = tuple(name for name in ("sex",) if name in states)  # what the claim reads
    return Template(data["page"][0], data["page"][1], boxes, states, anchors, chars, checks)


DIGITS = "0123456789"
UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
ANY = ""


def _cms1500_chars(name: str) -> str | None:
    """What the CMS-1500 boxes the claim extractor reads may hold; None for the boxes it does
    not read."""
    if re.fullmatch(r"(birth|sv\d)_(mm|dd|yy)(_from)?", name) or name in ("pin",):
        return DIGITS
    if re.fullmatch(r"ch\d|t_charge|amt_paid", name):
        return DIGITS + " "  # dollars | cents
    if re.fullmatch(r"day\d", name):
        return DIGITS + "."
    if name == "tax_id":
        return DIGITS + "-"
    if re.fullmatch(r"diagnosis\d+", name):
        return UPPER + DIGITS + "."
    if re.fullmatch(r"cpt\d|mod\d[abc]?", name):
        return UPPER + DIGITS
    if re.fullmatch(r"diag\d", name):
        return "ABCDEFGHIJKL"
    if name in ("insurance_id", "pt_account", "ins_policy"):
        return UPPER + DIGITS + "-"
    if name in ("pt_name", "ins_name", "insurance_name", "doc_name"):
        return ANY
    return None


@dataclass(frozen=True)
class Registration:
    """Template points → page points: x' = sx·x + dx, y' = sy·y + dy."""

    sx: float
    dx: float
    sy: float
    dy: float
    anchors: int  # how many anchors agreed
    residual: float  # their mean distance from where the fit puts them, in points

    def box(self, b: BBox, pad: float = 0.0) -> BBox:
        return BBox(
            self.sx * b.x0 + self.dx - pad,
            self.sy * b.top + self.dy - pad,
            self.sx * b.x1 + self.dx + pad,
            self.sy * b.bottom + self.dy + pad,
        )


def register(page: Page, template: Template) -> Registration | None:
    """Fit the page to the template by the anchor words printed once on both."""
    seen: dict[str, list[Word]] = {}
    for w in page.words:
        seen.setdefault(fold_text(w.text), []).append(w)
    pairs = [
        (template.anchors[text], words[0].bbox)
        for text, words in seen.items()
        if text in template.anchors and len(words) == 1
    ]
    if len(pairs) < 4:
        return None
    for _ in range(3):
        fit = _fit(pairs)
        errors = [_error(fit, t, p) for t, p in pairs]
        limit = max(3.0, 3 * sorted(errors)[len(errors) // 2])
        kept = [pair for pair, e in zip(pairs, errors, strict=True) if e <= limit]
        if len(kept) == len(pairs) or len(kept) < 4:
            break
        pairs = kept
    fit = _fit(pairs)
    errors = [_error(fit, t, p) for t, p in pairs]
    reg = Registration(*fit, anchors=len(pairs), residual=sum(errors) / len(errors))
    # few anchors must agree closely; many may scatter more (a scan's own small warps)
    limit = 6.0 if len(pairs) >= 8 else 3.0
    plausible = 0.5 < reg.sx < 2.5 and 0.5 < reg.sy < 2.5 and reg.residual < limit
    if len(pairs) < 8:
        plausible = plausible and abs(reg.sx - reg.sy) < 0.05  # a print or a scan keeps its aspect
    return reg if plausible else None


def _fit(pairs: Sequence[tuple[BBox, BBox]]) -> tuple[float, float, float, float]:
    def line(xs: list[float], ys: list[float]) -> tuple[float, float]:
        n = len(xs)
        mx, my = sum(xs) / n, sum(ys) / n
        var = sum((x - mx) ** 2 for x in xs)
        slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / var if var else 1.0
        return slope, my - slope * mx

    sx, dx = line([t.cx for t, _ in pairs], [p.cx for _, p in pairs])
    sy, dy = line([t.cy for t, _ in pairs], [p.cy for _, p in pairs])
    return sx, dx, sy, dy


def _error(fit: tuple[float, float, float, float], t: BBox, p: BBox) -> float:
    sx, dx, sy, dy = fit
    return float(((sx * t.cx + dx - p.cx) ** 2 + (sy * t.cy + dy - p.cy) ** 2) ** 0.5)


def known_forms() -> tuple[Template, ...]:
    """Every form the toolkit knows by its layout."""
    return (cms1500(),)
