"""Build a synthetic news corpus from the eval texts by shuffling sentences (into /tmp).

    .venv/bin/python bench/make_synthetic.py -n 100000 -o /tmp/conflictmap-synth/synth.jsonl

Sentences of LGL and GeoVirus (../shared/data/eval/) are pooled; each synthetic article
takes as many sentences as a randomly drawn real article has, drawn at random from the
pool, with a random date in 2009-2020. The generator is seeded, and the first N articles
of a larger corpus are the corpus of size N, so `--head N` slices (synth.jsonl ->
synth-10000.jsonl) compare like with like. Nothing here is committed.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import GEOVIRUS, LGL, read_gz_jsonl  # noqa: E402

SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“‘'(])")
FIRST_DAY = date(2009, 1, 1)
DAYS = 12 * 365


def sentences(text: str) -> list[str]:
    """Rough sentence split (good enough for shuffling)."""
    return [s.strip() for s in SENTENCE_END.split(text) if len(s.strip()) > 20]


def generate(n: int, seed: int = 9) -> list[dict]:
    """`n` synthetic article records (text, title, date)."""
    rng = random.Random(seed)
    texts = [r["text"] for path in (LGL, GEOVIRUS) for r in read_gz_jsonl(path)]
    split = [sentences(t) for t in texts]
    pool = [s for doc in split for s in doc]
    lengths = [max(1, len(doc)) for doc in split]
    records = []
    for i in range(n):
        body = " ".join(rng.choice(pool) for _ in range(rng.choice(lengths)))
        title = " ".join(body.split()[:8]).rstrip(".,;:")
        day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
        records.append({"id": f"synth-{i}", "text": body, "title": title, "date": day.isoformat()})
    return records


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", type=int, default=100_000, help="articles")
    parser.add_argument(
        "-o", "--output", type=Path, default=Path("/tmp/conflictmap-synth/synth.jsonl")
    )
    parser.add_argument(
        "--head",
        type=int,
        nargs="*",
        default=[],
        help="also write the first N articles to <stem>-N.jsonl",
    )
    parser.add_argument("--seed", type=int, default=9)
    args = parser.parse_args()
    records = generate(args.n, args.seed)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    for size in [args.n, *args.head]:
        path = (
            args.output
            if size == args.n
            else args.output.with_name(f"{args.output.stem}-{size}{args.output.suffix}")
        )
        with path.open("w", encoding="utf-8") as out:
            for record in records[:size]:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        print(f"wrote {path} ({min(size, args.n)} articles)")


if __name__ == "__main__":
    main()
