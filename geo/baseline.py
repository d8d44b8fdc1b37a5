"""The reference geoparser every result is measured against: spaCy-small NER (GPE, LOC,
FAC) and, for each entity, the most populous gazetteer candidate of its text."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

from gazetteer.lookup import PlaceLookup
from geo.model import Article, Mention, Toponym, place_of

BASELINE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def baseline_mentions(article: Article, doc: Doc) -> list[Mention]:
    """spaCy's GPE/LOC/FAC entities, spans as the model gives them."""
    return [
        Mention(article.id, ent.start_char, ent.end_char, ent.text, ent.label_)
        for ent in doc.ents
        if ent.label_ in BASELINE_LABELS
    ]


def baseline_toponyms(mentions: list[Mention], gazetteer: PlaceLookup) -> list[Toponym]:
    """Each mention resolved to its most populous candidate (ties: the gazetteer's order)."""
    out: list[Toponym] = []
    cache: dict[str, Any] = {}
    for mention in mentions:
        if mention.text not in cache:
            cands = list(gazetteer.candidates(mention.text, limit=25))
            cache[mention.text] = max(cands, key=lambda c: c.population or 0) if cands else None
        best = cache[mention.text]
        if best is not None:
            out.append(Toponym(mention, place_of(best), 1.0))
    return out
