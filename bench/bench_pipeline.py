"""Pipeline speed against the bare tools it is built on, on the same files, in one run.

    python bench/bench_pipeline.py [samples/invoices] [--repeat 3]

Digital PDFs: the whole pipeline (read, classify, extract, validate) against a bare pdfplumber
parse (`extract_words` on every page) and a bare pypdfium2 text read. Scans and images: the
pipeline against bare `tesseract FILE - tsv` (scanned PDFs rendered at 300 dpi first, the way
the pipeline does), both with OMP_THREAD_LIMIT=1 and one process. Prints documents per second
and the ratios; it is not a timed test.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium

from pipelines.batch import find_documents
from pipelines.read import read_document
from pipelines.run import Pipeline


def timed(fn: Callable[[Path], object], paths: list[Path], repeat: int) -> float:
    """Best total seconds over `repeat` passes (the least disturbed by the noisy machine)."""
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        for path in paths:
            fn(path)
        runs.append(time.perf_counter() - started)
    return min(runs)


def bare_pdfplumber(path: Path) -> None:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_words()
            page.close()


def bare_pdfium(path: Path) -> None:
    pdf = pdfium.PdfDocument(str(path))
    for page in pdf:
        textpage = page.get_textpage()
        textpage.get_text_range()
        textpage.close()
        page.close()
    pdf.close()


def bare_tesseract(path: Path) -> None:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    if path.suffix.lower() != ".pdf":
        subprocess.run(
            ["tesseract", str(path), "-", "tsv"], env=env, capture_output=True, check=True
        )
        return
    pdf = pdfium.PdfDocument(str(path))
    with tempfile.TemporaryDirectory() as tmp:
        for i, page in enumerate(pdf):
            image = Path(tmp) / f"{i}.png"
            page.render(scale=300 / 72, grayscale=True).to_pil().save(image)
            page.close()
            subprocess.run(
                ["tesseract", str(image), "-", "tsv"], env=env, capture_output=True, check=True
            )
    pdf.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", default="samples/invoices", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--ocr-limit", type=int, default=8, help="scans to time (OCR is slow)")
    args = parser.parse_args()

    pipeline = Pipeline()
    paths = find_documents(args.folder)
    digital, scanned = [], []
    for path in paths:
        (scanned if read_document(path).ocr else digital).append(path)  # also warms every cache
    scanned = scanned[: args.ocr_limit]
    pages = sum(len(pdfium.PdfDocument(str(p))) for p in digital)
    print(
        f"{len(digital)} digital PDFs ({pages} pages), {len(scanned)} scans; "
        f"best of {args.repeat}; python {sys.version.split()[0]}, 1 process"
    )

    def run_pipeline(path: Path) -> None:
        pipeline.validate(pipeline.analyse(path))

    if digital:
        t_pipe = timed(run_pipeline, digital, args.repeat)
        t_read = timed(lambda p: read_document(p), digital, args.repeat)
        t_plumber = timed(bare_pdfplumber, digital, args.repeat)
        t_pdfium = timed(bare_pdfium, digital, args.repeat)
        n = len(digital)
        print("\ndigital                     s total   ms/doc   docs/s")
        for name, t in (
            ("pipeline (read+extract+rules)", t_pipe),
            ("  reading alone", t_read),
            ("bare pdfplumber words", t_plumber),
            ("bare pypdfium2 text", t_pdfium),
        ):
            print(f"{name:30s}{t:8.3f} {1000 * t / n:8.1f} {n / t:8.1f}")
        print(f"ratio pipeline / bare pdfplumber: {t_pipe / t_plumber:.2f}")
        print(f"ratio pipeline / bare pypdfium2:  {t_pipe / t_pdfium:.2f}")
    if scanned:
        t_pipe = timed(run_pipeline, scanned, 1)
        t_tess = timed(bare_tesseract, scanned, 1)
        n = len(scanned)
        print("\nscanned                     s total   s/doc    docs/s")
        for name, t in (("pipeline (OCR+extract+rules)", t_pipe), ("bare tesseract", t_tess)):
            print(f"{name:30s}{t:8.2f} {t / n:8.2f} {n / t:8.2f}")
        print(f"ratio pipeline / bare tesseract: {t_pipe / t_tess:.2f}")
        per_doc = [timed(run_pipeline, [p], 1) for p in scanned[:3]]
        print(
            f"(pipeline per scan, first three: {', '.join(f'{t:.2f}' for t in per_doc)} s; "
            f"median {statistics.median(per_doc):.2f} s)"
        )


if __name__ == "__main__":
    main()
