"""The page's one data blob, inlined as `<script type="application/json">`."""

from __future__ import annotations

import json
from typing import Any

from maps.escape import json_for_html
from maps.plugins.raw import RawMacroElement


class EventData(RawMacroElement):
    """Events, places, articles and types (see `maps.blob`), parsed once into a JS store."""

    def __init__(self, blob: dict[str, Any], element_id: str = "conflictmap-data") -> None:
        super().__init__()
        self._name = "EventData"
        self.element_id = element_id
        self.text = json_for_html(blob)
        self.types: list[dict[str, Any]] = blob["types"]

    def body_html(self) -> str:
        return f'<script type="application/json" id="{self.element_id}">{self.text}</script>'

    def script_js(self) -> str:
        name = self.get_name()
        return (
            f"var {name} = conflictmap.prepare(conflictmap.readJSON("
            f"{json.dumps(self.element_id)}));\nconflictmap.typeStyles({name});"
        )
