"""Assemble events: triggers -> kind, modality, actors, date, counts, place, provenance.

One pass over the sentences finds trigger groups (one event per clause) and codes each;
a second pass dates what needs other events or sentences: "days after the first strike"
(the anchor event's range), and undated statements inherit the date of the nearest dated
sentence in which the same actor speaks (leads summarise what later paragraphs date:
"The White House rejected..." ... "On Monday, White House press secretary ... said").
Finally the article's own duplicates are merged.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from functools import cache
from itertools import islice

from spacy.tokens import Doc, Span, Token

from gazetteer.lookup import PlaceLookup
from geo.events.absorb import absorb_announced, absorb_fights, absorb_protests
from geo.events.actors import (
    VICTIM_COUNTS,
    ActorContext,
    build_context,
    classify_inter,
    make_actor,
    objects_of,
    sides,
    subject_of,
    victim_inter,
)
from geo.events.background import (
    arrest_of_suspects,
    describes_a_group,
    earlier_month,
    found_no_arms,
    in_headline,
    long_before,
    no_headline,
    own_verb,
    possessed,
    quoted,
    reported_in_the_perfect,
    response_deployment,
    running_tally,
    said_at_the_time,
    self_claimed_toll,
    told_as_a_time,
    truce_named_only,
)
from geo.events.coding import ARMED, Coding, Facts, cast_actors, code_event, unopposed
from geo.events.counts import DIE_VERBS, Count, counted_noun, find_counts
from geo.events.dates import after_anchor, shifted, undated
from geo.events.draft import Draft, violence_family
from geo.events.geolocate import (
    SEAT_KINDS,
    Lead,
    PlaceIndex,
    countrywide_words,
    lead_place,
    locate_event,
)
from geo.events.merge import merge_events, merge_lead_told_again, merge_told_at_two_scales
from geo.events.modality import ASSERTED
from geo.events.retold import (
    another_incident,
    done_again,
    incident_just_told,
    incident_named_again,
    mentioned_before,
    part_of_incident,
)
from geo.events.taxonomy import (
    AGREEMENTS,
    BATTLES,
    CONSEQUENCES,
    EXPLOSIONS,
    KIND_BY_KEY,
    KINDS,
    LETTERS,
    PLACE,
    PROTESTS,
    SELVES,
    SETTLEMENTS,
    STONES,
    STRATEGIC,
    TALKS,
    VAC,
)
from geo.events.timeline import (
    AFTER_RE,
    SPEECH,
    date_for,
    sequel_offset,
    shares_actor,
    speaker_dates,
)
from geo.events.triggers import (
    CARRYING,
    Trigger,
    act_reacted_to,
    clause_anchor,
    consequence_only,
    doc_text,
    find_triggers,
    group_triggers,
    lemma,
    mark_places,
    own_scene,
    present_perfect,
    same_paragraph,
    shot_dead_misread,
    shot_read_as_noun,
    subject_tokens,
    victims_remembered,
    word_set,
)
from geo.model import Actor, Article, Event, Provenance, Toponym, content_id
from geo.nlp import TIMESTAMP

#: The longest live blog entry title, in words ("Roadside bomb near Burhakaba").
TITLE_MAX_WORDS = 10
#: The head of a list that sums up the text: "Key points:", "Highlights", "What we know".
SUMMARY_HEAD = re.compile(
    r"[ \t]*(?:key (?:points|events|developments)|highlights|what we know(?: so far)?"
    r"|at a glance)[ \t]*:?[ \t]*\n",
    re.IGNORECASE,
)
#: How far before a sentence a summary's head may start (a list of a few lines).
SUMMARY_REACH = 1500
#: How far before a sentence its line's time stamp may start ("10:05 a.m. local time — ").
STAMP_REACH = 40
#: Strategic acts that, counted over a period, are a tally ("300 rebels have surrendered
#: this year", "police have arrested 500 people since January").
COUNTED_MOVES = frozenset({"surrender", "arrests"})
# Verbs whose subject is the doer of their nominal object: "rebels launched an attack".
LIGHT_VERBS = {"carry", "launch", "stage", "conduct", "hold", "make", "mount", "begin", "fire",
               "drop", "use", "throw", "plant", "detonate", "hurl",
               "start", "continue", "order", "lead", "organise", "organize", "perpetrate",
               "commit", "trigger", "set", "explode"}  # fmt: skip
# Kinds whose trigger names two sides ("X and Y clashed", "fighting between X and Y").
SIDED = {"clash", "territory", "attack_civilians", "massacre", "exchange_of_fire", "engage",
         "agreement", "prisoner_exchange", "ceasefire"}  # fmt: skip
# Kinds whose object is materiel or a message, not a target actor.
NO_TARGET = {"naval_deployment", "deployment", "base", "letter", "statement", "exile"}


SentenceBounds = Callable[[int], tuple[int, int, str]]
"""A sentence's (start, end, text) by its index: one text for all the events it tells (a
long run-on sentence told by hundreds of events is one string, not hundreds)."""


def _sentence_bounds(sent: Span) -> tuple[int, int, str]:
    text = sent.text
    start = sent.start_char + (len(text) - len(text.lstrip()))
    end = sent.end_char - (len(text) - len(text.rstrip()))
    return start, end, doc_text(sent.doc)[start:end]


def _antecedent(token: Token | None) -> Token | None:
    """A pronoun subject of reported speech is the speaker: "Ukraine said it had shot
    down ..." -> Ukraine; a relative pronoun is the noun its clause hangs on ("settlers
    who stoned homes" -> settlers, "a strike that residents say killed" -> strike)."""
    if token is None or token.pos_ != "PRON":
        return token
    clause = token.head
    while clause.dep_ == "ccomp" and clause.head.i != clause.i:
        clause = clause.head  # "a strike that residents say killed civilians"
    if token.lower_ in ("who", "that", "which") and clause.dep_ == "relcl":
        return clause.head
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
    group: list[Trigger],
    sentences: list[Span],
    position: int,
    article: Article,
    ctx: ActorContext,
    places: PlaceIndex,
    drafts: list[Draft],
    sentence_counts: list[Count],
) -> Draft:
    primary = group[0]
    sent = sentences[position]
    anchor = clause_anchor(primary.token)
    doer = None if primary.kind.key == "mine_struck" else subject_of(primary.token)
    light = anchor.lemma_.lower() in LIGHT_VERBS or not primary.nominal
    if doer is None and primary.token.i != anchor.i and anchor.pos_ == "VERB" and light:
        doer = subject_of(anchor)
    first, second = sides(primary.token, anchor) if primary.kind.key in SIDED else (None, None)
    actor1 = make_actor(_antecedent(doer or first), ctx) or next(
        (a for a in (make_actor(subject_of(t.token), ctx) for t in group[1:]) if a), None
    )
    if actor1 is None and _same_doer(doer) and drafts:
        actor1 = drafts[-1].actor1
    if actor1 is not None and actor1.inter == 7 and _gunmen(doer, primary.token):
        actor1 = replace(actor1, inter=3)
    actor2 = _target(primary, anchor, second, ctx)
    when, source = date_for(sent, anchor, group, article.published)
    after = None
    if when is None:
        match = AFTER_RE.search(sent.text)
        if match:
            after = (match.group("unit").split()[-1], match.group("noun").lower())
    group_tokens = {t.token.i for t in group} | {anchor.i}
    counts = [c for c in sentence_counts if _belongs(c, group_tokens, anchor)]
    country = (actor1.country if actor1 else None) or _clause_country(anchor, ctx)
    seat = primary.kind.key in SEAT_KINDS and (actor1 is None or actor1.inter in (1, None))
    location = locate_event(places, sentences, position, anchor, primary.kind.key, country, seat)
    return Draft(
        group, primary.kind, position, anchor, actor1, actor2, when, source, counts, location, after
    )


def _gunmen(doer: Token | None, trigger: Token) -> bool:
    """ "two men on a motorcycle shot dead a journalist", "two men riding a motorbike
    opened fire on two brothers": men who shoot are an armed group the text does not
    name, not civilians (nor a mob); so is "a woman" who "blew herself up"."""
    if trigger.lower_ == "blew" or lemma(trigger) == "blow":
        return doer is not None and any(c.lower_ in SELVES for c in trigger.children)
    opened_fire = lemma(trigger) == "open" and any(c.lower_ == "fire" for c in trigger.children)
    shoots = (
        lemma(trigger) in ("shoot", "gun", "fire")
        or opened_fire
        or shot_dead_misread(trigger)
        or shot_read_as_noun(trigger)
    )
    return doer is not None and lemma(doer) == "man" and shoots


def _same_doer(doer: Token | None) -> bool:
    """ "the same group", "the same gunmen": the doer of the incident told before."""
    return doer is not None and any(c.lower_ == "same" for c in doer.children)


def _target(
    primary: Trigger, anchor: Token, second: Token | None, ctx: ActorContext
) -> Actor | None:
    """The first of the trigger's objects (then the other side of a fight, then the
    objects of a noun trigger's own verb and of its clause's verb) that is an actor of a
    known kind."""
    if primary.kind.key in NO_TARGET:
        return None
    if primary.kind.key == "disrupted":
        owner = _arms_owner(primary.token.sent)
        actor = make_actor(owner, ctx) if owner is not None else None
        if actor is not None and actor.inter is not None:
            return actor
    candidates = [*objects_of(primary.token), *([second] if second is not None else [])]
    if primary.kind.key == "surrender":  # "surrendered to the army"
        candidates += [o for p in _preps(primary.token, "to") for o in p.children]
    verbs = dict.fromkeys(
        v
        for v in (own_verb(primary.token), _governor(primary.token), anchor)
        if v.i != primary.token.i and v.pos_ == "VERB" and lemma(v) not in SPEECH
    )
    for verb in verbs:  # "engaged Russian units in street fighting"
        candidates += (t for t in objects_of(verb) if t.i != primary.token.i)
    actors = (
        make_actor(token, ctx)
        for token in candidates
        if _names_people(token) and not _place_struck(token)
    )
    return next((a for a in actors if a is not None and a.inter is not None), None)


#: How a text names whose arms were seized: "belonged to the ELN", "bound for ISWAP".
ARMS_OWNED_BY = {"belong": "to", "attribute": "to", "bind": "for", "plant": "by", "own": "by"}


def _arms_owner(sent: Span) -> Token | None:
    """The group whose arms or bombs were found: "a cache ... which the army attributed to
    the ELN", "rifles ... bound for ISWAP", "bombs ... planted by ISWAP"."""
    for verb in sent:
        prep = ARMS_OWNED_BY.get(lemma(verb))
        if prep is None:
            continue
        for p in verb.children:
            if p.lower_ == prep and p.dep_ in ("prep", "agent", "dative"):
                owner = next((o for o in p.children if o.dep_ == "pobj"), None)
                if owner is not None:
                    return owner
    return None


def _governor(token: Token) -> Token:
    """The verb a complement depends on ("engaged Russian units in street fighting")."""
    return token.head if token.dep_ == "xcomp" else token


#: Prepositions of where an act fell: "strikes on Gaza", "shelling across Kharkiv".
WHERE_IT_FELL = frozenset({"on", "in", "at", "near", "across", "into", "over", "around"})


def _place_struck(token: Token) -> bool:
    """A named place an act fell on ("strikes on Gaza", "attacked Daffo, a farming
    village") is where, not whom."""
    if PLACE not in word_set([token]):
        return False
    if token.dep_ == "pobj":
        return token.head.lower_ in WHERE_IT_FELL
    return any(c.dep_ == "appos" and lemma(c) in SETTLEMENTS for c in token.children)


def _preps(token: Token, word: str) -> list[Token]:
    return [c for c in token.children if c.dep_ == "prep" and c.lower_ == word]


#: What police turn or fire on a crowd ("turned tear gas and water jets on protesters").
CROWD_CONTROL = frozenset({"gas", "teargas", "cannon", "jet", "hose", "spray", "canister",
                           "bullet", "baton"})  # fmt: skip
#: Objects that never stand for the people or group an event targets.
NOT_PEOPLE = AGREEMENTS | TALKS | LETTERS | STONES | CROWD_CONTROL


def _names_people(token: Token) -> bool:
    """Whether a noun can stand for people or a group ("junta positions", "a community
    leader"): an agreement, a message, a stone or tear gas cannot ("a local peace accord")."""
    return lemma(token) not in NOT_PEOPLE


#: Verbs by which a group owns an attack ("claimed the attack", "carried out the blast").
OWNING = frozenset({"claim", "carry", "conduct", "perpetrate", "stage"})
#: What a group owns: the attack itself, or responsibility for it.
OWNED = frozenset({"attack", "blast", "bombing", "explosion", "killing", "ambush", "it",
                   "responsibility", "raid", "strike", "assault", "massacre"})  # fmt: skip
#: Verbs whose passive subject is held responsible ("ISWAP was suspected").
BLAMING = frozenset({"blame", "suspect"})


def _claimant(sent: Span, ctx: ActorContext) -> Actor | None:
    """The group a sentence holds responsible for an attack told before: "ISKP claimed the
    attack", "Al Shabaab said it carried out the attack", "the BLA said it was behind the
    blast", "ISWAP was suspected"."""
    for token in sent:
        subject = _owner(token)
        if (
            subject is None
            or _negated(token)
            or any(c.lower_ in ("no", "nobody") for c in subject.subtree)
        ):
            continue
        actor = make_actor(_antecedent(subject), ctx)
        if actor is not None and actor.inter in (2, 3, 4):
            return actor
    return None


def _owner(token: Token) -> Token | None:
    """The subject of a verb that owns or is blamed for an attack, if `token` is one."""
    if (
        token.pos_ == "VERB"
        and lemma(token) in OWNING
        and any(c.dep_ == "dobj" and lemma(c) in OWNED for c in token.children)
    ):
        return next((c for c in token.children if c.dep_ == "nsubj"), None)
    if token.pos_ == "VERB" and lemma(token) in BLAMING:
        blamed = ("nsubjpass", "dobj")  # "ISWAP was suspected", "authorities blamed the ADF"
        return next((c for c in token.children if c.dep_ in blamed), None)
    if token.lower_ == "behind" and lemma(token.head) == "be":
        return next((c for c in token.head.children if c.dep_ == "nsubj"), None)
    return None


def _credit_claim(drafts: list[Draft], position: int, claimant: Actor) -> None:
    """Give the claimed attack (the latest violent incident of the last two sentences with
    no named perpetrator) to the group that claimed it."""
    for draft in reversed(drafts):
        if draft.sentence_index < position - 2:
            return
        if draft.kind.event_type in (BATTLES, EXPLOSIONS, VAC) and draft.actor1 is None:
            draft.actor1 = claimant
            return


#: Conjunctions of a clause that tells another, earlier or later, incident.
OTHER_TIME = {"after", "before", "since", "following"}


def _belongs(count: Count, group_tokens: set[int], anchor: Token) -> bool:
    """The count hangs on the event's triggers, not through a clause on another time
    ("attacked the police station after a man was killed")."""
    cur = count.token
    for _ in range(12):
        if cur.i in group_tokens or _died_when(cur, anchor):
            return True
        if any(victims_remembered(c) for c in cur.children):
            return False  # "carrying photographs of the two children killed in ..."
        if cur.head.i == cur.i:
            return _toll_after_semicolon(cur, anchor)
        if own_scene(cur) or act_reacted_to(cur):
            return False  # "... in Bajaur and stormed a checkpoint outside Tank, killing three"
        if cur.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in OTHER_TIME for c in cur.children
        ):
            return False
        cur = cur.head
    return False


def _died_when(verb: Token, anchor: Token) -> bool:
    """ "Three soldiers died when a roadside bomb hit their vehicle": the toll's verb
    governs the incident's "when" clause."""
    return (
        lemma(verb) in DIE_VERBS
        and anchor.head.i == verb.i
        and anchor.dep_ == "advcl"
        and any(c.lower_ == "when" for c in anchor.children)
    )


def _toll_after_semicolon(root: Token, anchor: Token) -> bool:
    """ "Armed men burned a village and shot fleeing residents; five people died": the
    parser makes the toll's verb the root and hangs the incident under it."""
    return lemma(root) in DIE_VERBS and anchor.head.i == root.i and anchor.i < root.i


#: Munitions fired at once in one attack rarely exceed this; more over weeks is a campaign.
BARRAGE = 50


def _barrage_over_weeks(draft: Draft) -> bool:
    """ "Russia launched 4,000 drones and 150 missiles at Ukraine in January": a month's
    munitions counted together, not one attack (one night's 700 drones still is one)."""
    if draft.kind.event_type != EXPLOSIONS:
        return False
    fired = sum(c.value for c in draft.counts if c.category in ("missiles", "aircraft"))
    long_window = draft.when is None or (draft.when.end - draft.when.start).days > 7
    return fired >= BARRAGE and long_window


def _naming_participle(group: list[Trigger]) -> Token | None:
    """The group's trigger when it is a past participle, without an agent, that names a
    noun ("those killed", "the deal reached"), with the rest of the group inside it."""
    named = group[0].token
    naming = (
        named.tag_ == "VBN"
        and named.dep_ == "acl"
        and not any(c.dep_ == "agent" for c in named.children)
        and all(t.token in named.subtree and not _told_by_its_doer(t.token) for t in group[1:])
    )
    return named if naming else None


def _told_by_its_doer(token: Token) -> bool:
    """A verb with its own subject tells the incident ("farmers killed on Sunday when
    fighters attacked people working in fields"), whatever it hangs on."""
    return token.pos_ == "VERB" and any(c.dep_ == "nsubj" for c in token.children)


def _victims_named(group: list[Trigger]) -> bool:
    """ "the identities of those killed", "funerals for the 14 people killed in Tuesday's
    attack": a participle naming an incident's victims (with what it says of the
    incident)."""
    named = _naming_participle(group)
    return named is not None and lemma(named) in CONSEQUENCES


#: Determiners that point at a thing told before ("the deal", "this attack").
DEFINITE = frozenset({"the", "this", "that"})


def _target_named(group: list[Trigger]) -> bool:
    """ "The deal, reached after two days of talks, commits both sides...", "the bulk
    carrier hit this morning": a participle naming, with "the", what an incident told
    before made or struck."""
    named = _naming_participle(group)
    return named is not None and any(
        c.dep_ == "det" and c.lower_ in DEFINITE for c in named.head.children
    )


def _add_outcome(
    draft: Draft, sentence_counts: list[Count], position: int, trigger: Trigger | None
) -> None:
    """Counts of a continuing sentence join the incident, unless it already has that kind
    of count (then the sentence repeats it) or they are running totals; the sentence, read
    at its trigger, is a source of the incident."""
    if trigger is not None and position != draft.sentence_index:
        draft.retold.append((position, trigger))
    known = {c.category for c in draft.counts}
    draft.counts.extend(
        c
        for c in sentence_counts
        if c.category not in known and not _in_other_time_or_tally(c.token)
    )


def _second_pass(drafts: list[Draft], sentences: list[Span], article: Article) -> None:
    speakers = None
    for number, draft in enumerate(drafts):
        if draft.when is not None:
            continue
        offset = sequel_offset(sentences[draft.sentence_index].text)
        before = (
            None
            if offset is None
            else next((d.when for d in reversed(drafts[:number]) if d.when is not None), None)
        )
        if offset is not None and before is not None:
            draft.when = shifted(
                before, offset, article.published, "relative to the incident before"
            )
            draft.date_source = "relative to the incident before"
            continue
        if draft.after is not None:
            unit, noun = draft.after
            noun = noun.rstrip("s") if not noun.endswith("ss") else noun
            anchors = [
                (d.when, d.kind)
                for d in drafts
                if d is not draft
                and d.when is not None
                and (noun in d.kind.nouns or noun in d.kind.verbs)
            ]
            if anchors:
                when, kind = min(anchors, key=lambda a: a[0].start)
                draft.when = after_anchor(
                    unit, when, article.published, f"{unit} after {kind.label}"
                )
                draft.date_source = "after anchor event"
                continue
        if draft.kind.verbal and draft.actor1 is not None:
            speakers = (
                speakers if speakers is not None else speaker_dates(sentences, article.published)
            )
            same = [
                s
                for s in speakers
                if s[0] != draft.sentence_index and shares_actor(draft.actor1, s[1])
            ]
            if same:
                best = min(
                    same,
                    key=lambda s: (abs(s[0] - draft.sentence_index), s[0] < draft.sentence_index),
                )
                draft.when = best[2]
                draft.date_source = "same actor's dated statement"
                continue
        if not draft.kind.verbal and not draft.group[0].nominal:
            told = _told_just_before(draft, drafts, sentences)
            if told is not None:
                draft.when = told.when
                draft.date_source = "the incident told just before"


def _told_just_before(draft: Draft, drafts: list[Draft], sentences: list[Span]) -> Draft | None:
    """The dated incident of the sentence just before, in the same paragraph: a story told
    with a verb goes on on its day ("Raiders attacked a camp on Tuesday night. Police
    pursued them and exchanged fire ..."); a noun ("a single attack") may be any day."""
    index = draft.sentence_index
    if index == 0 or not same_paragraph(sentences[index - 1], sentences[index]):
        return None
    return next(
        (
            d
            for d in drafts
            if d.sentence_index == index - 1 and d.when is not None and not d.kind.verbal
        ),
        None,
    )


def _confidence(draft: Draft) -> float:
    score = 0.85 if not draft.group[0].nominal else 0.65
    if draft.actor1 is None:
        score -= 0.1
    if draft.when is None:
        score -= 0.1
    elif draft.date_source not in ("attached",):
        score -= 0.05
    if draft.location.place is None or draft.location.rung == "country":
        score -= 0.1
    return round(max(score, 0.1), 2)


def _to_event(draft: Draft, bounds: SentenceBounds, article: Article, offset: int) -> Event:
    """The event of a draft; character offsets in `article.text` (the doc starts at `offset`)."""
    primary = draft.group[0]
    start, end, text = bounds(draft.sentence_index)
    start, end = start + offset, end + offset
    trigger_start, trigger_end = primary.start + offset, primary.end + offset
    fatal = [c for c in draft.counts if c.category == "fatalities"]
    fatalities = sum(c.value for c in fatal)
    others: dict[str, int] = {}
    for count in draft.counts:
        if count.category != "fatalities":
            others[count.category] = max(others.get(count.category, 0), count.value)
    target = draft.actor2 or _victims(draft.counts)
    words = _clause_words(draft)
    coding = _code(draft, words, fatalities, target)
    actor1, actor2 = cast_actors(coding, draft.actor1, target, draft.location.place, words)
    when = draft.when or undated(article.published)
    dated = draft.when is not None
    return Event(
        id=content_id(article.id, trigger_start, trigger_end),
        label=coding.label,
        event_type=coding.event_type,
        sub_event_type=coding.sub_event_type,
        cameo=coding.cameo,
        date=when.date if when else None,
        date_start=when.start if dated and when else None,
        date_end=when.end if when else None,
        time_precision=when.precision if when else 3,
        place=draft.location.place,
        geo_precision=draft.location.geo_precision,
        location_reason=draft.location.reason,
        actor1=actor1,
        actor2=actor2,
        fatalities=fatalities,
        fatalities_text="; ".join(c.text for c in fatal) or None,
        counts=tuple(sorted(others.items())),
        modality=primary.modality,
        confidence=_confidence(draft),
        sources=(
            Provenance(article.id, text, start, end, primary.text, trigger_start, trigger_end),
            *_retold_sources(draft, bounds, article, offset),
        ),
        coding_reason=f"'{primary.text}': {coding.reason}",
    )


def _retold_sources(
    draft: Draft, bounds: SentenceBounds, article: Article, offset: int
) -> list[Provenance]:
    """The sentences that told the incident again, each once, in text order."""
    seen: dict[int, Trigger] = {}
    for position, trigger in draft.retold:
        seen.setdefault(position, trigger)
    out = []
    for position, trigger in sorted(seen.items(), key=lambda item: item[0]):
        start, end, text = bounds(position)
        out.append(
            Provenance(
                article.id,
                text,
                start + offset,
                end + offset,
                trigger.text,
                trigger.start + offset,
                trigger.end + offset,
            )
        )
    return out


def _negated(token: Token) -> bool:
    """ "did not arrest", "no live fire": the word is negated (on itself or its head)."""
    return any(
        c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no")
        for c in (*token.children, *token.head.children)
    )


def _victims(counts: list[Count]) -> Actor | None:
    """The people an incident killed, wounded or took, as its target: "killing 7 soldiers"."""
    for count in counts:
        if count.category in VICTIM_COUNTS:
            noun = counted_noun(count.token)
            victim = make_actor(noun, ActorContext()) if noun.i != count.token.i else None
            if victim is not None and victim.inter is not None:
                return victim
    return None


#: Verbs that open a clause about what an incident led to ("..., prompting a protest").
AFTERMATH = frozenset({"prompt", "spark", "trigger", "provoke", "fuel", "cause", "lead"})


def _aftermath(draft: Draft) -> set[int]:
    """The tokens of a clause on what the incident led to ("..., prompting a protest")."""
    return {
        t.i
        for v in draft.anchor.children
        if v.dep_ in ("advcl", "xcomp", "conj") and lemma(v) in AFTERMATH
        for t in v.subtree
    }


def _clause_words(draft: Draft) -> frozenset[str]:
    """The lemmas of the trigger's clause and the kinds of its triggers, without negated
    words and without what the incident led to ("a student was killed, prompting a protest
    march")."""
    after = _aftermath(draft)
    return frozenset(
        lemma(t) for t in draft.anchor.subtree if t.i not in after and not _negated(t)
    ) | {t.kind.key for t in draft.group if t.token.i not in after}


def _code(draft: Draft, words: frozenset[str], fatalities: int, actor2: Actor | None) -> Coding:
    """The event's ACLED codes from its trigger, the words around it (`_clause_words`),
    actors and victims."""
    primary = draft.group[0]
    doer = [t for t in _relative_named(subject_tokens(primary.token)) if not _in_doers_clause(t)]
    arguments = frozenset().union(*(t.arguments for t in draft.group)) | _means_of(doer)
    # "Russian artillery fire killed a man": the means may be the subject
    victims = frozenset(
        v
        for v in (victim_inter(c.token) for c in draft.counts if c.category in VICTIM_COUNTS)
        if v is not None
    )
    facts = Facts(
        draft.kind,
        lemma(primary.token),
        arguments,
        words,
        draft.actor1.inter if draft.actor1 else None,
        victims | ({actor2.inter} if actor2 and actor2.inter else frozenset()),
        fatalities,
    )
    return code_event(facts)


def _relative_named(doer: list[Token]) -> list[Token]:
    """ "an air strike that killed four herders": a relative clause's doer is the thing it
    hangs on (its words up to the noun)."""
    if len(doer) != 1 or doer[0].lower_ not in ("that", "which"):
        return doer
    noun = _antecedent(doer[0])
    return (
        doer if noun is None or noun.i == doer[0].i else [t for t in noun.subtree if t.i <= noun.i]
    )


def _means_of(doer: list[Token]) -> frozenset[str]:
    """The doer's words; a "strike" that kills or hits is an air strike, not a walk-out."""
    words = word_set(doer)
    strike = any(t.pos_ == "NOUN" and lemma(t) == "strike" for t in doer)
    return words | {"airstrike"} if strike else words


#: Verbs of what a doer carries or bears.
WIELDING = CARRYING | {"wield", "brandish", "bear"}


def _in_doers_clause(token: Token) -> bool:
    """The word says what the doer carries ("militants carrying rocket launchers
    stormed"), not the means of the act."""
    for up in token.ancestors:
        if up.dep_ in ("acl", "relcl") and lemma(up) in WIELDING:
            return True  # but "police units using drones ... struck": the means
        if up.dep_ in ("nsubj", "nsubjpass"):
            return False
    return False


def _armed_march(draft: Draft) -> bool:
    """ "The rebels marched into Goma": armed men marching move, they do not protest; and
    "marched the captives into the bush" moves people by force."""
    if draft.kind.key != "protest":
        return False
    trigger = draft.group[0].token
    if any(c.dep_ == "dobj" for c in trigger.children) and lemma(trigger) == "march":
        return True
    marcher = next((c for c in trigger.children if c.dep_ == "nsubj"), None)
    return marcher is not None and classify_inter([marcher]) in ARMED  # not "soldiers' wives"


#: Words of a state's diplomacy: "the ministry summoned the envoy to protest".
DIPLOMACY = frozenset({"ministry", "government", "embassy", "ambassador", "minister", "envoy",
                       "department", "office"})  # fmt: skip


def _nobody_in_it(group: list[Trigger]) -> bool:
    """A bare outcome verb with no one in its clause ("bury the woman and boy killed this
    morning", parsed as a clause of its own): it tells no incident by itself."""
    return consequence_only(group) and all(
        not any(c.dep_ in ("nsubj", "nsubjpass", "dobj", "agent") for c in t.token.children)
        and t.token.pos_ == "VERB"
        and t.kind.key != "surrender"
        for t in group
    )


#: Outcome verbs of a toll: "dozens were killed", "more than 20 died".
TOLL_VERBS = frozenset({"kill", "die", "wound", "injure", "shoot", "displace"})


def _toll_of_nowhere(group: list[Trigger], draft: Draft, told_apart: bool) -> bool:
    """ "More than 20 people were killed, according to rights groups": a toll with no doer,
    no day and no place of its own, that continues no incident told, counts the dead of a
    story, not an incident; `told_apart`: the sentence tells another day or incident."""
    acts = [t for t in group if not t.kind.verbal]
    tolls = consequence_only(group) and all(lemma(t.token) in TOLL_VERBS for t in acts)
    return tolls and not _told_where_or_when(draft) and not told_apart


#: What makes bodies found the victims of an attack: "bodies with gunshot wounds".
VIOLENCE_SIGNS = frozenset({"gunshot", "bullet", "shot", "wound", "torture", "bound",
                            "blindfold", "blindfolded", "behead", "beheaded", "mutilate",
                            "dump", "execute", "execution", "stab"})  # fmt: skip


def _bodies_of_no_attack(draft: Draft) -> bool:
    """Bodies found are an attack's victims only when nobody named found them and the
    text shows violence ("the bodies of five men with gunshot wounds were found dumped");
    "soldiers recovered the bodies of two comrades" is no attack."""
    if draft.kind.key != "bodies_found":
        return False
    verb = draft.group[0].token
    passive = any(c.dep_ == "nsubjpass" for c in verb.children)
    agent = any(c.dep_ == "agent" for c in verb.children)
    return not passive or agent or not _clause_words(draft) & VIOLENCE_SIGNS


#: What a gathering is for, when it is a protest: "gathered to demand", "to voice support".
CAUSES = frozenset({"demand", "protest", "call", "voice", "denounce", "condemn", "mark",
                    "commemorate", "support", "oppose", "chant", "ask", "urge", "press",
                    "against", "slogan", "banner", "placard", "sit-in", "block", "blockade",
                    "flag", "strike"})  # fmt: skip


def _entered_in_force(draft: Draft) -> bool:
    """Forces entering a town change who holds it only when no one fought them ("entered
    the town without a fight"); otherwise the entry is part of what they did there."""
    return draft.kind.key == "entry" and not unopposed(_clause_words(draft))


def _gathering_without_cause(draft: Draft) -> bool:
    """People who "gathered" protest only for a cause the clause gives ("gathered in
    Niamey to mark the anniversary of the coup and voice support"); "residents gathered at
    the scene of the blast" is no protest."""
    return draft.kind.key == "gathering" and not _clause_words(draft) & CAUSES


def _private_flight(draft: Draft) -> bool:
    """ "Hauwa fled to Gusau with her children": a person of no known office fleeing is no
    flight into exile (a leader, candidate or official is)."""
    return draft.kind.key == "exile" and (draft.actor1 is None or draft.actor1.inter is None)


#: Who sentences rather than arrests: "a court jailed two men for arson".
COURTS = frozenset({"court", "judge", "tribunal", "magistrate", "chamber", "jury"})


def _sentenced(draft: Draft) -> bool:
    """A court jailing people is a sentence for an act told as history, not an arrest."""
    doer = subject_of(draft.group[0].token)
    return draft.kind.key == "arrests" and doer is not None and lemma(doer) in COURTS


def _diplomatic_protest(draft: Draft) -> bool:
    """A government that "protests", or a side that "lodges a protest", objects in words;
    it does not demonstrate."""
    if draft.kind.key != "protest":
        return False
    trigger = draft.group[0].token
    if trigger.dep_ == "dobj" and lemma(trigger.head) in LODGED:
        return True  # "Colombia lodged a formal protest"
    doer = subject_of(trigger)
    return doer is not None and lemma(doer) in DIPLOMACY


#: Verbs a complaint is made with: "lodged a protest", "filed a protest".
LODGED = frozenset({"lodge", "file", "register", "submit", "deliver"})
#: Verbs of courts and prosecutors: what they judge was told before ("sentenced for raids").
JUDGED = frozenset({"sentence", "convict", "acquit", "try", "charge", "indict", "prosecute",
                    "jail", "imprison", "condemn"})  # fmt: skip


def _judged(draft: Draft) -> bool:
    """An act a court judges, a prosecutor charges or a judge recounts is history:
    "sentenced 11 men for their roles in a string of Boko Haram raids", "charged with the
    killing of a journalist", "the judge described how the gunmen shot men"."""
    token = draft.group[0].token
    if _per_court_papers(token.sent):
        return True
    through_prep = False
    for _ in range(8):
        head = token.head
        if head.i == token.i:
            return False
        through_prep = through_prep or token.dep_ == "prep"
        if through_prep and lemma(head) in JUDGED and head.pos_ == "VERB":
            return True
        if head.pos_ == "VERB" and _told_in_court(head):
            return True  # "the judge described how the gunmen had rounded up villagers"
        token = head
    return False


#: What speaks for a court: what it tells is the case being tried (prosecutors are also
#: a police source).
BENCH = COURTS | {"judgment", "verdict"}


def _told_in_court(verb: Token) -> bool:
    """A verb of telling whose subject is a judge, a court or its verdict."""
    return lemma(verb) in TELLING and any(
        c.dep_ == "nsubj" and lemma(c) in BENCH for c in verb.children
    )


#: A court's papers: what "according to the indictment" tells is the case tried.
COURT_PAPERS = BENCH | {"indictment", "charge", "ruling", "sentence", "judgement"}


def _per_court_papers(sentence: Span) -> bool:
    """The sentence tells what a court's papers say ("according to the indictment")."""
    return any(
        t.lower_ == "according"
        and any(
            p.lower_ == "to" and any(lemma(o) in COURT_PAPERS for o in p.children)
            for p in t.children
        )
        for t in sentence
    )


#: Verbs a court tells a case with.
TELLING = frozenset({"describe", "say", "hear", "find", "recount", "detail", "state", "rule"})


#: Verbs of a raid whose purpose a sentence may tell ("abducted ... when bandits raided it").
INCURSIONS = frozenset({"raid", "storm", "attack", "invade", "overrun"})


def _raids_for_captives(groups: list[list[Trigger]]) -> list[list[Trigger]]:
    """A raid told beside the abduction it was for is the abduction (ACLED codes one
    event): "23 villagers abducted from Kadawa when bandits raided it"."""
    if not any(g[0].kind.key.startswith("abduction") for g in groups):
        return groups
    return [
        g
        for g in groups
        if not (
            g[0].kind.key == "attack_civilians" and all(lemma(t.token) in INCURSIONS for t in g)
        )
    ]


def _dated_apart(sent: Span, told: Draft | None, article: Article) -> bool:
    """ "In Lianga, nine NPA fighters surrendered on Monday" after Sunday's clash: a
    sentence whose own day is not the day of the incident just told tells another."""
    if told is None or told.when is None or told.when.precision > 1:
        return False
    when, source = date_for(sent, sent.root, [], article.published)
    if when is None or source != "attached" or when.precision > 1:
        return False
    return when.end < told.when.start or told.when.end < when.start


def _only_outcomes(groups: list[list[Trigger]]) -> bool:
    """The sentence only tells what an incident cost, perhaps with a reaction: "The NRF
    said three Taliban were killed; the Taliban denied losses."."""
    outcomes = [g for g in groups if consequence_only(g)]
    reactions = [g for g in groups if all(t.kind.verbal for t in g)]
    return len(outcomes) + len(reactions) == len(groups) and (bool(outcomes) or not groups)


def _counted_nationwide(draft: Draft, sent: Span) -> bool:
    """ "37 people had been detained across the country during the day": arrests or
    surrenders counted over a whole country are a tally of many, not one event."""
    return draft.kind.key in COUNTED_MOVES and bool(countrywide_words(sent))


def _describes_people(draft: Draft) -> bool:
    """ "... including women who protested against restrictions", told in a report dated
    Wednesday, or "groups fighting over the routes": an act in a relative clause or a
    participle that says who some people are, with no date of its own, describes them;
    it is not news."""
    token = draft.group[0].token
    clause = token.dep_ == "relcl" or (token.dep_ == "acl" and token.tag_ == "VBG")
    return clause and token.head.tag_ == "NNS" and draft.date_source != "attached"


def _in_the_present(draft: Draft, sent: Span) -> bool:
    """ "says its aircraft strike only terrorist positions", "most attacks are repelled":
    an act in the simple present, undated, outside a headline or a live blog's entry, is
    what someone does, not what happened."""
    token = draft.group[0].token
    present = token.tag_ in ("VBP", "VBZ") or any(
        c.dep_ == "auxpass" and c.lower_ in ("is", "are") for c in token.children
    )
    # "fighters use quadcopters to drop explosives": the purpose of a present habit
    present = present or (
        token.tag_ == "VB"
        and token.dep_ in ("xcomp", "advcl")
        and token.head.tag_ in ("VBP", "VBZ")
    )
    return (
        present
        and not draft.group[0].nominal
        and draft.date_source != "attached"
        and not in_headline(sent)
        and not _live_entry(sent)
    )


def _fighting_in_general(draft: Draft) -> bool:
    """ "the fighting in Donetsk this autumn", "killings born of fighting between gangs":
    the noun "fighting" with no day, no toll and no onset of its own names a war's
    course, not one clash ("fighting broke out on Monday" has both)."""
    return (
        all(t.nominal and lemma(t.token) in ("fighting", "fight") for t in draft.group)
        and draft.date_source != "attached"
        and not any(c.category == "fatalities" for c in draft.counts)
    )


def _told_where_or_when(draft: Draft) -> bool:
    """The incident's own sentence gives its day or its place."""
    return draft.date_source == "attached" or draft.location.in_sentence


#: Developments that are news as a side announces them ("said it had shot down 30
#: drones", "have been deployed", "said they had agreed").
ANNOUNCED = frozenset({"disrupted", "naval_deployment", "deployment", "naval_arrival",
                       "arrival", "mobilisation", "release", "ceasefire", "agreement",
                       "prisoner_exchange", "surrender", "split"})  # fmt: skip


def _reported_recap(draft: Draft) -> bool:
    """An act reported in the (plu)perfect with no day, place or death of its own ("said
    party members had been attacked"): a recap or a claim, not an incident; developments
    a side announces (`ANNOUNCED`) are news so told."""
    deaths = any(c.category == "fatalities" and c.value > 0 for c in draft.counts)
    return (
        not deaths
        and draft.kind.key not in ANNOUNCED
        and not _told_where_or_when(draft)
        and reported_in_the_perfect(draft.group[0].token)
    )


def _without_earlier_months(drafts: list[Draft], published: date | None) -> list[Draft]:
    """In a text whose news is dated by the day or the week, incidents dated only by an
    earlier month are background ("signed a declaration in July" in an October story); a
    note whose one incident happened "in July" keeps it."""
    if not any(d.when is not None and d.when.precision < 3 for d in drafts):
        return drafts
    return [d for d in drafts if not earlier_month(d.when, published)]


def _read_sentence(
    sent: Span,
    position: int,
    sentences: list[Span],
    article: Article,
    ctx: ActorContext,
    places: PlaceIndex,
    drafts: list[Draft],
    keep_modal: bool,
    background: set[int],
) -> None:
    """Draft the incidents a sentence tells (appended to `drafts`), or add what it says
    to an incident already told. `background` holds the sentences whose incidents were
    history; "Days later ..." after one of them is history too."""
    every = group_triggers(find_triggers(sent))
    groups = _raids_for_captives([g for g in every if keep_modal or g[0].modality == ASSERTED])
    told = incident_just_told(drafts, sentences, position) or incident_named_again(sent, drafts)
    apart = another_incident(sent) or _dated_apart(sent, told, article)
    # once per sentence that tells or adds to an incident, for each incident
    counts = find_counts(sent) if every or told is not None else []
    if told is not None and _only_outcomes(every) and not apart:
        _add_outcome(told, counts, position, every[0][0] if every else None)
        return
    for whole in groups:
        # a weapon held or seized is not an attack, but the seizure beside it is an event
        group = [t for t in whole if not possessed(t)]
        if not group or quoted(group[0].token) or _victims_named(group) or _target_named(group):
            continue
        here = _toll_of_this_sentence(group, drafts, position)
        if here is not None:
            _add_outcome(here, counts, position, group[0])
            continue
        draft = _draft(group, sentences, position, article, ctx, places, drafts, counts)
        told_before = (
            mentioned_before(draft, drafts)
            or part_of_incident(draft, drafts)
            or done_again(draft, drafts)
        )
        if told_before is not None:
            _add_outcome(told_before, counts, position, group[0])
            continue
        violent = draft.kind.event_type != STRATEGIC or draft.kind.key in COUNTED_MOVES
        tallied = violent and draft.kind.event_type != PROTESTS and not _live_entry(sent)
        if long_before(draft.when, article.published):
            background.add(position)
            continue
        if (
            draft.when is None
            and position - 1 in background
            and same_paragraph(sentences[position - 1], sent)
        ):
            continue  # "Dozens of people were killed before a truce took hold.", after history
        if not (
            running_tally(group[0].token, draft.anchor, draft.when, violent, tallied)
            or response_deployment(draft.kind.key, draft.anchor, draft.date_source == "attached")
            or _barrage_over_weeks(draft)
            or (describes_a_group(group[0].token, draft.when) and not _live_entry(sent))
            or self_claimed_toll(group, draft.anchor, _told_where_or_when(draft))
            or _armed_march(draft)
            or told_as_a_time(group[0].token)
            or said_at_the_time(draft.anchor)
            or truce_named_only(group)
            or arrest_of_suspects(group)
            or found_no_arms(group)
            or _diplomatic_protest(draft)
            or _private_flight(draft)
            or _bodies_of_no_attack(draft)
            or _gathering_without_cause(draft)
            or _entered_in_force(draft)
            or _sentenced(draft)
            or _judged(draft)
            or _reported_recap(draft)
            or _nobody_in_it(group)
            or _toll_of_nowhere(group, draft, apart)
            or _counted_nationwide(draft, sent)
            or _describes_people(draft)
            or _fighting_in_general(draft)
            or _in_the_present(draft, sent)
        ):
            drafts.append(draft)
    _give_lone_toll(counts, [d for d in drafts if d.sentence_index == position])


def _toll_of_this_sentence(
    group: list[Trigger], drafts: list[Draft], position: int
) -> Draft | None:
    """ "Grenade thrown at shop front in Guasmo Sur; 1 killed, 2 wounded": a toll with no
    doer after the sentence's one violent incident is that incident's."""
    if not consequence_only(group):
        return None
    here = [d for d in drafts if d.sentence_index == position]
    incident = _sole_violence(here) if len(here) == 1 else None
    return incident if incident is not None and group[0].token.i >= incident.anchor.i else None


def _sole_violence(drafts: list[Draft]) -> Draft | None:
    """The one violent incident among a sentence's drafts, if there is exactly one."""
    violent = [d for d in drafts if violence_family(d.kind) == "violence"]
    return violent[0] if len(violent) == 1 else None


def _give_lone_toll(sentence_counts: list[Count], drafts: list[Draft]) -> None:
    """ "..., and the two sides fought until dusk; local sources reported six soldiers
    killed": a toll told after the sentence's one violent incident, hung on no trigger,
    is that incident's (not one in a clause of another time, nor a perfect's tally)."""
    draft = _sole_violence(drafts)
    if draft is None or any(c.category == "fatalities" for c in draft.counts):
        return
    taken = {c.start for d in drafts for c in d.counts}
    draft.counts.extend(
        c
        for c in sentence_counts
        if c.category == "fatalities"
        and c.start not in taken
        and c.token.i > draft.anchor.i
        and not _in_other_time_or_tally(c.token)
    )


def _in_other_time_or_tally(token: Token) -> bool:
    """The count sits in an "after/since ..." clause or a perfect ("have killed")."""
    for cur in (token, *token.ancestors):
        marks = {c.lower_ for c in cur.children if c.dep_ in ("mark", "prep")}
        if marks & OTHER_TIME or present_perfect(cur):
            return True
    return False


def _without_retold_titles(drafts: list[Draft], sentences: list[Span]) -> list[Draft]:
    """A live blog entry's title ("11:35 — Roadside bomb near Burhakaba") tells what its
    text tells: the title's incident stays only when the entry's text gives none of its
    family (violence, a protest, an agreement ...)."""
    lines = {i: line for i, sent in enumerate(sentences) if (line := _entry_line(sent))}
    starts = list(lines)
    ends = [*starts[1:], len(sentences)] if starts else []
    titles = {i: end for i, end in zip(starts, ends, strict=True) if _entry_title(lines[i])}

    def retold(title: Draft) -> bool:
        body = range(title.sentence_index + 1, titles[title.sentence_index])
        family = violence_family(title.kind)
        return any(d.sentence_index in body and violence_family(d.kind) == family for d in drafts)

    return [d for d in drafts if d.sentence_index not in titles or not retold(d)]


def _in_summary(sent: Span) -> bool:
    """The sentence is in a paragraph headed "Key points:", "Highlights:" or "What we know":
    a list that sums up what the text then tells."""
    text = doc_text(sent.doc)
    reach = max(0, sent.start_char - SUMMARY_REACH)  # a bounded look back, as for stamps
    start = text.rfind("\n\n", reach, sent.start_char)
    if start < 0 and reach > 0:
        return False
    start = 0 if start < 0 else start + 2
    return SUMMARY_HEAD.match(text, start) is not None


def _line_start(sent: Span) -> int | None:
    """Where the sentence's line starts, when it is at most a time stamp's length before
    the sentence (a bounded look back: a long paragraph costs no more per sentence)."""
    text = doc_text(sent.doc)
    reach = max(0, sent.start_char - STAMP_REACH)
    newline = text.rfind("\n", reach, sent.start_char)
    if newline < 0 and reach > 0:
        return None
    return newline + 1


def _entry_line(sent: Span) -> str:
    """The line, up to the sentence's end, of a sentence that opens a live blog's
    time-stamped line ("11:35 — Roadside bomb near Burhakaba"); "" for any other."""
    start = _line_start(sent)
    if start is None:
        return ""
    text = doc_text(sent.doc)
    stamp = TIMESTAMP.match("\n" + text[start : sent.end_char])
    if stamp is None or sent.start_char - start > stamp.end():
        return ""
    end = text.find("\n", sent.start_char, sent.end_char + 1)
    return text[start : sent.end_char if end < 0 else end].rstrip()


def _entry_title(line: str) -> bool:
    """An entry's title: a short line after the time stamp, with no closing punctuation."""
    words = TIMESTAMP.sub("", "\n" + line).split()
    return bool(words) and len(words) <= TITLE_MAX_WORDS and line[-1:] not in ".!?:;\"'”’)"


def _live_entry(sent: Span) -> bool:
    """The sentence is in a live blog's time-stamped entry, where "have opened fire" is
    news of the hour, not a tally."""
    text = doc_text(sent.doc)
    line = max(text.rfind("\n", 0, sent.start_char), 0)  # TIMESTAMP opens with "\n" or ^
    return TIMESTAMP.match(text, line) is not None


def detect_events(
    article: Article,
    doc: Doc,
    toponyms: Sequence[Toponym],
    gazetteer: PlaceLookup | None = None,
    keep_modal: bool = False,
    *,
    offset: int = 0,
    lead: Lead | None = None,
) -> list[Event]:
    """Events reported by `article` (`doc` is its spaCy parse, `toponyms` its places).

    Negated, hypothetical, attempted, threatened, alleged or future events are dropped
    unless `keep_modal`, in which case they are returned with their `modality`.

    A long article is read in windows (`geo.pipeline`): `doc` then parses the window
    that starts at `offset` in `article.text` (`toponyms` in the window's offsets), and a
    window after the first takes the article's `lead` (from `lead_places` on the first
    window) and has no headline of its own. Events are in the article's offsets.
    """
    tops = list(toponyms)
    sentences = list(doc.sents)
    ctx = build_context(doc, tops)
    places = PlaceIndex(doc, tops, gazetteer, lead)
    if lead is not None:
        no_headline(doc)
    mark_places(doc, places.token_indices())
    drafts: list[Draft] = []
    background: set[int] = set()
    for position, sent in enumerate(sentences):
        if in_headline(sent) or _in_summary(sent):
            continue
        _read_sentence(
            sent, position, sentences, article, ctx, places, drafts, keep_modal, background
        )
        claimant = _claimant(sent, ctx)
        if claimant is not None:
            _credit_claim(drafts, position, claimant)
    _second_pass(drafts, sentences, article)
    drafts = _without_earlier_months(drafts, article.published)
    drafts = _without_retold_titles(drafts, sentences)
    bounds = cache(lambda index: _sentence_bounds(sentences[index]))  # one text per sentence
    found = [_to_event(d, bounds, article, offset) for d in drafts]
    found = absorb_announced(absorb_protests(found, article.text), article.text)
    if lead is None:
        found = merge_lead_told_again(found, _lead_paragraph(sentences))
    return article_events(absorb_fights(found))


def article_events(events: list[Event]) -> list[Event]:
    """An article's events as `detect_events` gives them: the asserted ones merged (one
    incident told twice is one event), then the modal ones by id."""
    told = [e for e in events if e.modality == ASSERTED]
    asserted = merge_events(merge_told_at_two_scales(told))
    modal = [replace(e) for e in events if e.modality != ASSERTED]
    return _without_weak_undated(asserted) + sorted(modal, key=lambda e: e.id)


#: Below this confidence an undated event lacks a verb, a doer or a place besides its day.
WEAK = 0.7
UNDATED_BACKGROUND = frozenset({BATTLES, VAC})


def _without_weak_undated(events: list[Event]) -> list[Event]:
    """An article that dates its incidents but not this fight or attack, told with a noun
    or without a doer or a place ("analysts caution against reading much into a single
    attack", "the army's offensive closed it"), speaks of it as background."""
    if not any(e.date_start is not None for e in events):
        return events
    return [
        e
        for e in events
        if not (e.date_start is None and e.confidence < WEAK and e.event_type in UNDATED_BACKGROUND)
    ]


def _lead_paragraph(sentences: list[Span]) -> tuple[int, int]:
    """Where the article's first paragraph after its headline starts and ends."""
    opening = next((s for s in sentences if not in_headline(s)), None)
    if opening is None:
        return (0, 0)
    text = doc_text(opening.doc)
    end = text.find("\n\n", opening.start_char)
    return (opening.start_char, len(text) if end < 0 else end)


def lead_places(doc: Doc, toponyms: list[Toponym], gazetteer: PlaceLookup | None = None) -> Lead:
    """The lead place of an article's first window for each kind of event, for its later
    windows (`detect_events(lead=...)`): the lead is the article's, not each window's."""
    index = PlaceIndex(doc, toponyms, gazetteer)
    opening = list(islice(doc.sents, 2))
    return {key: lead_place(index, opening, key) for key in sorted(KIND_BY_KEY)}


__all__ = ["KINDS", "KIND_BY_KEY", "article_events", "detect_events", "lead_places"]
