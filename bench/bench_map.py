"""Benchmark: a map of N synthetic events (default 100,000) — write time, HTML size and
first render in headless Chromium — against a naive folium map with one Marker per event.

    .venv/bin/python bench/bench_map.py [--events 100000] [--naive-events 10000] [--runs 3]

"First render" is the page's own `conflictmap-ready` performance mark (navigation start
until every event is clustered and drawn); the naive map has no such flag, so its render
time is navigation start until the `load` event plus two animation frames. The 1-minute
load average is printed for each run (the machine may be shared). `--distinct-places` and
`--region` change the shape of the events (repeated places; all inside one box). The naive map
links Leaflet from a CDN: the benchmark serves those two files from the installed
xstatic package (and aborts every other request) so both pages load from disk.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from dataclasses import replace
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


def in_region(events: list, west: float, south: float, east: float, north: float) -> list:
    """The events moved to points spread uniformly over the box (same seed, same points)."""
    rng = random.Random(1)
    points = [(rng.uniform(west, east), rng.uniform(south, north)) for _ in events]
    return [
        replace(e, place=replace(e.place, point=p)) for e, p in zip(events, points, strict=True)
    ]


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


def descendants_cpu() -> dict[int, float]:
    """CPU seconds (user + system) used so far by each descendant process (Chromium)."""
    parents: dict[int, int] = {}
    cpu: dict[int, float] = {}
    tick = os.sysconf("SC_CLK_TCK")
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry.name)] = int(fields[1])
        cpu[int(entry.name)] = (int(fields[11]) + int(fields[12])) / tick
    mine, frontier = set(), {os.getpid()}
    while frontier:
        frontier = {pid for pid, ppid in parents.items() if ppid in frontier} - mine
        mine |= frontier
    return {pid: cpu[pid] for pid in mine}


def cpu_since(before: dict[int, float]) -> float:
    """CPU seconds the descendants used since `before` (processes that exited are lost)."""
    return sum(t - before.get(pid, 0.0) for pid, t in descendants_cpu().items())


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


LOADS: dict[str, list[float]] = {}


def note_load(what: str) -> None:
    """Record the 1-minute load average at the start of a run of `what`."""
    LOADS.setdefault(what, []).append(os.getloadavg()[0])


def render_times(
    browser: object, path: Path, runs: int, naive: bool
) -> tuple[list[float], list[float]]:
    """Milliseconds to first complete render, and Chromium CPU seconds; a fresh page per run."""
    times, cpu = [], []
    for _ in range(runs):
        note_load("naive render" if naive else "render")
        before = descendants_cpu()
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
            cpu.append(cpu_since(before))
        finally:
            page.close()
    return times, cpu


def timed(fn: object, runs: int, what: str) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds of each run of `fn`."""
    wall, cpu = [], []
    for _ in range(runs):
        note_load(what)
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()  # type: ignore[operator]
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return wall, cpu


def _fmt(values: list[float], scale: float = 1.0) -> str:
    median = statistics.median(values) / scale
    return f"{median:.2f} ({', '.join(f'{v / scale:.2f}' for v in values)})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--naive-events", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--distinct-places",
        type=int,
        default=0,
        metavar="N",
        help="put the events at N places only (real data repeats places); 0: all distinct",
    )
    parser.add_argument(
        "--region",
        metavar="W,S,E,N",
        type=lambda t: [float(v) for v in t.split(",")],
        help="spread the events uniformly over this box (a dense regional map)",
    )
    args = parser.parse_args(argv)

    events, articles = synthetic_events(args.events)
    if args.region:
        events = in_region(events, *args.region)
    if args.distinct_places:
        places = [e.place for e in events[: args.distinct_places]]
        events = [replace(e, place=places[i % len(places)]) for i, e in enumerate(events)]
    naive_events = events[: args.naive_events]
    with tempfile.TemporaryDirectory(prefix="bench-map-") as tmp:
        ours, naive = Path(tmp) / "map.html", Path(tmp) / "naive.html"
        write_s, write_cpu = timed(
            lambda: write_map(ours, events, [], articles, title="bench"), args.runs, "write"
        )
        naive_s, naive_cpu = timed(
            lambda: write_naive(naive, naive_events, articles), 1, "naive write"
        )
        with launch_chromium() as browser:
            render_ms, render_cpu = render_times(browser, ours, args.runs, naive=False)
            naive_ms, naive_render_cpu = render_times(browser, naive, 1, naive=True)
        sizes = ours.stat().st_size / 1e6, naive.stat().st_size / 1e6

    load = os.getloadavg()
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}"
    )
    print(
        f"medians of {args.runs} runs (each run in brackets); CPU = CPU seconds consumed "
        "(Python process for writing, all Chromium processes for rendering)"
    )
    print(
        "| map | events | write wall (s) | write CPU (s) | HTML (MB) | first render wall (s) "
        "| render CPU (s) |"
    )
    print("|---|---|---|---|---|---|---|")
    where = f" at {args.distinct_places:,} places" if args.distinct_places else ""
    if args.region:
        where += " in " + ",".join(f"{v:g}" for v in args.region)
    print(
        f"| conflictmap | {args.events:,}{where} | {_fmt(write_s)} | {_fmt(write_cpu)} | "
        f"{sizes[0]:.1f} | {_fmt(render_ms, 1000)} | {_fmt(render_cpu)} |"
    )
    print(
        f"| naive folium Marker per event | {len(naive_events):,} | {_fmt(naive_s)} | "
        f"{_fmt(naive_cpu)} | {sizes[1]:.1f} | {_fmt(naive_ms, 1000)} | "
        f"{_fmt(naive_render_cpu)} |"
    )
    print("1-minute load average at the start of each run:")
    for what, loads in LOADS.items():
        print(f"  {what}: {', '.join(f'{v:.1f}' for v in loads)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
