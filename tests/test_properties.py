"""Property-based tests (hypothesis): random Unicode and random bytes never raise anything
but the project's own documented errors (`geo.errors.ConflictmapError`), the objects that
come out keep their invariants, and every GeoJSON written is valid RFC 7946.

Example counts are modest so the suite stays fast; runs are derandomized, so the same
examples run every time (deterministic CI). RELIABILITY.md lists the counts.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shapely.geometry import box

from geo.chunks import split_text
from geo.errors import ConflictmapError, InputError
from geo.model import Actor, Article, Event, Place, Provenance, content_id
from geo.readers import SUFFIXES, parse_bytes, parse_text
from maps import export, geojson
from maps.frames import events_frame, places_frame

READER_EXAMPLES = 200
STAGE_EXAMPLES = 30
WRITER_EXAMPLES = 25

COMMON = {
    "deadline": None,
    "derandomize": True,
    "database": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
}

# Text that exercises the parsers: every Unicode category, plus pieces of the formats.
FORMAT_PIECES = [
    "---\n", "title: ", "date: ", "date 2025-09-23\n", "2025-13-45", "\n\n", "\r\n", "\x00",
    "{", "}", "[", "]", '"text": ', '"', "\\u0000", "\\ud800", "<html>", "<p>", "</p>",
    "<script>", "&amp;", "#", "\ufeff", "\u202e", "😀", "حلب", "Caracas", "*a", "&a ",
]  # fmt: skip
any_text = st.text(st.characters(codec=None), max_size=300)  # lone surrogates too
short_text = st.text(st.characters(codec=None), max_size=40)
# What the readers let through (they replace lone surrogates): the writers' input.
valid_text = st.text(st.characters(codec="utf-8"), max_size=300)
structured_text = st.lists(
    st.one_of(st.sampled_from(FORMAT_PIECES), st.text(max_size=20)), max_size=40
).map("".join)


def check_article(article: Article, origin: str) -> None:
    """The invariants every article must keep, whatever its input was."""
    assert article.text and article.text == article.text.strip()
    assert "\r" not in article.text and "\x00" not in article.text
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", article.text)  # XML-safe
    article.text.encode("utf-8")  # strict: no lone surrogates
    assert article.id == content_id(article.text)
    assert (article.origin or "").startswith(origin)
    for value in (article.title, article.source, article.url):
        if value is not None:
            assert value == " ".join(value.split()) and value
            assert not re.search(r"[\x00-\x1f\x7f-\x9f]", value)
            value.encode("utf-8")
    if article.published is not None:
        assert isinstance(article.published, date)


def read_items(data: bytes, suffix: str) -> list[Article | InputError]:
    origin = f"input{suffix}"
    items = list(parse_bytes(data, origin, suffix))
    assert items, "every input gives at least one article or one error"
    for item in items:
        if isinstance(item, InputError):
            assert str(item).startswith(origin) and item.origin.startswith(origin)
        else:
            check_article(item, origin)
    return items


# --- readers ---------------------------------------------------------------------------


@settings(max_examples=READER_EXAMPLES, **COMMON)
@given(data=st.binary(max_size=2000), suffix=st.sampled_from(sorted(SUFFIXES)))
def test_readers_on_random_bytes(data: bytes, suffix: str) -> None:
    read_items(data, suffix)


@settings(max_examples=READER_EXAMPLES, **COMMON)
@given(
    text=st.one_of(any_text, structured_text),
    suffix=st.sampled_from([".txt", ".md", ".json", ".jsonl", ".html"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252", "latin-1"]),
)
def test_readers_on_random_unicode_in_any_encoding(text: str, suffix: str, encoding: str) -> None:
    data = text.encode(encoding, errors="surrogatepass" if "utf" in encoding else "replace")
    read_items(data, suffix)


json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    short_text,
    st.sampled_from(["2025-09-23", "2025-13-45", "9999-12-31", "0001-01-01T00:00:00"]),
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=5,
)
record_keys = st.sampled_from(["text", "title", "date", "published", "source", "url", "x"])
records = st.fixed_dictionaries(
    {"text": short_text | json_scalars},
    optional={k: json_scalars | json_values for k in ("title", "date", "source", "url")},
)


@settings(max_examples=READER_EXAMPLES, **COMMON)
@given(items=st.lists(records | json_values, max_size=4))
def test_readers_on_random_json_records(items: list[Any]) -> None:
    lines = "\n".join(json.dumps(r, ensure_ascii=i % 2 == 0) for i, r in enumerate(items))
    read_items(lines.encode("utf-8", "surrogatepass"), ".jsonl")
    read_items(json.dumps(items).encode("utf-8", "surrogatepass"), ".json")


@settings(max_examples=READER_EXAMPLES, **COMMON)
@given(meta=st.dictionaries(record_keys, json_values, max_size=4), body=any_text)
def test_front_matter_with_random_yaml(meta: dict[str, Any], body: str) -> None:
    import yaml

    try:
        front = yaml.safe_dump(meta, allow_unicode=True)
    except yaml.YAMLError:
        return
    try:
        article = parse_text(f"---\n{front}---\n{body}", "input.md")
    except InputError as exc:
        assert str(exc).startswith("input.md")
        return
    check_article(article, "input.md")


@settings(max_examples=READER_EXAMPLES, **COMMON)
@given(text=st.one_of(any_text, structured_text), size=st.integers(1, 50))
def test_chunks_cover_any_text(text: str, size: int) -> None:
    chunks = split_text(text, size)
    assert "".join(c.text for c in chunks) == text
    assert all(text[c.start : c.end] == c.text and len(c.text) <= size for c in chunks)
    assert all(c.text for c in chunks) or text == ""


# --- pipeline stages ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def stages() -> Iterator[tuple[Any, Any]]:
    from gazetteer import Gazetteer
    from geo.nlp import load_nlp

    yield load_nlp(), Gazetteer.open()


NEWS_WORDS = [
    "US forces", "struck", "a boat", "off", "Venezuela", "Caracas", "killed", "12 people",
    "protesters", "marched in", "Kyiv", "shelling", "near", "southern Caribbean", "on Monday",
    "2025-09-02", "warships", "deployed to", "Gaza", "Goma", "Washington", ".", ",", "\n\n",
    "حلب", "🔥", "\u202e", "<script>alert(1)</script>", "Paris, Texas", "Georgia",
]  # fmt: skip
news_text = st.lists(
    st.one_of(st.sampled_from(NEWS_WORDS), st.text(st.characters(codec="utf-8"), max_size=12)),
    min_size=1,
    max_size=60,
).map(" ".join)


@settings(max_examples=STAGE_EXAMPLES, **COMMON)
@given(text=news_text)
def test_toponym_and_event_stages_on_random_text(stages: tuple[Any, Any], text: str) -> None:
    from geo.events import detect_events
    from geo.resolve import resolve_toponyms
    from geo.toponyms import recognise_toponyms

    nlp, gazetteer = stages
    if not text.strip():
        return
    article = Article.from_text(text.strip(), title="t", published=date(2025, 9, 23))
    try:
        doc = nlp(article.text)
        mentions = recognise_toponyms(article, doc, gazetteer)
        toponyms = resolve_toponyms(article, mentions, gazetteer)
        events = detect_events(article, doc, toponyms, gazetteer)
    except ConflictmapError:
        return
    for mention in mentions:
        assert article.text[mention.start : mention.end] == mention.text
    for toponym in toponyms:
        lon, lat = toponym.place.point
        assert -180 <= lon <= 180 and -90 <= lat <= 90
    for event in events:
        for prov in event.sources:
            assert article.text[prov.sentence_start : prov.sentence_end] == prov.sentence
            assert article.text[prov.trigger_start : prov.trigger_end] == prov.trigger


# --- GeoJSON writer -------------------------------------------------------------------------


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON (RFC 8259)")


def check_geojson(path: Path) -> dict[str, Any]:
    """Valid RFC 7946: strict JSON in UTF-8, a FeatureCollection of Features whose
    positions are finite lon/lat numbers in range."""
    doc = json.loads(path.read_bytes().decode("utf-8"), parse_constant=_reject_constant)
    assert doc["type"] == "FeatureCollection" and "crs" not in doc
    for feature in doc["features"]:
        assert feature["type"] == "Feature" and isinstance(feature["properties"], dict)
        geometry = feature["geometry"]
        assert geometry["type"] in ("Point", "Polygon", "MultiPolygon")
        for lon, lat, *rest in _positions(geometry):
            assert not rest and math.isfinite(lon) and math.isfinite(lat)
            assert -180 <= lon <= 180 and -90 <= lat <= 90
    return doc


def _positions(geometry: dict[str, Any]) -> list[list[float]]:
    coords = geometry["coordinates"]
    if geometry["type"] == "Point":
        return [coords]
    rings = coords if geometry["type"] == "Polygon" else [r for p in coords for r in p]
    return [pos for ring in rings for pos in ring]


lons = st.floats(-180, 180, allow_nan=False) | st.sampled_from([-180.0, 180.0, -0.0, 1e-300])
lats = st.floats(-90, 90, allow_nan=False) | st.sampled_from([-90.0, 90.0, -0.0])


@st.composite
def event_sets(draw: st.DrawFn) -> tuple[list[Event], dict[str, Article], list[Place]]:
    events: list[Event] = []
    articles: dict[str, Article] = {}
    places: list[Place] = []
    for i in range(draw(st.integers(0, 4))):
        text = draw(valid_text.filter(lambda t: bool(t.strip()))).strip()
        article = Article.from_text(
            text,
            title=draw(valid_text | st.none()),
            source=draw(valid_text | st.none()),
            url=draw(st.sampled_from(["https://example.org/a", "javascript:alert(1)", None])),
            published=draw(st.none() | st.dates()),
        )
        articles[article.id] = article
        lon, lat = draw(lons), draw(lats)
        south, north = max(lat - 1, -90.0), min(lat + 1, 90.0)  # may cross the antimeridian
        area = box(lon - 1, south, lon + 1, north) if draw(st.booleans()) else None
        place = Place(
            id=f"test:{i}:{draw(st.text(max_size=5))}",
            name=draw(valid_text),
            kind="city",
            point=(lon, lat),
            country=draw(st.none() | st.text(max_size=2)),
            population=draw(st.integers(0, 10**9)),
            geonameid=draw(st.none() | st.integers(1, 10**7)),
            area=area,
        )
        places.append(place)
        prov = Provenance(article.id, text, 0, len(text), text[:3], 0, min(3, len(text)))
        day = draw(st.none() | st.dates())
        events.append(
            Event(
                id=content_id(article.id, i),
                label=draw(valid_text),
                event_type="Protests",
                sub_event_type=draw(valid_text),
                cameo="14",
                date=day,
                date_start=day,
                date_end=day,
                time_precision=1,
                place=place,
                geo_precision=1,
                location_reason=draw(valid_text),
                coding_reason=draw(valid_text),
                actor1=Actor(draw(valid_text), None, None),
                actor2=None,
                fatalities=draw(st.none() | st.integers(0, 10**6)),
                fatalities_text=draw(st.none() | valid_text),
                counts=((draw(valid_text), draw(st.integers(0, 99))),),
                modality="asserted",
                confidence=draw(st.floats(0, 1)),
                sources=(prov,),
            )
        )
    return events, articles, places


@settings(max_examples=WRITER_EXAMPLES, **COMMON)
@given(data=event_sets())
def test_every_geojson_written_is_valid(
    tmp_path: Path, data: tuple[list[Event], dict[str, Article], list[Place]]
) -> None:
    events, articles, places = data
    ev_path = geojson.write_events_geojson(tmp_path / "events.geojson", events, articles)
    pl_path = geojson.write_places_geojson(tmp_path / "places.geojson", places)
    # The frames' writer (`export`) gives the same bytes as the records' one (`map`).
    ev_frame = export.write_events_frame_geojson(tmp_path / "e", events_frame(events, articles))
    pl_frame = export.write_places_frame_geojson(tmp_path / "p", places_frame(places))
    assert ev_frame.read_bytes() == ev_path.read_bytes()
    assert pl_frame.read_bytes() == pl_path.read_bytes()
    ev_doc, pl_doc = check_geojson(Path(ev_path)), check_geojson(Path(pl_path))
    assert len(ev_doc["features"]) == len(events)
    assert len(pl_doc["features"]) == len({p.id for p in places})
    by_id = {f["properties"]["id"]: f["properties"] for f in ev_doc["features"]}
    for event in events:
        props = by_id[event.id]
        assert props["label"] == event.label and props["sentence"] == event.provenance.sentence
        sources = json.loads(props["sources"])
        assert sources[0]["title"] == articles[event.provenance.article_id].title
