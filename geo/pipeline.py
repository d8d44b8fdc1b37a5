"""The pipeline, declared once: the named stages an article goes through, in order.

`STAGES` is the list (spaCy style: each stage has a name and reads and fills an
`ArticleContext`); `process_article` runs all of them (map, export, ingest, brief),
`GEOPARSE_STAGES` the first three (`geo.geoparse.geoparse_article`: the geoparse and
eval commands). Each stage calls one module's function and can be run alone on a
context. Nothing here keeps global mutable state, so Dask can map `process_article`
over partitions of articles.

An article longer than `WINDOW_CHARS` is read in windows (`geo.chunks.split_bounds`:
paragraph, line, sentence, then whitespace breaks) so that the parse's memory does not
grow with the length: only one window's Doc lives at a time. The stages that read a Doc
run window by window and shift their offsets back to the article's text; `resolve` runs
once on the whole article's mentions (one sense per discourse, as for a short article),
so the events pass parses each window a second time. The windows share the article's id,
publication date, headline and lead place (`detect_events(lead=...)`); what looks across
sentences (a neighbouring sentence's place, the incident told just before, the focus
country) sees its own window only. What a long article's run keeps grows with what it
finds, by a small size each: its mentions and toponyms are columns (`geo.columns`), the
sources of a sentence share its text, and a run-on sentence is cut
(`geo.nlp.MAX_SENTENCE_TOKENS`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from itertools import groupby
from typing import TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from gazetteer.lookup import PlaceLookup
from geo.chunks import Chunk, parse_long, split_bounds
from geo.columns import Columns, Mentions, Toponyms
from geo.events import detect_events
from geo.events.detect import article_events, lead_places
from geo.events.geolocate import Lead
from geo.model import Article, ArticleResult, Event, Mention, Toponym
from geo.resolve import readings, resolve_toponyms
from geo.toponyms import recognise_toponyms

_T = TypeVar("_T")
WINDOW_CHARS = 200_000
"""A longer article is read in windows of at most this many characters (see above)."""


@dataclass(slots=True)
class ArticleContext:
    """One article on its trip through the stages: what they need and what they found."""

    article: Article
    nlp: Language
    gazetteer: PlaceLookup
    demonyms: bool = True  # whether demonyms ("Venezuelan") count as toponyms
    doc: Doc | None = None
    mentions: Sequence[Mention] = field(default_factory=list)
    toponyms: Sequence[Toponym] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    window: Chunk | None = None  # the part of a long article this context reads
    lead: Lead | None = None  # the article's lead places, from its first window
    window_chars: int = WINDOW_CHARS

    @property
    def parsed(self) -> Doc:
        """The article's (or window's) Doc; the stages after `parse` need it."""
        if self.doc is None:
            windows = " (a long article has a Doc per window only)"
            raise RuntimeError(f"{self.article.id}: the parse stage has not run{windows}")
        return self.doc

    @property
    def offset(self) -> int:
        """Where the text this context reads starts in the article's text."""
        return self.window.start if self.window is not None else 0

    def result(self) -> ArticleResult:
        return ArticleResult(
            self.article, _kept(self.mentions), _kept(self.toponyms), tuple(self.events)
        )


@dataclass(frozen=True, slots=True)
class Stage:
    """A named step of the pipeline."""

    name: str
    run: Callable[[ArticleContext], None]
    whole: bool = False  # reads no Doc: runs once on a long article, not per window


def parse(ctx: ArticleContext) -> None:
    """Text -> spaCy Doc (a long text is parsed in chunks)."""
    text = ctx.window.text if ctx.window is not None else ctx.article.text
    ctx.doc = parse_long(ctx.nlp, text)


def recognise(ctx: ArticleContext) -> None:
    """Doc -> the place names mentioned, in text order."""
    found = recognise_toponyms(ctx.article, ctx.parsed, ctx.gazetteer, demonyms=ctx.demonyms)
    ctx.mentions = [_moved(m, ctx.offset) for m in found] if ctx.offset else found


def resolve(ctx: ArticleContext) -> None:
    """Mentions -> gazetteer places (mentions with no candidate are left out); a long
    article's mentions are columns, and so are its toponyms (`geo.columns`)."""
    if not isinstance(ctx.mentions, Mentions):
        ctx.toponyms = resolve_toponyms(ctx.article, ctx.mentions, ctx.gazetteer)
        return
    ctx.toponyms = toponyms = Toponyms(ctx.article.id)
    for mention, reading in readings(ctx.article, ctx.mentions, ctx.gazetteer, None):
        toponyms.append(mention, reading)


def events(ctx: ArticleContext) -> None:
    """Doc and toponyms -> the conflict events the article reports."""
    if ctx.window is None:
        ctx.events = detect_events(ctx.article, ctx.parsed, ctx.toponyms, ctx.gazetteer)
        return
    offset = ctx.offset
    tops = [replace(t, mention=_moved(t.mention, -offset)) for t in ctx.toponyms]
    if offset == 0:  # the first window: its lead is the article's
        ctx.lead = lead_places(ctx.parsed, tops, ctx.gazetteer)
    lead = ctx.lead if offset else None
    ctx.events = detect_events(
        ctx.article, ctx.parsed, tops, ctx.gazetteer, offset=offset, lead=lead
    )


# fmt: off
PARSE = Stage("parse", parse)
STAGES: tuple[Stage, ...] = (
    PARSE,
    Stage("recognise", recognise),
    Stage("resolve", resolve, whole=True),
    Stage("events", events),
)
# fmt: on
GEOPARSE_STAGES = STAGES[:3]


def run_stages(ctx: ArticleContext, stages: Sequence[Stage] = STAGES) -> ArticleContext:
    """`ctx` after each of `stages`, in order (in windows if the article is long)."""
    if len(ctx.article.text) > ctx.window_chars:
        return _run_windowed(ctx, stages)
    for stage in stages:
        stage.run(ctx)
    return ctx


def _run_windowed(ctx: ArticleContext, stages: Sequence[Stage]) -> ArticleContext:
    """`run_stages` on a long article: each run of Doc stages window by window (a parse
    first), the `whole` stages once; `ctx.doc` stays None."""
    windows = split_bounds(ctx.article.text, ctx.window_chars)
    for whole, run in groupby(stages, key=lambda stage: stage.whole):
        group = list(run)
        if whole:
            for stage in group:
                stage.run(ctx)
        else:
            _over_windows(ctx, group if group[0] is PARSE else [PARSE, *group], windows)
    return ctx


def _over_windows(ctx: ArticleContext, stages: list[Stage], windows: list[tuple[int, int]]) -> None:
    """Run `stages` on each window (start, end) in turn, one window's text and Doc alive at
    a time, and gather what they found in the article's offsets."""
    by_start = _as_columns(ctx)
    mentions, toponyms = Mentions(ctx.article.id), Toponyms(ctx.article.id)
    found: list[Event] = []
    text = ctx.article.text
    for start, end in windows:
        part = _window_context(ctx, Chunk(start, end, text[start:end]), *by_start)
        for stage in stages:
            stage.run(part)
        part.parsed.user_data.clear()  # the stages cache Spans there: a cycle that kept the Doc
        ctx.lead = part.lead
        mentions.extend(part.mentions)
        toponyms.extend(part.toponyms)
        found += part.events
    ctx.mentions, ctx.toponyms, ctx.events = mentions, toponyms, article_events(found)


def _window_context(
    ctx: ArticleContext, window: Chunk, mentions: Mentions, toponyms: Toponyms
) -> ArticleContext:
    """A context reading `window`, with those of the article's mentions and toponyms
    that start inside it."""
    return ArticleContext(
        ctx.article,
        ctx.nlp,
        ctx.gazetteer,
        ctx.demonyms,
        mentions=mentions.between(window.start, window.end),
        toponyms=toponyms.between(window.start, window.end),
        window=window,
        lead=ctx.lead,
        window_chars=ctx.window_chars,
    )


def _as_columns(ctx: ArticleContext) -> tuple[Mentions, Toponyms]:
    """The context's mentions and toponyms as columns, in text order (a long article's
    are columns already after its first pass)."""
    mentions, toponyms = ctx.mentions, ctx.toponyms
    if not isinstance(mentions, Mentions):
        mentions = Mentions(ctx.article.id, sorted(mentions, key=lambda m: m.start))
    if not isinstance(toponyms, Toponyms):
        toponyms = Toponyms(ctx.article.id)
        toponyms.extend(sorted(ctx.toponyms, key=lambda t: t.mention.start))
    return mentions, toponyms


def _kept(items: Sequence[_T]) -> Sequence[_T]:
    """What an `ArticleResult` keeps: a long article's columns as they are, else a tuple."""
    return items if isinstance(items, Columns) else tuple(items)


def _moved(mention: Mention, by: int) -> Mention:
    return replace(mention, start=mention.start + by, end=mention.end + by)


def process_article(article: Article, nlp: Language, gazetteer: PlaceLookup) -> ArticleResult:
    """Run every stage on one article."""
    return run_stages(ArticleContext(article, nlp, gazetteer)).result()
