"""The contracts every extractor and classifier keeps, built-in or third-party.

A name is versioned (`bpo.invoice.v1`) and never changes behaviour once published: a changed
extractor gets a new name, so results stay comparable with the name that made them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from extractors.model import Classification, Document, Extraction
from extractors.values import DateOrder


@dataclass(frozen=True, slots=True)
class ExtractSettings:
    """Per-client hints; an extractor must work without any of them."""

    date_order: DateOrder | None = None  # settle 07/03/2024 when the document cannot


@runtime_checkable
class Extractor(Protocol):
    name: str
    document_type: str

    def extract(self, document: Document, settings: ExtractSettings) -> Extraction:
        """Pure: a document in, an extraction out; no I/O, no globals."""
        ...


@runtime_checkable
class Classifier(Protocol):
    name: str

    def classify(self, document: Document) -> Classification: ...
