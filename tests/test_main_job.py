"""The main job on seeds/: what an analyst expects to find in out/."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from shapely.geometry import Point, shape

from conflictmap.cli import main

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    assert main(["map", str(REPO / "seeds"), "-o", str(out)]) == 0
    return out


def features(path: Path) -> list[dict]:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    return data["features"]


def test_places_hold_the_countries_capital_and_the_southern_caribbean(out: Path) -> None:
    places = {f["properties"]["name"]: f for f in features(out / "places.geojson")}
    kinds = {name: f["properties"]["kind"] for name, f in places.items()}
    assert kinds.get("Venezuela") == "country"
    assert kinds.get("Spain") == "country"
    assert any(kinds.get(n) == "country" for n in ("United States", "United States of America"))
    assert any(n.startswith("Washington") for n in places), sorted(places)
    south = next(f for n, f in places.items() if n.lower() == "southern caribbean")
    area = shape(south["geometry"])
    assert area.geom_type in ("Polygon", "MultiPolygon") and area.area > 1.0
    assert not area.contains(Point(-66.88, 10.49))  # Caracas is on land, not in the area
    assert 9.0 < area.centroid.y < 16.0 and -80.0 < area.centroid.x < -58.0


def test_events_hold_the_deployment_and_the_boat_strikes_with_their_sentence(out: Path) -> None:
    events = [f["properties"] for f in features(out / "events.geojson")]
    by_label = {e["label"]: e for e in events}
    deployment = by_label["naval deployment"]
    assert deployment["location"].lower() == "southern caribbean"
    assert "eight warships and a submarine" in deployment["sentence"]
    strike = next(e for e in events if e["event_type"] == "Explosions/Remote violence")
    assert strike["location"].lower() == "southern caribbean"
    assert "destroyed at least three vessels" in strike["sentence"]
    assert strike["fatalities"] == 12
    assert not any("invasion" in e["label"] for e in events)


def test_map_is_self_contained(out: Path) -> None:
    html = (out / "map.html").read_text(encoding="utf-8")
    assert "southern Caribbean" in html
    loads = r"""(?:<script[^>]*\ssrc|<link[^>]*\shref|<img[^>]*\ssrc)\s*=\s*["']?(?:https?:)?//"""
    assert re.findall(loads, html, flags=re.IGNORECASE) == []
    assert re.findall(r"""(?:url\(|@import)\s*["']?(?:https?:)?//""", html) == []


def test_person_names_do_not_become_towns(out: Path) -> None:
    """"Maria Corina Machado" must not put a dot on a US town that GeoNames also calls Machado."""
    props = [f["properties"] for f in features(out / "places.geojson")]
    us_cities = {p["name"] for p in props if p["kind"] == "city" and p["country"] == "US"}
    assert us_cities <= {"Washington", "Washington, D.C."}


@pytest.mark.parametrize(("argv", "status"), [(["geocode", "Caracas", "--json"], 0), ([], 2)])
def test_the_console_script_exits_with_main_status_after_exit_handlers(
    argv: list[str], status: int
) -> None:
    """`run` skips the interpreter's teardown, not the exit handlers or the buffered output."""
    script = (
        "import atexit, sys\n"
        "atexit.register(print, 'exit handler ran')\n"
        f"sys.argv = ['conflictmap', *{argv!r}]\n"
        "from conflictmap.cli import run\n"
        "run()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, timeout=120
    )
    assert done.returncode == status, done.stderr
    assert done.stdout.rstrip().endswith("exit handler ran")
    if status == 0:
        found = json.loads(done.stdout.rsplit("exit handler ran", 1)[0])
        assert found[0]["name"] == "Caracas"
