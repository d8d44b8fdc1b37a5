"""`conflictmap export SOURCE... -o FILE [--db PATH]`: GeoJSON, GPKG, Parquet, CSV or KML."""

from __future__ import annotations

import argparse
from pathlib import Path

from geo.cli.store_options import UsageError, add_store_options, finish, select
from maps.export import FORMATS


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "export",
        help="write events to GeoJSON, GeoPackage, GeoParquet, CSV or KML",
        description="Write the events (and their places) to FILE; the format is the "
        f"extension: {', '.join(FORMATS)}. With --db, SOURCE articles are added to the "
        "store first and the whole store is exported. Properties: docs/schema.md.",
    )
    add_store_options(parser, sources_required=False)
    parser.add_argument("-o", "--output", required=True, type=Path, metavar="FILE")


def run(args: argparse.Namespace) -> int:
    from maps.export import write_events

    if args.output.suffix.lower() not in FORMATS:
        raise UsageError(f"{args.output}: unknown format (use one of {', '.join(FORMATS)})")
    selection = select(args)
    written = write_events(args.output, selection.events, selection.places, selection.articles)
    return finish(selection, written)
