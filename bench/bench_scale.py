"""Throughput as the corpus grows: the streaming run on a 2-worker Dask LocalCluster.

    .venv/bin/python bench/make_synthetic.py -n 100000 --head 1000 3000 10000 30000
    .venv/bin/python bench/bench_scale.py /tmp/conflictmap-synth/synth-{1000,3000,10000}.jsonl

For each corpus: a fresh LocalCluster (2 single-threaded worker processes), resources
loaded in every worker (`startup`, not counted), then `geo.streaming.run_streaming` (read,
extract on the cluster, merge events, collect places) and `write_partitioned` GeoParquet
into a temp folder (`--window N`: also docs/s and driver RSS of every N articles, to see
a slowdown inside one large run). Reports docs/s of the whole run and of each phase, the time in
`merge_events`, and the peak RSS of the driver and of driver + workers. Flat docs/s across
sizes means no super-linear step.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import CpuClock, PeakMemory, machine, mib, report  # noqa: E402


def count_lines(path: Path) -> int:
    with path.open("rb") as handle:
        return sum(1 for line in handle if line.strip())


def timed_merge() -> list[float]:
    """Wrap the `merge_events` that `run_streaming` calls to record the seconds of each call."""
    import geo.streaming as streaming

    spent: list[float] = []
    original = streaming.merge_events

    def merge_events(events):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        try:
            return original(events)
        finally:
            spent.append(time.perf_counter() - start)

    streaming.merge_events = merge_events
    return spent


def windows(every: int, rows: list[dict]) -> None:
    """Wrap the `map_articles` that `run_streaming` calls to record, every `every` articles
    done, the docs/s of that window and the driver's RSS (printed to stderr as it runs)."""
    import psutil

    import geo.streaming as streaming

    original = streaming.map_articles

    def map_articles(*args, **kwargs):  # type: ignore[no-untyped-def]
        start = last = time.perf_counter()
        for done, outcome in enumerate(original(*args, **kwargs), 1):
            yield outcome
            if done % every == 0:
                now = time.perf_counter()
                rss = mib(psutil.Process().memory_info().rss)
                rows.append(
                    {
                        "done": done,
                        "s": round(now - start, 1),
                        "window_docs_per_s": round(every / (now - last), 1),
                        "driver_rss_mib": round(rss),
                    }
                )
                print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
                last = now

    streaming.map_articles = map_articles


def run_one(
    path: Path, workers: int, scheduler: str | None, partition_size: int, every: int = 0
) -> dict:
    from geo.parallel import dask_client, warm_up, worker_resources
    from geo.streaming import process_compact, run_streaming
    from maps.partitioned import write_partitioned

    n = count_lines(path)
    merge_spent = timed_merge()
    window_rows: list[dict] = []
    if every:
        windows(every, window_rows)
    with PeakMemory() as memory:
        start = time.perf_counter()
        with dask_client(workers, scheduler) as client:
            addresses = client.scheduler_info(n_workers=-1)["workers"]
            client.gather(
                [
                    client.submit(
                        warm_up, worker_resources, process_compact, workers=[w], pure=False
                    )
                    for w in addresses
                ]
            )
            startup = time.perf_counter() - start
            t0, clock = time.perf_counter(), CpuClock()
            outcome = run_streaming([str(path)], partition_size=partition_size, client=client)
            t1, cpu = time.perf_counter(), clock.read()
        with tempfile.TemporaryDirectory(prefix="conflictmap-parts-") as folder:
            parts = write_partitioned(folder, outcome)
            t2 = time.perf_counter()
    merge_s = sum(merge_spent)
    return {
        "corpus": path.name,
        "docs": n,
        "workers": workers,
        "startup_s": round(startup, 1),
        "run_s": round(t1 - t0, 1),
        "merge_s": round(merge_s, 2),
        "extract_docs_per_s": round(n / (t1 - t0 - merge_s), 1),
        "write_s": round(t2 - t1, 1),
        "docs_per_s": round(n / (t2 - t0), 1),
        "cpu_s": round(cpu, 1),
        "docs_per_cpu_s": round(n / cpu, 2),
        "events": len(outcome.events),
        "places": len(outcome.places),
        "failures": len(outcome.failures),
        "parts": len(parts),
        "peak_rss_driver_mib": round(mib(memory.peak_self)),
        "peak_rss_total_mib": round(mib(memory.peak_total)),
        "windows": window_rows,
        "machine": machine(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpora", nargs="+", type=Path, help="JSONL corpora, smallest first")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--scheduler")
    parser.add_argument("--partition-size", type=int, default=200)
    parser.add_argument("--json", type=Path, help="append each result as a JSON line here")
    parser.add_argument(
        "--window",
        type=int,
        default=0,
        metavar="N",
        help="also report docs/s and driver RSS every N articles",
    )
    args = parser.parse_args()
    for path in args.corpora:
        result = run_one(path, args.workers, args.scheduler, args.partition_size, args.window)
        report(result, args.json)


if __name__ == "__main__":
    main()
