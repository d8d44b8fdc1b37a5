"""Datelines: the place in capitals that opens a wire story ("KISANGANI — Residents
stormed", "BAMAKO, Oct. 20 (Sahel Wire) — ", "GOMA, 17 June – M23 rebels"). Its words are
where the story was filed, not a doer or the scene of what follows."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from geo.events.triggers import doc_text

#: What follows a dateline's place before its dash: ", Oct. 3 (Agency)", ", Mali".
DATELINE_REST = re.compile(r"[^\n—–]{0,60}?\s[—–-]{1,2}\s")


def in_dateline(span: Span) -> bool:
    """The words open a line, in capitals, and the dateline's dash follows."""
    doc = span.doc
    if not span.text.isupper():
        return False
    opening = span.start == 0 or "\n" in doc[span.start - 1].text_with_ws
    after = doc_text(doc)[span.end_char : span.end_char + 80]
    return opening and DATELINE_REST.match(after) is not None


def dateline_word(token: Token) -> bool:
    """A word of a dateline's place ("MADANI" in "WAD MADANI, Sudan — ")."""
    if not token.is_upper:
        return False
    start, end = token.i, token.i + 1
    doc = token.doc
    while start > 0 and doc[start - 1].is_upper and "\n" not in doc[start - 1].text_with_ws:
        start -= 1
    while end < len(doc) and doc[end].is_upper and doc[end].is_alpha:
        end += 1
    return in_dateline(doc[start:end])
