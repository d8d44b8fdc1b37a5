"""How exact an event's place is: one rule for every map (hollow markers, popups, KML).

An event is *approximate* when its ACLED `geo_precision` is 2 or 3 or when its place is an
area (country, province, district, sea, region, derived area) rather than a town or a
landmark: maps draw it hollow so that a reader sees which dots are exact towns.
"""

from __future__ import annotations

from geo.model import Event

# ACLED's geo_precision, in words.
GEO_PRECISION = {1: "town", 2: "near a town / part of a region", 3: "province, sea or country"}
EXACT_KINDS = frozenset({"city", "landmark"})
APPROXIMATE_LEGEND = "hollow: approximate place"


def precision_words(geo_precision: int | None) -> str | None:
    """`geo_precision` in words (None when it is not given)."""
    if geo_precision is None:
        return None
    return GEO_PRECISION.get(geo_precision, str(geo_precision))


def is_approximate(event: Event) -> bool:
    """Whether the event's place is only approximately where it happened."""
    if event.place is None:
        return False
    return event.geo_precision in (2, 3) or event.place.kind not in EXACT_KINDS
