"""A tiny in-memory gazetteer with the `gazetteer.Gazetteer` lookup API, for unit tests of
recognition and resolution (real coordinates and populations of a few dozen places)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from shapely.geometry import box
from shapely.geometry.base import BaseGeometry

from gazetteer.normalize import normalize_name
from gazetteer.places import Candidate


class _Areas:
    """The polygons of the areal places below, by id (what a real store's geometry gives)."""

    def __init__(self) -> None:
        self.by_id: dict[str, BaseGeometry] = {}

    def geometry(self, place_id: str) -> BaseGeometry | None:
        return self.by_id.get(place_id)


AREAS = _Areas()


def _c(gid: int, name: str, kind: str, code: str, cc: str, a1: str | None, pop: int,
       lat: float, lon: float, area: BaseGeometry | None = None) -> Candidate:
    if area is not None:
        AREAS.by_id[f"gn:{gid}"] = area
    return Candidate(f"gn:{gid}", name, kind, code, cc, a1, pop, lat, lon, gid,
                     admin1_code=f"{cc}.{a1}" if a1 else None, gazetteer=AREAS)


PLACES = [
    _c(6252001, "United States", "country", "PCLI", "US", None, 327_000_000, 39.76, -98.5,
       box(-125, 24, -66, 49)),
    _c(3625428, "Venezuela", "country", "PCLI", "VE", None, 28_000_000, 8.0, -66.0,
       box(-73.4, 0.6, -59.8, 12.2)),
    _c(3017382, "France", "country", "PCLI", "FR", None, 67_000_000, 46.0, 2.0,
       box(-5, 42, 8, 51)),
    _c(614540, "Georgia", "country", "PCLI", "GE", None, 3_700_000, 42.0, 43.5,
       box(40, 41, 46.7, 43.6)),
    _c(3646738, "Caracas", "city", "PPLC", "VE", "25", 3_000_000, 10.488, -66.879),
    _c(3625549, "Valencia", "city", "PPLA", "VE", "Carabobo", 1_385_000, 10.162, -68.008),
    _c(2509954, "Valencia", "city", "PPLA", "ES", "60", 792_000, 39.47, -0.377),
    _c(2988507, "Paris", "city", "PPLC", "FR", "11", 2_138_000, 48.853, 2.349),
    _c(4717560, "Paris", "city", "PPLA2", "US", "TX", 25_000, 33.661, -95.556),
    _c(4647963, "Paris", "city", "PPLA2", "US", "TN", 10_000, 36.302, -88.326),
    _c(4736286, "Texas", "admin1", "ADM1", "US", "TX", 29_000_000, 31.25, -99.25),
    _c(4197000, "Georgia", "admin1", "ADM1", "US", "GA", 10_600_000, 32.75, -83.5),
    _c(4138106, "Washington, D.C.", "city", "PPLC", "US", "DC", 690_000, 38.895, -77.036),
    _c(5815135, "Washington", "admin1", "ADM1", "US", "WA", 7_600_000, 47.5, -120.5),
    _c(4156404, "Gainesville", "city", "PPLA2", "US", "FL", 133_000, 29.652, -82.325),
    _c(4196586, "Gainesville", "city", "PPLA2", "US", "GA", 42_000, 34.298, -83.824),
    _c(4195785, "Hall County", "admin2", "ADM2", "US", "GA", 204_000, 34.317, -83.819),
    _c(611717, "Tbilisi", "city", "PPLC", "GE", "TB", 1_100_000, 41.694, 44.834),
    _c(3632308, "Machado", "city", "PPL", "BR", "15", 40_000, -21.67, -45.92),
    _c(1705440, "Lopez", "city", "PPL", "PH", "60", 95_000, 13.884, 122.26),
    _c(3489854, "Kingston", "city", "PPLC", "JM", "08", 937_000, 17.997, -76.794),
    _c(6252002, "Columbus", "city", "PPLA", "US", "OH", 900_000, 39.961, -82.999),
]
DEMONYMS = {"venezuelan": "VE", "american": "US", "french": "FR", "georgian": "GE"}


class FakeGazetteer:
    """A `gazetteer.PlaceLookup` over `PLACES` (no derived or border areas)."""

    path = "fake-gazetteer"

    def __init__(self) -> None:
        self._by_name: dict[str, list[Candidate]] = {}
        for place in PLACES:
            self._by_name.setdefault(normalize_name(place.name), []).append(place)
        self._by_name.setdefault("washington", []).append(PLACES[12])
        self._by_name.setdefault("us", []).append(PLACES[0])
        self._by_name.setdefault("u s", []).append(PLACES[0])
        for word, cc in DEMONYMS.items():
            country = next(p for p in PLACES if p.kind == "country" and p.country == cc)
            self._by_name.setdefault(word, []).append(
                replace(country, match="demonym"))

    def candidates(self, name: str, country: str | None = None, kinds: object = None,
                   limit: int = 10, fuzzy: bool = True) -> list[Candidate]:
        found = [c for c in self._by_name.get(normalize_name(name), [])
                 if country is None or c.country == country]
        return sorted(found, key=lambda c: -c.population)[:limit]

    def get(self, place_id: str) -> Candidate | None:
        return next((p for p in PLACES if p.id == place_id), None)

    def geometry(self, place_id: str) -> BaseGeometry | None:
        return AREAS.geometry(place_id)

    def capital(self, iso2: str) -> Candidate | None:
        return next((p for p in PLACES if p.feature_code == "PPLC" and p.country == iso2), None)

    def country(self, iso2: str) -> Candidate | None:
        return next((p for p in PLACES if p.kind == "country" and p.country == iso2), None)

    def derived_area(self, qualifier: str, place_id: str) -> None:
        return None

    def border_area(self, place_id_a: str, place_id_b: str) -> None:
        return None

    def locate(self, lon: float, lat: float) -> dict[str, Candidate | None]:
        from shapely.geometry import Point

        found: dict[str, Candidate | None] = {"country": None, "admin1": None, "sea": None}
        for place in PLACES:
            area = self.geometry(place.id)
            if place.kind in found and area is not None and area.covers(Point(lon, lat)):
                found[place.kind] = place
        return found

    def iter_names(self) -> Iterator[tuple[str, str, str, int]]:
        for norm, places in self._by_name.items():
            for place in places:
                yield norm, place.id, place.kind, place.population

    def iter_demonyms(self) -> Iterator[str]:
        return iter(DEMONYMS)
