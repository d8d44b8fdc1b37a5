"""The pipeline, declared once: the named stages an article goes through, in order.

`STAGES` is the list (spaCy style: each stage has a name and reads and fills an
`ArticleContext`); `process_article` runs all of them (map, export, ingest, brief),
`GEOPARSE_STAGES` the first three (`geo.geoparse.geoparse_article`: the geoparse and
eval commands). Each stage calls one module's function and can be run alone on a
context. Nothing here keeps global mutable state, so Dask can map `process_article`
over partitions of articles.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from gazetteer.lookup import PlaceLookup
from geo.chunks import parse_long
from geo.events import detect_events
from geo.model import Article, ArticleResult, Event, Mention, Toponym
from geo.resolve import resolve_toponyms
from geo.toponyms import recognise_toponyms


@dataclass(slots=True)
class ArticleContext:
    """One article on its trip through the stages: what they need and what they found."""

    article: Article
    nlp: Language
    gazetteer: PlaceLookup
    demonyms: bool = True  # whether demonyms ("Venezuelan") count as toponyms
    doc: Doc | None = None
    mentions: list[Mention] = field(default_factory=list)
    toponyms: list[Toponym] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    @property
    def parsed(self) -> Doc:
        """The article's Doc; the stages after `parse` need it."""
        if self.doc is None:
            raise RuntimeError(f"{self.article.id}: the parse stage has not run")
        return self.doc

    def result(self) -> ArticleResult:
        return ArticleResult(
            self.article, tuple(self.mentions), tuple(self.toponyms), tuple(self.events)
        )


@dataclass(frozen=True, slots=True)
class Stage:
    """A named step of the pipeline."""

    name: str
    run: Callable[[ArticleContext], None]


def parse(ctx: ArticleContext) -> None:
    """Text -> spaCy Doc (a long text is parsed in chunks)."""
    ctx.doc = parse_long(ctx.nlp, ctx.article.text)


def recognise(ctx: ArticleContext) -> None:
    """Doc -> the place names mentioned, in text order."""
    ctx.mentions = recognise_toponyms(ctx.article, ctx.parsed, ctx.gazetteer, demonyms=ctx.demonyms)


def resolve(ctx: ArticleContext) -> None:
    """Mentions -> gazetteer places (mentions with no candidate are left out)."""
    ctx.toponyms = resolve_toponyms(ctx.article, ctx.mentions, ctx.gazetteer)


def events(ctx: ArticleContext) -> None:
    """Doc and toponyms -> the conflict events the article reports."""
    ctx.events = detect_events(ctx.article, ctx.parsed, ctx.toponyms, ctx.gazetteer)


# fmt: off
STAGES: tuple[Stage, ...] = (
    Stage("parse", parse),
    Stage("recognise", recognise),
    Stage("resolve", resolve),
    Stage("events", events),
)
# fmt: on
GEOPARSE_STAGES = STAGES[:3]


def run_stages(ctx: ArticleContext, stages: Sequence[Stage] = STAGES) -> ArticleContext:
    """`ctx` after each of `stages`, in order."""
    for stage in stages:
        stage.run(ctx)
    return ctx


def process_article(article: Article, nlp: Language, gazetteer: PlaceLookup) -> ArticleResult:
    """Run every stage on one article."""
    return run_stages(ArticleContext(article, nlp, gazetteer)).result()
