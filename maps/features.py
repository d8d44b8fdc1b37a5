"""Events and places as GeoDataFrames (EPSG:4326) with the columns of `docs/schema.md`.

Every output (map, GeoJSON, GeoPackage, Parquet, CSV, KML, briefing) starts from these two
frames, so a property has one name and one meaning everywhere. Rows are sorted by id.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable, Mapping
from functools import cache

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry import Point

from geo.model import Article, Event, Place, Provenance

CRS = "EPSG:4326"

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


def events_frame(events: Iterable[Event], articles: Mapping[str, Article]) -> gpd.GeoDataFrame:
    """One row per event, sorted by id: the Point of its place, or no geometry (GeoJSON's
    `null`, an empty CSV cell) when no place was found, so every event counted is written."""
    ordered = sorted(events, key=lambda e: e.id)
    rows = [event_record(e, articles) for e in ordered]
    geometry = [Point(e.place.point) if e.place is not None else None for e in ordered]
    return gpd.GeoDataFrame(rows, columns=EVENT_COLUMNS, geometry=geometry, crs=CRS)


def point_coordinates(frame: gpd.GeoDataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Longitudes and latitudes of a frame's points, NaN where a row has no geometry."""
    geoms = frame.geometry.values.to_numpy() if len(frame) else np.array([], dtype=object)
    return shapely.get_x(geoms).astype(float), shapely.get_y(geoms).astype(float)


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


def places_frame(places: Iterable[Place]) -> gpd.GeoDataFrame:
    """One row per distinct place: its area polygon where it has one, else its point."""
    unique = sorted({p.id: p for p in places}.values(), key=lambda p: p.id)
    rows = [place_record(p) for p in unique]
    geometry = [p.area if p.area is not None else Point(p.point) for p in unique]
    return gpd.GeoDataFrame(rows, columns=PLACE_COLUMNS, geometry=geometry, crs=CRS)


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
