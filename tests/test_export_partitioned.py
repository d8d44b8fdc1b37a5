"""`conflictmap export -o DIR/`: partitioned GeoParquet, the same rows as one GeoParquet
file, written a layer folder at a time (a failed write leaves the previous parts)."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from conftest import synthetic_events

from conflictmap.cli import main
from conflictmap.commands.export import is_folder
from geo.model import RunOutcome
from maps.partitioned import write_partitioned

REPO = Path(__file__).resolve().parents[1]


def read_layer(folder: Path) -> gpd.GeoDataFrame:
    parts = sorted(folder.glob("part-*.parquet"))
    return pd.concat([gpd.read_parquet(p) for p in parts], ignore_index=True)


def test_folder_output_is_a_trailing_slash_or_a_directory(tmp_path: Path) -> None:
    assert is_folder(f"{tmp_path / 'new'}/") and is_folder(str(tmp_path))
    assert not is_folder(str(tmp_path / "events.parquet"))


def test_cli_export_to_a_folder_equals_the_single_file(tmp_path: Path) -> None:
    seeds = str(REPO / "seeds")
    assert main(["export", seeds, "-o", str(tmp_path / "one.parquet")]) == 0
    assert main(["export", seeds, "-o", f"{tmp_path / 'parts'}/"]) == 0
    assert sorted(p.name for p in (tmp_path / "parts").iterdir()) == ["events", "places"]
    single = gpd.read_parquet(tmp_path / "one.parquet")
    parted = read_layer(tmp_path / "parts" / "events")
    assert len(single) > 0
    as_json = {"sort_keys": True, "default": str}  # dates are dates
    assert parted.to_json(**as_json) == single.to_json(**as_json)
    places = gpd.read_parquet(tmp_path / "one.places.parquet")
    assert read_layer(tmp_path / "parts" / "places").to_json() == places.to_json()


def test_failed_partitioned_write_keeps_the_previous_parts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events, articles = synthetic_events(25)
    outcome = RunOutcome(articles=articles, events=sorted(events, key=lambda e: e.id))
    before = write_partitioned(tmp_path, outcome, rows_per_part=10)
    old = {p: p.read_bytes() for p in before}

    def broken(path: Path, frame: object) -> Path:
        raise OSError("disk full")

    monkeypatch.setattr("maps.partitioned.write_parquet_frame", broken)
    with pytest.raises(OSError, match="disk full"):
        write_partitioned(tmp_path, RunOutcome(articles=articles, events=events[:5]))
    assert {p: p.read_bytes() for p in before} == old
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events", "places"]  # no temp left
