"""How much event extraction adds to geoparsing, in CPU seconds (the machine is shared).

    .venv/bin/python bench/bench_events.py ../shared/data/eval/lgl.jsonl.gz --limit 300

Geoparsing = spaCy without the lemmatizer (what `conflictmap geoparse` loads) +
`recognise_toponyms` + `resolve_toponyms`. Events = the lemmatizer (the events stage reads
lemmas) + `detect_events`. Both are timed per article with `time.process_time`, after one
warm-up article; the ratio is events / geoparsing.
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
from collections import Counter
from datetime import date
from pathlib import Path

from geo.events import detect_events
from geo.model import Article


def _records(path: Path, limit: int | None) -> list[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as lines:  # type: ignore[operator]
        records = [json.loads(line) for line in lines if line.strip()]
    return records[:limit] if limit else records


def _article(record: dict) -> Article:
    published = record.get("published") or record.get("date")
    try:
        day = date.fromisoformat(str(published)[:10]) if published else None
    except ValueError:
        day = None
    return Article.from_text(record["text"], published=day or date(2025, 1, 1))


def run(path: Path, limit: int | None) -> dict[str, float | int | dict[str, int]]:
    """CPU seconds of geoparsing and of events over the corpus, and what was found."""
    from gazetteer import Gazetteer
    from geo.nlp import GEOPARSE_EXCLUDE, load_nlp
    from geo.resolve import resolve_toponyms
    from geo.toponyms import recognise_toponyms
    from geo.tuning import tune_process

    tune_process()

    nlp = load_nlp(exclude=GEOPARSE_EXCLUDE)
    lemmatizer = load_nlp().get_pipe("lemmatizer")
    gazetteer = Gazetteer.open()
    articles = [_article(r) for r in _records(path, limit)]
    geoparse = events_cpu = 0.0
    labels: Counter[str] = Counter()
    for n, article in enumerate(articles):
        start = time.process_time()
        doc = nlp(article.text)
        toponyms = resolve_toponyms(article, recognise_toponyms(article, doc, gazetteer), gazetteer)
        middle = time.process_time()
        doc = lemmatizer(doc)
        found = detect_events(article, doc, toponyms, gazetteer)
        end = time.process_time()
        if n:  # the first article warms caches up
            geoparse += middle - start
            events_cpu += end - middle
        labels.update(e.label for e in found)
    return {
        "articles": len(articles),
        "geoparse_cpu_s": round(geoparse, 2),
        "events_cpu_s": round(events_cpu, 2),
        "events_share_of_geoparse": round(events_cpu / geoparse, 3) if geoparse else 0.0,
        "events": sum(labels.values()),
        "labels": dict(labels.most_common(12)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="JSONL(.gz) of {text, date|published}")
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    print(json.dumps(run(args.corpus, args.limit), indent=2))


if __name__ == "__main__":
    main()
