"""Gazetteer benchmark: store size, cold start, exact/fuzzy/derived lookups, reverse, build.

Every timing is the median of `--runs` runs; lookups report wall-clock and CPU throughput
(the machine is shared, CPU seconds are the steadier figure).

    .venv/bin/python bench/bench_gazetteer.py --runs 5 [--build] [--json out.json]

Workload: 10,000 distinct names drawn (fixed seed) from the store's own names of places
with >= 1,000 people or of countries/admin-1/seas, i.e. names an article may contain.
"Uncached" lookups go through normalisation + SQLite on a freshly opened store; "cached"
lookups repeat the same names (the LRU in front of SQLite answers, as for a geoparser
that sees "Caracas" in many articles).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._common import machine  # noqa: E402
from gazetteer import Gazetteer  # noqa: E402
from gazetteer.store import default_store_path  # noqa: E402

COLD = (
    "import time; t0 = time.perf_counter(); c0 = time.process_time();"
    "from gazetteer import Gazetteer; gz = Gazetteer.open(); gz.candidates('Caracas');"
    "print(time.perf_counter() - t0, time.process_time() - c0)"
)


def workload(n: int = 10_000, seed: int = 7) -> list[str]:
    """Distinct names from the store, as the geoparser would look them up."""
    gz = Gazetteer.open()
    names = sorted(
        {
            norm
            for norm, _, kind, pop in gz.iter_names()
            if pop >= 1000 or kind in ("country", "admin1", "sea")
        }
    )
    gz.close()
    return random.Random(seed).sample(names, n)


def cold_start(runs: int) -> dict[str, float]:
    walls, cpus, procs = [], [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-c", COLD], capture_output=True, text=True, check=True
        ).stdout.split()
        procs.append(time.perf_counter() - t0)
        walls.append(float(out[0]))
        cpus.append(float(out[1]))
    return {
        "open_first_lookup_wall_s": statistics.median(walls),
        "open_first_lookup_cpu_s": statistics.median(cpus),
        "whole_process_wall_s": statistics.median(procs),
    }


def throughput(names: list[str], runs: int, cached: bool) -> dict[str, float]:
    walls, cpus = [], []
    for _ in range(runs):
        gz = Gazetteer.open()
        if cached:
            for name in names:
                gz.candidates(name)
        t0, c0 = time.perf_counter(), time.process_time()
        for name in names:
            gz.candidates(name)
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
        gz.close()
    return {
        "lookups_per_s_wall": len(names) / statistics.median(walls),
        "lookups_per_s_cpu": len(names) / statistics.median(cpus),
    }


def timed(fn, runs: int) -> float:  # noqa: ANN001 - any zero-argument callable
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def misc(runs: int) -> dict[str, float]:
    typos = ["Caracus", "Venezeula", "Bogata", "Kiev Oblast", "Marakaibo", "Barcelonna"]

    def fuzzy() -> None:
        gz = Gazetteer.open()
        gz.candidates("Caracus")  # loads the fuzzy vocabulary
        t0 = time.perf_counter()
        for q in typos:
            gz.candidates(q + " ")
        fuzzy_times.append((time.perf_counter() - t0) / len(typos))

    fuzzy_times: list[float] = []
    first_fuzzy = timed(lambda: Gazetteer.open().candidates("Caracus"), runs)
    for _ in range(runs):
        fuzzy()
    derived = timed(lambda: Gazetteer.open().candidates("southern Caribbean"), runs)
    coast = timed(lambda: Gazetteer.open().candidates("off the coast of Venezuela"), runs)
    gz = Gazetteer.open()
    gz.locate(-66.9, 10.5)
    rng = random.Random(3)
    points = [(rng.uniform(-180, 180), rng.uniform(-60, 75)) for _ in range(2000)]
    locate = timed(lambda: [gz.locate(x, y) for x, y in points], runs) / len(points)
    return {
        "first_fuzzy_lookup_s": first_fuzzy,
        "fuzzy_lookup_ms": statistics.median(fuzzy_times) * 1e3,
        "southern_caribbean_s": derived,
        "off_coast_venezuela_s": coast,
        "locate_ms": locate * 1e3,
    }


def tolerance_check(n: int = 20_000, seed: int = 11) -> dict[str, float]:
    """Does simplifying country polygons (0.01 deg) misplace towns? Stored vs raw 10m polygons.

    For a fixed sample of cities500 towns: the country `locate` finds in the store, and the
    one found in the unsimplified Natural Earth 10m polygons, both against GeoNames'
    country code. Reads the raw data (a benchmark, not package code).
    """
    import shapely

    from gazetteer.build import sources
    from gazetteer.build.buildkit import DEFAULT_DATA_DIR

    gz = Gazetteer.open()
    towns = [
        (lat / 1e5, lon / 1e5, cc)
        for lat, lon, cc in gz._db.execute(
            "SELECT lat, lon, country FROM places WHERE kind = 3 ORDER BY pid"
        )
    ]
    towns = random.Random(seed).sample(towns, n)
    raw = sources.read_vector(
        DEFAULT_DATA_DIR / "natural_earth/10m/ne_10m_admin_0_countries_deu.zip"
    )
    iso = [
        a if a not in ("-99", None) else b for a, b in zip(raw.ISO_A2, raw.ISO_A2_EH, strict=True)
    ]
    tree = shapely.STRtree(raw.geometry.values)
    pts = shapely.points([t[1] for t in towns], [t[0] for t in towns])
    pairs = tree.query(pts, predicate="within")
    raw_cc: dict[int, str] = {}
    for i, j in zip(*pairs, strict=True):
        raw_cc.setdefault(int(i), iso[int(j)])
    store_ok = raw_ok = changed = store_none = raw_none = 0
    for i, (lat, lon, cc) in enumerate(towns):
        found = gz.locate(lon, lat)["country"]
        s_cc = found.country if found else None
        r_cc = raw_cc.get(i)
        store_ok += s_cc == cc
        raw_ok += r_cc == cc
        changed += s_cc != r_cc
        store_none += s_cc is None
        raw_none += r_cc is None
    return {
        "towns": n,
        "store_agrees_with_geonames": store_ok / n,
        "raw_10m_agrees_with_geonames": raw_ok / n,
        "store_differs_from_raw": changed / n,
        "store_outside_every_country": store_none / n,
        "raw_outside_every_country": raw_none / n,
    }


def dump_scale(rows: int) -> dict[str, float]:
    """Peak memory and time to ingest a synthetic GeoNames dump of `rows` rows (streamed).

    Every second row is a town of >= 500 people with three alternate names (kept), the rest
    are hydrographic rows the build skips: the worst case is many kept rows, not many rows.
    """
    import resource
    import zipfile

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        gn = root / "data" / "geonames"
        gn.mkdir(parents=True)
        (gn / "countries.json").write_text(
            json.dumps({"VE": {"geonameid": 3625428, "name": "Venezuela", "population": 1}}),
            encoding="utf-8",
        )
        dump = root / "allCountries.zip"
        rng = random.Random(5)
        with (
            zipfile.ZipFile(dump, "w", zipfile.ZIP_DEFLATED) as zf,
            zf.open("allCountries.txt", "w") as raw,
        ):
            for i in range(rows):
                town = i % 2 == 0
                name = f"Town{i}" if town else f"Stream{i}"
                alts = f"Ville{i},Stadt{i},Ciudad{i}" if town else ""
                cells = [
                    1_000_000 + i,
                    name,
                    name,
                    alts,
                    rng.uniform(0, 12),
                    rng.uniform(-73, -60),
                    "P" if town else "H",
                    "PPL" if town else "STM",
                    "VE",
                    "",
                    "25",
                    "",
                    "",
                    "",
                    1000 if town else 0,
                    "",
                    "0",
                    "America/Caracas",
                    "2024-01-01",
                ]
                raw.write(("\t".join(map(str, cells)) + "\n").encode())
        out = root / "out.sqlite"
        code = (
            "from gazetteer.build import build; from pathlib import Path; "
            f"build(Path({str(root / 'data')!r}), Path({str(out)!r}), "
            f"geonames_dump=Path({str(dump)!r}))"
        )
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
        wall = time.perf_counter() - t0
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        size = out.stat().st_size / 1e6
    return {"dump_rows": rows, "build_wall_s": wall, "peak_rss_mb": peak_mb, "store_mb": size}


def build_time() -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "gazetteer.sqlite"
        t0 = time.perf_counter()
        code = f"from conflictmap.cli import main; main(['gazetteer', 'build', '-o', {str(out)!r}])"
        subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
        wall = time.perf_counter() - t0
        same = out.read_bytes() == default_store_path().read_bytes()
    return {"build_wall_s": wall, "build_identical_to_committed": same}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--build", action="store_true", help="also time a full build (minutes)")
    ap.add_argument("--json", type=Path, help="write the results here")
    ap.add_argument(
        "--tolerance",
        action="store_true",
        help="also check towns against simplified vs raw country polygons",
    )
    args = ap.parse_args()
    results: dict[str, object] = {
        "machine": machine(),
        "store_mb": default_store_path().stat().st_size / 1e6,
    }
    names = workload()
    results["cold_start"] = cold_start(args.runs)
    results["exact_uncached"] = throughput(names, args.runs, cached=False)
    results["exact_cached"] = throughput(names, args.runs, cached=True)
    results["other"] = misc(args.runs)
    if args.tolerance:
        results["tolerance"] = tolerance_check()
    if args.dump_rows:
        results["dump"] = dump_scale(args.dump_rows)
    if args.build:
        results["build"] = build_time()
    text = json.dumps(results, indent=2, default=str)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
