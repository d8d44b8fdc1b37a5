"""Shared fixtures: hand-made articles, places and events, and the path to ../shared."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from shapely.geometry import box

from geo.model import Actor, Article, Event, Place, Provenance, content_id
from geo.tuning import tune_process

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"



@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """One headless Chromium for a test module's browser tests."""
    from maps.screenshot import launch_chromium

    with launch_chromium() as chromium:
        yield chromium


@pytest.fixture(scope="session", autouse=True)
def _tuned_process() -> None:
    """Tests run in a process tuned as the CLI tunes its own (`geo.tuning.tune_process`)."""
    tune_process()


CARIBBEAN_SOUTH = Place(
    id="derived:southern:test-caribbean", name="southern Caribbean", kind="derived",
    point=(-68.0, 12.8), area=box(-76.0, 11.0, -61.0, 14.5),
)  # fmt: skip
CARACAS = Place(
    id="gn:3646738", name="Caracas", kind="city", point=(-66.8792, 10.488),
    country="VE", admin1="25", feature_code="PPLC", population=3000000, geonameid=3646738,
)  # fmt: skip

LABELS = [
    ("boat strike", "Explosions/Remote violence", "Air/drone strike", "18"),
    ("naval deployment", "Strategic developments", "Other", "15"),
    ("protest", "Protests", "Peaceful protest", "14"),
    ("statement", "Strategic developments", "Other", "01"),
]


def make_article(text: str = "US forces struck a boat off Venezuela.", **meta: object) -> Article:
    """An article with the given text and metadata."""
    meta.setdefault("title", "Test article")
    meta.setdefault("published", date(2025, 9, 23))
    meta.setdefault("source", "Test Wire")
    meta.setdefault("url", "https://example.org/a")
    return Article.from_text(text, **meta)  # type: ignore[arg-type]


def make_event(
    article: Article,
    place: Place | None = CARIBBEAN_SOUTH,
    label: int = 0,
    day: date = date(2025, 9, 2),
    fatalities: int = 0,
    start: int = 0,
) -> Event:
    """An event reported by the whole text of `article`, at `place` on `day`."""
    name, event_type, sub_type, cameo = LABELS[label]
    text = article.text
    prov = Provenance(article.id, text, 0, len(text), text[:5], start, start + 5)
    return Event(
        id=content_id(article.id, start, name), label=name, event_type=event_type,
        sub_event_type=sub_type, cameo=cameo, date=day, date_start=day, date_end=day,
        time_precision=1, place=place, geo_precision=3, location_reason="test",
        actor1=Actor("US forces", "US", 8), actor2=None, fatalities=fatalities,
        fatalities_text=str(fatalities) if fatalities else None, counts=(("vessels", 1),),
        modality="asserted", confidence=0.9, sources=(prov,), coding_reason="'strike': test",
    )  # fmt: skip


def synthetic_events(n: int, seed: int = 0) -> tuple[list[Event], dict[str, Article]]:
    """`n` events spread over the world and over a year, each from its own article."""
    rng = random.Random(seed)
    events, articles = [], {}
    for i in range(n):
        article = make_article(f"Report number {i}: something happened here.", title=f"A{i}")
        articles[article.id] = article
        lon, lat = rng.uniform(-170, 170), rng.uniform(-60, 70)
        place = Place(id=f"test:{i}", name=f"Place {i}", kind="city", point=(lon, lat))
        day = date(2025, 1, 1) + timedelta(days=rng.randrange(365))
        events.append(make_event(article, place, label=i % len(LABELS), day=day))
    return events, articles


@pytest.fixture
def shared_dir() -> Path:
    """../shared beside the repository; tests that need it are skipped without it."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED
