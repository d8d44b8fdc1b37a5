"""Who did it to whom, by ACLED's codebook: the doer of a weapon, the group that claims an
attack, the side a clause names, and the defaults the codebook gives unnamed sides."""

from __future__ import annotations

from datetime import date

import pytest
from test_events_background import events_of
from test_events_placement import events_of as placed_events

from geo.model import Event


def inters(event: Event) -> tuple[int | None, int | None]:
    return (event.actor1.inter if event.actor1 else None,
            event.actor2.inter if event.actor2 else None)  # fmt: skip


def test_a_weapon_is_not_the_actor_but_whoever_fired_it() -> None:
    (event,) = events_of("Mortar rounds fired by Afghan border forces hit homes in the "
                         "village on Friday, killing two.")  # fmt: skip
    assert event.actor1 is not None and event.actor1.name == "Afghan border forces"
    assert inters(event) == (1, 7)  # homes hit: the victims are civilians


def test_a_weapon_with_no_named_user_has_no_actor() -> None:
    (event,) = events_of("Artillery shells landed near the market in the town on Monday.")
    assert event.actor1 is None or "shell" not in event.actor1.name.lower()


@pytest.mark.parametrize("claim", [
    "ISKP claimed the attack.",
    "ISKP said it carried out the attack.",
    "ISKP said it was behind the blast.",
    "ISKP was suspected.",
])  # fmt: skip
def test_the_group_that_claims_a_bombing_is_its_actor1(claim: str) -> None:
    (event,) = events_of(f"A bomb exploded on a bus in the city on Monday, killing four "
                         f"passengers. {claim}")  # fmt: skip
    assert event.actor1 is not None and (event.actor1.name, event.actor1.inter) == ("ISKP", 2)


def test_an_unclaimed_bombing_is_an_unidentified_armed_groups() -> None:
    (event,) = events_of("A bomb exploded near a police post in the city on Monday, killing "
                         "two officers. No group claimed the attack.")  # fmt: skip
    assert event.actor1 is not None
    assert (event.actor1.name, event.actor1.inter) == ("Unidentified Armed Group", 3)


def test_a_date_is_not_the_other_side_of_a_clash() -> None:
    (event,) = events_of("Taliban forces and National Resistance Front fighters clashed on "
                         "Sunday in the valley.")  # fmt: skip
    assert event.event_type == "Battles"
    assert inters(event) == (1, 2)


def test_stones_thrown_at_troops_make_troops_the_target() -> None:
    (event,) = events_of("Demonstrators threw stones at National Guard troops in the city on "
                         "Monday.")  # fmt: skip
    assert event.sub_event_type == "Violent demonstration"
    assert inters(event) == (5, 1)


def test_excessive_force_has_the_force_as_actor1() -> None:
    (event,) = events_of("Police fired live bullets at anti-government demonstrators in the "
                         "city on Monday, killing three.")  # fmt: skip
    assert event.sub_event_type == "Excessive force against protesters"
    assert inters(event) == (1, 6)


def test_a_peaceful_protest_has_no_actor2() -> None:
    (event,) = events_of("Hundreds of teachers marched peacefully through the capital on "
                         "Monday to demand higher pay.")  # fmt: skip
    assert event.sub_event_type == "Peaceful protest"
    assert inters(event) == (6, None)


def test_the_same_group_is_the_doer_told_before() -> None:
    first, second = events_of("ADF rebels killed nine civilians in the village on Monday. "
                              "The next day, the same group killed four farmers near the "
                              "town.")  # fmt: skip
    assert second.actor1 == first.actor1
    assert inters(second) == (2, 7)


def test_a_pledge_is_not_an_incident() -> None:
    events = events_of("Elders signed a peace agreement in the town on Friday, pledging to "
                       "halt cattle raids.")  # fmt: skip
    assert [e.sub_event_type for e in events] == ["Agreement"]


@pytest.mark.parametrize(("text", "sides"), [
    ("RSF fighters looted shops and emptied grain stores in the town on Monday.", (2, 7)),
    ("Ukrainian troops pushed into Sudzha and engaged Russian units in street fighting on "
     "Monday.", (1, 1)),  # the noun trigger's own verb names the other side
    ("A suicide bomber detonated a vest among army recruits at a centre in the city on "
     "Monday, killing 9.", (3, 1)),
    ("Israeli strikes on Gaza killed 15 people on Monday.", (1, 7)),  # a place is not a side
    ("Gunmen attacked Daffo, a farming village, on Sunday, killing 17 people.", (3, 7)),
])  # fmt: skip
def test_the_other_side_named_around_the_trigger(text: str, sides: tuple[int, int]) -> None:
    (event,) = events_of(text)
    assert inters(event) == sides


@pytest.mark.parametrize("text", [
    "Drones hit Kyiv\n\nKYIV, Aug. 20 (Dnipro News Service) — Russian drones struck "
    "residential buildings in the city overnight, killing four people, city officials said.",
    "BOGOTÁ, Jan. 20 (Andean News Agency) — Fighters of the National Liberation Army (ELN) "
    "and a dissident faction clashed in rural areas near the town on Sunday.",
])  # fmt: skip
def test_a_wire_dateline_is_a_sentence_of_its_own_not_the_actor(text: str) -> None:
    (event,) = events_of(text)
    assert event.actor1 is None or not event.actor1.name.isupper()
    assert not event.provenance.sentence.isupper() and "—" not in event.provenance.sentence


def test_fighter_jets_are_a_state_force_not_fighters() -> None:
    (event,) = events_of("US Navy fighter jets shot down four Houthi drones over the southern "
                         "Red Sea on Tuesday.")  # fmt: skip
    assert event.sub_event_type == "Disrupted weapons use"
    assert event.actor1 is not None and event.actor1.inter in (1, 8)


def test_the_group_the_authorities_blame_is_actor1() -> None:
    found = events_of("An explosive device went off at a market in the town on Monday, "
                      "wounding 6 traders. Authorities blamed the ADF.")  # fmt: skip
    (bombing,) = [e for e in found if e.label == "bombing"]
    assert bombing.actor1 is not None and bombing.actor1.name == "ADF"


@pytest.mark.parametrize("text, doer, sub_type", [
    ("A missile fired from an Israeli drone hit a motorcycle near the town on Tuesday.",
     "Israeli", "Air/drone strike"),
    ("Two missiles fired from Houthi-held territory hit a tanker off the port on Monday.",
     "Houthi", "Shelling/artillery/missile attack"),
])  # fmt: skip
def test_a_weapon_fired_from_somewhere_belongs_to_who_holds_it(
    text: str, doer: str, sub_type: str
) -> None:
    (event,) = events_of(text)
    assert event.actor1 is not None and event.actor1.name == doer
    assert event.sub_event_type == sub_type


def test_the_subject_of_a_searching_clause_is_the_doer() -> None:
    (event,) = events_of("Troops searching the area on Tuesday found a cache of rifles in a hut.")
    assert event.actor1 is not None and (event.actor1.name, event.actor1.inter) == ("Troops", 1)


def test_a_court_clerk_shot_dead_is_a_civilian_killed() -> None:
    (event,) = events_of("Al Shabaab gunmen shot dead a court clerk in the town on 2 October.")
    assert (event.sub_event_type, event.fatalities) == ("Attack", 1)
    assert inters(event) == (2, 7)


@pytest.mark.parametrize("text, sides", [
    ("About 45 militia fighters surrendered to the army at the base on Monday.", (3, 1)),
    ("The rebels and the government signed an agreement in the capital on Monday.", (2, 1)),
])  # fmt: skip
def test_whom_they_surrendered_to_and_who_signed_with_them(
    text: str, sides: tuple[int, int]
) -> None:
    (event,) = events_of(text)
    assert inters(event) == sides


@pytest.mark.parametrize("text, doer", [
    ("A Rohingya armed group, the ARSA, attacked a camp in the town on Monday.", "ARSA"),
    ("Gunmen believed to be from Boko Haram attacked a village in the area on Monday.",
     "Boko Haram"),
])  # fmt: skip
def test_the_group_a_doer_is_named_as_or_said_to_belong_to(text: str, doer: str) -> None:
    (event,) = events_of(text)
    assert event.actor1 is not None and event.actor1.name == doer


@pytest.mark.parametrize(("text", "sub_event_type", "sides"), [
    ("A journalist was shot dead by two men on a motorcycle in the town on Friday.",
     "Attack", (3, 7)),
    ("Gunmen believed to belong to the ELN killed two former FARC combatants in the "
     "village on Monday.", "Attack", (2, 7)),
    ("Gunmen on motorbikes shot dead a local council official in the town on Monday.",
     "Attack", (3, 7)),
    ("Israeli settlers beat three Palestinian farmers with iron bars in the village on "
     "Monday.", "Attack", (4, 7)),
])  # fmt: skip
def test_who_is_armed_and_who_is_a_civilian(
    text: str, sub_event_type: str, sides: tuple[int, int]
) -> None:
    (event,) = events_of(text)
    assert (event.sub_event_type, inters(event)) == (sub_event_type, sides)


@pytest.mark.parametrize(("text", "sub_event_type"), [
    ("The White Army overran the SSPDF barracks in the town on Monday.",
     "Non-state actor overtakes territory"),
    ("Southern Transitional Council forces took control of the town and a nearby army camp "
     "on Monday.", "Non-state actor overtakes territory"),
])  # fmt: skip
def test_named_militias_are_not_state_forces(text: str, sub_event_type: str) -> None:
    (event,) = events_of(text)
    assert event.sub_event_type == sub_event_type


def test_shot_dead_misread_by_the_model_is_still_a_killing() -> None:
    """The small model reads "a motorcycle shot" as a noun and "dead" as the verb."""
    (event,) = events_of("Gunmen on a motorcycle shot dead a shop owner in the market on Monday.")
    assert (event.sub_event_type, event.fatalities, inters(event)) == ("Attack", 1, (3, 7))


def test_blockaders_are_protesters_and_their_clash_with_police_a_riot() -> None:
    (event,) = events_of("Hundreds of blockaders clashed with police on the highway on Monday.")
    assert (event.sub_event_type, inters(event)) == ("Violent demonstration", (5, 1))


def test_a_dateline_with_its_date_is_no_doer() -> None:
    (event,) = events_of(
        "GOMA, 17 October – M23 rebels regained control of Kirumba on Sunday after several "
        "hours of fighting to push Wazalendo militiamen out of the town."
    )
    assert event.actor1 is not None and event.actor1.name == "M23 rebels"
    assert event.sub_event_type == "Non-state actor overtakes territory"


def test_who_reacts_to_a_killing_did_not_do_it() -> None:
    text = "Political parties traded accusations on Monday after a farmer was shot dead in Moirang."
    events = placed_events(text, date(2026, 5, 26))
    (killing,) = [e for e in events if e.event_type == "Violence against civilians"]
    assert killing.actor1 is None or "part" not in killing.actor1.name.lower()


@pytest.mark.parametrize("text", [
    "The governor said air defences had destroyed 22 drones over the region overnight.",
    "Late on Monday, detectives arrested a former member of parliament at his home in Kisumu.",
    "A patrol found a launcher loaded with four rockets in an orchard near Marjayoun.",
])  # fmt: skip
def test_air_defences_detectives_and_patrols_are_state_forces(text: str) -> None:
    (event,) = events_of(text)
    assert event.actor1 is not None and event.actor1.inter == 1


def test_an_arrest_whose_force_is_not_named_is_the_polices() -> None:
    (arrest,) = events_of("A transport union leader was arrested in Lusaka on Sunday.")
    assert arrest.actor1 is not None and arrest.actor1.inter == 1


@pytest.mark.parametrize("text", [
    "On Friday, soldiers found a cache of explosives buried near Tame, which the army "
    "attributed to the ELN.",
    "Two days later, soldiers seized a canoe loaded with rifles on the lake near Bosso, which "
    "the army said was bound for ISWAP.",
])  # fmt: skip
def test_the_group_whose_arms_were_seized_is_the_other_side(text: str) -> None:
    (seizure,) = events_of(text)
    assert seizure.actor2 is not None and seizure.actor2.inter == 2


@pytest.mark.parametrize(("text", "inter"), [
    ("On Monday, Taliban fighters detained 20 men in two villages of Unabah district.", 1),
    ("Tehrik-i-Taliban Pakistan fighters attacked a police post in Bannu on Monday.", 2),
])  # fmt: skip
def test_the_taliban_are_state_forces_and_the_ttp_rebels(text: str, inter: int) -> None:
    (event,) = events_of(text)
    assert event.actor1 is not None and event.actor1.inter == inter
