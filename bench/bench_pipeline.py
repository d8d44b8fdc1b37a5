"""End-to-end docs/s of the conflictmap pipeline on the LGL corpus text, serial and on Dask.

    .venv/bin/python bench/bench_pipeline.py --engine serial --repeat 3
    .venv/bin/python bench/bench_pipeline.py --engine dask --workers 1 --repeat 3
    .venv/bin/python bench/bench_pipeline.py --engine dask --workers 2 --repeat 3
    .venv/bin/python bench/bench_pipeline.py --engine bag --workers 2 --repeat 3

One run = what `geo.run.run_sources` does: read the JSONL, extract every article, merge
events, collect places. `startup` is loading the spaCy model and the gazetteer (serial) or
starting the LocalCluster and loading them in every worker (dask); `warm` runs reuse them
and are the docs/s figure; `cold` = startup + first run. Repeated runs see the same
names again, so the gazetteer's caches (kept by the Dask workers between runs) are warm:
the first run is the fresh-corpus figure, the median the repeated-names one. The bag
engine (dask.bag on the processes scheduler) loads the resources again in every run, so
its runs are all cold.
Peak memory is the RSS of this process plus its children (the Dask workers).
The corpus is read from ../shared/data/eval/lgl.jsonl.gz (never copied into the repo).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (  # noqa: E402
    LGL,
    CpuClock,
    PeakMemory,
    machine,
    median,
    mib,
    read_gz_jsonl,
    report,
    timer,
    write_articles_jsonl,
)


def corpus_file(path: Path, limit: int | None) -> tuple[Path, int]:
    """The corpus as a plain JSONL in a temp folder, and its number of articles."""
    records = read_gz_jsonl(path)[:limit]
    target = Path(tempfile.gettempdir()) / "conflictmap-bench" / f"{path.stem}-{len(records)}.jsonl"
    return write_articles_jsonl(records, target), len(records)


def run_serial(source: Path, repeat: int) -> dict:
    from gazetteer import Gazetteer
    from geo.nlp import load_nlp
    from geo.run import collect, extract, read_articles
    from geo.tuning import tune_process

    tune_process()

    with timer() as startup:
        load_nlp()
        Gazetteer.open()
    times, cpu = [], []
    for _ in range(repeat + 1):
        clock = CpuClock()
        with timer() as t:
            articles, _ = read_articles([str(source)])
            results, _ = extract(articles)
            events, places = collect(results)
        times.append(t[0])
        cpu.append(clock.read())
    return {
        "startup": startup[0],
        "runs": times,
        "cpu": cpu,
        "events": len(events),
        "places": len(places),
    }


def run_dask(source: Path, repeat: int, workers: int, scheduler: str | None) -> dict:
    from geo.parallel import dask_client, warm_up, worker_resources
    from geo.run import collect, read_articles
    from geo.streaming import extract_parallel, process_bare

    times, cpu = [], []
    start = time.perf_counter()
    with dask_client(workers, scheduler) as client:
        addresses = client.scheduler_info(n_workers=-1)["workers"]
        client.gather(
            [
                client.submit(warm_up, worker_resources, process_bare, workers=[w], pure=False)
                for w in addresses
            ]
        )
        startup = time.perf_counter() - start
        for _ in range(repeat + 1):
            clock = CpuClock()
            with timer() as t:
                articles, _ = read_articles([str(source)])
                results, _ = extract_parallel(articles, client=client)
                events, places = collect(results)
            times.append(t[0])
            cpu.append(clock.read())
    return {
        "startup": startup,
        "runs": times,
        "cpu": cpu,
        "events": len(events),
        "places": len(places),
    }


def run_bag(source: Path, repeat: int, workers: int) -> dict:
    import dask.bag as db

    from geo.parallel import run_partition
    from geo.pipeline import process_article
    from geo.run import collect, read_articles

    times, cpu = [], []
    for _ in range(repeat + 1):
        clock = CpuClock()
        with timer() as t:
            articles, _ = read_articles([str(source)])
            bag = db.from_sequence(articles, npartitions=4 * workers)
            outcomes = bag.map_partitions(lambda part: run_partition(process_article, part))
            pairs = outcomes.compute(scheduler="processes", num_workers=workers)
            events, places = collect(r for r, f in pairs if f is None)
        times.append(t[0])
        cpu.append(clock.read())
    return {"startup": 0.0, "runs": times, "cpu": cpu, "events": len(events), "places": len(places)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--engine", choices=("serial", "dask", "bag"), default="serial")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--scheduler", help="address of an existing Dask scheduler")
    parser.add_argument("--repeat", type=int, default=3, help="warm runs (median taken)")
    parser.add_argument("--corpus", type=Path, default=LGL)
    parser.add_argument("--limit", type=int, help="first N articles only")
    parser.add_argument("--json", type=Path, help="append the result as a JSON line here")
    args = parser.parse_args()

    source, n = corpus_file(args.corpus, args.limit)
    print(machine(), file=sys.stderr)
    with PeakMemory() as memory:
        if args.engine == "serial":
            out = run_serial(source, args.repeat)
        elif args.engine == "dask":
            out = run_dask(source, args.repeat, args.workers, args.scheduler)
        else:
            out = run_bag(source, args.repeat, args.workers)
    runs = out["runs"]
    warm = runs[1:] if args.engine != "bag" else runs
    warm_cpu = out["cpu"][1:] if args.engine != "bag" else out["cpu"]
    result = {
        "engine": args.engine,
        "workers": 1 if args.engine == "serial" else args.workers,
        "docs": n,
        "startup_s": round(out["startup"], 2),
        "cold_s": round(out["startup"] + runs[0], 2),
        "warm_s": [round(t, 2) for t in warm],
        "docs_per_s_median": round(n / median(warm), 1),
        "docs_per_s_cold": round(n / (out["startup"] + runs[0]), 1),
        "first_run_s": round(runs[0], 1),
        "first_run_cpu_s": round(out["cpu"][0], 1),
        "cpu_s": [round(t, 1) for t in warm_cpu],
        "docs_per_cpu_s_median": round(n / median(warm_cpu), 1),
        "peak_rss_total_mib": round(mib(memory.peak_total)),
        "peak_rss_driver_mib": round(mib(memory.peak_self)),
        "events": out["events"],
        "places": out["places"],
        "machine": machine(),
    }
    report(result, args.json)


if __name__ == "__main__":
    main()
