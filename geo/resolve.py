"""Toponym resolution: pick, for each mention, the gazetteer place a reader would pick.

Each candidate gets a score from what a reader uses:
- a prior from its feature type (country > admin1 > capital > admin seat > city > village)
  and its population;
- the document's context: countries and first-level divisions that the other names of
  the article point at (each name votes for the countries/regions of its plausible
  readings, unambiguous names weigh most);
- explicit hierarchy: "Paris, Texas", "Valencia, Venezuela", "Gainesville, Ga.";
- spatial coherence with the places already resolved with confidence;
- the publication's locale (`locale`, an ISO2 country), where known.
One sense per discourse: all mentions of a name in an article get the same place.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlsplit

from gazetteer.geodesy import haversine_km
from gazetteer.lookup import PlaceLookup
from gazetteer.places import Candidate
from geo.model import Article, Mention, Place, Toponym, place_of
from geo.placenames import (
    ARTICLES,
    US_STATE_CODES,
    US_STATE_NAMES,
    VARIANT_RATIO,
    likeness,
    normalize_token,
    spelling_of,
)
from geo.toponyms import DIRECTION_PREFIXES as DIRECTION_WORDS
from geo.toponyms import FEATURE_SUFFIXES as FEATURE_WORDS

CANDIDATE_LIMIT = 25
KIND_PRIOR = {
    "country": 1.0,
    "admin1": 0.8,
    "sea": 0.7,
    "region": 0.55,
    "admin2": 0.45,
    "city": 0.3,
    "landmark": 0.35,
    "derived": 0.3,
}
#: A name ending so is the water body, never the land unit named after it ("the Red Sea",
#: not Egypt's Red Sea governorate; "Red Sea state" is found from the sea's name later).
WATER_WORDS = frozenset({"Sea", "Ocean"})
DEPENDENCY_PRIOR = 0.5
SEAT_CODES = ("PPLA", "PPLC")
SEAT_MARGIN = 0.05  # a region's seat named like it beats the region by this much
ALIAS_PENALTY_COUNTRY = 0.15  # "U.S.", "UK": aliases of countries are their usual names
ALIAS_PENALTY = 0.3  # "Gaza" as another name of Mozambique's Gaza province
CITY_CODE_BONUS = {"PPLC": 0.45, "PPLA": 0.22, "PPLG": 0.2, "PPLA2": 0.08}
W_POP = 0.5  # population, log10(pop)/7 in [0, 1]
W_COUNTRY = 0.6  # share of the document's votes for the candidate's country
W_ADMIN1 = 0.5  # share of the document's votes for the candidate's admin1
W_HIERARCHY = 1.5  # "Paris, Texas": the container named right after the name
W_NEAR = 0.3  # near the confidently resolved places
W_LOCALE = 0.3
NEAR_KM = 300.0
VOTE_MARGIN = 0.35  # readings within this of a name's best prior may vote
DEMONYM_VOTE = 0.5  # "Israeli strikes on Gaza": the actors' country, half a vote

_ABBREV_AFTER = re.compile(r"\A\s*,\s*((?:[A-Z][a-z]{0,4}\.\s?){1,2}|[A-Z]{2}\b)")
_CONTAINER_GAP = re.compile(r"\A\s*,\s*\Z")
# "Al-Rayyan (Al Bayda district)", "Léré (Niafunké cercle, Timbuktu)": a container in brackets.
_PAREN_GAP = re.compile(r"\A\s*\(\s*\Z")
#: "the Pacific", "the eastern Atlantic": a name after "the" (and a direction) names a
#: sea where there is one, not a town.
_THE_BEFORE = re.compile(
    r"\bthe\s+(?:(?P<compass>(?:north|south|east|west)(?:ern)?|central)\s+)?\Z", re.I
)
# "Washington said", "Moscow has warned": a capital standing for its government.
_SPEAKS = re.compile(
    r"\A(?:'s\s+\w+\s+)?\s*(?:has\s+|have\s+|had\s+|would\s+|will\s+)?"
    r"(?:said|says|say|announced|announces|warned|warns|accused|accuses|denied|denies|"
    r"demanded|demands|urged|urges|insisted|insists|responded|claimed|claims|rejected|"
    r"rejects|condemned|condemns|threatened|threatens|agreed|agrees)\b"
)
W_METONYM = 0.6


@dataclass(frozen=True, slots=True)
class _Container:
    """What a name is said to be inside: a country or an admin1 (ISO2 + admin1 code)."""

    country: str | None
    admin1: str | None


def resolve_toponyms(
    article: Article,
    mentions: Sequence[Mention],
    gazetteer: PlaceLookup,
    *,
    locale: str | None = None,
) -> list[Toponym]:
    """Resolve each mention to a gazetteer place; mentions with no candidate are left out.

    `locale` (ISO2) is the publication's country; by default the one its URL's country
    domain names (`publication_country`).
    """
    return [Toponym(m, *reading) for m, reading in readings(article, mentions, gazetteer, locale)]


def readings(
    article: Article, mentions: Sequence[Mention], gazetteer: PlaceLookup, locale: str | None
) -> Iterator[tuple[Mention, tuple[Place, float, tuple[str, ...]]]]:
    """`resolve_toponyms` as (mention, (place, score, alternatives)) pairs, one at a time:
    a long article's `geo.columns.Toponyms` keeps them without a Toponym each."""
    if not mentions:
        return
    locale = locale or publication_country(article.url)
    keys = [_key(m) for m in mentions]
    options: dict[str, list[Any]] = {}
    qualifiers: dict[str, str] = {}
    for mention, key in zip(mentions, keys, strict=True):
        if key not in options:
            cands = _candidates(gazetteer, mention)
            after = _after_the(article.text, mention)
            if after is not None:  # "the Pacific": the ocean, not a town
                cands = _sea_part(gazetteer, mention, after, cands) or cands
            words = mention.text.split()
            directional = len(words) > 1 and words[0] in DIRECTION_WORDS
            if directional and all(c.kind == "derived" for c in cands):
                cands = _variant_of_unit(gazetteer, mention.text)
            if directional and all(c.kind == "derived" for c in cands):
                # "North Georgia" (not "North Carolina"): resolve "Georgia" in context
                qualifiers[key] = words[0]
                cands = _candidates(gazetteer, replace(mention, text=" ".join(words[1:])))
            options[key] = cands
    containers = _containers(article, mentions, keys, options)
    speakers = {k for m, k in zip(mentions, keys, strict=True) if _speaks(article.text, m)}
    priors = {
        k: _seats_over_regions(cands, [_prior(c, k) for c in cands]) for k, cands in options.items()
    }
    votes = _votes(options, priors)
    choice: dict[str, tuple[int, float, list[float]]] = {}
    for key, cands in options.items():
        if cands:
            scores = [
                _score(key, c, p, votes, containers, locale)
                + (W_METONYM if key in speakers and c.feature_code == "PPLC" else 0.0)
                for c, p in zip(cands, priors[key], strict=True)
            ]
            choice[key] = (max(range(len(cands)), key=scores.__getitem__), 0.0, scores)
    anchors = _anchors(options, choice)
    for key, cands in options.items():
        if key not in choice:
            continue
        _, _, scores = choice[key]
        scores = [
            s + W_NEAR * _nearness(c, anchors, key) for s, c in zip(scores, cands, strict=True)
        ]
        best = max(range(len(cands)), key=scores.__getitem__)
        choice[key] = (best, _confidence(scores, best), scores)
    chosen: dict[str, tuple[Place, float, tuple[str, ...]]] = {}  # one Place per name
    for key, (best, confidence, scores) in choice.items():
        cands = options[key]
        order = sorted(range(len(cands)), key=lambda i: -scores[i])
        alternatives = tuple(cands[i].id for i in order if i != best)[:5]
        chosen[key] = (_part(gazetteer, cands[best], qualifiers.get(key)), confidence, alternatives)
    yield from ((m, chosen[k]) for m, k in zip(mentions, keys, strict=True) if k in chosen)


def _part(gazetteer: PlaceLookup, cand: Candidate, qualifier: str | None) -> Place:
    """The candidate's place, or its directional part ("North Georgia") if the gazetteer
    can derive one."""
    if qualifier and hasattr(gazetteer, "derived_area"):
        try:
            derived = gazetteer.derived_area(qualifier, cand.id)
        except ValueError:  # "Upper", "Lower": no such qualifier
            derived = None
        if derived is not None:
            return place_of(derived)
    return place_of(cand)


def _key(mention: Mention) -> str:
    return normalize_token(mention.text)


def _candidates(gazetteer: PlaceLookup, mention: Mention) -> list[Any]:
    """The gazetteer's candidates (no fuzzy ones) of the mention's name, else of its head
    ("Wichita Drive" -> "Wichita", "Ga." -> Georgia); a demonym reads as its place."""
    cands: list[Any] = []
    for name, kinds, country in _lookup_names(mention.text):
        cands = gazetteer.candidates(name, country, kinds, CANDIDATE_LIMIT, fuzzy=False)
        if cands:
            break
    if mention.label == "NORP":
        demonym = [c for c in cands if getattr(c, "match", None) == "demonym"]
        cands = demonym or [c for c in cands if c.kind == "country"] or cands
    if mention.text.rsplit(" ", 1)[-1] in WATER_WORDS:
        cands = [c for c in cands if c.kind == "sea"] or cands
    return cands


UNITS = ("admin1", "admin2", "region")


def _variant_of_unit(gazetteer: PlaceLookup, text: str) -> list[Any]:
    """Units whose name is another spelling of a directional name the gazetteer lacks
    ("Lower Shabelle", "Middle Shabelle" in Somalia), before the direction is read as a
    part of a smaller name ("Shabelle", a zone of Ethiopia)."""
    norm = normalize_token(text)
    return [
        c
        for c in gazetteer.candidates(text, None, UNITS, 3, fuzzy=True)
        if likeness(c.name, norm) >= VARIANT_RATIO
    ]


def _admin1(cand: Any) -> str | None:
    """The first-level division key ("US.GA") of a candidate, or its admin1 field."""
    return getattr(cand, "admin1_code", None) or cand.admin1


def _after_the(text: str, mention: Mention) -> str | None:
    """The compass word between "the" and the mention ("" for none), None if no "the"."""
    found = _THE_BEFORE.search(text[max(0, mention.start - 20) : mention.start])
    return None if found is None else (found["compass"] or "")


def _sea_part(
    gazetteer: PlaceLookup, mention: Mention, compass: str, cands: list[Any]
) -> list[Any]:
    """The seas among a name's candidates when "the" comes before it: "the eastern
    Pacific" is the Eastern Pacific where the gazetteer has it, else the Pacific Ocean."""
    if compass:
        named = replace(mention, text=f"{compass.capitalize()} {mention.text}")
        part = [c for c in _candidates(gazetteer, named) if c.kind == "sea"]
        if part:
            return part
    return [c for c in cands if c.kind == "sea"]


def _speaks(text: str, mention: Mention) -> bool:
    """The mention is the subject of a reporting verb ("Washington said")."""
    return bool(_SPEAKS.match(text[mention.end : mention.end + 40]))


def _lookup_names(
    text: str,
) -> list[tuple[str, tuple[str, ...] | None, str | None]]:
    """Names to look up for a mention, best first: itself, an expanded abbreviation, run
    together across its hyphens, with the Arabic article, then without feature words
    after it."""
    names: list[tuple[str, tuple[str, ...] | None, str | None]] = [(text, None, None)]
    abbreviation = US_STATE_NAMES.get(normalize_token(text).replace(" ", ""))
    if abbreviation:
        names.insert(0, (abbreviation, ("admin1", "city"), "US"))
    if "-" in text:  # "Pétion-Ville" is "Pétionville"
        names.append((text.replace("-", ""), None, None))
    if not normalize_token(text).startswith(ARTICLES):  # "Qamishli" is "Al Qāmishlī"
        names.append((f"Al {text}", None, None))
    words = text.split()
    while len(words) > 1 and words[-1] in FEATURE_WORDS:
        words = words[:-1]
        names.append((" ".join(words), None, None))
    return names


def _prior(cand: Any, key: str = "") -> float:
    """Feature type and population, in about [0, 1.6]. A sea named without its water word
    ("the Pacific", "the Baltic") is named by its usual name, not by an alias."""
    base = KIND_PRIOR.get(cand.kind, 0.2)
    if cand.feature_code == "CONT":  # continents read like countries
        base = KIND_PRIOR["country"]
    elif cand.kind == "country" and cand.feature_code not in (None, "PCLI"):
        base = DEPENDENCY_PRIOR  # Norfolk Island is not what "Norfolk" means first
    if cand.kind == "city":
        base += CITY_CODE_BONUS.get(cand.feature_code or "", 0.0)
    pop = min(1.0, math.log10((cand.population or 0) + 1) / 7.0)
    penalty = 0.0
    if getattr(cand, "match", "exact") not in ("exact", "demonym", None) and not (
        _sea_short(cand, key) or spelling_of(key, cand.name, SPELLING_RATIO)
    ):
        penalty = ALIAS_PENALTY_COUNTRY if cand.kind == "country" else ALIAS_PENALTY
    return base + W_POP * pop - penalty


def _seats_over_regions(cands: Sequence[Any], priors: list[float]) -> list[float]:
    """A region's seat named like the region ("Istanbul", "Kharkiv") reads as the city.

    The city's point lies inside the region, so nothing is lost when the region was meant.
    """
    regions: dict[tuple[str | None, str | None], float] = {}
    for cand, prior in zip(cands, priors, strict=True):
        if cand.kind == "admin1":
            regions[(cand.country, _admin1(cand))] = prior
            if not any(
                c.kind == "city"
                and c.country == cand.country
                and (c.population or 0) <= (cand.population or 0)
                for c in cands
            ):
                regions[(cand.country, None)] = prior  # the capital outnumbers the region
    seated = []
    for cand, prior in zip(cands, priors, strict=True):
        region = _region_prior(cand, regions) if cand.kind == "city" else 0.0
        seat = cand.feature_code in SEAT_CODES and region > 0
        seated.append(max(prior, region + SEAT_MARGIN) if seat else prior)
    return seated


#: How alike (rapidfuzz ratio) an alias must be to the name to be a spelling of it
#: ("Balakliia" of "Balakliya", 88.9), not another name ("Gaza" of "Gaza Province").
SPELLING_RATIO = 85.0


def _sea_short(cand: Any, key: str) -> bool:
    """The key is the sea's name without its last word, a water word ("Pacific Ocean")."""
    head, _, water = cand.name.rpartition(" ")
    return cand.kind == "sea" and water in WATER_WORDS and normalize_token(head) == key


def _region_prior(city: Any, regions: dict[tuple[str | None, str | None], float]) -> float:
    """The prior of the same-named region the city is the seat of: its own admin1, or, for
    a capital that is a division of its own and outnumbers the region ("Kyiv" city beside
    Kyiv oblast), the country's same-named region; 0 when there is none."""
    own = regions.get((city.country, _admin1(city)), 0.0)
    if own or city.feature_code != "PPLC":
        return own
    return regions.get((city.country, None), 0.0)


@dataclass(slots=True)
class _Votes:
    """Votes of the document's names for countries and admin1s, and each name's own."""

    countries: dict[str, float]
    admin1s: dict[tuple[str, str], float]
    own_countries: dict[str, dict[str, float]]
    own_admin1s: dict[str, dict[tuple[str, str], float]]

    def country_share(self, key: str, country: str) -> float:
        return _share(self.countries, self.own_countries.get(key, {}), country)

    def admin1_share(self, key: str, pair: tuple[str, str]) -> float:
        return _share(self.admin1s, self.own_admin1s.get(key, {}), pair)


def _votes(options: dict[str, list[Any]], priors: dict[str, list[float]]) -> _Votes:
    """Each name spreads one vote over the distinct countries (and admin1s) of its
    plausible readings (those within `VOTE_MARGIN` of its best prior)."""
    votes = _Votes(defaultdict(float), defaultdict(float), {}, {})
    for key, cands in options.items():
        if not cands:
            continue
        top = max(priors[key])
        plausible = [c for c, p in zip(cands, priors[key], strict=True) if p >= top - VOTE_MARGIN]
        weight = DEMONYM_VOTE if _demonym(plausible) else 1.0
        cset = {c.country for c in plausible if c.country}
        own_c = {country: weight / len(cset) for country in cset}
        aset = {(c.country, a) for c in plausible if c.country and (a := _admin1(c))}
        own_a = {pair: weight / len(aset) for pair in aset}
        for country, v in own_c.items():
            votes.countries[country] += v
        for pair, v in own_a.items():
            votes.admin1s[pair] += v
        votes.own_countries[key] = own_c
        votes.own_admin1s[key] = own_a
    return votes


def _demonym(readings: Sequence[Any]) -> bool:
    """The name is a demonym ("Israeli"): it names who acted, often not where."""
    return all(getattr(c, "match", None) == "demonym" for c in readings)


def _share(total: dict[Any, float], own: dict[Any, float], item: Any) -> float:
    """The share of the other names' votes that go to `item`, out of at least one whole
    vote: a lone demonym's half vote is half the evidence, not all of it."""
    rest = sum(total.values()) - sum(own.values())
    if rest <= 1e-9:
        return 0.0
    return max(0.0, total.get(item, 0.0) - own.get(item, 0.0)) / max(rest, 1.0)


# Country domains sold worldwide as generic names: they say nothing of a publication's country.
GENERIC_CCTLDS = frozenset({"ai", "cc", "co", "fm", "gg", "io", "ly", "me", "nu", "tv", "ws"})


def publication_country(url: str | None) -> str | None:
    """The ISO2 country of a news site's country-code domain ("elnacional.com.ve" -> "VE",
    "bbc.co.uk" -> "GB"); None for generic domains (.com, .org, .io…) or no URL."""
    if not url:
        return None
    host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    tld = host.rsplit(".", 1)[-1].lower()
    if len(tld) != 2 or not tld.isalpha() or tld in GENERIC_CCTLDS:
        return None
    return "GB" if tld == "uk" else tld.upper()


def _score(
    key: str,
    cand: Any,
    prior: float,
    votes: _Votes,
    containers: dict[str, list[_Container]],
    locale: str | None,
) -> float:
    score = prior
    if cand.country:
        score += W_COUNTRY * votes.country_share(key, cand.country) ** 0.5
        if (admin1 := _admin1(cand)) and cand.kind not in ("country", "admin1"):
            score += W_ADMIN1 * votes.admin1_share(key, (cand.country, admin1)) ** 0.5
    for container in containers.get(key, ()):
        if (
            container.country
            and container.country == cand.country
            and (container.admin1 is None or container.admin1 == _admin1(cand))
        ):
            score += W_HIERARCHY
    if locale and cand.country == locale:
        score += W_LOCALE
    return score


def _containers(
    article: Article,
    mentions: Sequence[Mention],
    keys: list[str],
    options: dict[str, list[Any]],
) -> dict[str, list[_Container]]:
    """Names followed by their container: "Paris, Texas", "Valencia, Venezuela", "X, Ga.",
    and in brackets a district, town or province of the country it is in ("Léré (Niafunké
    cercle, Timbuktu)")."""
    out: dict[str, list[_Container]] = defaultdict(list)
    text = article.text
    for i, mention in enumerate(mentions):
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        gap = text[mention.end : nxt.start] if nxt is not None else ""
        if nxt is not None and _CONTAINER_GAP.match(gap):
            for cand in options.get(keys[i + 1], ()):
                if cand.kind == "country":
                    out[keys[i]].append(_Container(cand.country, None))
                elif cand.kind == "admin1":
                    out[keys[i]].append(_Container(cand.country, _admin1(cand)))
            continue
        if nxt is not None and _PAREN_GAP.match(gap) and options.get(keys[i + 1]):
            best = max(options[keys[i + 1]], key=_prior)  # its own most likely reading
            admin1 = _admin1(best) if best.kind == "admin1" else None
            out[keys[i]].append(_Container(best.country, admin1))
            continue
        match = _ABBREV_AFTER.match(text[mention.end : mention.end + 16])
        if match:
            state = US_STATE_NAMES.get(normalize_token(match.group(1)).replace(" ", ""))
            code = US_STATE_CODES.get(state or "")
            if code:
                out[keys[i]].append(_Container("US", f"US.{code}"))
    return out


def _anchors(
    options: dict[str, list[Any]], choice: dict[str, tuple[int, float, list[float]]]
) -> list[tuple[str, float, float]]:
    """Points of the confidently resolved local places (cities, admin2), by name."""
    anchors = []
    for key, (best, _, scores) in choice.items():
        cand = options[key][best]
        if cand.kind in ("city", "admin2", "landmark") and _confidence(scores, best) >= 0.5:
            anchors.append((key, cand.lat, cand.lon))
    return anchors


def _nearness(cand: Any, anchors: list[tuple[str, float, float]], key: str) -> float:
    """The share of the other anchors within `NEAR_KM` of the candidate."""
    others = [(lat, lon) for k, lat, lon in anchors if k != key]
    if not others or cand.kind in ("country",):
        return 0.0
    near = sum(1 for lat, lon in others if haversine_km(cand.lon, cand.lat, lon, lat) <= NEAR_KM)
    return near / len(others)


def _confidence(scores: list[float], best: int) -> float:
    """Margin of the best score over the runner-up, squashed into (0, 1]."""
    if len(scores) == 1:
        return 1.0
    runner_up = max(s for i, s in enumerate(scores) if i != best)
    return round(1.0 - math.exp(-3.0 * (scores[best] - runner_up)), 4)
