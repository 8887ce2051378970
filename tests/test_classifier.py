"""The document classifier: the trained text classifier blended with cue words, training it,
and what happens without a trained model."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from extractors.classifier import (
    DOCUMENT_TYPES,
    CueClassifier,
    TextcatClassifier,
    classifier_text,
    model_path,
)
from extractors.model import BBox, Document, Page, Source, Word
from extractors.registry import load
from pipelines.read import read_document
from pipelines.train import Example, train_classifier, with_ocr_noise
from tests.conftest import SAMPLES


def document(text: str) -> Document:
    words = tuple(
        Word(
            t,
            BBox(10 + 30 * (i % 15), 10 + 12 * (i // 15), 38 + 30 * (i % 15), 20 + 12 * (i // 15)),
            0.95,
            Source.OCR,
        )
        for i, t in enumerate(text.split())
    )
    return Document("doc.png", "0" * 64, (Page(1, 595, 842, words, Source.OCR),))


TEXTS = {
    "invoice": "Invoice number 4711 invoice date total amount due subtotal VAT unit price qty",
    "claim": "health insurance claim form patient name insured id diagnosis procedure npi charges",
    "contract": "this agreement is entered into by and between the parties governing law term shall",
    "unknown": "dear sir thank you for your letter we look forward to meeting you next week regards",
}


def test_the_trained_classifier_is_the_one_in_use() -> None:
    registry = load()
    assert registry.failures == [], "the model ships with the package"
    assert registry.classifiers[0].name == "bpo.textcat-classifier.v1"
    in_use = [p for p in registry.plugins if p.kind == "classifier" and p.in_use]
    assert [p.name for p in in_use] == ["bpo.textcat-classifier.v1"]


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("invoices/01-summit.pdf", "invoice"),
        ("claims/15-maple-grove-family-summary.pdf", "claim"),
        ("contracts/01-nda-mutual-keystone.pdf", "contract"),
        ("unknown/01-letter-address.pdf", "unknown"),
        ("unknown/02-letter-cover.pdf", "unknown"),  # a letter that sends a contract
    ],
)
def test_committed_samples_are_told_apart(path: str, kind: str) -> None:
    got = TextcatClassifier().classify(read_document(SAMPLES / path))
    assert got.document_type == kind
    assert got.confidence >= 0.6


def test_probabilities_blend_the_model_and_the_cues() -> None:
    classifier = TextcatClassifier()
    probs = classifier.probabilities(TEXTS["invoice"])
    assert set(probs) == set(DOCUMENT_TYPES)
    assert abs(sum(probs.values()) - 1) < 0.02
    assert max(probs, key=lambda k: probs[k]) == "invoice"
    assert classifier.classify(document("")).document_type == "unknown"


def test_training_writes_a_model_that_loads_and_classifies(tmp_path: Path) -> None:
    rng = random.Random(3)
    examples = []
    for label, text in TEXTS.items():
        words = text.split()
        for i in range(6):
            rng.shuffle(words)
            examples.append(Example(" ".join(words), label, f"{label}-{i}"))
    report = train_classifier(examples, tmp_path / "model", seed=1, epochs=8)
    assert report.examples["claim"] == 6 and report.train_accuracy == 1.0
    classifier = TextcatClassifier(tmp_path / "model", cue_weight=0.0)
    for label, text in TEXTS.items():
        assert classifier.classify(document(text)).document_type == label


def test_training_needs_every_kind(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown"):
        train_classifier([Example("invoice total", "invoice", "a")], tmp_path / "m")


def test_without_a_model_the_plugin_says_how_to_build_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BPO_CLASSIFIER_MODEL", str(tmp_path / "nothing"))
    assert model_path() == tmp_path / "nothing"
    with pytest.raises(FileNotFoundError, match="bpo train classifier"):
        TextcatClassifier()
    registry = load()
    assert [f.name for f in registry.failures] == ["bpo.textcat-classifier.v1"]
    assert registry.classifiers[0].name == "bpo.cue-classifier.v1", "the cue classifier serves"


def test_ocr_noise_is_seeded_and_keeps_most_words() -> None:
    text = " ".join(["invoice total amount due"] * 50)
    a = with_ocr_noise(text, random.Random(1))
    assert a == with_ocr_noise(text, random.Random(1)) and a != text
    assert len(a.split()) > 0.85 * len(text.split())


def test_cue_distribution_gives_unknown_the_shortfall() -> None:
    cues = CueClassifier()
    strong = cues.distribution(classifier_text(document(TEXTS["claim"])))
    assert max(strong, key=lambda k: strong[k]) == "claim" and strong["unknown"] == 0
    weak = cues.distribution("hello there")
    assert weak["unknown"] == 1.0
