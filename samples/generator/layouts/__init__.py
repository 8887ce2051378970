"""One module per vendor family; each exposes ``render(inv, path, srng) -> Expected``."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

from ..model import Expected, Invoice
from . import (
    de_din5008,
    fr_facture,
    multipage,
    nl_factuur,
    receipt,
    saas,
    services,
    uk_minimal,
    us_corporate,
)

Renderer = Callable[[Invoice, Path, random.Random], Expected]

RENDERERS: dict[str, Renderer] = {
    us_corporate.LAYOUT: us_corporate.render,
    de_din5008.LAYOUT: de_din5008.render,
    fr_facture.LAYOUT: fr_facture.render,
    nl_factuur.LAYOUT: nl_factuur.render,
    uk_minimal.LAYOUT: uk_minimal.render,
    multipage.LAYOUT: multipage.render,
    services.LAYOUT: services.render,
    receipt.LAYOUT: receipt.render,
    saas.LAYOUT: saas.render,
}
