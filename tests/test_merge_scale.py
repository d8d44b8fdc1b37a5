"""`merge_events` checks a joining event against its cluster's summary, not each member:
the same clusters as checking every member (the previous algorithm), one story of
thousands of agreeing reports in linear time."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

import pytest
from conftest import LABELS, make_article, make_event

import geo.events.merge as merge
from geo.model import Actor, Event, Place

PLACES = [Place(f"test:{i}", f"Place {i}", "city", (i, i)) for i in range(3)]
ACTORS = [
    None, Actor("US forces", "US"), Actor("Venezuelan Navy", "VE"), Actor("Trump", "US"),
    Actor("Maduro's government", "VE"), Actor("Maduro", None), Actor("Protesters", None),
]  # fmt: skip


def member_by_member(cluster: list[Event], event: Event) -> bool:
    """The previous `_compatible`: every member of the cluster is compared."""
    country = merge._country(event)
    if country is not None and any(merge._country(e) not in (None, country) for e in cluster):
        return False
    if event.cameo < "14":
        words = merge._speaker(event)
        return all(not words or not merge._speaker(e) or words & merge._speaker(e) for e in cluster)
    return True


def random_events(n: int, seed: int) -> list[Event]:
    """Reports crowded on few places, codings, days and actors, so clusters meet often."""
    rng = random.Random(seed)
    articles = [make_article(f"Report {i}.") for i in range(n // 3 + 1)]
    events = []
    for i in range(n):
        day = date(2025, 9, 1) + timedelta(days=rng.randrange(6))
        label = rng.randrange(len(LABELS))
        event = make_event(rng.choice(articles), rng.choice(PLACES), label, day, start=i)
        vague = rng.random() < 0.2
        event = replace(
            event,
            actor1=rng.choice(ACTORS),
            date=None if rng.random() < 0.1 else day,
            date_start=day - timedelta(days=9) if vague else day,
            date_end=day + timedelta(days=9) if vague else day,
            time_precision=3 if vague else 1,
        )
        events.append(event)
    return events


@pytest.mark.parametrize("seed", range(5))
def test_summary_check_gives_the_clusters_of_the_member_by_member_check(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    events = random_events(400, seed)
    merged = merge.merge_events(events)
    with monkeypatch.context() as patch:
        patch.setattr(merge, "_compatible", member_by_member)
        previous = merge.merge_events(events)
    assert merged == previous
    assert len(merged) < len(events) * 0.8, "the corpus should merge many reports"


def test_one_story_of_agreeing_reports_costs_one_check_per_report(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """2,000 reports of one story: each joining report is checked against the cluster
    once, and each check looks at a summary of constant size, not at the cluster."""
    story = [
        replace(
            make_event(make_article(f"Report {i}."), PLACES[0], label=3),
            actor1=Actor("Trump", "US"),
        )
        for i in range(2000)
    ]
    looked_at: list[int] = []
    compatible = merge._compatible

    def counted(cluster: merge._Cluster, event: Event) -> bool:
        looked_at.append(len(cluster.countries) + len(cluster.speakers))
        return compatible(cluster, event)

    monkeypatch.setattr(merge, "_compatible", counted)
    (event,) = merge.merge_events(story)
    assert len(event.sources) == 2000
    assert len(looked_at) == 1999 and max(looked_at) == 2
