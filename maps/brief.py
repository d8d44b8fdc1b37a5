"""A one-page briefing: `brief.html` (self-contained) and `brief.pdf` (headless Chromium).

Title, period covered, key figures (events by type, fatalities), a picture of the map,
a dated table of events with place and sources, and the list of articles. The map picture
is a screenshot of the interactive map (`maps.render` + `maps.screenshot`); without a
browser it falls back to the static renderer (`maps.static`), and without that to no
picture. Article text is untrusted: every value is HTML-escaped.
"""

from __future__ import annotations

import base64
import logging
import re
import tempfile
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from geo.errors import ConflictmapError
from geo.io import atomic_path, atomic_write
from geo.model import Article, Event, Place
from maps.escape import escape_html, safe_url
from maps.styles import event_symbols

log = logging.getLogger("conflictmap")

DEFAULT_TITLE = "Conflict events briefing"
MAP_SIZE = (1200, 700)

CSS = """
@page { size: A4; margin: 12mm 12mm 14mm; }
* { box-sizing: border-box; }
body { font: 10.5pt/1.35 "DejaVu Sans", Arial, sans-serif; color: #222; margin: 0 auto;
       max-width: 190mm; padding: 8px; }
h1 { font-size: 18pt; margin: 0 0 2px; }
h2 { font-size: 12pt; margin: 14px 0 6px; border-bottom: 1px solid #ccc; }
.period { color: #555; margin: 0 0 10px; }
.figures { display: flex; gap: 8px; margin: 8px 0; }
.figure { flex: 1; border: 1px solid #ddd; border-radius: 4px; padding: 6px 8px; }
.figure b { display: block; font-size: 16pt; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; }
th, td { border-bottom: 1px solid #e3e3e3; padding: 3px 4px; text-align: left;
         vertical-align: top; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
td.num, th.num { text-align: right; }
td.date { white-space: nowrap; }
.swatch { display: inline-block; width: 9px; height: 9px; border-radius: 50%;
          margin-right: 4px; }
.map { width: 100%; border: 1px solid #ccc; margin: 6px 0; }
.nomap { color: #777; font-style: italic; }
.src { color: #555; }
ol.articles li { margin-bottom: 3px; }
.url { color: #555; word-break: break-all; font-size: 8.5pt; }
a { color: #1a5fb4; }
footer { margin-top: 14px; color: #777; font-size: 8.5pt; }
"""


def _e(value: object) -> str:
    return escape_html("" if value is None else value)


def _day(value: date | None) -> str:
    return value.isoformat() if value else "undated"


@dataclass(frozen=True, slots=True)
class Period:
    """The days the briefing covers (events' dates, else the articles' publication)."""

    start: date | None
    end: date | None

    def __str__(self) -> str:
        if self.start is None or self.end is None:
            return "undated"
        if self.start == self.end:
            return f"{self.start:%-d %B %Y}"
        return f"{self.start:%-d %B %Y} – {self.end:%-d %B %Y}"


def period(events: Iterable[Event], articles: Mapping[str, Article]) -> Period:
    """First and last day of the events (their start and end), else of the articles."""
    days = [d for e in events for d in (e.date_start or e.date, e.date_end or e.date) if d]
    if not days:
        days = [a.published for a in articles.values() if a.published]
    return Period(min(days), max(days)) if days else Period(None, None)


def _event_sort_key(event: Event) -> tuple[str, str]:
    return ((event.date or event.date_start or date.max).isoformat(), event.id)


def _figures(events: list[Event], articles: Mapping[str, Article]) -> str:
    fatalities = sum(e.fatalities for e in events)
    places = {e.place.id for e in events if e.place}
    placeless = sum(e.place is None for e in events)
    cards = [("events", len(events)), ("fatalities reported", fatalities),
             ("places", len(places)), ("articles", len(articles))]  # fmt: skip
    if placeless:
        cards.append(("events not located", placeless))
    items = "".join(f'<div class="figure"><b>{n}</b>{_e(label)}</div>' for label, n in cards)
    return f'<div class="figures">{items}</div>'


def _by_type(events: list[Event]) -> str:
    counts = Counter(e.event_type for e in events)
    deaths: Counter[str] = Counter()
    for event in events:
        deaths[event.event_type] += event.fatalities
    symbols = event_symbols(list(counts))
    rows = "".join(
        f'<tr><td><span class="swatch" style="background:{symbols[t].color}"></span>{_e(t)}'
        f'</td><td class="num">{counts[t]}</td><td class="num">{deaths[t]}</td></tr>'
        for t in sorted(counts, key=lambda t: (-counts[t], t))
    )
    return (
        '<table class="bytype"><thead><tr><th>Event type</th><th class="num">Events</th>'
        f'<th class="num">Fatalities</th></tr></thead><tbody>{rows}</tbody></table>'
    )


def article_label(article: Article) -> str:
    """What names an article: its title, else its file name, URL or id."""
    origin = Path(article.origin.split(":")[0]).name if article.origin else None
    return article.title or origin or article.url or article.id


def _sources_cell(event: Event, articles: Mapping[str, Article]) -> str:
    names = []
    for article_id in dict.fromkeys(s.article_id for s in event.sources):
        article = articles.get(article_id)
        if article is None:
            names.append(_e(article_id))
            continue
        label = _e(article_label(article))
        outlet = f' <span class="src">({_e(article.source)})</span>' if article.source else ""
        names.append(label + outlet)
    return "<br>".join(names)


def _events_table(events: list[Event], articles: Mapping[str, Article]) -> str:
    rows = []
    for event in sorted(events, key=_event_sort_key):
        place = event.place.name if event.place else "not located"
        actors = " → ".join(a.name for a in (event.actor1, event.actor2) if a)
        modality = f" <i>({_e(event.modality)})</i>" if event.modality != "asserted" else ""
        rows.append(
            f"<tr><td class='date'>{_e(_day(event.date or event.date_start))}</td>"
            f"<td><b>{_e(event.label)}</b>{modality}<br><span class='src'>"
            f"{_e(event.event_type)} · {_e(event.sub_event_type)}</span></td>"
            f"<td>{_e(place)}</td><td>{_e(actors)}</td>"
            f"<td class='num'>{event.fatalities}</td><td>{_sources_cell(event, articles)}</td></tr>"
        )
    return (
        '<table class="events"><thead><tr><th>Date</th><th>Event</th><th>Place</th>'
        '<th>Actors</th><th class="num">Fatalities</th><th>Sources</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _articles_list(events: list[Event], articles: Mapping[str, Article]) -> str:
    per_article = Counter(a for e in events for a in {s.article_id for s in e.sources})
    items = []
    for article in sorted(articles.values(), key=lambda a: (_day(a.published), a.id)):
        url = safe_url(article.url)
        title = _e(article_label(article))
        title = f'<a href="{_e(url)}">{title}</a>' if url else title
        meta = ", ".join(_e(v) for v in (article.source, _day(article.published)) if v)
        shown_url = f'<br><span class="url">{_e(article.url)}</span>' if article.url else ""
        n = per_article.get(article.id, 0)
        items.append(f"<li>{title} — {meta}; {n} event{'s' * (n != 1)}{shown_url}</li>")
    return f'<ol class="articles">{"".join(items)}</ol>'


def brief_html(
    events: Iterable[Event],
    articles: Mapping[str, Article],
    map_png: bytes | None,
    title: str = DEFAULT_TITLE,
) -> str:
    """The briefing page (self-contained: the map picture is a data: URI)."""
    events = list(events)
    if map_png:
        uri = "data:image/png;base64," + base64.b64encode(map_png).decode("ascii")
        picture = f'<img class="map" alt="Map of the events" src="{uri}">'
    else:
        picture = '<p class="nomap">No map picture: no browser or static renderer.</p>'
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(title)}</title><style>{CSS}</style></head>
<body>
<h1>{_e(title)}</h1>
<p class="period">Period covered: {_e(period(events, articles))}</p>
<h2>Key figures</h2>
{_figures(events, articles)}
{_by_type(events)}
<h2>Map</h2>
{picture}
<h2>Events</h2>
{_events_table(events, articles)}
<h2>Articles</h2>
{_articles_list(events, articles)}
<footer>Made with conflictmap from the articles listed above. Events are coded like
ACLED (event type, sub-event type) and located at the place the article names; see the
project's docs/schema.md.</footer>
</body></html>
"""


# --- the map picture and the PDF ---------------------------------------------------------


def map_picture(
    events: list[Event],
    places: list[Place],
    articles: Mapping[str, Article],
    title: str,
    browser: object | None,
) -> bytes | None:
    """PNG of the interactive map (with `browser`), else of the static map, else None."""
    with tempfile.TemporaryDirectory(prefix="conflictmap-brief-") as tmp:
        if browser is not None:
            try:
                from maps.render import write_map
                from maps.screenshot import capture

                page = write_map(Path(tmp) / "map.html", events, places, articles, title=title)
                png, _ = capture(browser, page, *MAP_SIZE, timeout_ms=60_000)
                return png
            except Exception as exc:  # fall back to the static picture
                log.warning("map screenshot failed (%s); using the static map", exc)
        try:
            from maps.static import write_static_png

            return Path(write_static_png(Path(tmp) / "map.png", events, places, title)).read_bytes()
        except Exception as exc:  # ImportError included: the briefing goes on without it
            log.warning("no static map picture (%s)", exc)
            return None


_PDF_DATES = re.compile(rb"/(CreationDate|ModDate) \(D:([0-9]{14})([^)]*)\)")


def _fixed_pdf_dates(pdf: bytes) -> bytes:
    """Chromium stamps the clock time into the PDF; write a fixed one of the same length."""
    return _PDF_DATES.sub(lambda m: b"/%s (D:19700101000000%s)" % (m[1], m[3]), pdf)


def print_pdf(browser: object, html_path: Path) -> bytes:
    """The page printed to A4 PDF by Chromium, backgrounds included."""
    page = browser.new_page()  # type: ignore[attr-defined]
    try:
        page.goto(html_path.resolve().as_uri(), wait_until="load")
        pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
    finally:
        page.close()
    return _fixed_pdf_dates(pdf)


def write_brief(
    outdir: str | Path,
    events: Iterable[Event],
    places: Iterable[Place],
    articles: Mapping[str, Article],
    title: str = DEFAULT_TITLE,
    pdf: bool = True,
    browser_path: str | None = None,
) -> list[Path]:
    """Write OUTDIR/brief.html and (if a browser is there) OUTDIR/brief.pdf; return paths."""
    from maps.screenshot import BrowserNotFound, launch_chromium

    out = Path(outdir)
    events = sorted(events, key=_event_sort_key)
    places = list(places)
    html_path = out / "brief.html"
    try:
        with launch_chromium(browser_path) as browser:
            picture = map_picture(events, places, articles, title, browser)
            written = [atomic_write(html_path, brief_html(events, articles, picture, title))]
            if pdf:
                pdf_bytes = print_pdf(browser, html_path)
                with atomic_path(out / "brief.pdf") as tmp:
                    tmp.write_bytes(pdf_bytes)
                written.append(out / "brief.pdf")
            return written
    except BrowserNotFound as exc:
        log.warning("%s: writing brief.html without a screenshot or a PDF", exc)
    except ConflictmapError:
        raise
    except Exception as exc:  # playwright/Chromium failures: still write the HTML
        log.warning("Chromium failed (%s): writing brief.html without a PDF", exc)
    picture = map_picture(events, places, articles, title, None)
    return [atomic_write(html_path, brief_html(events, articles, picture, title))]
