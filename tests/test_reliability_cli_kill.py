"""Issue 19, "done when": SIGKILL at random points of the real `map`, `export -o DIR/` and
`ingest` commands (40 kills in all). After each kill and the next run's first step, the
outputs are the old set or the new set whole, never a mix, and nothing hidden is left.

A fork server loads the model and the gazetteer once (a warm run), then forks one child
per run of the command; the test kills the child at a random time within the length of
an uninterrupted run, so the kills fall anywhere in reading, processing and writing.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest
from processes import reap

from geo.io import remove_stale
from geo.outset import recover

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "venezuela-us-caribbean-2025-09-23.txt"
TOWNS = ("Goma", "Kharkiv", "Mosul", "Gao", "Kandahar", "Aleppo", "Bunia", "Sittwe")
EXTRA = "\n\nRebels attacked the town of {town} on Monday, killing {n} soldiers.\n"
SERVER = textwrap.dedent(
    """
    import json, os, sys
    sys.path.insert(0, sys.argv[1])
    from conflictmap.cli import main
    def run(args):
        pid = os.fork()
        if pid == 0:
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, 1)
            os.dup2(null, 2)
            os._exit(main(args) or 0)
        print(pid, flush=True)
        print("exit", os.waitpid(pid, 0)[1], flush=True)
    for line in sys.stdin:
        run(json.loads(line))
    """
)


class Server:
    """Runs `conflictmap ARGS` in a forked child of a warm process; the test may kill it."""

    def __init__(self, child: subprocess.Popen[str]) -> None:
        self.child = child

    def start(self, args: list[str]) -> int:
        assert self.child.stdin is not None and self.child.stdout is not None
        self.child.stdin.write(json.dumps(args) + "\n")
        self.child.stdin.flush()
        return int(self.child.stdout.readline())

    def status(self) -> int:
        assert self.child.stdout is not None
        word, status = self.child.stdout.readline().split()
        assert word == "exit"
        return int(status)

    def run(self, args: list[str]) -> float:
        """Run to the end (it must succeed); the seconds it took."""
        started = time.monotonic()
        self.start(args)
        assert self.status() == 0, args
        return time.monotonic() - started


@contextmanager
def server() -> Iterator[Server]:
    child = subprocess.Popen(
        [sys.executable, "-c", SERVER, str(REPO)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        yield Server(child)
    finally:
        if child.stdin is not None:
            child.stdin.close()
        reap(child)


def article(folder: Path, n: int) -> Path:
    """The seed article with `n + 1` more events (a new text for each `n`)."""
    path = folder / f"article-{n}.txt"
    extra = "".join(EXTRA.format(town=TOWNS[k % len(TOWNS)], n=k + 2) for k in range(n + 1))
    path.write_text(SEED.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return path


def kill_runs(
    srv: Server,
    commands: list[list[str]],
    kills: int,
    cleanup: Callable[[], object],
    check: Callable[[], str],
) -> set[str]:
    """Run `commands[k % len(commands)]` `kills` times, each killed at a random point of
    a run's length (the first command, run whole first, sets the outputs and the length;
    a run that ends before its kill shortens it);
    after each kill do what the next run does first (`cleanup`) and `check` the outputs.
    The outputs seen; most runs must have been killed before their end."""
    rng = random.Random(19)
    length = srv.run(commands[0])
    seen = {check()}
    killed = 0
    for k in range(kills):
        started = time.monotonic()
        pid = srv.start(commands[(k + 1) % len(commands)])
        time.sleep(rng.random() * length)
        with suppress(ProcessLookupError):  # it had finished
            os.kill(pid, signal.SIGKILL)
        if os.WIFSIGNALED(srv.status()):
            killed += 1
        else:  # the machine got faster: aim within the shortest whole run
            length = min(length, time.monotonic() - started)
        cleanup()
        seen.add(check())
    assert killed > kills // 2
    return seen


def hidden(folder: Path) -> list[str]:
    return [p.name for p in folder.rglob(".*")]


def map_version(out: Path, expected: dict[str, tuple[int, int]]) -> str:
    """The version (title) of the map, checked against its GeoJSON files."""
    events = len(json.loads((out / "events.geojson").read_text())["features"])
    places = len(json.loads((out / "places.geojson").read_text())["features"])
    html = (out / "map.html").read_text()
    (title,) = [name for name in expected if f"kill {name}" in html]
    assert (events, places) == expected[title], (title, events, places)
    assert hidden(out) == []
    return title


@pytest.mark.slow
def test_kill_at_random_points_of_map_export_and_ingest_leaves_one_whole_set(
    tmp_path: Path,
) -> None:
    sources = [article(tmp_path, n) for n in range(2)]
    maps = [
        ["map", str(src), "-o", str(tmp_path / name), "--title", f"kill {name}"]
        for name, src in zip("AB", sources, strict=True)
    ]
    parts = [
        ["export", str(src), "-o", f"{tmp_path / name}/"]
        for name, src in zip("CD", sources, strict=True)
    ]
    with server() as srv:
        for command in maps + parts:
            srv.run(command)  # the first run warms the caches
        expected = {name: count_map(tmp_path / name) for name in "AB"}
        layers = {count_layers(tmp_path / name) for name in "CD"}
        assert len(set(expected.values())) == 2 and len(layers) == 2  # two versions

        out = tmp_path / "map"
        on_map = [[*c[:3], str(out), *c[4:]] for c in maps]
        seen = kill_runs(srv, on_map, 16, lambda: recover(out), lambda: map_version(out, expected))
        assert seen <= {"A", "B"}

        folder = tmp_path / "parts"
        export = [[*c[:3], f"{folder}/"] for c in parts]

        def layers_whole() -> str:
            found = count_layers(folder)
            assert found in layers and hidden(folder) == []
            return str(found)

        kill_runs(srv, export, 14, lambda: recover(folder), layers_whole)

        db = tmp_path / "store" / "events.gpkg"
        db.parent.mkdir()
        ingest = [["ingest", "--db", str(db), str(article(tmp_path, n))] for n in range(2, 13)]
        kill_runs(
            srv, ingest, 10, lambda: remove_stale(db.parent, ".events.gpkg."), lambda: store(db)
        )
        srv.run(ingest[-1])
        assert hidden(db.parent) == []


def count_map(out: Path) -> tuple[int, int]:
    return tuple(  # type: ignore[return-value]
        len(json.loads((out / f"{name}.geojson").read_text())["features"])
        for name in ("events", "places")
    )


def count_layers(folder: Path) -> tuple[int, int]:
    import pyarrow.parquet as pq

    return tuple(  # type: ignore[return-value]
        sum(pq.read_metadata(p).num_rows for p in (folder / layer).iterdir())
        for layer in ("events", "places")
    )


def store(db: Path) -> str:
    """The articles of a store that opens, each with its events (never half an article)."""
    from maps.store import EventStore

    opened = EventStore.open(db, create=False)
    articles, events = opened.articles(), opened.events()
    sources = {s.article_id for e in events for s in e.sources}
    assert sources <= set(articles) and len(articles) >= 1
    assert hidden(db.parent) == []
    return str(len(articles))
