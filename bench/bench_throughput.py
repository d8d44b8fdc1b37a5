"""Issue 22: whole commands in fresh processes, ours and the spaCy-small peer in one run.

    .venv/bin/python bench/bench_throughput.py --runs 3 [--json FILE]

Each round runs, one after the other: `conflictmap map seeds/ -o DIR` (cold start),
`conflictmap map LGL -o DIR --workers 2` and `--workers 1`, and the peer
(`bench_peers.py --peer spacy-ner --repeat 0`: spaCy-small NER + most populous gazetteer
candidate, start-up included). Rounds interleave the commands, so the load other users put
on the shared machine falls on all of them alike; the ratios to the peer
of the same round are the steadier figure. Wall seconds, CPU seconds of the process tree
and its peak memory (sampled every 0.1 s) are medians over the rounds. Memory is given two
ways: the sum of the processes' RSS, which counts the pages forked workers share with the
driver once per process, and the sum of their PSS (each shared page split among the
processes that share it): the memory the run takes from the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import suppress
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import LGL, REPO, machine, median, mib  # noqa: E402

BIN = Path(sys.executable).parent


def commands(out: Path, corpus: Path) -> dict[str, list[str]]:
    """Name -> argv of each measured command."""
    cli = str(BIN / "conflictmap")
    return {
        "map seeds/ (cold)": [cli, "map", str(REPO / "seeds"), "-o", str(out / "seed")],
        "map LGL --workers 2": [cli, "map", str(corpus), "-o", str(out / "w2"), "--workers", "2"],
        "map LGL --workers 1": [cli, "map", str(corpus), "-o", str(out / "w1"), "--workers", "1"],
        "peer: spaCy-small NER + population": [
            sys.executable, str(REPO / "bench" / "bench_peers.py"), "--peer", "spacy-ner",
            "--repeat", "0", "--corpus", str(corpus),
        ],
    }  # fmt: skip


def measure(argv: list[str], env: dict[str, str]) -> dict[str, object]:
    """Wall seconds, CPU seconds, peak RSS and PSS sums and per-process peak PSS (MiB)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = psutil.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    peak = {"rss": 0, "pss": 0}
    per_process: dict[int, int] = {}
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            total = {"rss": 0, "pss": 0}
            with suppress(psutil.Error):
                for p in [proc, *proc.children(recursive=True)]:
                    with suppress(psutil.Error):
                        info = p.memory_full_info()
                        total["rss"] += info.rss
                        total["pss"] += info.pss
                        per_process[p.pid] = max(per_process.get(p.pid, 0), info.pss)
            peak.update({k: max(peak[k], v) for k, v in total.items()})
            done.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} exited {proc.returncode}:\n{err}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {
        "wall_s": wall,
        "cpu_s": cpu,
        "peak_rss_mib": mib(peak["rss"]),
        "peak_pss_mib": mib(peak["pss"]),
        "process_pss_mib": [round(mib(v)) for v in sorted(per_process.values(), reverse=True)],
    }


def summary(name: str, runs: list[dict], docs: int) -> dict[str, object]:
    """Medians of one command's runs, and its articles per second of wall time."""
    wall = median([r["wall_s"] for r in runs])
    out: dict[str, object] = {
        "command": name,
        "wall_s": round(wall, 2),
        "runs_s": [round(r["wall_s"], 2) for r in runs],
        "cpu_s": round(median([r["cpu_s"] for r in runs]), 1),
        "peak_rss_mib": round(median([r["peak_rss_mib"] for r in runs])),
        "peak_pss_mib": round(median([r["peak_pss_mib"] for r in runs])),
        "process_pss_mib": [r["process_pss_mib"] for r in runs],
    }
    if "seeds" not in name:
        out["docs_per_s"] = round(docs / wall, 1)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--corpus", type=Path, default=LGL)
    parser.add_argument("--docs", type=int, default=588, help="articles in the corpus")
    parser.add_argument("--json", type=Path, help="append the result as a JSON line here")
    args = parser.parse_args()

    print(machine(), file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="conflictmap-bench-") as tmp:
        argvs = commands(Path(tmp), args.corpus)
        env = {**os.environ, "XDG_CACHE_HOME": str(Path(tmp) / "cache")}
        subprocess.run(argvs["map seeds/ (cold)"], env=env, check=True, capture_output=True)
        runs: dict[str, list[dict]] = {name: [] for name in argvs}
        ratios: list[float] = []
        for round_ in range(args.runs):
            for name, argv in argvs.items():
                runs[name].append(measure(argv, env))
                print(f"round {round_ + 1} {name}: {runs[name][-1]}", file=sys.stderr)
            ours = runs["map LGL --workers 2"][-1]["wall_s"]
            ratios.append(runs["peer: spaCy-small NER + population"][-1]["wall_s"] / ours)
    result = {
        "machine": machine(),
        "rows": [summary(name, r, args.docs) for name, r in runs.items()],
        "peer_over_map_w2": [round(r, 2) for r in ratios],
        "peer_over_map_w2_median": round(median(ratios), 2),
    }
    print(json.dumps(result, indent=1))
    if args.json:
        with args.json.open("a") as log:
            log.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
