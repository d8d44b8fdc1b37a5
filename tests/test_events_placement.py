"""Events read with the embedded gazetteer: where they are placed, and the names that are
places rather than actors."""

from __future__ import annotations

from datetime import date
from functools import cache

import pytest

from gazetteer import Gazetteer
from geo.model import Article, Event
from geo.nlp import load_nlp
from geo.pipeline import process_article


@cache
def _gazetteer() -> Gazetteer:
    return Gazetteer.open()


def events_of(text: str, published: date | None = None) -> list[Event]:
    article = Article.from_text(text, published=published)
    return list(process_article(article, load_nlp(), _gazetteer()).events)


@pytest.mark.parametrize(("text", "place"), [
    ("A crowd beat a man to death in Pétion-Ville on Sunday.", "Pétionville"),
    ("In a joint communiqué issued in Torit, the government and a local SPLA-IO commander said "
     "they had signed a cessation of hostilities agreement on Monday covering Torit and Magwi "
     "counties.", "Torit"),
    ("Troops drove RSF fighters out of Umm Ruwaba, North Kordofan, on Sunday.", "Umm Ruwaba"),
    ("On Tuesday the army said it had retaken the town of Bara, about 60 km from El Obeid.",
     "Bārah"),
    ("Gunmen shot dead two men in Qamishli on Thursday.", "Al Qāmishlī"),
    ("Troops found a weapons cache in orchards N of Muqdadiyah, Diyala, on Monday.",
     "Al Miqdādīyah"),
    ("Gunmen on motorbikes opened fire from the bank on a pinasse carrying about 60 passengers "
     "and sacks of rice near Niafunké, in Timbuktu region, killing seven people on Tuesday.",
     "Niafunké"),
])  # fmt: skip
def test_the_event_is_placed_where_its_sentence_says(text: str, place: str) -> None:
    (event,) = events_of(text)
    assert event.place is not None and event.place.name == place


def test_a_riot_later_that_day_in_another_town_is_not_the_crackdown_near_the_first() -> None:
    events = events_of(
        "On Monday police opened fire on residents peacefully blocking the highway near "
        "Cayambe in protest at a water concession, killing one man. Later that day in "
        "Otavalo, protesters set a police patrol car on fire and stoned the police station."
    )
    assert sorted(e.event_type for e in events) == ["Protests", "Riots"]


def test_a_word_of_a_longer_place_name_is_no_actor() -> None:
    (event,) = events_of(
        "In Dera Ismail Khan, around 15 fighters attacked the Frontier Corps post on Monday."
    )
    assert event.actor1 is not None and event.actor1.name == "15 fighters"


def test_a_protest_outside_the_national_assembly_is_in_the_capital() -> None:
    (event,) = events_of(
        "The truce came under strain in Bria. On Tuesday police in the Central African "
        "Republic fired live rounds to disperse a protest outside the National Assembly, "
        "killing one protester."
    )
    assert event.place is not None and event.place.name == "Bangui"


def test_a_word_of_a_country_name_is_no_qualifier() -> None:
    (event,) = events_of("Rebels clashed with soldiers in the Central African Republic on Monday.")
    assert event.place is not None and event.place.name == "Central African Republic"


def test_blocking_access_to_a_town_is_at_the_town() -> None:
    (event,) = events_of(
        "Police were attacked with stones by miners blocking access to Llallagua on 21 June."
    )
    assert event.place is not None and event.place.name == "Llallagua"


def test_the_town_is_the_town_named_before_not_the_dateline() -> None:
    events = events_of(
        "GOMA, 17 June – M23 rebels regained control of Kirumba on Sunday after several hours "
        "of fighting, local officials said. At least four fighters were killed. The following "
        "day the rebels set up a command post in the town's former administrative offices."
    )
    assert {e.place.name for e in events if e.place is not None} == {"Kirumba"}


def test_shells_that_destroyed_shelters_are_one_shelling() -> None:
    events = events_of(
        "On Sunday, several artillery shells landed in the Dali displacement camp near Tawila, "
        "the report said, destroying shelters and a water point but causing no casualties."
    )
    assert [e.sub_event_type for e in events] == ["Shelling/artillery/missile attack"]


@pytest.mark.parametrize(("second", "places"), [
    ("Police in Khyber Pakhtunkhwa province said on Tuesday that militants had attacked a "
     "police post on Monday, killing three officers.", ["Bannu"]),
    ("Elsewhere in Khyber Pakhtunkhwa province on Monday, militants attacked a police post, "
     "killing two officers.", ["Bannu", "Khyber Pakhtunkhwa"]),
])  # fmt: skip
def test_an_attack_told_again_at_its_province_is_one_event_at_the_town(
    second: str, places: list[str]
) -> None:
    first = "Militants attacked a police post in Bannu on Monday, killing three policemen."
    events = events_of(f"{first}\n\n{second}", date(2026, 3, 3))
    assert sorted(e.place.name for e in events if e.place is not None) == places


@pytest.mark.parametrize(("text", "count"), [
    ("More than 480 soldiers were killed in Khyber Pakhtunkhwa in the first eight months of "
     "this year, a think tank said on Monday.", 0),
    ("The mission said on Monday that 187 civilians were killed in Donetsk region between June "
     "and September.", 0),
    ("In the first half of the year, 90 soldiers were killed in Borno, officials said on "
     "Monday.", 0),
    ("Gunmen killed two farmers near the village between Monday and Tuesday.", 1),
])  # fmt: skip
def test_a_toll_over_months_in_a_named_place_is_a_tally(text: str, count: int) -> None:
    assert len(events_of(text)) == count


def test_a_place_listed_after_another_is_not_its_container() -> None:
    (event,) = events_of(
        "The drone strike drew protests on Monday in Sinjar and in Turkey's mainly Kurdish "
        "south-east.",
        date(2026, 9, 15),
    )
    assert event.place is not None and event.place.country == "IQ"


def test_an_act_a_dated_statement_answers_is_the_one_told_later() -> None:
    events = events_of(
        "The government said on Tuesday that its ceasefire with the ELN remained in force "
        "despite a firefight in the eastern department of Arauca that killed two soldiers.\n\n"
        "Troops came under fire from ELN fighters in a rural area of Saravena municipality "
        "early on Monday, the army said.",
        date(2026, 10, 20),
    )
    assert [(e.event_type, e.date) for e in events] == [("Battles", date(2026, 10, 19))]


def test_residents_of_a_town_are_there() -> None:
    events = events_of(
        "Gunmen raided the market in Niamey on Sunday.\n\nOn Monday, residents of Abala "
        "gathered outside the prefecture to demand that troops be stationed in the town.",
        date(2026, 4, 14),
    )
    (protest,) = [e for e in events if e.event_type == "Protests"]
    assert protest.place is not None and protest.place.name == "Abala"


@pytest.mark.parametrize(("text", "place"), [
    ("Ukraine's air force says its units shot down 352 of the 390 drones and 14 of the 18 "
     "missiles Russia launched overnight, most of them aimed at Kyiv and Odesa.", "Ukraine"),
    ("Air defences shot down three drones over Odesa on Monday.", "Odesa"),
])  # fmt: skip
def test_a_nights_tally_of_weapons_downed_is_the_whole_countrys(text: str, place: str) -> None:
    """ "N of the M drones": the air force's tally for the country, not the cities named."""
    (event,) = events_of(text, date(2026, 1, 21))
    assert event.place is not None and event.place.name == place


@pytest.mark.parametrize(("text", "place"), [
    ("A drone struck a wedding in a hamlet about 10 km from Youwarou, in central Mali's Mopti "
     "region, on Sunday, killing 19 people.", "Youwarou"),
    ("Gunmen killed five herders in a village 20 km from Youwarou on Sunday.", "Youwarou"),
    ("About 30 km from Bamako, in the town of Kati, gunmen killed two soldiers on Sunday.",
     "Kati"),
])  # fmt: skip
def test_a_place_a_distance_is_measured_from_is_near_the_scene(text: str, place: str) -> None:
    """ "10 km from X": X at geo precision 2, unless the clause names the scene itself."""
    (event,) = events_of(text, date(2025, 5, 5))
    assert event.place is not None and event.place.name == place
    assert event.geo_precision == (1 if place == "Kati" else 2)


@pytest.mark.parametrize("text", [
    "On Sunday gunmen stormed Debre Werk and killed three traders.",
    "On Sunday soldiers entered Debre Werk and set fire to three shops on the market street.",
])  # fmt: skip
def test_a_town_stormed_or_entered_is_the_scene(text: str) -> None:
    (event,) = events_of(text, date(2025, 5, 5))
    assert event.place is not None and event.place.name == "Debre Werk’"
