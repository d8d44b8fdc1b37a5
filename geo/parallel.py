"""Run the pipeline over many articles with Dask: a local cluster, or an existing one.

`map_articles(func, articles, workers, scheduler)` is the one entry point: it cuts the
article stream into partitions of a few hundred, keeps a bounded number of partitions in
flight on the cluster, and yields `(article, result, failure)` in input order, so callers
see exactly what a serial loop would have produced. `func(article, nlp, gazetteer)` runs
on the workers with the spaCy pipeline and the gazetteer each worker loads once
(`worker_resources`), never per article.

`run_streaming` + `write_partitioned` are the large-run path: articles are read, sent and
dropped as a stream (only slim metadata, events and places are kept; workers send places
without polygons, fetched once per place at the end), and events and places are written
as partitioned GeoParquet (`DIR/events/part-00000.parquet`, ...).
"""

from __future__ import annotations

import dataclasses
import logging
import os
import shutil
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from itertools import accumulate, pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from tqdm import tqdm

from geo.errors import InputError
from geo.model import Article, ArticleResult, Event, Place

if TYPE_CHECKING:
    from distributed import Client
    from spacy.language import Language

    from gazetteer import Gazetteer
    from geo.run import RunOutcome

log = logging.getLogger("conflictmap")

R = TypeVar("R")
ArticleFunc = Callable[[Article, "Language", "Gazetteer"], R]
Outcome = tuple[Article, R | None, str | None]
Resources = Callable[[], tuple[Any, Any]]  # () -> (nlp, gazetteer), cached per worker

PARTITION_SIZE = 200  # articles per task: a few seconds of work, ~0.5 MB pickled
IN_FLIGHT_PER_WORKER = 2  # unfinished partitions per worker: busy workers, bounded memory
HELD_PER_WORKER = 8  # partitions per worker sent and not yet yielded, finished or not
SMALLEST_PARTITION = 8  # articles: the tail of a run of known length (`guided_sizes`)
PART_ROWS = 100_000  # rows per GeoParquet part file
BATCH_SIZE = 64  # texts per nlp.pipe batch
BATCH_MAX_CHARS = 100_000  # longer texts are parsed alone (geo.chunks territory)
LOCAL_CLUSTER_CONFIG = {
    # The statistical profiler samples each worker's stack every 10 ms for a dashboard a
    # local run does not open; memory and system monitors poll psutil at 100 / 500 ms.
    # Together ~6% of a 2-worker run's CPU (py-spy), taken from the pipeline.
    "distributed.worker.profile.enabled": False,
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
}

_local = threading.local()


# --- on the workers -------------------------------------------------------------------


def worker_resources(
    exclude: tuple[str, ...] = (), model: str | None = None
) -> tuple[Language, Gazetteer]:
    """The spaCy pipeline `model` (default: `geo.nlp.DEFAULT_MODEL`; once per process and
    `exclude` set, `geo.nlp.load_nlp`) and the gazetteer (once per thread: its SQLite
    connection must not cross threads), with the toponym stage's name index loaded.

    A Dask worker has one thread, so each is loaded exactly once per worker.
    """
    from geo.nlp import DEFAULT_MODEL, load_nlp

    gazetteer = getattr(_local, "gazetteer", None)
    if gazetteer is None:
        from gazetteer import Gazetteer
        from geo.placenames import name_index_for

        gazetteer = _local.gazetteer = Gazetteer.open()
        name_index_for(gazetteer)  # ~0.5 s: in `warm_up`, not in the first partition
    return load_nlp(model or DEFAULT_MODEL, exclude=exclude), gazetteer


WARM_UP_ARTICLE = Article(
    id="warm-up",
    text="Officials in Caracas said on Monday that US forces struck two boats off the coast "
    "of Venezuela on 2 September 2025, killing 11 people.",
    published=date(2025, 9, 3),
    origin="geo.parallel.WARM_UP_ARTICLE",
)


def warm_up(resources: Resources = worker_resources, func: ArticleFunc[Any] | None = None) -> int:
    """Load the worker's resources now, and run `func` once on `WARM_UP_ARTICLE` (its
    modules, dateparser's languages and the stages' lazy tables load: ~0.3 s), so that
    the first partition is not slower; the worker's pid. A failure of `func` here is
    left to the articles themselves to meet (and report)."""
    nlp, gazetteer = resources()
    if func is not None:
        try:
            func(WARM_UP_ARTICLE, nlp, gazetteer)
        except Exception:  # best effort: the run reports per-article failures
            log.debug("warm-up article failed", exc_info=True)
    return os.getpid()


def failure_message(article: Article, exc: BaseException) -> str:
    """The message of an article whose processing raised (as in `geo.run.extract`)."""
    return f"{article.origin}: processing failed ({type(exc).__name__}: {exc})"


def run_partition(
    func: ArticleFunc[R], articles: Sequence[Article], resources: Resources = worker_resources
) -> list[tuple[R | None, str | None]]:
    """`func` on each article of one partition: `(result, None)` or `(None, failure)`.

    A spaCy pipeline is run over the partition's texts in batches (`nlp.pipe`, about 20%
    less CPU than one `nlp(text)` per article, same annotations) and `func` gets a
    stand-in whose `nlp(article.text)` returns the parsed Doc.
    """
    nlp, gazetteer = resources()
    out: list[tuple[R | None, str | None]] = []
    for article, parser in _batch_parsed(nlp, articles):
        try:
            out.append((func(article, parser, gazetteer), None))
        except Exception as exc:  # one broken article must not stop the batch
            log.debug("processing %s failed", article.origin, exc_info=True)
            out.append((None, failure_message(article, exc)))
    return out


class Preparsed:
    """Stands in for a spaCy pipeline whose Doc of one text is already parsed.

    `preparsed(text)` returns that Doc for that text (once) and parses anything else with
    the real pipeline; every other attribute is the real pipeline's.
    """

    def __init__(self, nlp: Language, text: str, doc: Any) -> None:
        self._nlp, self._text, self._doc = nlp, text, doc

    def __call__(self, text: str, **kwargs: Any) -> Any:
        if self._doc is not None and text is self._text and not kwargs:
            doc, self._doc = self._doc, None
            return doc
        return self._nlp(text, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._nlp, name)


def _batch_parsed(nlp: Any, articles: Sequence[Article]) -> Iterator[tuple[Article, Any]]:
    """Each article with the pipeline to hand to `func`: a `Preparsed` one where batching
    applies (a spaCy `Language`, texts up to `BATCH_MAX_CHARS`), else `nlp` itself.
    Docs are parsed lazily, one `BATCH_SIZE` batch ahead."""
    from spacy.language import Language

    if not isinstance(nlp, Language):
        yield from ((article, nlp) for article in articles)
        return
    limit = min(BATCH_MAX_CHARS, nlp.max_length)
    short = (a.text for a in articles if len(a.text) <= limit)
    docs: Iterator[Any] | None = iter(nlp.pipe(short, batch_size=BATCH_SIZE))
    for article in articles:
        doc = None
        if docs is not None and len(article.text) <= limit:
            try:
                doc = next(docs)
            except Exception:  # each article then fails (or not) on its own, as serially
                log.debug("batch parse failed; parsing one by one", exc_info=True)
                docs = None
        yield article, (Preparsed(nlp, article.text, doc) if doc is not None else nlp)


# --- on the client --------------------------------------------------------------------


@contextmanager
def dask_client(workers: int = 2, scheduler: str | None = None) -> Iterator[Client]:
    """A client of the cluster at `scheduler`, or of a new local cluster of `workers`
    single-threaded worker processes (closed on exit)."""
    import dask
    from distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    with (
        dask.config.set(
            {**LOCAL_CLUSTER_CONFIG, "distributed.worker.multiprocessing-method": _start_method()}
        ),
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            scheduler_kwargs={"dashboard": False, "dashboard_address": ":0"},  # no fixed port
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def _start_method() -> str:
    """How local workers start: forked on Linux, where the child inherits the imported
    modules (cluster up in ~0.2 s and down in ~0.1 s, against ~1 s and ~0.8 s spawned, and
    each worker skips re-importing spaCy, Dask and geopandas); spawned elsewhere (forking
    is unsafe on macOS). `DASK_DISTRIBUTED__WORKER__MULTIPROCESSING_METHOD` overrides."""
    configured = os.environ.get("DASK_DISTRIBUTED__WORKER__MULTIPROCESSING_METHOD")
    return configured or ("fork" if sys.platform == "linux" else "spawn")


def partitions(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Consecutive lists of `size` items (the last may be shorter), read lazily."""
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def guided_sizes(
    total: int, workers: int, largest: int = PARTITION_SIZE, smallest: int = SMALLEST_PARTITION
) -> list[int]:
    """Partition sizes for a run of `total` articles on `workers`: each takes a
    `2 * workers`-th of what is left (between `smallest` and `largest`), so partitions
    shrink towards the end and the workers finish together. Equal partitions of ~37 LGL
    articles left one worker idle for up to 1.6 s of a 12 s run (Dask task stream)."""
    sizes: list[int] = []
    left = total
    while left > 0:
        size = min(left, largest, max(smallest, -(-left // (2 * workers))))
        sizes.append(size)
        left -= size
    return sizes


def _n_workers(client: Client) -> int:
    return max(1, len(client.scheduler_info(n_workers=-1).get("workers", {})))


def map_serial(
    func: ArticleFunc[R],
    articles: Iterable[Article],
    partition_size: int = PARTITION_SIZE,
    resources: Resources = worker_resources,
) -> Iterator[Outcome[R]]:
    """`map_articles` in this process: the same `run_partition` on each partition, in order."""
    for batch in partitions(articles, partition_size):
        outcomes = run_partition(func, batch, resources)
        for article, (result, failure) in zip(batch, outcomes, strict=True):
            yield article, result, failure


def map_articles(
    func: ArticleFunc[R],
    articles: Iterable[Article],
    workers: int = 2,
    scheduler: str | None = None,
    partition_size: int = PARTITION_SIZE,
    progress: bool = False,
    client: Client | None = None,
    resources: Resources = worker_resources,
) -> Iterator[Outcome[R]]:
    """`func(article, nlp, gazetteer)` on every article, on Dask; `(article, result, failure)`
    in input order.

    `articles` is consumed lazily: at most `IN_FLIGHT_PER_WORKER` partitions per worker are
    unfinished at a time, and at most `HELD_PER_WORKER` sent and not yet yielded; a known
    run is cut into shrinking partitions (`guided_sizes`). `func` and `resources` must be
    importable on the workers (module-level functions of an installed module, or
    `functools.partial`s of them); `resources()` gives the `(nlp, gazetteer)` passed to
    `func` and must cache them per worker (`worker_resources` does). Pass `client` to
    reuse a cluster.
    """
    if client is None:
        with dask_client(workers, scheduler) as own:
            yield from map_articles(
                func,
                articles,
                partition_size=partition_size,
                progress=progress,
                client=own,
                resources=resources,
            )
        return
    n = _n_workers(client)
    client.gather(
        [
            client.submit(warm_up, resources, func, workers=[worker], pure=False)
            for worker in client.scheduler_info(n_workers=-1).get("workers", {})
        ]
    )
    total = len(articles) if isinstance(articles, Sequence) else None
    bar = tqdm(total=total, disable=not progress, unit="article", leave=False)
    pending: deque[tuple[list[Article], Any]] = deque()
    if total is None:
        batches = partitions(articles, partition_size)
    else:  # shrinking partitions: no worker waits long at the end
        cuts = accumulate(guided_sizes(total, n, partition_size), initial=0)
        batches = (list(articles[a:b]) for a, b in pairwise(cuts))
    try:
        for batch in batches:
            pending.append(
                (batch, client.submit(run_partition, func, batch, resources, pure=False))
            )
            yield from _drain_finished(pending, n, bar)
        while pending:
            yield from _drain(pending.popleft(), bar)
    finally:
        for _, future in pending:
            future.cancel()
        bar.close()


def _drain_finished(
    pending: deque[tuple[list[Article], Any]], workers: int, bar: tqdm
) -> Iterator[Outcome[Any]]:
    """Wait until a worker is free for the next partition (fewer than
    `IN_FLIGHT_PER_WORKER` unfinished per worker), then yield the finished partitions at
    the head of `pending`, in input order. A free worker never waits for an older, longer
    partition to be yielded first, unless `HELD_PER_WORKER` partitions are held."""
    from distributed import wait

    running = [future for _, future in pending if not future.done()]
    if len(running) >= IN_FLIGHT_PER_WORKER * workers:
        wait(running, return_when="FIRST_COMPLETED")
    while pending and (pending[0][1].done() or len(pending) >= HELD_PER_WORKER * workers):
        yield from _drain(pending.popleft(), bar)


def _drain(item: tuple[list[Article], Any], bar: tqdm) -> Iterator[Outcome[Any]]:
    batch, future = item
    outcomes = future.result()
    bar.update(len(batch))
    for article, (result, failure) in zip(batch, outcomes, strict=True):
        yield article, result, failure


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
        with dask_client(workers, scheduler) as own:
            return extract_parallel(articles, progress=progress,
                                    partition_size=partition_size, client=own)  # fmt: skip
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
            bare, with_area = result  # type: ignore[misc]
            areal.update(with_area)
            results.append(bare)
    named = [t.place for r in results for t in r.toponyms]
    named += [e.place for r in results for e in r.events if e.place is not None]
    dressed = _dressed(client, areal, named)
    return [_dress_result(r, dressed) for r in results], failures


def process_bare(
    article: Article, nlp: Language, gazetteer: Gazetteer
) -> tuple[ArticleResult, tuple[str, ...]]:
    """`process_article` with every place's polygon left out, and the areal place ids."""
    from geo.pipeline import process_article

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


# --- the large-run path: stream, keep only what the outputs need ----------------------


Compact = tuple[tuple[Event, ...], tuple[Place, ...], tuple[str, ...]]
"""A streamed article's events, distinct toponym places and the ids of the areal ones,
every Place without its polygon (`without_areas`)."""


def process_compact(article: Article, nlp: Language, gazetteer: Gazetteer) -> Compact:
    """`process_article`, keeping only the events and the distinct toponym places, without
    their polygons (see `without_areas`)."""
    from geo.pipeline import process_article

    result = process_article(article, nlp, gazetteer)
    places = {t.place.id: t.place for t in reversed(result.toponyms)}  # first one wins
    return without_areas(result.events, tuple(places[k] for k in sorted(places)))


def without_areas(events: Sequence[Event], places: Sequence[Place]) -> Compact:
    """The events and places with `area=None`, and the ids of the places that had one.

    A polygon is a function of the place id (`Gazetteer.geometry`), and one article's
    places carry ~200 KB of them (a country is up to 400 KB): shipping and unpickling
    them for every article made a 200-article result ~40 MB. The driver fetches each
    polygon once instead (`place_areas`).
    """
    areal = sorted({p.id for p in (*places, *(e.place for e in events)) if p and p.area})
    bare = [e if e.place is None else dataclasses.replace(e, place=_bare(e.place))
            for e in events]  # fmt: skip
    return tuple(bare), tuple(_bare(p) for p in places), tuple(areal)


def _bare(place: Place) -> Place:
    return place if place.area is None else dataclasses.replace(place, area=None)


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
        self.failures: list[str] = []

    def __call__(self, items: Iterable[Article | InputError]) -> Iterator[Article]:
        for item in items:
            if isinstance(item, InputError):
                log.error("%s", item)
                self.failures.append(str(item))
                continue
            kept = self.kept.get(item.id)
            if kept is None or (item.origin or "") < (kept.origin or ""):
                self.kept[item.id] = slim(item)
                if kept is None or _meta(kept) != _meta(item):
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
) -> RunOutcome:
    """`geo.run.run_sources` for runs too large to hold: articles stream through the
    cluster; the outcome has the merged events, the places and slim articles (no text,
    no per-article results). Events and places equal those of the serial run.

    The driver keeps, per article, its slim copy and its events (each Place held once
    per id); polygons come once per place from a worker at the end.
    """
    if client is None:
        with dask_client(workers, scheduler) as own:
            return run_streaming(
                sources, progress=progress, partition_size=partition_size, client=own,
                func=func, resources=resources,
            )  # fmt: skip
    from geo.events.merge import merge_events
    from geo.readers import read_sources
    from geo.run import RunOutcome

    dedupe = _Deduplicator()
    events_by_article: dict[str, tuple[Event, ...]] = {}
    failed: dict[str, str] = {}
    places: dict[str, tuple[str, Place]] = {}  # place id -> (first article id, place)
    shared: dict[Place, Place] = {}  # one Place object per distinct place
    areal: set[str] = set()
    stream = dedupe(read_sources(sources))
    outcomes = map_articles(
        func, stream, partition_size=partition_size, progress=progress, client=client,
        resources=resources,
    )  # fmt: skip
    for article, result, failure in outcomes:
        events_by_article.pop(article.id, None)
        failed.pop(article.id, None)
        if failure is not None:
            failed[article.id] = failure
            continue
        events, found, with_area = result  # type: ignore[misc]
        areal.update(with_area)
        events_by_article[article.id] = tuple(_interned(e, shared) for e in events)
        for place in found:
            seen = places.get(place.id)
            if seen is None or article.id < seen[0]:
                places[place.id] = (article.id, shared.setdefault(place, place))
    order = sorted(events_by_article)
    merged = merge_events([e for key in order for e in events_by_article[key]])
    del events_by_article
    by_id = {key: place for key, (_, place) in places.items()}
    for event in merged:
        if event.place is not None:
            by_id.setdefault(event.place.id, event.place)
    dressed = _dressed(client, areal, shared, resources)
    return RunOutcome(
        articles={key: dedupe.kept[key] for key in sorted(dedupe.kept)},
        results=[],
        events=[_dress_event(e, dressed) for e in sorted(merged, key=lambda e: e.id)],
        places=[dressed.get(by_id[k], by_id[k]) for k in sorted(by_id)],
        failures=sorted(dedupe.failures) + [failed[k] for k in sorted(failed)],
    )


def _interned(event: Event, shared: dict[Place, Place]) -> Event:
    """The event with its place replaced by the equal one already held."""
    if event.place is None:
        return event
    kept = shared.setdefault(event.place, event.place)
    return event if kept is event.place else dataclasses.replace(event, place=kept)


def write_partitioned(
    directory: str | Path, outcome: RunOutcome, rows_per_part: int = PART_ROWS
) -> list[Path]:
    """Events and places as partitioned GeoParquet: `DIR/events/part-NNNNN.parquet` and
    `DIR/places/part-NNNNN.parquet`, rows sorted by id across the parts (read the folder
    with `geopandas.read_parquet`-per-part, `dask_geopandas.read_parquet` or DuckDB).

    Each layer folder is written beside its final place and renamed over it when complete,
    so a failed run leaves the previous parts, never a mix of old and new ones.
    """
    from maps.export import event_places, write_parquet_frame
    from maps.features import events_frame, places_frame

    root = Path(directory)
    events = [e for e in outcome.events if e.place is not None]
    places = event_places(outcome.events, outcome.places)
    written: list[Path] = []
    for layer, rows, frame_of in (
        ("events", events, lambda chunk: events_frame(chunk, outcome.articles)),
        ("places", places, places_frame),
    ):
        staging = root / f".{layer}.tmp-{os.getpid()}"
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        try:
            names = [
                write_parquet_frame(
                    staging / f"part-{number:05d}.parquet",
                    frame_of(rows[start : start + rows_per_part]),
                ).name
                for number, start in enumerate(range(0, max(len(rows), 1), rows_per_part))
            ]
            _replace_folder(staging, root / layer)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        written.extend(root / layer / name for name in names)
    return written


def _replace_folder(new: Path, target: Path) -> None:
    """Rename the folder `new` to `target`, replacing the folder that is there."""
    if target.is_dir():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        shutil.rmtree(old, ignore_errors=True)
        target.rename(old)
        new.rename(target)
        shutil.rmtree(old)
    else:
        new.rename(target)
