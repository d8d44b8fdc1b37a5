"""Issue 22: the CPU the spaCy pipeline alone spends per LGL article, a floor under `map`.

    .venv/bin/python bench/spacy_floor.py --runs 3 [--json F]

The pipeline `map` loads (`geo.nlp.load_nlp`) runs over every LGL text in batches of
`geo.parallel.BATCH_SIZE`, in this one process; CPU seconds count every thread spaCy uses.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from _common import LGL, machine, median, read_gz_jsonl, report

from geo.nlp import load_nlp
from geo.parallel import BATCH_SIZE


def one_run(texts: list[str]) -> dict[str, float]:
    """CPU and wall seconds of one pass of the pipeline over `texts`."""
    nlp = load_nlp()
    start_cpu, start_wall = os.times(), time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=BATCH_SIZE))
    end_cpu, wall = os.times(), time.perf_counter() - start_wall
    cpu = (end_cpu.user - start_cpu.user) + (end_cpu.system - start_cpu.system)
    return {"cpu_s": cpu, "wall_s": wall, "tokens": tokens}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path, help="append the result as a JSON line here")
    args = parser.parse_args()
    texts = [r["text"] for r in read_gz_jsonl(LGL)]
    list(load_nlp().pipe(texts[:16]))  # model and caches warm
    runs = [one_run(texts) for _ in range(args.runs)]
    cpu = median([r["cpu_s"] for r in runs])
    result = {
        "machine": machine(),
        "articles": len(texts),
        "tokens": runs[0]["tokens"],
        "cpu_s": [round(r["cpu_s"], 1) for r in runs],
        "wall_s": [round(r["wall_s"], 1) for r in runs],
        "ms_per_article": round(1000 * cpu / len(texts), 1),
        "articles_per_s_on_2_cores_at_most": round(2 * len(texts) / cpu, 1),
    }
    report(result, args.json)


if __name__ == "__main__":
    main()
