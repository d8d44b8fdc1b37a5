"""Geoparsing evaluation: read a gold corpus, geoparse it, score it (Gritta et al. metrics).

Corpus lines are `{"id", "text", "toponyms": [{"start", "end", "name", "lat", "lon",
"geonameid"}...]}`. Prediction never sees the gold: `read_articles` keeps only the text and
its metadata, `read_gold` is called by the scorer alone.

Metrics, pooled over toponyms: strict (same span) and lenient (overlapping span) precision,
recall and F1; end-to-end accuracy@161 km over every gold toponym with coordinates (correct =
an overlapping predicted span whose point is within 161 km of the gold point, or whose
polygon contains it, or with the same GeoNames id); accuracy@161 over matched toponyms;
mean / median error km and the AUC of the log-error curve over matched toponyms.
"""

from __future__ import annotations

import gzip
import io
import json
import math
import statistics
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry
from shapely.prepared import prep

from gazetteer.geodesy import haversine_km
from geo.errors import InputError
from geo.model import Article

ACC_KM = 161.0
# Gritta et al.: log(1 + error) normalised by the log of half the earth's circumference.
MAX_ERROR_KM = 20039.0


@dataclass(frozen=True, slots=True)
class GeoSpan:
    """A gold or predicted toponym: span, name, point and (predicted) polygon."""

    start: int
    end: int
    name: str
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    kind: str | None = None
    geometry: BaseGeometry | None = field(default=None, compare=False)
    label: str | None = None

    @property
    def has_point(self) -> bool:
        return self.lat is not None and self.lon is not None


def open_corpus(path: str | Path) -> io.TextIOBase:
    """Open a JSONL corpus, gunzipping `.gz`."""
    target = Path(path)
    try:
        if target.suffix == ".gz":
            return io.TextIOWrapper(gzip.open(target, "rb"), encoding="utf-8")
        return target.open(encoding="utf-8")
    except OSError as exc:
        raise InputError(str(target), f"cannot read ({exc.strerror or exc})") from exc


def iter_records(path: str | Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, record) for every non-blank line of a JSONL corpus."""
    with open_corpus(path) as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(str(path), f"invalid JSON ({exc.msg})", number) from exc
            if not isinstance(record, dict) or "text" not in record:
                raise InputError(str(path), "a record needs a 'text' field", number)
            yield number, record


def _parse_date(value: object) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def read_articles(path: str | Path) -> Iterator[Article]:
    """The articles of a corpus: text and metadata only, never its gold toponyms."""
    for number, record in iter_records(path):
        yield Article(
            id=str(record.get("id", number)),
            text=str(record["text"]),
            title=record.get("title"),
            published=_parse_date(record.get("date")),
            source=record.get("domain"),
            url=record.get("url"),
            origin=f"{path}:{number}",
        )


def read_gold(path: str | Path) -> dict[str, list[GeoSpan]]:
    """The gold toponyms of a corpus, by document id."""
    gold: dict[str, list[GeoSpan]] = {}
    for number, record in iter_records(path):
        doc_id = str(record.get("id", number))
        gold[doc_id] = [_span_from_dict(t) for t in record.get("toponyms") or ()]
    return gold


def _span_from_dict(item: Mapping[str, Any]) -> GeoSpan:
    geometry = item.get("geometry")
    gid = item.get("geonameid")
    return GeoSpan(
        start=int(item["start"]),
        end=int(item["end"]),
        name=str(item.get("name", "")),
        lat=_float_or_none(item.get("lat")),
        lon=_float_or_none(item.get("lon")),
        geonameid=int(gid) if gid not in (None, "") else None,
        kind=item.get("kind"),
        geometry=shape(geometry) if geometry else None,
    )


def _float_or_none(value: object) -> float | None:
    if value in (None, ""):
        return None
    return float(value)  # type: ignore[arg-type]  # a JSON value; float() rejects the rest


def log_error_auc(errors_km: Sequence[float]) -> float | None:
    """Area under the sorted log-error curve, in [0, 1]; lower is better (Gritta et al.)."""
    if len(errors_km) < 2:
        return None
    logs = sorted(math.log(1.0 + e) for e in errors_km)
    area = sum((a + b) / 2 for a, b in zip(logs, logs[1:], strict=False))
    return area / (math.log(MAX_ERROR_KM) * (len(logs) - 1))


def geo_error_km(gold: GeoSpan, pred: GeoSpan) -> float | None:
    """Error of `pred` for `gold`: 0 for the same GeoNames id or a polygon holding the point."""
    if gold.lon is None or gold.lat is None:
        return None
    if gold.geonameid is not None and gold.geonameid == pred.geonameid:
        return 0.0
    if pred.geometry is not None and _contains(pred.geometry, gold.lon, gold.lat):
        return 0.0
    if pred.lon is None or pred.lat is None:
        return None
    return haversine_km(gold.lon, gold.lat, pred.lon, pred.lat)


_PREPARED: dict[int, Any] = {}


def _contains(geometry: BaseGeometry, lon: float, lat: float) -> bool:
    prepared = _PREPARED.get(id(geometry))
    if prepared is None or prepared[0] is not geometry:
        prepared = (geometry, prep(geometry))
        if len(_PREPARED) > 512:
            _PREPARED.clear()
        _PREPARED[id(geometry)] = prepared
    return bool(prepared[1].covers(Point(lon, lat)))


def _overlaps(a: GeoSpan, b: GeoSpan) -> bool:
    return a.start < b.end and b.start < a.end


@dataclass(slots=True)
class Counts:
    """Running sums behind the pooled metrics."""

    docs: int = 0
    gold: int = 0
    pred: int = 0
    strict_tp: int = 0
    lenient_tp: int = 0
    gold_with_point: int = 0
    matched_with_point: int = 0
    correct: int = 0
    errors_km: list[float] = field(default_factory=list)


def score_document(
    gold: Sequence[GeoSpan], pred: Sequence[GeoSpan], counts: Counts
) -> list[dict[str, Any]]:
    """Add one document to `counts`; return its per-toponym rows (for the error dump)."""
    counts.docs += 1
    counts.gold += len(gold)
    counts.pred += len(pred)
    pred_spans = {(p.start, p.end) for p in pred}
    counts.strict_tp += sum(1 for g in gold if (g.start, g.end) in pred_spans)
    counts.lenient_tp += _lenient_matches(gold, pred)
    rows: list[dict[str, Any]] = []
    for g in gold:
        overlapping = [p for p in pred if _overlaps(g, p)]
        row: dict[str, Any] = {"start": g.start, "end": g.end, "gold": g.name}
        if g.has_point:
            counts.gold_with_point += 1
            errors = [e for e in (geo_error_km(g, p) for p in overlapping) if e is not None]
            best = min(errors) if errors else None
            if overlapping:
                counts.matched_with_point += 1
                if best is not None:
                    counts.errors_km.append(best)
            if best is not None and best <= ACC_KM:
                counts.correct += 1
            row.update(gold_lat=g.lat, gold_lon=g.lon, error_km=best)
        row["status"] = _status(g, overlapping, row.get("error_km"))
        if overlapping:
            p = overlapping[0]
            row.update(
                pred=p.name,
                pred_start=p.start,
                pred_end=p.end,
                pred_lat=p.lat,
                pred_lon=p.lon,
                pred_kind=p.kind,
                pred_geonameid=p.geonameid,
                pred_label=p.label,
            )
        rows.append(row)
    for p in pred:
        if not any(_overlaps(g, p) for g in gold):
            rows.append(
                {
                    "start": p.start,
                    "end": p.end,
                    "pred": p.name,
                    "status": "spurious",
                    "pred_lat": p.lat,
                    "pred_lon": p.lon,
                    "pred_kind": p.kind,
                    "pred_label": p.label,
                }
            )
    return rows


def _status(gold: GeoSpan, overlapping: Sequence[GeoSpan], error: float | None) -> str:
    if not overlapping:
        return "missed"
    exact = any((p.start, p.end) == (gold.start, gold.end) for p in overlapping)
    if not gold.has_point:
        return "found" if exact else "partial"
    located = error is not None and error <= ACC_KM
    return ("correct" if located else "wrong") + ("" if exact else "-partial")


def _lenient_matches(gold: Sequence[GeoSpan], pred: Sequence[GeoSpan]) -> int:
    """One-to-one matches between overlapping spans (greedy in text order)."""
    used: set[int] = set()
    matches = 0
    for g in gold:
        for i, p in enumerate(pred):
            if i not in used and _overlaps(g, p):
                used.add(i)
                matches += 1
                break
    return matches


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def summarize(counts: Counts, seconds: float | None = None) -> dict[str, Any]:
    """The pooled metrics of `counts` as a JSON-ready dict."""
    errors = counts.errors_km
    result: dict[str, Any] = {
        "docs": counts.docs,
        "gold_toponyms": counts.gold,
        "predicted_toponyms": counts.pred,
        "strict": _prf(counts.strict_tp, counts.pred, counts.gold),
        "lenient": _prf(counts.lenient_tp, counts.pred, counts.gold),
        "gold_with_coords": counts.gold_with_point,
        "acc161": _ratio(counts.correct, counts.gold_with_point),
        "acc161_matched": _ratio(counts.correct, counts.matched_with_point),
        "mean_error_km": round(statistics.fmean(errors), 1) if errors else None,
        "median_error_km": round(statistics.median(errors), 1) if errors else None,
        "auc": _round(log_error_auc(errors)),
    }
    if seconds is not None:
        result["seconds"] = round(seconds, 2)
        result["docs_per_s"] = round(counts.docs / seconds, 1) if seconds > 0 else None
    return result


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def score(
    gold: Mapping[str, Sequence[GeoSpan]], pred: Mapping[str, Sequence[GeoSpan]]
) -> dict[str, Any]:
    """Pooled metrics of predictions against gold (documents missing from `pred` count)."""
    counts = Counts()
    for doc_id, gold_spans in gold.items():
        score_document(gold_spans, pred.get(doc_id, ()), counts)
    return summarize(counts)


def format_report(name: str, metrics: Mapping[str, Any]) -> str:
    """A few plain-text lines for one system's metrics."""
    s, lenient = metrics["strict"], metrics["lenient"]
    lines = [
        f"{name}: {metrics['docs']} docs, {metrics['gold_toponyms']} gold, "
        f"{metrics['predicted_toponyms']} predicted toponyms",
        f"  strict   P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}",
        f"  lenient  P {lenient['precision']:.3f}  R {lenient['recall']:.3f}  "
        f"F1 {lenient['f1']:.3f}",
        f"  acc@161 end-to-end {metrics['acc161']:.3f} (of {metrics['gold_with_coords']} "
        f"with coords)  matched {metrics['acc161_matched']:.3f}",
        f"  error km mean {metrics['mean_error_km']}  median {metrics['median_error_km']}  "
        f"AUC {metrics['auc']}",
    ]
    if metrics.get("docs_per_s") is not None:
        lines.append(f"  speed {metrics['docs_per_s']} docs/s ({metrics['seconds']} s wall)")
    if metrics.get("cpu_seconds_per_doc"):
        lines.append(
            f"  cpu {metrics['cpu_seconds_per_doc'] * 1000:.1f} ms per doc "
            "(one process, start-up included)"
        )
    return "\n".join(lines)


def write_jsonl(rows: Iterable[Mapping[str, Any]], fh: io.TextIOBase) -> None:
    """Write dicts as sorted-key JSON lines."""
    for row in rows:
        fh.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")


def evaluate_geoparse(
    path: str | Path,
    *,
    demonyms: bool = True,
    baseline: bool = False,
    workers: int = 1,
    limit: int | None = None,
    errors: io.TextIOBase | None = None,
) -> dict[str, Any]:
    """Geoparse the corpus at `path` (gold unseen), then score it against its gold.

    Returns `{"corpus", "options", "ours": metrics, "baseline": metrics (if asked)}`; with
    `errors`, writes one JSON line per gold or spurious toponym (ours).
    """
    import itertools
    import time

    from geo.geoparse import GeoparseOptions, geoparse_articles

    options = GeoparseOptions(demonyms=demonyms, baseline=baseline)
    articles = list(itertools.islice(read_articles(path), limit))
    started, cpu_started = time.perf_counter(), time.process_time()
    predictions = list(geoparse_articles(articles, options, workers=workers))
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu_started
    gold = read_gold(path)
    from gazetteer import Gazetteer

    store = Gazetteer.open()
    geometries: dict[str, BaseGeometry] = {}
    ours, base = Counts(), Counts()
    for prediction in predictions:
        gold_spans = gold.get(prediction.id, [])
        rows = score_document(gold_spans, _spans(prediction.toponyms, geometries, store), ours)
        if errors is not None:
            write_jsonl(({"id": prediction.id, **row} for row in rows), errors)
        if prediction.baseline is not None:
            score_document(gold_spans, _spans(prediction.baseline, geometries, store), base)
    result: dict[str, Any] = {
        "corpus": str(path),
        "options": {"demonyms": demonyms, "workers": workers, "limit": limit},
        "ours": summarize(ours, seconds),
    }
    if workers <= 1:  # process CPU time is only meaningful in this process
        result["ours"]["cpu_seconds_per_doc"] = round(cpu_seconds / max(1, len(predictions)), 4)
    if baseline:
        result["baseline"] = summarize(base)
    return result


def _spans(
    items: Sequence[Mapping[str, Any]], cache: dict[str, BaseGeometry], store: Any = None
) -> list[GeoSpan]:
    """Predicted records as spans; polygons decoded (or fetched by place id) once per place."""
    out = []
    for item in items:
        geometry = None
        raw = item.get("geometry")
        if raw or item.get("areal"):
            key = str(item.get("place_id") or json.dumps(raw, sort_keys=True)[:200])
            geometry = cache.get(key)
            if geometry is None:
                geometry = shape(raw) if raw else store.geometry(key)
                cache[key] = geometry
        out.append(
            GeoSpan(
                int(item["start"]),
                int(item["end"]),
                str(item.get("name", "")),
                _float_or_none(item.get("lat")),
                _float_or_none(item.get("lon")),
                item.get("geonameid"),
                item.get("kind"),
                geometry,
                item.get("label"),
            )
        )
    return out
