"""The `conflictmap` command: one module per sub-command, each with `register` and `run`.

Exit status: 0 every input done, 1 some inputs failed (listed in the summary),
2 usage error or nothing to do.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from types import ModuleType

from geo.errors import ConflictmapError

# Sub-command modules in the order `--help` lists them.
COMMANDS = (
    "map", "export", "ingest", "brief", "screenshot", "geocode", "geoparse", "eval", "gazetteer",
)  # fmt: skip

EPILOG = """\
examples:
  conflictmap map seeds/ -o out/                 map the demo article (offline)
  conflictmap map news.jsonl -o out/ --screenshot
  conflictmap export seeds/ -o events.gpkg       GeoJSON, GPKG, Parquet, CSV or KML
  conflictmap ingest today/ --db events.gpkg     add new articles to the event store
  conflictmap brief --db events.gpkg -o brief/   one-page HTML + PDF briefing
  conflictmap screenshot out/map.html -o map.png
  conflictmap geocode "southern Caribbean" --json --geometry
  conflictmap geoparse lgl.jsonl.gz -o pred.jsonl
  conflictmap eval geoparse lgl.jsonl.gz
  conflictmap gazetteer build --data ../shared/data/gazetteer

exit status: 0 all inputs done, 1 some inputs failed, 2 usage error or nothing to do
"""


def _command_modules() -> dict[str, ModuleType]:
    return {name: importlib.import_module(f"geo.cli.{name}_cmd") for name in COMMANDS}


def build_parser() -> tuple[argparse.ArgumentParser, dict[str, ModuleType]]:
    """The argument parser with every sub-command registered."""
    parser = argparse.ArgumentParser(
        prog="conflictmap",
        description="Turn news articles into offline maps of conflict events.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    modules = _command_modules()
    for module in modules.values():
        module.register(sub)
    return parser, modules


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `conflictmap` command."""
    parser, modules = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    logging.basicConfig(format="conflictmap: %(message)s", level=logging.WARNING)
    logging.getLogger("distributed").setLevel(logging.WARNING)  # Dask's chatter
    try:
        return int(modules[args.command].run(args))
    except ConflictmapError as exc:
        print(f"conflictmap: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
