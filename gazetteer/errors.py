"""The project's error base, on the lowest floor so every package can derive from it."""

from __future__ import annotations


class ConflictmapError(Exception):
    """Base class of the project's documented errors."""


class GazetteerError(ConflictmapError):
    """The store is missing, corrupt or of another schema version."""
