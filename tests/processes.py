"""Child processes of the kill tests: their progress lines read, and the children reaped
with their pipes closed, whatever happened."""

from __future__ import annotations

import subprocess
import time


def reap(child: subprocess.Popen[str]) -> None:
    """Kill the child if it still runs, wait for it and close its pipes."""
    if child.poll() is None:
        child.kill()
        child.wait(10)
    for stream in (child.stdout, child.stderr):
        if stream is not None:
            stream.close()


def wait_done(child: subprocess.Popen[str], timeout: float = 120) -> float:
    """Wait for the child's next `done` line; return the time it arrived."""
    assert child.stdout is not None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = child.stdout.readline()
        if line.startswith("done"):
            return time.monotonic()
        if not line and child.poll() is not None:
            assert child.stderr is not None
            raise AssertionError(f"writer died: {child.stderr.read()[-2000:]}")
    raise AssertionError("writer too slow")
