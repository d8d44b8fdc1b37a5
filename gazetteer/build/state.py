"""What every build layer reads and fills: inputs, the staging database, shared tallies.

`PlaceLayers` and `AreaLayers` derive from `BuildState`, so the attributes they share are
declared once (and a type checker sees them); `gazetteer.build.Builder` combines them.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from gazetteer.build.buildkit import SUPPLEMENT, Staging, log


class BuildState:
    """The build's inputs and the tallies the layers share."""

    def __init__(
        self,
        data: Path,
        staging: Staging,
        geonames_dump: Path | None = None,
        min_population: int = 500,
    ) -> None:
        self.data = data
        self.st = staging
        self.dump = geonames_dump
        self.min_population = min_population
        self.supplement: dict[str, Any] = json.loads(SUPPLEMENT.read_text(encoding="utf-8"))
        self.admin1_names: dict[str, tuple[str, int | None]] = {}  # "VE.25" -> (name, geonameid)
        self.admin1_pop: dict[str, int] = defaultdict(int)
        self.admin1_points: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
        self.stats: dict[str, int] = {}
        self.dump_admin1_points: dict[str, tuple[float, float]] = {}
        self.dump_features: list[dict[str, str]] = []

    def gn(self, name: str) -> Path:
        return self.data / "geonames" / name

    def ne(self, name: str) -> Path:
        return self.data / "natural_earth" / name

    def countries_dir(self, name: str) -> Path:
        return self.data / "countries" / name

    def have(self, path: Path) -> bool:
        """Optional inputs may be absent (small test builds); say so in the log."""
        if path.is_file():
            return True
        log.warning("skipping missing input %s", path)
        return False
