"""Evaluation against `NAME.expected.json` files: what an operator needs to trust the toolkit.

Per field: precision, recall and F1 (a wrong value counts against both). Per group (digital and
scanned): the macro F1 over fields, the straight-through rate, and the auto-approved documents
that hold a wrong value, the number that matters most. Planted errors must each be flagged by
their rule. And confidence must mean something: right values should score above wrong ones.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractors.model import Result, Status
from extractors.values import fold_text
from pipelines.batch import analyse_files, file_of, find_documents
from pipelines.run import Pipeline
from pipelines.store import SqliteSeenIndex

TEXT_FIELDS = frozenset(
    {
        "vendor_name",
        "vendor_address",
        "customer_name",
        "customer_address",
        "payment_terms",
        "payer_name",
        "patient_name",
        "insured_name",
        "provider_name",
        "contract_title",
        "governing_law",
        "parties",
        "signatories",
        "description",
    }
)


def expected_path(document: Path) -> Path:
    return document.with_name(document.stem + ".expected.json")


def same(name: str, got: Any, want: Any) -> bool:
    """Text compares folded (case, accents, punctuation, spacing); everything else exactly."""
    if isinstance(want, list) or isinstance(got, list | tuple):
        got_items = sorted(_key(name, g) for g in (got or []))
        want_items = sorted(_key(name, w) for w in (want or []))
        return got_items == want_items
    return _key(name, got) == _key(name, want)


def _key(name: str, value: Any) -> str:
    if name in TEXT_FIELDS:
        return fold_text(str(value))
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Group:
    documents: int = 0
    auto_approved: int = 0
    auto_approved_wrong: int = 0
    fields: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))

    @property
    def expects_fields(self) -> bool:
        """False for documents with nothing to extract (letters, agendas: `unknown`)."""
        return any(c.tp + c.fn > 0 for c in self.fields.values())

    @property
    def macro_f1(self) -> float:
        scored = [c.f1 for c in self.fields.values() if c.tp + c.fn > 0]
        return sum(scored) / len(scored) if scored else 0.0

    @property
    def straight_through(self) -> float:
        return self.auto_approved / self.documents if self.documents else 0.0


@dataclass
class Report:
    groups: dict[str, Group] = field(default_factory=lambda: defaultdict(Group))
    planted: int = 0
    planted_flagged: int = 0
    missed_planted: list[tuple[str, str]] = field(default_factory=list)
    wrong_auto: list[tuple[str, list[str]]] = field(default_factory=list)
    errors: list[tuple[str, str, Any, Any]] = field(
        default_factory=list
    )  # source, field, got (None: missing), want (None: not expected)
    right_confidences: list[float] = field(default_factory=list)
    wrong_confidences: list[float] = field(default_factory=list)
    classified: int = 0
    classified_right: int = 0
    confusion: dict[tuple[str, str], int] = field(default_factory=lambda: defaultdict(int))
    failed: list[tuple[str, str]] = field(default_factory=list)
    split_files: int = 0  # files expected to hold several documents
    split_missed: list[tuple[str, tuple[int, int]]] = field(default_factory=list)
    oversplit: list[str] = field(default_factory=list)  # one document cut in several

    @property
    def classification_accuracy(self) -> float:
        return self.classified_right / self.classified if self.classified else 0.0

    @property
    def confidence_auc(self) -> float | None:
        """Chance that a right value scores above a wrong one (0.5: confidence says nothing)."""
        right, wrong = self.right_confidences, self.wrong_confidences
        if not right or not wrong:
            return None
        wins = sum((r > w) + 0.5 * (r == w) for r in right for w in wrong)
        return wins / (len(right) * len(wrong))

    def to_dict(self) -> dict[str, Any]:
        return {
            "groups": {
                name: {
                    "documents": g.documents,
                    "macro_f1": round(g.macro_f1, 4) if g.expects_fields else None,
                    "straight_through_rate": round(g.straight_through, 4),
                    "auto_approved": g.auto_approved,
                    "auto_approved_with_wrong_value": g.auto_approved_wrong,
                    "fields": {
                        n: {
                            "precision": round(c.precision, 4),
                            "recall": round(c.recall, 4),
                            "f1": round(c.f1, 4),
                            "tp": c.tp,
                            "fp": c.fp,
                            "fn": c.fn,
                        }
                        for n, c in sorted(g.fields.items())
                    },
                }
                for name, g in sorted(self.groups.items())
            },
            "classification_accuracy": round(self.classification_accuracy, 4),
            "confusion": {f"{w}->{g}": n for (w, g), n in sorted(self.confusion.items())},
            "planted_errors": self.planted,
            "planted_errors_flagged": self.planted_flagged,
            "missed_planted_errors": self.missed_planted,
            "auto_approved_with_wrong_value": self.wrong_auto,
            "confidence_auc": self.confidence_auc,
            "split_files": self.split_files,
            "split_parts_missed": [
                {"source": source, "pages": list(pages)} for source, pages in self.split_missed
            ],
            "files_split_wrongly": self.oversplit,
            "errors": [
                {"source": source, "field": name, "got": got, "want": want}
                for source, name, got, want in self.errors
            ],
            "mean_confidence_right": _mean(self.right_confidences),
            "mean_confidence_wrong": _mean(self.wrong_confidences),
            "failed": self.failed,
        }


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 4) if values else None


def _item_key(item: Mapping[str, Any]) -> tuple[str, ...]:
    return tuple(
        _key("description" if k == "description" else k, item.get(k))
        if item.get(k) is not None
        else ""
        for k in ("description", "quantity", "unit_price", "amount", "product_code")
    )


def _item_text(item: tuple[str, ...]) -> str:
    return " | ".join(item)


def score(report: Report, result: Result, expected: Mapping[str, Any]) -> None:
    group_name = f"{expected.get('document_type', result.document_type)}/" + (
        "scanned" if expected.get("scanned", result.ocr) else "digital"
    )
    group = report.groups[group_name]
    group.documents += 1
    want_type = expected.get("document_type", "unknown")
    report.classified += 1
    report.classified_right += result.document_type == want_type
    report.confusion[(want_type, result.document_type)] += 1
    if result.status is Status.FAILED:
        report.failed.append((result.source, result.error or ""))

    wrong: list[str] = []
    want_fields: Mapping[str, Any] = expected.get("fields", {})
    for name in sorted(set(want_fields) | set(result.fields)):
        got_field = result.fields.get(name)
        got = got_field.value if got_field is not None else None
        want = want_fields.get(name)
        counts = group.fields[name]
        if got is None:
            counts.fn += 1
            if want is not None:
                report.errors.append((result.source, name, None, want))
            continue
        if want is not None and same(name, got, want):
            counts.tp += 1
            report.right_confidences.append(got_field.confidence)  # type: ignore[union-attr]
            continue
        counts.fp += 1
        if want is not None:
            counts.fn += 1
        wrong.append(name)
        report.errors.append((result.source, name, got, want))
        report.wrong_confidences.append(got_field.confidence)  # type: ignore[union-attr]

    for items_name in ("line_items", "service_lines"):
        want_items = [_item_key(i) for i in expected.get(items_name, [])]
        got_items = [_item_key(i.to_dict()) for i in getattr(result, items_name)]
        if not want_items and not got_items:
            continue
        counts = group.fields[items_name]
        unmatched = list(want_items)
        extra: list[tuple[str, ...]] = []
        for item in got_items:
            if item in unmatched:
                unmatched.remove(item)
                counts.tp += 1
            else:
                counts.fp += 1
                extra.append(item)
        counts.fn += len(unmatched)
        if unmatched or extra:
            wrong.append(items_name)
            # an item read wrong pairs with the expected one it was meant to be, in order
            for i in range(max(len(extra), len(unmatched))):
                report.errors.append(
                    (
                        result.source,
                        items_name,
                        _item_text(extra[i]) if i < len(extra) else None,
                        _item_text(unmatched[i]) if i < len(unmatched) else None,
                    )
                )

    planted = list(expected.get("planted_errors", []))
    fired = {i.rule for i in result.issues}
    for rule in planted:
        report.planted += 1
        if rule in fired:
            report.planted_flagged += 1
        else:
            report.missed_planted.append((result.source, rule))
    if result.status is Status.AUTO_APPROVED:
        group.auto_approved += 1
        if wrong or result.document_type != want_type:
            group.auto_approved_wrong += 1
            report.wrong_auto.append((result.source, wrong))


def score_parts(report: Report, results: list[Result], expected: Mapping[str, Any]) -> None:
    """A file holding several documents: `parts` in its expected file lists each with its page
    range, and each is scored against the result that covers the same pages. A part the
    toolkit did not cut out counts as a document of type `unknown` with nothing read."""
    report.split_files += 1
    by_range = {r.page_range: r for r in results if r.page_range}
    for part in expected["parts"]:
        pages = (int(part["pages"][0]), int(part["pages"][1]))
        result = by_range.get(pages)
        if result is None:
            report.split_missed.append((results[0].source, pages))
            result = Result(
                source=f"{file_of(results[0].source)}#pages={pages[0]}-{pages[1]}",
                sha256=results[0].sha256,
                document_type="unknown",
                classification_confidence=0.0,
                pages=pages[1] - pages[0] + 1,
                ocr=results[0].ocr,
                fields={},
                line_items=(),
                service_lines=(),
                issues=(),
                status=Status.NEEDS_REVIEW,
                page_range=pages,
            )
        score(report, result, {**part, "scanned": part.get("scanned", result.ocr)})


def evaluate(root: Path, pipeline: Pipeline, workers: int = 1) -> tuple[Report, list[Result]]:
    """Process every document that has an expected file, in path order with a fresh duplicate
    memory (so that planted duplicates are found against their originals, and nothing else)."""
    paths = [p for p in find_documents(root) if expected_path(p).exists()]
    seen = SqliteSeenIndex(":memory:")
    report = Report()
    results = []
    for analyses in analyse_files(pipeline, paths, workers):
        source = Path(file_of(analyses[0].source))
        expected = json.loads(expected_path(source).read_text(encoding="utf-8"))
        file_results = [pipeline.validate(a, seen) for a in analyses]
        results.extend(file_results)
        if "parts" not in expected:
            # a file expected to be one document cut in several: its first part is scored, and
            # the cut is reported
            if len(file_results) > 1:
                report.oversplit.append(str(source))
            score(report, file_results[0], expected)
            continue
        score_parts(report, file_results, expected)
    return report, results
