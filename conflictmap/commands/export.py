"""`conflictmap export SOURCE... -o FILE|DIR/ [--db PATH]`: GeoJSON, GPKG, Parquet, CSV,
KML, or partitioned GeoParquet in a folder."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from conflictmap.commands.checks import check_run
from conflictmap.commands.common import (
    FILTER_EXAMPLES,
    ExamplesFormatter,
    add_filter_options,
    event_filter,
    run_from_args,
)
from conflictmap.commands.store_options import (
    Selection,
    UsageError,
    add_store_options,
    finish,
    select,
)
from geo.model import RunOutcome
from maps.export import FORMATS
from maps.filters import filter_events, filter_places

EXPORT_EXAMPLES = """\
examples:
  conflictmap export seeds/ -o events.gpkg              GeoPackage (also .geojson .parquet .kml)
  conflictmap export --db events.gpkg -o events.csv     ACLED column layout
  conflictmap export archive/ -o parts/ --workers 2     streamed, partitioned GeoParquet
  conflictmap export seeds/ -o strikes.geojson --type "Air/drone strike"
"""


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "export",
        help="write events to GeoJSON, GeoPackage, GeoParquet, CSV or KML",
        description="Write the events (and their places) to FILE; the format is the "
        f"extension: {', '.join(FORMATS)}. A folder (DIR/, or an existing directory) gets "
        "partitioned GeoParquet: DIR/events/part-NNNNN.parquet and DIR/places/...; with "
        "--workers or --scheduler (and no --db) the articles then stream through the "
        "cluster, so the run holds no article text. With --db, SOURCE articles are added "
        "to the store first and the whole store is exported. Properties: docs/schema.md.",
        epilog=EXPORT_EXAMPLES + FILTER_EXAMPLES,
        formatter_class=ExamplesFormatter,
    )
    add_store_options(parser, sources_required=False)
    add_filter_options(parser)
    parser.add_argument("-o", "--output", required=True, metavar="FILE|DIR/")


def is_folder(output: str) -> bool:
    """`-o DIR/` (a trailing slash) or an existing directory: partitioned GeoParquet."""
    return output.endswith(("/", os.sep)) or Path(output).is_dir()


def run(args: argparse.Namespace) -> int:
    from maps.export import write_events

    folder = is_folder(args.output)
    args.output = Path(args.output)
    if not folder and args.output.suffix.lower() not in FORMATS:
        raise UsageError(f"{args.output}: unknown format (use one of {', '.join(FORMATS)})")
    if not folder:
        selection = select(args, files=[args.output])
        written = write_events(args.output, selection.events, selection.places, selection.articles)
        return finish(selection, written)
    from maps.partitioned import write_partitioned

    streaming = bool(args.sources) and args.db is None and (args.workers > 1 or args.scheduler)
    if streaming:
        criteria = event_filter(args)
        check_run(args)
        outcome = run_from_args(args, streaming=True)
        outcome.events = filter_events(outcome.events, criteria)
        outcome.places = filter_places(outcome.places, criteria)
        selection = Selection(outcome.events, outcome.places, outcome.articles, outcome)
    else:
        selection = select(args)
        outcome = RunOutcome(selection.articles, [], selection.events, selection.places)
    return finish(selection, write_partitioned(args.output, outcome))
