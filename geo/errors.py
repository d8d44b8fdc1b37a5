"""Errors a user can cause; their message names the file (and line)."""

from __future__ import annotations

from gazetteer.errors import ConflictmapError

__all__ = ["ConflictmapError", "InputError", "InputFailures", "OutputError", "printable"]

MAX_ERRORS_PER_FILE = 20


def printable(text: str) -> str:
    """`text` with every non-printable character (newline, escape…) written as an escape,
    so a file name cannot forge lines or colours in a report."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in text)


class InputError(ConflictmapError):
    """An input that cannot be read: the message names the file and, where known, the line."""

    def __init__(self, origin: str, message: str, line: int | None = None) -> None:
        self.origin = origin
        self.line = line
        where = f"{printable(origin)}:{line}" if line is not None else printable(origin)
        super().__init__(f"{where}: {message}")


class OutputError(ConflictmapError):
    """An output that cannot be written (the message names the path)."""


class InputFailures:
    """The messages of failed inputs, in input order: each once, the first
    `per_file` of a file, then how many more that file had."""

    def __init__(self, per_file: int = MAX_ERRORS_PER_FILE) -> None:
        self.per_file = per_file
        self._messages: list[str] = []
        self._shown: set[str] = set()
        self._origin: str | None = None
        self._count = self._hidden = 0

    def add(self, error: InputError) -> None:
        if error.origin != self._origin:
            self._close_file()
            self._origin, self._count = error.origin, 0
        message = str(error)
        if message in self._shown:
            return
        if self._count < self.per_file:
            self._messages.append(message)
            self._shown.add(message)
            self._count += 1
        else:
            self._hidden += 1

    def _close_file(self) -> None:
        if self._hidden and self._origin is not None:
            self._messages.append(
                f"{printable(self._origin)}: {self._hidden:,} more error(s) in this file not shown"
            )
        self._hidden = 0

    def messages(self) -> list[str]:
        """Every message so far (the last file's count of hidden errors included)."""
        self._close_file()
        return list(self._messages)
