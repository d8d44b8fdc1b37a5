"""`conflictmap ingest SOURCE... --db PATH`: add new articles' events to the event store."""

from __future__ import annotations

import argparse

from conflictmap.commands.common import ExamplesFormatter
from conflictmap.commands.store_options import add_store_options, finish, select

EXAMPLES = """\
examples:
  conflictmap ingest seeds/ --db events.gpkg            add the demo article's events
  conflictmap ingest today/ --db events.gpkg            again: only new articles are added
"""


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "ingest",
        epilog=EXAMPLES,
        formatter_class=ExamplesFormatter,
        help="add articles to the event store (incremental, no duplicates)",
        description="Add the events of SOURCE articles to the store at --db PATH (a "
        "GeoPackage, created if missing). Articles already ingested (same text) are "
        "skipped; an event already known from another article gains a source. A crash "
        "leaves the store as it was.",
    )
    add_store_options(parser, sources_required=True, db_required=True)


def run(args: argparse.Namespace) -> int:
    return finish(select(args), [])
