"""Small folium elements the conflictmap page is built from (a map is a tree of elements).

Each element renders a few lines of JavaScript calling `maps/templates/conflictmap.js`.
"""

from maps.plugins.basemap import OfflineBasemap
from maps.plugins.controls import Legend, MapTitle, ReadySignal, TimeFilter
from maps.plugins.data import EventData
from maps.plugins.layers import EventTypeLayer, PlaceLabels, PlacesLayer

__all__ = [
    "EventData", "EventTypeLayer", "Legend", "MapTitle", "OfflineBasemap", "PlaceLabels",
    "PlacesLayer", "ReadySignal", "TimeFilter",
]  # fmt: skip
