"""Inline third-party assets (Leaflet, Font Awesome) read from their PyPI
packages at run time, and the project's own JS/CSS from `maps/templates/`.

Nothing here is fetched over the network: every `url(...)` in a style sheet becomes a
`data:` URI and every script is inlined, so the map page makes zero requests.
"""

from __future__ import annotations

import base64
import mimetypes
import re
from functools import cache
from importlib import import_module, resources
from pathlib import Path

from branca.element import Element

_CSS_URL = re.compile(r"url\(\s*(['\"]?)([^'\")]+)\1\s*\)")
_FONT_AWESOME_SRC = re.compile(r"src:url\(\.\./webfonts/([\w-]+)\.woff2\)[^;}]*")
_MIME = {".woff2": "font/woff2", ".ttf": "font/ttf", ".png": "image/png", ".svg": "image/svg+xml"}


def package_dir(xstatic_name: str) -> Path:
    """The data directory of an installed `xstatic.pkg.<name>` package."""
    module = import_module(f"xstatic.pkg.{xstatic_name}")
    return Path(module.BASE_DIR)


def data_uri(path: Path) -> str:
    """`path` as a base64 `data:` URI."""
    mime = _MIME.get(path.suffix) or mimetypes.guess_type(path.name)[0]
    mime = mime or "application/octet-stream"
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def inline_css_urls(css: str, base: Path) -> str:
    """Replace every relative `url(...)` of `css` by a data URI of the file it names.

    URLs that are already data URIs or fragments (`#default#VML`) stay; any other URL whose
    file is missing is dropped (`none`) so the browser never requests it.
    """

    def replace(match: re.Match[str]) -> str:
        url = match.group(2).strip()
        if url.startswith(("data:", "#")):
            return match.group(0)
        path = (base / url.split("?")[0].split("#")[0]).resolve()
        return f'url("{data_uri(path)}")' if path.is_file() else "none"

    return _CSS_URL.sub(replace, css)


def _strip_source_map(text: str) -> str:
    return re.sub(r"/[/*]# sourceMappingURL=\S+", "", text)


@cache
def leaflet_js() -> str:
    return _strip_source_map((package_dir("leaflet") / "leaflet.js").read_text("utf-8"))


@cache
def leaflet_css() -> str:
    base = package_dir("leaflet")
    return inline_css_urls((base / "leaflet.css").read_text("utf-8"), base)


@cache
def font_awesome_css() -> str:
    """Font Awesome core rules + the solid face, with only the woff2 font, inlined."""
    base = package_dir("font_awesome") / "css"
    core = (base / "fontawesome.min.css").read_text("utf-8")
    solid = (base / "solid.min.css").read_text("utf-8")
    fonts = base.parent / "webfonts"
    solid = _FONT_AWESOME_SRC.sub(
        lambda m: f'src:url("{data_uri(fonts / (m.group(1) + ".woff2"))}") format("woff2")', solid
    )
    return core + "\n" + solid


def template_text(name: str) -> str:
    """A file of `maps/templates/` (the project's own JS and CSS)."""
    return resources.files("maps").joinpath(f"templates/{name}").read_text(encoding="utf-8")


def script_safe(code: str) -> str:
    """Code that cannot close the `<script>` element it is inlined into."""
    return re.sub(r"</(script)", r"<\\/\1", code, flags=re.IGNORECASE).replace("<!--", "<\\!--")


class InlineScript(Element):
    """A `<script>` element with its code inlined (goes into the figure header)."""

    def __init__(self, code: str) -> None:
        super().__init__()
        self._name = "InlineScript"
        self.code = script_safe(code)

    def render(self, **kwargs: object) -> str:
        return f"<script>{self.code}</script>"


class InlineStyle(Element):
    """A `<style>` element with its CSS inlined (goes into the figure header)."""

    def __init__(self, css: str) -> None:
        super().__init__()
        self._name = "InlineStyle"
        self.css = re.sub(r"</(style)", r"<\\/\1", css, flags=re.IGNORECASE)

    def render(self, **kwargs: object) -> str:
        return f"<style>{self.css}</style>"


def offline_assets() -> list[tuple[str, Element]]:
    """(name, element) pairs for the figure header: every library the map uses, inlined."""
    return [
        ("leaflet_css", InlineStyle(leaflet_css())),
        ("font_awesome_css", InlineStyle(font_awesome_css())),
        ("conflictmap_css", InlineStyle(template_text("conflictmap.css"))),
        ("leaflet", InlineScript(leaflet_js())),
        ("conflictmap_js", InlineScript(template_text("conflictmap.js"))),
    ]
