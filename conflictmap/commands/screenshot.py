"""`conflictmap screenshot MAP.html -o MAP.png`: a PNG of a map page in headless Chromium."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from conflictmap.commands.common import ExamplesFormatter

EXAMPLES = """\
examples:
  conflictmap screenshot out/map.html -o out/map.png
  conflictmap screenshot out/map.html -o phone.png --width 375 --height 812
"""


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "screenshot",
        epilog=EXAMPLES,
        formatter_class=ExamplesFormatter,
        help="PNG of a map page (headless Chromium)",
        description="Open MAP.html in headless Chromium, wait until the map is drawn and "
        "write a PNG. The browser is found automatically (/usr/bin/chromium, PATH) or "
        "given with --browser or the CONFLICTMAP_CHROMIUM environment variable.",
    )
    parser.add_argument("map", type=Path, metavar="MAP.html")
    parser.add_argument("-o", "--output", required=True, type=Path, metavar="MAP.png")
    parser.add_argument("--width", type=int, default=1280, help="viewport width (px)")
    parser.add_argument("--height", type=int, default=800, help="viewport height (px)")
    parser.add_argument("--browser", metavar="PATH", help="Chromium executable")


def run(args: argparse.Namespace) -> int:
    from maps.screenshot import take_screenshot

    if args.width <= 0 or args.height <= 0:
        print("conflictmap: error: --width and --height must be positive", file=sys.stderr)
        return 2
    path = take_screenshot(args.map, args.output, args.width, args.height, browser=args.browser)
    print(path)
    return 0
