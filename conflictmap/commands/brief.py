"""`conflictmap brief SOURCE... -o OUTDIR [--db PATH]`: a one-page briefing (HTML, PDF, PNG)."""

from __future__ import annotations

import argparse
from pathlib import Path

from conflictmap.commands.common import (
    FILTER_EXAMPLES,
    ExamplesFormatter,
    add_filter_options,
    event_filter,
    positive_int,
)
from conflictmap.commands.store_options import add_store_options, finish, select
from geo.outset import output_set

BRIEF_EXAMPLES = """\
examples:
  conflictmap brief seeds/ -o brief/                     the demo article's briefing
  conflictmap brief --db events.gpkg -o brief/ --days 7 --as-of 2025-09-23
  conflictmap brief --db events.gpkg -o brief/ --country VE --paper letter
"""


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "brief",
        help="one-page briefing: OUTDIR/brief.html, brief.pdf and brief.png",
        description="Write a one-page briefing: OUTDIR/brief.html (self-contained) and, "
        "printed by headless Chromium, OUTDIR/brief.pdf and OUTDIR/brief.png. It covers "
        "the period from --since (else --days before its end, else the first event) to "
        "--until (else the as-of day), compared with the period of equal length before: "
        "key developments, a print map, events per day, the top events, and the undated "
        "or placeless events apart. With --db, SOURCE articles are added to the store "
        "first and the briefing draws on the whole store.",
        epilog=BRIEF_EXAMPLES + FILTER_EXAMPLES,
        formatter_class=ExamplesFormatter,
    )
    add_store_options(parser, sources_required=False)
    add_filter_options(parser)
    parser.add_argument("-o", "--output", required=True, type=Path, metavar="OUTDIR")
    parser.add_argument("--title", default=None, help="briefing title")
    parser.add_argument(
        "--days", type=positive_int, metavar="N", help="the period is the N days up to its end"
    )
    parser.add_argument("--paper", choices=("a4", "letter"), default="a4", help="page size")
    parser.add_argument("--no-pdf", action="store_true", help="write brief.html only")
    parser.add_argument("--browser", metavar="PATH", help="Chromium executable")


def run(args: argparse.Namespace) -> int:
    from maps.brief import DEFAULT_TITLE, Page, write_brief

    criteria = event_filter(args)
    selection = select(args, criteria.without_dates())  # the period before is compared
    with output_set(args.output) as stage:  # brief.html, .pdf and .png as one set
        staged = write_brief(
            stage,
            selection.events,
            selection.places,
            selection.articles,
            page=Page(args.title or DEFAULT_TITLE, criteria.describe(), args.paper),
            criteria=criteria,
            as_of=args.as_of,
            days=args.days,
            pdf=not args.no_pdf,
            browser_path=args.browser,
        )
    return finish(selection, [args.output / path.name for path in staged])
