"""Per-field accuracy of the event coder on an expected-codings corpus (JSONL).

Each line: {"id", "published": "YYYY-MM-DD", "text", "toponyms": [{"text", "name", "kind",
"country", "lon", "lat", "id"}], "expected": [{"label", "event_type", "sub_event_type",
"cameo", "date" | "date_start"/"date_end", "time_precision", "fatalities",
"counts": {name: n}, "actor1_country", "actor1_inter", "place" (a name or a list of
accepted names), "geo_precision"}]}. Fields left out of an expected event are not scored;
"expected": [] says that no event may be drawn (negation, hypothesis, attempt, future).

Toponyms are the corpus's hand-resolved places (so the score is the event coder's, not
the geoparser's); with a gazetteer, each is replaced by the gazetteer's entry of the same
name and kind when there is one, so derived areas ("southern Caribbean") can be made.
`pipeline=True` runs the real toponym recogniser and resolver instead.
"""

from __future__ import annotations

import json
import time
import unicodedata
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from gazetteer.errors import ConflictmapError
from gazetteer.lookup import PlaceLookup
from geo.events.detect import detect_events
from geo.model import Article, Event, Mention, Place, Toponym, place_of

# fmt: off
FIELDS = ("label", "event_type", "sub_event_type", "cameo", "date", "date_start", "date_end",
          "time_precision", "fatalities", "counts", "actor1_country", "actor1_inter", "place",
          "geo_precision")
# fmt: on


def load_corpus(path: str | Path) -> list[dict[str, Any]]:
    """The corpus items, in file order."""
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _place(spec: dict[str, Any], gazetteer: PlaceLookup | None) -> Place:
    if gazetteer is not None:
        try:
            cands = gazetteer.candidates(
                spec["name"], country=spec.get("country"), kinds=[spec["kind"]], limit=3
            )
        except Exception:  # noqa: BLE001 - fall back to the hand coordinates
            cands = []
        if cands:
            return place_of(cands[0])
    return Place(
        id=spec.get("id") or f"test:{spec['name']}",
        name=spec["name"],
        kind=spec["kind"],
        point=(spec["lon"], spec["lat"]),
        country=spec.get("country"),
    )


def hand_toponyms(
    item: dict[str, Any], article: Article, gazetteer: PlaceLookup | None
) -> list[Toponym]:
    """The item's toponyms as `Toponym`s (every occurrence of each text)."""
    out = []
    for spec in item.get("toponyms", []):
        place = _place(spec, gazetteer)
        start = article.text.find(spec["text"])
        while start >= 0:
            end = start + len(spec["text"])
            out.append(Toponym(Mention(article.id, start, end, spec["text"], "GPE"), place, 1.0))
            start = article.text.find(spec["text"], end)
    return sorted(out, key=lambda t: t.mention.start)


def predicted_fields(event: Event) -> dict[str, Any]:
    """An event as the corpus's flat fields."""
    return {
        "label": event.label,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "cameo": event.cameo,
        "date": event.date.isoformat() if event.date else None,
        "date_start": event.date_start.isoformat() if event.date_start else None,
        "date_end": event.date_end.isoformat() if event.date_end else None,
        "time_precision": event.time_precision,
        "fatalities": event.fatalities,
        "counts": dict(event.counts),
        "actor1_country": event.actor1.country if event.actor1 else None,
        "actor1_inter": event.actor1.inter if event.actor1 else None,
        "place": event.place.name if event.place else None,
        "geo_precision": event.geo_precision,
    }


def _same(field: str, want: Any, got: Any) -> bool:
    if field == "counts":
        return all(got.get(k) == v for k, v in (want or {}).items())
    if field == "place" and got is not None:
        names = [want] if isinstance(want, str) else list(want or [])
        return _fold(got) in {_fold(n) for n in names}
    return want == got


def _fold(name: str) -> str:
    """Case- and accent-insensitive form of a place name."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _match(expected: list[dict], predicted: list[dict]) -> list[tuple[dict, dict | None]]:
    """Pair each expected event with a predicted one: same label, else same event type."""
    free = list(predicted)
    pairs: list[tuple[dict, dict | None]] = []
    for key in ("label", "event_type", None):
        for exp in [e for e in expected if e not in [p[0] for p in pairs]]:
            hit = next((p for p in free if key is None or p[key] == exp.get(key)), None)
            if hit is not None:
                free.remove(hit)
                pairs.append((exp, hit))
    pairs += [(e, None) for e in expected if e not in [p[0] for p in pairs]]
    return pairs


def evaluate_events(
    path: str | Path,
    nlp: Any = None,
    gazetteer: PlaceLookup | None = None,
    pipeline: bool = False,
    open_gazetteer: bool = True,
) -> dict[str, Any]:
    """Detection P/R/F1, per-field accuracy on matched events, and the misses by item."""
    from geo.nlp import load_nlp

    nlp = nlp or load_nlp()
    if gazetteer is None and (open_gazetteer or pipeline):
        gazetteer = _try_gazetteer()
    items = load_corpus(path)
    right: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    tp = fp = fn = negatives_ok = negatives = 0
    errors: list[str] = []
    started = time.process_time()
    for item in items:
        article = Article.from_text(item["text"], published=date.fromisoformat(item["published"]))
        doc = nlp(article.text)
        toponyms = (
            _toponyms(article, doc, gazetteer)
            if pipeline
            else hand_toponyms(item, article, gazetteer)
        )
        events = detect_events(article, doc, toponyms, gazetteer)
        predicted = [predicted_fields(e) for e in events]
        expected = item.get("expected", [])
        if not expected:
            negatives += 1
            negatives_ok += not predicted
        pairs = _match(expected, predicted)
        matched = [p for p in pairs if p[1] is not None]
        tp += len(matched)
        fn += len(pairs) - len(matched)
        fp += len(predicted) - len(matched)
        if len(predicted) > len(matched):
            errors.append(f"{item['id']}: extra {[p['label'] for p in predicted]}")
        for exp, got in pairs:
            if got is None:
                errors.append(f"{item['id']}: missed {exp.get('label')}")
                continue
            for field in FIELDS:
                if field in exp:
                    seen[field] += 1
                    if _same(field, exp[field], got[field]):
                        right[field] += 1
                    else:
                        errors.append(f"{item['id']}: {field} {exp[field]!r} != {got[field]!r}")
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return {
        "corpus": str(path),
        "items": len(items),
        "detection": {
            "precision": precision,
            "recall": recall,
            "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
            "true_positives": tp,
            "false_positives": fp,
            "false_negatives": fn,
            "no_event_items_correct": f"{negatives_ok}/{negatives}",
        },
        "fields": {f: right[f] / seen[f] for f in FIELDS if seen[f]},
        "fields_scored": {f: seen[f] for f in FIELDS if seen[f]},
        "mode": "pipeline toponyms"
        if pipeline
        else "hand toponyms" + (" + gazetteer" if gazetteer is not None else ""),
        "seconds_cpu": round(time.process_time() - started, 2),
        "errors": errors,
    }


def _toponyms(article: Article, doc: Doc, gazetteer: PlaceLookup | None) -> list[Toponym]:
    """The pipeline's own toponyms of a parsed item (the recognise and resolve stages'
    functions: `geo.pipeline` sits above this package, so they are called directly)."""
    if gazetteer is None:
        raise ConflictmapError("the pipeline's toponyms need the gazetteer store")
    from geo.resolve import resolve_toponyms
    from geo.toponyms import recognise_toponyms

    mentions = recognise_toponyms(article, doc, gazetteer)
    return list(resolve_toponyms(article, mentions, gazetteer))


def _try_gazetteer() -> PlaceLookup | None:
    try:
        from gazetteer import Gazetteer

        return Gazetteer.open()
    except Exception:  # noqa: BLE001 - no store yet: evaluate without derived areas
        return None
