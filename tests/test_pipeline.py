"""The pipeline is one declared list of named stages (`geo.pipeline.STAGES`): every
command runs it, each stage runs alone on a context, and docs/architecture.md lists it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fake_gazetteer import FakeGazetteer
from spacy.language import Language

from geo import pipeline
from geo.geoparse import GeoparseOptions, geoparse_article, records
from geo.model import Article
from geo.nlp import load_nlp
from geo.pipeline import (
    GEOPARSE_STAGES,
    STAGES,
    ArticleContext,
    process_article,
    run_stages,
)
from geo.resolve import resolve_toponyms
from geo.toponyms import recognise_toponyms

ROOT = Path(__file__).resolve().parents[1]
TEXT = (
    "Venezuelan troops clashed with gunmen in Valencia on Monday, killing two, "
    "officials in Caracas said."
)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


def context(nlp: Language, text: str = TEXT, **options: bool) -> ArticleContext:
    return ArticleContext(Article.from_text(text), nlp, FakeGazetteer(), **options)


def test_the_stages_in_order() -> None:
    assert [s.name for s in STAGES] == ["parse", "recognise", "resolve", "events"]
    assert STAGES[:3] == GEOPARSE_STAGES


def test_the_architecture_doc_lists_the_declared_stages() -> None:
    doc = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    table = doc.split("## The stages", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| (\w+) \| `geo\.pipeline\.(\w+)`", table, flags=re.M)
    assert rows == [(s.name, s.run.__name__) for s in STAGES]


def test_each_stage_runs_alone(nlp: Language) -> None:
    ctx = context(nlp)
    pipeline.parse(ctx)
    assert ctx.parsed.text == TEXT and not ctx.mentions
    pipeline.recognise(ctx)
    assert ctx.mentions == recognise_toponyms(ctx.article, ctx.parsed, ctx.gazetteer)
    assert {m.text for m in ctx.mentions} >= {"Venezuelan", "Valencia", "Caracas"}
    assert not ctx.toponyms
    pipeline.resolve(ctx)
    assert ctx.toponyms == resolve_toponyms(ctx.article, ctx.mentions, ctx.gazetteer)
    assert {t.mention.text for t in ctx.toponyms} >= {"Valencia", "Caracas"}
    assert not ctx.events
    pipeline.events(ctx)
    assert ctx.events, "the clash in Valencia is an event"


def test_a_stage_that_needs_the_parse_says_so(nlp: Language) -> None:
    ctx = context(nlp)
    with pytest.raises(RuntimeError, match=f"{ctx.article.id}: the parse stage has not run"):
        pipeline.recognise(ctx)


def test_process_article_runs_every_stage(nlp: Language) -> None:
    ctx = run_stages(context(nlp))
    result = process_article(ctx.article, nlp, ctx.gazetteer)
    assert result == ctx.result()
    assert (result.mentions, result.toponyms, result.events) == (
        tuple(ctx.mentions),
        tuple(ctx.toponyms),
        tuple(ctx.events),
    )


def test_geoparse_runs_the_first_stages_with_its_options(nlp: Language) -> None:
    ctx = run_stages(context(nlp, demonyms=False), GEOPARSE_STAGES)
    assert not ctx.events and "Venezuelan" not in {m.text for m in ctx.mentions}
    options = GeoparseOptions(demonyms=False)
    prediction = geoparse_article(ctx.article, nlp, ctx.gazetteer, options)
    assert prediction.toponyms == records(ctx.mentions, ctx.toponyms)
    with_demonyms = geoparse_article(ctx.article, nlp, ctx.gazetteer)
    assert "Venezuelan" in {r["name"] for r in with_demonyms.toponyms}
