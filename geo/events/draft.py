"""The event being coded: a trigger group with what the first pass found for it."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from geo.events.counts import Count
from geo.events.dates import DateRange
from geo.events.geolocate import Location
from geo.events.taxonomy import BATTLES, EXPLOSIONS, RIOTS, VAC, EventKind
from geo.events.triggers import Trigger
from geo.model import Actor


@dataclass
class Draft:
    """An event being coded, before the second (cross-sentence) dating pass."""

    group: list[Trigger]
    kind: EventKind
    sentence_index: int
    anchor: Token
    actor1: Actor | None
    actor2: Actor | None
    when: DateRange | None
    date_source: str
    counts: list[Count]
    location: Location
    after: tuple[str, str] | None = None
    #: later sentences that tell it again, each with the trigger read there
    retold: list[tuple[int, Trigger]] = field(default_factory=list)


def violence_family(kind: EventKind) -> str:
    """Kinds a re-mention may switch between: "strikes" told, "the attack" named again."""
    return "violence" if kind.event_type in (BATTLES, EXPLOSIONS, VAC, RIOTS) else kind.event_type
