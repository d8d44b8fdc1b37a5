"""Issue 19 in headless Chromium: `screenshot` refuses pages that are not maps, fails
clearly when a map is not drawn, and lets no page reach the network."""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from maps.screenshot import ScreenshotError, take_screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="no /usr/bin/chromium"),
]


@pytest.fixture
def server() -> Iterator[tuple[int, list[str]]]:
    """A local HTTP server and the paths requested from it."""
    requested: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the http.server name)
            requested.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield httpd.server_address[1], requested
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_a_page_that_is_not_a_map_is_refused_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from conflictmap.cli import main

    page = tmp_path / "page.html"
    page.write_text("<html><body>Hello</body></html>")
    start = time.monotonic()
    status = main(["screenshot", str(page), "-o", str(tmp_path / "page.png")])
    assert time.monotonic() - start < 5
    assert status == 2 and not (tmp_path / "page.png").exists()
    assert f"{page}: not a conflictmap map page" in capsys.readouterr().err


def test_a_map_that_is_never_drawn_is_a_clear_error(tmp_path: Path) -> None:
    page = tmp_path / "stuck.html"
    page.write_text("<script>window.conflictmapReady = false;</script>")
    with pytest.raises(ScreenshotError, match="stuck.html: the map was not drawn"):
        take_screenshot(page, tmp_path / "stuck.png", timeout_ms=1_000)


def test_the_page_cannot_reach_the_network(
    tmp_path: Path, server: tuple[int, list[str]]
) -> None:
    port, requested = server
    url = f"http://127.0.0.1:{port}"
    page = tmp_path / "leaky.html"
    page.write_text(
        f'<img src="{url}/pixel.png"><link rel="stylesheet" href="{url}/style.css">'
        f"<script>window.conflictmapReady = false;"
        f'fetch("{url}/beacon").finally(() => {{ window.conflictmapReady = true; }});</script>'
    )
    take_screenshot(page, tmp_path / "leaky.png", timeout_ms=10_000)
    assert (tmp_path / "leaky.png").stat().st_size > 0
    assert requested == []


def test_the_printed_brief_cannot_reach_the_network(
    tmp_path: Path, server: tuple[int, list[str]]
) -> None:
    from datetime import date

    from maps.brief import print_page
    from maps.screenshot import launch_chromium

    port, requested = server
    url = f"http://127.0.0.1:{port}"
    page = tmp_path / "leaky-brief.html"
    page.write_text(f'<img src="{url}/pixel.png"><script>fetch("{url}/beacon")</script>')
    with launch_chromium(None) as browser:
        pdf, png = print_page(browser, page, "a4", date(2025, 9, 23))
    assert pdf.startswith(b"%PDF") and png
    time.sleep(0.2)
    assert requested == []
