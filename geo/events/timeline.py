"""Dating events inside one article: which date expression of a sentence belongs to an
event, "last year's election" sharpened by "re-election in July 2024" elsewhere, and the
dated statements an undated lead can inherit its date from.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from spacy.tokens import Doc, Span, Token

from geo.events.dates import MONTH_NAMES, UNIT_DAYS, DateRange, resolve_expression, shifted
from geo.events.triggers import Trigger, doc_text
from geo.model import Actor

# Verbs whose dated sentence can lend its date to the same speaker's undated statement.
# fmt: off
SPEECH = {"say", "add", "tell", "state", "announce", "declare", "write", "note", "insist",
          "respond", "reply", "stress", "warn", "claim", "accuse", "reject"}
# fmt: on
# "days after the first strike": a date relative to another event of the article.
AFTER_RE = re.compile(
    r"\b(?P<unit>hours?|days?|weeks?|months?|a day|a week|a month)\s+(?:after|following)\s+"
    r"(?:the\s+|a\s+|an\s+)?(?:\w+\s+){0,3}?(?P<noun>strikes?|attacks?|raids?|clash(?:es)?|"
    r"elections?|protests?|bombings?|explosions?|arrests?|deployment|invasion|coup|talks)\b",
    re.IGNORECASE,
)
# "Hours later", "the next day", "two days later": a date told from the incident before.
SEQUEL_RE = re.compile(
    r"\b(?:(?P<n>an?|one|two|three|four|five|six|seven|\d+)\s+(?P<unit>hours?|days?|weeks?)"
    r"\s+(?:later|afterwards)|(?P<few>days|weeks)\s+(?:later|afterwards)"
    r"|(?:the\s+)?(?:next|following)\s+(?P<next>day|morning|afternoon"
    r"|evening|night)|(?:later\s+(?:that|the\s+same)|the\s+same)\s+(?:day|morning|afternoon"
    r"|evening|night)|hours\s+(?:later|earlier)|(?P<before>(?:the\s+)?(?:day|night)\s+before"
    r"|a\s+day\s+(?:earlier|before)))\b",
    re.IGNORECASE,
)
# fmt: off
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "seven": 7}
# fmt: on
_DATES_KEY = "conflictmap.events.dates"
_MONTH = re.compile(
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)


def _date_entities(sent: Span) -> list[Span]:
    """DATE/TIME entities of the sentence (indexed once per document)."""
    doc = sent.doc
    index = doc.user_data.get(_DATES_KEY)
    if index is None:
        index = {}
        for ent in _with_years(doc):
            index.setdefault(ent.sent.start, []).append(ent)
        doc.user_data[_DATES_KEY] = index
    return index.get(sent.start, [])


def _with_years(doc: Doc) -> list[Span]:
    """DATE/TIME entities, a day and its year joined: spaCy reads "October 7, 2023" as two
    dates, and "October 7" alone would be the last October 7 before publication."""
    found: list[Span] = []
    notes = _note_dates(doc) + _unread_days(doc)
    for ent in sorted([*doc.ents, *notes], key=lambda e: e.start):
        if ent.label_ not in ("DATE", "TIME") or (ent not in notes and _inside(ent, notes)):
            continue
        ent = _with_days(ent)
        previous = found[-1] if found else None
        between = doc[previous.end : ent.start].text.strip() if previous else None
        if previous is not None and between in ("", ",") and re.fullmatch(r"\d{4}", ent.text):
            found[-1] = Span(doc, previous.start, ent.end, label="DATE")
        else:
            found.append(ent)
    return found


#: A field note's date opening its line or sentence, before a colon or a dash: "17/08:",
#: "5 Oct:", "10/05 —", or before the place the note is headed with ("15/03 Novi Sad:").
NOTE_DATE = re.compile(
    r"(?:^|\n|(?<=\. ))\s*(?P<date>\d{1,2}(?:/\d{1,2}|\s+[A-Z][a-z]{2,8}\.?))"
    r"(?::|\s[—–-]\s|(?<=\d)(?=\s+[A-Z][\w'’. -]{1,40}:))",
    re.MULTILINE,
)


def _note_dates(doc: Doc) -> list[Span]:
    """Field notes' dates ("17/08: Gunmen lobbed a grenade ..."), which the model takes
    for numbers."""
    found = []
    for match in NOTE_DATE.finditer(doc_text(doc)):
        span = doc.char_span(match.start("date"), match.end("date"), label="DATE")
        if span is not None:
            found.append(span)
    return found


#: Month names as written in running text, capitalised ("May", not "may").
_WRITTEN_MONTHS = "|".join(name.capitalize() for name in MONTH_NAMES)
#: A day and its month the model may not tag: "on the night of 5 April", "April 5th".
DAY_MONTH = re.compile(
    rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_WRITTEN_MONTHS})"
    rf"|(?:{_WRITTEN_MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?)\b"
)


def _unread_days(doc: Doc) -> list[Span]:
    """Days of a month the model left out of its DATE entities."""
    found = []
    for match in DAY_MONTH.finditer(doc_text(doc)):
        span = doc.char_span(match.start(), match.end(), label="DATE")
        if span is not None and not any(t.ent_type_ in ("DATE", "TIME") for t in span):
            found.append(span)
    return found


def _inside(ent: Span, spans: list[Span]) -> bool:
    return any(s.start <= ent.start and ent.end <= s.end for s in spans)


def _with_days(ent: Span) -> Span:
    """ "15 December", "13-14 December": spaCy's DATE is often "December" alone, the
    day or days before a month name belong to it."""
    doc, start = ent.doc, ent.start
    if not _MONTH.fullmatch(ent[0].lower_) or start == 0:
        return ent
    before = doc[start - 1]
    if re.fullmatch(r"\d{1,2}(?:[-–]\d{1,2})?", before.text):
        start -= 1
        if start >= 2 and doc[start - 1].text in ("-", "–") and doc[start - 2].like_num:
            start -= 2
    return ent if start == ent.start else Span(doc, start, ent.end, label=ent.label_)


def _attached(ent: Span, anchor: Token, triggers: set[int]) -> int | None:
    """How the date phrase modifies the event: 1 on a trigger itself ("the mosque where
    forces killed 32 gunmen in 2004"), 2 on the event's clause; None when it belongs to a
    noun inside an argument or to another relative clause ("the October election
    results")."""
    cur = _stray_preposition(ent) or ent.root
    named = cur.head.pos_ == "NOUN" and cur.head.ent_type_ not in ("DATE", "TIME")
    if cur.dep_ in OWN_DATE_DEPS and cur.head.i not in triggers and named:
        return None  # but "on Monday evening" dates the clause
    for _ in range(10):
        if cur.i in triggers:
            return 1
        if cur.i == anchor.i:
            return 2
        if cur.head.i == cur.i:
            return None
        if cur.i != ent.root.i and cur.pos_ in ("NOUN", "PROPN") and cur.dep_ != "pobj":
            return None
        if cur.dep_ == "relcl":
            return None  # "a hamlet whose residents had fled last year"
        cur = cur.head
    return None


def _before_its_clause(ent: Span, verb: Token) -> bool:
    """The date comes between the reporting verb and the subject of the reported clause it
    was hung on ("the FSB said on Thursday it had detained ..."): it dates the report, and
    yields to a day the clause gives itself."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return (
        verb.dep_ == "ccomp"
        and subject is not None
        and verb.head.i < ent.start
        and ent.end <= subject.left_edge.i
    )


def _stray_preposition(ent: Span) -> Token | None:
    """ "and on Sunday officers arrested": the "on" the parser hung on the verb while it
    made the day a compound of the next noun; the day goes where its "on" goes."""
    if ent.start == 0 or ent.root.dep_ != "compound":
        return None
    before = ent.doc[ent.start - 1]
    return before if before.dep_ == "prep" and before.lower_ in ("on", "in") else None


def _refine_by_noun(ent: Span, found: DateRange, doc: Doc, published: Any) -> DateRange:
    """ "last year's election" + "re-election in July 2024" elsewhere -> July 2024."""
    if ent.root.dep_ != "poss" and not ent.text.lower().endswith(("'s", "’s")):
        return found
    noun = ent.root.head.lemma_.lower() if ent.root.dep_ == "poss" else None
    if not noun or ent.root.head.i == ent.root.i:
        return found
    others = [e for s in doc.user_data.get(_DATES_KEY, {}).values() for e in s]
    for other in others:
        if other.label_ != "DATE" or other.start == ent.start:
            continue
        before = doc_text(doc)[max(0, other.start_char - 40) : other.start_char].lower()
        if not re.search(rf"{re.escape(noun)}\s+(?:in|of|on)\s+$", before):
            continue
        refined = resolve_expression(other.text, published)
        if refined and found.start <= refined.start and refined.end <= found.end:
            return DateRange(refined.start, refined.end, refined.precision, found.text)
    return found


def _resolve_entity(ent: Span, published: Any) -> DateRange | None:
    """The entity's date, or that of its longest leading part ("Saturday, ending months")."""
    for end in range(len(ent), 0, -1):
        part = ent[:end]
        if part[-1].is_punct:
            continue
        found = resolve_expression(part.text, published)
        if found is not None:
            return found
    return None


def _described(token: Token) -> int:
    """The noun a relative clause tells of ("a 2020 bombing that killed six" -> bombing),
    else the token itself."""
    clause = token
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    return clause.head.i if clause.dep_ == "relcl" else token.i


#: How a date names its event's noun: "last year's truce", "a 2020 bombing".
OWN_DATE_DEPS = frozenset({"poss", "nummod", "compound"})


def date_for(
    sent: Span, anchor: Token, group: list[Trigger], published: Any
) -> tuple[DateRange | None, str]:
    """The event's date from the sentence: the trigger's own ("Sunday's attack"), then an
    attached expression, then any."""
    triggers = {t.token.i for t in group} | {_described(t.token) for t in group}
    offset, mark = _days_apart(anchor)
    scored = []
    for ent in _date_entities(sent):
        found = _resolve_entity(ent, published)
        if found is None:
            continue
        found = _refine_by_noun(ent, found, sent.doc, published)
        own = ent.root.dep_ in OWN_DATE_DEPS and ent.root.head.i in triggers
        rank = 0 if own else _attached(ent, anchor, triggers) or _unattached_rank(ent, anchor)
        if offset and not own and ent.end <= mark:
            # "met on Tuesday, a day after troops killed two men": a date told before
            found = shifted(found, offset, published, f"{ent.text} {offset:+d} days")
            rank = min(rank, 2)
        # "said on Thursday it had detained ... on Monday": the report's day yields
        reported = _before_its_clause(ent, anchor)
        scored.append((rank, reported, ent.start, found))
    if not scored and offset < 0 and published is not None:
        # "Two years after the Arakan Army launched its offensive, the group stands ..."
        today = resolve_expression("today", published)
        if today is not None:
            return shifted(today, offset, published, f"{offset:+d} days"), "attached"
    if not scored:
        overnight = any(t.lower_ == "overnight" for t in sent)  # not always an entity
        found = resolve_expression("overnight", published) if overnight else None
        return (found, "sentence") if found else (None, "")
    exact = any(not reported and found.precision == 1 for _, reported, _, found in scored)
    rank, _, _, best = min(scored, key=lambda s: (s[0], s[1] and exact, s[2]))
    if rank == 3 and (_told_as_done_before(anchor) or _reacted_to(group)):
        start = best.end - timedelta(days=REPORTED_WINDOW_DAYS)
        return DateRange(start, best.end, 2, best.text), "reported as done before"
    return best, "attached" if rank < 3 else "sentence"


def _unattached_rank(ent: Span, anchor: Token) -> int:
    """3 for a date elsewhere in the sentence, 4 for one inside a relative clause the
    event is not in ("Mocímboa da Praia, which troops retook in August 2021, ...")."""
    for token in ent.root.ancestors:
        if token.i == anchor.i:
            return 3
        if token.dep_ == "relcl" and anchor not in token.subtree:
            return 4
    return 3


def _days_apart(anchor: Token) -> tuple[int, int]:
    """Days from a date told before to the anchor's clause, and where the distance is
    said: "..., a day after troops killed" -1, "two days after a missile struck" -2, "a
    strike three days later" +3; 0 when no clause up the anchor's heads says so."""
    clause = anchor
    for _ in range(3):
        for child in clause.children:
            later = child.dep_ == "advmod" and child.lower_ == "later"
            after = child.dep_ == "mark" and child.lower_ == "after"
            holder = child if later else clause
            days = [  # "two days/weeks/months/years after"; hours move no day
                d for d in holder.children if d.dep_ == "npadvmod" and UNIT_DAYS.get(d.lemma_, 0)
            ]
            if (later or after) and days:
                count = next((c for c in days[0].children if c.dep_ in ("nummod", "det")), None)
                word = count.lower_ if count is not None else ""
                n = (int(word) if word.isdigit() else _NUMBERS.get(word, 0)) * UNIT_DAYS[
                    days[0].lemma_
                ]
                return (n if later else -n), days[0].left_edge.i
        if clause.head.i == clause.i:
            break
        clause = clause.head
    return 0, anchor.i


#: How far back an act reported as done before the report may lie ("said on Friday that
#: forces had intervened"): a week, the report's day the latest.
REPORTED_WINDOW_DAYS = 6


def _told_as_done_before(anchor: Token) -> bool:
    """ "The government said on Friday that security forces had intervened": the act, in
    the pluperfect under a speech verb, happened before the day the speech is dated."""
    return (
        anchor.dep_ == "ccomp"
        and anchor.head.lemma_.lower() in SPEECH
        and any(c.dep_ == "aux" and c.lower_ == "had" for c in anchor.children)
    )


#: Prepositions of what a dated statement or act answers: "despite a firefight".
ANSWERED = frozenset({"despite", "after", "over", "following"})


def _reacted_to(group: list[Trigger]) -> bool:
    """ "The government said on Tuesday the truce held despite a firefight ...": an act
    named as what a dated statement answers happened before that day."""
    return any(
        t.nominal and t.token.dep_ == "pobj" and t.token.head.lower_ in ANSWERED for t in group
    )


#: "Days later", "weeks later": the offsets taken for a few days and a few weeks.
FEW_DAYS, FEW_WEEKS = 3, 14


def sequel_offset(sentence: str) -> int | None:
    """Days after the incident told before: "the next day" 1, "hours later" 0, "the day
    before" -1; None when the sentence does not date itself that way."""
    match = SEQUEL_RE.search(sentence)
    if match is None:
        return None
    if match["before"]:
        return -1
    if match["next"]:
        return 1
    if match["few"]:
        return FEW_DAYS if match["few"].lower() == "days" else FEW_WEEKS
    if match["unit"]:
        count = match["n"].lower()
        n = int(count) if count.isdigit() else _NUMBERS[count]
        days = n * {"hour": 0, "day": 1, "week": 7}[match["unit"].lower().rstrip("s")]
        return days or _past_midnight(sentence)
    return _past_midnight(sentence)


#: "Hours later, ... shortly after midnight": the next day.
MIDNIGHT_RE = re.compile(r"\b(?:after|past) midnight\b|\bin the early hours\b", re.IGNORECASE)


def _past_midnight(sentence: str) -> int:
    """1 when the sentence sets a sequel after midnight, 0 otherwise."""
    return 1 if MIDNIGHT_RE.search(sentence) else 0


def speaker_dates(sentences: list[Span], published: Any) -> list[tuple[int, str, DateRange]]:
    """(sentence index, subject text, date) of dated sentences whose main verb is speech."""
    found = []
    for i, sent in enumerate(sentences):
        root = sent.root
        speech = [t for t in sent if t.lemma_.lower() in SPEECH and t.pos_ == "VERB"]
        for verb in [root, *speech]:
            subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subj is None:
                continue
            when, _ = date_for(sent, verb, [], published)
            if when is not None and when.precision <= 2:
                text = sent.doc[subj.left_edge.i : subj.i + 1].text
                found.append((i, text, when))
                break
    return found


def shares_actor(actor: Actor | None, subject_text: str) -> bool:
    if actor is None:
        return False
    names = [w for w in re.findall(r"[A-Z][\w'-]+", actor.name) if w.lower() != "the"]
    return bool(names) and names[-1] in subject_text
