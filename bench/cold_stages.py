"""Issue 22: where the CPU of a cold `conflictmap map seeds/` goes, stage by stage.

    .venv/bin/python bench/cold_stages.py --runs 7 [--before DIR] [--json FILE]

Each run is a fresh process that does what the command does, in its order, timing the
CPU of each stage: start-up of the interpreter, importing the command (spaCy, the events
stage, dateparser…), loading the spaCy pipeline, the gazetteer and its name index,
importing the writers (folium, which imports pandas), then `map`'s own `run` (the
article, merging, writing; the resources are loaded by then). With `--before DIR` the
older code (`bench/run_checkout.py`) runs alternately with this checkout. Medians per
stage; the environment is `bench_throughput.py`'s (private, warmed caches).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
REPO = Path(__file__).resolve().parents[1]  # the child imports nothing of bench/ up front


def child(code: str, out: str) -> None:
    """One cold run in this process: CPU seconds per stage, printed as JSON."""
    stages = {"interpreter start-up": time.process_time()}
    mark = time.process_time()

    def stage(name: str) -> None:
        nonlocal mark
        now = time.process_time()
        stages[name], mark = now - mark, now

    if code:
        from run_checkout import use_checkout

        use_checkout(code)
    from conflictmap import cli

    if hasattr(cli, "defer_spacy_cli"):
        cli.defer_spacy_cli()
    parser, modules = cli.build_parser(["map"])
    args = parser.parse_args(["map", str(REPO / "seeds"), "-o", out])
    stage("importing the command (spaCy, events, dateparser)")
    from geo.tuning import tune_process

    tune_process()
    from geo.nlp import load_nlp

    load_nlp()
    stage("loading the spaCy pipeline")
    from gazetteer import Gazetteer
    from geo.placenames import name_index_for

    name_index_for(Gazetteer.open())
    stage("gazetteer and name index")
    import maps.geojson  # noqa: F401
    import maps.render  # noqa: F401

    stage("importing the writers (folium, which imports pandas and pyarrow)")
    modules["map"].run(args)
    stage("the run: article, merge, map and GeoJSON")
    stages["total"] = time.process_time()
    print(json.dumps(stages))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--before", type=Path, help="source tree of the code to compare with")
    parser.add_argument("--json", type=Path, help="append the result as a JSON line here")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(*args.child)
    from _common import machine, median, report
    from bench_throughput import environment

    codes = {"before": str(args.before), "after": str(REPO)} if args.before else {"": ""}
    runs: dict[str, list[dict[str, float]]] = {label: [] for label in codes}
    with tempfile.TemporaryDirectory(prefix="conflictmap-bench-") as tmp:
        env = environment(Path(tmp))
        for round_ in range(args.runs + 1):  # the first round warms the caches
            for label, code in codes.items():
                argv = [sys.executable, __file__, "--child", code, str(Path(tmp) / label)]
                done = subprocess.run(argv, env=env, check=True, capture_output=True, text=True)
                if round_:
                    runs[label].append(json.loads(done.stdout.splitlines()[-1]))
                    print(label, runs[label][-1], file=sys.stderr)
    result = {
        "machine": machine(),
        "medians": {
            label: {k: round(median([r[k] for r in rs]), 3) for k in rs[0]}
            for label, rs in runs.items()
        },
        "totals": {label: [round(r["total"], 2) for r in rs] for label, rs in runs.items()},
    }
    report(result, args.json, indent=1)


if __name__ == "__main__":
    main()
