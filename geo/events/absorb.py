"""Events of one article that ACLED codes as one: a protest and the force met with it, the
fighting on the day a town is taken and the taking. They are joined after every sentence
is read, on the events themselves (their sentences, days, places and sides)."""

from __future__ import annotations

from dataclasses import replace

from geo.events.merge import dated_as, interval
from geo.events.taxonomy import BATTLES, RIOTS
from geo.model import Event, Provenance


def absorb_protests(events: list[Event], text: str) -> list[Event]:
    """A protest and its repression are one ACLED event when they are told in one sentence
    ("Protests turned violent ..., with police killing three demonstrators") or the
    repression in the next sentence of the paragraph ("... gathered outside the depot.
    Police fired tear gas and arrested 20."): the crackdown, unless the crowd had already
    rioted (before it, or beside a crackdown that killed nobody), then the riot with the
    force as its other side. The event kept has both
    sentences as sources."""
    events = list(events)
    for crackdown in [e for e in events if e.label == "crackdown"]:
        for told in [e for e in events if e is not crackdown and _part_of_crackdown(e, crackdown)]:
            if crackdown not in events or not _told_with(told, crackdown, text):
                continue
            riot_first = told.event_type == RIOTS and (
                told.sources[0].sentence_start != crackdown.sources[0].sentence_start
                or not crackdown.fatalities
            )
            keep, drop = (told, crackdown) if riot_first else (crackdown, told)
            events[events.index(keep)] = joined = _joined(keep, drop)
            events.remove(drop)
            if riot_first:
                break
            crackdown = joined
    return events


def absorb_announced(events: list[Event], text: str) -> list[Event]:
    """ "Fighting has broken out west of Marib. Houthi fighters attacked army positions
    ...": an incident announced with no side and no toll, then told in full in the next
    sentence of the paragraph, is that incident."""
    events = list(events)
    ordered = sorted(events, key=lambda e: e.sources[0].sentence_start)
    for bare, told in zip(ordered, ordered[1:], strict=False):
        if bare.actor1 or bare.actor2 or bare.fatalities or bare.event_type != told.event_type:
            continue
        same_day = bare.date_start is None or bare.date == told.date
        if (
            _next_in_paragraph(bare.sources[0], told.sources[0], text)
            and same_day
            and bare in events
        ):
            events[events.index(told)] = _joined(told, bare)
            events.remove(bare)
    return events


#: Battles in which ground changed hands.
TERRITORY_SUBS = frozenset({"Non-state actor overtakes territory", "Government regains territory"})


def absorb_fights(events: list[Event]) -> list[Event]:
    """The fighting told of a town taken is the taking (ACLED codes one event): a clash on
    the same day by a side of the taking ("seven fighters were killed when the rebels
    attacked Luofu") joins it, with its toll when the taking had none."""
    events = list(events)
    for taking in [e for e in events if e.sub_event_type in TERRITORY_SUBS]:
        for fight in [e for e in events if e.sub_event_type == "Armed clash"]:
            if fight.date != taking.date or fight.date is None or not _same_side(fight, taking):
                continue
            joined = _joined(taking, fight)
            if not taking.fatalities:
                joined = replace(joined, fatalities=fight.fatalities)
            events[events.index(taking)] = taking = joined
            events.remove(fight)
    return events


def _same_side(one: Event, other: Event) -> bool:
    """The events share a named side ("M23 rebels", "rebels of the AFC/M23 alliance")."""

    def names(event: Event) -> set[str]:
        actors = (a for a in (event.actor1, event.actor2) if a is not None)
        return {
            w.strip("'s")
            for a in actors
            for w in a.name.replace("/", " ").split()
            if w[:1].isupper()
        }

    return bool(names(one) & names(other))


def _joined(keep: Event, drop: Event) -> Event:
    """`keep` told in `drop`'s sentence too: both sources, a date if it had none, and the
    force that met a riot as its other side."""
    sources = tuple(sorted({*keep.sources, *drop.sources}, key=lambda s: s.sentence_start))
    joined = replace(keep, sources=sources)
    if keep.date_start is None and drop.date_start is not None:
        joined = dated_as(joined, drop)
    if keep.event_type == RIOTS and keep.actor2 is None:
        joined = replace(
            joined, actor2=drop.actor1 if drop.actor1 and drop.actor1.inter == 1 else drop.actor2
        )
    return joined


def _told_with(event: Event, crackdown: Event, text: str) -> bool:
    """The same sentence, or the sentence next to it in the same paragraph, on the same
    day (an undated one takes the other's), or the same paragraph at the same place; or
    anywhere, on the same day at the same place
    (ACLED's unit: a protest met by force there that day is one event), or on dates that
    meet when one is reported as done before its report."""
    here, there = event.sources[0], crackdown.sources[0]
    if here.sentence_start == there.sentence_start:
        return True
    dated = event.date_start is not None and crackdown.date_start is not None
    placed = event.place is not None and crackdown.place is not None
    if dated and placed and event.place == crackdown.place and _overlap(event, crackdown):
        return True
    first, then = sorted((here, there), key=lambda s: s.sentence_start)
    same_day = None in (event.date_start, crackdown.date_start) or event.date == crackdown.date
    apart = (
        placed
        and event.place != crackdown.place
        and max(event.geo_precision, crackdown.geo_precision) <= 2
    )  # "... in Nampula. In the outskirts of Maputo the same day, ...", "near Cayambe"
    if (
        placed
        and event.place == crackdown.place
        and same_day
        and _same_paragraph(first, then, text)
    ):
        return True  # "By evening, a crowd had gathered ... After 11 p.m., police moved in"
    return _next_in_paragraph(first, then, text) and same_day and not apart


def _same_paragraph(first: Provenance, then: Provenance, text: str) -> bool:
    """No line break between the two sentences."""
    return "\n" not in text[first.sentence_end : then.sentence_start]


def _next_in_paragraph(first: Provenance, then: Provenance, text: str) -> bool:
    """`then` is the sentence right after `first`, in the same paragraph."""
    return then.sentence_start - first.sentence_end <= 3 and _same_paragraph(first, then, text)


def _overlap(one: Event, other: Event) -> bool:
    """The events' date ranges meet ("said on Friday that forces had intervened" reaches
    back to Thursday's shooting)."""
    a, b = interval(one), interval(other)
    return a is not None and b is not None and a[0] <= b[1] and b[0] <= a[1]


def _part_of_crackdown(event: Event, crackdown: Event) -> bool:
    """The protest itself, its riot, the force's beatings that killed nobody ("officers beat
    several people as they fled"), or "clashes" with no armed group named beside the
    crackdown; a mob's violence only in the crackdown's sentence ("beat him to death before
    soldiers fired to scatter the crowd"), not in the next ("A man ... was lynched")."""
    if event.sub_event_type == "Mob violence":
        return event.sources[0].sentence_start == crackdown.sources[0].sentence_start
    if event.event_type in ("Protests", RIOTS):
        return True
    if event.sub_event_type == "Attack" and not event.fatalities:
        return event.actor1 is not None and event.actor1.inter == 1  # "officers beat people"
    sides = [a.inter for a in (event.actor1, event.actor2) if a is not None]
    return event.event_type == BATTLES and not any(i in (2, 3, 4) for i in sides)
