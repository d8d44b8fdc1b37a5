"""What a briefing says: its period and "as of" day, figures, key developments, top events.

Everything is computed from the events (never from the clock), so the same events and
as-of day always give the same words. Each event counts once, on its day (`date`, else
`date_start`); its fatalities are the coded ones (ACLED: a range counts its lower bound),
and an event reported by several articles was merged into one event, so it is counted
once. Undated events cannot fall in a period: they are kept apart.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from geo.model import Article, Event
from maps.filters import event_day

MAX_NAMES = 3  # places or actors named in one development
MAX_NAME = 32  # characters of a name in a development


@dataclass(frozen=True, slots=True)
class Window:
    """The days from `start` to `end`, both included."""

    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Window:
        """The window of equal length just before this one."""
        return Window(self.start - timedelta(days=self.days), self.start - timedelta(days=1))

    def contains(self, day: date | None) -> bool:
        return day is not None and self.start <= day <= self.end

    def __str__(self) -> str:
        if self.start == self.end:
            return long_day(self.start)
        return f"{long_day(self.start)} – {long_day(self.end)}"


def long_day(day: date) -> str:
    """'9 September 2025'."""
    return f"{day.day} {day:%B %Y}"


def latest_day(events: Iterable[Event], articles: Mapping[str, Article]) -> date | None:
    """The last day of any event (its end) or article: the default "as of" day."""
    days = [d for e in events for d in (e.date_end, event_day(e)) if d]
    days += [a.published for a in articles.values() if a.published]
    return max(days, default=None)


def fatalities(events: Iterable[Event]) -> int:
    """Deaths in `events`, each event (by id) once."""
    return sum({e.id: e.fatalities for e in events}.values())


@dataclass(frozen=True, slots=True)
class Digest:
    """The events of a briefing, split by when and where they can be shown."""

    as_of: date
    window: Window
    current: list[Event]  # dated, in the window
    previous: list[Event]  # dated, in the window before
    has_history: bool  # any event before the window (so a change can be stated)
    undated: list[Event]

    @property
    def placeless(self) -> list[Event]:
        return [e for e in self.current if e.place is None]


def make_digest(
    events: Iterable[Event],
    as_of: date,
    since: date | None = None,
    until: date | None = None,
    days: int | None = None,
) -> Digest:
    """Split `events` around the window: `since` (else `days` before the end, else the
    first event's day) to `until` (else `as_of`), never past `as_of`."""
    events = list(events)
    end = min(until, as_of) if until else as_of
    dated = [d for e in events if (d := event_day(e)) is not None and d <= end]
    if since is not None:
        start = since
    elif days is not None:
        start = end - timedelta(days=days - 1)
    else:
        start = min(dated, default=end)
    window = Window(min(start, end), end)
    before = window.previous()
    return Digest(
        as_of=as_of,
        window=window,
        current=[e for e in events if window.contains(event_day(e))],
        previous=[e for e in events if before.contains(event_day(e))],
        has_history=any(d < window.start for d in dated),
        undated=[e for e in events if event_day(e) is None],
    )


def _short(name: str) -> str:
    return name if len(name) <= MAX_NAME else name[: MAX_NAME - 1] + "…"


def _top(counts: Counter[str]) -> str:
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_NAMES]
    return ", ".join(f"{_short(name)} ({n})" for name, n in ranked)


def _plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else many or word + 's'}"


def developments(digest: Digest, sources: Mapping[str, str]) -> list[str]:
    """Three to six plain sentences about the period (fewer only without events).

    `sources` names each event's first report (outlet or article), for the deadliest.
    """
    events = digest.current
    if not events:
        return [f"No events in {digest.window}."]
    lines = [_overview(digest)]
    lines.append("By type: " + _top(Counter(e.event_type for e in events)) + ".")
    places = Counter(e.place.name for e in events if e.place)
    countries = {e.place.country for e in events if e.place and e.place.country}
    lines.append(
        f"Most reported places: {_top(places)}; {_plural(len(countries), 'country', 'countries')}."
        if places
        else "No event could be placed on the map."
    )
    actors = Counter(a.name for e in events for a in (e.actor1, e.actor2) if a)
    if actors:
        lines.append(f"Most named actors: {_top(actors)}.")
    deadliest = max(events, key=lambda e: (e.fatalities, e.id))
    if deadliest.fatalities:
        where = f" in {_short(deadliest.place.name)}" if deadliest.place else ""
        day = event_day(deadliest)
        lines.append(
            f"Deadliest: {deadliest.label}{where} on {long_day(day) if day else 'an unknown day'}"
            f", {deadliest.fatalities} killed ({_short(sources.get(deadliest.id, 'unknown'))})."
        )
    new = sorted(
        {e.place.name for e in events if e.place}
        - {e.place.name for e in digest.previous if e.place}
    )
    if digest.previous and new:
        more = f" and {len(new) - MAX_NAMES} more" if len(new) > MAX_NAMES else ""
        named = ", ".join(map(_short, new[:MAX_NAMES]))
        lines.append(f"New places against the previous period: {named}{more}.")
    apart = _apart(digest)
    if apart:
        lines.append(apart)
    return lines[:6]


def _overview(digest: Digest) -> str:
    now, killed = len(digest.current), fatalities(digest.current)
    text = f"{_plural(now, 'event')} in {digest.window}, {killed} killed"
    if digest.has_history:
        before = len(digest.previous)
        text += (
            f" ({now - before:+d} events against the {_plural(digest.window.days, 'day')} "
            f"before: {_plural(before, 'event')}, {fatalities(digest.previous)} killed)"
        )
    return text + "."


def _apart(digest: Digest) -> str:
    parts = []
    if digest.placeless:
        parts.append(f"{_plural(len(digest.placeless), 'event')} without a place (not on the map)")
    if digest.undated:
        parts.append(f"{_plural(len(digest.undated), 'undated event')} (outside every period)")
    return ("Listed apart: " + " and ".join(parts) + ".") if parts else ""


def top_events(events: Iterable[Event], n: int) -> list[Event]:
    """The `n` events that matter most: deadliest, then most reported, then latest."""

    def rank(e: Event) -> tuple[int, int, int, str]:
        day = event_day(e)
        age = date.max.toordinal() - (day.toordinal() if day else 0)  # undated ones last
        return (-e.fatalities, -len({s.article_id for s in e.sources}), age, e.id)

    return sorted(events, key=rank)[:n]


def per_day(events: Iterable[Event], window: Window) -> list[tuple[date, Counter[str]]]:
    """Events per day of the window, by event type (each event on its day)."""
    counts: dict[date, Counter[str]] = {
        window.start + timedelta(days=k): Counter() for k in range(window.days)
    }
    for event in events:
        day = event_day(event)
        if day in counts:
            counts[day][event.event_type] += 1
    return list(counts.items())
