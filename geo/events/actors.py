"""Actors: who did it (actor1) and to whom (actor2), with a country and ACLED's `inter`.

ACLED inter codes: 1 state forces, 2 rebel groups, 3 political militias, 4 identity
militias, 5 rioters, 6 protesters, 7 civilians, 8 external/other forces.

Countries come from the article itself: a place name or demonym inside the actor's noun
phrase ("US forces", "the Venezuelan government"), a landmark metonym ("the White
House"), or — for people — the title the article gave them earlier ("US President Donald
Trump" makes every later "Trump" American). Resolved toponyms are read first; a small
demonym table covers tests and articles the geoparser has not seen.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from geo.events.counts import counted_noun
from geo.events.datelines import dateline_word
from geo.events.groups import group_inter
from geo.events.taxonomy import BLOCKED_WAYS, PROTESTER_NOUNS, TRADES
from geo.events.triggers import (
    doc_text,
    has_subject,
    launcher,
    misread_as_noun_phrase,
    shot_read_as_noun,
    victims_as_subject,
)
from geo.model import Actor, Toponym

# fmt: off
STATE = {"force", "military", "army", "navy", "troop", "soldier", "police", "policeman",
         "government", "administration", "regime", "ministry", "minister", "president",
         "secretary", "authority", "guard", "marine", "gendarme", "gendarmerie",
         "junta", "dictator", "premier", "king", "cabinet", "commander", "general",
         "spokesman", "spokeswoman", "spokesperson", "officer", "airforce", "coastguard",
         "state", "prime", "ambassador", "envoy", "embassy", "kremlin", "pentagon",
         "department", "agency", "chancellor", "sailor", "pilot", "warplane", "warship",
         "artillery", "jet", "aircraft", "plane", "helicopter", "gunship", "authorities",
         "jawan", "recruit", "conscript", "destroyer", "frigate", "submarine", "corvette",
         "fleet", "flotilla", "unit", "battalion", "brigade", "regiment", "platoon",
         "detective", "investigator", "intelligence", "sapper", "commando", "paratrooper",
         "patrol"}
# fmt: on
# fmt: off
REBELS = {"rebel", "insurgent", "guerrilla", "jihadist", "militant", "separatist",
          "insurgency", "fighter", "terrorist", "extremist", "combatant", "jihadi", "islamist",
          "cadre", "dissident"}
# fmt: on
#: Two words that together name a state body: "the White House", "air defences".
STATE_PAIRS = (
    frozenset({"white", "house"}),
    frozenset({"air", "defence"}),
    frozenset({"air", "defense"}),
)
#: Weapons that, with a nation's adjective, stand for its forces.
STATE_WEAPONS = {"drone", "missile", "rocket", "shell", "bomb", "uav"}
#: Aircraft nouns after which "fighter" names a plane, not a combatant ("fighter jets").
WARPLANES = {"jet", "plane", "aircraft", "bomber", "warplane", "squadron"}
IDENTITY = {"ethnic", "tribal", "communal", "clan", "vigilante", "herder", "farmer"}
#: Armed men the text does not name: ACLED's "unidentified armed group", a political militia.
# fmt: off
UNIDENTIFIED_ARMED = {"gunman", "gunmen", "bandit", "assailant", "attacker", "kidnapper",
                      "abductor", "hitman", "sicario", "raider", "armed"}
# fmt: on
#: Men the text cannot name ("unidentified men set fire to a tower"): an armed group.
UNNAMED = {"unidentified", "unknown", "masked", "hooded"}
#: Armed men of a community: identity militias.
# fmt: off
COMMUNAL_ARMED = {"herdsman", "herdsmen", "vigilante", "clansman", "clansmen", "tribesman",
                  "tribesmen", "settler"}
# fmt: on
RIOTERS = {"rioter", "mob", "looter", "crowd", "supporter", "partisan"}
#: Sites only a state's forces hold, unless the phrase names another holder.
MILITARY_SITES = frozenset({"base", "barracks", "garrison", "outpost"})
#: Participles that make people a crowd with a cause: "graduates demanding jobs".
DEMANDING = frozenset({"demand", "protest", "demonstrate"})
# fmt: off
CIVILIANS = {"civilian", "villager", "resident", "people", "person", "passenger", "journalist",
             "student", "graduate", "activist", "worker", "child", "woman", "man", "family",
             "refugee", "migrant", "citizen", "fisherman", "trafficker", "smuggler",
             "worshipper", "teacher", "doctor", "farmer", "trader", "shopkeeper", "driver",
             "motorist", "traveller", "traveler", "commuter", "miner", "vendor", "owner",
             "elder", "imam", "priest", "pastor", "nurse", "patient", "pupil", "boy", "girl",
             "shepherd", "herder",
             "displaced", "idp", "aid", "humanitarian", "victim", "local", "inhabitant",
             "parishioner", "congregant", "mourner", "voter", "youth",
             "councillor", "councilor", "lawyer", "businessman", "leader", "official",
             "crew"} | TRADES
# fmt: on
# fmt: off
OTHER = {"opposition", "party", "candidate", "un", "nation", "ngo", "contractor", "company",
         "coalition", "alliance", "nato", "union", "observer", "court"}
# fmt: on
PRONOUNS = {"he", "she", "it", "they", "we", "i", "you", "who", "whom", "which", "that"}
FORMER = frozenset({"former", "ex", "retired", "demobilised", "demobilized"})

#: Fallback demonyms and short names -> ISO2 (the geoparser's toponyms come first).
# fmt: off
DEMONYMS = {
    "us": "US", "u.s.": "US", "american": "US", "america": "US", "united states": "US",
    "venezuela": "VE", "venezuelan": "VE", "colombia": "CO", "colombian": "CO",
    "mexico": "MX", "mexican": "MX", "cuba": "CU", "cuban": "CU", "russia": "RU",
    "russian": "RU", "ukraine": "UA", "ukrainian": "UA", "israel": "IL", "israeli": "IL",
    "palestinian": "PS", "gaza": "PS", "iran": "IR", "iranian": "IR", "iraq": "IQ",
    "iraqi": "IQ", "syria": "SY", "syrian": "SY", "yemen": "YE", "yemeni": "YE",
    "houthi": "YE", "sudan": "SD", "sudanese": "SD", "somalia": "SO", "somali": "SO",
    "nigeria": "NG", "nigerian": "NG", "mali": "ML", "malian": "ML", "kenya": "KE",
    "kenyan": "KE", "ethiopia": "ET", "ethiopian": "ET", "congo": "CD", "congolese": "CD",
    "afghanistan": "AF", "afghan": "AF", "pakistan": "PK", "pakistani": "PK", "india": "IN",
    "indian": "IN", "china": "CN", "chinese": "CN", "myanmar": "MM", "burmese": "MM",
    "france": "FR", "french": "FR", "britain": "GB", "british": "GB", "uk": "GB",
    "spain": "ES", "spanish": "ES", "turkey": "TR", "turkish": "TR", "lebanon": "LB",
    "lebanese": "LB", "libya": "LY", "libyan": "LY", "haiti": "HT", "haitian": "HT",
    "brazil": "BR", "brazilian": "BR", "bangladesh": "BD", "philippine": "PH",
    "philippines": "PH", "egypt": "EG", "egyptian": "EG", "burkina": "BF", "niger": "NE",
    "cameroon": "CM", "mozambique": "MZ", "peru": "PE", "ecuador": "EC", "chile": "CL",
    "argentina": "AR", "bolivia": "BO", "nicaragua": "NI", "georgia": "GE", "armenia": "AM",
    "azerbaijan": "AZ", "serbia": "RS", "germany": "DE", "german": "DE",
}
# fmt: on
# fmt: off
SEATS = {"white house": "US", "pentagon": "US", "kremlin": "RU", "downing street": "GB",
         "elysee": "FR", "miraflores": "VE", "zhongnanhai": "CN"}
# fmt: on


@dataclass
class ActorContext:
    """What the article says about its people and places, built once per article."""

    token_country: dict[int, str] = field(default_factory=dict)  # token index -> ISO2
    person_country: dict[str, str] = field(default_factory=dict)  # surname -> ISO2
    person_state: set[str] = field(default_factory=set)  # surnames with a state title
    person_name: dict[str, str] = field(default_factory=dict)  # surname -> full name
    person_inter: dict[str, int] = field(default_factory=dict)  # surname -> inter by title
    #: token index -> (start, end) token span of a place name read in capitals or longer
    #: than a word ("GOMA", "Dera Ismail Khan"): what an actor phrase inside it is not
    place_spans: dict[int, tuple[int, int]] = field(default_factory=dict)


def _country_of_text(text: str) -> str | None:
    low = text.lower().strip().removeprefix("the ")
    return DEMONYMS.get(low) or SEATS.get(low)


def build_context(doc: Doc, toponyms: list[Toponym]) -> ActorContext:
    """Index token countries (from toponyms, then demonyms) and people's countries."""
    ctx = ActorContext()
    for top in toponyms:
        country = top.place.country
        if not country:
            continue
        span = doc.char_span(top.mention.start, top.mention.end, alignment_mode="expand")
        for tok in span or ():
            ctx.token_country[tok.i] = country
            if span is not None and _town_name(top, span):
                ctx.place_spans[tok.i] = (span.start, span.end)
    for tok in doc:
        if tok.i not in ctx.token_country and tok.pos_ in ("PROPN", "ADJ", "NOUN"):
            country = _country_of_text(tok.text)
            if country:
                ctx.token_country[tok.i] = country
    for ent in doc.ents:
        if ent.label_ in ("ORG", "FAC", "GPE"):
            country = SEATS.get(ent.text.lower().removeprefix("the "))
            if country:
                for tok in ent:
                    ctx.token_country.setdefault(tok.i, country)
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            _index_person(ent, ctx)
    return ctx


def _town_name(top: Toponym, span: Span) -> bool:
    """A town's or district's name read in capitals or longer than a word, that is no
    seat of power ("the White House", "the Kremlin" speak)."""
    return (
        top.place.kind in ("city", "admin2")
        and (len(span) > 1 or span.text.isupper())
        and span.text.lower().removeprefix("the ") not in SEATS
    )


def _index_person(ent: Span, ctx: ActorContext) -> None:
    """ "US President Donald Trump": Trump -> US, a state actor."""
    surname = ent[-1].text
    if surname.lower() in ("'s", "’s") and len(ent) > 1:
        surname = ent[-2].text
    ctx.person_name.setdefault(surname, ent.text.removesuffix("'s").strip())
    head = ent.root
    while head.dep_ in ("compound", "flat") and head.head.pos_ == "PROPN" and head.head.i != head.i:
        head = head.head
    modifiers = list(ent.doc[max(head.left_edge.i, ent.start - 10) : ent.start])
    for tok in ent:
        ctx.person_name.setdefault(tok.text, ctx.person_name[surname])
    inter = classify_inter(modifiers)
    if inter is not None:
        ctx.person_inter.setdefault(surname, inter)
    for tok in modifiers:
        if tok.dep_ == "poss" and tok.text in ctx.person_country and tok.text != surname:
            ctx.person_country.setdefault(surname, ctx.person_country[tok.text])
            ctx.person_state.add(surname)
        country = ctx.token_country.get(tok.i)
        if country:
            ctx.person_country.setdefault(surname, country)
        if tok.lemma_.lower() in STATE:
            ctx.person_state.add(surname)


def classify_inter(tokens: list[Token], is_state_person: bool = False) -> int | None:
    """ACLED inter code from the words of an actor's noun phrase."""
    words = {t.lemma_.lower() for t in tokens} | {t.lower_ for t in tokens}
    if words & WARPLANES:
        words -= {"fighter"}
    if words & PROTESTER_NOUNS:
        return 6
    if words & RIOTERS:
        return 5
    if _former(tokens):
        return 7  # "two former FARC combatants", "a former soldier": civilians now
    named = group_inter(" ".join(t.text for t in tokens))
    if named is not None:
        return named
    if "militia" in words or "militiaman" in words or "militiamen" in words:
        return 4 if words & IDENTITY else 3
    if words & REBELS:
        return 2
    if is_state_person or words & STATE or any(pair <= words for pair in STATE_PAIRS):
        return 1
    if words & STATE_WEAPONS and any(t.ent_type_ == "NORP" and t.tag_ == "JJ" for t in tokens):
        return 1  # "Russian drones": a nation's drones are its forces'
    if words & UNIDENTIFIED_ARMED or (words & UNNAMED and words & {"man", "men", "individual"}):
        return 3
    if words & COMMUNAL_ARMED:
        return 4
    if words & OTHER and not _headed_by(tokens, CIVILIANS):  # a "court clerk" is a civilian
        return 8
    clauses = [c for t in tokens for c in (t, *t.children)]  # a relative clause on the noun
    if words & CIVILIANS and any(_with_a_cause(c) for c in clauses):
        return 6  # "graduates demanding jobs", "workers who had blocked the highway"
    if words & CIVILIANS or any(t.ent_type_ == "NORP" and t.pos_ == "PROPN" for t in tokens):
        return 7
    if words & MILITARY_SITES:
        return 1  # "attacked the base", "overran a garrison": the forces holding it
    return None


def _with_a_cause(token: Token) -> bool:
    """A clause on people that makes them protesters: "demanding jobs", "who had blocked
    the highway"."""
    if token.dep_ not in ("acl", "relcl"):
        return False
    blocked = {t.lemma_.lower() for c in token.children if c.dep_ == "dobj" for t in c.subtree}
    blocked &= BLOCKED_WAYS
    return token.lemma_ in DEMANDING or (token.lemma_ == "block" and bool(blocked))


def _former(tokens: list[Token]) -> bool:
    """The phrase's head is "former" ("two former combatants"), not a group it names ("a
    faction of the former FARC guerrillas")."""
    inside = {t.i for t in tokens}
    return any(
        c.dep_ == "amod" and c.lower_ in FORMER
        for t in tokens
        if t.head.i not in inside
        for c in t.children
    )


def _headed_by(tokens: list[Token], nouns: set[str]) -> bool:
    """Whether the phrase's head noun (the token whose head is outside it) is one of `nouns`."""
    inside = {t.i for t in tokens}
    return any(t.head.i not in inside and t.lemma_.lower() in nouns for t in tokens)


def phrase(token: Token) -> list[Token]:
    """The actor's noun phrase: the token and its left modifiers (no relative clauses)."""
    keep = {
        "compound",
        "amod",
        "nmod",
        "poss",
        "case",
        "det",
        "prep",
        "pobj",
        "nummod",
        "quantmod",
        "flat",
    }
    toks = [token]
    stack = [token]
    while stack:
        cur = stack.pop()
        for child in cur.children:
            if child.dep_ in keep and (
                child.i < token.i or cur.i != token.i or child.dep_ in ("prep",)
            ):
                if child.dep_ == "prep" and (
                    child.lower_ != "of" or not any(c.dep_ == "pobj" for c in child.children)
                ):
                    continue  # "the rebels of attacking": no "of" phrase
                toks.append(child)
                stack.append(child)
    return sorted(toks, key=lambda t: t.i)


#: Generic nouns a group's name may be apposed to ("a Rohingya armed group, the ARSA").
GROUPS = frozenset({"group", "militia", "faction", "organisation", "organization", "movement",
                    "outfit", "network", "gang", "front", "coalition"})  # fmt: skip
#: Verbs of an affiliation told: "gunmen believed to belong to the ELN".
MEMBERSHIP = frozenset({"belong", "be", "come"})
SUSPECTING = frozenset({"believe", "suspect", "think"})
BELIEVING = SUSPECTING | {"say", "report"}


def _named_group(token: Token) -> Token | None:
    """The group a generic doer is said to belong to ("gunmen believed to belong to the
    ELN", "men thought to be from Boko Haram") or is named by ("a Rohingya armed group,
    the ARSA")."""
    for child in token.children:
        if child.dep_ == "appos" and child.pos_ == "PROPN" and token.lemma_.lower() in GROUPS:
            return child
        if child.dep_ == "acl" and child.lemma_.lower() in BELIEVING:
            return _belonging(child)
    return None


def _belonging(believed: Token) -> Token | None:
    """The named group of "believed to belong to the ELN", "thought to be from Boko Haram"."""
    for verb in (c for c in believed.children if c.dep_ == "xcomp" and c.lemma_ in MEMBERSHIP):
        for prep in (c for c in verb.children if c.dep_ == "prep"):
            named = [o for o in prep.children if o.dep_ == "pobj" and o.pos_ == "PROPN"]
            if named:
                return named[0]
    return None


def _inside_a_place_name(token: Token, ctx: ActorContext) -> bool:
    """The word is part of a longer place name, or a place name in capitals (a dateline)."""
    span = ctx.place_spans.get(token.i)
    if span is None:
        return False
    start, end = span
    words = [t for t in phrase(token) if t.pos_ == "PROPN"]
    return (
        bool(words)
        and all(start <= t.i < end for t in words)
        and (end - start > len(words) or token.text.isupper())
    )


def make_actor(token: Token | None, ctx: ActorContext) -> Actor | None:
    """The Actor a noun (subject, object, agent, possessor) denotes, or None."""
    if token is None or token.lower_ in PRONOUNS or token.pos_ in ("PRON", "NUM", "DET"):
        return None
    if token.ent_type_ in ("DATE", "TIME"):  # "Tuesday's attack"
        return None
    if _inside_a_place_name(token, ctx):
        return None  # "In Dera Ismail Khan, ...": "Ismail Khan" is no person; "GOMA —"
    named = _named_group(token)
    generic = phrase(token) if named is not None else []
    token = named or token
    toks = phrase(token)
    while toks and (toks[0].dep_ == "det" or toks[0].ent_type_ in ("DATE", "TIME")):
        toks = toks[1:]  # "the police", "[on] Sunday officers"
    text = doc_text(token.doc)
    name = text[toks[0].idx : toks[-1].idx + len(toks[-1].text)] if toks else ""
    name = name.removesuffix("'s").removesuffix("’s").strip()
    surname = token.text
    state_person = surname in ctx.person_state
    if token.ent_type_ == "PERSON" or surname in ctx.person_name:
        name = ctx.person_name.get(surname, name)
    country = next(
        (
            ctx.person_country[t.text]
            for t in toks
            if t.text in ctx.person_country and t.dep_ != "poss"
        ),
        None,
    )
    if country is None:
        country = next((ctx.token_country[t.i] for t in toks if t.i in ctx.token_country), None)
    inter = (
        classify_inter(toks, state_person)
        or ctx.person_inter.get(surname)
        or (classify_inter(generic) if generic else None)
    )
    only_place = all(t.ent_type_ in ("GPE", "NORP") or t.dep_ == "det" for t in toks)
    state_name = token.ent_type_ == "GPE" or (
        token.ent_type_ == "NORP" and token.tag_ not in ("NNPS", "NNS")
    )
    if inter is None and state_name and token.pos_ != "NOUN" and only_place:
        inter = 1  # a country acting: its state ("the United States deployed", "Israeli strike")
    if inter is None and token.pos_ != "PROPN" and country is None:
        return None
    return Actor(name=name, country=country, inter=inter)


#: Participles naming who holds an area ("rebel-held", "army-controlled").
HOLDING = frozenset({"hold", "held", "control", "controlled", "occupy", "occupied"})

#: Weapons and munitions: never the doer themselves ("mortar rounds hit homes").
# fmt: off
MUNITIONS = frozenset({"mortar", "shell", "rocket", "missile", "round", "grad", "projectile",
                       "katyusha", "bomb", "ied", "device", "drone", "grenade", "explosive",
                       "mine", "landmine", "airstrike", "strike", "munition", "barrage",
                       "bullet", "shot", "blast", "explosion", "car", "vehicle", "motorcycle",
                       "uav", "artillery"})
# fmt: on


def _agent(verb: Token) -> Token | None:
    """The passive agent of `verb`, or of a passive verb joined to it: "fired by the
    army" -> army, "was beaten and burned to death by a mob" -> mob; the doer of a noun:
    "an attack by Boko Haram fighters"."""
    for head in (verb, *(c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB")):
        for child in head.children:
            nominal = head.pos_ == "NOUN"  # "an attack by Boko Haram fighters"
            by = child.dep_ == "prep" and child.lower_ == "by" and (head.tag_ == "VBN" or nominal)
            if child.dep_ == "agent" or by:  # "doused and set alight by a crowd" (misparsed)
                obj = next((o for o in child.children if o.dep_ == "pobj"), None)
                if obj is not None and obj.ent_type_ not in ("DATE", "TIME"):
                    return obj
    return None


def _wielder(weapon: Token) -> Token | None:
    """Who used a weapon that is a clause's subject: the agent of a participle on it
    ("shells fired by the army", "drones flown by CJNG cells"), else a country word in its
    phrase ("Russian missiles"), else whoever holds what it was fired from ("a missile fired
    from an Israeli drone", "from Houthi-held territory"), else nobody: a weapon alone is not
    an actor."""
    for child in weapon.children:
        if child.dep_ == "acl":
            agent = _agent(child)
            if agent is not None:
                return agent
    source = launcher(weapon)
    if source is not None:
        holder = _wielder(source) or _holder(source)
        if holder is not None:
            return holder
    named_by = [
        t
        for t in weapon.lefts
        if t.dep_ in ("amod", "compound") and t.lemma_.lower() not in MUNITIONS
    ]
    if classify_inter(named_by) is not None:
        return weapon  # "a military drone", "a junta airstrike": the weapon names its force
    return next(
        (
            t
            for t in weapon.children
            if t.dep_ in ("amod", "compound", "nmod", "poss") and t.ent_type_ in ("GPE", "NORP")
        ),
        None,
    )


def _holder(area: Token) -> Token | None:
    """The named side holding an area: "Houthi-held territory" -> Houthi."""
    for mod in area.children:
        if mod.dep_ == "amod" and mod.lemma_ in HOLDING:
            return next((t for t in mod.children if t.ent_type_ in ("GPE", "NORP", "ORG")), None)
    return None


def subject_of(verb: Token) -> Token | None:
    """The doer: nsubj, the passive agent ("by X"), or a possessor of a nominal trigger;
    when the subject is a weapon, whoever the text says used it."""
    agent = _agent(verb)
    if agent is not None:
        return agent
    for child in verb.children:
        if child.dep_ == "nsubj" and not victims_as_subject(verb):
            if child.lemma_.lower() in MUNITIONS:
                return _wielder(child)
            apposed = _apposed_doer(child)
            if apposed is None and dateline_word(child):
                continue  # "KISANGANI — Residents stormed": two subjects, the second acts
            return apposed or child
        if child.dep_ == "csubj":  # "troops searching the area found"
            return next((c for c in child.children if c.dep_ == "nsubj"), None)
    if shot_read_as_noun(verb):  # "two gunmen riding a motorcycle shot a man"
        rider = verb.head.head if verb.head.dep_ == "acl" else None  # "men riding ... shot"
        return next((a for a in verb.ancestors if a.dep_ == "nsubj"), rider)
    if verb.pos_ in ("NOUN", "PROPN"):
        return _nominal_doer(verb)
    clause_noun = _clause_read_as_phrase(verb)
    if clause_noun is not None:
        return clause_noun
    if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in SUSPECTING:  # misparsed: "Gunmen
        return _belonging(verb.head) or subject_of(verb.head)  # believed to be from X attacked"
    told_apart = verb.dep_ == "advcl" and {"mark", "nsubjpass"} <= {c.dep_ for c in verb.children}
    if verb.dep_ in ("advcl", "conj", "xcomp") and verb.head.i != verb.i and not told_apart:
        return subject_of(verb.head)  # not "X protested after a farmer was shot dead"
    if misread_as_noun_phrase(verb):
        return verb.head
    return None


#: Conjunctions the parser may read as prepositions of a noun ("after an ambush killed").
TIME_CONJUNCTIONS = frozenset({"after", "before", "when", "as", "since", "until"})


def _clause_read_as_phrase(verb: Token) -> Token | None:
    """ "vowed to make the enemy pay after an ambush on a convoy killed 27": the parser
    read "after an ambush ..." as a phrase and left the verb with no subject; the phrase's
    noun is the subject, not the speaker's."""
    if verb.dep_ not in ("ccomp", "advcl") or has_subject(verb) or verb.i == verb.sent.start:
        return None
    before = verb.doc[verb.i - 1]
    prep = next(
        (
            a
            for a in before.ancestors
            if a.dep_ == "prep" and a.lower_ in TIME_CONJUNCTIONS and a.head.i == verb.head.i
        ),
        None,
    )
    return next((c for c in prep.children if c.dep_ == "pobj"), None) if prep else None


#: Places a misparse makes the subject: "In Sokode, the country's second city, youths burned".
SETTLEMENT_NOUNS = frozenset({"city", "town", "capital", "village", "district", "region"})


def _apposed_doer(subject: Token) -> Token | None:
    """The people apposed to a place the parser took for the subject: "In Sokode, the
    country's second city, youths burned", or a dateline ("KISANGANI — Residents stormed")."""
    dateline = dateline_word(subject)
    if subject.lemma_.lower() not in SETTLEMENT_NOUNS and not dateline:
        return None
    apposed = (c for c in subject.children if c.dep_ == "appos")
    # the dateline's own country ("WAD MADANI, Sudan — ") is no doer
    return next((c for c in apposed if not dateline or _after_dash(subject, c)), None)


def _after_dash(start: Token, token: Token) -> bool:
    return any(t.text in ("—", "–", "-") for t in start.doc[start.i : token.i])


def _nominal_doer(noun: Token) -> Token | None:
    """ "Maduro's request", "the US strike", "the build-up of US naval power"."""

    def modifier(tok: Token) -> Token | None:
        for child in tok.children:
            named = child.ent_type_ in ("GPE", "NORP", "ORG", "PERSON") or child.pos_ == "PROPN"
            if child.dep_ in ("poss", "compound", "nmod") and named:
                return child
            if child.dep_ == "amod" and child.ent_type_ in ("GPE", "NORP"):
                return child
        return None

    found = modifier(noun)
    if found is None:
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for obj in child.children:
                    found = found or modifier(obj)
    return found


def objects_of(verb: Token) -> Iterator[Token]:
    """The target's candidates, best first: direct object or passive subject (its owner
    when the object is a thing: "the house of a Christian family") and the objects joined
    to it, then "against/on/at/
    among/into X" on the verb or its object ("threw stones at troops", "fired into a
    crowd")."""
    heads = [verb]
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            owner = next((c for c in child.children if c.dep_ == "poss"), None)
            if owner is not None and child.pos_ == "NOUN" and classify_inter([child]) is None:
                yield owner
            yield child
            yield from (c for c in child.children if c.dep_ == "conj")  # "a convoy and its escort"
            heads.append(child)
        if child.dep_ == "prep" and child.lower_ == "with":  # "fired with rockets on the post"
            heads += [o for o in child.children if o.dep_ == "pobj"]
    for head in heads:
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in ("against", "on", "at", "among", "into"):
                yield from (obj for obj in child.children if obj.dep_ == "pobj")


#: Count categories whose noun is a victim of the event.
VICTIM_COUNTS = frozenset({"fatalities", "injuries", "abducted"})


def victim_inter(number: Token) -> int | None:
    """The actor kind of the people a count counts ("killing seven soldiers" -> 1)."""
    noun = counted_noun(number)
    return classify_inter(phrase(noun)) if noun.i != number.i else None


def sides(trigger: Token, anchor: Token) -> tuple[Token | None, Token | None]:
    """The two sides a fight names: "X and Y clashed" (a conjoined subject), "fighting
    between X and Y", "clashed with Y" (on the trigger or the clause it belongs to)."""
    for head in (trigger, anchor):
        subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
        other = next((c for c in subject.children if c.dep_ == "conj"), None) if subject else None
        if other is not None:
            return subject, other
        for prep in (c for c in head.children if c.dep_ == "prep"):
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is None:
                continue
            if prep.lower_ == "between":
                return obj, next((c for c in obj.children if c.dep_ == "conj"), None)
            if prep.lower_ == "with" and classify_inter(phrase(obj)) is not None:
                return None, obj
    return None, None
