"""Events and places as partitioned GeoParquet: `DIR/events/part-NNNNN.parquet`, ..."""

from __future__ import annotations

from pathlib import Path

from geo.model import RunOutcome, gather_places
from geo.outset import output_set
from maps.export import write_parquet_frame
from maps.frames import events_frame, places_frame

PART_ROWS = 100_000  # rows per GeoParquet part file


def write_partitioned(
    directory: str | Path, outcome: RunOutcome, rows_per_part: int = PART_ROWS
) -> list[Path]:
    """Events and places as partitioned GeoParquet: `DIR/events/part-NNNNN.parquet` and
    `DIR/places/part-NNNNN.parquet`, rows sorted by id across the parts (read the folder
    with `geopandas.read_parquet`-per-part, `dask_geopandas.read_parquet` or DuckDB).

    Both layer folders are replaced as one set (`geo.outset.output_set`): a failed or
    killed run leaves the previous parts, never a mix of old and new ones.
    """
    root = Path(directory)
    events = list(outcome.events)
    places = gather_places(outcome.places, outcome.events)
    written: list[Path] = []
    with output_set(root) as stage:
        for layer, count, frame_of in (
            ("events", len(events), lambda a, b: events_frame(events[a:b], outcome.articles)),
            ("places", len(places), lambda a, b: places_frame(places[a:b])),
        ):
            (stage / layer).mkdir()
            written.extend(
                root
                / layer
                / write_parquet_frame(
                    stage / layer / f"part-{number:05d}.parquet",
                    frame_of(start, start + rows_per_part),
                ).name
                for number, start in enumerate(range(0, max(count, 1), rows_per_part))
            )
    return written
