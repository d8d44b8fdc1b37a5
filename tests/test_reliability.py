"""Issue 19: the cases a hostile test broke, one regression test each (RELIABILITY.md)."""

from __future__ import annotations

import gzip
import json
import sys
import weakref
import zlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.errors import InputError
from geo.model import Article, Event, Place
from geo.readers import read_sources

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

CARACAS = "Protesters gathered in Caracas on Monday."
RECORDS = [{"text": f"{CARACAS} Report {i}."} for i in range(40)]


def read_all(*sources: str | Path, as_of: date | None = None) -> list[Article | InputError]:
    return list(read_sources([str(s) for s in sources], as_of=as_of))


def texts(items: list[Article | InputError]) -> list[str]:
    return [item.text for item in items if isinstance(item, Article)]


def errors(items: list[Article | InputError]) -> list[str]:
    return [str(item) for item in items if isinstance(item, InputError)]


def jsonl(records: list[dict[str, str]]) -> str:
    return "".join(json.dumps(record) + "\n" for record in records)


# --- 10: no wall clock


def test_a_far_future_date_is_kept_without_as_of_so_the_output_is_the_same_every_day(
    tmp_path: Path,
) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"text": CARACAS, "date": "2090-05-01"}), encoding="utf-8")
    (article,) = read_all(path)
    assert isinstance(article, Article) and article.published == date(2090, 5, 1)
    (judged,) = read_all(path, as_of=date(2090, 4, 1))
    assert isinstance(judged, Article) and judged.published is None


# --- 2: a bad first line costs that line only


@pytest.mark.parametrize(
    "first",
    [
        '["not", "an object"',
        '["a"] ["b"]',
        "[garbage",
        "\x89PNG\x00\x00\x1a binary" * 30,
        '{"text": broken',
    ],
)
def test_a_bad_first_jsonl_line_costs_that_line_only(tmp_path: Path, first: str) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(first + "\n" + jsonl(RECORDS[:3]), encoding="utf-8")
    items = read_all(path)
    assert texts(items) == [r["text"] for r in RECORDS[:3]]
    assert len(errors(items)) == 1 and errors(items)[0].startswith(f"{path}:1: ")


# --- 3: a truncated gzip keeps every record before the cut


def test_a_truncated_small_gzip_keeps_every_record_before_the_cut(tmp_path: Path) -> None:
    data = gzip.compress(jsonl(RECORDS).encode(), mtime=0)
    cut = data[: len(data) * 2 // 3]
    readable = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(cut).count(b"\n")
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(cut)
    items = read_all(path)
    assert 0 < readable < len(RECORDS)
    assert texts(items) == [r["text"] for r in RECORDS[:readable]]
    assert errors(items) == [
        f"{path}:{readable + 1}: file ends early or is corrupt (gzip); "
        f"the {readable} line(s) before it were read"
    ]


GARBAGE = st.binary(max_size=80).map(lambda b: b.replace(b"\n", b" ").replace(b"\r", b" "))


@settings(max_examples=200, derandomize=True, database=None, deadline=None)
@given(
    lines=st.lists(st.one_of(GARBAGE, st.sampled_from(range(len(RECORDS)))), max_size=12),
    gzipped=st.booleans(),
    cut=st.integers(min_value=0, max_value=400),
)
def test_property_garbage_lines_and_a_cut_never_lose_a_well_formed_record(
    tmp_path_factory: pytest.TempPathFactory, lines: list[bytes | int], gzipped: bool, cut: int
) -> None:
    body = b"".join(
        (json.dumps(RECORDS[line]).encode() if isinstance(line, int) else line) + b"\n"
        for line in lines
    )
    data = gzip.compress(body, mtime=0) if gzipped else body
    data = data[: max(0, len(data) - cut)] if gzipped else data
    readable = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data) if gzipped else body
    complete = readable[: readable.rfind(b"\n") + 1].split(b"\n")
    expected = [
        RECORDS[line]["text"] for line in lines[: len(complete) - 1] if isinstance(line, int)
    ]
    path = tmp_path_factory.mktemp("feed") / ("feed.jsonl.gz" if gzipped else "feed.jsonl")
    path.write_bytes(data)
    items = read_all(path)
    assert all(isinstance(item, Article | InputError) for item in items)
    assert [text for text in texts(items) if text in expected] == expected


# --- the CLI: checks before the run (6, 8), nothing read (1), a damaged store (7)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def run_cli(args: list[str | Path], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """The exit status and stderr of `conflictmap ARGS`."""
    from conflictmap.cli import main

    try:
        status = main([str(a) for a in args])
    except SystemExit as exc:  # argparse usage errors
        status = int(exc.code or 0)
    return status, capsys.readouterr().err


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from conflictmap.cli import main

    store = tmp_path_factory.mktemp("store") / "events.gpkg"
    assert main(["ingest", str(SEEDS), "--db", str(store)]) == 0
    return store


def copy_of(store: Path, folder: Path) -> Path:
    copy = folder / "events.gpkg"
    copy.write_bytes(store.read_bytes())
    return copy


def test_map_db_with_every_source_unreadable_keeps_the_outputs(
    tmp_path: Path, seed_store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store, out = copy_of(seed_store, tmp_path), tmp_path / "out"
    out.mkdir()
    (out / "map.html").write_text("previous map")
    (tmp_path / "empty.txt").write_bytes(b"")
    status, stderr = run_cli(["map", tmp_path / "empty.txt", "--db", store, "-o", out], capsys)
    assert status == 2 and "no output written" in stderr
    assert (out / "map.html").read_text() == "previous map"
    assert store.read_bytes() == seed_store.read_bytes()


@pytest.mark.parametrize("case", ["tiles", "sidecar", "overwrite-db", "overwrite-source"])
def test_usage_errors_are_found_before_the_store_is_touched(
    tmp_path: Path, seed_store: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    store, out = copy_of(seed_store, tmp_path), tmp_path / "out"
    article = tmp_path / "new.txt"
    article.write_text("Troops clashed with rebels in Goma on Monday.")
    args: list[str | Path] = ["map", article, "--db", store, "-o", out]
    if case == "tiles":
        args += ["--tiles", "ftp://tiles.example/{z}"]
    elif case == "sidecar":
        (out / "events.geojson").mkdir(parents=True)
    elif case == "overwrite-db":
        args = ["export", article, "--db", store, "-o", store]
    else:
        args = ["ingest", article, "--db", article]
    status, stderr = run_cli(args, capsys)
    assert status == 2 and stderr.startswith("conflictmap: error: "), stderr
    if case.startswith("overwrite"):
        assert "is an input of this command; not overwritten" in stderr
    assert "Traceback" not in stderr
    assert store.read_bytes() == seed_store.read_bytes()
    assert "Goma" in article.read_text()


def test_an_unreachable_scheduler_is_a_usage_error_within_5_s(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import socket
    import time

    with socket.socket() as closed:  # a port where nothing listens
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    for address in ["nonsense", f"tcp://127.0.0.1:{port}"]:
        start = time.monotonic()
        status, stderr = run_cli(
            ["export", SEEDS, "-o", f"{tmp_path}/parts/", "--scheduler", address], capsys
        )
        assert time.monotonic() - start < 5
        assert status == 2 and f"--scheduler {address!r}" in stderr and "Traceback" not in stderr
    assert not (tmp_path / "parts").exists() or not any((tmp_path / "parts").iterdir())


def damage(store: Path, how: str) -> None:
    import sqlite3

    if how == "truncated":
        store.write_bytes(store.read_bytes()[: store.stat().st_size // 2])
        return
    with sqlite3.connect(store) as db:
        if how == "bad-json":
            db.execute("UPDATE event_models SET model = '{not json'")
        else:
            db.execute("DROP TABLE places")
            db.execute("CREATE TABLE places(x)")


@pytest.mark.filterwarnings("error::RuntimeWarning")  # no GDAL warning reaches the user
@pytest.mark.parametrize("how", ["truncated", "bad-json", "bad-layer"])
def test_a_damaged_store_is_a_clear_error(
    tmp_path: Path, seed_store: Path, capsys: pytest.CaptureFixture[str], how: str
) -> None:
    store = copy_of(seed_store, tmp_path)
    damage(store, how)
    status, stderr = run_cli(["export", "--db", store, "-o", tmp_path / "e.csv"], capsys)
    assert status == 2 and "Traceback" not in stderr, stderr
    assert stderr.startswith(f"conflictmap: error: {store}: ")
    assert "sqlite3_prepare" not in stderr and "Warning" not in stderr  # no raw GDAL text


# --- the error report: escaped, each message once, capped per file, in input order


def test_a_newline_in_a_file_name_cannot_forge_report_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "good.txt").write_text(CARACAS)
    forged = tmp_path / "x\n  fake: all good\x1b[2J.txt"
    forged.write_bytes(b"")
    status, stderr = run_cli(["map", tmp_path, "-o", tmp_path / "out"], capsys)
    assert status == 1
    lines = stderr.splitlines()
    assert not any(line.startswith("  fake") for line in lines) and "\x1b" not in stderr
    assert [line for line in lines if "fake" in line] == [
        f"  {tmp_path}/x\\n  fake: all good\\x1b[2J.txt: empty input"
    ]


def test_errors_are_reported_once_in_input_order_and_capped_per_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    noisy = tmp_path / "b-noisy.jsonl"
    noisy.write_text(jsonl(RECORDS[:1]) + "not json\n" * 1000)
    quiet = tmp_path / "a-quiet.jsonl"
    quiet.write_text(jsonl(RECORDS[1:2]) + "[]\n")
    status, stderr = run_cli(["map", noisy, quiet, "-o", tmp_path / "out"], capsys)
    assert status == 1
    lines = stderr.splitlines()
    assert lines.count(f"  {noisy}:2: not JSON (Expecting value)") == 1
    assert sum(f"{noisy}:2: " in line for line in lines) == 1  # not logged a second time
    listed = [line for line in lines if line.startswith("  ")]
    assert listed[:20] == [f"  {noisy}:{n}: not JSON (Expecting value)" for n in range(2, 22)]
    assert listed[20:] == [
        f"  {noisy}: 980 more error(s) in this file not shown",
        f"  {quiet}:2: JSON value is not an object",
    ]


# --- bounded memory for one huge paragraph


def test_a_long_text_is_parsed_one_chunk_at_a_time_and_keeps_no_tensor() -> None:
    from geo.chunks import parse_long
    from geo.nlp import load_nlp

    nlp = load_nlp()
    real_pipe = nlp.pipe
    in_flight: list[int] = []

    def spying_pipe(texts: Iterator[str], **kwargs: object) -> Iterator[object]:
        pulled = [0]

        def counted() -> Iterator[str]:
            for text in texts:
                pulled[0] += 1
                yield text

        for done, doc in enumerate(real_pipe(counted(), **kwargs), start=1):
            in_flight.append(pulled[0] - done + 1)
            yield doc

    nlp.pipe = spying_pipe  # type: ignore[method-assign]
    text = " ".join(["Troops moved near Goma and protesters gathered in Kinshasa"] * 2_000)
    doc = parse_long(nlp, text, max_chars=20_000)
    assert doc.text == text and len(in_flight) > 5
    assert max(in_flight) == 1  # the next chunk is read only after the last one is parsed
    assert doc.tensor.size == 0


# --- a long article in windows: one Doc at a time, offsets and context of the article

LEAD = "GOMA, Oct. 3 (Reuters) — Rebels attacked the town of Goma on Monday, killing 4 soldiers."
QUIET = "Officials said nothing more.\n\nNobody commented.\n\n"
# the arrest names no place, nor do the sentences around it: it takes the article's lead
BODY = "US forces struck a boat off Venezuela on Tuesday.\n\n" + QUIET
BODY += "Police arrested 20 people on Wednesday.\n\n" + QUIET


def event_rows(events: list[Event]) -> list[tuple[object, ...]]:
    return sorted(
        (e.id, e.event_type, e.place.id if e.place else None, e.location_reason, e.date)
        + (frozenset(e.sources),)
        for e in events
    )


def test_a_long_article_is_read_in_windows_with_the_offsets_and_context_of_the_article(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import geo.pipeline
    from gazetteer import Gazetteer
    from geo.nlp import load_nlp
    from geo.pipeline import ArticleContext, run_stages

    nlp, gazetteer = load_nlp(), Gazetteer.open()
    text = LEAD + "\n\n" + (BODY * 30).strip()
    article = Article.from_text(text, published=date(2025, 10, 4))
    whole = run_stages(ArticleContext(article, nlp, gazetteer))
    alive: list[weakref.ref[Doc]] = []
    real_parse = geo.pipeline.parse_long

    def one_doc_at_a_time(nlp: Language, part: str) -> Doc:
        assert len(part) <= 1_000 and not [ref for ref in alive if ref() is not None]
        doc = real_parse(nlp, part)
        alive.append(weakref.ref(doc))
        return doc

    monkeypatch.setattr(geo.pipeline, "parse_long", one_doc_at_a_time)
    windowed = run_stages(ArticleContext(article, nlp, gazetteer, window_chars=1_000))
    assert len(alive) > 2 * len(text) / 1_000 and windowed.doc is None  # two passes
    assert [(m.start, m.end, m.label) for m in windowed.mentions] == [
        (m.start, m.end, m.label) for m in whole.mentions
    ]
    assert all(text[m.start : m.end] == m.text for m in windowed.mentions)
    assert [(t.mention, t.place.id) for t in windowed.toponyms] == [
        (t.mention, t.place.id) for t in whole.toponyms
    ]
    for source in (s for e in windowed.events for s in e.sources):
        assert text[source.sentence_start : source.sentence_end] == source.sentence
        assert text[source.trigger_start : source.trigger_end] == source.trigger
    assert event_rows(windowed.events) == event_rows(whole.events)
    assert "the article's lead place: 'Goma'" in {e.location_reason for e in windowed.events}
    assert max(s.trigger_start for e in windowed.events for s in e.sources) > len(text) - 200


def test_what_a_long_paragraph_keeps_is_bounded_per_finding() -> None:
    """Issue 19: a paragraph with no sentence end, read in windows, keeps a bounded size
    per thing found, so memory grows with the findings at a small slope: a source's
    sentence is at most `MAX_SENTENCE_TOKENS` words and one string shared by the sources
    of that sentence (it was a run-on of thousands of words, copied for every event told
    in it: 8 characters kept per character of text); a mention's name is one string per
    distinct name."""
    import random

    from gazetteer import Gazetteer
    from geo.columns import Mentions, Toponyms
    from geo.nlp import MAX_SENTENCE_TOKENS, load_nlp
    from geo.pipeline import ArticleContext, run_stages

    words = "the troops moved near Caracas and protesters gathered in Maracaibo while"
    words += " officials said forces struck a boat off Venezuela on Monday"
    rng = random.Random(1)
    text = " ".join(rng.choice(words.split()) for _ in range(6_000)) + "."
    article = Article.from_text(text, published=date(2025, 10, 4))
    ctx = run_stages(ArticleContext(article, load_nlp(), Gazetteer.open(), window_chars=8_000))
    sources = [s for e in ctx.events for s in e.sources]
    assert len(sources) > 50 and len(ctx.mentions) > 500
    assert max(len(s.sentence.split()) for s in sources) <= MAX_SENTENCE_TOKENS
    assert len({id(s.sentence) for s in sources}) == len({s.sentence_start for s in sources})
    assert sum(len(s) for s in {s.sentence for s in sources}) <= len(text)
    assert len({id(m.text) for m in ctx.mentions}) == len({m.text for m in ctx.mentions})
    result = ctx.result()  # columns, not a Mention (~140 bytes) and a Toponym (64) each
    assert isinstance(result.mentions, Mentions) and isinstance(result.toponyms, Toponyms)
    assert deep_size((result.mentions, result.toponyms), Place) < 48 * len(result.mentions)


def deep_size(root: object, *shared: type) -> int:
    """Bytes of `root` and of the objects it reaches (each once), but those of `shared`."""
    seen: set[int] = set()
    todo, total = [root], 0
    while todo:
        item = todo.pop()
        if id(item) in seen or isinstance(item, (type, *shared)):
            continue
        seen.add(id(item))
        total += sys.getsizeof(item)
        if isinstance(item, (tuple, list, set, frozenset)):
            todo.extend(item)
        elif isinstance(item, dict):
            todo.extend((*item.keys(), *item.values()))
        else:
            todo.extend(getattr(item, "__dict__", {}).values())
            slots = getattr(item, "__slots__", ())
            todo.extend(getattr(item, a) for a in slots if hasattr(item, a))
    return total
