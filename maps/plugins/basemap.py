"""The offline Natural Earth basemap (land, lakes, borders, labels) drawn on a canvas."""

from __future__ import annotations

import json

from maps.basemap import load_basemap_text
from maps.plugins.raw import RawMacroElement
from maps.styles import BASEMAP


class OfflineBasemap(RawMacroElement):
    """Inlines `maps/data/basemap.json` and draws it below every other layer."""

    def __init__(self, element_id: str = "conflictmap-basemap") -> None:
        super().__init__()
        self._name = "OfflineBasemap"
        self.element_id = element_id
        self.colors = dict(BASEMAP)

    def body_html(self) -> str:
        # Our own JSON; escaped anyway so that it cannot end the tag.
        text = load_basemap_text().strip().replace("<", "\\u003c").replace(">", "\\u003e")
        return f'<script type="application/json" id="{self.element_id}">{text}</script>'

    def script_js(self) -> str:
        assert self._parent is not None, "add the basemap to a map before rendering"
        return (
            f"var {self.get_name()} = conflictmap.basemap({self._parent.get_name()}, "
            f"conflictmap.readJSON({json.dumps(self.element_id)}), "
            f"{json.dumps(self.colors, sort_keys=True)});"
        )
