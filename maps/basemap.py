"""The offline vector basemap: Natural Earth land, lakes, borders and labels, quantised.

`build_basemap(natural_earth_dir, out)` runs once, at build time, and writes the compact
JSON committed at `maps/data/basemap.json`; `load_basemap()` reads it from the package at
run time (the map inlines it, the static PNG decodes it with `basemap_geometries`).

File format (``conflictmap-basemap/1``): coordinates are integers ``round(deg * scale)``;
each ring or line is one flat list ``[x0, y0, dx1, dy1, ...]`` of deltas from the
previous vertex. ``layers.land`` and ``layers.lakes`` hold polygons (lists of rings, the
exterior first), ``layers.borders`` holds lines (all from the 1:50m data); ``overview``
holds the same layers, lighter (1:110m land, large lakes, borders simplified to ~10 km),
drawn below zoom ``overview_max_zoom + 1``; ``labels`` holds
``[name, lon, lat, min_zoom, kind]`` with kind ``country`` or ``sea``.

Script: ``python -m maps.basemap NATURAL_EARTH_DIR -o maps/data/basemap.json`` (the raw
Natural Earth shapefiles, as listed in gazetteer/README.md).
"""

from __future__ import annotations

import argparse
import json
import math
from collections.abc import Iterable, Iterator
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shapely
from shapely.geometry import LineString, MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from geo.io import atomic_write

if TYPE_CHECKING:
    import geopandas as gpd

FORMAT = "conflictmap-basemap/1"
SCALE = 1000  # units per degree: 0.001 deg, about 100 m
SIMPLIFY = 0.01  # degrees, about 1 km: below what a 1:50m source resolves
OVERVIEW_SIMPLIFY = 0.1  # degrees, about 10 km: enough for zooms 2-3
OVERVIEW_MAX_ZOOM = 3
OVERVIEW_LAKE_RANK = 2  # Natural Earth scalerank of the lakes kept in the overview
ATTRIBUTION = "Natural Earth 1:50m (public domain)"


def _read(natural_earth_dir: Path, scale: str, name: str) -> gpd.GeoDataFrame:
    path = natural_earth_dir / scale / f"ne_{scale}_{name}.geojson.gz"
    if not path.is_file():
        raise FileNotFoundError(f"{path}: Natural Earth layer missing")
    import geopandas as gpd  # the build reads shapefiles; the map only loads the JSON

    return gpd.read_file(f"/vsigzip/{path}")


def _quantise(coords: Iterable[tuple[float, float]]) -> list[int]:
    """A flat delta-encoded list of quantised coordinates, repeated vertices dropped."""
    flat: list[int] = []
    px = py = 0
    last: tuple[int, int] | None = None
    for x, y in coords:
        qx, qy = round(x * SCALE), round(y * SCALE)
        if (qx, qy) == last:
            continue
        flat += [qx - px, qy - py]
        px, py, last = qx, qy, (qx, qy)
    return flat


def _polygons(geom: BaseGeometry) -> Iterator[Polygon]:
    if isinstance(geom, Polygon):
        yield geom
    elif isinstance(geom, MultiPolygon):
        yield from geom.geoms
    elif hasattr(geom, "geoms"):
        for part in geom.geoms:
            yield from _polygons(part)


def _lines(geom: BaseGeometry) -> Iterator[LineString]:
    if isinstance(geom, LineString):
        yield geom
    elif hasattr(geom, "geoms"):
        for part in geom.geoms:
            yield from _lines(part)


def encode_polygons(
    geoms: Iterable[BaseGeometry], tolerance: float = SIMPLIFY
) -> list[list[list[int]]]:
    """Simplified, quantised polygons; rings too small to draw are dropped."""
    out = []
    for geom in geoms:
        simple = shapely.simplify(geom, tolerance, preserve_topology=True)
        for poly in _polygons(simple):
            rings = [_quantise(poly.exterior.coords)]
            if len(rings[0]) < 8:
                continue
            rings += [r for r in (_quantise(i.coords) for i in poly.interiors) if len(r) >= 8]
            out.append(rings)
    return out


def encode_lines(geoms: Iterable[BaseGeometry], tolerance: float = SIMPLIFY) -> list[list[int]]:
    """Simplified, quantised lines."""
    out = []
    for geom in geoms:
        for line in _lines(shapely.simplify(geom, tolerance, preserve_topology=True)):
            flat = _quantise(line.coords)
            if len(flat) >= 4:
                out.append(flat)
    return out


def _labels(natural_earth_dir: Path) -> list[list[Any]]:
    labels: list[list[Any]] = []
    countries = _read(natural_earth_dir, "50m", "admin_0_countries")
    for row in countries.itertuples():
        zoom = max(2, math.floor(float(row.MIN_LABEL)))
        labels.append([row.NAME, round(row.LABEL_X, 2), round(row.LABEL_Y, 2), zoom, "country"])
    seas = _read(natural_earth_dir, "50m", "geography_marine_polys")
    for row in seas.itertuples():
        if not row.name or row.min_label is None or math.isnan(row.min_label):
            continue
        point = row.geometry.representative_point()
        name = " ".join(str(row.name).split())
        zoom = max(2, math.floor(float(row.min_label)) + 1)
        labels.append([name, round(point.x, 2), round(point.y, 2), zoom, "sea"])
    return sorted(labels, key=lambda lab: (lab[3], lab[4], lab[0], lab[1], lab[2]))


def build_basemap_data(natural_earth_dir: str | Path) -> dict[str, Any]:
    """The basemap as a JSON-ready dict, read from a Natural Earth directory (50m layers)."""
    root = Path(natural_earth_dir)
    land = _read(root, "50m", "land").geometry
    lakes = _read(root, "50m", "lakes")
    borders = _read(root, "50m", "admin_0_boundary_lines_land").geometry
    big_lakes = lakes[lakes.scalerank <= OVERVIEW_LAKE_RANK].geometry
    return {
        "format": FORMAT,
        "attribution": ATTRIBUTION,
        "scale": SCALE,
        "layers": {
            "land": encode_polygons(land),
            "lakes": encode_polygons(lakes.geometry),
            "borders": encode_lines(borders),
        },
        "overview_max_zoom": OVERVIEW_MAX_ZOOM,
        "overview": {
            "land": encode_polygons(_read(root, "110m", "land").geometry, OVERVIEW_SIMPLIFY / 2),
            "lakes": encode_polygons(big_lakes, OVERVIEW_SIMPLIFY),
            "borders": encode_lines(borders, OVERVIEW_SIMPLIFY),
        },
        "labels": _labels(root),
    }


def build_basemap(natural_earth_dir: str | Path, out: str | Path) -> Path:
    """Build the basemap from `natural_earth_dir` and write it (compact JSON) to `out`."""
    data = build_basemap_data(natural_earth_dir)
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    return atomic_write(out, text + "\n")


@cache
def load_basemap_text() -> str:
    """The packaged basemap JSON text (as committed, compact)."""
    return resources.files("maps").joinpath("data/basemap.json").read_text(encoding="utf-8")


def load_basemap() -> dict[str, Any]:
    """The packaged basemap, parsed."""
    return json.loads(load_basemap_text())


def _decode(flat: list[int], scale: int) -> list[tuple[float, float]]:
    coords, x, y = [], 0, 0
    for i in range(0, len(flat), 2):
        x += flat[i]
        y += flat[i + 1]
        coords.append((x / scale, y / scale))
    return coords


@cache
def packaged_geometries() -> dict[str, tuple[BaseGeometry, ...]]:
    """Shapely geometries of each layer of the packaged basemap (decoded once)."""
    return {k: tuple(v) for k, v in basemap_geometries(load_basemap()).items()}


def basemap_geometries(data: dict[str, Any]) -> dict[str, list[BaseGeometry]]:
    """Shapely geometries of each layer of basemap `data` (for the static PNG)."""
    scale = data["scale"]
    layers = data["layers"]
    out: dict[str, list[BaseGeometry]] = {}
    for name in ("land", "lakes"):
        out[name] = [
            Polygon(_decode(rings[0], scale), [_decode(r, scale) for r in rings[1:]])
            for rings in layers[name]
            if len(rings[0]) >= 8
        ]
    out["borders"] = [LineString(_decode(line, scale)) for line in layers["borders"]]
    return out


def main(argv: list[str] | None = None) -> int:
    """Script entry: build the basemap file from a Natural Earth directory."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("natural_earth", type=Path, help="directory with 50m/ (and 110m/)")
    default_out = Path(__file__).parent / "data" / "basemap.json"
    parser.add_argument("-o", "--out", type=Path, default=default_out)
    args = parser.parse_args(argv)
    path = build_basemap(args.natural_earth, args.out)
    print(f"{path}: {path.stat().st_size / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
