"""ACLED event type from what happened *and* who did it to whom (the codebook's logic).

The trigger gives the act's family (a remote weapon, violence, a protest, a strategic
move); the actors' kinds (`inter`) and the victims decide the type:
- the means decide first: shelling, missiles, air/drone strikes, IEDs, landmines, grenades
  and suicide bombs are Explosions/Remote violence whatever the target;
- organised armed group against organised armed group (state forces, rebels, militias,
  external forces) is a Battle, whoever died;
- an armed group against unarmed people (civilians, or nobody named) is Violence against
  civilians; a mob (rioters) is Mob violence; protesters who turn violent riot;
- force used on protesters is a Protest with intervention, or Excessive force when it kills.
"killed" alone never decides the type.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from geo.events.taxonomy import (
    BATTLES,
    DWELLINGS,
    EXPLOSIONS,
    NAVAL,
    PROTESTER_NOUNS,
    PROTESTS,
    RIOTS,
    SELVES,
    SHOULDER_FIRED,
    STRATEGIC,
    TEAR_GAS,
    VAC,
    WEAPONS_DISRUPTED,
    EventKind,
)
from geo.model import Actor, Place

ARMED = frozenset({1, 2, 3, 4, 8})
NON_STATE_ARMED = frozenset({2, 3, 4})
STATE = 1
RIOTERS = 5
PROTESTERS = 6
CIVILIANS = 7

#: Kinds whose trigger is violence between people, typed by the actors.
#: Kinds whose trigger says two sides fought ("clashed", "an exchange of fire").
FIGHTS = frozenset({"clash", "exchange_of_fire", "engage"})
VIOLENT = FIGHTS | {"attack_civilians", "massacre", "burning"}
#: Remote means named beside a violent trigger ("attacked the base with mortars").
# fmt: off
MEANS: dict[str, tuple[str, str]] = {
    **dict.fromkeys(("mortar", "artillery", "shell", "shelling", "rocket", "missile",
                     "howitzer", "barrage", "grad"),
                    ("shelling", "Shelling/artillery/missile attack")),
    **dict.fromkeys(("drone", "airstrike", "warplane", "jet", "helicopter", "aircraft",
                     "uav", "bomber", "gunship"), ("air_strike", "Air/drone strike")),
    **dict.fromkeys(("ied", "landmine", "mine", "explosive", "roadside"),
                    ("explosion", "Remote explosive/landmine/IED")),
    "grenade": ("grenade", "Grenade"),
}
# fmt: on
#: A tank's gun fired: shelling, unlike a fuel or water tank attacked.
TANK_FIRE = frozenset({"tank", "fire"})
#: An explosion named without its means: the last resort of `_remote_means`.
BLASTS = frozenset({"blast", "explosion", "bombing"})
# fmt: off
INTERVENTION = frozenset({"disperse", "tear", "teargas", "gas", "baton", "cannon", "arrest",
                          "detain", "beat", "rubber", "break", "charge", "scatter"})
# fmt: on
# fmt: off
VIOLENT_CROWD = frozenset({"violent", "violently", "stone", "rock", "torch", "burn", "vandalise",
                           "vandalize", "loot", "smash", "clash", "barricade", "hurl", "throw",
                           "pelt", "ransack", "molotov"})
# fmt: on
# fmt: off
GRIEVANCE = frozenset({"protest", "demonstration", "demonstrator", "march", "rally",
                       "demand", "unrest", "tyre", "tire", "barricade", "party"})
# fmt: on
#: The state's premises a crowd turns on: "stormed the electricity directorate", "set fire
#: to a police station" is a violent demonstration, not a mob's violence against a person.
# fmt: off
STATE_PREMISES = frozenset({"directorate", "ministry", "municipality", "governorate",
                            "prefecture", "courthouse", "parliament", "administration", "utility",
                            "commissariat", "checkpoint", "barracks"})
# fmt: on
#: The state's forces a crowd fights ("fought running battles with police").
STATE_FORCES = frozenset({"police", "policeman", "officer", "soldier", "troop", "gendarme"})
#: Words of a gathering whose members are arrested or dispersed.
# fmt: off
GATHERINGS = frozenset({"crowd", "protest", "protester", "demonstrator", "demonstration",
                        "march", "rally", "sit", "gathering", "gather"})
# fmt: on
#: Words of people who vanished after a detention.
VANISHED = frozenset({"whereabouts", "disappear", "disappearance", "incommunicado", "trace"})
RAIDS = frozenset({"raid", "storm", "sweep", "search", "round"})
UNOPPOSED = frozenset({"fight", "fighting", "resistance", "clash", "shot"})
RECAPTURE = frozenset({"recapture", "retake", "regain", "liberate", "reclaim", "clear"})
# fmt: off
POISONS = frozenset({"chlorine", "sarin", "mustard", "chemical", "toxic", "poison", "choking",
                     "choke", "nerve", "poisonous", "suffocating", "suffocate", "asphyxiating",
                     "asphyxiate", "pungent", "noxious", "acrid", "chloropicrin", "cs"})
# fmt: on
#: Words that name the poison itself or what carries it.
POISON_CARRIERS = frozenset({"gas", "chlorine", "sarin", "agent", "chloropicrin"})
MINE_HITS = frozenset({"strike", "hit", "step", "detonate", "explode", "trigger", "run"})


@dataclass(frozen=True, slots=True)
class Facts:
    """What the typing rules read: the trigger's kind and lemma, its arguments' lemmas, the
    lemmas of its clause (with the kinds of the clause's other triggers), the doer's actor
    kind, the kinds of the targets and victims, and the deaths."""

    kind: EventKind
    trigger: str
    arguments: frozenset[str]
    words: frozenset[str]
    inter1: int | None
    targets: frozenset[int]
    fatalities: int


@dataclass(frozen=True, slots=True)
class Coding:
    """The ACLED and CAMEO codes of one event and the rule that chose them."""

    label: str
    event_type: str
    sub_event_type: str
    cameo: str
    reason: str


def code_event(facts: Facts) -> Coding:
    """Type one event: the first rule that applies, else the trigger kind's own codes."""
    rules = (
        _suicide,
        _chemical,
        _remote_means,
        _crowd,
        _disappeared,
        _protest,
        _violence,
        _territory,
        _deployment,
    )
    for rule in rules:
        coded = rule(facts)
        if coded is not None:
            return coded
    kind = facts.kind
    return Coding(
        kind.label, kind.event_type, kind.sub_event_type, kind.cameo, f"trigger kind '{kind.key}'"
    )


def _suicide(facts: Facts) -> Coding | None:
    """A bomb a person carries or drives to the target is a suicide bomb; so is one that
    kills its bomber ("detonated explosives ..., killing 12 people including herself")."""
    bomber_died = facts.kind.key == "explosion" and bool(facts.words & SELVES)
    if bomber_died or (
        facts.kind.key in ("explosion", "attack_civilians") and "suicide" in facts.words
    ):
        return Coding("suicide bombing", EXPLOSIONS, "Suicide bomb", "18", "a suicide attack")
    return None


def _chemical(facts: Facts) -> Coding | None:
    """ "dropped barrels releasing chlorine gas", "canisters releasing a choking gas": a
    remote attack that spreads a poison is a chemical weapon attack (tear gas is not)."""
    if facts.kind.event_type != EXPLOSIONS or facts.words & TEAR_GAS:
        return None
    if not facts.words & POISONS or not facts.words & POISON_CARRIERS:
        return None
    return Coding("chemical attack", EXPLOSIONS, "Chemical weapon", "20", "a poison as weapon")


def _remote_means(facts: Facts) -> Coding | None:
    """ "attacked the base with mortars" is shelling; sides that "fought with machine
    guns and mortars" still fought: a clash."""
    if facts.kind.key not in VIOLENT - FIGHTS:
        return None
    if facts.arguments >= TANK_FIRE:  # "killed by tank fire": ACLED's shelling
        return Coding("shelling", EXPLOSIONS, "Shelling/artillery/missile attack", "19",
                      "violence by remote means ('tank fire')")  # fmt: skip
    for word in sorted(facts.arguments & MEANS.keys()):
        label, sub = MEANS[word]
        if (
            word == "mine"
            and "land" not in facts.arguments
            and not MINE_HITS & (facts.words | facts.arguments)
        ):
            continue  # a gold mine attacked; but "a truck struck a mine", "stepped on a mine"
        if word in ("grenade", "rocket") and facts.arguments & SHOULDER_FIRED:
            continue  # "fired rocket-propelled grenades", "carrying rocket launchers"
        return Coding(
            label.replace("_", " "),
            EXPLOSIONS,
            sub,
            "19" if label != "explosion" else "18",
            f"violence by remote means ('{word}')",
        )
    blast = sorted(facts.arguments & BLASTS)
    if blast:  # "the blast killed four": an explosion, its device unnamed
        return Coding("bombing", EXPLOSIONS, "Remote explosive/landmine/IED", "18", f"a {blast[0]}")
    return None


def _crowd(facts: Facts) -> Coding | None:
    """Rioters attacking (or seizing someone), protesters turning violent, or unarmed
    people (residents, youths, villagers) turning on someone: crowds' violence is a riot.
    Against the state or over a grievance it is a violent demonstration, against a person
    a mob's violence."""
    seized = facts.kind.key in ("abduction", "abduction_seize")
    armed_doer = facts.inter1 in NON_STATE_ARMED
    if facts.kind.key in ("riot", "stone_throwing") and armed_doer and CIVILIANS in facts.targets:
        return Coding("attack on civilians", VAC, "Attack", "18", "armed men stoning people")
    if facts.kind.key not in VIOLENT | {"property"} and not (seized and facts.inter1 == RIOTERS):
        return None
    if facts.trigger == "lynch":
        return Coding("mob violence", RIOTS, "Mob violence", "14", "a lynching")
    if facts.inter1 in (RIOTERS, CIVILIANS):
        against_state = STATE in facts.targets or bool(facts.arguments & STATE_FORCES)
        if against_state or facts.words & GRIEVANCE or _state_premises(facts):
            return Coding(
                "riot",
                RIOTS,
                "Violent demonstration",
                "14",
                "a crowd's violence against the state or over a grievance",
            )
        return Coding("mob violence", RIOTS, "Mob violence", "14", "a mob's violence")
    if facts.inter1 in (RIOTERS, PROTESTERS) or (
        facts.kind.key == "property" and "riot" in facts.words
    ):
        return Coding("riot", RIOTS, "Violent demonstration", "14", "demonstrators' violence")
    return None


def _state_premises(facts: Facts) -> bool:
    """A directorate, a ministry, a police station or a town hall among the targets."""
    args = facts.arguments
    return bool(args & STATE_PREMISES) or {"police", "station"} <= args or {"town", "hall"} <= args


def _disappeared(facts: Facts) -> Coding | None:
    """People detained by an armed group, or detained and not seen since, are abducted:
    only state forces arrest, and a detention without trace is a forced disappearance."""
    if facts.kind.key != "arrests":
        return None
    vanished = (
        bool(facts.words & VANISHED)
        or {"unknown", "destination"} <= facts.words
        or ({"unknown", "location"} <= facts.words)
    )
    if facts.inter1 in (2, 3, 4) or vanished:
        return Coding(
            "abduction",
            VAC,
            "Abduction/forced disappearance",
            "18",
            "detained by an armed group or not seen since",
        )
    return None


#: What a crowd fired on was waiting for: "crowds waiting for food near an aid site".
AID_SOUGHT = frozenset({"aid", "food", "distribution", "flour"})
WAITING = frozenset({"wait", "queue", "collect", "seek", "gather", "walk", "head", "approach",
                     "rush"})  # fmt: skip


def _seeking_aid(words: frozenset[str]) -> bool:
    """People waiting or queuing for aid, with no word of a protest ("people marching to
    demand action on food prices" are protesters)."""
    return bool(words & AID_SOUGHT and words & WAITING) and not words & GRIEVANCE


def _protest(facts: Facts) -> Coding | None:
    """Protests: peaceful, dispersed, fired on, or turned into riots."""
    protest_here = (
        PROTESTERS in facts.targets
        or bool(facts.words & ({"protest", "riot"} | PROTESTER_NOUNS))
        or "blockade" in facts.words  # "police fired on a highway blockade"
    )
    in_crowd = bool(facts.arguments & (GATHERINGS | PROTESTER_NOUNS))  # "arrested 40 protesters"
    at_home = bool(facts.words & DWELLINGS)  # "an activist at his home, accused of calling
    # for the protest" is an arrest; so is "arrested four labour activists"
    dispersed = facts.kind.key == "arrests" and (
        in_crowd or (not at_home and bool(facts.words & GATHERINGS))
    )  # "arrested 8 activists as they staged a sit-in"
    armed_men = facts.inter1 not in (STATE, 8, None)
    if facts.kind.key in ("crackdown", "dispersal") and armed_men and not _at_protesters(facts):
        return Coding("attack on civilians", VAC, "Attack", "18", "armed men firing on a crowd")
    if facts.kind.key == "crackdown" and _seeking_aid(facts.words):
        return Coding("attack on civilians", VAC, "Attack", "18", "fire on people seeking aid")
    forced = (
        facts.kind.key in ("crackdown", "dispersal")
        or dispersed
        or (facts.kind.key in VIOLENT and protest_here and facts.inter1 in (STATE, None))
        or (facts.kind.key in VIOLENT and _at_protesters(facts) and bool(facts.fatalities))
    )
    if forced and facts.kind.key in ("crackdown", "dispersal") and "stone_throwing" in facts.words:
        # "threw stones at army jeeps, which fired tear gas to push them back": the crowd's
        # violence makes the gathering a riot, whatever met it
        return Coding("riot", RIOTS, "Violent demonstration", "14", "a crowd throwing stones")
    if forced:
        if facts.fatalities or "live" in facts.words:  # "fired live ammunition at"
            return Coding(
                "crackdown",
                PROTESTS,
                "Excessive force against protesters",
                "17",
                "force against protesters, with deaths",
            )
        return Coding(
            "crackdown",
            PROTESTS,
            "Protest with intervention",
            "17",
            "force against protesters, no deaths",
        )
    if facts.kind.key not in ("protest", "gathering"):
        return None
    if facts.words & VIOLENT_CROWD or "riot" in facts.words or {"set", "fire"} <= facts.words:
        return Coding("riot", RIOTS, "Violent demonstration", "14", "a protest turned violent")
    if facts.words & INTERVENTION:
        return Coding(
            "protest",
            PROTESTS,
            "Protest with intervention",
            "14",
            "a protest dispersed or detained",
        )
    return None


def _at_protesters(facts: Facts) -> bool:
    """Fire at people the text calls protesters ("opened fire on people protesting against
    power cuts"), whoever fires: force against a protest, not at a mere crowd."""
    return PROTESTERS in facts.targets and facts.inter1 not in (PROTESTERS, RIOTERS, CIVILIANS)


def _violence(facts: Facts) -> Coding | None:
    """Armed violence: a battle when both sides are armed, else violence against civilians.
    A raid in which people are detained and nobody dies is an arrest."""
    if facts.kind.key not in VIOLENT:
        return None
    if "arrests" in facts.words and facts.trigger in RAIDS and not facts.fatalities:
        return Coding("arrests", STRATEGIC, "Arrests", "17", "a raid to detain people")
    armed_target = bool(facts.targets & ARMED)
    if armed_target and facts.inter1 not in (CIVILIANS, PROTESTERS, RIOTERS):
        return Coding("armed clash", BATTLES, "Armed clash", "19", "armed actors on both sides")
    fight = facts.kind.key in FIGHTS
    if fight and (facts.trigger != "ambush" or not facts.targets & {CIVILIANS}):
        return Coding("armed clash", BATTLES, "Armed clash", "19", "a clash between armed sides")
    if fight:
        return Coding("attack on civilians", VAC, "Attack", "18", "an ambush on civilians")
    why = "violence against unarmed people" if facts.targets else "violence, no armed target"
    return Coding(facts.kind.label, VAC, "Attack", facts.kind.cameo, why)


def unopposed(words: frozenset[str]) -> bool:
    """The clause says no one fought: "without a fight", "without a shot", "unopposed", or
    that the other side had left ("moved into two posts after Afghan forces vacated them")."""
    return (
        ("without" in words and bool(words & UNOPPOSED))
        or "unopposed" in words
        or bool(words & VACATED)
    )


#: Words of a place left empty for whoever moves in.
VACATED = frozenset({"vacate", "vacated"})


def _territory(facts: Facts) -> Coding | None:
    """Territory taken by fighting: regained by the state (and its allies) or overtaken;
    taken, or a base moved into, without a fight: a non-violent transfer."""
    if facts.kind.key not in ("territory", "base", "entry"):
        return None
    if unopposed(facts.words):
        return Coding(
            "withdrawal",
            STRATEGIC,
            "Non-violent transfer of territory",
            "08",
            "territory changed hands without a fight",
        )
    if facts.kind.key == "base":
        return None
    state = facts.inter1 in (STATE, 8) or (facts.inter1 is None and facts.trigger in RECAPTURE)
    if state:
        return Coding(
            "territory regained",
            BATTLES,
            "Government regains territory",
            "19",
            "state forces took territory",
        )
    return Coding(
        "territory taken",
        BATTLES,
        "Non-state actor overtakes territory",
        "19",
        "a non-state group took territory",
    )


def _deployment(facts: Facts) -> Coding | None:
    """A military deployment that includes warships is a naval deployment; a boat seized
    with arms aboard is a weapons load intercepted ("a launch carrying 12 rifles")."""
    if facts.kind.key == "ship_seizure" and facts.arguments & WEAPONS_DISRUPTED:
        return Coding(
            "weapons intercepted",
            STRATEGIC,
            "Disrupted weapons use",
            "19",
            "a vessel seized with arms aboard",
        )
    if facts.kind.key != "deployment" or not facts.arguments & NAVAL:
        return None
    kind = facts.kind
    return Coding(
        "naval deployment",
        kind.event_type,
        kind.sub_event_type,
        kind.cameo,
        "a deployment of warships",
    )


#: Sub-event types whose unnamed perpetrator ACLED codes as an unidentified armed group.
# fmt: off
UNCLAIMED = frozenset({"Remote explosive/landmine/IED", "Suicide bomb", "Grenade", "Attack",
                       "Abduction/forced disappearance", "Sexual violence"})
# fmt: on
#: Sub-event types whose unnamed target is civilians: a mob's victims, looted property.
CIVILIAN_TARGETS = frozenset({"Mob violence", "Looting/property destruction"})
#: Places that make an explosion's target civilians ("shells hit homes").
# fmt: off
CIVILIAN_SITES = frozenset({"home", "house", "market", "bus", "minibus", "school", "hospital",
                            "clinic", "mosque", "church", "temple", "monastery", "wedding",
                            "funeral", "shop", "restaurant", "hotel", "residential",
                            "neighbourhood", "neighborhood", "displacement", "idp",
                            "refugee", "shelter", "farm", "field"})
# fmt: on


def cast_actors(
    coding: Coding,
    actor1: Actor | None,
    actor2: Actor | None,
    place: Place | None,
    words: frozenset[str],
) -> tuple[Actor | None, Actor | None]:
    """ACLED's roles and the codebook's defaults for the sides the text leaves unnamed:
    - protests: the demonstrators are actor1 (protesters) and the force that meets them
      actor2 (police when unnamed), except excessive force, where the force is actor1;
      a peaceful protest has no actor2; rioters are actor1 of a riot;
    - violence against civilians, mob violence and looting or destruction of property have
      civilians as actor2 when the text names no victim, and so do explosions that hit
      homes, markets, schools (`words`);
    - a bombing, grenade or attack whose perpetrator is not named is an unidentified armed
      group's; an arrest whose arresting force is not named ("was arrested") the police's;
    - state forces acting outside their country (or at sea) are external forces, except
      the parties to an agreement."""
    country = place.country if place is not None else None
    sub = coding.sub_event_type
    if coding.event_type in (PROTESTS, RIOTS):
        actor1, actor2 = _crowd_roles(sub, actor1, actor2, country)
    if actor2 is None and (
        coding.event_type == VAC
        or sub in CIVILIAN_TARGETS
        or (coding.event_type == EXPLOSIONS and words & CIVILIAN_SITES)
    ):
        actor2 = Actor("Civilians", country, CIVILIANS)
    if actor1 is None and sub in UNCLAIMED:
        actor1 = Actor("Unidentified Armed Group", country, 3)
    if actor1 is None and sub == "Arrests":
        actor1 = Actor("Police", country, STATE)
    if sub == "Agreement":  # governments sign where talks are held, not as foreign forces
        return actor1, actor2
    return _abroad(actor1, place), _abroad(actor2, place)


FORCE_ON_PROTESTS = frozenset({"Protest with intervention", "Excessive force against protesters"})


def _crowd_roles(
    sub: str, actor1: Actor | None, actor2: Actor | None, country: str | None
) -> tuple[Actor | None, Actor | None]:
    """Protesters or rioters, and the state forces (or, at a protest, the armed men) that
    met them, in ACLED's order."""
    forces = (STATE, 8) if sub not in FORCE_ON_PROTESTS else (STATE, 8, *NON_STATE_ARMED)
    if actor1 is not None and actor1.inter in forces:
        actor1, actor2 = actor2, actor1
    crowd = RIOTERS if sub in ("Violent demonstration", "Mob violence") else PROTESTERS
    name = "Protesters" if crowd == PROTESTERS else "Rioters"
    if actor1 is None or actor1.inter in (None, CIVILIANS, PROTESTERS, RIOTERS):
        actor1 = replace(actor1, inter=crowd) if actor1 is not None else Actor(name, country, crowd)
    if sub == "Peaceful protest":
        return actor1, None
    if sub in FORCE_ON_PROTESTS and (actor2 is None or actor2.inter not in forces):
        actor2 = Actor("Police Forces", country, STATE)
    if sub == "Excessive force against protesters":
        return actor2, actor1
    return actor1, actor2


def _abroad(actor: Actor | None, place: Place | None) -> Actor | None:
    if actor is None or actor.inter != STATE or not actor.country or place is None:
        return actor
    return replace(actor, inter=8) if place.country != actor.country else actor
