"""Where the time goes: per-stage and per-spaCy-component seconds on the LGL corpus, and a
pyinstrument profile of the serial run.

    .venv/bin/python bench/profile_pipeline.py --limit 300
    .venv/bin/python bench/profile_pipeline.py --limit 300 --pyinstrument /tmp/profile.txt

Stages are timed by wrapping the functions `geo.pipeline.process_article` calls (the
spaCy call, `recognise_toponyms`, `resolve_toponyms`, `detect_events`) plus
`geo.run.collect` (merge_events + places), in this process, after one warm-up article.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import LGL, machine, read_gz_jsonl  # noqa: E402

SPENT: dict[str, float] = defaultdict(float)


def timed(name: str, func):  # type: ignore[no-untyped-def]
    def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        try:
            return func(*args, **kwargs)
        finally:
            SPENT[name] += time.perf_counter() - start

    return wrapper


class TimedNlp:
    """Calls the spaCy pipeline and records its time (other attributes pass through)."""

    def __init__(self, nlp) -> None:  # type: ignore[no-untyped-def]
        self._nlp = nlp

    def __call__(self, text: str):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        try:
            return self._nlp(text)
        finally:
            SPENT["spacy nlp(text)"] += time.perf_counter() - start

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        return getattr(self._nlp, name)


def spacy_components(nlp, texts: list[str]) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """Seconds per spaCy component over `texts`."""
    spent: dict[str, float] = defaultdict(float)
    for text in texts:
        start = time.perf_counter()
        doc = nlp.make_doc(text)
        spent["tokenizer"] += time.perf_counter() - start
        for name, proc in nlp.pipeline:
            start = time.perf_counter()
            doc = proc(doc)
            spent[name] += time.perf_counter() - start
    return dict(spent)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=LGL)
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--pyinstrument", type=Path, help="write a pyinstrument text profile")
    args = parser.parse_args()

    import geo.pipeline as pipeline
    import geo.run as run
    from gazetteer import Gazetteer
    from geo.model import Article
    from geo.nlp import load_nlp
    from geo.tuning import tune_process

    tune_process()

    records = read_gz_jsonl(args.corpus)[: args.limit]
    articles = [Article.from_text(r["text"], title=r.get("title")) for r in records]
    nlp, gazetteer = load_nlp(), Gazetteer.open()
    pipeline.process_article(articles[0], nlp, gazetteer)  # warm caches
    for name in ("recognise_toponyms", "resolve_toponyms", "detect_events"):
        setattr(pipeline, name, timed(name, getattr(pipeline, name)))
    timed_nlp = TimedNlp(nlp)

    profiler = None
    if args.pyinstrument:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.002)
        profiler.start()
    start = time.perf_counter()
    results = [pipeline.process_article(a, timed_nlp, gazetteer) for a in articles]  # type: ignore[arg-type]
    extract_s = time.perf_counter() - start
    start = time.perf_counter()
    run.collect(results)
    SPENT["collect (merge_events + places)"] = time.perf_counter() - start
    total = extract_s + SPENT["collect (merge_events + places)"]
    if profiler is not None:
        profiler.stop()
        args.pyinstrument.write_text(
            profiler.output_text(unicode=False, color=False, show_all=False)
        )

    print(machine())
    print(f"{len(articles)} articles, {total:.1f} s, {len(articles) / total:.1f} docs/s (serial)")
    print("| stage | s | share |")
    print("|---|---:|---:|")
    for name, seconds in sorted(SPENT.items(), key=lambda kv: -kv[1]):
        print(f"| {name} | {seconds:.1f} | {seconds / total:.0%} |")
    other = total - sum(SPENT.values())
    print(f"| other (pipeline glue) | {other:.1f} | {other / total:.0%} |")
    components = spacy_components(nlp, [a.text for a in articles])
    spacy_total = sum(components.values())
    print("\n| spaCy component | s | share of spaCy |")
    print("|---|---:|---:|")
    for name, seconds in sorted(components.items(), key=lambda kv: -kv[1]):
        print(f"| {name} | {seconds:.1f} | {seconds / spacy_total:.0%} |")


if __name__ == "__main__":
    main()
