"""One file, several documents: where a multi-page file holds more than one (three invoices
scanned in one go, a claim stapled behind an invoice), cut it into parts by page.

A page starts a new document when:
- it says so: "Page 1 of 2", "Seite 1 von 3", "Page 1/2" (and "Page 2 of 2" says it does not);
- the page before it said it was the last ("Page 2 of 2") and this one reads as a document;
- it is confidently another kind of document than the part before it;
- it carries its own document number (invoice or claim number), different from the part's.
A page that says it continues ("continued", "Übertrag", "suite") stays with the part before it,
and so does any page with no sign either way: contracts, appendices, a second page of items.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from extractors.model import Classification, Document, Page

PAGE_OF = re.compile(
    r"(?i)\b(?:page|seite|pagina|blad|pg\.?)\s*(\d{1,3})\s*(?:of|von|sur|de|van|/)\s*(\d{1,3})\b"
)
CONTINUED = re.compile(
    r"(?i)\b(?:continued|continuation|carried forward|fortsetzung|übertrag|a reporter|à reporter|"
    r"suite page|vervolg)\b"
)
# The field that names a document of each kind, read from a page on its own
ID_FIELDS = {"invoice": ("invoice_number",), "claim": ("claim_number", "member_id")}


@dataclass(frozen=True)
class PagePart:
    first: int  # page numbers as in the file, from 1
    last: int


@dataclass(frozen=True)
class PageSigns:
    number: int
    kind: str
    confidence: float
    marker: tuple[int, int] | None  # (this page, of pages) as printed
    continues: bool
    identity: str | None


def page_marker(page: Page) -> tuple[int, int] | None:
    text = " ".join(w.text for w in page.words)
    for m in PAGE_OF.finditer(text):
        this, total = int(m.group(1)), int(m.group(2))
        if 1 <= this <= total <= 500:
            return this, total
    return None


def split_pages(
    document: Document,
    classify: Callable[[Document], Classification],
    identify: Callable[[Document, str], str | None],
    min_confidence: float = 0.75,
) -> list[PagePart]:
    """The parts of a file, in page order; one part when nothing says it holds several."""
    if len(document.pages) < 2:
        return [PagePart(p.number, p.number) for p in document.pages[:1]]
    signs = []
    for page in document.pages:
        alone = Document(document.source, document.sha256, (page,))
        c = classify(alone)
        text = " ".join(w.text for w in page.words)
        signs.append(
            PageSigns(
                number=page.number,
                kind=c.document_type,
                confidence=c.confidence,
                marker=page_marker(page),
                continues=bool(CONTINUED.search(text)),
                identity=identify(alone, c.document_type) if c.document_type in ID_FIELDS else None,
            )
        )
    parts: list[list[PageSigns]] = [[signs[0]]]
    for sign in signs[1:]:
        part = parts[-1]
        if _starts_new(part, sign, min_confidence):
            parts.append([sign])
        else:
            part.append(sign)
    return [PagePart(p[0].number, p[-1].number) for p in parts]


def _starts_new(part: list[PageSigns], page: PageSigns, min_confidence: float) -> bool:
    if page.marker is not None:
        return page.marker[0] == 1
    previous = part[-1]
    if previous.marker is not None and previous.marker[0] < previous.marker[1]:
        return False  # "Page 1 of 2" before it: this is page 2
    if page.continues:
        return False
    if (
        previous.marker is not None
        and previous.marker[0] == previous.marker[1]
        and page.kind != "unknown"
        and page.confidence >= min_confidence
    ):
        return True  # "Page 2 of 2" before it ended that document; this one reads as another
    kinds = {s.kind for s in part if s.confidence >= min_confidence and s.kind != "unknown"}
    if (
        page.confidence >= min_confidence
        and page.kind != "unknown"
        and kinds
        and page.kind not in kinds
    ):
        return True
    identities = {s.identity for s in part if s.identity}
    return bool(page.identity and identities and page.identity not in identities)
