"""Issue 19 #4 #5: a command's outputs are replaced as one set. A writer is killed
(SIGKILL) at random points of its writes; after the next run's recovery the folder holds
the old set or the new set whole, never a mix, and no leftovers."""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from processes import reap, wait_done

from geo.outset import output_set, recover

REPO = Path(__file__).resolve().parents[1]
CHILD = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, sys.argv[1])
    sys.path.insert(0, sys.argv[1] + "/tests")
    from pathlib import Path
    kind, out = sys.argv[2], Path(sys.argv[3])
    from geo.outset import output_set
    if kind == "set":
        def write(i):
            version = "AB"[i % 2]
            with output_set(out) as stage:
                for name in ("map.html", "events.geojson", "places.geojson"):
                    (stage / name).write_text(version * 1_000_000)
                (stage / "parts").mkdir()
                for k in range(3 if version == "A" else 2):
                    (stage / "parts" / f"part-{k}").write_text(version * 300_000)
    else:
        from conftest import synthetic_events
        from geo.model import RunOutcome, gather_places
        data = [synthetic_events(n, seed=n) for n in (300, 301)]
        if kind == "store":
            from geo.model import ArticleResult
            from maps.store import EventStore
            events, articles = synthetic_events(250, seed=1)
            results = [ArticleResult(a, (), (), (e,))
                       for a, e in zip(articles.values(), events, strict=True)]
            if not (out / "events.gpkg").exists():
                EventStore.open(out / "events.gpkg").add(results[:50])
            def write(i):
                store = EventStore.open(out / "events.gpkg")
                store.add([results[50 + len(store.articles()) % 200]])
        elif kind == "partitioned":
            from maps.partitioned import write_partitioned
            def write(i):
                events, articles = data[i % 2]
                places = gather_places([], events)
                write_partitioned(out, RunOutcome(articles, [], events, places), 100)
        else:
            from maps.geojson import write_events_geojson, write_places_geojson
            from maps.render import write_map
            def write(i):
                events, articles = data[i % 2]
                places = gather_places([], events)
                with output_set(out) as stage:
                    write_map(stage / "map.html", events, places, articles,
                              title=f"kill test {len(events)}")
                    write_events_geojson(stage / "events.geojson", events, articles)
                    write_places_geojson(stage / "places.geojson", places)
    if len(sys.argv) > 4:  # write A, then B killed at the Nth rename (0: never)
        import os, pathlib, signal
        kill_at, calls = int(sys.argv[4]), []
        def counted(real):
            def wrapper(*args, **kwargs):
                if calls:
                    calls.append(1)
                    if len(calls) - 1 == kill_at:
                        os.kill(os.getpid(), signal.SIGKILL)
                return real(*args, **kwargs)
            return wrapper
        os.replace, pathlib.Path.rename = counted(os.replace), counted(pathlib.Path.rename)
        write(0)
        calls.append(0)
        write(1)
        print("renames", len(calls) - 1, flush=True)
        raise SystemExit
    i = 0
    while True:
        write(i)
        print("done", i, flush=True)
        i += 1
    """
)


def kill_at_random_points(
    kind: str,
    out: Path,
    kills: int,
    version_of: Callable[[Path], str],
    next_run: Callable[[Path], object] = recover,
) -> set[str]:
    """Kill the writer `kills` times at random points of a write; after each kill, do
    what the next run does first (`next_run`) and check the outputs; return the versions
    seen."""
    rng = random.Random(19)
    seen = set()
    for _ in range(kills):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(REPO), kind, str(out)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            first = wait_done(child)
            period = wait_done(child) - first
            time.sleep(rng.random() * period)
            child.send_signal(signal.SIGKILL)
            child.wait(10)
        finally:
            reap(child)
        next_run(out)
        hidden = [p.name for p in out.rglob(".*")]
        assert hidden == [], hidden  # no leftover once the next run has started
        seen.add(version_of(out))
    return seen


def version_of_set(out: Path) -> str:
    files = [out / name for name in ("map.html", "events.geojson", "places.geojson")]
    parts = sorted((out / "parts").iterdir())
    versions = {path.read_text() for path in [*files, *parts]}
    assert len({text[0] for text in versions}) == 1 and all(len(set(t)) == 1 for t in versions)
    version = files[0].read_text()[0]
    assert len(parts) == (3 if version == "A" else 2)
    return version


def test_kill_at_40_points_of_an_output_set_leaves_one_whole_set(tmp_path: Path) -> None:
    assert kill_at_random_points("set", tmp_path, 40, version_of_set) == {"A", "B"}


def version_of_partitioned(out: Path) -> str:
    import pyarrow.parquet as pq

    rows = {
        layer: sum(pq.read_metadata(p).num_rows for p in (out / layer).iterdir())
        for layer in ("events", "places")
    }
    assert rows["events"] == rows["places"] and rows["events"] in (300, 301), rows
    return str(rows["events"])


@pytest.mark.slow
def test_kill_during_partitioned_export_leaves_one_whole_set(tmp_path: Path) -> None:
    assert kill_at_random_points("partitioned", tmp_path, 8, version_of_partitioned) <= {
        "300",
        "301",
    }


def test_kill_at_every_rename_of_a_partitioned_export_leaves_one_whole_set(
    tmp_path: Path,
) -> None:
    """Deterministic: the writer kills itself at the Nth rename (`os.replace` or
    `Path.rename`) of its second write, for every N; the old folder-by-folder swap lost
    `events/` when killed between its two renames."""

    def run(out: Path, kill_at: int) -> str:
        child = subprocess.run(
            [sys.executable, "-c", CHILD, str(REPO), "partitioned", str(out), str(kill_at)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        return child.stdout

    renames = int(run(tmp_path / "count", 0).split()[-1])
    assert renames >= 4
    seen = set()
    for kill_at in range(1, renames + 1):
        out = tmp_path / f"kill-{kill_at}"
        assert "renames" not in run(out, kill_at)  # it was killed
        recover(out)
        assert [p.name for p in out.rglob(".*")] == []
        seen.add(version_of_partitioned(out))
    assert seen == {"300", "301"}


def version_of_map(out: Path) -> str:
    events = len(json.loads((out / "events.geojson").read_text())["features"])
    places = len(json.loads((out / "places.geojson").read_text())["features"])
    assert events == places and f"kill test {events}" in (out / "map.html").read_text()
    return str(events)


@pytest.mark.slow
def test_kill_during_map_outputs_leaves_one_whole_set(tmp_path: Path) -> None:
    assert kill_at_random_points("map", tmp_path, 8, version_of_map) <= {"300", "301"}


def store_version(out: Path) -> str:
    from maps.store import EventStore

    store = EventStore.open(out / "events.gpkg", create=False)
    articles, events = store.articles(), store.events()
    assert len(articles) > 50 and len(events) == len(articles)
    return str(len(articles))


@pytest.mark.slow
def test_kill_during_ingest_leaves_a_whole_store_and_the_next_write_no_leftover(
    tmp_path: Path,
) -> None:
    from geo.io import remove_stale

    seen = kill_at_random_points(
        "store", tmp_path, 8, store_version, lambda out: remove_stale(out, ".events.gpkg.")
    )
    assert len(seen) > 1  # the store grew between kills


def test_a_failing_writer_leaves_the_previous_set_and_no_leftover(tmp_path: Path) -> None:
    with output_set(tmp_path) as stage:
        (stage / "map.html").write_text("old map")
        (stage / "events.geojson").write_text("old events")
    with pytest.raises(RuntimeError), output_set(tmp_path) as stage:
        (stage / "map.html").write_text("new map")
        raise RuntimeError("the second writer fails")
    assert (tmp_path / "map.html").read_text() == "old map"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.geojson", "map.html"]


def test_the_next_write_removes_a_killed_writers_leftovers_but_not_a_live_ones(
    tmp_path: Path,
) -> None:
    from geo.io import atomic_write, locked

    stale_file = tmp_path / ".events.gpkg.k1ll3d.tmp"
    stale_file.write_text("half a store")
    stale_dir = tmp_path / ".events.gpkg.gdal.tmp"  # maps.export.atomic_named_path's folder
    stale_dir.mkdir()
    (stale_dir / "events.gpkg").write_text("half a store")
    live = tmp_path / ".events.gpkg.l1v3.tmp"
    live.write_text("another writer's")
    with locked(live):
        atomic_write(tmp_path / "events.gpkg", "new store")
    assert sorted(p.name for p in tmp_path.iterdir()) == [live.name, "events.gpkg"]


def test_a_failed_swap_says_so_and_the_next_run_finishes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    from geo.errors import OutputError

    with output_set(tmp_path) as stage:
        (stage / "a.html").write_text("old")
        (stage / "b.geojson").write_text("old")
    real_replace, calls = os.replace, []

    def full_disk(src: object, dst: object) -> None:
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", full_disk)
    failed = pytest.raises(OutputError, match="No space left on device.*new outputs wait in")
    with failed, output_set(tmp_path) as stage:
        (stage / "a.html").write_text("new")
        (stage / "b.geojson").write_text("new")
    monkeypatch.setattr(os, "replace", real_replace)
    finished = f"{tmp_path}: finished replacing the outputs of an interrupted run"
    assert recover(tmp_path) == [finished]
    texts = {p.name: p.read_text() for p in tmp_path.iterdir()}
    assert texts == {"a.html": "new", "b.geojson": "new"}
