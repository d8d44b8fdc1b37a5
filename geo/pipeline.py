"""The one function that wires the stages: Article -> mentions -> toponyms -> events.

Each stage lives in its own module and can be called alone:
`geo.toponyms.recognise_toponyms`, `geo.resolve.resolve_toponyms`,
`geo.events.detect_events`. Nothing here keeps global mutable state, so Dask can map
`process_article` over partitions of articles.
"""

from __future__ import annotations

from spacy.language import Language

from gazetteer.lookup import PlaceLookup
from geo.chunks import parse_long
from geo.events import detect_events
from geo.model import Article, ArticleResult
from geo.resolve import resolve_toponyms
from geo.toponyms import recognise_toponyms


def process_article(article: Article, nlp: Language, gazetteer: PlaceLookup) -> ArticleResult:
    """Run every extraction stage on one article (a long one is parsed in chunks)."""
    doc = parse_long(nlp, article.text)
    mentions = recognise_toponyms(article, doc, gazetteer)
    toponyms = resolve_toponyms(article, mentions, gazetteer)
    events = detect_events(article, doc, toponyms, gazetteer)
    return ArticleResult(article, tuple(mentions), tuple(toponyms), tuple(events))
