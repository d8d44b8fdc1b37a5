"""A user's query, as the CLI and the geopy adapter take it: "Caracas, Venezuela", "Paris,
Texas", "Odesa" with `--country UA`.

The names are looked up with `Gazetteer.candidates` (the ranking the pipeline uses); a
comma's qualifiers keep the candidates in that country or first-level division, and a
country code keeps that country's places only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from gazetteer.errors import ConflictmapError
from gazetteer.normalize import normalize_name
from gazetteer.places import Candidate
from gazetteer.store import Gazetteer

POOL = 200  # candidates of the name that the qualifiers choose from
_ISO2 = re.compile(r"[A-Za-z]{2}")


class UnknownCountry(ConflictmapError, ValueError):
    """A country filter that is not an ISO 3166-1 alpha-2 code of a known country."""


def country_code(gazetteer: Gazetteer, code: str | None) -> str | None:
    """`code` as an upper-case ISO2 code of a country in the gazetteer, or UnknownCountry."""
    if code is None:
        return None
    iso2 = code.strip().upper()
    if not _ISO2.fullmatch(iso2) or gazetteer.country(iso2) is None:
        raise UnknownCountry(
            f"unknown country code {code!r}: expected ISO 3166-1 alpha-2, like 'VE' or 'UA'"
        )
    return iso2


def search(
    gazetteer: Gazetteer,
    query: str,
    country: str | None = None,
    kinds: Iterable[str] | None = None,
    limit: int = 10,
) -> list[Candidate]:
    """Places the query names, best first (see the module docstring)."""
    iso2 = country_code(gazetteer, country)
    kinds = list(kinds) if kinds else None
    name, *qualifiers = [part.strip() for part in query.split(",")]
    found: list[Candidate] = []
    if qualifiers and name:
        pool = gazetteer.candidates(name, country=iso2, kinds=kinds, limit=POOL)
        areas = [_area(gazetteer, q) for q in qualifiers if q]
        found = [c for c in pool if all(_within(c, area) for area in areas)]
    if not found:
        found = gazetteer.candidates(query.strip(), country=iso2, kinds=kinds, limit=POOL)
    if iso2 is not None:
        found = [c for c in found if c.country == iso2]
    return found[:limit]


def _within(cand: Candidate, area: tuple[str, set[str | None]]) -> bool:
    """The candidate lies in the area: its admin1 is that division, or its country one of
    those countries."""
    admin1, countries = area
    return cand.country in countries or bool(cand.admin1 and normalize_name(cand.admin1) == admin1)


def _area(gazetteer: Gazetteer, qualifier: str) -> tuple[str, set[str | None]]:
    """What a qualifier may name, read once: a first-level division (its normalised name)
    and the countries it may be (a name or an ISO code)."""
    countries = {
        c.country for c in gazetteer.candidates(qualifier, kinds=["country"], limit=3, fuzzy=False)
    }
    if _ISO2.fullmatch(qualifier):
        countries.add(qualifier.upper())
    return normalize_name(qualifier), countries
