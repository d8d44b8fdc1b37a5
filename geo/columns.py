"""A long article's mentions and toponyms kept as columns (issue 19).

A `Mention` with its two offsets is about 140 bytes and its `Toponym` 64 more; a long
text can name a place every few words (22,000 per MB in `bench/bench_paragraph.py`'s
paragraph), so these objects were most of what a long article's run kept. `Mentions`
keeps each mention as its start, length and the code of its (name, label) pair in
arrays (16 bytes);
`Toponyms` keeps its mentions so and, for each, the code of what its name resolved to
(place, score, alternatives: one per name, one sense per discourse). Both are read-only
sequences in text order; an item is made on access, equal to the object stored.
"""

from __future__ import annotations

from abc import abstractmethod
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from typing import Generic, TypeVar, overload

from geo.model import Mention, Place, Toponym

_K = TypeVar("_K")
_T = TypeVar("_T")


class _Codes(Generic[_K]):
    """Each distinct value once, and its code (the order it was first met)."""

    def __init__(self) -> None:
        self.values: list[_K] = []
        self._codes: dict[object, int] = {}

    def code(self, value: _K, key: object) -> int:
        code = self._codes.setdefault(key, len(self.values))
        if code == len(self.values):
            self.values.append(value)
        return code


class Columns(Sequence[_T]):
    """A read-only sequence whose items are made from row `i` (`_row`)."""

    @abstractmethod
    def _row(self, i: int) -> _T: ...

    @overload
    def __getitem__(self, i: int) -> _T: ...
    @overload
    def __getitem__(self, i: slice) -> list[_T]: ...
    def __getitem__(self, i: int | slice) -> _T | list[_T]:
        if isinstance(i, slice):
            return [self._row(j) for j in range(*i.indices(len(self)))]
        if not -len(self) <= i < len(self):
            raise IndexError(i)
        return self._row(i % len(self))

    def __iter__(self) -> Iterator[_T]:
        return (self._row(i) for i in range(len(self)))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]  # mutable while a run fills it

    def __repr__(self) -> str:
        return f"{type(self).__name__}({len(self)} items)"


class Mentions(Columns[Mention]):
    """An article's mentions, in text order: offsets in arrays, (name, label) pairs once."""

    def __init__(self, article_id: str, mentions: Iterable[Mention] = ()) -> None:
        self.article_id = article_id
        self.starts = array("q")
        self._lengths = array("I")
        self._kinds = array("I")
        self._names: _Codes[tuple[str, str]] = _Codes()
        self.extend(mentions)

    def extend(self, mentions: Iterable[Mention]) -> None:
        for m in mentions:
            if m.article_id != self.article_id or (self.starts and m.start < self.starts[-1]):
                raise ValueError(f"not the next mention of {self.article_id}: {m}")
            self.starts.append(m.start)
            self._lengths.append(m.end - m.start)
            self._kinds.append(self._names.code((m.text, m.label), (m.text, m.label)))

    def __len__(self) -> int:
        return len(self.starts)

    def _row(self, i: int) -> Mention:
        text, label = self._names.values[self._kinds[i]]
        start = self.starts[i]
        return Mention(self.article_id, start, start + self._lengths[i], text, label)

    def between(self, start: int, end: int) -> list[Mention]:
        """The mentions that start in [start, end)."""
        return self[bisect_left(self.starts, start) : bisect_left(self.starts, end)]


Reading = tuple[Place, float, tuple[str, ...]]
"""What a name resolved to: its place, the resolver's score and the alternatives."""


class Toponyms(Columns[Toponym]):
    """An article's toponyms, in text order: their `Mentions` and a code per reading."""

    def __init__(self, article_id: str) -> None:
        self.mentions = Mentions(article_id)
        self._readings = array("I")
        self._kinds: _Codes[Reading] = _Codes()

    def extend(self, toponyms: Iterable[Toponym]) -> None:
        for t in toponyms:
            self.append(t.mention, (t.place, t.score, t.alternatives))

    def append(self, mention: Mention, reading: Reading) -> None:
        place, score, alternatives = reading
        self.mentions.extend((mention,))
        self._readings.append(self._kinds.code(reading, (id(place), score, alternatives)))

    def __len__(self) -> int:
        return len(self.mentions)

    def _row(self, i: int) -> Toponym:
        return Toponym(self.mentions[i], *self._kinds.values[self._readings[i]])

    def between(self, start: int, end: int) -> list[Toponym]:
        """The toponyms whose mention starts in [start, end)."""
        starts = self.mentions.starts
        return self[bisect_left(starts, start) : bisect_left(starts, end)]
