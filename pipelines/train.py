"""Training the document classifier (`bpo train classifier`).

The text classifier learns from documents the project generates itself: by default a fresh set
made by `samples/generator` with seeds other than the committed samples', so that `bpo eval
samples/` scores it on documents it has not seen, scans included (read with OCR, as at run
time). Each document's text is what the classifier reads at run time (`classifier_text`); each
also gets a copy with OCR-like noise (letters confused, words lost), and the rarer kinds more
such copies, so that every kind weighs the same. Training is seeded: the
same repository and seed give the same model.
"""

from __future__ import annotations

import json
import logging
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from extractors.classifier import DOCUMENT_TYPES, classifier_text
from pipelines.read import ReadError, ReadSettings, read_document

log = logging.getLogger(__name__)

# The generators and the folder each writes; `--out DIR --seed N` is all they need.
GENERATORS = {
    "invoice": ["samples.generator", "--scanned", "8", "--digital", "60"],
    "claim": ["samples.generator.claims"],
    "contract": ["samples.generator.contracts"],
    "unknown": ["samples.generator.unknown"],
}
OCR_CONFUSIONS = {
    "o": "0",
    "0": "o",
    "l": "1",
    "1": "l",
    "i": "l",
    "s": "5",
    "e": "c",
    "a": "o",
    "rn": "m",
    "m": "rn",
}


@dataclass(frozen=True)
class Example:
    text: str
    label: str
    source: str


@dataclass
class TrainReport:
    examples: Counter[str] = field(default_factory=Counter)
    epochs: int = 0
    seconds: float = 0.0
    train_accuracy: float = 0.0
    losses: list[float] = field(default_factory=list)
    model: Path | None = None
    skipped: list[tuple[str, str]] = field(default_factory=list)


def find_checkout(start: Path | None = None) -> Path | None:
    """The repository root holding `samples/generator`, from `start` (the working directory)
    upwards."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "samples" / "generator" / "__main__.py").exists():
            return folder
    return None


def generate_training_documents(root: Path, out: Path, seeds: Sequence[int]) -> list[Path]:
    """Run every generator with each seed into `out/<type>-<seed>`; returns the folders."""
    folders = []
    for label, command in GENERATORS.items():
        for seed in seeds:
            target = out / f"{label}-{seed}"
            args = [sys.executable, "-m", *command, "--seed", str(seed), "--out", str(target)]
            log.info("generating %s documents: %s", label, " ".join(args[2:]))
            done = subprocess.run(args, cwd=root, capture_output=True, text=True, check=False)
            if done.returncode != 0:
                raise RuntimeError(
                    f"the {label} generator failed (exit {done.returncode}): "
                    f"{done.stderr.strip().splitlines()[-1] if done.stderr.strip() else ''}"
                )
            folders.append(target)
    return folders


def examples_from(folders: Iterable[Path], *, include_scans: bool = False) -> Iterable[Example]:
    """Every document with a `NAME.expected.json` beside it, labelled with its expected type.
    Scans are left out unless asked for: reading them means OCR, minutes instead of seconds."""
    for folder in folders:
        for expected in sorted(folder.rglob("*.expected.json")):
            truth = json.loads(expected.read_text(encoding="utf-8"))
            label = truth.get("document_type", "unknown")
            if label not in DOCUMENT_TYPES or (truth.get("scanned") and not include_scans):
                continue
            stem = expected.name[: -len(".expected.json")]
            documents = [
                p for p in expected.parent.glob(stem + ".*") if not p.name.endswith(".json")
            ]
            if not documents:
                continue
            try:
                # forms without a text layer are read with OCR: 200 dpi is enough for the words
                # a classifier needs, and twice as fast as the reading of record
                document = read_document(documents[0], ReadSettings(ocr_dpi=200))
            except ReadError as exc:
                log.warning("skipped %s: %s", documents[0], exc)
                continue
            yield Example(classifier_text(document), label, str(documents[0]))


def with_ocr_noise(text: str, rng: random.Random, rate: float = 0.04) -> str:
    """A copy of the text as a poor scan might read it: letters confused, words dropped or
    split."""
    out = []
    for word in text.split():
        roll = rng.random()
        if roll < rate:
            continue  # lost
        if roll < 3 * rate:
            for a, b in OCR_CONFUSIONS.items():
                if a in word:
                    word = word.replace(a, b, 1)
                    break
        elif roll < 4 * rate and len(word) > 5:
            cut = rng.randrange(2, len(word) - 2)
            word = word[:cut] + " " + word[cut:]
        out.append(word)
    return " ".join(out)


def train_classifier(
    examples: Sequence[Example], out: Path, *, seed: int = 7, epochs: int = 12
) -> TrainReport:
    """Train the bag-of-words text classifier and write it to `out` (replaced if it exists)."""
    import spacy
    from spacy.pipeline import TextCategorizer
    from spacy.training import Example as SpacyExample
    from spacy.util import fix_random_seed  # type: ignore[attr-defined]

    started = time.perf_counter()
    report = TrainReport(examples=Counter(e.label for e in examples), epochs=epochs)
    missing = [t for t in DOCUMENT_TYPES if not report.examples[t]]
    if missing:
        raise ValueError(f"no training documents of type {', '.join(missing)}")
    fix_random_seed(seed)
    rng = random.Random(seed)
    nlp = spacy.blank("xx")  # the multi-language tokenizer: English, German, French, Dutch
    textcat = nlp.add_pipe(
        "textcat",
        config={
            "model": {
                "@architectures": "spacy.TextCatBOW.v3",
                "exclusive_classes": True,
                "ngram_size": 2,
                "no_output_layer": False,
                "length": 65536,  # hashed features: ample for a few thousand n-grams, 1 MB
            }
        },
    )
    assert isinstance(textcat, TextCategorizer)
    for label in DOCUMENT_TYPES:
        textcat.add_label(label)
    texts = [(e.text, e.label) for e in examples]
    texts += [(with_ocr_noise(e.text, rng), e.label) for e in examples]
    # every kind as often as the most frequent one (more noisy copies of the rarer kinds), so
    # that the model does not learn that an unclear page is most likely an invoice
    most = max(report.examples.values())
    for label in DOCUMENT_TYPES:
        own = [e for e in examples if e.label == label]
        for i in range(2 * (most - len(own))):
            texts.append((with_ocr_noise(own[i % len(own)].text, rng, rate=0.08), label))
    data = [
        SpacyExample.from_dict(
            nlp.make_doc(text), {"cats": {t: float(t == label) for t in DOCUMENT_TYPES}}
        )
        for text, label in texts
    ]
    optimizer = nlp.initialize(lambda: data)
    for _ in range(epochs):
        rng.shuffle(data)
        losses: dict[str, float] = {}
        for start in range(0, len(data), 16):
            nlp.update(data[start : start + 16], sgd=optimizer, losses=losses, drop=0.1)
        report.losses.append(round(losses.get("textcat", 0.0), 4))
    right = 0
    for text, label in texts:
        cats = nlp(text).cats
        right += max(cats, key=lambda k: cats[k]) == label
    report.train_accuracy = right / len(texts)
    if out.exists():
        shutil.rmtree(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    nlp.meta["name"] = "bpo_doc_classifier"
    nlp.meta["description"] = (
        f"bpo-toolkit document classifier, trained by `bpo train classifier` (seed {seed}) on "
        + ", ".join(f"{n} {t}" for t, n in sorted(report.examples.items()))
    )
    nlp.to_disk(out)
    report.model = out
    report.seconds = time.perf_counter() - started
    return report


def train_from_generated(
    out: Path, *, seeds: Sequence[int] = (101,), seed: int = 7, epochs: int = 12
) -> TrainReport:
    """Generate fresh documents of every type from a checkout, then train on them."""
    root = find_checkout()
    if root is None:
        raise RuntimeError(
            "training generates its documents with samples/generator: run it from a checkout "
            "of bpo-toolkit, or pass --from DIR with documents and their expected files"
        )
    with tempfile.TemporaryDirectory(prefix="bpo-train-") as tmp:
        folders = generate_training_documents(root, Path(tmp), seeds)
        # the scans too: OCR's text of a page is not a text layer's, and the model must know both
        examples = list(examples_from(folders, include_scans=True))
    return train_classifier(examples, out, seed=seed, epochs=epochs)
