"""Antimeridian splitting (maps.geojson) over every gazetteer polygon, and `map` on an
article naming the places that cross ±180 (issue 23)."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely
from pyproj import Transformer
from shapely.affinity import translate
from shapely.geometry import MultiPolygon, shape
from shapely.geometry.base import BaseGeometry

from conflictmap.cli import main
from gazetteer.store import Gazetteer
from maps.frames import write_frame_geojson

# Lambert cylindrical equal-area: a lon/lat-planar edge along a parallel or meridian stays
# straight, so the areas are those of the planar shapes the gazetteer stores (a geodesic
# area would read Antarctica's edge along the pole as a point). +over keeps lon > 180.
_CEA = Transformer.from_pipeline(
    "+proj=pipeline +step +proj=unitconvert +xy_in=deg +xy_out=rad "
    "+step +proj=cea +ellps=WGS84 +over"
)
TOLERANCE = 1e-3  # 0.1 %


def _area(geom: BaseGeometry) -> float:
    return shapely.transform(geom, lambda xy: np.column_stack(_CEA.transform(*xy.T))).area


@pytest.fixture(scope="module")
def store_polygons() -> dict[str, BaseGeometry]:
    gz = Gazetteer.open()
    rows = gz._db.execute("SELECT g.pid, p.key FROM geoms g JOIN places p USING (pid)")
    ids = [key or f"gn:{pid}" for pid, key in rows]
    return {pid: gz.geometry(pid) for pid in ids}


def _export(tmp_path: Path, geoms: dict[str, BaseGeometry]) -> dict[str, BaseGeometry]:
    frame = gpd.GeoDataFrame({"id": list(geoms)}, geometry=list(geoms.values()), crs=4326)
    doc = json.loads(write_frame_geojson(tmp_path / "places.geojson", frame).read_text())
    return {f["id"]: f["geometry"] for f in doc["features"]}


def _check(before: dict[str, BaseGeometry], after: dict[str, dict]) -> float:
    """Assert RFC 7946 form, validity and area; return the worst relative area error."""
    worst = 0.0
    for pid, original in before.items():
        geom = shape(after[pid])
        assert geom.is_valid, pid
        xy = shapely.get_coordinates(geom)
        assert (np.abs(xy[:, 0]) <= 180).all() and (np.abs(xy[:, 1]) <= 90).all(), pid
        for poly in shapely.get_parts(geom):
            assert poly.exterior.is_ccw, pid
            assert not any(ring.is_ccw for ring in poly.interiors), pid
        err = abs(_area(geom) - _area(original)) / _area(original)
        assert err < TOLERANCE, (pid, err)
        worst = max(worst, err)
    return worst


def test_every_gazetteer_polygon_exports_valid_with_its_area(tmp_path, store_polygons):
    assert len(store_polygons) > 6000  # countries, admin1, seas, regions
    worst = _check(store_polygons, _export(tmp_path, store_polygons))
    print(f"{len(store_polygons)} polygons, worst area error {worst:.2e}")


def _unwrapped(geom: BaseGeometry) -> BaseGeometry:
    """The same place with its western parts moved east of 180 and merged across it."""
    parts = [
        translate(p, xoff=360.0) if p.representative_point().x < 0 else p
        for p in shapely.get_parts(geom)
    ]
    return shapely.union_all(parts)


def test_every_crossing_polygon_split_from_continuous_longitudes(tmp_path, store_polygons):
    crossing = {
        pid: g for pid, g in store_polygons.items()
        if g.bounds[0] <= -179.99 and g.bounds[2] >= 179.99
    }  # fmt: skip
    assert {"gn:2017370", "ne:admin0:ata", "gn:2205218"} <= set(crossing)  # Russia, Fiji
    continuous = {pid: _unwrapped(g) for pid, g in crossing.items()}
    assert all(g.bounds[2] > 180 for g in continuous.values())
    exported = _export(tmp_path, continuous)
    _check(crossing, exported)
    for pid, original in crossing.items():
        diff = _area(shape(exported[pid]).symmetric_difference(original))
        assert diff / _area(original) < TOLERANCE, pid  # the same shape, cut at 180


def test_ring_stepping_across_180_is_split(tmp_path):
    ring = [(170, -20), (-170, -20), (-170, -10), (170, -10)]
    hole = [(175, -16), (-175, -16), (-175, -14), (175, -14)]
    got = shape(_export(tmp_path, {"t": shapely.Polygon(ring, [hole])})["t"])
    assert isinstance(got, MultiPolygon) and len(got.geoms) == 2
    assert got.area == pytest.approx(200 - 20)


def test_map_of_places_across_the_antimeridian(tmp_path):
    article = tmp_path / "roundup.txt"
    article.write_text(
        "World roundup\n2 September 2025\n\nRussia launched missile strikes on Monday, while "
        "the United States announced new sanctions. New Zealand and Fiji sent aid after "
        "flooding in Kiribati. Scientists in Antarctica reported an attack on a research "
        "station. Naval clashes were reported in the Pacific and in the Bering Sea.\n"
    )
    out = tmp_path / "out"
    assert main(["map", str(article), "-o", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "events.geojson", "map.html", "places.geojson"
    ]  # fmt: skip
    places = json.loads((out / "places.geojson").read_text())["features"]
    areas = [shape(f["geometry"]) for f in places if f["geometry"]["type"] != "Point"]
    assert len(areas) >= 5 and all(g.is_valid for g in areas)


def test_map_failing_writer_keeps_the_previous_outputs(tmp_path, monkeypatch):
    article = tmp_path / "a.txt"
    article.write_text("Fighting\n2 September 2025\n\nClashes in Fiji killed two people.\n")
    out = tmp_path / "out"
    assert main(["map", str(article), "-o", str(out)]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def fail(*args: object, **kwargs: object) -> None:
        raise RuntimeError("writer failed")

    monkeypatch.setattr("maps.geojson.write_places_geojson", fail)
    article.write_text("Fighting\n3 September 2025\n\nClashes in Samoa killed two people.\n")
    with pytest.raises(RuntimeError):
        main(["map", str(article), "-o", str(out)])
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
