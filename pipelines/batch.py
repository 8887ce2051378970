"""Batch processing of a folder: every document in parallel, results written as they come.

`results.jsonl` grows one line per finished document (flushed at once), so an interrupted batch
loses nothing and a re-run picks up where it stopped: a document whose path and content are
already in the results is skipped unless forced. Exports are rebuilt from the whole file at the end.
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from extractors.model import Result
from pipelines import export
from pipelines.read import sha256_file
from pipelines.rules.base import SeenIndex
from pipelines.run import Analysis, Pipeline, Settings, accepts

log = logging.getLogger(__name__)

RESULTS = "results.jsonl"

_worker: Pipeline | None = None


def _init_worker(settings: Settings) -> None:
    global _worker
    logging.getLogger().setLevel(logging.WARNING)
    _worker = Pipeline(settings)


def _analyse(path: Path) -> list[Analysis]:
    assert _worker is not None, "worker not initialised"
    return _worker.analyse_all(path)


def find_documents(root: Path, exclude: Path | None = None) -> list[Path]:
    """PDFs and images below `root`, in a stable order; hidden folders and `exclude` left out."""
    if root.is_file():
        return [root]
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        dirnames[:] = sorted(
            d
            for d in dirnames
            if not d.startswith(".")
            and (exclude is None or (here / d).resolve() != exclude.resolve())
        )
        for name in sorted(filenames):
            path = here / name
            if name.startswith(".") or name.endswith(".json"):
                continue
            if accepts(path):
                found.append(path)
    return found


def analyse_files(pipeline: Pipeline, paths: list[Path], workers: int) -> Iterator[list[Analysis]]:
    """For each of `paths` in order, the analyses of the documents in it (one, or one per part
    of a file holding several), spread over `workers` processes (1: in this process)."""
    if workers <= 1 or len(paths) <= 1:
        for path in paths:
            yield pipeline.analyse_all(path)
        return
    with ProcessPoolExecutor(
        max_workers=min(workers, len(paths)),
        initializer=_init_worker,
        initargs=(pipeline.settings,),
        max_tasks_per_child=200,
    ) as pool:
        yield from pool.map(_analyse, paths, chunksize=1)


@dataclass
class Summary:
    total: int = 0
    processed: int = 0
    skipped: int = 0
    seconds: float = 0.0
    by_status: Counter[str] = field(default_factory=Counter)
    by_type: Counter[str] = field(default_factory=Counter)
    by_type_status: Counter[tuple[str, str]] = field(default_factory=Counter)
    rules: Counter[str] = field(default_factory=Counter)
    failures: list[tuple[str, str]] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)

    @property
    def per_second(self) -> float:
        return self.processed / self.seconds if self.seconds > 0 else 0.0

    def add(self, result: Result) -> None:
        self.by_status[result.status.value] += 1
        self.by_type[result.document_type] += 1
        self.by_type_status[(result.document_type, result.status.value)] += 1
        self.rules.update({i.rule for i in result.issues})
        if result.error:
            self.failures.append((result.source, result.error))


def file_of(source: str) -> str:
    """The file a result's source names: `scan.tif#pages=3-4` is a part of `scan.tif`."""
    return source.split("#pages=", 1)[0]


def load_results(path: Path) -> dict[str, Result]:
    """Results already written, the last line per source winning; broken lines are skipped."""
    done: dict[str, Result] = {}
    if not path.exists():
        return done
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                result = Result.from_dict(json.loads(line))
            except (ValueError, KeyError) as exc:
                log.warning("%s line %d is not a result, skipped: %s", path, number, exc)
                continue
            done[result.source] = result
    return done


def run_batch(
    root: Path,
    out: Path,
    pipeline: Pipeline,
    seen: SeenIndex | None,
    *,
    workers: int | None = None,
    force: bool = False,
    fmt: str = "csv",
    on_start: Callable[[int], None] | None = None,
    on_result: Callable[[Result], None] | None = None,
) -> Summary:
    out.mkdir(parents=True, exist_ok=True)
    results_path = out / RESULTS
    done = {} if force else load_results(results_path)
    by_file: dict[str, list[str]] = {}
    for source in done:
        by_file.setdefault(file_of(source), []).append(source)
    paths = find_documents(root, exclude=out)
    summary = Summary(total=len(paths))
    pending = []
    for path in paths:
        previous = [done[s] for s in by_file.get(str(path), [])]
        if previous and all(r.sha256 and r.sha256 == sha256_file(path) for r in previous):
            summary.skipped += 1
            for result in previous:
                summary.add(result)  # the summary speaks of every document in the output
        else:
            for source in by_file.get(str(path), []):
                del done[source]  # read again, it may split into other parts
            pending.append(path)
    if on_start:
        on_start(len(pending))
    started = time.perf_counter()
    mode = "w" if force else "a"
    with results_path.open(mode, encoding="utf-8") as fh:
        for analyses in analyse_files(pipeline, pending, workers or os.cpu_count() or 1):
            results = [pipeline.validate(analysis, seen) for analysis in analyses]
            for result in results:
                fh.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
                done[result.source] = result
                summary.add(result)
            fh.flush()
            summary.processed += 1
            if on_result:
                on_result(results[0])
    summary.seconds = time.perf_counter() - started
    # the results file keeps one line per document, in path order
    ordered = [done[k] for k in sorted(done)]
    tmp = results_path.with_suffix(".jsonl.tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        for result in ordered:
            fh.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
    tmp.replace(results_path)
    summary.written = [results_path, *export.write(ordered, out, fmt)]
    return summary
