"""Which events a map, an export or a brief shows: one filter, one rule per criterion.

An event is kept when every active criterion holds: its day (`date`, else `date_start`)
lies within `since`..`until`; its ACLED event type or sub-event type is one of `types`;
its place is in `country` (ISO2) and its point inside `bbox`; its `confidence` is at
least `min_confidence`; an actor's name contains `actor` (case-insensitive). An event
without a day or a place fails the criteria that need them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from geo.events.taxonomy import ACLED_TYPES
from geo.model import Event, Place

BBox = tuple[float, float, float, float]


def canonical_type(name: str) -> str:
    """The ACLED event type or sub-event type spelled `name` (any case); ValueError if none."""
    names = {n.casefold(): n for t, subs in ACLED_TYPES.items() for n in (t, *subs)}
    try:
        return names[name.strip().casefold()]
    except KeyError:
        raise ValueError(f"not an ACLED event type or sub-event type: {name!r}") from None


def event_day(event: Event) -> date | None:
    """The day an event is counted on: its date, else the start of its date range."""
    return event.date or event.date_start


@dataclass(frozen=True, slots=True)
class EventFilter:
    """The criteria; the default keeps every event."""

    since: date | None = None
    until: date | None = None
    types: tuple[str, ...] = ()
    country: str | None = None
    bbox: BBox | None = None
    min_confidence: float | None = None
    actor: str | None = None

    def __post_init__(self) -> None:
        if self.since and self.until and self.since > self.until:
            raise ValueError(f"--since {self.since} is after --until {self.until}")

    def without_dates(self) -> EventFilter:
        """The same criteria for any day (the brief compares periods with it)."""
        return EventFilter(
            None, None, self.types, self.country, self.bbox, self.min_confidence, self.actor
        )

    def keeps(self, event: Event) -> bool:
        """Whether `event` meets every active criterion."""
        return (
            self._keeps_day(event_day(event))
            and (not self.types or bool({event.event_type, event.sub_event_type} & set(self.types)))
            and self.keeps_place(event.place, needed=self.country is not None or bool(self.bbox))
            and (self.min_confidence is None or event.confidence >= self.min_confidence)
            and (self.actor is None or self._keeps_actors(event))
        )

    def keeps_place(self, place: Place | None, needed: bool = True) -> bool:
        """Whether `place` is in the country and the box (None passes only if not `needed`)."""
        if place is None:
            return not needed
        if self.country is not None and (place.country or "").upper() != self.country:
            return False
        if self.bbox is not None:
            west, south, east, north = self.bbox
            inside_lon = (
                west <= place.lon <= east
                if west <= east
                else (place.lon >= west or place.lon <= east)
            )  # a box across the antimeridian
            return inside_lon and south <= place.lat <= north
        return True

    def _keeps_day(self, day: date | None) -> bool:
        if self.since is None and self.until is None:
            return True
        if day is None:
            return False
        return (self.since is None or day >= self.since) and (
            self.until is None or day <= self.until
        )

    def _keeps_actors(self, event: Event) -> bool:
        wanted = (self.actor or "").casefold()
        return any(
            a is not None and wanted in a.name.casefold() for a in (event.actor1, event.actor2)
        )

    def describe(self) -> str:
        """The active criteria in words, for titles ("" when none)."""
        parts = []
        if self.since or self.until:
            parts.append(f"dates {self.since or '…'} to {self.until or '…'}")
        if self.types:
            parts.append("type " + " or ".join(self.types))
        if self.country:
            parts.append(f"country {self.country}")
        if self.bbox:
            parts.append("area " + ",".join(f"{v:g}" for v in self.bbox))
        if self.min_confidence is not None:
            parts.append(f"confidence ≥ {self.min_confidence:g}")
        if self.actor:
            parts.append(f"actor “{self.actor}”")
        return "; ".join(parts)


def filter_events(events: Iterable[Event], criteria: EventFilter) -> list[Event]:
    """The events `criteria` keeps, in their order."""
    return [e for e in events if criteria.keeps(e)]


def filter_places(places: Iterable[Place], criteria: EventFilter) -> list[Place]:
    """The places inside the criteria's country and box (the other criteria are events')."""
    return [p for p in places if criteria.keeps_place(p)]
