"""Trigger matching: which tokens of a sentence start an event, of which kind, with which
arguments, and how triggers of one clause are grouped into one event.

A verb matches by its lemma, its phrasal form ("crack_down", "shoot_down") or a verb +
preposition + object form ("put_behind_bar", "take_to_street"); a noun by its lemma, its
compound ("air_strike", "car_bomb") or hyphenated form ("build-up"). Nouns that only
anchor a date ("days after the first strike") or refer back to an event already told
("the deployment was a necessary measure") do not start events.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from geo.events.modality import ASSERTED, REPORTING, modality
from geo.events.taxonomy import (
    BEARINGS,
    CONSEQUENCES,
    GATHERED,
    KIND_BY_KEY,
    KINDS,
    PASSIVE_OUTCOMES,
    PERSON,
    PLACE,
    PRIORITY,
    PROJECTILES,
    SETTLEMENTS,
    TALKS,
    EventKind,
    trigger_lemmas,
)
from geo.nlp import english_words

#: Determiners of a kind of act, not of one act: "all detentions", "any attack".
GENERIC_DETS = frozenset({"all", "every", "any", "each"})
NOUN_POS = {"NOUN"}  # common nouns: "the March of Dimes" is not a march
VERB_POS = {"VERB"}
# fmt: off
TEMPORAL_PREPS = {"after", "before", "since", "following", "until", "till", "prior", "ahead",
                  "amid", "during"}
# fmt: on
PARTICLES = {"down", "up", "off", "out", "back", "away", "sexually", "ablaze", "alight"}
TIMES_OF_DAY = frozenset({"mid", "morning", "afternoon", "evening", "noon", "midday", "night",
                          "nightfall", "dusk", "sunset", "midnight"})  # fmt: skip
#: Irregular past forms of trigger verbs, for a verb the parser took for an auxiliary.
# fmt: off
IRREGULAR_PAST = {"struck": "strike", "shot": "shoot", "fought": "fight", "overran": "overrun",
                  "took": "take", "retook": "retake", "threw": "throw", "blew": "blow",
                  "stole": "steal"}
# fmt: on
#: Verbs whose object is an act reacted to: "leaders condemned the killing of two labourers".
# fmt: off
REACTIONS = frozenset({"condemn", "denounce", "deplore", "decry", "mourn", "commemorate",
                       "investigate", "criticise", "criticize", "welcome", "blame", "regret",
                       "remember", "mark"})
# fmt: on
#: Verbs of detaining or punishing whose "for" names the reason ("jailed for protesting").
# fmt: off
PUNISHED = frozenset({"hold", "detain", "arrest", "jail", "imprison", "sentence", "charge",
                      "punish", "fine", "convict", "prosecute", "try", "sack", "expel"})
# fmt: on
#: Verbs that lay an act at someone's door, whose "for"/"of" names the act blamed.
BLAMING = frozenset({"blame", "accuse", "fault", "credit"})
#: Modifiers of a noun that names acts repeated over time, not one incident.
# fmt: off
REPEATED = frozenset({"repeated", "frequent", "regular", "recurrent", "persistent", "constant",
                      "relentless", "daily", "nightly", "weekly", "continued", "continuing"})
# fmt: on
#: What a military "strike" does: "an Israeli strike killed five", "strikes hit the port".
# fmt: off
STRIKE_EFFECTS = frozenset({"kill", "wound", "injure", "hit", "destroy", "damage", "flatten",
                            "level"})
# fmt: on
#: Verbs a weapon is fired with, whose "from" names where it was fired from.
LAUNCHES = {"fire", "launch", "drop"}
#: Participles by which a seized vehicle names its load ("a motorcycle carrying ammunition").
CARRYING = {"carry", "contain", "transport", "hold", "load", "pack", "laden", "rig"}
# fmt: off
NAMED = {"DATE", "TIME", "PERSON", "GPE", "LOC", "NORP", "ORDINAL", "CARDINAL", "MONEY",
         "PERCENT", "QUANTITY", "WORK_OF_ART", "LAW", "LANGUAGE", "PRODUCT"}
# fmt: on
DURATIONS = {"year", "month", "week", "day", "hour", "decade", "night"}
ANAPHORIC_DETS = {"the", "this", "that", "these", "those"}
#: Inquiries into an incident: what they are about was told (or happened) before.
# fmt: off
INQUIRIES = frozenset({"investigation", "probe", "inquiry", "inquest", "trial", "autopsy",
                       "conviction", "verdict", "prosecution", "indictment", "acquittal"})
# fmt: on
#: Nouns of a way of acting: "a strategy of attacking" names no act.
ABSTRACTS = frozenset({"strategy", "policy", "tactic", "practice", "pattern", "doctrine"})
#: What a text about talks is: "a draft text on prisoner releases".
TOPICS = frozenset({"text", "draft", "framework", "discussion", "round", "plan", "law", "bill"})
#: Nouns whose "to" names what stops: "a halt to attacks" is no attack.
HALTS = frozenset({"halt", "end", "stop", "pause", "cessation", "suspension", "moratorium"})
#: Verbs of violence going on ("as clashes raged").
# fmt: off
GOING_ON = frozenset({"flare", "rage", "continue", "escalate", "intensify", "spread", "grow",
                      "mount", "persist", "drag"})
# fmt: on
#: Verbs whose "to" names a habit taken up: "went back to raiding".
HABITS = frozenset({"go", "back", "return", "resort", "turn", "revert"})
#: Objections whose "against"/"over" names an incident told elsewhere.
# fmt: off
OBJECTIONS = frozenset({"protest", "condemn", "condemnation", "outrage", "anger", "complain",
                        "complaint", "summon", "apologise", "apologize", "apology"})
# fmt: on
#: Nouns that name an incident ("during the raid", "after the clash").
INCIDENT_NOUNS = frozenset(
    {
        "raid",
        "clash",
        "attack",
        "operation",
        "fighting",
        "battle",
        "assault",
        "offensive",
        "ambush",
        "strike",
        "incursion",
    }
)  # fmt: skip
#: Doers that, definite, name the perpetrators of an incident told ("the attackers").
# fmt: off
PERPETRATORS = frozenset({"attacker", "gunman", "gunmen", "assailant", "raider", "militant",
                          "fighter", "bandit", "insurgent", "perpetrator", "rebel", "jihadist"})
# fmt: on
PARTITIVES = frozenset({"one", "some", "many", "several", "most", "any", "each", "none"})
#: Collective nouns a subject is counted in: "a company of soldiers", "dozens of troops".
# fmt: off
COLLECTIVES = frozenset({"company", "contingent", "detachment", "column", "convoy", "platoon",
                         "squad", "team", "group", "hundred", "hundreds", "dozen", "dozens",
                         "thousand", "thousands", "wave", "batch", "number"})
# fmt: on
# fmt: off
ARG_DEPS = {"dobj", "nsubjpass", "pobj", "attr", "oprd", "compound", "nmod", "amod", "poss",
            "dative", "npadvmod", "appos", "obj"}
# fmt: on
CLAUSE_CHAIN = {"advcl", "conj", "xcomp", "pcomp", "ccomp"}
GERUND_DEPS = {"nsubj", "nsubjpass", "csubj", "dobj", "pobj"}  # "Fighting ... killed 15"
SUBJECTS = {"nsubj", "nsubjpass", "csubj", "expl"}
_LEMMAS = trigger_lemmas()
_PARTS = frozenset(part for key in _LEMMAS for part in re.split(r"[_-]", key))
_PLACES_KEY = "conflictmap.events.places"


@dataclass(frozen=True, slots=True)
class Trigger:
    """A token that starts an event of `kind`; `start`/`end` are article character offsets."""

    token: Token
    kind: EventKind
    text: str
    start: int
    end: int
    nominal: bool
    modality: str
    arguments: frozenset[str]


def doc_text(doc: Doc) -> str:
    """The document's text, built once (spaCy rebuilds `Doc.text` on every access)."""
    text = doc.user_data.get("conflictmap.text")
    if text is None:
        text = doc.user_data["conflictmap.text"] = doc.text
    return text


def same_paragraph(earlier: Span, later: Span) -> bool:
    """No blank line between two sentences (spaCy may keep it in the earlier one's
    trailing space)."""
    text = doc_text(earlier.doc)
    return "\n\n" not in text[earlier.start_char + len(earlier.text.rstrip()) : later.start_char]


def definite(noun: Token) -> bool:
    """ "the house", "the commander": a noun the text has told of before."""
    return any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children)


def lemma(token: Token) -> str:
    """Lower-cased lemma (spaCy keeps proper-noun casing); a capitalised common noun that
    the model took for a name outside any entity ("— Drones launched by the RSF struck")
    has the common noun's lemma."""
    if token.pos_ == "PROPN" and token.is_title and not token.ent_type_:
        return _common_noun(token.lower_) or token.lemma_.lower()
    return token.lemma_.lower()


def _common_noun(word: str) -> str | None:
    """The English word `word` is, or the singular it is the plural of."""
    known = english_words()
    guesses = (word, word.removesuffix("es"), word.removesuffix("s"))
    return next((w for w in guesses if w in known), None)


def verb_keys(token: Token) -> list[str]:
    """Phrasal and prepositional forms first, then the bare lemma."""
    base = lemma(token)
    keys = []
    objectless = not any(c.dep_ == "dobj" for c in token.children)  # not "fired missiles"
    for child in token.children:
        out_of = child.dep_ == "prep" and child.lower_ == "out"  # "drove X out of Y"
        if child.dep_ == "prt" or (child.dep_ == "advmod" and child.lower_ in PARTICLES) or out_of:
            keys.append(f"{base}_{child.lower_}")
        if child.dep_ == "dobj" and child.lower_ in ("fire", "shots", "gunfire"):
            keys.append(f"{base}_fire")
        elif child.dep_ == "dobj":
            keys.append(f"{base}_{lemma(child)}")  # "issue_statement"
            # "set a coach on fire": the model hangs the phrase on the object
            keys += [k for p in child.children if p.dep_ == "prep" for k in _prep_keys(base, p)]
        if child.dep_ == "prep":
            keys += _prep_keys(base, child)
            if objectless:  # "set upon", "broke into", "broke with"; not "moved troops into"
                keys.append(f"{base}_{child.lower_}")
            aimed = any(o.ent_type_ not in ("DATE", "TIME") for o in child.children)
            if (
                base == "fire"
                and child.lower_ in ("on", "at", "upon")
                and aimed
                and _with_guns(token)
            ):
                keys.append("open_fire")  # "fired on the boats", "fired small arms at a car"
    return keys + [base, *_surface_lemmas(token)]


def _prep_keys(base: str, prep: Token) -> list[str]:
    """Keys of a verb with a prepositional phrase: "set_on_fire", "take_into_custody"."""
    return [f"{base}_{prep.lower_}_{lemma(obj)}" for obj in prep.children if obj.dep_ == "pobj"]


#: What is fired from guns: "fired small arms at a car", "fired shots at".
GUNFIRE = frozenset({"arm", "shot", "round", "bullet", "weapon", "gun", "rifle"})


def _with_guns(fire: Token) -> bool:
    """The verb "fire" has no object, or only guns and their rounds."""
    return all(lemma(c) in GUNFIRE for c in fire.children if c.dep_ == "dobj")


def misread_as_noun_phrase(verb: Token) -> bool:
    """ "ADF rebels hacked ...", "A crowd set upon two officers": a sentence the parser
    read as a noun phrase, its verb hung on the root noun with an object or a phrasal
    reading (a reduced passive, "soldiers killed in the attack", has neither)."""
    return (
        verb.dep_ == "acl"
        and verb.head.dep_ == "ROOT"
        and (
            any(c.dep_ == "dobj" for c in verb.children)
            or any("_" in key and key in _LEMMAS for key in verb_keys(verb))
        )
    )


def _surface_lemmas(token: Token) -> list[str]:
    """Lemma guesses from the surface form, for lemmatiser slips ("raped" -> "rap")."""
    low = token.lower_
    if shot_dead_misread(token):
        return ["shoot_dead"]
    if low in IRREGULAR_PAST:
        return [IRREGULAR_PAST[low]]
    if low.endswith("ed"):
        return [low[:-1], low[:-2]]
    if low.endswith("ing"):
        return [low[:-3], low[:-3] + "e"]
    return []


def noun_keys(token: Token) -> list[str]:
    """Compound and hyphenated forms first, then the bare lemma."""
    base = lemma(token)
    keys = []
    for child in token.children:
        if child.dep_ in ("compound", "amod") and child.i < token.i:
            joiner = "-" if token.doc[child.i + 1].text == "-" else "_"
            keys.append(f"{lemma(child)}{joiner}{base}")
            keys.append(f"{lemma(child)}_{base}")
    return keys + [base, token.lower_, *_singulars(token)]


def _singulars(token: Token) -> list[str]:
    """Singular guesses of a plural noun, for lemmatiser slips ("Marches" -> "marche")."""
    low = token.lower_
    return [low.removesuffix("es"), low.removesuffix("s")] if token.tag_ == "NNS" else []


#: What people fired on or dispersed were doing: "farmers marching", "people protesting".
PROTESTING = frozenset({"march", "protest", "rally"})
#: Purposes whose object the act is aimed at: "fired tear gas to stop a march".
PREVENTING = frozenset({"stop", "prevent", "block", "halt", "disperse", "break"})


def _loads(carrying: Token) -> list[Token]:
    """What a vehicle carries: "carrying rifles", "loaded with rifles", "rounds of
    ammunition", "components for missiles"."""
    loads = [c for c in carrying.children if c.dep_ == "dobj"]
    loads += [o for p in carrying.children if p.lower_ == "with" for o in p.children]
    inner = [
        o for load in loads for p in load.children if p.lower_ in ("of", "for") for o in p.children
    ]
    return loads + inner


def argument_tokens(token: Token) -> list[Token]:
    """The trigger's arguments: objects, prepositional objects, modifiers, conjuncts."""
    found: list[Token] = []
    if token.dep_ in ("relcl", "acl") or _throw_read_as_adjective(token):
        found.append(token.head)
    if not any(c.dep_ == "dobj" for c in token.children):  # "shot down or jammed 96 drones"
        found += [
            o for c in token.children if c.dep_ == "conj" for o in c.children if o.dep_ == "dobj"
        ]
    for child in token.children:
        if child.dep_ in ARG_DEPS:
            found.append(child)
        elif child.dep_ == "advcl" and lemma(child) in CARRYING:
            found += _loads(child)  # "intercepted a dhow carrying parts for missiles"
        elif child.dep_ in ("xcomp", "advcl") and lemma(child) in PREVENTING:
            found += [o for o in child.children if o.dep_ in ("dobj", "ccomp")]  # "to stop a march"
            found += [  # "to stop women from marching"
                c
                for p in child.children
                if p.dep_ == "prep"
                for c in p.children
                if c.dep_ in ("pcomp", "pobj") and lemma(c) in PROTESTING
            ]
        elif child.dep_ == "advmod" and child.lower_ in PARTICLES:  # "moved back into X"
            found += [o for p in child.children if p.dep_ == "prep" for o in p.children]
        elif child.dep_ == "advmod" and child.lower_ in BEARINGS:  # "took three villages west
            found += [o for o in child.children if o.dep_ == "npadvmod"]  # of X", misparsed
        elif child.dep_ in ("prep", "agent", "prt"):  # "burned down the house", misparsed
            found += [obj for obj in child.children if obj.dep_ == "pobj"]
            found += [c for c in child.children if c.dep_ == "pcomp" and lemma(c) in PROTESTING]
            if child.lower_ == "out":  # "out of the village"
                found += [
                    o
                    for p in child.children
                    if p.lower_ == "of"
                    for o in p.children
                    if o.dep_ == "pobj"
                ]
    extra: list[Token] = []
    for arg in found:
        for child in arg.children:
            if child.dep_ in ("conj", "compound", "amod", "nmod"):
                extra.append(child)
                if child.dep_ == "compound":  # "tear gas canisters"
                    extra += [c for c in child.children if c.dep_ in ("amod", "compound")]
            elif child.dep_ == "acl" and lemma(child) in CARRYING:  # "a truck carrying rifles"
                extra += _loads(child)
            elif child.dep_ == "prep" and child.lower_ == "of":
                for obj in child.children:
                    extra.append(obj)
                    extra += [c for c in obj.children if c.dep_ in ("amod", "compound")]
            elif child.dep_ in ("acl", "relcl") and lemma(child) in PROTESTING:
                extra.append(child)  # "to disperse farmers marching towards Delhi"
            elif child.dep_ == "prep" and child.lower_ == "at" and arg.dep_ == "dobj":
                extra += [o for o in child.children if o.dep_ == "pobj"]  # "spray at protesters"
    return found + extra


def _kind_for(
    keys: Iterable[str],
    pos_verb: bool,
    args: frozenset[str],
    agents: frozenset[str],
    skip: str = "",
) -> EventKind | None:
    """The first kind matching the most specific key ("shoot_down" before "shoot"), other
    than `skip`."""
    for key in keys:
        for kind in KINDS:
            vocab = kind.verbs if pos_verb else kind.nouns
            if kind.key == skip or key not in vocab:
                continue
            if kind.objects is not None and not args & kind.objects:
                continue
            if kind.excludes & (args | agents):
                continue
            if kind.agents is None or agents & kind.agents:
                return kind
    return None


def _taken_in_a_place(verb: Token) -> bool:
    """What was captured is no place, though a place is named ("captured two armoured
    vehicles in Buulobarde", "seized a young man near the square"): no territory taken.
    Not so when the object was driven "out of" the place, or is "the corregimiento of X"."""
    if any(c.lower_ == "out" for c in verb.children):
        return False
    held = [c for c in verb.children if c.dep_ == "dobj"]
    inner = [c for h in held for c in h.children if c.dep_ in ("compound", "conj")]
    inner += [o for h in held for p in h.children if p.lower_ == "of" for o in p.children]
    return bool(held) and not word_set(held + inner) & SETTLEMENTS


def _left_for_elsewhere(verb: Token) -> bool:
    """Fighters who "withdrew towards the park" or "handed down" a verdict gave up no
    place: a place is handed over as the object, or left "from" or "out of"."""
    if any(c.dep_ == "prt" and c.lower_ in ("down", "out") for c in verb.children):
        return lemma(verb) == "hand"
    held = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    held += [o for p in verb.children if p.lower_ in ("from", "of", "out") for o in p.subtree]
    return not word_set(held) & SETTLEMENTS


def mark_places(doc: Doc, token_indices: set[int]) -> None:
    """Record which tokens are resolved toponyms (read by `word_set`)."""
    doc.user_data[_PLACES_KEY] = frozenset(token_indices)


def word_set(tokens: Iterable[Token]) -> frozenset[str]:
    """Lemmas of the tokens, plus <place> for named places and <person> for people."""
    words = set()
    for tok in tokens:
        words.add(lemma(tok))
        if tok.i in tok.doc.user_data.get(_PLACES_KEY, ()) or tok.ent_type_ in (
            "GPE",
            "LOC",
            "FAC",
        ):
            words.add(PLACE)
        elif tok.ent_type_ == "PERSON":
            words.add(PERSON)
    return frozenset(words)


#: Verbs of running into a device: "a truck struck a mine", "a patrol hit an IED".
RAN_INTO = frozenset({"strike", "hit"})


def subject_tokens(token: Token) -> list[Token]:
    """The trigger's subject with its modifiers ("Israeli warplanes", "President Assad"); a
    noun object's or an infinitive's is its verb's ("aircraft carried out strikes"), and a
    participle's after a clause is that clause's doer ("..., killing nine"); a weapon's
    launcher counts as its subject ("a missile fired from a drone hit")."""
    nominal = token.dep_ == "dobj" and token.pos_ in NOUN_POS
    head = token.head if nominal or token.dep_ == "xcomp" else token  # "units began deploying"
    subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
    if token.dep_ == "acl" and (token.tag_ == "VBG" or misread_as_noun_phrase(token)):
        subjects.append(token.head)  # "drones dropping explosives", "A crowd set upon two"
    if not subjects and token.dep_ == "conj" and token.pos_ == "VERB":
        return subject_tokens(token.head)  # "rounds fired from the hills struck houses"
    if not subjects and token.dep_ == "advcl" and token.tag_ == "VBG":
        # "drones struck the market, killing nine"; "was hit by a drone, killing the driver";
        # "a truck struck a mine, killing the driver": what it hit is the means
        head = token.head
        if head.lemma_.lower() in REPORTING:  # "shells landed, the report said, destroying"
            told = head.head if head.dep_ == "parataxis" else head
            head = next((c for c in head.children if c.dep_ == "ccomp"), told)
        doers = [o for a in head.children if a.dep_ == "agent" for o in a.children]
        if lemma(head) in RAN_INTO:
            doers += [head, *(o for o in head.children if o.dep_ == "dobj")]
        return subject_tokens(head) + [t for d in doers for t in d.subtree if t.dep_ != "prep"]
    keep = ("compound", "amod", "nsubj", "nsubjpass", "flat")
    subjects += [c for s in subjects for c in s.children if c.dep_ == "appos"]  # "Macomia, a
    # column of reinforcements, arrived": the parser's subject and what it stands beside
    members = [m for s in subjects for m in _members(s)]
    sources = [source for s in subjects if (source := launcher(s)) is not None]
    # "dropped explosives from a drone": the drone delivered them
    sources += [o for p in head.children if p.lower_ == "from" for o in p.children]
    return [t for s in subjects for t in s.subtree if t.dep_ in keep] + [
        t for s in sources + members for t in (s, *s.children) if t.dep_ in (*keep, "pobj")
    ]


def _members(group: Token) -> list[Token]:
    """ "a company of the Rapid Intervention Battalion", "dozens of soldiers": who a
    collective subject is made of."""
    if lemma(group) not in COLLECTIVES:
        return []
    return [o for p in group.children if p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]


def _passive_agents(verb: Token) -> list[Token]:
    """ "positions were hit by Russian drones": the passive's agent is who acted."""
    return [t for a in verb.children if a.dep_ == "agent" for o in a.children for t in o.subtree]


def launcher(weapon: Token) -> Token | None:
    """Where a weapon was fired from: "a missile fired from an Israeli drone" -> drone,
    "missiles launched from Houthi-held territory" -> territory (also when the parser
    made "fired" the weapon's verb)."""
    verbs = [v for v in weapon.children if v.dep_ == "acl"]
    if weapon.dep_ == "nsubj" and lemma(weapon) in PROJECTILES:
        verbs.append(weapon.head)
    for verb in verbs:
        if lemma(verb) in LAUNCHES:
            for prep in verb.children:
                if prep.dep_ == "prep" and prep.lower_ == "from":
                    return next((o for o in prep.children if o.dep_ == "pobj"), None)
    return None


#: What mourners carry or name of the dead: "photographs of the two children killed".
REMEMBRANCE = frozenset({"photograph", "photo", "picture", "portrait", "image", "poster",
                         "name", "coffin", "grave", "memory", "memorial"})  # fmt: skip
#: The dead handed over in a deal: "to exchange the bodies of fighters killed at the front".
HANDED_DEAD = frozenset({"body", "remains", "corpse"})
HANDING = frozenset({"exchange", "swap", "return", "hand", "repatriate", "bury"})


def victims_remembered(token: Token) -> bool:
    """ "carrying photographs of the two children killed in al-Jahmaliya", "to exchange the
    bodies of fighters killed": the dead of an incident told before, remembered or handed
    over, not a new killing."""
    if token.dep_ != "acl":
        return False
    victims = token.head
    if victims.dep_ == "dobj" and lemma(victims.head) in MOURNING:
        return True  # "a general strike to mourn the man killed in Tammun"
    of = victims.head if victims.dep_ == "pobj" else None
    if of is None or of.lower_ != "of":
        return False
    handed = lemma(of.head) in HANDED_DEAD and lemma(of.head.head) in HANDING
    return lemma(of.head) in REMEMBRANCE or handed


#: Verbs of honouring the dead: "to mourn the man killed in Tammun".
MOURNING = frozenset({"mourn", "bury", "honour", "honor", "remember", "commemorate"})


def _warning_shots(verb: Token) -> bool:
    """ "shot over their heads", "fired into the air": warning shots, not fire at anyone."""
    return lemma(verb) in ("shoot", "fire") and any(
        (p.lower_ == "over" and any(lemma(o) == "head" for o in p.children))
        or (p.lower_ == "into" and any(lemma(o) == "air" for o in p.children))
        for p in verb.children
        if p.dep_ == "prep"
    )


#: Verbs that move forces or arms without using them.
MOVED = frozenset({"move", "deploy", "send", "dispatch", "bring", "position", "station",
                   "transfer", "ship", "deliver", "supply"})  # fmt: skip


def _moved_into_place(token: Token) -> bool:
    """ "moved additional troops and artillery into the Chaman sector": arms moved or
    supplied are a deployment, not an attack."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token.dep_ in ("dobj", "nsubjpass") and lemma(token.head) in MOVED


def _is_reference(token: Token) -> bool:
    """A nominal trigger that anchors a date, refers back to an earlier report, or names
    a kind of act rather than one act ("such killings", "a strategy of attacking")."""
    if token.dep_ == "compound" or (token.dep_ == "npadvmod" and token.head.dep_ == "amod"):
        return True  # "mortar rounds", "bomb-making materials"
    prep = _governing_prep(token)
    if prep is not None and _points_elsewhere(prep):
        return True
    if token.dep_ == "dobj" and token.head.dep_ == "pcomp" and _points_elsewhere(token.head.head):
        return True  # "drones capable of dropping mortar rounds"
    if any(c.lower_ == "such" or c.lower_ in REPEATED for c in token.children):
        return True  # "such killings", "repeated strikes on energy facilities"
    if _moved_into_place(token):
        return True  # "moved additional troops and artillery into the sector"
    if token.dep_ == "dobj" and _recorded_on_film(token.head):
        return True  # "a video showing a strike on a dome-shaped structure": a record of it
    if token.dep_ == "dobj" and lemma(token.head) in ("tell", "address"):
        return True  # "a deputy told a rally": the audience, not an act
    if token.dep_ == "dobj" and lemma(token.head) in ("flee", "escape"):
        return True  # "residents who had fled fighting": the cause of flight, told elsewhere
    if token.dep_ == "dobj" and lemma(token.head) in REACTIONS:
        return True  # "condemned Sunday's killings": a reaction to an act told
    if prep is not None and prep.lower_ == "of" and lemma(prep.head) in BEREAVED:
        return True  # "gathered to bury the victims of an attack": mourners, not the act
    if prep is not None and prep.lower_ in ("by", "over", "at") and _angered(prep.head):
        return True  # "young people angered by the killing of farmers": a protest's cause
    if token.dep_ == "attr" and any(
        c.dep_ == "amod" and c.ent_type_ == "ORDINAL" for c in token.children
    ):
        return True  # "it was the fourth seizure at the post": a count of acts told
    dets = {c.lower_ for c in token.children if c.dep_ == "det"}
    specified = any(
        c.dep_ in ("poss", "compound", "nmod", "prep", "nummod", "relcl", "acl")
        for c in token.children
    )
    return bool(dets & ANAPHORIC_DETS) and not specified


def _angered(word: Token) -> bool:
    """A word of anger, grief or protest at something ("angered by", "angry over", "in
    protest at")."""
    return word.lower_ in ANGER or lemma(word) in ANGER


#: Words of anger, grief or protest whose object is a crowd's cause, not an act it did.
ANGER = frozenset({"anger", "angered", "angry", "outrage", "outraged", "incensed", "furious",
                   "upset", "grief", "fury", "enraged", "protest"})  # fmt: skip


#: People named after an act that hit them: "the victims of an attack".
BEREAVED = frozenset({"victim", "survivor", "relative", "family", "funeral", "burial"})


def _recorded_on_film(verb: Token) -> bool:
    """ "a video showing", "footage documenting": a recording of the act; people who
    "documented the rape of five women" report it."""
    if lemma(verb) in ("show", "depict", "film"):
        return True
    return (
        lemma(verb) == "document"
        and any(lemma(c) in RECORDINGS for c in verb.children if c.dep_ == "nsubj")
        or (verb.dep_ == "acl" and lemma(verb.head) in RECORDINGS)
    )


def _on_film(verb: Token) -> bool:
    """ "Footage aired by a channel showed the men handing over rifles", "a video showing
    soldiers beating a man": what a recording shows, a record of an act told elsewhere."""
    shows = verb.head
    if verb.dep_ not in ("ccomp", "acl", "xcomp") or lemma(shows) not in ("show", "depict"):
        return False
    recorder = [c for c in shows.children if c.dep_ == "nsubj"]
    if shows.dep_ == "acl":
        recorder.append(shows.head)
    return any(lemma(r) in RECORDINGS for r in recorder)


#: What records an act on film or tape.
RECORDINGS = frozenset(
    {"video", "footage", "image", "photo", "photograph", "picture", "clip", "recording", "film"}
)


def _counted_among(token: Token) -> bool:
    """ "It was the second school attacked this year": an act counted among others of its
    kind, which retells the one told."""
    head = token.head
    return (
        token.dep_ == "acl"
        and head.dep_ == "attr"
        and any(c.dep_ == "amod" and c.ent_type_ == "ORDINAL" for c in head.children)
    )


#: Nouns that string acts together: "a string of attacks", "a wave of arrests".
SERIES = frozenset({"string", "series", "spate", "wave", "spree", "succession"})
#: What places one act in a run: "the latest in a string of attacks".
RANKS = frozenset({"latest", "last", "first", "one", "another", "part"})


def _in_series(noun: Token) -> bool:
    """ "condemned a string of attacks", "a wave of arrests": many acts told as one run,
    not one incident; "the latest in a string of attacks" places the act told in it."""
    if not (noun.tag_ == "NNS" and noun.dep_ == "pobj" and noun.head.lower_ == "of"):
        return False
    series = noun.head.head
    ranked = series.dep_ == "pobj" and series.head.head.lemma_.lower() in RANKS
    return series.lemma_.lower() in SERIES and not ranked


def _intercepted(weapon: Token) -> bool:
    """ "destroyed 46 of the 63 drones and one of the three missiles fired at the
    country": a weapon that was intercepted is what the interception acted on, not an
    attack of its own (nor is its launch: the caller passes the head of "fired")."""
    current = weapon
    for _ in range(6):
        of = current.lower_ == "of" and current.dep_ == "prep"
        if current.dep_ == "conj" or of or (current.dep_ == "pobj" and current.head.lower_ == "of"):
            current = current.head
        else:
            break
    disrupted = KIND_BY_KEY["disrupted"]
    return (
        current.dep_ in ("dobj", "nsubjpass")
        and disrupted.objects is not None
        and lemma(weapon) in disrupted.objects
        and lemma(current.head) in disrupted.verbs
    )


def _manner_of_acting(token: Token) -> bool:
    """ "changing how they fight the state", "why gangs kidnap": a way of acting, in the
    present, not an act (but "described how soldiers opened fire" tells one)."""
    present = token.tag_ in ("VBP", "VBZ", "VB")
    return present and any(
        c.dep_ == "advmod" and c.lower_ in ("how", "why") for c in token.children
    )


def _inside_an_abstract(token: Token) -> bool:
    """An act inside what a strategy or policy is "of": "the strategy of attacking the
    causes of violence while arresting key figures"."""
    current = token
    for _ in range(6):
        head = current.head
        if head.i == current.i:
            return False
        if current.dep_ in ("pobj", "pcomp") and head.lower_ == "of":
            return lemma(head.head) in ABSTRACTS
        current = head
    return False


def _noun_infinitive(token: Token) -> bool:
    """ "the right to protest", "a decision to strike": what a noun is about, not an act."""
    return (
        token.dep_ == "acl"
        and token.head.pos_ == "NOUN"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
    )


def _as_it_goes_on(token: Token) -> bool:
    """ "..., as fighting between the rebels and the army flared again": the backdrop an
    incident is told against, not an incident."""
    clause = [token, *token.children, token.head]
    marked = any(
        c.dep_ == "mark" and c.lower_ == "as" for t in (token, token.head) for c in t.children
    )
    return marked and any(lemma(t) in GOING_ON for t in clause)


def _governing_prep(token: Token) -> Token | None:
    """The preposition whose object the trigger is, through partitives ("a day after one
    of the deadliest clashes" -> after)."""
    while token.dep_ == "conj" and token.head.i != token.i:  # "on a mechanism, releases"
        token = token.head
    if token.dep_ not in ("pobj", "pcomp"):
        return None
    prep = token.head
    while prep.lower_ == "of" and prep.head.lower_ in PARTITIVES and prep.head.dep_ == "pobj":
        prep = prep.head.head
    return prep


def _points_elsewhere(prep: Token) -> bool:
    """ "after the clashes", "ending months of fighting", "an investigation into the
    killing", "a strategy of attacking", "talks on a prisoner exchange", "in the wake of
    the raid"."""
    outer = lemma(prep.head)
    if prep.lower_ in TEMPORAL_PREPS:
        return True
    if prep.lower_ in ("into", "of", "over", "for") and outer in INQUIRIES | ABSTRACTS:
        return True
    if prep.lower_ == "of" and outer in ("coverage", "blog", "liveblog", "anniversary"):
        return True  # "Our live coverage of ...", "the anniversary of the 1990 rally"
    if prep.lower_ in ("on", "about") and outer in TALKS | TOPICS:
        return True  # "talks on prisoner exchanges": a topic, not an act
    if prep.lower_ == "of" and outer in DURATIONS:
        return True
    if prep.lower_ == "to" and outer in HABITS:
        return True  # "went back to raiding", "resorted to kidnapping": a habit
    if prep.lower_ == "to" and outer in HALTS:
        return True  # "a halt to attacks", "an end to the fighting"
    if prep.lower_ in ("against", "over", "of") and outer in OBJECTIONS:
        return True  # "to protest against a drone strike", "anger over the killing"
    if prep.lower_ == "with":
        return True  # "fought for hours with machine guns and mortars": the means
    if prep.lower_ == "of" and outer in ("capable", "able", "capability", "capacity"):
        return True  # "drones capable of dropping mortar rounds": what could be done
    if prep.lower_ == "for" and _punished(prep.head):
        return True  # "release people held for peaceful protest": the reason, not an act
    if prep.lower_ in ("for", "of") and outer in BLAMING:
        return True  # "blames the other for shooting first", "accused them of attacking"
    return prep.lower_ in ("of", "to", "up") and prep.head.lower_ in (
        "ahead", "prior", "wake", "run", "aftermath", "eve"
    )  # fmt: skip


def _punished(token: Token) -> bool:
    """`token` is, or hangs within five steps on, a verb of detaining or punishing
    ("sentenced ... to terms ranging from 10 years to life for murders")."""
    for _ in range(6):
        if lemma(token) in PUNISHED:
            return True
        if token.head.i == token.i:
            return False
        token = token.head
    return False


def _may_start(token: Token) -> bool:
    """False when no key of `token` can be a trigger lemma: every phrasal or compound key
    holds the token's lemma as one of its `_`/`-` parts; the other keys are its lower-case
    text and surface guesses. Spares building the keys for most words."""
    base = lemma(token)
    return (
        base in _PARTS
        or not base.isalpha()
        or token.lower_ in _LEMMAS
        or any(guess in _LEMMAS for guess in (*_surface_lemmas(token), *_singulars(token)))
    )


def _verb_here(token: Token) -> bool:
    """A verb, or a verb the parser misread."""
    return (
        (token.pos_ in VERB_POS and token.dep_ != "amod")
        or _misparsed_verb(token)
        or shot_dead_misread(token)
        or shot_read_as_noun(token)
        or _throw_read_as_adjective(token)
    )


def _throw_read_as_adjective(token: Token) -> bool:
    """ "... and hurled stones at police": a verb of throwing the model hangs on what was
    thrown as an adjective."""
    return (
        token.dep_ == "amod"
        and token.pos_ in VERB_POS
        and token.lemma_.lower() in THROWN
        and token.i > 0
        and token.nbor(-1).pos_ in ("CCONJ", "PUNCT", "NOUN", "PROPN")
    )


#: Verbs of throwing: "threw", "hurled", "pelted".
THROWN = frozenset({"throw", "hurl", "pelt", "lob"})


#: What gunmen ride, read by the model as a compound with "shot" ("a motorcycle shot").
RIDDEN = frozenset({"motorcycle", "motorbike", "bike", "car", "vehicle", "pickup", "truck"})


def shot_read_as_noun(token: Token) -> bool:
    """ "Two men on a motorcycle shot the driver": the model reads "motorcycle shot" as a
    noun; with a determiner or a number straight after it, or "and" and a past tense
    ("shot and killed"), it is the verb."""
    if not (
        token.lower_ == "shot"
        and token.pos_ == "NOUN"
        and 0 < token.i < len(token.doc) - 1
        and token.nbor(-1).lower_ in RIDDEN
    ):
        return False
    after = token.nbor(1)
    then = token.nbor(2) if token.i < len(token.doc) - 2 else None
    return after.tag_ in ("DT", "CD", "PRP$") or (  # "shot and killed a poll watcher"
        after.lower_ == "and" and then is not None and then.tag_ == "VBD"
    )


def shot_dead_misread(token: Token) -> bool:
    """ "Gunmen on a motorcycle shot dead a shop owner": the small model reads "motorcycle
    shot" as a noun and makes "dead" the verb, with the doer and the victim hung on it."""
    return (
        token.lower_ == "dead"
        and token.i > 0
        and token.nbor(-1).lower_ == "shot"
        and token.nbor(-1).pos_ == "NOUN"
        and any(c.dep_ == "dobj" for c in token.children)
    )


#: Words that are auxiliaries; any other word the model tags AUX is misread.
AUXILIARIES = frozenset({"be", "have", "do", "will", "shall", "can", "could", "may", "might",
                         "must", "should", "would", "ought", "need", "dare", "get", "'s", "'ve",
                         "'d", "'ll", "ca", "wo"})  # fmt: skip


def _misread_aux(token: Token) -> bool:
    """ "Ukrainian shelling wounded two civilians": a noun the model took for an auxiliary."""
    return token.pos_ == "AUX" and token.lemma_.lower() not in AUXILIARIES and token.is_alpha


#: Words after which "riot" names a force or its kit: "riot police", "riot gear".
RIOT_KIT = frozenset({"police", "policemen", "gear", "squad", "squads", "shield", "shields",
                      "unit", "units", "officers", "troops", "control"})  # fmt: skip


def _names_equipment(token: Token) -> bool:
    """ "riot police remain at the roundabout": the model may read "riot" as a verb, but
    before "police" or "gear" it names a force, not an act."""
    after = token.nbor(1).lower_ if token.i + 1 < len(token.doc) else ""
    return token.lower_ == "riot" and after in RIOT_KIT


def _misparsed_verb(token: Token) -> bool:
    """A past-tense verb the parser made an auxiliary of a following "suspected" or
    "alleged" ("aircraft struck suspected hideouts")."""
    return (
        token.dep_ == "aux"
        and token.tag_ == "VBD"
        and token.head.lower_ in ("suspected", "alleged")
        and lemma(token) not in ("be", "have", "do")
    )


def match_trigger(token: Token) -> Trigger | None:
    """The trigger started by `token`, or None."""
    if token.text in ACRONYM_TRIGGERS:
        verb = False  # "IED vs PMF pick-up": the model takes the acronym for a name or verb
    elif _verb_here(token):
        verb = True
    elif (
        (
            token.pos_ in NOUN_POS
            or (token.pos_ == "PROPN" and token.is_lower)
            or _misread_aux(token)
        )
        and token.ent_type_ not in NAMED
    ) or (token.pos_ == "PROPN" and _capitalised_to_open(token)):
        verb = False
    elif token.lower_ in VERSUS and token.dep_ == "prep":
        return _versus(token)
    else:
        return None
    if not _may_start(token):
        return None
    keys = verb_keys(token) if verb else noun_keys(token)
    if not any(key in _LEMMAS for key in keys):
        return None
    if _is_reference(token) and (not verb or token.dep_ in ("pcomp", "pobj")):
        return None
    if _names_equipment(token):
        return None
    if verb and (victims_remembered(token) or _habit_of_a_noun(token) or _on_film(token)):
        return None
    if _as_it_goes_on(token) or _noun_infinitive(token) or _inside_an_abstract(token):
        return None
    if not verb and token.dep_ == "amod":
        return None  # "a split scalp": an adjective the model took for a noun
    if not verb and any(c.dep_ == "det" and c.lower_ in GENERIC_DETS for c in token.children):
        return None  # "all detentions are reviewed", "any attack will be answered"
    if _manner_of_acting(token):
        return None
    if _counted_among(token) or _intercepted(token.head if token.dep_ == "acl" else token):
        return None
    if not verb and _in_series(token):
        return None
    args = word_set(argument_tokens(token))
    agents = word_set(subject_tokens(token) + _passive_agents(token))
    kind = _kind_for(keys, verb, args, agents)
    if kind is not None and kind.key == "territory" and _taken_in_a_place(token):
        kind = _kind_for(keys, verb, args, agents, skip="territory")
    if kind is not None and kind.key == "transfer" and _left_for_elsewhere(token):
        return None
    if kind is not None and kind.key == "attack_civilians" and verb and _warning_shots(token):
        return None
    if kind is None and not verb and _military_strike(token):
        kind = KIND_BY_KEY["air_strike"]
    if kind is None or _says_who(kind, token):
        return None
    if kind.key == "abduction_seize" and _captives_moved(token):
        return None
    if kind.key in ("crackdown", "dispersal") and _ended_by_itself(token):
        return None
    if kind.key == "explosion" and _gathering_went_off(token):
        return None  # "Marches went off peacefully in Paris"
    start, end = token.idx, token.idx + len(token.text)
    if shot_dead_misread(token):
        start = token.nbor(-1).idx  # "shot dead"
    for child in token.children:  # widen to particles and compounds: "crack down", "air strike"
        if child.dep_ in ("prt", "compound") and abs(child.i - token.i) <= 2:
            start, end = min(start, child.idx), max(end, child.idx + len(child.text))
    text = doc_text(token.doc)[start:end]
    mode = ASSERTED if _misparsed_verb(token) and token.head.dep_ == "ROOT" else modality(token)
    return Trigger(token, kind, text, start, end, not verb, mode, args)


def _habit_of_a_noun(verb: Token) -> bool:
    """ "a gang that kidnaps children for ransom": a relative clause in the simple present
    says what someone does, not what happened."""
    return (
        verb.dep_ == "relcl"
        and verb.tag_ in ("VBZ", "VBP")
        and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    )


def _capitalised_to_open(token: Token) -> bool:
    """ "20/05: Grenade lobbed at police picket": a common noun the model calls a name
    because it opens the sentence or a note."""
    opens = bool(token.is_sent_start) or (token.i > 0 and token.nbor(-1).text in (":", "—", "–"))
    alone = token.i + 1 == len(token.doc) or token.nbor(1).ent_iob_ != "I"  # not "Grenade Ltd"
    return opens and alone and token.is_title and token.dep_ in ("nsubj", "nsubjpass", "ROOT")


def _gathering(noun: Token) -> bool:
    """A gathering of people, the lemmatiser's slips aside ("Marches" -> "marche")."""
    return any(w in GATHERED for w in (lemma(noun), *_singulars(noun)))


def _captives_moved(verb: Token) -> bool:
    """ "marched the seven men into the bush": people already named, led on by those who
    hold them; "marched 23 people into the bush" takes them."""
    return lemma(verb) == "march" and any(c.dep_ == "dobj" and definite(c) for c in verb.children)


def _gathering_went_off(verb: Token) -> bool:
    """ "Marches went off peacefully": a gathering took place; not "a young woman
    detonated explosives", which has what went off as its object."""
    return not any(c.dep_ == "dobj" for c in verb.children) and any(
        c.dep_ == "nsubj" and _gathering(c) for c in verb.children
    )


def _ended_by_itself(verb: Token) -> bool:
    """ "The march dispersed by mid-afternoon": a gathering that broke up by itself, with
    nobody dispersing it (the parser may hang the verb on the gathering as a participle)."""
    if any(c.dep_ in ("dobj", "nsubjpass") for c in verb.children):
        return False
    doers = [o for c in verb.children if c.dep_ == "agent" for o in c.subtree if o is not c]
    if any(lemma(o) not in TIMES_OF_DAY and o.is_alpha for o in doers):
        return False  # "dispersed by police"
    gathering = [c for c in verb.children if c.dep_ == "nsubj"]
    if verb.dep_ == "acl":
        gathering.append(verb.head)
    return any(_gathering(g) for g in gathering)


def _says_who(kind: EventKind, token: Token) -> bool:
    """A clause on a noun that says who someone is, not what happened: "a man accused of
    ..." (a statement's verb), "protesters who blocked the highway were detained", "soldiers
    from a marine unit stationed in the city"."""
    if kind.verbal:
        return token.dep_ == "acl"
    if kind.key == "road_blockade":
        return token.dep_ in ("acl", "relcl")
    return kind.label in DEPLOYMENTS and _participle_of_a_noun(token)


def _participle_of_a_noun(verb: Token) -> bool:
    """ "a unit stationed in the city": a bare past participle on a noun (not "that they
    had deployed", a clause the parser hung on a noun)."""
    return (
        verb.dep_ == "acl"
        and verb.tag_ == "VBN"
        and not any(c.dep_ in ("aux", "nsubj", "mark") for c in verb.children)
    )


#: The labels of moves of forces.
DEPLOYMENTS = frozenset({"military deployment", "naval deployment"})
#: Acronyms of weapons that trigger an event ("IED strike on a convoy").
ACRONYM_TRIGGERS = frozenset({"IED", "IEDs", "VBIED", "VBIEDs"})
#: "army patrol vs MPCP column": a field note's clash.
VERSUS = frozenset({"vs", "vs.", "v.", "versus"})


def _versus(token: Token) -> Trigger | None:
    """ "army patrol vs MPCP column nr Pichari": two armed sides set against each other in
    a field note are a clash."""
    if not any(c.dep_ == "pobj" for c in token.children):
        return None
    if token.head.text in ACRONYM_TRIGGERS or lemma(token.head) in KIND_BY_KEY["explosion"].nouns:
        return None  # "IED vs PMF pick-up": the bomb is the event, not a fight
    start, end = token.idx, token.idx + len(token.text)
    return Trigger(token, KIND_BY_KEY["clash"], token.text, start, end, True, ASSERTED, frozenset())


def _military_strike(token: Token) -> bool:
    """A bare "strike" that kills or hits, or that falls on something ("strikes on Gaza",
    "a strike on a house"): an air or missile strike, not a walk-out."""
    if lemma(token) != "strike":
        return False
    if token.dep_ == "nsubj" and lemma(token.head) in STRIKE_EFFECTS:
        return True
    return any(
        prep.dep_ == "prep"
        and prep.lower_ == "on"
        and any(o.dep_ == "pobj" and o.ent_type_ not in ("DATE", "TIME") for o in prep.children)
        for prep in token.children
    )


def find_triggers(sentence: Span) -> list[Trigger]:
    """Every trigger of the sentence, in text order."""
    return [t for t in (match_trigger(tok) for tok in sentence) if t is not None]


def has_subject(token: Token) -> bool:
    return any(child.dep_ in SUBJECTS for child in token.children)


def clause_anchor(token: Token) -> Token:
    """The clause a trigger belongs to: nouns climb to their verb, subjectless participles
    ("..., killing 12") and relative clauses climb to what they describe."""
    current = token
    for _ in range(64):
        head = current.head
        if head.i == current.i:
            break
        subordinate = current.dep_ in CLAUSE_CHAIN and (
            not has_subject(current) or _both_sides(current)
        )
        if subordinate and own_scene(current):
            break  # "killed two policemen in Bajaur and stormed a checkpoint outside Tank"
        nominal = (
            current.pos_ not in ("VERB", "AUX")
            or current.dep_ in GERUND_DEPS
            or _throw_read_as_adjective(current)
        )
        if _where_clause(current) or act_reacted_to(current) or _named_by_its_day(current):
            break  # "Zacatecas, where cartels have fought for years, ...": its own clause
        if current.dep_ in ("relcl", "acl", "pcomp") or nominal or subordinate:
            current = head
        else:
            break
    return current


def _named_by_its_day(verb: Token) -> bool:
    """ "Citing the deal signed in March 2025, SDF forces withdrew on Saturday": a
    participle that names a thing by the day it was done is an act of its own time."""
    noun = verb.head
    return (
        verb.dep_ == "acl"
        and verb.tag_ == "VBN"
        and definite(noun)
        and any(t.ent_type_ == "DATE" for t in verb.subtree)
    )


def act_reacted_to(verb: Token) -> bool:
    """ "marched to denounce a strike that killed four people": the act a reaction is
    about is its own incident, not part of the march."""
    noun = verb.head
    return verb.dep_ == "relcl" and noun.dep_ == "dobj" and lemma(noun.head) in REACTIONS


def _where_clause(verb: Token) -> bool:
    """A relative clause describing a place: in the present or the perfect ("where X have
    fought for years"), or the place's own history ("Mocímboa da Praia, which the group
    occupied until troops retook it in 2021"); not one telling the incident ("where
    gunmen attacked")."""
    if verb.dep_ != "relcl":
        return False
    where = any(c.dep_ == "advmod" and c.lower_ == "where" for c in verb.children)
    perfect = present_perfect(verb)
    which = any(c.lower_ == "which" and c.dep_ == "dobj" for c in verb.children)
    place = verb.head.pos_ == "PROPN" and verb.head.ent_type_ in ("GPE", "LOC", "FAC")
    return (where and (perfect or verb.tag_ in ("VBP", "VBZ"))) or (which and place)


def present_perfect(verb: Token) -> bool:
    """ "have fought", "has died": the verb has "have" or "has" as its auxiliary."""
    return any(c.dep_ == "aux" and c.lower_ in ("have", "has") for c in verb.children)


#: Prepositions that set an act somewhere.
SCENE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "around", "into"})


def own_scene(verb: Token) -> bool:
    """A joined verb with its own object at its own named place, after a verb that has
    its own: two acts at two places, two incidents."""
    if verb.dep_ != "conj" or verb.pos_ != "VERB":
        return False
    first = verb.head
    return (
        any(c.dep_ == "dobj" for c in verb.children)
        and _named_scene(verb, skip=None)
        and _named_scene(first, skip=verb)
    )


def _named_scene(verb: Token, skip: Token | None) -> bool:
    """A scene preposition with a proper name in the verb's own words (not `skip`'s); a
    place set before the subject ("In Dhaka, supporters set fire ... and threw stones in
    the Paltan area") frames the whole sentence, not the first verb."""
    subject = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
    framing = subject.i if subject is not None and skip is not None else -1
    stack = [c for c in verb.children if c is not skip and c.dep_ != "conj" and c.i > framing]
    while stack:
        tok = stack.pop()
        if tok.dep_ in ("advcl", "relcl", "ccomp", "conj"):
            continue
        scene = tok.dep_ == "prep" and tok.lower_ in SCENE_PREPS
        if scene and any(o.dep_ == "pobj" and _named(o) for o in tok.children):
            return True
        stack.extend(tok.children)
    return False


def _named(noun: Token) -> bool:
    """A proper name, or a noun a name owns or qualifies ("Bajaur's Mamund tehsil")."""
    return noun.pos_ == "PROPN" or any(
        c.pos_ == "PROPN" and c.dep_ in ("compound", "poss") for c in noun.children
    )


def _both_sides(verb: Token) -> bool:
    """ "..., and the two sides fought for hours", "..., one detonating a vehicle at the
    gate": the doers of the clause before."""
    return any(c.dep_ == "nsubj" and lemma(c) in ("side", "one", "other") for c in verb.children)


def consequence_only(group: list[Trigger]) -> bool:
    """Only "killed"/"wounded"/"shot dead"... with no doer of its own ("soldiers were
    killed when", "nine Maoists were shot dead"), or a surrender ("12 soldiers were killed
    and 30 surrendered")."""
    acts = [t for t in group if not t.kind.verbal]  # "...; the Taliban denied losses"
    return bool(acts) and all(
        t.kind.key == "surrender"
        or _doers_leave(t)
        or (
            (lemma(t.token) in CONSEQUENCES or _doerless_passive(t.token))
            and not any(c.dep_ in ("nsubj", "agent") and not _of_them(c) for c in _doers(t.token))
        )
        or victims_as_subject(t.token)
        for t in acts
    )


def _bracketed(token: Token) -> bool:
    """The token's phrase opens with a bracket: "(local sources)"."""
    start = token.left_edge.i
    return start > 0 and token.doc[start - 1].text == "("


def victims_as_subject(verb: Token) -> bool:
    """ "Seventeen people killed when gunmen raided ...": counted people as the subject of
    "killed" with no object are its victims (a reduced passive the parser read as active)."""
    if lemma(verb) not in ("kill", "wound", "injure") or verb.tag_ not in ("VBD", "VBN"):
        return False
    if any(c.dep_ == "dobj" and not _bracketed(c) for c in verb.children):
        return False  # but "7 soldiers killed (local sources)"
    return any(
        c.dep_ == "nsubj" and any(n.dep_ == "nummod" for n in c.children) for c in verb.children
    )


def _doers(verb: Token) -> list[Token]:
    """The verb's dependents, with its conjunct head's when it shares that subject
    ("a squad dragged a man from his home and killed him")."""
    active = any(c.dep_ == "dobj" for c in verb.children)  # not "the boy killed this morning"
    shared = verb.dep_ == "conj" and active and not has_subject(verb)
    return [*verb.children, *(verb.head.children if shared else ())]


def _doers_leave(trigger: Trigger) -> bool:
    """ "... and the attackers withdrew toward the border": the doers told leaving."""
    return trigger.kind.key == "transfer" and any(
        c.dep_ == "nsubj" and lemma(c) in PERPETRATORS and definite(c)
        for c in trigger.token.children
    )


def _of_them(subject: Token) -> bool:
    """ "most of them shot", a note's "1 killed": the victims, not a doer."""
    if subject.like_num and subject.pos_ == "NUM" and not list(subject.children):
        return True
    return any(
        p.lower_ == "of" and any(o.lower_ in ("them", "those") for o in p.children)
        for p in subject.children
    )


def _doerless_passive(token: Token) -> bool:
    """A passive violent verb without its agent: "were shot dead", "was beheaded", "most of
    them shot"."""
    return lemma(token) in PASSIVE_OUTCOMES and any(
        c.dep_ == "nsubjpass" or (c.dep_ == "nsubj" and _of_them(c)) for c in token.children
    )


#: Event types of violence: an incident noun "in an attack" names one of them told beside.
VIOLENCE = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians",
                      "Riots"})  # fmt: skip


def _naming_joined(groups: list[list[Trigger]]) -> list[list[Trigger]]:
    """ "... was beaten to death by residents, police reported, in an attack on Saturday
    night": a bare incident noun "in" which a violent act of the sentence happened names
    that act; it joins its group."""
    violent = [g for g in groups if any(t.kind.event_type in VIOLENCE and not t.nominal for t in g)]
    if len(violent) != 1:
        return groups
    out = []
    for group in groups:
        naming = group is not violent[0] and all(
            t.nominal and t.kind.event_type in VIOLENCE and _in_an(t.token) for t in group
        )
        if naming:
            violent[0].extend(group)
        else:
            out.append(group)
    return out


def _in_an(noun: Token) -> bool:
    """ "in an attack": the noun is the object of "in"."""
    return noun.dep_ == "pobj" and noun.head.lower_ == "in"


def group_triggers(triggers: list[Trigger]) -> list[list[Trigger]]:
    """Asserted triggers of one clause form one group (one event); the group's first
    trigger is an act before a statement ("gathered ... to demand"), then of the
    highest-priority kind. A group that only reports a consequence
    ("soldiers were killed when their convoy hit a landmine") joins the sentence's other
    group. Non-asserted triggers stay alone."""
    groups: dict[int, list[Trigger]] = {}
    alone: list[list[Trigger]] = []
    for trig in triggers:
        if trig.modality != ASSERTED:
            alone.append([trig])
            continue
        groups.setdefault(clause_anchor(trig.token).i, []).append(trig)
    merged = _naming_joined(list(groups.values()))
    main = [g for g in merged if not consequence_only(g)]
    if main and len(main) < len(merged):
        for group in merged:
            if consequence_only(group):
                nearest = min(main, key=lambda g: abs(g[0].token.i - group[0].token.i))
                nearest.extend(group)
        merged = main
    ordered = [
        sorted(g, key=lambda t: (t.kind.verbal, PRIORITY[t.kind.key], t.start)) for g in merged
    ]
    return sorted(ordered + alone, key=lambda g: g[0].start)
