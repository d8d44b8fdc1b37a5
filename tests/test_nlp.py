"""The spaCy pipeline as conflictmap loads it: faster, and annotating exactly as stock spaCy."""

from __future__ import annotations

from pathlib import Path

import spacy

from geo.nlp import DEFAULT_MODEL, TOPONYMS_ONLY_EXCLUDE, load_nlp

SEED = next((Path(__file__).parents[1] / "seeds").glob("*.txt")).read_text(encoding="utf-8")
TRICKY = (
    "Y'all gonna see: it ain't over, c'mon, let's go. There were 12 boats gotta be seized. "
    "The U.S. Navy's USS Sampson sailed; \"Venezuela's army\" — said Maduro — won't back down. "
    "Nothin' doin'."
)


def annotations(doc: spacy.tokens.Doc) -> list[tuple[str, ...]]:
    return [
        (t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, str(t.head.i), t.ent_type_)
        for t in doc
    ]


def test_full_pipeline_annotates_exactly_as_stock_spacy() -> None:
    """Same tags, POS, morphology, lemmas, parse and entities as `spacy.load` gives, with
    the cached attribute ruler and lemmatizer and OpenBLAS matrix products — twice, so the
    second pass runs from the caches."""
    ours = load_nlp()
    stock = spacy.load(DEFAULT_MODEL)
    stock.add_pipe("sentence_breaks", before="parser")
    for text in (SEED, TRICKY, SEED):
        assert annotations(ours(text)) == annotations(stock(text))
    assert type(ours.get_pipe("attribute_ruler").match).__name__ == "TokenCachedRulerMatch"
    assert type(ours.get_pipe("attribute_ruler").set_annotations).__name__ == "ArrayRulerAnnotate"
    assert type(ours.get_pipe("lemmatizer").lemmatize).__name__ == "CachedRuleLemmatize"
    assert "senter" in stock.disabled and "senter" not in ours.component_names  # not loaded


def test_geoparse_pipeline_is_the_ner_alone_with_the_same_entities() -> None:
    lean = load_nlp(exclude=TOPONYMS_ONLY_EXCLUDE)
    assert lean.pipe_names == ["ner"]
    full = load_nlp()
    for text in (SEED, TRICKY):
        assert [(e.start_char, e.end_char, e.label_) for e in lean(text).ents] == [
            (e.start_char, e.end_char, e.label_) for e in full(text).ents
        ]


def test_a_run_on_without_sentence_end_is_cut_and_a_news_sentence_is_not() -> None:
    """Issue 19: a paragraph with no full stop is not one sentence of thousands of words
    (each would be copied into the provenance of every event it tells)."""
    from geo.nlp import MAX_SENTENCE_TOKENS

    nlp = load_nlp()
    run_on = " ".join(["troops moved near Caracas and protesters gathered"] * 200)
    assert max(len(s) for s in nlp(run_on).sents) <= MAX_SENTENCE_TOKENS
    long_sentence = " ".join(["troops moved near Caracas"] * 30) + "."  # 120 tokens
    assert len(list(nlp(long_sentence).sents)) == 1


def test_a_line_with_no_sentence_end_is_a_sentence_of_its_own() -> None:
    text = "Bombs fall on a village at dawn\nShortly after 6 a.m. a jet released two bombs."
    doc = load_nlp()(text)
    assert [s.text.strip() for s in doc.sents] == [
        "Bombs fall on a village at dawn",
        "Shortly after 6 a.m. a jet released two bombs.",
    ]
