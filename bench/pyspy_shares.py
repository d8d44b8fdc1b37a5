"""Shares of a py-spy profile by pipeline part: where a whole command's time goes.

    .venv/bin/py-spy record --subprocesses --format raw -r 50 -o /tmp/map.txt -- \\
        .venv/bin/conflictmap map ../shared/data/eval/lgl.jsonl.gz -o /tmp/out --workers 2
    .venv/bin/python bench/pyspy_shares.py /tmp/map.txt

A sample counts for the first part (in the order of `PARTS`) whose marker appears in its
stack, so a gazetteer computation called from the events stage counts as the gazetteer's.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

PARTS = (
    ("gazetteer: derived areas (coast, directions)", "derived_area"),
    ("loading model, gazetteer, name index", "worker_resources"),
    ("spaCy: token encoder (tok2vec)", "tok2vec"),
    ("spaCy: the rest (NER, parser, tagger, tokenizer)", "spacy/"),
    ("events stage (detect_events)", "detect_events"),
    ("toponym recognition", "recognise_toponyms"),
    ("toponym resolution", "resolve_toponyms"),
    ("writing map and GeoJSON", "maps/"),
    ("imports", "_find_and_load"),
    ("Dask / distributed (event loops, comms, waits)", "distributed/"),
)


def shares(lines: list[str]) -> tuple[Counter[str], int]:
    """Samples per part (and "other"), and the total, of py-spy's raw (collapsed) lines."""
    counts: Counter[str] = Counter()
    total = 0
    for line in lines:
        stack, _, number = line.rstrip("\n").rpartition(" ")
        if not stack:
            continue
        samples = int(number)
        total += samples
        part = next((name for name, marker in PARTS if marker in stack), "other")
        counts[part] += samples
    return counts, total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("profile", type=Path, help="py-spy record --format raw output")
    args = parser.parse_args()
    counts, total = shares(args.profile.read_text().splitlines())
    print(f"{total} samples")
    for name, samples in counts.most_common():
        print(f"{100 * samples / max(total, 1):5.1f} %  {name}")


if __name__ == "__main__":
    main()
