"""The one-page briefing: `brief.html` (self-contained), `brief.pdf` and `brief.png`.

One A4 (or Letter) page: title with the active filters, period and "as of" day, three
to six key developments (`maps.digest`), a static print map of the period's events
(`maps.static`: no controls, place names, scale bar, north arrow, legend, attribution),
a time strip of events per day by type, the top events, and the events that cannot be
shown in the period or on the map (undated, placeless). Headless Chromium prints the
PDF and the PNG; without it only the HTML is written. Nothing depends on the clock: the
PDF's dates are the as-of day. Article text is untrusted: every value is HTML-escaped.
"""

from __future__ import annotations

import base64
import logging
import re
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from geo.errors import ConflictmapError
from geo.io import atomic_write
from geo.model import Article, Event, Place
from maps.digest import Digest, developments, latest_day, long_day, make_digest, per_day, top_events
from maps.escape import escape_html
from maps.filters import EventFilter, event_day
from maps.static import render_static_png
from maps.styles import event_symbols

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ViewportSize

log = logging.getLogger("conflictmap")

DEFAULT_TITLE = "Conflict events briefing"
TOP_ROWS = 8
APART_ROWS = 3
MARGIN_MM = 10
MAP_DPI = 200
PNG_SCALE = 2  # device pixels per CSS pixel of the page picture
NO_FILTER = EventFilter()
# Paper: CSS name, width and height, height of the map (mm): one page in the worst case.
PAPERS = {"a4": ("A4", 210.0, 297.0, 90), "letter": ("letter", 215.9, 279.4, 72)}

CSS = """
@page { size: %(page)s; margin: 0; }
* { box-sizing: border-box; }
html, body { margin: 0; background: #fff; }
body { font: 9pt/1.3 "DejaVu Sans", Arial, sans-serif; color: #222; width: %(width)smm;
       padding: %(margin)smm; }
h1 { font-size: 15pt; margin: 0; }
h1, .filters, ul.apart li { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.filters { color: #333; margin: 1mm 0 0; }
.period { color: #555; margin: 1mm 0 2mm; }
h2 { font-size: 10pt; margin: 3mm 0 1mm; border-bottom: 1px solid #ccc; }
ul.key { margin: 0; padding-left: 5mm; }
ul.key li { margin: 0.4mm 0; }
ul.apart { list-style-position: inside; padding-left: 0; }
.map { display: block; width: 100%%; height: %(map)smm; border: 1px solid #bbb; }
svg.strip { display: block; width: 100%%; height: 12mm; margin-top: 2mm; }
.axis { display: flex; justify-content: space-between; color: #555; font-size: 7pt; }
table { border-collapse: collapse; width: 100%%; table-layout: fixed; font-size: 8pt; }
th, td { border-bottom: 1px solid #e3e3e3; padding: 0.6mm 1mm; text-align: left;
         white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
th.num, td.num { text-align: right; }
.swatch { display: inline-block; width: 2.2mm; height: 2.2mm; border-radius: 50%%;
          margin-right: 1mm; }
.muted { color: #666; }
footer { margin-top: 2mm; color: #777; font-size: 7pt; }
"""


def _e(value: object) -> str:
    return escape_html("" if value is None else value)


def article_label(article: Article) -> str:
    """What names an article: its title, else its file name, URL or id."""
    origin = Path(article.origin.split(":")[0]).name if article.origin else None
    return article.title or origin or article.url or article.id


def first_sources(events: Iterable[Event], articles: Mapping[str, Article]) -> dict[str, str]:
    """Each event's first report, named by its outlet, else by the article."""
    named = {}
    for event in events:
        article = articles.get(event.provenance.article_id)
        if article is None:
            named[event.id] = event.provenance.article_id
        else:
            named[event.id] = article.source or article_label(article)
    return named


@dataclass(frozen=True, slots=True)
class Page:
    """What the page is about beyond its events: title, filters in words, paper."""

    title: str = DEFAULT_TITLE
    filters: str = ""
    paper: str = "a4"


def _css(paper: str) -> str:
    name, width, _, map_height = PAPERS[paper]
    return CSS % {"page": name, "width": f"{width:g}", "margin": MARGIN_MM, "map": map_height}


def _time_strip(digest: Digest) -> str:
    """Events per day, stacked by type, as an inline SVG (one bar a day)."""
    days = per_day(digest.current, digest.window)
    types = sorted({t for _, counts in days for t in counts})
    symbols = event_symbols(types)
    top = max((sum(c.values()) for _, c in days), default=0)
    width, height = 1000.0, 40.0
    step = width / len(days)
    bars = []
    for k, (day, counts) in enumerate(days):
        y = height
        for event_type in types:
            h = counts[event_type] / max(top, 1) * height
            if h:
                y -= h
                bars.append(
                    f'<rect x="{k * step + step * 0.1:.2f}" y="{y:.2f}" width="{step * 0.8:.2f}" '
                    f'height="{h:.2f}" fill="{symbols[event_type].color}">'
                    f"<title>{_e(day.isoformat())}: {counts[event_type]} {_e(event_type)}</title>"
                    "</rect>"
                )
    return (
        f'<svg class="strip" viewBox="0 0 {width:g} {height:g}" preserveAspectRatio="none" '
        f'role="img" aria-label="Events per day by type">'
        f'<line x1="0" y1="{height:g}" x2="{width:g}" y2="{height:g}" stroke="#999"/>'
        f"{''.join(bars)}</svg>"
        f'<div class="axis"><span>{_e(long_day(digest.window.start))}</span>'
        f"<span>events per day by type (highest: {top})</span>"
        f"<span>{_e(long_day(digest.window.end))}</span></div>"
    )


def _day_cell(event: Event) -> str:
    day = event_day(event)
    return day.isoformat() if day else "undated"


def _top_table(events: list[Event], sources: Mapping[str, str]) -> str:
    symbols = event_symbols(sorted({e.event_type for e in events}))
    rows = "".join(
        f"<tr><td>{_day_cell(e)}</td><td>{_e(e.place.name if e.place else 'no place')}</td>"
        f'<td><span class="swatch" style="background:{symbols[e.event_type].color}"></span>'
        f'<b>{_e(e.label)}</b> <span class="muted">{_e(e.event_type)}</span></td>'
        f'<td class="num">{e.fatalities}</td><td>{_e(sources.get(e.id))}</td></tr>'
        for e in top_events(events, TOP_ROWS)
    )
    return (
        '<table class="top"><colgroup><col style="width:12%"><col style="width:20%">'
        '<col style="width:38%"><col style="width:9%"><col style="width:21%"></colgroup>'
        "<thead><tr><th>Date</th><th>Place</th><th>Event and type</th>"
        '<th class="num">Killed</th><th>Source</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )


def _apart(digest: Digest, sources: Mapping[str, str]) -> str:
    apart = sorted(
        {e.id: e for e in digest.undated + digest.placeless}.values(),
        key=lambda e: (_day_cell(e), e.id),
    )
    if not apart:
        return ""
    items = "".join(
        f"<li>{_e(e.label)} — {_e(e.place.name if e.place else 'no place')}, {_day_cell(e)}, "
        f"{e.fatalities} killed ({_e(sources.get(e.id))})</li>"
        for e in apart[:APART_ROWS]
    )
    more = f"<li>and {len(apart) - APART_ROWS} more</li>" if len(apart) > APART_ROWS else ""
    return (
        "<h2>Undated or without a place (not on the map, not in the strip)</h2>"
        f'<ul class="key apart">{items}{more}</ul>'
    )


def brief_html(
    digest: Digest, articles: Mapping[str, Article], map_png: bytes | None, page: Page = Page()
) -> str:
    """The briefing page (self-contained: the map picture is a data: URI)."""
    sources = first_sources(digest.current + digest.undated, articles)
    if map_png:
        uri = "data:image/png;base64," + base64.b64encode(map_png).decode("ascii")
        picture = f'<img class="map" alt="Map of the events in the period" src="{uri}">'
    else:
        picture = '<p class="muted">No map picture: the static renderer failed.</p>'
    filters = f'<p class="filters">Filters: {_e(page.filters)}</p>' if page.filters else ""
    key = "".join(f"<li>{_e(line)}</li>" for line in developments(digest, sources))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{_e(page.title)}</title><style>{_css(page.paper)}</style></head>
<body>
<h1>{_e(page.title)}</h1>{filters}
<p class="period">Period: {_e(digest.window)} · as of {_e(long_day(digest.as_of))} ·
{len(articles)} article{"s" * (len(articles) != 1)}</p>
<h2>Key developments</h2>
<ul class="key">{key}</ul>
<h2>Map of the period</h2>
{picture}
{_time_strip(digest)}
<h2>Top events</h2>
{_top_table(digest.current, sources)}
{_apart(digest, sources)}
<footer>conflictmap: events read from the articles and coded like ACLED (fatalities: the
lower bound of a range; an event reported twice counts once). Map: Natural Earth,
GeoNames (CC-BY 4.0).</footer>
</body></html>
"""


def map_png(digest: Digest, places: Iterable[Place], paper: str) -> bytes | None:
    """The print map of the period's located events, sized for the page's content width."""
    _, width_mm, _, height_mm = PAPERS[paper]
    width_mm -= 2 * MARGIN_MM
    located = [e for e in digest.current if e.place is not None]
    shown = {e.place.id for e in located if e.place}
    try:
        return render_static_png(
            located,
            [p for p in places if p.id in shown],
            None,
            width_px=round(width_mm / 25.4 * MAP_DPI),
            height_px=round(height_mm / 25.4 * MAP_DPI),
            dpi=MAP_DPI,
        )
    except Exception as exc:  # the brief goes on without a picture (logged)
        log.warning("no map picture (%s)", exc)
        return None


# --- printing ---------------------------------------------------------------------------

_PDF_DATES = re.compile(rb"/(CreationDate|ModDate) \(D:([0-9]{14})([^)]*)\)")


def stamp_pdf_dates(pdf: bytes, day: date) -> bytes:
    """Chromium stamps the clock into the PDF: put the as-of day (same length) instead."""
    stamp = f"{day:%Y%m%d}000000".encode("ascii")
    return _PDF_DATES.sub(lambda m: b"/%s (D:%s%s)" % (m[1], stamp, m[3]), pdf)


def print_page(browser: Browser, html_path: Path, paper: str, as_of: date) -> tuple[bytes, bytes]:
    """(PDF, PNG) of the page, printed as the paper says by Chromium."""
    _, width_mm, height_mm, _ = PAPERS[paper]
    size: ViewportSize = {
        "width": round(width_mm / 25.4 * 96),
        "height": round(height_mm / 25.4 * 96),
    }
    from maps.screenshot import local_only

    page = browser.new_page(viewport=size, device_scale_factor=PNG_SCALE)
    page.route("**/*", local_only)
    try:
        page.emulate_media(media="print")
        page.goto(html_path.resolve().as_uri(), wait_until="load")
        pdf = page.pdf(print_background=True, prefer_css_page_size=True)
        png = page.screenshot(type="png", full_page=False)
    finally:
        page.close()
    return stamp_pdf_dates(pdf, as_of), png


def write_brief(
    outdir: str | Path,
    events: Iterable[Event],
    places: Iterable[Place],
    articles: Mapping[str, Article],
    page: Page = Page(),
    criteria: EventFilter = NO_FILTER,
    as_of: date | None = None,
    days: int | None = None,
    pdf: bool = True,
    browser_path: str | None = None,
) -> list[Path]:
    """Write OUTDIR/brief.html, and with a browser brief.pdf and brief.png; return paths.

    `events` are the candidates on any day; the period comes from `criteria`'s dates,
    `days` and `as_of` (default: the last day of any event or article).
    """
    events = list(events)
    as_of = as_of or latest_day(events, articles) or criteria.until
    if as_of is None:
        raise ConflictmapError("no event or article has a date: give --as-of YYYY-MM-DD")
    digest = make_digest(events, as_of, criteria.since, criteria.until, days)
    out = Path(outdir)
    html = brief_html(digest, articles, map_png(digest, places, page.paper), page)
    if not pdf:
        return [atomic_write(out / "brief.html", html)]
    printed = _print(html, page.paper, as_of, browser_path)
    written = [atomic_write(out / "brief.html", html)]
    if printed is not None:
        written.append(atomic_write(out / "brief.pdf", printed[0]))
        written.append(atomic_write(out / "brief.png", printed[1]))
    return written


def _print(
    html: str, paper: str, as_of: date, browser_path: str | None
) -> tuple[bytes, bytes] | None:
    """(PDF, PNG) of `html`, or None (logged) without a working Chromium."""
    from maps.screenshot import BrowserNotFound, launch_chromium

    try:
        with tempfile.TemporaryDirectory(prefix="conflictmap-brief-") as tmp:
            path = Path(tmp) / "brief.html"
            path.write_text(html, encoding="utf-8")
            with launch_chromium(browser_path) as browser:
                return print_page(browser, path, paper, as_of)
    except BrowserNotFound as exc:
        log.warning("%s: writing brief.html without brief.pdf and brief.png", exc)
    except ConflictmapError:
        raise
    except Exception as exc:  # playwright/Chromium failures: still write the HTML
        log.warning("Chromium failed (%s): writing brief.html without a PDF", exc)
    return None
