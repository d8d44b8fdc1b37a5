"""Offline gazetteer: names -> places with points and polygons (see docs/architecture.md).

`Gazetteer.open()` reads the store shipped in `gazetteer/data/gazetteer.sqlite`;
`gazetteer.build` (never imported at run time) rebuilds it from the raw GeoNames /
Natural Earth data.
"""

from __future__ import annotations

from typing import Any

from gazetteer.errors import GazetteerError
from gazetteer.lookup import PlaceLookup
from gazetteer.normalize import normalize_name
from gazetteer.places import Candidate
from gazetteer.store import Gazetteer

__all__ = [
    "Candidate",
    "Gazetteer",
    "GazetteerError",
    "OfflineGeocoder",
    "PlaceLookup",
    "normalize_name",
]


def __getattr__(name: str) -> Any:
    # geopy is imported only by those who use the geopy adapter.
    if name == "OfflineGeocoder":
        from gazetteer.geocoder import OfflineGeocoder

        return OfflineGeocoder
    raise AttributeError(name)
