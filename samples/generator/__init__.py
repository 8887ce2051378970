"""Seeded, reproducible generator of realistic invoice samples (digital PDFs and scans).

Run ``python -m samples.generator --help``. The truth for every document is written beside it as
``NAME.expected.json``; see ``samples/README.md``.
"""

from __future__ import annotations

from .build import generate

__all__ = ["generate"]
