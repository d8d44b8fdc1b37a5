"""Count phrases: ACLED's conservative numbers and what each count counts."""

from __future__ import annotations

from datetime import date

import pytest
from test_events_background import events_of

from geo.events.counts import find_counts, parse_number
from geo.nlp import load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def counts(nlp, text: str) -> list[tuple[str, int, str]]:
    doc = nlp(text)
    return [(c.category, c.value, c.text) for s in doc.sents for c in find_counts(s)]


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("a dozen", 12), ("dozens", 12), ("more than a dozen", 12), ("two dozen", 24),
        ("more than two dozen", 24), ("hundreds", 100), ("thousands", 1000),
        ("several", 3), ("a few", 3), ("several hundred", 300), ("at least three", 3),
        ("twenty-five", 25), ("1,200", 1200), ("two hundred", 200),
        ("between 5 and 10", 5), ("tens of thousands", 10_000), ("nearly 40", 40),
    ],
)  # fmt: skip
def test_parse_number_is_conservative(phrase: str, value: int) -> None:
    assert parse_number(phrase) == value


def test_unknown_phrase_is_none() -> None:
    assert parse_number("many lies") is None


def test_fatalities_keep_the_phrase(nlp) -> None:
    text = "US forces destroyed at least three vessels, killing more than a dozen people."
    assert counts(nlp, text) == [
        ("vessels", 3, "at least three"), ("fatalities", 12, "more than a dozen")]


def test_deaths_and_arrests_in_one_sentence(nlp) -> None:
    text = ("The protests were brutally suppressed, killing more than two dozen people and "
            "putting hundreds behind bars.")
    assert counts(nlp, text) == [
        ("fatalities", 24, "more than two dozen"), ("arrests", 100, "hundreds")]


def test_injuries_are_not_deaths(nlp) -> None:
    found = counts(nlp, "At least 12 people were killed and 40 wounded in the blast.")
    assert ("fatalities", 12, "At least 12") in found
    assert ("injuries", 40, "40") in found


def test_hardware_and_a_single_conjoined_item(nlp) -> None:
    found = counts(nlp, "Trump sent eight warships and a submarine to the Caribbean.")
    assert found == [("warships", 8, "eight"), ("submarines", 1, "a")]


def test_people_who_die_and_who_are_arrested(nlp) -> None:
    assert counts(nlp, "Two soldiers died in the attack.") == [("fatalities", 2, "Two")]
    assert counts(nlp, "Police arrested 35 protesters.") == [("arrests", 35, "35")]


def test_participants(nlp) -> None:
    assert counts(nlp, "Dozens of demonstrators marched through Bamako.") == [
        ("participants", 12, "Dozens")]


def test_dates_and_plain_articles_are_not_counts(nlp) -> None:
    assert counts(nlp, "A boat was seen in 2024 near the port.") == []


@pytest.mark.parametrize(("text", "killed"), [
    ("Security forces opened fire on the protest, killing a young man.", 1),
    ("A woman and her son were killed.", 2),
    ("A demonstrator was killed when gendarmes fired on the march.", 1),
    ("A suicide attack outside the camp killed at least 9 people.", 9),  # "a" attack
    ("An airstrike destroyed a house, killing a family of five.", 5),  # "five", not "a"
    ("Residents burned the home of a man accused of killing a girl.", 0),
    ("The missile hit the tanker, killing a sailor and wounding two.", 1),
    ("Gunmen killed a village chief and his son on Monday.", 2),
    ("A woman accused of witchcraft was beaten and burned to death by a mob.", 1),
])  # fmt: skip
def test_one_person_killed_is_one_fatality(nlp, text: str, killed: int) -> None:
    found = [v for c, v, _ in counts(nlp, text) if c == "fatalities"]
    assert sum(found) == killed


def test_a_death_in_an_after_clause_belongs_to_another_incident() -> None:
    from test_events_background import events_of

    events = events_of("Residents attacked the police station with stones on Sunday after a "
                       "man was killed by a stray bullet.")  # fmt: skip
    (riot,) = [e for e in events if e.event_type == "Riots"]
    assert riot.fatalities == 0


@pytest.mark.parametrize(("text", "dead"), [
    ("Clashes erupted on Tuesday, leaving 7 combatants dead, military sources said.", 7),
    ("A shoot-out left four suspects dead on Saturday.", 4),
    ("Residents reported nine dead after the fighting.", 9),
    ("The army said 11 insurgents were neutralised and two soldiers lost their lives.", 13),
    ("Pro-government sources reported 8 soldiers killed and several captured.", 8),
    ("Four policemen, two civilians and both attackers died.", 8),
    ("The district commissioner and two bodyguards died.", 3),
    ("A bomber blew himself up at a checkpoint, killing himself and 2 soldiers.", 3),
    ("Four soldiers killed two militants in the clash.", 2),  # the subject killed
    ("An IED hit the convoy; at least 7 soldiers killed (local sources).", 7),
    ("A woman blew herself up at the market, killing two traders as well as herself.", 3),
])  # fmt: skip
def test_deaths_said_in_other_words(text: str, dead: int) -> None:
    doc = load_nlp()(text)
    found = [c for c in find_counts(next(iter(doc.sents))) if c.category == "fatalities"]
    assert sum(c.value for c in found) == dead


def test_a_victim_is_counted_though_the_next_clause_blames_someone() -> None:
    text = ("A grenade exploded in the central market on 25 July, killing a trader; "
            "separatists were blamed.")  # fmt: skip
    (event,) = [e for e in events_of(text) if e.label == "grenade attack"]
    assert event.fatalities == 1


def test_a_toll_after_a_semicolon_counts_for_the_incident_before_it() -> None:
    text = "Indian troops fired artillery at posts in the valley on Saturday; one soldier died."
    (event,) = events_of(text)
    assert event.fatalities == 1


@pytest.mark.parametrize(("text", "fatalities"), [
    ("A motorcycle taxi hit a landmine on the road on Monday, killing the driver and his "
     "passenger.", 2),
    ("Gunmen attacked the soldiers at the checkpoint on Monday.", 0),
])  # fmt: skip
def test_one_person_killed_named_with_the_is_counted(text: str, fatalities: int) -> None:
    (event,) = events_of(text)
    assert event.fatalities == fatalities


@pytest.mark.parametrize(("text", "label", "fatalities"), [
    ("IED vs PMF pick-up on the road north of the city on Monday: 2 PMF KIA, 1 WIA.",
     "bombing", 2),
    ("Army patrol vs rebel column near the town on Monday; 1 soldier KIA.", "armed clash", 1),
])  # fmt: skip
def test_a_field_note_tells_its_incident_and_toll(
    text: str, label: str, fatalities: int
) -> None:
    (event,) = events_of(text)
    assert (event.label, event.fatalities) == (label, fatalities)


def test_a_toll_whose_verb_governs_the_incidents_when_clause_is_its_toll() -> None:
    from test_events_background import events_of

    (event,) = events_of("Three soldiers died when a roadside bomb hit their vehicle near "
                         "Afgooye on Saturday.")  # fmt: skip
    assert event.fatalities == 3


def test_figures_of_names_and_dates_are_no_counts(nlp) -> None:
    text = "5 Oct: Suspected Barrio 18 gang members shot dead a bus driver."
    assert [c.value for c in find_counts(next(iter(nlp(text).sents)))] == [1]  # the driver


def test_a_field_notes_day_counts_nobody() -> None:
    (event,) = events_of("16/03: Ogembo, Kisii County: mob lynched 2 elderly women accused of "
                         "witchcraft, torched their houses.", date(2025, 3, 20))  # fmt: skip
    assert event.fatalities == 2


@pytest.mark.parametrize("text", [
    "Troops fired into a crowd in the town on Monday, killing a 19-year-old.",
    "A drone dropped a bomb on a bulldozer on Monday, killing the operator.",
    "Settlers attacked the village on Monday, torching two homes and shooting dead a resident.",
    "Officers shot dead a former army commando at his home on Monday.",
])  # fmt: skip
def test_one_person_killed_is_one_dead(text: str) -> None:
    (event,) = events_of(text)
    assert event.fatalities == 1


@pytest.mark.parametrize(("text", "fatalities"), [
    ("On Monday, rebels ambushed a military column near the town, and the two sides fought "
     "until dusk; local sources reported six soldiers killed.", 6),
    ("On Monday, rebels attacked army positions in the district; six soldiers died, while "
     "rebel losses were not known.", 6),
    ("On Monday, rebels attacked army positions in the district; the war has killed 900 "
     "soldiers since March.", 0),
])  # fmt: skip
def test_a_toll_told_after_the_one_incident_is_its_toll(text: str, fatalities: int) -> None:
    (event,) = events_of(text)
    assert event.fatalities == fatalities


def test_two_acts_at_two_named_places_are_two_incidents_with_their_own_tolls() -> None:
    events = events_of("Militants killed two policemen with a roadside bomb in Bajaur's Mamund "
                       "tehsil and stormed a checkpoint outside Dera Ismail Khan on Monday, "
                       "killing three paramilitary soldiers.")  # fmt: skip
    assert sorted(e.fatalities for e in events) == [2, 3]


def test_marchers_carrying_photographs_of_the_dead_are_a_peaceful_protest() -> None:
    (event,) = events_of(
        "On Thursday afternoon, several hundred people marched along Jamal Street, carrying "
        "photographs of the two children killed in al-Jahmaliya and chanting against the siege."
    )
    assert (event.sub_event_type, event.fatalities) == ("Peaceful protest", 0)


def test_a_distance_hung_on_a_bearing_is_no_toll() -> None:
    """ "30 km north-east of X": the parser hangs the distance on the bearing, not a noun."""
    (event,) = events_of("Gunmen killed nine traders 30 km north-east of Ouallam on Sunday.")
    assert event.fatalities == 9
