"""The static PNG fallback (no browser): basemap, areas, events, legend, title."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
from PIL import Image
from test_map_render import seed

from maps.static import render_static_png, write_static_png
from maps.styles import BASEMAP


def _share(pixels: np.ndarray, hex_color: str, tol: int = 6) -> float:
    color = np.array([int(hex_color[i : i + 2], 16) for i in (1, 3, 5)])
    return float((np.abs(pixels - color).max(axis=1) <= tol).mean())


def test_static_png_shows_basemap_and_events(tmp_path: Path) -> None:
    events, places, _ = seed()
    path = write_static_png(tmp_path / "map.png", events, places, "Seed map")
    image = Image.open(io.BytesIO(path.read_bytes())).convert("RGB")
    assert image.size == (1600, 1000)
    pixels = np.asarray(image, dtype=np.int16).reshape(-1, 3)
    assert _share(pixels, BASEMAP["ocean"]) > 0.05
    assert _share(pixels, BASEMAP["land"]) > 0.05
    assert _share(pixels, "#e66101", tol=12) > 0.00002  # the strike
    assert _share(pixels, "#2166ac", tol=12) > 0.00002  # the protest


def test_static_png_without_events_is_deterministic() -> None:
    first = render_static_png([], [], "Nothing yet", width_px=400, height_px=250)
    assert first[:4] == b"\x89PNG"
    assert render_static_png([], [], "Nothing yet", width_px=400, height_px=250) == first


def test_scale_bar_lengths_are_round() -> None:
    from maps.static import _nice_km

    assert [_nice_km(v) for v in (0.7, 3.2, 19.9, 450.0, 999.0)] == [0.5, 2, 10, 200, 500]


def test_only_the_main_places_are_named() -> None:
    from conftest import make_article, make_event, synthetic_events

    from maps.labels import MAX_LABELS, main_places

    events, _ = synthetic_events(30)
    places = [e.place for e in events]
    busiest = make_event(make_article("again"), places[29], day=events[0].date)
    named = main_places([*events, busiest], places)
    assert len(named) == MAX_LABELS and places[29].id in named
    assert main_places([], places[:3]) == {p.id for p in places[:3]}


def test_the_print_map_has_scale_bar_north_arrow_and_attribution(monkeypatch) -> None:
    import maps.static as static

    drawn: list[str] = []
    monkeypatch.setattr(static, "_draw_scale_bar", lambda ax, extent: drawn.append("scale"))
    monkeypatch.setattr(static, "_draw_north_arrow", lambda ax: drawn.append("north"))
    events, places, _ = seed()
    render_static_png(events, places, None, width_px=400, height_px=250)
    assert drawn == ["scale", "north"]


def test_approximate_places_are_drawn_hollow() -> None:
    from dataclasses import replace

    from conftest import CARACAS, CARIBBEAN_SOUTH, make_article, make_event
    from matplotlib.figure import Figure

    from maps.static import _draw_events

    town = replace(make_event(make_article("In Caracas."), CARACAS, 2), geo_precision=1)
    near = replace(make_event(make_article("Near Caracas."), CARACAS, 2), geo_precision=2)
    sea = make_event(make_article("At sea."), CARIBBEAN_SOUTH, 2)
    ax = Figure().add_subplot()
    handles = _draw_events(ax, [town, near, sea])
    filled, hollow = ax.collections
    assert len(filled.get_offsets()) == 1 and filled.get_facecolor()[0][3] == 1.0
    assert len(hollow.get_offsets()) == 2 and len(hollow.get_facecolor()) == 0  # no fill
    assert [h.get_label() for h in handles][-1] == "hollow: approximate place"
    ax = Figure().add_subplot()
    assert "hollow" not in _draw_events(ax, [town])[-1].get_label()
