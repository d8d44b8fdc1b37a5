"""`conflictmap map SOURCE... -o OUTDIR`: the main job — map.html, events and places GeoJSON."""

from __future__ import annotations

import argparse
from pathlib import Path

from conflictmap.commands.common import FILTER_EXAMPLES, ExamplesFormatter, add_filter_options
from conflictmap.commands.store_options import add_store_options, finish, select
from geo.outset import output_set

MAP_EXAMPLES = """\
examples:
  conflictmap map seeds/ -o out/                        the demo article, offline
  conflictmap map news/ -o out/ --screenshot --title "Caribbean, September 2025"
  conflictmap map --db events.gpkg -o out/ --country VE --since 2025-09-01
"""


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "map",
        help="map the events of articles (offline HTML + GeoJSON)",
        description="Write OUTDIR/map.html (self-contained, offline), OUTDIR/events.geojson "
        "and OUTDIR/places.geojson from the articles. With --db, SOURCE articles are added "
        "to the event store first and the whole store is mapped.",
        epilog=MAP_EXAMPLES + FILTER_EXAMPLES,
        formatter_class=ExamplesFormatter,
    )
    add_store_options(parser, sources_required=False)
    add_filter_options(parser)
    parser.add_argument("-o", "--output", required=True, type=Path, metavar="OUTDIR")
    parser.add_argument("--title", default="conflictmap", help="map title")
    parser.add_argument(
        "--tiles", metavar="osm|carto|URL", help="online tiles instead of the offline basemap"
    )
    parser.add_argument(
        "--screenshot", action="store_true", help="also write map.png (headless Chromium)"
    )
    parser.add_argument(
        "--static", action="store_true", help="also write map-static.png without a browser"
    )


def output_names(args: argparse.Namespace) -> list[str]:
    """The files the command writes into OUTDIR."""
    names = ["map.html", "events.geojson", "places.geojson"]
    return names + ["map.png"] * args.screenshot + ["map-static.png"] * args.static


def run(args: argparse.Namespace) -> int:
    out: Path = args.output
    if args.tiles:
        from maps.render import tile_layer

        tile_layer(args.tiles)  # a bad --tiles is a usage error before the run
    selection = select(args, files=[out / name for name in output_names(args)])
    # The writers' libraries (folium) load after the run, so the workers forked by
    # `--workers N` neither inherit nor share them; pandas and geopandas are not needed.
    from maps.geojson import write_events_geojson, write_places_geojson
    from maps.render import write_map

    events, places, articles = selection.events, selection.places, selection.articles
    with output_set(out) as stage:  # the outputs are replaced as one set (geo.outset)
        staged = [
            write_map(stage / "map.html", events, places, articles, title=args.title,
                      tiles=args.tiles),
            write_events_geojson(stage / "events.geojson", events, articles),
            write_places_geojson(stage / "places.geojson", places),
        ]  # fmt: skip
        if args.screenshot:
            from maps.screenshot import take_screenshot

            staged.append(take_screenshot(stage / "map.html", stage / "map.png"))
        if args.static:
            from maps.static import write_static_png

            staged.append(write_static_png(stage / "map-static.png", events, places, args.title))
    written = [out / path.name for path in staged]
    return finish(selection, written)
