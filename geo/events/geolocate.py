"""Where an event happened: choose among the places the sentence and its neighbours name.

Tiers, best first (the reason is kept in `Event.location_reason`):
1. a place in a locative role ("in", "at", "near", "off", "to" after a verb of motion...)
   inside the event's own clause — "Trump sent eight warships to the southern Caribbean";
2. a locative place elsewhere in the sentence;
3. for statements and government acts, the seat of the actor ("the White House said" ->
   Washington, "the Venezuelan government released" -> Caracas);
4. a locative place in the neighbouring sentences (events at sea prefer seas);
5. the actor's country, then the article's main country.
A place of origin ("drugs from Venezuela") or a place that only qualifies a person
("US President") is not where the event happened. Qualified places become the
gazetteer's derived areas: "southern Caribbean", "off the coast of Venezuela" (ACLED's
"Coast of X" for territorial waters), "the Venezuelan coast", "the X-Y border".
ACLED geo_precision: 1 town or landmark, 2 part of a region (derived area, district),
3 a larger region (province, country, sea).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from functools import cached_property

from spacy.tokens import Doc, Span, Token

from gazetteer.lookup import PlaceLookup
from geo.model import Place, Toponym, place_of

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
              "gates", "edge", "approach", "approaches"}
# fmt: on
# Sites inside a town: "near Mogadishu's airport", "outside the Quetta press club" are in
# the town (a locative climbs through them as through area nouns).
# fmt: off
SITES = {"airport", "prison", "hospital", "club", "compound", "refinery", "university",
         "square", "stadium"}
# fmt: on
# Buildings and works a town's name qualifies: "the Zliten police station" is in Zliten,
# but "a US air base in Qatar" is not in the US (no locative climbs through these).
# fmt: off
FACILITIES = SITES | {"airbase", "camp", "jail", "base", "building", "station", "office",
                      "headquarters", "checkpoint", "bridge", "school", "mosque", "church",
                      "court", "barracks", "garrison", "hotel", "parliament"}
# fmt: on
CLIMBED = AREA_NOUNS | SITES  # nouns a place mention's role climbs through
QUALIFIED = AREA_NOUNS | FACILITIES  # nouns a place may qualify and stay a place
CONTAINER_WINDOW = 6  # tokens after a town in which "X, Province" or "X (District)" follows
# "Residents of X": the people of a place, where their protest or riot happens.
# fmt: off
RESIDENTS = {"resident", "inhabitant", "villager", "people", "youth", "townspeople",
             "population", "citizen"}
# fmt: on
NEAR = {"near", "outside", "around", "outskirts", "outskirt", "close", "beyond", "vicinity"}
# fmt: off
OBJECT_KINDS = {"territory", "air_strike", "air_strike_by", "shelling", "clash",
                "naval_arrival"}  # "seized X", "entered the Caribbean Sea"
# fmt: on
FROM_KINDS = {"transfer"}  # "withdrew from X": X is where it happened
MARITIME_KINDS = {"boat_strike", "ship_shelled", "naval_deployment", "naval_arrival"}
SEA_LIKE = ("sea", "derived", "region")
SEA_KINDS = MARITIME_KINDS | {"deployment"}  # a region that is also a sea means the sea
# fmt: off
SEAT_KINDS = {"letter", "statement", "rejection", "rejection_talks", "talks_offer", "talks",
              "accusation", "appeal", "demand", "threat", "sanctions", "agreement"}
# fmt: on
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


#: Location reasons (before the colon) that name a place of the event's own sentence.
PLACED_IN_SENTENCE = frozenset({"event clause", "subordinate clause", "same sentence",
                                "named in the sentence"})  # fmt: skip


@dataclass(frozen=True, slots=True)
class Location:
    """The chosen place with ACLED geo_precision and why it was chosen."""

    place: Place | None
    geo_precision: int
    reason: str


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
    """(preposition, the token the prepositional phrase attaches to) of a place mention."""
    cur = token
    for _ in range(4):
        if (
            cur.dep_ in ("compound", "amod", "nmod", "poss", "appos", "conj")
            and cur.head.i != cur.i
        ):
            cur = cur.head
            if cur.dep_ == "pobj":
                break
            if cur.lemma_.lower() in CLIMBED:
                continue  # "Dangila town", "the Kyiv region", "the coast of X"
            return None, cur
        break
    if cur.i != token.i and cur.lemma_.lower() not in CLIMBED:
        return None, None  # "a US air base in Qatar", "the South American country"
    if cur.dep_ == "dobj":
        return "dobj", cur.head  # "seized Damascus": where, for kinds that take a place
    if cur.dep_ == "pobj" and cur.head.dep_ in ("prep", "agent", "dative"):
        prep = cur.head
        if prep.head.lower_ in ("of",) and prep.head.dep_ == "prep":
            return _role(prep.head.head)
        if prep.lower_ == "of" and prep.head.lemma_.lower() in AREA_NOUNS:
            outer = prep.head
            if outer.dep_ == "pobj":
                return outer.head.lower_, outer.head.head
            return "in", outer.head
        return prep.lower_, prep.head
    return None, None


def _qualifier(token: Token) -> str | None:
    """ "southern" in "the southern Caribbean"; "coast"/"off-coast" for coastal phrases."""
    for child in token.children:
        low = child.lower_
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
               "tehsil": "admin2", "upazila": "admin2"}
# fmt: on


def _admin_variant(top: Toponym, token: Token, gazetteer: PlaceLookup) -> Place | None:
    """ "Kaduna state", "the Kyiv region": the province, not the city of that name."""
    want = ADMIN_NOUNS.get(token.head.lemma_.lower()) if token.dep_ == "compound" else None
    if want is None or top.place.kind in ("admin1", "admin2", want):
        return None
    try:
        cands = gazetteer.candidates(
            top.mention.text, country=top.place.country, kinds=[want], limit=3
        )
    except Exception:  # noqa: BLE001 - keep the resolver's place
        return None
    same = [c for c in cands if top.place.country in (None, c.country)]
    return place_of(same[0]) if same else None


#: Prepositions of a place that is a destination or an origin, never a container
#: ("near Kyaukme on the highway to China").
ROUTE_PREPS = frozenset({"to", "toward", "towards", "from", "into"})


def _container_elsewhere(
    top: Toponym, token: Token, found: list[tuple[Toponym, Token]]
) -> Toponym | None:
    """A town resolved in another country than the places that follow it as its container
    ("near Mansi, Kachin State" read as Muncie, US; "Al-Wadi (Mudiyah district, Abyan)") is
    a namesake: the most specific container holds the event. A container spaCy took for an
    organisation ("(Al Bayda district)") is still one."""
    if top.place.kind not in ("city", "landmark") or not top.place.country:
        return None
    others = [
        t
        for t, tok in found
        if token.i < tok.i <= token.i + CONTAINER_WINDOW
        and t.place.country
        and (placelike(t, tok) or t.mention.label == "ORG")
        and not (tok.dep_ == "pobj" and tok.head.lower_ in ROUTE_PREPS)
    ]
    countries = {t.place.country for t in others}
    if len(countries) != 1 or top.place.country in countries:
        return None
    return min(others, key=lambda t: (_rank(t.place), t.mention.start))


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
    container = _container_elsewhere(top, token, found)
    if container is not None:
        return container.place, (
            f"'{top.mention.text}' resolved to a namesake in "
            f"{place.country}; the sentence's places are in "
            f"{container.place.country}"
        )
    admin = _admin_variant(top, token, gz)
    if admin is not None:
        return admin, f"'{token.head.text}' names the {admin.kind} {admin.name}"
    partner = _border_partner(token, index, found)
    try:
        if partner is not None:
            cand = gz.border_area(place.id, partner.place.id)
            if cand is not None:
                return place_of(cand), f"border of {place.name} and {partner.place.name}"
        qualifier = _qualifier(token)
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
        prep, head = _role(tok)
        locative = (
            prep in LOCATIVE
            or (prep is None and _qualifier(tok) is not None)
            or (prep == "from" and kind_key in FROM_KINDS)
            or (prep == "dobj" and kind_key in OBJECT_KINDS)
        )
        if not locative:
            continue
        if prep == "to" and not _motion(head):
            continue
        if prep is None and tok.pos_ == "ADJ":
            continue
        tier = _tier(anchor, head)
        out.append((tier, top, tok))
    maritime = kind_key in MARITIME_KINDS
    return sorted(
        out,
        key=lambda x: (
            x[0],
            maritime and x[1].place.kind not in SEA_LIKE,
            _rank(x[1].place),
            x[2].i,
        ),
    )


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
    local = _locatives(found, anchor, kind_key)
    if kind_key in SEAT_KINDS:  # a statement happens where it is made, not where it points
        local = [hit for hit in local if hit[0] == 1]
    if local:
        tier, top, tok = local[0]
        place, why = qualified_place(top, tok, index, found, kind_key)
        where = "event clause" if tier == 1 else "same sentence"
        where = "subordinate clause" if tier == 2 else where
        found_at = _location(place, f"{where}: '{top.mention.text}'" + (f"; {why}" if why else ""))
        near_town = _role(tok)[0] in NEAR and found_at.geo_precision == 1
        return replace(found_at, geo_precision=2) if near_town else found_at
    if seat_actor and actor_country:
        capital = index.capital(actor_country)
        if capital is not None:
            return _location(capital, f"seat of the actor ({actor_country} capital)")
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
                reason = f"neighbouring sentence: '{top.mention.text}'"
                return _location(place, reason + (f"; {why}" if why else ""))
    named = _named_in_sentence(found, kind_key)
    if named is not None:
        place, why = qualified_place(named[0], named[1], index, found, kind_key)
        return _location(
            place, f"named in the sentence: '{named[0].mention.text}'" + (f"; {why}" if why else "")
        )
    local_body = _local_body(found, kind_key, index.focus_country)
    if local_body is not None:
        return replace(
            _location(
                local_body.place,
                f"a place naming a local force or body: '{local_body.mention.text}'",
            ),
            geo_precision=2,
        )
    lead = lead_place(index, sentences, kind_key)
    if lead is not None:
        return _location(lead.place, f"the article's lead place: '{lead.mention.text}'")
    iso2 = index.focus_country
    if iso2:
        country = index.country_place(iso2)
        if country is not None:
            return _location(country, "the country the article is about")
    return Location(None, 3, "no place found")


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
    """The first place the article's opening sentences name in a locative role (a dateline
    or the lead's "in X"); the article's own when `index` has it (a later window)."""
    if index.lead is not None:
        return index.lead.get(kind_key)
    for sent in sentences[:2]:
        near = index.in_span(sent)
        hits = _locatives(near, None, kind_key)
        if hits:
            return hits[0][1]
    return None


def _location(place: Place, reason: str) -> Location:
    return Location(place, PRECISION.get(place.kind, 3), reason)
