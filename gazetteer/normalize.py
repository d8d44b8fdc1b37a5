"""Name normalisation shared by the build, the lookup and the geoparser's matcher."""

from __future__ import annotations

import re
import unicodedata

# Letters NFKD does not decompose into a base letter + combining mark.
_FOLD = str.maketrans(
    {
        "ø": "o",
        "Ø": "o",
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "ð": "d",
        "Ð": "d",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "þ": "th",
        "Þ": "th",
        "ı": "i",
        "ß": "ss",
        "ħ": "h",
        "Ħ": "h",
    }
)
# Apostrophes and dots vanish ("U.S." -> "us", "N'Djamena" -> "ndjamena", "Hawaiʻi" -> "hawaii").
_DROP = re.compile(r"[.'’‘`´ʻʼʹˈ]+")
# Everything else that is not a letter or digit separates words.
_SEPARATORS = re.compile(r"[\W_]+")


def normalize_name(text: str) -> str:
    """Casefold, strip diacritics, drop apostrophes/dots, collapse other punctuation to spaces.

    >>> normalize_name("  Bogotá,  D.C. ")
    'bogota dc'
    """
    if text.isascii():
        folded = text.lower()
    else:
        decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
        folded = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return _SEPARATORS.sub(" ", _DROP.sub("", folded)).strip()
