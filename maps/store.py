"""The event store: one GeoPackage that grows run after run, without duplicates.

Layout (a valid GeoPackage, so QGIS opens the store itself):
- `events`, `places` — the export layers of docs/schema.md, for GIS tools;
- `articles` — every ingested article, text included (id = content hash);
- `event_models` — each event as lossless JSON, what `events()` reads back;
- `store_info` — format name and version.

`add` skips articles already in the store (same content hash), merges the new events with
the stored ones through `geo.events.merge.merge_events` (a known event gains a source
instead of becoming a duplicate) and rewrites the store into a temp file that is renamed
over the old one: a crash at any point leaves the store as it was. A lock file beside the
store serialises concurrent writers.
"""

from __future__ import annotations

import fcntl
import json
import warnings
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pyogrio
from shapely.geometry import Point

from geo.errors import InputError
from geo.model import Actor, Article, ArticleResult, Event, Place, Provenance, gather_places
from geo.run import merge_into
from maps.export import typed, write_gpkg_layers
from maps.frames import events_frame, json_values, places_frame

STORE_FORMAT = "conflictmap-store"
STORE_VERSION = "1"
ARTICLE_COLUMNS = ["id", "title", "published", "source", "url", "origin", "text"]


# --- Event <-> JSON ------------------------------------------------------------------------


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _date(value: object) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) and value else None


def event_to_json(event: Event) -> str:
    """Lossless JSON of an event; its place is referenced by `place_id`."""
    record = {
        "id": event.id, "label": event.label, "event_type": event.event_type,
        "sub_event_type": event.sub_event_type, "cameo": event.cameo,
        "date": _iso(event.date), "date_start": _iso(event.date_start),
        "date_end": _iso(event.date_end), "time_precision": event.time_precision,
        "place_id": event.place.id if event.place else None,
        "geo_precision": event.geo_precision, "location_reason": event.location_reason,
        "actor1": asdict(event.actor1) if event.actor1 else None,
        "actor2": asdict(event.actor2) if event.actor2 else None,
        "fatalities": event.fatalities, "fatalities_text": event.fatalities_text,
        "counts": [list(c) for c in event.counts], "modality": event.modality,
        "confidence": event.confidence, "coding_reason": event.coding_reason,
        "sources": [asdict(s) for s in event.sources],
    }  # fmt: skip
    return json.dumps(record, ensure_ascii=False, sort_keys=True)


def event_from_json(text: str, places: Mapping[str, Place]) -> Event:
    """The event of `event_to_json`, its place looked up in `places`."""
    r = json.loads(text)
    return Event(
        id=r["id"],
        label=r["label"],
        event_type=r["event_type"],
        sub_event_type=r["sub_event_type"],
        cameo=r["cameo"],
        date=_date(r["date"]),
        date_start=_date(r["date_start"]),
        date_end=_date(r["date_end"]),
        time_precision=r["time_precision"],
        place=places.get(r["place_id"]) if r["place_id"] else None,
        geo_precision=r["geo_precision"],
        location_reason=r["location_reason"],
        actor1=Actor(**r["actor1"]) if r["actor1"] else None,
        actor2=Actor(**r["actor2"]) if r["actor2"] else None,
        fatalities=r["fatalities"],
        fatalities_text=r["fatalities_text"],
        counts=tuple((k, v) for k, v in r["counts"]),
        modality=r["modality"],
        confidence=r["confidence"],
        sources=tuple(Provenance(**s) for s in r["sources"]),
        coding_reason=r.get("coding_reason", ""),
    )


# --- frames <-> model objects -------------------------------------------------------------


def _rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The frame's rows as dicts of plain (untyped, JSON-like) values."""
    columns = [c for c in frame.columns if c != "geometry"]
    values = [json_values(frame[c]) for c in columns]
    return [dict(zip(columns, row, strict=True)) for row in zip(*values, strict=True)]


def _int(value: Any) -> int | None:
    return int(value) if value is not None else None


def _places_from_frame(frame: pd.DataFrame) -> dict[str, Place]:
    places = {}
    geometries = frame.geometry.tolist() if len(frame) else []
    for row, geom in zip(_rows(frame), geometries, strict=True):
        point = (float(row["lon"]), float(row["lat"]))
        area = None if geom is None or isinstance(geom, Point) else geom
        places[str(row["id"])] = Place(
            id=str(row["id"]),
            name=str(row["name"]),
            kind=str(row["kind"]),
            point=point,
            country=row["country"],
            admin1=row["admin1"],
            feature_code=row["feature_code"],
            population=_int(row["population"]) or 0,
            geonameid=_int(row["geonameid"]),
            area=area,
        )
    return places


def _article_from_row(row: Mapping[str, object]) -> Article:
    values: dict[str, Any] = {k: row.get(k) for k in ARTICLE_COLUMNS}
    values["published"] = _date(values["published"])
    return Article(**values)


def _article_row(article: Article) -> dict[str, object]:
    row = asdict(article)
    row["published"] = _iso(article.published)
    return {k: row[k] for k in ARTICLE_COLUMNS}


# --- the store -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AddSummary:
    """What one `add` changed."""

    articles_added: int
    articles_skipped: int
    events_added: int
    sources_added: int
    events_total: int


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    lock_path = path.with_name(path.name + ".lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


class EventStore:
    """Articles, places and merged events kept in one GeoPackage file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._articles: dict[str, Article] = {}
        self._places: dict[str, Place] = {}
        self._events: dict[str, Event] = {}

    @classmethod
    def open(cls, path: str | Path, create: bool = True) -> EventStore:
        """Open the store at `path`; a missing file is an empty store (written on `add`)."""
        store = cls(Path(path))
        if store.path.exists():
            store._load()
        elif not create:
            raise InputError(str(path), "no such event store")
        return store

    def _load(self) -> None:
        """Read the store; a damaged or foreign file is an `InputError` (GDAL's own message
        stays in the exception chain, not in front of the user)."""
        path = self.path
        try:
            with warnings.catch_warnings():  # pyogrio's warnings on a damaged file: noise
                warnings.simplefilter("ignore", RuntimeWarning)
                layers = set(pyogrio.list_layers(path)[:, 0].tolist())
        except Exception as exc:  # GDAL raises its own types for non-GPKG files
            raise InputError(str(path), "not a GeoPackage event store (unreadable)") from exc
        if not {"event_models", "articles", "places", "store_info"} <= layers:
            raise InputError(str(path), "a GeoPackage, but not a conflictmap event store")
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                self._read_layers()
        except InputError:
            raise
        except Exception as exc:  # GDAL, JSON or a missing field: any of them, damage
            raise InputError(
                str(path),
                f"damaged event store ({type(exc).__name__}); restore a copy or ingest again",
            ) from exc

    def _read_layers(self) -> None:
        path = self.path
        info = dict(pyogrio.read_dataframe(path, layer="store_info").itertuples(index=False))
        if info.get("format") != STORE_FORMAT or info.get("version") != STORE_VERSION:
            raise InputError(str(path), f"unsupported store format {info}")
        articles = _rows(pyogrio.read_dataframe(path, layer="articles"))
        self._articles = {str(r["id"]): _article_from_row(r) for r in articles}
        self._places = _places_from_frame(pyogrio.read_dataframe(path, layer="places"))
        models = pyogrio.read_dataframe(path, layer="event_models")
        events = (event_from_json(m, self._places) for m in models["model"].tolist())
        self._events = {e.id: e for e in events}

    # read back ------------------------------------------------------------------------

    def articles(self) -> dict[str, Article]:
        """Every stored article by id."""
        return dict(sorted(self._articles.items()))

    def places(self) -> list[Place]:
        """Every stored place, sorted by id."""
        return [self._places[k] for k in sorted(self._places)]

    def events(self) -> list[Event]:
        """Every stored (merged) event, sorted by id."""
        return [self._events[k] for k in sorted(self._events)]

    # write ----------------------------------------------------------------------------

    def add(self, results: Iterable[ArticleResult]) -> AddSummary:
        """Add the results of new articles; articles already stored are skipped."""
        with _locked(self.path):
            if self.path.exists():
                self._load()  # another process may have written since `open`
            new: dict[str, ArticleResult] = {}
            skipped = 0
            for result in results:
                if result.article.id in self._articles or result.article.id in new:
                    skipped += 1
                else:
                    new[result.article.id] = result
            if not new:
                return AddSummary(0, skipped, 0, 0, len(self._events))
            before = self.events()
            merged = merge_into(before, new.values())
            articles = {**self._articles, **{k: r.article for k, r in new.items()}}
            toponym_places = [t.place for r in new.values() for t in r.toponyms]
            places = gather_places([*self._places.values(), *toponym_places], merged)
            self._write(articles, places, merged)
            self._articles = articles
            self._places = {p.id: p for p in places}
            self._events = {e.id: e for e in merged}
        sources = sum(len(e.sources) for e in merged) - sum(len(e.sources) for e in before)
        return AddSummary(
            articles_added=len(new),
            articles_skipped=skipped,
            events_added=len(merged) - len(before),
            sources_added=sources,
            events_total=len(merged),
        )

    def _write(
        self, articles: Mapping[str, Article], places: list[Place], events: list[Event]
    ) -> None:
        """Write the whole store to a temp file and rename it over the old one."""
        article_rows = [_article_row(articles[k]) for k in sorted(articles)]
        models = pd.DataFrame(
            {"id": [e.id for e in events], "model": [event_to_json(e) for e in events]},
            columns=["id", "model"],
        )
        layers = {
            "events": typed(events_frame(events, articles)),
            "places": typed(places_frame(places)),
            "articles": pd.DataFrame(article_rows, columns=ARTICLE_COLUMNS).astype("str"),
            "event_models": models.astype("str"),
            "store_info": pd.DataFrame(
                {"key": ["format", "version"], "value": [STORE_FORMAT, STORE_VERSION]}
            ),
        }
        write_gpkg_layers(self.path, layers, {"events": "Point", "places": "Unknown"})
