"""The `PlaceLookup` contract: the real gazetteer and the test fake answer the same cases."""

from __future__ import annotations

import pytest
from fake_gazetteer import FakeGazetteer

from gazetteer import Gazetteer, PlaceLookup


@pytest.fixture(scope="module", params=["real", "fake"])
def lookup(request: pytest.FixtureRequest) -> PlaceLookup:
    return Gazetteer.open() if request.param == "real" else FakeGazetteer()


def test_is_a_place_lookup(lookup: PlaceLookup) -> None:
    assert isinstance(lookup, PlaceLookup)


def test_candidates_best_first_case_insensitive(lookup: PlaceLookup) -> None:
    best = lookup.candidates("Caracas")[0]
    assert (best.name, best.kind, best.country) == ("Caracas", "city", "VE")
    assert lookup.candidates("CARACAS")[0].id == best.id


def test_country_ranks_its_places_first(lookup: PlaceLookup) -> None:
    assert lookup.candidates("Paris")[0].country == "FR"
    assert lookup.candidates("Paris", country="US")[0].country == "US"


def test_unknown_and_empty_names(lookup: PlaceLookup) -> None:
    assert lookup.candidates("") == []
    assert lookup.candidates("Qxzvwy", fuzzy=False) == []


def test_get_and_geometry(lookup: PlaceLookup) -> None:
    venezuela = lookup.candidates("Venezuela")[0]
    caracas = lookup.candidates("Caracas")[0]
    got = lookup.get(venezuela.id)
    assert got is not None and got.id == venezuela.id
    assert lookup.get("gn:999999999") is None
    area = lookup.geometry(venezuela.id)
    assert area is not None and area.contains(area.representative_point())
    assert lookup.geometry(caracas.id) is None


def test_capital(lookup: PlaceLookup) -> None:
    capital = lookup.capital("VE")
    assert capital is not None and capital.name == "Caracas"


def test_country(lookup: PlaceLookup) -> None:
    country = lookup.country("VE")
    assert country is not None and country.kind == "country" and country.country == "VE"
    assert lookup.country("XX") is None


def test_names_and_demonyms(lookup: PlaceLookup) -> None:
    caracas = lookup.candidates("Caracas")[0]
    assert ("caracas", caracas.id, "city") in {n[:3] for n in lookup.iter_names()}
    assert "venezuelan" in set(lookup.iter_demonyms())


def test_locate(lookup: PlaceLookup) -> None:
    venezuela = lookup.candidates("Venezuela")[0]
    inside = lookup.geometry(venezuela.id).representative_point()
    found = lookup.locate(inside.x, inside.y)
    assert found["country"] is not None and found["country"].id == venezuela.id
