"""Split a long article into paragraph-aligned chunks, and parse it with spaCy chunk by chunk.

spaCy refuses texts longer than `nlp.max_length` (1,000,000 characters) and its memory grows
with the text, so a long article is cut into chunks of at most `max_chars` characters. A cut
falls, by preference, after a blank line (paragraph), then after a line break, then after a
sentence end, then after a space; only text without any of these is cut hard. The chunks
cover the text exactly: `"".join(c.text for c in chunks) == text` and
`text[c.start:c.end] == c.text`, so offsets found in a chunk shift by `c.start`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

CHUNK_CHARS = 100_000
"""Default chunk size: spaCy's small models parse 100k characters in well under 1 GB."""

# Cut points by preference: the end of each match is where a chunk may end.
_BREAKS = (
    re.compile(r"\n[ \t]*\n\s*"),  # paragraph: a blank line and the whitespace after it
    re.compile(r"\n\s*"),  # line break
    re.compile(r"[.!?;。！？]['\")\]’”»]*\s+"),  # sentence end followed by whitespace
    re.compile(r"\s+"),  # any whitespace
)
# Do not cut so early that chunks become tiny: the cut must fall in the last part of a window.
_MIN_SHARE = 0.5


@dataclass(frozen=True, slots=True)
class Chunk:
    """`text == source[start:end]` of the text that was split."""

    start: int
    end: int
    text: str


def split_text(text: str, max_chars: int = CHUNK_CHARS) -> list[Chunk]:
    """Paragraph-aligned chunks of at most `max_chars` characters covering `text` exactly."""
    return [Chunk(start, end, text[start:end]) for start, end in split_bounds(text, max_chars)]


def split_bounds(text: str, max_chars: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """The (start, end) of each chunk of `split_text`, without copying the text: a caller
    reading one chunk at a time holds one chunk's copy, not the whole text's."""
    if max_chars < 1:
        raise ValueError("max_chars must be positive")
    return list(_bounds(text, max_chars))


def _bounds(text: str, max_chars: int) -> Iterator[tuple[int, int]]:
    start = 0
    while len(text) - start > max_chars:
        end = _cut(text, start, start + max_chars)
        yield start, end
        start = end
    if start < len(text) or not text:
        yield start, len(text)


def _cut(text: str, start: int, limit: int) -> int:
    """The best cut in `text[start:limit]`: the last break of the most preferred kind."""
    floor = start + max(1, int((limit - start) * _MIN_SHARE))
    window = text[start:limit]
    for pattern in _BREAKS:
        best = None
        for match in pattern.finditer(window):
            end = start + match.end()
            if end > limit:
                break
            best = end
        if best is not None and best >= floor:
            return best
    return _safe_hard_cut(text, start, limit)


def _safe_hard_cut(text: str, start: int, limit: int) -> int:
    """Cut at `limit`, moved back so a combining mark or joiner stays with its base."""
    lowest = max(start + 1, limit - 8)
    end = limit
    while end > lowest and _joins(text[end]):
        end -= 1
    return limit if _joins(text[end]) else end


def _joins(char: str) -> bool:
    return unicodedata.category(char) in ("Mn", "Mc", "Me", "Cf") or char in "\u200d\ufe0f"


def parse_long(nlp: Language, text: str, max_chars: int = CHUNK_CHARS) -> Doc:
    """One spaCy Doc for `text` of any length: parsed whole if short, else chunk by chunk.

    The chunks' Docs are joined without adding whitespace, so the Doc's text, and every
    character offset in it, is exactly that of `text`. The chunks are parsed one at a time
    and the joined Doc keeps no tensor, so memory grows with the tokens, not the model's
    activations.
    """
    from spacy.tokens import Doc

    limit = min(max_chars, nlp.max_length)
    if len(text) <= limit:
        return nlp(text)
    chunks = (chunk.text for chunk in split_text(text, limit))
    docs = []
    for part in nlp.pipe(chunks, batch_size=1):  # one chunk in flight
        part.tensor = part.tensor[:0]  # no stage reads it; it is most of a Doc's memory
        docs.append(part)
    doc = Doc.from_docs(docs, ensure_whitespace=False, exclude=["tensor"])  # type: ignore[call-arg]  # doc.pyi lacks exclude
    if doc.text != text:  # pragma: no cover - guarded by the tests
        raise AssertionError("chunked parse changed the text")
    return doc
