"""Peak memory of `conflictmap map` on one article that is a single huge paragraph (issue 19).

    .venv/bin/python bench/bench_paragraph.py --mb 1 4 16 --runs 3 [--json FILE]

The article is random words from a news-like list (spaCy finds places and events in it)
with no sentence end but the last: the worst case for splitting. Each run is a new
process under `/usr/bin/time -f '%e %M'` (wall seconds, peak resident set in KB of the
process); the median of `--runs` is reported with every run, and the events mapped.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import REPO, machine  # noqa: E402

# fmt: off
WORDS = ["the", "troops", "moved", "near", "Caracas", "and", "protesters", "gathered", "in",
         "Maracaibo", "while", "officials", "said", "forces", "struck", "a", "boat", "off",
         "Venezuela", "on", "Monday"]
# fmt: on
CONFLICTMAP = REPO / ".venv" / "bin" / "conflictmap"


def paragraph(mb: int) -> str:
    """`mb` million characters of one paragraph, ending in the only full stop."""
    rng = random.Random(1)
    words: list[str] = []
    size = 0
    while size < mb * 1_000_000:
        words.append(rng.choice(WORDS))
        size += len(words[-1]) + 1
    return " ".join(words)[: mb * 1_000_000] + "."


def run_once(article: Path, out: Path) -> dict[str, float]:
    """Wall seconds, peak RSS (GB) and the events of one `conflictmap map` run."""
    done = subprocess.run(
        ["/usr/bin/time", "-f", "%e %M", str(CONFLICTMAP), "map", str(article), "-o", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"map failed ({done.returncode}): {done.stderr[-2000:]}")
    wall, kb = done.stderr.strip().splitlines()[-1].split()
    events = json.loads((out / "events.geojson").read_text(encoding="utf-8"))["features"]
    return {"wall_s": float(wall), "peak_gb": int(kb) * 1024 / 1e9, "events": len(events)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, nargs="+", default=[1, 4, 16])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    print(machine(), flush=True)
    rows = []
    with tempfile.TemporaryDirectory(prefix="conflictmap-paragraph-") as tmp:
        for mb in args.mb:
            article = Path(tmp) / f"p{mb}.txt"
            article.write_text(paragraph(mb), encoding="utf-8")
            runs = [run_once(article, Path(tmp) / f"out{mb}-{i}") for i in range(args.runs)]
            row = {
                "mb": mb,
                "median_wall_s": statistics.median(r["wall_s"] for r in runs),
                "median_peak_gb": statistics.median(r["peak_gb"] for r in runs),
                "runs": runs,
            }
            print(json.dumps(row), flush=True)
            rows.append(row)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
