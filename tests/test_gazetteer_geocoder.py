"""The geopy adapters and the `conflictmap geocode` / `gazetteer` commands."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from geopy.geocoders.base import Geocoder
from geopy.location import Location
from geopy.point import Point

from conflictmap.cli import main
from gazetteer import Gazetteer, GazetteerError, OfflineGeocoder
from gazetteer.geocoder import FallbackGeocoder


@pytest.fixture(scope="module")
def geocoder() -> OfflineGeocoder:
    return OfflineGeocoder(Gazetteer.open())


def test_offline_geocoder_is_a_geopy_geocoder(geocoder: OfflineGeocoder) -> None:
    assert isinstance(geocoder, Geocoder)
    loc = geocoder.geocode("Caracas")
    assert isinstance(loc, Location) and "Caracas" in loc.address
    assert abs(loc.latitude - 10.49) < 0.1 and abs(loc.longitude + 66.88) < 0.1
    assert loc.raw["country"] == "VE" and loc.raw["id"].startswith("gn:")
    many = geocoder.geocode("Springfield", exactly_one=False, limit=4, country_codes="US")
    assert len(many) == 4 and all(m.raw["country"] == "US" for m in many)
    assert geocoder.geocode("Valencia, Spain").raw["country"] == "ES"
    assert geocoder.geocode("") is None and geocoder.geocode("zzzzqqqxx") is None


def test_reverse(geocoder: OfflineGeocoder) -> None:
    loc = geocoder.reverse("10.49, -66.88")
    assert loc.raw["name"] == "Caracas"
    layers = geocoder.reverse(Point(10.49, -66.88), exactly_one=False)
    kinds = [x.raw["kind"] for x in layers]
    assert kinds[:3] == ["city", "admin1", "country"]
    assert geocoder.reverse((15.0, -75.0)).raw["name"] == "Caribbean Sea"


class FakeOnline(Geocoder):
    """Stands in for Nominatim: counts calls, never touches the network."""

    def __init__(self) -> None:
        super().__init__()
        self.calls = 0

    def geocode(self, query: str, exactly_one: bool = True, **kwargs: object) -> Location:
        self.calls += 1
        return Location(f"{query}, Online", Point(1.0, 2.0), {"q": query})


def test_fallback_goes_online_once_then_uses_the_cache(tmp_path: Path) -> None:
    online = FakeOnline()
    fb = FallbackGeocoder(online, tmp_path / "cache.sqlite", min_delay_seconds=0.0)
    assert fb.geocode("Caracas").raw["country"] == "VE" and online.calls == 0
    first = fb.geocode("Nowhere-in-the-gazetteer Farm")
    second = fb.geocode("Nowhere-in-the-gazetteer Farm")
    assert online.calls == 1 and first.address == second.address == (
        "Nowhere-in-the-gazetteer Farm, Online"
    )
    assert (second.latitude, second.longitude) == (1.0, 2.0)
    fb.close()
    rows = sqlite3.connect(tmp_path / "cache.sqlite").execute("SELECT count(*) FROM cache")
    assert rows.fetchone()[0] == 1


def test_cli_geocode_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["geocode", "Caracas", "--json", "--limit", "2"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out[0]["name"] == "Caracas" and out[0]["geonameid"] == 3646738
    assert {"name", "kind", "country", "lat", "lon", "population", "score"} <= out[0].keys()


def test_cli_geocode_geometry_and_country(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["geocode", "southern Caribbean", "--json", "--geometry"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out[0]["kind"] == "derived" and out[0]["geometry"]["type"] in ("Polygon", "MultiPolygon")
    assert main(["geocode", "Springfield", "--country", "US", "--limit", "5"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 5 and all(", US" in line for line in lines)


def test_cli_geocode_bad_input(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["geocode", "   "]) == 2
    assert "empty query" in capsys.readouterr().err
    assert main(["geocode", "qqqxxxzzzyyy"]) == 1
    assert main(["geocode", "x" * 10_000]) == 1


def test_missing_or_corrupt_store_says_how_to_rebuild(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(GazetteerError, match="conflictmap gazetteer build"):
        Gazetteer.open(tmp_path / "missing.sqlite")
    bad = tmp_path / "corrupt.sqlite"
    bad.write_bytes(b"this is not a database" * 100)
    with pytest.raises(GazetteerError, match="conflictmap gazetteer build"):
        Gazetteer.open(bad)
    assert main(["geocode", "Caracas", "--gazetteer", str(bad)]) == 2
    assert "gazetteer build" in capsys.readouterr().err


def test_cli_gazetteer_info_and_bad_build_dir(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["gazetteer", "info"]) == 0
    out = capsys.readouterr().out
    assert "schema_version: 1" in out and "city: " in out and "GeoNames" in out
    assert main(["gazetteer", "build", "--data", str(tmp_path), "-o", str(tmp_path / "x")]) == 2
    assert "not a gazetteer data directory" in capsys.readouterr().err
    assert main(["gazetteer"]) == 2


def test_no_match_is_none_like_geopy(geocoder: OfflineGeocoder) -> None:
    assert geocoder.geocode("qqqxxxzzzyyy", exactly_one=False) is None
    assert geocoder.geocode("   ", exactly_one=False) is None


@pytest.mark.parametrize(("query", "country", "admin1"), [
    ("Caracas, Venezuela", "VE", None),
    ("Paris, Texas", "US", "Texas"),
    ("Paris, France", "FR", None),
    ("Springfield, Illinois", "US", "Illinois"),
    ("Valencia, ES", "ES", None),
])  # fmt: skip
def test_a_qualified_query_is_the_same_for_the_cli_and_the_api(
    geocoder: OfflineGeocoder, capsys: pytest.CaptureFixture[str], query: str, country: str,
    admin1: str | None,
) -> None:
    loc = geocoder.geocode(query)
    assert loc.raw["country"] == country and (admin1 is None or loc.raw["admin1"] == admin1)
    assert main(["geocode", query, "--json", "--limit", "1"]) == 0
    (first,) = json.loads(capsys.readouterr().out)
    assert first["id"] == loc.raw["id"]


def test_country_filters_and_rejects_an_unknown_code(
    geocoder: OfflineGeocoder, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["geocode", "Paris", "--country", "us", "--json"]) == 0
    assert {c["country"] for c in json.loads(capsys.readouterr().out)} == {"US"}
    assert main(["geocode", "Paris", "--country", "XX"]) == 2
    assert "unknown country code 'XX'" in capsys.readouterr().err
    with pytest.raises(ValueError, match="ISO 3166-1"):
        geocoder.geocode("Paris", country_codes="Narnia")


@pytest.mark.parametrize(("query", "name"), [
    ("the Pacific", "Pacific Ocean"),
    ("Atlantic", "Atlantic Ocean"),
    ("Pacific, Missouri", "Pacific"),
])  # fmt: skip
def test_an_ocean_by_its_short_name(geocoder: OfflineGeocoder, query: str, name: str) -> None:
    found = geocoder.geocode(query)
    assert found is not None and found.raw["name"] == name
