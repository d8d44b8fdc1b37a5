"""`--db PATH` for the commands that read or grow the event store (ingest, export, brief).

With SOURCE arguments and `--db`, the articles are added to the store and the command
works on the whole store; with `--db` alone, on the store as it is; with SOURCE alone, on
those articles only.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from conflictmap.commands.checks import check_run
from conflictmap.commands.common import add_source_options, event_filter, report, run_from_args
from geo.errors import ConflictmapError
from geo.model import Article, Event, Place, RunOutcome
from maps.filters import EventFilter, filter_events, filter_places


@dataclass
class Selection:
    """The events a command works on, and the run that produced new ones (if any)."""

    events: list[Event]
    places: list[Place]
    articles: dict[str, Article]
    outcome: RunOutcome | None = None
    notes: list[str] = field(default_factory=list)


def add_store_options(
    parser: argparse.ArgumentParser, sources_required: bool, db_required: bool = False
) -> None:
    """SOURCE... (optional unless `sources_required`), --workers, --scheduler and --db."""
    add_source_options(parser)
    if not sources_required:
        for action in parser._actions:  # SOURCE is optional when --db names a store
            if action.dest == "sources":
                action.nargs = "*"
    parser.add_argument(
        "--db",
        type=Path,
        metavar="PATH",
        required=db_required,
        help="event store (a GeoPackage file): new articles are added to it, "
        "already ingested ones skipped",
    )


class UsageError(ConflictmapError):
    """Nothing to work on: neither SOURCE nor --db."""


def select(
    args: argparse.Namespace, criteria: EventFilter | None = None, files: Sequence[Path] = ()
) -> Selection:
    """Check the arguments and the output `files` (`check_run`), then run the SOURCE
    arguments (adding them to `--db` if given) and pick the events that `criteria`
    (default: the command's filter options, if it has them) keeps."""
    if not args.sources and args.db is None:
        raise UsageError("give SOURCE arguments, --db PATH, or both")
    if criteria is None and hasattr(args, "types"):
        criteria = event_filter(args)  # checked before any input is read
    check_run(args, files)
    selection = _select_all(args)
    if criteria is not None and criteria != EventFilter():
        total = len(selection.events)
        selection.events = filter_events(selection.events, criteria)
        selection.places = filter_places(selection.places, criteria)
        selection.notes.append(
            f"filters ({criteria.describe()}) kept {len(selection.events)} of {total} events"
        )
    return selection


def _select_all(args: argparse.Namespace) -> Selection:
    store = None
    if args.db:
        from maps.store import EventStore  # GDAL (pyogrio) loads only when there is a store

        store = EventStore.open(args.db, create=bool(args.sources))
    known = frozenset(store.articles()) if store is not None else frozenset()
    outcome = run_from_args(args, skip=known) if args.sources else None
    if store is None:
        assert outcome is not None
        return Selection(outcome.events, outcome.places, outcome.articles, outcome)
    notes = []
    if outcome is not None:
        added = store.add(outcome.results)
        notes.append(
            f"store {args.db}: {added.articles_added} new article(s), "
            f"{added.articles_skipped + outcome.skipped} already ingested; "
            f"{added.events_added} new event(s), {added.sources_added} new source(s); "
            f"{added.events_total} events in all"
        )
    else:
        notes.append(f"store {args.db}: {len(store.events())} events")
    return Selection(store.events(), store.places(), store.articles(), outcome, notes)


def finish(selection: Selection, written: list[Path]) -> int:
    """Print the summary and return the exit status (see `conflictmap.commands.common.report`)."""
    for note in selection.notes:
        print(note)
    if selection.outcome is not None:
        return report(selection.outcome, written)
    for path in written:
        print(f"wrote {path}")
    if not selection.events:
        print("conflictmap: the store holds no events", file=sys.stderr)
    return 0
