"""Determinism: the same inputs give byte-identical GeoJSON, CSV and HTML — run twice, with
the inputs listed in another order, and in another process with another string-hash seed
(so no output depends on set or dict order of strings, on the clock or on random ids).

Inputs: the seed article plus two small articles written here (a text file with front
matter and a JSONL file with two records, one a duplicate of the seed's text).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conflictmap.cli import main

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "venezuela-us-caribbean-2025-09-23.txt"

PROTEST = """---
title: Protests in Caracas
date: 2025-09-20
source: Test Wire
url: https://example.org/caracas
---
Thousands of opposition supporters marched in Caracas on Saturday, demanding the release of
political prisoners. Police fired tear gas at protesters near the National Assembly.
"""
STRIKES = [
    {
        "text": "US forces struck a vessel in the southern Caribbean on Tuesday, killing three "
        "people, officials in Washington said. Venezuela condemned the strike.",
        "title": "Strike off Venezuela",
        "date": "2025-09-16",
        "source": "Wire two",
        "url": "https://example.org/strike",
    },
    {  # the seed's text again: one article (same content id), whichever order
        "text": SEED.read_text(encoding="utf-8").split("\n", 1)[1],
        "title": "Seed, again",
        "date": "2025-09-23",
    },
]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    folder = tmp_path_factory.mktemp("inputs")
    (folder / "protest.md").write_text(PROTEST, encoding="utf-8")
    (folder / "strikes.jsonl").write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in STRIKES) + "\n", encoding="utf-8"
    )
    return [str(SEED), str(folder / "protest.md"), str(folder / "strikes.jsonl")]


MAP_OUTPUTS = ("map.html", "events.geojson", "places.geojson")
ALL_OUTPUTS = (*MAP_OUTPUTS, "events.csv")


def read_outputs(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in ALL_OUTPUTS}


def run_here(sources: list[str], out: Path) -> dict[str, bytes]:
    """`conflictmap map` then `conflictmap export … events.csv` in this process."""
    assert main(["map", *sources, "-o", str(out)]) == 0
    assert main(["export", *sources, "-o", str(out / "events.csv")]) == 0
    return read_outputs(out)


CHILD = textwrap.dedent(
    """
    import sys
    from conflictmap.cli import main
    out, sources = sys.argv[1], sys.argv[2:]
    codes = [main(["map", *sources, "-o", out]),
             main(["export", *sources, "-o", out + "/events.csv"])]
    sys.exit(max(codes))
    """
)


def start_elsewhere(sources: list[str], out: Path, hash_seed: str) -> subprocess.Popen[str]:
    """The same commands in a new process whose string hashes are salted differently."""
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(out), *sources],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(child: subprocess.Popen[str], out: Path) -> dict[str, bytes]:
    _, stderr = child.communicate(timeout=600)
    assert child.returncode == 0, stderr[-3000:]
    return read_outputs(out)


@pytest.fixture(scope="module")
def first(inputs: list[str], tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    return run_here(inputs, tmp_path_factory.mktemp("first"))


def first_difference(a: bytes, b: bytes) -> str:
    pairs = zip(a, b, strict=False)
    at = next((i for i, (x, y) in enumerate(pairs) if x != y), min(len(a), len(b)))
    near = f"{a[at - 60 : at + 60]!r} vs {b[at - 60 : at + 60]!r}"
    return f"sizes {len(a)} vs {len(b)}; first difference at byte {at}: {near}"


def assert_same(a: dict[str, bytes], b: dict[str, bytes]) -> None:
    assert a.keys() == b.keys()
    for name in a:
        assert a[name] == b[name], f"{name} differs: {first_difference(a[name], b[name])}"


def test_outputs_are_not_trivial(first: dict[str, bytes]) -> None:
    events = json.loads(first["events.geojson"])["features"]
    assert len(events) >= 3
    assert len({f["properties"]["article_id"] for f in events}) >= 2  # several articles
    assert b"Protests in Caracas" in first["map.html"]
    assert first["events.csv"].count(b"\n") >= len(events) + 1


def test_same_bytes_when_run_twice_in_reverse_order(
    inputs: list[str], first: dict[str, bytes], tmp_path: Path
) -> None:
    assert_same(first, run_here(inputs[::-1], tmp_path))


def test_same_bytes_in_two_processes_with_other_hash_seeds_and_orders(
    inputs: list[str], tmp_path: Path
) -> None:
    """Two processes started together (so they see the same code and gazetteer even while
    the tree is being edited), with different string-hash salts and input orders."""
    one, two = tmp_path / "one", tmp_path / "two"
    first = start_elsewhere([inputs[1], inputs[2], inputs[0]], one, hash_seed="12345")
    second = start_elsewhere(inputs[::-1], two, hash_seed="1")
    assert_same(finish(first, one), finish(second, two))
