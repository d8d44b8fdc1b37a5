"""Toponym recognition: spaCy NER combined with gazetteer matching over the text.

Sources of mentions, merged into one non-overlapping list:
- gazetteer names found in the text (`geo.placenames.NameIndex`, Aho-Corasick over normalised
  names, whole tokens, capitalised), kept or dropped by the entity around them: inside a
  GPE/LOC always; inside an ORG/FAC name ("Caracas city council") when the place is
  notable; on a PERSON or outside any entity only when notable and not a person's name;
- demonyms and adjectives of place ("Venezuelan", label NORP), when `demonyms` is on;
- spaCy GPE/LOC/FAC entities that no gazetteer name covers.

Spans follow the usual gold conventions: no leading "the", no trailing "'s", no trailing
lower-case words ("Henan province" -> "Henan"). A name once recognised as a place in a
document is a place wherever it recurs in that document (one sense per discourse), unless
it belongs to a person there.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from gazetteer.lookup import PlaceLookup
from geo.events.groups import group_spans
from geo.events.triggers import IRREGULAR_PAST
from geo.model import Article, Mention
from geo.nlp import english_words
from geo.placenames import (
    DOTTED_STATE_ABBREVIATIONS,
    KIND_RANK,
    US_STATE_NAMES,
    NameIndex,
    NameInfo,
    name_index_for,
    normalize_token,
)
from geo.tuning import remember

PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
# Entities whose names often contain a place ("Caracas City Council", "Paris High School").
CONTAINER_ENTS = frozenset({"ORG", "FAC", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW", "NORP"})
# Entities spaCy gives a town's name by mistake; after a locative it is a place.
MISREAD_ENTS = frozenset({"DATE", "TIME", "PERSON", "ORG"})
# fmt: off
LOCATIVES = frozenset({"in", "near", "at", "outside", "around", "into", "inside", "towards",
                       "toward", "between", "off", "across", "along", "above", "beyond"})
# fmt: on
# fmt: off
SETTLEMENT_NOUNS = frozenset({"town", "city", "village", "district", "outskirts", "province",
                              "region", "municipality", "county", "street", "port", "centre",
                              "center", "suburb", "resident", "inhabitant",
                              "people", "entrance", "gate", "gates", "edge", "heart",
                              "township", "upazila", "lga", "governorate", "coast", "shore",
                              "coastline", "waters"})
# fmt: on
# Compass points a distance is measured along: "60 km southeast of Bosaso".
# fmt: off
COMPASS_WORDS = frozenset({"north", "south", "east", "west", "northeast", "northwest",
                           "southeast", "southwest", "north-east", "north-west", "south-east",
                           "south-west"})
# fmt: on
OF_PLACE_NOUNS = SETTLEMENT_NOUNS | COMPASS_WORDS
# Words of administrative units: a PERSON entity ending in one ("Faskari LGA") is a place.
# fmt: off
ADMIN_UNIT_WORDS = frozenset({"lga", "district", "state", "province", "county", "township",
                              "agency", "cercle", "region", "governorate", "municipality",
                              "territory", "tehsil", "upazila", "prefecture", "oblast", "raion"})
# fmt: on
# Entities that never are, nor contain, a place name.
# fmt: off
NON_PLACE_ENTS = frozenset(
    {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL", "LANGUAGE"}
)
# fmt: on


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


LEADING_DROP = frozenset({"the", "The", "THE"})
TRAILING_DROP = frozenset({"'s", "’s", "'", "’", "s"})
PERSON_TITLES = _words(
    """mr mrs ms miss dr prof sir lady lord gen col maj capt lt sgt cpl pvt adm gov sen rep
    president pres mayor judge justice rev father sister brother saint pope king queen prince
    princess sheriff officer detective deputy chief coach minister secretary senator governor
    representative commissioner councilman councilwoman trooper agent dean director"""
)
# Capitalised words that are place names somewhere but, in running news text, almost
# always mean something else (calendar, institutions, common nouns, given names).
COMMON_WORDS = _words(
    """january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday today tonight christmas easter
    god lord jesus church police court council senate house congress parliament army navy
    government ministry department university college school hospital center centre
    university city county state street road avenue park lake river north south east west
    central union republic independence liberty unity victory hope mobile reading bath
    split nice orange bush star sun moon mars venus mercury jupiter internet web news times
    post herald tribune journal gazette daily weekly mass media health service services
    national international federal public general royal new old great little grand
    commerce industry trade justice defense defence security education mission home
    centers amen eve mary john paul james david michael peter george william charles
    joseph thomas christian islam muslim jewish catholic baptist methodist jobs tech
    university hospital airport station port harbour harbor bridge tower hall square
    northeast northwest southeast southwest northern southern eastern western un nato"""
)
# Capitalised words before a place name that belong to its span ("North Texas").
# fmt: off
DIRECTION_PREFIXES = frozenset(
    {"North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western",
     "Central", "Upper", "Lower", "Middle", "Northeast", "Northwest", "Southeast",
     "Southwest"}
)
# fmt: on
# Capitalised words after a place name that make it another feature's name ("Wichita
# Drive", "Catawba River", "Hamilton Township"): the span takes them in.
FEATURE_SUFFIXES = _words(
    """Street St. Avenue Ave. Road Rd. Drive Dr. Boulevard Blvd. Lane Highway Parkway Pkwy.
    Trail Pike Turnpike Way Place River Creek Lake Island Islands Bay Valley Township Parish
    Park Forest Mountain Mountains Dam Canyon Beach Harbor Reservoir Falls Heights Hills"""
)
# Lower-case words after a place name that make it the name of a disease ("West Nile
# virus", "Marburg fever"), not a place.
DISEASE_WORDS = _words("virus viruses fever flu influenza disease strain strains ebolavirus")
# How notable a place must be to be taken from a name outside a GPE/LOC entity.
MIN_POP_IN_CONTAINER = 1_000
MIN_POP_OUTSIDE = 20_000
MIN_POP_ON_PERSON = 100_000
MIN_RANK_NOTABLE = 3  # admin2 / region and above (see geo.placenames.KIND_RANK)
MIN_POP_COMMON = 100_000
# spaCy entities dropped when the gazetteer knows no place of that name.
UNKNOWN_DROPPED = frozenset({"FAC", "GPE"})


@dataclass(frozen=True, slots=True)
class _Candidate:
    """A span of tokens that may be a place, before the merge."""

    start: int  # token index
    end: int
    label: str
    priority: int  # higher wins when spans overlap


def recognise_toponyms(
    article: Article,
    doc: Doc,
    gazetteer: PlaceLookup | None,
    *,
    demonyms: bool = True,
    index: NameIndex | None = None,
) -> list[Mention]:
    """The place names in `article` (whose text `doc` parsed), in text order.

    `gazetteer` supplies the names to match (`iter_names`); `index` may be passed instead
    (tests). `demonyms=False` leaves out demonyms ("Venezuelan"), for corpora whose gold
    does not annotate them.
    """
    if index is None and gazetteer is not None:
        index = name_index_for(gazetteer)
    persons = _person_names(doc)
    norms, capitalised = _token_words(doc)
    found: list[_Candidate] = []
    if index is not None:
        found += _gazetteer_candidates(doc, norms, capitalised, index, persons, demonyms, gazetteer)
    found += _entity_candidates(doc, index, persons, demonyms, gazetteer)
    merged = _merge(found)
    merged = _propagate(doc, norms, merged, persons, demonyms)
    merged = _extend(doc, merged)
    merged = _merge(merged + _state_abbreviations(doc, norms, merged))
    groups = group_spans(doc.text)
    merged = [c for c in merged if not _disease_name(doc, c) and not _in_group(doc, c, groups)]
    mentions = []
    for cand in merged:
        span = doc[cand.start : cand.end]
        name = sys.intern(span.text)  # one string per name: a long text repeats its names
        mentions.append(Mention(article.id, span.start_char, span.end_char, name, cand.label))
    return mentions


def _in_group(doc: Doc, cand: _Candidate, groups: list[tuple[int, int]]) -> bool:
    """The candidate is a word of an armed group's name ("Arakan" of "the Arakan Army")."""
    span = doc[cand.start : cand.end]
    return any(start <= span.start_char and span.end_char <= end for start, end in groups)


# --- persons ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Persons:
    """Names of people in the document: full names and their single words."""

    words: frozenset[str]  # normalised words of multi-word PERSON names ("machado")
    full: frozenset[str]  # normalised full PERSON names
    named: frozenset[str] = frozenset()  # every word of those names, except towns the
    # text puts people in ("in Bor", though "Dinka Bor" is tagged a person)


def _person_names(doc: Doc) -> _Persons:
    """Words of multi-word PERSON entities, each extended over the proper nouns that
    directly follow it ("Maria Corina" + "Machado", even when the model tagged that one
    word GPE), except words that the document also uses as a GPE/LOC entity elsewhere."""
    words: set[str] = set()
    full: set[str] = set()
    spans = [
        _extend_person(doc, ent)
        for ent in doc.ents
        if _entity_label(ent) == "PERSON"
        and ent[-1].lower_ not in ADMIN_UNIT_WORDS
        and not _hyphenated_after_locative(ent)
    ]
    glued = {i for start, end in spans for i in range(start, end)}
    places = {
        normalize_token(e.text)
        for e in doc.ents
        if _entity_label(e) in ("GPE", "LOC") and e.start not in glued
    }
    for start, end in spans:
        name = normalize_token(doc[start:end].text)
        if name in places:
            continue
        full.add(name)
        tokens = [t for t in doc[start:end] if t.text[:1].isupper()]
        if len(tokens) >= 2:  # a lone PERSON word is as often a mislabelled town
            words.update(normalize_token(t.text) for t in tokens)
    return _Persons(frozenset(words - places), frozenset(full), frozenset(words - _located(doc)))


def _hyphenated_after_locative(ent: Span) -> bool:
    """ "In Cap-Haïtien, demonstrators ...": one hyphenated word after a locative
    preposition is a place the model took for a person."""
    return (
        ent.start > 0
        and ent.doc[ent.start - 1].lower_ in LOCATIVES
        and len(ent) > 1
        and " " not in ent.text
        and "-" in ent.text
    )


def _located(doc: Doc) -> set[str]:
    """One-word GPE/LOC entities right after a locative preposition ("in Bor"): the text
    uses these words as places, whatever else it calls by them."""
    return {
        normalize_token(ent.text)
        for ent in doc.ents
        if ent.label_ in ("GPE", "LOC")
        and len(ent) == 1
        and ent.start > 0
        and doc[ent.start - 1].lower_ in LOCATIVES
    }


def _extend_person(doc: Doc, ent: Span) -> tuple[int, int]:
    """The token range of a PERSON entity and the proper nouns glued right after it."""
    end = ent.end
    while end < len(doc) and _capitalised_word(doc[end]) and _free_or_lone_gpe(doc, end):
        end += 1
    return ent.start, end


def _free_or_lone_gpe(doc: Doc, i: int) -> bool:
    """Outside any entity, or a one-word GPE entity (a surname the model took for a place)."""
    token = doc[i]
    if not token.ent_type_:
        return True
    lone = token.ent_iob_ == "B" and (i + 1 == len(doc) or doc[i + 1].ent_iob_ != "I")
    return token.ent_type_ == "GPE" and lone


def _surname(start: int, end: int, norm: str, persons: _Persons, info: NameInfo | None) -> bool:
    """One word of a person named in the article ("Machado" of "Maria Corina Machado")
    whose best place of that name is no country, region or large city."""
    if end - start != 1 or norm not in persons.named:
        return False
    return info is None or (info.rank < KIND_RANK["admin1"] and info.population < MIN_POP_COMMON)


def _titled(doc: Doc, start: int) -> bool:
    """True when the token before `start` is a person's title ("Gov.", "Mr", "Sen.")."""
    if start == 0:
        return False
    prev = doc[start - 1].text.lower().rstrip(".")
    return prev in PERSON_TITLES


def _is_person(doc: Doc, start: int, end: int, norm: str, persons: _Persons) -> bool:
    if _titled(doc, start):
        return True
    # "Lopez" alone where a "Maria Lopez" is named in the article
    return end - start == 1 and norm in persons.words


# --- gazetteer matches --------------------------------------------------------------


def _capitalised(token: Token) -> bool:
    return _capitalised_text(token.text)


def _capitalised_text(text: str) -> bool:
    return text[:1].isupper() or text[:1].isdigit()


_WORDS: dict[int, tuple[str, bool]] = {}  # a word's string id -> (normalised, capitalised)


def _token_words(doc: Doc) -> tuple[list[str], list[bool]]:
    """Each token's normalised text (`normalize_token`) and whether it is capitalised,
    looked up by the word's string id: cheaper than a spaCy Token per word."""
    strings = doc.vocab.strings
    words = []
    for orth in doc.to_array("ORTH").tolist():
        word = _WORDS.get(orth)
        if word is None:
            text = strings[orth]
            word = remember(_WORDS, orth, (normalize_token(text), _capitalised_text(text)))
        words.append(word)
    return [norm for norm, _ in words], [caps for _, caps in words]


def _capitalised_word(token: Token) -> bool:
    return token.text[:1].isupper() and token.text[-1:].isalpha()


def _span_shape_ok(doc: Doc, start: int, end: int) -> bool:
    """Every word capitalised (connectors like "of", "de" may be lower case inside)."""
    first, last = doc[start], doc[end - 1]
    if not (_capitalised(first) and _capitalised(last)):
        return False
    for token in doc[start + 1 : end - 1]:
        if not (_capitalised(token) or token.is_punct or token.lower_ in NameIndex.CONNECTORS):
            return False
    text = doc[start:end].text
    letters = [c for c in text if c.isalpha()]
    # short names must be written as abbreviations: "UK", "U.S.", not "Us" or "Of"
    return not (len(letters) <= 3 and not all(c.isupper() for c in letters))


def _ent_label(doc: Doc, start: int, end: int) -> tuple[str, Span | None]:
    """The label of the entity that covers the span (or "" when none does).

    Walks the IOB tags around `start`, so the cost is the entity's length, not the doc's.
    """
    label = doc[start].ent_type_
    if not label:
        return "", None
    first = start
    while doc[first].ent_iob_ == "I":
        first -= 1
    last = start + 1
    while last < len(doc) and doc[last].ent_iob_ == "I":
        last += 1
    if end > last:
        return "", None
    if label == "PERSON" and doc[last - 1].lower_ in ADMIN_UNIT_WORDS:
        label = "GPE"  # "Faskari LGA" is a unit, not a person
    return label, doc[first:last]


def _tight_hyphen(doc: Doc, token: Token) -> bool:
    """A hyphen inside a word ("Winston-Salem"): no space on either side."""
    return (
        token.text in ("-", "‐", "–")
        and token.i > 0
        and not doc[token.i - 1].whitespace_
        and not token.whitespace_
    )


def _longest(matches: list[tuple[int, int, NameInfo]]) -> list[tuple[int, int, NameInfo]]:
    """Leftmost-longest matches that do not overlap."""
    out: list[tuple[int, int, NameInfo]] = []
    last_end = -1
    for start, end, info in sorted(matches, key=lambda m: (m[0], -m[1])):
        if start >= last_end:
            out.append((start, end, info))
            last_end = end
    return out


def _names_its_unit(doc: Doc, end: int, info: NameInfo) -> bool:
    """A unit's name followed by its capitalised unit word ("Unity State", "Lakes State",
    "Bay Region"): the unit, even when the name is an English word."""
    nxt = doc[end] if end < len(doc) else None
    return (
        nxt is not None
        and nxt.text[:1].isupper()
        and nxt.lower_ in ADMIN_UNIT_WORDS
        and info.rank >= MIN_RANK_NOTABLE
        and not info.demonym
    )


def _notable(info: NameInfo, min_pop: int, common: bool = False) -> bool:
    """Notable enough to be taken outside a GPE/LOC entity; never a name that is also an
    English word ("Bell", "Superior", "Energy") unless it is a major place."""
    if common:
        return False
    return info.rank >= MIN_RANK_NOTABLE or info.population >= min_pop


def _notable_after_locative(info: NameInfo, common: bool) -> bool:
    """After "in"/"near", a town of 1,000 people; one named by an English word ("near
    Palmyra", "in Tank") needs to be a town of 20,000, as a name outside any entity does."""
    return _notable(info, MIN_POP_OUTSIDE if common else MIN_POP_IN_CONTAINER)


def _name_heads(doc: Doc) -> frozenset[str]:
    """First words of the document's longer names of things other than places ("Franklin"
    of "Franklin Elementary"): said alone, they stand for that name."""
    return frozenset(
        normalize_token(ent[0].text)
        for ent in doc.ents
        if len(ent) > 1 and ent.label_ not in ("GPE", "LOC") and ent[0].text[:1].isupper()
    )


def _whole_name(doc: Doc, start: int, end: int) -> bool:
    """The span is a name by itself, not the start or end of a longer one ("Franklin
    Elementary", "Dar es Salaam", "the Malaria Alliance")."""
    nxt = doc[end] if end < len(doc) else None
    prev = doc[start - 1] if start > 0 else None
    if nxt is not None and _capitalised_word(nxt):
        return False
    if nxt is not None and nxt.lower_ in NameIndex.CONNECTORS and end + 1 < len(doc):
        after = doc[end + 1]  # "Dar es Salaam", but "Palmyra on Wednesday"
        if _capitalised_word(after) and after.ent_type_ not in ("DATE", "TIME"):
            return False
    return prev is None or not _capitalised_word(prev) or bool(prev.is_sent_start)


def _place_after_locative(doc: Doc, start: int, end: int, ent: Span | None, label: str) -> bool:
    """A known place name that spaCy took for a date or a person, or left untagged ("in
    Turbat", "near Palmyra", "the town of Embu"): right after a locative preposition, the
    name is a place."""
    before = doc[start - 1].lower_ if start > 0 else ""
    if not label and (before in LOCATIVES or _besieged(doc[end - 1])):
        return _whole_name(doc, start, end)  # "In Huliaipole, ...", "entered Debre Werk"
    if label not in MISREAD_ENTS or ent is None or (ent.start, ent.end) != (start, end):
        return False
    return _locative_before(doc, start) or _besieged(doc[end - 1])


#: Verbs whose object is a place, never a person: "shelled Kadugli", "overran Bunagana",
#: "stormed Kamituga", "entered Debre Werk".
SIEGE_VERBS = frozenset({"shell", "bombard", "besiege", "overrun", "recapture", "retake",
                         "encircle", "blockade", "storm", "raid", "enter", "bomb",
                         "occupy"})  # fmt: skip


def _entity_label(ent: Span) -> str:
    """spaCy's label, but a person that is the object of a siege verb is a place
    ("retook Malam Fatori")."""
    return "GPE" if ent.label_ == "PERSON" and _besieged(ent[-1]) else ent.label_


def _besieged(token: Token) -> bool:
    """The name is the object of a verb that only places take ("shelled Kadugli")."""
    verb = token.head
    lemmas = {verb.lemma_.lower(), IRREGULAR_PAST.get(verb.lower_, "")}  # "retook"
    return token.dep_ in ("dobj", "nsubjpass") and not lemmas.isdisjoint(SIEGE_VERBS)


def _locative_before(doc: Doc, start: int) -> bool:
    """A locative preposition before `start` ("in", "near"), or "of" after a settlement
    noun or a compass point ("the town of", "60 km southeast of")."""
    before = doc[start - 1].lower_ if start > 0 else ""
    if before in LOCATIVES:
        return True
    noun = doc[start - 2] if start > 1 else None  # "outskirts" has the lemma "outskirt"
    return (
        before == "of"
        and noun is not None
        and bool({noun.lower_, noun.lemma_.lower()} & OF_PLACE_NOUNS)
    )


def _contained(doc: Doc, start: int, end: int, index: NameIndex) -> bool:
    """ "Mellit (North Darfur)", "Sake (North Kivu)": a container in brackets follows, a
    known place name (its first word, or spaCy's place entity there)."""
    if end + 1 >= len(doc) or doc[end].text != "(" or not _capitalised(doc[end + 1]):
        return False
    after = doc[end + 1]
    if after.text.isupper() or not _whole_name(doc, start, end):
        return False  # "the Malaria Alliance (ALMA)": an acronym, not a container
    if after.ent_type_ in ("GPE", "LOC"):
        return True
    close = next((i for i in range(end + 1, min(end + 6, len(doc))) if doc[i].text in "),"), None)
    if close is None:
        return False
    norm = " ".join(filter(None, (normalize_token(t.text) for t in doc[end + 1 : close])))
    return index.lookup(norm) is not None


def _bracketed_container(doc: Doc, start: int, end: int) -> bool:
    """ "Leer (Unity)", "Tarim (Hadramawt)": the whole bracket after a name, which is the
    name's container (an acronym, "(ALMA)", is not)."""
    if start < 2 or doc[start - 1].text != "(" or end >= len(doc) or doc[end].text not in "),":
        return False
    return _capitalised_word(doc[start - 2]) and not doc[start].text.isupper()


def _short_place_ok(doc: Doc, start: int, end: int) -> bool:
    """A short name ("Wau", "Bor") written as a name right after a locative preposition
    or before its container in brackets, where it cannot be the word "Us" or "Of"; so is
    a short hyphenated one ("near Ye-U")."""
    hyphenated = end - start == 3 and _tight_hyphen(doc, doc[start + 1])
    if end - start != 1 and not hyphenated:
        return False
    if not _capitalised_word(doc[start]) or doc[start].text.isupper():
        return False
    inside = end < len(doc) and doc[end].ent_iob_ == "I" and doc[end].text != "("
    if doc[start].ent_iob_ == "B" and inside:  # not "Bor (Jonglei", run over a bracket
        return False  # the first word of a longer entity ("Abu Shok")
    if end < len(doc) and doc[end].text != "(" and not _whole_name(doc, start, end):
        return False
    return _locative_before(doc, start) or (end < len(doc) and doc[end].text == "(")


def _extends_place_entity(doc: Doc, start: int, end: int) -> bool:
    """A known name of several words of which spaCy saw only a part as a place ("Tal Afar"
    where spaCy tagged "Afar", "Bint Jbeil" where it tagged "Jbeil"): the whole name."""
    if end - start < 2:
        return False
    inside = [doc[i].ent_type_ in ("GPE", "LOC") for i in range(start, end)]
    return any(inside) and not all(inside)


def _major_place(gazetteer: PlaceLookup | None, text: str) -> bool:
    """A country, first-level division or city of 100,000 known by exactly this name."""
    if gazetteer is None:
        return False
    for cand in gazetteer.candidates(text, limit=5, fuzzy=False):
        if getattr(cand, "match", "exact") not in ("exact", "name"):
            continue
        if cand.kind in ("country", "admin1") or (cand.population or 0) >= MIN_POP_COMMON:
            return True
    return False


def _common_word(doc: Doc, start: int, end: int) -> bool:
    """A one-word name that is also an English word (WordNet, from the spaCy model)."""
    return end - start == 1 and doc[start].lower_ in english_words()


def _gazetteer_candidates(
    doc: Doc,
    norms: list[str],
    capitalised: list[bool],
    index: NameIndex,
    persons: _Persons,
    demonyms: bool,
    gazetteer: PlaceLookup | None,
) -> list[_Candidate]:
    out: list[_Candidate] = []
    # only punctuation (empty norm) is looked at for a tight hyphen
    tight = {i for i, n in enumerate(norms) if not n and _tight_hyphen(doc, doc[i])}
    found = index.find(norms, tight, starts=capitalised)
    shaped = [
        m for m in found if _span_shape_ok(doc, m[0], m[1]) or _short_place_ok(doc, m[0], m[1])
    ]
    name_heads = _name_heads(doc)
    ends = {e for _, e, _ in shaped}
    for start, end, info in _longest(shaped):
        norm = " ".join(n for n in norms[start:end] if n)
        if info.demonym:
            if demonyms and end - start == 1 and not _titled(doc, start):
                out.append(_Candidate(start, end, "NORP", 2))
            continue
        bracketed = _bracketed_container(doc, start, end)
        if _names_its_unit(doc, end, info) and not _is_person(doc, start, end, norm, persons):
            out.append(_Candidate(start, end, "GAZ", 3))  # "Unity State", "Lakes State"
            continue
        if end - start == 1 and norm in COMMON_WORDS and not bracketed:
            continue
        label, ent = _ent_label(doc, start, end)
        if _extends_place_entity(doc, start, end) and not _is_person(
            doc, start, end, norm, persons
        ):
            out.append(_Candidate(start, end, "GAZ", 3))
            continue
        common = _common_word(doc, start, end)
        if (
            _place_after_locative(doc, start, end, ent, label)
            and (not common or (_whole_name(doc, start, end) and norm not in name_heads))
            and _notable_after_locative(info, common)
            and not _is_person(doc, start, end, norm, persons)
        ):
            out.append(_Candidate(start, end, "GAZ", 2))
            continue
        if (
            label not in NON_PLACE_ENTS
            and (_contained(doc, start, end, index) or bracketed)
            and _notable(info, MIN_POP_IN_CONTAINER)
            and not _is_person(doc, start, end, norm, persons)
        ):
            out.append(_Candidate(start, end, "GAZ", 2))  # "Mellit (North Darfur)"
            continue
        if label in NON_PLACE_ENTS or _surname(start, end, norm, persons, info):
            continue
        common = _common_word(doc, start, end) and not _major_place(gazetteer, doc[start].text)
        if label in ("GPE", "LOC"):
            if common and ent is not None and (start, end) != _trim(doc, ent.start, ent.end):
                continue  # "Ridge" inside "Blue Ridge Parkway"
            if ent is not None and _tail_of_unknown_name(doc, start, ent, ends):
                continue
            out.append(_Candidate(start, end, "GAZ", 3))
        elif label in CONTAINER_ENTS:
            if _is_person(doc, start, end, norm, persons):
                continue
            if _notable(info, MIN_POP_IN_CONTAINER, common):
                out.append(_Candidate(start, end, "ORG" if label != "FAC" else "FAC", 2))
        elif label == "PERSON":
            if (
                ent is not None
                and (ent.start, ent.end) == _trim(doc, ent.start, ent.end)
                and (ent.start, ent.end) == (start, end)
                and _notable(info, MIN_POP_ON_PERSON, common)
                and not _is_person(doc, start, end, norm, persons)
            ):
                out.append(_Candidate(start, end, "GAZ", 1))
        elif _notable(info, MIN_POP_OUTSIDE, common) and not _is_person(
            doc, start, end, norm, persons
        ):
            out.append(_Candidate(start, end, "GAZ", 1))
    return out


# --- spaCy entities -----------------------------------------------------------------


def _tail_of_unknown_name(doc: Doc, start: int, ent: Span, ends: set[int]) -> bool:
    """The match ends a longer place entity after a capitalised word that is no compass
    prefix nor a known name of its own ("Baru" of "Kebayoran Baru", but not "Jbeil" of
    "Bint Jbeil"): the place is the whole name, which the gazetteer does not know."""
    first, _ = _trim(doc, ent.start, ent.end)
    prev = doc[start - 1] if start > first else None
    return (
        prev is not None
        and _capitalised_word(prev)
        and prev.text not in DIRECTION_PREFIXES
        and start not in ends
    )


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop a leading "the", a trailing "'s" and trailing lower-case words."""
    while start < end and doc[start].text in LEADING_DROP:
        start += 1
    while end > start and (
        doc[end - 1].text in TRAILING_DROP
        or doc[end - 1].is_punct
        or doc[end - 1].text[:1].islower()
    ):
        end -= 1
    return start, end


def _entity_candidates(
    doc: Doc,
    index: NameIndex | None,
    persons: _Persons,
    demonyms: bool,
    gazetteer: PlaceLookup | None,
) -> list[_Candidate]:
    out: list[_Candidate] = []
    for ent in doc.ents:
        label = _entity_label(ent)
        if label not in PLACE_ENTS and not (demonyms and label == "NORP"):
            continue
        start, end = _trim(doc, ent.start, ent.end)
        if start >= end:
            continue
        norm = " ".join(filter(None, (normalize_token(t.text) for t in doc[start:end])))
        if norm in COMMON_WORDS:
            continue
        if label == "NORP":
            info = index.lookup(norm) if index is not None else None
            if info is not None and info.demonym and end - start == 1:
                out.append(_Candidate(start, end, "NORP", 2))
            continue
        if _is_person(doc, start, end, norm, persons) or norm in persons.full:
            continue
        info = index.lookup(norm) if index is not None else None
        if _surname(start, end, norm, persons, info):
            continue
        if index is not None and label in UNKNOWN_DROPPED and index.lookup(norm) is None:
            if _small_town(gazetteer, label, doc[start:end].text):
                out.append(_Candidate(start, end, label, 3))  # over a part ("Afar")
            continue  # names the gazetteer does not know: people, products, buildings
        out.append(_Candidate(start, end, label, 0))
    return out


def _small_town(gazetteer: PlaceLookup | None, label: str, text: str) -> bool:
    """A GPE, or a facility's name of several words, that names exactly a town too small
    for the name index ("Tal Afar"; "Bint Jbeil", which spaCy may take for a facility)."""
    if gazetteer is None or not (label == "GPE" or (label == "FAC" and " " in text)):
        return False
    cands = gazetteer.candidates(text, limit=1, fuzzy=False)
    return bool(cands) and getattr(cands[0], "match", "exact") in ("exact", "name", "alias")


def _disease_name(doc: Doc, cand: _Candidate) -> bool:
    """ "West Nile virus", "Marburg fever": the place name names a disease."""
    nxt = doc[cand.end] if cand.end < len(doc) else None
    return nxt is not None and nxt.lower_ in DISEASE_WORDS and nxt.text.islower()


def _state_abbreviations(doc: Doc, norms: list[str], merged: list[_Candidate]) -> list[_Candidate]:
    """US state abbreviations: dotted ones anywhere ("W.Va.", "Tenn."), the others
    ("Ind.", "Mass.", "PA") only right after "Place," ("Gainesville, Ga.")."""
    ends = {c.end for c in merged}
    out = []
    for i, norm in enumerate(norms):
        key = norm.replace(" ", "")
        if key not in US_STATE_NAMES or not doc[i].text[:1].isupper():
            continue
        token = doc[i]
        after_place = token.i >= 2 and doc[token.i - 1].text == "," and token.i - 1 in ends
        dotted = "." in token.text and key in DOTTED_STATE_ABBREVIATIONS
        if after_place and (token.text.isupper() or "." in token.text) or dotted:
            out.append(_Candidate(token.i, token.i + 1, "GAZ", 0))
    return out


def _extend(doc: Doc, merged: list[_Candidate]) -> list[_Candidate]:
    """Take a direction word before ("North Texas") and feature words after ("Wichita
    Drive", "Monongahela National Forest") into a place name's span."""
    bare = {c.start for c in merged if _feature_words_only(doc, c)}  # "Islands" alone
    used = {i for c in merged if c.start not in bare for i in range(c.start, c.end)}
    out = []
    for cand in merged:
        start, end = cand.start, cand.end
        if cand.label != "NORP" and cand.start not in bare:
            if start > 0 and doc[start - 1].text in DIRECTION_PREFIXES and start - 1 not in used:
                start -= 1
            for size in (2, 1):
                tail = doc[end : end + size]
                if (
                    len(tail) == size
                    and tail[-1].text in FEATURE_SUFFIXES
                    and all(_capitalised(t) for t in tail)
                    and not any(t.i in used for t in tail)
                ):
                    end += size
                    break
        out.append(_Candidate(start, end, cand.label, cand.priority))
    taken = {i for c in out if c.start not in bare for i in range(c.start, c.end)}
    return [c for c in out if c.start not in bare or c.start not in taken]


def _feature_words_only(doc: Doc, cand: _Candidate) -> bool:
    """A candidate of feature words alone ("Islands" after "the Galápagos"): the tail of
    the name before it, when that name takes it."""
    return all(doc[i].text in FEATURE_SUFFIXES for i in range(cand.start, cand.end))


# --- merge and propagation ----------------------------------------------------------


def _merge(found: list[_Candidate]) -> list[_Candidate]:
    """Non-overlapping candidates: higher priority, then longer, then earlier wins."""
    ranked = sorted(found, key=lambda c: (-c.priority, -(c.end - c.start), c.start))
    taken: list[_Candidate] = []
    used: set[int] = set()
    for cand in ranked:
        tokens = set(range(cand.start, cand.end))
        if tokens & used:
            continue
        used |= tokens
        taken.append(cand)
    return sorted(taken, key=lambda c: c.start)


def _propagate(
    doc: Doc, norms: list[str], merged: list[_Candidate], persons: _Persons, demonyms: bool
) -> list[_Candidate]:
    """One sense per discourse: other capitalised occurrences of a recognised name."""
    names: dict[tuple[str, ...], str] = {}
    for cand in merged:
        key = tuple(norms[cand.start : cand.end])
        names.setdefault(key, cand.label)
    if not names:
        return merged
    used = {i for c in merged for i in range(c.start, c.end)}
    written = {doc[c.start : c.end].text for c in merged}
    extra: list[_Candidate] = []
    longest = max(len(k) for k in names)
    firsts = {k[0] for k in names}
    i = 0
    while i < len(doc):
        if norms[i] not in firsts:
            i += 1
            continue
        for size in range(min(longest, len(doc) - i), 0, -1):
            key = tuple(norms[i : i + size])
            label = names.get(key)
            if label is None or any(j in used for j in range(i, i + size)):
                continue
            if not _span_shape_ok(doc, i, i + size) and not (
                _capitalised(doc[i]) and doc[i : i + size].text in written
            ):  # a short name ("Bor") is taken again only as it was written
                continue
            ent_label, _ = _ent_label(doc, i, i + size)
            if ent_label in NON_PLACE_ENTS:
                continue
            norm = " ".join(filter(None, key))
            if _is_person(doc, i, i + size, norm, persons):
                continue
            if label == "NORP" and not demonyms:
                continue
            extra.append(_Candidate(i, i + size, label, 0))
            used.update(range(i, i + size))
            i += size - 1
            break
        i += 1
    return sorted(merged + extra, key=lambda c: c.start)
