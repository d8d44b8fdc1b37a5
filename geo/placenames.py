"""The gazetteer's names in one pyahocorasick trie, matched over a document's tokens.

`NameIndex.find(norms)` takes the normalised text of each token (`normalize_token`) and
returns every span of whole tokens whose joined text is a gazetteer name, with what the
gazetteer knows of the best place of that name (population, kind rank, demonym or not).
Matches never cross punctuation that stands apart ("Paris, Texas" is two names) but do
join words split by a tight hyphen, spaced or run together ("Winston-Salem",
"Pétion-Ville" for "Pétionville").
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import threading
from collections.abc import Container, Iterable
from functools import lru_cache
from itertools import repeat
from pathlib import Path
from typing import Any, NamedTuple

import ahocorasick

from gazetteer.lookup import PlaceLookup
from gazetteer.normalize import normalize_name
from geo.errors import ConflictmapError
from geo.io import atomic_write

# Feature type order used to rank candidates: country > admin1 > sea > region/admin2 > city.
# fmt: off
KIND_RANK = {
    "country": 6,
    "admin1": 5,
    "sea": 4,
    "region": 3,
    "admin2": 3,
    "city": 2,
    "landmark": 1,
    "derived": 0,
}
# fmt: on
# US states: postal code -> name; AP-style abbreviations (normalised) -> name.
# fmt: off
US_STATE_CODES = {
    "Alabama": "AL", "Alaska": "AK", "Arizona": "AZ", "Arkansas": "AR", "California": "CA",
    "Colorado": "CO", "Connecticut": "CT", "Delaware": "DE", "District of Columbia": "DC",
    "Florida": "FL", "Georgia": "GA", "Hawaii": "HI", "Idaho": "ID", "Illinois": "IL",
    "Indiana": "IN", "Iowa": "IA", "Kansas": "KS", "Kentucky": "KY", "Louisiana": "LA",
    "Maine": "ME", "Maryland": "MD", "Massachusetts": "MA", "Michigan": "MI",
    "Minnesota": "MN", "Mississippi": "MS", "Missouri": "MO", "Montana": "MT",
    "Nebraska": "NE", "Nevada": "NV", "New Hampshire": "NH", "New Jersey": "NJ",
    "New Mexico": "NM", "New York": "NY", "North Carolina": "NC", "North Dakota": "ND",
    "Ohio": "OH", "Oklahoma": "OK", "Oregon": "OR", "Pennsylvania": "PA",
    "Rhode Island": "RI", "South Carolina": "SC", "South Dakota": "SD", "Tennessee": "TN",
    "Texas": "TX", "Utah": "UT", "Vermont": "VT", "Virginia": "VA", "Washington": "WA",
    "West Virginia": "WV", "Wisconsin": "WI", "Wyoming": "WY",
}
# fmt: on
# fmt: off
_AP_STYLE = {
    "ala": "Alabama", "ariz": "Arizona", "ark": "Arkansas", "calif": "California",
    "colo": "Colorado", "conn": "Connecticut", "del": "Delaware", "dc": "District of Columbia",
    "fla": "Florida", "ga": "Georgia", "ill": "Illinois", "ind": "Indiana", "kan": "Kansas",
    "kans": "Kansas", "ky": "Kentucky", "la": "Louisiana", "md": "Maryland",
    "mass": "Massachusetts", "mich": "Michigan", "minn": "Minnesota", "miss": "Mississippi",
    "mo": "Missouri", "mont": "Montana", "neb": "Nebraska", "nebr": "Nebraska", "nev": "Nevada",
    "nh": "New Hampshire", "nj": "New Jersey", "nm": "New Mexico", "ny": "New York",
    "nc": "North Carolina", "nd": "North Dakota", "okla": "Oklahoma", "ore": "Oregon",
    "pa": "Pennsylvania", "ri": "Rhode Island", "sc": "South Carolina", "sd": "South Dakota",
    "tenn": "Tennessee", "tex": "Texas", "vt": "Vermont", "va": "Virginia",
    "wash": "Washington", "wva": "West Virginia", "wis": "Wisconsin", "wisc": "Wisconsin",
    "wyo": "Wyoming",
}
# fmt: on
US_STATE_NAMES = {**{c.lower(): n for n, c in US_STATE_CODES.items()}, **_AP_STYLE}
# Written with dots these are unambiguous in running text ("W.Va.", "S.C.", "Tenn.").
# fmt: off
DOTTED_STATE_ABBREVIATIONS = frozenset(
    k for k in _AP_STYLE if k not in {"del", "ill", "ind", "la", "mass", "miss", "mo", "wash"}
)
# fmt: on
MIN_CITY_POPULATION = 1_000
INDEX_FORMAT = 6  # bump when NameIndex or its names change (invalidates cached indexes)
_CONNECTOR_TEXT = (
    "of the de del della di da do dos das du des la le les el al y and upon on am im "
    "sur en van von der den op aan"
)


class NameInfo(NamedTuple):
    """The most notable place of a name: its population, kind rank, and whether the name
    is the demonym of a place ("venezuelan").

    A named tuple: the cached index holds ~50,000 of them, which unpickle as tuples, not
    through a dataclass's per-object `__setstate__`, at every cold start.
    """

    population: int
    rank: int
    demonym: bool = False


@lru_cache(maxsize=200_000)
def normalize_token(text: str) -> str:
    """`gazetteer.normalize.normalize_name` of one token (cached)."""
    return normalize_name(text)


#: How alike (rapidfuzz ratio) a unit's name must be to a spelling of it: "Lower Shabelle"
#: is "Lower Shabeelle" (96.6); "North Georgia" is not "North Carolina" (66.7).
VARIANT_RATIO = 92.0


def likeness(name: str, norm: str) -> float:
    """How alike a place's name and a normalised name are (rapidfuzz ratio, 0-100)."""
    from rapidfuzz import fuzz

    return float(fuzz.ratio(normalize_token(name), norm))


def spelling_of(text: str, name: str, ratio: float = VARIANT_RATIO) -> bool:
    """`text` writes `name` another way, at least `ratio` alike: as closely as a unit's
    variant ("Izmail" for Izmayil, 92.3), not another name ("Beyazıt" for Doğubayazıt) or
    a word ("From")."""
    key = normalize_token(text)
    return bool(key) and likeness(name, key) >= ratio


class NameIndex:
    """Normalised place names in a pyahocorasick automaton, walked as a trie (`find`)."""

    # fmt: off
    CONNECTORS = frozenset(
        _CONNECTOR_TEXT.split()
    )
    # fmt: on

    def __init__(self, names: dict[str, NameInfo]) -> None:
        # Values are ints (fast to store): the number of the name's NameInfo.
        self._automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        numbers: dict[NameInfo, int] = {}
        self._infos: list[NameInfo] = []
        add = self._automaton.add_word
        for norm, info in names.items():
            number = numbers.get(info)
            if number is None:
                number = numbers[info] = len(self._infos)
                self._infos.append(info)
            add(norm, number)
        if names:
            self._automaton.make_automaton()
        self._empty = not names

    @classmethod
    def from_rows(
        cls,
        rows: Iterable[tuple[str, str, str, int]],
        demonyms: Iterable[str] = (),
        min_city_population: int = MIN_CITY_POPULATION,
    ) -> NameIndex:
        """Build from `Gazetteer.iter_names()` rows `(norm, place id, kind, population)`;
        `demonyms` are normalised names that are the demonym of a place.

        Names that cannot occur in English text (non-Latin scripts) and towns smaller than
        `min_city_population` are left out: spaCy's GPE/LOC entities still find those.
        """
        best: dict[str, tuple[int, int]] = {}
        for norm, _pid, kind, population in rows:
            pop = int(population or 0)
            if kind == "city" and pop < min_city_population:
                continue
            if not 2 <= len(norm) <= 255 or not norm.isascii() or norm.isdigit():
                continue
            rank = KIND_RANK.get(kind, 0)
            old = best.get(norm)
            best[norm] = (max(pop, old[0]), max(rank, old[1])) if old else (pop, rank)
        for norm, value in list(best.items()):
            bare = _without_article(norm)
            if bare and bare not in best and value[0] >= ARTICLE_DROPPED_POPULATION:
                best[bare] = value  # "Qamishli" for GeoNames' "Al Qāmishlī"
        demonym_set = set(demonyms)
        interned: dict[tuple[int, int, bool], NameInfo] = {}
        names = {}
        for norm, (pop, rank) in best.items():
            key = (pop, rank, norm in demonym_set)
            info = interned.get(key)
            if info is None:
                info = interned[key] = NameInfo(*key)
            names[norm] = info
        for norm in demonym_set - names.keys():
            names[norm] = NameInfo(0, KIND_RANK["country"], True)
        return cls(names)

    def __getstate__(self) -> dict[str, Any]:
        """The state to pickle, with the infos as three columns of plain ints and bools:
        ~50,000 named tuples would unpickle one by one at every cold start."""
        state = self.__dict__.copy()
        state["_infos"] = tuple(zip(*state["_infos"], strict=True)) or ((), (), ())
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        columns = zip(*state["_infos"], strict=True)
        infos = map(tuple.__new__, repeat(NameInfo), columns)  # no Python-level calls
        self.__dict__.update(state, _infos=list(infos))

    def lookup(self, norm: str) -> NameInfo | None:
        """What the index knows of one normalised name."""
        if self._empty:
            return None
        found = self._automaton.get(norm, None)
        return None if found is None else self._infos[found]

    def find(
        self,
        norms: list[str],
        tight: Container[int] = (),
        starts: list[bool] | None = None,
    ) -> list[tuple[int, int, NameInfo]]:
        """Every `(start, end, info)` token span whose text is a name (overlaps included),
        by start then end.

        `norms[i]` is the normalised text of token i; an empty one is punctuation, which
        breaks a name unless `i in tight` (a hyphen touching both neighbours). Spans
        start only where `starts[i]` is true, if `starts` is given. From each start the
        span grows one token at a time while the automaton's trie holds the words so far
        as the beginning of a name: ~2 lookups a token.
        """
        if self._empty:
            return []
        out: list[tuple[int, int, NameInfo]] = []
        for i, norm in enumerate(norms):
            if norm and (starts is None or starts[i]):
                out += self._spans_from(norms, tight, i)
        return out

    def _spans_from(
        self, norms: list[str], tight: Container[int], i: int
    ) -> list[tuple[int, int, NameInfo]]:
        """The names that start at token `i`: `find` for one start."""
        automaton, found = self._automaton, []
        words, j = norms[i], i
        while True:
            value = automaton.get(words, None)
            if value is not None:
                found.append((i, j + 1, self._infos[value]))
            j += 1
            hyphen = j
            while j < len(norms) and not norms[j] and j in tight:
                j += 1
            run_together = len(words) > 2 and words not in WORD_PREFIXES  # not "Tri-State", "D-IA"
            if run_together and hyphen < j < len(norms) and norms[j]:
                joined = automaton.get(words + norms[j], None)
                if joined is not None:
                    found.append((i, j + 1, self._infos[joined]))
            if j >= len(norms) or not norms[j] or not automaton.match(words + " "):
                return found
            words += " " + norms[j]


#: English prefixes a hyphen joins to a word ("Tri-State", "Pan-African"): never a name.
# fmt: off
WORD_PREFIXES = frozenset({"anti", "co", "ex", "inter", "mid", "multi", "non", "pan", "post",
                           "pre", "pro", "semi", "sub", "trans", "tri"})
# fmt: on

#: The Arabic article that opens many GeoNames names and that news often drops; only
#: towns this large are also known without it ("El Control" is no "Control").
ARTICLES = ("al ", "el ")
ARTICLE_DROPPED_POPULATION = 20_000


def _without_article(norm: str) -> str | None:
    """ "al qamishli" -> "qamishli" (a name of at least five letters), else None."""
    for article in ARTICLES:
        if norm.startswith(article) and len(norm) - len(article) >= 5:
            return norm[len(article) :]
    return None


_INDEXES: dict[object, NameIndex] = {}
_LOCK = threading.Lock()


def name_index_for(gazetteer: PlaceLookup) -> NameIndex:
    """The `NameIndex` of a gazetteer, built once per process and gazetteer file.

    For a store on disk the built index is also kept in the user's cache folder
    (`$XDG_CACHE_HOME/conflictmap`, keyed by the store's path, size and mtime), so that
    each new process (CLI run, Dask worker) loads it in a fraction of a second.
    """
    key = str(getattr(gazetteer, "path", None) or id(gazetteer))
    with _LOCK:
        index = _INDEXES.get(key)
        if index is None:
            cache = _cache_file(getattr(gazetteer, "path", None))
            index = _load_cached(cache) if cache else None
            if index is None:
                index = NameIndex.from_rows(
                    gazetteer.iter_names(),
                    _demonyms_of(gazetteer),
                )
                if cache:
                    _store_cached(cache, index)
            _INDEXES[key] = index
        return index


def _cache_file(store: object) -> Path | None:
    """Where the index of the store at `store` is cached (None if it is not a file)."""
    if not store:
        return None
    path = Path(str(store))
    try:
        stat = path.stat()
    except OSError:
        return None
    digest = hashlib.sha256(
        f"{INDEX_FORMAT}|{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|"
        f"{MIN_CITY_POPULATION}".encode()
    ).hexdigest()[:20]
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return root / "conflictmap" / f"names-{digest}.pickle"


def _load_cached(cache: Path) -> NameIndex | None:
    try:
        with cache.open("rb") as fh:
            index = pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
        return None
    return index if isinstance(index, NameIndex) else None


CACHED_INDEXES = 3  # newest index files kept: one per store copy in use, ~65 MB each


def _store_cached(cache: Path, index: NameIndex) -> None:
    """Write the index, and delete all but the `CACHED_INDEXES` newest index files: each
    rebuilt or moved store otherwise leaves one more behind for good."""
    # a read-only home: build again next time
    with contextlib.suppress(OSError, ConflictmapError):
        atomic_write(cache, pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL))
        others = [p for p in cache.parent.glob("names-*.pickle") if p != cache]
        others.sort(key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for old in others[CACHED_INDEXES - 1 :]:
            old.unlink(missing_ok=True)


def _demonyms_of(gazetteer: PlaceLookup) -> list[str]:
    """Names the gazetteer holds as demonyms, if it says which (`iter_demonyms`)."""
    getter = getattr(gazetteer, "iter_demonyms", None)
    return [normalize_name(d) for d in getter()] if getter else []
