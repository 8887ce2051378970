"""Time per page for each kind of document, digital and scanned, on the committed samples.

    python bench/bench_types.py [samples/] [--per-group 4]

One process, documents one after another, the pipeline loaded once (its first document also
pays for loading spaCy, dateparser and the models, so that one is run twice and timed the second
time). Prints seconds per document and per page for every kind and whether it was scanned.
"""

from __future__ import annotations

import argparse
import json
import logging
import time
from collections import defaultdict
from pathlib import Path

from pipelines.batch import find_documents
from pipelines.evaluate import expected_path
from pipelines.run import Pipeline


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("root", nargs="?", type=Path, default=Path("samples"))
    ap.add_argument("--per-group", type=int, default=4, help="documents timed per group")
    args = ap.parse_args()
    logging.disable(logging.WARNING)
    pipeline = Pipeline()
    groups: dict[tuple[str, str], list[Path]] = defaultdict(list)
    for path in find_documents(args.root):
        exp = expected_path(path)
        if not exp.exists():
            continue
        truth = json.loads(exp.read_text(encoding="utf-8"))
        if "parts" in truth:
            continue
        key = (
            truth.get("document_type", "unknown"),
            "scanned" if truth.get("scanned") else "digital",
        )
        if len(groups[key]) < args.per_group:
            groups[key].append(path)
    first = next(iter(groups.values()))[0]
    pipeline.process(first)  # warm-up: imports and models
    print(f"{'kind':10s} {'':8s} {'docs':>5s} {'pages':>6s} {'s/doc':>7s} {'s/page':>7s}")
    for (kind, scanned), paths in sorted(groups.items()):
        pages = 0
        started = time.perf_counter()
        for path in paths:
            pages += pipeline.process(path).pages
        seconds = time.perf_counter() - started
        print(
            f"{kind:10s} {scanned:8s} {len(paths):5d} {pages:6d} "
            f"{seconds / len(paths):7.2f} {seconds / max(pages, 1):7.2f}"
        )


if __name__ == "__main__":
    main()
