"""Which places a map names: the ones with the most events (one ranking for every map)."""

from __future__ import annotations

from collections import Counter

from geo.model import Event, Place

MAX_LABELS = 12  # places named on the static map and from MAIN_ZOOM on the page
MAIN_ZOOM = 5
ALL_ZOOM = 8  # every other labelled place from this zoom on
MAX_PAGE_LABELS = 2000  # the page keeps the names of the busiest places only
# Area kinds whose name the places layer writes on the map; countries have basemap labels.
LABELLED_AREA_KINDS = ["derived", "region", "sea"]


def ranked_places(events: list[Event]) -> list[Place]:
    """The events' places, most events first (then by name and id)."""
    counts = Counter(e.place.id for e in events if e.place is not None)
    by_id = {e.place.id: e.place for e in events if e.place is not None}
    order = sorted(counts, key=lambda pid: (-counts[pid], by_id[pid].name, pid))
    return [by_id[pid] for pid in order]


def main_places(events: list[Event], places: list[Place]) -> set[str]:
    """Ids of the places to name: the MAX_LABELS with most events, or the first places
    when no event has one."""
    ranked = ranked_places(events)
    if not ranked:
        return {p.id for p in places[:MAX_LABELS]}
    return {p.id for p in ranked[:MAX_LABELS]}


def place_labels(events: list[Event]) -> list[tuple[str, float, float, int]]:
    """(name, lon, lat, min_zoom) of the page's place labels, busiest place first: the
    MAX_LABELS busiest from MAIN_ZOOM, the others from ALL_ZOOM. Places named otherwise
    (countries by the basemap, labelled areas by the places layer) are left out."""
    skip = {"country", *LABELLED_AREA_KINDS}
    named = [p for p in ranked_places(events) if p.kind not in skip][:MAX_PAGE_LABELS]
    return [
        (p.name, p.lon, p.lat, MAIN_ZOOM if rank < MAX_LABELS else ALL_ZOOM)
        for rank, p in enumerate(named)
    ]
