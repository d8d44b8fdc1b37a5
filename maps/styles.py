"""Colours and symbols of the map: one per ACLED event type, one per place kind, basemap.

Colours are `#rrggbb` and icons Font Awesome solid names; both are checked here because
they are written into the page's CSS and marker HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_COLOR = re.compile(r"#[0-9a-f]{6}")
_ICON = re.compile(r"fa-[a-z0-9-]+")


@dataclass(frozen=True, slots=True)
class Symbol:
    """How one event type is drawn: marker colour and Font Awesome icon."""

    color: str
    icon: str

    def __post_init__(self) -> None:
        if not _COLOR.fullmatch(self.color) or not _ICON.fullmatch(self.icon):
            raise ValueError(f"bad symbol {self.color!r} {self.icon!r}")


EVENT_SYMBOLS: dict[str, Symbol] = {
    "Battles": Symbol("#b2182b", "fa-crosshairs"),
    "Explosions/Remote violence": Symbol("#e66101", "fa-bomb"),
    "Violence against civilians": Symbol("#762a83", "fa-person-falling-burst"),
    "Protests": Symbol("#2166ac", "fa-bullhorn"),
    "Riots": Symbol("#8c510a", "fa-fire"),
    "Strategic developments": Symbol("#1b7837", "fa-flag"),
}
# Types outside ACLED's six get these, in sorted order of their names.
FALLBACK_SYMBOLS = [
    Symbol("#404040", "fa-circle-exclamation"),
    Symbol("#01665e", "fa-circle-exclamation"),
    Symbol("#c51b7d", "fa-circle-exclamation"),
]

# Places layer: light polygons for areas, white dots for cities.
PLACE_COLORS: dict[str, str] = {
    "country": "#7f6f5f",
    "admin1": "#7f6f5f",
    "admin2": "#7f6f5f",
    "sea": "#1f5f9f",
    "region": "#6a3d9a",
    "derived": "#d81b60",
    "city": "#222222",
    "landmark": "#222222",
}
DEFAULT_PLACE_COLOR = "#555555"
AREA_FILL_OPACITY = 0.2

# Offline basemap (also used by the static PNG).
BASEMAP = {
    "ocean": "#aad3df",
    "land": "#f2efe6",
    "coast": "#8fb6c7",
    "lakes": "#aad3df",
    "borders": "#a0968a",
}


def event_symbols(event_types: list[str]) -> dict[str, Symbol]:
    """The symbol of each given event type (known types first, others from the fallbacks)."""
    out: dict[str, Symbol] = {}
    unknown = sorted(t for t in set(event_types) if t not in EVENT_SYMBOLS)
    for event_type in sorted(set(event_types)):
        if event_type in EVENT_SYMBOLS:
            out[event_type] = EVENT_SYMBOLS[event_type]
        else:
            index = unknown.index(event_type) % len(FALLBACK_SYMBOLS)
            out[event_type] = FALLBACK_SYMBOLS[index]
    return out


def place_color(kind: str | None) -> str:
    """The outline/fill colour of a place of this kind."""
    return PLACE_COLORS.get(kind or "", DEFAULT_PLACE_COLOR)
