"""Child processes of the kill tests: reaped and their pipes closed, whatever happened."""

from __future__ import annotations

import subprocess


def reap(child: subprocess.Popen[str]) -> None:
    """Kill the child if it still runs, wait for it and close its pipes."""
    if child.poll() is None:
        child.kill()
        child.wait(10)
    for stream in (child.stdout, child.stderr):
        if stream is not None:
            stream.close()
