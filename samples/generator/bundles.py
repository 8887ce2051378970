"""Files that hold several documents, as mail-room scanners make them: a stack of invoices fed
in one go and saved as one multi-page TIFF or PDF.

    python -m samples.generator.bundles [--seed 2024] [--out samples/bundles]

Each file's `NAME.expected.json` lists its documents under `parts`, each with the pages it takes
up (`"pages": [first, last]`) and the same keys as a single document's expected file; `bpo eval`
scores each part against the result the toolkit cut out for those pages.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pypdf

from .build import DE, GB, US, Entry, _render, clear
from .invoices import DocSpec
from .scan import EXTENSIONS, ScanSettings, scan_pdf

DEFAULT_OUT = Path(__file__).resolve().parent.parent / "bundles"


@dataclass(frozen=True)
class Bundle:
    name: str
    settings: ScanSettings
    documents: tuple[Entry, ...]


BUNDLES = (
    Bundle(
        "stack-of-three-invoices",
        ScanSettings("tiff", 200, 0.5, binarize=True),
        (
            Entry("us-corporate", US, "office"),
            Entry("multipage-distributor", DE, "industrial"),  # two pages
            Entry("uk-minimal", GB, "cleaning"),
        ),
    ),
    Bundle(
        "stack-of-two-invoices",
        ScanSettings("pdf", 200, -0.7, noise=3.0, jpeg_quality=55),
        (Entry("de-din5008", DE, "office"), Entry("saas-modern", US, "it")),
    ),
)


def generate(out: Path, seed: int) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    clear(out)
    written = []
    for b, bundle in enumerate(BUNDLES, 1):
        parts = []
        writer = pypdf.PdfWriter()
        page = 1
        with tempfile.TemporaryDirectory() as td:
            for d, entry in enumerate(bundle.documents, 1):
                key = f"b{b}d{d}"
                spec = DocSpec(key, entry.family, entry.country, entry.industry, vendor_key=key)
                pdf = Path(td) / f"{key}.pdf"
                _, expected = _render(spec, seed, pdf, key)
                reader = pypdf.PdfReader(str(pdf))
                for p in reader.pages:
                    writer.add_page(p)
                last = page + len(reader.pages) - 1
                part = expected.to_json()
                part["scanned"] = True
                parts.append({**part, "pages": [page, last]})
                page = last + 1
            merged = Path(td) / "merged.pdf"
            with merged.open("wb") as fh:
                writer.write(fh)
            path = out / f"{b:02d}-{bundle.name}{EXTENSIONS[bundle.settings.fmt]}"
            seed_b = random.Random(f"{seed}:bundle:{b}").randrange(2**32)
            scan = scan_pdf(merged, path, bundle.settings, seed_b)
        expected_file = {"scanned": True, "scan": scan, "parts": parts}
        (out / f"{path.stem}.expected.json").write_text(
            json.dumps(expected_file, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        written.append(path)
        print(f"{path.name:44s} {len(parts)} documents on {page - 1} pages")
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m samples.generator.bundles", description=__doc__)
    ap.add_argument("--seed", type=int, default=2024)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)
    generate(args.out, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
