"""Results as pandas tables (shared/CONTRACT.md, "Batch output"), written as CSV, XLSX or Parquet."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from extractors.model import FIELDS, Result

FORMATS = ("csv", "xlsx", "parquet")
_ALL_FIELDS = tuple(dict.fromkeys(name for names in FIELDS.values() for name in names))
LINE_ITEM_COLUMNS = ("description", "quantity", "unit_price", "amount", "product_code", "page")
SERVICE_LINE_COLUMNS = (
    "service_date",
    "procedure_code",
    "modifiers",
    "diagnosis_pointer",
    "units",
    "charge",
)


def _cell(value: object) -> object:
    if isinstance(value, list | tuple):
        return ";".join(str(v) for v in value)
    return value


def tables(results: Iterable[Result]) -> dict[str, pd.DataFrame]:
    documents, items, lines, issues = [], [], [], []
    for r in results:
        row: dict[str, object] = {
            "source": r.source,
            "document_type": r.document_type,
            "status": r.status.value,
            "classification_confidence": round(r.classification_confidence, 3),
        }
        for name in _ALL_FIELDS:
            f = r.fields.get(name)
            row[name] = _cell(f.value) if f is not None else None
        row.update({"sha256": r.sha256, "pages": r.pages, "ocr": r.ocr, "error": r.error})
        documents.append(row)
        for li in r.line_items:
            d = li.to_dict()
            items.append({"source": r.source, **{c: d.get(c) for c in LINE_ITEM_COLUMNS}})
        for sl in r.service_lines:
            d = sl.to_dict()
            lines.append({"source": r.source, **{c: _cell(d.get(c)) for c in SERVICE_LINE_COLUMNS}})
        for issue in r.issues:
            issues.append(
                {
                    "source": r.source,
                    "rule": issue.rule,
                    "severity": issue.severity.value,
                    "message": issue.message,
                    "fields": ";".join(issue.fields),
                }
            )
    return {
        "documents": pd.DataFrame(
            documents,
            columns=[
                "source",
                "document_type",
                "status",
                "classification_confidence",
                *_ALL_FIELDS,
                "sha256",
                "pages",
                "ocr",
                "error",
            ],
        ),
        "line_items": pd.DataFrame(items, columns=["source", *LINE_ITEM_COLUMNS]),
        "service_lines": pd.DataFrame(lines, columns=["source", *SERVICE_LINE_COLUMNS]),
        "issues": pd.DataFrame(issues, columns=["source", "rule", "severity", "message", "fields"]),
    }


def write(results: Iterable[Result], out: Path, fmt: str = "csv") -> list[Path]:
    """Write the four tables; values stay strings (`0012`, `1234.50`), never floats."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in tables(results).items():
        path = out / f"{name}.{fmt}"
        if fmt == "csv":
            frame.to_csv(path, index=False)
        elif fmt == "xlsx":
            frame.to_excel(path, index=False, sheet_name=name)
        else:
            frame.astype(
                {c: "string" for c in frame.columns if frame[c].dtype == object}
            ).to_parquet(path, index=False)
        written.append(path)
    return written
