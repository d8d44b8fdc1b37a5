"""ACLED typing by who acted: crowds of unarmed people who turn violent riot."""

from __future__ import annotations

import pytest
from test_events_background import events_of


@pytest.mark.parametrize(("text", "sub_event_type"), [
    ("Residents lynched two suspected thieves in the market on Monday.", "Mob violence"),
    ("Villagers beat a man accused of theft to death on Monday.", "Mob violence"),
    ("Angry residents attacked the police station on Monday, throwing stones.",
     "Violent demonstration"),
])  # fmt: skip
def test_unarmed_people_turning_violent_riot(text: str, sub_event_type: str) -> None:
    (event,) = events_of(text)
    assert (event.event_type, event.sub_event_type) == ("Riots", sub_event_type)
    assert event.actor1 is not None and event.actor1.inter == 5
