"""Benchmark: a map of N synthetic events (default 100,000) — write time, HTML size and
first render in headless Chromium — against a naive folium map with one Marker per event.

    .venv/bin/python bench/bench_map.py [--events 100000] [--naive-events 10000] [--runs 3]

"First render" is the page's own `conflictmap-ready` performance mark (navigation start
until every event is clustered and drawn); the naive map has no such flag, so its render
time is navigation start until the `load` event plus two animation frames. The naive map
links Leaflet from a CDN: the benchmark serves those two files from the installed
xstatic package (and aborts every other request) so both pages load from disk.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from conftest import synthetic_events  # noqa: E402

from maps.assets import package_dir  # noqa: E402
from maps.render import write_map  # noqa: E402
from maps.screenshot import launch_chromium  # noqa: E402

READY_MARK = """() => {
  const m = performance.getEntriesByName('conflictmap-ready')[0];
  return m ? m.startTime : null;
}"""
LOADED = """() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(
  () => r(performance.now()))))"""


def write_naive(path: Path, events: list, articles: dict) -> Path:
    """One folium.Marker (with a popup of the sentence) per event: the approach we avoid."""
    import folium

    fmap = folium.Map(location=[20, 0], zoom_start=2, tiles=None)
    for event in events:
        prov = event.provenance
        folium.Marker(
            [event.place.lat, event.place.lon],
            popup=folium.Popup(prov.sentence),
            tooltip=event.label,
        ).add_to(fmap)
    fmap.save(str(path))
    return path


def _serve_leaflet(route: object) -> None:
    url = route.request.url  # type: ignore[attr-defined]
    base = package_dir("leaflet")
    if url.startswith("file:"):
        route.continue_()  # type: ignore[attr-defined]
    elif url.endswith("/leaflet.js"):
        route.fulfill(body=(base / "leaflet.js").read_bytes(), content_type="text/javascript")  # type: ignore[attr-defined]
    elif url.endswith("/leaflet.css"):
        route.fulfill(body=(base / "leaflet.css").read_bytes(), content_type="text/css")  # type: ignore[attr-defined]
    else:
        route.abort()  # type: ignore[attr-defined]


def render_times(browser: object, path: Path, runs: int, naive: bool) -> list[float]:
    """Milliseconds to first complete render, one fresh page per run."""
    times = []
    for _ in range(runs):
        page = browser.new_page(viewport={"width": 1280, "height": 800})  # type: ignore[attr-defined]
        page.route("**/*", _serve_leaflet)
        try:
            if naive:
                page.goto(path.as_uri(), wait_until="load", timeout=600_000)
                times.append(float(page.evaluate(LOADED)))
            else:
                page.goto(path.as_uri(), wait_until="load", timeout=600_000)
                page.wait_for_function("window.conflictmapReady === true", timeout=600_000)
                times.append(float(page.evaluate(READY_MARK)))
        finally:
            page.close()
    return times


def timed(fn: object, runs: int) -> tuple[list[float], object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return times, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--naive-events", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)

    events, articles = synthetic_events(args.events)
    naive_events = events[: args.naive_events]
    out = Path(tempfile.mkdtemp(prefix="bench-map-"))
    ours = out / "map.html"
    naive = out / "naive.html"

    write_s, _ = timed(lambda: write_map(ours, events, [], articles, title="bench"), args.runs)
    naive_s, _ = timed(lambda: write_naive(naive, naive_events, articles), 1)
    with launch_chromium() as browser:
        render_ms = render_times(browser, ours, args.runs, naive=False)
        naive_ms = render_times(browser, naive, 1, naive=True)

    load = os.getloadavg()
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}"
    )
    print(f"| map | events | write (s, median of {args.runs}) | HTML (MB) | first render (s) |")
    print("|---|---|---|---|---|")
    print(
        f"| conflictmap (one blob + clustered GeoJSON-style layers) | {args.events:,} | "
        f"{statistics.median(write_s):.2f} ({', '.join(f'{t:.2f}' for t in write_s)}) | "
        f"{ours.stat().st_size / 1e6:.1f} | {statistics.median(render_ms) / 1000:.2f} "
        f"({', '.join(f'{t / 1000:.2f}' for t in render_ms)}) |"
    )
    print(
        f"| naive folium Marker per event | {len(naive_events):,} | {naive_s[0]:.2f} | "
        f"{naive.stat().st_size / 1e6:.1f} | {naive_ms[0] / 1000:.2f} |"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
