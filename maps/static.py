"""A static PNG of the map without a browser (matplotlib + geopandas): the `--static` fallback.

Draws the packaged Natural Earth basemap, the places' areas and cities with their names,
the events (one colour and marker shape per event type, as on the interactive map), a
legend with counts, a scale bar, a north arrow, the attribution and the title (if any):
a map made for print, also the briefing's.
"""

from __future__ import annotations

import io
import math
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import geopandas as gpd
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle
from matplotlib.transforms import Transform, offset_copy

from geo.io import atomic_write
from geo.model import Event, Place
from maps.basemap import packaged_geometries
from maps.features import places_bounds
from maps.labels import main_places
from maps.precision import APPROXIMATE_LEGEND, is_approximate
from maps.styles import AREA_FILL_OPACITY, BASEMAP, event_symbols, place_color

# Marker shapes standing in for the interactive map's icons.
# fmt: off
SHAPES = {
    "Battles": "X",
    "Explosions/Remote violence": "*",
    "Violence against civilians": "v",
    "Protests": "o",
    "Riots": "D",
    "Strategic developments": "s",
}
# fmt: on
MIN_SPAN = 4.0  # degrees: never zoom closer than this
PAD = 0.12  # share of the span added around the events
KM_PER_DEGREE = 111.32  # along a meridian, and along the equator
MAX_LABEL = 28  # characters of a place name on the map
ATTRIBUTION = "Basemap: Natural Earth · Places: GeoNames (CC-BY 4.0)"


def _extent(
    events: list[Event], places: list[Place], ratio: float
) -> tuple[float, float, float, float]:
    """(west, south, east, north) around the events' places (whole areas), else the places,
    widened to the width/height `ratio` of the drawing area."""
    bounds = places_bounds(events, places)
    if bounds is None:
        return -180.0, -60.0, 180.0, 80.0
    w, s, e, n = bounds
    dx = max(e - w, MIN_SPAN) * (1 + 2 * PAD)
    dy = max(n - s, MIN_SPAN) * (1 + 2 * PAD)
    cx, cy = (w + e) / 2, (s + n) / 2
    stretch = 1 / max(0.2, math.cos(math.radians(cy)))  # y scale of the drawing
    if dx / (dy * stretch) < ratio:
        dx = ratio * dy * stretch
    else:
        dy = dx / (ratio * stretch)
    return (
        max(-180.0, cx - dx / 2),
        max(-85.0, cy - dy / 2),
        min(180.0, cx + dx / 2),
        min(85.0, cy + dy / 2),
    )


def _draw_basemap(ax: Axes, extent: tuple[float, float, float, float]) -> None:
    layers = packaged_geometries()
    for name, style in (
        ("land", {"color": BASEMAP["land"], "edgecolor": BASEMAP["coast"], "linewidth": 0.5}),
        ("lakes", {"color": BASEMAP["lakes"], "edgecolor": BASEMAP["coast"], "linewidth": 0.4}),
        ("borders", {"color": BASEMAP["borders"], "linewidth": 0.6, "linestyle": "--"}),
    ):
        series = gpd.GeoSeries(list(layers[name])).clip_by_rect(*extent)
        series = series[~series.is_empty]
        if len(series):
            series.plot(ax=ax, zorder=1, **style)


def _label(place: Place) -> str:
    return place.name if len(place.name) <= MAX_LABEL else place.name[: MAX_LABEL - 1] + "…"


def _draw_places(ax: Axes, places: list[Place], named: set[str]) -> None:
    for place in sorted(places, key=lambda p: p.id):
        color = place_color(place.kind)
        if place.area is not None and not place.area.is_empty:
            gpd.GeoSeries([place.area]).plot(
                ax=ax, facecolor=color, alpha=AREA_FILL_OPACITY, edgecolor="none", zorder=2
            )
            gpd.GeoSeries([place.area.boundary]).plot(
                ax=ax, color=color, linewidth=1, linestyle="--", zorder=2
            )
            if place.id not in named:
                continue
            x, y = place.area.representative_point().coords[0]
            ax.annotate(
                _label(place),
                (x, y),
                ha="center",
                va="bottom",
                fontsize=9,
                color=color,
                style="italic",
                weight="bold",
                zorder=5,
                xytext=(0, 10),
                textcoords="offset points",
                clip_on=True,
            )
        else:
            ax.plot(
                place.lon,
                place.lat,
                "o",
                markersize=5,
                markerfacecolor="white",
                markeredgecolor=color,
                zorder=3,
            )
            if place.id not in named:
                continue
            ax.annotate(
                _label(place),
                (place.lon, place.lat),
                fontsize=8,
                color="#222222",
                xytext=(5, -10),
                textcoords="offset points",
                clip_on=True,
                zorder=5,
            )


def _scatter(ax: Axes, group: list[Event], shape: str, color: str, shift: Transform) -> None:
    """One type's events: filled markers at exact places, hollow ones at approximate."""
    for hollow in (False, True):
        part = [e.place for e in group if e.place is not None and is_approximate(e) == hollow]
        if not part:
            continue
        ax.scatter(
            [place.lon for place in part],
            [place.lat for place in part],
            transform=shift,
            s=260 if shape == "*" else 110,
            marker=shape,
            facecolors="none" if hollow else color,
            edgecolors=color if hollow else "white",
            linewidths=2.0 if hollow else 1.2,
            zorder=4,
        )


def _draw_events(ax: Axes, events: list[Event]) -> list[Artist]:
    located = [e for e in events if e.place is not None]
    counts = Counter(e.event_type for e in located)
    symbols = event_symbols(list(counts))
    handles: list[Artist] = []
    for k, event_type in enumerate(sorted(counts)):
        group = [e for e in located if e.event_type == event_type]
        color, shape = symbols[event_type].color, SHAPES.get(event_type, "o")
        # As on the interactive map: each type at its own offset around a shared point.
        angle = 2 * math.pi * k / len(counts) + math.pi / 2
        radius = 6.0 if len(counts) > 1 else 0.0
        shifted = offset_copy(
            ax.transData,
            fig=ax.figure,  # type: ignore[arg-type]  # a SubFigure has the dpi transform too
            units="points",
            x=radius * math.cos(angle),
            y=radius * math.sin(angle),
        )
        _scatter(ax, group, shape, color, shifted)
        label = f"{event_type} ({counts[event_type]})"
        handles.append(
            Line2D(
                [],
                [],
                marker=shape,
                color="none",
                markerfacecolor=color,
                markeredgecolor="white",
                markersize=10,
                label=label,
            )
        )
    if any(is_approximate(e) for e in located):
        handles.append(
            Line2D(
                [],
                [],
                marker="o",
                color="none",
                markerfacecolor="none",
                markeredgecolor="#444444",
                markeredgewidth=1.6,
                markersize=9,
                label=APPROXIMATE_LEGEND,
            )
        )
    return handles


def _nice_km(limit: float) -> float:
    """The largest 1, 2 or 5 × 10ⁿ km not above `limit`."""
    power = 10 ** math.floor(math.log10(limit))
    return max(step * power for step in (1, 2, 5) if step * power <= limit)


def _draw_scale_bar(ax: Axes, extent: tuple[float, float, float, float]) -> None:
    """A bar of a round number of km, about a fifth of the width, at the lower left."""
    west, south, east, north = extent
    width_km = (east - west) * KM_PER_DEGREE * math.cos(math.radians((south + north) / 2))
    length = _nice_km(width_km / 5)
    share = length / width_km
    x0, y0 = 0.03, 0.04
    for k, color in enumerate(("#222222", "#ffffff")):
        ax.add_patch(
            Rectangle(
                (x0 + k * share / 2, y0),
                share / 2,
                0.012,
                transform=ax.transAxes,
                facecolor=color,
                edgecolor="#222222",
                linewidth=0.6,
                zorder=6,
            )
        )
    ax.text(
        x0 + share / 2,
        y0 + 0.02,
        f"{length:g} km",
        transform=ax.transAxes,
        ha="center",
        va="bottom",
        fontsize=7,
        color="#222222",
        zorder=6,
    )


def _draw_north_arrow(ax: Axes) -> None:
    """An arrow and "N" at the upper left: north is up (the map is not rotated)."""
    ax.annotate(
        "N",
        xy=(0.04, 0.95),
        xytext=(0.04, 0.83),
        xycoords="axes fraction",
        ha="center",
        va="center",
        fontsize=9,
        weight="bold",
        color="#222222",
        zorder=6,
        arrowprops={"arrowstyle": "-|>", "color": "#222222", "linewidth": 1.2},
    )


def render_static_png(
    events: Iterable[Event],
    places: Iterable[Place],
    title: str | None,
    width_px: int = 1600,
    height_px: int = 1000,
    dpi: int = 100,
) -> bytes:
    """The static map as PNG bytes."""
    events = list(events)
    places = list({p.id: p for p in places}.values())
    for event in events:
        if event.place is not None and event.place.id not in {p.id for p in places}:
            places.append(event.place)
    box = (0.02, 0.02, 0.96, 0.9) if title else (0.0, 0.0, 1.0, 1.0)
    extent = _extent(events, places, (box[2] * width_px) / (box[3] * height_px))
    figure = Figure(figsize=(width_px / dpi, height_px / dpi), dpi=dpi)
    ax = figure.add_axes(box)
    ax.set_facecolor(BASEMAP["ocean"])
    _draw_basemap(ax, extent)
    _draw_places(ax, places, main_places(events, places))
    handles = _draw_events(ax, events)
    if any(p.area is not None for p in places):
        handles.append(
            Patch(facecolor=place_color("derived"), alpha=0.4, edgecolor="none", label="Areas")
        )
    west, south, east, north = extent
    ax.set_xlim(west, east)
    ax.set_ylim(south, north)
    ax.set_aspect(1 / max(0.2, math.cos(math.radians((south + north) / 2))), adjustable="box")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("")
    ax.set_ylabel("")
    if handles:
        ax.legend(
            handles=handles,
            loc="lower right",
            title="Events",
            framealpha=0.92,
            fontsize="small",
            title_fontsize="small",
            borderaxespad=1.6,
        )
    if title:
        figure.suptitle(title, fontsize=16, weight="bold", y=0.975)
    _draw_scale_bar(ax, extent)
    _draw_north_arrow(ax)
    ax.text(
        0.995,
        0.005,
        ATTRIBUTION,
        transform=ax.transAxes,
        fontsize=7,
        ha="right",
        va="bottom",
        color="#555555",
    )
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return buffer.getvalue()


def write_static_png(
    path: str | Path, events: Iterable[Event], places: Iterable[Place], title: str | None
) -> Path:
    """Write the static PNG map of `events` and `places` to `path` (atomically)."""
    return atomic_write(path, render_static_png(events, places, title))
