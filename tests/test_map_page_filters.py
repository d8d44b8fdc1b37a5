"""The map page's hollow markers, place labels and filters, in headless Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from conftest import CARIBBEAN_SOUTH, make_article, make_event
from test_map_browser import CHROME, MAP, TIMEOUT, Page, _apart

from geo.model import Event, Place
from maps.labels import MAX_LABELS
from maps.render import write_map

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="no /usr/bin/chromium"),
]

TOWNS = [  # thirteen exact towns in Venezuela: Town A (two events) is the busiest
    Place(id=f"test:town:{k}", name=f"Town {chr(65 + k)}", kind="city",
          point=(-66.0 + 0.6 * k, 9.0), country="VE")
    for k in range(MAX_LABELS + 1)
]  # fmt: skip
MARACAY = Place(id="test:maracay", name="Maracay", kind="city", point=(-67.6, 10.25), country="VE")
BOGOTA = Place(id="test:bogota", name="Bogota", kind="city", point=(-74.07, 4.71), country="CO")


def _event(text: str, place: Place, label: int, precision: int, confidence: float) -> Event:
    event = make_event(make_article(text), place, label)
    return replace(event, geo_precision=precision, confidence=confidence)


def page_events() -> list[Event]:
    """17 events: 15 exact (14 protests in towns, a strike in Bogota at confidence 0.5, the
    only one on 10 September) and 2 approximate strikes (near Maracay, and in the southern
    Caribbean, an area)."""
    events = [_event(f"Protest in {t.name}.", t, 2, 1, 0.9) for t in TOWNS]
    events.append(_event("Second protest in Town A.", TOWNS[0], 2, 1, 0.9))
    events.append(_event("A strike near Maracay.", MARACAY, 0, 2, 0.9))
    events.append(_event("A strike at sea.", CARIBBEAN_SOUTH, 0, 3, 0.9))
    bogota = _event("A strike in Bogota.", BOGOTA, 0, 1, 0.5)
    events.append(replace(bogota, date=date(2025, 9, 10), date_start=None, date_end=None))
    return events


@pytest.fixture(scope="module")
def page_map(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("filters") / "map.html"
    return write_map(path, page_events(), [], {}, title="Filters")


@pytest.fixture
def page(browser: object, page_map: Path) -> Iterator[Page]:
    p = Page(browser, page_map)
    _view(p.page, 8.0, -69.0, 6)
    p.page.wait_for_timeout(100)
    yield p
    p.close()


# {location: hollow?} of every drawn event marker.
HOLLOW = """() => {
  const out = {};
  conflictmap.eventLayers.forEach(layer => layer.getLayers().forEach(cell => {
    if (!cell.cmIndices) return;
    const hollow = cell.cmElement.classList.contains('cm-hollow');
    cell.cmIndices.forEach(i => { out[layer.cmStore.get(i, 'location')] = hollow; });
  }));
  return out;
}"""
# {location: the popup's Place row} of every event.
POPUP_PLACES = """() => {
  const store = conflictmap.eventLayers[0].cmStore, out = {};
  for (let i = 0; i < store.count; i++) {
    const rows = conflictmap.popupContent(store, i).querySelectorAll('.cm-facts tr');
    rows.forEach(tr => {
      if (tr.cells[0].textContent !== 'Place') return;
      out[store.get(i, 'location')] = tr.cells[1].textContent;
    });
  }
  return out;
}"""
TOTAL = "document.querySelector('.cm-legend .cm-total').textContent"


def _view(page: object, lat: float, lon: float, zoom: int) -> None:
    """Centre the map at once (the statement returns nothing: the map object is huge)."""
    page.evaluate(f"() => {{ {MAP}.setView([{lat}, {lon}], {zoom}, {{animate: false}}); }}")  # type: ignore[attr-defined]


def _labels(page: Page) -> list[str]:
    return page.page.locator(".cm-place-label").all_inner_texts()


def test_approximate_places_are_hollow_and_towns_filled(page: Page) -> None:
    hollow = page.page.evaluate(HOLLOW)
    assert hollow["Maracay"] is True  # geo_precision 2
    assert hollow["southern Caribbean"] is True  # an area
    assert hollow["Bogota"] is False
    _view(page.page, 9.0, TOWNS[0].lon, 8)
    assert page.page.evaluate(HOLLOW)["Town A"] is False
    _view(page.page, 8.0, -69.0, 6)
    assert "hollow: approximate place" in page.page.locator(".cm-legend").inner_text()
    page.page.locator(".leaflet-marker-pane .cm-hollow").first.click()
    popup = page.page.locator(".cm-popup")
    popup.wait_for(timeout=TIMEOUT)
    assert "approximate: " in popup.inner_text()
    assert "Placed by" in popup.inner_text()  # the location_reason
    places = page.page.evaluate(POPUP_PLACES)
    assert places["Maracay"] == "Maracay, VE (approximate: near a town / part of a region)"
    sea = "southern Caribbean (approximate: province, sea or country)"
    assert places["southern Caribbean"] == sea
    assert places["Bogota"] == "Bogota, CO (precision: town)"
    assert page.errors == [] and page.requests == []


def test_labels_appear_at_their_zoom(page: Page) -> None:
    last = TOWNS[-1]  # ranked thirteenth: named from zoom 8 only
    _view(page.page, 9.0, last.lon, 4)
    assert _labels(page) == []
    _view(page.page, 9.0, last.lon, 5)
    labels = _labels(page)
    assert "Town A" in labels and last.name not in labels
    _view(page.page, 9.0, last.lon, 8)
    assert last.name in _labels(page)
    assert "southern Caribbean" not in _labels(page)  # the places layer names areas


def test_exact_places_only_hides_the_hollow_markers(page: Page) -> None:
    assert page.page.evaluate(TOTAL) == " · 17"
    page.page.locator(".cm-filters summary").click()
    page.page.locator(".cm-exact-only").check()
    assert page.count(".leaflet-marker-pane .cm-hollow") == 0
    assert page.page.evaluate(TOTAL) == " · 15 of 17"
    assert "Bogota" in page.page.evaluate(HOLLOW)
    page.page.locator(".cm-exact-only").uncheck()
    assert page.count(".leaflet-marker-pane .cm-hollow") == 2


def test_the_country_filter_keeps_the_chosen_countries(page: Page) -> None:
    page.page.locator(".cm-filters summary").click()
    rows = page.page.locator(".cm-countries").inner_text()
    assert "CO" in rows and "VE" in rows and "no country" in rows
    page.page.locator(".cm-country[value='VE']").uncheck()
    assert set(page.page.evaluate(HOLLOW)) == {"Bogota", "southern Caribbean"}
    assert page.page.evaluate(TOTAL) == " · 2 of 17"
    page.page.locator(".cm-country[value='']").uncheck()
    assert set(page.page.evaluate(HOLLOW)) == {"Bogota"}
    page.page.locator(".cm-country[value='VE']").check()
    assert page.page.evaluate(TOTAL) == " · 16 of 17"


def test_minimum_confidence_hides_the_less_certain(page: Page) -> None:
    slider = page.page.locator(".cm-min-confidence")
    page.page.locator(".cm-filters summary").click()
    slider.evaluate("el => { el.value = 0.6; el.dispatchEvent(new Event('input')); }")
    assert "Bogota" not in page.page.evaluate(HOLLOW)
    assert page.page.evaluate(TOTAL) == " · 16 of 17"
    assert page.page.locator(".cm-confidence-value").inner_text() == "0.60"
    strikes = page.page.locator(".cm-legend-row", has_text="Explosions")
    assert strikes.locator(".cm-legend-count").inner_text() == "2 / 3"


def test_filters_and_the_time_window_combine(page: Page) -> None:
    page.page.evaluate("conflictmap.setTimeWindow('2025-09-02', '2025-09-02')")
    assert page.page.evaluate(TOTAL) == " · 16 of 17"
    page.page.locator(".cm-filters summary").click()
    page.page.locator(".cm-exact-only").check()
    assert page.page.evaluate(TOTAL) == " · 14 of 17"
    page.page.evaluate("conflictmap.setTimeWindow('2025-09-10', '2025-09-10')")
    assert page.page.evaluate(TOTAL) == " · 1 of 17"  # Bogota
    page.page.locator(".cm-min-confidence").evaluate(
        "el => { el.value = 0.6; el.dispatchEvent(new Event('input')); }"
    )
    assert page.page.evaluate(TOTAL) == " · 0 of 17"


def test_a_map_whose_events_share_one_day_loads(browser: object, tmp_path: Path) -> None:
    events = [_event("A strike near Maracay.", MARACAY, 0, 2, 0.9)]
    events.append(_event("A protest in Bogota.", BOGOTA, 2, 1, 0.9))
    page = Page(browser, write_map(tmp_path / "one-day.html", events, [], {}))
    try:
        assert page.errors == []
        assert page.page.locator(".cm-range-label").inner_text() == "2025-09-02 – 2025-09-02"
    finally:
        page.close()


@pytest.mark.parametrize("size", [(1280, 800), (375, 812)], ids=["desktop", "phone"])
def test_labels_filters_and_popups_do_not_overlap(
    browser: object, page_map: Path, size: tuple, tmp_path: Path
) -> None:
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})  # type: ignore[attr-defined]
    try:
        page.goto(page_map.resolve().as_uri())
        page.wait_for_function("window.conflictmapReady === true", timeout=TIMEOUT)
        _view(page, 9.0, -63.0, 7)
        page.locator(".cm-filters summary").click()
        boxes = {name: page.locator(name).bounding_box() for name in CHROME}
        names = sorted(boxes)
        for i, a in enumerate(names):
            for b in names[i + 1 :]:
                assert _apart(boxes[a], boxes[b]), f"{a} overlaps {b} at {size}"
        labels = page.locator(".cm-place-label")
        assert labels.count() >= 2
        found = [labels.nth(k).bounding_box() for k in range(labels.count())]
        for i, a in enumerate(found):
            assert all(_apart(a, b) for b in found[i + 1 :]), "two labels overlap"
        markers = page.locator(".leaflet-marker-pane .cm-marker")
        for k in range(markers.count()):
            box = markers.nth(k).bounding_box()
            assert all(_apart(box, label) for label in found), "a label covers a marker"
        page.screenshot(path=str(tmp_path / "filters.png"))
        # A popup lies above the labels: its centre is the popup, not a label.
        page.locator(".cm-filters summary").click()  # closed again
        _view(page, TOWNS[3].lat, TOWNS[3].lon, 8)
        page.locator(".leaflet-marker-pane .cm-marker").first.click()
        page.locator(".cm-popup").wait_for(timeout=TIMEOUT)
        page.wait_for_timeout(400)
        on_top = page.evaluate("""() => {
          const r = document.querySelector('.leaflet-popup-content').getBoundingClientRect();
          const node = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
          return !!node.closest('.leaflet-popup') && !node.closest('.cm-place-label');
        }""")
        assert on_top
    finally:
        page.close()
