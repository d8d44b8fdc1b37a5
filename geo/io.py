"""Atomic output: every file is written to a temp file beside it, then renamed.

A reader of the target sees the old file or the new one, never a half-written file, even if
the writer is killed (SIGKILL) or the disk fills up. The temp file is hidden and named
`.<name>.<random>.tmp`, so a crashed writer leaves nothing that looks like an output; the
article readers skip it too (dot files, unknown suffix).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from geo.errors import OutputError

TEMP_SUFFIX = ".tmp"


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
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TEMP_SUFFIX, dir=target.parent)
    except OSError as exc:
        raise _cannot_write(target, exc) from exc
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.chmod(tmp_path, 0o666 & ~_UMASK)
        _fsync(tmp_path)
        os.replace(tmp_path, target)
        _fsync_dir(target.parent)
    except OSError as exc:
        raise _cannot_write(target, exc) from exc
    finally:
        tmp_path.unlink(missing_ok=True)


def _fsync(path: Path) -> None:
    """Flush the file to disk so a crash after the rename cannot leave it empty."""
    if path.is_file():
        with path.open("rb") as handle:
            os.fsync(handle.fileno())


def _fsync_dir(folder: Path) -> None:
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
