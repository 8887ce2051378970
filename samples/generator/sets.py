"""What every generated set shares: its documents found beside their expected JSON, opened for
their pages and text, and the command line that writes a set and checks it."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pdfplumber
from PIL import Image


def expected_documents(out: Path) -> tuple[list[tuple[Path, dict[str, Any]]], list[str]]:
    """Each NAME.expected.json in `out` (in name order) with its one document file and what it
    expects; a problem for each expected file that has none or several."""
    found: list[tuple[Path, dict[str, Any]]] = []
    problems: list[str] = []
    for js in sorted(out.glob("*.expected.json")):
        stem = js.name[: -len(".expected.json")]
        files = [p for p in out.iterdir() if p.stem == stem and not p.name.endswith(".json")]
        if len(files) != 1:
            problems.append(f"{stem}: expected exactly one document file, found {files}")
            continue
        found.append((files[0], json.loads(js.read_text(encoding="utf-8"))))
    return found, problems


def pages_and_text(path: Path) -> tuple[int, str]:
    """A document's page count and, for a PDF, the text of its text layer ("" for an image)."""
    if path.suffix == ".pdf":
        with pdfplumber.open(path) as pdf:
            return len(pdf.pages), "\n".join(p.extract_text() or "" for p in pdf.pages)
    with Image.open(path) as img:
        pages = int(getattr(img, "n_frames", 1))
        img.load()
    return pages, ""


def run_cli(
    argv: list[str] | None,
    *,
    prog: str,
    description: str | None,
    seed: int,
    out: Path,
    generate: Callable[..., object],
    verify: Callable[[Path], list[str]],
) -> int:
    """`--seed`, `--out`, `--check`, `-q`: write the set, then check it when asked."""
    ap = argparse.ArgumentParser(
        prog=prog, description=description, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument(
        "--seed", type=int, default=seed, help=f"random seed ({seed} = the committed set)"
    )
    ap.add_argument(
        "--out",
        type=Path,
        default=out,
        help="output directory; generated files in it are deleted first",
    )
    ap.add_argument("--check", action="store_true", help="verify the generated set afterwards")
    ap.add_argument("-q", "--quiet", action="store_true")
    args = ap.parse_args(argv)
    generate(args.out, args.seed, log=not args.quiet)
    if not args.check:
        return 0
    problems = verify(args.out)
    for problem in problems:
        print("PROBLEM:", problem, file=sys.stderr)
    if not problems and not args.quiet:
        print(f"check: {len(list(args.out.glob('*.expected.json')))} documents OK")
    return 1 if problems else 0
