"""RFC 7946 GeoJSON from a GeoDataFrame: lon/lat, CCW exterior rings, 6 decimals, a bbox.

Antimeridian-crossing polygons are split at ±180° (RFC 7946 §3.1.9); points are wrapped
into [-180, 180]. No `crs` member is written (RFC 7946 §4). Features keep the frame's row
order (the frames are sorted by id) and one feature goes on each line, so the bytes are
deterministic and diff well. Encoding is chunked through orjson: 1M points in seconds.

`write_events_geojson` and `write_places_geojson` write the model objects' records
(`maps.features`) without pandas; `maps.frames.write_frame_geojson` writes a frame.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import orjson
import shapely
from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

from gazetteer.antimeridian import split_antimeridian, wrap_lon
from geo.io import atomic_path
from geo.model import Article, Event, Place
from maps.features import EVENT_COLUMNS, PLACE_COLUMNS, event_rows, place_rows, schema_values

PRECISION = 6
CHUNK = 5_000


def _round(coords: np.ndarray) -> np.ndarray:
    return np.round(coords, PRECISION) + 0.0  # + 0.0 turns -0.0 into 0.0


def rfc7946_geometry(geom: BaseGeometry | None) -> BaseGeometry | None:
    """Split at the antimeridian, round to 6 decimals, orient exterior rings CCW."""
    if geom is None or geom.is_empty:
        return None
    geom = shapely.transform(split_antimeridian(geom), _round)
    return shapely.orient_polygons(geom, exterior_cw=False)


def _point_coordinates(geoms: np.ndarray) -> np.ndarray:
    """(n, 2) lon/lat of points, wrapped and rounded."""
    xy = shapely.get_coordinates(geoms)
    return _round(np.column_stack([wrap_lon(xy[:, 0]), xy[:, 1]]))


class _Geometries:
    """GeoJSON geometry dicts of the rows, made chunk by chunk, and their bbox."""

    def __init__(self, geoms: np.ndarray) -> None:
        present = ~shapely.is_missing(geoms) & ~shapely.is_empty(geoms)
        self.points: np.ndarray | None = None
        self.prepared: list[BaseGeometry | None] = []
        if len(geoms) and present.all() and (shapely.get_type_id(geoms) == 0).all():
            self.points = _point_coordinates(geoms)  # fast path: (n, 2) floats
            xy = self.points
        else:
            self.prepared = [
                rfc7946_geometry(g) if ok else None for g, ok in zip(geoms, present, strict=True)
            ]
            kept = np.array([g for g in self.prepared if g is not None], dtype=object)
            xy = shapely.get_coordinates(kept) if len(kept) else np.empty((0, 2))
        self.bbox = [*xy.min(axis=0).tolist(), *xy.max(axis=0).tolist()] if len(xy) else None

    def chunk(self, start: int, stop: int) -> list[object]:
        if self.points is not None:
            return [{"type": "Point", "coordinates": c} for c in self.points[start:stop].tolist()]
        return [mapping(g) if g is not None else None for g in self.prepared[start:stop]]


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Building millions of small dicts triggers the cycle collector for nothing."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _feature_chunks(
    columns: list[str],
    chunks: Iterable[list[list[object]]],
    geometries: _Geometries,
    id_column: str,
) -> Iterator[bytes]:
    """The features, CHUNK at a time, as JSON text (one feature a line, no brackets)."""
    for start, values in enumerate(chunks):
        ids = values[columns.index(id_column)] if id_column in columns else [None] * len(values[0])
        properties = [dict(zip(columns, row, strict=True)) for row in zip(*values, strict=True)]
        chunk = geometries.chunk(start * CHUNK, (start + 1) * CHUNK)
        features = [
            {"type": "Feature", "id": fid, "geometry": geom, "properties": props}
            for fid, geom, props in zip(ids, chunk, properties, strict=True)
        ]
        yield orjson.dumps(features)[1:-1].replace(b'},{"type":"Feature"', b'},\n{"type":"Feature"')


def write_features(
    path: str | Path,
    columns: list[str],
    chunks: Iterable[list[list[object]]],
    geometries: np.ndarray,
    id_column: str = "id",
) -> Path:
    """Write an RFC 7946 FeatureCollection atomically: `geometries` (lon/lat shapely
    objects or None, one per row) and, CHUNK rows at a time, one list of JSON values
    per column."""
    with _gc_paused(), atomic_path(path) as tmp, open(tmp, "wb") as out:
        prepared = _Geometries(geometries)
        out.write(b'{"type":"FeatureCollection",')
        if prepared.bbox is not None:
            out.write(b'"bbox":' + orjson.dumps(prepared.bbox) + b",")
        out.write(b'"features":[\n')
        for i, chunk in enumerate(_feature_chunks(columns, chunks, prepared, id_column)):
            out.write((b",\n" if i else b"") + chunk)
        out.write(b"\n]}\n")
    return Path(path)


def write_records_geojson(
    path: str | Path,
    columns: list[str],
    records: Sequence[Mapping[str, object]],
    geometries: Sequence[BaseGeometry | None],
) -> Path:
    """Records (`maps.features`) and their geometries as GeoJSON, each column with the
    schema's type (`maps.features.schema_values`)."""
    values = [schema_values(c, [r[c] for r in records]) for c in columns]
    chunks = ([v[start : start + CHUNK] for v in values] for start in range(0, len(records), CHUNK))
    array = np.empty(len(geometries), dtype=object)
    array[:] = geometries
    return write_features(path, columns, chunks, array)


def write_events_geojson(
    path: str | Path, events: Iterable[Event], articles: Mapping[str, Article]
) -> Path:
    """`events.geojson`: one Point per located event, `place_id` naming its place."""
    return write_records_geojson(path, EVENT_COLUMNS, *event_rows(events, articles))


def write_places_geojson(path: str | Path, places: Iterable[Place]) -> Path:
    """`places.geojson`: one feature per distinct place, its area where it has one."""
    return write_records_geojson(path, PLACE_COLUMNS, *place_rows(places))
