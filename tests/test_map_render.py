"""The map page's HTML: offline, deterministic, escaped, layered, one data blob."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date

import pytest
from conftest import CARACAS, CARIBBEAN_SOUTH, make_article, make_event, synthetic_events

from geo.model import Place
from maps.blob import highlights
from maps.escape import json_for_html, safe_url
from maps.features import event_record
from maps.render import TilesError, render_map, write_map

XSS_TEXT = (
    'Militia said <script>alert(1)</script> and "><img src=x onerror=alert(1)> '
    "then `${alert(1)}` {{ 7*7 }} </script><!-- \u2028 near Caracas."
)


def seed() -> tuple[list, list[Place], dict]:
    strike = make_article(
        "US forces struck a boat in the southern Caribbean, killing 3 people.",
        title="Strike in the Caribbean",
    )
    protest = make_article(
        "Hundreds protested in Caracas against the deployment.",
        title="Caracas protest",
        source="Wire 2",
        published=date(2025, 10, 1),
    )
    events = [
        make_event(strike, CARIBBEAN_SOUTH, 0, fatalities=3),
        make_event(protest, CARACAS, 2, day=date(2025, 10, 1), start=10),
    ]
    return events, [CARIBBEAN_SOUTH, CARACAS], {a.id: a for a in (strike, protest)}


def blob_of(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="conflictmap-data">(.*?)</script>', page)
    assert match, "no data blob"
    return json.loads(match.group(1))


@pytest.fixture(scope="module")
def page() -> str:
    return render_map(*seed(), title="Seed map")


def test_no_external_resources(page: str) -> None:
    srcs = re.findall(r'<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*"([^"]*)"', page)
    assert not [s for s in srcs if not s.startswith("data:")]
    assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", page)
    for cdn in ("cdn.jsdelivr", "cdnjs", "code.jquery", "bootstrapcdn", "unpkg"):
        assert cdn not in page
    assert "L.map(" in page and "* Leaflet 1." in page  # Leaflet inlined
    assert "markerClusterGroup" not in page  # events are clustered by conflictmap.js
    assert "@font-face" in page and "data:font/woff2;base64," in page


def test_deterministic(page: str) -> None:
    assert render_map(*seed(), title="Seed map") == page
    assert not re.search(r"_[0-9a-f]{32}\b", page)  # no folium random ids


def test_one_blob_with_layers_per_event_type(page: str) -> None:
    assert page.count('type="application/json" id="conflictmap-data"') == 1
    blob = blob_of(page)
    types = [t["name"] for t in blob["types"]]
    assert types == ["Explosions/Remote violence", "Protests"]
    assert [t["count"] for t in blob["types"]] == [1, 1]
    assert blob["events"]["count"] == 2
    assert page.count("conflictmap.eventLayer(") == 2
    assert "L.control.layers(" not in page  # one legend: its checkboxes toggle the layers
    assert "conflictmap.timeFilter(" in page and "conflictmap.legend(" in page
    assert "L.control.scale()" in page and ".fitBounds(" in page
    kinds = sorted(f["properties"]["kind"] for f in blob["places"]["features"])
    assert kinds == ["city", "derived"]


def test_blob_properties_match_the_schema(page: str) -> None:
    events, _, articles = seed()
    blob = blob_of(page)
    cols = blob["events"]["columns"]

    def value(name: str, i: int):
        col = cols[name]
        if isinstance(col, list):
            return col[i]
        return col["values"][col["codes"][i] if "codes" in col else 0]

    for i, event in enumerate(sorted(events, key=lambda e: e.id)):
        record = event_record(event, articles)
        names = ("id", "label", "event_type", "date", "location", "actor1", "fatalities",
                 "confidence")  # fmt: skip
        for name in names:
            assert value(name, i) == record[name], name
        assert value("sentence", i) == record["sentence"]
        # An event names its article by its row in the articles table.
        assert blob["articles"]["id"][value("article_id", i)] == record["article_id"]
    table = blob["articles"]
    assert set(table["id"]) == set(articles)


def test_article_text_is_escaped_everywhere() -> None:
    article = make_article(XSS_TEXT, title="<b>bold</b> {{ 7*7 }}", url="javascript:alert(1)")
    title = "<i>t</i> {{ 7*7 }}"
    page = render_map([make_event(article, CARACAS)], [], {article.id: article}, title=title)
    body = page.split("<body>", 1)[1]
    assert "<script>alert(1)" not in page
    assert "<img src=x" not in page
    assert "<b>bold" not in page and "<i>t</i>" not in page
    assert '<div class="cm-title" id="cm-title">&lt;i&gt;t&lt;/i&gt; {{ 7*7 }}</div>' in page
    assert "<title>&lt;i&gt;t&lt;/i&gt; {{ 7*7 }}</title>" in page
    assert "javascript:alert" not in page  # unsafe link dropped
    assert "{{ 7*7 }}" in page  # kept literally, not evaluated as a template
    blob = blob_of(page)
    assert blob["events"]["columns"]["sentence"] == [XSS_TEXT]
    scripts = re.findall(r"<script[^>]*>(.*?)</script>", body, flags=re.S)
    assert all("\u2028" not in s and "<!--" not in s for s in scripts)


def test_safe_url_and_json_escaping() -> None:
    assert safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    for bad in (
        "javascript:alert(1)",
        "data:text/html,x",
        "//evil.org",
        "http://",
        None,
        "https://ex ample.org",
        'https://x.org/"onmouseover=1',
    ):
        assert safe_url(bad) is None
    text = json_for_html({"a": "</script><!--\u2028&"})
    assert "<" not in text and ">" not in text and "\u2028" not in text and "&" not in text
    assert json.loads(text) == {"a": "</script><!--\u2028&"}


def test_highlights_in_utf16_units() -> None:
    sentence = "🚢 struck a boat off Caracas."
    spans = highlights(sentence, "struck", 2, "Caracas")
    assert spans == ((3, 9, "trigger"), (21, 28, "place"))  # the emoji is 2 UTF-16 units


def test_online_tiles_option() -> None:
    events, places, articles = seed()
    page = render_map(events, places, articles, tiles="osm")
    assert "tile.openstreetmap.org" in page and "conflictmap.basemap(" not in page
    for bad in ("javascript:alert(1)", "https://t.org/{z}/{x}/{y}.png?{{ 7*7 }}", "osmx"):
        with pytest.raises(TilesError):
            render_map(events, places, articles, tiles=bad)
    custom = render_map(events, places, articles, tiles="https://t.example/{z}/{x}/{y}.png")
    assert "https://t.example/{z}/{x}/{y}.png" in custom


def test_large_maps_stay_one_blob_and_drop_event_city_points(tmp_path) -> None:
    events, articles = synthetic_events(1000)
    path = write_map(tmp_path / "map.html", events, [CARIBBEAN_SOUTH], articles)
    page = path.read_text()
    blob = blob_of(page)
    assert blob["events"]["count"] == 1000
    assert [f["properties"]["kind"] for f in blob["places"]["features"]] == ["derived"]
    columns = blob["events"]["columns"]
    assert columns["modality"] == {"values": ["asserted"]}  # one value: stored once
    assert sorted(columns["article_id"]) == list(range(1000))  # rows, not 16-character ids
    assert page.count("L.marker(") < 10  # markers are made in JS from the blob


def test_merged_events_keep_every_source() -> None:
    first = make_article("US forces struck a boat off Caracas.", title="One")
    second = make_article("A boat was struck near Caracas, officials said.", title="Two")
    a, b = make_event(first, CARACAS), make_event(second, CARACAS)
    merged = replace(a, sources=a.sources + b.sources)
    blob = blob_of(render_map([merged], [], [first, second]))
    (sources,) = blob["events"]["columns"]["sources"]
    assert [s["article_id"] for s in sources] == [first.id, second.id]
    assert blob["events"]["columns"]["article_id"] == [0 if first.id < second.id else 1]
    unknown = blob_of(render_map([merged], [], [second]))  # the first article is missing
    assert unknown["events"]["columns"]["article_id"] == [first.id]
    assert sources[1]["sentence"] == second.text
    assert sorted(blob["articles"]["id"]) == sorted([first.id, second.id])


def test_empty_map_renders() -> None:
    blob = blob_of(render_map([], [], {}, title="Nothing yet"))
    assert blob["events"] == {"count": 0, "columns": {"lon": [], "lat": []}}
    assert blob["types"] == [] and blob["places"]["features"] == []


def test_approximate_events_and_place_labels_in_the_blob() -> None:
    from maps.labels import ALL_ZOOM, MAIN_ZOOM, MAX_LABELS

    strike, protest = make_article("A strike."), make_article("A protest.")
    near = replace(make_event(protest, CARACAS, 2), geo_precision=2)  # a city, but near it
    exact = replace(make_event(strike, CARACAS, 0), geo_precision=1)
    area = make_event(make_article("At sea."), CARIBBEAN_SOUTH, 0)  # an area
    blob = blob_of(render_map([near, exact, area], [], {}))
    cols = blob["events"]["columns"]
    ids = [e.id for e in sorted([near, exact, area], key=lambda e: e.id)]
    approx = cols["approximate"]  # three values: a plain list
    flags = dict(zip(ids, approx, strict=True))
    assert flags == {near.id: True, exact.id: None, area.id: True}
    # Labels: Caracas (two events) first, the area left to the places layer.
    events, articles = synthetic_events(MAX_LABELS + 2)
    labels = blob_of(render_map([near, exact, *events], [], articles))["labels"]
    assert labels[0] == ["Caracas", -66.8792, 10.488, MAIN_ZOOM]
    assert [zoom for *_, zoom in labels] == [MAIN_ZOOM] * MAX_LABELS + [ALL_ZOOM] * 3
    assert "southern Caribbean" not in [name for name, *_ in blob["labels"]]


def test_hostile_place_names_reach_the_labels_as_json_text() -> None:
    place = replace(CARACAS, id="test:x", name='<img src=x onerror="alert(1)">')
    article = make_article("A protest.")
    page = render_map([make_event(article, place, 2)], [], [article])
    assert '<img src=x onerror="alert(1)">' not in page
    assert blob_of(page)["labels"][0][0] == place.name
