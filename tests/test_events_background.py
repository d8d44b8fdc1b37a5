"""Mentions that are not incidents of their own: headlines, quotes, running tallies,
history more than three months old; and dates told from the incident before."""

from __future__ import annotations

from datetime import date

import pytest

from geo.events import detect_events
from geo.events.background import headline_end
from geo.events.dates import resolve_expression
from geo.events.scoring import is_incident
from geo.events.timeline import sequel_offset
from geo.model import Article, Event
from geo.nlp import load_nlp

PUBLISHED = date(2025, 10, 23)


def events_of(text: str, published: date = PUBLISHED) -> list[Event]:
    article = Article.from_text(text, published=published)
    return detect_events(article, load_nlp()(text), [], None)


def triggers(text: str) -> list[str]:
    return sorted(s.trigger for e in events_of(text) for s in e.sources)


def test_a_headline_is_not_an_incident_of_its_own() -> None:
    text = (
        "Gunmen kill eight in attack on market town\n\n"
        "Gunmen killed eight traders at a market in the town on Tuesday, police said."
    )
    found = events_of(text)
    assert len(found) == 1 and found[0].fatalities == 8
    assert found[0].provenance.sentence.startswith("Gunmen killed eight")


def test_a_hard_wrapped_first_line_is_not_a_headline() -> None:
    assert (
        headline_end(
            "Thousands marched in the capital on Saturday, demanding the\nrelease of prisoners."
        )
        == 0
    )
    assert headline_end("Rebels seize border town\n\nRebels seized the town.") == 24


def test_words_in_quotation_marks_are_testimony_not_incidents() -> None:
    text = (
        'Militants stormed the village on Sunday, residents said. "They burned my house '
        'and killed my brother," said a farmer. "This is an attack on the nation," the '
        "governor said."
    )
    assert triggers(text) == ["stormed"]


@pytest.mark.parametrize("text", [
    "Since September, US forces have attacked at least 19 vessels, killing 76 people.",
    "The group has launched more than 60 attacks on merchant ships since November.",
    "Gang violence has killed more than 5,600 people over the past year.",
    "The militia, which has fought the army since 2017, rejected the talks.",
    "The blast was the third suicide attack on the camp since January.",
    "More than 4,000 people were killed in Lebanon during the war.",
    "Al Shabaab, which has fought the government for more than 17 years, holds the south.",
    "The strike was the sixth since early September; the campaign has now killed 27 people.",
    "The group announced a blockade in September and has since attacked dozens of convoys.",
    "The union counts more than 120 tankers destroyed since the blockade began.",
    "The ADF, a rebel group that has operated in Congo since the 1990s, has killed thousands "
    "of civilians in North Kivu.",
])  # fmt: skip
def test_running_tallies_and_histories_are_not_incidents(text: str) -> None:
    assert events_of(text) == []


def test_a_relative_clause_since_does_not_make_a_tally() -> None:
    text = (
        "The army said it had retaken the town on 20 October from rebels who had held it since May."
    )
    (event,) = events_of(text)
    assert event.date == date(2025, 10, 20)


def test_history_more_than_three_months_old_is_background() -> None:
    text = (
        "Rebels shelled the town on Monday, killing two. The war began with the October 7, "
        "2023 attack on the capital, in which 300 people were killed. A local leader was "
        "murdered in the town in June."
    )
    (event,) = events_of(text)
    assert event.date == date(2025, 10, 20) and event.fatalities == 2


def test_ages_and_durations_are_not_dates() -> None:
    assert resolve_expression("a 65-year-old", PUBLISHED) is None
    assert resolve_expression("25 years", PUBLISHED) is None
    assert resolve_expression("more than 17 years", PUBLISHED) is None
    (event,) = events_of("Gunmen shot dead a 65-year-old farmer in the village on 20 October.")
    assert event.date == date(2025, 10, 20)


def test_a_night_across_two_days_is_coded_on_the_second() -> None:
    found = resolve_expression("the night of 13-14 October", PUBLISHED)
    assert found is not None and (found.start, found.end) == (date(2025, 10, 14),) * 2
    span = resolve_expression("13-14 October", PUBLISHED)
    assert span is not None and (span.start, span.end) == (date(2025, 10, 13), date(2025, 10, 14))


@pytest.mark.parametrize(("sentence", "offset"), [
    ("Hours later, warplanes struck a depot.", 0),
    ("The next day, the same group killed four farmers.", 1),
    ("Two days later the rebels killed six civilians.", 2),
    ("In a separate incident the following evening, two workers were killed.", 1),
    ("The day before, a bomb exploded at the market.", -1),
    ("Rebels shelled the town on Monday.", None),
])  # fmt: skip
def test_sequel_offsets(sentence: str, offset: int | None) -> None:
    assert sequel_offset(sentence) == offset


def test_an_incident_told_from_the_one_before_takes_its_date() -> None:
    text = (
        "Rebels shelled the town on 20 October, killing two. The next day, the same group "
        "killed four farmers in their fields."
    )
    dates = sorted(e.date for e in events_of(text))
    assert dates == [date(2025, 10, 20), date(2025, 10, 21)]


def test_capability_and_nobody_are_not_incidents() -> None:
    assert events_of("The group's missiles can hit targets 250 km away.") == []
    assert all(e.label != "arrest" for e in events_of("No one was arrested on Monday."))


def test_a_definite_noun_names_the_incident_told_before() -> None:
    text = (
        "Militants attacked an army post near the town on Monday. The attack killed "
        "three soldiers. The government condemned Monday's attack."
    )
    (event,) = [e for e in events_of(text) if is_incident(e)]  # and the condemnation
    assert event.fatalities == 3 and event.date == date(2025, 10, 20)


def test_a_definite_noun_with_another_date_is_another_incident() -> None:
    text = (
        "Militants attacked an army post near the town on Monday. In the attack on a "
        "second post on 2 October, two soldiers were killed."
    )
    assert len(events_of(text)) == 2


def test_an_incident_without_a_date_is_dated_on_or_before_publication() -> None:
    (event,) = events_of("Gunmen killed four farmers in their fields, police said.")
    assert (event.date, event.date_start, event.date_end) == (PUBLISHED, None, PUBLISHED)
    assert event.time_precision == 3


@pytest.mark.parametrize("text", [
    "Hezbollah still holds thousands of rockets, according to Israeli estimates.",
    "The group says it has anti-ship missiles with a range of more than 800 km.",
])  # fmt: skip
def test_weapons_someone_has_are_not_attacks(text: str) -> None:
    assert events_of(text) == []


def test_reinforcements_that_had_been_sent_are_the_response_not_an_event() -> None:
    text = (
        "Gunmen killed four traders in the market on Monday. A police spokesman said "
        "reinforcements had been sent to the area."
    )
    assert [e.event_type for e in events_of(text)] == ["Violence against civilians"]
    assert [e.label for e in events_of("The army deployed 500 troops to the town on Monday.")
            ] == ["military deployment"]  # fmt: skip


def test_a_claim_to_have_fired_is_not_a_tally() -> None:
    (event,) = events_of("The Houthis claimed to have fired missiles at a bulk carrier in the "
                         "Gulf of Aden on Monday.")  # fmt: skip
    assert event.event_type == "Explosions/Remote violence"


def test_a_standfirst_before_the_dateline_sums_up_the_body() -> None:
    text = (
        "Militants attack convoy in north\n\n"
        "The two attacks mark the first time the campaign has reached the region.\n\n"
        "BAMAKO, Oct. 20 (Sahel Wire) — Militants set fire to 30 fuel tankers on the main "
        "road on Monday, transport unions said."
    )
    assert triggers(text) == ["set"]


@pytest.mark.parametrize("second", [
    "Soldiers found explosives during the Jenin raid, the army said.",
    "The army said it seized rifles and explosives after the clash.",
    "Survivors said the attackers tied up residents and set fire to 15 houses.",
])  # fmt: skip
def test_seizures_arrests_and_arson_during_an_incident_are_part_of_it(second: str) -> None:
    events = events_of(f"Troops raided a camp in the city on Monday, killing four gunmen. "
                       f"{second}")  # fmt: skip
    assert len(events) == 1 and events[0].event_type != "Strategic developments"


def test_those_killed_are_the_victims_told_before_not_a_new_incident() -> None:
    events = events_of(
        "A US strike destroyed a boat off the coast on Monday, killing three. "
        "Colombia said it would ask for the identities of those killed."
    )
    assert len(events) == 1


@pytest.mark.parametrize("text", [
    "Russia launched more than 4,000 drones and about 150 missiles at Ukraine in January, "
    "the air force said.",  # a month's munitions, not one attack
    "The bandit gangs, which grew out of clashes between herders and farmers, operate from "
    "the forests.",  # undated history of a group
])  # fmt: skip
def test_aggregates_and_group_histories_are_not_incidents(text: str) -> None:
    assert events_of(text) == []


def test_one_nights_barrage_is_one_incident() -> None:
    (event,) = events_of("Russia launched 700 drones and 40 missiles at Ukraine overnight, "
                         "the air force said on Monday.")  # fmt: skip
    assert event.event_type == "Explosions/Remote violence"


@pytest.mark.parametrize("text", [
    "Al Shabaab said it had killed 12 soldiers, a claim the army denied.",
    "The defence ministry said its forces had killed more than 300 soldiers.",
    "The ministry said its forces had killed 40 fighters in the past 24 hours, near the town.",
    "The talks resumed a day after one of the deadliest clashes in the region in weeks.",
    "Such killings are rarely punished, rights groups say.",
    "An investigation into the killing of the journalist was opened on Friday.",
    "The official said a new round of technical meetings on prisoner exchanges was planned.",
    "Funerals were held on Thursday for the 14 people killed in Tuesday's attack.",
    "The Houthis said they had fired missiles at a US destroyer in the Red Sea on Wednesday, "
    "a claim the Pentagon denied.",
    "Armed groups carried out more than 200 drone attacks on troops across the country "
    "this year.",
    "He said the army had been using drones and heavy artillery to reopen the road.",
    "A year after the rebels of the M23 marched into Goma, the city looks calm.",
    "The group said the government was using the killings to justify a crackdown on dissent.",
    "Its jets and its air-defence missiles, which can hit targets 250 km away, were ready.",
    "The ministry said 230 people had been killed and 1,800 wounded in strikes since June 13.",
    "Officials say more than 300 rebels have surrendered this year under a programme.",
    "The attack came as forces pressed on with raids in the north, officials said.",
    "He warns that anyone attacking police stations will be treated as a terrorist.",
    "Nobody will sleep at home, a deputy told a rally in the capital last week.",
])  # fmt: skip
def test_claims_tallies_and_references_are_not_incidents(text: str) -> None:
    assert [e.label for e in events_of(text) if is_incident(e)] == []


def test_a_report_that_dates_another_event_is_not_one() -> None:
    (event,) = events_of("Al Shabaab fighters fired mortar rounds at the airport late on "
                         "Tuesday, police said, hours after the United States said it had "
                         "killed three militants in an air strike in the south.")  # fmt: skip
    assert event.sub_event_type == "Shelling/artillery/missile attack"


def test_a_claim_that_says_where_and_when_is_an_incident() -> None:
    (event,) = events_of("The army said it had killed 15 militants in an operation near "
                         "Mafa on Monday.")  # fmt: skip
    assert event.fatalities == 15


def test_an_earlier_month_is_background_beside_news_dated_by_the_day() -> None:
    text = ("Gunmen killed five traders at the market in the town on Tuesday. The two sides "
            "signed a ceasefire agreement in August.")  # fmt: skip
    assert [e.sub_event_type for e in events_of(text)] == ["Attack"]
    (alone,) = events_of("Gunmen abducted a student activist in the town in August, his "
                         "family said.")  # fmt: skip
    assert alone.date == date(2025, 8, 31) and alone.time_precision == 3


def test_a_sentence_of_deaths_and_a_denial_continues_the_incident_before() -> None:
    (clash,) = [e for e in events_of(
        "Taliban forces and NRF fighters clashed on Sunday in the valley. The NRF said three "
        "Taliban were killed; the Taliban denied losses.") if is_incident(e)]  # fmt: skip
    assert clash.sub_event_type == "Armed clash" and clash.fatalities == 3


def test_deaths_told_next_continue_the_violence_not_the_looting_beside_it() -> None:
    found = events_of(
        "Insurgents overran the village on 19 October after fighting with defence forces, "
        "looting shops and food stores. At least 3 soldiers were killed.")  # fmt: skip
    assert sorted((e.event_type, e.fatalities) for e in found) == [
        ("Battles", 3), ("Strategic developments", 0)]  # fmt: skip


def test_a_crosshead_in_capitals_is_not_an_incident() -> None:
    text = ("Iran fires missiles at Israel\n\nAn Iranian missile struck a building in Holon on "
            "Tuesday, killing three people.\n\nMISSILE HITS HOLON\n\nRescuers searched the "
            "rubble on Wednesday.")  # fmt: skip
    assert [e.sub_event_type for e in events_of(text) if is_incident(e)] == [
        "Shelling/artillery/missile attack"]  # fmt: skip


def test_a_claim_of_interceptions_is_an_event_of_its_own() -> None:
    (event,) = events_of("Ukraine's air force said it had shot down 87 of 110 drones and four "
                         "of six cruise missiles launched overnight.")  # fmt: skip
    assert event.sub_event_type == "Disrupted weapons use"


def test_a_live_blog_time_stamp_is_a_sentence_of_its_own() -> None:
    (event,) = events_of("Live: protests\n\n9:15 a.m. — Police fired tear gas at several "
                         "hundred protesters in the capital, our reporter says.")  # fmt: skip
    assert event.provenance.sentence.startswith("Police fired")


def test_bomb_making_materials_found_are_not_a_bombing() -> None:
    found = events_of("Troops found a cache of two rifles and bomb-making materials in a hut "
                      "on Tuesday.")  # fmt: skip
    assert [e.sub_event_type for e in found] == ["Disrupted weapons use"]


@pytest.mark.parametrize("text", [
    "Delegates discussed a proposal for a halt to attacks during Ramadan on Monday.",
    "The ministry summoned the envoy on Tuesday to protest against a drone strike in the north.",
    "Summary: shelling killed two civilians in the city and six fighters died in a clash.",
    "In January, gunmen shot dead a village headman in the district, police said at the time.",
    "The gunmen released the women and marched the seven men into the bush on Monday.",
    "The war began on Friday, June 13, when Israel launched waves of strikes on nuclear sites.",
    "Repeated strikes on energy facilities have left parts of the region without power.",
    "It was the second school attacked in the district this year.",
    "Many villages have signed local pacts with the group to be allowed to farm.",
    "An envoy called on the authorities to release people held for peaceful protest.",
    "Officers met on Tuesday for talks under the committee that oversees last year's truce.",
    "The grain carrier, sailing under a Liberian flag, was moored at a neighbouring berth.",
    "Political leaders across the country condemned the killing of two labourers on Monday.",
    "A court on Wednesday sentenced 14 militiamen to terms ranging from 10 years to life for "
    "murders and disappearances in the town.",
    "9:10 p.m. - Here is a summary of the day: one man was killed in the city and police used "
    "tear gas in the capital.",
    "The fighting in May 2025 began after the killing of a commander. Dozens of people were "
    "killed before a truce took hold.",
    "A police officer said 37 people had been detained across the country during the day.",
    "A UN report released on Wednesday documented the detention of journalists and women who "
    "protested against restrictions on work.",
])  # fmt: skip
def test_references_recaps_and_reports_of_the_time_are_not_incidents(text: str) -> None:
    assert [e for e in events_of(text, date(2026, 2, 26)) if is_incident(e)] == []


def test_days_later_after_history_is_history() -> None:
    text = ("The crisis dates back to March 4, 2025, when fighters overran the garrison in the "
            "town. Days later a UN helicopter sent to the town came under fire.")  # fmt: skip
    assert events_of(text, date(2026, 2, 12)) == []


def test_sides_that_fought_with_mortars_clashed() -> None:
    (event,) = events_of("Rebels attacked army positions near the town on Monday, and the two "
                         "sides fought for hours with machine guns and mortars.")  # fmt: skip
    assert event.sub_event_type == "Armed clash"


@pytest.mark.parametrize("text", [
    "Rebels retook the village on Wednesday despite a ceasefire.",
    "Police said on Friday they had arrested two informants accused of guiding the gunmen.",
    "Israeli police said on Thursday they had detained two suspects over the attack.",
    "Hauwa, 41, fled to the city with her three younger children on Monday.",
    "Some bandit leaders who had signed the deals went back to raiding.",
])  # fmt: skip
def test_truces_named_suspects_held_and_private_flights_are_not_incidents(text: str) -> None:
    found = [e for e in events_of(text) if e.sub_event_type not in ("Non-state actor overtakes "
             "territory", "Government regains territory")]  # fmt: skip
    assert found == []


def test_a_raid_told_with_its_abductions_is_one_abduction() -> None:
    (event,) = events_of("Her sons were among 23 villagers abducted from the village on "
                         "Monday when bandits on motorbikes raided it.")  # fmt: skip
    assert event.sub_event_type == "Abduction/forced disappearance"


def test_a_second_account_of_a_toll_is_the_same_strike() -> None:
    text = (
        "An air strike hit a house in the town on Wednesday evening, killing two people.\n\n"
        "The army said it had targeted militants.\n\n"
        "The civil defence agency said five people were killed when the house was struck."
    )
    (event,) = events_of(text)
    assert event.fatalities == 2  # the lowest toll reported


def test_the_captive_named_again_is_the_same_arrest() -> None:
    text = (
        "Military police arrested a militia commander in the city on Thursday. The "
        "commander was detained at his home with four bodyguards, the spokesman said."
    )
    assert len(events_of(text)) == 1


def test_an_outcome_later_in_the_paragraph_continues_its_incident() -> None:
    text = (
        "Bandits raided the village on Monday, abducting 23 people. The gunmen went from "
        "compound to compound. Nobody was killed, but several houses were ransacked."
    )
    assert len(events_of(text)) == 1


@pytest.mark.parametrize("text, labels", [
    ("A ceasefire between the army and the rebels took effect on Monday.", ["ceasefire"]),
    ("Troops might join a reassurance force in the event of a ceasefire, ministers said.", []),
    ("The government said it respected the right to protest.", []),
    ("Components were found in the wreckage of drones brought down over the city.", []),
])  # fmt: skip
def test_truces_rights_and_wreckage(text: str, labels: list[str]) -> None:
    assert [e.label for e in events_of(text)] == labels


@pytest.mark.parametrize(("text", "labels"), [
    ("Police searched the car at a checkpoint on Monday. Police found no explosives.", []),
    ("Soldiers ambushed the rebels near the town on Monday, killing four. Troops recovered "
     "three rifles and a radio at the site, he said.", ["armed clash"]),
    ("Soldiers found an arms cache holding four rifles in the forest on Monday.",
     ["weapons intercepted"]),
])  # fmt: skip
def test_arms_found_at_the_scene_of_an_incident_or_none_found_are_no_new_event(
    text: str, labels: list[str]
) -> None:
    assert [e.label for e in events_of(text)] == labels


def test_a_clash_on_the_day_a_town_is_taken_is_the_taking() -> None:
    text = ("M23 rebels recaptured the village on Wednesday after heavy fighting.\n\n"
            "At least seven fighters were killed when the M23 rebels attacked the village "
            "from the south on Wednesday morning.")  # fmt: skip
    (event,) = events_of(text)
    assert (event.sub_event_type, event.fatalities) == ("Non-state actor overtakes territory", 7)


@pytest.mark.parametrize("text", [
    "Iraqi and coalition aircraft still strike hideouts in the desert regularly.",
    "More than 20 people were killed, according to rights groups, most of them shot.",
    "More than 60,000 people were displaced and dozens were killed, according to official "
    "figures, prompting the president to declare a state of emergency.",
    "Our live coverage of Monday's demonstrations on the anniversary of the 1990 rally.",
    "In the first weeks of those protests, police used water cannon almost nightly and "
    "detained more than 400 people, according to rights groups.",
])  # fmt: skip
def test_habits_tolls_of_nowhere_and_live_pages_are_not_events(text: str) -> None:
    assert events_of(text) == []


def test_a_toll_with_its_day_is_an_incident() -> None:
    (event,) = events_of("Five people were killed in the market on Monday.")
    assert event.fatalities == 5


@pytest.mark.parametrize("text", [
    "Bandits opened fire on travellers on the road on 13 July, killing 4 passengers. The "
    "following day, 9 farmers were abducted from their fields in the district.",
    "A junta airstrike on Thursday destroyed a clinic in the town, killing six patients. In a "
    "separate strike the same day on another village, one man was killed.",
])  # fmt: skip
def test_outcomes_of_another_day_or_a_separate_strike_are_another_incident(text: str) -> None:
    assert len(events_of(text, date(2025, 7, 15))) == 2


@pytest.mark.parametrize("text", [
    "Thousands marched through the city centre on Sunday to demand peace, days after gunmen "
    "killed a man and his two children in their car.",
    "Uganda sent troops to the capital in the weeks that followed.",
    "It said 17 drones had hit targets in six locations but did not name them.",
    "The two countries had exchanged direct fire twice before.",
    "The president said the strategy of attacking the causes of violence while arresting key "
    "figures is working.",
])  # fmt: skip
def test_acts_measured_from_spread_counted_or_in_a_strategy(text: str) -> None:
    assert [e for e in events_of(text) if e.label != "protest"] == []


def test_a_day_after_dates_an_incident_told() -> None:
    text = ("Soldiers retook the town from the insurgents on Sunday, a day after the insurgents "
            "overran the town.")  # fmt: skip
    assert len(events_of(text)) == 2


def test_a_date_in_a_relative_clause_does_not_date_the_event() -> None:
    (event,) = events_of("Armed men set fire to six houses and a grocery store on Monday in a "
                         "hamlet whose residents had fled fighting last year.")  # fmt: skip
    assert event.sub_event_type == "Looting/property destruction"
    assert event.date == date(2025, 10, 20)


def test_a_tally_in_the_next_paragraph_is_not_the_incident_just_told() -> None:
    (event,) = events_of("Gunmen shot dead a lime grower at his orchard on Monday.\n\n"
                         "At least 31 soldiers and police have been killed by such devices "
                         "in the state since then.")  # fmt: skip
    assert event.fatalities == 0 and event.actor2 is not None and event.actor2.inter == 7


def test_a_rally_held_every_week_since_the_war_is_still_this_fridays() -> None:
    (event,) = events_of("Thousands of people rallied in the square on Friday after prayers, "
                         "as they have done almost every week since the war began.")  # fmt: skip
    assert event.sub_event_type == "Peaceful protest" and event.date == date(2025, 10, 17)


def test_the_clashes_named_again_after_a_riot_are_the_riot() -> None:
    events = events_of("Masked men threw stones at riot police outside parliament on Monday."
                       "\n\nThe ministry said 11 officers were hurt in the clashes.")  # fmt: skip
    assert [e.event_type for e in events] == ["Riots"]


def test_a_protest_told_in_the_present_perfect_is_live_news_not_a_tally() -> None:
    (event,) = events_of("In the town, several hundred women dressed in black have marched to "
                         "the local government secretariat.")  # fmt: skip
    assert event.sub_event_type == "Peaceful protest"


def test_a_live_entry_in_the_present_perfect_is_news_of_the_hour_unless_so_far() -> None:
    text = ("4:15 p.m. - Police have opened fire on marchers heading for the airport, killing "
            "one man.\n\n10:05 a.m. - A spokesman says 45 people have been arrested in the "
            "city so far this morning.")  # fmt: skip
    assert [e.sub_event_type for e in events_of(text)] == ["Excessive force against protesters"]


def test_an_incident_announced_then_told_is_one() -> None:
    text = ("Fighting has broken out west of the city. Rebel fighters attacked army positions "
            "in the hills before dawn, and the two sides fought for hours.")  # fmt: skip
    assert [e.sub_event_type for e in events_of(text)] == ["Armed clash"]


@pytest.mark.parametrize("text", [
    "Seven years earlier, almost to the minute, a suicide bomber had walked into the mass.",
    "A court on Wednesday sentenced six men over a 2020 roadside bombing that wrecked a "
    "police bus and killed six policemen.",
    "A youth network plans a peace walk on Saturday from the Krue Se mosque, where security "
    "forces killed 32 gunmen in 2004.",
])  # fmt: skip
def test_an_act_dated_years_back_by_its_own_words_is_history(text: str) -> None:
    assert events_of(text) == []


@pytest.mark.parametrize("text", [
    "A missile struck the tanker Jizan in the Gulf of Aden on Monday, killing a sailor. "
    "The group's military said it had targeted the ship because of its owner.",
])  # fmt: skip
def test_a_strike_on_a_target_told_before_is_that_strike_again(text: str) -> None:
    assert len(events_of(text)) == 1


def test_a_killing_that_shares_its_doer_with_the_verb_before_is_an_act_not_a_toll() -> None:
    text = ("Police said Maoists abducted two villagers from Kadenar late on Thursday. The same "
            "night another Maoist squad dragged a former sarpanch from his home in the "
            "village and killed him with axes.")  # fmt: skip
    assert sorted(e.label for e in events_of(text)) == ["abduction", "attack on civilians"]


def test_killings_dated_only_by_a_whole_year_are_a_tally() -> None:
    text = "Transport unions say more than 60 drivers were killed in Lima and Callao in 2025."
    assert events_of(text, date(2026, 2, 11)) == []


def test_a_court_jailing_people_is_a_sentence_not_an_arrest() -> None:
    text = "A court in the capital on Thursday jailed two men for setting fire to a store."
    assert events_of(text) == []


@pytest.mark.parametrize(("text", "labels"), [
    ("Navy personnel intercepted a wooden boat carrying 12 rifles in the bay on Saturday. "
     "Its six crew members were detained, the navy said.", ["weapons intercepted"]),
    ("Police arrested three men suspected of sabotage in the city on Monday. Officers found "
     "incendiary devices in a flat rented by one of the men.", ["arrests"]),
])  # fmt: skip
def test_a_crew_held_with_its_load_or_arms_found_at_a_suspects_home_are_one_event(
    text: str, labels: list[str]
) -> None:
    assert [e.label for e in events_of(text)] == labels


@pytest.mark.parametrize("text", [
    "A military court in Maroua on Thursday sentenced 11 men to prison terms for their roles "
    "in a string of Boko Haram raids on villages.",  # what a court judges was told before
    "Two men were charged on Monday with the killing of a journalist in Lagos.",
    "Colombia lodged a formal protest with Washington on Wednesday.",  # diplomacy
    "The report lists 1,140 protection incidents in the period, including killings, "
    "abductions and sexual violence.",  # a listed kind of act, not one act
])  # fmt: skip
def test_judged_acts_lodged_protests_and_listed_kinds_are_no_incidents(text: str) -> None:
    assert events_of(text) == []


@pytest.mark.parametrize("text", [
    "A local party leader said members had been attacked while trying to keep shops open.",
    "Two of the defendants told the court they had been beaten during questioning.",
    "Police say they have detained 112 people across the capital.",
    "A spokesman for a settlers' council denied that residents had been involved and said "
    "Palestinians had thrown stones first.",
])  # fmt: skip
def test_an_act_reported_in_the_perfect_without_day_place_or_death_is_a_recap(
    text: str,
) -> None:
    from geo.events.scoring import is_incident

    assert [e for e in events_of(text) if is_incident(e)] == []  # a denial is a statement


@pytest.mark.parametrize("text", [
    "The air force said it had shot down 30 drones overnight.",  # news as announced
    "A local party leader said members had been attacked in Bogura on Sunday.",  # dated
])  # fmt: skip
def test_an_announced_development_or_a_dated_act_reported_in_the_perfect_stays(
    text: str,
) -> None:
    assert len(events_of(text)) == 1


@pytest.mark.parametrize("text", [
    "A police spokesman said officers and soldiers have been sent to the village.",
    "The European Union said attacks on places of worship were unacceptable.",
])  # fmt: skip
def test_a_response_deployment_and_a_judged_kind_of_act_are_no_incidents(text: str) -> None:
    from geo.events.scoring import is_incident

    assert [e for e in events_of(text) if is_incident(e)] == []


def test_a_counted_deployment_told_in_the_perfect_stays() -> None:
    (event,) = events_of("The army said 1,200 soldiers have been deployed to guard the palace.")
    assert event.sub_event_type == "Other"


def test_a_participle_naming_what_an_incident_made_retells_it() -> None:
    events = events_of("Myanmar's military and the TNLA signed an agreement in Kunming on "
                       "Friday extending their ceasefire. The deal, reached after two days of "
                       "talks, commits both sides to halt offensive operations.")  # fmt: skip
    assert [e.sub_event_type for e in events] == ["Agreement"]


def test_a_month_naming_another_noun_does_not_date_the_event() -> None:
    (event,) = events_of("Youths protesting against the disputed October election results "
                         "torched a police post on Wednesday.")  # fmt: skip
    assert event.date == date(2025, 10, 22)


def test_a_way_of_acting_in_the_present_is_no_incident() -> None:
    assert events_of("Armed groups have adapted cheap quadcopters, changing how they fight the "
                     "state and each other.") == []  # fmt: skip


@pytest.mark.parametrize("text", [
    "To recap: police defused a car bomb in Baidoa on Monday.",
    "18:05 — To recap: police defused a car bomb in Baidoa on Monday.",
])  # fmt: skip
def test_a_to_recap_line_retells_the_live_blog(text: str) -> None:
    assert events_of(text) == []


def test_a_place_described_in_the_perfect_is_background_to_the_incident() -> None:
    (event,) = events_of("In Zacatecas, where cartels have fought for years over routes, "
                         "soldiers clashed with gunmen near Jerez on Thursday.")  # fmt: skip
    assert event.sub_event_type == "Armed clash" and event.date == date(2025, 10, 23)


def test_reinforcements_arriving_after_an_attack_date_its_end() -> None:
    (event,) = events_of("Gunmen killed four villagers on Monday and fled before reinforcements "
                         "arrived.")  # fmt: skip
    assert event.event_type == "Violence against civilians"


def test_arms_recovered_from_the_spot_belong_to_the_incident() -> None:
    (event,) = events_of("Soldiers killed a gunman in the village on Monday. The army said it had "
                         "recovered a rifle from the spot.")  # fmt: skip
    assert event.event_type == "Battles"


def test_a_field_note_dates_its_line() -> None:
    text = ("17/10: Gunmen lobbed a grenade at a legislator's house in the town; no casualties. "
            "18/10: Police recovered 14 rifles near the town.")  # fmt: skip
    assert sorted(e.date for e in events_of(text)) == [date(2025, 10, 17), date(2025, 10, 18)]


def test_counted_people_killed_when_others_raided_are_the_victims() -> None:
    (event,) = events_of("Seventeen people killed when gunmen raided three hamlets late on "
                         "Saturday were buried here on Monday.")  # fmt: skip
    assert event.actor1 is not None and event.actor1.name == "gunmen"
    assert event.fatalities == 17


def test_a_place_s_history_in_a_relative_clause_neither_dates_nor_drops_the_incident() -> None:
    text = ("In Palma, which the group occupied for a year until troops retook it in August "
            "2021, a crowd beat to death a man on Sunday whom residents accused of spying, police "
            "said.")  # fmt: skip
    (event,) = events_of(text)
    assert event.sub_event_type == "Mob violence" and event.date == date(2025, 10, 19)


def test_a_live_blog_entry_title_stands_only_for_an_entry_that_tells_nothing() -> None:
    text = ("Somalia live\n\n11:35 — Roadside bomb near the town\n\n"
            "A roadside bomb tore through a minibus near the town this morning, killing five "
            "passengers.\n\n12:10 — Drone strike on Jilib market\n\n"
            "Three people died and nine were hurt, the district commissioner said.")  # fmt: skip
    found = sorted(s.sentence[:15] for e in events_of(text) for s in e.sources)
    assert found == ["A roadside bomb", "Drone strike on"]


@pytest.mark.parametrize("text", [
    "Soldiers arrived after the shooting had stopped on Monday.",
    "Soldiers arrived about half an hour later on Monday and ordered everyone off the land.",
    "Air-raid alerts sounded 41 times in October, though most passed without any strike on "
    "the port.",
    "The report says police fired live rounds in the town on Monday.",
])  # fmt: skip
def test_late_arrivals_strikes_that_did_not_come_and_live_rounds_are_no_incidents(
    text: str,
) -> None:
    assert events_of(text) == []


def test_all_or_any_acts_are_a_kind_not_an_incident() -> None:
    assert events_of("The government says all detentions are reviewed by judges.") == []


def test_talks_about_a_truce_are_no_agreement() -> None:
    found = events_of("Mediators met Hamas negotiators in Cairo on Tuesday for a new round of "
                      "talks on the next stage of the Gaza ceasefire.")  # fmt: skip
    assert all(e.sub_event_type != "Agreement" for e in found)


@pytest.mark.parametrize(("text", "events"), [
    ("Seen on a map, the fighting in the Donetsk region this autumn looks like a tide.", 0),
    ("Many of the killings are the product of fighting between rival gangs for control of "
     "the ports.", 0),
    ("Fighting broke out between the army and rebels near the town on Monday.", 1),
])  # fmt: skip
def test_fighting_with_no_day_or_toll_is_the_war_not_a_clash(text: str, events: int) -> None:
    assert len(events_of(text)) == events


@pytest.mark.parametrize(("text", "events"), [
    ("A missile hit a bulk carrier off the port on Wednesday, wounding two crew members. "
     "Warplanes then struck the fuel terminal north of the city late on Wednesday, killing "
     "three workers.", 2),
    ("A missile hit a bulk carrier off the port on Wednesday, wounding two crew members. "
     "The group said its forces had targeted the carrier with a missile.", 1),
])  # fmt: skip
def test_a_strike_on_a_target_not_told_before_is_another_strike(text: str, events: int) -> None:
    assert len(events_of(text)) == events


def test_an_arrest_on_another_day_in_a_protest_sentence_is_its_own_event() -> None:
    events = events_of("On Monday, police fired tear gas to stop a march by teachers in the "
                       "capital, and on Sunday officers arrested the leader of the peasant "
                       "federation at his home.")  # fmt: skip
    arrest = next(e for e in events if e.sub_event_type == "Arrests")
    assert arrest.date == date(2025, 10, 19)
    assert arrest.actor1 is not None and arrest.actor1.name == "officers"


@pytest.mark.parametrize("text", [
    "Armed men opened fire on customers in a bar on Saturday, killing seven people. Earlier the "
    "same day, agents detained a cartel boss during a raid on a house in another town.",
    "Armed men opened fire on customers in a bar on Saturday, killing seven people. Late on "
    "Saturday, detectives arrested two party leaders, accusing them of financing sabotage "
    "during the strike.",
])  # fmt: skip
def test_an_arrest_in_a_new_raid_or_accused_of_the_past_is_not_part_of_the_attack(
    text: str,
) -> None:
    assert any(e.sub_event_type == "Arrests" for e in events_of(text))


@pytest.mark.parametrize(("text", "events"), [
    ("Regional leaders on Thursday condemned a string of attacks by militants in the west.", 0),
    ("Militants stormed a checkpoint outside the town on Monday, killing three soldiers, the "
     "latest in a string of attacks on security forces.", 1),
    ("In the port city, where armed groups have fought repeatedly over the refinery, residents "
     "staged a sit-in on Sunday.", 1),
])  # fmt: skip
def test_a_string_of_attacks_or_a_habit_is_no_incident(text: str, events: int) -> None:
    assert len([e for e in events_of(text) if e.label != "accusation"]) == events


def test_a_ship_hit_this_morning_named_later_is_the_strike_told() -> None:
    events = events_of("08:10 — A drone hit a bulk carrier at anchor off the port this morning.\n\n"
                       "19:30 — Update: the bulk carrier hit this morning has been named as the "
                       "Sapanca.")  # fmt: skip
    assert len(events) == 1


@pytest.mark.parametrize(("text", "events"), [
    ("Officials say most attacks on the refineries are repelled within minutes.", 0),
    ("Rebels attack the army post in the town on Monday.", 1),
])  # fmt: skip
def test_an_undated_act_in_the_present_is_what_someone_does(text: str, events: int) -> None:
    assert len(events_of(text)) == events


@pytest.mark.parametrize(("text", "events"), [
    ("Fighters attacked the army base overnight, residents said.\n\nThe district commissioner "
     "tells local radio that 11 people were killed in the overnight attack on the army base.", 1),
    ("Fighters attacked the army base overnight, residents said. More than 6,000 people have died "
     "in the fighting since 2017.", 1),
])  # fmt: skip
def test_a_toll_told_in_the_attack_is_the_attack_told(text: str, events: int) -> None:
    found = events_of(text)
    assert len(found) == events and found[0].fatalities in (0, 11)


def test_the_agreement_signed_told_again_is_the_agreement_told() -> None:
    events = events_of("Army and rebel commanders signed a local cessation of hostilities in the "
                       "town on Monday. The two-page agreement, signed by the regional commanders, "
                       "commits both sides to stay in their positions.")  # fmt: skip
    assert [e.sub_event_type for e in events] == ["Agreement"]


def test_a_sentence_that_tells_the_incident_again_is_one_of_its_sources() -> None:
    (event,) = events_of("Gunmen attacked a village near the town on Monday, officials said. "
                         "Two villagers were killed in the attack.")  # fmt: skip
    assert [s.trigger for s in event.sources] == ["attacked", "killed"]
    assert event.fatalities == 2


def test_a_live_blog_entry_tells_todays_news_even_in_a_relative_clause() -> None:
    events = events_of(
        "14:05 — Smoke is rising over Koteshwor, where a group of young men set fire to a "
        "traffic police booth after skirmishing with riot police."
    )
    assert [e.event_type for e in events] == ["Riots"]


def test_a_key_points_list_sums_up_what_the_text_tells() -> None:
    events = events_of(
        "Key points:\n- Two men killed when a drone hits a car near Bint Jbeil\n- Troops move "
        "into a hilltop position\n\nTwo men were killed on Tuesday when a drone hit their car "
        "near Bint Jbeil, the health ministry said."
    )
    assert len(events) == 1 and events[0].sources[0].sentence.startswith("Two men were")


def test_what_was_done_the_following_day_is_no_description_of_the_day() -> None:
    events = events_of(
        "M23 rebels took Kirumba on Sunday. The following day the rebels set up a command post "
        "in the town's former administrative offices."
    )
    assert "Headquarters or base established" in {e.sub_event_type for e in events}


def test_the_act_one_side_blames_on_the_other_is_no_incident() -> None:
    assert events_of("Each side blames the other for shooting first.") == []


def test_an_accused_group_is_named_without_a_dangling_of() -> None:
    events = events_of("The army accused the rebels of attacking a convoy on Monday.")
    assert all(e.actor2 is None or e.actor2.name == "rebels" for e in events)


@pytest.mark.parametrize("text", [
    "But analysts say neighbours fighting insurgencies of their own have little to spare.",
    "A senior officer said militants now had access to commercial drones capable of dropping "
    "mortar rounds on police stations.",
])  # fmt: skip
def test_a_states_long_fight_and_a_capability_are_no_incidents(text: str) -> None:
    assert events_of(text) == []


def test_a_crackdown_named_in_a_verdict_is_no_new_incident() -> None:
    events = events_of(
        "A criminal court in Dhi Qar province on Tuesday sentenced a former police colonel to "
        "life in prison, one of very few convictions over the deadly crackdown on Iraq's "
        "protest movement."
    )
    assert [e for e in events if e.event_type == "Protests"] == []


@pytest.mark.parametrize("text", [
    "Insurgents have repeatedly blown up transmission towers on the line that feeds the city.",
    "But it is still fighting, and this week it showed it can still hurt its pursuers.",
    "Two years after the Arakan Army launched its offensive in Rakhine state, the group stands "
    "at the edges of Sittwe.",
])  # fmt: skip
def test_habits_ongoing_fights_reactions_and_anniversaries_are_no_incidents(text: str) -> None:
    assert events_of(text) == []


def test_the_strike_a_condemnation_names_is_no_new_strike() -> None:
    events = events_of(
        "Condemnation of an air strike on a camp for displaced people mounted on Tuesday."
    )
    assert [e.event_type for e in events if e.event_type == "Explosions/Remote violence"] == []


def test_a_strike_a_video_shows_is_a_record_of_it() -> None:
    text = "It released a 30-second video showing a strike on a dome-shaped structure."
    assert events_of(text) == []


@pytest.mark.parametrize(("text", "count"), [
    ("Families in the two districts were trapped between criminal groups fighting over cocaine "
     "routes, an aid network said on Monday.", 0),
    ("Rebels fighting the army overran the town of Kalehe on Monday.", 1),
])  # fmt: skip
def test_a_participle_that_says_who_a_group_is_tells_no_incident(text: str, count: int) -> None:
    assert len(events_of(text)) == count


@pytest.mark.parametrize(("text", "count"), [
    ("A federal court on Thursday sentenced 14 men to prison terms ranging from 20 years to life "
     "for their role in attacks on farming villages.", 0),
    ("Reading the judgment on Thursday, the judge described how the gunmen had rounded up "
     "villagers and shot men who tried to flee.", 0),
    ("Gunmen shot two men near the village on Wednesday, state prosecutors said on Thursday.", 1),
])  # fmt: skip
def test_acts_a_court_judges_or_recounts_are_its_case(text: str, count: int) -> None:
    assert len(events_of(text)) == count


def test_a_relative_clause_in_the_simple_present_is_a_habit() -> None:
    (event,) = events_of(
        "Residents lynched a man on Monday after accusing him of belonging to a gang that "
        "kidnaps children for ransom."
    )
    assert event.sub_event_type == "Mob violence"


@pytest.mark.parametrize(("text", "count"), [
    ("The insurgent movement has for years attacked border guards and police in the "
     "province.", 0),
    ("Most of the defendants were arrested in the months after the violence, the court heard "
     "on Monday.", 0),
    ("Gunmen killed two men in the hours after the vote on Monday.", 1),
    ("Police cleared the avenue on Wednesday, where pensioners have gathered for two years to "
     "demand higher benefits.", 1),
])  # fmt: skip
def test_acts_over_years_or_the_months_after_are_a_tally(text: str, count: int) -> None:
    assert len(events_of(text)) == count


@pytest.mark.parametrize("text", [
    "Insurgents set up a base in the forest north of the town during the last week of "
    "October, aid groups said on Monday.",
    "Gang members set up a base in abandoned houses in the commune on Sunday and have since "
    "erected checkpoints on the national road.",
])  # fmt: skip
def test_a_dated_week_and_a_later_since_leave_the_base_an_incident(text: str) -> None:
    assert [e.sub_event_type for e in events_of(text)] == ["Headquarters or base established"]


@pytest.mark.parametrize(("text", "count"), [
    ("The armed forces said on Tuesday they had sent additional troops and armoured vehicles "
     "to the area around the town.", 1),
    ("The army announced on Tuesday that a further battalion had been dispatched to the "
     "border.", 1),
    ("A police spokesman said on Tuesday reinforcements had been sent to the area.", 0),
])  # fmt: skip
def test_a_deployment_a_side_announces_is_news_its_response_is_not(text: str, count: int) -> None:
    moves = [e for e in events_of(text) if e.provenance.trigger in ("sent", "dispatched")]
    assert len(moves) == count


@pytest.mark.parametrize("text", [
    "Guards shot over their heads to scatter them on Monday.",
    "Shopkeepers have called a general strike for Wednesday to mourn the man killed in the "
    "village.",
])  # fmt: skip
def test_warning_shots_and_the_dead_mourned_are_no_attack(text: str) -> None:
    assert events_of(text) == []


@pytest.mark.parametrize(("text", "kept"), [
    ("Soldiers killed five militants near Gao on Monday. Analysts caution against reading "
     "too much into a single attack.", ["killed"]),
    ("Troops clashed with JNIM fighters near Gao on Monday. The army's offensive closed the "
     "school.", ["clashed"]),
    ("Soldiers killed five militants near Gao on Monday. Gunmen attacked the village of "
     "Kura, killing two farmers.", ["attacked", "killed"]),
])  # fmt: skip
def test_an_undated_weakly_told_fight_beside_dated_ones_is_background(
    text: str, kept: list[str]
) -> None:
    """A fight or attack the article neither dates nor tells with a verb, a doer and a
    place, beside incidents it dates, is background; told fully it stays."""
    from gazetteer import Gazetteer
    from geo.pipeline import process_article

    article = Article.from_text(text, published=PUBLISHED)
    events = process_article(article, load_nlp(), Gazetteer.open()).events
    assert sorted(e.provenance.trigger for e in events) == kept


def test_what_a_trial_chamber_finds_is_the_case_tried() -> None:
    text = (
        "The trial chamber found that gunmen on motorcycles surrounded the cattle market at "
        "Bani Kossey on Monday, killing 18 traders."
    )
    assert triggers(text) == []


def test_a_trigger_noun_read_as_an_adjective_is_no_event() -> None:
    text = "On Saturday a nurse showed photographs of bruised backs and a split scalp."
    assert triggers(text) == []


def test_what_an_indictment_tells_is_the_case_tried() -> None:
    text = (
        "According to the indictment, around 15 armed men arrived on motorbikes at dawn on "
        "Monday and opened fire on the workers."
    )
    assert triggers(text) == []


def test_a_live_blog_entry_title_is_no_incident_of_its_own() -> None:
    text = (
        "07:40 — Bombs fall on a village at dawn\n"
        "Shortly after 6 a.m. on Monday a military jet released two bombs over a farming "
        "village, killing six people."
    )
    assert triggers(text) == ["released"]


def test_shots_counted_are_one_act_not_acts_counted() -> None:
    (event,) = events_of("On Monday, two men on a motorcycle pulled up beside a bus and shot "
                         "the driver three times through his window.")  # fmt: skip
    assert event.event_type == "Violence against civilians"


def test_victims_named_with_the_attack_told_by_its_doers_is_an_incident() -> None:
    text = ("The brothers were among three farmers killed on Sunday when fighters attacked "
            "people working in fields outside the village.")  # fmt: skip
    (event,) = events_of(text)
    assert event.event_type == "Violence against civilians"


def test_riot_police_are_a_force_not_a_riot() -> None:
    assert triggers("Shops stay closed and riot police remain at the central square.") == []


def test_fire_every_day_is_a_habit_not_an_incident() -> None:
    text = "Army gunners fire on the ferry landing almost every day, a local official said."
    assert triggers(text) == []


def test_the_onset_of_a_campaign_against_many_targets_is_no_incident() -> None:
    text = ("Three months after the navy began sinking small boats off the coast, the "
            "campaign has settled into a routine.")  # fmt: skip
    assert triggers(text) == []


def test_a_killing_after_an_ambush_read_as_a_phrase_is_not_the_speakers() -> None:
    text = ('The military government vowed on Tuesday to "punish the enemy" after an ambush on '
            "a supply convoy in the north of the country killed at least 19 members of a "
            "civilian militia.")  # fmt: skip
    (event,) = events_of(text)
    assert event.actor1 is None or "government" not in event.actor1.name


def test_the_relative_clause_told_through_a_source_belongs_to_its_noun() -> None:
    text = "Officials disputed the account of an air strike that residents say killed herders."
    assert [e.event_type for e in events_of(text)] == ["Explosions/Remote violence"]


def test_one_raid_in_two_villages_is_one_operation_not_a_tally() -> None:
    text = ("On Monday, soldiers went house to house in two villages in Rutshuru territory and "
            "detained at least 20 men, residents said.")  # fmt: skip
    assert [e.sub_event_type for e in events_of(text)] == ["Arrests"]


def test_what_footage_shows_is_a_record_not_an_incident() -> None:
    text = "Footage aired by a state channel showed the men handing over rifles to officials."
    assert triggers(text) == []


def test_a_quoted_predicate_of_a_reported_clause_is_the_act_reported() -> None:
    text = ('The army says it "repelled a terrorist attack" on one of its patrols near Gao on '
            "Thursday.")  # fmt: skip
    assert [e.event_type for e in events_of(text)] == ["Battles"]


def test_a_quoted_testimony_stays_testimony() -> None:
    text = '"They attacked our village and burned the granary," a farmer said on Monday.'
    assert triggers(text) == []


def test_the_victims_of_an_attack_buried_are_mourned_not_attacked() -> None:
    text = ("Thousands of people gathered on Monday at a cemetery near the camp to bury the "
            "victims of an attack.")  # fmt: skip
    assert not any(e.event_type == "Riots" for e in events_of(text))


def test_the_bodies_of_the_dead_exchanged_under_a_deal_are_no_new_killing() -> None:
    text = ("Last week, the two sides signed an agreement in Taiz to exchange the bodies of "
            "fighters killed on the city's fronts.")  # fmt: skip
    assert [e.sub_event_type for e in events_of(text)] == ["Agreement"]


def test_the_bodies_of_people_killed_found_still_tell_the_killing() -> None:
    text = "The bodies of five men killed by gunmen were found near Apaxtla on Monday."
    assert [e.event_type for e in events_of(text)] == ["Violence against civilians"]


def test_the_strike_a_march_denounces_is_its_own_incident() -> None:
    text = ("Thousands of supporters marched through central Caracas on Wednesday to denounce "
            "a strike that killed four people aboard a boat off the eastern coast.")  # fmt: skip
    tolls = {e.event_type: e.fatalities for e in events_of(text)}
    assert tolls == {"Protests": 0, "Explosions/Remote violence": 4}


def test_the_killing_a_crowd_is_angered_by_is_its_cause_not_an_incident() -> None:
    text = ("According to local sources, young people angered by the killing of farmers by ADF "
            "fighters blocked roads with burning tyres in Beni on Monday and pelted police with "
            "stones.")  # fmt: skip
    assert [e.event_type for e in events_of(text)] == ["Riots"]


def test_the_first_step_since_a_truce_is_a_record_not_a_tally() -> None:
    text = ("Pakistan and Afghanistan exchanged prisoners at the border on Sunday in the first "
            "concrete step since their ceasefire, officials said.")  # fmt: skip
    assert [e.sub_event_type for e in events_of(text)] == ["Agreement"]
