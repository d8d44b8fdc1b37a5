"""ACLED typing by who acted and how: crowds of unarmed people who turn violent riot;
weapons found or seized are disrupted weapons use; a town taken without a fight changes
hands without a battle."""

from __future__ import annotations

from datetime import date

import pytest
from test_events_background import events_of


@pytest.mark.parametrize(("text", "sub_event_type"), [
    ("Residents lynched two suspected thieves in the market on Monday.", "Mob violence"),
    ("Villagers beat a man accused of theft to death on Monday.", "Mob violence"),
    ("Angry residents attacked the police station on Monday, throwing stones.",
     "Violent demonstration"),
    ("Angry residents attacked and burned the home of a man accused of killing a girl on "
     "Monday.", "Mob violence"),
])  # fmt: skip
def test_unarmed_people_turning_violent_riot(text: str, sub_event_type: str) -> None:
    (event,) = events_of(text)
    assert (event.event_type, event.sub_event_type) == ("Riots", sub_event_type)
    assert event.actor1 is not None and event.actor1.inter == 5


def test_property_set_on_fire_is_property_destruction() -> None:
    (event,) = events_of("Separatist fighters set a coach on fire outside Mbengwi on Monday.")
    assert event.sub_event_type == "Looting/property destruction"


@pytest.mark.parametrize("text", [
    "Soldiers found an arms cache holding four rifles in the forest on Monday.",
    "Police recovered 35 rifles and two rocket launchers near the town on Monday.",
    "Soldiers found about 40 kilograms of explosives in a container at the port on Sunday.",
])  # fmt: skip
def test_weapons_found_or_seized_are_disrupted_weapons_use(text: str) -> None:
    (event,) = events_of(text)
    assert event.sub_event_type == "Disrupted weapons use"


@pytest.mark.parametrize(("text", "sub_event_type"), [
    ("Gunmen on motorcycles surrounded the market and opened fire on the crowd on Monday, "
     "killing 17 people.", "Attack"),
    ("Police opened fire on the crowd on Monday, killing three protesters.",
     "Excessive force against protesters"),
    ("Troops opened fire on Monday on crowds waiting for food near an aid distribution "
     "site, killing four people.", "Attack"),
])  # fmt: skip
def test_only_state_forces_firing_on_a_crowd_is_force_against_protesters(
    text: str, sub_event_type: str
) -> None:
    (event,) = events_of(text)
    assert event.sub_event_type == sub_event_type


@pytest.mark.parametrize("text", [
    "On Monday, police fired tear gas to stop a march by striking teachers.",
    "Police fired pepper spray at the protesters outside parliament on Monday.",
    "Police fired tear gas to disperse farmers marching towards the capital on Monday.",
    "Police shoved back several hundred students who tried to block the bridge on Monday.",
    "Police lobbed tear gas canisters at several hundred residents on the main road on Monday.",
])  # fmt: skip
def test_force_aimed_at_a_march_is_a_protest_with_intervention(text: str) -> None:
    (event,) = events_of(text)
    assert event.sub_event_type == "Protest with intervention"


@pytest.mark.parametrize(("text", "sub_event_type"), [
    ("Security forces fired live ammunition at people protesting the death of a detainee "
     "on Monday.", "Excessive force against protesters"),
    ("Police used batons to disperse several hundred graduates marching on parliament on "
     "Monday.", "Protest with intervention"),
    ("Troops dispersed the protest on Monday and said no live fire had been used.",
     "Protest with intervention"),
])  # fmt: skip
def test_live_fire_on_protesters_is_excessive_force(text: str, sub_event_type: str) -> None:
    (event,) = events_of(text)
    assert event.sub_event_type == sub_event_type


@pytest.mark.parametrize(("text", "dispersed"), [
    ("The march dispersed by mid-afternoon.", False),
    ("The crowd dispersed on Monday evening.", False),
    ("The march was dispersed by police on Monday.", True),
])  # fmt: skip
def test_a_gathering_that_breaks_up_by_itself_was_not_dispersed(
    text: str, dispersed: bool
) -> None:
    from geo.events.triggers import find_triggers
    from geo.nlp import load_nlp

    kinds = {t.kind.key for s in load_nlp()(text).sents for t in find_triggers(s)}
    assert bool(kinds & {"crackdown", "dispersal"}) == dispersed


@pytest.mark.parametrize("text", [
    "Rebels took over the town without a fight on Monday.",
    "Al-Shabaab fighters entered the town of Burdhubo without a fight on Saturday.",
    "Army troops moved back into Lubero town on Monday after the rebels withdrew without "
    "fighting.",
])  # fmt: skip
def test_a_town_taken_without_a_fight_is_a_non_violent_transfer(text: str) -> None:
    (event,) = events_of(text)
    assert (event.event_type, event.sub_event_type) == (
        "Strategic developments", "Non-violent transfer of territory")


def test_forces_entering_a_town_are_no_event_of_their_own() -> None:
    (event,) = events_of("Gunmen entered the village of Kura on Saturday and killed four farmers.")
    assert event.sub_event_type == "Attack"


def test_a_person_who_blows_herself_up_is_a_suicide_bomber() -> None:
    (event,) = events_of("A woman carrying explosives blew herself up at the market in Mora on "
                         "Monday, killing two traders.")  # fmt: skip
    assert event.sub_event_type == "Suicide bomb"
    assert event.actor1 is not None and event.actor1.inter == 3


@pytest.mark.parametrize(("text", "events"), [
    ("About 40 fighters of a rebel faction handed in their weapons in Paoua on Sunday.", 1),
    ("Thirty militants laid down their arms in Paoua on Sunday.", 1),
    ("Police handed in the seized weapons to the army depot on Monday.", 0),
])  # fmt: skip
def test_fighters_handing_in_their_arms_change_activity(text: str, events: int) -> None:
    found = [e for e in events_of(text) if e.sub_event_type == "Change to group/activity"]
    assert len(found) == events


def test_violence_against_civilians_has_civilians_as_actor2() -> None:
    (event,) = events_of("Gunmen attacked the market on Monday, killing four, police said.")
    assert event.event_type == "Violence against civilians"
    assert event.actor2 is not None and (event.actor2.name, event.actor2.inter) == ("Civilians", 7)


def test_what_a_killing_prompted_does_not_type_it() -> None:
    (event,) = events_of("A student was killed by a stray bullet in the town on Monday, "
                         "prompting a protest march by hundreds of residents.")  # fmt: skip
    assert event.event_type == "Violence against civilians"


def test_arrests_when_a_crowd_is_dispersed_are_a_protest_with_intervention() -> None:
    (event,) = events_of("Police fired tear gas and arrested around 20 people in the capital "
                         "on Tuesday when the crowd blocked a main road.")  # fmt: skip
    assert event.sub_event_type == "Protest with intervention"


def test_a_protest_dispersed_in_the_next_sentence_is_one_event() -> None:
    (event,) = events_of("Hundreds of teachers protested outside parliament in the capital "
                         "on Monday. Police fired tear gas to disperse the protesters.")
    assert event.sub_event_type == "Protest with intervention"
    assert len(event.sources) == 2 and event.date is not None and event.date.day == 20


def test_a_riot_dispersed_in_the_next_sentence_stays_a_riot() -> None:
    (event,) = events_of("Hundreds of youths took to the streets of the town on Thursday, "
                         "blocking roads and setting a police pickup on fire. Security forces "
                         "fired warning shots to disperse the crowd.")  # fmt: skip
    assert event.sub_event_type == "Violent demonstration"
    assert event.actor2 is not None and event.actor2.inter == 1


@pytest.mark.parametrize(("text", "sub_event_type"), [
    ("Police and soldiers retook the town of Mirebalais from gangs on Saturday.",
     "Government regains territory"),  # spaCy's lemma of "retook" is "retook"
    ("Masked gunmen seized a journalist outside his home in the city on Monday.",
     "Abduction/forced disappearance"),  # people seized: an abduction, not a capture
    ("Aircraft of the air force carried out strikes on rebel positions in the hills on "
     "Monday.", "Air/drone strike"),  # the light verb's subject names the aircraft
])  # fmt: skip
def test_more_ways_to_tell_an_incident(text: str, sub_event_type: str) -> None:
    assert [e.sub_event_type for e in events_of(text)] == [sub_event_type]


@pytest.mark.parametrize(("text", "sub_event_type"), [
    ("Riot police arrested 8 opposition activists in the capital on Monday as they staged a "
     "sit-in demanding electoral reforms.", "Protest with intervention"),
    ("Rebel fighters rounded up dozens of young men in the town on Monday.",
     "Abduction/forced disappearance"),  # only state forces arrest
    ("Soldiers detained a teacher in the town on Monday and took her to an unknown location.",
     "Abduction/forced disappearance"),  # detained without trace
    ("Police arrested a local politician in the capital on Monday.", "Arrests"),
])  # fmt: skip
def test_who_detains_whom_decides_arrest_abduction_or_intervention(
        text: str, sub_event_type: str) -> None:  # fmt: skip
    assert [e.sub_event_type for e in events_of(text)] == [sub_event_type]


@pytest.mark.parametrize(("text", "sub_event_types"), [
    ("Iraqi forces arrested three men in the city on Monday and seized a cache of rockets in a "
     "house.", ["Arrests"]),  # the rockets seized are not a rocket attack
    ("Troops recovered 2 IEDs on the main road on Monday.", ["Disrupted weapons use"]),
    ("The rebels opened a military command post in the town on Monday.",
     ["Headquarters or base established"]),
    ("Around 300 Russian military personnel arrived in the capital on Monday.", ["Other"]),
    ("Militants destroyed a bridge near the town on Monday.",
     ["Looting/property destruction"]),
])  # fmt: skip
def test_strategic_developments(text: str, sub_event_types: list[str]) -> None:
    assert [e.sub_event_type for e in events_of(text)] == sub_event_types


@pytest.mark.parametrize(("text", "sub_event_type"), [
    ("Government troops drove al Shabaab fighters out of the village on Wednesday.",
     "Government regains territory"),
    ("Drones operated by the cartel dropped explosives on homes on the edge of the town on "
     "Monday, wounding three residents.", "Air/drone strike"),
])  # fmt: skip
def test_driven_out_and_dropped_from_drones(text: str, sub_event_type: str) -> None:
    assert [e.sub_event_type for e in events_of(text)] == [sub_event_type]


@pytest.mark.parametrize(("text", "label"), [
    ("A US aircraft carrier strike group entered the Caribbean Sea on Tuesday, the Navy said.",
     "naval deployment"),
    ("Land, air and militia units began deploying across the country on Tuesday.",
     "military deployment"),
    ("Soldiers at a checkpoint on Monday intercepted a motorcycle carrying 1,500 rounds of "
     "ammunition.", "weapons intercepted"),  # the vehicle's load names the weapons
])  # fmt: skip
def test_forces_moving_and_loads_intercepted(text: str, label: str) -> None:
    assert [e.label for e in events_of(text)] == [label]


def test_a_ship_seized_off_a_port_is_not_territory() -> None:
    (event,) = events_of("Houthi fighters seized a bulk carrier in the Red Sea off the port "
                         "of Salif on Monday.")  # fmt: skip
    assert (event.event_type, event.sub_event_type) == ("Strategic developments", "Other")


def test_a_ship_hit_by_a_missile_is_shelled_not_bombed_from_the_air() -> None:
    (event,) = events_of("An anti-ship missile fired from Houthi-held territory hit a tanker "
                         "in the Gulf of Aden on Tuesday.")  # fmt: skip
    assert event.sub_event_type == "Shelling/artillery/missile attack"


@pytest.mark.parametrize(("text", "sub_event_type"), [
    ("A truck driver was lynched on Sunday night in the village, police said.", "Mob violence"),
    ("Residents lynched 2 alleged motorcycle thieves in the town on Sunday.", "Mob violence"),
    ("Gunmen on a motorcycle killed a shop owner in the market on Monday evening.",
     "Attack"),
    ("Police fired tear gas and water cannon at hundreds of protesters in the capital on "
     "Monday.", "Protest with intervention"),
])  # fmt: skip
def test_lynchings_vehicles_and_tear_gas(text: str, sub_event_type: str) -> None:
    (event,) = events_of(text)
    assert event.sub_event_type == sub_event_type


def test_the_means_may_be_the_subject_and_aircraft_are_a_state_force() -> None:
    (shelled,) = events_of("Russian artillery fire killed a man in the town, about 35 km to "
                           "the east, on Tuesday evening.")  # fmt: skip
    assert shelled.sub_event_type == "Shelling/artillery/missile attack"
    assert shelled.fatalities == 1
    (bombed,) = events_of("Russian aircraft dropped three guided bombs on the town on Tuesday.")
    assert bombed.actor1 is not None and bombed.actor1.inter in (1, 8)


def test_tear_gas_canisters_are_not_a_chemical_weapon() -> None:
    (event,) = events_of("Police began firing tear gas canisters into the crowd of protesters "
                         "in the square on Wednesday.")  # fmt: skip
    assert event.event_type == "Protests"


@pytest.mark.parametrize(("text", "sub_event_type"), [
    ("Students formed a human chain at the university on Monday to oppose the quota system.",
     "Peaceful protest"),
    ("Villagers held a dharna outside the district office on Monday.", "Peaceful protest"),
    ("Jeepney drivers went on strike in the city on Monday.", "Peaceful protest"),
    ("An explosive device went off at a market in the town on Monday, wounding 6 traders.",
     "Remote explosive/landmine/IED"),
    ("Protesters stoned police guarding the airport on Thursday, injuring six officers.",
     "Violent demonstration"),
    ("The rebel front broke away from the central command on Tuesday.",
     "Change to group/activity"),
    ("Two men accused of trying to kidnap a child were doused with petrol and set alight by "
     "a crowd in the town on Sunday.", "Mob violence"),
    # air strikes told in awkward grammar
    ("Pakistani aircraft struck suspected TTP hideouts in the district early on Monday.",
     "Air/drone strike"),
    ("Drones dropping explosives were used against villagers in the town on Monday.",
     "Air/drone strike"),
    # youths apposed to their city, burning a party office
    ("In the town, the country's second city, youths burned tyres on the main road and set "
     "fire to the office of the ruling party on Thursday.", "Violent demonstration"),
    ("On Friday morning, police arrested a prominent activist at his home in the capital.",
     "Arrests"),
    ("Elders in the district raised a clan militia of around 200 men on Monday to resist "
     "the levies, local officials said.", "Change to group/activity"),
    ("Soldiers sexually assaulted three women at a checkpoint near the town on Monday.",
     "Sexual violence"),
    # a bare "strike" that kills or falls on something; police clearing a gathering
    ("An Israeli strike killed five people in the city on Monday.", "Air/drone strike"),
    ("A Russian strike on a hotel in the city wounded 12 people on Sunday.",
     "Air/drone strike"),
    ("Police used batons and water cannon to disperse about 200 teachers who had gathered "
     "outside the governor's office on Monday.", "Protest with intervention"),
    ("Demonstrators were cleared from the avenue by riot police using water cannon on "
     "Monday.", "Protest with intervention"),
    ("A march on the government building turned violent on Wednesday, with protesters "
     "hurling stones at police; 37 people were detained.", "Violent demonstration"),
    ("Farmers in the hamlet formed an armed community self-defence group on Monday.",
     "Change to group/activity"),
    ("The BLA claimed responsibility for a roadside bomb that hit an army convoy on Monday.",
     "Remote explosive/landmine/IED"),
])  # fmt: skip
def test_more_ways_reports_say_it(text: str, sub_event_type: str) -> None:
    (event,) = events_of(text)
    assert event.sub_event_type == sub_event_type


def test_soldiers_killed_and_surrendering_are_outcomes_of_the_capture() -> None:
    (event,) = events_of(
        "The rebels said they captured a naval outpost near the town on Sunday "
        "after fierce fighting; 12 soldiers were killed and 30 surrendered."
    )
    assert (event.sub_event_type, event.fatalities) == ("Non-state actor overtakes territory", 12)


def test_rounds_fired_from_positions_that_struck_houses_are_shelling() -> None:
    (event,) = events_of("Mortar rounds fired from Houthi positions in the hills outside the "
                         "city struck houses on Sunday, killing a woman and her son.")  # fmt: skip
    assert event.sub_event_type == "Shelling/artillery/missile attack"
    assert event.fatalities == 2


def test_an_abduction_told_as_fighting_flared_again_is_an_abduction() -> None:
    (event,) = events_of(
        "Gunmen stopped a truck on the road on Tuesday and abducted seven "
        "people, as fighting between the rebels and the army flared again."
    )
    assert event.sub_event_type == "Abduction/forced disappearance"


def test_beating_pots_is_a_protest_not_an_attack() -> None:
    events = events_of("Hundreds of residents were chanting and beating pots in the street "
                       "on Thursday to protest against power cuts.")  # fmt: skip
    assert [e.event_type for e in events] == ["Protests"]


def test_two_suicide_bombers_are_one_suicide_bombing_not_an_air_strike() -> None:
    (event,) = events_of("Two suicide bombers attacked a police training centre in the town on "
                         "4 March, one detonating a vehicle at the gate and the other an "
                         "explosive vest inside the compound.", date(2025, 3, 10))  # fmt: skip
    assert event.sub_event_type == "Suicide bomb"


def test_seizures_told_after_a_raid_and_counts_of_seizures_are_the_raid() -> None:
    text = ("Police detained a gang leader and four bodyguards in a raid on a house in the "
            "city on 10 February. Rifles and cash were seized. It was the fourth seizure at "
            "the border post in six months.")  # fmt: skip
    assert [e.sub_event_type for e in events_of(text, date(2026, 2, 12))] == ["Arrests"]


@pytest.mark.parametrize("text, sub_type", [
    ("Gunmen stopped a bus on the road on Monday and took its 18 passengers hostage.",
     "Abduction/forced disappearance"),
    ("Commanders of the front said on Tuesday that they were breaking with the central "
     "command.", "Change to group/activity"),
])  # fmt: skip
def test_hostages_taken_and_a_front_breaking_with_its_command(text: str, sub_type: str) -> None:
    assert sub_type in [e.sub_event_type for e in events_of(text)]


@pytest.mark.parametrize(("text", "sub_event_type"), [
    ("Russian forces dropped gas grenades from drones on Ukrainian trenches on Monday.",
     "Chemical weapon"),
    ("Police fired tear gas grenades at the protesters on Monday.",
     "Protest with intervention"),
])  # fmt: skip
def test_gas_grenades_are_a_chemical_weapon_unless_tear_gas(
    text: str, sub_event_type: str
) -> None:
    (event,) = events_of(text)
    assert event.sub_event_type == sub_event_type


def test_force_in_one_town_does_not_absorb_a_riot_in_another() -> None:
    text = ("On 13 January, police fired live rounds to break up a peaceful march by "
            "opposition supporters in Nampula, killing two young men. In the outskirts of "
            "Maputo the same day, demonstrators put up burning barricades and threw stones at "
            "police vehicles.")  # fmt: skip
    from gazetteer import Gazetteer
    from geo.model import Article
    from geo.nlp import load_nlp
    from geo.pipeline import process_article

    article = Article.from_text(text, published=date(2025, 1, 15))
    found = process_article(article, load_nlp(), Gazetteer.open()).events
    assert sorted(e.sub_event_type for e in found) == [
        "Excessive force against protesters",
        "Violent demonstration",
    ]


@pytest.mark.parametrize(("text", "labels"), [
    ("Houthi security men raided the office of a local charity on Monday and took away four "
     "of its staff.", ["abduction"]),
    ("The wounded man was taken to a hospital in the city on Monday.", []),
    ("The two countries' border commissions signed a protocol on Monday fixing a stretch of "
     "the frontier.", ["agreement"]),
])  # fmt: skip
def test_people_taken_away_are_abducted_and_a_protocol_signed_is_an_agreement(
    text: str, labels: list[str]
) -> None:
    assert [e.label for e in events_of(text)] == labels


@pytest.mark.parametrize("text", [
    "Navy personnel intercepted a wooden boat carrying 12 rifles in the bay on Saturday.",
    "Coast guard forces seized a boat loaded with rifles and ammunition off the coast on "
    "Monday.",
])  # fmt: skip
def test_a_boat_seized_with_arms_aboard_is_disrupted_weapons_use(text: str) -> None:
    (event,) = events_of(text)
    assert event.sub_event_type == "Disrupted weapons use"


@pytest.mark.parametrize(("text", "sub_event_type"), [
    ("Gunmen opened fire on a river boat near Niafunké on Tuesday, killing seven passengers.",
     "Attack"),
    ("US forces struck a boat in the Caribbean on Tuesday, killing three people.",
     "Air/drone strike"),
])  # fmt: skip
def test_gunmen_firing_on_a_boat_attack_it_an_air_force_strikes_it(
    text: str, sub_event_type: str
) -> None:
    (event,) = events_of(text)
    assert event.sub_event_type == sub_event_type


@pytest.mark.parametrize(("text", "labels"), [
    ("On Friday soldiers found a cache of about 120 kilograms of explosives and 40 "
     "gas-cylinder bombs buried near the town.", ["weapons intercepted"]),
    ("Russian attack drones slammed into a tram depot in the city overnight, killing two "
     "workers.", ["air strike"]),
    ("The air force said on Monday its units had shot down or jammed 96 of the 121 drones "
     "launched overnight.", ["weapons intercepted"]),
    ("Marches against planned cuts went off peacefully in Paris on Thursday.", ["protest"]),
    ("Marches are planned today in Lima and Cusco.", []),
    ("The coast guard said on Wednesday it had intercepted a wooden dhow carrying components "
     "for anti-ship missiles off the coast. Its six crew members were detained.",
     ["weapons intercepted"]),
    ("Russia said its fleet had destroyed four Ukrainian uncrewed surface vessels in the "
     "Black Sea on Wednesday.", ["weapons intercepted"]),
    ("Aircraft carried out strikes on rebel positions in the hills on Monday.",
     ["air strike"]),
])  # fmt: skip
def test_what_was_found_hit_shot_down_or_marched(text: str, labels: list[str]) -> None:
    assert [e.label for e in events_of(text)] == labels


@pytest.mark.parametrize(("text", "sub_event_type", "fatalities"), [
    ("Police fired tear gas at a few hundred people marching towards the assembly on Friday "
     "to demand action on food prices.", "Protest with intervention", 0),
    ("Dissidents dropped explosives from a drone onto the police station on Monday, killing "
     "a patrolman.", "Air/drone strike", 1),
])  # fmt: skip
def test_marchers_fired_on_and_explosives_dropped_from_a_drone(
    text: str, sub_event_type: str, fatalities: int
) -> None:
    (event,) = events_of(text)
    assert (event.sub_event_type, event.fatalities) == (sub_event_type, fatalities)


@pytest.mark.parametrize("text", [
    "A minibus was hit by a Ukrainian drone on the outskirts of Shebekino on Tuesday, killing "
    "the driver.",  # the doer of the clause a killing follows, as its passive's agent
    "PORT SUDAN, Jan 15 (Crescent Wire) — Drones launched by the paramilitary Rapid Support "
    "Forces struck a fuel depot in El Obeid on Wednesday, killing at least nine civilians, "
    "residents said.",  # a capitalised "Drones" the model took for a name
])  # fmt: skip
def test_a_killing_by_drone_is_a_drone_strike_whoever_died(text: str) -> None:
    (event,) = events_of(text)
    assert (event.event_type, event.sub_event_type) == ("Explosions/Remote violence",
                                                        "Air/drone strike")  # fmt: skip


@pytest.mark.parametrize(("text", "sub_event_type"), [
    ("Air defence units downed 14 drones over Pavlohrad district on Monday.",
     "Disrupted weapons use"),
    ("The army said its air defences brought down five drones over the city on Monday.",
     "Disrupted weapons use"),
    ("TNLA fighters pulled out of the town on Sunday, residents said.",
     "Non-violent transfer of territory"),
    ("The army left its camp at Sokolo last week, and JNIM fighters moved into the base on "
     "Monday without firing a shot.", "Non-violent transfer of territory"),
])  # fmt: skip
def test_downed_drones_and_bases_changing_hands(text: str, sub_event_type: str) -> None:
    assert sub_event_type in {e.sub_event_type for e in events_of(text)}


def test_what_air_defences_destroyed_is_no_attack_of_its_own() -> None:
    (event,) = events_of("Air defences destroyed 46 of the 63 attack drones and one of the three "
                         "missiles fired at the country overnight.")  # fmt: skip
    assert event.sub_event_type == "Disrupted weapons use"


@pytest.mark.parametrize(("text", "event_type", "sub_event_type", "inter1"), [
    ("A commercial truck struck a mine on the road on Sunday, killing the driver and his "
     "assistant.", "Explosions/Remote violence", "Remote explosive/landmine/IED", 3),
    ("Two men riding a motorbike opened fire on two brothers outside their shop on Monday, "
     "killing both.", "Violence against civilians", "Attack", 3),
    ("Unemployed graduates demanding public-sector jobs stormed the provincial council "
     "building on Monday, smashing windows.", "Riots", "Violent demonstration", 5),
    ("CJNG gunmen and rivals from the Sinaloa Cartel shot it out on a rural road on "
     "Wednesday, leaving six dead.", "Battles", "Armed clash", 3),
])  # fmt: skip
def test_who_did_it_and_with_what_decide_the_type(
    text: str, event_type: str, sub_event_type: str, inter1: int
) -> None:
    (event,) = events_of(text)
    assert (event.event_type, event.sub_event_type) == (event_type, sub_event_type)
    assert event.actor1 is not None and event.actor1.inter == inter1


def test_the_driver_and_his_assistant_are_two_dead() -> None:
    (event,) = events_of("A truck struck a mine on Sunday, killing the driver and his assistant.")
    assert event.fatalities == 2


@pytest.mark.parametrize(("text", "sub_event_type"), [
    ("Intelligence agents arrested four labour activists in Sanandaj on Monday.", "Arrests"),
    ("On Sunday gendarmes detained an opposition activist at his home, accusing him of "
     "calling for the protest.", "Arrests"),
    ("Police arrested 40 protesters in the capital on Monday.", "Protest with intervention"),
    ("Sudanese army aircraft dropped barrels releasing chlorine gas on RSF positions on "
     "Monday.", "Chemical weapon"),
])  # fmt: skip
def test_arrested_activists_and_dropped_poison(text: str, sub_event_type: str) -> None:
    (event,) = events_of(text)
    assert event.sub_event_type == sub_event_type


@pytest.mark.parametrize(("text", "sub_event_type"), [
    ("On Thursday night drones set a storage tank ablaze at the refinery.", "Air/drone strike"),
    ("Drones damaged a pipeline pumping station near Tikhoretsk on Thursday.",
     "Air/drone strike"),
    ("Gunmen set the market ablaze on Monday.", "Looting/property destruction"),
])  # fmt: skip
def test_what_set_a_place_ablaze_decides_its_type(text: str, sub_event_type: str) -> None:
    (event,) = events_of(text)
    assert event.sub_event_type == sub_event_type


def test_bodies_found_with_signs_of_violence_are_an_attack_and_its_dead() -> None:
    (event,) = events_of("The bodies of five men with gunshot wounds were found dumped beside "
                         "a road south of Culiacán early on Friday.")  # fmt: skip
    assert (event.sub_event_type, event.fatalities) == ("Attack", 5)
    assert events_of("Soldiers recovered the bodies of two comrades after the battle on "
                     "Friday.") == []  # fmt: skip


@pytest.mark.parametrize("text", [
    "Armed men drove off more than 300 head of cattle from herders near Macina on Saturday.",
    "Gang members emptied the warehouse of a farmers' cooperative on Monday, carting away "
    "sacks of seed.",
    "Insurgents walked into the market on Tuesday, emptied three shops of rice and soap and "
    "left before dawn.",
])  # fmt: skip
def test_goods_emptied_or_driven_off_are_looted(text: str) -> None:
    (event,) = events_of(text)
    assert event.sub_event_type == "Looting/property destruction"


def test_gunmen_who_drive_off_loot_nothing() -> None:
    assert events_of("The gunmen drove off before police arrived on Monday.") == []


@pytest.mark.parametrize(("text", "protests"), [
    ("Thousands gathered in Niamey on Saturday to mark the anniversary of the coup and voice "
     "support for the junta.", 1),
    ("About 200 displaced people gathered outside the governor's office in Ségou on Monday "
     "to ask for food.", 1),
    ("Residents gathered at the scene of the blast on Sunday.", 0),
])  # fmt: skip
def test_people_who_gather_for_a_cause_protest(text: str, protests: int) -> None:
    assert sum(e.event_type == "Protests" for e in events_of(text)) == protests


@pytest.mark.parametrize(("text", "territory"), [
    ("Its fighters captured two armoured vehicles in Buulobarde on Monday.", False),
    ("ELN fighters seized the corregimiento of Las Mercedes on Monday.", True),
    ("Troops drove the militants out of the village of Bacaadweyn on Monday.", True),
])  # fmt: skip
def test_what_was_captured_decides_whether_territory_was_taken(
    text: str, territory: bool
) -> None:
    found = {e.event_type == "Battles" and "territory" in e.sub_event_type for e in events_of(text)}
    assert (True in found) == territory


def test_a_crowd_seizing_and_burning_a_man_is_mob_violence() -> None:
    (event,) = events_of("A crowd seized a young man they accused of scouting for a gang and beat "
                         "him, then burned him to death on Monday.")  # fmt: skip
    assert event.sub_event_type == "Mob violence"


def test_tear_gas_turned_on_marchers_is_an_intervention_by_police() -> None:
    (event,) = events_of("Police turned tear gas and water jets on thousands of protesters "
                         "marching towards Parliament on Monday.")  # fmt: skip
    assert event.sub_event_type == "Protest with intervention"
    assert event.actor2 is not None and event.actor2.inter == 1


def test_unidentified_men_burning_property_are_an_armed_group() -> None:
    (event,) = events_of("Unidentified men set fire to a mobile phone tower and two excavators "
                         "on Sunday night.")  # fmt: skip
    assert event.sub_event_type == "Looting/property destruction"
    assert event.actor1 is not None and event.actor1.inter == 3


@pytest.mark.parametrize(("text", "sub_event_type"), [
    ("Police defused a car packed with explosives at a checkpoint on Monday and arrested its "
     "driver.", "Disrupted weapons use"),
    ("Operatives arrested six suspected members of the group on Sunday and recovered two "
     "rifles.", "Arrests"),
])  # fmt: skip
def test_an_arrest_and_weapons_found_in_one_act_is_what_was_told_first(
    text: str, sub_event_type: str
) -> None:
    (event,) = events_of(text)
    assert event.sub_event_type == sub_event_type


@pytest.mark.parametrize(("text", "doer"), [
    ("KISANGANI — Residents angered by power cuts stormed the offices of the power utility on "
     "Wednesday.", "Residents"),
    ("WAD MADANI, Sudan — Gunmen killed four farmers near the town on Monday.", "Gunmen"),
])  # fmt: skip
def test_the_people_after_a_dateline_are_the_doers(text: str, doer: str) -> None:
    (event,) = events_of(text)
    assert event.actor1 is not None and event.actor1.name == doer


@pytest.mark.parametrize(("text", "transfers"), [
    ("The attackers withdrew towards the villages east of the river on Monday.", 0),
    ("The verdict was one of dozens handed down in Russia on Monday.", 0),
    ("Positions around Wana were vacated by militants on Monday under a local arrangement.", 1),
    ("The army withdrew from the town on Monday.", 1),
])  # fmt: skip
def test_a_place_is_handed_over_only_when_it_is_left_or_given(text: str, transfers: int) -> None:
    found = [e for e in events_of(text) if e.sub_event_type == "Non-violent transfer of territory"]
    assert len(found) == transfers


def test_a_crowd_clubbing_a_man_is_mob_violence() -> None:
    (event,) = events_of("A crowd stopped a minibus on Monday, pulled out two passengers and "
                         "clubbed one of them.")  # fmt: skip
    assert event.sub_event_type == "Mob violence"


@pytest.mark.parametrize("text", [
    "A junta drone dropped bombs releasing a yellowish, choking gas on positions near the town "
    "on Monday.",
    "Drones released canisters of a suffocating gas over the army base on Monday.",
])  # fmt: skip
def test_a_gas_that_chokes_released_from_the_air_is_a_chemical_weapon(text: str) -> None:
    (event,) = events_of(text)
    assert event.sub_event_type == "Chemical weapon"


def test_an_attack_by_fighters_names_its_doer_and_a_toll_left_dead() -> None:
    (event,) = events_of("An attack by Boko Haram fighters on an army outpost near Bol on Monday "
                         "left at least 17 soldiers dead, the army said.")  # fmt: skip
    assert event.event_type == "Battles" and event.fatalities == 17
    assert event.actor1 is not None and event.actor1.inter == 2


def test_what_a_militia_was_formed_to_resist_did_not_happen() -> None:
    (event,) = events_of("Residents formed an armed self-defence brigade on Monday to resist "
                         "incursions by gangs.")  # fmt: skip
    assert event.sub_event_type == "Change to group/activity"


def test_live_ammunition_used_to_disperse_marchers_is_excessive_force() -> None:
    (event,) = events_of("Police used live ammunition to disperse protesters marching in the "
                         "town on Monday, killing one.")  # fmt: skip
    assert event.event_type == "Protests"


@pytest.mark.parametrize(("text", "event_type", "inter1"), [
    ("A crowd set upon two men in the town on Monday.", "Riots", 5),
    ("On Monday, armed men seized two brothers at a checkpoint near the village.",
     "Violence against civilians", 3),
    ("At least nine recruits died on Monday when a suicide attacker walked into a queue "
     "outside a training centre.", "Explosions/Remote violence", 3),
])  # fmt: skip
def test_phrasal_doers_seized_kin_and_suicide_attackers(
    text: str, event_type: str, inter1: int
) -> None:
    (event,) = events_of(text)
    assert event.event_type == event_type
    assert event.actor1 is not None and event.actor1.inter == inter1


def test_troops_moved_into_a_town_are_not_an_entry_when_something_is_moved() -> None:
    (event,) = events_of("The army moved dozens of armoured vehicles into the town on Monday.")
    assert event.event_type == "Strategic developments" and event.sub_event_type == "Other"


@pytest.mark.parametrize(("text", "events"), [
    ("On Monday two men on a motorcycle shot the driver three times in the town.", 1),
    ("Soldiers fired a warning shot a few metres from the boat on Monday.", 0),
])  # fmt: skip
def test_a_motorcycle_shot_misread_as_a_noun_is_a_shooting(text: str, events: int) -> None:
    assert len(events_of(text)) == events


@pytest.mark.parametrize("text", [
    "Seven members of the faction gave themselves up to soldiers in the town on Friday.",
    "About 200 fighters handed over their weapons to the army at a ceremony on Thursday.",
])  # fmt: skip
def test_giving_oneself_up_or_handing_over_arms_is_a_change_to_the_group(text: str) -> None:
    (event,) = events_of(text)
    assert event.sub_event_type == "Change to group/activity"


def test_debris_that_sets_a_house_alight_destroys_no_property_of_its_own() -> None:
    events = events_of("Air defence units downed 14 drones over the district overnight, adding "
                       "that falling debris set fire to a private house.")  # fmt: skip
    assert [e.sub_event_type for e in events] == ["Disrupted weapons use"]


@pytest.mark.parametrize(("text", "kind"), [
    ("On Monday dozens of young men marched to the security headquarters to demand the release "
     "of two men; security forces fired tear gas and detained five of the marchers.",
     "Protest with intervention"),
    ("Residents angered by power cuts stormed the offices of the power utility on Monday, "
     "smashing windows and setting a vehicle alight before police dispersed them with tear gas.",
     "Riots"),
])  # fmt: skip
def test_tear_gas_fired_meets_the_crowd_and_a_riot_stays_a_riot(text: str, kind: str) -> None:
    (event,) = events_of(text)
    assert kind in (event.event_type, event.sub_event_type)


@pytest.mark.parametrize(("text", "fatalities"), [
    ("On Friday two soldiers were killed when their armoured vehicle set off a buried mine.", 2),
    ("On Monday a farmer was killed when his tractor set off a mine near the village.", 1),
])  # fmt: skip
def test_a_mine_set_off_is_a_landmine_blast_with_its_dead(text: str, fatalities: int) -> None:
    (event,) = events_of(text)
    assert event.sub_event_type == "Remote explosive/landmine/IED"
    assert event.fatalities == fatalities
    assert event.actor1 is None or event.actor1.inter == 3



def test_a_gathering_to_demand_is_a_protest_not_a_demand() -> None:
    (event,) = events_of("On Monday several thousand people gathered in the main square to demand "
                         "the release of detainees; the rally ended peacefully.")  # fmt: skip
    assert event.sub_event_type == "Peaceful protest"


def test_a_surrender_on_another_day_after_a_clash_is_its_own_event() -> None:
    events = events_of("Rebels and soldiers clashed on Sunday near the village, leaving two rebels "
                       "dead. In the next town, nine rebels surrendered to the army with their "
                       "rifles on Monday.")  # fmt: skip
    assert sorted(e.event_type for e in events) == ["Battles", "Strategic developments"]


def test_villages_the_parser_hangs_on_a_bearing_are_what_was_retaken() -> None:
    (event,) = events_of("Army troops recaptured three villages west of the town from the "
                         "militants on Monday.")  # fmt: skip
    assert event.sub_event_type == "Government regains territory"


@pytest.mark.parametrize(("text", "sub_event_type"), [
    ("Angry youths set fire to a police station in the town on Monday.", "Violent demonstration"),
    ("Angry residents stormed the electricity directorate in the city on Monday.",
     "Violent demonstration"),
    ("On Thursday a crowd beat a young herder to death near the bus station.", "Mob violence"),
])  # fmt: skip
def test_a_crowd_at_the_states_premises_demonstrates(text: str, sub_event_type: str) -> None:
    (event,) = events_of(text)
    assert event.sub_event_type == sub_event_type


def test_a_noun_the_model_takes_for_an_auxiliary_still_triggers() -> None:
    (event,) = events_of("Officials say Ukrainian shelling wounded two civilians in the village "
                         "this afternoon.")  # fmt: skip
    assert event.sub_event_type == "Shelling/artillery/missile attack"


def test_a_signed_commitment_is_an_agreement() -> None:
    (event,) = events_of("Representatives of the militias signed the cessation-of-hostilities "
                         "commitment in the town on Saturday.")  # fmt: skip
    assert event.sub_event_type == "Agreement"


def test_a_toll_hung_on_the_marchers_is_the_crackdowns() -> None:
    (event,) = events_of("On Monday police fired live ammunition at opposition supporters "
                         "marching along the avenue, killing 2 and wounding 9.")  # fmt: skip
    assert event.sub_event_type == "Excessive force against protesters" and event.fatalities == 2


def test_in_an_attack_names_the_beating_told_beside_it() -> None:
    (event,) = events_of("A trader was beaten to death by a crowd near the town, police said, in "
                         "an attack that took place on Wednesday night.")  # fmt: skip
    assert event.event_type == "Riots"


@pytest.mark.parametrize("text", [
    "Police opened fire on thousands of garment workers who had blocked the Dhaka–Mymensingh "
    "highway near Gazipur on Tuesday, killing a worker.",
    "One garment worker was killed on Tuesday when police fired on a highway blockade in "
    "Gazipur.",
])  # fmt: skip
def test_force_against_people_blocking_a_road_is_force_against_protesters(text: str) -> None:
    (event,) = events_of(text)
    assert event.sub_event_type == "Excessive force against protesters"


def test_soldiers_who_block_a_road_and_kill_farmers_attack_civilians() -> None:
    (event,) = events_of("Soldiers blocked the road and shot dead two farmers in Gao on Tuesday.")
    assert event.sub_event_type == "Attack"


def test_party_workers_fighting_running_battles_with_police_riot() -> None:
    (event,) = events_of(
        "PTI workers trying to reach the grounds in Lahore on Saturday fought running battles "
        "with police, throwing stones and setting a police van alight."
    )
    assert event.sub_event_type == "Violent demonstration"


def test_a_lynching_told_after_a_crackdown_is_its_own_event() -> None:
    events = events_of(
        "Police opened fire on garment workers blocking the highway at Tongi over unpaid "
        "wages, killing one worker, on Monday. A man accused of stealing a rickshaw was "
        "lynched by residents of Narayanganj the same evening."
    )
    assert sorted(e.sub_event_type for e in events) == [
        "Excessive force against protesters",
        "Mob violence",
    ]


def test_settlers_who_stone_homes_attack_civilians() -> None:
    (event,) = events_of(
        "Four Palestinians were injured by Israeli settlers who stoned homes in al-Mughayyir "
        "on Saturday."
    )
    assert event.sub_event_type == "Attack"
    assert event.actor1 is not None and event.actor1.name == "Israeli settlers"


def test_structures_demolished_are_property_destruction() -> None:
    (event,) = events_of(
        "On Monday Israeli forces demolished six residential structures in the hamlets near "
        "Yatta."
    )
    assert event.sub_event_type == "Looting/property destruction"


def test_a_post_set_alight_is_no_base_established() -> None:
    events = events_of(
        "Police were attacked with stones by miners on 21 October; five officers were injured "
        "and a police post was set alight."
    )
    assert "Headquarters or base established" not in {e.sub_event_type for e in events}


def test_a_field_note_opening_with_its_weapon_keeps_its_toll() -> None:
    (event,) = events_of(
        "20/10: Grenade thrown at shop front in Guasmo Sur, Guayaquil, suspected extortion; "
        "1 killed, 2 wounded."
    )
    assert (event.sub_event_type, event.fatalities) == ("Grenade", 1)


@pytest.mark.parametrize("text", [
    "The attackers opened fire with rocket-propelled grenades on the police post in Turbat on "
    "Tuesday.",
    "Militants attacked the base in Bannu on Tuesday.",
])  # fmt: skip
def test_fire_on_a_post_or_a_base_is_a_battle_rpgs_are_no_grenade_attack(text: str) -> None:
    (event,) = events_of(text)
    assert (event.event_type, event.sub_event_type) == ("Battles", "Armed clash")


def test_students_blocking_traffic_with_a_sit_in_protest() -> None:
    (event,) = events_of(
        "Several thousand students have gathered at Shahbagh intersection on Tuesday, blocking "
        "traffic with a sit-in."
    )
    assert event.sub_event_type == "Peaceful protest"


@pytest.mark.parametrize(("text", "sub_event_type"), [
    ("Leaders of the Murad tribe announced at a gathering in Marib on Tuesday the formation of "
     "a new tribal force of several thousand men.", "Change to group/activity"),
    ("Israeli troops who crossed the border before dawn on Tuesday blew up three houses.",
     "Looting/property destruction"),
])  # fmt: skip
def test_a_force_formed_and_houses_blown_up(text: str, sub_event_type: str) -> None:
    (event,) = events_of(text)
    assert event.sub_event_type == sub_event_type


def test_states_forming_an_alliance_is_no_armed_group_formed() -> None:
    assert events_of("On Tuesday Mali and Niger formed the Alliance of Sahel States.") == []


def test_munitions_giving_off_a_pungent_gas_are_a_chemical_weapon() -> None:
    (event,) = events_of(
        "A military jet struck resistance trenches near Ye-U on Monday with munitions that gave "
        "off a pungent gas."
    )
    assert event.sub_event_type == "Chemical weapon"


@pytest.mark.parametrize(("text", "sub_event_type"), [
    ("Militants carrying assault rifles and rocket launchers stormed a police post in Bannu "
     "late on Monday, killing three policemen.", "Armed clash"),
    ("A grenade blast at a school in Datu Piang on Monday wounded two voters.", "Grenade"),
    ("Two men riding a motorcycle shot and killed a poll watcher in Cotabato on Monday.",
     "Attack"),
])  # fmt: skip
def test_what_attackers_carry_a_grenade_blast_and_a_misread_shot(
    text: str, sub_event_type: str
) -> None:
    (event,) = events_of(text)
    assert event.sub_event_type == sub_event_type


def test_a_foreign_office_summoning_an_envoy_to_protest_is_no_protest() -> None:
    assert events_of(
        "In Islamabad, the foreign office summoned Afghanistan's envoy on Wednesday to protest "
        "what it called unprovoked aggression."
    ) == []


def test_artillery_moved_into_a_sector_is_a_deployment() -> None:
    (event,) = events_of(
        "Pakistan's military said on Wednesday it had moved additional troops and artillery "
        "into the Chaman sector."
    )
    assert event.sub_event_type == "Other"


def test_supporters_of_rival_parties_hurling_stones_riot() -> None:
    (event,) = events_of(
        "Supporters of two rival parties clashed outside a polling centre on Monday, hurling "
        "stones and plastic chairs at each other."
    )
    assert event.event_type == "Riots"


@pytest.mark.parametrize("text", [
    "Army trenches near the village were hit on Monday by Russian drones dropping munitions "
    "loaded with CS gas.",
    "Shells filled with chloropicrin were dropped by drones on army positions outside the "
    "town on Monday.",
])  # fmt: skip
def test_drones_dropping_a_poison_by_the_passive_are_a_chemical_weapon(text: str) -> None:
    (event,) = events_of(text)
    assert event.sub_event_type == "Chemical weapon"


def test_a_nations_drones_are_its_forces() -> None:
    (event,) = events_of("Russian drones hit a market in the town on Monday, killing two.")
    assert event.actor1 is not None and event.actor1.inter in (1, 8)


def test_rounds_gone_astray_are_no_shelling_of_their_own() -> None:
    assert events_of("Several houses near the post were hit by stray rounds on Monday.") == []


@pytest.mark.parametrize(("text", "count"), [
    ("Aid workers documented the rape of four women by armed men near the town last week.", 1),
    ("A video documenting a strike on a school circulated online on Monday.", 0),
])  # fmt: skip
def test_acts_people_document_happened_but_a_video_only_records_one(
    text: str, count: int
) -> None:
    assert len(events_of(text)) == count


@pytest.mark.parametrize(("text", "sub_event_type"), [
    ("The blast killed four people at the market on Monday.", "Remote explosive/landmine/IED"),
    ("The strike hit a pickup truck outside the village on Sunday, killing two fighters.",
     "Air/drone strike"),
    ("A guided bomb hit the centre of the town on Monday, wounding three people.",
     "Air/drone strike"),
    ("A truck struck a mine on the road on Monday, killing the driver.",
     "Remote explosive/landmine/IED"),
])  # fmt: skip
def test_the_means_named_as_the_subject_types_the_killing(text: str, sub_event_type: str) -> None:
    (event,) = events_of(text)
    assert event.sub_event_type == sub_event_type


def test_a_strike_by_workers_is_no_air_strike() -> None:
    (event,) = events_of("Police killed two workers during a strike at the mine on Monday.")
    assert event.event_type == "Violence against civilians"


@pytest.mark.parametrize("text", [
    "Soldiers set up a new position on a hill above the village on Monday.",
    "Gunmen occupied a school in the town on Sunday and have turned it into a base.",
    "Residents reported the establishment of a new rebel base in the forest on Monday.",
])  # fmt: skip
def test_a_position_or_base_set_up_is_a_base_established(text: str) -> None:
    events = events_of(text)
    assert "Headquarters or base established" in {e.sub_event_type for e in events}


@pytest.mark.parametrize("text", [
    "The army's position, set out in a statement on Monday, is that the talks are over.",
    "The battalion moved to new positions near the town on Monday.",
])  # fmt: skip
def test_a_stance_or_a_move_is_no_base(text: str) -> None:
    assert "Headquarters or base established" not in {e.sub_event_type for e in events_of(text)}


def test_a_particle_misread_keeps_what_was_burned_down() -> None:
    (event,) = events_of("On Friday a crowd burned down the house of a village chief.")
    assert event.event_type == "Riots"


def test_armed_men_firing_on_people_protesting_is_excessive_force() -> None:
    (event,) = events_of(
        "Militia fighters opened fire on hundreds of people protesting against power cuts in "
        "the city on Saturday, killing four protesters."
    )
    assert event.sub_event_type == "Excessive force against protesters"
    assert {event.actor1.inter, event.actor2.inter} == {3, 6}  # type: ignore[union-attr]


@pytest.mark.parametrize(("text", "sub_event_type"), [
    ("Soldiers searching a house found 26 rifles, four grenades and more than 5,000 rounds of "
     "ammunition on Monday.", "Disrupted weapons use"),
    ("On Monday about 20 gunmen carrying assault rifles and rocket-propelled grenades stormed a "
     "police checkpoint, killing three policemen.", "Armed clash"),
])  # fmt: skip
def test_grenades_found_or_carried_are_no_grenade_attack(text: str, sub_event_type: str) -> None:
    (event,) = events_of(text)
    assert event.sub_event_type == sub_event_type


@pytest.mark.parametrize(("text", "sub_event_type"), [
    ("On Monday armed men took a community leader from his home in the village.",
     "Abduction/forced disappearance"),
    ("On Monday a drone released two explosive charges over a house in the town.",
     "Air/drone strike"),
])  # fmt: skip
def test_taken_from_home_and_charges_released_by_a_drone(text: str, sub_event_type: str) -> None:
    (event,) = events_of(text)
    assert event.sub_event_type == sub_event_type


@pytest.mark.parametrize(("text", "sub_event_type"), [
    ("On Sunday soldiers fired small arms at a car carrying a family out of the town, wounding "
     "the driver.", "Attack"),
    ("Soldiers had led away three pensioners living in the village on Sunday.",
     "Abduction/forced disappearance"),
    ("On Monday police fired tear gas and smoke shells to stop several hundred women from "
     "marching.", "Protest with intervention"),
])  # fmt: skip
def test_guns_fired_at_people_led_away_and_smoke_shells(text: str, sub_event_type: str) -> None:
    (event,) = events_of(text)
    assert event.sub_event_type == sub_event_type


@pytest.mark.parametrize("text", [
    "Soldiers from a marine unit stationed in the city said on Monday the night had been quiet.",
    "Villagers and a civil defence crew fought the flames until dawn on Monday.",
])  # fmt: skip
def test_a_unit_stationed_somewhere_and_flames_fought_are_no_events(text: str) -> None:
    assert events_of(text) == []


@pytest.mark.parametrize(("text", "count"), [
    ("Russian forces dropped munitions filled with the riot-control agent CS on infantry "
     "positions near the village on Monday.", 1),
    ("Prosecutors dropped charges against the men on Monday.", 0),
    ("Officials say fighters increasingly use quadcopters to drop explosives on police "
     "stations.", 0),
])  # fmt: skip
def test_munitions_dropped_are_from_the_air_a_habit_is_no_incident(text: str, count: int) -> None:
    events = events_of(text)
    assert len(events) == count
    assert all(e.sub_event_type == "Chemical weapon" for e in events)


@pytest.mark.parametrize("text", [
    "On Wednesday hundreds of traders blocked the main road into the town and hurled stones at "
    "police, who responded with batons and tear gas, a local official said.",
    "On Saturday dozens of young men gathered at the village entrance and threw stones at army "
    "jeeps, which fired tear gas and rubber-coated bullets to push them back.",
    "Youths who broke away from a march hurled rocks and bottles at police lines and torched a "
    "parked motorcycle on Friday, police said.",
])  # fmt: skip
def test_a_crowd_throwing_stones_riots_whatever_met_it(text: str) -> None:
    assert [e.sub_event_type for e in events_of(text)] == ["Violent demonstration"]


def test_stones_said_hurled_are_not_a_riot_of_their_own() -> None:
    assert events_of("Hurled stones broke the windows of the bus on Monday.") == []


def test_a_bomb_that_kills_its_bomber_is_a_suicide_bomb() -> None:
    text = (
        "On Sunday a young woman detonated explosives hidden under her veil at the market in "
        "Mora, killing 12 people including herself."
    )
    (event,) = events_of(text)
    assert event.sub_event_type == "Suicide bomb"


@pytest.mark.parametrize(("text", "sub_event_type"), [
    ("On Tuesday hundreds of young men and women from Tsafe blocked the highway with logs, "
     "demanding that the government rescue the captives.", "Peaceful protest"),
    ("Traders barricaded the main road in Gusau on Monday.", "Peaceful protest"),
    ("Police blocked the road to Tsafe on Tuesday.", None),
    ("Armed men blocked the highway near Mastung on Monday and set fire to nine trucks.",
     "Looting/property destruction"),
    ("Aid agencies say their convoys remain blocked on the roads into North Darfur.", None),
])  # fmt: skip
def test_a_crowd_blocking_a_road_protests(text: str, sub_event_type: str | None) -> None:
    """A road blockade by a crowd is a protest; a checkpoint, armed men or a blocked convoy
    are not."""
    expected = [sub_event_type] if sub_event_type else []
    assert [e.sub_event_type for e in events_of(text)] == expected


def test_people_marched_into_the_bush_are_abducted() -> None:
    text = "On Saturday armed men rode into the village and marched 23 people into the bush."
    (event,) = events_of(text)
    assert event.sub_event_type == "Abduction/forced disappearance"


def test_a_company_of_a_battalion_arriving_is_a_deployment() -> None:
    text = "A company of the Rapid Intervention Battalion arrived in Mora on Wednesday."
    (event,) = events_of(text)
    assert (event.event_type, event.sub_event_type) == ("Strategic developments", "Other")


@pytest.mark.parametrize(("text", "sub_event_type"), [
    ("A woman was killed by tank fire east of Deir al-Balah on Thursday.",
     "Shelling/artillery/missile attack"),
    ("Gunmen attacked a fuel tank near Deir al-Balah on Thursday.", "Attack"),
])  # fmt: skip
def test_tank_fire_is_shelling(text: str, sub_event_type: str) -> None:
    (event,) = events_of(text)
    assert event.sub_event_type == sub_event_type


def test_fire_on_crowds_walking_to_an_aid_site_is_an_attack_on_civilians() -> None:
    text = (
        "Five people were killed when troops opened fire on crowds walking toward an aid "
        "distribution site north of Rafah on Wednesday."
    )
    (event,) = events_of(text)
    assert (event.event_type, event.sub_event_type) == ("Violence against civilians", "Attack")


@pytest.mark.parametrize(("text", "sub_event_type"), [
    ("An Israeli drone fired a missile at their car near Nabatieh on Sunday.", "Air/drone strike"),
    ("A helicopter gunship fired rockets at rebel positions on Monday.", "Air/drone strike"),
    ("Russian forces fired missiles at Odesa on Sunday.", "Shelling/artillery/missile attack"),
])  # fmt: skip
def test_missiles_fired_from_the_air_are_an_air_strike(text: str, sub_event_type: str) -> None:
    (event,) = events_of(text)
    assert event.sub_event_type == sub_event_type


@pytest.mark.parametrize("text", [
    "In a video statement released on Monday, the Afghanistan Freedom Front announced that it "
    "had merged with a smaller anti-Taliban group active in Andarab district.",
    "Two factions of the militia joined forces near Goma on Monday.",
])  # fmt: skip
def test_groups_merging_change_group_activity(text: str) -> None:
    from gazetteer import Gazetteer
    from geo.model import Article
    from geo.nlp import load_nlp
    from geo.pipeline import process_article

    article = Article.from_text(text, published=date(2026, 5, 6))
    events = process_article(article, load_nlp(), Gazetteer.open()).events
    assert "Change to group/activity" in {e.sub_event_type for e in events}


@pytest.mark.parametrize(("text", "label"), [
    ("The first 400 soldiers of the force landed at the airport in Port-au-Prince on Monday.",
     "military deployment"),
    ("A redeployment of a mechanised battalion to the border near Mazyr was announced on "
     "Monday.", "military deployment"),
    ("A shell landed near the school in Kharkiv on Monday.", "shelling"),
])  # fmt: skip
def test_troops_landing_or_redeployed_are_a_deployment(text: str, label: str) -> None:
    assert label in {e.label for e in events_of(text)}


@pytest.mark.parametrize(("text", "sub_event_type"), [
    ("In the border village of Tetkino, artillery fire wounded two women on Sunday afternoon.",
     "Shelling/artillery/missile attack"),
    ("A Russian drone wounded three people in Kherson on Monday.", "Air/drone strike"),
])  # fmt: skip
def test_a_remote_means_that_wounds_is_an_explosion(text: str, sub_event_type: str) -> None:
    (event,) = events_of(text)
    assert event.sub_event_type == sub_event_type


def test_people_hit_with_bars_are_attacked() -> None:
    (event,) = events_of("On Tuesday, settlers drove families out of their olive groves, hitting "
                         "three farmers with iron bars and setting a tractor alight.")  # fmt: skip
    assert event.sub_event_type == "Attack"


def test_people_taken_into_custody_are_arrested() -> None:
    (event,) = events_of("On Monday, police took three youth leaders into custody in the capital.")
    assert event.sub_event_type == "Arrests"


def test_people_taken_from_a_village_or_a_bus_are_abducted() -> None:
    (event,) = events_of("On Monday, gunmen took six passengers from a bus near the town.")
    assert event.sub_event_type == "Abduction/forced disappearance"


@pytest.mark.parametrize("text", [
    "Hours later police used water cannon to clear thousands of people who had gathered "
    "outside the assembly.",
    "Shortly after midnight, police moved in with water cannon and pepper spray to clear the "
    "square.",
])  # fmt: skip
def test_water_cannon_used_on_a_crowd_is_force_against_protesters(text: str) -> None:
    assert [e.event_type for e in events_of(text)] == ["Protests"]


def test_troops_moving_into_posts_the_other_side_vacated_is_a_handover() -> None:
    text = ("On Monday, Pakistani troops moved back into two hilltop posts near the Angoor Adda "
            "crossing after Afghan forces vacated them.")  # fmt: skip
    assert [e.sub_event_type for e in events_of(text)] == ["Non-violent transfer of territory"]
