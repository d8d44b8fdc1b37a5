"""Event filters: one rule per criterion (`maps.filters`), the same options on map, export
and brief, checked before any input is read."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from conftest import CARACAS, CARIBBEAN_SOUTH, make_article, make_event

import conflictmap.commands.common as common
import conflictmap.commands.store_options as store_options
from conflictmap.cli import main
from geo.model import Actor, Place
from maps.filters import EventFilter, canonical_type, filter_events, filter_places

MADRID = Place(id="gn:3117735", name="Madrid", kind="city", point=(-3.70, 40.42), country="ES")


def pool() -> list:
    """Five events: a strike, a protest in Caracas, a statement in Madrid, an undated one and
    a placeless one, with different days, actors and confidences."""
    a = make_article("Five things happened.")
    strike = make_event(a, CARIBBEAN_SOUTH, label=0, day=date(2025, 9, 2), fatalities=3)
    protest = make_event(a, CARACAS, label=2, day=date(2025, 9, 10), start=10)
    statement = replace(
        make_event(a, MADRID, label=3, day=date(2025, 9, 20), start=20),
        actor1=Actor("Spanish Navy", "ES"), confidence=0.5,
    )  # fmt: skip
    undated = replace(make_event(a, CARACAS, label=1, start=30), date=None, date_start=None,
                      date_end=None)  # fmt: skip
    placeless = make_event(a, None, label=2, day=date(2025, 9, 12), start=40)
    return [strike, protest, statement, undated, placeless]


def labels(events) -> list[str]:
    return [f"{e.label}@{e.place.name if e.place else '-'}" for e in events]


CASES = {
    "dates": (EventFilter(since=date(2025, 9, 5), until=date(2025, 9, 15)),
              ["protest@Caracas", "protest@-"]),
    "since": (EventFilter(since=date(2025, 9, 15)), ["statement@Madrid"]),
    "type": (EventFilter(types=("Protests",)), ["protest@Caracas", "protest@-"]),
    "sub-type": (EventFilter(types=("Air/drone strike", "Other")),
                 ["boat strike@southern Caribbean", "statement@Madrid",
                  "naval deployment@Caracas"]),
    "country": (EventFilter(country="VE"), ["protest@Caracas", "naval deployment@Caracas"]),
    "bbox": (EventFilter(bbox=(-10, 35, 5, 45)), ["statement@Madrid"]),
    "confidence": (EventFilter(min_confidence=0.6), ["boat strike@southern Caribbean",
                   "protest@Caracas", "naval deployment@Caracas", "protest@-"]),
    "actor": (EventFilter(actor="navy"), ["statement@Madrid"]),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_criterion_keeps_what_it_says(name: str) -> None:
    criteria, expected = CASES[name]
    assert labels(filter_events(pool(), criteria)) == expected


def test_no_criterion_keeps_everything_and_says_nothing() -> None:
    assert filter_events(pool(), EventFilter()) == pool()
    assert EventFilter().describe() == ""


def test_a_box_across_the_antimeridian() -> None:
    fiji = Place(id="t:fj", name="Suva", kind="city", point=(178.4, -18.1), country="FJ")
    samoa = Place(id="t:ws", name="Apia", kind="city", point=(-171.8, -13.8), country="WS")
    assert filter_places([fiji, samoa, MADRID], EventFilter(bbox=(170, -25, -170, -10))) == [
        fiji, samoa]  # fmt: skip


def test_types_are_acled_names_in_any_case() -> None:
    assert canonical_type("air/drone STRIKE") == "Air/drone strike"
    with pytest.raises(ValueError, match="not an ACLED"):
        canonical_type("skirmish")


def test_describe_names_every_criterion() -> None:
    text = EventFilter(date(2025, 9, 1), None, ("Protests",), "VE", (-80, 5, -59, 16), 0.7,
                       "navy").describe()  # fmt: skip
    assert text == ("dates 2025-09-01 to …; type Protests; country VE; area -80,5,-59,16; "
                    "confidence ≥ 0.7; actor “navy”")  # fmt: skip


# --- the options on the three commands -----------------------------------------------------

COMMANDS = ("map", "export", "brief")
# options -> events kept by map and export, and by the brief (which counts dated ones only)
OPTIONS = {
    "dates": (["--since", "2025-09-05", "--until", "2025-09-15"], 2, 2),
    "type": (["--type", "protests"], 2, 2),
    "country": (["--country", "ve"], 2, 1),
    "bbox": (["--bbox=-10,35,5,45"], 1, 1),
    "confidence": (["--min-confidence", "0.6"], 4, 3),
    "actor": (["--actor", "NAVY"], 1, 1),
}


@pytest.fixture
def fake_run(monkeypatch):
    """The commands get `pool()` instead of running the pipeline on their SOURCE."""
    events = pool()
    places = sorted({e.place.id: e.place for e in events if e.place}.values(), key=lambda p: p.id)
    articles = {events[0].provenance.article_id: make_article("Five things happened.")}

    def select_all(args):
        return store_options.Selection(events, places, articles)

    monkeypatch.setattr(store_options, "_select_all", select_all)


def count_written(command: str, out: Path) -> int:
    if command == "map":
        return len(json.loads((out / "events.geojson").read_text())["features"])
    if command == "export":
        return len(json.loads((out / "events.geojson").read_text())["features"])
    overview = re.search(r"<li>(\d+) events? in ", (out / "brief.html").read_text())
    assert overview, "the brief states the count"
    return int(overview[1])


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("name", sorted(OPTIONS))
def test_each_filter_option_on_each_command(tmp_path, fake_run, command, name) -> None:
    options, kept, dated = OPTIONS[name]
    out = tmp_path / "out"
    target = str(out / "events.geojson") if command == "export" else str(out)
    extra = ["--no-pdf", "--as-of", "2025-09-30"] if command == "brief" else []
    assert main([command, "seeds/", "-o", target, *options, *extra]) == 0
    assert count_written(command, out) == (dated if command == "brief" else kept)


def test_the_brief_title_line_states_the_filters(tmp_path, fake_run) -> None:
    assert main(["brief", "x", "-o", str(tmp_path), "--no-pdf", "--country", "VE",
                 "--type", "Protests"]) == 0  # fmt: skip
    page = (tmp_path / "brief.html").read_text()
    assert '<p class="filters">Filters: type Protests; country VE</p>' in page


BAD = [
    ["--since", "2025-13-01"],
    ["--since", "2025-09-20", "--until", "2025-09-01"],
    ["--type", "skirmish"],
    ["--country", "VEN"],
    ["--bbox=10,5,0"],
    ["--bbox=-10,50,10,40"],
    ["--min-confidence", "1.5"],
]


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("bad", BAD, ids=lambda b: " ".join(b))
def test_bad_filters_are_usage_errors_before_any_input_is_read(
    tmp_path, monkeypatch, capsys, command, bad
) -> None:
    def no_reading(*args, **kwargs):
        raise AssertionError("an input was read before the options were checked")

    monkeypatch.setattr(common, "run_sources", no_reading)
    target = str(tmp_path / "e.geojson") if command == "export" else str(tmp_path)
    try:
        status = main([command, "seeds/", "-o", target, *bad])
    except SystemExit as exc:  # argparse's own usage error
        status = exc.code
    assert status == 2
    assert bad[0].split("=")[0] in capsys.readouterr().err


def test_streamed_partitioned_export_is_filtered_too(tmp_path, monkeypatch) -> None:
    import geopandas as gpd

    import conflictmap.commands.export as export
    from geo.model import RunOutcome

    events = pool()
    articles = {events[0].provenance.article_id: make_article("Five things happened.")}

    def streamed(args, streaming=False):
        assert streaming
        return RunOutcome(articles=articles, events=list(events))

    monkeypatch.setattr(export, "run_from_args", streamed)
    out = tmp_path / "parts"
    assert main(["export", "x", "-o", f"{out}/", "--workers", "2", "--country", "VE"]) == 0
    (part,) = sorted((out / "events").glob("*.parquet"))
    assert sorted(gpd.read_parquet(part)["label"]) == ["naval deployment", "protest"]
