"""`PlaceLookup`: what the pipeline's stages may ask of a gazetteer.

`gazetteer.store.Gazetteer` is the real one; tests pass a small in-memory one
(`tests/fake_gazetteer.py`). Both answer the same cases (`tests/test_place_lookup.py`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from gazetteer.places import Candidate

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry


@runtime_checkable
class PlaceLookup(Protocol):
    """Names -> places, place ids -> places and polygons, and the name lists to match."""

    def candidates(
        self,
        name: str,
        country: str | None = None,
        kinds: Iterable[str] | None = None,
        limit: int = 10,
        fuzzy: bool = True,
    ) -> list[Candidate]:
        """Places `name` may refer to, best first (`country` ranks its places first)."""
        ...

    def get(self, place_id: str) -> Candidate | None:
        """The place with this id, or None."""
        ...

    def geometry(self, place_id: str) -> BaseGeometry | None:
        """The polygon of an areal place, None for points and unknown ids."""
        ...

    def capital(self, iso2: str) -> Candidate | None:
        """The national capital of a country (ISO 3166-1 alpha-2)."""
        ...

    def country(self, iso2: str) -> Candidate | None:
        """The country with this ISO 3166-1 alpha-2 code."""
        ...

    def derived_area(self, qualifier: str, place_id: str) -> Candidate | None:
        """A part of an areal place: "southern", "coast", "off-coast"..."""
        ...

    def border_area(self, place_id_a: str, place_id_b: str) -> Candidate | None:
        """The border zone between two areal places."""
        ...

    def locate(self, lon: float, lat: float) -> dict[str, Candidate | None]:
        """The country, admin-1 and sea containing (lon, lat), each None when none does."""
        ...

    def iter_names(self) -> Iterator[tuple[str, str, str, int]]:
        """(normalised name, place id, kind, population) for every name."""
        ...

    def iter_demonyms(self) -> Iterator[str]:
        """Normalised demonyms, each once."""
        ...
