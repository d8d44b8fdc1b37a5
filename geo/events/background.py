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

from geo.events.dates import DateRange
from geo.events.taxonomy import EXPLOSIONS
from geo.events.triggers import Trigger, doc_text

HEADLINE_MAX_WORDS = 30
BACKGROUND_DAYS = 90
TALLY_WINDOW_DAYS = 31
POSSESSION = {"have", "hold", "possess", "own", "stockpile", "acquire", "buy", "develop",
              "field", "keep", "retain", "deploy", "seize", "find", "recover", "confiscate",
              "capture", "defuse", "discover", "uncover"}  # fmt: skip
PERIODS = {"war", "conflict", "insurgency", "campaign", "siege", "blockade", "occupation",
           "uprising", "crisis"}  # fmt: skip
PRESENT = frozenset({"has", "have", "'ve"})  # the perfect of a tally; "had" narrates
PAST = frozenset({"had"})
_SENTENCE_END = re.compile(r"[.!?…:;\"'”’)\]]\s*$")
_HEADLINE_KEY = "conflictmap.events.headline_end"
#: A wire dateline opening a paragraph: place in capitals, a date and/or the agency, a dash.
_DATELINE = re.compile(
    r"(?:^|\n)\s*(?=[A-ZÀ-ÖØ-Þ]{3})[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’.\- ]+(?:,\s*[A-Za-z .]+?)?"
    r"(?:,?\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?\s*(?:\([^)\n]{2,60}\))?"
    r"|\s*\([^)\n]{2,60}\))\s*[—–-]{1,2}\s"
)
STANDFIRST_MAX_CHARS = 1200


def headline_end(text: str) -> int:
    """Where the text's headline (and standfirst) ends, 0 when it has none: everything
    before a wire dateline paragraph near the top ("BOGOTÁ, Oct. 23 (Agency) — ..."),
    else a short first paragraph of one line without a sentence's closing punctuation (a
    hard-wrapped sentence goes on in the next line, a headline is followed by a blank
    one)."""
    dateline = _DATELINE.search(text[:STANDFIRST_MAX_CHARS])
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
    """The sentence is (part of) the article's headline."""
    doc = sent.doc
    end = doc.user_data.get(_HEADLINE_KEY)
    if end is None:
        end = doc.user_data[_HEADLINE_KEY] = headline_end(doc_text(doc))
    return sent.start_char < end


def quoted(token: Token) -> bool:
    """The token is inside a quotation that opened in its paragraph."""
    text = doc_text(token.doc)
    before = text[text.rfind("\n", 0, token.idx) + 1 : token.idx]
    straight = before.count('"') % 2 == 1
    return straight or before.count("“") > before.count("”")


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
    if token.dep_ == "pobj" and token.head.lower_ == "of":  # "thousands of rockets"
        token = token.head.head
    head = token.head
    if token.dep_ in ("dobj", "attr") and head.lemma_.lower() in POSSESSION:
        return True
    return token.dep_ in ("nsubj", "conj") and head.lemma_.lower() == "be"


def response_deployment(kind_key: str, anchor: Token, dated_here: bool) -> bool:
    """ "Reinforcements had been sent to the area": a deployment told in the past perfect,
    without a date of its own, is the authorities' response to the incident, not an event."""
    return kind_key == "deployment" and _perfect(anchor, PAST) and not dated_here


def _perfect(verb: Token, auxiliaries: frozenset[str]) -> bool:
    """ "has attacked", "have been killed" (PRESENT), "had been sent" (PAST); not the
    perfect infinitive ("claimed to have fired")."""
    auxes = [c.lower_ for c in verb.children if c.dep_ == "aux"]
    return verb.tag_ == "VBN" and "to" not in auxes and any(a in auxiliaries for a in auxes)


def _since(anchor: Token) -> bool:
    """A "since ..." adjunct of the clause ("since September", "since the war began"),
    not of a relative clause inside it ("the town, which they had held since May")."""
    return any(
        t.lower_ == "since" and t.dep_ in ("prep", "mark", "advmod") and _same_clause(t, anchor)
        for t in anchor.subtree
    )


def _over_a_war(anchor: Token) -> bool:
    """ "killed during the war", "in the conflict": a toll over a whole war or campaign."""
    return any(
        t.lower_ in ("during", "throughout", "in")
        and t.dep_ == "prep"
        and _same_clause(t, anchor)
        and any(o.dep_ == "pobj" and o.lemma_.lower() in PERIODS for o in t.children)
        for t in anchor.subtree
    )


def _same_clause(token: Token, anchor: Token) -> bool:
    cur = token
    while cur.i != anchor.i:
        if cur.dep_ in ("relcl", "acl", "ccomp", "xcomp", "conj") and cur.i != token.i:
            return False
        if cur.head.i == cur.i:
            return False
        cur = cur.head
    return True


def running_tally(trigger: Token, anchor: Token, when: DateRange | None, violent: bool) -> bool:
    """A count or history of violence over a period, not one act: the trigger's clause runs
    "since" a time; or it is in the present perfect inside a clause that describes someone
    ("Al Shabaab, which has fought the government for 17 years"), with "now" or "so far"
    ("the campaign has now killed 27"), or over no time or more than a month ("gang
    violence has killed 5,600 people this year"; "in recent weeks US forces have
    destroyed three vessels" is still told as one operation; "thousands have joined the
    militia" is a development)."""
    verb = own_verb(trigger)
    if _since(anchor) or _since(verb) or _over_a_war(anchor):
        return True
    if not violent or not (_perfect(verb, PRESENT) or _perfect(anchor, PRESENT)):
        return False
    if verb.i != anchor.i and _perfect(verb, PRESENT):
        return True
    so_far = any(
        c.lower_ in ("now", "so", "already") and c.dep_ == "advmod"
        for c in (*verb.children, *anchor.children)
    )
    return so_far or when is None or (when.end - when.start).days > TALLY_WINDOW_DAYS


def describes_a_group(trigger: Token, when: DateRange | None) -> bool:
    """Undated violence inside a relative clause about a group or a place is its history,
    not an incident: "the bandit gangs, which grew out of clashes between herders and
    farmers" ("the village, where gunmen killed five last week" has a date: kept)."""
    if when is not None:
        return False
    current = trigger
    for _ in range(12):
        if current.dep_ == "relcl":
            return current.head.pos_ in ("NOUN", "PROPN")
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


def long_before(when: DateRange | None, published: date | None) -> bool:
    """The event ended more than three months before the article: background, not news."""
    return (
        when is not None and published is not None and (published - when.end).days > BACKGROUND_DAYS
    )
