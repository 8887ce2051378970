"""The `bpo` commands end to end, as an operator runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from pipelines.cli import main
from tests.builders import draw_pdf, invoice_page

CONTRACT_KEYS = {
    "source",
    "sha256",
    "document_type",
    "classification_confidence",
    "pages",
    "ocr",
    "fields",
    "line_items",
    "service_lines",
    "issues",
    "status",
    "error",
}


def simple_invoice(
    path: Path,
    number: str = "INV-1",
    vendor: str = "Acme Supply Co.",
    total: str = "1,210.00",
    subtotal: str = "1,000.00",
    tax: str = "210.00",
) -> Path:
    return draw_pdf(path, [invoice_page(number, vendor, total, subtotal, tax)])


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pipelines.cli", *args], capture_output=True, text=True, timeout=300
    )


def test_process_json_prints_exactly_the_contract(tmp_path: Path) -> None:
    path = simple_invoice(tmp_path / "acme.pdf")
    done = run("process", str(path), "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)  # exactly one JSON object on standard output
    assert set(result) >= CONTRACT_KEYS
    assert result["document_type"] == "invoice" and result["status"] == "auto_approved"
    assert result["fields"]["total_amount"]["value"] == "1210.00"
    assert set(result["fields"]["invoice_number"]) >= {"value", "confidence", "page", "bbox"}
    assert result["line_items"][0]["amount"] == "1000.00"
    assert result["error"] is None


def test_process_readable_by_default(tmp_path: Path) -> None:
    path = simple_invoice(tmp_path / "acme.pdf", total="1,201.00")
    done = run("process", str(path))
    assert done.returncode == 0, done.stderr
    assert "needs_review" in done.stdout
    assert "invoice.totals_add_up" in done.stdout
    assert "1201.00" in done.stdout


@pytest.mark.parametrize("kind", ["missing", "text", "folder"])
def test_process_refuses_paths_it_cannot_take_with_exit_2(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "notes.txt"
    if kind == "text":
        path.write_text("hello")
    elif kind == "folder":
        path = tmp_path
    done = run("process", str(path), "--json")
    assert done.returncode == 2
    assert str(path) in done.stderr
    assert done.stdout == ""


def test_a_damaged_pdf_is_failed_with_a_reason_and_exit_0(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj <<>> garbage")
    done = run("process", str(path), "--json")
    assert done.returncode == 0
    result = json.loads(done.stdout)
    assert result["status"] == "failed" and result["fields"] == {}
    assert result["error"] == "The PDF is damaged and cannot be read."


def make_folder(root: Path) -> Path:
    inbox = root / "inbox"
    (inbox / "sub").mkdir(parents=True)
    simple_invoice(inbox / "a.pdf", number="INV-1")
    simple_invoice(inbox / "b.pdf", number="INV-2", total="1,201.00")  # totals do not add up
    simple_invoice(
        inbox / "sub" / "c.pdf", number="INV-1", vendor="ACME SUPPLY CO"
    )  # duplicate of a
    (inbox / "d.pdf").write_bytes(b"not a pdf at all")
    (inbox / "README.txt").write_text("not a document")
    return inbox


def test_batch_writes_every_table_and_a_summary(tmp_path: Path) -> None:
    inbox = make_folder(tmp_path)
    out = tmp_path / "out"
    done = run("batch", str(inbox), "--out", str(out), "--workers", "2")
    assert done.returncode == 0, done.stderr
    lines = [json.loads(x) for x in (out / "results.jsonl").read_text().splitlines()]
    by_name = {Path(r["source"]).name: r for r in lines}
    assert set(by_name) == {"a.pdf", "b.pdf", "c.pdf", "d.pdf"}  # README.txt is not a document
    assert by_name["a.pdf"]["status"] == "auto_approved"
    assert by_name["b.pdf"]["status"] == "needs_review"
    assert {i["rule"] for i in by_name["c.pdf"]["issues"]} == {"invoice.duplicate"}
    assert by_name["d.pdf"]["status"] == "failed"
    assert by_name["d.pdf"]["error"] == "The file is not a PDF or an image (PNG, JPEG or TIFF)."

    documents = pd.read_csv(out / "documents.csv", dtype=str)
    assert list(documents.columns[:4]) == [
        "source",
        "document_type",
        "status",
        "classification_confidence",
    ]
    assert {"invoice_number", "patient_name", "governing_law"} <= set(documents.columns)
    assert documents.set_index("source").loc[str(inbox / "a.pdf"), "total_amount"] == "1210.00"
    items = pd.read_csv(out / "line_items.csv", dtype=str)
    assert items.columns[0] == "source" and len(items) == 3
    issues = pd.read_csv(out / "issues.csv", dtype=str)
    assert set(issues["rule"]) >= {"invoice.totals_add_up", "invoice.duplicate"}
    assert (out / "service_lines.csv").exists()

    assert "files/s" in done.stderr
    assert "auto_approved" in done.stderr and "invoice.duplicate" in done.stderr
    assert "failed" in done.stderr and "d.pdf" in done.stderr
    # standard error is a pipe here, not a terminal: progress comes as plain lines for the log
    assert "processing 4 files" in done.stderr and "4/4 files" in done.stderr
    assert f"failed {inbox / 'd.pdf'}: The file is not a PDF" in done.stderr


def test_batch_rerun_skips_what_is_done_unless_forced(tmp_path: Path) -> None:
    inbox = make_folder(tmp_path)
    out = tmp_path / "out"
    runner = CliRunner()
    first = runner.invoke(main, ["batch", str(inbox), "--out", str(out), "--workers", "1"])
    assert first.exit_code == 0, first.output
    again = runner.invoke(main, ["batch", str(inbox), "--out", str(out), "--workers", "1"])
    assert "0 processed, 4 already done" in again.output
    simple_invoice(
        inbox / "e.pdf", number="INV-9", total="1,000.00", subtotal="1,000.00", tax="0.00"
    )
    third = runner.invoke(main, ["batch", str(inbox), "--out", str(out), "--workers", "1"])
    assert "1 processed, 4 already done" in third.output
    forced = runner.invoke(
        main, ["batch", str(inbox), "--out", str(out), "--workers", "1", "--force"]
    )
    assert "5 processed, 0 already done" in forced.output
    results = (out / "results.jsonl").read_text().splitlines()
    assert len(results) == 5, "one line per document, however often it ran"


@pytest.mark.parametrize("fmt", ["xlsx", "parquet"])
def test_batch_other_formats(tmp_path: Path, fmt: str) -> None:
    inbox = tmp_path / "in"
    inbox.mkdir()
    simple_invoice(inbox / "a.pdf")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main,
        ["batch", str(inbox), "--out", str(out), "--format", fmt, "--workers", "1", "--no-store"],
    )
    assert result.exit_code == 0, result.output
    if fmt == "xlsx":
        documents = pd.read_excel(out / "documents.xlsx", dtype=str)
        items = pd.read_excel(out / "line_items.xlsx", dtype=str)
    else:
        documents = pd.read_parquet(out / "documents.parquet")
        items = pd.read_parquet(out / "line_items.parquet")
    assert documents.loc[0, "total_amount"] == "1210.00"  # money stays text, never a float
    assert items.loc[0, "amount"] == "1000.00"


def test_eval_scores_fields_and_planted_errors(tmp_path: Path) -> None:
    folder = tmp_path / "gold"
    folder.mkdir()
    simple_invoice(folder / "a.pdf", number="INV-1")
    simple_invoice(folder / "b.pdf", number="INV-2", total="1,201.00")
    base = {
        "vendor_name": "Acme Supply Co.",
        "invoice_date": "2024-03-07",
        "currency": "USD",
        "subtotal": "1000.00",
        "tax_amount": "210.00",
        "customer_name": "Globex Corporation",
    }
    (folder / "a.expected.json").write_text(
        json.dumps(
            {
                "document_type": "invoice",
                "fields": {**base, "invoice_number": "INV-1", "total_amount": "1210.00"},
                "line_items": [
                    {
                        "description": "Widget, blue",
                        "quantity": "2",
                        "unit_price": "500.00",
                        "amount": "1000.00",
                    }
                ],
            }
        )
    )
    (folder / "b.expected.json").write_text(
        json.dumps(
            {
                "document_type": "invoice",
                "fields": {**base, "invoice_number": "INV-2", "total_amount": "1201.00"},
                "planted_errors": ["invoice.totals_add_up"],
            }
        )
    )
    result = CliRunner().invoke(main, ["eval", str(folder), "--json", "--workers", "1"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    digital = report["groups"]["invoice/digital"]
    assert digital["documents"] == 2
    assert digital["fields"]["invoice_number"]["f1"] == 1.0
    # b.pdf's line item and a's extra fields (address, amounts not in the expected file) count
    # as false positives: the score is honest about values nobody asked for
    assert digital["fields"]["line_items"]["fp"] == 1
    assert report["planted_errors"] == 1 and report["planted_errors_flagged"] == 1
    assert report["classification_accuracy"] == 1.0


def test_extractors_lists_the_built_ins() -> None:
    result = CliRunner().invoke(main, ["extractors"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "bpo.invoice.v1" in result.output and "bpo.cue-classifier.v1" in result.output
    assert "extractors.invoice:InvoiceExtractor" in result.output


def test_rules_shows_a_client_override(tmp_path: Path) -> None:
    override = tmp_path / "invoice.toml"
    override.write_text('[rules."invoice.field_confidence"]\nmin_confidence = 0.93\n')
    result = CliRunner().invoke(
        main, ["rules", "invoice", "--rules", str(tmp_path)], env={"COLUMNS": "200"}
    )
    assert result.exit_code == 0, result.output
    assert "min_confidence=0.93" in result.output


def test_eval_errors_lists_missing_values_and_unmatched_items(tmp_path: Path) -> None:
    folder = tmp_path / "gold"
    folder.mkdir()
    simple_invoice(folder / "a.pdf", number="INV-1")
    (folder / "a.expected.json").write_text(
        json.dumps(
            {
                "document_type": "invoice",
                "fields": {"invoice_number": "INV-1", "purchase_order": "PO-9"},
                "line_items": [
                    {"description": "Widget, red", "quantity": "2", "amount": "1000.00"}
                ],
            }
        )
    )
    result = CliRunner().invoke(
        main, ["eval", str(folder), "--errors", "--workers", "1"], env={"COLUMNS": "300"}
    )
    assert result.exit_code == 0, result.output
    assert "a.pdf: purchase_order got None want 'PO-9'" in result.output
    # the item read and the item expected are shown side by side, so the difference is visible
    assert "got 'widget blue | 2 | 500.00 | 1000.00 | ' want 'widget red | 2 |  | 1000.00 | '" in (
        result.output
    )
