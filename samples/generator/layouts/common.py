"""Helpers shared by several layouts: money formats, percentages, stamps."""

from __future__ import annotations

import random
from decimal import Decimal
from typing import TypeVar

from ..formatting import DE, EN, FR, MoneyFormat, NumberFormat
from ..model import Invoice
from .base import Pen

T = TypeVar("T")

SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "CAD": "$", "CHF": "CHF"}


def pick(rng: random.Random, *options: T) -> T:
    return rng.choice(list(options))


def numbers_for(lang: str) -> NumberFormat:
    return {"en": EN, "de": DE, "nl": DE, "fr": FR}[lang]


def money_format(inv: Invoice, rng: random.Random) -> MoneyFormat:
    """A plausible way for this vendor to print amounts."""
    sym = SYMBOLS[inv.currency]
    if inv.lang == "de":
        return MoneyFormat(DE, pick(rng, "€", "€", "EUR"), "{n} {s}")
    if inv.lang == "fr":
        return MoneyFormat(FR, "€", "{n} {s}")
    if inv.lang == "nl":
        return MoneyFormat(DE, "€", pick(rng, "{s} {n}", "{s} {n}", "{s}{n}"))
    if inv.currency == "EUR":
        return MoneyFormat(EN, "€", pick(rng, "{s}{n}", "{s} {n}"))
    return MoneyFormat(EN, sym, "{s}{n}")


def pct(rate: Decimal, lang: str, space: bool | None = None) -> str:
    """8.25 -> '8.25%', 19 -> '19 %' (de/fr) or '19%'."""
    text = numbers_for(lang).quantity(rate)
    if space is None:
        space = lang in ("de", "fr")
    return f"{text}{' ' if space else ''}%"


def stamp(
    pen: Pen,
    text: str,
    x: float,
    y: float,
    color: tuple[float, float, float] = (0.78, 0.1, 0.1),
    angle: float = 12,
    size: float = 20,
) -> None:
    """A rubber-stamp style box, e.g. COPY / DUPLICATA."""
    c = pen.c
    c.saveState()
    c.translate(x, y)
    c.rotate(angle)
    w = pen.width(text, size, "b") + 16
    c.setStrokeColorRGB(*color)
    c.setLineWidth(2)
    c.roundRect(-w / 2, -size * 0.55, w, size * 1.5, 4, stroke=1, fill=0)
    pen.text(0, -size * 0.05, text, size, "b", "c", color)
    c.restoreState()
