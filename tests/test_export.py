"""Every export format read back with the tools users have (pyogrio, geopandas, pandas)."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path
from xml.etree import ElementTree as ET

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
import shapely
from conftest import CARACAS, CARIBBEAN_SOUTH, make_article, make_event, synthetic_events
from shapely.geometry import MultiPolygon, Point, Polygon, box

from geo.errors import OutputError
from geo.model import Place
from maps.acled import ACLED_COLUMNS, EXTRA_COLUMNS
from maps.export import FORMATS, sidecar_path, write_events
from maps.features import EVENT_COLUMNS, PLACE_COLUMNS
from maps.frames import events_frame
from maps.geojson import write_places_geojson

HOSTILE = 'US forces <script>alert("x")</script> & struck a boat off "Venezuela".'


@pytest.fixture
def sample():
    """Two events (an area and a city), one article with hostile text."""
    a = make_article(HOSTILE, title="Strike <b>report</b>")
    b = make_article("Thousands protested in Caracas.", source="Radio <Caracas>")
    events = [make_event(a, fatalities=4), make_event(b, CARACAS, label=2)]
    return events, {a.id: a, b.id: b}


# --- a strict RFC 7946 checker ----------------------------------------------------------

DECIMALS = re.compile(r"-?\d+(\.\d{1,6})?(e-?\d+)?")


def _ring_area(ring: list[list[float]]) -> float:
    xy = np.array(ring)
    return float(np.sum(xy[:-1, 0] * xy[1:, 1] - xy[1:, 0] * xy[:-1, 1]) / 2)


def _check_position(pos: list[float], text: str) -> None:
    assert len(pos) == 2 and all(isinstance(v, float | int) for v in pos), pos
    lon, lat = pos
    assert -180 <= lon <= 180 and -90 <= lat <= 90, pos


def _check_polygon(rings: list[list[list[float]]]) -> None:
    for i, ring in enumerate(rings):
        assert len(ring) >= 4 and ring[0] == ring[-1], "rings are closed, 4+ positions"
        # exterior counter-clockwise, holes clockwise (RFC 7946 §3.1.6)
        assert (_ring_area(ring) > 0) == (i == 0), "right-hand rule"
        lons = [p[0] for p in ring]
        assert max(abs(a - b) for a, b in zip(lons, lons[1:], strict=False)) <= 180, "split"


def _positions(geometry: dict) -> list[list[float]]:
    coords = np.array(shapely.get_coordinates(shapely.geometry.shape(geometry))).tolist()
    return coords


def check_rfc7946(path: Path) -> dict:
    """Fail on anything RFC 7946 forbids; return the parsed document."""
    text = path.read_text(encoding="utf-8")
    doc = json.loads(text)
    assert doc["type"] == "FeatureCollection"
    assert "crs" not in doc, "RFC 7946 §4: no crs member"
    all_positions = []
    for feature in doc["features"]:
        assert feature["type"] == "Feature" and "properties" in feature
        assert "crs" not in feature
        geometry = feature["geometry"]
        assert geometry["type"] in {"Point", "Polygon", "MultiPolygon"}
        if geometry["type"] == "Polygon":
            _check_polygon(geometry["coordinates"])
        elif geometry["type"] == "MultiPolygon":
            for polygon in geometry["coordinates"]:
                _check_polygon(polygon)
        positions = _positions(geometry)
        for pos in positions:
            _check_position(pos, text)
        all_positions.extend(positions)
    # every number has at most 6 decimals
    for number in re.findall(r"(?<=[\[,])-?\d+\.\d+(?=[,\]])", text):
        assert DECIMALS.fullmatch(number), number
    if all_positions:
        xy = np.array(all_positions)
        assert doc["bbox"] == [*xy.min(axis=0).tolist(), *xy.max(axis=0).tolist()]
    return doc


# --- GeoJSON ----------------------------------------------------------------------------


def test_geojson_is_strict_rfc7946_lon_lat(tmp_path, sample):
    events, articles = sample
    written = write_events(tmp_path / "ev.geojson", events, [], articles)
    assert written == [tmp_path / "ev.geojson", tmp_path / "ev.places.geojson"]
    doc = check_rfc7946(written[0])
    by_place = {f["properties"]["place_id"]: f for f in doc["features"]}
    assert by_place["gn:3646738"]["geometry"]["coordinates"] == [-66.8792, 10.488]  # lon, lat
    assert list(doc["features"][0]["properties"]) == EVENT_COLUMNS
    places = check_rfc7946(written[1])
    area = {f["id"]: f for f in places["features"]}[CARIBBEAN_SOUTH.id]
    assert area["geometry"]["type"] == "Polygon"
    # every event's place_id names a feature of the places layer
    assert set(by_place) <= {f["id"] for f in places["features"]}


def test_geojson_reads_back_with_pyogrio(tmp_path):
    events, articles = synthetic_events(300)
    path = write_events(tmp_path / "ev.geojson", events, [], articles)[0]
    back = pyogrio.read_dataframe(path)
    expected = events_frame(events, articles)
    assert len(back) == 300
    assert back["id"].tolist() == expected["id"].tolist()
    assert np.allclose(
        shapely.get_coordinates(back.geometry.values),
        np.round(shapely.get_coordinates(expected.geometry.values), 6),
    )
    assert back["fatalities"].dtype.kind == "i"
    assert back["sources"].tolist() == expected["sources"].tolist()


def test_geojson_splits_antimeridian_and_orients_rings(tmp_path):
    wrapped = Polygon([(170, -20), (-170, -20), (-170, -10), (170, -10)])  # crosses 180
    unwrapped = box(170, 10, 190, 20)  # lon > 180
    clockwise = Polygon([(0, 0), (0, 1), (1, 1), (1, 0)])
    places = [
        Place(id="t:wrapped", name="Fiji-ish", kind="region", point=(179, -15), area=wrapped),
        Place(id="t:unwrapped", name="Over 180", kind="region", point=(180, 15), area=unwrapped),
        Place(id="t:cw", name="Clockwise", kind="region", point=(0.5, 0.5), area=clockwise),
        Place(id="t:east", name="East point", kind="city", point=(190.5, 1.0)),
    ]
    path = write_places_geojson(tmp_path / "places.geojson", places)
    doc = check_rfc7946(path)
    features = {f["id"]: f for f in doc["features"]}
    for key in ("t:wrapped", "t:unwrapped"):
        geom = shapely.geometry.shape(features[key]["geometry"])
        assert geom.geom_type == "MultiPolygon" and len(geom.geoms) == 2
        assert geom.area == pytest.approx(200)
    assert features["t:cw"]["geometry"]["coordinates"][0][1] == [1.0, 0.0]  # turned CCW
    assert features["t:east"]["geometry"]["coordinates"] == [-169.5, 1.0]
    assert doc["bbox"][0] == -180.0 and doc["bbox"][2] == 180.0


def test_geojson_rounds_to_six_decimals(tmp_path):
    place = Place(id="t:p", name="P", kind="city", point=(1.123456789, -2.987654321))
    article = make_article()
    path = write_events(tmp_path / "e.geojson", [make_event(article, place)], [], {})[0]
    doc = check_rfc7946(path)
    assert doc["features"][0]["geometry"]["coordinates"] == [1.123457, -2.987654]


# --- every format: deterministic, atomic ------------------------------------------------


@pytest.mark.parametrize("ext", FORMATS)
def test_every_format_is_deterministic_and_order_independent(tmp_path, sample, ext):
    events, articles = sample
    first = write_events(tmp_path / f"a{ext}", events, [], articles)
    second = write_events(tmp_path / f"b{ext}", list(reversed(events)), [], articles)
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in first + second), (
        "no temp files left behind"
    )


@pytest.mark.parametrize("ext", FORMATS)
def test_every_format_writes_an_empty_file_for_no_events(tmp_path, ext):
    written = write_events(tmp_path / f"empty{ext}", [], [], {})
    assert all(p.stat().st_size > 0 for p in written)


def test_failed_write_leaves_previous_file_and_no_temp(tmp_path, sample, monkeypatch):
    events, articles = sample
    target = tmp_path / "ev.gpkg"
    write_events(target, events, [], articles)
    before = target.read_bytes()

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(pyogrio, "write_dataframe", boom)
    with pytest.raises(OutputError, match="ev.gpkg"):
        write_events(target, events[:1], [], articles)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["ev.gpkg"]


def test_unknown_extension_is_an_error(tmp_path, sample):
    with pytest.raises(OutputError, match="unknown format"):
        write_events(tmp_path / "ev.shp", *sample[:1], [], sample[1])


# --- GeoPackage, GeoParquet ---------------------------------------------------------------


def test_gpkg_has_events_places_and_areas_layers(tmp_path, sample):
    events, articles = sample
    path = write_events(tmp_path / "ev.gpkg", events, [CARACAS], articles)[0]
    layers = dict(pyogrio.list_layers(path).tolist())
    assert layers == {"events": "Point", "places": "Point", "areas": "MultiPolygon"}
    ev = pyogrio.read_dataframe(path, layer="events")
    pl = pyogrio.read_dataframe(path, layer="places")
    areas = pyogrio.read_dataframe(path, layer="areas")
    assert len(ev) == 2 and len(pl) == 2
    assert list(areas["id"]) == [CARIBBEAN_SOUTH.id]
    assert pl[pl["id"] == CARIBBEAN_SOUTH.id].geometry.iloc[0].equals(Point(CARIBBEAN_SOUTH.point))
    assert list(ev.columns) == [*EVENT_COLUMNS, "geometry"]
    assert list(pl.columns) == [*PLACE_COLUMNS, "geometry"]
    assert ev.crs.to_epsg() == 4326
    caracas = ev[ev["place_id"] == CARACAS.id].iloc[0]
    assert caracas.geometry.equals(Point(CARACAS.point))
    strike = ev[ev["place_id"] == CARIBBEAN_SOUTH.id].iloc[0]
    assert strike["fatalities"] == 4 and strike["sentence"] == HOSTILE
    assert areas.geometry.iloc[0].equals(MultiPolygon([CARIBBEAN_SOUTH.area]))
    info = pyogrio.read_info(path, layer="events")
    assert dict(zip(info["fields"], info["dtypes"], strict=True))["fatalities"] == "int64"


def test_geoparquet_reads_back_with_geopandas(tmp_path):
    events, articles = synthetic_events(200)
    written = write_events(tmp_path / "ev.parquet", events, [], articles)
    assert written[1] == sidecar_path(written[0]) == tmp_path / "ev.places.parquet"
    back = gpd.read_parquet(written[0])
    expected = events_frame(events, articles)
    assert len(back) == 200 and back.crs.to_epsg() == 4326
    assert back["id"].tolist() == expected["id"].tolist()
    assert back.geometry.geom_equals(expected.geometry).all()
    assert back["label"].tolist() == expected["label"].tolist()
    assert str(back["inter2"].dtype) == "Int64" and back["inter2"].isna().all()
    import pyarrow.parquet as pq

    geo = json.loads(pq.read_schema(written[0]).metadata[b"geo"])
    assert geo["primary_column"] == "geometry" and geo["version"].startswith("1.")
    assert len(gpd.read_parquet(written[1])) == 200


# --- CSV (ACLED layout) ---------------------------------------------------------------------


def test_csv_has_acled_columns_in_order_then_ours(tmp_path, sample):
    events, articles = sample
    path = write_events(tmp_path / "ev.csv", events, [], articles)[0]
    table = pd.read_csv(path)
    assert list(table.columns) == ACLED_COLUMNS + EXTRA_COLUMNS
    assert list(table.columns[:31]) == ACLED_COLUMNS
    row = table[table["location"] == "Caracas"].iloc[0]
    assert row["event_date"] == "2025-09-02" and row["year"] == 2025
    assert (row["iso"], row["country"], row["region"]) == (862, "Venezuela", "South America")
    assert (row["latitude"], row["longitude"]) == (10.488, -66.8792)
    assert row["disorder_type"] == "Demonstrations" and row["event_type"] == "Protests"
    assert row["source"] == "Radio <Caracas>" and row["tags"] == "vessels=1"
    assert row["interaction"] == 80 and row["country_code"] == "VE"
    strike = table[table["location"] == "southern Caribbean"].iloc[0]
    assert strike["notes"] == HOSTILE and strike["fatalities"] == 4
    assert strike["timestamp"] == 1758585600  # publication day, not the clock


def test_csv_and_kml_take_undated_events(tmp_path):
    article = make_article()
    undated = replace(make_event(article), date=None, date_start=None, date_end=None)
    table = pd.read_csv(write_events(tmp_path / "u.csv", [undated], [], {})[0])
    assert table["event_date"].isna().all() and table["year"].isna().all()
    kml = write_events(tmp_path / "u.kml", [undated], [], {})[0].read_text(encoding="utf-8")
    assert "<TimeStamp>" not in kml and "boat strike" in kml


@pytest.mark.parametrize("ext", FORMATS)
def test_an_event_without_a_place_is_written_without_coordinates(tmp_path, sample, ext):
    events, articles = sample
    placeless = replace(make_event(make_article("A boat was struck."), label=3), place=None)
    path = write_events(tmp_path / f"ev{ext}", [*events, placeless], [], articles)[0]
    if ext == ".kml":
        root = ET.parse(path).getroot()
        marks = [m for m in root.findall(".//{*}Placemark") if m.get("id").startswith("event-")]
        assert len(marks) == 3 and len(root.findall(".//{*}Point")) == 2
        return
    if ext == ".csv":
        table = pd.read_csv(path)
        assert len(table) == 3
        row = table[table["event_id_cnty"] == placeless.id].iloc[0]
        assert np.isnan(row["latitude"]) and np.isnan(row["longitude"])
        return
    layer = {"layer": "events"} if ext == ".gpkg" else {}
    frame = gpd.read_parquet(path) if ext == ".parquet" else gpd.read_file(path, **layer)
    assert len(frame) == 3
    row = frame[frame["id"] == placeless.id].iloc[0]
    assert row.geometry is None and pd.isna(row["location"])
    if ext == ".geojson":
        (feature,) = [f for f in json.loads(path.read_text())["features"]
                      if f["properties"]["id"] == placeless.id]  # fmt: skip
        assert feature["geometry"] is None


# --- KML --------------------------------------------------------------------------------------


def test_kml_folders_per_event_type_and_escaped_popups(tmp_path, sample):
    events, articles = sample
    path = write_events(tmp_path / "ev.kml", events, [], articles)[0]
    raw = path.read_text(encoding="utf-8")
    assert "<script>" not in raw
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    root = ET.parse(path).getroot()
    folders = root.findall("k:Document/k:Folder", ns)
    assert [f.findtext("k:name", namespaces=ns) for f in folders] == [
        "Explosions/Remote violence",
        "Protests",
        "Areas",  # the southern Caribbean's polygon
    ]
    strike = folders[0].find("k:Placemark", ns)
    description = strike.findtext("k:description", namespaces=ns)
    # after XML unescaping the balloon is HTML with the article text still escaped
    assert "&lt;script&gt;" in description and "<script>" not in description
    assert "Strike &lt;b&gt;report&lt;/b&gt;" in description
    coords = strike.findtext("k:Point/k:coordinates", namespaces=ns)
    assert coords == "-68.0,12.8"
    layers = pyogrio.list_layers(path)[:, 0].tolist()
    assert layers == ["Explosions/Remote violence", "Protests", "Areas"]
    back = pyogrio.read_dataframe(path, layer="Protests")
    assert len(back) == 1 and back.geometry.iloc[0].x == pytest.approx(CARACAS.lon)
    areas = pyogrio.read_dataframe(path, layer="Areas")
    assert list(areas["Name"]) == ["southern Caribbean"]
    assert areas.geometry.iloc[0].equals(MultiPolygon([CARIBBEAN_SOUTH.area]))


def test_dates_are_dates_in_geopackage_and_geoparquet(tmp_path, sample):
    import pyarrow.parquet as pq

    events, articles = sample
    undated = replace(events[0], id="undated", date=None, date_start=None, date_end=None)
    gpkg, *_ = write_events(tmp_path / "e.gpkg", [*events, undated], [], articles)
    info = pyogrio.read_info(gpkg, layer="events")
    types = dict(zip(info["fields"], info["dtypes"], strict=True))
    assert {types[c] for c in ("date", "date_start", "date_end")} == {"datetime64[D]"}
    frame = pyogrio.read_dataframe(gpkg, layer="events")
    assert frame["date"].max() == pd.Timestamp(max(e.date for e in events))
    assert frame.loc[frame["id"] == "undated", "date"].isna().all()
    parquet, *_ = write_events(tmp_path / "e.parquet", events, [], articles)
    schema = pq.read_schema(parquet)
    types = {str(schema.field(c).type) for c in ("date", "date_start", "date_end")}
    assert types == {"date32[day]"}


def test_kml_has_the_areas_as_polygons(tmp_path, sample):
    events, articles = sample
    (path,) = write_events(tmp_path / "ev.kml", events, [CARACAS], articles)
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    root = ET.parse(path).getroot()
    folders = root.iterfind(".//k:Folder", ns)
    (folder,) = [f for f in folders if f.findtext("k:name", None, ns) == "Areas"]
    (mark,) = folder.findall("k:Placemark", ns)
    assert mark.findtext("k:name", None, ns) == "southern Caribbean"
    ring = mark.findtext(".//k:Polygon/k:outerBoundaryIs/k:LinearRing/k:coordinates", None, ns)
    corners = {tuple(map(float, p.split(","))) for p in ring.split()}
    assert corners == {(-76.0, 11.0), (-61.0, 11.0), (-61.0, 14.5), (-76.0, 14.5)}
