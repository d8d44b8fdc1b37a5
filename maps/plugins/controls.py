"""Map controls: title, legend with counts, time filter, and the ready signal."""

from __future__ import annotations

from branca.element import MacroElement
from folium.template import Template

from maps.escape import escape_html
from maps.plugins.data import EventData
from maps.plugins.raw import RawMacroElement
from maps.precision import APPROXIMATE_LEGEND


class MapTitle(RawMacroElement):
    """The map's title, centred at the top (text escaped, never a template)."""

    def __init__(self, title: str) -> None:
        super().__init__()
        self._name = "MapTitle"
        self.title = title

    def body_html(self) -> str:
        return f'<div class="cm-title" id="cm-title">{escape_html(self.title)}</div>'


class Legend(MacroElement):
    """Symbol, name and count (shown / total) of each event type, the places swatch, the
    hollow-marker key, and the page filters (country, minimum confidence, exact places)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            conflictmap.legend({{ this._parent.get_name() }}, {{ this.data.get_name() }},
                {{ this.options|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, data: EventData, places: str | None = "Places", title: str = "Events"):
        super().__init__()
        self._name = "Legend"
        self.data = data
        self.options = {
            "title": title, "places": places, "position": "bottomright",
            "approximate": APPROXIMATE_LEGEND,
        }  # fmt: skip


class TimeFilter(MacroElement):
    """A date-range slider (two handles) with play: only events in the window are shown."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            conflictmap.timeFilter({{ this._parent.get_name() }}, {{ this.data.get_name() }},
                {{ this.options|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, data: EventData, interval_ms: int = 700) -> None:
        super().__init__()
        self._name = "TimeFilter"
        self.data = data
        self.options = {"interval": interval_ms, "position": "bottomleft"}


class ReadySignal(MacroElement):
    """Sets `window.conflictmapReady = true` once every layer has been drawn."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            conflictmap.markReady();
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "ReadySignal"
