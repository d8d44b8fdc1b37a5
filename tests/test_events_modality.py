"""Modality: negated, hypothetical, attempted, threatened, denied events are not drawn."""

from __future__ import annotations

from datetime import date

import pytest

from geo.events import detect_events
from geo.events.triggers import find_triggers
from geo.model import Article
from geo.nlp import load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def modalities(nlp, text: str) -> dict[str, str]:
    doc = nlp(text)
    return {t.text: t.modality for s in doc.sents for t in find_triggers(s)}


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        (
            "Venezuela believes the operation could be a preamble to an invasion.",
            "invasion",
            "hypothetical",
        ),
        (
            "Trump unsuccessfully tried to accelerate the removal of the president and "
            "troops tried to capture the town.",
            "capture",
            "attempted",
        ),
        ("Under threat of arrest, he fled to Spain.", "arrest", "threatened"),
        ("The army denied that its troops had shelled the village.", "shelled", "denied"),
        ("The government denied reports that its forces had bombed a market.", "bombed", "alleged"),
        ("Police did not arrest the protesters.", "arrest", "negated"),
        ("Opposition groups will hold a protest on Saturday.", "protest", "future"),
        ("He accused the army of stressing that passengers were executed.", "executed", "alleged"),
        ("If the talks fail, the rebels attack the capital.", "attack", "hypothetical"),
        ("US forces have destroyed three vessels, killing 12 people.", "destroyed", "asserted"),
        ("The BLA claimed that its fighters set fire to 14 trucks.", "set", "asserted"),
        ("Residents claimed that the army shelled the village.", "shelled", "alleged"),
        ("The delegations discussed an exchange of 200 prisoners each.", "exchange", "intended"),
        (
            "The rebels said they will not negotiate until troops withdraw from the villages.",
            "withdraw",
            "hypothetical",
        ),
        (
            "Soldiers fought the rebels until the rebels surrendered on Monday.",
            "surrendered",
            "asserted",
        ),
        (
            "The military may step up air attacks to push the rebels out of the towns.",
            "push",
            "hypothetical",
        ),
        ("The brigade said it was ready to send troops between the groups.", "send", "intended"),
        ("The court found the six guilty of terrorism and murder.", "murder", "alleged"),
        ("Soldiers stormed the village to arrest a commander.", "stormed", "asserted"),
        ("ISWAP says its men overran the base, which the army denies.", "overran", "denied"),
        ("Soldiers overran the rebel base, which the rebels confirmed.", "overran", "asserted"),
    ],
)
def test_modality(nlp, text: str, trigger: str, expected: str) -> None:
    assert modalities(nlp, text)[trigger] == expected


def test_negated_governor_does_not_reach_an_adjunct(nlp) -> None:
    found = modalities(nlp, "Police did not arrest any protesters at Sunday's march in Tbilisi.")
    assert found["arrest"] == "negated"
    assert found["march"] == "asserted"


def test_modal_events_are_dropped_or_marked(nlp) -> None:
    text = "Analysts say the build-up could be a prelude to an invasion of Taiwan."
    article = Article.from_text(text, published=date(2024, 10, 10))
    doc = nlp(text)
    assert detect_events(article, doc, []) == []
    kept = detect_events(article, doc, [], keep_modal=True)
    assert kept and all(e.modality == "hypothetical" for e in kept)
    assert not any(e.event_type == "Battles" and e.modality == "asserted" for e in kept)


@pytest.mark.parametrize("text", [
    "Three soldiers died when a roadside bomb hit their vehicle near Afgooye on Saturday; "
    "Al Shabaab later claimed responsibility.",
    "On Saturday a suicide car bomb exploded at the entrance of an army camp, killing five "
    "soldiers; Al Shabaab claimed responsibility.",
])  # fmt: skip
def test_an_act_before_a_claim_of_responsibility_is_asserted(nlp, text: str) -> None:
    article = Article.from_text(text, published=date(2025, 3, 17))
    events = detect_events(article, nlp(text), [], None)
    assert [e.modality for e in events] == ["asserted"]


def test_a_verb_joined_to_a_future_one_is_future(nlp) -> None:
    text = "Its members will strike and hold a sit-in in Aqaba if the increase goes ahead."
    assert modalities(nlp, text)["sit-in"] != "asserted"


@pytest.mark.parametrize(("text", "trigger"), [
    ("Village chiefs said they had raised a new militia of 200 men to fight alongside the "
     "army.", "fight"),
    ("Officials said some gangs now fly hobby drones fitted to drop grenades.", "drop"),
    ("The joint committee is meant to oversee the withdrawal of foreign troops from the "
     "valley.", "withdrawal"),
    ("Police detained a trader in Kasese on suspicion of organising attacks on lorries.",
     "organising attacks"),
])  # fmt: skip
def test_what_an_act_prepares_or_a_suspicion_names_is_not_asserted(
    nlp, text: str, trigger: str
) -> None:
    assert modalities(nlp, text)[trigger] != "asserted"


def test_a_purpose_reached_through_another_verb_keeps_its_act_asserted(nlp) -> None:
    text = ("Witnesses said troops sent to reopen the highway fired live rounds to clear the "
            "crowd, killing a boy.")  # fmt: skip
    assert modalities(nlp, text)["killing"] == "asserted"


@pytest.mark.parametrize(("text", "trigger"), [
    ("Police said rumours spread on Tuesday that militias were clashing near the port.",
     "clashing"),
    ("The mayor called it the main obstacle to persuading the militia to give up its "
     "weapons.", "give up"),
])  # fmt: skip
def test_what_a_rumour_tells_or_a_persuasion_seeks_is_not_asserted(
    nlp, text: str, trigger: str
) -> None:
    assert modalities(nlp, text)[trigger] != "asserted"
