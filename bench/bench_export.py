"""Export benchmark: GeoJSON / GeoPackage / GeoParquet of N synthetic events.

Our writers (`maps.export`) beside plain geopandas `to_file` / `to_parquet` of the same
frame, in the same run and process. Peak memory is the process's high-water mark (VmHWM,
reset before each run through /proc/self/clear_refs, after freed memory went back to the
OS) minus its resident size at the start: what the export itself needs on top of the
frame. Wall and CPU seconds; the median over `--runs` (fewer for slow ones).

    .venv/bin/python bench/bench_export.py --n 1000000 --runs 3 --json bench/export.json
"""

from __future__ import annotations

import argparse
import ctypes
import gc
import json
import resource
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import geopandas as gpd

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests"), str(REPO / "bench")]

from _common import machine  # noqa: E402
from conftest import synthetic_events  # noqa: E402

from maps.export import write_events_frame_geojson, write_gpkg, write_parquet_frame  # noqa: E402
from maps.frames import events_frame, places_frame  # noqa: E402

FRAME: gpd.GeoDataFrame | None = None  # the events frame every job writes
PLACES: gpd.GeoDataFrame | None = None


def _status(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    raise KeyError(field)


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _release_memory() -> None:
    """Give freed memory back to the OS, so that the next high-water mark starts low."""
    gc.collect()
    ctypes.CDLL("libc.so.6").malloc_trim(0)


def measure(job: Callable[[Path], object], out: Path) -> tuple[float, float, int, int]:
    """(wall s, CPU s, peak extra bytes, file bytes) of one run of `job`."""
    _release_memory()
    Path("/proc/self/clear_refs").write_text("5")  # reset VmHWM to the current RSS
    base, cpu, start = _status("VmRSS"), _cpu(), time.perf_counter()
    job(out)
    wall, cpu = time.perf_counter() - start, _cpu() - cpu
    peak, size = _status("VmHWM") - base, out.stat().st_size
    out.unlink()
    return wall, cpu, peak, size


def _to_file_gpkg(path: Path) -> None:
    """The same two layers as `write_gpkg`, through plain `to_file`."""
    FRAME.to_file(path, driver="GPKG", layer="events")
    PLACES.to_file(path, driver="GPKG", layer="places")


JOBS: dict[str, tuple[str, Callable[[Path], object], str]] = {
    # name: (format, job, file name)
    "conflictmap GeoJSON": ("GeoJSON", lambda p: write_events_frame_geojson(p, FRAME), "e.geojson"),
    "geopandas to_file GeoJSON": (
        "GeoJSON", lambda p: FRAME.to_file(p, driver="GeoJSON"), "g.geojson"),
    "conflictmap GeoPackage": ("GeoPackage", lambda p: write_gpkg(p, FRAME, PLACES), "e.gpkg"),
    "geopandas to_file GPKG": ("GeoPackage", lambda p: _to_file_gpkg(p), "g.gpkg"),
    "conflictmap GeoParquet": ("GeoParquet", lambda p: write_parquet_frame(p, FRAME), "e.parquet"),
    "geopandas to_parquet": ("GeoParquet", lambda p: FRAME.to_parquet(p), "g.parquet"),
}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    global FRAME, PLACES
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="number of events")
    parser.add_argument("--runs", type=int, default=3, help="runs of the fast writers")
    parser.add_argument("--slow-runs", type=int, default=1, help="runs of writers > 60 s")
    parser.add_argument("--only", nargs="*", help="job names to run (default: all)")
    parser.add_argument("--json", type=Path, help="write the results here too")
    args = parser.parse_args(argv)

    print(f"machine: {machine()}", flush=True)
    start = time.perf_counter()
    events, articles = synthetic_events(args.n)
    made = time.perf_counter() - start
    start = time.perf_counter()
    FRAME = events_frame(events, articles)
    framed = time.perf_counter() - start
    PLACES = places_frame(e.place for e in events if e.place)
    del events, articles
    print(f"{args.n:,} events: made in {made:.1f} s; events_frame in {framed:.1f} s", flush=True)

    results = []
    tmp = Path(tempfile.mkdtemp(prefix="bench-export-", dir=REPO / "bench"))
    try:
        for name, (fmt, job, file_name) in JOBS.items():
            if args.only and name not in args.only:
                continue
            runs = [measure(job, tmp / file_name)]
            n_runs = args.runs if runs[0][0] < 60 else args.slow_runs
            runs += [measure(job, tmp / file_name) for _ in range(n_runs - 1)]
            wall = statistics.median(r[0] for r in runs)
            cpu = statistics.median(r[1] for r in runs)
            peak = statistics.median(r[2] for r in runs) / 2**20
            size = runs[0][3] / 2**20
            results.append(
                {
                    "job": name,
                    "format": fmt,
                    "runs": len(runs),
                    "wall_s": wall,
                    "cpu_s": cpu,
                    "peak_mib": peak,
                    "file_mib": size,
                }
            )
            print(
                f"{name:28s} {len(runs)} run(s)  wall {wall:7.1f} s  cpu {cpu:7.1f} s  "
                f"peak +{peak:7.0f} MiB  file {size:7.0f} MiB",
                flush=True,
            )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if args.json:
        payload = {"n": args.n, "machine": machine(), "make_s": made, "frame_s": framed,
                   "results": results}  # fmt: skip
        args.json.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
