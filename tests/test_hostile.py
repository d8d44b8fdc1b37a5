"""Hostile text: HTML/JS injection through an article's text, title, source and URL, place
names, event types (the legend and the layer control), actors and the map title must not run
script or load anything in a reader's browser — checked in headless Chromium on the map,
every popup and tooltip, the KML balloons and the briefing.

A test fails on any dialog (`alert`), any request that leaves the page (the payloads point
at http://127.0.0.1:9/...), any `javascript:` link or inline event handler in the DOM, and
any template expression that was evaluated. The map engineer's tests/test_map_browser.py
checks popup escaping field by field; here one page carries every payload at once.
"""

from __future__ import annotations

import csv
import html
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from shapely.geometry import box

from geo.model import Actor, Article, Event, Place, Provenance, content_id
from maps.brief import Page, brief_html
from maps.digest import make_digest
from maps.export import write_events
from maps.render import write_map
from maps.screenshot import launch_chromium

CHROMIUM = Path("/usr/bin/chromium")
EVALUATED = "1337"  # what `{{ 7*191 }}` would become if a template evaluated it


def payload(tag: str) -> str:
    """Every way we know to break out of HTML text, attributes, scripts, JSON and XML."""
    return (
        f"<script>alert('{tag}')</script>"
        f"<img src=x onerror=\"alert('{tag}-img')\">"
        f"\"'><svg onload=alert('{tag}-svg')>"
        f"</script><script>alert('{tag}-break')</script>"
        f"</style><style>*{{background:url(http://127.0.0.1:9/{tag}-css)}}</style>"
        f"<img src=http://127.0.0.1:9/{tag}-net>"
        "{{ 7*191 }}\u2028\u2029<!-- ]]> &amp; --> "
        f"<a href=\"javascript:alert('{tag}-link')\">{tag}</a>"
    )


def hostile_data() -> tuple[list[Event], dict[str, Article], list[Place]]:
    """Two articles, two places (a point and an area), two events; payloads everywhere."""
    urls = ["javascript:alert('url')", "https://example.org/\"><script>alert('url2')</script>"]
    articles: dict[str, Article] = {}
    places: list[Place] = []
    events: list[Event] = []
    for i, url in enumerate(urls):
        text = f"US forces struck a boat near {payload(f'text{i}')} on Monday."
        article = Article.from_text(
            text,
            title=payload(f"title{i}"),
            source=payload(f"source{i}"),
            url=url,
            published=date(2025, 9, 2 + i),
            origin=f"<b>origin{i}</b>.txt",
        )
        articles[article.id] = article
        area = box(-70 + i, 10, -66 + i, 13) if i else None
        place = Place(
            id=f"test:hostile:{i}",
            name=payload(f"place{i}"),
            kind="derived" if i else "city",
            point=(-66.9 + i, 10.5 + i),
            country=payload(f"cc{i}")[:40],
            admin1=payload(f"admin{i}"),
            feature_code="PPL",
            area=area,
        )
        places.append(place)
        prov = Provenance(article.id, text, 0, len(text), "struck", 10, 16)
        events.append(
            Event(
                id=content_id(article.id, "hostile"),
                label=payload(f"label{i}"),
                event_type=payload(f"etype{i}") if i else "Explosions/Remote violence",
                sub_event_type=payload(f"subtype{i}"),
                cameo="18",
                date=date(2025, 9, 2 + i),
                date_start=date(2025, 9, 2 + i),
                date_end=date(2025, 9, 2 + i),
                time_precision=1,
                place=place,
                geo_precision=1,
                location_reason=payload(f"reason{i}"),
                coding_reason=payload(f"coding{i}"),
                actor1=Actor(payload(f"actor1-{i}"), "US", 8),
                actor2=Actor(payload(f"actor2-{i}")),
                fatalities=3,
                fatalities_text=payload(f"fat{i}"),
                counts=((payload(f"count{i}"), 1),),
                modality="asserted",
                confidence=0.9,
                sources=(prov,),
            )
        )
    return events, articles, places


# --- the browser ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed (/usr/bin/chromium)")
    with launch_chromium(CHROMIUM) as chromium:
        yield chromium


class Watch:
    """A page whose dialogs and outgoing requests are recorded (and blocked)."""

    def __init__(self, browser: Any, allowed_prefix: str = "") -> None:
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.context = browser.new_context()
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("dialog", self._dialog)
        self.allowed_prefix = allowed_prefix

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _route(self, route: Any) -> None:
        url = route.request.url
        if url.startswith(("data:", "blob:", "about:")) or (
            self.allowed_prefix and url.startswith(self.allowed_prefix)
        ):
            route.continue_()
        else:
            self.requests.append(url)
            route.abort()

    def close(self) -> None:
        self.context.close()

    def assert_clean(self, where: str) -> None:
        """No dialog, no request, no live handler or javascript: link, nothing evaluated."""
        self.page.wait_for_timeout(300)  # let image loads and handlers fire
        found = self.page.evaluate(DOM_CHECK)
        assert self.dialogs == [], f"{where}: script ran: {self.dialogs}"
        assert self.requests == [], f"{where}: network requests: {self.requests}"
        assert found["handlers"] == [], f"{where}: inline handlers: {found['handlers']}"
        assert found["jsLinks"] == [], f"{where}: javascript: links: {found['jsLinks']}"
        assert found["payloadScripts"] == 0, f"{where}: injected <script> elements"
        assert EVALUATED not in found["text"], f"{where}: a template evaluated '{{{{ 7*191 }}}}'"


DOM_CHECK = """() => {
  const all = Array.from(document.querySelectorAll('*'));
  const handlers = [];
  for (const node of all) {
    for (const attr of Array.from(node.attributes)) {
      if (attr.name.toLowerCase().startsWith('on')) handlers.push(node.tagName + ' ' + attr.name);
    }
  }
  const jsLinks = Array.from(document.querySelectorAll('a[href], area[href], iframe[src]'))
    .map(a => a.getAttribute('href') || a.getAttribute('src'))
    .filter(h => /^\\s*(javascript|vbscript|data):/i.test(h));
  // An injected <script>alert(...)</script> (a JS string holding escaped text is fine).
  const payloadScripts = Array.from(document.querySelectorAll('script'))
    .filter(s => /^\\s*alert\\(/.test(s.textContent)).length;
  return {handlers, jsLinks, payloadScripts, text: document.body ? document.body.innerText : ''};
}"""

# Open every popup and tooltip of every Leaflet layer (clusters and groups included), the way
# Leaflet would: DOM nodes are appended, strings are set as innerHTML.
OPEN_ALL = """() => {
  const maps = Object.values(window).filter(v => v instanceof L.Map);
  const box = document.createElement('div');
  box.id = 'hostile-probe';
  document.body.appendChild(box);
  let opened = 0;
  const seen = new Set();
  function show(content, layer) {
    if (typeof content === 'function') content = content(layer);
    if (content === undefined || content === null) return;
    const holder = document.createElement('div');
    if (content instanceof Node) holder.appendChild(content);
    else holder.innerHTML = String(content);
    box.appendChild(holder);
    opened += 1;
  }
  const log = document.createElement('pre');
  box.appendChild(log);
  function clickEach(group) {
    // Event popups are built on click by the group's handler: click every marker.
    group.getLayers().forEach(marker => {
      const map = maps.find(m => m.hasLayer(group)) || maps[0];
      group.fire('click', {layer: marker, latlng: marker.getLatLng && marker.getLatLng()});
      const open = Array.from(document.querySelectorAll('.leaflet-popup-content')).pop();
      if (open) { log.textContent += open.innerText + ' '; opened += 1; }
      map.closePopup();
      document.querySelectorAll('.leaflet-popup').forEach(node => node.remove());
    });
  }
  function visit(layer) {
    if (seen.has(layer)) return;
    seen.add(layer);
    if (typeof layer.getLayers === 'function') {
      if (layer.listens && layer.listens('click')) clickEach(layer);
      layer.getLayers().forEach(visit);
    }
    const popup = layer.getPopup && layer.getPopup();
    if (popup) show(popup.getContent(), layer);
    const tip = layer.getTooltip && layer.getTooltip();
    if (tip) show(tip.getContent(), layer);
  }
  maps.forEach(m => m.eachLayer(visit));
  return opened;
}"""


@pytest.mark.browser
def test_the_watch_catches_an_injection(browser: Any) -> None:
    """The detector is real: the raw payload in a page is caught on every count."""
    watch = Watch(browser)
    try:
        watch.page.set_content(f"<!DOCTYPE html><html><body>{payload('raw')}</body></html>")
        with pytest.raises(AssertionError, match="script ran"):
            watch.assert_clean("raw payload")
        assert "raw" in watch.dialogs and any("raw-net" in r for r in watch.requests)
        found = watch.page.evaluate(DOM_CHECK)
        assert found["handlers"] and found["jsLinks"] and found["payloadScripts"]
    finally:
        watch.close()


@pytest.mark.browser
def test_map_popups_tooltips_legend_and_title_run_no_script(browser: Any, tmp_path: Path) -> None:
    events, articles, places = hostile_data()
    path = Path(write_map(tmp_path / "map.html", events, places, articles, title=payload("map")))
    watch = Watch(browser, allowed_prefix=path.resolve().as_uri())
    try:
        watch.page.goto(path.resolve().as_uri(), wait_until="load")
        watch.page.wait_for_function("window.conflictmapReady === true", timeout=30_000)
        watch.assert_clean("map page")
        opened = watch.page.evaluate(OPEN_ALL)
        assert opened >= len(events) + len(places), f"only {opened} popups/tooltips found"
        watch.assert_clean("map popups and tooltips")
        text = watch.page.evaluate("document.body.innerText")
        # The payloads are shown as text: title, legend (event type), places, popups.
        for tag in ("map", "etype1", "title0", "source1", "place0", "label1", "actor1-0"):
            assert f"<script>alert('{tag}')</script>" in text, f"{tag} not shown as text"
        # The place labels (from zoom 5) and the filters' country list show them as text too.
        watch.page.evaluate(
            "() => { Object.values(window).find(v => v instanceof L.Map)"
            ".setView([10.5, -66.9], 8, {animate: false}); }"
        )
        watch.page.locator(".cm-filters summary").click()
        label = watch.page.locator(".cm-place-label").first.text_content()
        assert label == places[0].name
        assert "<img src=x" in watch.page.locator(".cm-countries").inner_text()
        watch.assert_clean("place labels and filters")
    finally:
        watch.close()


def test_kml_is_well_formed_and_keeps_hostile_text_as_text(tmp_path: Path) -> None:
    events, articles, places = hostile_data()
    (path,) = write_events(tmp_path / "events.kml", events, places, articles)
    root = ET.parse(path).getroot()  # well-formed XML, no entity tricks
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    names = [n.text or "" for n in root.iterfind(".//k:Placemark/k:name", ns)]
    assert any("<script>alert('label0')</script>" in n for n in names), names
    descriptions = [d.text or "" for d in root.iterfind(".//k:Placemark/k:description", ns)]
    assert len(descriptions) == len(events)
    for balloon in descriptions:
        markup = Markup()
        markup.feed(balloon)
        assert markup.bad == [], markup.bad
        assert "<script>alert('title0')</script>" in html.unescape(balloon) or "title1" in balloon


class Markup(HTMLParser):
    """Collects the dangerous markup of an HTML fragment: scripts, handlers, script links."""

    def __init__(self) -> None:
        super().__init__()
        self.bad: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "iframe", "object", "embed", "style", "svg", "img"):
            self.bad.append(tag)
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.bad.append(f"{tag} {name}={value}")


@pytest.mark.browser
def test_kml_balloons_run_no_script(browser: Any, tmp_path: Path) -> None:
    """Google Earth shows <description> as HTML (names are plain text): render each balloon
    in Chromium."""
    events, articles, places = hostile_data()
    (path,) = write_events(tmp_path / "events.kml", events, places, articles)
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    balloons = [d.text or "" for d in ET.parse(path).getroot().iterfind(".//k:description", ns)]
    watch = Watch(browser)
    try:
        for balloon in balloons:
            watch.page.set_content(f"<!DOCTYPE html><html><body>{balloon}</body></html>")
            watch.assert_clean("KML balloon")
        assert any(
            "<script>alert('title0')</script>" in b or "&lt;script&gt;alert(&#x27;title0" in b
            for b in balloons
        )
    finally:
        watch.close()


def test_kml_with_control_characters_is_well_formed(tmp_path: Path) -> None:
    """Articles are cleaned by the readers, but the writer must not emit invalid XML 1.0
    for text that reaches it another way (the event store, the Python API)."""
    events, articles, places = hostile_data()
    event = events[0]
    sentence = "Clashes\x0c in Goma\x1b[0m\x07 and \x0bBukavu"
    prov = Provenance(event.provenance.article_id, sentence, 0, len(sentence), "Clash", 0, 5)
    odd = Event(
        **{
            **{f: getattr(event, f) for f in event.__slots__},
            "sources": (prov,),
            "label": "strike\x01",
        }
    )  # type: ignore[arg-type]
    (path,) = write_events(tmp_path / "events.kml", [odd], places, articles)
    ET.parse(path)


@pytest.mark.browser
def test_briefing_runs_no_script(browser: Any, tmp_path: Path) -> None:
    events, articles, _ = hostile_data()
    path = tmp_path / "brief.html"
    page = Page(title=payload("brief"), filters=payload("filters"))
    digest = make_digest(events, date(2025, 9, 3))
    path.write_text(brief_html(digest, articles, None, page), encoding="utf-8")
    watch = Watch(browser, allowed_prefix=path.resolve().as_uri())
    try:
        watch.page.goto(path.resolve().as_uri(), wait_until="load")
        watch.assert_clean("briefing")
        text = watch.page.evaluate("document.body.innerText")
        for tag in ("brief", "filters", "source1", "place1", "etype1", "label1"):
            assert f"<script>alert('{tag}')</script>" in text, f"{tag} not shown as text"
        title = watch.page.title()
        assert title.startswith("<script>alert('brief')</script>")
    finally:
        watch.close()


def _csv_cells(path: Path) -> list[str]:
    with path.open(newline="", encoding="utf-8") as handle:
        return [cell for row in csv.reader(handle) for cell in row]


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def test_geojson_keeps_hostile_text_exactly(tmp_path: Path) -> None:
    """GeoJSON is data, not markup: the text must survive byte for byte (escaping is the
    job of whatever displays it)."""
    events, articles, places = hostile_data()
    (path, _) = write_events(tmp_path / "events.geojson", events, places, articles)
    features = json.loads(Path(path).read_bytes())["features"]
    labels = sorted(f["properties"]["label"] for f in features)
    assert labels == sorted(e.label for e in events)


def test_csv_text_cells_cannot_start_a_spreadsheet_formula(tmp_path: Path) -> None:
    events, articles, places = hostile_data()
    formula = '=HYPERLINK("http://127.0.0.1:9/x","click")'
    article = next(iter(articles.values()))
    articles[article.id] = Article(
        **{
            **{f: getattr(article, f) for f in article.__slots__},
            "title": formula,
            "source": "+1",
        }
    )  # type: ignore[arg-type]
    events = [
        Event(**{**{f: getattr(e, f) for f in e.__slots__}, "label": "@SUM(A1)"}) for e in events
    ]  # type: ignore[arg-type]
    (path,) = write_events(tmp_path / "events.csv", events, places, articles)
    risky = [
        c for c in _csv_cells(Path(path)) if c.startswith(FORMULA_STARTS) and not _is_number(c)
    ]
    assert risky == []


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True
