"""Speed-ups, applied on request only: importing the library changes nothing global.

`tune_process()` sets what is process-wide: one BLAS thread per process (workers are
processes; thinc's matrix products run in numpy/OpenBLAS) and glibc malloc keeping freed
memory. The CLI and each worker call it at start-up (`geo.parallel.worker_resources`),
as do the benchmarks. `speed_up(nlp)` swaps faster, output-identical methods into one
loaded pipeline's instances (`geo.nlp.load_nlp` calls it); spaCy's classes are untouched.
"""

from __future__ import annotations

import ctypes
import platform
import re
from typing import TYPE_CHECKING, Any, cast

import numpy
from spacy.language import Language
from spacy.tokens import Doc
from threadpoolctl import threadpool_limits

from geo.inference import use_prediction_forwards

if TYPE_CHECKING:
    from spacy.pipeline import AttributeRuler, Lemmatizer


def tune_process() -> None:
    """One BLAS thread per process and glibc's malloc keeping freed memory (idempotent)."""
    threadpool_limits(limits=1, user_api="blas")
    _keep_freed_memory()


def _keep_freed_memory() -> None:
    """Have glibc's malloc serve blocks up to 32 MB from its heap and keep up to 512 MB of
    freed heap instead of returning it to the OS at every `free`, so the NER's activations
    are not mapped, zero-filled and unmapped again at every batch. No-op off glibc."""
    if platform.libc_ver()[0] != "glibc":
        return
    libc = ctypes.CDLL(None)
    m_trim_threshold, m_mmap_threshold = -1, -3
    libc.mallopt(m_mmap_threshold, 32 * 2**20)
    libc.mallopt(m_trim_threshold, 512 * 2**20)


def speed_up(nlp: Language) -> None:
    """Prediction-only forward passes, the cached attribute ruler and rule lemmatizer."""
    use_prediction_forwards(nlp)
    if "attribute_ruler" in nlp.pipe_names:
        ruler = cast("AttributeRuler", nlp.get_pipe("attribute_ruler"))
        ruler.match = TokenCachedRulerMatch(ruler)  # type: ignore[method-assign]  # same calls
        ruler.set_annotations = ArrayRulerAnnotate(ruler)  # type: ignore[method-assign]  # same
    if "lemmatizer" in nlp.pipe_names:
        lemmatizer = cast("Lemmatizer", nlp.get_pipe("lemmatizer"))
        if lemmatizer.mode == "rule":
            _index_as_sets(lemmatizer.lookups)
            lemmatizer.lemmatize = CachedRuleLemmatize(lemmatizer)


Signature = tuple[list[tuple[int, int]], bool]  # a token signature's one-token matches, start
MAX_CACHED = 500_000  # keys per token cache (here and in geo.toponyms); a full one starts afresh


def remember(cache: dict[Any, Any], key: Any, value: Any) -> Any:
    """`cache[key] = value` (emptying the cache first if it holds `MAX_CACHED` keys)."""
    if len(cache) >= MAX_CACHED:
        cache.clear()
    cache[key] = value
    return value


class TokenCachedRulerMatch:
    """`AttributeRuler.match` with the same result, cheaper on English news.

    spaCy's attribute ruler (tag -> POS and morphology, lemma exceptions) runs its ~180
    Matcher patterns at every token. Nearly all are
    one-token patterns over TAG, LOWER, DEP and IS_SPACE, whose outcome depends on those
    four attributes alone — so they are matched once per distinct signature (by the same
    Matcher, on that one token) and looked up afterwards. The eight multi-token rules
    ("gon na", "let 's", "there is") of fixed length, whose first token tests those
    attributes alone, can match only where a signature says their first token does: they
    run on a window there, not over the whole Doc. Matches come out
    sorted as the stock method sorts them.

    A word that no one-token pattern names (by value, `IN` or `NOT_IN`) matches exactly as
    any other such word with the same outcome on the patterns' regexes, so such signatures
    share one Matcher run: the new words of a fresh corpus cost a lookup, not a match.
    """

    KEYS = frozenset({"TAG", "LOWER", "DEP", "IS_SPACE"})
    START = "first token of a multi-token rule"  # the one-token pattern of each such token

    def __init__(self, ruler: Any) -> None:
        from spacy.matcher import Matcher

        self._strings = ruler.vocab.strings
        # The ruler's own patterns, which its Matcher takes unvalidated too: validating them
        # (pydantic, ~180 patterns) would cost start-up and could change nothing.
        self._single = Matcher(ruler.vocab, validate=False)
        self._multi = Matcher(ruler.vocab, validate=False)
        singles: list[list[dict[str, Any]]] = []
        multis: list[list[dict[str, Any]]] = []
        for attr_id, entry in enumerate(ruler.patterns):  # list position = attribute id
            patterns = entry["patterns"]
            one_token = all(len(p) == 1 and set(p[0]) <= self.KEYS for p in patterns)
            (self._single if one_token else self._multi).add(str(attr_id), patterns)
            (singles if one_token else multis).extend(patterns)
        firsts = [p[0] for p in multis]
        windowed = all(set(first) <= self.KEYS for first in firsts) and not any(
            "OP" in token for p in multis for token in p
        )
        self._width = max(map(len, multis), default=0) if windowed else 0  # 0: whole Doc
        if self._width:
            self._single.add(self.START, [[first] for first in firsts])
        self._start_id = self._strings.add(self.START)
        self._words, self._regexes = _lower_values([p[0] for p in singles] + firsts)
        self._cache: dict[tuple[int, ...], Signature] = {}
        self._unnamed: dict[tuple[Any, ...], Signature] = {}

    def __call__(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        keys = doc.to_array(["TAG", "LOWER", "DEP", "IS_SPACE"]).tolist()
        matches, starts = [], []
        for i, key in enumerate(map(tuple, keys)):
            found = self._cache.get(key)
            if found is None:
                found = remember(self._cache, key, self._match_new(doc, i, key))
            matches += [(attr_id, m, i, i + 1) for attr_id, m in found[0]]
            if found[1]:
                starts.append(i)
        matches += self._multi_token_matches(doc, starts)
        matches.sort()
        return matches

    def _multi_token_matches(self, doc: Doc, starts: list[int]) -> list[tuple[int, int, int, int]]:
        """The multi-token rules' matches: on a window at each token that may start one,
        or over the whole Doc when a rule's length or first token is not fixed."""
        if not self._width:
            return [self._match(m, s, e) for m, s, e in self._multi(doc, allow_missing=True)]
        out = []
        for i in starts:
            found = self._multi(doc[i : i + self._width], allow_missing=True)
            out += [self._match(m, i, i + e) for m, s, e in found if s == 0]
        return out

    def _match_new(self, doc: Doc, i: int, key: tuple[int, ...]) -> Signature:
        """The one-token matches of a signature not seen yet: shared by every signature
        whose word no pattern names and that agrees on tag, dependency, space and regexes."""
        tag, lower, dep, space = key
        if self._words is None or lower in self._words:
            return self._match_one(doc, i)
        text = self._strings[lower]
        unnamed = (tag, dep, space, *(bool(regex.search(text)) for regex in self._regexes))
        found = self._unnamed.get(unnamed)
        if found is None:
            found = remember(self._unnamed, unnamed, self._match_one(doc, i))
        return found

    def _match_one(self, doc: Doc, i: int) -> Signature:
        """(attribute id, match id) of the one-token rules token `i` matches, and whether
        a multi-token rule may start there."""
        found = [m for m, _, _ in self._single(doc[i : i + 1], allow_missing=True)]
        singles = [self._match(m, 0, 1)[:2] for m in found if m != self._start_id]
        return singles, self._start_id in found

    def _match(self, match_id: int, start: int, end: int) -> tuple[int, int, int, int]:
        return int(self._strings[match_id]), match_id, start, end


class ArrayRulerAnnotate:
    """`AttributeRuler.set_annotations` with the same outcome, cheaper.

    spaCy applies each match by building a Span and a Token and setting its attributes one
    by one. The ruler's attributes are all token
    fields (lemma, POS, tag, dependency, morphology), so the matches are applied in their
    order (a later one wins, as in spaCy) to an array of those fields, written back with
    one `Doc.from_array`. A ruler setting anything else, or a match whose token index
    falls outside it, goes through spaCy's own method (which raises its error).
    """

    FIELDS = ("LEMMA", "POS", "TAG", "DEP", "MORPH")

    def __init__(self, ruler: Any) -> None:
        from spacy.attrs import IDS

        self._stock, self._indices = ruler.set_annotations, ruler.indices
        column = {IDS[name]: col for col, name in enumerate(self.FIELDS)}
        self._writes: list[list[tuple[int, int]]] | None = None
        if all(set(attrs) <= set(column) for attrs in ruler.attrs):
            self._writes = [[(column[k], v) for k, v in attrs.items()] for attrs in ruler.attrs]

    def __call__(self, doc: Doc, matches: list[tuple[int, int, int, int]]) -> None:
        if self._writes is None or not len(doc):
            return self._stock(doc, matches)
        width = len(self.FIELDS)
        final: dict[int, int] = {}  # flat array position -> value, the last match's
        for attr_id, _, start, end in matches:
            index = self._indices[attr_id]
            i = (start if index >= 0 else end) + index
            if not start <= i < end:
                return self._stock(doc, matches)
            for col, value in self._writes[attr_id]:
                final[i * width + col] = value
        values = doc.to_array(self.FIELDS)  # type: ignore[arg-type]  # doc.pyi: list only
        flat = values.reshape(-1)
        flat[numpy.fromiter(final, numpy.int64, len(final))] = numpy.fromiter(
            final.values(), numpy.uint64, len(final)
        )
        doc.from_array(self.FIELDS, values)  # type: ignore[arg-type]  # doc.pyi: list, floats
        return None


def _lower_values(tokens: list[dict[str, Any]]) -> tuple[set[int] | None, list[re.Pattern[str]]]:
    """The LOWER values (as string ids) and regexes the token patterns test; None for the
    values when some test is of another kind (then every word is told apart)."""
    from spacy.strings import hash_string  # type: ignore[attr-defined]  # not in strings.pyi

    words: set[int] = set()
    regexes: list[re.Pattern[str]] = []
    for token in tokens:
        value = token.get("LOWER")
        if value is None:
            continue
        if isinstance(value, str):
            value = {"IN": [value]}
        if not isinstance(value, dict) or not set(value) <= {"IN", "NOT_IN", "REGEX"}:
            return None, []
        words.update(hash_string(w) for w in value.get("IN", []) + value.get("NOT_IN", []))
        if "REGEX" in value:
            regexes.append(re.compile(value["REGEX"]))
    return words, regexes


class CachedRuleLemmatize:
    """`Lemmatizer.rule_lemmatize` with every outcome cached: the same lemmas, cheaper.

    spaCy caches the rule lemmatizer's result per (text, POS, morphology) only when the
    rules run: base forms, proper nouns, numbers and punctuation — most tokens of news —
    went through the checks again at every occurrence. The outcome depends on that key
    alone.
    """

    def __init__(self, lemmatizer: Any) -> None:
        self._lemmatize = lemmatizer.rule_lemmatize
        self._cache: dict[tuple[int, int, int], list[str]] = {}

    def __call__(self, token: Any) -> list[str]:
        key = (token.orth, token.pos, token.morph.key)
        found = self._cache.get(key)
        if found is None:
            found = remember(self._cache, key, self._lemmatize(token))
        return found


def _index_as_sets(lookups: Any) -> None:
    """The rule lemmatizer's word index per POS as sets: spaCy ships lists and only tests
    `form in index`, a linear scan at each word not yet cached."""
    if lookups.has_table("lemma_index"):
        table = lookups.get_table("lemma_index")
        for key in list(table):
            table[key] = frozenset(table[key])
