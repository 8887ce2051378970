"""Which kind of document this is, from the words that each kind cannot do without.

An invoice names itself and carries a total; a claim form carries patient, insured and procedure
codes; a contract is prose about parties and terms. The cue classifier counts those cues on the
first pages; a document with too few of any kind is `unknown` and goes to a person.
"""

from __future__ import annotations

import re

from extractors.model import Classification, Document
from extractors.values import fold_text

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

    def classify(self, document: Document) -> Classification:
        text = fold_text(" ".join(w.text for p in document.pages[:3] for w in p.words))
        scores: dict[str, float] = {}
        for kind, patterns in self._patterns.items():
            score = 0.0
            for pattern, weight in patterns:
                hits = len(pattern.findall(text))
                score += weight * min(hits, 3)  # a word said ten times is no ten times surer
            scores[kind] = score
        best = max(scores, key=lambda k: scores[k])
        total = sum(scores.values())
        if scores[best] < self.min_score or total == 0:
            return Classification("unknown", 0.5, self.name)
        share = scores[best] / total
        strength = min(1.0, scores[best] / (3 * self.min_score))
        return Classification(best, round(0.5 + 0.5 * share * strength, 3), self.name)
