"""Run the pipeline over SOURCE arguments: read, extract, merge, collect places.

This is the one function the CLI commands (`map`, `export`, `ingest`, `brief`) share.
Articles are processed in id order so that the output does not depend on the order in
which inputs were listed.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from datetime import date

from tqdm import tqdm

from geo.errors import InputError, InputFailures
from geo.events.merge import merge_events
from geo.model import Article, ArticleResult, Event, Place, RunOutcome, content_id, gather_places
from geo.readers import read_sources, supersedes, warn_if_id_reused


def read_articles(
    sources: Iterable[str], as_of: date | None = None
) -> tuple[list[Article], list[str]]:
    """Distinct articles (by content id, in id order) and the messages of failed inputs
    (`geo.errors.InputFailures`: in input order, capped per file; `as_of`: see
    `geo.readers.read_sources`)."""
    by_id: dict[str, Article] = {}
    failures = InputFailures()
    for item in read_sources(sources, as_of):
        if isinstance(item, InputError):
            failures.add(item)
            continue
        kept = by_id.get(item.id)
        warn_if_id_reused(item, kept, content_id(kept.text) if kept else "")
        if supersedes(item, kept):
            by_id[item.id] = item
    return [by_id[key] for key in sorted(by_id)], failures.messages()


def extract(
    articles: Sequence[Article], progress: bool = False
) -> tuple[list[ArticleResult], list[str]]:
    """Run the extraction stages on each article in this process, a partition at a time
    (`geo.parallel.map_serial`: the same `run_partition` the Dask workers run)."""
    from geo.parallel import map_serial
    from geo.pipeline import process_article

    results: list[ArticleResult] = []
    failures: list[str] = []
    with tqdm(total=len(articles), disable=not progress, unit="article", leave=False) as bar:
        for _, result, failure in map_serial(process_article, articles):
            if failure is not None:
                failures.append(failure)
            else:
                results.append(result)  # type: ignore[arg-type]  # set when failure is None
            bar.update(1)
    return results, failures


def merge_into(known: Sequence[Event], results: Iterable[ArticleResult]) -> list[Event]:
    """The `known` (merged) events with the events of `results` merged in, sorted by id."""
    fresh = [e for result in results for e in result.events]
    return sorted(merge_events([*known, *fresh]), key=lambda e: e.id)


def collect(results: Iterable[ArticleResult]) -> tuple[list[Event], list[Place]]:
    """Merged events and every distinct place (toponyms and event places), sorted by id."""
    results = list(results)
    events = merge_into([], results)
    named = [t.place for result in results for t in result.toponyms]
    return events, gather_places(named, events)


def run_sources(
    sources: Iterable[str],
    progress: bool = False,
    workers: int = 1,
    scheduler: str | None = None,
    skip: Collection[str] = frozenset(),
    as_of: date | None = None,
) -> RunOutcome:
    """Read every SOURCE, extract events and places, and report the inputs that failed.

    `workers > 1` runs the extraction on a local Dask cluster of that many processes,
    `scheduler` on an existing Dask cluster (`geo.parallel`); the outcome is the same.
    Articles whose id is in `skip` (already in an event store) are read but not extracted.
    `as_of` is the day for the date sanity check (`geo.readers.read_sources`).
    """
    articles, failures = read_articles(sources, as_of)
    todo = [a for a in articles if a.id not in skip]
    if workers > 1 or scheduler:
        from geo.streaming import extract_parallel

        results, failed = extract_parallel(todo, workers, scheduler, progress=progress)
    else:
        results, failed = extract(todo, progress=progress)
    events, places = collect(results)
    return RunOutcome(
        articles={a.id: a for a in articles},
        results=results,
        events=events,
        places=places,
        failures=failures + failed,
        skipped=len(articles) - len(todo),
    )
