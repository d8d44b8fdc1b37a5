"""Errors a user can cause; their message names the file (and line)."""

from __future__ import annotations

from gazetteer.errors import ConflictmapError

__all__ = ["ConflictmapError", "InputError", "OutputError"]


class InputError(ConflictmapError):
    """An input that cannot be read: the message names the file and, where known, the line."""

    def __init__(self, origin: str, message: str, line: int | None = None) -> None:
        self.origin = origin
        self.line = line
        where = f"{origin}:{line}" if line is not None else origin
        super().__init__(f"{where}: {message}")


class OutputError(ConflictmapError):
    """An output that cannot be written (the message names the path)."""
