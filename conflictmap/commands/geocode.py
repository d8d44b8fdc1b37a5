"""`conflictmap geocode QUERY`: look a place name up in the offline gazetteer."""

from __future__ import annotations

import argparse
import json
import sys

from conflictmap.commands.common import ExamplesFormatter
from gazetteer.schema import KINDS

EXAMPLES = """\
examples:
  conflictmap geocode Caracas
  conflictmap geocode "Paris, Texas"                    "Name, country or province"
  conflictmap geocode "southern Caribbean" --json --geometry
  conflictmap geocode Georgia --country US --limit 3
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "geocode",
        epilog=EXAMPLES,
        formatter_class=ExamplesFormatter,
        help="look up a place name in the offline gazetteer",
        description="Print the places a name may refer to, best first (offline).",
    )
    p.add_argument(
        "query",
        help='a place name or phrase, e.g. "Caracas", "southern Caribbean", '
        '"Caracas, Venezuela", "Paris, Texas"',
    )
    p.add_argument("--limit", type=int, default=5, metavar="N", help="candidates to print (5)")
    p.add_argument("--country", metavar="CC", help="ISO 3166-1 alpha-2 code to restrict to")
    p.add_argument("--kind", action="append", choices=KINDS, help="only these kinds (repeatable)")
    p.add_argument("--json", action="store_true", help="print a JSON list")
    p.add_argument("--geometry", action="store_true", help="add GeoJSON geometry (with --json)")
    p.add_argument("--gazetteer", metavar="PATH", help="store file (default: the packaged one)")


def run(args: argparse.Namespace) -> int:
    from gazetteer import Gazetteer
    from gazetteer.search import UnknownCountry, search

    query = args.query.strip()
    if not query:
        print("conflictmap geocode: error: empty query", file=sys.stderr)
        return 2
    if args.limit < 1:
        print("conflictmap geocode: error: --limit must be at least 1", file=sys.stderr)
        return 2
    gz = Gazetteer.open(args.gazetteer)
    try:
        found = search(gz, query, country=args.country, kinds=args.kind, limit=args.limit)
    except UnknownCountry as exc:
        print(f"conflictmap geocode: error: --country: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps([_as_json(c, args.geometry) for c in found], ensure_ascii=False, indent=2))
    else:
        for i, c in enumerate(found, 1):
            where = ", ".join(p for p in (c.admin1, c.country) if p)
            print(
                f"{i}. {c.name} [{c.kind} {c.feature_code or ''}] {where}  "
                f"{c.lat:.4f}, {c.lon:.4f}  pop {c.population:,}  "
                f"score {c.score:.3f} ({c.match})  {c.id}"
            )
    if not found:
        print(f"conflictmap geocode: no place matches {query[:80]!r}", file=sys.stderr)
        return 1
    return 0


def _as_json(cand, with_geometry: bool) -> dict:
    out = cand.to_dict()
    if with_geometry:
        from shapely.geometry import mapping

        geom = cand.geometry()
        out["geometry"] = (
            mapping(geom)
            if geom is not None
            else {"type": "Point", "coordinates": [cand.lon, cand.lat]}
        )
    return out
