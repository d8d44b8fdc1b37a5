"""Switchable layers: one clustered layer per event type, and the places layer."""

from __future__ import annotations

from typing import Any

from folium.map import Layer
from folium.template import Template

from maps.escape import escape_html
from maps.plugins.data import EventData
from maps.styles import AREA_FILL_OPACITY

# Area kinds whose name is written on the map (countries already have basemap labels).
LABELLED_AREA_KINDS = ["derived", "region", "sea"]


def html_text(text: str) -> str:
    """Text for HTML that folium re-reads as a template: escaped, braces included."""
    return escape_html(text).replace("{", "&#123;").replace("}", "&#125;")


def _swatch(type_index: int, icon: str) -> str:
    return (
        f'<span class="cm-marker cm-legend-symbol cm-t{type_index}">'
        f'<i class="fa-solid {escape_html(icon)}"></i></span>'
    )


class EventTypeLayer(Layer):
    """The events of one type from the data blob, grid-clustered in the page for the view."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = conflictmap.eventLayer(
                {{ this._parent.get_name() }}, {{ this.data.get_name() }},
                {{ this.type_index }});
        {% endmacro %}
        """
    )

    def __init__(self, data: EventData, type_index: int) -> None:
        info: dict[str, Any] = data.types[type_index]
        # LayerControl writes names as HTML: our own markup + the escaped type name.
        name = f"{_swatch(type_index, info['icon'])} {html_text(info['name'])} ({info['count']})"
        super().__init__(name=name, overlay=True, control=True, show=True)
        self._name = "EventTypeLayer"
        self.data = data
        self.type_index = type_index


class PlacesLayer(Layer):
    """Places: areas as light dashed polygons (derived areas labelled), cities as dots."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = conflictmap.placesLayer(
                {{ this._parent.get_name() }}, {{ this.data.get_name() }},
                {{ this.options|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, data: EventData, name: str = "Places") -> None:
        super().__init__(
            name=f'<span class="cm-legend-area"></span> {html_text(name)}',
            overlay=True,
            control=True,
            show=True,
        )
        self._name = "PlacesLayer"
        self.data = data
        self.options = {"fillOpacity": AREA_FILL_OPACITY, "labelKinds": LABELLED_AREA_KINDS}
