"""Atomic output: every file is written to a temp file beside it, then renamed.

A reader of the target sees the old file or the new one, never a half-written file, even if
the writer is killed (SIGKILL) or the disk fills up. The temp file is hidden and named
`.<name>.<random>.tmp`, so a crashed writer leaves nothing that looks like an output; the
article readers skip it too (dot files, unknown suffix). A writer holds a lock (`flock`)
on its temp file, so the next write of the same target removes the temp files of killed
writers (`remove_stale`) and never those of live ones.
"""

from __future__ import annotations

import fcntl
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from geo.errors import OutputError

TEMP_SUFFIX = ".tmp"

log = logging.getLogger("conflictmap")


def _read_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _read_umask()  # read once, at import: os.umask cannot be read without setting it


def _cannot_write(target: Path, exc: OSError) -> OutputError:
    return OutputError(f"{target}: cannot write ({exc.strerror or exc})")


@contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """Yield a temp path beside `path`; on success rename it over `path`, else remove it.

    The file gets the permissions a new file would get (0666 less the umask), not
    mkstemp's 0600. OS errors while writing or renaming become `OutputError`. The temp
    file exists (empty) and ends in `.tmp`: a writer that picks the format from the suffix
    must be told the format (pyogrio: `driver="GPKG"`).
    """
    target = Path(path)
    try:
        if target.is_dir():
            raise IsADirectoryError(21, "Is a directory")
        target.parent.mkdir(parents=True, exist_ok=True)
        remove_stale(target.parent, f".{target.name}.")
        fd, tmp_path = _locked_temp(target)
    except OSError as exc:
        raise _cannot_write(target, exc) from exc
    try:
        yield tmp_path
        os.chmod(tmp_path, 0o666 & ~_UMASK)
        _fsync(tmp_path)
        os.replace(tmp_path, target)
        fsync_dir(target.parent)
    except OSError as exc:
        raise _cannot_write(target, exc) from exc
    finally:
        tmp_path.unlink(missing_ok=True)
        os.close(fd)


def _locked_temp(target: Path) -> tuple[int, Path]:
    """A new temp file beside `target`, locked, and its descriptor (kept open)."""
    while True:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TEMP_SUFFIX, dir=target.parent)
        fcntl.flock(fd, fcntl.LOCK_EX)
        if os.fstat(fd).st_nlink:  # not removed as stale between its creation and the lock
            return fd, Path(tmp)
        os.close(fd)


def remove_stale(folder: Path, prefix: str) -> list[Path]:
    """Remove the temp files and folders `<prefix>*.tmp` in `folder` that no live writer
    holds (a killed run's leftovers) and say so; return them."""
    removed = []
    for path in sorted(folder.glob(f"{glob_escape(prefix)}*{TEMP_SUFFIX}")):
        with try_lock(path) as mine:
            if mine:
                shutil.rmtree(path) if path.is_dir() else path.unlink()
                removed.append(path)
    for path in removed:
        log.warning("%s: removed the leftover of an interrupted write", path)
    return removed


def glob_escape(text: str) -> str:
    """`text` with the glob characters `*?[` taken literally."""
    return "".join(f"[{char}]" if char in "*?[" else char for char in text)


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on the file or folder `path` (waiting for it)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


@contextmanager
def try_lock(path: Path) -> Iterator[bool]:
    """Whether the lock on `path` was free (then it is held in the block)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        yield False  # gone already
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        yield False
        return
    try:
        yield True
    finally:
        os.close(fd)


def _fsync(path: Path) -> None:
    """Flush the file to disk so a crash after the rename cannot leave it empty."""
    if path.is_file():
        with path.open("rb") as handle:
            os.fsync(handle.fileno())


def fsync_dir(folder: Path) -> None:
    """Flush a folder's entries (renames) to disk, where the file system can."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot sync a directory; the rename is still atomic
    finally:
        os.close(fd)


def atomic_write(path: str | Path, data: str | bytes) -> Path:
    """Write text (UTF-8) or bytes to `path` atomically and return the path."""
    with atomic_path(path) as tmp:
        if isinstance(data, str):
            tmp.write_text(data, encoding="utf-8", newline="\n")
        else:
            tmp.write_bytes(data)
    return Path(path)
