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
    if not _ISO2.fullmatch(code.strip()) or gazetteer.country(code.strip()) is None:
        raise UnknownCountry(f"unknown country code {code!r}: expected ISO 3166-1 alpha-2, "
                             "like 'VE' or 'UA'")  # fmt: skip
    return code.strip().upper()


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
        found = [c for c in pool if all(_qualifies(gazetteer, c, q) for q in qualifiers if q)]
    if not found:
        found = gazetteer.candidates(query.strip(), country=iso2, kinds=kinds, limit=POOL)
    if iso2 is not None:
        found = [c for c in found if c.country == iso2]
    return found[:limit]


def _qualifies(gazetteer: Gazetteer, cand: Candidate, qualifier: str) -> bool:
    """The candidate lies in the qualifier: its country (name or code) or its admin1."""
    norm = normalize_name(qualifier)
    if cand.admin1 and normalize_name(cand.admin1) == norm:
        return True
    if _ISO2.fullmatch(qualifier) and cand.country == qualifier.upper():
        return True
    countries = gazetteer.candidates(qualifier, kinds=["country"], limit=3, fuzzy=False)
    return any(c.country == cand.country for c in countries)
