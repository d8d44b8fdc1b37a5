"""The place type the gazetteer answers with: `Candidate`, one place a name may refer to."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from gazetteer.schema import AREAL_KINDS

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry


class GeometrySource(Protocol):
    """Where a candidate fetches its polygon from (the store that made it)."""

    def geometry(self, place_id: str) -> BaseGeometry | None: ...


@dataclass(frozen=True, slots=True)
class Candidate:
    """One place a name may refer to, with the lookup's score in [0, 1].

    `match` says how the name matched: exact | alias | demonym | landmark | fuzzy | derived.
    `admin1` is the admin-1 name ("Distrito Capital"), `admin1_code` its GeoNames key ("VE.25").
    """

    id: str
    name: str
    kind: str
    feature_code: str | None
    country: str | None
    admin1: str | None
    population: int
    lat: float
    lon: float
    geonameid: int | None
    score: float = 0.0
    match: str = "exact"
    admin1_code: str | None = None
    gazetteer: GeometrySource | None = field(default=None, compare=False, repr=False)

    @property
    def point(self) -> tuple[float, float]:
        """(lon, lat) in WGS84."""
        return (self.lon, self.lat)

    @property
    def is_areal(self) -> bool:
        return self.kind in AREAL_KINDS

    def geometry(self) -> BaseGeometry | None:
        """The polygon of an areal place (loaded lazily), else None."""
        return self.gazetteer.geometry(self.id) if self.gazetteer is not None else None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready fields (no geometry)."""
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "feature_code": self.feature_code,
            "country": self.country,
            "admin1": self.admin1,
            "lat": self.lat,
            "lon": self.lon,
            "population": self.population,
            "geonameid": self.geonameid,
            "score": self.score,
            "match": self.match,
        }
