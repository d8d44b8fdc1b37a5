"""Elements whose output is inserted as is, never compiled as a Jinja template.

branca's MacroElement turns each rendered macro into `Element(text)`, which compiles the
text as a template: slow for a 20 MB data blob, and `{{ ... }}` inside article text
would be evaluated. Elements carrying data or user text derive from `RawMacroElement`.
"""

from __future__ import annotations

from branca.element import Element, Figure, MacroElement


class RawHtml(Element):
    """A fixed piece of HTML, rendered verbatim."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self._name = "RawHtml"
        self.text = text

    def render(self, **kwargs: object) -> str:
        return self.text


class RawMacroElement(MacroElement):
    """Like MacroElement, but `header_html`, `body_html` and `script_js` return final text."""

    def header_html(self) -> str | None:
        return None

    def body_html(self) -> str | None:
        return None

    def script_js(self) -> str | None:
        return None

    def render(self, **kwargs: object) -> None:  # type: ignore[override]  # as MacroElement
        figure = self.get_root()
        assert isinstance(figure, Figure), "render the element inside a Figure"
        name = self.get_name()
        for part, text in (
            (figure.header, self.header_html()),
            (figure.html, self.body_html()),
            (figure.script, self.script_js()),
        ):
            if text is not None:
                part.add_child(RawHtml(text), name=name)
        for child in self._children.values():
            child.render(**kwargs)
