"""Toponym recognition on real-style news sentences (spaCy small + a small gazetteer)."""

from __future__ import annotations

import pytest
from fake_gazetteer import FakeGazetteer

from geo.model import Article
from geo.nlp import load_nlp
from geo.placenames import NameIndex, normalize_token
from geo.toponyms import recognise_toponyms


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


@pytest.fixture(scope="module")
def gazetteer() -> FakeGazetteer:
    return FakeGazetteer()


def names(text: str, nlp, gazetteer, **options) -> list[tuple[str, str]]:
    article = Article.from_text(text)
    mentions = recognise_toponyms(article, nlp(text), gazetteer, **options)
    for m in mentions:
        assert article.text[m.start : m.end] == m.text
    return [(m.text, m.label) for m in mentions]


def texts(text: str, nlp, gazetteer, **options) -> list[str]:
    return [name for name, _ in names(text, nlp, gazetteer, **options)]


def test_demonyms_are_norp_mentions(nlp, gazetteer) -> None:
    text = "Venezuelan officials condemned the strike, while American officials defended it."
    found = names(text, nlp, gazetteer)
    assert ("Venezuelan", "NORP") in found
    assert ("American", "NORP") in found


def test_demonyms_can_be_left_out(nlp, gazetteer) -> None:
    text = "Venezuelan officials condemned the strike near Caracas on Tuesday."
    assert texts(text, nlp, gazetteer, demonyms=False) == ["Caracas"]


def test_places_nested_in_organisation_names(nlp, gazetteer) -> None:
    text = (
        "The Caracas City Council met on Monday. The Venezuelan Defense Ministry said "
        "the Gainesville Police Department had not been contacted."
    )
    found = texts(text, nlp, gazetteer)
    assert "Caracas" in found
    assert "Venezuelan" in found
    assert "Gainesville" in found
    assert not any("Council" in f or "Ministry" in f or "Police" in f for f in found)


def test_spans_drop_the_and_possessive(nlp, gazetteer) -> None:
    text = "The United States said on Monday that Venezuela's navy had moved ships."
    found = texts(text, nlp, gazetteer)
    assert "United States" in found
    assert "Venezuela" in found
    assert not any(f.startswith("The ") or f.endswith("'s") for f in found)


def test_metonym_is_a_toponym(nlp, gazetteer) -> None:
    text = "Washington said the sanctions on Caracas would stay in place."
    found = texts(text, nlp, gazetteer)
    assert "Washington" in found
    assert "Caracas" in found


def test_person_names_are_not_places(nlp, gazetteer) -> None:
    text = (
        "Opposition leader Maria Corina Machado met Jose Lopez in Caracas. "
        "Machado said Lopez would travel to Valencia next week."
    )
    found = texts(text, nlp, gazetteer)
    assert "Machado" not in found
    assert "Lopez" not in found
    assert "Caracas" in found
    assert "Valencia" in found


def test_titles_mark_persons(nlp, gazetteer) -> None:
    text = "Gov. Kingston told reporters the bridge would reopen."
    assert "Kingston" not in texts(text, nlp, gazetteer)


def test_abbreviations(nlp, gazetteer) -> None:
    text = "The U.S. Navy and US officials met in Paris, Texas."
    found = texts(text, nlp, gazetteer)
    assert "U.S." in found
    assert "US" in found
    assert "Paris" in found
    assert "Texas" in found


def test_lower_case_words_are_not_places(nlp, gazetteer) -> None:
    text = "They asked us to wait in paris-style cafes while the georgia peaches ripened."
    assert texts(text, nlp, gazetteer) == []


def test_one_sense_per_discourse_recovers_repeats(nlp, gazetteer) -> None:
    text = (
        "Police in Gainesville arrested two men. Gainesville officers said the two "
        "were released on bail, and Gainesville residents gathered outside."
    )
    found = texts(text, nlp, gazetteer)
    assert found.count("Gainesville") == 3


def test_name_index_matches_whole_tokens() -> None:
    rows = [("paris", "gn:1", "city", 100), ("new york", "gn:2", "city", 5)]
    index = NameIndex.from_rows(rows, min_city_population=0)
    norms = [normalize_token(t) for t in ["Parisian", "Paris", "and", "New", "York", ","]]
    assert [(s, e) for s, e, _ in index.find(norms)] == [(1, 2), (3, 5)]
    assert index.lookup("paris").population == 100
    assert index.lookup("pari") is None


def test_name_index_breaks_at_commas_but_joins_tight_hyphens() -> None:
    rows = [("paris texas", "x", "city", 1), ("winston salem", "y", "city", 1)]
    index = NameIndex.from_rows(rows, min_city_population=0)
    assert index.find([normalize_token(t) for t in ["Paris", ",", "Texas"]]) == []
    norms = [normalize_token(t) for t in ["Winston", "-", "Salem"]]
    assert [(s, e) for s, e, _ in index.find(norms, tight={1})] == [(0, 3)]


def test_name_index_is_cached_on_disk(tmp_path, monkeypatch) -> None:
    from geo import placenames

    store = tmp_path / "store.sqlite"
    store.write_bytes(b"not really a store")
    gazetteer = FakeGazetteer()
    gazetteer.path = str(store)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(placenames, "_INDEXES", {})
    built = placenames.name_index_for(gazetteer)
    assert list((tmp_path / "cache" / "conflictmap").glob("names-*.pickle"))
    monkeypatch.setattr(placenames, "_INDEXES", {})
    monkeypatch.setattr(FakeGazetteer, "iter_names", lambda self: iter(()))  # not called
    loaded = placenames.name_index_for(gazetteer)
    assert loaded is not built
    assert loaded.lookup("caracas") == built.lookup("caracas")
    assert loaded._infos == built._infos  # pickled as columns, back as NameInfo tuples
    assert {type(info) for info in loaded._infos} == {placenames.NameInfo}


def test_old_name_index_files_are_pruned(tmp_path, monkeypatch) -> None:
    """A store rebuilt (or copied) again and again leaves at most `CACHED_INDEXES` files."""
    from geo import placenames

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    store = tmp_path / "store.sqlite"
    for version in range(5):
        store.write_bytes(b"store version %d" % version)  # new size and mtime: a new key
        monkeypatch.setattr(placenames, "_INDEXES", {})
        gazetteer = FakeGazetteer()
        gazetteer.path = str(store)
        placenames.name_index_for(gazetteer)
    kept = list((tmp_path / "cache" / "conflictmap").glob("names-*.pickle"))
    assert len(kept) == placenames.CACHED_INDEXES
    assert placenames._cache_file(str(store)) in kept  # the current store's index stays


def test_geoparse_pipeline_finds_what_the_full_pipeline_finds(gazetteer) -> None:
    """`conflictmap geoparse` runs the NER alone (no tagger, no parser); the map job runs
    the full pipeline: the same article must give the same toponyms in both."""
    from pathlib import Path

    from geo.nlp import TOPONYMS_ONLY_EXCLUDE

    seed = next(Path(__file__).parents[1].joinpath("seeds").glob("*.txt")).read_text()
    text = seed + (
        "\n\nGov. Jackson said the Gainesville Police Department had not been contacted. "
        "Maria Corina Machado, who fled to Spain, spoke from Madrid. Paris, Texas, and "
        "Valencia, Venezuela, held vigils; American and Venezuelan officials attended.\n"
    )
    lean = load_nlp(exclude=TOPONYMS_ONLY_EXCLUDE)
    assert lean.pipe_names == ["ner"]
    full = names(text, load_nlp(), gazetteer)
    assert len(full) >= 10
    assert names(text, lean, gazetteer) == full


@pytest.mark.parametrize(("text", "place"), [
    ("An explosive device detonated near a convoy in Turbat on 12 April.", "Turbat"),
    ("Police fired tear gas at demonstrators in Embu on Monday.", "Embu"),
    ("The SPLM-N shelled Kadugli from hills to the east on 1 June.", "Kadugli"),  # shelled
    ("A roadside bomb hit a convoy on the road between Turbat and Hoshab on 19 June.",
     "Turbat"),
    ("A roadside bomb struck a military vehicle on the outskirts of Miran Shah early on "
     "Wednesday.", "Miran Shah"),  # "outskirts" has the lemma "outskirt"
    ("Resistance fighters clashed with troops near Ye-U on Tuesday.", "Ye-U"),  # hyphenated
])  # fmt: skip
def test_a_town_spacy_takes_for_a_date_or_person_is_a_place_after_in_or_when_shelled(
    nlp, text: str, place: str
) -> None:
    from gazetteer import Gazetteer

    assert place in texts(text, nlp, Gazetteer.open())


@pytest.mark.parametrize(("text", "place"), [
    ("Troops backed by local vigilantes retook Malam Fatori on Sunday after a day of fighting.",
     "Malam Fatori"),  # irregular past; a town too small for the name index
    ("Soldiers entered Debre Werk, searched houses for weapons and set fire to three shops.",
     "Debre Werk"),  # left untagged by the model
    ("Fighters stormed Kamituga on Monday, killing four people.", "Kamituga"),
])  # fmt: skip
def test_the_object_of_a_siege_verb_is_a_place_whatever_the_model_tags(
    nlp, text: str, place: str
) -> None:
    from gazetteer import Gazetteer

    assert place in texts(text, nlp, Gazetteer.open())


def test_a_person_raided_is_not_made_a_place(nlp) -> None:
    from gazetteer import Gazetteer

    assert texts("Police raided the home of Ali Musa in Maiduguri.", nlp, Gazetteer.open()) == [
        "Maiduguri"
    ]


def test_a_month_after_in_stays_a_date(nlp) -> None:
    from gazetteer import Gazetteer

    assert texts("The protests began in March and spread in May.", nlp, Gazetteer.open()) == []


def test_a_unit_tagged_as_a_person_is_a_place(nlp) -> None:
    """spaCy sometimes tags "X LGA" or "X District" PERSON: the unit word makes it a place."""
    from spacy.tokens import Span

    from gazetteer import Gazetteer

    text = "Gunmen on motorbikes raided a market in Gusau LGA on Friday."
    doc = nlp(text)
    start = next(t.i for t in doc if t.text == "Gusau")
    doc.ents = [Span(doc, start, start + 2, label="PERSON")]
    found = recognise_toponyms(Article.from_text(text), doc, Gazetteer.open())
    assert [m.text for m in found] == ["Gusau"]


def test_the_tail_of_an_unknown_longer_name_is_not_a_place(nlp) -> None:
    """ "Baru" alone is a town, but "Kebayoran Baru" is a district the gazetteer lacks."""
    from gazetteer import Gazetteer

    text = "A crowd broke into a lawmaker's house in Kebayoran Baru, South Jakarta, on Monday."
    assert "Baru" not in texts(text, nlp, Gazetteer.open())


@pytest.mark.parametrize(("text", "place", "absent"), [
    ("A crowd beat a man to death in Pétion-Ville on Sunday.", "Pétion-Ville", "Ville"),
    ("Flooding hit the Tri-State area on Sunday.", None, "Tri-State"),
])  # fmt: skip
def test_a_hyphenated_name_is_the_name_run_together(
    nlp, text: str, place: str | None, absent: str
) -> None:
    from gazetteer import Gazetteer

    found = texts(text, nlp, Gazetteer.open())
    assert absent not in found and (place is None or place in found)


def test_a_feature_word_is_the_tail_of_the_name_before_it(nlp) -> None:
    from gazetteer import Gazetteer

    text = "A cutter stopped a fishing boat 300 km north of the Galápagos Islands on Monday."
    assert texts(text, nlp, Gazetteer.open()) == ["Galápagos Islands"]
