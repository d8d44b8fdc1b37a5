"""Options and the summary shared by the commands that read SOURCE arguments."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Collection, Sequence
from datetime import date
from pathlib import Path

from geo.errors import ConflictmapError, OutputError
from geo.model import RunOutcome
from geo.run import run_sources


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
        help="drop article dates after this day as impossible (default: no such check, so "
        "the output does not depend on the day it is made)",
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
    options = {
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
        + (f" ({placeless} without a place: no coordinates in the files, not on the map)"
           if placeless else "")
    )
    for path in written:
        print(f"wrote {path}")
    print_failures(outcome)
    if n_articles == 0:
        print("conflictmap: nothing to do: no article could be read", file=sys.stderr)
        return 2
    return 1 if outcome.failures else 0
