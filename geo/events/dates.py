"""Event dates: relative expressions resolved against the article's publication date.

`resolve_expression("on Sunday", date(2025, 9, 23))` -> DateRange(2025-09-21, 2025-09-21, 1).
ACLED time_precision: 1 the day is known, 2 the week, 3 the month or vaguer.

dateparser (maintained, multilingual) resolves points: weekdays, "yesterday", "two days
ago", "3 March", "July 2024" (with the period it read: day, month, year). It cannot:
- return a range: "last week" is a point seven days back, "last year" the same day a
  year back — windows (calendar week, month, year) are computed here;
- read vague spans: "in recent weeks", "in recent days", "earlier this month", "over the
  weekend" (None) — handled here with fixed windows (7 / 28 / 180 days);
- read possessives and event nouns: "last year's election" fails; "days after the first
  strike" needs the date of another event — `after_anchor` resolves it from the anchor's
  range (see `geo.events.detect`);
- keep a weekday on the publication day: on a Tuesday "Tuesday" gives the previous week
  with PREFER_DATES_FROM="past"; news usage means the same day, so weekdays are done here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from dateparser.date import DateDataParser

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
PRECISION = {"day": 1, "part_of_day": 1, "time": 1, "week": 2, "month": 3, "year": 3}
UNIT_DAYS = {"hour": 0, "day": 1, "week": 7, "month": 30, "year": 365}
_FILLER = re.compile(
    r"^(?:on|in|at|during|by|since|from|over|until|of|early|late|mid|the"
    r"|(?:hours|morning|evening|afternoon) of|night of(?!\s+\d{1,2}\s*[-–]))\s+"
)  # "the early hours of Sunday", "the night of Saturday"
_POSSESSIVE = re.compile(r"(?:'s|’s)$")


@dataclass(frozen=True, slots=True)
class DateRange:
    """`start`..`end` inclusive; `date` is the single date an analyst would code."""

    start: date
    end: date
    precision: int
    text: str = ""

    @property
    def date(self) -> date:
        """The latest day the text allows (ACLED's rule for a week or a month)."""
        return self.end


# "25 years", "more than 17 years", "a 65-year-old": a duration or an age, not a date.
_DURATION = re.compile(
    r"(?:(?:about|nearly|almost|over|more than|at least|some|the past|the last)\s+)?"
    r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|few)"
    r"[\s-]+(?:hours?|days?|weeks?|months?|years?|decades?)(?:[\s-]+old)?"
)
# "13-14 April", "the night of 25-26 January 2025": a span of days of one month.
_DAY_SPAN = re.compile(
    r"(?P<night>night of\s+)?(?P<first>\d{1,2})\s*[-–]\s*(?P<last>\d{1,2})"
    r"\s+(?P<rest>[a-z]+(?:\s+\d{4})?)"
)
# "the 1990s", "the early 2010s", "the '90s": a decade.
_DECADE = re.compile(
    r"(?:the )?(?:early |mid-?|late )?(?:(?P<decade>1[5-9]\d|20\d)|'?(?P<short>[2-9]))0'?s"
)
_NAMED_YEAR = re.compile(r"\b(?:1[5-9]|20)\d\d\b")
_LONG_EARLIER = re.compile(r"\b(months?|years?|decades?) earlier$")
_UNKNOWN_PUBLICATION = date(9998, 12, 31)  # reads a dated expression without clipping it


@lru_cache(maxsize=64)
def _parser(base: datetime) -> DateDataParser:
    return DateDataParser(
        languages=["en"],
        settings={
            "PREFER_DATES_FROM": "past",
            "RETURN_TIME_AS_PERIOD": True,
            "RELATIVE_BASE": base,
        },
    )


def normalise(text: str) -> str:
    """Lower-case, drop leading prepositions and a trailing possessive."""
    text = re.sub(r"\s+", " ", text.lower().strip(" ,.;:\"'"))
    text = _POSSESSIVE.sub("", text)
    previous = None
    while previous != text:
        previous, text = text, _FILLER.sub("", text)
    return text


def _month_range(year: int, month: int) -> tuple[date, date]:
    first = date(year, month, 1)
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return first, nxt - timedelta(days=1)


def _clip(start: date, end: date, published: date | None, precision: int, text: str) -> DateRange:
    end = min(end, published) if published else end
    return DateRange(min(start, end), end, precision, text)


def _weekday(text: str, published: date) -> DateRange | None:
    words = text.replace("last ", "").replace("this past ", "").replace("past ", "").split()
    if not words or words[0] not in WEEKDAYS:
        return None
    if len(words) > 2 or (
        len(words) == 2 and words[1] not in ("morning", "afternoon", "evening", "night")
    ):
        return None
    back = (published.weekday() - WEEKDAYS.index(words[0])) % 7
    day = published - timedelta(days=back)
    return DateRange(day, day, 1)


def _relative_window(text: str, published: date) -> DateRange | None:
    """Windows dateparser cannot express."""
    p = published
    if text in (
        "today",
        "this morning",
        "tonight",
        "this afternoon",
        "this evening",
        "earlier today",
        "earlier on today",
        "overnight",
    ):
        return DateRange(p, p, 1)
    if text in ("yesterday", "last night", "yesterday morning", "yesterday evening"):
        return DateRange(p - timedelta(1), p - timedelta(1), 1)
    monday = p - timedelta(days=p.weekday())
    if text in ("last week", "the past week", "past week", "previous week"):
        return DateRange(monday - timedelta(7), monday - timedelta(1), 2)
    if text in ("this week", "earlier this week"):
        return DateRange(monday, p, 2)
    if text in ("last weekend", "the weekend", "weekend", "this weekend"):
        saturday = monday - timedelta(2)
        return DateRange(saturday, saturday + timedelta(1), 2)
    if re.fullmatch(r"(?:recent|the past|past|the last|last)( few)? days", text):
        return DateRange(p - timedelta(7), p, 2)
    if re.fullmatch(r"(?:recent|the past|past|the last|last)( few| several)? weeks", text):
        return DateRange(p - timedelta(28), p, 3)
    if re.fullmatch(r"(?:recent|the past|past|the last|last)( few| several)? months", text):
        return DateRange(p - timedelta(180), p, 3)
    if text in ("last month", "previous month"):
        return DateRange(
            *_month_range(*((p.year - 1, 12) if p.month == 1 else (p.year, p.month - 1))), 3
        )
    if text in ("this month", "earlier this month"):
        return DateRange(p.replace(day=1), p, 3)
    if text in ("last year", "previous year"):
        return DateRange(date(p.year - 1, 1, 1), date(p.year - 1, 12, 31), 3)
    if text in ("this year", "earlier this year"):
        return DateRange(date(p.year, 1, 1), p, 3)
    return None


def _day_span(text: str, published: date) -> DateRange | None:
    """ "13-14 April": both days; a night across two days is coded on the second."""
    match = _DAY_SPAN.fullmatch(text)
    if match is None:
        return None
    last = _absolute(f"{match['last']} {match['rest']}", published)
    if last is None or last.precision != 1 or int(match["first"]) >= int(match["last"]):
        return None
    if match["night"]:
        return last
    first = last.start.replace(day=int(match["first"]))
    return DateRange(first, last.end, 1 if (last.end - first).days <= 1 else 2)


#: A field note's day and month in figures, day first: "17/08", "3/11".
NUMERIC_DAY = re.compile(r"(?P<day>\d{1,2})/(?P<month>\d{1,2})")


def _numeric_day(text: str, published: date) -> DateRange | None:
    """ "17/08" in a field note: that day, the latest on or before publication."""
    match = NUMERIC_DAY.fullmatch(text)
    if match is None:
        return None
    day, month = int(match["day"]), int(match["month"])
    for year in (published.year, published.year - 1):
        try:
            found = date(year, month, day)
        except ValueError:
            return None
        if found <= published:
            return DateRange(found, found, 1)
    return None


def _decade(text: str, published: date) -> DateRange | None:
    match = _DECADE.fullmatch(text)
    if match is None:
        return None
    first = int(match["decade"]) * 10 if match["decade"] else 1900 + int(match["short"]) * 10
    return _clip(date(first, 1, 1), date(first + 9, 12, 31), published, 3, text)


#: What a date written out names beside bare numbers: a month, a year, "ago", a day's ordinal.
_DATE_WORD = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|\b\d{4}\b|ago\b|\d(?:st|nd|rd|th)\b"
)


def _absolute(text: str, published: date) -> DateRange | None:
    """A point or period dateparser can read: "3 March", "July 2024", "two days ago"."""
    if _DURATION.fullmatch(text) or not _DATE_WORD.search(text):
        return None  # "65" of "65-year-old", "about 80" nautical miles: numbers, not dates
    base = datetime(published.year, published.month, published.day, 12)
    data = _parser(base).get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    day, period = data.date_obj.date(), data.period or "day"
    if period == "year":
        return _clip(date(day.year, 1, 1), date(day.year, 12, 31), published, 3, text)
    if period == "month":
        return _clip(*_month_range(day.year, day.month), published, 3, text)
    if period == "week":
        return DateRange(day - timedelta(3), min(day + timedelta(3), published), 2)
    return DateRange(day, day, 1) if day <= published else None


#: Holidays on a fixed day (month, day): "on Christmas Eve 2023", "New Year's Day".
HOLIDAYS = {"christmas eve": (12, 24), "christmas day": (12, 25), "christmas": (12, 25),
            "boxing day": (12, 26), "new year's eve": (12, 31), "new year's day": (1, 1),
            "new year": (1, 1)}  # fmt: skip
_HOLIDAY = re.compile(
    r"(?P<name>" + "|".join(sorted(HOLIDAYS, key=len, reverse=True)) + r")(?:\s+(?P<year>\d{4}))?"
)


def _holiday(text: str, published: date) -> DateRange | None:
    """A fixed-day holiday, in the year named or the latest one on or before publication."""
    match = _HOLIDAY.fullmatch(text)
    if match is None:
        return None
    month, day = HOLIDAYS[match["name"]]
    year = int(match["year"]) if match["year"] else published.year
    if not match["year"] and date(year, month, day) > published:
        year -= 1
    found = date(year, month, day)
    return DateRange(found, found, 1) if found <= published else None


MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august",
               "september", "october", "november", "december")  # fmt: skip
_MONTHS = "|".join(MONTH_NAMES)
_LAST_MONTH = re.compile(
    rf"last (?P<month>{_MONTHS})|(?P<named>{_MONTHS})(?: of)? (?P<which>last|this) year"
)


def _last_month_named(text: str, published: date) -> DateRange | None:
    """ "last December": the latest such month before the publication's month; "June last
    year", "March this year": that month of the year named."""
    match = _LAST_MONTH.fullmatch(text)
    if match is None:
        return None
    if match["named"]:
        month = MONTH_NAMES.index(match["named"]) + 1
        year = published.year - (match["which"] == "last")
    else:
        month = MONTH_NAMES.index(match["month"]) + 1
        year = published.year - (month >= published.month)
    return _clip(*_month_range(year, month), published, 3, text)


#: The months a northern season starts and ends in (winter runs over the new year).
SEASONS = {"winter": (12, 2), "spring": (3, 5), "summer": (6, 8), "autumn": (9, 11),
           "fall": (9, 11)}  # fmt: skip
_SEASON = re.compile(rf"(?:last|past) (?P<season>{'|'.join(SEASONS)})")


def _season(text: str, published: date) -> DateRange | None:
    """ "last winter", "the past summer": the latest such season over before publication
    ("this winter" in October is still to come)."""
    match = _SEASON.fullmatch(text)
    if match is None:
        return None
    first, last = SEASONS[match["season"]]
    year = published.year + 1  # the year the season ends in
    while True:
        year -= 1
        start = _month_range(year - (first > last), first)[0]
        end = _month_range(year, last)[1]
        if end < published:
            return _clip(start, end, published, 3, text)


_WEEK_OF = re.compile(r"(?:(?P<nth>first|second|third|fourth|last) )?week of (?P<rest>.+)")
NTH_WEEK = {"first": 0, "second": 1, "third": 2, "fourth": 3}


def _week_of(text: str, published: date) -> DateRange | None:
    """ "the week of 24 November": that day and the six after it; "the last week of
    October", "the second week of May": that week of the month (ACLED's week precision)."""
    match = _WEEK_OF.fullmatch(text)
    if match is None:
        return None
    found = resolve_expression(match["rest"], published)
    if found is None:
        return None
    if match["nth"] is None:
        start = found.start
    elif match["nth"] == "last":
        start = found.end - timedelta(days=6)
    else:
        start = found.start + timedelta(days=7 * NTH_WEEK[match["nth"]])
    return _clip(start, start + timedelta(days=6), published, 2, text)


def _named_year(text: str, published: date) -> DateRange | None:
    """An expression read no other way that names a year ("Eid 2024"): that year."""
    match = _NAMED_YEAR.search(text)
    if match is None:
        return None
    year = int(match.group())
    return _clip(date(year, 1, 1), date(year, 12, 31), published, 3, text)


@lru_cache(maxsize=4096)
def resolve_expression(text: str, published: date | None) -> DateRange | None:
    """The date range a temporal expression denotes, or None when it names no date.

    Without a publication date only an expression that names its year is read ("2
    September 2025", "July 2024"): "Monday" or "last week" have nothing to count from.
    """
    norm = normalise(text)
    if published is None:
        if not _NAMED_YEAR.search(norm):
            return None
        found = _absolute(norm, _UNKNOWN_PUBLICATION)
        return DateRange(found.start, found.end, found.precision, text.strip()) if found else None
    norm = re.sub(r"^(last|this|next) (year|month|week)'?s?$", r"\1 \2", norm)
    norm = _LONG_EARLIER.sub(r"\1 ago", norm)  # "seven years earlier", in an anniversary piece
    for resolver in (_weekday, _relative_window, _day_span, _numeric_day, _decade, _holiday,
                     _last_month_named, _season, _week_of, _absolute, _named_year):  # fmt: skip
        found = resolver(norm, published)
        if found is not None:
            return DateRange(found.start, found.end, found.precision, text.strip())
    return None


def after_anchor(unit: str, anchor: DateRange, published: date | None, text: str) -> DateRange:
    """ "days after X": a window starting after the anchor's start, at most a few units."""
    step = UNIT_DAYS.get(unit.rstrip("s"), 1)
    start = anchor.start + timedelta(days=max(step, 1))
    end = anchor.start + timedelta(days=max(step * 10, 2))
    precision = 2 if step <= 1 and anchor.precision <= 2 else 3
    return _clip(start, end, published, precision, text)


def shifted(anchor: DateRange, days: int, published: date | None, text: str) -> DateRange:
    """The anchor's range moved by `days` ("the next day"), never after publication."""
    step = timedelta(days=days)
    return _clip(anchor.start + step, anchor.end + step, published, anchor.precision, text)


def undated(published: date | None) -> DateRange | None:
    """No date in the text: the event happened on or before publication (precision 3)."""
    if published is None:
        return None
    return DateRange(published, published, 3, "")
