"""Building a store from a small synthetic GeoNames dump (streamed, chunked, reproducible)."""

from __future__ import annotations

import gzip
import json
import zipfile
from pathlib import Path

import pytest

from gazetteer import Gazetteer
from gazetteer.build import build, buildkit
from gazetteer.build.layers_areas import admin2_base

COUNTRIES = {
    "VE": {
        "geonameid": 3625428,
        "name": "Venezuela",
        "iso3": "VEN",
        "capital": "Caracas",
        "population": 28_000_000,
    },
    "CO": {
        "geonameid": 3686110,
        "name": "Colombia",
        "iso3": "COL",
        "capital": "Bogota",
        "population": 49_000_000,
    },
}
# geonameid, name, asciiname, alternates, lat, lon, class, code, cc, admin1, population
ROWS = [
    (
        3646738,
        "Caracas",
        "Caracas",
        "Karakas,CCS,ka la ka si",
        10.488,
        -66.879,
        "P",
        "PPLC",
        "VE",
        "25",
        3_000_000,
    ),
    (3625549, "Valencia", "Valencia", "", 10.162, -68.008, "P", "PPLA", "VE", "08", 1_385_000),
    (
        3688689,
        "Bogotá",
        "Bogota",
        "Santa Fe de Bogota",
        4.61,
        -74.08,
        "P",
        "PPLC",
        "CO",
        "34",
        7_674_366,
    ),
    (3666666, "Valencia", "Valencia", "", 8.25, -76.15, "P", "PPL", "CO", "12", 4_000),
    (3999999, "Hamlet", "Hamlet", "", 9.0, -70.0, "P", "PPL", "VE", "08", 120),  # < 500: dropped
    (
        3640847,
        "Distrito Federal",
        "Distrito Federal",
        "Capital District",
        10.5,
        -66.9,
        "A",
        "ADM1",
        "VE",
        "25",
        0,
    ),
    (3645213, "Carabobo", "Carabobo", "", 10.17, -68.0, "A", "ADM1", "VE", "08", 0),
    (4563233, "Caribbean Sea", "Caribbean Sea", "Mar Caribe", 15.0, -75.0, "H", "SEA", "", "", 0),
]


def write_data(root: Path) -> tuple[Path, Path]:
    """A minimal raw-data directory and an allCountries.zip-style dump."""
    gn = root / "data" / "geonames"
    gn.mkdir(parents=True)
    (gn / "countries.json").write_text(json.dumps(COUNTRIES), encoding="utf-8")
    (gn / "admin1CodesASCII.txt").write_text(
        "VE.25\tDistrito Federal\tDistrito Federal\t3640847\n"
        "VE.08\tCarabobo\tCarabobo\t3645213\nCO.34\tBogota D.C.\tBogota D.C.\t3688685\n",
        encoding="utf-8",
    )
    admin2 = (
        "VE.08.01\tMunicipio Valencia\tMunicipio Valencia\t9000001\n"
        "VE.25.01\tKarakas District\tKarakas District\t9000002\n"
        "VE.08.02\tLos Guayos Agency\tLos Guayos Agency\t9000003\n"
    )
    with gzip.open(gn / "admin2Codes.txt.gz", "wt", encoding="utf-8") as fh:
        fh.write(admin2)
    ne = root / "data" / "natural_earth" / "10m"
    ne.mkdir(parents=True)
    labels = [("Caracas City", 3646738, -66.9, 10.5), ("Wrongtown", 3625549, -60.0, 5.0)]
    towns = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": {
                    "name": name,
                    "nameascii": name,
                    "geonameid": gid,
                    "featurecla": "Populated place",
                    "longitude": lon,
                    "latitude": lat,
                },
            }
            for name, gid, lon, lat in labels
        ],
    }
    with gzip.open(ne / "ne_10m_populated_places_simple.geojson.gz", "wt", encoding="utf-8") as fh:
        json.dump(towns, fh)
    (gn / "nationalities.txt").write_text("venezuelan:VE\ncolombian:CO\n", encoding="utf-8")
    countries = root / "data" / "countries"
    countries.mkdir()
    info = [
        {
            "name": "Venezuela",
            "ISO": {"alpha2": "VE"},
            "latlng": [8.0, -66.0],
            "altSpellings": ["VE", "Bolivarian Republic of Venezuela"],
            "demonym": "Venezuelan",
        },
        {
            "name": "Colombia",
            "ISO": {"alpha2": "CO"},
            "latlng": [4.0, -72.0],
            "altSpellings": ["CO"],
            "demonym": "Colombian",
        },
    ]
    with gzip.open(countries / "countryinfo_all.json.gz", "wt", encoding="utf-8") as fh:
        json.dump(info, fh)
    lines = []
    for gid, name, ascii_, alts, lat, lon, fcl, code, cc, a1, pop in ROWS:
        cells = [
            gid,
            name,
            ascii_,
            alts,
            lat,
            lon,
            fcl,
            code,
            cc,
            "",
            a1,
            "",
            "",
            "",
            pop,
            "",
            "0",
            "America/Caracas",
            "2024-01-01",
        ]
        lines.append("\t".join(str(c) for c in cells))
    dump = root / "allCountries.zip"
    with zipfile.ZipFile(dump, "w") as zf:
        zf.writestr("allCountries.txt", "\n".join(lines) + "\n")
    return root / "data", dump


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    root = tmp_path_factory.mktemp("gz")
    data, dump = write_data(root)
    out = root / "out" / "gazetteer.sqlite"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(buildkit, "CHUNK_ROWS", 2)  # force several chunks
        build(data, out, geonames_dump=dump)
    return data, dump, out


def test_build_from_synthetic_dump(built: tuple[Path, Path, Path]) -> None:
    _, _, out = built
    gz = Gazetteer.open(out)
    caracas = gz.candidates("Karakas")[0]
    assert (caracas.name, caracas.feature_code, caracas.match) == ("Caracas", "PPLC", "alias")
    assert gz.candidates("ka la ka si") == [] or gz.candidates("ka la ka si")[0].match == "fuzzy"
    assert gz.candidates("CCS") == []  # airport-style codes are dropped
    assert gz.candidates("Hamlet") == []  # below the population floor
    assert gz.candidates("Valencia")[0].country == "VE"
    assert gz.candidates("Valencia", country="CO")[0].country == "CO"
    assert gz.candidates("Bogota")[0].name == "Bogotá"
    assert gz.candidates("Venezuelan")[0].match == "demonym"
    assert gz.candidates("Caribbean Sea")[0].kind == "sea"
    carabobo = gz.candidates("Carabobo", kinds=["admin1"])[0]
    assert (carabobo.lat, carabobo.lon) == (10.17, -68.0)  # the dump's ADM1 point
    assert gz.candidates("Valencia")[0].admin1 == "Carabobo"


def test_natural_earth_labels_are_town_names(built: tuple[Path, Path, Path]) -> None:
    gz = Gazetteer.open(built[2])
    caracas = gz.candidates("Caracas City")[0]
    assert (caracas.name, caracas.match) == ("Caracas", "exact")
    assert gz.candidates("Wrongtown", fuzzy=False) == []  # its point is 700 km off: not Valencia


def test_admin2_base_names_and_seats(built: tuple[Path, Path, Path]) -> None:
    gz = Gazetteer.open(built[2])
    assert gz.candidates("Valencia")[0].kind == "city"  # the bare name: the town first
    unit = gz.candidates("Valencia", kinds=["admin2"])[0]
    assert (unit.name, unit.match, unit.lat, unit.lon) == (
        "Municipio Valencia",
        "alias",
        10.162,
        -68.008,
    )
    seat = gz.candidates("Karakas District")[0]  # seat found through the town's alias
    assert (seat.kind, seat.lat, seat.lon) == ("admin2", 10.488, -66.879)
    agency = gz.candidates("Los Guayos")[0]  # no town of that name: the admin-1's point
    assert (agency.name, agency.lat, agency.lon) == ("Los Guayos Agency", 10.17, -68.0)


@pytest.mark.parametrize(
    ("name", "base"),
    [
        ("khyber agency", "khyber"),
        ("gourma rharous cercle", "gourma rharous"),
        ("province du namentenga", "namentenga"),
        ("municipio de maracaibo", "maracaibo"),
        ("tank frontier region", "tank"),
        ("faskari", "faskari"),
    ],
)
def test_admin2_base(name: str, base: str) -> None:
    assert admin2_base(name) == base


def test_build_is_reproducible(built: tuple[Path, Path, Path], tmp_path: Path) -> None:
    data, dump, out = built
    again = tmp_path / "again.sqlite"
    build(data, again, geonames_dump=dump)
    assert again.read_bytes() == out.read_bytes()


def test_build_rejects_a_non_data_directory(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="--data"):
        build(tmp_path, tmp_path / "x.sqlite")
