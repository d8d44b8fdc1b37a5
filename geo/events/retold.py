"""An incident told again: a later sentence that continues, names or completes one
already drafted ("Two soldiers were killed.", "the attack", "Sunday's attack", "the
attackers opened fire", "rifles were seized during the raid") adds to it instead of
making another event."""

from __future__ import annotations

from spacy.tokens import Span, Token

from geo.events.actors import subject_of
from geo.events.draft import Draft, violence_family
from geo.events.taxonomy import (
    AIRCRAFT,
    DWELLINGS,
    EXPLOSIONS,
    PROJECTILES,
    PROTESTS,
    RIOTS,
    STRATEGIC,
)
from geo.events.timeline import sequel_offset
from geo.events.triggers import (
    INCIDENT_NOUNS,
    PERPETRATORS,
    definite,
    lemma,
    present_perfect,
    same_paragraph,
)

# Determiners of a noun that names an incident already told.
DEFINITE = {"the", "this", "that", "these", "those", "either", "both", "such"}


def incident_just_told(drafts: list[Draft], sentences: list[Span], position: int) -> Draft | None:
    """The latest incident of the same paragraph, if any: a sentence that only reports
    outcomes ("Two soldiers were killed.") continues it; its violence rather than the
    looting told beside it ("overran the village ..., looting shops")."""
    if not drafts or position == 0 or drafts[-1].kind.verbal:
        return None
    last = drafts[-1].sentence_index
    if last >= position or not same_paragraph(sentences[last], sentences[position]):
        return None
    incidents = [d for d in drafts if d.sentence_index == last and not d.kind.verbal]
    return (
        next((d for d in incidents if d.kind.event_type != STRATEGIC), incidents[-1])
        if incidents
        else None
    )


def another_incident(sent: Span) -> bool:
    """ "The following day, 9 farmers were abducted", "In a separate strike, one man was
    killed": outcomes told of another day or another incident, not of the one before."""
    offset = sequel_offset(sent.text)
    return (offset is not None and offset != 0) or any(
        t.lower_ == "separate" and t.dep_ == "amod" for t in sent
    )


def incident_named_again(sent: Span, drafts: list[Draft]) -> Draft | None:
    """The latest violent incident, when a sentence's "when" clause names what it hit
    definitely ("five people were killed when the house was struck"), or its toll is
    told "in the attack": the strike or attack told before (another account of its toll)."""
    latest = next((d for d in reversed(drafts) if violence_family(d.kind) == "violence"), None)
    for verb in sent:
        if verb.dep_ == "prep" and verb.lower_ in ("in", "during") and _toll_verb(verb.head):
            incident = [o for o in verb.children if o.dep_ == "pobj" and lemma(o) in INCIDENT_NOUNS]
            if any(definite(o) for o in incident):  # "11 people were killed in the attack"
                return _named_by_place(incident, drafts) or latest
        if verb.dep_ != "advcl" or not any(c.lower_ == "when" for c in verb.children):
            continue
        named = [c for c in verb.children if c.dep_ in ("nsubjpass", "dobj", "nsubj")]
        if any(definite(n) for n in named):
            return latest
    return None


def _named_by_place(nouns: list[Token], drafts: list[Draft]) -> Draft | None:
    """ "the driver killed in the Antonivka minibus strike": the latest violent incident
    whose own sentence names the place the noun is named after."""
    names = {t.text for n in nouns for t in n.subtree if t.i < n.i and t.pos_ == "PROPN"}
    return next(
        (
            d
            for d in reversed(drafts)
            if violence_family(d.kind) == "violence" and names & {t.text for t in d.anchor.sent}
        ),
        None,
    )


#: Verbs that tell a toll: "were killed in the attack", "died in the raid".
TOLL_VERBS = frozenset({"kill", "die", "wound", "injure"})


def _toll_verb(verb: Token) -> bool:
    """A toll told as done ("were killed"), not a tally ("have died") nor a description
    ("fighters it said had taken part in the assault")."""
    return lemma(verb) in TOLL_VERBS and verb.dep_ != "relcl" and not present_perfect(verb)


def _held_again(draft: Draft, drafts: list[Draft]) -> Draft | None:
    """ "The commander was detained at his home ...": a definite captive of an arrest or
    abduction told before is that arrest again."""
    if draft.kind.key not in ("arrests", "abduction"):
        return None
    token = draft.group[0].token
    held = [c for c in token.children if c.dep_ in ("nsubjpass", "dobj")]
    if not any(definite(n) for n in held):
        return None
    return next((d for d in reversed(drafts) if d.kind.key == draft.kind.key), None)


def _struck_again(draft: Draft, drafts: list[Draft]) -> Draft | None:
    """ "the group said it had targeted the ship", "when the drone hit it": a strike on a
    target told before (definite, or a pronoun), in a later sentence and on a date that
    does not contradict it, is the incident told before."""
    if draft.kind.event_type != EXPLOSIONS:
        return None
    token = draft.group[0].token
    hit = [c for c in token.children if c.dep_ in ("nsubjpass", "dobj")]
    if token.dep_ == "acl" and token.tag_ in ("VBN", "VBD"):
        hit.append(token.head)  # "the bulk carrier hit this morning has been named"
    if not any(definite(n) or n.lower_ == "it" for n in hit):
        return None
    earlier = _latest(drafts, "violence")
    if earlier is None or earlier.sentence_index >= draft.sentence_index:
        return None
    if not any(n.lower_ == "it" or _named_since(n, earlier) for n in hit):
        return None  # "then struck the fuel terminal": a target not told with it
    return _unless_contradicted(draft, earlier)


def _named_since(noun: Token, earlier: Draft) -> bool:
    """The noun's word was used from the earlier incident's sentence on."""
    doc = noun.doc
    start = earlier.anchor.sent.start
    return any(lemma(t) == lemma(noun) for t in doc[start : noun.sent.start])


def _signed_again(draft: Draft, drafts: list[Draft]) -> Draft | None:
    """ "The two-page agreement, signed by the regional commanders, commits ...": a
    definite agreement said to be signed is the agreement told before."""
    if draft.kind.sub_event_type != "Agreement":
        return None
    token = draft.group[0].token
    signed = [c for c in token.children if c.dep_ in ("nsubjpass", "dobj")]
    if token.dep_ == "acl":
        signed.append(token.head)
    if not any(definite(n) for n in signed):
        return None
    return next((d for d in reversed(drafts) if d.kind.sub_event_type == "Agreement"), None)


def mentioned_before(draft: Draft, drafts: list[Draft]) -> Draft | None:
    """The incident a definite noun names again ("the attack", "Wednesday's strike",
    "either raid"): the latest one before it of the same kind of violence and a date that
    does not contradict it."""
    named = [t for t in draft.group if t.nominal and _definite_incident(t.token)]
    primary = named[0] if named else draft.group[0]  # "were killed in the overnight attack"
    if not primary.nominal:
        return (
            _held_again(draft, drafts)
            or _struck_again(draft, drafts)
            or _signed_again(draft, drafts)
        )
    if not _definite_incident(primary.token):
        return None
    family = violence_family(draft.kind)
    if draft.when is not None:  # "Sunday's attack": the one on Sunday, told before
        that_day = next((d for d in reversed(drafts) if _of_that_day(d, draft, family)), None)
        if that_day is not None:
            return that_day
    earlier = _latest(drafts, family)
    return None if earlier is None else _unless_contradicted(draft, earlier)


def _of_that_day(earlier: Draft, draft: Draft, family: str) -> bool:
    """`earlier` is an incident of the family on a day that meets the draft's."""
    return (
        earlier.when is not None
        and _incident_of(earlier, family)
        and _unless_contradicted(draft, earlier) is not None
    )


#: Doers a later sentence names again: "the attackers", "the rounds", "the jet".
DOERS_AGAIN = PERPETRATORS | PROJECTILES | AIRCRAFT
#: How many sentences back the incident may be that a doer named again acted in.
DOER_REACH = 3


def done_again(draft: Draft, drafts: list[Draft]) -> Draft | None:
    """An undated act by a doer named definitely ("The rounds struck houses shortly after
    sunset", "the attackers opened fire shortly before midnight"), fire returned, or an act
    aimed again at the target told before tells again the violent incident told just
    before, not another one."""
    if draft.when is not None or violence_family(draft.kind) != "violence":
        return None
    token = draft.group[0].token
    doer = subject_of(token)
    named = doer is not None and lemma(doer) in DOERS_AGAIN and definite(doer)
    named = named or _fire_returned(token)
    if another_incident(token.sent):
        return None
    near = [
        d
        for d in drafts
        if _incident_of(d, "violence") and draft.sentence_index - d.sentence_index <= DOER_REACH
    ]
    alike = [d for d in near if d.kind.event_type == draft.kind.event_type]  # "the jet": a strike
    told = alike or near
    if not told:
        return None
    return told[-1] if named or _aimed_again(token, told[-1]) else None


def _fire_returned(token: Token) -> bool:
    """ "The soldiers returned fire": the answer to fire told just before."""
    return lemma(token) == "return" and any(
        c.dep_ == "dobj" and lemma(c) == "fire" for c in token.children
    )


def _aimed_again(token: Token, earlier: Draft) -> bool:
    """ "attackers opened fire on the post" after "militants attacked a police checkpost":
    the act aims at the target told before, named definitely."""
    if earlier.actor2 is None:
        return False
    heads = [token, *(c for c in token.children if c.dep_ == "dobj")]
    aimed = [c for h in heads for c in h.children if c.dep_ == "dobj"] + [
        o
        for h in heads
        for p in h.children
        if p.dep_ == "prep" and p.lower_ in ("on", "at")
        for o in p.children
        if o.dep_ == "pobj"
    ]
    words = earlier.actor2.name.lower().split()
    return any(
        definite(t) and any(w.endswith(lemma(t)) for w in words) for t in aimed if t.pos_ == "NOUN"
    )


def _definite_incident(noun: Token) -> bool:
    """ "the attack", "Sunday's strike": a noun naming an incident already told."""
    return any(
        c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in DEFINITE) for c in noun.children
    )


def _latest(drafts: list[Draft], family: str) -> Draft | None:
    """The latest incident of a violence family."""
    return next((d for d in reversed(drafts) if _incident_of(d, family)), None)


def _incident_of(draft: Draft, family: str) -> bool:
    """An incident (not a statement) of a violence family."""
    return not draft.kind.verbal and violence_family(draft.kind) == family


def _unless_contradicted(draft: Draft, earlier: Draft) -> Draft | None:
    """`earlier`, unless both are dated and their dates do not overlap."""
    if draft.when is None or earlier.when is None:
        return earlier
    overlap = draft.when.start <= earlier.when.end and earlier.when.start <= draft.when.end
    return earlier if overlap else None


#: Kinds that a raid or an attack often includes: seizures, arrests, arson, looting.
INCIDENT_PARTS = frozenset({"disrupted", "arrests", "property", "looting"})


def part_of_incident(draft: Draft, drafts: list[Draft]) -> Draft | None:
    """The violent incident told before of which a seizure, an arrest, arson or looting is
    a part: "soldiers found explosives during the Jenin raid", "it seized rifles after the
    clash", "the attackers ... set fire to 15 houses" (ACLED codes them in one event)."""
    if drafts and _taking_over(draft, drafts[-1]):
        return drafts[-1]
    if draft.kind.key not in INCIDENT_PARTS:
        return None
    if drafts and _doerless_next(draft, drafts[-1]):  # "... detained a gang leader in a
        return _unless_contradicted(draft, drafts[-1])  # raid. Rifles and cash were seized."
    if drafts and _detained_at_the_protest(draft, drafts[-1]):
        return _unless_contradicted(draft, drafts[-1])  # not "..., and on Sunday arrested"
    if drafts and _with_the_seizure(draft, drafts[-1]):
        return drafts[-1]
    earlier = next((d for d in reversed(drafts) if violence_family(d.kind) == "violence"), None)
    if earlier is None:
        return None
    act = draft.group[0].token
    during = any(  # "found explosives during the Jenin raid", not "during a raid"
        t.lower_ in ("during", "after", "in")
        and t.dep_ == "prep"
        and any(
            o.dep_ == "pobj"
            and lemma(o) in INCIDENT_NOUNS
            and (definite(o) or any(c.dep_ in ("poss", "compound") for c in o.children))
            for o in t.children
        )
        for t in (*act.children, *draft.anchor.children)
    )
    doer = subject_of(draft.group[0].token)
    same_doers = (
        doer is not None
        and lemma(doer) in PERPETRATORS
        and definite(doer)
        and (draft.sentence_index - earlier.sentence_index <= 3)
    )
    return earlier if during or same_doers or _claimed_with(act) else None


def _claimed_with(act: Token) -> bool:
    """ "JNIM claimed responsibility ..., saying it had seized weapons": what a claim of
    responsibility adds is part of the incident claimed."""
    return any(t.lemma_.lower() == "responsibility" for t in act.sent)


#: Kinds by which one side takes over what another has left.
TAKING_OVER = frozenset({"arrival", "deployment"})


def _taking_over(draft: Draft, before: Draft) -> bool:
    """ "Israeli troops withdrew from a hilltop ..., and Lebanese army units deployed there
    a few hours later": the other side of a handover told in the same sentence."""
    return (
        draft.kind.key in TAKING_OVER
        and before.kind.key == "transfer"
        and before.sentence_index == draft.sentence_index
    )


#: Who is held with a load seized, and where arms are found on people arrested.
CREWS = frozenset({"crew", "crewman", "crewmen", "sailor", "smuggler"})
HOMES = DWELLINGS | {"car", "vehicle", "room"}


def _with_the_seizure(draft: Draft, before: Draft) -> bool:
    """ "... intercepted a launch carrying rifles. Its crew were detained": the crew of a
    load seized, or arms found in the home of people just arrested ("Officers found
    devices in a flat rented by one of the men"), are part of that seizure or arrest."""
    if draft.sentence_index - before.sentence_index > 1:
        return False
    token = draft.group[0].token
    if draft.kind.key == "arrests" and before.kind.key == "disrupted":
        held = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
        held += [c for n in held for c in n.children if c.dep_ == "compound"]
        return any(lemma(n) in CREWS for n in held)
    if draft.kind.key == "disrupted" and before.kind.key == "arrests":
        return any(
            o.dep_ == "pobj" and lemma(o) in HOMES
            for p in token.children
            if p.dep_ == "prep" and p.lower_ in ("in", "at", "inside")
            for o in p.children
        )
    return False


def _detained_at_the_protest(draft: Draft, before: Draft) -> bool:
    """ "... hurling stones at police; 14 officers were hurt and 37 people detained": the
    arrests told in the sentence of a protest or riot are part of it, and so are those in
    the sentence after a riot ("Officers responded with tear gas and arrested several
    people"); a protest's next sentence may tell a notable arrest of its own."""
    if draft.kind.key != "arrests":
        return False
    gap = draft.sentence_index - before.sentence_index
    return (gap == 0 and before.kind.event_type in (PROTESTS, RIOTS)) or (
        gap == 1 and before.kind.event_type == RIOTS
    )


def _doerless_next(draft: Draft, before: Draft) -> bool:
    """A passive with no doer ("Rifles were seized.") in the sentence after an incident."""
    token = draft.group[0].token
    passive = any(c.dep_ == "nsubjpass" for c in token.children)
    no_doer = not any(c.dep_ == "agent" for c in token.children)
    return passive and no_doer and draft.sentence_index - before.sentence_index == 1
