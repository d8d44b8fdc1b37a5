"""PNG screenshots of a map page in headless Chromium (playwright), once it is drawn.

The browser is found automatically (`CONFLICTMAP_CHROMIUM`, then Debian's
`/usr/bin/chromium`, then other usual names on PATH) or given explicitly. The page sets
`window.conflictmapReady = true` when its layers are drawn; the screenshot waits for it.
A page without that flag is refused before the browser starts, and the page may load
local files only: every network request is aborted.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geo.errors import ConflictmapError
from geo.io import atomic_path

if TYPE_CHECKING:
    from playwright.sync_api import Browser

ENV_BROWSER = "CONFLICTMAP_CHROMIUM"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
_CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome")
READY_FLAG = "window.conflictmapReady === true"
MAP_MARKER = b"window.conflictmapReady"
MAX_PAGE_BYTES = 1 << 30


class ScreenshotError(ConflictmapError):
    """A page that is not one of our maps, or that is not drawn in time."""


class BrowserNotFound(ConflictmapError):
    """No Chromium to take the screenshot with."""


def find_chromium(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The Chromium executable: `explicit`, else $CONFLICTMAP_CHROMIUM, else a usual one."""
    for candidate in (explicit, os.environ.get(ENV_BROWSER)):
        if candidate:
            path = Path(candidate)
            if path.is_file() and os.access(path, os.X_OK):
                return path
            raise BrowserNotFound(f"{path}: not an executable Chromium")
    for name in _CANDIDATES:
        found = shutil.which(name)
        if found:
            return Path(found)
    raise BrowserNotFound(
        f"no Chromium found: install it (apt-get install chromium) or set {ENV_BROWSER}"
    )


@contextmanager
def launch_chromium(browser: str | os.PathLike[str] | None = None) -> Iterator[Browser]:
    """A playwright Chromium browser (headless, no sandbox, no background networking)."""
    from playwright.sync_api import sync_playwright

    executable = find_chromium(browser)
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path=str(executable), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield chromium
        finally:
            chromium.close()


def capture(
    browser: Browser, html_path: Path, width: int, height: int, timeout_ms: int
) -> tuple[bytes, float]:
    """Open the page, wait until the map is drawn; return (PNG bytes, ms until ready)."""
    from playwright.sync_api import Error as PlaywrightError

    page = browser.new_page(viewport={"width": width, "height": height})
    page.route("**/*", local_only)
    try:
        page.goto(html_path.resolve().as_uri(), wait_until="load", timeout=timeout_ms)
        page.wait_for_function(READY_FLAG, timeout=timeout_ms)
        elapsed = page.evaluate("performance.now()")
        return page.screenshot(type="png", full_page=False), float(elapsed)
    except PlaywrightError as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ScreenshotError(f"{html_path}: the map was not drawn ({reason})") from exc
    finally:
        page.close()


def local_only(route: Any) -> None:
    """Let the page load local files only: abort every request to the network."""
    if route.request.url.startswith("file:"):
        route.continue_()
    else:
        route.abort()


def check_map_page(path: Path) -> None:
    """Raise (`ScreenshotError`) unless `path` is a map page of ours (it sets the ready
    flag): anything else would be waited for in vain."""
    try:
        if path.stat().st_size > MAX_PAGE_BYTES:
            raise ScreenshotError(f"{path}: larger than {MAX_PAGE_BYTES:,} bytes; not a map")
        data = path.read_bytes()
    except OSError as exc:
        raise ScreenshotError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    if MAP_MARKER not in data:
        raise ScreenshotError(f"{path}: not a conflictmap map page (made by `conflictmap map`)")


def take_screenshot(
    html_path: str | Path,
    png_path: str | Path,
    width: int = 1280,
    height: int = 800,
    browser: str | os.PathLike[str] | None = None,
    timeout_ms: int = 60_000,
) -> Path:
    """Write a PNG of the map page `html_path` to `png_path` (atomically)."""
    source = Path(html_path)
    if not source.is_file():
        raise ConflictmapError(f"{source}: no such map file")
    check_map_page(source)
    with launch_chromium(browser) as chromium:
        png, _ = capture(chromium, source, width, height, timeout_ms)
    with atomic_path(png_path) as tmp:
        tmp.write_bytes(png)
    return Path(png_path)
