"""The page's one data blob, inlined as `<script type="application/json">`."""

from __future__ import annotations

from typing import Any

from branca.element import MacroElement
from folium.template import Template

from maps.blob import json_for_html


class EventData(MacroElement):
    """Events, places, articles and types (see `maps.blob`), parsed once into a JS store."""

    _template = Template(
        """
        {% macro html(this, kwargs) %}
        <script type="application/json" id="{{ this.element_id }}">{{ this.text }}</script>
        {% endmacro %}
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = conflictmap.prepare(
                conflictmap.readJSON({{ this.element_id|tojson }}));
            conflictmap.typeStyles({{ this.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, blob: dict[str, Any], element_id: str = "conflictmap-data") -> None:
        super().__init__()
        self._name = "EventData"
        self.element_id = element_id
        self.text = json_for_html(blob)
        self.types: list[dict[str, Any]] = blob["types"]
