"""A command's outputs replaced as one set: staged in a hidden folder, then swapped in.

`output_set(folder)` yields a hidden staging folder `FOLDER/.set.<random>.tmp/new/`; the
command writes every output (files, or folders such as partitioned GeoParquet layers)
there. When all are written, a `COMMITTED` mark is made durable and each entry is renamed
over its target; a replaced folder is moved aside into the staging folder first. A
failure before the mark leaves the previous set untouched; a kill after it leaves the
mark, and the next run in that folder finishes the swap (`recover`). A staging folder is
locked (`flock`) while its run lives, so a concurrent run never takes it for a leftover.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from geo.errors import OutputError
from geo.io import TEMP_SUFFIX, fsync_dir, locked, try_lock

log = logging.getLogger("conflictmap")

PREFIX = ".set."
COMMITTED = "COMMITTED"


@contextmanager
def output_set(folder: str | Path) -> Iterator[Path]:
    """Yield the folder to write the new outputs into; swap them into `folder` as one set
    when the block ends without an error (else discard them). OS errors of the set's own
    steps are `OutputError`; the block's errors pass unchanged."""
    root = Path(folder)
    with _cannot_write(root):
        root.mkdir(parents=True, exist_ok=True)
        recover(root)
        stage = Path(tempfile.mkdtemp(prefix=PREFIX, suffix=TEMP_SUFFIX, dir=root))
    with locked(stage):
        try:
            with _cannot_write(root):
                (stage / "new").mkdir()
                (stage / "old").mkdir()
            yield stage / "new"
            with _cannot_write(root):
                _commit(stage)
            with _cannot_write(root, f"; the new outputs wait in {stage.name}: run again"):
                _move_in(stage, root)
        finally:
            if not (stage / COMMITTED).exists() or not any((stage / "new").iterdir()):
                shutil.rmtree(stage, ignore_errors=True)


@contextmanager
def _cannot_write(root: Path, note: str = "") -> Iterator[None]:
    """OS errors of the set's own steps as `OutputError` naming the folder (and `note`)."""
    try:
        yield
    except OSError as exc:
        raise OutputError(f"{root}: cannot write ({exc.strerror or exc}){note}") from exc


def _commit(stage: Path) -> None:
    """Make the new set and the mark that it is complete durable."""
    for path in sorted((stage / "new").rglob("*"), reverse=True):
        if path.is_file():
            with path.open("rb") as handle:
                os.fsync(handle.fileno())
    fsync_dir(stage / "new")
    (stage / COMMITTED).touch()
    fsync_dir(stage)


def _move_in(stage: Path, root: Path) -> None:
    """Rename every entry of `stage/new` over its target in `root` (a folder that is
    replaced goes to `stage/old` first)."""
    for entry in sorted((stage / "new").iterdir()):
        target = root / entry.name
        if target.is_dir() and not target.is_symlink():
            target.rename(stage / "old" / entry.name)
        os.replace(entry, target)
    fsync_dir(root)


def recover(root: Path) -> list[str]:
    """Finish or discard the output sets of killed runs in `root`; the notes logged."""
    notes = []
    for stage in sorted(root.glob(f"{PREFIX}*{TEMP_SUFFIX}")):
        with try_lock(stage) as mine:
            if not mine:
                continue  # a live run's stage
            if (stage / COMMITTED).exists() and (stage / "new").is_dir():
                _move_in(stage, root)
                notes.append(f"{root}: finished replacing the outputs of an interrupted run")
            else:
                notes.append(f"{root}: removed the unfinished outputs of an interrupted run")
            shutil.rmtree(stage)
    for note in notes:
        log.warning("%s", note)
    return notes
