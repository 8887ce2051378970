"""Files holding several documents: cut by page, each part processed on its own, through
`bpo process`, `bpo batch` and `bpo eval`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from extractors.model import BBox, Classification, Document, Page, Source, Word
from pipelines.batch import run_batch
from pipelines.cli import main
from pipelines.run import Pipeline
from pipelines.split import PagePart, page_marker, split_pages
from tests.builders import Item, draw_pdf, invoice_page


def page(number: int, *texts: str) -> Page:
    words = tuple(
        Word(t, BBox(50 + 60 * i, 700, 100 + 60 * i, 710), 0.95, Source.OCR)
        for i, t in enumerate(" ".join(texts).split())
    )
    return Page(number, 595, 842, words, Source.OCR)


def split(
    pages: list[Page], kinds: dict[int, tuple[str, float]], ids: dict[int, str]
) -> list[PagePart]:
    def classify(doc: Document) -> Classification:
        kind, confidence = kinds.get(doc.pages[0].number, ("unknown", 0.5))
        return Classification(kind, confidence, "test")

    def identify(doc: Document, kind: str) -> str | None:
        return ids.get(doc.pages[0].number)

    return split_pages(Document("bundle.tif", "0" * 64, tuple(pages)), classify, identify)


def ranges(parts: list[PagePart]) -> list[tuple[int, int]]:
    return [(p.first, p.last) for p in parts]


def test_page_markers_in_four_languages() -> None:
    assert page_marker(page(1, "Page 2 of 3")) == (2, 3)
    assert page_marker(page(1, "Seite 1 von 2")) == (1, 2)
    assert page_marker(page(1, "Page 1/2")) == (1, 2)
    assert page_marker(page(1, "Pagina 3 van 3")) == (3, 3)
    assert page_marker(page(1, "page 4 of 2")) is None, "not a page count"
    assert page_marker(page(1, "Invoice 1 of many")) is None


def test_three_invoices_with_their_own_numbers_are_three_documents() -> None:
    pages = [page(n, "Invoice") for n in (1, 2, 3)]
    kinds = {n: ("invoice", 0.95) for n in (1, 2, 3)}
    assert ranges(split(pages, kinds, {1: "A-1", 2: "B-7", 3: "C-2"})) == [(1, 1), (2, 2), (3, 3)]


def test_a_second_page_without_a_number_stays_with_its_invoice() -> None:
    pages = [page(1, "Invoice"), page(2, "more items"), page(3, "Invoice")]
    kinds = {1: ("invoice", 0.95), 2: ("invoice", 0.8), 3: ("invoice", 0.95)}
    assert ranges(split(pages, kinds, {1: "A-1", 3: "B-7"})) == [(1, 2), (3, 3)]


def test_page_markers_decide_before_anything_else() -> None:
    pages = [
        page(1, "Invoice Page 1 of 2"),
        page(2, "Page 2 of 2"),  # repeats the number: still the same invoice
        page(3, "Rechnung Seite 1 von 1"),
    ]
    kinds = {n: ("invoice", 0.95) for n in (1, 2, 3)}
    assert ranges(split(pages, kinds, {1: "A-1", 2: "Z-9", 3: "A-1"})) == [(1, 2), (3, 3)]


def test_a_page_that_says_it_continues_is_not_a_new_document() -> None:
    pages = [page(1, "Rechnung"), page(2, "Übertrag 5.614,22")]
    kinds = {1: ("invoice", 0.95), 2: ("invoice", 0.95)}
    assert ranges(split(pages, kinds, {1: "R-1", 2: "R-2"})) == [(1, 2)]


def test_another_kind_of_document_starts_a_new_part_but_an_unsure_page_does_not() -> None:
    pages = [page(n, "x") for n in (1, 2, 3, 4)]
    kinds = {
        1: ("invoice", 0.95),
        2: ("claim", 0.9),
        3: ("contract", 0.6),  # unsure: stays with the claim
        4: ("contract", 0.9),
    }
    assert ranges(split(pages, kinds, {})) == [(1, 1), (2, 3), (4, 4)]


def test_a_contract_stays_whole() -> None:
    pages = [page(n, "The Supplier shall") for n in range(1, 9)]
    kinds = {n: ("contract", 0.9) for n in range(1, 9)}
    assert ranges(split(pages, kinds, {})) == [(1, 8)]


# --- end to end -------------------------------------------------------------------------------


def bundle(path: Path) -> Path:
    """Three invoices printed into one PDF, the second over two pages."""
    second_page: list[Item] = [
        (50, 60, "Acme Supply Co. - Invoice INV-2 (continued)", 10),
        (50, 90, "Description", 9),
        (540, 90, "Amount", 9, "r"),
        (50, 108, "Delivery", 9),
        (540, 108, "10.00", 9, "r"),
    ]
    return draw_pdf(
        path,
        [
            invoice_page("INV-1", "Acme Supply Co."),
            invoice_page("INV-2", "Acme Supply Co."),
            second_page,
            invoice_page("7731", "Northwind Traders Ltd", "605.00", "500.00", "105.00"),
        ],
    )


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def test_process_all_gives_a_result_per_document(tmp_path: Path, pipeline: Pipeline) -> None:
    results = pipeline.process_all(bundle(tmp_path / "bundle.pdf"))
    assert [r.page_range for r in results] == [(1, 1), (2, 3), (4, 4)]
    assert [r.value("invoice_number") for r in results] == ["INV-1", "INV-2", "7731"]
    assert results[1].source.endswith("bundle.pdf#pages=2-3") and results[1].pages == 2
    assert all(r.sha256 == results[0].sha256 for r in results), "the file's hash, for every part"
    # field provenance keeps the file's page numbers
    assert results[2].fields["invoice_number"].page == 4


def test_bpo_process_prints_one_json_object_per_document(tmp_path: Path) -> None:
    path = bundle(tmp_path / "bundle.pdf")
    done = CliRunner().invoke(main, ["process", str(path), "--json", "--no-store"])
    assert done.exit_code == 0, done.output
    lines = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    assert [r["page_range"] for r in lines] == [[1, 1], [2, 3], [4, 4]]
    single = CliRunner().invoke(
        main, ["process", str(draw_pdf(tmp_path / "one.pdf", [invoice_page()])), "--json"]
    )
    assert json.loads(single.stdout)["page_range"] == [1, 1], "one document: one JSON object"


def test_batch_writes_every_part_and_skips_the_file_next_time(
    tmp_path: Path, pipeline: Pipeline
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    bundle(inbox / "bundle.pdf")
    out = tmp_path / "out"
    first = run_batch(inbox, out, pipeline, None, workers=1)
    assert first.processed == 1 and sum(first.by_status.values()) == 3
    lines = (out / "results.jsonl").read_text().splitlines()
    assert len(lines) == 3
    again = run_batch(inbox, out, pipeline, None, workers=1)
    assert again.processed == 0 and again.skipped == 1 and sum(again.by_status.values()) == 3
    assert len((out / "results.jsonl").read_text().splitlines()) == 3


def test_eval_scores_each_expected_part(tmp_path: Path) -> None:
    folder = tmp_path / "gold"
    folder.mkdir()
    bundle(folder / "bundle.pdf")
    parts = [
        {"pages": [1, 1], "document_type": "invoice", "fields": {"invoice_number": "INV-1"}},
        {"pages": [2, 3], "document_type": "invoice", "fields": {"invoice_number": "INV-2"}},
        {"pages": [4, 4], "document_type": "invoice", "fields": {"invoice_number": "7731"}},
    ]
    (folder / "bundle.expected.json").write_text(json.dumps({"parts": parts}))
    done = CliRunner().invoke(main, ["eval", str(folder), "--json", "--workers", "1"])
    report = json.loads(done.stdout)
    assert report["split_files"] == 1 and report["split_parts_missed"] == []
    assert report["groups"]["invoice/digital"]["documents"] == 3
    assert report["groups"]["invoice/digital"]["fields"]["invoice_number"]["f1"] == 1.0
    # a part the toolkit did not cut out is a document it missed
    parts[1]["pages"] = [2, 2]
    (folder / "bundle.expected.json").write_text(json.dumps({"parts": parts}))
    report = json.loads(
        CliRunner().invoke(main, ["eval", str(folder), "--json", "--workers", "1"]).stdout
    )
    assert len(report["split_parts_missed"]) == 1
    assert report["classification_accuracy"] < 1.0


def test_after_the_last_page_of_a_document_comes_another() -> None:
    pages = [page(1, "Seite 1 von 2"), page(2, "Seite 2 von 2"), page(3, "Invoice")]
    kinds = {1: ("invoice", 0.9), 2: ("invoice", 0.8), 3: ("invoice", 0.9)}
    assert ranges(split(pages, kinds, {})) == [(1, 2), (3, 3)]
    unsure = {**kinds, 3: ("unknown", 0.5)}  # a page of notes after it stays
    assert ranges(split(pages, unsure, {})) == [(1, 3)]
