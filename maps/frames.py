"""Events and places as GeoDataFrames (EPSG:4326) of the records of `maps.features`.

The GIS formats that need columnar types (GeoPackage, Parquet, CSV, KML) and the event
store are written from these frames; rows are sorted by id.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.model import Article, Event, Place
from maps.features import EVENT_COLUMNS, PLACE_COLUMNS, event_rows, place_rows
from maps.geojson import CHUNK, write_features

CRS = "EPSG:4326"


def events_frame(events: Iterable[Event], articles: Mapping[str, Article]) -> gpd.GeoDataFrame:
    """One row per event, sorted by id: the Point of its place, or no geometry (GeoJSON's
    `null`, an empty CSV cell) when no place was found, so every event counted is written."""
    rows, geometry = event_rows(events, articles)
    return gpd.GeoDataFrame(rows, columns=EVENT_COLUMNS, geometry=geometry, crs=CRS)


def places_frame(places: Iterable[Place]) -> gpd.GeoDataFrame:
    """One row per distinct place: its area polygon where it has one, else its point."""
    rows, geometry = place_rows(places)
    return gpd.GeoDataFrame(rows, columns=PLACE_COLUMNS, geometry=geometry, crs=CRS)


def point_coordinates(frame: gpd.GeoDataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Longitudes and latitudes of a frame's points, NaN where a row has no geometry."""
    geoms = frame.geometry.values.to_numpy() if len(frame) else np.array([], dtype=object)
    return shapely.get_x(geoms).astype(float), shapely.get_y(geoms).astype(float)


def json_values(series: pd.Series) -> list[object]:
    """Plain Python values of a column, missing values (NaN, NA, None) as None."""
    if isinstance(series.dtype, np.dtype) and series.dtype.kind in "iub":
        return series.tolist()
    return series.to_numpy(dtype=object, na_value=None).tolist()


def _frame_chunks(frame: gpd.GeoDataFrame) -> Iterator[list[list[object]]]:
    """The frame's columns but the geometry, CHUNK rows at a time, as JSON values."""
    columns = [c for c in frame.columns if c != frame.geometry.name]
    series = [pd.Series(frame[c].array, copy=False) for c in columns]
    for start in range(0, len(frame), CHUNK):
        yield [json_values(s.iloc[start : start + CHUNK]) for s in series]


def write_frame_geojson(path: str | Path, frame: gpd.GeoDataFrame) -> Path:
    """Write `frame` as an RFC 7946 FeatureCollection (`maps.geojson`), atomically."""
    if frame.crs is not None and not frame.crs.equals(CRS):
        frame = frame.to_crs(CRS)
    columns = [c for c in frame.columns if c != frame.geometry.name]
    geoms = frame.geometry.values.to_numpy() if len(frame) else np.array([], dtype=object)
    return write_features(path, columns, _frame_chunks(frame), geoms)
