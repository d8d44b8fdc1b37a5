"""`conflictmap eval geoparse|events CORPUS`: measure the geoparser or the event coder.

`eval geoparse` geoparses the corpus (gold unseen), then scores it against the gold:
strict/lenient P/R/F1, accuracy@161 km, error km, AUC, docs/s; `--baseline` also scores
spaCy-small NER + the most populous candidate on the same parses. `eval events` prints the
per-field accuracies of `geo.events.evaluate.evaluate_events`.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from conflictmap.commands.common import ExamplesFormatter, add_corpus_options

EXAMPLES = """\
examples:
  conflictmap eval events tests/data/events_corpus.jsonl
  conflictmap eval geoparse lgl.jsonl.gz --baseline     LGL converted to JSONL (see README)
"""


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "eval",
        epilog=EXAMPLES,
        formatter_class=ExamplesFormatter,
        help="measure the geoparser or the event coder on a gold corpus",
        description="Evaluate against a gold corpus (JSONL, optionally gzipped).",
    )
    what = parser.add_subparsers(dest="target", metavar="TARGET", required=True)
    geo = what.add_parser("geoparse", help="toponym recognition and resolution")
    geo.add_argument("corpus", type=Path, metavar="CORPUS")
    geo.add_argument("--json", action="store_true", help="print the metrics as JSON")
    geo.add_argument(
        "--baseline", action="store_true", help="also score spaCy NER + most populous candidate"
    )
    geo.add_argument(
        "--errors", type=Path, metavar="FILE", help="write one JSON line per gold/spurious toponym"
    )
    add_corpus_options(geo)
    events = what.add_parser("events", help="event detection and coding")
    events.add_argument("corpus", type=Path, metavar="CORPUS")
    events.add_argument("--json", action="store_true", help="print the metrics as JSON")


def run(args: argparse.Namespace) -> int:
    if args.target == "events":
        return _run_events(args)
    return _run_geoparse(args)


def _run_geoparse(args: argparse.Namespace) -> int:
    from geo.evaluate import evaluate_geoparse, format_report
    from geo.io import atomic_path

    def evaluate(errors: Any = None) -> dict[str, Any]:
        return evaluate_geoparse(
            args.corpus,
            demonyms=args.demonyms,
            baseline=args.baseline,
            workers=args.workers,
            limit=args.limit,
            errors=errors,
        )

    if args.errors:
        with atomic_path(args.errors) as tmp, tmp.open("w", encoding="utf-8") as fh:
            result = evaluate(fh)
    else:
        result = evaluate()
    if args.json:
        print(json.dumps(result, indent=2, sort_keys=True))
        return 0
    print(f"{result['corpus']} (demonyms {'on' if args.demonyms else 'off'})")
    print(format_report("conflictmap", result["ours"]))
    if "baseline" in result:
        print(format_report("baseline (spaCy NER + most populous)", result["baseline"]))
    return 0


def _run_events(args: argparse.Namespace) -> int:
    from geo.events.evaluate import evaluate_events
    from geo.events.scoring import evaluate_gold, is_gold_set

    if is_gold_set(args.corpus):
        result = evaluate_gold(args.corpus)
    else:
        result = evaluate_events(args.corpus)
    if args.json:
        print(json.dumps(result, indent=2, sort_keys=True, default=str))
        return 0
    print(_format_events(result))
    return 0


def _format_events(result: dict[str, Any], indent: str = "") -> str:
    """Nested metrics as indented `name: value` lines (accuracies with 3 decimals)."""
    lines = []
    for key in sorted(result):
        value = result[key]
        if isinstance(value, dict):
            lines.append(f"{indent}{key}:")
            lines.append(_format_events(value, indent + "  "))
        elif isinstance(value, float):
            lines.append(f"{indent}{key}: {value:.3f}")
        else:
            lines.append(f"{indent}{key}: {value}")
    return "\n".join(lines)
