"""geopy adapters: the offline gazetteer as a geopy `Geocoder`, and an optional online fallback.

>>> from gazetteer import OfflineGeocoder
>>> OfflineGeocoder().geocode("Caracas").latitude  # doctest: +SKIP
10.48801

`FallbackGeocoder` asks the gazetteer first and only then a real geopy geocoder (e.g.
Nominatim), through geopy's `RateLimiter` and an on-disk SQLite cache. Nothing goes online
unless you build one explicitly.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path
from typing import Any

from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders.base import Geocoder
from geopy.location import Location
from geopy.point import Point

from gazetteer.places import Candidate
from gazetteer.search import search
from gazetteer.store import Gazetteer


def _location(cand: Candidate) -> Location:
    address = ", ".join(
        p for p in (cand.name, cand.admin1 if cand.admin1 != cand.name else None, cand.country) if p
    )
    return Location(address, Point(cand.lat, cand.lon), cand.to_dict())


class OfflineGeocoder(Geocoder):
    """A geopy geocoder answering from the embedded gazetteer: no network, no rate limit."""

    def __init__(self, gazetteer: Gazetteer | None = None, *, country: str | None = None) -> None:
        super().__init__()
        self.gazetteer = gazetteer or Gazetteer.open()
        self.country = country

    def geocode(
        self,
        query: str | dict[str, str],
        *,
        exactly_one: bool = True,
        limit: int | None = None,
        country_codes: str | list[str] | None = None,
        kinds: list[str] | None = None,
        timeout: float | None = None,
    ) -> Location | list[Location] | None:
        """Like `Nominatim.geocode`: a Location, a list of them, or None when nothing matches.

        `query` may be a string or a geopy-style dict ({"city": ..., "country": ...}).
        """
        if isinstance(query, dict):
            query = ", ".join(str(v) for v in query.values() if v)
        text = str(query).strip()
        if isinstance(country_codes, list):
            country_codes = country_codes[0] if country_codes else None
        country = country_codes or self.country
        if not text:
            return None
        n = 1 if exactly_one else (limit or 10)
        found = search(self.gazetteer, text, country=country, kinds=kinds, limit=n)
        locations = [_location(c) for c in found]
        if exactly_one:
            return locations[0] if locations else None
        return locations or None  # geopy: None when nothing matches

    def reverse(
        self,
        query: Any,
        *,
        exactly_one: bool = True,
        timeout: float | None = None,
    ) -> Location | list[Location] | None:
        """The places containing a point: nearest town, admin-1, country, sea (most precise first).

        `query` is anything geopy's `Point` accepts: "lat, lon", (lat, lon), a Point.
        """
        point = Point(query)
        lat, lon = point.latitude, point.longitude
        found = self.gazetteer.locate(lon, lat)
        town = self.gazetteer.nearest(lon, lat, kinds=("city",), max_km=25)
        ordered = [c for c in (town, found["admin1"], found["country"], found["sea"]) if c]
        locations = [_location(c) for c in ordered]
        if exactly_one:
            return locations[0] if locations else None
        return locations or None  # geopy: None when nothing matches


class FallbackGeocoder:
    """Offline first; then an online geopy geocoder, rate-limited and cached on disk.

    `online` is any geopy geocoder instance (e.g. `Nominatim(user_agent="...")`); the cache
    is a SQLite file so repeated queries never go online twice.
    """

    def __init__(
        self,
        online: Geocoder,
        cache_path: str | Path,
        offline: OfflineGeocoder | None = None,
        min_delay_seconds: float = 1.0,
    ) -> None:
        self.offline = offline or OfflineGeocoder()
        self.online = online
        self._geocode = RateLimiter(online.geocode, min_delay_seconds=min_delay_seconds)
        self.cache = sqlite3.connect(Path(cache_path))
        self.cache.execute("CREATE TABLE IF NOT EXISTS cache (key TEXT PRIMARY KEY, value TEXT)")

    def geocode(self, query: str, *, exactly_one: bool = True, **kwargs: Any) -> Any:
        found = self.offline.geocode(query, exactly_one=exactly_one)
        if found:
            return found
        key = hashlib.sha256(
            json.dumps([query, exactly_one, kwargs], sort_keys=True, default=str).encode()
        ).hexdigest()
        row = self.cache.execute("SELECT value FROM cache WHERE key = ?", (key,)).fetchone()
        if row is not None:
            return _from_json(json.loads(row[0]), exactly_one)
        result = self._geocode(query, exactly_one=exactly_one, **kwargs)
        items = [result] if exactly_one and result is not None else (result or [])
        payload = [[loc.address, loc.latitude, loc.longitude, _jsonable(loc.raw)] for loc in items]
        self.cache.execute("INSERT OR REPLACE INTO cache VALUES (?, ?)", (key, json.dumps(payload)))
        self.cache.commit()
        return result

    def close(self) -> None:
        self.cache.close()


def _jsonable(raw: Any) -> Any:
    try:
        json.dumps(raw)
        return raw
    except TypeError:
        return str(raw)


def _from_json(payload: list, exactly_one: bool) -> Any:
    locations = [Location(a, Point(lat, lon), raw) for a, lat, lon, raw in payload]
    if exactly_one:
        return locations[0] if locations else None
    return locations
