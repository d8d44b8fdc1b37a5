"""Atomic outputs: a writer killed with SIGKILL in the middle of writing leaves the previous
output intact and readable, and nothing that could be mistaken for an output.

A child process rewrites one large output over and over, alternating between two contents
(A and B), and prints `done` after each complete write. The test kills it at several points
of a write (early, middle, late: fractions of the measured write time, and as soon as the
temp file appears), then checks the output is exactly a complete A or B.
"""

from __future__ import annotations

import glob
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from processes import reap, wait_done

from geo.io import TEMP_SUFFIX, atomic_write
from geo.readers import read_sources

REPO = Path(__file__).resolve().parents[1]
KILL_POINTS: tuple[float | None, ...] = (0.5, None)  # None: when the temp file appears

CHILD = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, sys.argv[1])
    from pathlib import Path
    kind, out = sys.argv[2], Path(sys.argv[3])
    if kind == "bytes":
        from geo.io import atomic_write
        versions = [b'{"version": "A", "pad": "' + b"a" * 20_000_000 + b'"}',
                    b'{"version": "B", "pad": "' + b"b" * 15_000_000 + b'"}']
        def write(i):
            atomic_write(out / "big.json", versions[i % 2])
    else:
        sys.path.insert(0, str(Path(sys.argv[1]) / "tests"))
        from conftest import synthetic_events
        sizes = (200, 201) if kind == "map" else (2000, 2001)
        data = [synthetic_events(n, seed=n) for n in sizes]
        if kind == "geojson":
            from maps.geojson import write_events_geojson
            def write(i):
                events, articles = data[i % 2]
                write_events_geojson(out / "events.geojson", events, articles)
        elif kind == "map":
            from maps.render import write_map
            def write(i):
                events, articles = data[i % 2]
                places = sorted({e.place.id: e.place for e in events}.values(), key=lambda p: p.id)
                write_map(out / "map.html", events, places, articles, title="kill test")
        elif kind == "store":
            from geo.model import ArticleResult
            from maps.store import EventStore
            events, articles = synthetic_events(250, seed=1)
            results = [ArticleResult(a, (), (), (e,))
                       for a, e in zip(articles.values(), events, strict=True)]
            EventStore.open(out / "events.gpkg").add(results[:50])
            def write(i):
                EventStore.open(out / "events.gpkg").add([results[50 + i]])
        else:
            raise SystemExit(f"unknown kind {kind}")
    i = 0
    while True:
        write(i)
        print("done", i, flush=True)
        i += 1
    """
)


def start_writer(kind: str, out: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(REPO), kind, str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )


def temp_files(out: Path) -> list[Path]:
    return [p for p in out.iterdir() if p.name.endswith(TEMP_SUFFIX)]


def kill_mid_write(
    kind: str,
    out: Path,
    check: Callable[[Path], str],
    target: str,
    points: tuple[float | None, ...] = KILL_POINTS,
    also: tuple[str, ...] = (),
) -> list[str]:
    """Kill the writer at each point of a write (a fraction of the measured write time, or
    None: as soon as the temp file appears); after each kill, `check` the output.

    Returns the version found after each kill. Each run starts from a complete output.
    """
    found: list[str] = []
    for point in points:
        child = start_writer(kind, out)
        try:
            first = wait_done(child)
            if point is None:
                deadline = time.monotonic() + 60
                while not temp_files(out) and time.monotonic() < deadline:
                    time.sleep(0.0005)
            else:
                period = wait_done(child) - first
                time.sleep(point * period)
            child.send_signal(signal.SIGKILL)
            child.wait(10)
        finally:
            reap(child)
        found.append(check(out / target))
        leftovers = [p.name for p in temp_files(out)]
        print(f"kill {kind} at {point}: output intact ({found[-1]}), temp left: {leftovers}")
        visible = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
        assert visible == sorted([target, *also]), visible  # nothing else looks like output
        assert all(p.name.startswith(f".{target}.") for p in temp_files(out))
        outputs = sorted(str(out / name) for name in (target, *also))
        assert sorted(glob.glob(str(out / "*"))) == outputs  # shell-style globs skip temps
    return found


def check_json_version(path: Path) -> str:
    data = json.loads(path.read_bytes())
    pad = data["pad"]
    assert (data["version"], len(pad)) in (("A", 20_000_000), ("B", 15_000_000))
    assert set(pad) == {data["version"].lower()}
    return str(data["version"])


def test_kill_during_atomic_write_keeps_the_previous_file(tmp_path: Path) -> None:
    found = kill_mid_write("bytes", tmp_path, check_json_version, "big.json")
    assert set(found) <= {"A", "B"} and len(found) == len(KILL_POINTS)
    # A crashed writer's temp file is never read as an article, and the next write works.
    origins = [getattr(x, "origin", "") for x in read_sources([str(tmp_path)])]
    assert not any(TEMP_SUFFIX in Path(o or "").name for o in origins), origins
    atomic_write(tmp_path / "big.json", b'{"version": "A", "pad": "' + b"a" * 20_000_000 + b'"}')
    assert check_json_version(tmp_path / "big.json") == "A"


def test_a_plain_write_would_have_been_caught(tmp_path: Path) -> None:
    """The kill test is real: a non-atomic writer leaves a truncated file when killed."""
    child_code = textwrap.dedent(
        """
        import sys
        from pathlib import Path
        out = Path(sys.argv[1])
        versions = [b'{"version": "A", "pad": "' + b"a" * 20_000_000 + b'"}',
                    b'{"version": "B", "pad": "' + b"b" * 15_000_000 + b'"}']
        i = 0
        while True:
            with open(out, "wb") as handle:
                for start in range(0, len(versions[i % 2]), 1 << 20):
                    handle.write(versions[i % 2][start:start + (1 << 20)])
            print("done", flush=True)
            i += 1
        """
    )
    target = tmp_path / "big.json"
    child = subprocess.Popen(
        [sys.executable, "-c", child_code, str(target)], stdout=subprocess.PIPE, text=True
    )
    try:
        first = wait_done(child)  # type: ignore[arg-type]
        period = wait_done(child) - first  # type: ignore[arg-type]
        time.sleep(0.5 * period)
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    finally:
        if child.stdout is not None:
            child.stdout.close()
    with pytest.raises((ValueError, AssertionError, KeyError)):
        check_json_version(target)


def check_geojson_version(path: Path) -> str:
    data = json.loads(path.read_bytes())
    assert data["type"] == "FeatureCollection"
    count = len(data["features"])
    assert count in (2000, 2001), count
    return str(count)


def test_kill_during_geojson_export_keeps_the_previous_file(tmp_path: Path) -> None:
    found = kill_mid_write("geojson", tmp_path, check_geojson_version, "events.geojson", (None,))
    assert set(found) <= {"2000", "2001"}


def check_map_version(path: Path) -> str:
    html = path.read_text(encoding="utf-8")
    assert html.rstrip().endswith("</html>"), html[-200:]
    assert "kill test" in html
    return "201" if "Place 200" in html else "200"


def test_kill_during_map_write_keeps_the_previous_map(tmp_path: Path) -> None:
    found = kill_mid_write("map", tmp_path, check_map_version, "map.html", (None,))
    assert set(found) <= {"200", "201"}


def check_store_version(path: Path) -> str:
    from maps.store import EventStore

    store = EventStore.open(path, create=False)
    articles, events = store.articles(), store.events()
    assert len(articles) > 50 and len(events) == len(articles)
    assert {s.article_id for e in events for s in e.sources} == set(articles)
    return str(len(articles))


def test_kill_during_store_update_keeps_the_previous_store(tmp_path: Path) -> None:
    found = kill_mid_write(
        "store", tmp_path, check_store_version, "events.gpkg", (None,), ("events.gpkg.lock",)
    )
    assert all(int(n) > 50 for n in found)


def test_temp_file_of_a_crashed_writer_is_not_an_article(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Clashes in Goma.", encoding="utf-8")
    (tmp_path / f".good.txt.abc123{TEMP_SUFFIX}").write_text("half a", encoding="utf-8")
    items = list(read_sources([str(tmp_path)]))
    assert [getattr(i, "text", None) for i in items] == ["Clashes in Goma."]
    assert os.path.basename(items[0].origin or "") == "good.txt"  # type: ignore[union-attr]
