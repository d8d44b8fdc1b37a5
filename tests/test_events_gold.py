"""The hand-coded gold sets (tests/data/events): well formed, and scored end to end above
floors a regression would break (the measured figures are in BENCHMARKS.md)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from geo.events.scoring import evaluate_gold, load_gold

GOLD = Path(__file__).resolve().parent / "data" / "events"
FILES = sorted(GOLD.glob("*/*.jsonl"))
SUB_TYPES = {
    "Battles": {"Armed clash", "Government regains territory",
                "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {"Air/drone strike", "Shelling/artillery/missile attack",
                                   "Remote explosive/landmine/IED", "Grenade", "Suicide bomb",
                                   "Chemical weapon"},
    "Violence against civilians": {"Attack", "Abduction/forced disappearance",
                                   "Sexual violence"},
    "Protests": {"Peaceful protest", "Protest with intervention",
                 "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {"Agreement", "Arrests", "Change to group/activity",
                               "Disrupted weapons use", "Headquarters or base established",
                               "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"},
}  # fmt: skip


def test_the_four_splits_are_there() -> None:
    assert [f.relative_to(GOLD).as_posix() for f in FILES] == [
        "news/dev.jsonl", "news/test.jsonl", "reports/dev.jsonl", "reports/test.jsonl"]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(GOLD).as_posix())
def test_every_item_is_well_formed(path: Path) -> None:
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len({i["id"] for i in items}) == len(items)
    for item in items:
        published = date.fromisoformat(item["published"])
        for event in item["events"]:
            assert event["sub_event_type"] in SUB_TYPES[event["event_type"]], item["id"]
            assert event["evidence"] in item["text"], item["id"]
            assert event["date"] is None or date.fromisoformat(event["date"]) <= published
            assert all(event.get(k) is None or 1 <= event[k] <= 8 for k in ("inter1", "inter2"))
    assert len(load_gold(path)) == len(items)


@pytest.mark.parametrize(("split", "floors"), [
    ("reports/test.jsonl", {"event_found": 0.94, "precision": 0.97, "event_type": 0.95,
                            "sub_event_type": 0.90, "fatalities": 0.91, "date": 0.95,
                            "inter1": 0.80, "inter2": 0.75, "within_25km": 0.89,
                            "within_161km": 0.94}),
    ("news/test.jsonl", {"event_found": 0.92, "precision": 0.80, "recall": 0.89,
                         "event_type": 0.93, "sub_event_type": 0.89, "inter1": 0.73,
                         "date": 0.92, "within_25km": 0.79, "within_161km": 0.91}),
])  # fmt: skip
def test_test_split_scores_hold(split: str, floors: dict[str, float]) -> None:
    result = evaluate_gold(GOLD / split)
    (kind,) = [k for k in result if k not in ("errors", "corpus")]
    scores = {**result[kind], **result[kind]["fields"]}
    assert scores["undated_incidents"] == 0
    for name, floor in floors.items():
        assert scores[name] >= floor, (name, scores[name])
