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

`--before DIR` (a `git archive` of the older commit) runs each of our commands twice per
round, that code then this checkout's (`bench/run_checkout.py`, the same virtualenv), so
before and after meet the same load. `--commands seeds,w2,peer` picks the commands (`w1`:
`--workers 1`). The commands get a private cache folder (the name index) and a private
bytecode folder (`PYTHONPYCACHEPREFIX`, `PYTHONDONTWRITEBYTECODE` dropped), both warmed
by one `map seeds/` run of each code first: a "cold" run is a fresh process on an
installed, used checkout, not one compiling its sources.
"""

from __future__ import annotations

import argparse
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

from _common import LGL, REPO, machine, median, mib, report  # noqa: E402

BIN = Path(sys.executable).parent


PEER = "peer: spaCy-small NER + population"
KEYS = {"seeds": "map seeds/ (cold)", "w2": "map LGL --workers 2", "w1": "map LGL --workers 1"}


def commands(
    out: Path, corpus: Path, keys: list[str], before: Path | None = None
) -> dict[str, list[str]]:
    """Name -> argv of each measured command (ours twice, "before"/"after", with `before`)."""
    codes = {"before": before, "after": REPO} if before else {"": None}
    argvs: dict[str, list[str]] = {}
    for label, code in codes.items():
        cli = (
            [sys.executable, str(REPO / "bench" / "run_checkout.py"), str(code)]
            if code
            else [str(BIN / "conflictmap")]
        )
        tail = {
            "seeds": ["map", str(REPO / "seeds"), "-o", str(out / f"seed{label}")],
            "w2": ["map", str(corpus), "-o", str(out / f"w2{label}"), "--workers", "2"],
            "w1": ["map", str(corpus), "-o", str(out / f"w1{label}"), "--workers", "1"],
        }
        for key in keys:
            if key in tail:
                argvs[f"{KEYS[key]}{', ' + label if label else ''}"] = cli + tail[key]
    if "peer" in keys:
        argvs[PEER] = [
            sys.executable,
            str(REPO / "bench" / "bench_peers.py"),
            "--peer",
            "spacy-ner",
            "--repeat",
            "0",
            "--corpus",
            str(corpus),
        ]
    return argvs  # fmt: skip


def environment(tmp: Path) -> dict[str, str]:
    """The commands' environment: private name-index cache and bytecode folders."""
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp / "cache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
    return env


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
    parser.add_argument("--before", type=Path, help="source tree of the code to compare with")
    parser.add_argument("--commands", default="seeds,w2,w1,peer", help="of seeds,w2,w1,peer")
    args = parser.parse_args()

    print(machine(), file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="conflictmap-bench-") as tmp:
        keys = args.commands.split(",")
        argvs = commands(Path(tmp), args.corpus, keys, args.before)
        env = environment(Path(tmp))
        for warm in commands(Path(tmp), args.corpus, ["seeds"], args.before).values():
            subprocess.run(warm, env=env, check=True, capture_output=True)
        runs: dict[str, list[dict]] = {name: [] for name in argvs}
        for round_ in range(args.runs):
            for name, argv in argvs.items():
                runs[name].append(measure(argv, env))
                print(f"round {round_ + 1} {name}: {runs[name][-1]}", file=sys.stderr)
    result = {"machine": machine(), "rows": [summary(n, r, args.docs) for n, r in runs.items()]}
    if PEER in runs:  # wall of the peer over ours at 2 workers, per round
        for name in (n for n in runs if n.startswith(KEYS["w2"])):
            pairs = zip(runs[PEER], runs[name], strict=True)
            result[f"peer over {name}"] = [round(p["wall_s"] / o["wall_s"], 2) for p, o in pairs]
    report(result, args.json, indent=1)


if __name__ == "__main__":
    main()
