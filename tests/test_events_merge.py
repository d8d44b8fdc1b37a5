"""Merging reports of the same event: near-linear, stable ids, deterministic."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

import pytest
from conftest import CARIBBEAN_SOUTH, make_article, make_event, synthetic_events

from geo.events.merge import merge_events, place_key
from geo.model import Actor, Place

CARIBBEAN = Place(id="test-caribbean", name="Caribbean Sea", kind="sea", point=(-75.0, 15.0))


def test_same_event_in_two_articles_becomes_one() -> None:
    a, b = make_article("First report."), make_article("Second report.")
    first, second = make_event(a, fatalities=11), make_event(b, fatalities=12)
    merged = merge_events([first, second])
    assert len(merged) == 1
    event = merged[0]
    assert event.id == min(first.id, second.id)
    assert {s.article_id for s in event.sources} == {a.id, b.id}
    assert event.fatalities == 12


def test_different_days_stay_apart() -> None:
    a, b = make_article("One."), make_article("Two.")
    merged = merge_events([make_event(a, day=date(2025, 9, 2)),
                           make_event(b, day=date(2025, 9, 5))])  # fmt: skip
    assert len(merged) == 2


def test_a_vague_report_joins_a_precise_one_and_keeps_the_precise_date() -> None:
    a, b = make_article("Precise."), make_article("Vague.")
    precise = make_event(a, day=date(2025, 9, 2))
    vague = replace(
        make_event(b),
        date=date(2025, 9, 9),
        date_start=date(2025, 8, 26),
        date_end=date(2025, 9, 23),
        time_precision=3,
    )
    merged = merge_events([vague, precise])
    assert len(merged) == 1
    assert merged[0].date == date(2025, 9, 2) and merged[0].time_precision == 1


def test_a_derived_area_meets_its_base_place() -> None:
    derived = replace(CARIBBEAN_SOUTH, id=f"derived:southern:{CARIBBEAN.id}")
    assert place_key(derived) == place_key(CARIBBEAN)
    a, b = make_article("Here."), make_article("There.")
    merged = merge_events([make_event(a, place=derived), make_event(b, place=CARIBBEAN)])
    assert len(merged) == 1
    assert merged[0].place == derived  # the more precise place is kept (geo_precision tie: id)


def test_actors_of_different_countries_stay_apart() -> None:
    a, b = make_article("US."), make_article("VE.")
    us = make_event(a)
    ve = replace(make_event(b), actor1=Actor("Venezuelan navy", "VE", 1))
    assert len(merge_events([us, ve])) == 2


def test_statements_of_different_speakers_stay_apart() -> None:
    a, b = make_article("Maduro said."), make_article("Trump said.")
    one = replace(make_event(a, label=3), actor1=Actor("Nicolas Maduro", "VE", 1))
    two = replace(make_event(b, label=3), actor1=Actor("Padrino Lopez", "VE", 1))
    assert len(merge_events([one, two])) == 2
    again = replace(
        make_event(make_article("Maduro again."), label=3), actor1=Actor("Maduro", "VE", 1)
    )
    assert len(merge_events([one, again])) == 1


def test_undated_report_joins_its_article_cluster() -> None:
    article = make_article("A strike was reported, then another mention.")
    dated = make_event(article, start=0)
    undated = replace(make_event(article, start=10), date=None, date_start=None)
    merged = merge_events([dated, undated])
    assert len(merged) == 1 and len(merged[0].sources) == 2


def test_merge_is_deterministic() -> None:
    events, _ = synthetic_events(300, seed=3)
    doubled = events + [replace(e, id=e.id[::-1]) for e in events[:100]]
    shuffled = doubled[:]
    random.Random(7).shuffle(shuffled)
    assert merge_events(doubled) == merge_events(shuffled)


def test_merge_is_near_linear(monkeypatch: pytest.MonkeyPatch) -> None:
    """Buckets and a sweep, not all pairs: 4x the events costs about 4x the comparisons."""
    import geo.events.merge as merge

    base = [
        make_event(make_article(f"Report {i}."), day=date(2025, 1, 1) + timedelta(i % 90))
        for i in range(2000)
    ]
    many = [replace(e, id=f"{i:016x}") for i, e in enumerate(base * 4)]
    calls = {"n": 0}
    compatible = merge._compatible

    def counted(cluster: list, event: object) -> bool:
        calls["n"] += 1
        return compatible(cluster, event)  # type: ignore[arg-type]

    monkeypatch.setattr(merge, "_compatible", counted)

    def comparisons(events: list) -> int:
        calls["n"] = 0
        merge_events(events)
        return calls["n"]

    small, large = comparisons(many[:2000]), comparisons(many)
    assert len(merge_events(many)) == 90
    assert large <= 5 * max(small, 1)
