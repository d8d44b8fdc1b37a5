"""Merge duplicates: the same event reported by several sentences or articles.

Near-linear: events are bucketed by (event_type, sub_event_type, CAMEO root, base place)
— a derived area counts as its base place, so "the southern Caribbean" and "the
Caribbean" meet — then each bucket is swept in date order. An event joins the open
cluster while its date interval overlaps the cluster's common interval and the actors'
countries agree; undated events join a cluster of their own article. Cost: one sort per
bucket, O(n log n) overall, never all pairs; a newcomer is checked against its cluster's
summary (countries, distinct speakers), not each member, so one story of thousands of
agreeing reports stays linear.

Within one article, `merge_told_at_two_scales` first joins an incident told once at its
town and once at its province or country, and `merge_lead_told_again` a news lead's
incident with its telling further down.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, timedelta

from gazetteer.geodesy import haversine_km
from geo.events.modality import ASSERTED
from geo.events.taxonomy import NOT_INCIDENTS
from geo.model import Event, Place

Key = tuple[str, str, str, str]


def place_key(place: Place | None) -> str:
    """The place an event is bucketed under: derived areas count as their base place."""
    if place is None:
        return ""
    if place.id.startswith("derived:"):
        return place.id.split(":", 2)[-1]
    return place.id


def interval(event: Event) -> tuple[date, date] | None:
    """The event's [start, end] dates, or None when it has no date of its own (no start:
    only "on or before publication" is known)."""
    if event.date is None or event.date_start is None:
        return None
    return (event.date_start, event.date_end or event.date)


def _country(event: Event) -> str | None:
    return event.actor1.country if event.actor1 is not None else None


def _speaker(event: Event) -> frozenset[str]:
    name = event.actor1.name if event.actor1 is not None else ""
    return frozenset(w.lower() for w in name.replace("'s", " ").split() if w[:1].isupper())


class _Cluster(list[Event]):
    """The events of one cluster, with what `_compatible` checks a newcomer against: the
    actors' countries and the distinct speaker names (O(1) per event, not O(cluster))."""

    def __init__(self, event: Event) -> None:
        super().__init__()
        self.countries: set[str] = set()
        self.speakers: set[frozenset[str]] = set()
        self.add(event)

    def add(self, event: Event) -> None:
        self.append(event)
        if (country := _country(event)) is not None:
            self.countries.add(country)
        if words := _speaker(event):
            self.speakers.add(words)


def _compatible(cluster: _Cluster, event: Event) -> bool:
    """Actors' countries agree; statements (CAMEO 01-13) also need a common speaker name."""
    country = _country(event)
    if country is not None and not cluster.countries <= {country}:
        return False
    if event.cameo < "14":
        words = _speaker(event)
        return not words or all(words & other for other in cluster.speakers)
    return True


def _clusters(bucket: list[Event]) -> list[_Cluster]:
    dated = sorted(
        ((e, span) for e in bucket if (span := interval(e)) is not None),
        key=lambda pair: (pair[1], pair[0].id),
    )
    undated = sorted((e for e in bucket if not interval(e)), key=lambda e: e.id)
    clusters: list[_Cluster] = []
    common: tuple[date, date] | None = None
    for event, (start, end) in dated:
        if clusters and common and start <= common[1] and _compatible(clusters[-1], event):
            clusters[-1].add(event)
            common = (max(common[0], start), min(common[1], end))
        else:
            clusters.append(_Cluster(event))
            common = (start, end)
    by_article: dict[str, _Cluster] = {}
    for cluster in clusters:
        for event in cluster:
            for source in event.sources:
                by_article.setdefault(source.article_id, cluster)
    for event in undated:
        home = by_article.get(event.sources[0].article_id)
        if home is not None and _compatible(home, event):
            home.add(event)
        else:
            clusters.append(_Cluster(event))
            by_article[event.sources[0].article_id] = clusters[-1]
    return clusters


def combine(cluster: list[Event]) -> Event:
    """One event from several reports: the best-supported coding, every source."""
    if len(cluster) == 1:
        return cluster[0]
    primary = max(cluster, key=lambda e: (e.confidence, interval(e) is not None, -int(e.id, 16)))
    dated = [(e, span) for e in cluster if (span := interval(e)) is not None]
    when = (
        min(dated, key=lambda pair: (pair[0].time_precision, pair[1][1] - pair[1][0], pair[0].id))[
            0
        ]
        if dated
        else primary
    )
    placed = [e for e in cluster if e.place is not None]
    where = min(placed, key=lambda e: (e.geo_precision, -e.confidence, e.id)) if placed else primary
    deadliest = max(cluster, key=lambda e: (e.fatalities, e.id))
    counts: dict[str, int] = {}
    for event in cluster:
        for name, value in event.counts:
            counts[name] = max(counts.get(name, 0), value)
    others = sorted(
        {s for e in cluster for s in e.sources} - set(primary.sources),
        key=lambda s: (s.article_id, s.trigger_start, s.trigger_end),
    )
    sources = [*primary.sources, *others]  # the best-supported report first: `provenance`
    return replace(
        primary,
        id=min(e.id for e in cluster),
        date=when.date,
        date_start=when.date_start,
        date_end=when.date_end,
        time_precision=when.time_precision,
        place=where.place,
        geo_precision=where.geo_precision,
        location_reason=where.location_reason,
        actor1=primary.actor1 or next((e.actor1 for e in cluster if e.actor1), None),
        actor2=primary.actor2 or next((e.actor2 for e in cluster if e.actor2), None),
        fatalities=deadliest.fatalities,
        fatalities_text=deadliest.fatalities_text,
        counts=tuple(sorted(counts.items())),
        confidence=max(e.confidence for e in cluster),
        sources=tuple(sources),
    )


def merge_events(events: Iterable[Event]) -> list[Event]:
    """Merge reports of the same event; deterministic order (date, id)."""
    buckets: dict[Key, list[Event]] = defaultdict(list)
    for event in events:
        key = (event.event_type, event.sub_event_type, event.cameo, place_key(event.place))
        buckets[key].append(event)
    merged = [combine(c) for key in sorted(buckets) for c in _clusters(buckets[key])]
    return sorted(merged, key=lambda e: (e.date or date.max, e.id))


#: Words that tell another incident in the same area.
APART_WORDS = "elsewhere|another|separate|second|also|meanwhile"
APART = re.compile(rf"\b(?:{APART_WORDS})\b", re.IGNORECASE)


def merge_told_at_two_scales(events: list[Event]) -> list[Event]:
    """One incident told once at its town and once at its province or country (the same
    codes on days that meet): ACLED's unit is one event, at the finer place."""
    kept: list[Event] = []
    for event in sorted(events, key=lambda e: (e.geo_precision, e.id)):
        home = next((k for k in kept if _within(event, k)), None)
        if home is None:
            kept.append(event)
        else:
            kept[kept.index(home)] = combine([home, event])
    return kept


def _within(coarse: Event, fine: Event) -> bool:
    """`coarse` is `fine` told at a province or country that holds its place."""
    if (coarse.event_type, coarse.sub_event_type) != (fine.event_type, fine.sub_event_type):
        return False
    a, b = interval(coarse), interval(fine)
    if a is None or b is None or not (a[0] <= b[1] and b[0] <= a[1]):
        return False
    if APART.search(coarse.provenance.sentence):
        return False  # "Elsewhere in Narathiwat province on Monday, a bomb wounded ..."
    outer, inner = coarse.place, fine.place
    if outer is None or inner is None or outer.id == inner.id:
        return False
    return _holds(outer, inner)


#: Kinds of place that hold others: a country holds its towns, a province its own.
AREAS = frozenset({"country", "admin1"})


def _holds(outer: Place, inner: Place) -> bool:
    """`outer` is a country or province that holds `inner`."""
    if outer.kind == "country":
        return inner.country == outer.country and inner.kind != "country"
    return outer.kind == "admin1" and inner.admin1 == outer.name and inner.country == outer.country


#: Words that open another incident's telling, in the same area or at another time:
#: "Later on Monday, a drone struck ...".
ANOTHER_TELLING = re.compile(rf"\b(?:{APART_WORDS}|later|earlier|further)\b", re.IGNORECASE)
#: How far apart a lead's place and the body's may lie and still be one incident.
LEAD_REACH_KM = 50.0
#: How many days before the lead's date the body may date it: a lead dated by the day of
#: a reaction ("recalled its ambassador on Thursday over a drone strike that killed ...").
LEAD_LAG_DAYS = 7


def merge_lead_told_again(events: list[Event], lead: tuple[int, int]) -> list[Event]:
    """A news lead's incident told again, in detail, further down (ACLED codes it once):
    the body's only telling of the same codes at a nearby place, undated or dated up to a
    week before the lead's date, joins it, and the body's day wins (the lead may be dated
    by a reaction)."""
    start, end = lead
    firsts = [
        e
        for e in events
        if start <= e.provenance.sentence_start < end
        and e.modality == ASSERTED
        and e.label not in NOT_INCIDENTS
    ]
    merged = list(events)
    for first in firsts:
        retold = [e for e in merged if _lead_retold(first, e, end)]
        if len(retold) != 1:
            continue
        body = retold[0]
        both = combine([first, body])
        if interval(body) is not None:
            both = dated_as(both, body)
        merged = [both if e is first else e for e in merged if e is not body]
    return merged


def dated_as(event: Event, other: Event) -> Event:
    """`event` with `other`'s date, its range and its precision."""
    return replace(
        event,
        date=other.date,
        date_start=other.date_start,
        date_end=other.date_end,
        time_precision=other.time_precision,
    )


def _lead_retold(first: Event, other: Event, lead_end: int) -> bool:
    """`other`, told after the lead, may be the lead's incident told again."""
    if other.provenance.sentence_start < lead_end or other.modality != first.modality:
        return False
    if (other.event_type, other.sub_event_type) != (first.event_type, first.sub_event_type):
        return False
    if ANOTHER_TELLING.search(other.provenance.sentence):
        return False
    return (
        _near(first.place, other.place)
        and _lead_day_allows(first, other)
        and _same_sides(first, other)
    )


def _near(a: Place | None, b: Place | None) -> bool:
    """Both placed, and at one place, in one province, one within the other's province
    or country, or within `LEAD_REACH_KM`."""
    if a is None or b is None:
        return False
    if a.id == b.id:
        return True
    if a.admin1 is not None and (a.country, a.admin1) == (b.country, b.admin1):
        return True
    if AREAS & {a.kind, b.kind}:
        return _holds(a, b) or _holds(b, a)
    return haversine_km(a.lon, a.lat, b.lon, b.lat) <= LEAD_REACH_KM


def _lead_day_allows(first: Event, other: Event) -> bool:
    """Either is undated, or the other's days meet the lead's or the week before them."""
    told, again = interval(first), interval(other)
    if told is None or again is None:
        return True
    return told[0] - timedelta(days=LEAD_LAG_DAYS) <= again[1] and again[0] <= told[1]


def _same_sides(first: Event, other: Event) -> bool:
    """The doers' kinds agree where both are known."""
    a, b = first.actor1, other.actor1
    return a is None or b is None or a.inter is None or b.inter is None or a.inter == b.inter
