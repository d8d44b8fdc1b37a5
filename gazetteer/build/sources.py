"""Readers of the raw gazetteer data (GeoNames, Natural Earth, country tables).

Each reader yields plain records; `gazetteer.build` decides what goes into the store.
Only the build calls these, with the data directory given on the command line.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import geopandas as gpd
import pyogrio

GEONAMES_COLUMNS = (
    "geonameid",
    "name",
    "asciiname",
    "alternatenames",
    "latitude",
    "longitude",
    "feature_class",
    "feature_code",
    "country_code",
    "cc2",
    "admin1",
    "admin2",
    "admin3",
    "admin4",
    "population",
    "elevation",
    "dem",
    "timezone",
    "modified",
)


def open_text(path: Path) -> io.TextIOBase:
    """Open a text file, transparently gunzipping `.gz`."""
    if path.suffix == ".gz":
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8")
    return path.open(encoding="utf-8")


def read_json(path: Path) -> Any:
    with open_text(path) as fh:
        return json.load(fh)


def iter_geonames_rows(path: Path) -> Iterator[dict[str, str]]:
    """Rows of a raw 19-column GeoNames dump (.txt, .txt.gz or a .zip holding one .txt)."""
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as archive:
            members = [n for n in archive.namelist() if n.endswith(".txt") and "readme" not in n]
            if not members:
                raise ValueError(f"{path}: no GeoNames .txt file inside the zip")
            with archive.open(members[0]) as raw:
                yield from _parse_rows(io.TextIOWrapper(raw, encoding="utf-8"))
        return
    with open_text(path) as fh:
        yield from _parse_rows(fh)


def _parse_rows(lines: io.TextIOBase) -> Iterator[dict[str, str]]:
    for line in lines:
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.rstrip("\n").split("\t")
        if len(cells) < 15:
            continue
        yield dict(zip(GEONAMES_COLUMNS, cells, strict=False))


def iter_tsv(path: Path, comment: str = "#") -> Iterator[list[str]]:
    """Tab-separated rows, skipping comments and blank lines."""
    with open_text(path) as fh:
        for line in fh:
            line = line.lstrip("\ufeff")
            if not line.strip() or line.startswith(comment):
                continue
            yield line.rstrip("\n").split("\t")


def read_csv(path: Path) -> list[dict[str, str]]:
    with open_text(path) as fh:
        return list(csv.DictReader(fh))


def read_vector(path: Path) -> gpd.GeoDataFrame:
    """A Natural Earth layer (.geojson.gz or a zipped shapefile) as a GeoDataFrame."""
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as archive:
            shp = next(n for n in archive.namelist() if n.endswith(".shp"))
        return pyogrio.read_dataframe(f"/vsizip/{path}/{shp}", encoding="UTF-8")
    if path.suffix == ".gz":
        return pyogrio.read_dataframe(f"/vsigzip/{path}")
    return pyogrio.read_dataframe(path)
