"""Toponym resolution: feature type, document context, hierarchy, one sense per discourse."""

from __future__ import annotations

import pytest
from fake_gazetteer import FakeGazetteer

from geo.model import Article, Mention
from geo.placenames import spelling_of
from geo.resolve import resolve_toponyms


@pytest.fixture(scope="module")
def gazetteer() -> FakeGazetteer:
    return FakeGazetteer()


def mentions_of(text: str, *names: str, label: str = "GPE") -> tuple[Article, list[Mention]]:
    """Mentions of each name at every place it occurs in `text`, in text order."""
    article = Article.from_text(text)
    found = []
    for name in set(names):
        start = text.find(name)
        while start >= 0:
            found.append(Mention(article.id, start, start + len(name), name, label))
            start = text.find(name, start + 1)
    return article, sorted(found, key=lambda m: m.start)


def resolved(text: str, gazetteer, *names: str, label: str = "GPE") -> dict[str, str]:
    article, mentions = mentions_of(text, *names, label=label)
    return {t.mention.text: t.place.id for t in resolve_toponyms(article, mentions, gazetteer)}


def test_most_prominent_reading_without_context(gazetteer) -> None:
    text = "Fashion week opened in Paris on Monday."
    assert resolved(text, gazetteer, "Paris") == {"Paris": "gn:2988507"}


def test_explicit_hierarchy_paris_texas(gazetteer) -> None:
    text = "A storm damaged homes in Paris, Texas, on Sunday."
    assert resolved(text, gazetteer, "Paris", "Texas")["Paris"] == "gn:4717560"


def test_ap_state_abbreviation_gives_hierarchy(gazetteer) -> None:
    text = "The plant in Gainesville, Ga., will close in March."
    assert resolved(text, gazetteer, "Gainesville")["Gainesville"] == "gn:4196586"


def test_country_hierarchy_valencia_venezuela(gazetteer) -> None:
    text = "Protesters gathered in Valencia, Venezuela, after the vote."
    assert resolved(text, gazetteer, "Valencia", "Venezuela")["Valencia"] == "gn:3625549"


def test_document_context_picks_the_local_reading(gazetteer) -> None:
    text = (
        "Police in Gainesville said the suspect fled north into Hall County. "
        "Georgia state troopers joined the search."
    )
    found = resolved(text, gazetteer, "Gainesville", "Hall County", "Georgia")
    assert found["Gainesville"] == "gn:4196586"  # Gainesville, Georgia, not Florida
    assert found["Georgia"] == "gn:4197000"  # the US state, not the country


def test_country_context_for_ambiguous_city(gazetteer) -> None:
    text = "Troops were sent from Caracas to Valencia as Venezuela tightened security."
    found = resolved(text, gazetteer, "Caracas", "Valencia", "Venezuela")
    assert found["Valencia"] == "gn:3625549"


def test_metonym_washington_is_the_capital(gazetteer) -> None:
    text = "Washington said the sanctions on Caracas would stay."
    assert resolved(text, gazetteer, "Washington", "Caracas")["Washington"] == "gn:4138106"


def test_one_sense_per_discourse(gazetteer) -> None:
    text = (
        "Paris, Texas, is bracing for floods. Residents of Paris filled sandbags, "
        "and Paris officials opened two shelters."
    )
    article, mentions = mentions_of(text, "Paris", "Texas")
    toponyms = resolve_toponyms(article, mentions, gazetteer)
    paris = {t.place.id for t in toponyms if t.mention.text == "Paris"}
    assert paris == {"gn:4717560"}
    assert len([t for t in toponyms if t.mention.text == "Paris"]) == 3


def test_demonym_resolves_to_its_country(gazetteer) -> None:
    text = "Venezuelan officials rejected the report."
    found = resolved(text, gazetteer, "Venezuelan", label="NORP")
    assert found == {"Venezuelan": "gn:3625428"}


def test_score_alternatives_and_polygon(gazetteer) -> None:
    text = "Georgia and France signed the accord."
    article, mentions = mentions_of(text, "Georgia", "France")
    toponyms = {t.mention.text: t for t in resolve_toponyms(article, mentions, gazetteer)}
    georgia = toponyms["Georgia"]
    assert georgia.place.id == "gn:614540"  # the country: France is a country too
    assert 0.0 <= georgia.score <= 1.0
    assert "gn:4197000" in georgia.alternatives
    assert georgia.place.area is not None and georgia.place.area.contains(
        georgia.place.area.representative_point()
    )


def test_unknown_names_are_left_out(gazetteer) -> None:
    text = "They met in Xyzzyville."
    assert resolved(text, gazetteer, "Xyzzyville") == {}


def test_publication_country_from_the_url() -> None:
    from geo.resolve import publication_country

    assert publication_country("https://www.elnacional.com.ve/politica/x") == "VE"
    assert publication_country("http://news.bbc.co.uk/2/hi/") == "GB"
    assert publication_country("elpais.es/internacional") == "ES"
    for generic in ("https://www.nytimes.com/x", "https://news.site.io/", None, "", "not a url"):
        assert publication_country(generic) is None


def test_the_publication_country_picks_the_local_reading(gazetteer) -> None:
    """With nothing else in the text, a Spanish paper's "Valencia" is Valencia, Spain; the
    same sentence without a URL keeps the most prominent reading (Valencia, Venezuela)."""
    text = "Thousands marched in Valencia on Saturday."
    local = Article.from_text(text, url="https://elpais.es/espana/2025-09-20/marcha.html")
    start = text.index("Valencia")
    (found,) = resolve_toponyms(
        local, [Mention(local.id, start, start + 8, "Valencia", "GPE")], gazetteer
    )
    assert found.place.id == "gn:2509954"
    assert resolved(text, gazetteer, "Valencia")["Valencia"] == "gn:3625549"


def test_a_lone_demonym_does_not_pull_a_city_to_its_namesake_in_the_actors_country() -> None:
    """ "Israeli strikes on Gaza": the demonym names who struck; Gaza is the city, not the
    Israeli district of the same name that the demonym's whole vote used to favour."""
    from gazetteer import Gazetteer

    text = "Israeli strikes on Gaza killed at least 25 people on Tuesday."
    article, mentions = mentions_of(text, "Gaza")
    mentions += mentions_of(text, "Israeli", label="NORP")[1]
    found = resolve_toponyms(article, sorted(mentions, key=lambda m: m.start), Gazetteer.open())
    assert {t.mention.text: t.place.country for t in found} == {"Israeli": "IL", "Gaza": "PS"}


def test_a_capital_outranks_a_foreign_region_named_like_it() -> None:
    """ "Porto-Novo" alone is Benin's capital, not Cape Verde's Porto Novo region."""
    from gazetteer import Gazetteer

    text = "Riot police arrested eight opposition activists in Porto-Novo on Monday."
    article, mentions = mentions_of(text, "Porto-Novo")
    (found,) = resolve_toponyms(article, mentions, Gazetteer.open())
    assert (found.place.country, found.place.kind) == ("BJ", "city")


@pytest.mark.parametrize(("text", "name", "place"), [
    ("A vessel was destroyed in the eastern Pacific on Monday.", "Pacific", "Eastern Pacific"),
    ("A ship was hit in the Atlantic off Guinea on Monday.", "Atlantic", "Atlantic Ocean"),
    ("Floods hit Pacific, Missouri, on Monday.", "Pacific", "Pacific"),
])  # fmt: skip
def test_a_name_after_the_is_the_ocean_not_a_town(text: str, name: str, place: str) -> None:
    from gazetteer import Gazetteer

    article, mentions = mentions_of(text, name, "Guinea", "Missouri")
    toponyms = resolve_toponyms(article, mentions, Gazetteer.open())
    found = {t.mention.text: t.place.name for t in toponyms}
    assert found[name] == place


def test_a_spelling_of_a_bigger_town_is_no_alias_of_it() -> None:
    from gazetteer import Gazetteer

    text = "A tractor set off a mine outside Balakliia on Thursday."
    article, mentions = mentions_of(text, "Balakliia")
    toponyms = resolve_toponyms(article, mentions, Gazetteer.open())
    found = {t.mention.text: t.place for t in toponyms}
    assert found["Balakliia"].population > 10_000


def test_a_spelling_is_told_from_another_name_or_a_word() -> None:
    assert spelling_of("Izmail", "Izmayil")
    assert not spelling_of("Beyazıt", "Doğubayazıt")
    assert not spelling_of("From", "Frome")
