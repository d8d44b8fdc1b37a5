"""Dask runs (`geo.parallel`) give exactly what a serial run gives.

One 2-worker LocalCluster is shared by the module. The stand-in article function below is
shipped to the workers by value (cloudpickle), so these tests need neither the spaCy model
nor the gazetteer; the end-to-end comparison of the real pipeline runs when both exist.
"""

from __future__ import annotations

import gzip
import json
import os
import sys
import time
from collections.abc import Iterator
from datetime import date
from functools import lru_cache
from pathlib import Path

import cloudpickle
import pytest

from geo.model import Article, ArticleResult, Event, Mention, Place, Provenance, content_id
from geo.parallel import guided_sizes, map_articles, partitions, run_partition

cloudpickle.register_pickle_by_value(sys.modules[__name__])

REPO = Path(__file__).resolve().parents[1]
WORDS = ["Caracas", "Venezuela", "Maracaibo", "Aruba", "Bogota", "Havana", "Trinidad", "Curacao"]


def corpus(n: int = 60) -> list[Article]:
    """`n` distinct articles in id order; every 13th one makes the stand-in fail."""
    articles = []
    for i in range(n):
        names = " and ".join(WORDS[(i + k) % len(WORDS)] for k in range(1 + i % 3))
        broken = " BROKEN" if i % 13 == 5 else ""
        text = f"Report {i}: a boat was struck near {names} on day {i % 28 + 1}.{broken}"
        articles.append(Article.from_text(text, title=f"T{i}", origin=f"corpus.jsonl:{i + 1}"))
    return sorted(articles, key=lambda a: a.id)


@lru_cache(maxsize=1)
def fake_resources() -> tuple[str, None]:
    """A stand-in (nlp, gazetteer): a token naming the process that loaded it."""
    return f"loaded-in-{os.getpid()}", None


def fake_process(article: Article, nlp: object, gazetteer: object) -> ArticleResult:
    """A deterministic stand-in for `process_article`: each known word is a place and an
    event; 'BROKEN' raises like a failing stage."""
    if "BROKEN" in article.text:
        raise ValueError("stand-in failure")
    mentions, events = [], []
    for word in WORDS:
        start = article.text.find(word)
        if start < 0:
            continue
        mention = Mention(article.id, start, start + len(word), word, "GPE")
        place = Place(f"test:{word}", word, "city", (-66.0 - len(word), 10.0 + start / 100))
        prov = Provenance(article.id, article.text, 0, len(article.text), "struck", 0, 6)
        events.append(
            Event(
                id=content_id(article.id, start),
                label="boat strike",
                event_type="Explosions/Remote violence",
                sub_event_type="Air/drone strike",
                cameo="18",
                date=date(2025, 9, 2),
                date_start=date(2025, 9, 2),
                date_end=date(2025, 9, 2),
                time_precision=1,
                place=place,
                geo_precision=1,
                location_reason="stand-in",
                actor1=None,
                actor2=None,
                fatalities=start % 3,
                fatalities_text=None,
                counts=(),
                modality="asserted",
                confidence=0.5,
                sources=(prov,),
            )
        )
        mentions.append(mention)
    return ArticleResult(article, tuple(mentions), (), tuple(events))


def whoami(article: Article, nlp: object, gazetteer: object) -> tuple[int, object]:
    """The worker process and the resources it passed."""
    return os.getpid(), nlp


def meet_the_last(article: Article, nlp: object, gazetteer: object) -> bool:
    """The first article waits (up to 20 s) for the last one to be processed; the last
    one leaves a marker file, named by the article text."""
    marker = Path(article.text)
    if article.title == "last":
        marker.touch()
    deadline = time.monotonic() + (20 if article.title == "first" else 0)
    while not marker.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    return marker.exists()


def serial(articles: list[Article]) -> list[tuple[ArticleResult | None, str | None]]:
    return run_partition(fake_process, articles, fake_resources)


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    from geo.parallel import dask_client

    with dask_client(workers=2) as client:
        yield client


def test_partitions_are_lazy_and_complete() -> None:
    consumed = []

    def items() -> Iterator[int]:
        for i in range(7):
            consumed.append(i)
            yield i

    stream = partitions(items(), 3)
    assert next(stream) == [0, 1, 2] and consumed == [0, 1, 2]
    assert list(stream) == [[3, 4, 5], [6]]


def test_guided_partitions_cover_the_run_and_shrink_to_the_end() -> None:
    sizes = guided_sizes(588, workers=2, largest=200, smallest=8)
    assert sum(sizes) == 588
    assert sizes == sorted(sizes, reverse=True)  # the big ones first, a short tail
    assert sizes[0] == 147 and max(sizes[-3:]) == 8
    assert guided_sizes(10_000, workers=2)[:40] == [200] * 40  # capped: bounded memory
    assert guided_sizes(5, workers=4) == [5] and guided_sizes(0, workers=2) == []


def test_two_workers_equal_serial(client: object) -> None:
    articles = corpus()
    expected = serial(articles)
    outcomes = list(map_articles(fake_process, articles, client=client, resources=fake_resources))
    assert [a.id for a, _, _ in outcomes] == [a.id for a in articles]
    assert [(r, f) for _, r, f in outcomes] == expected
    assert sum(f is not None for _, _, f in outcomes) == 5
    # The bytes a GeoJSON export would hold are the same.
    assert _geojson([r for _, r, _ in outcomes if r]) == _geojson([r for r, _ in expected if r])


def test_streamed_input_in_small_partitions(client: object) -> None:
    articles = corpus(45)
    stream = iter(articles)  # not a Sequence: read lazily, partition size kept
    outcomes = map_articles(
        fake_process, stream, client=client, resources=fake_resources, partition_size=4
    )
    assert [(r, f) for _, r, f in outcomes] == serial(articles)


def test_a_free_worker_is_not_held_by_an_older_partition(tmp_path: Path, client: object) -> None:
    """While one worker is busy on the first partition, the other takes every later one
    (results still come out in input order)."""
    marker = str(tmp_path / "last-done")
    titles = ["first", *["middle"] * 8, "last"]
    articles = [Article(id=f"a{i}", text=marker, title=t) for i, t in enumerate(titles)]
    outcomes = list(
        map_articles(
            meet_the_last, iter(articles), client=client, partition_size=1, resources=fake_resources
        )
    )
    assert [a.id for a, _, _ in outcomes] == [a.id for a in articles]
    assert outcomes[0][1] is True  # the last partition ran while the first was running


def test_resources_loaded_once_per_worker(client: object) -> None:
    outcomes = list(
        map_articles(whoami, corpus(40), client=client, resources=fake_resources, partition_size=2)
    )
    tokens = {pid: set() for pid in {r[0] for _, r, _ in outcomes}}
    for _, (pid, token), _ in outcomes:
        tokens[pid].add(token)
    assert len(tokens) == 2  # both workers were used
    assert all(t == {f"loaded-in-{pid}"} for pid, t in tokens.items())


def test_local_workers_run_no_statistical_profiler(client: object) -> None:
    """The 10 ms stack sampler feeds a dashboard a local run never opens; it is off."""

    def callbacks(dask_worker: object) -> list[str]:
        return sorted(dask_worker.periodic_callbacks)  # type: ignore[attr-defined]

    running = client.run(callbacks)  # type: ignore[attr-defined]
    assert len(running) == 2
    assert all("heartbeat" in names and "profile" not in names for names in running.values())


def _geojson(results: list[ArticleResult]) -> str:
    from maps.frames import events_frame

    events = [e for r in results for e in r.events]
    articles = {r.article.id: r.article for r in results}
    return events_frame(events, articles).to_json(sort_keys=True)


def _pipeline_ready() -> bool:
    try:
        from gazetteer import Gazetteer
        from geo.events.merge import merge_events  # noqa: F401
        from geo.pipeline import process_article  # noqa: F401

        Gazetteer.open()
    except Exception:
        return False
    return True


@pytest.mark.skipif(not _pipeline_ready(), reason="needs the gazetteer store")
def test_warm_up_runs_every_stage_once() -> None:
    from geo.parallel import WARM_UP_ARTICLE, warm_up, worker_resources
    from geo.pipeline import process_article

    assert warm_up(worker_resources, process_article) == os.getpid()

    def broken(article: Article, nlp: object, gazetteer: object) -> None:
        raise ValueError("stand-in failure")

    assert warm_up(fake_resources, broken) == os.getpid()  # best effort: no failure here
    result = process_article(WARM_UP_ARTICLE, *worker_resources())
    assert result.toponyms and result.events  # places resolved, an event dated and placed
    assert all(event.date is not None for event in result.events)


def test_run_sources_passes_workers_and_scheduler(monkeypatch: pytest.MonkeyPatch) -> None:
    import geo.run
    import geo.streaming

    calls = []

    def fake_extract_parallel(articles, workers, scheduler, progress=False):  # type: ignore[no-untyped-def]
        calls.append((len(articles), workers, scheduler))
        return [], []

    monkeypatch.setattr(geo.streaming, "extract_parallel", fake_extract_parallel)
    monkeypatch.setattr(geo.run, "collect", lambda results: ([], []))
    seeds = [str(REPO / "seeds")]
    geo.run.run_sources(seeds, workers=2)
    geo.run.run_sources(seeds, scheduler="tcp://127.0.0.1:8786")
    assert calls == [(1, 2, None), (1, 1, "tcp://127.0.0.1:8786")]


def test_pipeline_two_workers_same_bytes(tmp_path: Path, shared_dir: Path, client: object) -> None:
    """The real pipeline on LGL articles + the seed: the Dask extraction and the streaming
    run write the same GeoJSON bytes as the serial `run_sources`."""
    if not _pipeline_ready():
        pytest.skip("the pipeline (gazetteer store, events) is not built yet")
    from geo.run import collect, read_articles, run_sources
    from geo.streaming import extract_parallel, run_streaming
    from maps.geojson import write_events_geojson, write_places_geojson

    with gzip.open(shared_dir / "data/eval/lgl.jsonl.gz", "rt", encoding="utf-8") as lines:
        rows = [json.loads(line) for _, line in zip(range(10), lines, strict=False)]
    keep = ("text", "date", "title")
    source = tmp_path / "lgl.jsonl"
    source.write_text("".join(json.dumps({k: r.get(k) for k in keep}) + "\n" for r in rows))
    sources = [str(source), str(REPO / "seeds")]

    serial = run_sources(sources)
    articles, _ = read_articles(sources)
    results, failed = extract_parallel(articles, client=client, partition_size=3)
    assert results == serial.results and failed == serial.failures
    stream = run_streaming(sources, client=client, partition_size=3)
    events, places = collect(results)
    written = {}
    for name, (ev, pl, arts) in {
        "serial": (serial.events, serial.places, serial.articles),
        "dask": (events, places, serial.articles),
        "stream": (stream.events, stream.places, stream.articles),
    }.items():
        ev_path = write_events_geojson(tmp_path / f"{name}.events.geojson", ev, arts)
        pl_path = write_places_geojson(tmp_path / f"{name}.places.geojson", pl)
        written[name] = (ev_path.read_bytes(), pl_path.read_bytes())
    assert serial.events, "the corpus should give events"
    assert written["dask"] == written["serial"]
    assert written["stream"] == written["serial"]
    assert stream.failures == serial.failures


def test_streaming_dedupe_keeps_smallest_origin() -> None:
    from geo.errors import InputError
    from geo.streaming import _Deduplicator

    a = Article.from_text("Same text.", title="B", origin="b.jsonl:1")
    a_smaller_same_meta = Article.from_text("Same text.", title="B", origin="a.jsonl:1")
    a_smaller_other_meta = Article.from_text("Same text.", title="A", origin="0.jsonl:1")
    c = Article.from_text("Other text.", origin="c.txt")
    dedupe = _Deduplicator()
    items = [a, InputError("x.txt", "empty input"), c, a_smaller_same_meta, a_smaller_other_meta]
    sent = list(dedupe(items))
    # sent again only when the kept metadata changes (the result is then replaced)
    assert sent == [a, c, a_smaller_other_meta]
    assert dedupe.kept[a.id].origin == "0.jsonl:1" and dedupe.kept[a.id].text == ""
    assert dedupe.failures.messages() == ["x.txt: empty input"]


def test_streaming_dedupe_sends_a_reused_id_again_when_its_kept_text_changes() -> None:
    from geo.streaming import _Deduplicator

    later = Article(id="r1", text="Second text.", origin="b.jsonl:1")
    smaller = Article(id="r1", text="First text.", origin="a.jsonl:1")
    assert list(_Deduplicator()([later, smaller])) == [later, smaller]


def test_write_partitioned_equals_single_frame(tmp_path: Path) -> None:
    import geopandas as gpd
    import pandas as pd
    from conftest import synthetic_events

    from geo.model import RunOutcome
    from maps.export import dated, typed
    from maps.frames import events_frame
    from maps.partitioned import write_partitioned

    events, articles = synthetic_events(25)
    outcome = RunOutcome(articles=articles, events=sorted(events, key=lambda e: e.id))
    paths = write_partitioned(tmp_path / "out", outcome, rows_per_part=10)
    event_parts = sorted(p for p in paths if p.parent.name == "events")
    assert [p.name for p in event_parts] == [f"part-0000{i}.parquet" for i in range(3)]
    joined = pd.concat([gpd.read_parquet(p) for p in event_parts], ignore_index=True)
    expected = dated(typed(events_frame(events, articles)))
    as_json = {"sort_keys": True, "default": str}  # dates are dates
    assert joined.to_json(**as_json) == expected.to_json(**as_json)
    again = write_partitioned(tmp_path / "again", outcome, rows_per_part=10)
    assert [p.read_bytes() for p in again] == [p.read_bytes() for p in paths]


class PolygonGazetteer:
    """A stand-in gazetteer whose every place has a large polygon (~130 KB pickled)."""

    def geometry(self, place_id: str) -> object:
        from shapely.geometry import Point

        x = float(len(place_id))
        return Point(x, 0).buffer(1.0, quad_segs=2000)


@lru_cache(maxsize=1)
def polygon_resources() -> tuple[str, PolygonGazetteer]:
    return f"loaded-in-{os.getpid()}", PolygonGazetteer()


def fake_compact(article: Article, nlp: object, gazetteer: PolygonGazetteer) -> tuple:
    """`process_compact` on the stand-in: every place has its polygon, as from the store."""
    from dataclasses import replace

    from geo.streaming import without_areas

    result = fake_process(article, nlp, gazetteer)
    areal = {e.place: replace(e.place, area=gazetteer.geometry(e.place.id)) for e in result.events}
    events = [replace(e, place=areal[e.place]) for e in result.events]
    return without_areas(events, sorted(set(areal.values()), key=lambda p: p.id))


def test_streamed_results_carry_no_polygons_and_the_outcome_has_each_once(
    tmp_path: Path, client: object
) -> None:
    import pickle

    from geo.streaming import run_streaming

    articles = corpus(30)
    partition = run_partition(fake_compact, articles[:10], polygon_resources)
    assert len(pickle.dumps(partition)) < 30_000  # with polygons: ~2.5 MB
    assert all(p.area is None for r, _ in partition if r for p in r[1])
    source = tmp_path / "corpus.jsonl"
    source.write_text("".join(json.dumps({"text": a.text}) + "\n" for a in articles))
    outcome = run_streaming(
        [str(source)], client=client, func=fake_compact, resources=polygon_resources,
        partition_size=4,
    )  # fmt: skip
    gazetteer = PolygonGazetteer()
    assert outcome.places and outcome.events
    for place in [*outcome.places, *(e.place for e in outcome.events)]:
        assert place.area.equals(gazetteer.geometry(place.id))
    areas = {id(p.area) for p in outcome.places} | {id(e.place.area) for e in outcome.events}
    assert len(areas) == len(outcome.places)  # one polygon object per place
    assert len(outcome.failures) == 2 and "stand-in failure" in outcome.failures[0]


def test_compact_and_bare_results_keep_places_without_polygons(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from dataclasses import replace

    from geo.model import Toponym
    from geo.streaming import process_bare, process_compact

    article = corpus(1)[0]
    result = fake_process(article, None, None)
    big = PolygonGazetteer().geometry("x")
    places = [replace(e.place, area=big) for e in result.events]
    toponyms = tuple(Toponym(m, p, 1.0) for m, p in zip(result.mentions, places, strict=True))
    events = tuple(replace(e, place=p) for e, p in zip(result.events, places, strict=True))
    monkeypatch.setattr(
        "geo.streaming.process_article",
        lambda *_: replace(result, toponyms=toponyms, events=events),
    )
    compact_events, compact_places, areal = process_compact(article, None, None)  # type: ignore[arg-type]
    assert areal == tuple(sorted(p.id for p in places))
    assert [p.id for p in compact_places] == sorted(p.id for p in places)
    assert all(p.area is None for p in compact_places)
    assert all(e.place.area is None for e in compact_events)
    assert compact_events == events  # equal apart from the polygon (not compared)
    bare, bare_areal = process_bare(article, None, None)  # type: ignore[arg-type]
    assert bare_areal == areal and bare.toponyms == toponyms and bare.events == events
    assert all(t.place.area is None for t in bare.toponyms)
    assert all(e.place.area is None for e in bare.events)


def test_cli_scheduler_address_gives_the_serial_bytes(
    tmp_path: Path, client: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--scheduler ADDRESS` of a separate process cluster: `map` writes the serial run's
    bytes, and `export -o DIR/` (streaming) the serial run's partitioned GeoParquet."""
    if not _pipeline_ready():
        pytest.skip("the pipeline (gazetteer store, events) is not built yet")
    from conflictmap.cli import main

    lines = (REPO / "tests/data/events_corpus.jsonl").read_text().splitlines()[:6]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n")
    sources = [str(tmp_path / "feed.jsonl"), str(REPO / "seeds")]
    address = ["--scheduler", client.scheduler.address]  # type: ignore[attr-defined]
    for name, options in {"serial": [], "dask": address}.items():
        if options:  # from now on, extraction in this process would be a bug

            def no_serial_run(*_: object, **__: object) -> None:
                raise AssertionError("extracted in the driver, not on the cluster")

            monkeypatch.setattr("geo.run.extract", no_serial_run)
        assert main(["map", *sources, *options, "-o", str(tmp_path / name)]) == 0
        assert main(["export", *sources, *options, "-o", f"{tmp_path / name}/parts/"]) == 0
    files = ["map.html", "events.geojson", "places.geojson",
             "parts/events/part-00000.parquet", "parts/places/part-00000.parquet"]  # fmt: skip
    for file in files:
        assert (tmp_path / "dask" / file).read_bytes() == (tmp_path / "serial" / file).read_bytes()


def worker_pid_of_resources() -> str:
    """On a worker: the token of the resources it finds (who loaded them)."""
    return fake_resources()[0]


@pytest.mark.skipif(sys.platform != "linux", reason="local workers are forked on Linux only")
def test_forked_workers_inherit_the_preloaded_resources() -> None:
    import gc

    from geo.parallel import dask_client

    fake_resources.cache_clear()
    with dask_client(workers=1, preload=fake_resources) as client:
        assert gc.get_freeze_count() > 0  # the loaded objects are out of the collector's way
        found = client.submit(worker_pid_of_resources, pure=False).result()
        worker_pid = client.submit(os.getpid, pure=False).result()
    assert worker_pid != os.getpid()
    assert found == f"loaded-in-{os.getpid()}"  # loaded once, here, before the fork
    assert gc.get_freeze_count() == 0


def test_derived_areas_keep_their_polygon_in_bare_results() -> None:
    """A derived area is computed, not stored: the driver must not ask another worker to
    compute it again, so the worker ships its polygon; store polygons stay behind."""
    from dataclasses import replace

    from geo.streaming import without_areas

    result = fake_process(corpus(1)[0], None, None)
    big = PolygonGazetteer().geometry("x")
    stored = replace(result.events[0].place, area=big)
    derived = Place("derived:off-coast:test:Aruba", "off the coast of Aruba", "derived",
                    (-70.0, 12.5), area=big)  # fmt: skip
    events = [replace(result.events[0], place=stored), replace(result.events[0], place=derived)]
    bare_events, bare_places, areal = without_areas(events, [stored, derived])
    assert areal == (stored.id,)
    assert bare_events[0].place.area is None and bare_places[0].area is None
    assert bare_events[1].place.area is big and bare_places[1].area is big
