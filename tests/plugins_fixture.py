"""Fake plugins for tests/test_registry.py, loaded through `importlib.metadata.EntryPoint`s.

Each keeps or breaks the plugin contract of extractors/api.py in exactly one way.
"""

from __future__ import annotations

from extractors.api import ExtractSettings
from extractors.model import Classification, Document, Extraction


class ExplodingExtractor:
    """Fails while it is being made, as a plugin with a missing dependency or bad config does."""

    name = "acme.exploding.v1"
    document_type = "invoice"

    def __init__(self) -> None:
        raise RuntimeError("licence server unreachable")

    def extract(self, document: Document, settings: ExtractSettings) -> Extraction:
        raise AssertionError("never made")


class MisnamedExtractor:
    """Keeps the contract but calls itself something other than its entry point does."""

    name = "acme.someone-else.v1"
    document_type = "invoice"

    def extract(self, document: Document, settings: ExtractSettings) -> Extraction:
        return Extraction(document_type=self.document_type, extractor=self.name)


class NotAPlugin:
    """Has the right name but neither `extract` nor `classify`."""

    name = "acme.not-a-plugin.v1"

    def run(self, document: Document) -> None:
        return None


class _Invoice:
    name = ""
    document_type = "invoice"

    def extract(self, document: Document, settings: ExtractSettings) -> Extraction:
        return Extraction(document_type=self.document_type, extractor=self.name)


class AcmeInvoiceV2(_Invoice):
    name = "acme.invoice.v2"


class InvoiceV1(_Invoice):
    name = "bpo.invoice.v1"


class InvoiceV2(_Invoice):
    name = "bpo.invoice.v2"


class InvoiceV10(_Invoice):
    name = "bpo.invoice.v10"


class OtherClaim(_Invoice):
    """A good extractor whose name sorts after the broken ones: they must not stop it."""

    name = "other.claim.v1"
    document_type = "claim"


class AcmeClassifier:
    name = "acme.classifier.v1"

    def classify(self, document: Document) -> Classification:
        return Classification(document_type="invoice", confidence=0.5, classifier=self.name)
