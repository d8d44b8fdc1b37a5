"""The issue's "Must show" on the seed article, through the whole pipeline."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from geo.events import detect_events
from geo.model import Article, Event, Mention, Place, Toponym
from geo.nlp import load_nlp
from geo.readers import read_sources

SEED = Path(__file__).resolve().parents[1] / "seeds" / "venezuela-us-caribbean-2025-09-23.txt"


@pytest.fixture(scope="module")
def article() -> Article:
    return next(a for a in read_sources([str(SEED)]) if isinstance(a, Article))


@pytest.fixture(scope="module")
def gazetteer():
    try:
        from gazetteer import Gazetteer

        return Gazetteer.open()
    except Exception as exc:  # noqa: BLE001
        pytest.skip(f"no gazetteer store: {exc}")


@pytest.fixture(scope="module")
def events(article: Article, gazetteer) -> list[Event]:
    from geo.pipeline import process_article

    return list(process_article(article, load_nlp(), gazetteer).events)


def by_label(events: list[Event], label: str) -> Event:
    found = [e for e in events if e.label == label]
    assert len(found) == 1, [e.label for e in events]
    return found[0]


def test_seed_is_dated(article: Article) -> None:
    assert article.published == date(2025, 9, 23)


def test_naval_deployment(events: list[Event]) -> None:
    event = by_label(events, "naval deployment")
    assert (event.event_type, event.cameo) == ("Strategic developments", "15")
    assert event.actor1 is not None and event.actor1.country == "US"
    assert dict(event.counts) == {"warships": 8, "submarines": 1}
    assert event.place is not None and event.place.kind == "derived"
    assert event.place.name.startswith("southern Caribbean")
    assert event.geo_precision == 2


def test_boat_strikes(events: list[Event]) -> None:
    event = by_label(events, "boat strike")
    assert event.event_type == "Explosions/Remote violence"
    assert dict(event.counts)["vessels"] >= 3
    assert (event.fatalities, event.fatalities_text) == (12, "more than a dozen")
    assert event.place is not None and event.place.name.startswith("southern Caribbean")
    assert event.date_start is not None and event.date_end == date(2025, 9, 23)
    assert event.time_precision == 3


def test_letter_released_on_sunday(events: list[Event]) -> None:
    event = by_label(events, "letter")
    assert (event.date, event.time_precision) == (date(2025, 9, 21), 1)
    assert event.actor1 is not None and event.actor1.country == "VE"


def test_rejection_of_talks_dated_monday_in_washington(events: list[Event]) -> None:
    event = by_label(events, "rejection of talks")
    assert (event.date, event.time_precision) == (date(2025, 9, 22), 1)
    assert event.cameo == "12"
    assert event.actor1 is not None and event.actor1.country == "US"
    assert event.place is not None and event.place.name.startswith("Washington")


def test_post_election_crackdown_of_2024_is_background(events: list[Event]) -> None:
    """"last year's election ... brutally suppressed": more than a year before the
    article, background to the news, not an incident of it."""
    assert not [e for e in events if e.label == "crackdown"]
    assert all(e.date is None or e.date.year == 2025 for e in events)


def test_flight_to_spain(events: list[Event]) -> None:
    event = by_label(events, "flight into exile")
    assert event.place is not None and event.place.country == "ES"
    assert event.actor1 is not None and "Urrutia" in event.actor1.name


def test_no_invasion(events: list[Event]) -> None:
    assert not any("invasion" in s.trigger.lower() for e in events for s in e.sources)
    assert not any(e.event_type == "Battles" for e in events)
    assert all(e.modality == "asserted" for e in events)


def test_provenance_and_stable_ids(events: list[Event], article: Article, gazetteer) -> None:
    for event in events:
        for source in event.sources:
            assert article.text[source.sentence_start : source.sentence_end] == source.sentence
            assert article.text[source.trigger_start : source.trigger_end] == source.trigger
        assert 0 < event.confidence <= 1
    from geo.pipeline import process_article

    again = process_article(article, load_nlp(), gazetteer).events
    assert [e.id for e in again] == [e.id for e in events]


def _hand_toponyms(article: Article) -> list[Toponym]:
    places = {
        r"\bVenezuelan?s?\b": Place("t:ve", "Venezuela", "country", (-66.0, 8.0), country="VE"),
        r"\b(?:US|United States|America)\b": Place("t:us", "United States", "country",
                                                   (-98.0, 39.0), country="US"),
        r"\bCaribbean\b": Place("t:car", "Caribbean Sea", "sea", (-75.0, 15.0)),
        r"\bSpain\b": Place("t:es", "Spain", "country", (-4.0, 40.0), country="ES"),
    }  # fmt: skip
    found = []
    for pattern, place in places.items():
        for m in re.finditer(pattern, article.text):
            found.append(
                Toponym(Mention(article.id, m.start(), m.end(), m.group(), "GPE"), place, 0.9)
            )
    return sorted(found, key=lambda t: t.mention.start)


def test_without_gazetteer_the_base_places_are_used(article: Article) -> None:
    """Hand-made toponyms and no gazetteer: no derived areas, same events and dates."""
    doc = load_nlp()(article.text)
    events = detect_events(article, doc, _hand_toponyms(article), None)
    labels = {e.label for e in events}
    assert {
        "naval deployment",
        "boat strike",
        "letter",
        "rejection of talks",
        "flight into exile",
    } <= labels
    assert "crackdown" not in labels
    strike = by_label(events, "boat strike")
    assert strike.place is not None and strike.place.name == "Caribbean Sea"
    assert by_label(events, "rejection of talks").date == date(2025, 9, 22)
