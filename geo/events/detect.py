"""Assemble events: triggers -> kind, modality, actors, date, counts, place, provenance.

One pass over the sentences finds trigger groups (one event per clause) and codes each;
a second pass dates what needs other events or sentences: "days after the first strike"
(the anchor event's range), and undated statements inherit the date of the nearest dated
sentence in which the same actor speaks (leads summarise what later paragraphs date:
"The White House rejected..." ... "On Monday, White House press secretary ... said").
Finally the article's own duplicates are merged.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from gazetteer.lookup import PlaceLookup
from geo.events.actors import ActorContext, build_context, make_actor, object_of, subject_of
from geo.events.counts import Count, find_counts
from geo.events.dates import DateRange, after_anchor, undated
from geo.events.geolocate import SEAT_KINDS, Location, PlaceIndex, locate_event
from geo.events.merge import merge_events
from geo.events.modality import ASSERTED
from geo.events.taxonomy import KIND_BY_KEY, KINDS, NAVAL, RIOTS, EventKind
from geo.events.timeline import AFTER_RE, date_for, shares_actor, speaker_dates
from geo.events.triggers import (
    Trigger,
    clause_anchor,
    doc_text,
    find_triggers,
    group_triggers,
    mark_places,
)
from geo.model import Actor, Article, Event, Provenance, Toponym, content_id

# Verbs whose subject is the doer of their nominal object: "rebels launched an attack".
LIGHT_VERBS = {"carry", "launch", "stage", "conduct", "hold", "make", "mount", "begin", "fire",
               "drop", "use", "throw", "plant", "detonate", "hurl",
               "start", "continue", "order", "lead", "organise", "organize", "perpetrate",
               "commit"}  # fmt: skip
# Kinds whose object is materiel or a message, not a target actor.
NO_TARGET = {"naval_deployment", "deployment", "base", "letter", "statement", "exile"}


@dataclass
class Draft:
    """An event being coded, before the second (cross-sentence) dating pass."""

    group: list[Trigger]
    kind: EventKind
    sentence_index: int
    anchor: Token
    actor1: Actor | None
    actor2: Actor | None
    when: DateRange | None
    date_source: str
    counts: list[Count]
    location: Location
    after: tuple[str, str] | None = None


def _sentence_bounds(sent: Span) -> tuple[int, int, str]:
    text = sent.text
    start = sent.start_char + (len(text) - len(text.lstrip()))
    end = sent.end_char - (len(text) - len(text.rstrip()))
    return start, end, doc_text(sent.doc)[start:end]


def _recode(kind: EventKind, group: list[Trigger], actor1: Actor | None,
            actor2: Actor | None, fatalities: int) -> tuple[str, str, str, str]:  # fmt: skip
    """Label, event_type, sub_event_type and CAMEO after reading actors and outcomes."""
    label, event_type, sub, cameo = kind.label, kind.event_type, kind.sub_event_type, kind.cameo
    keys = {t.kind.key for t in group}
    words = {c.lower_ for t in group for c in t.token.children}
    inter1 = actor1.inter if actor1 else None
    inter2 = actor2.inter if actor2 else None
    if kind.key == "attack_civilians":
        if inter2 == 6 or (inter1 == 1 and keys & {"protest", "riot"}):
            sub = "Excessive force against protesters" if fatalities else \
                "Protest with intervention"  # fmt: skip
            return "crackdown", "Protests", sub, "17"
        if inter1 == 5:
            return "mob violence", RIOTS, "Mob violence", "14"
        if inter2 in (1, 2, 3, 4):
            return "armed clash", "Battles", "Armed clash", "19"
    if kind.key == "clash" and inter1 in (5, 6):  # "protesters clashed with police"
        return "riot", RIOTS, "Violent demonstration", "14"
    if kind.key == "property" and (inter1 == 5 or "riot" in keys):
        return "riot", RIOTS, "Violent demonstration", "14"
    if kind.key == "territory" and inter1 == 1:
        return label, event_type, "Government regains territory", cameo
    if kind.key == "crackdown" and fatalities == 0:
        return label, event_type, "Protest with intervention", cameo
    if kind.key == "protest" and ("riot" in keys or words & {"violent", "violently"}):
        return "riot", RIOTS, "Violent demonstration", "14"
    if kind.key == "deployment" and any(t.arguments & NAVAL for t in group):
        return "naval deployment", event_type, sub, cameo
    return label, event_type, sub, cameo


def _antecedent(token: Token | None) -> Token | None:
    """A pronoun subject of reported speech is the speaker: "Ukraine said it had shot
    down ..." -> Ukraine."""
    if token is None or token.pos_ != "PRON":
        return token
    cur = token.head
    for _ in range(4):
        if cur.dep_ not in ("ccomp", "conj") or cur.head.i == cur.i:
            return token
        cur = cur.head
        speaker = next((c for c in cur.children if c.dep_ == "nsubj"), None)
        if speaker is not None and speaker.pos_ in ("PROPN", "NOUN"):
            return speaker
    return token


def _clause_country(anchor: Token, ctx: ActorContext) -> str | None:
    for tok in anchor.subtree:
        country = ctx.person_country.get(tok.text) or ctx.token_country.get(tok.i)
        if country:
            return country
    return None


def _draft(
    group: list[Trigger], sentences: list[Span], position: int, article: Article,
    ctx: ActorContext, places: PlaceIndex,
) -> Draft:  # fmt: skip
    primary = group[0]
    sent = sentences[position]
    anchor = clause_anchor(primary.token)
    doer = subject_of(primary.token)
    light = anchor.lemma_.lower() in LIGHT_VERBS or not primary.nominal
    if doer is None and primary.token.i != anchor.i and anchor.pos_ == "VERB" and light:
        doer = subject_of(anchor)
    actor1 = make_actor(_antecedent(doer), ctx)
    target = object_of(primary.token) if primary.kind.key not in NO_TARGET else None
    actor2 = make_actor(target, ctx) if target is not None else None
    if actor2 is not None and actor2.inter is None:
        actor2 = None
    when, source = date_for(sent, anchor, group, article.published)
    after = None
    if when is None:
        match = AFTER_RE.search(sent.text)
        if match:
            after = (match.group("unit").split()[-1], match.group("noun").lower())
    group_tokens = {t.token.i for t in group} | {anchor.i}
    counts = [c for c in find_counts(sent) if _belongs(c, group_tokens, anchor)]
    country = (actor1.country if actor1 else None) or _clause_country(anchor, ctx)
    seat = primary.kind.key in SEAT_KINDS and (actor1 is None or actor1.inter in (1, None))
    location = locate_event(places, sentences, position, anchor, primary.kind.key, country, seat)
    return Draft(group, primary.kind, position, anchor, actor1, actor2, when, source, counts,
                 location, after)  # fmt: skip


def _belongs(count: Count, group_tokens: set[int], anchor: Token) -> bool:
    cur = count.token
    for _ in range(12):
        if cur.i in group_tokens:
            return True
        if cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def _second_pass(drafts: list[Draft], sentences: list[Span], article: Article) -> None:
    speakers = None
    for draft in drafts:
        if draft.when is not None:
            continue
        if draft.after is not None:
            unit, noun = draft.after
            noun = noun.rstrip("s") if not noun.endswith("ss") else noun
            anchors = [d for d in drafts if d is not draft and d.when is not None and
                       any(noun in k.nouns or noun in k.verbs for k in (d.kind,))]  # fmt: skip
            if anchors:
                first = min(anchors, key=lambda d: d.when.start)  # type: ignore[union-attr]
                draft.when = after_anchor(unit, first.when, article.published,
                                          f"{unit} after {first.kind.label}")  # fmt: skip
                draft.date_source = "after anchor event"
                continue
        if draft.kind.verbal and draft.actor1 is not None:
            speakers = speakers if speakers is not None else speaker_dates(
                sentences, article.published)  # fmt: skip
            same = [s for s in speakers if s[0] != draft.sentence_index
                    and shares_actor(draft.actor1, s[1])]  # fmt: skip
            if same:
                best = min(same, key=lambda s: (abs(s[0] - draft.sentence_index),
                                                s[0] < draft.sentence_index))  # fmt: skip
                draft.when = best[2]
                draft.date_source = "same actor's dated statement"


def _confidence(draft: Draft) -> float:
    score = 0.85 if not draft.group[0].nominal else 0.65
    if draft.actor1 is None:
        score -= 0.1
    if draft.when is None:
        score -= 0.1
    elif draft.date_source not in ("attached",):
        score -= 0.05
    if draft.location.place is None or "country" in draft.location.reason:
        score -= 0.1
    return round(max(score, 0.1), 2)


def _to_event(draft: Draft, sentences: list[Span], article: Article) -> Event:
    primary = draft.group[0]
    start, end, text = _sentence_bounds(sentences[draft.sentence_index])
    fatal = [c for c in draft.counts if c.category == "fatalities"]
    fatalities = sum(c.value for c in fatal)
    others: dict[str, int] = {}
    for count in draft.counts:
        if count.category != "fatalities":
            others[count.category] = max(others.get(count.category, 0), count.value)
    label, event_type, sub, cameo = _recode(draft.kind, draft.group, draft.actor1,
                                            draft.actor2, fatalities)  # fmt: skip
    when = draft.when or undated(article.published)
    dated = draft.when is not None
    return Event(
        id=content_id(article.id, primary.start, primary.end),
        label=label, event_type=event_type, sub_event_type=sub, cameo=cameo,
        date=when.date if dated and when else None,
        date_start=when.start if dated and when else None,
        date_end=when.end if when else None,
        time_precision=when.precision if when else 3,
        place=draft.location.place, geo_precision=draft.location.geo_precision,
        location_reason=draft.location.reason,
        actor1=draft.actor1, actor2=draft.actor2,
        fatalities=fatalities,
        fatalities_text="; ".join(c.text for c in fatal) or None,
        counts=tuple(sorted(others.items())),
        modality=primary.modality, confidence=_confidence(draft),
        sources=(Provenance(article.id, text, start, end, primary.text, primary.start,
                            primary.end),),  # fmt: skip
    )  # fmt: skip


def _absorb_protests(events: list[Event]) -> list[Event]:
    """A protest and its repression told in one sentence are one ACLED event: the
    crackdown ("Protests turned violent ..., with police killing three demonstrators")."""
    crackdowns = {e.sources[0].sentence_start for e in events if e.label == "crackdown"}
    return [e for e in events if not (e.event_type in ("Protests", RIOTS) and
            e.label != "crackdown" and e.sources[0].sentence_start in crackdowns)]  # fmt: skip


def detect_events(
    article: Article,
    doc: Doc,
    toponyms: list[Toponym] | tuple[Toponym, ...],
    gazetteer: PlaceLookup | None = None,
    keep_modal: bool = False,
) -> list[Event]:
    """Events reported by `article` (`doc` is its spaCy parse, `toponyms` its places).

    Negated, hypothetical, attempted, threatened, alleged or future events are dropped
    unless `keep_modal`, in which case they are returned with their `modality`.
    """
    tops = list(toponyms)
    sentences = list(doc.sents)
    ctx = build_context(doc, tops)
    places = PlaceIndex(doc, tops, gazetteer)
    mark_places(doc, places.token_indices())
    drafts: list[Draft] = []
    for position, sent in enumerate(sentences):
        triggers = find_triggers(sent)
        if not triggers:
            continue
        for group in group_triggers(triggers):
            if group[0].modality != ASSERTED and not keep_modal:
                continue
            drafts.append(_draft(group, sentences, position, article, ctx, places))
    _second_pass(drafts, sentences, article)
    events = _absorb_protests([_to_event(d, sentences, article) for d in drafts])
    asserted = [e for e in events if e.modality == ASSERTED]
    modal = [replace(e) for e in events if e.modality != ASSERTED]
    return merge_events(asserted) + sorted(modal, key=lambda e: e.id)


__all__ = ["KINDS", "KIND_BY_KEY", "detect_events"]
