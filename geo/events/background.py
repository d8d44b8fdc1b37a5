"""Mentions of violence that are not incidents of their own, by the codebook's rule that an
event is one act on one day in one place:

- a headline sums up what the body tells ("Gangs kill eight in attack on Kenscoff");
- words inside quotation marks are testimony or rhetoric ("They burned my car", "This is
  an attack on the state");
- a campaign's running tally ("has attacked 19 vessels since September", "the fifth
  massacre since July") or a group's history ("has fought the state since 2007");
- reinforcements "had been sent" (the response, told in the past perfect);
- a weapon someone has ("holds thousands of rockets"), not one used;
- background more than three months before publication ("the October 7, 2023 attack",
  "was murdered last year"): news and monitors' notes report the last days' incidents.
"""

from __future__ import annotations

import re
from datetime import date

from spacy.tokens import Doc, Span, Token

from geo.events.counts import parse_number
from geo.events.dates import MONTH_NAMES, DateRange
from geo.events.taxonomy import CONSEQUENCES, EXPLOSIONS, STRATEGIC, WEAPONS_DISRUPTED
from geo.events.triggers import (
    CARRYING,
    INCIDENT_NOUNS,
    PERPETRATORS,
    Trigger,
    definite,
    doc_text,
    lemma,
)
from geo.nlp import DATELINE

HEADLINE_MAX_WORDS = 30
BACKGROUND_DAYS = 90
TALLY_WINDOW_DAYS = 31
TALLY_SPAN_DAYS = 62  # an act dated no closer than a season is a count over it
POSSESSION = {"have", "hold", "possess", "own", "stockpile", "acquire", "buy", "develop",
              "field", "keep", "retain", "deploy", "seize", "find", "recover", "confiscate",
              "capture", "defuse", "discover", "uncover", "intercept", "shoot", "jam",
              "neutralise", "neutralize", "smuggle"}  # fmt: skip
PERIODS = {"war", "conflict", "insurgency", "campaign", "siege", "blockade", "occupation",
           "uprising", "crisis"}  # fmt: skip
SPEECH = frozenset({"say", "claim", "announce", "report", "state", "add", "boast", "tell"})
SELF = frozenset({"it", "they", "we", "its", "their", "our"})
MANY = frozenset({"dozens", "hundreds", "thousands", "scores", "several", "many", "numerous"})
SPANS = frozenset({"hour", "day", "week", "month", "year"})
PRESENT = frozenset({"has", "have", "'ve"})  # the perfect of a tally; "had" narrates
PAST = frozenset({"had"})
_SENTENCE_END = re.compile(r"[.!?…:;\"'”’)\]]\s*$")
_HEADLINE_KEY = "conflictmap.events.headline_end"
STANDFIRST_MAX_CHARS = 1200


def headline_end(text: str) -> int:
    """Where the text's headline (and standfirst) ends, 0 when it has none: everything
    before a wire dateline paragraph near the top ("BOGOTÁ, Oct. 23 (Agency) — ..."),
    else a short first paragraph of one line without a sentence's closing punctuation (a
    hard-wrapped sentence goes on in the next line, a headline is followed by a blank
    one)."""
    dateline = DATELINE.search(text[:STANDFIRST_MAX_CHARS])
    if dateline is not None:
        return dateline.start()
    first, newline, rest = text.partition("\n")
    if not newline or rest.partition("\n")[0].strip():
        return 0
    if not first.strip() or len(first.split()) > HEADLINE_MAX_WORDS:
        return 0
    return 0 if _SENTENCE_END.search(first) else len(first)


def no_headline(doc: Doc) -> None:
    """`doc` has no headline: it parses a later window of a long article."""
    doc.user_data[_HEADLINE_KEY] = 0


def in_headline(sent: Span) -> bool:
    """The sentence is (part of) the article's headline, or a crosshead."""
    doc = sent.doc
    end = doc.user_data.get(_HEADLINE_KEY)
    if end is None:
        end = doc.user_data[_HEADLINE_KEY] = headline_end(doc_text(doc))
    return sent.start_char < end or _heading(sent)


def _heading(sent: Span) -> bool:
    """A crosshead in capitals inside the body ("MISSILE HITS HOLON"), or a live blog's
    recap of what it told ("Summary: shelling killed two in Taiz, ...")."""
    letters = [c for c in sent.text if c.isalpha()]
    capitals = len(letters) >= 8 and all(c.isupper() for c in letters) and len(sent) <= 12
    return capitals or _RECAP.match(sent.text) is not None


#: A live blog's recap line: told before, one incident at a time.
_RECAP = re.compile(
    r"\s*(?:\d{1,2}[:.]\d{2}\s*[—–-]{1,2}\s*)?"  # "18:05 — To recap:"
    r"(?:(?:here is |here's |to )?(?:a |the )?(?:summary|recap)|in brief|catch up|to sum up|"
    r"key developments|what we know)\b[^:\n]{0,20}:",
    re.IGNORECASE,
)


def quoted(token: Token) -> bool:
    """The token is inside a quotation that opened in its paragraph, unless the quotation
    is the predicate of a reported clause ('says it "repelled a terrorist attack" near
    Tessalit'): the source's own words for the act it reports."""
    text = doc_text(token.doc)
    before = text[text.rfind("\n", 0, token.idx) + 1 : token.idx]
    straight = before.count('"') % 2 == 1
    inside = straight or before.count("“") > before.count("”")
    return inside and not _quoted_predicate(token)


def _quoted_predicate(token: Token) -> bool:
    """The quotation opens and closes within a few words of the sentence, right before a
    past-tense verb whose subject stands outside it."""
    sent = token.sent
    opening = next(
        (t for t in reversed(sent.doc[sent.start : token.i]) if t.text in ('"', "“")), None
    )
    if opening is None or opening.i + 1 >= sent.end:
        return False
    first = sent.doc[opening.i + 1]
    closing = next((t for t in sent.doc[opening.i + 1 : sent.end] if t.text in ('"', "”")), None)
    short = closing is not None and closing.i - opening.i <= QUOTED_PREDICATE_WORDS
    subject = next((c for c in first.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return short and first.tag_ in ("VBD", "VBN") and subject is not None and subject.i < opening.i


#: How many words a quotation that is a reported predicate may hold.
QUOTED_PREDICATE_WORDS = 8


def possessed(trigger: Trigger) -> bool:
    """A weapon someone has or seized, not one used: "Hezbollah still holds thousands of
    rockets", "seized a cache of rockets",
    "its missiles, which can hit targets 250 km away, were ready"."""
    token = trigger.token
    if (
        trigger.kind.event_type != EXPLOSIONS
        or not trigger.nominal
        or token.pos_ not in ("NOUN", "PROPN")
    ):
        return False
    for _ in range(8):  # "a cache of 120 kg of explosives and 40 bombs"
        if token.dep_ == "pobj" and token.head.lower_ in ("of", "for"):  # "parts for drones"
            token = token.head.head
        elif token.dep_ in ("conj", "appos") and token.head.i != token.i:  # "its jets and
            # missiles"; "found 26 rifles, four grenades", misread as an apposition
            token = token.head
        else:
            break
    if _listed_after_a_find(trigger.token):
        return True
    head = token.head
    carried = head.lemma_.lower() in CARRYING and not any(c.dep_ == "prt" for c in head.children)
    if token.dep_ in ("dobj", "attr") and (head.lemma_.lower() in POSSESSION or carried):
        return True  # not "carried out strikes"
    return token.dep_ == "nsubj" and head.lemma_.lower() == "be"


#: What a list of things found is made of: "found 26 rifles, four grenades and ...".
LIST_POS = frozenset({"NUM", "NOUN", "PUNCT", "CCONJ", "ADJ", "DET", "PROPN"})


def _listed_after_a_find(weapon: Token) -> bool:
    """The weapon is in a list right after a verb of finding or seizing, however the parser
    hung it ("found 26 rifles, four grenades and 5,000 rounds")."""
    for token in reversed(weapon.doc[weapon.sent.start : weapon.i]):
        if token.pos_ == "VERB":
            return token.lemma_.lower() in POSSESSION
        if token.pos_ not in LIST_POS:
            return False
    return False


def response_deployment(kind_key: str, anchor: Token, dated_here: bool) -> bool:
    """ "Reinforcements had been sent to the area", "soldiers have been sent to Daffo",
    "Soldiers were sent in to separate the two sides": a deployment told in the perfect or
    the passive, without a date or a number of its own, is the authorities' response to
    the incident, not an event ("1,200 soldiers have been deployed" is one, and so is a
    deployment the army announces)."""
    if kind_key != "deployment" or dated_here or _announced(anchor):
        return False
    if _perfect(anchor, PAST):
        return True
    passive = any(c.dep_ == "auxpass" for c in anchor.children)
    counted = any(t.like_num for t in anchor.subtree)
    return (passive or _perfect(anchor, PRESENT)) and not counted


def _announced(verb: Token) -> bool:
    """ "The army said it had sent additional troops to Dapaong", "announced that a further
    battalion had been dispatched": a side announcing its own move, or more forces, tells
    news (the pluperfect only backshifted); "said reinforcements had been sent to the
    area" is its response."""
    if verb.dep_ != "ccomp" or verb.head.lemma_.lower() not in SPEECH:
        return False
    active = any(c.dep_ == "nsubj" for c in verb.children)
    more = any(t.lower_ in MORE_FORCES and t.dep_ == "amod" for t in verb.subtree)
    return active or more


#: Words of forces added to those there: "additional troops", "a further battalion".
MORE_FORCES = frozenset({"additional", "further", "extra", "more", "fresh"})


def _perfect(verb: Token, auxiliaries: frozenset[str]) -> bool:
    """ "has attacked", "have been killed" (PRESENT), "had been sent" (PAST); not the
    perfect infinitive ("claimed to have fired")."""
    auxes = [c.lower_ for c in verb.children if c.dep_ == "aux"]
    return verb.tag_ == "VBN" and "to" not in auxes and any(a in auxiliaries for a in auxes)


def _since(anchor: Token) -> bool:
    """A "since ..." adjunct of the clause ("since September", "since the war began"),
    not of a relative clause inside it ("the town, which they had held since May")."""
    return any(
        t.lower_ == "since"
        and not _since_then(t, anchor)
        and not _first_since(t)
        and (
            (t.dep_ in ("prep", "mark") and _same_clause(t, anchor, joined=True))
            or (t.dep_ == "advmod" and _same_clause(t, anchor))
        )
        for t in anchor.subtree
    )


def _first_since(since: Token) -> bool:
    """ "in the first concrete step since their ceasefire", "the deadliest attack since
    2019": a record measured from a time, not a count over it."""
    noun = since.head
    return noun.pos_ == "NOUN" and any(
        c.dep_ == "amod" and (c.tag_ == "JJS" or c.ent_type_ == "ORDINAL" or c.lower_ == "first")
        for c in noun.children
    )


def _since_then(since: Token, anchor: Token) -> bool:
    """ "set up a base ... and have since erected checkpoints": "since" as "after that",
    right before another verb's participle, however the parser reads it ("has since been
    torching tankers" keeps its "since")."""
    nxt = since.i + 1
    return (
        nxt < len(since.doc)
        and since.doc[nxt].tag_ in ("VBN", "VBD")
        and nxt != anchor.i
        and since.doc[nxt].lemma_ != "be"
    )


def _over_a_period(anchor: Token) -> bool:
    """ "killed during the war", "in the conflict", "in the past 24 hours", "over the last
    week": a toll over a whole war, campaign or stretch of time, not one act."""
    return any(
        t.lower_ in ("during", "throughout", "in", "over", "within")
        and t.dep_ == "prep"
        and _same_clause(t, anchor)
        and any(o.dep_ == "pobj" and _a_period(o) for o in t.children)
        for t in anchor.subtree
    )


def _a_period(noun: Token) -> bool:
    """ "the past 24 hours", "the weeks that followed", "the months after the violence",
    "the war" (not "the last week of October", a week dated); or places counted ("in six
    locations"): a stretch of time or of land, not one act's."""
    dated = any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children)
    spans_back = (
        noun.lemma_.lower() in SPANS
        and not dated
        and any(
            c.lower_ in ("past", "last", "previous", "preceding")
            or (c.dep_ == "relcl" and c.lemma_.lower() == "follow")
            for c in noun.children
        )
        or (noun.lemma_.lower() in LONG_SPANS and _followed_by_after(noun))
    )
    places = noun.lemma_.lower() in SITES and _several(noun, more_than=2)
    return spans_back or places or _opening_stretch(noun) or noun.lemma_.lower() in PERIODS


def _several(noun: Token, more_than: int = 1) -> bool:
    """The noun is counted more than `more_than` ("six locations", "eight months"); one
    raid "in two villages" is still one operation."""
    counts = [parse_number(c.text) for c in noun.children if c.dep_ == "nummod"]
    return any(n is None or n > more_than for n in counts)  # an unread count is several


def _followed_by_after(noun: Token) -> bool:
    """ "in the months after the violence", however the parser hangs "after"."""
    nxt = noun.i + 1
    return noun.tag_ == "NNS" and nxt < len(noun.doc) and noun.doc[nxt].lower_ in AFTER_WORDS


AFTER_WORDS = frozenset({"after", "following"})
#: Stretches long enough to hold many acts ("in the hours after the vote" is one day's).
LONG_SPANS = frozenset({"week", "month", "year", "decade"})


def _for_long(verb: Token) -> bool:
    """ "for years", "for three months": a stretch of weeks or more the act went on (not
    "the avenue, where pensioners have gathered for two years", which says where)."""
    return verb.dep_ != "relcl" and any(
        c.dep_ == "prep"
        and c.lower_ == "for"
        and any(o.lemma_.lower() in LONG_SPANS and o.tag_ == "NNS" for o in c.children)
        for c in verb.children
    )


def _opening_stretch(noun: Token) -> bool:
    """ "the first eight months of this year", "the first half of the year": the opening
    part of a year, counted in several months or weeks or as a half or a quarter."""
    if not any(c.lower_ in ("first", "opening") for c in noun.children):
        return False
    if noun.lemma_.lower() in ("half", "quarter"):
        return True
    return noun.lemma_.lower() in ("month", "week") and _several(noun)


def _between_months(anchor: Token) -> bool:
    """ "killed between June and September": a toll over months named as its ends."""
    return any(
        t.lower_ == "between"
        and t.dep_ == "prep"
        and _same_clause(t, anchor)
        and any(o.dep_ == "pobj" and o.lower_ in MONTH_NAMES for o in t.children)
        and any(
            c.dep_ == "conj" and c.lower_ in MONTH_NAMES for o in t.children for c in o.children
        )
        for t in anchor.subtree
    )


#: Places that, counted, spread an act over many ("hit targets in six locations").
SITES = frozenset({"location", "place", "site", "region", "area", "district", "province",
                   "town", "city", "village", "settlement", "oblast"})  # fmt: skip


def _same_clause(token: Token, anchor: Token, joined: bool = False) -> bool:
    """`token` is in `anchor`'s clause; with `joined`, also in a clause coordinated with it
    ("230 people had been killed and 1,800 wounded ... since June 13")."""
    limits = ("relcl", "ccomp", "xcomp") if joined else ("relcl", "acl", "ccomp", "xcomp", "conj")
    cur = token
    while cur.i != anchor.i:
        if cur.dep_ in limits and cur.i != token.i:
            return False
        if joined and cur.dep_ == "acl" and not cur.head.like_num:  # "arrears owed since"
            return False
        if joined and cur.dep_ == "advcl" and cur.i != token.i and not _marked_since(cur):
            return False  # "rallied on Friday, as they have done every week since ..."
        if cur.head.i == cur.i:
            return False
        cur = cur.head
    return True


def _marked_since(clause: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == "since" for c in clause.children)


def running_tally(
    trigger: Token, anchor: Token, when: DateRange | None, violent: bool, tallied: bool
) -> bool:
    """A count or history of violence over a period, not one act: the trigger's clause runs
    "since" a time; or it is in the present perfect inside a clause that describes someone
    ("Al Shabaab, which has fought the government for 17 years"), with "now" or "so far"
    ("the campaign has now killed 27"), or over no time or more than a month ("gang
    violence has killed 5,600 people this year"; "in recent weeks US forces have
    destroyed three vessels" is still told as one operation; "thousands have joined the
    militia" is a development; "have marched" is a protest told as it goes on, and a live
    blog's entry tells the news of the hour: `tallied` is false for them, and only "so
    far" or "now" makes their perfect a tally)."""
    verb = own_verb(trigger)
    if _since(anchor) or _since(verb) or _over_a_period(anchor) or _between_months(anchor):
        return True
    if _for_long(trigger) and any(
        c.dep_ == "aux" and c.lower_ in PRESENT for c in trigger.children
    ):
        return True  # "has for years attacked border guards" (the parser may say VBD)
    if violent and _many(trigger) and (when is None or (when.end - when.start).days > 7):
        return True  # "more than 200 drone attacks on troops this year"
    if violent and when is not None and (when.end - when.start).days > TALLY_SPAN_DAYS:
        return True  # "more than 60 drivers were killed in Lima in 2025"
    if violent and _ongoing(verb) and (when is None or when.precision > 1):
        return True  # "the army had been using drones and heavy artillery"
    if _habitual(verb):
        return True  # "coalition aircraft still strike hideouts regularly", "have repeatedly
        # blown up transmission towers"
    if violent and _campaign_begun(verb):
        return True  # "three months after the United States began blowing up small boats"
    if violent and _times_before(verb):
        return True  # "the two countries had exchanged direct fire twice before"
    if violent and when is None and _bare_plural(trigger):
        return True  # "as Israeli forces pressed on with raids in the northern West Bank"
    if when is None and _perfect(verb, PRESENT) and _many_doers(verb):
        return True  # "many villages have signed local pacts with the group"
    if not violent or not (_perfect(verb, PRESENT) or _perfect(anchor, PRESENT)):
        return False
    so_far = any(
        c.dep_ == "advmod"
        and (
            c.lower_ in ("now", "so", "already")
            or (c.lower_ == "far" and c.nbor(-1).lower_ == "so")
        )
        for c in (*verb.children, *anchor.children)
    )
    if not tallied:
        return so_far
    if verb.i != anchor.i and _perfect(verb, PRESENT):
        return True
    return so_far or when is None or (when.end - when.start).days > TALLY_WINDOW_DAYS


def self_claimed_toll(group: list[Trigger], anchor: Token, told_where_and_when: bool) -> bool:
    """ "Al Shabaab said it had killed 12 soldiers", "the ministry said its forces had
    killed 300": a side's own count of the enemies it killed, with no place or day in its
    clause, is a claim about a toll, not an incident ("said it had killed a commander in
    an airstrike in Gaza City on Tuesday" tells one: kept)."""
    if told_where_and_when or anchor.dep_ != "ccomp" or anchor.head.lemma_.lower() not in SPEECH:
        return False
    acts = [t for t in group if t.kind.event_type != STRATEGIC]
    if not acts or not all(lemma(t.token) in CONSEQUENCES for t in acts):
        return False
    doer = next((c for c in anchor.children if c.dep_ == "nsubj"), None)
    return doer is not None and (
        doer.lower_ in SELF or any(c.dep_ == "poss" and c.lower_ in SELF for c in doer.children)
    )


#: Adverbs of a habit: "strike hideouts regularly", "often raid villages".
HABITUAL = frozenset({"regularly", "routinely", "often", "frequently", "usually", "repeatedly",
                      "sometimes", "occasionally", "constantly"})  # fmt: skip


def _habitual(verb: Token) -> bool:
    """A present or present-perfect act with an adverb of habit ("still strike hideouts
    regularly", "where armed groups have fought repeatedly"), or
    one repeated every day or night ("used water cannon almost nightly", "fire on the town
    every day"): what someone does or did again and again, not one act."""
    present = verb.tag_ in ("VBP", "VBZ") or _perfect(verb, PRESENT)  # "have fought repeatedly"
    joined = (verb, verb.head) if verb.dep_ == "conj" else (verb,)  # "used ... and detained"
    adverbs = {c.lower_ for v in joined for c in v.children if c.dep_ == "advmod"}
    return (
        bool(adverbs & EVERY_DAY)
        or (present and bool(adverbs & HABITUAL))
        or any(_every(c) for v in joined for c in v.children)
    )


def _every(phrase: Token) -> bool:
    """ "fire on the town almost every day", "each night": a span of time repeated."""
    return (
        phrase.dep_ == "npadvmod"
        and phrase.lemma_.lower() in ("day", "night", "week", "morning", "evening")
        and any(c.lower_ in ("every", "each") for c in phrase.children)
    )


def _times_before(verb: Token) -> bool:
    """ "had exchanged fire twice before", "had clashed several times": acts counted; not
    shots counted ("shot the driver three times")."""
    adverbs = {t.lower_ for c in verb.children if c.dep_ == "advmod" for t in c.subtree}
    times = any(c.dep_ == "npadvmod" and c.lemma_.lower() == "time" for c in verb.children)
    perfect = any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in verb.children)
    aimed = any(c.dep_ == "dobj" for c in verb.children)
    return bool(adverbs & {"twice", "thrice"}) or (times and (perfect or not aimed))


#: Adverbs of an act done every day or night.
EVERY_DAY = frozenset({"nightly", "daily", "weekly"})


def _ongoing(verb: Token) -> bool:
    """The perfect progressive ("has been shelling", "had been using artillery"), or a
    present progressive that goes on ("it is still fighting")."""
    auxes = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    still = any(c.dep_ == "advmod" and c.lower_ == "still" for c in verb.children)
    return verb.tag_ == "VBG" and (
        ("been" in auxes and bool(auxes & (PRESENT | PAST | {"has"})))
        or (still and bool(auxes & {"is", "are", "'s", "'re"}))
    )


#: Verbs whose complement is an activity kept up, not one act.
KEPT_UP = frozenset({"begin", "start", "continue", "resume", "keep"})


def _campaign_begun(verb: Token) -> bool:
    """ "three months after the navy began sinking small boats": the onset of an activity
    against many targets, told as the time since which something holds."""
    onset = verb.head
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return (
        verb.dep_ == "xcomp"
        and onset.lemma_.lower() in KEPT_UP
        and any(c.dep_ == "mark" and c.lower_ in ("after", "since") for c in onset.children)
        and bool(objects)
        and all(o.tag_ == "NNS" and not any(c.dep_ in COUNTED for c in o.children) for o in objects)
    )


#: What makes a plural a counted or owned set, not a kind of target.
COUNTED = frozenset({"det", "nummod", "poss"})


def _bare_plural(trigger: Token) -> bool:
    """A plural act named with no article, number or owner ("pressed on with raids",
    "incidents including killings, abductions and ...", "attacks on places of worship
    were unacceptable"): a kind of activity, unless the text dates it."""
    first = trigger
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head  # "including killings, abductions": the list's role
    judged = first.dep_ == "nsubj" and first.head.lemma_.lower() == "be"  # "were unacceptable"
    return (
        trigger.pos_ == "NOUN"
        and trigger.tag_ == "NNS"
        and (first.dep_ in ("pobj", "dobj") or judged)
        and not any(c.dep_ in ("det", "nummod", "poss") for c in trigger.children)
    )


def _many(trigger: Token) -> bool:
    """A nominal trigger counted in the plural: "200 drone attacks", "dozens of strikes"."""
    if trigger.pos_ != "NOUN" or trigger.tag_ != "NNS":
        return False
    counted = [c for c in trigger.children if c.dep_ == "nummod"]
    if trigger.dep_ == "pobj" and trigger.head.lower_ == "of":
        counted.append(trigger.head.head)  # "dozens of strikes"
    return any(c.like_num and c.lower_ not in ("one", "1") or c.lower_ in MANY for c in counted)


def _many_doers(verb: Token) -> bool:
    """A subject counted vaguely ("many villages", "several groups"): a pattern, not one act."""
    return any(
        s.dep_ in ("nsubj", "nsubjpass")
        and any(
            c.dep_ in ("amod", "det") and c.lower_ in MANY | {"many", "most", "some"}
            for c in s.children
        )
        for s in verb.children
    )


#: Verbs that report, confirm or dispute what happened.
REPORTING = SPEECH | frozenset({"deny", "confirm", "allege", "insist", "accuse"})


def reported_in_the_perfect(trigger: Token) -> bool:
    """ "A local leader said party members had been attacked", "police say they have
    detained 112 people": an act someone reports in the perfect or pluperfect, a recap or
    a claim about the past (the caller checks that it has no day, place or death of its
    own)."""
    verb = own_verb(trigger)
    if not _perfect(verb, PRESENT | PAST):
        return False
    clause = verb
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    return clause.dep_ == "ccomp" and clause.head.lemma_.lower() in REPORTING


def said_at_the_time(anchor: Token) -> bool:
    """ "..., police said at the time": an incident told as it was reported back then."""
    speech = anchor if anchor.lemma_.lower() in SPEECH else anchor.head
    for verb in (speech, *speech.children):
        if verb.lemma_.lower() in SPEECH:
            for prep in verb.children:
                if prep.lower_ == "at" and any(
                    o.lower_ == "time" and any(d.lower_ == "the" for d in o.children)
                    for o in prep.children
                ):
                    return True
    return False


def told_as_a_time(trigger: Token) -> bool:
    """ "..., hours after the United States said it had killed three militants in an air
    strike": a report that only dates another event, retelling one told elsewhere; and
    "..., days after gunmen killed a man and his children": an act the news is measured
    from; and "the war began when Israel launched strikes": how a period began; and
    "before reinforcements arrived": when something ended."""
    clause = own_verb(trigger)
    if (clause.dep_ == "advcl" and _measured_from(clause)) or _how_it_began(clause):
        return True
    if lemma(trigger) == "arrive" and _after_the_fact(clause):
        return True  # "withdrew before reinforcements arrived", "soldiers arrived later"
    current = trigger
    for _ in range(12):
        if current.head.i == current.i:
            return False
        if current.lemma_.lower() in SPEECH and current.dep_ == "advcl":
            return _marked(current, ("after", "before"))
        current = current.head
    return False


def _after_the_fact(clause: Token) -> bool:
    """Forces arriving when an incident was over or about to be ("before reinforcements
    arrived", "soldiers arrived half an hour later", "arrived after the shooting had
    stopped"): a time of the incident, not a deployment."""
    late = any(
        (c.dep_ == "advmod" and c.lower_ == "later")
        or (c.dep_ == "prep" and c.lower_ == "after")
        or (c.dep_ == "advcl" and _marked(c, ("after",)))
        for c in clause.children
    )
    return late or _marked(clause, ("before", "after", "until", "once"))


def _marked(clause: Token, marks: tuple[str, ...]) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in marks for c in clause.children)


def _measured_from(clause: Token) -> bool:
    """An "after"/"before" clause a vague time away: "days after gunmen killed" (not "a
    day after the insurgents overran the town", which dates an incident told)."""
    return _marked(clause, ("after", "before")) and any(
        c.dep_ == "npadvmod"
        and c.lemma_.lower() in DISTANCES
        and c.tag_ == "NNS"
        and not any(n.dep_ in ("nummod", "det") for n in c.children)
        for c in clause.children
    )


#: Verbs of a period's start: "the war began when ...", "the conflict erupted when ...".
BEGINNINGS = frozenset({"begin", "start", "erupt", "break", "escalate"})


def _how_it_began(clause: Token) -> bool:
    """A "when" clause of a war's or a conflict's beginning ("began on Friday, when ..."):
    background, not news."""
    if not any(c.dep_ == "advmod" and c.lower_ == "when" for c in clause.children):
        return False
    began = clause.head if clause.dep_ == "advcl" else clause.head.head
    if clause.dep_ == "relcl" and clause.head.dep_ == "pobj":
        began = began.head  # "began on Friday, when": the clause hangs on the date
    return began.lemma_.lower() in BEGINNINGS and any(
        c.dep_ == "nsubj" and c.lemma_.lower() in PERIODS for c in began.children
    )


#: Units a text measures time from another act in ("days after", "weeks before").
DISTANCES = frozenset({"hour", "day", "week", "month", "year"})


#: Nouns of a time a clause can hang on: "the day the rebels set up a post".
DAYTIMES = frozenset({"day", "night", "morning", "evening", "afternoon", "week", "time", "hour"})


def describes_a_group(trigger: Token, when: DateRange | None) -> bool:
    """Violence inside a relative clause about a group or a place, undated or dated only
    by a month or more, is its history, not an incident: "the bandit gangs, which grew out
    of clashes between herders and farmers", "men they say were detained in recent
    months" ("the village, where gunmen killed five last week" has a date: kept)."""
    if when is not None and when.precision < 3:
        return False
    current = trigger
    for _ in range(12):
        if current.dep_ == "relcl":  # not "The following day the rebels set up a post"
            return current.head.pos_ in ("NOUN", "PROPN") and lemma(current.head) not in DAYTIMES
        if current.head.i == current.i:
            return False
        current = current.head
    return False


def own_verb(token: Token) -> Token:
    """The verb whose clause a trigger is in (the trigger itself when it is a verb)."""
    current = token
    for _ in range(64):
        if current.pos_ in ("VERB", "AUX") or current.head.i == current.i:
            return current
        current = current.head
    return current


#: Verbs that make a named truce an event: agreed, announced, begun.
# fmt: off
TRUCE_VERBS = frozenset({"agree", "sign", "announce", "declare", "reach", "broker", "accept",
                         "begin", "start", "seal", "strike", "conclude", "mediate", "negotiate"})
#: Kinds of trigger that only talk about a truce beside it.
TRUCE_TALK = frozenset({"ceasefire", "talks", "talks_offer"})
#: Verbs that make it an event with "effect" or "force": "took effect", "came into force".
INTO_FORCE = frozenset({"take", "come", "enter", "go"})
# fmt: on


def truce_named_only(group: list[Trigger]) -> bool:
    """ "despite a ceasefire", "in the event of a ceasefire", "violated the truce": a truce
    named, not agreed or begun."""
    if group[0].kind.key != "ceasefire" or any(t.kind.key not in TRUCE_TALK for t in group):
        return False  # alone, or with the talks about it: "talks on the next stage of the truce"
    verb = own_verb(group[0].token)
    into_force = verb.lemma_.lower() in INTO_FORCE and any(
        t.lower_ in ("effect", "force")
        and not any(t.children)  # not "a reassurance force"
        and (t.head.i == verb.i or t.head.head.i == verb.i)
        for t in verb.subtree
    )
    return not into_force and verb.lemma_.lower() not in TRUCE_VERBS


def arrest_of_suspects(group: list[Trigger]) -> bool:
    """ "detained two suspects over the attack", "arrested two informants accused of
    guiding the gunmen": suspects of a crime told, not a politically significant arrest."""
    if group[0].kind.key != "arrests":
        return False
    verb = own_verb(group[0].token)
    held = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    return any(
        lemma(noun) == "suspect"
        or any(
            c.dep_ == "acl" and c.lemma_.lower() in ("accuse", "suspect") and _names_told(c)
            for c in noun.children
        )
        for noun in held
    )


def _names_told(clause: Token) -> bool:
    """The clause names people or an act told before: "the gunmen", "the attack"."""
    return any(
        t.lower_ == "the" and lemma(t.head) in TOLD_NOUNS for t in clause.subtree if t.dep_ == "det"
    )


#: Nouns that, definite, point at an incident or its doers told before.
# fmt: off
TOLD_NOUNS = PERPETRATORS | INCIDENT_NOUNS | {"killing", "bombing", "abduction", "kidnapping",
                                              "massacre", "shooting", "blast"}
# fmt: on


#: Verbs of coming upon weapons: what they come upon must itself be arms.
FINDING = frozenset({"find", "discover", "recover", "uncover"})


#: Where arms are found after an incident told before: "recovered two rifles at the site".
SCENES = frozenset({"site", "scene", "spot"})


def found_no_arms(group: list[Trigger]) -> bool:
    """No weapons use was disrupted: what was found is not a weapon ("components had been
    found in the wreckage of drones"; "40 kilograms of explosives" is one), nothing was
    found ("Police found no explosives"), or the arms were picked up where an incident
    told before happened ("Troops recovered three rifles at the site"), which ACLED codes
    with that incident."""
    trigger = group[0]
    if trigger.kind.key != "disrupted" or lemma(trigger.token) not in FINDING:
        return False
    held = [c for c in trigger.token.children if c.dep_ in ("dobj", "nsubjpass")]
    if any(d.dep_ == "det" and d.lower_ == "no" for n in held for d in n.children):
        return True
    at_scene = any(
        o.dep_ == "pobj" and lemma(o) in SCENES and definite(o) for o in trigger.token.subtree
    )
    things = held + [o for n in held for p in n.children if p.lower_ == "of" for o in p.children]
    return at_scene or (bool(held) and not any(lemma(n) in WEAPONS_DISRUPTED for n in things))


def long_before(when: DateRange | None, published: date | None) -> bool:
    """The event ended more than three months before the article: background, not news."""
    return (
        when is not None and published is not None and (published - when.end).days > BACKGROUND_DAYS
    )


def earlier_month(when: DateRange | None, published: date | None) -> bool:
    """Dated only by a month before the publication's ("signed in July" in an October
    article, "last month")."""
    return (
        when is not None
        and published is not None
        and when.precision == 3
        and when.end < published.replace(day=1)
    )
