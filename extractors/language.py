"""Which of our languages a document is written in, from words that only that language uses."""

from __future__ import annotations

import re

from extractors.values import fold_text

# Words that are frequent on business paper in one language and rare in the others.
CUES: dict[str, frozenset[str]] = {
    "en": frozenset(
        [
            "invoice",
            "bill",
            "total",
            "amount",
            "due",
            "date",
            "tax",
            "subtotal",
            "description",
            "quantity",
            "price",
            "the",
            "and",
            "of",
            "to",
            "for",
            "payment",
            "terms",
            "please",
            "thank",
            "you",
            "balance",
            "receipt",
            "customer",
        ]
    ),
    "de": frozenset(
        [
            "rechnung",
            "rechnungsnummer",
            "rechnungsdatum",
            "datum",
            "betrag",
            "gesamtbetrag",
            "mwst",
            "ust",
            "menge",
            "einzelpreis",
            "gesamt",
            "netto",
            "brutto",
            "zahlbar",
            "bis",
            "und",
            "der",
            "die",
            "das",
            "fur",
            "mit",
            "bitte",
            "zahlungsziel",
            "bezeichnung",
            "steuernummer",
            "kundennummer",
            "lieferdatum",
        ]
    ),
    "fr": frozenset(
        [
            "facture",
            "date",
            "montant",
            "total",
            "ht",
            "ttc",
            "tva",
            "quantite",
            "prix",
            "unitaire",
            "designation",
            "le",
            "la",
            "les",
            "des",
            "et",
            "pour",
            "de",
            "du",
            "paiement",
            "echeance",
            "net",
            "a",
            "payer",
            "conditions",
            "client",
            "reglement",
        ]
    ),
    "nl": frozenset(
        [
            "factuur",
            "factuurnummer",
            "factuurdatum",
            "vervaldatum",
            "bedrag",
            "totaal",
            "btw",
            "aantal",
            "prijs",
            "omschrijving",
            "het",
            "een",
            "en",
            "van",
            "voor",
            "te",
            "betalen",
            "subtotaal",
            "klant",
            "betaling",
            "graag",
        ]
    ),
}

# Words shared by several languages say nothing: "date", "total" and "client" are English and French.
_SHARED = frozenset(
    w
    for lang, words in CUES.items()
    for w in words
    if any(w in other for o, other in CUES.items() if o != lang)
)


def guess_language(text: str) -> tuple[str, float]:
    """The most likely language (`en`, `de`, `fr`, `nl`) and the share of the cue votes it got."""
    votes = dict.fromkeys(CUES, 0)
    for token in re.findall(r"\w+", fold_text(text)):
        if token in _SHARED:
            continue
        for lang, words in CUES.items():
            if token in words:
                votes[lang] += 1
    total = sum(votes.values())
    if total == 0:
        return "en", 0.0
    best = max(votes, key=lambda k: votes[k])
    return best, votes[best] / total
