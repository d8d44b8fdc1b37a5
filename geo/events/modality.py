"""Modality of a trigger: is the event asserted, or negated, hypothetical, attempted...?

Read from the dependency parse by walking from the trigger up its chain of heads: a
negation or a modal on the trigger or a governing verb, an "if" clause, or a governing
lemma ("tried to", "threatened to", "denied", "accused ... of", "a preamble to") changes
the modality. The walk stops after a relative clause so that "the protests that police
tried to stop" keeps the protests asserted. Only "asserted" events are drawn as happened.
"""

from __future__ import annotations

from spacy.tokens import Token

ASSERTED = "asserted"
NEGATED = "negated"
HYPOTHETICAL = "hypothetical"
ATTEMPTED = "attempted"
THREATENED = "threatened"
INTENDED = "intended"
DENIED = "denied"
ALLEGED = "alleged"
FUTURE = "future"
REQUESTED = "requested"

# fmt: off
MODALS = {"can": HYPOTHETICAL, "could": HYPOTHETICAL, "might": HYPOTHETICAL, "may": HYPOTHETICAL,
          "would": HYPOTHETICAL, "should": HYPOTHETICAL, "must": HYPOTHETICAL,
          "will": FUTURE, "shall": FUTURE, "'ll": FUTURE, "wo": FUTURE}
# fmt: on

# fmt: off
GOVERNORS: dict[str, str] = {
    "try": ATTEMPTED, "attempt": ATTEMPTED, "seek": ATTEMPTED, "fail": ATTEMPTED,
    "threaten": THREATENED, "threat": THREATENED, "vow": THREATENED, "warn": THREATENED,
    "plan": INTENDED, "intend": INTENDED, "want": INTENDED, "aim": INTENDED,
    "prepare": INTENDED, "consider": INTENDED, "call": REQUESTED, "urge": REQUESTED,
    "demand": REQUESTED, "ask": REQUESTED, "request": REQUESTED, "order": INTENDED,
    "plot": INTENDED, "hope": INTENDED, "expect": FUTURE, "fear": HYPOTHETICAL,
    "pledge": INTENDED, "promise": INTENDED, "mean": INTENDED,
    "agree": INTENDED, "undertake": INTENDED, "discuss": INTENDED, "discussion": INTENDED,
    "propose": INTENDED, "proposal": INTENDED, "debate": INTENDED,
    "preamble": HYPOTHETICAL, "prelude": HYPOTHETICAL, "pretext": HYPOTHETICAL,
    "possibility": HYPOTHETICAL, "risk": HYPOTHETICAL, "prospect": HYPOTHETICAL,
    "justify": HYPOTHETICAL,
    "deny": DENIED, "dismiss": DENIED, "refute": DENIED, "reject": DENIED,
    "accuse": ALLEGED, "allege": ALLEGED, "claim": ALLEGED, "suspect": ALLEGED,
    "suspicion": ALLEGED, "persuade": REQUESTED, "convince": REQUESTED,
    "encourage": REQUESTED, "induce": REQUESTED,
    "rumour": ALLEGED, "rumor": ALLEGED, "accusation": ALLEGED, "allegation": ALLEGED,
    "prevent": NEGATED, "avert": NEGATED, "avoid": NEGATED, "thwart": NEGATED,
    "foil": NEGATED, "stop": NEGATED,
    "resist": HYPOTHETICAL, "deter": HYPOTHETICAL, "protect": HYPOTHETICAL,
    "ready": INTENDED, "willing": INTENDED, "commit": INTENDED,
    "guilty": ALLEGED, "convict": ALLEGED, "acquit": ALLEGED, "indictment": ALLEGED,
}
# fmt: on

# Governors only as nouns: "reports that ..." (the verb "reported" asserts).
NOUN_GOVERNORS = {"report": ALLEGED, "claim": ALLEGED, "speculation": HYPOTHETICAL}
#: Nouns of talk or worry whose that-clause may follow their verb ("rumours spread that"),
#: with the modality they govern.
EXTRAPOSING = {
    noun: governed
    for noun, governed in {**GOVERNORS, **NOUN_GOVERNORS, "concern": HYPOTHETICAL}.items()
    if noun in ("rumour", "rumor", "speculation", "fear", "concern", "allegation", "claim")
}
# fmt: off
HEDGES = {"unsuccessfully": ATTEMPTED, "allegedly": ALLEGED, "reportedly": ASSERTED,
          "possibly": HYPOTHETICAL, "potentially": HYPOTHETICAL}
# fmt: on
COMPLEMENT_PREPS = {"of", "to", "for"}
# fmt: off
ADJECTIVES = {"future": FUTURE, "possible": HYPOTHETICAL, "potential": HYPOTHETICAL,
              "planned": INTENDED, "proposed": INTENDED, "alleged": ALLEGED,
              "attempted": ATTEMPTED, "failed": ATTEMPTED, "thwarted": NEGATED,
              "foiled": NEGATED, "imminent": FUTURE, "threatened": THREATENED,
              "feared": HYPOTHETICAL, "rumoured": ALLEGED, "rumored": ALLEGED}
# fmt: on
ANYONE = frozenset({"anyone", "anybody", "whoever", "everyone", "everybody", "those"})
CLAIM_NOUNS = frozenset({"claim", "assertion", "allegation", "account", "version"})
DISPUTING = frozenset({"deny", "reject", "dispute", "dismiss", "refute", "contest"})
#: Acts that make ready for another: the act they serve is only intended.
PREPARING = frozenset({"mobilise", "mobilize", "recruit", "train", "arm", "form", "raise",
                       "create", "establish", "deploy", "send", "dispatch", "fit", "equip",
                       "adapt", "modify", "design", "rig"})  # fmt: skip
CONDITIONAL_MARKS = {"if", "unless", "whether"}
PENDING_MARKS = frozenset({"until", "till", "before", "once"})
# Participles that carry an accusation on: "accused X of ..., stressing that ...".
REPORTING = {"say", "stress", "add", "insist", "argue", "note", "claim", "allege", "saying"}
# Dependencies that end a clause: modality above them belongs to another event.
CLAUSE_LIMITS = {"relcl", "acl"}


def _own_marker(token: Token) -> str | None:
    """Modality marked on `token` itself: negation, modal auxiliary, "if", hedge adverb."""
    for child in token.children:
        low = child.lower_
        if child.dep_ == "neg" or (child.dep_ == "det" and low == "no"):
            return NEGATED
        if child.dep_ == "aux" and low in MODALS:
            return MODALS[low]
        if child.dep_ == "mark" and low in CONDITIONAL_MARKS:
            return HYPOTHETICAL
        if (
            child.dep_ == "advcl"
            and child.i < token.i
            and any(g.dep_ == "mark" and g.lower_ in CONDITIONAL_MARKS for g in child.children)
        ):
            return HYPOTHETICAL  # "If the talks fail, the rebels attack ..."
        if child.dep_ == "advmod" and low in HEDGES and HEDGES[low] != ASSERTED:
            return HEDGES[low]
        if child.dep_ == "amod" and low in ADJECTIVES and token.pos_ in ("NOUN", "PROPN"):
            return ADJECTIVES[low]
    return None


def _nobody(child: Token) -> bool:
    """ "No one was arrested", "nobody was hurt": the subject says it did not happen."""
    if child.dep_ not in ("nsubj", "nsubjpass"):
        return False
    return child.lower_ in ("nobody", "none") or any(
        g.dep_ == "det" and g.lower_ == "no" for g in child.children
    )


def _disputed_after(trigger: Token) -> bool:
    """ "... fired missiles at a US destroyer, a claim the Pentagon denied", "..., which
    the army denies": what the sentence told before is disputed."""
    after = trigger.sent[trigger.i - trigger.sent.start + 1 :]
    return any(
        t.lemma_.lower() in CLAIM_NOUNS
        and any(c.dep_ == "relcl" and c.lemma_.lower() in DISPUTING for c in t.children)
        for t in after
    ) or any(_which_denied(t) for t in after)


def _which_denied(verb: Token) -> bool:
    """ "says its men overran the base, which the army denies": a relative "which" that
    a verb of disputing takes as its object."""
    return verb.lemma_.lower() in DISPUTING and any(
        c.lower_ == "which" and c.dep_ in ("dobj", "nsubj") for c in verb.children
    )


def modality(trigger: Token) -> str:
    """The modality of the event triggered by `trigger` (see module docstring)."""
    if any(_nobody(child) for child in trigger.children):
        return NEGATED
    if _disputed_after(trigger):
        return DENIED
    if trigger.dep_ in ("acl", "relcl") and trigger.head.lower_ in ANYONE:
        return HYPOTHETICAL  # "anyone attacking police stations will be treated as ..."
    marker = _own_marker(trigger)
    if marker:
        return marker
    token = trigger
    own = next((t for t in (trigger, *trigger.ancestors) if t.pos_ == "VERB"), trigger)
    while token.head.i != token.i:
        child, token = token, token.head
        if child.dep_ in ("pcomp", "pobj") and token.lower_ == "without":
            return NEGATED  # "without firing", "passed without any strike"
        governed = GOVERNORS.get(token.lemma_.lower())
        if token.pos_ == "NOUN" and token.lemma_.lower() in NOUN_GOVERNORS:
            governed = NOUN_GOVERNORS[token.lemma_.lower()]
        if governed and _governs(child, token):
            return governed
        extraposed = _extraposed_from(child, token)
        if extraposed is not None:
            return extraposed  # "rumours spread that armed groups were clashing"
        if child.i == own.i and _purpose(child) and token.lemma_.lower() in PREPARING:
            return INTENDED  # "mobilised a militia to fight alongside the army"
        marker = _own_marker(token)
        adjunct = (
            child.dep_ in ("prep", "npadvmod", "advmod") and child.lower_ not in COMPLEMENT_PREPS
        )
        shares = _shares_aux(child) or _purpose(child)
        if marker and (child.dep_ not in ("advcl", "conj") or shares) and not adjunct:
            return marker  # "will strike and hold a sit-in": the second verb's too
        if marker not in (None, NEGATED) and _pending(child):
            return HYPOTHETICAL  # "will not negotiate until troops withdraw"
        if _content_clause(child):
            continue
        limit_here = token.dep_ in CLAUSE_LIMITS and not _content_clause(token)
        if child.dep_ in CLAUSE_LIMITS or limit_here:
            if limit_here:
                marker = _own_marker(token)
                governed = GOVERNORS.get(token.lemma_.lower())
                return marker or governed or ASSERTED
            break
    return ASSERTED


def _extraposed_from(clause: Token, verb: Token) -> str | None:
    """ "rumours spread online that X", "fears grew that Y": a that-clause moved to the end
    belongs to the verb's subject noun, whose modality it takes."""
    if clause.dep_ not in ("ccomp", "advcl") or not any(
        c.lower_ == "that" for c in clause.children
    ):
        return None
    for subject in (c for c in verb.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"):
        noun = subject.lemma_.lower()
        if noun in EXTRAPOSING:
            return EXTRAPOSING[noun]
    return None


def _shares_aux(verb: Token) -> bool:
    """A verb joined to another with no subject or auxiliary of its own ("will strike and
    hold a sit-in") shares the first one's."""
    return (
        verb.dep_ == "conj"
        and verb.pos_ == "VERB"
        and verb.tag_ == "VB"
        and not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in verb.children)
    )


def _purpose(clause: Token) -> bool:
    """ "may step up air attacks to push rebels out": an infinitive of purpose is as
    (un)certain as the act it serves."""
    return clause.dep_ == "advcl" and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in clause.children
    )


def _pending(clause: Token) -> bool:
    """An adverbial clause of a condition still to be met ("until", "before", "once")."""
    return clause.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in PENDING_MARKS for c in clause.children
    )


def _content_clause(token: Token) -> bool:
    """ "reports THAT its forces bombed ...": a noun's complement clause, not a relative."""
    return token.dep_ in CLAUSE_LIMITS and any(
        c.dep_ == "mark" and c.lower_ in ("that", "whether") for c in token.children
    )


def _own_act(clause: Token) -> bool:
    """ "claimed that its fighters blocked ...", "claimed that it had shelled ...": the
    claimant's own act."""
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return False
    owners = [subject, *(c for c in subject.children if c.dep_ == "poss")]
    return any(t.lower_ in ("it", "its", "they", "their", "we", "our") for t in owners)


def _governs(child: Token, governor: Token) -> bool:
    """True when `child` is the complement of `governor` (not its subject or an adjunct).
    A claim of one's own act ("X claimed to have shelled") is a claim of responsibility,
    which reports the act."""
    if governor.lemma_.lower() == "claim" and (
        child.dep_ == "xcomp"
        or _own_act(child)
        or child.lemma_.lower() == "responsibility"
        or any(c.lemma_.lower() == "responsibility" for c in governor.children)
        or (child.dep_ == "ccomp" and child.i < governor.i)
    ):
        return False  # "claimed responsibility for a roadside bomb that hit a convoy"
    if child.i < governor.i and any(t.text == ";" for t in child.doc[child.i : governor.i]):
        return False  # "... killed three soldiers; Al Shabaab later claimed it": two clauses
    if child.dep_ == "advcl":
        return child.lemma_.lower() in REPORTING
    if child.dep_ == "nsubjpass":  # "Marches are planned today", not "the attack was claimed"
        return GOVERNORS.get(governor.lemma_.lower()) in (INTENDED, REQUESTED, FUTURE)
    if child.dep_ in ("nsubj", "conj", "cc", "punct", "npadvmod"):
        return False
    if governor.pos_ == "NOUN":
        return child.dep_ in ("prep", "acl", "pobj", "compound")
    return True
