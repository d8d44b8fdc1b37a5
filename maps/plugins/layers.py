"""Switchable layers (the legend's checkboxes): one clustered layer per event type, and
the places layer."""

from __future__ import annotations

from folium.map import Layer
from folium.template import Template

from maps.labels import LABELLED_AREA_KINDS
from maps.plugins.data import EventData
from maps.styles import AREA_FILL_OPACITY


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
        super().__init__(overlay=True, control=False, show=True)
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

    def __init__(self, data: EventData) -> None:
        super().__init__(overlay=True, control=False, show=True)
        self._name = "PlacesLayer"
        self.data = data
        self.options = {"fillOpacity": AREA_FILL_OPACITY, "labelKinds": LABELLED_AREA_KINDS}


class PlaceLabels(Layer):
    """Names of the events' main places (the blob's `labels`), each from its own zoom."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = conflictmap.placeLabels(
                {{ this._parent.get_name() }}, {{ this.data.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, data: EventData) -> None:
        super().__init__(overlay=True, control=False, show=True)
        self._name = "PlaceLabels"
        self.data = data
