"""The offline Natural Earth basemap (land, lakes, borders, labels) drawn on a canvas."""

from __future__ import annotations

from branca.element import MacroElement
from folium.template import Template

from maps.basemap import load_basemap_text
from maps.styles import BASEMAP


class OfflineBasemap(MacroElement):
    """Inlines `maps/data/basemap.json` and draws it below every other layer."""

    _template = Template(
        """
        {% macro html(this, kwargs) %}
        <script type="application/json" id="{{ this.element_id }}">{{ this.text }}</script>
        {% endmacro %}
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = conflictmap.basemap(
                {{ this._parent.get_name() }},
                conflictmap.readJSON({{ this.element_id|tojson }}),
                {{ this.colors|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, element_id: str = "conflictmap-basemap") -> None:
        super().__init__()
        self._name = "OfflineBasemap"
        self.element_id = element_id
        # The packaged file is our own JSON; re-escape it anyway so it cannot end the tag.
        self.text = load_basemap_text().strip().replace("<", "\\u003c").replace(">", "\\u003e")
        self.colors = dict(BASEMAP)
