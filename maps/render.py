"""The interactive map: a self-contained folium/Leaflet page of events and places.

`render_map` returns the HTML, `write_map` writes it atomically. By default the page is
fully offline (every library inlined from its PyPI package, a vector basemap shipped with
the package) and makes no network request; `tiles="osm" | "carto" | URL` adds online tiles
instead of the offline basemap. The output is deterministic: same input, same bytes.
"""

from __future__ import annotations

import itertools
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from pathlib import Path
from urllib.parse import urlsplit

import folium
from branca.element import Element, Figure

from geo.errors import ConflictmapError
from geo.io import atomic_write
from geo.model import Article, Event, Place
from maps.assets import offline_assets
from maps.blob import build_blob
from maps.escape import escape_html
from maps.features import places_bounds
from maps.plugins import (
    EventData,
    EventTypeLayer,
    Legend,
    MapTitle,
    OfflineBasemap,
    PlaceLabels,
    PlacesLayer,
    ReadySignal,
    TimeFilter,
)

DEFAULT_TITLE = "Conflict events"
ONLINE_TILES = {"osm": "OpenStreetMap", "carto": "CartoDB positron"}
OFFLINE_MAX_ZOOM = 10  # the 1:50m basemap (simplified to ~1 km) shows nothing more beyond
MAX_EVENT_PLACE_POINTS = 300


class TilesError(ConflictmapError, ValueError):
    """A `tiles` value that is neither a known name nor a tile URL template."""


class OfflineMap(folium.Map):
    """A folium Map that links no CDN: its assets are inlined by `offline_assets`."""

    default_js: list[tuple[str, str]] = []
    default_css: list[tuple[str, str]] = []


def _article_mapping(articles: Mapping[str, Article] | Iterable[Article]) -> dict[str, Article]:
    if isinstance(articles, Mapping):
        return dict(articles)
    return {a.id: a for a in articles}


def _all_places(places: Iterable[Place], events: list[Event]) -> list[Place]:
    """The given places plus the events' places, one per id.

    Events' areas always join; their points (cities) only while there are at most
    MAX_EVENT_PLACE_POINTS of them — beyond that the event markers show where they are.
    """
    by_id: dict[str, Place] = {p.id: p for p in places}
    event_places = {e.place.id: e.place for e in events if e.place is not None}
    points = [p for p in event_places.values() if p.area is None and p.id not in by_id]
    for place in event_places.values():
        if place.area is not None or len(points) <= MAX_EVENT_PLACE_POINTS:
            by_id.setdefault(place.id, place)
    return list(by_id.values())


def _bounds(events: list[Event], places: list[Place]) -> list[list[float]] | None:
    """[[south, west], [north, east]] of the events' places (areas whole), else of places."""
    bounds = places_bounds(events, places)
    if bounds is None:
        return None
    west, south, east, north = bounds
    return [[south, west], [north, east]]


def tile_layer(tiles: str) -> folium.TileLayer:
    """An online tile layer: "osm", "carto" or an http(s) URL template with {z}/{x}/{y}."""
    if tiles in ONLINE_TILES:
        return folium.TileLayer(ONLINE_TILES[tiles], name=tiles, control=False)
    parts = urlsplit(tiles)
    template_syntax = any(t in tiles for t in ("{{", "{%", "{#"))  # folium re-reads it
    if parts.scheme not in ("http", "https") or "{z}" not in tiles or template_syntax:
        raise TilesError(f"--tiles: expected osm, carto or an http(s) URL with {{z}}, {tiles!r}")
    attr = f"Tiles: {escape_html(parts.netloc)}"
    return folium.TileLayer(tiles=tiles, attr=attr, name="tiles", control=False)


def fix_ids(root: Element) -> None:
    """Replace folium's random element ids by their position in the tree (deterministic)."""
    counter = itertools.count()

    def walk(element: Element) -> None:
        element._id = f"{next(counter):04d}"
        children = list(element._children.items())
        element._children = OrderedDict()
        for key, child in children:
            old_name = child.get_name()
            walk(child)
            element._children[child.get_name() if key == old_name else key] = child

    walk(root)
    if isinstance(root, Figure):
        for part in (root.header, root.html, root.script):
            walk(part)


def build_map(
    events: Iterable[Event],
    places: Iterable[Place],
    articles: Mapping[str, Article] | Iterable[Article],
    title: str = DEFAULT_TITLE,
    tiles: str | None = None,
) -> folium.Map:
    """The folium map (a tree of small elements) of events and places."""
    events = list(events)
    all_places = _all_places(places, events)
    blob = build_blob(events, all_places, _article_mapping(articles))
    bounds = _bounds(events, all_places)
    fmap = OfflineMap(location=[20.0, 0.0], zoom_start=2, tiles=None, control_scale=True)
    max_zoom = OFFLINE_MAX_ZOOM if tiles is None else 18
    fmap.options.update(min_zoom=2, max_zoom=max_zoom, zoom_snap=0.25)
    figure = fmap.get_root()
    assert isinstance(figure, Figure), "a folium Map's root is its Figure"
    figure.title = escape_html(title)
    for name, element in offline_assets():
        figure.header.add_child(element, name=name)
    MapTitle(title).add_to(fmap)
    if bounds is not None:  # first, so that layers are drawn once, at the final view
        fit = folium.FitBounds(bounds, padding=(40, 40), max_zoom=7)
        fit.options["animate"] = False  # no zoom (and cluster) animation at load
        fit.add_to(fmap)
    if tiles is None:
        OfflineBasemap().add_to(fmap)
    else:
        tile_layer(tiles).add_to(fmap)
    data = EventData(blob)
    data.add_to(fmap)
    has_places = bool(blob["places"]["features"])
    if has_places:
        PlacesLayer(data).add_to(fmap)
    if blob["labels"]:
        PlaceLabels(data).add_to(fmap)
    for index in range(len(blob["types"])):
        EventTypeLayer(data, index).add_to(fmap)
    TimeFilter(data).add_to(fmap)
    Legend(data, places="Places" if has_places else None).add_to(fmap)
    ReadySignal().add_to(fmap)
    fix_ids(figure)
    return fmap


def render_map(
    events: Iterable[Event],
    places: Iterable[Place],
    articles: Mapping[str, Article] | Iterable[Article],
    title: str = DEFAULT_TITLE,
    tiles: str | None = None,
) -> str:
    """The map page as one HTML string (self-contained unless `tiles` is given)."""
    return build_map(events, places, articles, title=title, tiles=tiles).get_root().render()


def write_map(
    path: str | Path,
    events: Iterable[Event],
    places: Iterable[Place],
    articles: Mapping[str, Article] | Iterable[Article],
    title: str = DEFAULT_TITLE,
    tiles: str | None = None,
) -> Path:
    """Render the map and write it atomically to `path`."""
    return atomic_write(path, render_map(events, places, articles, title=title, tiles=tiles))
