"""Article text and URLs are untrusted: the one place that makes them safe for HTML, JS
and KML output (the map, its data blob, the briefing and the KML export)."""

from __future__ import annotations

import html
import json
import re
from urllib.parse import urlsplit

_UNSAFE_URL_CHARS = re.compile(r"[\s\x00-\x1f\x7f<>\"'`]")


def escape_html(value: object) -> str:
    """`value` as text for HTML or XML content and attribute values."""
    return html.escape(str(value), quote=True)


def safe_url(url: object) -> str | None:
    """`url` if it is an http(s) URL with a host, else None (no `javascript:` links)."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return None if _UNSAFE_URL_CHARS.search(url) else url


def json_for_html(obj: object) -> str:
    """Compact JSON that cannot end or comment out the `<script>` element holding it."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )
