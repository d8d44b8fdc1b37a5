"""An incident told again is one event: a news lead's incident retold further down, or an
incident named by its day ("Sunday's attack"); other incidents of the same kind elsewhere
stay apart."""

from __future__ import annotations

from datetime import date
from functools import cache

import pytest

from gazetteer import Gazetteer
from geo.events.scoring import is_incident
from geo.model import Article, Event
from geo.nlp import load_nlp
from geo.pipeline import process_article


@cache
def _gazetteer() -> Gazetteer:
    return Gazetteer.open()


def incidents(text: str, published: date) -> list[Event]:
    article = Article.from_text(text, published=published)
    return [e for e in process_article(article, load_nlp(), _gazetteer()).events if is_incident(e)]


def test_a_reaction_lead_and_the_body_tell_one_strike_on_the_body_day() -> None:
    text = (
        "Kenya protests drone strike on border town\n\n"
        "NAIROBI — Kenya summoned Somalia's ambassador on Thursday over an air strike that "
        "killed four herders near Mandera.\n\n"
        "An aircraft bombed a watering point outside Mandera on Tuesday afternoon, killing four "
        "herders and 30 camels, local officials said."
    )
    (strike,) = incidents(text, date(2026, 3, 12))
    assert strike.sub_event_type == "Air/drone strike"
    assert strike.date == date(2026, 3, 10)
    assert strike.fatalities == 4  # the camels are not among the dead
    assert len(strike.sources) == 2


def test_an_undated_retelling_of_the_lead_joins_it() -> None:
    text = (
        "Fuel tankers torched on Mali's western road\n\n"
        "BAMAKO — Militants set fire to about 30 fuel tankers on the road from Senegal on "
        "Monday, transport unions said.\n\n"
        "JNIM fighters stopped the convoy near Diéma, ordered the drivers out and burned the "
        "trucks, according to the union."
    )
    (arson,) = incidents(text, date(2026, 3, 12))
    assert arson.date == date(2026, 3, 9)
    assert arson.place is not None and arson.place.name == "Diéma"


def test_the_same_kind_of_strike_in_another_city_stays_apart() -> None:
    text = (
        "Russian drones hit two cities overnight\n\n"
        "KYIV — Russian drones struck a tram depot in Kharkiv on Tuesday night, killing two "
        "workers, regional officials said.\n\n"
        "In the south, drones struck a power substation near Izmail on Tuesday night, cutting "
        "electricity to 20,000 homes."
    )
    strikes = incidents(text, date(2026, 3, 12))
    assert sorted(e.place.name for e in strikes if e.place) == ["Izmayil", "Kharkiv"]


def test_a_later_telling_that_says_later_is_another_strike() -> None:
    text = (
        "Drone strikes in south Lebanon\n\n"
        "BEIRUT — A drone strike on a car near Nabatieh killed its driver on Monday, the health "
        "ministry said.\n\n"
        "Later on Monday, an Israeli drone struck an excavator in Kfar Kila, setting it alight."
    )
    assert len(incidents(text, date(2026, 3, 10))) == 2


def test_an_attack_named_by_its_day_is_the_one_on_that_day() -> None:
    text = (
        "Gunmen stormed the outskirts of Lascahobas on Sunday evening, shooting dead seven "
        "residents, officials said.\n\n"
        "On Tuesday, police drones struck gang positions near Mirebalais, killing five gang "
        "members.\n\n"
        "A nurse at the clinic in Mirebalais said it treated four people with gunshot wounds "
        "from Sunday's attack."
    )
    events = incidents(text, date(2026, 2, 12))
    assert sorted(e.date.isoformat() for e in events if e.date) == ["2026-02-08", "2026-02-10"]


def test_an_undated_act_of_the_doers_named_again_is_the_incident_told_before() -> None:
    text = (
        "Talks on reopening roads around Taiz stalled on Wednesday, mediators said.\n\n"
        "Houthi shells slammed into a crowded street in eastern Taiz on Wednesday evening, "
        "killing four civilians, medics said. "
        "The rounds struck houses and a vegetable stall in the al-Jahmaliya neighbourhood "
        "shortly after sunset, according to residents."
    )
    (shelling,) = incidents(text, date(2025, 7, 17))
    assert shelling.date == date(2025, 7, 16)
    assert len(shelling.sources) == 2


def test_arrests_in_the_sentence_after_a_riot_are_part_of_it() -> None:
    text = (
        "On Tuesday, hundreds of opposition supporters blocked roads in Masaka, set tyres "
        "alight and pelted police with stones, witnesses said. "
        "Officers responded with tear gas and arrested several people."
    )
    (riot,) = incidents(text, date(2025, 11, 6))
    assert riot.event_type == "Riots"


def test_an_act_aimed_again_at_the_target_told_before_is_that_incident() -> None:
    text = (
        "Gunmen attacked a police checkpost in Tank district late on Tuesday, killing two "
        "constables, police said.\n\n"
        "A police spokesman said about a dozen attackers opened fire on the post from three "
        "sides shortly after 10 p.m. before reinforcements pushed them back."
    )
    (attack,) = incidents(text, date(2025, 2, 19))
    assert len(attack.sources) == 2


def test_a_toll_told_in_the_strike_named_after_a_place_goes_to_that_strike() -> None:
    text = (
        "09:10 - A drone dropped explosives on a bus in Antonivka on Wednesday morning, "
        "killing the driver, officials said.\n\n"
        "13:05 - Artillery shelled Bilozerka on Wednesday, injuring a woman, the head of the "
        "community said.\n\n"
        "19:45 - The driver killed in the Antonivka bus strike was named as a 47-year-old man."
    )
    tolls = {e.place.name: e.fatalities for e in incidents(text, date(2025, 6, 18)) if e.place}
    assert tolls == {"Antonivka": 1, "Bilozerka": 0}


def test_a_stronghold_of_a_province_is_in_that_province() -> None:
    text = "Jets struck targets in the rebels' northern stronghold of Saada on Wednesday."
    (strike,) = incidents(text, date(2024, 6, 13))
    assert strike.place is not None and strike.place.name == "Sa'dah"


def test_what_a_claim_of_responsibility_adds_is_part_of_the_incident_claimed() -> None:
    text = (
        "Fighters ambushed an army convoy south of Djibo on Sunday, killing 12 soldiers, "
        "security sources said. The convoy was carrying fuel to the town. Officials called "
        "the attack cowardly. The government promised to reopen the road.\n\n"
        "The group claimed responsibility in a message, saying it had seized weapons and "
        "motorbikes."
    )
    (ambush,) = incidents(text, date(2025, 6, 24))
    assert ambush.event_type == "Battles"


def test_units_taking_over_a_position_left_in_the_same_sentence_are_the_handover() -> None:
    text = ("Foreign troops on Sunday withdrew from a hilltop position near Kfar Kila, and "
            "army units deployed there a few hours later, the army said.")  # fmt: skip
    (handover,) = incidents(text, date(2026, 2, 17))
    assert handover.sub_event_type == "Non-violent transfer of territory"


def test_a_warship_docking_in_a_port_is_a_deployment() -> None:
    text = "The destroyer USS Gravely docked in Port of Spain on Tuesday, the embassy said."
    (arrival,) = incidents(text, date(2026, 2, 18))
    assert arrival.place is not None and arrival.place.name == "Port of Spain"


def test_a_crowd_gathered_earlier_in_the_paragraph_is_the_protest_dispersed() -> None:
    text = (
        "Court jails five protesters\n\n"
        "By evening, a crowd of several thousand had gathered on the main avenue in Tbilisi. "
        "Until then the rally had been calm, with speeches and music. Shortly after 11 p.m., "
        "police moved in with water cannon to clear the avenue in Tbilisi."
    )
    protests = incidents(text, date(2025, 4, 9))
    assert [e.sub_event_type for e in protests] == ["Protest with intervention"]


def test_a_place_set_before_the_subject_frames_both_verbs_of_one_act() -> None:
    text = ("In Dhaka, strike supporters set fire to two buses and threw stones at police in the "
            "Paltan area early on Tuesday, a police official said.")  # fmt: skip
    assert len(incidents(text, date(2026, 3, 10))) == 1


def test_a_short_town_before_its_bracketed_province_is_the_place() -> None:
    text = "Gunmen abducted three herders near Yei (Central Equatoria) on Tuesday, police said."
    (abduction,) = incidents(text, date(2025, 4, 23))
    assert abduction.place is not None and abduction.place.name == "Yei"


def test_a_clash_a_side_claims_after_the_fact_is_told() -> None:
    text = ("Clashes between the army and rebel fighters near Yambio on Monday killed five "
            "soldiers, a rebel spokesman claimed.")  # fmt: skip
    assert [e.event_type for e in incidents(text, date(2025, 4, 23))] == ["Battles"]


def test_beatings_by_the_force_that_broke_up_a_rally_are_part_of_it() -> None:
    text = (
        "Rally broken up in Masaka\n\n"
        "Several thousand supporters had gathered at a sports ground in Masaka on Tuesday "
        "when police fired tear gas into the crowd. Witnesses said officers beat several "
        "people with batons as they fled."
    )
    assert len(incidents(text, date(2025, 11, 13))) == 1


def test_a_hyphenated_town_after_in_that_the_model_took_for_a_person_is_the_place() -> None:
    text = ("Residents of Pétion-Ville lynched two suspected gang members on Monday. In "
            "Cap-Haïtien, demonstrators angry over fuel prices threw stones at police and burned "
            "tyres on Tuesday.")  # fmt: skip
    places = sorted(e.place.name for e in incidents(text, date(2024, 5, 8)) if e.place)
    assert places == ["Cap-Haïtien", "Pétionville"]


def test_fire_returned_is_a_clash_and_after_an_attack_is_that_attack() -> None:
    alone = incidents("On Monday, officers returned fire near Witu.", date(2025, 7, 14))
    assert [e.event_type for e in alone] == ["Battles"]
    text = ("Gunmen attacked an army post near Khnatsakh on Sunday, the ministry said. Soldiers "
            "returned fire, it said, and the shooting stopped after about 20 minutes.")  # fmt: skip
    assert len(incidents(text, date(2026, 11, 9))) == 1


def test_reinforcements_in_apposition_to_a_misread_subject_still_arrive() -> None:
    text = ("On Thursday, as the ambassadors' convoy reached Macomia, a column of Rwandan "
            "reinforcements also arrived in the town, residents said.")  # fmt: skip
    (arrival,) = incidents(text, date(2025, 9, 19))
    assert arrival.event_type == "Strategic developments"


def test_a_thing_named_by_the_day_it_was_done_keeps_its_day_to_itself() -> None:
    text = ("Citing the integration deal signed in March 2025, SDF forces withdrew from Deir "
            "Hafer (east Aleppo) on Saturday, and government troops entered the town without "
            "fighting.")  # fmt: skip
    (withdrawal,) = incidents(text, date(2026, 1, 19))
    assert withdrawal.date == date(2026, 1, 17)


def test_an_arrest_told_next_on_another_day_is_not_part_of_the_dispersal() -> None:
    text = ("The ministry said riot police had cleared Rustaveli Avenue in Tbilisi on the evening "
            "of 11 January, using water cannon against protesters who were blocking the road. "
            "The ministry added that the leader of an opposition party was arrested at his home "
            "in Tbilisi on 12 January.")  # fmt: skip
    assert len(incidents(text, date(2026, 1, 14))) == 2


@pytest.mark.parametrize(("text", "place"), [
    ("Gunmen attacked a village in Tillaberi near the border with Mali on Monday, killing "
     "five.", "Tillabéri"),
    ("Several hundred people gathered outside the Chadian embassy in Bangui on Monday, and "
     "police fired tear gas to push them back.", "Bangui"),
])  # fmt: skip
def test_the_country_across_a_border_or_owning_an_embassy_is_not_the_place(
    text: str, place: str
) -> None:
    (event,) = incidents(text, date(2025, 9, 26))
    assert event.place is not None and event.place.name == place
