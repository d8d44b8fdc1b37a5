"""Geoparse a corpus: the pipeline's first stages per article, serially or on Dask workers.

`geoparse_article` is a module-level function of `(article, nlp, gazetteer)` so that
`geo.parallel.map_articles` can run it on workers; it returns JSON-ready records (the
`conflictmap geoparse` line format) for our geoparser and, optionally, the baseline.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry
from spacy.language import Language

from gazetteer.lookup import PlaceLookup
from geo.baseline import baseline_mentions, baseline_toponyms
from geo.model import Article, Mention, Toponym
from geo.nlp import TOPONYMS_ONLY_EXCLUDE
from geo.pipeline import GEOPARSE_STAGES, ArticleContext, run_stages


@dataclass(frozen=True, slots=True)
class GeoparseOptions:
    """How to geoparse: whether demonyms count as toponyms; whether to run the baseline."""

    demonyms: bool = True
    baseline: bool = False


@dataclass(frozen=True, slots=True)
class DocPrediction:
    """One article's predicted toponyms (ours, and the baseline's when asked for)."""

    id: str
    toponyms: list[dict[str, Any]]
    baseline: list[dict[str, Any]] | None = None


def geoparse_article(
    article: Article,
    nlp: Language,
    gazetteer: PlaceLookup,
    options: GeoparseOptions = GeoparseOptions(),
) -> DocPrediction:
    """The pipeline's `GEOPARSE_STAGES` (parse, recognise, resolve), and the baseline on
    the same parse when asked for."""
    context = ArticleContext(article, nlp, gazetteer, demonyms=options.demonyms)
    ctx = run_stages(context, GEOPARSE_STAGES)
    ours = records(ctx.mentions, ctx.toponyms)
    base = None
    if options.baseline:
        base_mentions = baseline_mentions(article, ctx.parsed)
        base = records(base_mentions, baseline_toponyms(base_mentions, gazetteer))
    return DocPrediction(article.id, ours, base)


def toponym_record(toponym: Toponym, geometry: bool = True) -> dict[str, Any]:
    """The JSON of one predicted toponym; `geometry` only for areal places.

    With `geometry=False` an areal place is only flagged (`"areal": true`): the polygon is
    added where the line is written (`geo.geoparse.prediction_line`), so that worker
    processes do not ship polygons back.
    """
    place = toponym.place
    record: dict[str, Any] = {
        "start": toponym.mention.start,
        "end": toponym.mention.end,
        "name": toponym.mention.text,
        "label": toponym.mention.label,
        "lat": round(place.lat, 5),
        "lon": round(place.lon, 5),
        "geonameid": place.geonameid,
        "kind": place.kind,
        "place_id": place.id,
        "score": round(toponym.score, 4),
    }
    if place.area is not None:
        if geometry:
            record["geometry"] = _polygon_geojson(place.id, place.area)
        else:
            record["areal"] = True
    return record


_GEOJSON: dict[str, dict[str, Any]] = {}


def _polygon_geojson(place_id: str, area: BaseGeometry) -> dict[str, Any]:
    """GeoJSON of a place's polygon, converted once per process and place (memoised)."""
    found = _GEOJSON.get(place_id)
    if found is None:
        if len(_GEOJSON) >= 2048:
            _GEOJSON.clear()
        found = _GEOJSON[place_id] = mapping(area)
    return found


def records(
    mentions: Iterable[Mention], toponyms: Iterable[Toponym], geometry: bool = False
) -> list[dict[str, Any]]:
    """Line records of the mentions: resolved ones with their place, the others bare.

    Areal places are flagged `"areal": true` unless `geometry` (then they carry GeoJSON).
    """
    resolved = {(t.mention.start, t.mention.end): t for t in toponyms}
    out: list[dict[str, Any]] = []
    for mention in mentions:
        toponym = resolved.get((mention.start, mention.end))
        if toponym is not None:
            out.append(toponym_record(toponym, geometry=geometry))
        else:
            out.append(
                {
                    "start": mention.start,
                    "end": mention.end,
                    "name": mention.text,
                    "label": mention.label,
                    "lat": None,
                    "lon": None,
                    "geonameid": None,
                    "kind": None,
                }
            )
    return sorted(out, key=lambda r: (r["start"], r["end"]))


class PredictionWriter:
    """Writes prediction lines, adding each areal place's GeoJSON (serialised once per
    place, from this process's gazetteer)."""

    def __init__(self, gazetteer: PlaceLookup) -> None:
        self._gazetteer = gazetteer
        self._geojson: dict[str, str] = {}

    def line(self, prediction: DocPrediction) -> str:
        """One JSON line: `{"id", "toponyms": [...]}` with `geometry` for areal places."""
        parts = []
        for record in prediction.toponyms:
            record = dict(record)
            areal = record.pop("areal", False)
            text = json.dumps(record, ensure_ascii=False, sort_keys=True)
            geometry = self._geometry(record["place_id"]) if areal else None
            if geometry is not None:
                text = f'{text[:-1]}, "geometry": {geometry}}}'
            parts.append(text)
        head = json.dumps({"id": prediction.id}, ensure_ascii=False)
        return f'{head[:-1]}, "toponyms": [{", ".join(parts)}]}}\n'

    def _geometry(self, place_id: str) -> str | None:
        found = self._geojson.get(place_id)
        if found is None:
            geom = self._gazetteer.geometry(place_id)
            if geom is None:
                return None
            found = self._geojson[place_id] = json.dumps(mapping(geom))
        return found


def geoparse_articles(
    articles: Iterable[Article],
    options: GeoparseOptions = GeoparseOptions(),
    workers: int = 1,
    model: str | None = None,
    scheduler: str | None = None,
) -> Iterator[DocPrediction]:
    """Predictions for each article, in input order: in this process (`workers == 1`,
    parsed in `nlp.pipe` batches as on the workers), on a local Dask cluster of `workers`
    processes, or on the cluster at `scheduler`."""
    from geo.parallel import map_articles, map_serial, worker_resources

    func = functools.partial(geoparse_article, options=options)
    resources = functools.partial(worker_resources, TOPONYMS_ONLY_EXCLUDE, model)
    if workers > 1 or scheduler:
        outcomes = map_articles(func, list(articles), workers, scheduler, resources=resources)
    else:
        outcomes = map_serial(func, articles, resources=resources)
    for article, result, failure in outcomes:
        if result is None:
            raise RuntimeError(failure or f"{article.origin}: geoparsing failed")
        yield result
