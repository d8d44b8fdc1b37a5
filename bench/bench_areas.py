"""Coastal bands ("off the coast of X", "the X coast"): CPU seconds and memory per band.

    .venv/bin/python bench/bench_areas.py --runs 3 [--countries US,CA,RU] [--json FILE]

Each band is built in a fresh process (a band is computed once per process and cached):
CPU seconds of the computation, and the process's peak RSS before and after it, whose
difference is the band's transient memory. Medians over `--runs`. To measure another
checkout with the same interpreter, run from outside the repository with
`PYTHONPATH=/path/to/checkout`.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import machine  # noqa: E402

ONE = """
import json, resource, sys, time
import gazetteer
from gazetteer import Gazetteer
gz = Gazetteer.open()
place = gz.country(sys.argv[1])
gz.geometry(place.id)
rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
cpu0 = time.process_time()
cand = gz.derived_area(sys.argv[2], place.id)
cpu = time.process_time() - cpu0
rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"cpu_s": cpu, "rss_before_mib": rss0 / 1024, "rss_peak_mib": rss1 / 1024,
                  "lat": cand.lat, "lon": cand.lon, "code": gazetteer.__file__}))
"""


def one(iso2: str, qualifier: str) -> dict:
    """Build one band in a fresh interpreter and return its measurements."""
    out = subprocess.run(
        [sys.executable, "-c", ONE, iso2, qualifier], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--countries", default="US,CA,RU,NO,CL,VE")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    print(machine())
    rows = {}
    for iso2 in args.countries.split(","):
        for qualifier in ("off-coast", "coast"):
            runs = [one(iso2, qualifier) for _ in range(args.runs)]
            row = {
                "cpu_s": round(statistics.median(r["cpu_s"] for r in runs), 2),
                "peak_rss_mib": round(statistics.median(r["rss_peak_mib"] for r in runs)),
                "transient_mib": round(
                    statistics.median(r["rss_peak_mib"] - r["rss_before_mib"] for r in runs)
                ),
                "point": (runs[0]["lat"], runs[0]["lon"]),
            }
            rows[f"{iso2} {qualifier}"] = row
            print(f"{iso2:3} {qualifier:10} {row}", flush=True)
    print(f"code: {runs[0]['code']}")
    if args.json:
        args.json.write_text(json.dumps({"machine": machine(), "bands": rows}, indent=1))


if __name__ == "__main__":
    main()
