"""Counts in a sentence: fatalities (ACLED's conservative conventions), injuries, arrests,
participants, vessels, warships, troops...

A count phrase is found in the text ("more than two dozen", "at least three", "hundreds
of"), turned into a number (lowest figure stated: "a dozen"/"dozens" 12, "more than two
dozen" 24, "hundreds" 100, "thousands" 1000, "several"/"a few" 3, "between 5 and 10" 5),
and classified by the noun it counts and the verb that governs it: "killing more than a
dozen people" counts fatalities, "wounding 40" injuries (injuries are never deaths),
"putting hundreds behind bars" arrests, "eight warships" warships.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from geo.events.dates import MONTH_NAMES
from geo.events.taxonomy import ANIMALS, SELVES, TRADES
from geo.events.triggers import doc_text, victims_as_subject

_UNIT_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
)
UNITS = {w: i for i, w in enumerate(_UNIT_WORDS.split())}
_TEN_WORDS = "twenty thirty forty fifty sixty seventy eighty ninety"
TENS = {w: 10 * (i + 2) for i, w in enumerate(_TEN_WORDS.split())}
SCALES = {"dozen": 12, "score": 20, "hundred": 100, "thousand": 1000, "million": 1_000_000}
# fmt: off
VAGUE = {"dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1000, "millions": 1_000_000,
         "several": 3, "a few": 3, "both": 2, "a handful": 3, "a couple": 2, "a number": 3,
         "tens of thousands": 10_000, "hundreds of thousands": 100_000}
# fmt: on

_UNIT = "|".join(sorted(UNITS, key=len, reverse=True))
_TEN = "|".join(TENS)
_WORDNUM = rf"(?:(?:{_TEN})(?:[- ](?:{_UNIT}))?|{_UNIT}|another|a|an|the)"
_DIGITS = r"\d{1,3}(?:,\d{3})+|\d+"
_SCALE = r"(?:\s+(?:dozen|hundred|thousand|million))?"
_VAGUE = "|".join(sorted((re.escape(v) for v in VAGUE), key=len, reverse=True))
QUALIFIER = (
    r"more than|over|at least|nearly|almost|about|around|approximately|roughly|"
    r"some|up to|as many as|fewer than|less than|an estimated|close to|upwards of|"
    r"between"
)
COUNT_RE = re.compile(
    rf"\b(?:(?P<qual>{QUALIFIER})\s+)?"
    rf"(?P<num>(?:several|a few|a couple|a number){_SCALE}|{_VAGUE}|"
    rf"(?:{_DIGITS}|{_WORDNUM}){_SCALE})"
    rf"(?:\s+(?:and|to|or)\s+(?:{_DIGITS}|{_WORDNUM}))?\b",
    re.IGNORECASE,
)

# fmt: off
KILL_VERBS = {"kill", "murder", "execute", "massacre", "slay", "behead", "assassinate", "lynch",
              "slaughter", "claim", "leave", "neutralise", "neutralize", "eliminate"}
# fmt: on
ABDUCT_VERBS = {"abduct", "kidnap", "seize"}
DIE_VERBS = {"die", "perish"}
INJURE_VERBS = {"injure", "wound", "hurt", "maim"}
# fmt: off
ARREST_VERBS = {"arrest", "detain", "jail", "imprison", "round", "apprehend", "put", "hold",
                "capture"}
# fmt: on
# fmt: off
GATHER_VERBS = {"protest", "march", "rally", "gather", "join", "demonstrate", "take", "flood",
                "turn", "attend", "enlist", "sign"}
# fmt: on
# fmt: off
MEASURES = {"km", "kilometre", "kilometer", "mile", "metre", "meter", "hour", "minute", "day",
            "week", "month", "year", "percent", "per", "tonne", "ton", "kg", "kilogram", "litre",
            "dollar", "euro", "acre", "hectare", "nautical"}
# fmt: on
FATAL_NOUNS = {"dead", "death", "fatality", "body", "corpse", "life", "toll"}
INJURY_NOUNS = {"injured", "wounded", "injury", "casualty"}
ARREST_NOUNS = {"arrest", "detainee", "prisoner", "detention"}
# fmt: off
PARTICIPANT_NOUNS = {"protester", "protestor", "demonstrator", "marcher", "participant",
                     "supporter", "rioter", "volunteer", "recruit"}
# fmt: on
# fmt: off
PEOPLE = {"people", "person", "civilian", "man", "woman", "child", "villager", "resident",
          "student", "worker", "passenger", "soldier", "fighter", "militant", "officer",
          "police", "policeman", "migrant", "member", "citizen", "journalist",
          "farmer"}
# fmt: on
# fmt: off
CATEGORIES = {
    "vessels": {"boat", "vessel", "speedboat", "skiff", "trawler", "tanker", "ferry", "dhow"},
    "warships": {"warship", "destroyer", "frigate", "cruiser", "carrier", "corvette", "ship",
                 "battleship", "gunboat"},
    "submarines": {"submarine"},
    "troops": {"troop", "soldier", "marine", "personnel", "paratrooper", "sailor"},
    "aircraft": {"aircraft", "jet", "plane", "fighter", "bomber", "drone", "helicopter"},
    "missiles": {"missile", "rocket", "shell", "mortar"},
}
# fmt: on
HARDWARE = set().union(*CATEGORIES.values())


@dataclass(frozen=True, slots=True)
class Count:
    """A classified count: `category` is fatalities, injuries, arrests, participants,
    vessels, warships, ...; `text` is the phrase as written; offsets are the article's."""

    category: str
    value: int
    text: str
    start: int
    end: int
    token: Token


def parse_number(phrase: str) -> int | None:
    """The conservative value of a count phrase ("more than two dozen" -> 24), or None."""
    match = COUNT_RE.fullmatch(phrase.strip())
    return _value(match.group("num")) if match else None


def _value(num: str) -> int | None:
    text = num.lower().replace(",", "").strip()
    if text in VAGUE:
        return VAGUE[text]
    for vague in ("several", "a few", "a couple", "a number"):
        if text.startswith(vague + " ") and text[len(vague) + 1 :] in SCALES:
            return VAGUE[vague] * SCALES[text[len(vague) + 1 :]]
    if text.isdigit():
        return int(text)
    words = re.split(r"[\s-]+", text)
    total, current = 0, 0
    for word in words:
        if word in ("a", "an", "another"):
            current = current or 1
        elif word.isdigit():
            current += int(word)
        elif word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word in SCALES:
            current = max(current, 1) * SCALES[word]
            if SCALES[word] >= 1000:
                total, current = total + current, 0
        else:
            return None
    return total + current


def counted_noun(number: Token) -> Token:
    """The token a number counts: the noun it modifies, or "thousands OF protesters"."""
    token = number
    for _ in range(4):
        head = token.head
        if token.dep_ not in ("nummod", "quantmod", "compound", "det", "amod", "advmod"):
            break
        if token is not number and token.lemma_.lower() in MEASURES:
            break  # "30 km north-east of X": a distance, whatever the parse hangs it on
        if head.i == token.i or head.pos_ in ("VERB", "AUX"):
            break
        token = head
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    return token


def _governing_verb(token: Token) -> Token | None:
    current = token
    for _ in range(8):
        shot_dead = current.lower_ == "dead" and current.dep_ == "ROOT"  # misread "shot dead"
        if (current.pos_ in ("VERB", "AUX") or shot_dead) and current.i != token.i:
            return current
        if current.head.i == current.i:
            return None
        if current.dep_ == "pobj" and current.head.lower_ == "of":
            current = current.head.head  # "thousands of X": X is counted by "thousands"
        current = current.head
    return None


def classify(noun: Token, number: Token) -> str | None:
    """The category counted by `number` whose head noun is `noun`, or None."""
    lem = noun.lemma_.lower()
    if lem in MEASURES or lem in ANIMALS:
        return None  # "about 35 km to the east, artillery killed a man"; "30 camels"
    noted = _field_note(noun)
    if noted:
        return noted
    body = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "of" else None
    if body is not None and body.lemma_.lower() in ("body", "corpse"):
        return "fatalities"  # "the bodies of five men"
    if lem in FATAL_NOUNS or _told_dead(noun) or _told_dead(number):
        return "fatalities"
    if lem in INJURY_NOUNS:
        return "injuries"
    if lem in ARREST_NOUNS:
        return "arrests"
    by_verb = _by_verb(noun, number, lem)
    if by_verb:
        return by_verb
    for name, words in CATEGORIES.items():
        if lem in words:
            return name
    if lem in PARTICIPANT_NOUNS:
        return "participants"
    return None


#: Field-note abbreviations of a count's fate: "2 PMF KIA, 1 WIA".
FIELD_NOTES = {"KIA": "fatalities", "WIA": "injuries", "MIA": None}


def _field_note(noun: Token) -> str | None:
    """ "4 PDF KIA", "1 WIA": the fate written in a field note's abbreviation, on the
    counted word or right after it."""
    if noun.text in FIELD_NOTES:
        return FIELD_NOTES[noun.text]
    nxt = noun.nbor(1) if noun.i + 1 < len(noun.doc) else None
    return FIELD_NOTES.get(nxt.text) if nxt is not None else None


def _by_verb(noun: Token, number: Token, lem: str) -> str | None:
    """Category read from the governing verb: killed, died, wounded, arrested, marched."""
    verb = _governing_verb(noun)
    if verb is None:
        return None
    vlem = verb.lemma_.lower()
    role = noun.dep_ if noun.head.i == verb.i else _role_via_of(noun)
    left_dead = _has_child(verb, {"dead"})
    joined = [c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    misread = vlem == "dead"  # "shot dead", the model's verb "dead"
    deadly = (
        vlem in KILL_VERBS or misread or left_dead or any(_to_death(v) for v in (verb, *joined))
    )
    dead_said = left_dead and noun.head.lower_ == "dead"  # "left 17 soldiers dead", misparsed
    killed_some = any(c.dep_ == "dobj" for c in verb.children) and not victims_as_subject(verb)
    if vlem in KILL_VERBS and role == "nsubj" and killed_some:
        return None  # "Four soldiers killed two militants": the subject killed
    if deadly and (role in ("dobj", "nsubjpass", "oprd") or verb.i > number.i or dead_said):
        if vlem not in ("claim", "leave") or lem in FATAL_NOUNS or left_dead:
            return "fatalities"
        return None
    lost_lives = vlem == "lose" and _has_child(verb, {"life", "lives"})
    if (vlem in DIE_VERBS or lost_lives) and role == "nsubj":
        return "fatalities"
    if vlem in INJURE_VERBS and (role in ("dobj", "nsubjpass") or verb.i > number.i):
        return "injuries"
    jailed = vlem != "put" or _has_child(verb, {"behind"}, preps=True)
    if vlem in ARREST_VERBS and role in ("dobj", "nsubjpass") and jailed:
        return "arrests"
    if vlem in ABDUCT_VERBS and role in ("dobj", "nsubjpass"):
        return "abducted"
    people = lem in PEOPLE or lem in PARTICIPANT_NOUNS or noun.ent_type_ == "NORP"
    if vlem in GATHER_VERBS and role == "nsubj" and people:
        return "participants"
    return None


def _told_dead(token: Token) -> bool:
    """ "leaving 7 combatants dead", "nine dead", "8 soldiers killed": the count's own
    words say they died."""
    return any(
        (c.lower_ == "dead" and c.dep_ in ("amod", "oprd"))
        or (c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() in KILL_VERBS - {"leave"})
        for c in token.children
    )


def _to_death(verb: Token) -> bool:
    """ "beaten to death", "hacked to death", "burned to death"."""
    return any(
        c.dep_ == "prep" and c.lower_ == "to" and any(o.lower_ == "death" for o in c.children)
        for c in verb.children
    )


def _role_via_of(noun: Token) -> str:
    while noun.dep_ == "conj" and noun.head.i != noun.i:  # "four policemen and two civilians"
        noun = noun.head
    if noun.dep_ == "pobj" and noun.head.lower_ == "of":
        return noun.head.head.dep_
    return noun.dep_


def _has_child(token: Token, words: set[str], preps: bool = False) -> bool:
    deps = ("prep",) if preps else ("oprd", "acomp", "advmod", "xcomp", "dobj", "amod")
    return any(c.lower_ in words and c.dep_ in deps for c in token.children)


def _partitive_total(noun: Token, number: Token) -> bool:
    head = noun.head
    return (
        noun.dep_ == "pobj"
        and head.lower_ == "of"
        and head.head.like_num
        and head.head.i != number.i
    )


#: One person named by "a": the victims a singular noun counts ("killing a young man").
# fmt: off
ONE_PERSON = PEOPLE | {"demonstrator", "protester", "teacher", "driver", "trader", "boy",
                       "girl", "nurse", "doctor", "guard", "rebel", "leader", "official",
                       "priest", "pastor", "imam", "shopkeeper", "herder", "teenager",
                       "youth", "activist", "worshipper", "pupil", "refugee", "son",
                       "daughter", "wife", "husband", "brother", "sister", "father", "mother",
                       "nephew", "niece", "cousin", "uncle", "aunt", "baby",
                       "infant", "fisherman", "motorist", "crewman", "pilgrim", "herdsman",
                       "miner", "vendor", "kidnapper", "thief", "suspect", "elder",
                       "headman", "businessman", "lawyer", "councillor", "sergeant",
                       "gendarme", "owner", "employee", "worker", "farmer", "member",
                       "patrolman", "policeman", "officer", "soldier", "ranger", "assistant",
                       "bodyguard", "companion", "colleague", "passenger", "friend", "neighbour",
                       "neighbor", "aide", "escort", "guide", "commando", "operator",
                       "old"} | TRADES  # "old": "killing a 19-year-old"
# fmt: on
#: Office holders counted as one person ("the district commissioner and two bodyguards").
# fmt: off
TITLES = frozenset({"commissioner", "governor", "mayor", "chief", "commander", "minister",
                    "administrator", "lawmaker", "senator", "judge", "prosecutor", "sheikh"})
# fmt: on
#: Verbs whose object clause is an accusation, not this incident ("accused of killing a girl").
ACCUSING = {"accuse", "suspect", "charge", "convict", "blame"}


def _one_victim(article: Token) -> bool:
    """ "killing a young man", "a demonstrator was killed": one person killed or hurt (not
    "a suicide attack killed", "a family of five", "a man accused of killing a girl")."""
    noun = article.head
    if article.dep_ != "det" or noun.lemma_.lower() not in ONE_PERSON | TITLES:
        return False
    verb = _governing_verb(noun)
    if verb is None or _accused_of(verb):
        return False
    return classify(noun, article) in ("fatalities", "injuries")


def _one_dead(article: Token) -> bool:
    """ "killing the driver and his passenger": one person (and those joined to them)
    killed, named with "the"."""
    noun = article.head
    numbered = any(  # "the commissioner and two bodyguards": counted with the two
        c.dep_ == "conj" and any(g.like_num for g in c.children) for c in noun.children
    )
    return (
        _one_victim(article)
        and noun.tag_ == "NN"
        and not numbered
        and classify(noun, article) == "fatalities"
    )


def _accused_of(verb: Token) -> bool:
    """ "a man accused of killing a girl", "charged with murdering": the act is what
    someone is accused of (not "..., killing a trader; separatists were blamed")."""
    holder = verb.head.head if verb.head.dep_ == "prep" else verb.head
    return verb.dep_ in ("pcomp", "xcomp", "ccomp") and holder.lemma_.lower() in ACCUSING


def _people(noun: Token) -> int:
    """One, and one more for each person joined to it: "a woman and her son" -> 2."""
    joined = [
        c
        for c in noun.children
        if c.dep_ == "conj"
        and c.lemma_.lower() in ONE_PERSON
        and not any(g.like_num for g in c.children)
    ]
    return 1 + sum(_people(c) for c in joined)


def _people_before(noun: Token) -> int:
    """Single people a numbered conjunct is joined to: "the district commissioner and two
    bodyguards" -> 1 more, "the father and his two children", "killing himself and 2
    soldiers" -> 1 more."""
    found = 0
    while noun.dep_ == "conj" and noun.head.i != noun.i:
        noun = noun.head
        named = noun.ent_type_ == "PERSON"  # "killing Komlan and another young man"
        single = noun.tag_ in ("NN", "NNP") and not any(c.like_num for c in noun.children)
        person = noun.lemma_.lower() in ONE_PERSON | TITLES or noun.lower_ in SELVES or named
        found += person and (single or noun.lower_ in SELVES)
    return found


def _selves_after(noun: Token) -> int:
    """The bomber joined after the victims: "killing two traders as well as herself"."""
    return sum(c.dep_ == "conj" and c.lower_ in SELVES for c in noun.children)


#: "Oct", "Sep": what a month's name starts with.
MONTH_ABBREVIATIONS = frozenset(name[:3] for name in MONTH_NAMES)


def _in_a_name(number: Token) -> bool:
    """ "Barrio 18 gang members", "5 Oct:": the figure names a gang or a day, not people."""
    before = number.nbor(-1) if number.i > 0 else None
    after = number.nbor() if number.i + 1 < len(number.doc) else None
    named = (  # "Barrio 18", not "On Friday two soldiers"
        before is not None
        and number.text[:1].isdigit()
        and before.pos_ == "PROPN"
        and before.is_title
        and before.ent_type_ not in ("GPE", "LOC", "DATE", "TIME")
    )
    dated = after is not None and after.lower_.rstrip(".")[:3] in MONTH_ABBREVIATIONS
    return named or dated


def find_counts(sentence: Span) -> list[Count]:
    """Every classified count of the sentence, in text order."""
    doc, base = sentence.doc, sentence.start_char
    found = []
    for match in COUNT_RE.finditer(sentence.text):
        start, end = base + match.start(), base + match.end()
        num_end = base + match.end("num")
        span = doc.char_span(base + match.start("num"), num_end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        number = span[-1]
        word = match.group("num").lower()
        single = (number.pos_ == "DET" and word not in VAGUE) or word in ("a", "an", "another")
        if word == "the" and not _one_dead(number):
            continue  # "killing the driver": one dead; "the soldiers" count nothing
        if single and not _one_victim(number):
            head = number.head
            if head.lemma_.lower() not in HARDWARE or number.dep_ != "det" or head.dep_ != "conj":
                continue
        if number.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT", "ORDINAL"):
            continue
        if any(mark in number.text for mark in "/:"):
            continue  # a field note's day or an hour: "16/03:", "10:30"
        if _in_a_name(number):
            continue
        noun = counted_noun(number)
        if _partitive_total(noun, number):
            continue  # "45 of the 60 drones": 45 is the count, 60 the total
        category = classify(noun, number)
        if category is None:
            continue
        value = _people(noun) if single else _value(match.group("num"))
        if value is None:
            continue
        if category in ("fatalities", "injuries"):
            value += _people_before(noun) + _selves_after(noun)
        found.append(Count(category, value, doc_text(doc)[start:end], start, end, number))
    return found
