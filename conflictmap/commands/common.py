"""Options and the summary shared by the commands that read SOURCE arguments."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Collection, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from geo.errors import ConflictmapError, OutputError
from geo.model import RunOutcome
from geo.run import run_sources
from maps.filters import EventFilter, canonical_type


def add_source_options(parser: argparse.ArgumentParser) -> None:
    """SOURCE... plus the options every article-reading command takes."""
    parser.add_argument(
        "sources",
        nargs="+",
        metavar="SOURCE",
        help="article file (.txt .md .json .jsonl .jsonl.gz .html), directory (recursive) "
        "or - for stdin",
    )
    parser.add_argument(
        "--workers",
        type=positive_int,
        default=1,
        metavar="N",
        help="process articles in N parallel workers (Dask, local)",
    )
    parser.add_argument(
        "--scheduler", metavar="ADDRESS", help="send the work to an existing Dask scheduler"
    )
    parser.add_argument(
        "--as-of",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help="the day the run speaks for: article dates after it are dropped as impossible, "
        "and a briefing covers the period up to it (default: no date check, and a briefing "
        "ends on the last day of any event or article; never today's date, so the output "
        "does not depend on the day it is made)",
    )


def iso_date(text: str) -> date:
    """An argparse type: a date written YYYY-MM-DD."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a YYYY-MM-DD date: {text!r}") from None


def add_corpus_options(parser: argparse.ArgumentParser) -> None:
    """--workers, --no-demonyms and --limit of the commands that geoparse a corpus."""
    parser.add_argument(
        "--workers",
        type=positive_int,
        default=os.cpu_count() or 1,
        metavar="N",
        help="parallel worker processes (default: all cores)",
    )
    parser.add_argument(
        "--no-demonyms",
        dest="demonyms",
        action="store_false",
        help='do not report demonyms ("Venezuelan") as toponyms (for corpora that do not '
        "annotate them)",
    )
    parser.add_argument("--limit", type=positive_int, metavar="N", help="first N documents only")


def positive_int(text: str) -> int:
    """An argparse type: an integer of at least 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an integer: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {text}")
    return value


def ensure_writable(path: Path) -> None:
    """Fail fast (`OutputError`) if outputs cannot be written at `path`.

    `path` is an output directory; if it has a suffix and is not a directory, it is a file
    and its folder is checked.
    Called before the run, so a bad `-o` does not cost a whole run.
    """
    folder = path.parent if path.suffix and not path.is_dir() else path
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from exc


def run_from_args(
    args: argparse.Namespace, skip: Collection[str] = frozenset(), streaming: bool = False
) -> RunOutcome:
    """Run the pipeline on the command's SOURCE arguments, with a progress bar on a tty.

    Articles whose id is in `skip` are read but not extracted (see `geo.run.run_sources`).
    `streaming` runs `geo.streaming.run_streaming` (a Dask cluster; no article text or
    per-article results are kept, so `skip` does not apply).
    """
    options: dict[str, Any] = {
        "progress": sys.stderr.isatty(),
        "workers": getattr(args, "workers", 1),
        "scheduler": getattr(args, "scheduler", None),
        "as_of": getattr(args, "as_of", None),
    }
    if streaming:
        from geo.streaming import run_streaming

        outcome = run_streaming(args.sources, **options)
    else:
        outcome = run_sources(args.sources, skip=skip, **options)
    if not outcome.articles:
        print_failures(outcome)  # and write nothing, to the store neither: keep what is
        raise NothingToDo("nothing to do: no article could be read; no output written")
    return outcome


class NothingToDo(ConflictmapError):
    """Not one article could be read (exit status 2); the outputs are left as they were."""


def print_failures(outcome: RunOutcome) -> None:
    """The inputs that failed, one line each, on stderr."""
    if outcome.failures:
        print(f"{len(outcome.failures)} input(s) failed:", file=sys.stderr)
        for message in outcome.failures:
            print(f"  {message}", file=sys.stderr)


def report(outcome: RunOutcome, written: Sequence[Path]) -> int:
    """Print the run's summary and return the exit status (0 ok, 1 some failed, 2 nothing)."""
    n_articles = len(outcome.articles)
    placeless = sum(event.place is None for event in outcome.events)
    print(
        f"read {n_articles} article{'s' * (n_articles != 1)}"
        + (f" ({outcome.skipped} already in the store)" if outcome.skipped else "")
        + f", {len(outcome.places)} places, {len(outcome.events)} events"
        + (
            f" ({placeless} without a place: no coordinates in the files, not on the map)"
            if placeless
            else ""
        )
    )
    for path in written:
        print(f"wrote {path}")
    print_failures(outcome)
    if n_articles == 0:
        print("conflictmap: nothing to do: no article could be read", file=sys.stderr)
        return 2
    return 1 if outcome.failures else 0


FILTER_EXAMPLES = """
filters (events must meet all given):
  --since 2025-09-01 --until 2025-09-30   events on these days (undated ones drop out)
  --type Protests --type "Air/drone strike"   ACLED event type or sub-event type
  --country VE  --bbox=-80,5,-59,16       place in a country (ISO2) or a box W,S,E,N
  --min-confidence 0.7  --actor navy      coding confidence; actor name contains text
"""


class FilterError(ConflictmapError):
    """Filter options that contradict each other (exit status 2, before any input is read)."""


def add_filter_options(parser: argparse.ArgumentParser) -> None:
    """--since --until --type --country --bbox --min-confidence --actor (`maps.filters`)."""
    group = parser.add_argument_group("filters (an event must meet every one given)")
    group.add_argument("--since", type=iso_date, metavar="YYYY-MM-DD", help="first day")
    group.add_argument("--until", type=iso_date, metavar="YYYY-MM-DD", help="last day")
    group.add_argument(
        "--type",
        dest="types",
        action="append",
        type=event_type,
        default=[],
        metavar="TYPE",
        help="ACLED event type or sub-event type (repeatable)",
    )
    group.add_argument("--country", type=iso2, metavar="CC", help="ISO 3166 two-letter code")
    group.add_argument(
        "--bbox",
        type=bbox,
        metavar="W,S,E,N",
        help="box in degrees (WGS84); --bbox=W,S,E,N when W is negative",
    )
    group.add_argument("--min-confidence", type=confidence, metavar="X", help="0 to 1")
    group.add_argument("--actor", metavar="TEXT", help="an actor's name contains TEXT")


def event_filter(args: argparse.Namespace) -> EventFilter:
    """The `maps.filters.EventFilter` of the command's filter options."""
    try:
        return EventFilter(
            since=args.since,
            until=args.until,
            types=tuple(dict.fromkeys(args.types)),
            country=args.country,
            bbox=args.bbox,
            min_confidence=args.min_confidence,
            actor=args.actor or None,
        )
    except ValueError as exc:
        raise FilterError(str(exc)) from None


def event_type(text: str) -> str:
    """An argparse type: an ACLED event type or sub-event type, in its canonical spelling."""
    try:
        return canonical_type(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def iso2(text: str) -> str:
    """An argparse type: a two-letter country code, upper-cased."""
    if len(text) != 2 or not text.isascii() or not text.isalpha():
        raise argparse.ArgumentTypeError(f"not a two-letter country code: {text!r}")
    return text.upper()


def bbox(text: str) -> tuple[float, float, float, float]:
    """An argparse type: W,S,E,N in degrees, south below north."""
    try:
        west, south, east, north = (float(v) for v in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not W,S,E,N numbers: {text!r}") from None
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south < north <= 90):
        raise argparse.ArgumentTypeError(f"not a box in degrees (W,S,E,N): {text!r}")
    return west, south, east, north


def confidence(text: str) -> float:
    """An argparse type: a number from 0 to 1."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1: {text}")
    return value


class ExamplesFormatter(argparse.HelpFormatter):
    """Help that wraps the description but prints an "examples:" epilog line by line."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if text.startswith("examples:"):
            return text
        return super()._fill_text(text, width, indent)
