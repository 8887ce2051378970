"""The flow for one document: read → classify → extract → validate → route.

It is split in two so that a batch can spread the heavy half over processes: `analyse` (reading,
OCR, classification, extraction; pure, parallel) and `validate` (rules and routing; cheap, and
run in one place in a fixed order, because the duplicate rules compare documents with each other).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractors.api import ExtractSettings
from extractors.model import (
    Classification,
    Document,
    Extraction,
    Field,
    Issue,
    Result,
    Severity,
    Status,
)
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
from pipelines.split import ID_FIELDS, split_pages

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Settings:
    read: ReadSettings = field(default_factory=ReadSettings)
    extract: ExtractSettings = field(default_factory=ExtractSettings)
    rule_overrides: tuple[Path, ...] = ()  # a client's packs, merged over the built-in ones
    # a client's packs given as data, per document type, merged last: {"invoice": {"rules": …}}
    rule_pack_data: tuple[tuple[str, Mapping[str, Any]], ...] = ()
    min_classification_confidence: float = 0.6
    classifier: str | None = None  # a classifier's name; None: the first one installed
    split: bool = True  # a file holding several documents is cut into one per document


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
    page_range: tuple[int, int] | None = None  # the file's pages this document takes up


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
            data = [
                (f"settings for {doc_type}", pack)
                for doc_type, pack in self.settings.rule_pack_data
                if doc_type == document_type
            ]
            self._packs[document_type] = load_pack(document_type, overrides, data)
        return self._packs[document_type]

    def analyse(self, path: Path) -> Analysis:
        """The file as one document (see `analyse_all` for files holding several)."""
        return self.analyse_all(path, split=False)[0]

    def analyse_all(self, path: Path, *, split: bool | None = None) -> list[Analysis]:
        """Read the file and analyse each document in it: one, or one per part where a
        multi-page file holds several (`pipelines/split.py`)."""
        started = time.perf_counter()
        source = str(path)
        try:
            digest = sha256_file(path)
            document = read_document(path, self.settings.read, sha256=digest)
        except OSError as exc:
            return [
                Analysis(
                    source,
                    error=f"The file cannot be opened ({exc.strerror or exc}).",
                    seconds=time.perf_counter() - started,
                )
            ]
        except ReadError as exc:
            return [
                Analysis(
                    source,
                    digest,
                    error=_sentence(str(exc)),
                    seconds=time.perf_counter() - started,
                )
            ]
        parts = [(document.pages[0].number, document.pages[-1].number)]
        if (self.settings.split if split is None else split) and len(document.pages) > 1:
            try:
                found = split_pages(document, self.classifier.classify, self._identity)
                parts = [(p.first, p.last) for p in found]
            except Exception:  # splitting is a refinement: the whole file is still one document
                log.exception("could not split %s into documents", source)
        if len(parts) == 1:
            return [self._analyse_document(document, source, started, parts[0])]
        analyses = []
        for first, last in parts:
            pages = tuple(p for p in document.pages if first <= p.number <= last)
            part = Document(f"{source}#pages={first}-{last}", document.sha256, pages)
            analyses.append(self._analyse_document(part, part.source, started, (first, last)))
            started = time.perf_counter()
        return analyses

    def _identity(self, document: Document, document_type: str) -> str | None:
        extractor = self.registry.extractor_for(document_type)
        if extractor is None:
            return None
        fields = extractor.extract(document, self.settings.extract).fields
        for name in ID_FIELDS.get(document_type, ()):
            if name in fields:
                return str(fields[name].value)
        return None

    def _analyse_document(
        self, document: Document, source: str, started: float, page_range: tuple[int, int]
    ) -> Analysis:
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
                page_range=page_range,
            )
        return Analysis(
            source=source,
            sha256=document.sha256,
            pages=len(document.pages),
            ocr=document.ocr,
            classification=classification,
            extraction=extraction,
            seconds=time.perf_counter() - started,
            page_range=page_range,
        )

    def validate(self, analysis: Analysis, seen: SeenIndex | None = None) -> Result:
        if analysis.error is not None or analysis.extraction is None:
            return Result.failed(
                analysis.source,
                analysis.sha256,
                analysis.error or "The document could not be read.",
                pages=analysis.pages,
                ocr=analysis.ocr,
                page_range=analysis.page_range,
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
            page_range=analysis.page_range,
        )

    def revalidate(
        self, result: Result, corrections: Mapping[str, Field], seen: SeenIndex | None = None
    ) -> Result:
        """The rules again, over a result whose fields a person corrected (a corrected value
        replaces the read one; the rest of the result stands as read)."""
        if result.status is Status.FAILED:
            return result
        fields = {**result.fields, **corrections}
        analysis = Analysis(
            source=result.source,
            sha256=result.sha256,
            pages=result.pages,
            ocr=result.ocr,
            classification=Classification(
                result.document_type, result.classification_confidence, "as read"
            ),
            extraction=Extraction(
                document_type=result.document_type,
                extractor=result.extractor or "unknown",
                fields=fields,
                line_items=result.line_items,
                service_lines=result.service_lines,
            ),
            page_range=result.page_range,
        )
        return self.validate(analysis, seen)

    def process(self, path: Path, seen: SeenIndex | None = None) -> Result:
        """The file as one document."""
        return self.validate(self.analyse(path), seen)

    def process_all(self, path: Path, seen: SeenIndex | None = None) -> list[Result]:
        """One result per document in the file (several where it holds several)."""
        return [self.validate(a, seen) for a in self.analyse_all(path)]
