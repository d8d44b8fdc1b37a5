"""The packaged offline basemap: compact, complete, and rebuilt identically from Natural Earth."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from maps.basemap import (
    FORMAT,
    load_basemap,
    load_basemap_text,
    main,
    packaged_geometries,
)


def test_packaged_basemap_is_compact_and_complete() -> None:
    size = resources.files("maps").joinpath("data/basemap.json").stat().st_size  # type: ignore[attr-defined]
    assert 200_000 < size < 3_000_000
    data = load_basemap()
    assert data["format"] == FORMAT and data["scale"] == 1000
    assert {k: len(v) > 100 for k, v in data["layers"].items()} == {
        "land": True,
        "lakes": True,
        "borders": True,
    }
    labels = {name: (kind, zoom) for name, _, _, zoom, kind in data["labels"]}
    assert labels["Venezuela"][0] == "country" and labels["Venezuela"][1] <= 4
    assert labels["Caribbean Sea"][0] == "sea"


def test_decoded_geometries_are_valid_and_in_place() -> None:
    layers = packaged_geometries()
    land = layers["land"]
    assert all(g.is_valid for g in land[:200])
    # Caracas is on land, the southern Caribbean sea point is not.
    from shapely.geometry import Point

    assert any(g.contains(Point(-66.88, 10.45)) for g in land)
    assert not any(g.contains(Point(-68.0, 12.8)) for g in land)


def test_build_reproduces_the_packaged_file(shared_dir: Path, tmp_path: Path) -> None:
    natural_earth = shared_dir / "data" / "gazetteer" / "natural_earth"
    out = tmp_path / "basemap.json"
    assert main([str(natural_earth), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == load_basemap_text()
