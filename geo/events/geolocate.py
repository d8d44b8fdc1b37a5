"""Where an event happened: choose among the places the sentence and its neighbours name.

Tiers, best first (`Location.rung` records which, `Event.location_reason` says it in words):
1. a place in a locative role ("in", "at", "near", "off", "to" after a verb of motion...)
   inside the event's own clause — "Trump sent eight warships to the southern Caribbean";
   a town placed directly beats a destination or a road's name, a named province, or a
   container a partial or foreign name stands in;
2. a locative place elsewhere in the sentence;
3. the whole country when the sentence spreads the event over it ("across the country");
4. for statements and government acts, the seat of the actor ("the White House said" ->
   Washington, "the Venezuelan government released" -> Caracas);
5. a locative place in the neighbouring sentences (events at sea prefer seas);
6. a place the sentence names otherwise, a town naming a local force, the article's lead
   place, then the article's main country.
A place of origin ("drugs from Venezuela") or a place that only qualifies a person
("US President") is not where the event happened. Qualified places become the
gazetteer's derived areas: "southern Caribbean", "off the coast of Venezuela" (ACLED's
"Coast of X" for territorial waters), "the Venezuelan coast", "the X-Y border".
ACLED geo_precision: 1 town or landmark, 2 part of a region (derived area, district),
3 a larger region (province, country, sea).
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, replace
from functools import cached_property

from spacy.tokens import Doc, Span, Token

from gazetteer.geodesy import EARTH_RADIUS_KM, destination, haversine_km
from gazetteer.lookup import PlaceLookup
from gazetteer.places import Candidate
from geo.events.datelines import in_dateline
from geo.events.taxonomy import BEARINGS
from geo.model import Place, Toponym, place_of
from geo.placenames import spelling_of

# fmt: off
LOCATIVE = {"in", "at", "near", "off", "across", "inside", "outside", "around", "throughout",
            "along", "within", "over", "into", "toward", "towards", "on", "onto", "outskirts",
            "between", "through", "beyond", "close", "to"}
# fmt: on
# fmt: off
MOTION = {"send", "deploy", "dispatch", "flee", "move", "march", "sail", "fly", "travel",
          "escape", "head", "arrive", "return", "go", "station", "position"}
# fmt: on
# fmt: off
DIRECTIONS = {"northern", "southern", "eastern", "western", "central", "north-eastern",
              "north-western", "south-eastern", "south-western", "northeastern",
              "northwestern", "southeastern", "southwestern"}
# fmt: on
# fmt: off
DIRECTION_NORMAL = {"northeastern": "north-eastern", "northwestern": "north-western",
                    "southeastern": "south-eastern", "southwestern": "south-western"}
# fmt: on
# fmt: off
SPECIFICITY = {"landmark": 0, "city": 0, "admin2": 1, "derived": 2, "admin1": 3, "sea": 4,
               "region": 5, "country": 6}
# fmt: on
# fmt: off
PRECISION = {"landmark": 1, "city": 1, "admin2": 2, "derived": 2, "admin1": 3, "sea": 3,
             "region": 3, "country": 3}
# fmt: on
# fmt: off
AREA_NOUNS = {"coast", "outskirts", "outskirt", "waters", "shore", "north", "south", "east",
              "west", "border", "part", "area", "region", "centre", "center", "city", "town",
              "village", "district", "province", "state", "county", "neighbourhood",
              "neighborhood", "suburb", "camp", "municipality", "streets", "street", "valley",
              "zone", "locality", "commune", "sector", "territory", "department", "governorate",
              "oblast", "forest", "hill", "mountain", "countryside", "vicinity", "environs",
              "quarter", "axis", "road", "highway", "route", "junction", "frontier", "lga",
              "cercle", "woreda", "prefecture", "division", "subcounty", "tehsil", "upazila",
              "township", "island", "port", "harbour", "harbor", "market", "settlement",
              "hamlet", "enclave", "corridor", "periphery", "heart", "downtown",
              "capital", "raion", "rayon", "emirate", "chiefdom", "ward", "entrance", "gate",
              "hinterland", "stronghold", "bastion", "heartland", "fiefdom",
              "gates", "edge", "side", "end", "approach", "approaches"}
# fmt: on
# Sites inside a town: "near Mogadishu's airport", "outside the Quetta press club" are in
# the town (a locative climbs through them as through area nouns).
# fmt: off
SITES = {"airport", "prison", "hospital", "club", "compound", "refinery", "university",
         "square", "stadium", "monument", "park", "palace", "embassy", "roundabout", "plaza",
         "campus", "cathedral", "temple", "shrine", "mall", "avenue", "boulevard", "museum"}
# fmt: on
# Buildings and works a town's name qualifies: "the Zliten police station" is in Zliten,
# but "a US air base in Qatar" is not in the US (no locative climbs through these).
# fmt: off
FACILITIES = SITES | {"airbase", "camp", "jail", "base", "building", "station", "office",
                      "headquarters", "checkpoint", "bridge", "school", "mosque", "church",
                      "court", "barracks", "garrison", "hotel", "parliament"}
# fmt: on
#: Compass points a distance is measured along ("30 km northeast of X" is near X), also
#: hyphenated ("north-east").
COMPASS = set(BEARINGS) | {p[:5] + "-" + p[5:] for p in BEARINGS if len(p) > 5}
#: Compass points as field notes abbreviate them ("~20 km S of Djibo"), capitals only.
POINTS = frozenset({"N", "S", "E", "W", "NE", "NW", "SE", "SW"})
CLIMBED = AREA_NOUNS | SITES  # nouns a place mention's role climbs through
TOWN_NOUNS = frozenset({"town", "city", "village"})  # "the town of Sennar" is no province
ENTRANCES = frozenset({"entrance", "gate", "approach", "access"})  # "the entrance to X": at X
QUALIFIED = AREA_NOUNS | FACILITIES  # nouns a place may qualify and stay a place
CONTAINER_WINDOW = 6  # tokens after a town in which "X, Province" or "X (District)" follows
# "Residents of X": the people of a place, where their protest or riot happens.
# fmt: off
RESIDENTS = {"resident", "inhabitant", "villager", "people", "youth", "townspeople",
             "population", "citizen"}
# fmt: on
# fmt: off
NEAR = {"near", "outside", "around", "outskirts", "outskirt", "close", "beyond", "vicinity",
        "between"}
# fmt: on
# fmt: off
OBJECT_KINDS = {"territory", "air_strike", "air_strike_by", "shelling", "clash",
                "naval_arrival"}  # "seized X", "entered the Caribbean Sea"
# fmt: on
#: Verbs whose object is where they happened, whatever the event: "stormed Debre Werk and
#: killed three traders", "entered X and set fire to shops".
# fmt: off
SCENE_VERBS = frozenset({"storm", "enter", "raid", "overrun", "invade", "besiege", "surround",
                         "encircle", "shell", "bomb", "pound", "strike", "hit", "attack",
                         "capture", "seize", "occupy", "infiltrate"})
# fmt: on
FROM_KINDS = {"transfer", "territory"}  # "withdrew from X", "drove them out of X": at X
MARITIME_KINDS = {"boat_strike", "ship_shelled", "naval_deployment", "naval_arrival"}
SEA_LIKE = ("sea", "derived", "region")
SEA_KINDS = MARITIME_KINDS | {"deployment"}  # a region that is also a sea means the sea
# fmt: off
SEAT_KINDS = {"letter", "statement", "rejection", "rejection_talks", "talks_offer", "talks",
              "accusation", "appeal", "demand", "threat", "sanctions", "agreement"}
# fmt: on
#: Protests, riots and their dispersal: they gather at the seat of a national body.
GATHERING_KINDS = frozenset(
    {"crackdown", "riot", "stone_throwing", "mob", "dispersal", "protest", "gathering"}
)
#: National bodies that sit in the capital, and the word that makes each one national.
SEATS_OF_STATE = {"parliament": None, "congress": None, "senate": None,
                  "assembly": "national", "palace": "presidential"}  # fmt: skip
#: Capitals of countries often in conflict news (ISO2 -> GeoNames name); the gazetteer
#: resolves the name. TODO(gazetteer): replace with a `capital(iso2)` lookup.
# fmt: off
CAPITALS = {
    "US": "Washington", "VE": "Caracas", "CO": "Bogota", "MX": "Mexico City", "CU": "Havana",
    "RU": "Moscow", "UA": "Kyiv", "IL": "Jerusalem", "PS": "Ramallah", "IR": "Tehran",
    "IQ": "Baghdad", "SY": "Damascus", "YE": "Sanaa", "SD": "Khartoum", "SO": "Mogadishu",
    "NG": "Abuja", "ML": "Bamako", "KE": "Nairobi", "ET": "Addis Ababa", "CD": "Kinshasa",
    "AF": "Kabul", "PK": "Islamabad", "IN": "New Delhi", "CN": "Beijing", "MM": "Naypyidaw",
    "FR": "Paris", "GB": "London", "ES": "Madrid", "TR": "Ankara", "LB": "Beirut",
    "LY": "Tripoli", "HT": "Port-au-Prince", "BR": "Brasilia", "BD": "Dhaka", "PH": "Manila",
    "EG": "Cairo", "BF": "Ouagadougou", "NE": "Niamey", "CM": "Yaounde", "MZ": "Maputo",
    "PE": "Lima", "EC": "Quito", "CL": "Santiago", "AR": "Buenos Aires", "BO": "La Paz",
    "NI": "Managua", "GE": "Tbilisi", "AM": "Yerevan", "AZ": "Baku", "RS": "Belgrade",
    "DE": "Berlin", "TT": "Port of Spain", "GY": "Georgetown", "SS": "Juba", "TD": "N'Djamena",
    "CF": "Bangui", "SA": "Riyadh", "AE": "Abu Dhabi", "QA": "Doha", "JO": "Amman",
    "KP": "Pyongyang", "KR": "Seoul", "TW": "Taipei", "JP": "Tokyo", "TH": "Bangkok",
}
# fmt: on


#: Below this resolver score a lone place in a country the article names nowhere else is
#: a stray reading (`PlaceIndex.strays`).
STRAY_SCORE = 0.75
STRAY_QUORUM = 3  # names that must agree on another country
STRAY_KM = 1500.0  # and its distance from every other place named
STRAY_ALIAS_KM = 400.0  # a town read through another of its names, from every other town
KM_PER_DEGREE = EARTH_RADIUS_KM * math.pi / 180  # of latitude: no two points nearer in it
STRAY_ALIAS_POPULATION = 100_000  # and smaller than a city ("Kiev" for Kyiv is never a stray)
TOWNS = frozenset({"city", "landmark"})
#: The rungs of the placement ladder, best first (`Location.rung`).
# fmt: off
RUNGS = ("event clause", "subordinate clause", "same sentence", "seat of the actor",
         "neighbouring sentence", "named in the sentence", "local body", "lead place",
         "town of the article", "country", "none")
# fmt: on
#: Rungs that name a place of the event's own sentence.
IN_SENTENCE_RUNGS = frozenset(
    {"event clause", "subordinate clause", "same sentence", "named in the sentence"}
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Location:
    """The chosen place with ACLED geo_precision, the ladder's rung that chose it (one of
    `RUNGS`) and why, in words."""

    place: Place | None
    geo_precision: int
    reason: str
    rung: str = "none"

    @property
    def in_sentence(self) -> bool:
        """Whether the event's own sentence named the place."""
        return self.rung in IN_SENTENCE_RUNGS


Lead = dict[str, Toponym | None]
"""An article's lead place for each kind of event (`detect.lead_places`)."""


@dataclass
class PlaceIndex:
    """The article's toponyms by sentence, built once per article (per window of a long
    one, which takes the article's `lead`)."""

    doc: Doc
    toponyms: list[Toponym]
    gazetteer: PlaceLookup | None
    lead: Lead | None = None

    def in_span(self, span: Span) -> list[tuple[Toponym, Token]]:
        found = []
        for top in self.toponyms:
            if top.mention.text in self.strays:
                continue
            if span.start_char <= top.mention.start < span.end_char:
                tok = self.doc.char_span(
                    top.mention.start, top.mention.end, alignment_mode="expand"
                )
                if tok is not None and len(tok):
                    found.append((top, tok.root))
        return found

    def token_indices(self) -> set[int]:
        """Indices of the tokens inside toponym mentions."""
        found: set[int] = set()
        for top in self.toponyms:
            span = self.doc.char_span(top.mention.start, top.mention.end, alignment_mode="expand")
            found.update(tok.i for tok in span or ())
        return found

    @cached_property
    def focus_country(self) -> str | None:
        """The country the article's places are most often in (nationalities and names
        that qualify people or groups do not count)."""
        counts: Counter[str] = Counter()
        for top in self.toponyms:
            span = self.doc.char_span(top.mention.start, top.mention.end, alignment_mode="expand")
            if top.place.country and span is not None and len(span) and placelike(top, span.root):
                counts[top.place.country] += 1
        return min(counts, key=lambda c: (-counts[c], c)) if counts else None

    @cached_property
    def focus_town(self) -> Toponym | None:
        """The town the article names more often than any other, at least twice, in the
        country it is about ("Kathmandu" in a story told street by street): where an event
        placed nowhere closer happened, rather than the whole country."""
        towns = Counter(
            t.place.id
            for t in self.toponyms
            if t.place.kind == "city" and t.place.country == self.focus_country
        )
        ranked = towns.most_common(2)
        if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
            return None
        return next(t for t in self.toponyms if t.place.id == ranked[0][0])

    @cached_property
    def strays(self) -> frozenset[str]:
        """Names read, without confidence, as a place in a country no other name of the
        article is in and far from all of them, while three or more agree on another
        country ("the Gazela bridge over the Sava" in a Serbian story read as
        Madagascar's Sava region): a river or a site the gazetteer lacks, not where an
        event happened; and the `_far_aliases`."""
        names_by_country: dict[str, set[str]] = {}
        for top in self.toponyms:
            if top.place.country:
                names_by_country.setdefault(top.place.country, set()).add(top.mention.text)
        if max(map(len, names_by_country.values()), default=0) < STRAY_QUORUM:
            return self._far_aliases()
        by_name = {top.mention.text: top for top in self.toponyms}  # one place per name
        lone = frozenset(
            name
            for name, top in by_name.items()
            if top.score < STRAY_SCORE
            and top.place.kind not in ("country", "sea")
            and names_by_country.get(top.place.country or "", set()) == {name}
            and top.place.lat is not None
            and self._alone_within(name, top.place, STRAY_KM)
        )
        return lone | self._far_aliases()

    def _far_aliases(self) -> frozenset[str]:
        """Names read through another name of a town that is no city ("Beyazıt" for
        Doğubayazıt) more than `STRAY_ALIAS_KM` from every other town the article names:
        a neighbourhood or site of those towns that the gazetteer lacks."""
        towns = {  # one place per name (one sense per discourse): a long text repeats them
            t.mention.text: t.place
            for t in self.toponyms
            if t.place.kind in TOWNS and t.place.lat is not None
        }
        if len(towns) < 2:
            return frozenset()
        return frozenset(
            name
            for name, place in towns.items()
            if place.population < STRAY_ALIAS_POPULATION
            and not spelling_of(name, place.name)
            and self._alone_within(name, place, STRAY_ALIAS_KM, TOWNS)
        )

    @cached_property
    def _by_latitude(self) -> tuple[list[float], list[tuple[str, Place]]]:
        """The article's places with a point, one per name, sorted by latitude."""
        unique = {t.mention.text: t.place for t in self.toponyms if t.place.lat is not None}
        items = sorted(unique.items(), key=lambda item: item[1].lat or 0.0)
        return [place.lat or 0.0 for _, place in items], items

    def _alone_within(
        self, name: str, place: Place, km: float, kinds: frozenset[str] | None = None
    ) -> bool:
        """No other place the article names (of `kinds`) lies within `km` of `place`: only
        the places in the latitude band `km` wide are measured, so a long list of places
        costs n log n, not n squared."""
        lats, items = self._by_latitude
        band = km / KM_PER_DEGREE
        lat = place.lat or 0.0
        nearby = items[bisect_left(lats, lat - band) : bisect_right(lats, lat + band)]
        return not any(
            other_name != name
            and (kinds is None or other.kind in kinds)
            and haversine_km(place.lon, place.lat, other.lon, other.lat) <= km
            for other_name, other in nearby
        )

    def country_place(self, iso2: str) -> Place | None:
        for top in self.toponyms:
            if top.place.kind == "country" and top.place.country == iso2:
                return top.place
        found = self.gazetteer.country(iso2) if self.gazetteer is not None else None
        return place_of(found) if found is not None else None

    def capital(self, iso2: str) -> Place | None:
        return _capital(self.gazetteer, iso2) if self.gazetteer is not None else None


def _capital(gazetteer: PlaceLookup, iso2: str) -> Place | None:
    """The capital of a country: the gazetteer's `capital` (PPLC), else the name table."""
    found = gazetteer.capital(iso2)
    if found is not None:
        return place_of(found)
    name = CAPITALS.get(iso2)
    return _city(gazetteer, name, iso2) if name else None


def _city(gazetteer: PlaceLookup, name: str, country: str) -> Place | None:
    """A city of that name in that country (its capital first), if the gazetteer has one."""
    try:
        cands = gazetteer.candidates(name, country=country, kinds=["city"], limit=5)
    except Exception:  # noqa: BLE001 - a missing store must not stop event extraction
        return None
    cands = [c for c in cands if c.country == country] or cands
    best = next((c for c in cands if (c.feature_code or "").startswith("PPLC")), None)
    best = best or (cands[0] if cands else None)
    return place_of(best) if best is not None else None


def _bare(text: str) -> str:
    """A place name as written, without a leading article: "the Caribbean" -> "Caribbean"."""
    return text[4:] if text.lower().startswith("the ") else text


def _role(token: Token) -> tuple[str | None, Token | None]:
    """(preposition, the token the prepositional phrase attaches to) of a place mention; a
    container in apposition takes the role of what it contains ("in the village of Anyidi
    (Bor South county, Jonglei)")."""
    cur, apposed = token, False
    for _ in range(4):
        if (
            cur.dep_ in ("compound", "amod", "nmod", "poss", "appos", "conj")
            and cur.head.i != cur.i
        ):
            apposed = apposed or cur.dep_ in ("appos", "conj")
            cur = cur.head
            if cur.dep_ == "pobj":
                break
            if cur.lemma_.lower() in CLIMBED:
                continue  # "Dangila town", "the Kyiv region", "the coast of X"
            return None, cur
        break
    if cur.i != token.i and cur.lemma_.lower() not in CLIMBED and not apposed:
        return None, None  # "a US air base in Qatar", "the South American country"
    if cur.dep_ == "dobj":
        return "dobj", cur.head  # "seized Damascus": where, for kinds that take a place
    if cur.dep_ == "pobj" and cur.head.dep_ in ("prep", "agent", "dative"):
        prep = cur.head
        if prep.lower_ == "of" and prep.head.lemma_.lower() == "control":
            return "dobj", prep.head.head  # "took control of Tarim": as "seized Tarim"
        if prep.lower_ == "of" and prep.head.lower_ == "out":
            return "from", prep.head.head  # "drove the rebels out of Umm Ruwaba"
        if prep.lower_ == "of" and (prep.head.lower_ in COMPASS or prep.head.text in POINTS):
            return "near", prep.head.head  # "30 km northeast of Jilib", "west of Hodeidah"
        if prep.head.lower_ in ("of",) and prep.head.dep_ == "prep":
            return _role(prep.head.head)
        entrance = prep.lower_ == "to" and prep.head.lemma_.lower() in ENTRANCES
        if (prep.lower_ == "of" and prep.head.lemma_.lower() in CLIMBED) or entrance:
            outer = prep.head
            if outer.dep_ == "pobj" and outer.lemma_.lower() == "street":
                return "in", outer.head.head  # "took to the streets of Wau": in Wau
            if outer.dep_ == "pobj":
                return _role(outer)  # "in the centre of X"; "took control of the centre of X"
            return "in", outer.head
        return prep.lower_, prep.head
    return None, None


#: Prepositions that make a place locative whatever the parse says ("Near Tulkarm, ...",
#: where spaCy reads "Near" as part of a name).
LEADING_PREPS = frozenset({"in", "near", "at", "outside", "inside", "around"})


def _place_role(top: Toponym, token: Token) -> tuple[str | None, Token | None]:
    """`_role`, or the preposition written right before the name when the parser hung
    none on it: the name is then locative to what the name itself attaches to."""
    prep, head = _role(token)
    if prep is not None:
        return prep, head
    span = token.doc.char_span(top.mention.start, top.mention.end, alignment_mode="expand")
    before = token.doc[span.start - 1] if span is not None and span.start > 0 else None
    if before is not None and before.dep_ == "prep" and _objectless(before):
        return before.lower_, before.head  # "In Cap-Haïtien, demonstrators ...": the parser
        # gave the name to the subject and left "In" with no object
    if before is None or before.lower_ not in LEADING_PREPS or before.dep_ == "prep":
        return prep, head
    if token.head.i == token.i or token.dep_ in ("compound", "amod", "poss", "nmod"):
        return prep, head
    return before.lower_, token.head


def _objectless(prep: Token) -> bool:
    """A locative preposition the parser left with no object."""
    return prep.lower_ in LOCATIVE and not any(c.dep_ in ("pobj", "pcomp") for c in prep.children)


def _dateline(top: Toponym, token: Token) -> bool:
    """The name is a dateline's place ("KISANGANI — Residents stormed")."""
    span = token.doc.char_span(top.mention.start, top.mention.end, alignment_mode="expand")
    return span is not None and top.mention.text.isupper() and in_dateline(span)


def _qualifier(token: Token, top: Toponym) -> str | None:
    """ "southern" in "the southern Caribbean"; "coast"/"off-coast" for coastal phrases.
    A word of the name itself qualifies nothing ("Central African Republic")."""
    for child in token.children:
        low = child.lower_
        if top.mention.start <= child.idx < top.mention.end:
            continue
        if child.dep_ in ("amod", "compound") and low in DIRECTIONS:
            return DIRECTION_NORMAL.get(low, low)
    head = token.head
    while head.dep_ == "prep" and head.lower_ == "of":
        head = head.head
    if head.lemma_.lower() in ("coast", "shore", "waters", "coastline"):
        prep = head.head if head.dep_ == "pobj" else None
        return "off-coast" if prep is not None and prep.lower_ == "off" else "coast"
    if token.dep_ in ("amod", "compound") and token.head.lemma_.lower() in ("coast", "shore"):
        prep = token.head.head if token.head.dep_ == "pobj" else None
        return "off-coast" if prep is not None and prep.lower_ == "off" else "coast"
    if token.dep_ == "pobj" and token.head.lower_ == "off":
        return "off-coast"
    return None


#: Nouns a country names without being where they are: "the Algerian border", "the
#: Chadian embassy", "the border with Mali".
BESIDE_NOUNS = frozenset({"border", "frontier", "embassy", "consulate"})


def _country_beside(top: Toponym, token: Token, found: list[tuple[Toponym, Token]]) -> bool:
    """A country named as the other side of a border ("a town on the Algerian border",
    "near the border with Mali") or as an embassy's owner ("outside the Chadian embassy")
    is not where the event happened; "the Mali-Niger border" has both sides."""
    if top.place.kind != "country":
        return False
    head = token.head
    if token.dep_ == "pobj" and head.lower_ == "with":
        head = head.head
    elif token.dep_ not in ("amod", "compound", "poss", "nmod"):
        return False
    noun = head.lemma_.lower()
    if noun not in BESIDE_NOUNS:
        return False
    both_sides = any(
        t.place.kind == "country" and tok.i != token.i and tok.head.i == head.i for t, tok in found
    )
    return noun in ("embassy", "consulate") or not both_sides


def _border_partner(
    token: Token, index: PlaceIndex, found: list[tuple[Toponym, Token]]
) -> Toponym | None:
    """The other side of "the Mali-Niger border" / "the border between X and Y"."""
    border = next((t for t in [token.head, token.head.head] if t.lemma_.lower() == "border"), None)
    if border is None:
        return None
    for other, tok in found:
        if tok.i != token.i and (
            tok.head.i == border.i or tok.head.head.i == border.i or tok.head.i == token.i
        ):
            return other
    return None


def sea_of(top: Toponym, gazetteer: PlaceLookup | None) -> Place | None:
    """The sea a maritime event's place name means ("the Caribbean" region -> the
    Caribbean Sea): a sea among the resolver's alternatives, else a sea of that name."""
    if top.place.kind in ("sea", "derived") or gazetteer is None:
        return None
    try:
        for alt in top.alternatives:
            cand = gazetteer.get(alt)
            if cand is not None and cand.kind == "sea":
                return place_of(cand)
        cands = gazetteer.candidates(top.mention.text, kinds=["sea"], limit=1)
    except Exception:  # noqa: BLE001 - no store: keep the resolver's place
        return None
    return place_of(cands[0]) if cands and top.place.kind in ("region", "sea") else None


# fmt: off
ADMIN_NOUNS = {"state": "admin1", "province": "admin1", "region": "admin1", "oblast": "admin1",
               "governorate": "admin1", "department": "admin1", "district": "admin2",
               "county": "admin2", "prefecture": "admin1", "lga": "admin2", "cercle": "admin2",
               "township": "admin2", "agency": "admin2", "territory": "admin2",
               "tehsil": "admin2", "upazila": "admin2", "municipality": "admin2"}
# fmt: on


def _admin_variant(top: Toponym, unit: Token, index: PlaceIndex) -> Place | None:
    """ "Kaduna state", "the Kyiv region", "the municipality of Argelia": the unit the
    noun `unit` names, not the city (or the country, "Argelia" being Spanish for Algeria)
    of that name; of several, the one nearest the article's other places ("Bijapur
    district" in a story about Bastar, not Karnataka's)."""
    want = ADMIN_NOUNS.get(unit.lemma_.lower())
    if want is None or top.place.kind in ("admin1", "admin2", want):
        return None
    country = None if top.place.kind == "country" else top.place.country
    return _nearest_namesake(top, want, country, index)


def _town_variant(top: Toponym, unit: Token, index: PlaceIndex) -> Place | None:
    """ "the town of Sennar" where the name was read as Sennar state: the town of that
    name in the same country, the one nearest the article's other places."""
    if unit.lemma_.lower() not in TOWN_NOUNS or top.place.kind not in ("admin1", "admin2"):
        return None
    return _nearest_namesake(top, "city", top.place.country, index)


def _nearest_namesake(
    top: Toponym, kind: str, country: str | None, index: PlaceIndex
) -> Place | None:
    """The gazetteer's place of `kind` named as `top` (in `country` when given) nearest
    the article's other places; none without a candidate, or without a place to measure
    from when no country narrows the search."""
    if index.gazetteer is None:
        return None
    try:
        cands = index.gazetteer.candidates(top.mention.text, country=country, kinds=[kind], limit=5)
    except Exception:  # noqa: BLE001 - keep the resolver's place
        return None
    others = [t.place for t in index.toponyms if t.mention.text != top.mention.text]
    near = [p for p in others if p.lat is not None and p.kind != "country"]
    if not cands or (country is None and not near):
        return None
    return place_of(min(cands, key=lambda c: _distance_to(c, near)))


def _unit_noun(token: Token) -> Token | None:
    """The noun a name is the unit of: "Kaduna state", "the municipality of Argelia"."""
    if token.dep_ == "compound":
        return token.head
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.i != token.head.i:
        return token.head.head
    return None


def _named_unit(token: Token) -> bool:
    """The name is a province's or a district's ("Donetsk oblast", "the district of X")."""
    unit = _unit_noun(token)
    return unit is not None and unit.lemma_.lower() in UNIT_SUFFIXES


def _distance_to(cand: Candidate, places: list[Place]) -> float:
    """The candidate's distance to the nearest of `places` (0 when there are none)."""
    return min((haversine_km(cand.lon, cand.lat, p.lon, p.lat) for p in places), default=0.0)


#: Roads named after the town they lead to ("the Juba road" runs out of Bor).
ROUTE_NOUNS = frozenset({"road", "highway"})


def _road_to(token: Token, found: list[tuple[Toponym, Token]]) -> bool:
    """ "near the Juba road": a road named after the one town it leads to (but the
    "Gusau-Tsafe road" runs between two named places, and is theirs)."""
    road = token.head
    if token.dep_ != "compound" or road.lemma_.lower() not in ROUTE_NOUNS:
        return False
    return not any(t.i != token.i and road.i in (t.head.i, t.head.head.i) for _, t in found)


#: Prepositions of a place that is a destination or an origin, never a container
#: ("near Kyaukme on the highway to China").
ROUTE_PREPS = frozenset({"to", "toward", "towards", "from", "into"})


def _container_elsewhere(
    top: Toponym, token: Token, found: list[tuple[Toponym, Token]]
) -> Toponym | None:
    """A place resolved in another country than the places that follow it as its container
    ("near Mansi, Kachin State" read as Muncie, US; "Al-Wadi (Mudiyah district, Abyan)"),
    or matched by only part of its name, is a guess: the most specific container holds the
    event. A container spaCy took for an organisation ("(Al Bayda district)") is still
    one; a possessor ("Chattogram's Halishahar") contains what follows it."""
    if top.place.kind in ("country", "sea", "region", "derived") or not top.place.country:
        return None
    if token.dep_ == "poss":
        return None  # "Chattogram's Halishahar area": what follows is inside it
    others = [
        t
        for t, tok in found
        if token.i < tok.i <= token.i + CONTAINER_WINDOW
        and t.place.country
        and (placelike(t, tok) or t.mention.label == "ORG")
        and not _route_end(tok)
        and not _country_beside(t, tok, found)
        and not _listed_after(token, tok)
    ]
    countries = {t.place.country for t in others}
    if len(countries) != 1:
        return None
    if top.place.country in countries and not _part_of_longer_name(top, token):
        return None
    return min(others, key=lambda t: (_rank(t.place), t.mention.start))


def _route_end(token: Token) -> bool:
    """ "links Addis Ababa to Djibouti", "to the port of Djibouti": where a road or a
    journey ends, not a container."""
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.dep_ == "pobj":
        token = token.head.head
    return token.dep_ == "pobj" and token.head.lower_ in ROUTE_PREPS


def _listed_after(first: Token, later: Token) -> bool:
    """ "protests in Sinjar and in Turkey's south-east": a place joined by "and" or "or"
    is another place of a list, not the first one's container."""
    return any(t.pos_ == "CCONJ" for t in first.doc[first.i + 1 : later.i])


def _part_of_longer_name(top: Toponym, token: Token) -> bool:
    """ "Shevchenko" of "Shevchenko Pershe (Kupiansk district)": the name matched only the
    first words of a longer one, so its place is a guess and the container is surer."""
    span = token.doc.char_span(top.mention.start, top.mention.end, alignment_mode="expand")
    if span is None or span.end >= len(token.doc):
        return False
    nxt = token.doc[span.end]
    if nxt.lower_ in AREA_NOUNS or nxt.lower_ in ADMIN_NOUNS or nxt.ent_type_ in ("DATE", "TIME"):
        return False  # "Konduga LGA", "Kaduna State": the unit, not a longer name
    return nxt.text[:1].isupper() and nxt.is_alpha


def _namesake_in_province(
    top: Toponym, found: list[tuple[Toponym, Token]], gazetteer: PlaceLookup
) -> Place | None:
    """ "In Cauca province, ... in the rural area of Argelia": a town resolved outside the
    one province the sentence names, where a town or district of its name lies, is that
    namesake."""
    place = top.place
    if place.kind not in ("city", "admin2", "landmark") or not place.country:
        return None
    provinces = {
        t.place.name
        for t, tok in found
        if t.place.kind == "admin1" and t.place.country == place.country and placelike(t, tok)
    }
    if len(provinces) != 1 or place.admin1 in provinces:
        return None
    try:
        cands = gazetteer.candidates(
            top.mention.text, country=place.country, kinds=["city", "admin2"], limit=10
        )
    except Exception:  # noqa: BLE001 - keep the resolver's place
        return None
    inside = [c for c in cands if c.country == place.country and c.admin1 in provinces]
    return place_of(inside[0]) if inside else None


#: "65 nautical miles west of": a distance, its unit and a compass point before a name.
_DISTANCE = re.compile(
    r"(\d+(?:\.\d+)?)\s*(km|kilometres?|kilometers?|nautical miles?|miles?|nm)\s+"
    r"(?:to the\s+)?(north|south|east|west|north-?east|north-?west|south-?east|south-?west)"
    r"\s+of\s+(?:the\s+)?$",
    re.IGNORECASE,
)
KM_PER_UNIT = {"km": 1.0, "kilometre": 1.0, "kilometer": 1.0, "mile": 1.609, "nautical mile": 1.852,
               "nm": 1.852}  # fmt: skip


def _sea_at_offset(
    top: Toponym, token: Token, gazetteer: PlaceLookup, maritime: bool
) -> Place | None:
    """ "A ship hit 65 nautical miles west of Hodeidah": the sea at that distance and
    bearing from the town (an event at sea is not in the port it is measured from). Only
    for events at sea, or distances in nautical miles (which are measured at sea)."""
    if top.place.kind not in ("city", "landmark", "admin2"):
        return None
    before = token.doc.text[max(0, top.mention.start - 60) : top.mention.start]
    match = _DISTANCE.search(before)
    if match is None:
        return None
    unit = match.group(2).lower().rstrip("s")
    if not maritime and unit not in ("nautical mile", "nm"):
        return None
    km = float(match.group(1)) * KM_PER_UNIT.get(unit, 1.0)
    lon, lat = destination(
        top.place.lon, top.place.lat, BEARINGS[match.group(3).lower().replace("-", "")], km
    )
    try:
        sea = gazetteer.locate(lon, lat).get("sea")
    except Exception:  # noqa: BLE001 - no areas in this store: keep the town
        return None
    return place_of(sea) if sea is not None else None


OFFSHORE_KM = (20.0, 40.0)  # how far off a town "off the coast of X" is tried, nearest first
OFFSHORE_BEARINGS = range(0, 360, 30)


def _offshore(place: Place, gazetteer: PlaceLookup) -> Place | None:
    """ "A strike off the coast of Tumaco": a point at sea off the town, at the first of
    OFFSHORE_KM where some bearings reach the sea, in their mean direction; None inland."""
    try:
        for km in OFFSHORE_KM:
            seaward = [
                math.radians(bearing)
                for bearing in OFFSHORE_BEARINGS
                if _at_sea(gazetteer, *destination(place.lon, place.lat, bearing, km))
            ]
            if seaward:
                mean = math.atan2(sum(map(math.sin, seaward)), sum(map(math.cos, seaward)))
                point = destination(place.lon, place.lat, math.degrees(mean), km)
                return Place(
                    f"offshore:{place.id}", f"off {place.name}", "derived", point, place.country
                )
    except Exception:  # noqa: BLE001 - no areas in this store: keep the town
        return None
    return None


def _at_sea(gazetteer: PlaceLookup, lon: float, lat: float) -> bool:
    return gazetteer.locate(lon, lat).get("country") is None


def qualified_place(
    top: Toponym,
    token: Token,
    index: PlaceIndex,
    found: list[tuple[Toponym, Token]],
    kind_key: str = "",
) -> tuple[Place, str]:
    """The place itself (the sea for events at sea), or the derived area its qualifier
    names."""
    place = top.place
    gz = index.gazetteer
    if kind_key in SEA_KINDS:
        sea = sea_of(top, gz)
        if sea is not None:
            top = Toponym(top.mention, sea, top.score, top.alternatives)
            place = sea
    if place.kind == "derived" or gz is None:
        return place, ""
    offset_sea = _sea_at_offset(top, token, gz, kind_key in MARITIME_KINDS)
    if offset_sea is not None:
        return offset_sea, f"the sea at the distance given from {place.name}"
    namesake = _namesake_in_province(top, found, gz)
    if namesake is not None:
        return namesake, f"the namesake of '{top.mention.text}' in the province the sentence names"
    container = _container_elsewhere(top, token, found)
    if container is not None:
        return container.place, (
            f"'{top.mention.text}' resolved to a namesake in "
            f"{place.country}; the sentence's places are in "
            f"{container.place.country}"
        )
    unit = _unit_noun(token)
    admin = _admin_variant(top, unit, index) if unit is not None else None
    if admin is not None and unit is not None:
        return admin, f"'{unit.text}' names the {admin.kind} {admin.name}"
    town = _town_variant(top, unit, index) if unit is not None else None
    if town is not None and unit is not None:
        return town, f"'{unit.text}' names the town, not the {place.kind}"
    partner = _border_partner(token, index, found)
    try:
        if partner is not None:
            cand = gz.border_area(place.id, partner.place.id)
            if cand is not None:
                return place_of(cand), f"border of {place.name} and {partner.place.name}"
        qualifier = _qualifier(token, top)
        if qualifier == "central" and place.kind in ("city", "landmark"):
            return place, f"'central' {place.name} is the town itself"
        if qualifier == "off-coast" and place.kind in ("city", "landmark"):
            offshore = _offshore(place, gz)
            if offshore is not None:
                return offshore, f"at sea off {place.name}"
        if qualifier:
            cand = gz.derived_area(qualifier, place.id)
            if cand is not None:
                derived = place_of(cand)
                if qualifier in DIRECTIONS | set(DIRECTION_NORMAL.values()):
                    # named as the article says it: "southern Caribbean", not "... Sea"
                    derived = replace(derived, name=f"{qualifier} {_bare(top.mention.text)}")
                return derived, f"'{qualifier}' qualifies {place.name}"
    except Exception:  # noqa: BLE001 - gazetteer areas are optional: fall back to the base
        return place, ""
    return place, ""


def _tier(anchor: Token | None, head: Token | None) -> int:
    """1: the phrase hangs on the event's clause; 2: on a clause inside it; 3: elsewhere."""
    if anchor is None or head is None:
        return 3
    cur, verbs = head, 0
    for _ in range(16):
        if cur.i == anchor.i:
            return 1 if verbs == 0 else 2
        if cur.pos_ in ("VERB", "AUX"):
            verbs += 1
        if cur.head.i == cur.i:
            return 3
        cur = cur.head
    return 3


def _motion(head: Token | None) -> bool:
    """ "to X" is a destination after a verb of motion ("sent eight warships and a submarine
    to X": the parser may hang "to X" on the object, so climb through nouns)."""
    cur = head
    for _ in range(5):
        if cur is None:
            return False
        if cur.pos_ in ("VERB", "AUX"):
            return cur.lemma_.lower() in MOTION
        if cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def _fits(
    place: Place,
    country: str | None,
    kind_key: str,
    gazetteer: PlaceLookup | None = None,
    top: Toponym | None = None,
) -> bool:
    """A neighbour's place fits the event: same country, and seas only for events at sea."""
    if kind_key in MARITIME_KINDS:
        sea = sea_of(top, gazetteer) if top is not None else None
        return place.kind in ("sea", "derived") or sea is not None
    if country is None:
        return True
    return place.country == country


def _rank(place: Place) -> int:
    return SPECIFICITY.get(place.kind, 7)


def _locatives(
    found: list[tuple[Toponym, Token]], anchor: Token | None, kind_key: str
) -> list[tuple[int, Toponym, Token]]:
    """Locative mentions with a tier: 1 in the event's clause, 2 elsewhere in the sentence."""
    out = []
    for top, tok in found:
        prep, head = _place_role(top, tok)
        locative = (
            prep in LOCATIVE
            or (prep is None and _qualifier(tok, top) is not None)
            or (prep == "from" and (kind_key in FROM_KINDS or _distance(tok)))
            or (prep == "dobj" and (kind_key in OBJECT_KINDS or _scene_verb(head)))
            or (prep == "of" and head is not None and head.lemma_.lower() in RESIDENTS)
        )
        if not locative:
            continue
        if prep == "to" and not _motion(head):
            continue
        if _road_to(tok, found):
            continue
        if prep is None and tok.pos_ == "ADJ":
            continue
        if _country_beside(top, tok, found):
            continue
        tier = _tier(anchor, head)
        out.append((tier, top, tok))
    maritime = kind_key in MARITIME_KINDS
    return sorted(
        out,
        key=lambda x: (
            x[0],
            maritime and x[1].place.kind not in SEA_LIKE,
            x[2].dep_ == "appos",  # "Harib (Marib)": the container after what it contains
            _en_route(x[1], x[2], [hit[1:] for hit in out if hit[0] == x[0]]),
            _distance(x[2]),
            _named_rank(x[1], x[2], [hit[1] for hit in out if hit[0] == x[0]]),
            x[2].i,
        ),
    )


def _town_within(
    place: Place, token: Token, local: list[tuple[int, Toponym, Token]]
) -> tuple[int, Toponym, Token] | None:
    """ "a pinasse carrying rice near Niafunké, in Timbuktu region": the province or
    country the event's clause names, when its clause (or a clause inside it) also names a
    town within it, is that town's container, not the scene."""
    if place.kind not in ("admin1", "country"):
        return None
    for hit in local:
        town = hit[1].place
        if hit[2] is token or hit[0] > 2 or town.kind not in TOWNS or town.country != place.country:
            continue
        if place.kind == "country" or town.admin1 == place.name:
            return hit
    return None


def _at_seat_of_state(
    sentence: Span, kind_key: str, country: str | None, index: PlaceIndex
) -> Location | None:
    """A gathering at a national body of `country` the sentence names: its capital."""
    if kind_key not in GATHERING_KINDS or not country:
        return None
    seat = _seat_of_state(sentence)
    capital = index.capital(country) if seat is not None else None
    if capital is None:
        return None
    words = f"the capital, seat of the '{seat}' ({country})"
    return _location(capital, "seat of the actor", words=words)


def _seat_of_state(sentence: Span) -> str | None:
    """ "police fired live rounds on a protest outside the National Assembly": a gathering
    at a national body the sentence names without its town is in the capital."""
    for token in sentence:
        body = token.lemma_.lower()
        if body not in SEATS_OF_STATE or token.ent_type_ in ("GPE", "PERSON"):
            continue
        need = SEATS_OF_STATE[body]
        if need is not None and not any(c.lower_ == need for c in token.children):
            continue
        prep = token.head
        if prep.dep_ == "pobj" and prep.head.dep_ == "prep":  # "in front of X"
            prep = prep.head
        if prep.dep_ == "prep" and prep.lower_ in LOCATIVE | {"front", "of"}:
            return " ".join(t.text for t in token.subtree if t.dep_ != "det")
    return None


def _scene_verb(verb: Token | None) -> bool:
    return verb is not None and verb.pos_ == "VERB" and verb.lemma_.lower() in SCENE_VERBS


def _distance(token: Token) -> bool:
    """ "about 60 km from El Obeid": a place that measures a distance, near the scene
    (ACLED's geo precision 2), told after a place that is the scene."""
    prep = token.head
    return prep.lower_ == "from" and any(
        c.dep_ == "npadvmod" and c.lemma_.lower() in KM_PER_UNIT for c in prep.children
    )


def _en_route(top: Toponym, token: Token, peers: list[tuple[Toponym, Token]]) -> bool:
    """A place the event was heading for ("marching towards Delhi at the Shambhu border"),
    or one that only names the road when a town of the clause does not ("on the
    Afgooye-Mogadishu road near Afgooye"): another place says better where it happened."""
    if _names_road(token):
        return any(
            t.place.kind in ("city", "landmark") and not _names_road(tok) for t, tok in peers
        )
    return _place_role(top, token)[0] in ("toward", "towards", "into", "to")


def _names_road(token: Token) -> bool:
    return token.dep_ == "compound" and token.head.lemma_.lower() in ROUTE_NOUNS | {"axis"}


def _named_rank(top: Toponym, token: Token, peers: list[Toponym]) -> int:
    """How coarse the place is as the text names it: "Katsina state" is the province even
    when the name resolved to the city; so is a city named like its own province when a
    peer lies in that province ("In Katsina, ... near Funtua")."""
    unit = ADMIN_NOUNS.get(token.head.lemma_.lower()) if token.dep_ == "compound" else None
    if unit is not None and top.place.kind in ("city", "landmark"):
        return SPECIFICITY[unit]
    if _province_namesake(top.place) and any(
        p.place.kind in ("city", "landmark", "admin2")
        and p.place.admin1 == top.place.admin1
        and p.place.id != top.place.id
        for p in peers
    ):
        return SPECIFICITY["admin1"]
    return _rank(top.place)


#: Words after a province's name in the gazetteer ("Katsina State", "Cauca Department").
UNIT_SUFFIXES = frozenset(ADMIN_NOUNS) | {"governorate", "oblast", "region", "division"}


def _province_namesake(place: Place) -> bool:
    """A city named like its own first-level division ("Katsina" in Katsina State)."""
    if place.kind != "city" or not place.admin1:
        return False
    words = place.admin1.split()
    while len(words) > 1 and words[-1].lower() in UNIT_SUFFIXES:
        words.pop()
    return " ".join(words).casefold() == place.name.casefold()


def locate_event(
    index: PlaceIndex,
    sentences: list[Span],
    position: int,
    anchor: Token,
    kind_key: str,
    actor_country: str | None,
    seat_actor: bool,
) -> Location:
    """Choose the event's place (see the module docstring for the tiers)."""
    sentence = sentences[position]
    found = index.in_span(sentence)
    if kind_key == "disrupted" and INTERCEPTION_TALLY.search(sentence.text):
        country = _spread_country(found, index)
        if country is not None:
            return _location(country, "country", words="a tally of weapons downed nationwide")
    local = _locatives(found, anchor, kind_key)
    if kind_key in SEAT_KINDS - {"agreement"}:  # a statement happens where it is made, not
        local = [hit for hit in local if hit[0] == 1]  # where it points ("agreed at talks in X")
    if local:
        tier, top, tok = local[0]
        place, why = qualified_place(top, tok, index, found, kind_key)
        inner = _town_within(place, tok, local)
        if inner is not None:
            tier, top, tok = inner
            place, why = top.place, f"a town of {place.name} the clause also names"
        if place.kind == "country":
            at_seat = _at_seat_of_state(sentence, kind_key, place.country, index)
            if at_seat is not None:
                return at_seat
        rung = ("event clause", "subordinate clause", "same sentence")[tier - 1]
        found_at = _location(place, rung, top, why)
        beside = _place_role(top, tok)[0] in NEAR or _distance(tok)
        near_town = beside and found_at.geo_precision == 1
        return replace(found_at, geo_precision=2) if near_town else found_at
    countrywide = countrywide_words(sentence)
    if countrywide and kind_key not in MARITIME_KINDS:
        country = _spread_country(found, index)
        if country is not None:
            return _location(country, "country", words=f"the whole country: '{countrywide}'")
    at_seat = _at_seat_of_state(sentence, kind_key, actor_country or index.focus_country, index)
    if at_seat is not None:
        return at_seat
    if seat_actor and actor_country:
        capital = index.capital(actor_country)
        if capital is not None:
            words = f"seat of the actor ({actor_country} capital)"
            return _location(capital, "seat of the actor", words=words)
    for distance in (1, 2):
        for pos in (position - distance, position + distance):
            if not 0 <= pos < len(sentences):
                continue
            near = index.in_span(sentences[pos])
            hits = [
                h
                for h in _locatives(near, None, kind_key)
                if _fits(h[1].place, actor_country, kind_key, index.gazetteer, h[1])
            ]
            if hits:
                _, top, tok = hits[0]
                place, why = qualified_place(top, tok, index, near, kind_key)
                return _location(place, "neighbouring sentence", top, why)
    named = _named_in_sentence(found, kind_key)
    if named is not None:
        place, why = qualified_place(named[0], named[1], index, found, kind_key)
        return _location(place, "named in the sentence", named[0], why)
    local_body = _local_body(found, kind_key, index.focus_country)
    if local_body is not None:
        return replace(
            _location(
                local_body.place,
                "local body",
                local_body,
                words="a place naming a local force or body",
            ),  # fmt: skip
            geo_precision=2,
        )
    named_before = _town_named_before(index, sentences, position)
    if named_before is not None:
        words = "'the town' is the town named before"
        return _location(named_before.place, "neighbouring sentence", named_before, words=words)
    lead = lead_place(index, sentences, kind_key)
    town = index.focus_town
    if town is not None and (lead is None or lead.place.kind not in TOWNS):
        located = _location(town.place, "town of the article", town, words="the article's town")
        return replace(located, geo_precision=2)  # a quarter the gazetteer lacks, or near it
    if lead is not None:
        return _location(lead.place, "lead place", lead, words="the article's lead place")
    iso2 = index.focus_country
    if iso2:
        country = index.country_place(iso2)
        if country is not None:
            return _location(country, "country", words="the country the article is about")
    return Location(None, 3, "no place found", "none")


#: Unnamed parts of a country in the plural: "drones launched at eastern regions".
PLURAL_PARTS = frozenset(
    {"region", "province", "city", "area", "oblast", "town", "district", "location"}
)
SPREAD_PREPS = frozenset({"across", "throughout", "over", "at", "on", "in"})


#: How many sentences back "the town" may point.
TOWN_REACH = 3


def _town_named_before(index: PlaceIndex, sentences: list[Span], position: int) -> Toponym | None:
    """ "M23 rebels regained control of Kirumba ... The following day the rebels set up a
    command post in the town's former offices": the town last named before, not the
    dateline's."""
    sentence = sentences[position]
    the_town = next(
        (
            t
            for t in sentence
            if t.lemma_.lower() in ("town", "village")
            and any(c.lower_ == "the" for c in t.children)
        ),
        None,
    )  # "the city" of a wire story is often its dateline's
    if the_town is None:
        return None
    for pos in range(position, max(-1, position - 1 - TOWN_REACH), -1):
        towns = [
            top
            for top, tok in index.in_span(sentences[pos])
            if top.place.kind in TOWNS
            and tok.i < the_town.i
            and not (_dateline(top, tok) or _named_unit(tok) or tok.dep_ == "appos")
        ]  # not "Bilytske (Donetsk oblast)": the container
        if towns:
            return towns[-1]
    return None


#: "shot down 352 of the 390 drones": a night's tally for the whole country's air defence.
INTERCEPTION_TALLY = re.compile(
    r"\b\d[\d,]* of (?:the )?\d[\d,]* (?:[\w-]+ ){0,3}?(?:drones|missiles|rockets|UAVs)\b", re.I
)


def countrywide_words(sentence: Span) -> str:
    """The words saying an event is spread over the whole country ("nationwide", "across
    the country", "at eastern and southern regions"), or ""."""
    for tok in sentence:
        if tok.lower_ == "nationwide":
            return tok.text
        if tok.dep_ != "pobj" or tok.head.lower_ not in SPREAD_PREPS:
            continue
        named = any(c.pos_ == "PROPN" for c in tok.children)
        if tok.lower_ == "country" and tok.head.lower_ in ("across", "throughout", "over"):
            return f"{tok.head.text} the country"
        if tok.tag_ == "NNS" and tok.lemma_.lower() in PLURAL_PARTS and not named:
            return f"{tok.head.text} {tok.text}"
    return ""


def _spread_country(found: list[tuple[Toponym, Token]], index: PlaceIndex) -> Place | None:
    """The country an event spread over it happened in: the one country the sentence names
    other than as a side acting ("Ukraine's air force ... drones that Russia launched"),
    else the article's."""
    named = {
        top.place.country: top.place
        for top, tok in found
        if top.place.kind == "country" and top.mention.label != "NORP" and tok.dep_ != "nsubj"
    }
    if len(named) == 1:
        return next(iter(named.values()))
    return index.country_place(index.focus_country) if index.focus_country else None


def _named_in_sentence(
    found: list[tuple[Toponym, Token]], kind_key: str
) -> tuple[Toponym, Token] | None:
    """A place the sentence names in no locative role ("Kyiv was hit"), but not a
    nationality, a place of origin ("drugs from X"), a country acting ("Russia launched")
    or a qualifier of a person or an organisation ("US President", "the Arakan Army").
    "Residents of X" are in X."""
    for top, tok in sorted(found, key=lambda hit: _rank(hit[0].place)):
        role, head = _role(tok)
        residents = role == "of" and head is not None and head.lemma_.lower() in RESIDENTS
        if not placelike(top, tok) or (role in ("from", "of", "by", "to") and not residents):
            continue
        if tok.dep_ == "nsubj":  # "drones that Russia launched": a country acting
            continue
        if kind_key in MARITIME_KINDS and top.place.kind not in SEA_LIKE:
            continue
        return top, tok
    return None


def _local_body(
    found: list[tuple[Toponym, Token]], kind_key: str, focus: str | None
) -> Toponym | None:
    """A town or province of the article's country that names a local force or body in the
    sentence ("Mexico City police", "the Kaduna state government"): such forces act at
    home. Never a country (a nationality says nothing of where)."""
    if kind_key in MARITIME_KINDS:
        return None
    for top, tok in sorted(found, key=lambda hit: _rank(hit[0].place)):
        local = top.place.kind in ("city", "admin2", "admin1") and top.mention.label != "NORP"
        at_home = focus in (None, top.place.country)
        if local and at_home and tok.dep_ in ("compound", "nmod", "poss"):
            return top
    return None


def placelike(top: Toponym, tok: Token) -> bool:
    """Whether a mention names a place rather than qualifies a person, a group or a thing
    ("US accusations", "the US President", "Venezuelan", "the Arakan Army")."""
    if top.mention.label == "ORG" and _unit_or_container(tok):
        return True
    if top.mention.label in ("NORP", "ORG") or tok.ent_type_ == "NORP":
        return False  # spaCy's PERSON or ORG on a mention the recogniser kept is its mistake
    if top.place.kind == "country" and tok.dep_ == "nsubj":
        return False  # "Israel said", "Russia launched": the state acting, not a place
    cur = tok
    while cur.dep_ in ("compound", "amod", "nmod", "poss") and cur.head.i != cur.i:
        cur = cur.head
        if cur.lemma_.lower() not in QUALIFIED and cur.ent_type_ not in ("GPE", "LOC", "FAC"):
            return False
    return True


def _unit_or_container(tok: Token) -> bool:
    """A name spaCy took for an organisation that is an administrative unit ("Konduga LGA",
    "Bankass cercle") or a container in brackets ("Mozogo (Mayo-Tsanaga, Far North)")."""
    doc, end = tok.doc, tok.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I" and doc[end].text[:1].isupper():
        end += 1
    after = doc[end].lower_ if end < len(doc) else ""
    start = tok.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    before = doc[start - 1].text if start > 0 else ""
    return after in AREA_NOUNS or (before == "(" and after == ",")


def lead_place(index: PlaceIndex, sentences: list[Span], kind_key: str) -> Toponym | None:
    """The first place the article's opening sentences name in a locative role (the
    lead's "in X"), else its dateline; the article's own when `index` has it (a later
    window)."""
    if index.lead is not None:
        return index.lead.get(kind_key)
    for sent in sentences[:2]:
        near = index.in_span(sent)
        hits = _locatives(near, None, kind_key)
        if hits:
            return hits[0][1]
    opening = index.in_span(sentences[0]) if sentences else []
    return next((top for top, tok in opening if _dateline(top, tok)), None)


def _location(
    place: Place, rung: str, top: Toponym | None = None, why: str = "", words: str = ""
) -> Location:
    """A place chosen on `rung`; the reason says the rung (in `words` if given), the
    toponym used and why."""
    reason = words or rung
    reason += f": '{top.mention.text}'" if top is not None else ""
    reason += f"; {why}" if why else ""
    return Location(place, PRECISION.get(place.kind, 3), reason, rung)
