"""The map in a real browser (headless Debian Chromium via playwright)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from conftest import CARACAS, CARIBBEAN_SOUTH, make_article, make_event, synthetic_events
from test_map_render import XSS_TEXT, seed

from maps.render import write_map
from maps.screenshot import find_chromium

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="no /usr/bin/chromium"),
]
TIMEOUT = 20_000


@pytest.fixture(scope="module")
def seed_map(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("map") / "seed.html"
    return write_map(path, *seed(), title="Seed map")


class Page:
    """A page that records console errors, page errors, dialogs and non-file requests."""

    def __init__(self, browser: object, path: Path) -> None:
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page = browser.new_page(viewport={"width": 1200, "height": 800})  # type: ignore[attr-defined]
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)
        self.page.route("**/*", self._route)
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_function("window.conflictmapReady === true", timeout=TIMEOUT)

    def _dialog(self, dialog: object) -> None:
        self.dialogs.append(dialog.message)  # type: ignore[attr-defined]
        dialog.dismiss()  # type: ignore[attr-defined]

    def _route(self, route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        if url.startswith("file:") or url.startswith("data:"):
            route.continue_()  # type: ignore[attr-defined]
        else:
            self.requests.append(url)
            route.abort()  # type: ignore[attr-defined]

    def count(self, selector: str) -> int:
        return self.page.locator(selector).count()

    def close(self) -> None:
        self.page.close()


@pytest.fixture
def page(browser: object, seed_map: Path) -> Iterator[Page]:
    p = Page(browser, seed_map)
    yield p
    p.close()


def test_browser_is_found() -> None:
    assert find_chromium().name.startswith("chromium")


def test_seed_map_loads_offline_without_errors(page: Page) -> None:
    assert page.errors == []
    assert page.requests == []
    assert page.count(".leaflet-marker-pane .cm-marker") == 2
    assert page.count(".cm-area-label") == 1  # the southern Caribbean is labelled
    assert page.page.locator("#cm-title").inner_text() == "Seed map"
    assert page.count(".cm-legend-row") == 3  # two event types + places


def test_toggling_an_event_type_layer_hides_its_markers(page: Page) -> None:
    strikes = ".leaflet-marker-pane .cm-t0"
    assert page.count(strikes) == 1
    label = page.page.locator(".cm-legend label", has_text="Explosions")
    label.locator("input").click()
    assert page.count(strikes) == 0
    assert page.count(".leaflet-marker-pane .cm-t1") == 1  # the other type stays
    label.locator("input").click()
    assert page.count(strikes) == 1


def test_clicking_a_marker_opens_the_popup_with_the_sentence(page: Page) -> None:
    page.page.locator(".leaflet-marker-pane .cm-t1").click()
    popup = page.page.locator(".cm-popup")
    popup.wait_for(timeout=TIMEOUT)
    sentence = popup.locator(".cm-sentence")
    assert sentence.inner_text() == "Hundreds protested in Caracas against the deployment."
    assert popup.locator("mark.cm-place").inner_text() == "Caracas"
    assert "Caracas protest" in popup.inner_text() and "Wire 2" in popup.inner_text()
    assert popup.locator("a.cm-link").get_attribute("href") == "https://example.org/a"
    assert "day" in popup.inner_text()  # date precision


def test_time_filter_hides_events_outside_the_window(page: Page) -> None:
    page.page.evaluate("conflictmap.setTimeWindow('2025-09-20', '2025-10-05')")
    page.page.wait_for_function(
        "document.querySelectorAll('.leaflet-marker-pane .cm-t0').length === 0", timeout=TIMEOUT
    )
    assert page.count(".leaflet-marker-pane .cm-t1") == 1
    assert "0 / 1" in page.page.locator(".cm-legend").inner_text()
    # Moving the slider itself (the "from" handle back to the start) shows it again.
    page.page.locator(".cm-from").evaluate(
        "el => { el.value = 0; el.dispatchEvent(new Event('input')); }"
    )
    page.page.wait_for_function(
        "document.querySelectorAll('.leaflet-marker-pane .cm-t0').length === 1", timeout=TIMEOUT
    )
    # Play starts at the first days: the October protest leaves the map.
    page.page.locator(".cm-play").click()
    page.page.wait_for_function(
        "document.querySelectorAll('.leaflet-marker-pane .cm-t1').length === 0", timeout=TIMEOUT
    )
    assert page.page.locator(".cm-range-label").inner_text().startswith("2025-09-02 – 2025-09-0")


def test_hostile_article_is_shown_literally_and_runs_nothing(
    browser: object, tmp_path: Path
) -> None:
    article = make_article(
        XSS_TEXT,
        title='"><img src=x onerror=alert(2)> `x`',
        url="javascript:alert(3)",
        source="<script>alert(4)</script>",
        published=date(2025, 9, 3),
    )
    other = make_article(
        "Strike near Caracas confirmed.", title="Second", url="https://example.org/b"
    )
    hostile = make_event(article, CARACAS)
    confirmed = make_event(other, CARACAS)
    merged = replace(hostile, sources=hostile.sources + confirmed.sources)  # two reports
    events = [merged, make_event(other, CARIBBEAN_SOUTH, 1)]
    path = write_map(tmp_path / "xss.html", events, [], [article, other], title="<b>x</b>")
    page = Page(browser, path)
    try:
        page.page.locator(".leaflet-marker-pane .cm-t0").click()
        popup = page.page.locator(".cm-popup")
        popup.wait_for(timeout=TIMEOUT)
        assert popup.locator(".cm-sentence").first.text_content() == XSS_TEXT
        text = popup.inner_text()
        assert '"><img src=x onerror=alert(2)> `x`' in text
        assert "<script>alert(4)</script>" in text
        assert popup.locator("img, script").count() == 0
        links = popup.locator("a")  # none for javascript:, one for the other source
        assert [links.nth(i).get_attribute("href") for i in range(links.count())] == [
            "https://example.org/b"
        ]
        assert "Also reported by" in text and "Strike near Caracas confirmed." in text
        assert page.page.locator("#cm-title").inner_text() == "<b>x</b>"
        page.page.wait_for_timeout(300)
        assert page.dialogs == []
        assert page.errors == [] and page.requests == []
    finally:
        page.close()


def test_empty_map_loads_and_signals_ready(browser: object, tmp_path: Path) -> None:
    page = Page(browser, write_map(tmp_path / "empty.html", [], [], {}, title="Nothing yet"))
    try:
        assert page.errors == [] and page.requests == []
        assert page.count(".cm-timefilter") == 0  # no dates, no slider
        assert page.count(".leaflet-marker-pane .cm-marker") == 0
    finally:
        page.close()


def test_events_at_one_place_share_a_marker_and_a_popup(browser: object, tmp_path: Path) -> None:
    first = make_article("Protesters gathered in Caracas on Monday.", title="Monday")
    second = make_article("Protesters returned to Caracas on Tuesday.", title="Tuesday")
    events = [make_event(first, CARACAS, 2), make_event(second, CARACAS, 2, day=date(2025, 9, 3))]
    page = Page(browser, write_map(tmp_path / "two.html", events, [], [first, second]))
    try:
        marker = page.page.locator(".leaflet-marker-pane .cm-t0")
        assert marker.count() == 1 and marker.locator(".cm-badge").inner_text() == "2"
        marker.click()
        popup = page.page.locator(".cm-popup-list")
        popup.wait_for(timeout=TIMEOUT)
        assert "2 events here" in popup.inner_text()
        sentences = popup.locator(".cm-sentence").all_inner_texts()
        assert sorted(sentences) == sorted([first.text, second.text])
        page.page.evaluate("conflictmap.setTimeWindow('2025-09-03', '2025-09-03')")
        page.page.wait_for_function(
            "document.querySelectorAll('.leaflet-marker-pane .cm-badge').length === 0",
            timeout=TIMEOUT,
        )
        assert "1 / 2" in page.page.locator(".cm-legend").inner_text()
        assert page.errors == []
    finally:
        page.close()


# --- many events: the grid clusters ----------------------------------------------------------

MANY = 3000
# Events drawn per DOM element: a cluster's count, a marker's badge, else 1.
DRAWN_COUNTS = """() => Array.from(document.querySelectorAll(
    '.leaflet-marker-pane .cm-cluster, .leaflet-marker-pane .cm-marker')).map(node => {
  const label = node.querySelector('.cm-cluster > span, .cm-badge');
  return label ? Number(label.textContent) : 1;
})"""
MAP = "Object.values(window).find(v => v instanceof L.Map)"
# The cluster of the one type shown whose centre is nearest the map's centre: its count.
NEAREST_CLUSTER = """() => {
  const box = document.querySelector('.leaflet-container').getBoundingClientRect();
  let best = null, bestDistance = Infinity;
  document.querySelectorAll('.leaflet-marker-pane .cm-cluster').forEach(node => {
    const r = node.getBoundingClientRect();
    const d = Math.hypot(r.x + r.width / 2 - box.width / 2, r.y + r.height / 2 - box.height / 2);
    if (d < bestDistance) { best = node; bestDistance = d; }
  });
  if (!best) return null;
  document.querySelectorAll('.cm-nearest').forEach(node => node.classList.remove('cm-nearest'));
  best.classList.add('cm-nearest');
  return Number(best.textContent);
}"""


@pytest.fixture(scope="module")
def many_map(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list]:
    events, articles = synthetic_events(MANY)
    path = tmp_path_factory.mktemp("many") / "many.html"
    return write_map(path, events, [], articles, title="Many"), events


def _settled(page: Page, zoom_above: float) -> None:
    page.page.wait_for_function(
        f"{MAP}.getZoom() > {zoom_above} && !{MAP}._animatingZoom", timeout=TIMEOUT
    )
    page.page.wait_for_timeout(100)


def test_many_events_are_clustered_and_counted(browser: object, many_map: tuple) -> None:
    path, events = many_map
    page = Page(browser, path)
    try:
        assert page.errors == [] and page.requests == []
        counts = page.page.evaluate(DRAWN_COUNTS)
        assert page.count(".leaflet-marker-pane .cm-cluster") > 0
        assert len(counts) < MANY / 5  # far fewer elements than events at the world view
        assert sum(counts) == MANY  # every event is in one cluster or marker
        # The time filter: the clusters count only the events in the window.
        page.page.evaluate("conflictmap.setTimeWindow('2025-03-01', '2025-04-30')")
        in_window = sum(date(2025, 3, 1) <= e.date <= date(2025, 4, 30) for e in events)
        assert 0 < in_window < MANY
        assert sum(page.page.evaluate(DRAWN_COUNTS)) == in_window
        legend = page.page.locator(".cm-legend").inner_text()
        assert f"/ {sum(e.event_type == 'Protests' for e in events)}" in legend
    finally:
        page.close()


def test_zooming_into_a_cluster_shows_its_events_as_markers(
    browser: object, many_map: tuple
) -> None:
    page = Page(browser, many_map[0])
    try:
        for name in ("Explosions", "Strategic"):  # one type left: no overlapping types
            label = page.page.locator(".cm-legend label", has_text=name)
            label.locator("input").click()
        shown = sum(page.page.evaluate(DRAWN_COUNTS))
        assert shown == page.page.evaluate("conflictmap.eventLayers[1].cmTotal") < MANY
        single = ".leaflet-marker-pane .cm-marker:not(.cm-multi)"
        for _ in range(12):  # click the central cluster until its events stand alone
            count = page.page.evaluate(NEAREST_CLUSTER)
            if count is None:
                break
            zoom = page.page.evaluate(f"{MAP}.getZoom()")
            page.page.locator(".cm-nearest").click()
            _settled(page, zoom)
            assert sum(page.page.evaluate(DRAWN_COUNTS)) >= count  # its events are in view
        assert page.count(".leaflet-marker-pane .cm-cluster") == 0
        assert page.count(single) >= 1
        page.page.locator(single).first.click()
        popup = page.page.locator(".cm-popup")
        popup.wait_for(timeout=TIMEOUT)
        assert popup.locator(".cm-sentence").inner_text().startswith("Report number ")
        assert "Protests" in popup.inner_text()
        assert page.errors == []
    finally:
        page.close()


def test_a_popup_near_the_top_opens_below_the_title(page: Page) -> None:
    marker = ".leaflet-marker-pane .cm-t1"
    page.page.evaluate(
        f"""() => {{
        const box = document.querySelector('{marker}').getBoundingClientRect();
        {MAP}.panBy([0, box.y + box.height / 2 - 20], {{animate: false}});
    }}"""
    )
    title = page.page.locator("#cm-title").bounding_box()
    assert page.page.locator(marker).bounding_box()["y"] < title["y"] + title["height"]
    page.page.locator(marker).click()
    page.page.locator(".cm-popup").wait_for(timeout=TIMEOUT)
    page.page.wait_for_timeout(600)  # the pan that brings the popup into view
    popup = page.page.locator(".leaflet-popup").bounding_box()
    assert popup["y"] >= title["y"] + title["height"], (popup, title)


def test_one_legend_whose_places_row_hides_the_places(page: Page) -> None:
    assert page.count(".leaflet-control-layers") == 0 and page.count(".cm-legend") == 1
    areas = ".leaflet-overlay-pane path"
    assert page.count(areas) >= 1
    places = page.page.locator(".cm-legend .cm-legend-row", has_text="Places")
    places.locator("input").click()
    assert page.count(areas) == 0
    assert "cm-off" in (places.get_attribute("class") or "")
    places.locator("input").click()
    assert page.count(areas) >= 1


def test_the_time_slider_has_a_histogram_of_the_events(page: Page) -> None:
    bars = ".cm-timefilter .cm-hist rect"
    assert page.count(bars) == 2  # one strike, one protest, on different days
    assert page.count(f"{bars}.cm-t0") == 1 and page.count(f"{bars}.cm-t1") == 1
    assert page.count(f"{bars}.cm-out") == 0
    page.page.evaluate("conflictmap.setTimeWindow('2025-09-20', '2025-10-05')")
    page.page.wait_for_function(
        f"document.querySelectorAll('{bars}.cm-out').length === 1", timeout=TIMEOUT
    )
    assert page.count(f"{bars}.cm-t0.cm-out") == 1  # the strike, before the window


CHROME = ("#cm-title", ".leaflet-control-zoom", ".cm-legend", ".cm-timefilter",
          ".leaflet-control-attribution", ".leaflet-control-scale")  # fmt: skip


def _apart(p: dict, q: dict) -> bool:
    """Two boxes side by side or one above the other (touching allowed)."""
    return (p["x"] + p["width"] <= q["x"] or q["x"] + q["width"] <= p["x"]
            or p["y"] + p["height"] <= q["y"] or q["y"] + q["height"] <= p["y"])  # fmt: skip


@pytest.mark.parametrize("size", [(1280, 800), (375, 812)], ids=["desktop", "phone"])
def test_the_controls_do_not_overlap(browser: object, seed_map: Path, size: tuple) -> None:
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})  # type: ignore[attr-defined]
    try:
        page.goto(seed_map.resolve().as_uri())
        page.wait_for_function("window.conflictmapReady === true", timeout=TIMEOUT)
        boxes = {name: page.locator(name).bounding_box() for name in CHROME}
        for name, box in boxes.items():
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= size[0], name
        names = sorted(boxes)
        for i, a in enumerate(names):
            for b in names[i + 1 :]:
                assert _apart(boxes[a], boxes[b]), f"{a} overlaps {b} at {size}"
    finally:
        page.close()
