"""The expected-codings corpora: per-field accuracy stays high (regression guard)."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.events import evaluate_events
from geo.events.evaluate import load_corpus

DATA = Path(__file__).resolve().parent / "data"
CORPUS = DATA / "events_corpus.jsonl"
HELDOUT = DATA / "events_heldout.jsonl"
HELDOUT2 = DATA / "events_heldout2.jsonl"


def test_corpus_shape() -> None:
    items = load_corpus(CORPUS)
    assert len(items) >= 30
    types = {e["event_type"] for item in items for e in item["expected"]}
    assert types == {
        "Battles",
        "Explosions/Remote violence",
        "Violence against civilians",
        "Protests",
        "Riots",
        "Strategic developments",
    }
    assert sum(1 for item in items if not item["expected"]) >= 3  # negation / modality


@pytest.mark.parametrize(("path", "floor"), [(CORPUS, 0.95), (HELDOUT, 0.85), (HELDOUT2, 0.85)])
def test_accuracy(path: Path, floor: float) -> None:
    result = evaluate_events(str(path))
    assert result["detection"]["f1"] >= floor, result["errors"]
    for field, accuracy in result["fields"].items():
        assert accuracy >= floor - 0.1, (field, result["errors"])


def test_eval_command(capsys: pytest.CaptureFixture[str]) -> None:
    from conflictmap.cli import COMMANDS, main

    if "eval" not in COMMANDS:
        pytest.skip("the eval command is not registered yet")
    assert main(["eval", "events", str(CORPUS)]) == 0
    assert "detection" in capsys.readouterr().out
