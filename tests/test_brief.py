"""The one-page briefing: period and as-of day, key developments, print map, time strip,
top events, events apart; one PDF page dated as of the briefing, a PNG, byte-identical."""

from __future__ import annotations

import io
import re
import shutil
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import CARACAS, REPO, make_article, make_event, synthetic_events
from PIL import Image
from pypdf import PdfReader

import maps.screenshot
from conflictmap.cli import main
from geo.model import Actor, Place
from maps.brief import Page, brief_html, stamp_pdf_dates, write_brief
from maps.digest import Window, developments, fatalities, latest_day, make_digest, per_day

needs_browser = pytest.mark.skipif(
    shutil.which("chromium") is None and not Path("/usr/bin/chromium").exists(),
    reason="needs Debian chromium",
)


@pytest.fixture
def sample():
    a = make_article(
        'US forces <script>alert("x")</script> struck a boat, killing 3.',
        title="Strike & <i>report</i>",
        source="Wire <b>A</b>",
        url="javascript:alert(1)",
    )
    b = make_article(
        "Thousands protested in Caracas.",
        title="Caracas protest",
        source="Radio Caracas",
        published=date(2025, 9, 24),
        url="https://example.org/caracas",
    )
    events = [
        make_event(a, fatalities=3),  # 2 September
        make_event(b, CARACAS, label=2, day=date(2025, 9, 3)),
        make_event(b, CARACAS, label=1, day=date(2025, 9, 5), start=10, fatalities=2),
    ]
    return events, {a.id: a, b.id: b}


def pdf_pages(path: Path) -> int:
    return len(PdfReader(path).pages)


def pdf_text(path: Path) -> str:
    return " ".join(PdfReader(path).pages[0].extract_text().split())


# --- the digest ------------------------------------------------------------------------


def test_as_of_is_the_last_day_of_the_data_never_the_clock(sample) -> None:
    events, articles = sample
    assert latest_day(events, articles) == date(2025, 9, 24)  # an article's day
    assert latest_day(events, {}) == date(2025, 9, 5)
    assert latest_day([], {}) is None


def test_the_window_and_the_one_before(sample) -> None:
    events, _ = sample
    whole = make_digest(events, date(2025, 9, 5))
    assert whole.window == Window(date(2025, 9, 2), date(2025, 9, 5))
    assert len(whole.current) == 3 and not whole.has_history
    week = make_digest(events, date(2025, 9, 5), days=2)
    assert week.window == Window(date(2025, 9, 4), date(2025, 9, 5))
    assert week.window.previous() == Window(date(2025, 9, 2), date(2025, 9, 3))
    assert [e.label for e in week.current] == ["naval deployment"]
    assert [e.label for e in week.previous] == ["boat strike", "protest"]
    dated = make_digest(events, date(2025, 9, 30), since=date(2025, 9, 3), until=date(2025, 9, 4))
    assert [e.label for e in dated.current] == ["protest"]


def test_fatalities_count_each_event_once_in_its_own_period(sample) -> None:
    events, _ = sample
    merged_twice = [*events, events[0]]  # the same event reached us twice
    assert fatalities(merged_twice) == 5
    digest = make_digest(merged_twice, date(2025, 9, 5), days=2)
    assert fatalities(digest.current) == 2 and fatalities(digest.previous) == 3
    # a multi-day event counts on its first day only, never in two periods
    long = replace(events[0], date=None, date_start=date(2025, 9, 3), date_end=date(2025, 9, 5))
    split = make_digest([long], date(2025, 9, 5), days=2)
    assert split.current == [] and fatalities(split.previous) == 3


def test_developments_are_written_from_the_events(sample) -> None:
    events, _ = sample
    digest = make_digest(events, date(2025, 9, 5), days=2)
    lines = developments(digest, {events[2].id: "Radio Caracas"})
    assert 3 <= len(lines) <= 6
    assert lines[0] == ("1 event in 4 September 2025 – 5 September 2025, 2 killed "
                        "(-1 events against the 2 days before: 2 events, 3 killed).")  # fmt: skip
    assert "By type: Strategic developments (1)." in lines
    assert "Most reported places: Caracas (1); 1 country." in lines
    assert "Most named actors: US forces (1)." in lines
    assert ("Deadliest: naval deployment in Caracas on 5 September 2025, 2 killed "
            "(Radio Caracas).") in lines  # fmt: skip


def test_per_day_counts_each_event_on_its_day(sample) -> None:
    events, _ = sample
    days = per_day(events, Window(date(2025, 9, 1), date(2025, 9, 3)))
    assert [(d.day, dict(c)) for d, c in days] == [
        (1, {}), (2, {"Explosions/Remote violence": 1}), (3, {"Protests": 1})]  # fmt: skip


# --- the page ---------------------------------------------------------------------------


def test_the_page_escapes_article_text_and_has_no_script(sample) -> None:
    events, articles = sample
    digest = make_digest(events, date(2025, 9, 5))
    page = brief_html(digest, articles, b"\x89PNG fake", Page("Week <37>", "actor “<b>”"))
    assert "<script" not in page and "javascript:" not in page
    assert "<title>Week &lt;37&gt;</title>" in page
    assert "Filters: actor “&lt;b&gt;”" in page
    assert "Wire &lt;b&gt;A&lt;/b&gt;" in page
    assert re.findall(r"""src=["'](?!data:)""", page) == []
    assert "Period: 2 September 2025 – 5 September 2025 · as of 5 September 2025" in page
    rows = re.findall(r"<tr><td>([^<]+)</td><td>([^<]+)</td>.*?<b>([^<]+)</b>", page)
    assert rows == [("2025-09-02", "southern Caribbean", "boat strike"),
                    ("2025-09-05", "Caracas", "naval deployment"),
                    ("2025-09-03", "Caracas", "protest")]  # fmt: skip


def test_a_period_without_events_says_so(sample) -> None:
    events, articles = sample
    digest = make_digest(events, date(2025, 9, 30), since=date(2025, 9, 20))
    page = brief_html(digest, articles, None)
    assert "<li>No events in 20 September 2025 – 30 September 2025.</li>" in page
    assert "(highest: 0)" in page and "<rect" not in page


def test_undated_and_placeless_events_are_listed_apart(sample) -> None:
    events, articles = sample
    undated = replace(events[1], date=None, date_start=None, date_end=None)
    placeless = replace(events[2], place=None)
    digest = make_digest([events[0], undated, placeless], date(2025, 9, 5))
    page = brief_html(digest, articles, None)
    apart = re.search(r'<ul class="key apart">(.*?)</ul>', page)
    assert apart, "a list apart"
    assert re.findall(r"<li>([^<]+?) — ([^,]+), ([^,]+),", apart[1]) == [
        ("naval deployment", "no place", "2025-09-05"), ("protest", "Caracas", "undated")]
    assert ("Listed apart: 1 event without a place (not on the map) and 1 undated event "
            "(outside every period).") in page  # fmt: skip


def test_a_pdf_keeps_its_length_when_dated_as_of() -> None:
    raw = b"<< /CreationDate (D:20261206021500+00'00') /ModDate (D:20261206021501+00'00') >>"
    stamped = stamp_pdf_dates(raw, date(2025, 9, 23))
    assert stamped == (b"<< /CreationDate (D:20250923000000+00'00') "
                       b"/ModDate (D:20250923000000+00'00') >>")  # fmt: skip


def test_without_a_browser_the_html_is_still_written(tmp_path, sample, monkeypatch) -> None:
    events, articles = sample

    def no_browser(*args, **kwargs):
        raise maps.screenshot.BrowserNotFound("no Chromium found")

    monkeypatch.setattr(maps.screenshot, "find_chromium", no_browser)
    written = write_brief(tmp_path, events, [], articles)
    assert written == [tmp_path / "brief.html"]
    assert "boat strike" in written[0].read_text(encoding="utf-8")


def test_nothing_dated_needs_as_of(tmp_path, sample) -> None:
    events, _ = sample
    undated = [replace(e, date=None, date_start=None, date_end=None) for e in events]
    with pytest.raises(Exception, match="give --as-of"):
        write_brief(tmp_path, undated, [], {}, pdf=False)
    assert write_brief(tmp_path, undated, [], {}, pdf=False, as_of=date(2025, 9, 9))


# --- printed by Chromium ----------------------------------------------------------------


@needs_browser
@pytest.mark.browser
def test_the_seed_brief_is_one_dated_page_and_byte_identical(tmp_path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    assert main(["brief", str(REPO / "seeds"), "-o", str(first)]) == 0
    assert main(["brief", str(REPO / "seeds"), "-o", str(second)]) == 0
    for name in ("brief.html", "brief.pdf", "brief.png"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    pdf = first / "brief.pdf"
    assert pdf_pages(pdf) == 1
    meta = PdfReader(pdf).metadata
    assert meta.title == "Conflict events briefing"
    assert meta["/CreationDate"].startswith("D:20250923000000")  # the article's day
    assert meta.creation_date.date() == date(2025, 9, 23)
    text = pdf_text(pdf)
    assert "as of 23 September 2025" in text
    assert "Key developments" in text and "Top events" in text
    # the total is the sum of the distinct events' fatalities: the one strike's 12
    assert re.search(r"9 events in 5 September 2025 – 23 September 2025, 12 killed", text)
    assert re.search(r"2025-09-23 southern Caribbean boat strike .*? 12 ", text)
    page = (first / "brief.html").read_text(encoding="utf-8")
    assert "leaflet" not in page.lower() and "<script" not in page  # a picture, no controls
    png = Image.open(io.BytesIO((first / "brief.png").read_bytes()))
    assert png.size == (1588, 2246)  # A4 at 96 dpi, twice


@needs_browser
@pytest.mark.browser
def test_as_of_dates_the_pdf_and_letter_paper_is_one_page(tmp_path) -> None:
    out = tmp_path / "letter"
    assert main(["brief", str(REPO / "seeds"), "-o", str(out), "--paper", "letter",
                 "--as-of", "2025-09-30", "--days", "14", "--country", "VE"]) == 0  # fmt: skip
    reader = PdfReader(out / "brief.pdf")
    assert len(reader.pages) == 1
    assert [round(v) for v in reader.pages[0].mediabox] == [0, 0, 612, 792]
    assert reader.metadata["/CreationDate"].startswith("D:20250930000000")
    text = pdf_text(out / "brief.pdf")
    assert "Filters: country VE" in text
    assert "Period: 17 September 2025 – 30 September 2025 · as of 30 September 2025" in text


def crowded() -> tuple[list, dict, list[Place]]:
    """300 events over two months with long names: more than a page could list."""
    events, articles = synthetic_events(300)
    long_name = "Very Long Place Name " * 6
    events = [
        replace(e, place=replace(e.place, name=long_name + str(i)),
                actor1=Actor("An Actor With A Remarkably Long Name " * 4),
                date=date(2025, 9, 1) + timedelta(days=i % 60), date_start=None, date_end=None,
                fatalities=i % 7)
        for i, e in enumerate(events)
    ]  # fmt: skip
    events += [replace(events[0], id=f"undated{i}", date=None) for i in range(9)]
    return events, articles, [e.place for e in events]


@needs_browser
@pytest.mark.browser
def test_a_crowded_brief_still_fits_one_page(tmp_path) -> None:
    events, articles, places = crowded()
    for paper in ("a4", "letter"):
        out = tmp_path / paper
        write_brief(out, events, places, articles, Page(title="A long title " * 4, paper=paper))
        assert pdf_pages(out / "brief.pdf") == 1, paper
        assert "and 6 more" in pdf_text(out / "brief.pdf")
