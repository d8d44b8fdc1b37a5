"""Read side of the embedded gazetteer: candidate lookup, ids, polygons, reverse lookup.

>>> gz = Gazetteer.open()
>>> gz.candidates("Caracas")[0].country
'VE'
"""

from __future__ import annotations

import math
import re
import sqlite3
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from contextlib import suppress
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gazetteer.errors import GazetteerError
from gazetteer.geodesy import haversine_km
from gazetteer.normalize import normalize_name
from gazetteer.places import Candidate
from gazetteer.schema import (
    COORD_SCALE,
    IMPORTANCE_SCALE,
    KINDS,
    MATCH_DEMONYM,
    MATCH_LABELS,
    SCHEMA_VERSION,
)

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

MAX_QUERY_CHARS = 200  # no place name is longer; longer queries return no candidates
MATCH_QUALITY = {"exact": 1.0, "landmark": 0.97, "alias": 0.9, "demonym": 0.85, "derived": 0.9}
IN_COUNTRY_BONUS = 0.1
ADMIN1_SHADOW = 0.15
REBUILD_HINT = (
    "rebuild it with `conflictmap gazetteer build --data DIR`, DIR holding the raw GeoNames "
    "and Natural Earth files (see gazetteer/README.md), or restore "
    "gazetteer/data/gazetteer.sqlite from git"
)
_LEADING_ARTICLE = re.compile(r"^the\s+")
_PLACE_COLUMNS = (
    "p.pid, p.key, p.name, p.kind, p.feature_code, p.country, p.admin1, p.population, p.lat, "
    "p.lon, p.importance"
)


class _LRU(OrderedDict):
    """A small bounded mapping (least recently used entries are dropped)."""

    def __init__(self, maxsize: int) -> None:
        super().__init__()
        self.maxsize = maxsize

    def put(self, key: Any, value: Any) -> Any:
        self[key] = value
        if len(self) > self.maxsize:
            with suppress(KeyError):  # another thread evicted it first
                self.popitem(last=False)
        return value


def default_store_path() -> Path:
    """The store shipped inside the package."""
    return Path(str(resources.files("gazetteer") / "data" / "gazetteer.sqlite"))


class Gazetteer:
    """The embedded gazetteer (one read-only SQLite file). Use `Gazetteer.open()`."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._db = _connect(self.path)
        self._admin1 = {
            code: name for code, name in self._db.execute("SELECT code, name FROM admin1")
        }
        self._rows: _LRU = _LRU(200_000)
        self._lookups: _LRU = _LRU(100_000)
        self._results: _LRU = _LRU(100_000)
        self._geoms: _LRU = _LRU(512)
        self._derived: dict[str, tuple[Candidate, BaseGeometry]] = {}
        self._no_area: set[str] = set()
        self._fuzzy_vocab: list[str] | None = None
        self._capitals: dict[str, int] | None = None  # ISO2 -> pid, read on first use
        self._locate_index: Any = None

    @classmethod
    def open(cls, path: str | Path | None = None) -> Gazetteer:
        """Open the store at `path` (default: the packaged `gazetteer/data/gazetteer.sqlite`)."""
        return cls(path if path is not None else default_store_path())

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Gazetteer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __getstate__(self) -> dict[str, Any]:  # picklable for Dask: reopen by path
        return {"path": str(self.path)}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["path"])  # type: ignore[misc]  # unpickling reopens the store

    def meta(self) -> dict[str, str]:
        return dict(self._db.execute("SELECT key, value FROM meta"))

    def kind_counts(self) -> dict[str, int]:
        """Number of places of each kind."""
        rows = self._db.execute("SELECT kind, count(*) FROM places GROUP BY kind ORDER BY kind")
        return {KINDS[k]: n for k, n in rows}

    # -- lookup ---------------------------------------------------------------------------
    def candidates(
        self,
        name: str,
        country: str | None = None,
        kinds: Iterable[str] | None = None,
        limit: int = 10,
        fuzzy: bool = True,
    ) -> list[Candidate]:
        """Places `name` may refer to, best first.

        Exact (case/diacritic-insensitive) names, aliases, demonyms and landmark metonyms
        first; then directional/coastal/border phrases ("southern Caribbean"); then, with
        `fuzzy`, near spellings for typos. `country` (ISO2) ranks that country's places
        first; `kinds` keeps only those kinds. Empty or over-long queries give [].
        """
        kinds_key = _kinds_key(kinds)
        key = (name, country, kinds_key, limit, fuzzy)
        cached = self._results.get(key)
        if cached is not None:
            return list(cached)
        if not isinstance(name, str):
            raise TypeError(f"place name must be a string, not {type(name).__name__}")
        result: list[Candidate] = []
        if len(name) <= MAX_QUERY_CHARS:
            norm = normalize_name(name)
            exact = self._exact(norm) if norm else []
            if exact:  # the name exists: never fall back to guesses, even if `kinds` drops all
                result = self._rank(exact, country, kinds_key, limit)
            elif norm:
                from gazetteer.areas import parse_area_phrase

                phrase = parse_area_phrase(self, name)
                if phrase is not None:  # "western Pacific" must not fuzzy-match "Eastern Pacific"
                    result = self._rank(phrase, country, kinds_key, limit)
                elif fuzzy:
                    result = self._rank(self._fuzzy(norm), country, kinds_key, limit)
        self._results.put(key, tuple(result))
        return result

    def _exact(self, norm: str) -> list[Candidate]:
        hits = self._lookup(norm)
        if not hits and (bare := _LEADING_ARTICLE.sub("", norm)) != norm:
            hits = self._lookup(bare)
        return [self._make(row, MATCH_LABELS[m], MATCH_QUALITY[MATCH_LABELS[m]]) for m, row in hits]

    def _lookup(self, norm: str) -> tuple[tuple[int, tuple], ...]:
        """(match code, place row) of every place named `norm`: one indexed join."""
        hits = self._lookups.get(norm)
        if hits is None:
            hits = tuple(
                (row[0], row[1:])
                for row in self._db.execute(
                    f"SELECT n.match, {_PLACE_COLUMNS} FROM names n JOIN places p USING (pid) "
                    "WHERE n.norm = ?",
                    (norm,),
                )
            )
            self._lookups.put(norm, hits)
        return hits

    def _make(self, row: tuple, match: str, quality: float) -> Candidate:
        """A Candidate from a places row, scored: 0.55 x match quality + 0.45 x prior."""
        pid, key, name, kind, fcode, cc, a1, pop, lat, lon, imp = row
        a1_code = f"{cc}.{a1}" if cc and a1 else None
        return Candidate(
            id=key or f"gn:{pid}",
            name=name,
            kind=KINDS[kind],
            feature_code=fcode,
            country=cc,
            admin1=self._admin1.get(a1_code, a1) if a1_code else a1,
            population=pop,
            lat=lat / COORD_SCALE,
            lon=lon / COORD_SCALE,
            geonameid=pid if key is None else None,
            score=round(0.55 * quality + 0.45 * imp / IMPORTANCE_SCALE, 4),
            match=match,
            admin1_code=a1_code,
            gazetteer=self,
        )

    def _rank(
        self,
        found: list[Candidate],
        country: str | None,
        kinds: tuple[str, ...] | None,
        limit: int,
    ) -> list[Candidate]:
        found = _city_before_its_region(found)
        best: dict[str, Candidate] = {}
        for cand in found:
            if kinds is not None and cand.kind not in kinds:
                continue
            if country and cand.country == country.upper():
                cand = replace(cand, score=min(1.0, round(cand.score + IN_COUNTRY_BONUS, 4)))
            if cand.id not in best or cand.score > best[cand.id].score:
                best[cand.id] = cand
        in_country = (country or "").upper()
        ordered = sorted(
            best.values(),
            key=lambda c: (
                c.country != in_country if in_country else False,
                -c.score,
                -c.population,
                c.id,
            ),
        )
        return ordered[: max(0, limit)]

    def _fuzzy(self, norm: str) -> list[Candidate]:
        """Near spellings ("Caracus") among the names of notable places (rapidfuzz ratio >= 85)."""
        if len(norm) < 4:
            return []
        from rapidfuzz import fuzz, process

        if self._fuzzy_vocab is None:
            self._fuzzy_vocab = [n for (n,) in self._db.execute("SELECT norm FROM fuzzy")]
        out = []
        for text, ratio, _ in process.extract(
            norm, self._fuzzy_vocab, scorer=fuzz.ratio, limit=5, score_cutoff=85
        ):
            for m, row in self._lookup(text):
                quality = 0.8 * ratio / 100 * (1.0 if m == 0 else 0.95)
                out.append(self._make(row, "fuzzy", quality))
        return out

    # -- rows -------------------------------------------------------------------------------
    def _row(self, pid: int) -> tuple:
        row = self._rows.get(pid)
        if row is None:
            row = self._db.execute(
                f"SELECT {_PLACE_COLUMNS} FROM places p WHERE pid = ?", (pid,)
            ).fetchone()
            if row is None:
                raise KeyError(pid)
            self._rows.put(pid, row)
        return row

    def _importance(self, pid: int) -> float:
        return self._row(pid)[10] / IMPORTANCE_SCALE

    def _candidate(self, pid: int) -> Candidate:
        return self._make(self._row(pid), "exact", 1.0)

    def _pid(self, place_id: str) -> int | None:
        if place_id.startswith("gn:"):
            return int(place_id[3:]) if place_id[3:].isdigit() else None
        got = self._db.execute("SELECT pid FROM places WHERE key = ?", (place_id,)).fetchone()
        return got[0] if got else None

    def get(self, place_id: str) -> Candidate | None:
        """The place with this id (gn:, ne:, sup: or derived:), or None."""
        if place_id.startswith("derived:"):
            from gazetteer.areas import derived_from_id

            return derived_from_id(self, place_id)
        pid = self._pid(place_id)
        if pid is None:
            return None
        try:
            return replace(self._candidate(pid), score=1.0)
        except KeyError:
            return None

    def geometry(self, place_id: str) -> BaseGeometry | None:
        """The polygon (WGS84) of an areal place, None for points and unknown ids."""
        if place_id in self._geoms:
            return self._geoms[place_id]
        if place_id.startswith("derived:"):
            cand = self.get(place_id)
            return self._derived[cand.id][1] if cand is not None else None
        from gazetteer import geomcodec  # numpy/shapely load on the first polygon, not at open

        pid = self._pid(place_id)
        got = self._db.execute("SELECT shape FROM geoms WHERE pid = ?", (pid,)).fetchone()
        geom = geomcodec.decode(got[0]) if got else None
        return self._geoms.put(place_id, geom)

    def iter_names(self) -> Iterator[tuple[str, str, str, int]]:
        """(normalised name, place id, kind, population) for every name, alias and demonym.

        Sorted by name. Landmark metonyms appear twice: for the landmark and for its city.
        """
        places = {
            pid: (key or f"gn:{pid}", KINDS[kind], pop)
            for pid, key, kind, pop in self._db.execute(
                "SELECT pid, key, kind, population FROM places"
            )
        }
        for norm, pid in self._db.execute("SELECT norm, pid FROM names"):
            yield (norm, *places[pid])

    def iter_demonyms(self) -> Iterator[str]:
        """Normalised demonyms ("venezuelan", "venezuelans"...), each once."""
        rows = self._db.execute(
            "SELECT DISTINCT norm FROM names WHERE match = ? ORDER BY norm", (MATCH_DEMONYM,)
        )
        for (norm,) in rows:
            yield norm

    def capital(self, iso2: str) -> Candidate | None:
        """The national capital (feature code PPLC) of a country, most populous if several."""
        if self._capitals is None:  # one scan for all countries (no index on feature_code)
            rows = self._db.execute(
                "SELECT country, pid FROM places WHERE kind = ? AND feature_code = 'PPLC' "
                "ORDER BY population, pid DESC",
                (KINDS.index("city"),),
            )
            self._capitals = dict(rows.fetchall())  # later rows win: the most populous last
        pid = self._capitals.get(iso2.upper())
        return self.get(f"gn:{pid}") if pid is not None else None

    # -- areas --------------------------------------------------------------------------------
    def derived_area(self, qualifier: str, place_id: str) -> Candidate | None:
        """A derived area such as ("southern", Caribbean Sea id): kind "derived", with polygon.

        qualifier: northern | southern | eastern | western | north-eastern | north-western |
        south-eastern | south-western | central | coast | off-coast.
        """
        from gazetteer.areas import derived_area

        return derived_area(self, qualifier, place_id)

    def border_area(self, place_id_a: str, place_id_b: str) -> Candidate | None:
        """The border zone between two areal places (e.g. two countries)."""
        from gazetteer.areas import border_area

        return border_area(self, place_id_a, place_id_b)

    def remember_derived(self, cand: Candidate, geom: BaseGeometry) -> Candidate:
        self._derived[cand.id] = (cand, geom)
        return cand

    def derived_cached(self, place_id: str) -> Candidate | None:
        got = self._derived.get(place_id)
        return got[0] if got else None

    def remember_missing(self, place_id: str) -> None:
        """A derived area that was computed and came out empty."""
        self._no_area.add(place_id)

    def known_missing(self, place_id: str) -> bool:
        return place_id in self._no_area

    def areal_places(self, kinds: tuple[str, ...]) -> list[tuple[int, tuple[float, ...]]]:
        """(pid, bbox) of every place of these kinds that has a polygon."""
        codes = tuple(KINDS.index(k) for k in kinds)
        marks = ",".join("?" * len(codes))
        return [
            (pid, (minx, miny, maxx, maxy))
            for pid, minx, miny, maxx, maxy in self._db.execute(
                f"SELECT g.pid, minx, miny, maxx, maxy FROM geoms g JOIN places p USING (pid) "
                f"WHERE p.kind IN ({marks}) ORDER BY g.pid",
                codes,
            )
        ]

    def importance_of(self, cand: Candidate) -> float:
        pid = self._pid(cand.id)
        return self._importance(pid) if pid is not None else 0.5

    def locate_index(self) -> Any:
        """The reverse-lookup index, built on first use."""
        if self._locate_index is None:
            from gazetteer.areas import LocateIndex

            self._locate_index = LocateIndex(self)
        return self._locate_index

    def nearest(
        self, lon: float, lat: float, kinds: tuple[str, ...] = ("city",), max_km: float = 25.0
    ) -> Candidate | None:
        """The closest place of these kinds within `max_km` (great-circle), or None."""
        dlat = max_km / 111.0
        dlon = dlat / max(0.05, math.cos(math.radians(lat)))
        codes = [KINDS.index(k) for k in kinds]
        rows = self._db.execute(
            f"SELECT pid, lat, lon FROM places WHERE kind IN ({','.join('?' * len(codes))}) "
            "AND lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?",
            (
                *codes,
                *(round(v * COORD_SCALE) for v in (lat - dlat, lat + dlat, lon - dlon, lon + dlon)),
            ),
        )
        best = None
        for pid, plat, plon in rows:
            d = haversine_km(lon, lat, plon / COORD_SCALE, plat / COORD_SCALE)
            if d <= max_km and (best is None or d < best[0]):
                best = (d, pid)
        return self.get(self.id_of(best[1])) if best else None

    def country(self, iso2: str) -> Candidate | None:
        """The country with this ISO 3166-1 alpha-2 code."""
        got = self._db.execute(
            "SELECT pid FROM places WHERE kind = ? AND country = ? ORDER BY importance DESC, pid "
            "LIMIT 1",
            (KINDS.index("country"), iso2.upper()),
        ).fetchone()
        return self.get(f"gn:{got[0]}") if got else None

    def kind_of(self, pid: int) -> str:
        return KINDS[self._row(pid)[3]]

    def id_of(self, pid: int) -> str:
        return self._row(pid)[1] or f"gn:{pid}"

    def locate(self, lon: float, lat: float) -> dict[str, Candidate | None]:
        """The country, admin-1 and sea (smallest water body) containing (lon, lat)."""
        from gazetteer.areas import locate

        return locate(self, lon, lat)


def _kinds_key(kinds: Iterable[str] | str | None) -> tuple[str, ...] | None:
    """`kinds` as a sorted tuple; a single kind may be given as a string."""
    if kinds is None:
        return None
    wanted = (kinds,) if isinstance(kinds, str) else tuple(kinds)
    unknown = set(wanted) - set(KINDS)
    if unknown:
        raise ValueError(f"unknown place kind(s) {sorted(unknown)}; kinds are {', '.join(KINDS)}")
    return tuple(sorted(set(wanted)))


def _city_before_its_region(found: list[Candidate]) -> list[Candidate]:
    """News usage: a bare "Donetsk", "Aleppo", "New York" is the city, not its region.

    An admin-1 that shares the query with a sizeable city (>= 5% of its population) of the
    same country loses ADMIN1_SHADOW of score.
    """
    cities = [c for c in found if c.kind == "city" and c.match != "fuzzy"]
    if not cities:
        return found
    out = []
    for cand in found:
        if cand.kind == "admin1" and any(
            c.country == cand.country and c.population >= 0.05 * cand.population for c in cities
        ):
            cand = replace(cand, score=round(cand.score - ADMIN1_SHADOW, 4))
        out.append(cand)
    return out


def _connect(path: Path) -> sqlite3.Connection:
    if not path.is_file():
        raise GazetteerError(f"{path}: gazetteer store not found; {REBUILD_HINT}")
    try:
        db = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True, check_same_thread=False
        )
        version = dict(db.execute("SELECT key, value FROM meta")).get("schema_version")
    except sqlite3.DatabaseError as exc:
        raise GazetteerError(
            f"{path}: not a readable gazetteer store ({exc}); {REBUILD_HINT}"
        ) from exc
    if version != SCHEMA_VERSION:
        raise GazetteerError(
            f"{path}: gazetteer schema {version!r}, this code reads {SCHEMA_VERSION!r}; "
            f"{REBUILD_HINT}"
        )
    return db
