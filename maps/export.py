"""Events and places to GIS files; the format is taken from the output's extension.

| extension  | what is written                                                          |
| ---------- | ------------------------------------------------------------------------ |
| `.geojson` | events (RFC 7946 Points) + `<stem>.places.geojson` beside it (areas)     |
| `.gpkg`    | one GeoPackage, layers `events` and `places`                             |
| `.parquet` | events (GeoParquet 1.1) + `<stem>.places.parquet` beside it              |
| `.csv`     | events in ACLED's column layout, then our columns (`maps.acled`)         |
| `.kml`     | events, one folder per event type (`maps.kml`)                           |

Every property is defined once, in docs/schema.md; the frames come from
`maps.frames`. Files are written atomically (temp file + rename) and are deterministic:
rows sorted by id, no clock time in any byte.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import geopandas as gpd
import pandas as pd
from shapely.geometry import MultiPolygon

from geo.errors import OutputError
from geo.io import TEMP_SUFFIX, atomic_path, locked
from geo.model import Article, Event, Place, gather_places
from maps.acled import acled_frame
from maps.features import FLOAT_COLUMNS, INTEGER_COLUMNS
from maps.frames import events_frame, places_frame, write_frame_geojson
from maps.kml import write_kml

DATE_COLUMNS = ("date", "date_start", "date_end")

# GeoPackage's gpkg_contents.last_change would otherwise hold the clock time.
FIXED_GPKG_DATE = "1970-01-01T00:00:00.000Z"


def typed(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The frame with schema types: integers (nullable Int64 where values are missing),
    floats, and strings (an all-empty column is still a string field in GPKG/Parquet)."""
    frame = frame.copy(deep=False)
    for column in frame.columns:
        series = frame[column]
        if column == frame.geometry.name or series.dtype.kind in "iu":
            continue
        if column in INTEGER_COLUMNS:
            frame[column] = (
                series.astype("Int64")
                if series.dtype.kind == "f"
                else pd.array(series.astype(object).where(series.notna()), dtype="Int64")
            )
        elif column in FLOAT_COLUMNS:
            if series.dtype.kind != "f":
                frame[column] = pd.to_numeric(series, errors="coerce").astype("float64")
        elif series.dtype == object and series.isna().all():
            frame[column] = series.astype("str")
    return frame


def dated(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The frame with its ISO date columns as `datetime.date` (GPKG DATE, Parquet date32),
    so GIS tools and pandas filter them as dates, not as text."""
    frame = frame.copy(deep=False)
    for column in DATE_COLUMNS:
        if column in frame.columns:
            frame[column] = pd.Series(
                [
                    date.fromisoformat(v) if isinstance(v, str) and v else None
                    for v in frame[column]
                ],
                index=frame.index,
                dtype=object,
            )
    return frame


def sidecar_path(path: str | Path, layer: str = "places") -> Path:
    """`out/events.geojson` -> `out/events.places.geojson`."""
    path = Path(path)
    return path.with_name(f"{path.stem}.{layer}{path.suffix}")


# --- one writer per format, all from frames -------------------------------------------


def write_events_frame_geojson(path: str | Path, events: gpd.GeoDataFrame) -> Path:
    """RFC 7946 FeatureCollection of event Points (see `maps.geojson`)."""
    return write_frame_geojson(path, typed(events))


def write_places_frame_geojson(path: str | Path, places: gpd.GeoDataFrame) -> Path:
    """RFC 7946 FeatureCollection of places: area polygons, or points for point places."""
    return write_frame_geojson(path, typed(places))


@contextmanager
def atomic_named_path(path: str | Path) -> Iterator[Path]:
    """Like `geo.io.atomic_path`, but the temp file keeps the target's name (in a temp
    folder beside it), for GDAL drivers that check extensions or add sidecar files."""
    target = Path(path)
    with atomic_path(target) as placeholder:
        folder = Path(
            tempfile.mkdtemp(prefix=f".{target.name}.", suffix=TEMP_SUFFIX, dir=target.parent)
        )
        try:
            with locked(folder):  # a live writer's: `geo.io.remove_stale` leaves it
                tmp = folder / target.name
                yield tmp
                os.replace(tmp, placeholder)
        finally:
            shutil.rmtree(folder, ignore_errors=True)


def write_gpkg_layers(
    path: str | Path, layers: Mapping[str, pd.DataFrame], geometry_types: Mapping[str, str]
) -> Path:
    """Write layers (GeoDataFrames; plain DataFrames become attribute tables) to one GPKG.

    `gpkg_contents.last_change` is set to a fixed date so that the bytes are reproducible.
    """
    import pyogrio  # GDAL loads for GeoPackage output only, not on `map`'s GeoJSON path

    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": FIXED_GPKG_DATE})
    try:
        with atomic_named_path(path) as tmp:
            for name, frame in layers.items():
                # Arrow writes `datetime.date` columns as DATE fields (else they become TEXT).
                options: dict[str, object] = {"layer": name, "driver": "GPKG", "use_arrow": True}
                if isinstance(frame, gpd.GeoDataFrame):
                    options["geometry_type"] = geometry_types.get(name, "Unknown")
                    options["promote_to_multi"] = False
                try:
                    pyogrio.write_dataframe(frame, tmp, **options)
                except Exception as exc:  # GDAL errors have many types
                    raise OutputError(f"{path}: cannot write layer {name} ({exc})") from exc
    finally:
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": None})
    return Path(path)


def split_places(places: gpd.GeoDataFrame) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """(every place at its point, the areal places with their polygons as MultiPolygons):
    one geometry type per layer, as GIS tools expect."""
    points = gpd.GeoDataFrame(
        places.drop(columns=places.geometry.name),
        geometry=gpd.points_from_xy(places["lon"], places["lat"]),
        crs=places.crs,
    )
    is_area = places.geom_type.isin(["Polygon", "MultiPolygon"]).to_numpy()
    polygons = [
        g if g.geom_type == "MultiPolygon" else MultiPolygon([g]) for g in places.geometry[is_area]
    ]
    areas = gpd.GeoDataFrame(
        places.drop(columns=places.geometry.name)[is_area], geometry=polygons, crs=places.crs
    )
    return points, areas


def write_gpkg(path: str | Path, events: gpd.GeoDataFrame, places: gpd.GeoDataFrame) -> Path:
    """GeoPackage with layers `events` (Point, dates as DATE), `places` (every place at its
    point) and `areas` (the areal places' MultiPolygons)."""
    points, areas = split_places(places)
    layers = {"events": dated(typed(events)), "places": typed(points), "areas": typed(areas)}
    types = {"events": "Point", "places": "Point", "areas": "MultiPolygon"}
    return write_gpkg_layers(path, layers, types)


def write_parquet_frame(path: str | Path, frame: gpd.GeoDataFrame) -> Path:
    """GeoParquet 1.1 (WKB geometry, zstd), bbox covering column for fast spatial filters."""
    with atomic_path(path) as tmp:
        dated(typed(frame)).to_parquet(
            tmp, index=False, compression="zstd", schema_version="1.1.0", write_covering_bbox=True
        )
    return Path(path)


def write_parquet(
    path: str | Path, events: gpd.GeoDataFrame, places: gpd.GeoDataFrame
) -> list[Path]:
    """Events to `path`, places to `<stem>.places.parquet` beside it."""
    return [write_parquet_frame(path, events), write_parquet_frame(sidecar_path(path), places)]


def write_csv(path: str | Path, events: gpd.GeoDataFrame) -> Path:
    """ACLED's columns in ACLED's order, then ours (UTF-8, comma, `\\n` line ends)."""
    table = acled_frame(typed(events))
    with atomic_path(path) as tmp:
        table.to_csv(tmp, index=False, lineterminator="\n", encoding="utf-8")
    return Path(path)


# --- model objects -> files -----------------------------------------------------------


def _geojson(path: Path, ev: gpd.GeoDataFrame, pl: gpd.GeoDataFrame) -> list[Path]:
    places_path = sidecar_path(path)
    return [write_events_frame_geojson(path, ev), write_places_frame_geojson(places_path, pl)]


# fmt: off
WRITERS: dict[str, Callable[[Path, gpd.GeoDataFrame, gpd.GeoDataFrame], list[Path]]] = {
    ".geojson": _geojson,
    ".gpkg": lambda path, ev, pl: [write_gpkg(path, ev, pl)],
    ".parquet": write_parquet,
    ".csv": lambda path, ev, pl: [write_csv(path, ev)],
    ".kml": lambda path, ev, pl: [write_kml(path, ev, split_places(pl)[1])],
}
# fmt: on
FORMATS = tuple(WRITERS)


def write_events(
    path: str | Path,
    events: Iterable[Event],
    places: Iterable[Place],
    articles: Mapping[str, Article],
) -> list[Path]:
    """Write events (and their places) in the format of `path`'s extension; return paths."""
    path = Path(path)
    writer = WRITERS.get(path.suffix.lower())
    if writer is None:
        raise OutputError(f"{path}: unknown format (use one of {', '.join(FORMATS)})")
    events = list(events)
    frame = events_frame(events, articles)
    return writer(path, frame, places_frame(gather_places(places, events)))
