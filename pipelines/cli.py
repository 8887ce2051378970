"""`bpo`: process one document, batch a folder, evaluate against expected results, list plugins.

Results go to standard output; logs, progress and summaries to standard error.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from extractors.model import Result, Status
from extractors.registry import load
from pipelines import batch as batch_mod
from pipelines.evaluate import Report, evaluate
from pipelines.export import FORMATS
from pipelines.rules.base import RULES, PackError, load_pack
from pipelines.run import Pipeline, Settings, accepts
from pipelines.store import SqliteSeenIndex, default_store_path

err = Console(stderr=True)
out = Console()

STATUS_STYLE = {"auto_approved": "green", "needs_review": "yellow", "failed": "red"}


def _pipeline(rules: tuple[Path, ...]) -> Pipeline:
    try:
        pipeline = Pipeline(Settings(rule_overrides=rules))
        for doc_type in ("invoice",):
            pipeline.pack(doc_type)  # a broken client pack fails now, not halfway through a batch
        return pipeline
    except (PackError, RuntimeError) as exc:
        raise click.ClickException(str(exc)) from exc


def _store(store: Path | None, no_store: bool) -> SqliteSeenIndex | None:
    if no_store:
        return None
    return SqliteSeenIndex(store or default_store_path() / "seen.sqlite")


rules_option = click.option(
    "--rules",
    "rules",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    help="A client's rule pack (TOML) or a folder of them (TYPE.toml), over the built-in packs.",
)
store_option = click.option(
    "--store",
    type=click.Path(path_type=Path),
    default=None,
    help="Duplicate memory (SQLite). Default: $BPO_HOME/seen.sqlite, else ~/.bpo/seen.sqlite.",
)
no_store_option = click.option(
    "--no-store", is_flag=True, help="Do not check or record duplicates."
)


@click.group()
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.version_option(package_name="bpo-toolkit")
def main(verbose: int) -> None:
    """Read, classify, extract, validate and route back-office documents."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(
        level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr
    )


@main.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the result contract as JSON.")
@rules_option
@store_option
@no_store_option
def process(
    file: Path, as_json: bool, rules: tuple[Path, ...], store: Path | None, no_store: bool
) -> None:
    """Process one document and print its result.

    A file that holds several documents (three invoices scanned in one go) gives one result per
    document; with --json they are printed one JSON object per line."""
    if not file.exists():
        err.print(f"[red]error:[/] {file}: no such file")
        sys.exit(2)
    if not file.is_file() or not accepts(file):
        err.print(
            f"[red]error:[/] {file}: not a PDF or an image (PNG, JPEG, TIFF) the toolkit reads"
        )
        sys.exit(2)
    pipeline = _pipeline(rules)
    results = pipeline.process_all(file, _store(store, no_store))
    if len(results) > 1:
        err.print(f"{file} holds {len(results)} documents")
    for result in results:
        if as_json and len(results) == 1:
            click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        elif as_json:
            click.echo(json.dumps(result.to_dict(), ensure_ascii=False))
        else:
            _print_result(result)


def _print_result(result: Result) -> None:
    style = STATUS_STYLE.get(result.status.value, "")
    out.print(
        f"[bold]{escape(result.source)}[/]  {result.document_type} "
        f"({result.classification_confidence:.2f})  [{style}]{result.status.value}[/]  "
        f"{result.pages} page{'s' * (result.pages != 1)}{', OCR' if result.ocr else ''}"
    )
    if result.error:
        out.print(Text(result.error, style="red"))
        return
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    for col in ("field", "value", "conf", "page", "from"):
        table.add_column(col)
    for name, f in result.fields.items():
        value = ", ".join(f.value) if isinstance(f.value, tuple) else str(f.value)
        conf = Text(f"{f.confidence:.2f}", style="default" if f.confidence >= 0.8 else "yellow")
        table.add_row(name, Text(value), conf, str(f.page or ""), f.source.value)
    out.print(table)
    if result.line_items:
        items = Table(
            title=f"{len(result.line_items)} line items",
            title_justify="left",
            header_style="bold",
            box=None,
        )
        for col in ("#", "description", "qty", "unit price", "amount", "code"):
            items.add_column(
                col, justify="right" if col in {"qty", "unit price", "amount"} else "left"
            )
        for n, li in enumerate(result.line_items, start=1):
            items.add_row(
                str(n),
                Text(li.description or ""),
                li.quantity or "",
                li.unit_price or "",
                li.amount or "",
                li.product_code or "",
            )
        out.print(items)
    for issue in result.issues:
        colour = "red" if issue.severity.value == "error" else "yellow"
        out.print(f"[{colour}]{issue.severity.value}[/] {issue.rule}: {escape(issue.message)}")


@main.command()
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(path_type=Path),
    help="Folder for results.jsonl and the tables.",
)
@click.option("--workers", type=int, default=None, help="Processes to use (default: all cores).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="csv", show_default=True)
@click.option("--force", is_flag=True, help="Process again documents already in the results.")
@rules_option
@store_option
@no_store_option
def batch(
    directory: Path,
    out_dir: Path,
    workers: int | None,
    fmt: str,
    force: bool,
    rules: tuple[Path, ...],
    store: Path | None,
    no_store: bool,
) -> None:
    """Process every PDF and image below DIRECTORY into OUT."""
    pipeline = _pipeline(rules)
    seen = _store(store, no_store)
    workers = workers or os.cpu_count() or 1
    progress = Progress(
        TextColumn("[bold]processing"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[last]}", style="dim"),
        TimeRemainingColumn(),
        console=err,
        transient=False,
    )
    task = progress.add_task("batch", total=None, last="")
    log = _LogProgress()

    def started(n: int) -> None:
        progress.update(task, total=n)
        log.start(n)

    def finished(r: Result) -> None:
        progress.update(task, advance=1, last=Path(r.source).name[:40])
        log.result(r)

    with progress:
        summary = batch_mod.run_batch(
            directory,
            out_dir,
            pipeline,
            seen,
            workers=workers,
            force=force,
            fmt=fmt,
            on_start=started,
            on_result=finished,
        )
    _print_summary(summary, workers)


class _LogProgress:
    """Progress as plain lines where standard error is a log file or a pipe, not a terminal
    (rich draws no bar there): the count, rate and time left every `every` seconds, and each
    failure as it happens."""

    def __init__(self, every: float = 15.0) -> None:
        self.enabled = not err.is_terminal
        self.every = every
        self.total = self.done = 0
        self.started = self.last = 0.0

    def start(self, total: int) -> None:
        self.total, self.started = total, time.monotonic()
        self.last = self.started
        if self.enabled:
            err.print(f"processing {total} file{'s' * (total != 1)}", highlight=False)

    def result(self, result: Result) -> None:
        self.done += 1
        if not self.enabled:
            return
        if result.status is Status.FAILED:
            err.print(f"failed {result.source}: {result.error}", highlight=False, markup=False)
        now = time.monotonic()
        if now - self.last < self.every and self.done < self.total:
            return
        self.last = now
        rate = self.done / max(now - self.started, 1e-9)
        left = (self.total - self.done) / rate if rate else 0.0
        err.print(
            f"{self.done}/{self.total} files, {rate:.2f} files/s, about {left:.0f} s left; "
            f"last {Path(result.source).name}",
            highlight=False,
            markup=False,
        )


def _print_summary(summary: batch_mod.Summary, workers: int) -> None:
    if summary.total == 0:
        err.print("[yellow]no PDF, PNG, JPEG or TIFF files found[/]; nothing to process")
    documents = sum(summary.by_status.values())
    split = f" holding {documents} documents" if documents != summary.total else ""
    err.print(
        f"\n[bold]{summary.processed}[/] processed, {summary.skipped} already done (use --force "
        f"to redo), {summary.total} files in all{split}; {summary.seconds:.1f} s, "
        f"{summary.per_second:.2f} files/s on {workers} worker{'s' * (workers != 1)}"
    )
    table = Table(title="documents by type and status", title_justify="left", header_style="bold")
    statuses = [s.value for s in Status]
    table.add_column("type")
    for s in statuses:
        table.add_column(s, justify="right", style=STATUS_STYLE[s])
    table.add_column("all", justify="right")
    for doc_type, count in sorted(summary.by_type.items()):
        table.add_row(
            doc_type, *[str(summary.by_type_status[(doc_type, s)]) for s in statuses], str(count)
        )
    table.add_row(
        "[bold]all",
        *[f"[bold]{summary.by_status[s]}" for s in statuses],
        f"[bold]{sum(summary.by_status.values())}",
    )
    err.print(table)
    if summary.rules:
        rules = Table(title="rules that fired most", title_justify="left", header_style="bold")
        rules.add_column("rule")
        rules.add_column("documents", justify="right")
        for rule, count in summary.rules.most_common(8):
            rules.add_row(rule, str(count))
        err.print(rules)
    for source, reason in summary.failures[:10]:
        err.print(f"[red]failed[/] {escape(source)}: {escape(reason)}")
    if len(summary.failures) > 10:
        err.print(f"… and {len(summary.failures) - 10} more failed (see documents.csv)")
    for path in summary.written:
        err.print(f"wrote {path}")


@main.command(name="eval")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--workers", type=int, default=None, help="Processes to use (default: all cores).")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option(
    "--errors",
    "show_errors",
    is_flag=True,
    help="List every wrong, missing or unexpected value and line item.",
)
@rules_option
def eval_command(
    directory: Path, workers: int | None, as_json: bool, show_errors: bool, rules: tuple[Path, ...]
) -> None:
    """Compare results with NAME.expected.json beside each document."""
    pipeline = _pipeline(rules)
    with err.status("evaluating…"):
        report, _ = evaluate(directory, pipeline, workers or os.cpu_count() or 1)
    if as_json:
        click.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
        return
    _print_report(report, show_errors)


def _print_report(report: Report, show_errors: bool) -> None:
    if not report.groups:
        out.print("no documents with a NAME.expected.json found")
        return
    for name, group in sorted(report.groups.items()):
        table = Table(
            title=f"{name}: {group.documents} documents", title_justify="left", header_style="bold"
        )
        for col in ("field", "precision", "recall", "F1", "tp", "fp", "fn"):
            table.add_column(col, justify="left" if col == "field" else "right")
        for field_name, c in sorted(group.fields.items()):
            style = "default" if c.f1 >= 0.95 else "yellow" if c.f1 >= 0.8 else "red"
            table.add_row(
                field_name,
                f"{c.precision:.3f}",
                f"{c.recall:.3f}",
                f"[{style}]{c.f1:.3f}[/]",
                str(c.tp),
                str(c.fp),
                str(c.fn),
            )
        out.print(table)
        f1 = f"{group.macro_f1:.3f}" if group.expects_fields else "n/a (no fields expected)"
        out.print(
            f"  macro F1 [bold]{f1}[/]   straight-through "
            f"{group.straight_through:.1%} ({group.auto_approved}/{group.documents})   "
            f"auto-approved with a wrong value: [bold]{group.auto_approved_wrong}[/]\n"
        )
    auc = report.confidence_auc
    summary: dict[str, Any] = report.to_dict()
    out.print(
        f"classification accuracy {report.classification_accuracy:.3f}; planted errors flagged "
        f"{report.planted_flagged}/{report.planted}; confidence of right values "
        f"{summary['mean_confidence_right']}, of wrong values {summary['mean_confidence_wrong']}"
        + (f", P(right > wrong) = {auc:.3f}" if auc is not None else "")
    )
    for source, rule in report.missed_planted:
        out.print(f"[red]missed planted error[/] {rule} in {escape(source)}")
    if report.split_files:
        out.print(
            f"files holding several documents: {report.split_files}, parts not cut out as "
            f"expected: {len(report.split_missed)}"
        )
    for source, pages in report.split_missed:
        out.print(f"[red]part not found[/] pages {pages[0]}-{pages[1]} of {escape(source)}")
    for source in report.oversplit:
        out.print(f"[red]one document cut in several[/] {escape(source)}")
    for source, fields in report.wrong_auto:
        out.print(f"[red]auto-approved with wrong value[/] {escape(source)}: {', '.join(fields)}")
    for source, reason in report.failed:
        out.print(f"[red]failed[/] {escape(source)}: {escape(reason)}")
    if show_errors:
        for source, field_name, got, want in report.errors:
            out.print(f"{Path(source).name}: {field_name} got {got!r} want {want!r}")


@main.command()
def extractors() -> None:
    """List the installed extractors and classifiers, and plugins that failed to load."""
    registry = load()
    table = Table(header_style="bold")
    for col in ("name", "kind", "document type", "in use", "from", "distribution"):
        table.add_column(col)
    for p in registry.plugins:
        table.add_row(
            p.name,
            p.kind,
            p.document_type or "",
            "yes" if p.in_use else "no",
            p.target,
            f"{p.distribution} {p.version}",
        )
    out.print(table)
    for f in registry.failures:
        out.print(
            f"[red]not loaded[/] {f.name} ({f.target} from {f.distribution}): {escape(f.reason)}"
        )


@main.command()
@click.argument("document_type", default="invoice")
@rules_option
def rules(document_type: str, rules: tuple[Path, ...]) -> None:
    """Show the rule pack for DOCUMENT_TYPE, with a client's overrides applied."""
    try:
        pack = load_pack(
            document_type, [p / f"{document_type}.toml" if p.is_dir() else p for p in rules]
        )
    except PackError as exc:
        raise click.ClickException(str(exc)) from exc
    table = Table(header_style="bold")
    for col in ("rule", "severity", "parameters", "what it checks"):
        table.add_column(col)
    for c in pack.rules:
        params = ", ".join(f"{k}={v}" for k, v in c.params.model_dump().items())
        table.add_row(c.rule.name, c.severity.value, params, RULES[c.rule.name].description)
    out.print(table)


@main.group()
def train() -> None:
    """Train the toolkit's learned components from its own documents."""


@train.command(name="classifier")
@click.option(
    "--from",
    "folders",
    multiple=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Train on these folders (documents with NAME.expected.json) instead of generating "
    "fresh documents.",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where to write the model (default: where the classifier plugin looks for it).",
)
@click.option("--seed", type=int, default=7, show_default=True, help="Training seed.")
@click.option("--epochs", type=int, default=12, show_default=True)
def train_classifier_command(
    folders: tuple[Path, ...], out: Path | None, seed: int, epochs: int
) -> None:
    """Train the document classifier (invoice, claim, contract, unknown).

    By default it generates a fresh set of every kind with samples/generator (seeds other than
    the committed samples', so that `bpo eval samples/` scores it on unseen documents), trains
    the spaCy text classifier on their text and on OCR-like noisy copies, and writes it where
    `bpo.textcat-classifier.v1` loads it from. Run it from a checkout.
    """
    from extractors.classifier import model_path
    from pipelines import train as train_mod

    target = out or model_path()
    err.print("training the document classifier …")
    try:
        if folders:
            examples = list(train_mod.examples_from(folders))
            report = train_mod.train_classifier(examples, target, seed=seed, epochs=epochs)
        else:
            report = train_mod.train_from_generated(target, seed=seed, epochs=epochs)
    except (RuntimeError, ValueError) as exc:
        raise click.ClickException(str(exc)) from exc
    counts = ", ".join(f"{n} {t}" for t, n in sorted(report.examples.items()))
    size = sum(f.stat().st_size for f in target.rglob("*") if f.is_file()) / 1e6
    err.print(
        f"trained on {counts} (and as many noisy copies), {report.epochs} epochs in "
        f"{report.seconds:.1f} s; accuracy on the training texts {report.train_accuracy:.3f}; "
        f"wrote {target} ({size:.1f} MB)"
    )


if __name__ == "__main__":
    main()
