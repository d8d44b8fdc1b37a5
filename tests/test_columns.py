"""A long article's mentions and toponyms as columns (issue 19): the same items, less memory."""

from __future__ import annotations

import pytest

from geo.columns import Mentions, Toponyms
from geo.model import Mention, Place, Toponym

CARACAS = Place("gn:1", "Caracas", "city", (-66.9, 10.5), country="VE")
VENEZUELA = Place("gn:2", "Venezuela", "country", (-66.0, 8.0), country="VE")


def mentions(n: int) -> list[Mention]:
    names = [("Caracas", "GPE"), ("Venezuela", "GPE"), ("Caracas", "GAZ")]
    return [Mention("a1", 10 * i, 10 * i + 7, *names[i % 3]) for i in range(n)]


def test_mentions_are_the_same_items_in_text_order_and_a_window_is_found_by_start() -> None:
    items = mentions(300)
    kept = Mentions("a1", items)
    assert kept == items and list(kept) == items and items == list(kept)
    assert len(kept) == 300 and kept[-1] == items[-1] and kept[5:8] == items[5:8]
    assert kept.between(95, 200) == [m for m in items if 95 <= m.start < 200]
    with pytest.raises(IndexError):
        kept[300]
    with pytest.raises(ValueError, match="not the next mention"):
        kept.extend([items[0]])  # out of text order


def test_toponyms_keep_one_reading_per_name_and_give_back_the_same_toponyms() -> None:
    readings = {"Caracas": (CARACAS, 0.9, ("gn:9",)), "Venezuela": (VENEZUELA, 0.99, ())}
    items = [Toponym(m, *readings[m.text]) for m in mentions(300)]
    kept = Toponyms("a1")
    kept.extend(items)
    assert kept == items and kept.between(0, 35) == items[:4]
    assert all(t.place is readings[t.mention.text][0] for t in kept)  # not copied
