"""The briefing: self-contained HTML with figures, map picture, events table, articles; PDF."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date

import pytest
from conftest import CARACAS, REPO, make_article, make_event

import maps.screenshot
from conflictmap.cli import main
from maps.brief import Period, brief_html, period, write_brief

needs_browser = pytest.mark.skipif(
    shutil.which("chromium") is None and not shutil.which("/usr/bin/chromium"),
    reason="needs Debian chromium",
)


def pdf_text(path) -> str:
    """The PDF's text (poppler's pdftotext)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (Debian poppler-utils) is not installed")
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


@pytest.fixture
def sample():
    a = make_article(
        'US forces <script>alert("x")</script> struck a boat, killing 3.',
        title="Strike & <i>report</i>",
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
        make_event(a, fatalities=3),
        make_event(b, CARACAS, label=2, day=date(2025, 9, 3)),
        make_event(b, CARACAS, label=1, day=date(2025, 9, 5), start=10),
    ]
    return events, {a.id: a, b.id: b}


def test_period_spans_the_events_else_the_articles(sample):
    events, articles = sample
    assert period(events, articles) == Period(date(2025, 9, 2), date(2025, 9, 5))
    assert str(period(events, articles)) == "2 September 2025 – 5 September 2025"
    assert period([], articles) == Period(date(2025, 9, 23), date(2025, 9, 24))
    assert str(period([], {})) == "undated"


def test_html_has_figures_table_and_articles_with_everything_escaped(sample):
    events, articles = sample
    page = brief_html(events, articles, b"\x89PNG fake", title="Week <37>")
    assert "<script" not in page and 'href="javascript:' not in page
    assert "<title>Week &lt;37&gt;</title>" in page
    assert "Strike &amp; &lt;i&gt;report&lt;/i&gt;" in page
    assert 'src="data:image/png;base64,' in page
    # no external resource: the only URLs are the articles' links
    assert re.findall(r"""src=["'](?!data:)""", page) == []
    assert "Period covered: 2 September 2025 – 5 September 2025" in page
    # key figures: 3 events, 3 fatalities; one row per event type
    assert re.search(r"<b>3</b>events", page) and re.search(r"<b>3</b>fatalities", page)
    rows = re.findall(r"<tr><td class='date'>([^<]+)</td><td><b>([^<]+)</b>", page)
    assert rows == [
        ("2025-09-02", "boat strike"),
        ("2025-09-03", "protest"),
        ("2025-09-05", "naval deployment"),
    ]
    assert '<a href="https://example.org/caracas">Caracas protest</a>' in page
    assert "2 events" in page  # the Caracas article reports two
    assert "not located" not in page


def test_events_without_a_place_are_counted_and_listed(sample):
    from dataclasses import replace

    events, articles = sample
    events = [replace(events[0], place=None), *events[1:]]
    page = brief_html(events, articles, None, title="Week")
    assert re.search(r"<b>1</b>events not located", page)
    assert re.search(r"<b>3</b>events", page)


@needs_browser
def test_brief_writes_html_and_pdf_with_the_table(tmp_path, sample):
    events, articles = sample
    written = write_brief(tmp_path, events, [], articles, title="Test briefing")
    assert written == [tmp_path / "brief.html", tmp_path / "brief.pdf"]
    page = (tmp_path / "brief.html").read_text(encoding="utf-8")
    png = re.search(r'src="data:image/png;base64,([^"]+)"', page)
    assert png and len(png[1]) > 10_000, "a real map picture is embedded"
    pdf = (tmp_path / "brief.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and b"/Subtype /Image" in pdf
    text = pdf_text(tmp_path / "brief.pdf")
    for expected in (
        "Test briefing",
        "boat strike",
        "southern",
        "Caracas protest",
        "naval deployment",
        "2025-09-03",
        "Radio Caracas",
    ):
        assert expected in text, expected
    assert re.search(r"Explosions/Remote violence\s+1\s+3", text)


def test_without_a_browser_the_html_is_still_written(tmp_path, sample, monkeypatch):
    events, articles = sample

    def no_browser(*args, **kwargs):
        raise maps.screenshot.BrowserNotFound("no Chromium found")

    monkeypatch.setattr(maps.screenshot, "find_chromium", no_browser)
    written = write_brief(tmp_path, events, [], articles)
    assert written == [tmp_path / "brief.html"]
    assert "boat strike" in written[0].read_text(encoding="utf-8")


@needs_browser
def test_brief_command_on_the_seed(tmp_path):
    out = tmp_path / "brief"
    assert main(["brief", str(REPO / "seeds"), "-o", str(out)]) == 0
    page = (out / "brief.html").read_text(encoding="utf-8")
    assert "data:image/png;base64," in page
    text = " ".join(pdf_text(out / "brief.pdf").split())
    for expected in (
        "Events",
        "boat strike",
        "naval deployment",
        "Explosions/Remote violence",
        "Caracas",
        "venezuela-us-caribbean-2025-09-23.txt",
    ):
        assert expected in text, expected
    assert re.search(r"boat strike .*\b12\b", text), "the strike's fatalities are in its row"
