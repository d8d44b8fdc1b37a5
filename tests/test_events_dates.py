"""Relative dates resolved against the publication date, with ACLED time precision."""

from __future__ import annotations

from datetime import date

import pytest
from test_events_background import events_of

from geo.events.dates import DateRange, after_anchor, resolve_expression, undated
from geo.events.timeline import sequel_offset

TUESDAY = date(2025, 9, 23)


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("On Sunday", date(2025, 9, 21), date(2025, 9, 21), 1),
        ("on Monday", date(2025, 9, 22), date(2025, 9, 22), 1),
        ("Monday evening", date(2025, 9, 22), date(2025, 9, 22), 1),
        ("Tuesday", TUESDAY, TUESDAY, 1),  # the publication day itself, not a week back
        ("yesterday", date(2025, 9, 22), date(2025, 9, 22), 1),
        ("last week", date(2025, 9, 15), date(2025, 9, 21), 2),
        ("this week", date(2025, 9, 22), TUESDAY, 2),
        ("In recent weeks", date(2025, 8, 26), TUESDAY, 3),
        ("the past few days", date(2025, 9, 16), TUESDAY, 2),
        ("last month", date(2025, 8, 1), date(2025, 8, 31), 3),
        ("earlier this month", date(2025, 9, 1), TUESDAY, 3),
        ("last year's", date(2024, 1, 1), date(2024, 12, 31), 3),
        ("in July 2024", date(2024, 7, 1), date(2024, 7, 31), 3),
        ("2024", date(2024, 1, 1), date(2024, 12, 31), 3),
        ("March 3, 2024", date(2024, 3, 3), date(2024, 3, 3), 1),
        ("two days ago", date(2025, 9, 21), date(2025, 9, 21), 1),
        ("On Christmas Eve 2023", date(2023, 12, 24), date(2023, 12, 24), 1),
        ("Christmas Day", date(2024, 12, 25), date(2024, 12, 25), 1),  # the latest one
        ("Eid al-Adha 2024", date(2024, 1, 1), date(2024, 12, 31), 3),  # the year it names
        ("last December", date(2024, 12, 1), date(2024, 12, 31), 3),
        ("last September", date(2024, 9, 1), date(2024, 9, 30), 3),  # not this month
        ("June last year", date(2024, 6, 1), date(2024, 6, 30), 3),
        ("17/08", date(2025, 8, 17), date(2025, 8, 17), 1),  # a field note's day, day first
        ("the early hours of Sunday", date(2025, 9, 21), date(2025, 9, 21), 1),
        ("the night of Saturday", date(2025, 9, 20), date(2025, 9, 20), 1),
        ("March of this year", date(2025, 3, 1), date(2025, 3, 31), 3),
    ],
)
def test_resolve_expression(text: str, start: date, end: date, precision: int) -> None:
    found = resolve_expression(text, TUESDAY)
    assert found is not None
    assert (found.start, found.end, found.precision) == (start, end, precision)


@pytest.mark.parametrize("text", ["in years", "his first term", "weekly"])
def test_expressions_without_a_date(text: str) -> None:
    assert resolve_expression(text, TUESDAY) is None


def test_no_publication_date_only_expressions_that_name_their_year() -> None:
    """A text file without a date line: "on Sunday" has nothing to count from, but
    "2 September 2025" and "July 2024" are dates all the same."""
    assert resolve_expression("on Sunday", None) is None
    assert resolve_expression("last week", None) is None
    assert resolve_expression("September 2", None) is None
    day = resolve_expression("on 2 September 2025", None)
    assert day is not None and (day.start, day.end, day.precision) == (
        date(2025, 9, 2),
        date(2025, 9, 2),
        1,
    )
    month = resolve_expression("July 2024", None)
    assert month is not None and (month.start, month.end) == (date(2024, 7, 1), date(2024, 7, 31))
    later = after_anchor("days", DateRange(date(2025, 9, 2), date(2025, 9, 2), 1), None, "after")
    assert later.start == date(2025, 9, 3)  # not clipped: no publication date to clip to


def test_single_date_is_the_latest_day_of_the_range() -> None:
    assert DateRange(date(2024, 7, 1), date(2024, 7, 31), 3).date == date(2024, 7, 31)


@pytest.mark.parametrize(("text", "day"), [
    ("Gangs took control of the town on the night of 13-14 December after fighting police.", 14),
    ("Drones were shot down over the region on the night of 15 December.", 15),
])  # fmt: skip
def test_days_before_a_month_name_belong_to_its_date(text: str, day: int) -> None:
    (event,) = events_of(text, date(2024, 12, 20))
    assert event.date == date(2024, 12, day) and event.time_precision == 1


def test_days_after_an_anchor_event() -> None:
    strikes = DateRange(date(2025, 8, 26), TUESDAY, 3)
    found = after_anchor("days", strikes, TUESDAY, "days after the first strike")
    assert found.start == date(2025, 8, 27) and found.end <= TUESDAY and found.precision == 3


def test_undated_is_on_or_before_publication() -> None:
    found = undated(TUESDAY)
    assert found is not None and found.end == TUESDAY and found.precision == 3


def test_a_distance_is_not_a_year() -> None:
    from geo.events.dates import resolve_expression

    assert resolve_expression("about 80", date(2025, 3, 6)) is None


@pytest.mark.parametrize(("text", "trigger", "day"), [
    ("Mediators met in Cairo on Tuesday for talks, a day after Israeli troops killed two "
     "Palestinians near Khan Younis.", "killed", date(2026, 1, 19)),
    ("The two sides signed an agreement in Kunming on Friday, but a deadly drone strike on a "
     "village three days later has raised doubts.", "drone strike", date(2026, 1, 19)),
])  # fmt: skip
def test_a_day_after_and_days_later_count_from_the_date_told_before(
    text: str, trigger: str, day: date
) -> None:
    events = events_of(text, published=date(2026, 1, 21))
    assert [e.date for e in events if e.provenance.trigger == trigger] == [day]



@pytest.mark.parametrize(("text", "published", "start", "end"), [
    ("last winter", date(2026, 10, 20), date(2025, 12, 1), date(2026, 2, 28)),
    ("last winter", date(2026, 1, 10), date(2024, 12, 1), date(2025, 2, 28)),
    ("last summer", date(2026, 10, 20), date(2026, 6, 1), date(2026, 8, 31)),
    ("the past autumn", date(2026, 3, 2), date(2025, 9, 1), date(2025, 11, 30)),
])  # fmt: skip
def test_a_season_gone_by(text: str, published: date, start: date, end: date) -> None:
    assert resolve_expression(text, published) == DateRange(start, end, 3, text)


def test_a_season_to_come_is_no_date() -> None:
    assert resolve_expression("this winter", date(2026, 10, 20)) is None


@pytest.mark.parametrize(("text", "start", "end"), [
    ("the week of 24 November", date(2025, 11, 24), date(2025, 11, 30)),
    ("the last week of October", date(2025, 10, 25), date(2025, 10, 31)),
    ("the second week of May", date(2025, 5, 8), date(2025, 5, 14)),
])  # fmt: skip
def test_a_week_named_by_its_day_or_its_place_in_a_month(text: str, start: date, end: date) -> None:
    assert resolve_expression(text, date(2025, 12, 2)) == DateRange(start, end, 2, text)


def test_an_undated_incident_goes_on_on_the_day_told_just_before() -> None:
    """PUBLISHED is Thursday 23 October 2025: the raid is Tuesday's, and so is the fight
    the next sentence of the paragraph tells; a new paragraph starts afresh."""
    text = (
        "Raiders attacked a cattle camp outside Bor on Tuesday night, killing three herders. "
        "Police exchanged fire with them near the Juba road without casualties.\n\n"
        "Hundreds of traders marched through the market against new taxes."
    )
    found = {e.provenance.trigger: (e.date, e.date_start is not None) for e in events_of(text)}
    assert found["exchanged"] == (date(2025, 10, 21), True)
    assert found["marched"][1] is False


def test_the_reports_day_yields_to_the_day_the_reported_clause_gives() -> None:
    text = ("In Kursk, the security service said on Thursday it had detained three residents of "
            "Rylsk on Monday on suspicion of spying.")  # fmt: skip
    (arrest,) = events_of(text, date(2026, 3, 12))
    assert arrest.date == date(2026, 3, 9)


def test_a_fronted_day_of_a_reported_clause_is_its_own() -> None:
    text = ("On Saturday, police fired tear gas to break up a march in Lomé, and on Tuesday police "
            "arrested three leaders of the movement, their lawyer said.")  # fmt: skip
    days = sorted(e.date for e in events_of(text, date(2026, 6, 24)) if e.date)
    assert days == [date(2026, 6, 20), date(2026, 6, 23)]


def test_hours_later_after_midnight_is_the_next_day() -> None:
    assert sequel_offset("Hours later, a drone struck the hospital shortly after midnight.") == 1
    assert sequel_offset("Hours later, a drone struck the hospital.") == 0



def test_a_field_notes_day_before_its_place_heading_dates_it() -> None:
    text = ("15/03 Kragujevac: protesters threw flares and bottles at police outside the city "
            "assembly; police responded with pepper spray.")  # fmt: skip
    assert [e.date for e in events_of(text, date(2026, 3, 16))] == [date(2026, 3, 15)]
