"""The flow for one document: read → classify → extract → validate → route.

It is split in two so that a batch can spread the heavy half over processes: `analyse` (reading,
OCR, classification, extraction; pure, parallel) and `validate` (rules and routing; cheap, and
run in one place in a fixed order, because the duplicate rules compare documents with each other).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

from extractors.api import ExtractSettings
from extractors.model import Classification, Extraction, Issue, Result, Severity, Status
from extractors.registry import Registry, load
from pipelines.read import (
    ACCEPTED_SUFFIXES,
    ReadError,
    ReadSettings,
    read_document,
    sha256_file,
    sniff_kind,
)
from pipelines.rules.base import RuleContext, RulePack, SeenIndex, load_pack

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Settings:
    read: ReadSettings = field(default_factory=ReadSettings)
    extract: ExtractSettings = field(default_factory=ExtractSettings)
    rule_overrides: tuple[Path, ...] = ()  # a client's packs, merged over the built-in ones
    min_classification_confidence: float = 0.6
    classifier: str | None = None  # a classifier's name; None: the first one installed


@dataclass(frozen=True)
class Analysis:
    """Everything the heavy half learned; small enough to send between processes."""

    source: str
    sha256: str = ""
    pages: int = 0
    ocr: bool = False
    classification: Classification | None = None
    extraction: Extraction | None = None
    error: str | None = None
    seconds: float = 0.0


def accepts(path: Path) -> bool:
    """A file the toolkit reads: a PDF or image by its name or, failing that, by its bytes."""
    if path.suffix.lower() in ACCEPTED_SUFFIXES:
        return True
    try:
        with path.open("rb") as fh:
            return sniff_kind(fh.read(2048)) is not None
    except OSError:
        return False


def _sentence(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:] if text else text


class Pipeline:
    """Loads plugins and rule packs once; then processes any number of documents."""

    def __init__(self, settings: Settings | None = None, registry: Registry | None = None) -> None:
        self.settings = settings or Settings()
        self.registry = registry or load()
        self._packs: dict[str, RulePack] = {}
        classifiers = self.registry.classifiers
        if self.settings.classifier:
            classifiers = [c for c in classifiers if c.name == self.settings.classifier]
        if not classifiers:
            raise RuntimeError(
                "no document classifier is installed (entry-point group bpo.extractors); "
                "is the bpo-toolkit package installed?"
            )
        self.classifier = classifiers[0]

    def pack(self, document_type: str) -> RulePack:
        if document_type not in self._packs:
            overrides = [
                p / f"{document_type}.toml" if p.is_dir() else p
                for p in self.settings.rule_overrides
            ]
            self._packs[document_type] = load_pack(document_type, overrides)
        return self._packs[document_type]

    def analyse(self, path: Path) -> Analysis:
        started = time.perf_counter()
        source = str(path)
        try:
            digest = sha256_file(path)
            document = read_document(path, self.settings.read, sha256=digest)
        except OSError as exc:
            return Analysis(
                source,
                error=f"The file cannot be opened ({exc.strerror or exc}).",
                seconds=time.perf_counter() - started,
            )
        except ReadError as exc:
            return Analysis(
                source, digest, error=_sentence(str(exc)), seconds=time.perf_counter() - started
            )
        try:
            classification = self.classifier.classify(document)
            extractor = self.registry.extractor_for(classification.document_type)
            extraction = (
                extractor.extract(document, self.settings.extract)
                if extractor is not None
                else Extraction(document_type=classification.document_type, extractor="none")
            )
        except Exception as exc:  # a bug on one document must not stop a batch or a worker
            log.exception("extraction failed on %s", source)
            return Analysis(
                source,
                document.sha256,
                len(document.pages),
                document.ocr,
                error=f"Internal error while extracting: {type(exc).__name__}: {exc}",
                seconds=time.perf_counter() - started,
            )
        return Analysis(
            source=source,
            sha256=document.sha256,
            pages=len(document.pages),
            ocr=document.ocr,
            classification=classification,
            extraction=extraction,
            seconds=time.perf_counter() - started,
        )

    def validate(self, analysis: Analysis, seen: SeenIndex | None = None) -> Result:
        if analysis.error is not None or analysis.extraction is None:
            return Result(
                source=analysis.source,
                sha256=analysis.sha256,
                document_type="unknown",
                classification_confidence=0.0,
                pages=analysis.pages,
                ocr=analysis.ocr,
                fields={},
                line_items=(),
                service_lines=(),
                issues=(),
                status=Status.FAILED,
                error=analysis.error or "The document could not be read.",
            )
        extraction = analysis.extraction
        classification = analysis.classification
        confidence = classification.confidence if classification else 0.0
        issues: list[Issue] = []
        if (
            extraction.document_type == "unknown"
            or confidence < self.settings.min_classification_confidence
        ):
            issues.append(
                Issue(
                    "document.classification",
                    Severity.ERROR,
                    f"could not tell what kind of document this is (read as {extraction.document_type}, "
                    f"confidence {confidence:.2f})",
                )
            )
        context = RuleContext(sha256=analysis.sha256, source=analysis.source, seen=seen)
        if extraction.document_type != "unknown":
            issues.extend(self.pack(extraction.document_type).run(extraction, context))
        blocked = any(i.severity is Severity.ERROR for i in issues)
        return Result(
            source=analysis.source,
            sha256=analysis.sha256,
            document_type=extraction.document_type,
            classification_confidence=confidence,
            pages=analysis.pages,
            ocr=analysis.ocr,
            fields=extraction.fields,
            line_items=extraction.line_items,
            service_lines=extraction.service_lines,
            issues=tuple(issues),
            status=Status.NEEDS_REVIEW if blocked else Status.AUTO_APPROVED,
            error=None,
            extractor=extraction.extractor,
        )

    def process(self, path: Path, seen: SeenIndex | None = None) -> Result:
        return self.validate(self.analyse(path), seen)
