"""CLI: ``python -m samples.generator --seed 2024 --out samples/invoices [--digital N --scanned M]``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .build import DIGITAL, SCANS, generate


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m samples.generator", description=__doc__)
    ap.add_argument(
        "--seed", type=int, default=2024, help="random seed (default 2024 = the committed set)"
    )
    ap.add_argument(
        "--out",
        type=Path,
        default=Path(__file__).resolve().parent.parent / "invoices",
        help="output directory; generated files in it are deleted first",
    )
    ap.add_argument(
        "--digital", type=int, default=len(DIGITAL), help=f"digital PDFs (default {len(DIGITAL)})"
    )
    ap.add_argument(
        "--scanned", type=int, default=len(SCANS), help=f"scanned documents (default {len(SCANS)})"
    )
    ap.add_argument("--check", action="store_true", help="verify the generated set afterwards")
    ap.add_argument(
        "--ocr", action="store_true", help="with --check: OCR one scan per format with tesseract"
    )
    ap.add_argument("-q", "--quiet", action="store_true")
    args = ap.parse_args(argv)
    generate(args.out, args.seed, args.digital, args.scanned, log=not args.quiet)
    if args.check:
        from .verify import verify

        problems = verify(args.out, ocr=args.ocr)
        for p in problems:
            print("PROBLEM:", p, file=sys.stderr)
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
