"""Events and places as partitioned GeoParquet: `DIR/events/part-NNNNN.parquet`, ..."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from geo.model import RunOutcome, gather_places
from maps.export import write_parquet_frame
from maps.features import events_frame, places_frame

PART_ROWS = 100_000  # rows per GeoParquet part file


def write_partitioned(
    directory: str | Path, outcome: RunOutcome, rows_per_part: int = PART_ROWS
) -> list[Path]:
    """Events and places as partitioned GeoParquet: `DIR/events/part-NNNNN.parquet` and
    `DIR/places/part-NNNNN.parquet`, rows sorted by id across the parts (read the folder
    with `geopandas.read_parquet`-per-part, `dask_geopandas.read_parquet` or DuckDB).

    Each layer folder is written beside its final place and renamed over it when complete,
    so a failed run leaves the previous parts, never a mix of old and new ones.
    """
    root = Path(directory)
    events = list(outcome.events)
    places = gather_places(outcome.places, outcome.events)
    written: list[Path] = []
    for layer, rows, frame_of in (
        ("events", events, lambda chunk: events_frame(chunk, outcome.articles)),
        ("places", places, places_frame),
    ):
        staging = root / f".{layer}.tmp-{os.getpid()}"
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        try:
            names = [
                write_parquet_frame(
                    staging / f"part-{number:05d}.parquet",
                    frame_of(rows[start : start + rows_per_part]),
                ).name
                for number, start in enumerate(range(0, max(len(rows), 1), rows_per_part))
            ]
            _replace_folder(staging, root / layer)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        written.extend(root / layer / name for name in names)
    return written


def _replace_folder(new: Path, target: Path) -> None:
    """Rename the folder `new` to `target`, replacing the folder that is there."""
    if target.is_dir():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        shutil.rmtree(old, ignore_errors=True)
        target.rename(old)
        new.rename(target)
        shutil.rmtree(old)
    else:
        new.rename(target)
