"""Derived areas (directional parts, coasts, borders) and reverse lookup."""

from __future__ import annotations

import pytest
import shapely
from shapely.geometry import Point

from gazetteer import Gazetteer
from geo.model import place_of

WILLEMSTAD = Point(-68.93, 12.11)  # Curaçao, one of the ABC islands


@pytest.fixture(scope="module")
def gz() -> Gazetteer:
    return Gazetteer.open()


def _caribbean(gz: Gazetteer) -> str:
    return gz.candidates("Caribbean Sea", kinds=["sea"])[0].id


def test_southern_caribbean_lies_over_the_southern_sea(gz: Gazetteer) -> None:
    cand = gz.candidates("southern Caribbean")[0]
    assert cand.kind == "derived" and cand.match == "derived"
    area = cand.geometry()
    sea = gz.geometry(_caribbean(gz))
    middle = (sea.bounds[1] + sea.bounds[3]) / 2
    assert area.area > 10 and area.bounds[3] <= middle + 0.5  # south of the middle
    assert sea.buffer(0.01).contains(area)  # over the sea, not the land
    point = Point(cand.lon, cand.lat)
    assert area.contains(point) and cand.lat < middle
    assert point.distance(WILLEMSTAD) < 4.0  # degrees: near the ABC / Venezuelan coast
    assert place_of(cand).area is not None


def test_derived_area_api_matches_the_phrase(gz: Gazetteer) -> None:
    direct = gz.derived_area("southern", _caribbean(gz))
    assert direct.id == f"derived:southern:{_caribbean(gz)}"
    assert gz.get(direct.id).name == direct.name
    assert gz.geometry(direct.id).equals(direct.geometry())


def test_northern_venezuela_and_eastern_ukraine(gz: Gazetteer) -> None:
    north = gz.candidates("northern Venezuela")[0]
    assert north.kind == "derived" and north.country == "VE"
    assert north.geometry().contains(Point(-66.88, 10.49))  # Caracas is in the north
    assert not north.geometry().contains(Point(-63.5, 4.5))  # Bolivar state is not
    east = gz.candidates("eastern Ukraine")[0]
    assert east.geometry().contains(Point(37.8, 48.0))  # Donetsk
    assert not east.geometry().contains(Point(24.03, 49.84))  # Lviv


def test_coast_and_offshore(gz: Gazetteer) -> None:
    coast = gz.candidates("the Venezuelan coast")[0]
    assert coast.feature_code == "coast" and coast.geometry().contains(Point(-66.93, 10.6))
    off = gz.candidates("off the coast of Venezuela")[0]
    assert off.feature_code == "off-coast"
    venezuela = gz.geometry(gz.candidates("Venezuela")[0].id)
    assert off.geometry().intersection(venezuela).area < 0.01  # water, not Venezuelan land
    assert off.geometry().contains(Point(-66.5, 11.2))  # just off La Guaira


def test_border_area(gz: Gazetteer) -> None:
    for phrase in (
        "Colombia-Venezuela border",
        "Colombian–Venezuelan border",
        "the border between Colombia and Venezuela",
    ):
        cand = gz.candidates(phrase)[0]
        assert cand.feature_code == "border", phrase
        assert cand.geometry().contains(Point(-72.47, 7.9))  # Cúcuta, on the border
    assert gz.border_area(gz.candidates("Spain")[0].id, gz.candidates("Venezuela")[0].id) is None


def test_unknown_qualifier_is_an_error(gz: Gazetteer) -> None:
    with pytest.raises(ValueError, match="qualifier"):
        gz.derived_area("upper", _caribbean(gz))


def test_exact_names_beat_directional_parsing(gz: Gazetteer) -> None:
    assert gz.candidates("South Africa")[0].kind == "country"
    assert gz.candidates("North Korea")[0].country == "KP"


def test_locate(gz: Gazetteer) -> None:
    here = gz.locate(-66.88, 10.49)
    assert here["country"].country == "VE" and here["admin1"].admin1_code == "VE.25"
    assert here["sea"] is None
    assert gz.locate(-3.70, 40.42)["country"].country == "ES"
    water = gz.locate(-62.1, 10.3)
    assert water["sea"].name == "Gulf of Paria" and water["country"] is None
    assert gz.locate(-75.0, 15.0)["sea"].name == "Caribbean Sea"
    with pytest.raises(ValueError):
        gz.locate(200.0, 10.0)


def test_locate_agrees_with_geonames_for_capitals(gz: Gazetteer) -> None:
    for name, iso2 in (
        ("Caracas", "VE"),
        ("Bogotá", "CO"),
        ("Kyiv", "UA"),
        ("Madrid", "ES"),
        ("Nairobi", "KE"),
        ("Jakarta", "ID"),
        ("Lima", "PE"),
    ):
        city = gz.candidates(name, country=iso2)[0]
        found = gz.locate(city.lon, city.lat)["country"]
        assert found is not None and found.country == iso2, name
    assert shapely.Point(0, 0).within(shapely.box(-1, -1, 1, 1))


def test_locate_puts_towns_in_their_own_country(gz: Gazetteer) -> None:
    """Coastal towns the simplified outline cuts off still land in their country."""
    rows = gz._db.execute(
        "SELECT pid FROM places WHERE kind = 3 AND country IN ('VE', 'CO', 'TT', 'PA') "
        "AND population >= 20000 ORDER BY pid"
    ).fetchall()
    towns = [gz.get(f"gn:{pid}") for (pid,) in rows]
    assert len(towns) > 100
    hits = sum(
        (found := gz.locate(t.lon, t.lat)["country"]) is not None and found.country == t.country
        for t in towns
    )
    assert hits / len(towns) >= 0.98


def test_directional_parts_across_the_antimeridian(gz: Gazetteer) -> None:
    east = gz.candidates("eastern Russia")[0]
    assert east.lon > 90 and east.geometry().contains(Point(east.lon, east.lat))


def test_a_direction_is_never_fuzzy_matched_to_another(gz: Gazetteer) -> None:
    assert all(c.name != "Eastern Pacific" for c in gz.candidates("western Pacific"))


def test_city_names_resolve_to_their_own_region(gz: Gazetteer) -> None:
    south = gz.candidates("southern Gaza")[0]
    assert south.kind == "derived" and south.country == "PS"
    assert south.geometry().contains(Point(34.25, 31.29))  # Rafah
    assert not south.geometry().contains(Point(34.47, 31.52))  # Gaza City, in the north


def test_derived_area_of_a_town_uses_its_namesake_area(gz: Gazetteer) -> None:
    gaza_city = gz.candidates("Gaza")[0]
    assert gaza_city.kind == "city"
    north = gz.derived_area("northern", gaza_city.id)
    assert north is not None and north.country == "PS"
    assert north.geometry().contains(Point(34.47, 31.52))  # Gaza City
    assert gz.derived_area("southern", gz.candidates("Springfield")[0].id) is None


def test_an_empty_derived_area_is_computed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """A landlocked country has no coast; asking again must not redo the geometry."""
    import gazetteer.areas as areas

    calls = []
    real = areas.coastal_band
    monkeypatch.setattr(areas, "coastal_band", lambda *a, **k: calls.append(a) or real(*a, **k))
    fresh = Gazetteer.open()
    mali = fresh.country("ML")
    assert mali is not None
    assert fresh.derived_area("coast", mali.id) is None
    assert fresh.derived_area("coast", mali.id) is None
    assert len(calls) == 1


@pytest.mark.parametrize("country", ["US", "RU"])
def test_a_band_across_the_antimeridian_is_cut_there_not_wrapped_round_the_world(
    gz: Gazetteer, country: str
) -> None:
    base = gz.country(country)
    assert base is not None
    band = gz.derived_area("off-coast", base.id)
    assert band is not None
    parts = shapely.get_parts(gz.geometry(band.id))
    assert max(p.bounds[2] - p.bounds[0] for p in parts) < 180
    assert all(p.bounds[0] >= -180 and p.bounds[2] <= 180 for p in parts)
