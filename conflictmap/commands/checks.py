"""The checks a command runs before it reads any input or touches a store (exit 2).

A bad `-o`, an output that is one of the inputs or an unreachable `--scheduler` is found
in a second, not after a long run that has already grown the store.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator, Sequence
from pathlib import Path

from conflictmap.commands.common import ensure_writable
from geo.errors import ConflictmapError, OutputError


class InputOverwriteError(ConflictmapError):
    """An output path that names one of the command's inputs."""


def check_run(args: argparse.Namespace, files: Sequence[Path] = ()) -> None:
    """Raise unless the command can write its `-o` (file or folder), the `files` it puts
    there and its `--db` store, none of them is one of its inputs, and its `--scheduler`
    answers."""
    db: Path | None = getattr(args, "db", None)
    output = getattr(args, "output", None)
    if isinstance(output, Path):
        ensure_writable(output)
    for path in files:
        if path.is_dir():
            raise OutputError(f"{path}: cannot write (Is a directory)")
    sources = list(_sources(args))
    if db is not None:
        ensure_writable(db)
        refuse_inputs(db, sources)
    for path in files:
        refuse_inputs(path, [*sources, *([db] if db is not None else [])])
    scheduler = getattr(args, "scheduler", None)
    if scheduler:
        from geo.parallel import check_scheduler

        check_scheduler(scheduler)


def refuse_inputs(path: Path, inputs: Sequence[Path]) -> None:
    """Raise if the output `path` is one of `inputs`."""
    for source in inputs:
        if _same_file(path, source):
            raise InputOverwriteError(f"{path}: is an input of this command; not overwritten")


def _sources(args: argparse.Namespace) -> Iterator[Path]:
    for source in getattr(args, "sources", None) or []:
        if source != "-":
            yield Path(source)


def _same_file(one: Path, other: Path) -> bool:
    try:
        return one.resolve() == other.resolve()
    except OSError:
        return False
