"""The map's one data blob: events, places and articles as JSON safe to inline in HTML.

Property names are the schema's (`maps.features.EVENT_COLUMNS`, `PLACE_COLUMNS`), so a
popup field has the same name as the export column. To stay small and quick with 100,000
events, events and articles are stored as columns (`{"count", "columns": {name: column}}`)
where a column is a plain list or, when few values repeat, `{"values", "codes"}` (just
`{"values": [v]}` when every row has the same value v); article metadata (title,
publisher, date, http(s) link) is stored once per article in `articles`, sorted by id. An
event's `article_id` is the row of its article in that table (a number), or the id itself
when the article is not known; `sources` (merged events only) name articles by id.
Derived `highlights` are `[start, end, "trigger" | "place"]` spans of `sentence` in UTF-16
units, as JavaScript indexes strings. Places are a GeoJSON FeatureCollection; `labels` are
`[name, lon, lat, min_zoom]` of the events' main places (`maps.labels`); `geo_precision`
says each precision in words for the popup.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

import shapely
from shapely.geometry import mapping

from geo.model import Article, Event, Place
from maps.escape import safe_url
from maps.features import (
    PLACE_COLUMNS,
    column_values,
    distinct_places,
    event_fields,
    iso_day,
    place_geometry,
    place_record,
)
from maps.labels import place_labels
from maps.precision import GEO_PRECISION, is_approximate
from maps.styles import event_symbols, place_color

# fmt: off
EVENT_PROPERTIES = [
    "id", "label", "event_type", "sub_event_type", "cameo", "date", "date_start", "date_end",
    "time_precision", "location", "country", "geo_precision", "location_reason", "actor1",
    "actor2", "fatalities", "fatalities_text", "counts", "modality", "confidence",
    "coding_reason", "article_id", "sentence", "trigger", "highlights", "sources",
    "approximate",
]
# fmt: on
PLACE_PROPERTIES = ["id", "name", "kind", "country", "population"]
AREA_SIMPLIFY = 0.005  # degrees
COORD_DIGITS = 4  # about 11 m


def _utf16(text: str, index: int) -> int:
    """The UTF-16 offset of code point `index` of `text`."""
    prefix = text[:index]
    return index if prefix.isascii() else len(prefix.encode("utf-16-le")) // 2


def _span(sentence: str, needle: str | None, hint: int | None) -> tuple[int, int] | None:
    """Where `needle` is in `sentence`: at `hint` if it matches there, else the first match."""
    if not needle:
        return None
    if hint is not None and sentence[hint : hint + len(needle)] == needle:
        start = hint
    else:
        start = sentence.find(needle)
        lower = sentence.lower()
        if start < 0 and len(lower) == len(sentence):  # offsets stay valid
            start = lower.find(needle.lower())
        if start < 0:
            return None
    return _utf16(sentence, start), _utf16(sentence, start + len(needle))


def highlights(
    sentence: str, trigger: str | None, trigger_at: int | None, place: str | None
) -> tuple[tuple[int, int, str], ...]:
    """Non-overlapping spans of the trigger and the place name in the sentence."""
    spans: list[tuple[int, int, str]] = []
    trig = _span(sentence, trigger, trigger_at)
    if trig:
        spans.append((trig[0], trig[1], "trigger"))
    where = _span(sentence, place, None)
    if where and not (trig and where[0] < trig[1] and trig[0] < where[1]):
        spans.append((where[0], where[1], "place"))
    return tuple(sorted(spans))


def _empty(value: object) -> bool:
    return value is None or value == "" or (isinstance(value, float) and math.isnan(value))


def _event_row(event: Event) -> tuple[Any, ...]:
    """The EVENT_PROPERTIES of one located event: `event_fields`, with the blob's own
    encodings (see `event_columns`)."""
    fields = event_fields(event)
    prov = event.provenance
    place = event.place
    hint = prov.trigger_start - prov.sentence_start
    spans = highlights(prov.sentence, prov.trigger, hint, place.name if place else None)
    day = fields["date"]
    own = {
        "date_start": None if fields["date_start"] == day else fields["date_start"],
        "date_end": None if fields["date_end"] == day else fields["date_end"],
        "counts": event.counts or None,
        "highlights": spans or None,
        "sources": [
            {"article_id": s.article_id, "sentence": s.sentence, "trigger": s.trigger}
            for s in event.sources
        ]
        if len(event.sources) > 1
        else None,
        "approximate": is_approximate(event) or None,
    }
    return tuple(own[name] if name in own else fields[name] for name in EVENT_PROPERTIES)


def _encode(values: list[Any]) -> list[Any] | dict[str, list[Any]]:
    """A column as a plain list, or as `{values, codes}` when few distinct values repeat."""
    try:
        keys = values
        distinct = len(set(values))
    except TypeError:  # dicts / lists: compare by their JSON text
        keys = [json.dumps(v, sort_keys=True) for v in values]
        distinct = len(set(keys))
    if distinct * 4 > len(values):
        return values
    if distinct == 1:
        return {"values": values[:1]}
    index: dict[Any, int] = {}
    codes = [index.setdefault(k, len(index)) for k in keys]
    first: dict[int, Any] = {}
    for code, value in zip(codes, values, strict=True):
        if code not in first:
            first[code] = value
    return {"values": [first[i] for i in range(len(index))], "codes": codes}


def event_columns(events: Iterable[Event]) -> dict[str, Any]:
    """Located events sorted by id as columns: `lon`, `lat` and EVENT_PROPERTIES.

    Values are those of `maps.features.event_record`, except `counts` (`[[name, n]...]`),
    `sources` (a list, merged events only), `date_start`/`date_end` (null when equal to
    `date`), the derived `highlights` and `approximate` (true, else null: see
    `maps.precision`). Columns that are null throughout are left out.
    """
    located = sorted((e for e in events if e.place is not None), key=lambda e: e.id)
    rows = [_event_row(e) for e in located]
    places = [e.place for e in located if e.place is not None]
    columns: dict[str, Any] = {
        "lon": [round(p.lon, COORD_DIGITS) for p in places],
        "lat": [round(p.lat, COORD_DIGITS) for p in places],
    }
    for index, name in enumerate(EVENT_PROPERTIES):
        values = [row[index] for row in rows]
        if any(v is not None for v in values):
            columns[name] = _encode(values)
    return {"count": len(located), "columns": columns}


def _place_rows(places: list[Place]) -> list[dict[str, Any]]:
    """The places' records with each column's values typed as a whole (`column_values`)."""
    records = [place_record(p) for p in places]
    columns = [column_values([r[c] for r in records]) for c in PLACE_COLUMNS]
    return [dict(zip(PLACE_COLUMNS, row, strict=True)) for row in zip(*columns, strict=True)]


def place_features(places: Iterable[Place]) -> list[dict[str, Any]]:
    """GeoJSON features of the distinct places: simplified areas, then points; with colours."""
    unique = distinct_places(places)
    features = []
    for row, place in zip(_place_rows(unique), unique, strict=True):
        geom = place_geometry(place)
        if geom.is_empty:
            continue
        if geom.geom_type not in ("Point", "MultiPoint"):
            geom = shapely.simplify(geom, AREA_SIMPLIFY, preserve_topology=True)
        geom = shapely.set_precision(geom, 10**-COORD_DIGITS)
        props = {k: row[k] for k in PLACE_PROPERTIES if not _empty(row.get(k))}
        props["color"] = place_color(row.get("kind"))
        features.append({"type": "Feature", "geometry": mapping(geom), "properties": props})
    areas = [f for f in features if f["geometry"]["type"] not in ("Point", "MultiPoint")]
    points = [f for f in features if f["geometry"]["type"] in ("Point", "MultiPoint")]
    return areas + points


def article_table(ids: Iterable[str], articles: Mapping[str, Article]) -> dict[str, Any]:
    """Columns `id`, `title`, `source`, `published`, `url` (http/https only) of the
    referenced articles, sorted by id."""
    known = [articles[i] for i in sorted(set(ids)) if i in articles]
    return {
        "id": [a.id for a in known],
        "title": _encode([a.title for a in known]),
        "source": _encode([a.source for a in known]),
        "published": _encode([iso_day(a.published) for a in known]),
        "url": _encode([safe_url(a.url) for a in known]),
    }


def type_table(event_types: list[str]) -> list[dict[str, Any]]:
    """One entry per event type present: name, colour, icon, count (sorted by name)."""
    counts = Counter(event_types)
    symbols = event_symbols(list(counts))
    return [
        {"name": t, "color": symbols[t].color, "icon": symbols[t].icon, "count": counts[t]}
        for t in sorted(counts)
    ]


def _column_values(column: list[Any] | dict[str, list[Any]], count: int) -> list[Any]:
    if isinstance(column, dict):
        if "codes" not in column:
            return column["values"] * count
        return [column["values"][c] for c in column["codes"]]
    return column


def build_blob(
    events: Iterable[Event], places: Iterable[Place], articles: Mapping[str, Article]
) -> dict[str, Any]:
    """The JSON-ready blob the page reads: event types, events, places, place labels,
    articles, precision words."""
    events = list(events)
    table = event_columns(events)
    columns = table["columns"]
    count = table["count"]
    types = _column_values(columns["event_type"], count) if count else []
    referenced = set(_column_values(columns.get("article_id", []), count))
    for sources in _column_values(columns.get("sources", []), count):
        referenced.update(s["article_id"] for s in sources or [])
    article_rows = article_table((a for a in referenced if a), articles)
    if "article_id" in columns:
        row = {article_id: i for i, article_id in enumerate(article_rows["id"])}
        refs = [row.get(a, a) for a in _column_values(columns["article_id"], count)]
        columns["article_id"] = _encode(refs)
    return {
        "types": type_table([t or "Unknown" for t in types]),
        "events": table,
        "places": {"type": "FeatureCollection", "features": place_features(places)},
        "labels": [
            [name, round(lon, COORD_DIGITS), round(lat, COORD_DIGITS), zoom]
            for name, lon, lat, zoom in place_labels(events)
        ],
        "articles": article_rows,
        "geo_precision": {str(k): v for k, v in sorted(GEO_PRECISION.items())},
    }
