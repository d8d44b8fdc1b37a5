"""The pipeline on a Dask cluster (`geo.parallel`), with places sent without polygons.

`extract_parallel` is `geo.run.extract` on the cluster. `run_streaming` is the large-run
path: articles are read, sent and dropped as a stream (only slim metadata, events and
places are kept). Workers send every place without its polygon (`without_areas`); the
driver fetches each polygon once per place at the end (`place_areas`).
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from gazetteer.lookup import PlaceLookup
from geo.errors import InputError, InputFailures
from geo.events.merge import merge_events
from geo.model import Article, ArticleResult, Event, Place, RunOutcome, content_id, gather_places
from geo.parallel import (
    PARTITION_SIZE,
    ArticleFunc,
    Resources,
    dask_client,
    map_articles,
    worker_resources,
)
from geo.pipeline import process_article
from geo.readers import read_sources, supersedes, warn_if_id_reused

if TYPE_CHECKING:
    from distributed import Client
    from spacy.language import Language


log = logging.getLogger("conflictmap")


def extract_parallel(
    articles: Sequence[Article],
    workers: int = 2,
    scheduler: str | None = None,
    progress: bool = False,
    partition_size: int = PARTITION_SIZE,
    client: Client | None = None,
) -> tuple[list[ArticleResult], list[str]]:
    """`geo.run.extract` on Dask: the same results (in article order) and failures.

    Workers send each result's places without polygons (`process_bare`); the polygons
    come once per place at the end, shared by every result that names the place.
    """
    if client is None:
        with dask_client(workers, scheduler, preload=worker_resources) as own:
            return extract_parallel(
                articles, progress=progress, partition_size=partition_size, client=own
            )
    results: list[ArticleResult] = []
    failures: list[str] = []
    areal: set[str] = set()
    outcomes = map_articles(
        process_bare, articles, partition_size=partition_size, progress=progress, client=client
    )
    for _, result, failure in outcomes:
        if failure is not None:
            failures.append(failure)
        else:
            bare, with_area = result  # type: ignore[misc]  # set when failure is None
            areal.update(with_area)
            results.append(bare)
    named = [t.place for r in results for t in r.toponyms]
    named += [e.place for r in results for e in r.events if e.place is not None]
    dressed = _dressed(client, areal, named)
    return [_dress_result(r, dressed) for r in results], failures


def process_bare(
    article: Article, nlp: Language, gazetteer: PlaceLookup
) -> tuple[ArticleResult, tuple[str, ...]]:
    """`process_article` with every place's polygon left out, and the areal place ids."""
    result = process_article(article, nlp, gazetteer)
    places = [t.place for t in result.toponyms]
    events, _, areal = without_areas(result.events, places)
    toponyms = tuple(dataclasses.replace(t, place=_bare(t.place)) for t in result.toponyms)
    return dataclasses.replace(result, toponyms=toponyms, events=events), areal


def _dressed(
    client: Client,
    areal: Iterable[str],
    places: Iterable[Place],
    resources: Resources = worker_resources,
) -> dict[Place, Place]:
    """Each distinct areal place (without polygon) -> one copy with its polygon, fetched
    once per id from a worker (`place_areas`)."""
    areas = client.submit(place_areas, sorted(areal), resources, pure=False).result()
    return {p: dataclasses.replace(p, area=areas[p.id]) for p in set(places) if p.id in areas}


def _dress_event(event: Event, dressed: dict[Place, Place]) -> Event:
    if event.place is None or event.place not in dressed:
        return event
    return dataclasses.replace(event, place=dressed[event.place])


def _dress_result(result: ArticleResult, dressed: dict[Place, Place]) -> ArticleResult:
    toponyms = tuple(
        dataclasses.replace(t, place=dressed[t.place]) if t.place in dressed else t
        for t in result.toponyms
    )
    events = tuple(_dress_event(e, dressed) for e in result.events)
    return dataclasses.replace(result, toponyms=toponyms, events=events)


Compact = tuple[tuple[Event, ...], tuple[Place, ...], tuple[str, ...]]


"""A streamed article's events, distinct toponym places and the ids of the areal ones,
every Place without its polygon (`without_areas`)."""


def process_compact(article: Article, nlp: Language, gazetteer: PlaceLookup) -> Compact:
    """`process_article`, keeping only the events and the distinct toponym places, without
    their polygons (see `without_areas`)."""
    result = process_article(article, nlp, gazetteer)
    places = {t.place.id: t.place for t in reversed(result.toponyms)}  # first one wins
    return without_areas(result.events, tuple(places[k] for k in sorted(places)))


def without_areas(events: Sequence[Event], places: Sequence[Place]) -> Compact:
    """The events and places with `area=None`, and the ids of the places that had one.

    A store polygon is a function of the place id (`Gazetteer.geometry`) and weighs far
    more than the rest of a result, so workers do not ship it with every article: the
    driver fetches each polygon once (`place_areas`). A derived area ("off the coast of
    X") keeps its polygon: another worker would compute it again, which takes seconds for
    a large country's coast.
    """
    located = (e.place for e in events if e.place is not None)
    areal = sorted({p.id for p in (*places, *located) if _fetchable(p)})
    bare = [e if e.place is None else dataclasses.replace(e, place=_bare(e.place)) for e in events]
    return tuple(bare), tuple(_bare(p) for p in places), tuple(areal)


def _fetchable(place: Place) -> bool:
    """True for a place with a polygon the driver fetches by id (`place_areas`)."""
    return place.area is not None and place.kind != "derived"


def _bare(place: Place) -> Place:
    return dataclasses.replace(place, area=None) if _fetchable(place) else place


def place_areas(ids: Sequence[str], resources: Resources = worker_resources) -> dict[str, Any]:
    """The polygon of each place id (run on a worker, whose gazetteer has them)."""
    _, gazetteer = resources()
    return {key: gazetteer.geometry(key) for key in ids}


def slim(article: Article) -> Article:
    """The article without its text (what event records read: title, source, url, date)."""
    return dataclasses.replace(article, text="")


def _meta(article: Article) -> tuple[object, ...]:
    return (article.title, article.published, article.source, article.url)


class _Deduplicator:
    """Streams distinct articles; keeps, per id, the one with the smallest origin, as
    `geo.run.read_articles` does (a later duplicate with other metadata is sent again)."""

    def __init__(self) -> None:
        self.kept: dict[str, Article] = {}
        self.text_ids: dict[str, str] = {}
        self.failures = InputFailures()

    def __call__(self, items: Iterable[Article | InputError]) -> Iterator[Article]:
        for item in items:
            if isinstance(item, InputError):
                self.failures.add(item)
                continue
            kept = self.kept.get(item.id)
            kept_text = self.text_ids.get(item.id, "")
            warn_if_id_reused(item, kept, kept_text)
            if supersedes(item, kept):
                self.kept[item.id] = slim(item)
                self.text_ids[item.id] = text_id = content_id(item.text)
                if kept is None or _meta(kept) != _meta(item) or kept_text != text_id:
                    yield item


def run_streaming(
    sources: Iterable[str],
    workers: int = 2,
    scheduler: str | None = None,
    progress: bool = False,
    partition_size: int = PARTITION_SIZE,
    client: Client | None = None,
    func: ArticleFunc[Compact] = process_compact,
    resources: Resources = worker_resources,
    as_of: date | None = None,
) -> RunOutcome:
    """`geo.run.run_sources` for runs too large to hold: articles stream through the
    cluster; the outcome has the merged events, the places and slim articles (no text,
    no per-article results). Events and places equal those of the serial run.

    The driver keeps, per article, its slim copy and its events (each Place held once
    per id); polygons come once per place from a worker at the end.
    """
    if client is None:
        with dask_client(workers, scheduler, preload=resources) as own:
            return run_streaming(
                sources,
                progress=progress,
                partition_size=partition_size,
                client=own,
                func=func,
                resources=resources,
                as_of=as_of,
            )
    dedupe = _Deduplicator()
    events_by_article: dict[str, tuple[Event, ...]] = {}
    failed: dict[str, str] = {}
    places: dict[str, tuple[str, Place]] = {}  # place id -> (first article id, place)
    shared: dict[Place, Place] = {}  # one Place object per distinct place
    areal: set[str] = set()
    stream = dedupe(read_sources(sources, as_of))
    outcomes = map_articles(
        func,
        stream,
        partition_size=partition_size,
        progress=progress,
        client=client,
        resources=resources,
    )
    for article, result, failure in outcomes:
        events_by_article.pop(article.id, None)
        failed.pop(article.id, None)
        if failure is not None:
            failed[article.id] = failure
            continue
        events, found, with_area = result  # type: ignore[misc]  # set when failure is None
        areal.update(with_area)
        events_by_article[article.id] = tuple(_interned(e, shared) for e in events)
        for place in found:
            seen = places.get(place.id)
            if seen is None or article.id < seen[0]:
                places[place.id] = (article.id, shared.setdefault(place, place))
    order = sorted(events_by_article)
    merged = merge_events([e for key in order for e in events_by_article[key]])
    del events_by_article
    gathered = gather_places((place for _, place in places.values()), merged)
    dressed = _dressed(client, areal, shared, resources)
    return RunOutcome(
        articles={key: dedupe.kept[key] for key in sorted(dedupe.kept)},
        results=[],
        events=[_dress_event(e, dressed) for e in sorted(merged, key=lambda e: e.id)],
        places=[dressed.get(p, p) for p in gathered],
        failures=dedupe.failures.messages() + [failed[k] for k in sorted(failed)],
    )


def _interned(event: Event, shared: dict[Place, Place]) -> Event:
    """The event with its place replaced by the equal one already held."""
    if event.place is None:
        return event
    kept = shared.setdefault(event.place, event.place)
    return event if kept is event.place else dataclasses.replace(event, place=kept)
