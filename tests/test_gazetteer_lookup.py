"""Lookup behaviour of the packaged gazetteer: ranking, names, aliases, bad input."""

from __future__ import annotations

import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from gazetteer import Candidate, Gazetteer, normalize_name
from gazetteer.geodesy import haversine_km
from geo.model import place_of

GZ = Gazetteer.open()  # the packaged store, shared (hypothesis tests cannot take fixtures)


@pytest.fixture(scope="module")
def gz() -> Gazetteer:
    return GZ


def test_caracas_first_and_within_10_km(gz: Gazetteer) -> None:
    top = gz.candidates("Caracas")[0]
    assert (top.name, top.country, top.kind) == ("Caracas", "VE", "city")
    assert haversine_km(top.lon, top.lat, -66.88, 10.49) < 10
    assert top.feature_code == "PPLC" and top.id == f"gn:{top.geonameid}"


def test_spain_is_the_country_and_its_polygon_contains_madrid(gz: Gazetteer) -> None:
    spain = gz.candidates("Spain")[0]
    assert spain.kind == "country" and spain.country == "ES"
    assert spain.geometry().contains(shapely.Point(-3.7038, 40.4168))
    place = place_of(spain)
    assert place.area is not None and place.point == (spain.lon, spain.lat)


def test_washington_means_dc_first(gz: Gazetteer) -> None:
    top = gz.candidates("Washington")[0]
    assert top.country == "US" and top.admin1 == "District of Columbia"


def test_capital_and_population_rank_first(gz: Gazetteer) -> None:
    assert gz.candidates("Paris")[0].country == "FR"
    assert gz.candidates("London")[0].country == "GB"
    springfields = gz.candidates("Springfield", country="US", limit=10)
    us = [c for c in springfields if c.country == "US" and c.kind == "city"]
    assert len(us) >= 5
    pops = [c.population for c in us]
    assert pops == sorted(pops, reverse=True)


def test_a_famous_towns_english_name_beats_a_smaller_namesake(gz: Gazetteer) -> None:
    odessa = gz.candidates("Odessa")
    assert (odessa[0].country, odessa[0].match) == ("UA", "exact")  # Natural Earth's label
    assert gz.candidates("Odessa", country="US")[0].admin1 == "Texas"
    assert gz.candidates("Kiev")[0].name == "Kyiv"


def test_admin2_base_name_ranks_below_the_town(gz: Gazetteer) -> None:
    assert gz.candidates("Tank")[0].kind == "city"
    district = gz.candidates("Khyber", kinds=["admin2"])[0]
    assert (district.name, district.match) == ("Khyber Agency", "alias")
    seat = gz.candidates("Gourma-Rharous", kinds=["admin2"])[0]
    town = gz.candidates("Gourma Rharous", kinds=["city"])[0]
    assert haversine_km(seat.lon, seat.lat, town.lon, town.lat) < 1


def test_country_context_wins(gz: Gazetteer) -> None:
    assert gz.candidates("Valencia", country="ES")[0].country == "ES"
    assert gz.candidates("Valencia", country="VE")[0].country == "VE"
    assert gz.candidates("Paris", country="US")[0].admin1 == "Texas"


def test_case_and_diacritics_do_not_matter(gz: Gazetteer) -> None:
    ids = {gz.candidates(q)[0].id for q in ("Bogotá", "Bogota", "BOGOTA", " bogotá ")}
    assert len(ids) == 1
    assert gz.candidates("Bogota")[0].name == "Bogotá"
    assert gz.candidates("sao paulo")[0].name == "São Paulo"


def test_normalize_name() -> None:
    assert normalize_name("Caribbean  Sea") == "caribbean sea"
    assert normalize_name("U.S.") == normalize_name("US") == "us"
    assert normalize_name("Côte d’Ivoire") == "cote divoire"
    assert normalize_name("Łódź\t") == "lodz"


@pytest.mark.parametrize(
    ("query", "iso2"),
    [
        ("US", "US"),
        ("U.S.", "US"),
        ("America", "US"),
        ("UK", "GB"),
        ("Britain", "GB"),
        ("Great Britain", "GB"),
        ("Holland", "NL"),
        ("Burma", "MM"),
        ("Ivory Coast", "CI"),
        ("DRC", "CD"),
        ("España", "ES"),
    ],
)
def test_country_aliases(gz: Gazetteer, query: str, iso2: str) -> None:
    top = gz.candidates(query)[0]
    assert (top.kind, top.country) == ("country", iso2)


@pytest.mark.parametrize(
    ("query", "iso2"),
    [
        ("Venezuelan", "VE"),
        ("Venezuelans", "VE"),
        ("Colombian", "CO"),
        ("Russian", "RU"),
        ("Israeli", "IL"),
        ("British", "GB"),
        ("American", "US"),
    ],
)
def test_demonyms(gz: Gazetteer, query: str, iso2: str) -> None:
    top = gz.candidates(query)[0]
    assert (top.kind, top.country, top.match) == ("country", iso2, "demonym")


@pytest.mark.parametrize(
    ("query", "city", "iso2"),
    [
        ("White House", "Washington", "US"),
        ("the White House", "Washington", "US"),
        ("Kremlin", "Moscow", "RU"),
        ("Downing Street", "London", "GB"),
        ("Elysée", "Paris", "FR"),
        ("Miraflores Palace", "Caracas", "VE"),
        ("Zhongnanhai", "Beijing", "CN"),
        ("Pentagon", "Arlington", "US"),
    ],
)
def test_landmarks_point_at_their_city(gz: Gazetteer, query: str, city: str, iso2: str) -> None:
    top = gz.candidates(query)[0]
    assert (top.name, top.country, top.kind, top.match) == (city, iso2, "city", "landmark")
    building = gz.candidates(query, kinds=["landmark"])[0]
    assert building.kind == "landmark"
    assert haversine_km(building.lon, building.lat, top.lon, top.lat) < 30


def test_seas_and_supplement(gz: Gazetteer) -> None:
    paria = gz.candidates("Gulf of Paria")[0]
    assert paria.kind == "sea" and 9.9 <= paria.lat <= 10.8 and -62.7 <= paria.lon <= -61.5
    gov = gz.candidates("Gulf of Venezuela")[0]
    assert gov.kind == "sea" and 10.9 <= gov.lat <= 12.3 and -72.0 <= gov.lon <= -69.8
    assert gov.geometry().area > 0.5  # a real gulf polygon, not a point
    assert gz.candidates("Caribbean  Sea")[0].name == "Caribbean Sea"
    assert gz.candidates("Caribbean")[0].kind == "sea"


def test_admin1_has_polygon_and_geonames_code(gz: Gazetteer) -> None:
    zulia = gz.candidates("Zulia", kinds=["admin1"])[0]
    assert zulia.country == "VE" and zulia.admin1_code.startswith("VE.")
    assert zulia.geometry().contains(shapely.Point(-71.64, 10.65))  # Maracaibo


def test_fuzzy_matches_typos(gz: Gazetteer) -> None:
    top = gz.candidates("Caracus")[0]
    assert top.name == "Caracas" and top.match == "fuzzy"
    assert gz.candidates("Venezeula")[0].country == "VE"


def test_kinds_filter_and_limit(gz: Gazetteer) -> None:
    found = gz.candidates("Georgia", kinds=["admin1"], limit=3)
    assert found and all(c.kind == "admin1" for c in found) and len(found) <= 3
    assert gz.candidates("Georgia")[0].kind == "country"


def test_get_round_trips_ids(gz: Gazetteer) -> None:
    for cand in (gz.candidates("Caracas")[0], gz.candidates("Gulf of Paria")[0]):
        again = gz.get(cand.id)
        assert isinstance(again, Candidate) and again.name == cand.name
    assert gz.get("gn:999999999999") is None
    assert gz.get("ne:nope:nothing") is None
    assert gz.geometry(gz.candidates("Caracas")[0].id) is None  # a point place


def test_iter_names_covers_names_aliases_and_demonyms(gz: Gazetteer) -> None:
    wanted = {"caracas", "venezuelan", "white house", "gulf of paria", "britain"}
    seen: dict[str, set[str]] = {}
    for norm, _place_id, kind, population in gz.iter_names():
        assert isinstance(population, int)
        if norm in wanted:
            seen.setdefault(norm, set()).add(kind)
    assert seen["caracas"] >= {"city"} and "country" in seen["venezuelan"]
    assert {"city", "landmark"} <= seen["white house"]
    assert seen.keys() == wanted


@pytest.mark.parametrize("query", ["", "   ", "\x00\x01\x02", "x" * 10_000, "Cara\x00cas" * 2000])
def test_bad_queries_give_no_candidates(gz: Gazetteer, query: str) -> None:
    assert gz.candidates(query) == []


def test_control_characters_are_separators(gz: Gazetteer) -> None:
    assert gz.candidates("Caracas\x00")[0].name == "Caracas"


def test_non_string_query_is_a_type_error(gz: Gazetteer) -> None:
    with pytest.raises(TypeError):
        gz.candidates(None)  # type: ignore[arg-type]


def test_kinds_argument_is_checked(gz: Gazetteer) -> None:
    assert gz.candidates("Caracas", kinds="city")[0].kind == "city"
    assert gz.candidates("Caracas", kinds=["sea"]) == []  # the name exists: no fuzzy guesses
    with pytest.raises(ValueError, match="kind"):
        gz.candidates("Caracas", kinds=["town"])


def test_gazetteer_and_candidates_pickle_for_dask(gz: Gazetteer) -> None:
    import pickle

    again = pickle.loads(pickle.dumps(gz))
    assert again.candidates("Caracas")[0].id == gz.candidates("Caracas")[0].id
    cand = pickle.loads(pickle.dumps(gz.candidates("Spain")[0]))
    assert cand.geometry().contains(shapely.Point(-3.7038, 40.4168))


@settings(max_examples=30, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gives_a_list_never_an_error(text: str) -> None:
    found = GZ.candidates(text)
    assert isinstance(found, list) and all(isinstance(c, Candidate) for c in found)
    assert normalize_name(normalize_name(text)) == normalize_name(text)


def test_capitals_are_the_national_capitals_most_populous_first() -> None:
    gz = GZ
    names = {iso2: gz.capital(iso2).name for iso2 in ("VE", "US", "ES", "NL", "CO")}
    assert names == {
        "VE": "Caracas",
        "US": "Washington",
        "ES": "Madrid",
        "NL": "Amsterdam",
        "CO": "Bogotá",
    }
    assert gz.capital("us") is not None and gz.capital("ZZ") is None


def test_us_states_are_areas_with_their_polygon() -> None:
    """Natural Earth's US states carry only a name: they are joined to GeoNames by it."""
    texas = next(c for c in GZ.candidates("Texas", kinds=["admin1"]) if c.country == "US")
    polygon = GZ.geometry(texas.id)
    assert polygon is not None
    assert polygon.contains(shapely.Point(-97.74, 30.27))  # Austin
    assert not polygon.contains(shapely.Point(-90.07, 29.95))  # New Orleans, Louisiana
