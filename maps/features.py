"""Events and places as flat property records with the columns of `docs/schema.md`.

Every output (map, GeoJSON, GeoPackage, Parquet, CSV, KML, briefing) starts from these
records — directly, or as the GeoDataFrames of `maps.frames` — so a property has one name
and one meaning everywhere. Rows are sorted by id. This module needs neither pandas nor
geopandas: `map` writes its page and GeoJSON without importing them.
"""

from __future__ import annotations

import datetime
import json
import math
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from geo.model import Article, Event, Place, Provenance

EVENT_COLUMNS = [
    "id", "label", "event_type", "sub_event_type", "cameo", "date", "date_start",
    "date_end", "time_precision", "place_id", "location", "country", "admin1",
    "geo_precision", "location_reason", "actor1", "actor1_country", "inter1", "actor2",
    "actor2_country", "inter2", "fatalities", "fatalities_text", "counts", "modality",
    "confidence", "coding_reason", "article_id", "articles", "sentence", "sentence_start",
    "sentence_end", "trigger", "trigger_start", "trigger_end", "sources",
]  # fmt: skip

PLACE_COLUMNS = [
    "id", "name", "kind", "country", "admin1", "feature_code", "population", "geonameid",
    "lon", "lat",
]  # fmt: skip


# Integer properties of the schema (nullable: a missing actor has no inter code).
# fmt: off
INTEGER_COLUMNS = {
    "time_precision", "geo_precision", "inter1", "inter2", "fatalities", "sentence_start",
    "sentence_end", "trigger_start", "trigger_end", "population", "geonameid",
}
# fmt: on
FLOAT_COLUMNS = {"confidence", "lon", "lat"}


@cache
def iso_day(value: datetime.date | None) -> str | None:
    """A day as ISO text (None stays None); cached: a corpus repeats few days."""
    return value.isoformat() if value is not None else None


def _source_record(prov: Provenance, articles: Mapping[str, Article]) -> dict[str, object]:
    article = articles.get(prov.article_id)
    return {
        "article_id": prov.article_id,
        "title": article.title if article else None,
        "source": article.source if article else None,
        "url": article.url if article else None,
        "published": iso_day(article.published) if article else None,
        "sentence": prov.sentence,
        "trigger": prov.trigger,
    }


def event_fields(event: Event) -> dict[str, object]:
    """The properties every output gives an event, computed by this one rule; the GIS
    formats (`event_record`) and the map's data blob (`maps.blob`) add their own."""
    prov = event.provenance
    place = event.place
    a1, a2 = event.actor1, event.actor2
    return {
        "id": event.id,
        "label": event.label,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "cameo": event.cameo,
        "date": iso_day(event.date),
        "date_start": iso_day(event.date_start),
        "date_end": iso_day(event.date_end),
        "time_precision": event.time_precision,
        "location": place.name if place else None,
        "country": place.country if place else None,
        "geo_precision": event.geo_precision,
        "location_reason": event.location_reason,
        "actor1": a1.name if a1 else None,
        "actor2": a2.name if a2 else None,
        "fatalities": event.fatalities,
        "fatalities_text": event.fatalities_text,
        "modality": event.modality,
        "confidence": round(event.confidence, 3),
        "coding_reason": event.coding_reason,
        "article_id": prov.article_id,
        "sentence": prov.sentence,
        "trigger": prov.trigger,
    }


def event_record(event: Event, articles: Mapping[str, Article]) -> dict[str, object]:
    """The flat property dict of one event (scalars only, so every GIS format takes it):
    `event_fields` with ids, codes and offsets, and counts and sources as JSON text."""
    prov = event.provenance
    place = event.place
    a1, a2 = event.actor1, event.actor2
    return {
        **event_fields(event),
        "place_id": place.id if place else None,
        "admin1": place.admin1 if place else None,
        "actor1_country": a1.country if a1 else None,
        "inter1": a1.inter if a1 else None,
        "actor2_country": a2.country if a2 else None,
        "inter2": a2.inter if a2 else None,
        "counts": json.dumps(dict(event.counts), sort_keys=True),
        "articles": ";".join(sorted({s.article_id for s in event.sources})),
        "sentence_start": prov.sentence_start,
        "sentence_end": prov.sentence_end,
        "trigger_start": prov.trigger_start,
        "trigger_end": prov.trigger_end,
        "sources": json.dumps(
            [_source_record(s, articles) for s in event.sources], ensure_ascii=False
        ),
    }


def sorted_events(events: Iterable[Event]) -> list[Event]:
    """The events in their rows' order: by id."""
    return sorted(events, key=lambda e: e.id)


def event_geometry(event: Event) -> Point | None:
    """The Point of an event's place, or None (GeoJSON's `null`) when it has no place."""
    return Point(event.place.point) if event.place is not None else None


def distinct_places(places: Iterable[Place]) -> list[Place]:
    """One place per id (the last given), in their rows' order: by id."""
    return sorted({p.id: p for p in places}.values(), key=lambda p: p.id)


def place_geometry(place: Place) -> BaseGeometry:
    """A place's area polygon where it has one, else its point."""
    return place.area if place.area is not None else Point(place.point)


def event_rows(
    events: Iterable[Event], articles: Mapping[str, Article]
) -> tuple[list[dict[str, object]], list[Point | None]]:
    """The events' records and geometries, in their rows' order (by id)."""
    ordered = sorted_events(events)
    return [event_record(e, articles) for e in ordered], [event_geometry(e) for e in ordered]


def place_rows(places: Iterable[Place]) -> tuple[list[dict[str, object]], list[BaseGeometry]]:
    """The distinct places' records and geometries, in their rows' order (by id)."""
    unique = distinct_places(places)
    return [place_record(p) for p in unique], [place_geometry(p) for p in unique]


def place_record(place: Place) -> dict[str, object]:
    """The flat property dict of one place."""
    return {
        "id": place.id,
        "name": place.name,
        "kind": place.kind,
        "country": place.country,
        "admin1": place.admin1,
        "feature_code": place.feature_code,
        "population": place.population,
        "geonameid": place.geonameid,
        "lon": place.lon,
        "lat": place.lat,
    }


def places_bounds(
    events: Iterable[Event], places: Iterable[Place]
) -> tuple[float, float, float, float] | None:
    """(west, south, east, north) of the events' places (areas whole), else of `places`."""
    located = {e.place.id: e.place for e in events if e.place is not None}
    chosen = list(located.values()) or list(places)
    xs: list[float] = []
    ys: list[float] = []
    for p in chosen:
        if p.area is not None and not p.area.is_empty:
            west, south, east, north = p.area.bounds
            xs += [west, east]
            ys += [south, north]
        else:
            xs.append(p.lon)
            ys.append(p.lat)
    if not xs:
        return None
    return min(xs), min(ys), max(xs), max(ys)


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def column_values(values: list[Any]) -> list[Any]:
    """A column's values as one pandas column holds them (`maps.frames`), without pandas:
    numbers mixed with floats or missing values are floats, a missing value is None."""
    present = [v for v in values if not _missing(v)]
    floats = len(present) < len(values) or any(isinstance(v, float) for v in present)
    if present and floats and all(_number(v) for v in present):
        return [None if _missing(v) else float(v) for v in values]
    return [None if _missing(v) else v for v in values]


def schema_values(column: str, values: list[Any]) -> list[Any]:
    """A column's values with the schema's type, as `maps.export.typed` gives them:
    integers (None where missing), floats unless every value is an integer."""
    values = column_values(values)
    if column in INTEGER_COLUMNS:
        return [None if v is None else int(v) for v in values]
    if column in FLOAT_COLUMNS and not all(_number(v) and isinstance(v, int) for v in values):
        return [None if v is None else float(v) for v in values]
    return values
