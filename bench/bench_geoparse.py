"""Throughput of the `conflictmap geoparse` command on a corpus (default: LGL), the way a
user runs it, with 1 and 2 worker processes, and the spaCy-NER peer in the same run.

    .venv/bin/python bench/bench_geoparse.py [--workers 1 2] [--runs 3] [--peer]

Each run is the whole command in a fresh process (`conflictmap geoparse CORPUS -o TMP
--workers N`), so start-up is paid every time: interpreter and imports, the spaCy model,
the gazetteer and its name index, and for N > 1 a Dask LocalCluster whose workers load the
same. A second command with `--limit 1` measures that start-up alone (plus one
document); "after start-up" is `(docs - 1) / (wall - start-up wall)`. Reported: medians of
`--runs`, CPU seconds of the command and all its processes, peak RSS of the process tree.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import LGL, CpuClock, PeakMemory, machine, median, mib, timer  # noqa: E402


def run_command(corpus: Path, workers: int, limit: int | None) -> dict[str, float]:
    """One `conflictmap geoparse` command: wall and CPU seconds, peak RSS (MiB)."""
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [str(Path(sys.executable).with_name("conflictmap")), "geoparse", str(corpus),
               "-o", str(Path(tmp) / "pred.jsonl"), "--workers", str(workers)]  # fmt: skip
        if limit:
            cmd += ["--limit", str(limit)]
        clock = CpuClock()
        with PeakMemory(interval=0.2) as memory, timer() as t:
            subprocess.run(cmd, check=True, capture_output=True)
        return {"wall": t[0], "cpu": clock.read(), "rss": mib(memory.peak_total)}


def measure(corpus: Path, workers: int, runs: int, docs: int) -> dict[str, object]:
    full = [run_command(corpus, workers, None) for _ in range(runs)]
    start = [run_command(corpus, workers, 1) for _ in range(runs)]
    wall, startup = median([r["wall"] for r in full]), median([r["wall"] for r in start])
    return {
        "workers": workers,
        "docs": docs,
        "wall_s": [round(r["wall"], 2) for r in full],
        "docs_per_s": round(docs / wall, 1),
        "startup_s": round(startup, 2),
        "docs_per_s_after_startup": round((docs - 1) / max(wall - startup, 1e-9), 1),
        "cpu_s": round(median([r["cpu"] for r in full]), 1),
        "cpu_ms_per_doc_after_startup": round(
            1000
            * (median([r["cpu"] for r in full]) - median([r["cpu"] for r in start]))
            / (docs - 1),
            1,
        ),
        "peak_rss_tree_mib": round(max(r["rss"] for r in full)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=LGL)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--peer", action="store_true", help="also time the spaCy-NER peer")
    args = parser.parse_args()

    import gzip

    with gzip.open(args.corpus, "rt", encoding="utf-8") as fh:
        docs = sum(1 for line in fh if line.strip())
    print(json.dumps({"machine": machine(), "corpus": str(args.corpus)}), flush=True)
    for workers in args.workers:
        print(json.dumps(measure(args.corpus, workers, args.runs, docs)), flush=True)
    if args.peer:
        script = str(Path(__file__).with_name("bench_peers.py"))
        peer = [sys.executable, script, "--peer", "spacy-ner", "--repeat", str(args.runs),
                "--corpus", str(args.corpus)]  # fmt: skip
        print(subprocess.run(peer, check=True, capture_output=True, text=True).stdout.strip())


if __name__ == "__main__":
    main()
