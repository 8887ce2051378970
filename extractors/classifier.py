"""Which kind of document this is: invoice, claim, contract or unknown.

Two classifiers, both plugins of the `bpo.extractors` group:

- `bpo.cue-classifier.v1` counts the words each kind cannot do without (an invoice names itself
  and carries a total; a claim form carries patient, insured and procedure codes; a contract is
  prose about parties and terms) on the first pages; too few cues of any kind is `unknown`.
- `bpo.textcat-classifier.v1`, the one in use when it is installed, is a small spaCy text
  classifier (bag of words and word pairs) trained on the project's own generated documents by
  `bpo train classifier`, blended with the cue scores: the trained model knows the vocabulary
  of whole documents, the cues carry what a reader knows of any invoice, claim or contract. A
  page that registers onto the CMS-1500 form's template is a claim, whatever its words.
  Letters, agendas, resumes and shipping notices are trained as `unknown`.

Both read the same text, `classifier_text`: the folded words of the first pages.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from extractors.model import Classification, Document, Page
from extractors.values import fold_text

DOCUMENT_TYPES = ("invoice", "claim", "contract", "unknown")
TEXT_PAGES = 3
TEXT_WORDS = 1500
MODEL_ENV = "BPO_CLASSIFIER_MODEL"
DEFAULT_MODEL = Path(__file__).parent / "trained" / "doc-classifier"


def classifier_text(document: Document) -> str:
    """What the classifiers read: the folded words of the first pages, at most 1500."""
    words = [w.text for page in document.pages[:TEXT_PAGES] for w in page.words]
    return fold_text(" ".join(words[:TEXT_WORDS]))


def model_path() -> Path:
    """Where the trained text classifier lives: `$BPO_CLASSIFIER_MODEL`, or inside the package
    (built there by `bpo train classifier`, which set-up runs)."""
    configured = os.environ.get(MODEL_ENV)
    return Path(configured) if configured else DEFAULT_MODEL


CUES: dict[str, dict[str, float]] = {
    "invoice": {
        "invoice": 3,
        "rechnung": 3,
        "facture": 3,
        "factuur": 3,
        "receipt": 2,
        "quittung": 2,
        "kassenbon": 2,
        "bill to": 2,
        "amount due": 2,
        "balance due": 2,
        "total": 1,
        "subtotal": 1,
        "vat": 1,
        "tax": 0.5,
        "mwst": 1,
        "tva": 1,
        "btw": 1,
        "unit price": 1,
        "qty": 1,
        "gesamtbetrag": 1,
        "total ttc": 1,
        "te betalen": 1,
        "iban": 0.5,
        "due date": 1,
    },
    "claim": {
        "health insurance claim": 4,
        "claim form": 3,
        "patient": 2,
        "insured": 2,
        "npi": 2,
        "diagnosis": 2,
        "cpt": 1,
        "hcpcs": 1,
        "icd": 1,
        "medicare": 1,
        "medicaid": 1,
        "date of birth": 1,
        "procedures services": 2,
        "place of service": 2,
        "billing provider": 2,
    },
    "contract": {
        "agreement": 3,
        "hereinafter": 2,
        "whereas": 2,
        "party": 1,
        "parties": 2,
        "governing law": 2,
        "term": 0.5,
        "terminate": 1,
        "termination": 1,
        "in witness whereof": 3,
        "confidential information": 1,
        "shall": 1,
        "hereby": 1,
        "effective date": 2,
    },
}


class CueClassifier:
    name = "bpo.cue-classifier.v1"

    def __init__(self, min_score: float = 4.0) -> None:
        self.min_score = min_score
        self._patterns = {
            kind: [
                (re.compile(rf"\b{re.escape(fold_text(cue))}\b"), weight)
                for cue, weight in cues.items()
            ]
            for kind, cues in CUES.items()
        }

    def scores(self, text: str) -> dict[str, float]:
        """Weighted cue counts per document type, for text as `classifier_text` gives it."""
        scores: dict[str, float] = {}
        for kind, patterns in self._patterns.items():
            score = 0.0
            for pattern, weight in patterns:
                hits = len(pattern.findall(text))
                score += weight * min(hits, 3)  # a word said ten times is no ten times surer
            scores[kind] = score
        return scores

    def distribution(self, text: str) -> dict[str, float]:
        """The cue scores as shares over the four document types; `unknown` takes the share
        the strongest kind falls short of the minimum score."""
        scores = self.scores(text)
        best = max(scores.values())
        shortfall = max(0.0, self.min_score - best) / self.min_score
        total = sum(scores.values()) or 1.0
        out = {kind: (1 - shortfall) * score / total for kind, score in scores.items()}
        out["unknown"] = shortfall
        return out

    def classify(self, document: Document) -> Classification:
        scores = self.scores(classifier_text(document))
        best = max(scores, key=lambda k: scores[k])
        total = sum(scores.values())
        if scores[best] < self.min_score or total == 0:
            return Classification("unknown", 0.5, self.name)
        share = scores[best] / total
        strength = min(1.0, scores[best] / (3 * self.min_score))
        return Classification(best, round(0.5 + 0.5 * share * strength, 3), self.name)


class TextcatClassifier:
    """The trained spaCy text classifier blended with the cue scores (see the module's doc)."""

    name = "bpo.textcat-classifier.v1"

    def __init__(self, path: Path | None = None, cue_weight: float = 0.4) -> None:
        import spacy

        location = path or model_path()
        if not (location / "meta.json").exists():
            raise FileNotFoundError(
                f"no trained text classifier at {location}; run `bpo train classifier`"
            )
        self.nlp = spacy.load(location)
        self.cues = CueClassifier()
        self.cue_weight = cue_weight

    def probabilities(self, text: str) -> dict[str, float]:
        trained = self.nlp(text).cats
        cues = self.cues.distribution(text)
        w = self.cue_weight
        return {
            k: (1 - w) * float(trained.get(k, 0.0)) + w * cues.get(k, 0.0) for k in DOCUMENT_TYPES
        }

    def classify(self, document: Document) -> Classification:
        text = classifier_text(document)
        if not text.strip():
            return Classification("unknown", 0.5, self.name)
        if any(_on_claim_form(page) for page in document.pages[:2]):
            # a layout cue no vocabulary gives: the page registers onto the CMS-1500's template
            return Classification("claim", 0.97, self.name)
        probs = self.probabilities(text)
        best = max(probs, key=lambda k: probs[k])
        return Classification(best, round(probs[best], 3), self.name)


def _on_claim_form(page: Page) -> bool:
    from extractors.form_layout import cms1500, register

    if len({f.name for f in page.form_fields} & set(cms1500().boxes)) >= 5:
        return True
    found = register(page, cms1500())
    return found is not None and found.anchors >= 8
