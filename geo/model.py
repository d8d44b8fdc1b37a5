"""Typed objects that pass between the pipeline stages.

Article -> Mention -> Place -> Event, as in the design card. Every object is frozen;
ids are derived from content (article text hash + character offsets), never from run order.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from shapely.geometry.base import BaseGeometry

if TYPE_CHECKING:
    from gazetteer.places import Candidate


def content_id(*parts: object, length: int = 16) -> str:
    """A stable hex id from the given parts (text, offsets, names...)."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8"))
    return digest.hexdigest()[:length]


@dataclass(frozen=True, slots=True)
class Article:
    """One news article. `origin` names the file (and line) it was read from."""

    id: str
    text: str
    title: str | None = None
    published: datetime.date | None = None
    source: str | None = None
    url: str | None = None
    origin: str | None = None

    @classmethod
    def from_text(cls, text: str, **meta: object) -> Article:
        """Build an article whose id is the hash of its text."""
        return cls(id=content_id(text), text=text, **meta)  # type: ignore[arg-type]  # checked by the fields


@dataclass(frozen=True, slots=True)
class Mention:
    """A place name found in an article: `text == article.text[start:end]`.

    `label` says how it was found: GPE, LOC, FAC (spaCy), NORP (demonym), GAZ (gazetteer
    match), ORG (place nested in an organisation name).
    """

    article_id: str
    start: int
    end: int
    text: str
    label: str


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry. `point` is (lon, lat) in WGS84 (EPSG:4326).

    kind: country | admin1 | admin2 | city | sea | region | landmark | derived.
    `area` is the polygon of an areal place (WGS84), None for points.
    """

    id: str
    name: str
    kind: str
    point: tuple[float, float]
    country: str | None = None
    admin1: str | None = None
    feature_code: str | None = None
    population: int = 0
    geonameid: int | None = None
    area: BaseGeometry | None = field(default=None, compare=False, repr=False)

    @property
    def lon(self) -> float:
        return self.point[0]

    @property
    def lat(self) -> float:
        return self.point[1]


def place_of(candidate: Candidate) -> Place:
    """The Place of a gazetteer candidate (with its polygon for areal places)."""
    return Place(
        id=candidate.id,
        name=candidate.name,
        kind=candidate.kind,
        point=(candidate.lon, candidate.lat),
        country=candidate.country,
        admin1=candidate.admin1,
        feature_code=candidate.feature_code,
        population=candidate.population,
        geonameid=candidate.geonameid,
        area=candidate.geometry() if candidate.is_areal else None,
    )


@dataclass(frozen=True, slots=True)
class Toponym:
    """A mention resolved to a place, with the resolver's score and the alternatives."""

    mention: Mention
    place: Place
    score: float
    alternatives: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Actor:
    """Who did it (actor1) or to whom (actor2); `inter` is ACLED's actor class code."""

    name: str
    country: str | None = None
    inter: int | None = None


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where an event was read: the sentence and the trigger, as character offsets."""

    article_id: str
    sentence: str
    sentence_start: int
    sentence_end: int
    trigger: str
    trigger_start: int
    trigger_end: int


@dataclass(frozen=True, slots=True)
class Event:
    """One event coded like ACLED (event_type, sub_event_type) and CAMEO (root code).

    Dates are ISO `date`, `date_start`, `date_end` with ACLED `time_precision` (1 day,
    2 week, 3 month or vaguer). `geo_precision` is ACLED's (1 town, 2 part of region, 3
    larger region). `sources` holds the provenance of every report merged into this event;
    `coding_reason` says which trigger and rule chose the type.
    """

    id: str
    label: str
    event_type: str
    sub_event_type: str
    cameo: str
    date: datetime.date | None
    date_start: datetime.date | None
    date_end: datetime.date | None
    time_precision: int
    place: Place | None
    geo_precision: int
    location_reason: str
    actor1: Actor | None
    actor2: Actor | None
    fatalities: int
    fatalities_text: str | None
    counts: tuple[tuple[str, int], ...]
    modality: str
    confidence: float
    sources: tuple[Provenance, ...]
    coding_reason: str = ""

    @property
    def provenance(self) -> Provenance:
        """The first report of the event."""
        return self.sources[0]


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """Everything the pipeline found in one article."""

    article: Article
    mentions: Sequence[Mention]  # a tuple; a long article's `geo.columns.Mentions`
    toponyms: Sequence[Toponym]  # a tuple; a long article's `geo.columns.Toponyms`
    events: tuple[Event, ...]


def gather_places(places: Iterable[Place], events: Iterable[Event]) -> list[Place]:
    """`places` plus every event's place, one per id (the first one met), sorted by id."""
    by_id: dict[str, Place] = {}
    for place in places:
        by_id.setdefault(place.id, place)
    for event in events:
        if event.place is not None:
            by_id.setdefault(event.place.id, event.place)
    return [by_id[k] for k in sorted(by_id)]


@dataclass
class RunOutcome:
    """What a run produced, and the inputs that failed (one message each)."""

    articles: dict[str, Article] = field(default_factory=dict)
    results: list[ArticleResult] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    skipped: int = 0
