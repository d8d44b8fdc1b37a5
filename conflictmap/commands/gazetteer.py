"""`conflictmap gazetteer build|info`: rebuild or describe the embedded gazetteer store."""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

from conflictmap.commands.common import ExamplesFormatter

EXAMPLES = """\
examples:
  conflictmap gazetteer build --data raw/               GeoNames + Natural Earth files in raw/
  conflictmap gazetteer build --data raw/ -o /tmp/gazetteer.sqlite
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "gazetteer",
        epilog=EXAMPLES,
        formatter_class=ExamplesFormatter,
        help="build or inspect the embedded gazetteer",
        description="Build the gazetteer store from raw GeoNames / Natural Earth data, or "
        "print what a store holds.",
    )
    sub = p.add_subparsers(dest="gazetteer_command", metavar="ACTION")
    b = sub.add_parser("build", help="build gazetteer/data/gazetteer.sqlite from raw data")
    b.add_argument(
        "--data",
        type=Path,
        metavar="DIR",
        help="raw data directory (default: ../shared/data/gazetteer next to the repo)",
    )
    b.add_argument(
        "--geonames",
        type=Path,
        metavar="ZIP",
        help="a full GeoNames dump (allCountries.zip) to use instead of cities500",
    )
    b.add_argument(
        "--min-population",
        type=int,
        default=500,
        metavar="N",
        help="smallest populated place kept from --geonames (500)",
    )
    b.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="PATH",
        help="store to write (default: the packaged gazetteer/data/gazetteer.sqlite)",
    )
    i = sub.add_parser("info", help="print the metadata and row counts of a store")
    i.add_argument("--gazetteer", metavar="PATH", help="store file (default: the packaged one)")


def run(args: argparse.Namespace) -> int:
    if args.gazetteer_command == "build":
        return _build(args)
    if args.gazetteer_command == "info":
        return _info(args)
    print("conflictmap gazetteer: error: choose an action: build or info", file=sys.stderr)
    return 2


def _build(args: argparse.Namespace) -> int:
    from gazetteer.build import DEFAULT_DATA_DIR, build, default_output

    data = args.data or DEFAULT_DATA_DIR
    if args.geonames is not None and not args.geonames.is_file():
        print(f"conflictmap gazetteer: error: {args.geonames}: no such file", file=sys.stderr)
        return 2
    if not (data / "geonames").is_dir():
        print(
            f"conflictmap gazetteer: error: {data}: not a gazetteer data directory "
            "(expected geonames/, natural_earth/, countries/); pass --data DIR",
            file=sys.stderr,
        )
        return 2
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    out = args.output or default_output()
    t0 = time.perf_counter()
    stats = build(data, out, geonames_dump=args.geonames, min_population=args.min_population)
    size = out.stat().st_size / 1e6
    counts = ", ".join(f"{k} {v:,}" for k, v in sorted(stats.items()))
    print(f"built {out} ({size:.1f} MB) in {time.perf_counter() - t0:.0f} s: {counts}")
    return 0


def _info(args: argparse.Namespace) -> int:
    from gazetteer import Gazetteer

    gz = Gazetteer.open(args.gazetteer)
    print(f"store: {gz.path} ({gz.path.stat().st_size / 1e6:.1f} MB)")
    for key, value in sorted(gz.meta().items()):
        print(f"{key}: {value}")
    for kind, n in gz.kind_counts().items():
        print(f"{kind}: {n:,}")
    return 0
