"""Building blocks of the gazetteer build: codes, name helpers, rows, the staging db, export."""

from __future__ import annotations

import logging
import math
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import shapely
from shapely.geometry.base import BaseGeometry

from gazetteer import geomcodec
from gazetteer.normalize import normalize_name
from gazetteer.schema import (
    COORD_SCALE,
    DDL,
    FUZZY_MIN_POPULATION,
    IMPORTANCE_SCALE,
    KINDS,
    STAGING_DDL,
)

log = logging.getLogger("gazetteer.build")

# 0.01 degree = 1.1 km at the equator: below the error of a news-derived location (a
# town, ACLED geo_precision 1), keeps every country, admin-1 and sea recognisable at
# the zoom levels of a conflict map, and keeps 1/3 of the 10m vertices (countries:
# 547k -> 179k). `bench/bench_gazetteer.py --tolerance` checks that it moves no towns
# across borders (BENCHMARKS.md).
SIMPLIFY_DEGREES = {"country": 0.01, "admin1": 0.01, "sea": 0.02, "region": 0.02}
COORD_DIGITS = 5  # 1 m: stored coordinates are rounded so the file does not vary with float noise
CHUNK_ROWS = 50_000
DEFAULT_DATA_DIR = Path(__file__).resolve().parents[3] / "shared" / "data" / "gazetteer"
SUPPLEMENT = Path(__file__).parents[1] / "data" / "supplement.json"

# GeoNames feature codes of no-country / full-dump rows kept as seas or regions.
SEA_CODES = {
    "SEA",
    "GULF",
    "BAY",
    "BGHT",
    "STRT",
    "OCN",
    "CHN",
    "CHNM",
    "CHNN",
    "SD",
    "INLT",
    "ESTY",
    "COVE",
    "LGN",
}
REGION_CODES = {
    "RGN",
    "RGNE",
    "CONT",
    "ISL",
    "ISLS",
    "PEN",
    "ATOL",
    "DSRT",
    "PLAT",
    "PLN",
    "MTS",
    "LK",
    "LKS",
    "VAL",
    "CAPE",
}
NE_MARINE_CODES = {
    "ocean": "OCN",
    "sea": "SEA",
    "bay": "BAY",
    "gulf": "GULF",
    "strait": "STRT",
    "channel": "CHN",
    "sound": "SD",
    "inlet": "INLT",
    "lagoon": "LGN",
    "fjord": "FJD",
    "reef": "RF",
    "river": "STM",
}
NE_REGION_CODES = {
    "Island": "ISL",
    "Island group": "ISLS",
    "Peninsula": "PEN",
    "Pen/cape": "PEN",
    "Range/mtn": "MTS",
    "Desert": "DSRT",
    "Plateau": "PLAT",
    "Plain": "PLN",
    "Basin": "BSND",
    "Delta": "DLTA",
    "Continent": "CONT",
    "Valley": "VAL",
    "Isthmus": "ISTH",
    "Lake": "LK",
}
NE_NAME_LANGS = ("EN", "DE", "ES", "FR", "HU", "ID", "IT", "NL", "PL", "PT", "SV", "TR", "VI")
KEEP_CODES = {"US", "USA", "UK", "UAE", "DRC", "PRC", "DPRK", "ROK", "KSA", "CAR", "RSA", "BIH"}
SMALL_WORDS = {"of", "the", "de", "la", "del", "and", "el", "du", "des", "da", "do", "y", "les"}
ABBREVIATIONS = (
    ("Pen.", "Peninsula"),
    ("Is.", "Islands"),
    ("I.", "Island"),
    ("Mts.", "Mountains"),
    ("Mt.", "Mount"),
    ("St.", "Saint"),
    ("G.", "Gulf"),
)


class SupplementSkip(Exception):
    """A supplement entry whose base data is not in this build."""


@dataclass(slots=True)
class Row:
    """One place as written to the `places` table."""

    pid: int
    key: str | None
    name: str
    kind: str
    feature_code: str | None
    country: str | None
    admin1: str | None
    population: int
    lat: float
    lon: float
    importance: float


def importance(kind: str, population: int, feature_code: str | None, rank: float = 0.0) -> float:
    """Prior weight of a place in [0, 1]: kind, population, capital status."""
    pop = min(1.0, math.log10(population + 1) / 7.0)
    if kind == "country":
        return 1.0 if feature_code in ("PCLI", None) else 0.92
    if kind == "city":
        # Only national capitals get a bonus: among other same-named towns, population decides.
        bonus = {"PPLC": 0.3, "PPLG": 0.15}.get(feature_code or "", 0.0)
        return round(min(0.99, 0.65 * pop + bonus), 4)
    if kind == "admin1":
        return round(0.5 + 0.2 * min(1.0, math.log10(population + 1) / 8.0), 4)
    if kind == "admin2":
        return 0.35
    if kind == "sea":
        base = {"OCN": 0.85, "SEA": 0.8, "GULF": 0.75, "STRT": 0.75, "BAY": 0.7}.get(
            feature_code or "", 0.55
        )
        return round(max(0.3, base - 0.02 * rank), 4)
    if kind == "landmark":  # below its city, which the same name reaches as a metonym
        return 0.3
    return round(max(0.3, 0.6 - 0.02 * rank), 4)


def display_name(raw: str) -> str:
    """Natural Earth names: collapse spaces; title-case ALL-CAPS names ("CARIBBEAN  SEA")."""
    name = " ".join(raw.split())
    if name.isupper():
        words = name.lower().split(" ")
        name = " ".join(
            w if (i and w in SMALL_WORDS) else w[:1].upper() + w[1:] for i, w in enumerate(words)
        )
    return name


def expand_abbreviations(name: str) -> list[str]:
    """Variants of a Natural Earth label with its abbreviations spelled out."""
    variants = []
    for short, long in ABBREVIATIONS:
        if re.search(rf"(^|\s){re.escape(short)}", name):
            variants.append(re.sub(rf"(^|\s){re.escape(short)}", rf"\g<1>{long}", name))
    if name.startswith("Pen. de la ") or name.startswith("Pen. de "):
        variants.append(name.split(" ", 1)[1].split(" ", 2)[-1] + " Peninsula")
    return variants


def slug(text: str) -> str:
    return normalize_name(text).replace(" ", "-") or "unnamed"


def keep_alias(alias: str) -> str | None:
    """The normalised alias if worth storing: Latin script, not a code, not a URL."""
    alias = alias.strip()
    if not alias or "http" in alias or len(alias) > 80:
        return None
    norm = normalize_name(alias)
    if not norm or not norm.isascii() or norm.isdigit():
        return None
    if alias[0].islower():  # GeoNames' lower-case romanisations ("ba li", "pali" for Paris)
        return None
    compact = alias.replace(".", "")
    if compact.isupper() and len(compact) <= 4 and " " not in compact and compact not in KEEP_CODES:
        return None
    return norm


def clean_geometry(geom: BaseGeometry, tolerance: float) -> BaseGeometry | None:
    """Simplify, repair and round a polygon; None if nothing areal is left."""
    if geom is None or geom.is_empty:
        return None
    simple = shapely.simplify(geom, tolerance, preserve_topology=True)
    if simple.is_empty or simple.area == 0:
        simple = geom
    simple = shapely.set_precision(shapely.make_valid(simple), 10**-COORD_DIGITS)
    polys = [
        g
        for g in getattr(simple, "geoms", [simple])
        if g.geom_type in ("Polygon", "MultiPolygon") and not g.is_empty
    ]
    if not polys:
        return None
    merged = shapely.union_all(polys) if len(polys) > 1 else polys[0]
    if merged.is_empty or merged.representative_point().is_empty:
        return None
    return shapely.normalize(merged)


class Staging:
    """A scratch SQLite database collecting places, names and geometries in any order."""

    def __init__(self, path: Path) -> None:
        self.db = sqlite3.connect(path)
        self.db.executescript(STAGING_DDL)
        self.db.execute("PRAGMA journal_mode=OFF")
        self.db.execute("PRAGMA synchronous=OFF")
        self._next_negative = -1
        self._keys: dict[str, int] = {}

    def pid_for_key(self, key: str) -> int:
        """A provisional negative pid for a keyed (non-GeoNames) place; renumbered at export."""
        if key not in self._keys:
            self._keys[key] = self._next_negative
            self._next_negative -= 1
        return self._keys[key]

    def add_places(self, rows: Iterable[Row]) -> None:
        self.db.executemany(
            "INSERT OR REPLACE INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (
                (
                    r.pid,
                    r.key,
                    r.name,
                    r.kind,
                    r.feature_code,
                    r.country,
                    r.admin1,
                    int(r.population),
                    round(r.lat, COORD_DIGITS),
                    round(r.lon, COORD_DIGITS),
                    r.importance,
                )
                for r in rows
            ),
        )

    def add_names(self, rows: Iterable[tuple[str, int, int]]) -> None:
        # Duplicates are fine here: export keeps the best match per (norm, pid).
        self.db.executemany(
            "INSERT INTO names VALUES (?,?,?)", ((n, p, m) for n, p, m in rows if n)
        )

    def index_names(self) -> None:
        """Index names by norm (after the bulk loads, which are faster without it)."""
        self.db.execute("CREATE INDEX IF NOT EXISTS names_norm ON names (norm)")

    def add_geometry(self, pid: int, geom: BaseGeometry) -> None:
        minx, miny, maxx, maxy = geom.bounds
        self.db.execute(
            "INSERT OR REPLACE INTO geoms VALUES (?,?,?,?,?,?)",
            (pid, minx, miny, maxx, maxy, geomcodec.encode(geom)),
        )

    def place(self, pid: int) -> Row | None:
        got = self.db.execute("SELECT * FROM places WHERE pid = ?", (pid,)).fetchone()
        return Row(*got) if got else None


def empty_frame() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({"geometry": []}, geometry="geometry", crs="EPSG:4326")


def text_or_empty(value: object) -> str:
    """A string cell, or "" for missing values (NaN / None)."""
    return value if isinstance(value, str) else ""


def weighted_mean(points: list[tuple[float, float, int]]) -> tuple[float, float]:
    total = sum(p + 1 for _, _, p in points)
    return (
        sum(x * (p + 1) for x, _, p in points) / total,
        sum(y * (p + 1) for _, y, p in points) / total,
    )


def export(staging: Staging, out: Path, meta: dict[str, str]) -> None:
    """Copy the staging tables into `out`, sorted, with stable negative pids, VACUUMed."""
    tmp = out.with_name(f".{out.name}.tmp")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    db.execute("PRAGMA page_size = 4096")
    db.executescript(DDL)
    db.execute("ATTACH DATABASE ? AS st", (str(_db_path(staging.db)),))
    # Renumber keyed places -1, -2... in key order so pids do not depend on build order.
    db.execute(
        "CREATE TEMP TABLE remap AS SELECT pid AS old, -ROW_NUMBER() OVER (ORDER BY key) AS new "
        "FROM st.places WHERE key IS NOT NULL"
    )
    db.execute(
        "CREATE TEMP TABLE remap_all AS SELECT pid AS old, pid AS new FROM st.places "
        "WHERE key IS NULL UNION ALL SELECT old, new FROM remap"
    )
    db.execute("CREATE INDEX temp.remap_old ON remap_all(old)")
    db.execute("CREATE TEMP TABLE kinds (kind TEXT PRIMARY KEY, code INTEGER)")
    db.executemany("INSERT INTO temp.kinds VALUES (?, ?)", [(k, i) for i, k in enumerate(KINDS)])
    db.execute(
        f"INSERT INTO places SELECT r.new, key, name, k.code, feature_code, country, admin1, "
        f"population, CAST(round(lat * {COORD_SCALE}) AS INTEGER), "
        f"CAST(round(lon * {COORD_SCALE}) AS INTEGER), "
        f"CAST(round(importance * {IMPORTANCE_SCALE}) AS INTEGER) "
        f"FROM st.places p JOIN remap_all r ON r.old = p.pid "
        f"JOIN temp.kinds k ON k.kind = p.kind ORDER BY r.new"
    )
    db.execute(
        "INSERT INTO names SELECT norm, r.new, min(match) FROM st.names n "
        "JOIN remap_all r ON r.old = n.pid GROUP BY norm, r.new ORDER BY norm, r.new"
    )
    db.execute(
        "INSERT INTO geoms SELECT r.new, minx, miny, maxx, maxy, shape FROM st.geoms g "
        "JOIN remap_all r ON r.old = g.pid ORDER BY r.new"
    )
    db.execute("INSERT INTO admin1 SELECT code, name, pid FROM st.admin1 ORDER BY code")
    db.execute(
        "INSERT INTO fuzzy SELECT DISTINCT n.norm FROM names n JOIN places p USING (pid) "
        "WHERE (p.kind != ? OR p.population >= ?) AND length(n.norm) >= 4 ORDER BY n.norm",
        (KINDS.index("city"), FUZZY_MIN_POPULATION),
    )
    db.executemany("INSERT INTO meta VALUES (?, ?)", sorted(meta.items()))
    db.commit()
    db.execute("DETACH DATABASE st")
    db.execute("VACUUM")
    db.close()
    tmp.replace(out)


def _db_path(db: sqlite3.Connection) -> str:
    return db.execute("PRAGMA database_list").fetchone()[2]
