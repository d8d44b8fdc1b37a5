"""Score the whole pipeline's events against a hand-coded gold set (reports and articles).

The gold format is `tests/data/events/CODING.md`: one item a line, `kind` "report" or
"article", `events` coded by the ACLED codebook, each with the `evidence` clause it was read
from. Nothing of the gold reaches the pipeline but the text and the publication date: the
articles are geoparsed and coded end to end, as a user's would be.

A predicted event is an *incident* when the codebook codes it (`is_incident`: not a
statement, threat or sanction); statements are kept in the map but are not incidents, so
they count neither for nor against detection. A gold event is
matched to the incident whose sentence overlaps its evidence (the trigger inside it first,
then the same event type); an unmatched incident of the same type and day as an unmatched
gold event is matched too (an incident told twice). Every other incident is a false
positive; one matched to an already-matched gold event is also counted as a duplicate.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from gazetteer.geodesy import haversine_km
from geo.events.taxonomy import NOT_INCIDENTS
from geo.model import Event, Place


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One hand-coded incident; `start`/`end` locate its evidence in the item's text."""

    event_type: str
    sub_event_type: str
    date: date | None
    time_precision: int | None
    inter1: int | None
    inter2: int | None
    fatalities: int | None
    location: str | None
    lat: float | None
    lon: float | None
    geo_precision: int | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class GoldItem:
    """One report or article of a gold set."""

    id: str
    kind: str
    published: date | None
    text: str
    events: tuple[GoldEvent, ...]


def is_incident(event: Event) -> bool:
    """Whether the pipeline coded an incident (not a statement, threat or sanction)."""
    return event.label not in NOT_INCIDENTS


def load_gold(path: str | Path) -> list[GoldItem]:
    """The items of a gold file, or of every `*.jsonl` under a directory, in path order."""
    root = Path(path)
    files = sorted(root.rglob("*.jsonl")) if root.is_dir() else [root]
    return [item for file in files for item in _read_items(file)]


def _read_items(file: Path) -> Iterator[GoldItem]:
    with file.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if line.strip():
                yield _item(json.loads(line), f"{file}:{number}")


def _item(raw: dict[str, Any], where: str) -> GoldItem:
    text = raw["text"]
    events = []
    for spec in raw.get("events", []):
        start = text.find(spec["evidence"])
        if start < 0:
            raise ValueError(f"{where}: evidence is not in the text: {spec['evidence']!r}")
        events.append(_gold_event(spec, start, start + len(spec["evidence"])))
    published = date.fromisoformat(raw["published"]) if raw.get("published") else None
    return GoldItem(raw["id"], raw.get("kind", "report"), published, text, tuple(events))


def _gold_event(spec: dict[str, Any], start: int, end: int) -> GoldEvent:
    day = spec.get("date")
    return GoldEvent(
        spec["event_type"],
        spec["sub_event_type"],
        date.fromisoformat(day) if day else None,
        spec.get("time_precision"),
        spec.get("inter1"),
        spec.get("inter2"),
        spec.get("fatalities"),
        spec.get("location"),
        spec.get("lat"),
        spec.get("lon"),
        spec.get("geo_precision"),
        start,
        end,
    )


def match_events(
    gold: tuple[GoldEvent, ...], predicted: list[Event]
) -> tuple[list[tuple[GoldEvent, Event | None]], list[Event], int]:
    """Pairs (gold, incident or None), the unmatched incidents, and how many are duplicates."""
    free = [e for e in predicted if is_incident(e)]
    pairs: dict[int, Event] = {}
    for i, want in enumerate(gold):
        hit = _best_overlap(want, free)
        if hit is not None:
            pairs[i] = hit
            free.remove(hit)
    for i, want in enumerate(gold):
        if i not in pairs:
            hit = next((e for e in free if _same_type_and_day(want, e)), None)
            if hit is not None:
                pairs[i] = hit
                free.remove(hit)
    duplicates = [e for e in free if any(_overlaps(g, e) for g in gold)]
    return [(g, pairs.get(i)) for i, g in enumerate(gold)], free, len(duplicates)


def _overlaps(want: GoldEvent, event: Event) -> bool:
    return any(s.sentence_start < want.end and want.start < s.sentence_end for s in event.sources)


def _trigger_inside(want: GoldEvent, event: Event) -> bool:
    return any(want.start <= s.trigger_start < want.end for s in event.sources)


def _best_overlap(want: GoldEvent, free: list[Event]) -> Event | None:
    candidates = [e for e in free if _overlaps(want, e)]
    if not candidates:
        return None
    return max(
        candidates, key=lambda e: (_trigger_inside(want, e), e.event_type == want.event_type)
    )


def _same_type_and_day(want: GoldEvent, event: Event) -> bool:
    return event.event_type == want.event_type and want.date is not None and event.date == want.date


#: The area of a predicted place (a country's or a sea's polygon), None for a point.
AreaOf = Callable[[Place], BaseGeometry | None]


class Tally:
    """Counters of one gold set's scores, by item kind."""

    def __init__(self, area_of: AreaOf) -> None:
        self.area_of = area_of
        self.counts: Counter[str] = Counter()
        self.by_type: dict[str, Counter[str]] = {}
        self.errors: list[str] = []

    def add_item(self, item: GoldItem, predicted: list[Event]) -> None:
        pairs, extra, duplicates = match_events(item.events, predicted)
        incidents = [e for e in predicted if is_incident(e)]
        c = self.counts
        c["items"] += 1
        c["gold"] += len(item.events)
        c["predicted"] += len(incidents)
        c["false_positives"] += len(extra)
        c["duplicates"] += duplicates
        c["items_with_gold"] += bool(item.events)
        c["items_found"] += bool(item.events) and pairs[0][1] is not None
        c["undated"] += sum(e.date is None for e in incidents)
        c["dated_over_a_year_early"] += sum(_long_before(e, item.published) for e in incidents)
        for event in extra:
            self.errors.append(
                f"{item.id}: extra {event.event_type} / {event.sub_event_type}"
                f" ({event.provenance.trigger!r})"
            )
        for want, got in pairs:
            self._add_pair(item.id, want, got)

    def _add_pair(self, item_id: str, want: GoldEvent, got: Event | None) -> None:
        per_type = self.by_type.setdefault(want.event_type, Counter())
        per_type["gold"] += 1
        if got is None:
            self.errors.append(f"{item_id}: missed {want.event_type} / {want.sub_event_type}")
            return
        per_type["found"] += 1
        c = self.counts
        c["matched"] += 1
        for field, ok in _field_checks(want, got, self.area_of):
            c[f"{field}_scored"] += 1
            c[f"{field}_right"] += ok
            if field == "event_type":
                per_type["type_right"] += ok
            if not ok:
                self.errors.append(
                    f"{item_id}: {field} {_gold_value(want, field)!r} != {_got_value(got, field)!r}"
                )

    def report(self) -> dict[str, Any]:
        """Rates from the counters; the denominators are given beside them."""
        c = self.counts

        def rate(num: str, den: str) -> float | None:
            return round(c[num] / c[den], 3) if c[den] else None

        fields = {f: rate(f"{f}_right", f"{f}_scored") for f in FIELD_NAMES}
        true_pos = c["matched"]
        return {
            "items": c["items"],
            "gold_events": c["gold"],
            "predicted_incidents": c["predicted"],
            "event_found": rate("items_found", "items_with_gold"),
            "precision": round(true_pos / c["predicted"], 3) if c["predicted"] else None,
            "recall": round(true_pos / c["gold"], 3) if c["gold"] else None,
            "duplicates": c["duplicates"],
            "undated_incidents": c["undated"],
            "dated_over_a_year_before_article": c["dated_over_a_year_early"],
            "fields": {k: v for k, v in fields.items() if v is not None},
            "fields_scored": {f: c[f"{f}_scored"] for f in FIELD_NAMES if c[f"{f}_scored"]},
            "by_type": {
                t: {
                    "gold": n["gold"],
                    "found": round(n["found"] / n["gold"], 3),
                    "type_right": round(n["type_right"] / n["found"], 3) if n["found"] else None,
                }
                for t, n in sorted(self.by_type.items())
            },
        }


# fmt: off
FIELD_NAMES = ("event_type", "sub_event_type", "fatalities", "date", "inter1", "inter2",
               "within_25km", "within_161km")
# fmt: on


def _field_checks(want: GoldEvent, got: Event, area_of: AreaOf) -> Iterator[tuple[str, bool]]:
    yield "event_type", got.event_type == want.event_type
    yield "sub_event_type", got.sub_event_type == want.sub_event_type
    if want.fatalities is not None:
        yield "fatalities", got.fatalities == want.fatalities
    if want.date is not None:
        yield "date", got.date == want.date
    if want.inter1 is not None:
        yield "inter1", (got.actor1.inter if got.actor1 else None) == want.inter1
    if want.inter2 is not None:
        yield "inter2", (got.actor2.inter if got.actor2 else None) == want.inter2
    if want.lat is not None and want.lon is not None:
        km = _error_km(want, got, area_of)
        yield "within_25km", km is not None and km <= 25
        yield "within_161km", km is not None and km <= 161


def _error_km(want: GoldEvent, got: Event, area_of: AreaOf) -> float | None:
    """Point to point; 0 when the gold is itself an area (a province, sea or country,
    geo_precision 3) and its point lies inside the predicted place's area."""
    if got.place is None or want.lat is None or want.lon is None:
        return None
    if want.geo_precision == 3:
        area = area_of(got.place)
        if area is not None and area.covers(Point(want.lon, want.lat)):
            return 0.0
    return haversine_km(want.lon, want.lat, got.place.lon, got.place.lat)


def _gold_value(want: GoldEvent, field: str) -> object:
    if field.startswith("within"):
        return want.location
    return getattr(want, field)


def _got_value(got: Event, field: str) -> object:
    if field.startswith("within"):
        return got.place.name if got.place else None
    if field in ("inter1", "inter2"):
        actor = got.actor1 if field == "inter1" else got.actor2
        return actor.inter if actor else None
    return getattr(got, field)


def _long_before(event: Event, published: date | None) -> bool:
    return published is not None and event.date is not None and (published - event.date).days > 366


def score_events(
    items: Iterable[GoldItem], code: Callable[[GoldItem], list[Event]], area_of: AreaOf
) -> dict[str, Any]:
    """Score `code(item) -> list[Event]` on the items, by kind (report, article)."""
    tallies: dict[str, Tally] = {}
    for item in items:
        tallies.setdefault(item.kind, Tally(area_of)).add_item(item, code(item))
    out: dict[str, Any] = {kind: t.report() for kind, t in sorted(tallies.items())}
    out["errors"] = [e for _, t in sorted(tallies.items()) for e in t.errors]
    return out


def evaluate_gold(path: str | Path) -> dict[str, Any]:
    """Geoparse and code every item of a gold set end to end, then score it."""
    from gazetteer import Gazetteer
    from geo.nlp import load_nlp
    from geo.pipeline import process_article
    from geo.readers import make_article

    nlp, gazetteer = load_nlp(), Gazetteer.open()

    def code(item: GoldItem) -> list[Event]:
        article = make_article(item.text, item.id, {"published": item.published})
        return list(process_article(article, nlp, gazetteer).events)

    def area_of(place: Place) -> BaseGeometry | None:
        return place.area if place.area is not None else gazetteer.geometry(place.id)

    result = score_events(load_gold(path), code, area_of)
    result["corpus"] = str(path)
    return result


def is_gold_set(path: str | Path) -> bool:
    """Whether `path` is a gold set of this format (a directory, or items with `events`)."""
    root = Path(path)
    if root.is_dir():
        return True
    with root.open(encoding="utf-8") as fh:
        first = next((line for line in fh if line.strip()), "{}")
    return "events" in json.loads(first)
