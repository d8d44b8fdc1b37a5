"""Helpers shared by the bench scripts: corpus loading, timing, peak memory, machine."""

from __future__ import annotations

import gzip
import json
import os
import platform
import statistics
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[1]
EVAL = REPO.parent / "shared" / "data" / "eval"
LGL = EVAL / "lgl.jsonl.gz"
GEOVIRUS = EVAL / "geovirus.jsonl.gz"
KEEP = ("id", "text", "title", "date", "url")


def read_gz_jsonl(path: Path) -> list[dict]:
    """The records of a gzipped JSON Lines corpus."""
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def write_articles_jsonl(records: list[dict], path: Path) -> Path:
    """The article fields of `records` as a plain JSONL the conflictmap readers take."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps({k: record[k] for k in KEEP if k in record}) + "\n")
    return path


def machine() -> str:
    """One line describing this machine and the load on it."""
    cpu = platform.processor() or platform.machine()
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = psutil.virtual_memory().total / 2**30
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"{model or cpu}, {psutil.cpu_count()} cores, {mem:.0f} GiB RAM, "
        f"Python {platform.python_version()}, load avg before run {load}"
    )


class PeakMemory:
    """Samples the RSS of this process plus all its children (Dask workers) every 0.5 s."""

    def __init__(self, interval: float = 0.5) -> None:
        self.interval = interval
        self.peak_total = 0
        self.peak_self = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> None:
        me = psutil.Process()
        total = own = me.memory_info().rss
        for child in me.children(recursive=True):
            with suppress(psutil.Error):
                total += child.memory_info().rss
        self.peak_total = max(self.peak_total, total)
        self.peak_self = max(self.peak_self, own)

    def _run(self) -> None:
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakMemory:
        self._sample()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()


@contextmanager
def timer() -> Iterator[list[float]]:
    """`with timer() as t: ...` then `t[0]` is the elapsed wall time in seconds."""
    box: list[float] = []
    start = time.perf_counter()
    try:
        yield box
    finally:
        box.append(time.perf_counter() - start)


def median(values: list[float]) -> float:
    return statistics.median(values)


def mib(n_bytes: int) -> float:
    return n_bytes / 2**20


class CpuClock:
    """CPU seconds (user + system) used by this process and its children (the Dask
    workers) since the clock was made. On a shared machine this is steadier than wall
    time: other people's processes slow our wall clock, much less our CPU time."""

    def __init__(self) -> None:
        self.base = self._times()
        self.base_reaped = self._reaped()

    @staticmethod
    def _reaped() -> float:
        import resource

        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        return usage.ru_utime + usage.ru_stime

    @staticmethod
    def _times() -> dict[int, float]:
        me = psutil.Process()
        times: dict[int, float] = {}
        for proc in [me, *me.children(recursive=True)]:
            with suppress(psutil.Error):
                cpu = proc.cpu_times()
                times[proc.pid] = cpu.user + cpu.system
        return times

    def read(self) -> float:
        """CPU seconds since the clock was made: processes alive now, plus children that
        ended and were waited for (a process pool's workers)."""
        now = self._times()
        alive = sum(t - self.base.get(pid, 0.0) for pid, t in now.items())
        return alive + self._reaped() - self.base_reaped


def report(result: dict, log: Path | None, indent: int | None = None) -> None:
    """Print a benchmark's result and, with `log`, append it as one JSON line."""
    print(json.dumps(result, indent=indent), flush=True)
    if log:
        with log.open("a") as out:
            out.write(json.dumps(result) + "\n")
