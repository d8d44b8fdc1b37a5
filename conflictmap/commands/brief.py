"""`conflictmap brief SOURCE... -o OUTDIR [--db PATH]`: a one-page HTML + PDF briefing."""

from __future__ import annotations

import argparse
from pathlib import Path

from conflictmap.commands.store_options import add_store_options, finish, select
from geo.outset import output_set


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "brief",
        help="one-page briefing: OUTDIR/brief.html and OUTDIR/brief.pdf",
        description="Write OUTDIR/brief.html (self-contained: key figures, map picture, "
        "dated table of events with places and sources, list of articles) and "
        "OUTDIR/brief.pdf printed by headless Chromium. With --db, SOURCE articles are "
        "added to the store first and the briefing covers the whole store.",
    )
    add_store_options(parser, sources_required=False)
    parser.add_argument("-o", "--output", required=True, type=Path, metavar="OUTDIR")
    parser.add_argument("--title", default=None, help="briefing title")
    parser.add_argument("--no-pdf", action="store_true", help="write brief.html only")
    parser.add_argument("--browser", metavar="PATH", help="Chromium executable")


def run(args: argparse.Namespace) -> int:
    from maps.brief import DEFAULT_TITLE, write_brief

    selection = select(args)
    with output_set(args.output) as stage:  # brief.html and brief.pdf as one set
        staged = write_brief(
            stage,
            selection.events,
            selection.places,
            selection.articles,
            title=args.title or DEFAULT_TITLE,
            pdf=not args.no_pdf,
            browser_path=args.browser,
        )
    return finish(selection, [args.output / path.name for path in staged])
