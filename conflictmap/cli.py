"""The `conflictmap` command: one module per sub-command, each with `register` and `run`.

Exit status: 0 every input done, 1 some inputs failed (listed in the summary),
2 usage error or nothing to do.
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import importlib
import logging
import os
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import NoReturn

from geo.errors import ConflictmapError, printable

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
  conflictmap brief --db events.gpkg -o brief/   one-page briefing: HTML, PDF, PNG
  conflictmap map seeds/ -o out/ --country VE --since 2025-09-01   filtered (also export, brief)
  conflictmap screenshot out/map.html -o map.png
  conflictmap geocode "southern Caribbean" --json --geometry
  conflictmap geoparse lgl.jsonl.gz -o pred.jsonl
  conflictmap eval geoparse lgl.jsonl.gz
  conflictmap gazetteer build --data DIR          rebuild the store from raw GeoNames/NE files

exit status: 0 all inputs done, 1 some inputs failed, 2 usage error or nothing to do
"""


def version() -> str:
    """The installed package's version (pyproject.toml)."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("conflictmap")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown (not installed)"


class PrintableFormatter(logging.Formatter):
    """Log lines with control characters escaped: a file name cannot forge report lines."""

    def format(self, record: logging.LogRecord) -> str:
        return printable(super().format(record))


def build_parser(
    commands: Sequence[str] = COMMANDS,
) -> tuple[argparse.ArgumentParser, dict[str, ModuleType]]:
    """The argument parser with `commands` (default: all) registered."""
    parser = argparse.ArgumentParser(
        prog="conflictmap",
        description="Turn news articles into offline maps of conflict events.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"conflictmap {version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    modules = {name: importlib.import_module(f"conflictmap.commands.{name}") for name in commands}
    for module in modules.values():
        module.register(sub)
    return parser, modules


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `conflictmap` command.

    Only the sub-command being run is imported (`--help` imports them all), so start-up
    does not pay for the others' libraries — nor does each Dask worker process, which
    imports this module again.
    """
    argv = sys.argv[1:] if argv is None else argv
    os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "warning")  # Dask's chatter, workers too
    parser, modules = build_parser([a for a in argv[:1] if a in COMMANDS] or COMMANDS)
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    handler = logging.StreamHandler()
    handler.setFormatter(PrintableFormatter("conflictmap: %(message)s"))
    logging.basicConfig(handlers=[handler], level=logging.WARNING)
    from geo.tuning import tune_process  # spaCy loads with the command, not with --help

    tune_process()
    try:
        return int(modules[args.command].run(args))
    except ConflictmapError as exc:
        print(f"conflictmap: error: {printable(str(exc))}", file=sys.stderr)
        return 2


def run() -> NoReturn:
    """The console script: `main`, then exit without tearing the interpreter down.

    Exit handlers run (logging, temporary files, Dask's clean-up) and the standard streams
    are flushed; what is skipped is freeing the loaded model, gazetteer and name index
    object by object, a sixth of a cold `map seeds/` (BENCHMARKS.md, Throughput, Round 5).
    """
    code = main()
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError):  # a closed pipe: what is left has no reader
            stream.flush()
    os._exit(code)


if __name__ == "__main__":
    run()
