"""The event store: round trip, incremental ingest without duplicates, crash safety."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pyogrio
import pytest
from conftest import CARACAS, CARIBBEAN_SOUTH, REPO, make_article, make_event

from geo.errors import InputError
from geo.model import ArticleResult, Event, Mention, Toponym
from maps.store import EventStore, event_from_json, event_to_json


def result(article, *events: Event) -> ArticleResult:
    """An ArticleResult whose toponyms are the events' places."""
    toponyms = tuple(
        Toponym(Mention(article.id, 0, 1, e.place.name, "GPE"), e.place, 1.0)
        for e in events
        if e.place is not None
    )
    return ArticleResult(article, (), toponyms, tuple(events))


@pytest.fixture
def batch() -> list[ArticleResult]:
    a = make_article("US forces struck a boat off Venezuela; <b>4</b> killed & more.")
    b = make_article("Thousands protested in Caracas.", published=date(2025, 9, 24))
    return [
        result(a, make_event(a, fatalities=4)),
        result(b, make_event(b, CARACAS, label=2, day=date(2025, 9, 3))),
    ]


def test_event_json_round_trip(batch):
    event = batch[0].events[0]
    places = {CARIBBEAN_SOUTH.id: CARIBBEAN_SOUTH}
    assert event_from_json(event_to_json(event), places) == event


def test_store_round_trips_events_places_articles(tmp_path, batch):
    db = tmp_path / "events.gpkg"
    summary = EventStore.open(db).add(batch)
    assert (summary.articles_added, summary.events_added, summary.events_total) == (2, 2, 2)
    store = EventStore.open(db, create=False)
    expected = sorted((e for r in batch for e in r.events), key=lambda e: e.id)
    assert store.events() == expected
    assert store.articles() == {r.article.id: r.article for r in batch}
    places = {p.id: p for p in store.places()}
    assert set(places) == {CARIBBEAN_SOUTH.id, CARACAS.id}
    assert places[CARIBBEAN_SOUTH.id].area.equals(CARIBBEAN_SOUTH.area)
    assert places[CARACAS.id] == CARACAS and places[CARACAS.id].area is None


def test_store_is_a_geopackage_gis_tools_open(tmp_path, batch):
    db = tmp_path / "events.gpkg"
    EventStore.open(db).add(batch)
    layers = dict(pyogrio.list_layers(db).tolist())
    assert layers["events"] == "Point" and layers["places"] == "Unknown"
    events = pyogrio.read_dataframe(db, layer="events")
    assert sorted(events["location"]) == ["Caracas", "southern Caribbean"]


def test_ingesting_the_same_articles_twice_changes_nothing(tmp_path, batch):
    db = tmp_path / "events.gpkg"
    EventStore.open(db).add(batch)
    before = db.read_bytes()
    store = EventStore.open(db)
    summary = store.add(batch)
    assert (summary.articles_added, summary.articles_skipped, summary.events_added) == (0, 2, 0)
    assert db.read_bytes() == before
    assert len(EventStore.open(db).events()) == 2


def test_new_articles_are_added_to_the_old_ones(tmp_path, batch):
    db = tmp_path / "events.gpkg"
    EventStore.open(db).add(batch[:1])
    summary = EventStore.open(db).add(batch)  # one old, one new
    assert (summary.articles_added, summary.articles_skipped, summary.events_added) == (1, 1, 1)
    assert len(EventStore.open(db).events()) == 2


def test_two_reports_of_the_same_strike_make_one_event_with_two_sources(tmp_path):
    first = make_article("US forces struck a drug boat in the southern Caribbean.", title="A")
    second = make_article(
        "A US strike destroyed a boat in the southern Caribbean, officials said.",
        title="B",
        source="Other Wire",
        published=date(2025, 9, 24),
    )
    db = tmp_path / "events.gpkg"
    EventStore.open(db).add([result(first, make_event(first, fatalities=3))])
    summary = EventStore.open(db).add([result(second, make_event(second, fatalities=3))])
    assert summary.events_added == 0 and summary.sources_added == 1
    (event,) = EventStore.open(db).events()
    assert {s.article_id for s in event.sources} == {first.id, second.id}
    layer = pyogrio.read_dataframe(db, layer="events")
    assert len(layer) == 1 and set(layer["articles"][0].split(";")) == {first.id, second.id}


def test_failed_write_leaves_the_store_as_it_was(tmp_path, batch, monkeypatch):
    db = tmp_path / "events.gpkg"
    EventStore.open(db).add(batch[:1])
    before = db.read_bytes()
    real = pyogrio.write_dataframe
    calls = []

    def fail_on_third_layer(*args, **kwargs):
        calls.append(kwargs.get("layer"))
        if len(calls) == 3:
            raise RuntimeError("disk full")
        return real(*args, **kwargs)

    monkeypatch.setattr(pyogrio, "write_dataframe", fail_on_third_layer)
    with pytest.raises(Exception, match="disk full"):
        EventStore.open(db).add(batch)
    assert db.read_bytes() == before
    assert len(EventStore.open(db).events()) == 1


def test_killed_process_mid_write_leaves_the_store_as_it_was(tmp_path, batch):
    """A real crash: the writer process dies (os._exit) half-way through the new store."""
    db = tmp_path / "events.gpkg"
    EventStore.open(db).add(batch[:1])
    before = db.read_bytes()
    script = textwrap.dedent(f"""
        import os, sys
        sys.path.insert(0, {str(REPO / "tests")!r})
        import pyogrio
        from datetime import date
        from conftest import CARACAS, make_article, make_event
        from geo.model import ArticleResult
        from maps.store import EventStore
        real = pyogrio.write_dataframe
        def die_after_first_layer(*args, **kwargs):
            real(*args, **kwargs)
            os._exit(9)
        pyogrio.write_dataframe = die_after_first_layer
        b = make_article("Thousands protested in Caracas.", published=date(2025, 9, 24))
        EventStore.open({str(db)!r}).add([ArticleResult(b, (), (), (make_event(b, CARACAS),))])
    """)
    proc = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True)
    assert proc.returncode == 9, proc.stderr.decode()
    assert db.read_bytes() == before
    assert len(EventStore.open(db).events()) == 1


def test_opening_something_else_is_an_input_error(tmp_path):
    other = tmp_path / "other.gpkg"
    other.write_text("not a database")
    with pytest.raises(InputError, match="other.gpkg"):
        EventStore.open(other)
    with pytest.raises(InputError, match="no such event store"):
        EventStore.open(tmp_path / "missing.gpkg", create=False)


def test_missing_store_is_empty_until_the_first_add(tmp_path):
    store = EventStore.open(tmp_path / "new.gpkg")
    assert store.events() == [] and store.articles() == {} and store.places() == []
    assert not Path(tmp_path / "new.gpkg").exists()


# --- the commands -------------------------------------------------------------------------


@pytest.fixture
def fake_run(monkeypatch, batch):
    """`run_sources` returning the batch, whatever the SOURCE arguments."""
    import conflictmap.commands.common
    from geo.model import RunOutcome

    def run_sources(sources, **kwargs):
        events = [e for r in batch for e in r.events]
        return RunOutcome(
            articles={r.article.id: r.article for r in batch},
            results=list(batch),
            events=events,
            places=[CARACAS, CARIBBEAN_SOUTH],
        )

    monkeypatch.setattr(conflictmap.commands.common, "run_sources", run_sources)


def test_ingest_then_export_from_the_store(tmp_path, fake_run, capsys):
    from conflictmap.cli import main

    db = tmp_path / "events.gpkg"
    assert main(["ingest", "today/", "--db", str(db)]) == 0
    assert "2 new article(s)" in capsys.readouterr().out
    assert main(["ingest", "today/", "--db", str(db)]) == 0
    assert "0 new article(s), 2 already ingested; 0 new event(s)" in capsys.readouterr().out
    out = tmp_path / "all.csv"
    assert main(["export", "--db", str(db), "-o", str(out)]) == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == 3  # header + 2 events


def test_commands_need_sources_or_a_store(tmp_path, capsys):
    from conflictmap.cli import main

    assert main(["export", "-o", str(tmp_path / "x.geojson")]) == 2
    assert "SOURCE" in capsys.readouterr().err
    assert main(["export", "--db", str(tmp_path / "none.gpkg"), "-o", "x.geojson"]) == 2
    assert "no such event store" in capsys.readouterr().err
    assert main(["export", "--db", str(tmp_path / "db.gpkg"), "-o", "x.shp", "a.txt"]) == 2
    with pytest.raises(SystemExit) as exit_info:
        main(["ingest", "a.txt"])  # --db is required
    assert exit_info.value.code == 2


def test_ingesting_the_seed_twice_keeps_the_same_events(tmp_path):
    from conflictmap.cli import main

    db = tmp_path / "events.gpkg"
    assert main(["ingest", str(REPO / "seeds"), "--db", str(db)]) == 0
    first = EventStore.open(db).events()
    assert first, "the seed reports events"
    assert main(["ingest", str(REPO / "seeds"), "--db", str(db)]) == 0
    assert EventStore.open(db).events() == first
