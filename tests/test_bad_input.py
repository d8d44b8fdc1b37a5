"""The bad-input matrix: each broken input gives a clear message naming the file (and the
line for JSONL) and the run goes on for the other inputs.

Most cases call the readers directly (fast); a few run the whole CLI (`conflictmap.cli.main`) and
check the exit status and the summary on stderr. The case names match RELIABILITY.md.
"""

from __future__ import annotations

import codecs
import io
import json
import logging
import os
import random
import signal
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from geo.chunks import split_text
from geo.errors import InputError, OutputError
from geo.io import atomic_write
from geo.model import Article
from geo.readers import MAX_ARTICLE_CHARS, parse_bytes, read_sources

GOOD_TEXT = "date 2025-09-02\nStrike off Venezuela\n\nUS forces struck a boat off Venezuela."


def read_all(*sources: str | Path) -> tuple[list[Article], list[str]]:
    """Every article and every error message of reading `sources`."""
    articles: list[Article] = []
    errors: list[str] = []
    for item in read_sources([str(s) for s in sources]):
        if isinstance(item, InputError):
            errors.append(str(item))
        else:
            assert isinstance(item, Article)
            articles.append(item)
    return articles, errors


def with_good_file(tmp_path: Path) -> Path:
    """A good article beside the bad one: it must always be read."""
    good = tmp_path / "good.txt"
    good.write_text(GOOD_TEXT, encoding="utf-8")
    return good


def assert_good_read(articles: list[Article]) -> None:
    assert [a.origin for a in articles if a.origin and a.origin.endswith("good.txt")], articles


@contextmanager
def deadline(seconds: int) -> Iterator[None]:
    """Fail (instead of hanging) if the block takes longer than `seconds`."""

    def expire(signum: int, frame: object) -> None:
        raise TimeoutError(f"took longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


# --- empty, whitespace, binary


def test_empty_file(tmp_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    articles, errors = read_all(bad, with_good_file(tmp_path))
    assert errors == [f"{bad}: empty input"]
    assert_good_read(articles)


@pytest.mark.parametrize(
    "content",
    [b"  \n\t\r\n  ", "\u3000\u00a0\u2003\n".encode(), codecs.BOM_UTF8 + b" \n"],
    ids=["ascii", "unicode-spaces", "bom-only"],
)
def test_whitespace_only_file(tmp_path: Path, content: bytes) -> None:
    bad = tmp_path / "blank.md"
    bad.write_bytes(content)
    articles, errors = read_all(bad, with_good_file(tmp_path))
    assert errors in ([f"{bad}: empty input"], [f"{bad}: empty article text"])
    assert_good_read(articles)


@pytest.mark.parametrize("kind", ["png", "random"])
def test_binary_file(tmp_path: Path, kind: str) -> None:
    rng = random.Random(8)
    noise = bytes(rng.randrange(256) for _ in range(20_000))
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + noise if kind == "png" else noise
    bad = tmp_path / "picture.txt"
    bad.write_bytes(data)
    articles, errors = read_all(bad, with_good_file(tmp_path))
    assert len(errors) == 1 and errors[0].startswith(f"{bad}: binary file, not text")
    assert_good_read(articles)


# --- encodings and line ends


def test_invalid_utf8_falls_back_to_cp1252_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    bad = tmp_path / "legacy.txt"
    bad.write_bytes(b"Protesters marched in Bogot\xe1 \x96 \x93peacefully\x94.")
    with caplog.at_level(logging.WARNING, logger="conflictmap"):
        articles, errors = read_all(bad)
    assert errors == []
    assert articles[0].text == "Protesters marched in Bogotá – “peacefully”."
    assert f"{bad}: invalid UTF-8 at byte 27, decoded as cp1252" in caplog.messages


def test_mostly_utf8_keeps_utf8_and_replaces_the_bad_byte(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    bad = tmp_path / "one-bad-byte.txt"
    bad.write_bytes("Fighting in Dnipró and Kharkív ".encode() + b"\xff" + "near Izióm.".encode())
    with caplog.at_level(logging.WARNING, logger="conflictmap"):
        (article,), errors = read_all(bad)
    assert article.text == "Fighting in Dnipró and Kharkív \ufffdnear Izióm."
    assert any(m.startswith(f"{bad}: invalid UTF-8 at byte 33;") for m in caplog.messages)


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_bom(tmp_path: Path, codec: str) -> None:
    path = tmp_path / "wide.txt"
    bom = {"utf-16": b"", "utf-16-be": codecs.BOM_UTF16_BE, "utf-32": b""}[codec]
    path.write_bytes(bom + GOOD_TEXT.replace("\n", "\r\n").encode(codec))
    (article,), errors = read_all(path)
    assert errors == []
    assert article.published == date(2025, 9, 2) and article.title == "Strike off Venezuela"
    assert article.text == "US forces struck a boat off Venezuela."


def test_utf16_without_bom_is_recognised(tmp_path: Path) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes(GOOD_TEXT.encode("utf-16-le"))
    (article,), errors = read_all(path)
    assert errors == [] and article.text == "US forces struck a boat off Venezuela."


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_cr_line_ends(tmp_path: Path, newline: str) -> None:
    path = tmp_path / "windows.md"
    path.write_bytes(
        f"---{newline}title: Strike{newline}date: 2025-09-02{newline}---{newline}"
        f"First paragraph.{newline}{newline}Second.{newline}".encode()
    )
    (article,), errors = read_all(path)
    assert errors == [] and article.title == "Strike" and article.published == date(2025, 9, 2)
    assert article.text == "First paragraph.\n\nSecond." and "\r" not in article.text


def test_a_few_nul_bytes_are_dropped(tmp_path: Path) -> None:
    path = tmp_path / "nul.txt"
    path.write_bytes(b"Clashes in Goma\x00 were reported." + b" More text." * 20)
    (article,), errors = read_all(path)
    assert errors == [] and article.text.startswith("Clashes in Goma were reported.")


def test_many_nul_bytes_mean_binary(tmp_path: Path) -> None:
    bad = tmp_path / "nul.txt"
    bad.write_bytes(b"Clashes\x00\x00\x00 in Goma\x00\x00.")
    articles, errors = read_all(bad, with_good_file(tmp_path))
    assert errors == [f"{bad}: binary file, not text (many NUL bytes)"]
    assert_good_read(articles)


def test_nul_escapes_and_lone_surrogates_in_json_text(tmp_path: Path) -> None:
    path = tmp_path / "odd.jsonl"
    record = '{"text": "Goma\\u0000 and \\ud800Bukavu\\r\\nsecond line", "title": "\\udfff"}'
    path.write_text(record)
    (article,), errors = read_all(path)
    assert errors == []
    assert article.text == "Goma and \ufffdBukavu\nsecond line" and article.title == "\ufffd"
    article.text.encode("utf-8")  # every text can be written as UTF-8


def test_control_characters_are_dropped_or_become_newlines(tmp_path: Path) -> None:
    path = tmp_path / "pdf-extract.txt"
    path.write_bytes(b"Page one: clashes in Goma.\x0cPage two:\x1b[31m shelling\x07 in Bukavu.")
    (article,), errors = read_all(path)
    assert errors == []
    assert article.text == "Page one: clashes in Goma.\nPage two:[31m shelling in Bukavu."


# --- size


def test_an_article_over_the_length_bound_is_refused_quickly(tmp_path: Path) -> None:
    """Issue 19: memory stays bounded whatever the input, so a 50 MB article is refused
    with the reason (a long article up to the bound is read in windows, `geo.pipeline`)."""
    big = tmp_path / "huge.txt"
    paragraph = "Troops moved north of Kherson and shelled the bridge. " * 20 + "\n\n"
    big.write_text(paragraph * (50_000_000 // len(paragraph)), encoding="utf-8")
    started = time.perf_counter()
    articles, errors = read_all(big, with_good_file(tmp_path))
    assert time.perf_counter() - started < 10
    (error,) = errors  # the article's body, after its title line
    assert error.startswith(f"{big}: article of 49,9") and error.endswith(
        " characters, over 16,000,000; split it"
    )
    assert_good_read(articles)


def test_an_article_at_the_length_bound_is_read(tmp_path: Path) -> None:
    line = "Troops moved north of Kherson and shelled the bridge.\n"
    text = (line * (MAX_ARTICLE_CHARS // len(line) + 1))[:MAX_ARTICLE_CHARS]
    (tmp_path / "long.txt").write_text(text, encoding="utf-8")
    (article,), errors = read_all(tmp_path / "long.txt")
    assert errors == [] and len(article.text) == len(text.strip())


def test_a_jsonl_record_over_the_length_bound_costs_that_line(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    lines = [json.dumps({"text": f"Clashes in Goma, report {i}."}) for i in range(3)]
    lines[1] = json.dumps({"id": "long", "text": "Goma. " * (MAX_ARTICLE_CHARS // 6 + 1)})
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    articles, errors = read_all(feed)
    assert errors == [f"{feed}:2: article of 16,000,002 characters, over 16,000,000; split it"]
    assert [a.origin for a in articles] == [f"{feed}:1", f"{feed}:3"]


def test_1_mb_line_is_read_and_chunked_for_spacy(tmp_path: Path) -> None:
    path = tmp_path / "long-line.txt"
    line = ("Shelling hit Avdiivka again, officials said; " * 25_000)[:1_000_000]
    path.write_text(line + "\n", encoding="utf-8")
    (article,), errors = read_all(path)
    assert errors == [] and len(article.text) == len(line.strip())
    chunks = split_text(article.text, 100_000)
    assert "".join(c.text for c in chunks) == article.text
    assert all(len(c.text) <= 100_000 for c in chunks) and len(chunks) >= 10
    assert all(c.text.endswith(" ") for c in chunks[:-1])  # cut between words, not inside


def test_1_mb_jsonl_line_among_others(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    big = "Protest in Lagos. " * 60_000
    lines = [{"text": "Riots in Paris."}, {"text": big}, {"text": "Strike in Gaza."}]
    path.write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    articles, errors = read_all(path)
    assert errors == [] and [len(a.text) for a in articles] == [15, len(big.strip()), 15]
    assert [a.origin for a in articles] == [f"{path}:1", f"{path}:2", f"{path}:3"]


def test_chunks_are_paragraph_aligned_with_offsets() -> None:
    paragraphs = [f"Paragraph {i}: fighting near Bakhmut. " * (i % 7 + 1) for i in range(400)]
    text = "\n\n".join(paragraphs)
    chunks = split_text(text, 2_000)
    assert "".join(c.text for c in chunks) == text
    for chunk in chunks:
        assert text[chunk.start : chunk.end] == chunk.text and len(chunk.text) <= 2_000
    assert all(c.text.endswith("\n\n") for c in chunks[:-1])


# --- JSON / JSONL


def test_jsonl_bad_lines_name_the_line_and_the_others_are_read(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"text": "Fighting in Donetsk."}),
        '{"text": "unterminated',
        "[1, 2, 3]",
        '"just a string"',
        json.dumps({"title": "no text"}),
        json.dumps({"text": 42}),
        "",
        json.dumps({"text": "Riots in Paris."}),
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    articles, errors = read_all(path)
    assert [a.text for a in articles] == ["Fighting in Donetsk.", "Riots in Paris."]
    assert [a.origin for a in articles] == [f"{path}:1", f"{path}:8"]
    assert errors == [
        f"{path}:2: not JSON (Unterminated string starting at)",
        f"{path}:3: JSON value is not an object",
        f"{path}:4: JSON value is not an object",
        f"{path}:5: object has no string 'text'",
        f"{path}:6: object has no string 'text'",
    ]


def test_empty_json_array_is_an_error_not_silence(tmp_path: Path) -> None:
    bad = tmp_path / "none.json"
    bad.write_text("[ ]\n")
    articles, errors = read_all(bad, with_good_file(tmp_path))
    assert errors == [f"{bad}: empty JSON array: no article"]
    assert_good_read(articles)


def test_deeply_nested_json_is_an_error_not_a_crash(tmp_path: Path) -> None:
    array, lines = tmp_path / "deep.json", tmp_path / "deep.jsonl"
    array.write_text("[" * 200_000 + "]" * 200_000)
    lines.write_text('{"text": "ok"}\n' + '{"a":' * 100_000 + "1" + "}" * 100_000)
    articles, errors = read_all(array, lines)
    assert errors == [f"{array}: JSON nested too deeply", f"{lines}:2: JSON nested too deeply"]
    assert [a.text for a in articles] == ["ok"]


# --- dates


@pytest.mark.parametrize(
    "content",
    ["date 2025-13-45\nBody text.", "---\ntitle: T\ndate: 2025-13-45\n---\nBody text."],
    ids=["date-line", "front-matter"],
)
def test_impossible_date_is_dropped_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, content: str
) -> None:
    path = tmp_path / "a.md"
    path.write_text(content, encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="conflictmap"):
        (article,), errors = read_all(path)
    assert errors == [] and article.published is None and article.text == "Body text."
    assert f"{path}: impossible or unknown date '2025-13-45' ignored" in caplog.messages


def test_date_after_the_as_of_day_is_dropped_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"text": "Body text.", "date": "2036-01-01"}), encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="conflictmap"):
        (article,) = read_sources([str(path)], as_of=date(2025, 12, 31))
    assert isinstance(article, Article) and article.published is None
    assert f"{path}:1: date 2036-01-01 is after the as-of date 2025-12-31; ignored" in (
        caplog.messages
    )


# --- paths


def test_missing_path(tmp_path: Path) -> None:
    missing = tmp_path / "nope" / "missing.jsonl"
    articles, errors = read_all(missing, with_good_file(tmp_path))
    assert errors == [f"{missing}: no such file or directory"]
    assert_good_read(articles)


def test_directory_with_a_named_pipe_does_not_hang(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "pipe.txt")  # reading it would block forever; root cannot help
    (folder / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    with deadline(10):
        articles, errors = read_all(folder)
    assert errors == [f"{folder / 'pipe.txt'}: cannot read: a named pipe, not a regular file"]
    assert_good_read(articles)


def test_directory_with_a_socket(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(folder / "sock.jsonl"))
    (folder / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    try:
        articles, errors = read_all(folder)
    finally:
        server.close()
    assert errors == [f"{folder / 'sock.jsonl'}: cannot read: a socket, not a regular file"]
    assert_good_read(articles)


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs Linux /proc")
def test_directory_with_a_file_that_fails_to_read(tmp_path: Path) -> None:
    """Root can read a chmod-000 file; /proc/self/mem opens but its first read fails (EIO)."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "mem.txt").symlink_to("/proc/self/mem")
    (folder / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    articles, errors = read_all(folder)
    assert errors == [f"{folder / 'mem.txt'}: cannot read (Input/output error)"]
    assert_good_read(articles)


def test_unreadable_file_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """chmod 000 does not stop root, so the denial comes from a patched `Path.open`."""
    bad = tmp_path / "secret.txt"
    bad.write_text("x")
    real_open = Path.open

    def deny(self: Path, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if self.name == "secret.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", deny)
    articles, errors = read_all(tmp_path)
    assert errors == [f"{bad}: cannot read (Permission denied)"]
    assert_good_read(articles) if articles else None


def test_unlistable_subdirectory_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """os.walk skips directories it cannot list unless told; root lists all, so the denial
    comes from a patched `os.scandir`."""
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "hidden.txt").write_text("x")
    real_scandir = os.scandir

    def deny(path: object = ".") -> object:
        if str(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", deny)
    articles, errors = read_all(tmp_path)
    assert errors == [f"{locked}: cannot list directory (Permission denied)"]
    assert_good_read(articles) if articles else None


def test_file_over_the_size_limit_is_not_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("geo.readers.MAX_READ_BYTES", 1_000)
    bad = tmp_path / "big.json"
    bad.write_text(json.dumps({"text": "x" * 2_000}))
    articles, errors = read_all(bad, with_good_file(tmp_path))
    assert errors == [f"{bad}: file larger than 1,000 bytes; split it"]
    assert_good_read(articles)


def test_a_web_page_over_its_bound_is_not_read(tmp_path: Path) -> None:
    """A page's extraction costs far more memory and time than its size."""
    page = tmp_path / "page.html"
    body = "<p>Troops moved north of Kherson and shelled the bridge.</p>\n" * 140_000
    page.write_text(f"<html><body><article>{body}</article></body></html>")
    articles, errors = read_all(page, with_good_file(tmp_path))
    assert errors == [f"{page}: file larger than 8,000,000 bytes; split it"]
    assert_good_read(articles)


def test_stdin_json_lines_are_read_a_line_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("geo.readers.MAX_READ_BYTES", 1_000)
    lines = [json.dumps({"id": str(i), "text": f"Clashes in Goma, report {i}."}) for i in range(90)]
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO("\n".join(lines).encode())))
    found = list(read_sources(["-"]))
    assert [a.id for a in found if isinstance(a, Article)] == [str(i) for i in range(90)]


def test_stdin_text_over_the_read_bound_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("geo.readers.MAX_READ_BYTES", 1_000)
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"Goma. " * 400)))
    assert [str(e) for e in read_sources(["-"])] == [
        "<stdin>: file larger than 1,000 bytes; split it"
    ]


def test_jsonl_over_the_file_limit_is_streamed_and_an_overlong_line_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("geo.readers.MAX_READ_BYTES", 1_000)
    feed = tmp_path / "big.jsonl"
    lines = [json.dumps({"text": f"Clashes in Goma, report {i}."}) for i in range(100)]
    lines[40] = json.dumps({"text": "x" * 2_000})
    feed.write_text("\n".join(lines) + "\n")
    articles, errors = read_all(feed)
    assert errors == [f"{feed}:41: line longer than 1,000 bytes; skipped"]
    assert len(articles) == 99 and articles[40].origin == f"{feed}:42"


def test_directory_named_like_a_file(tmp_path: Path) -> None:
    odd = tmp_path / "article.txt"
    odd.mkdir()
    articles, errors = read_all(odd, with_good_file(tmp_path))
    assert errors == [f"{odd}: no article files (.txt .md .json .jsonl .html) inside"]
    assert_good_read(articles)


def test_symlink_loop_named_or_inside_a_directory(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").symlink_to(folder / "b.txt")
    (folder / "b.txt").symlink_to(folder / "a.txt")
    (folder / "self").symlink_to(folder)  # a directory loop is not followed
    (folder / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    with deadline(10):
        articles, errors = read_all(folder, folder / "a.txt")
    loop = "broken or looping symbolic link"
    assert errors == [
        f"{folder / 'a.txt'}: {loop}",
        f"{folder / 'b.txt'}: {loop}",
        f"{folder / 'a.txt'}: {loop}",
    ]
    assert_good_read(articles)


# --- outputs


def test_output_under_a_file_cannot_be_written(tmp_path: Path) -> None:
    blocker = tmp_path / "out"
    blocker.write_text("not a directory")
    with pytest.raises(OutputError, match=rf"^{blocker / 'map.html'}: cannot write \("):
        atomic_write(blocker / "map.html", "<html></html>")
    assert blocker.read_text() == "not a directory"


def test_output_that_is_a_directory_cannot_be_replaced(tmp_path: Path) -> None:
    (tmp_path / "map.html").mkdir()
    with pytest.raises(OutputError, match=r"map.html: cannot write \(Is a directory\)"):
        atomic_write(tmp_path / "map.html", "<html></html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.html"]  # no temp file left


def test_failed_write_leaves_the_previous_output_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "events.geojson"
    atomic_write(target, '{"type": "FeatureCollection", "features": []}')

    def disk_full(self: Path, *args: object, **kwargs: object) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "write_text", disk_full)
    with pytest.raises(OutputError, match=r"cannot write \(No space left on device\)"):
        atomic_write(target, "{}")
    assert json.loads(target.read_bytes())["type"] == "FeatureCollection"
    assert [p.name for p in tmp_path.iterdir()] == ["events.geojson"]


def test_outputs_get_ordinary_file_permissions(tmp_path: Path) -> None:
    mask = os.umask(0o022)
    os.umask(mask)
    path = atomic_write(tmp_path / "map.html", "<html></html>")
    assert path.stat().st_mode & 0o777 == 0o666 & ~mask  # not mkstemp's 0600


# --- many places, scripts


def place_list_article(n: int) -> str:
    names = ["Caracas", "Maracaibo", "Valencia", "Bogotá", "Kyiv", "Kharkiv", "Gaza", "Goma"]
    body = ", ".join(f"{names[i % len(names)]}" for i in range(n))
    return f"Clashes were reported in {body}."


def test_article_with_5000_place_names_is_read(tmp_path: Path) -> None:
    path = tmp_path / "list.txt"
    path.write_text(place_list_article(5_000), encoding="utf-8")
    (article,), errors = read_all(path)
    assert errors == [] and article.text.count(",") == 4_999


RTL_EMOJI = (
    "اشتباكات في حلب 🔥 وإدلب\u200f. "
    "עימותים בעזה 🚀. "
    "Protest in Caracas 👩‍👩‍👧 🇻🇪 with \u202eevil\u202c marks."
)


def test_right_to_left_and_emoji_text_is_kept_exactly(tmp_path: Path) -> None:
    (tmp_path / "rtl.txt").write_text(f"حلب 🔥\n\n{RTL_EMOJI}", encoding="utf-8")
    (tmp_path / "rtl.jsonl").write_text(
        json.dumps({"text": RTL_EMOJI, "title": "حلب 🔥", "source": "עיתון"}), encoding="utf-8"
    )
    articles, errors = read_all(tmp_path)
    assert errors == []
    assert [a.text for a in articles] == [RTL_EMOJI, RTL_EMOJI]
    assert [a.title for a in articles] == ["حلب 🔥", "حلب 🔥"]
    assert articles[0].id == articles[1].id == Article.from_text(RTL_EMOJI).id


def test_yaml_alias_bomb_in_front_matter_is_harmless(tmp_path: Path) -> None:
    rows = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    pairs = zip("abcdefgh", "bcdefghi", strict=True)
    rows += [f"{c}: &{c} [{', '.join([f'*{p}'] * 9)}]" for p, c in pairs]
    path = tmp_path / "bomb.md"
    path.write_text("---\n" + "\n".join(rows) + "\ntitle: *i\nsource: *i\n---\nBody.\n")
    started = time.perf_counter()
    (article,), errors = read_all(path)
    assert time.perf_counter() - started < 5
    assert errors == [] and article.title is None and article.text == "Body."


def test_html_that_is_not_a_page(tmp_path: Path) -> None:
    bad = tmp_path / "broken.html"
    bad.write_text("<html><body><script>alert(1)</script></body>", encoding="utf-8")
    articles, errors = read_all(bad, with_good_file(tmp_path))
    assert errors == [f"{bad}: no article text found in the HTML page"]
    assert_good_read(articles)


def test_stdin_bytes_that_are_binary() -> None:
    (error,) = parse_bytes(b"\x00\x01\x02\x03" * 100, "<stdin>", ".txt")
    assert str(error) == "<stdin>: binary file, not text (many NUL bytes)"


# --- the pipeline on the odd articles that the readers let through


@pytest.fixture(scope="module")
def pipeline() -> tuple[Any, Any]:
    from gazetteer import Gazetteer
    from geo.nlp import load_nlp

    return load_nlp(), Gazetteer.open()


def check_result(result: Any) -> None:
    text = result.article.text
    for mention in result.mentions:
        assert text[mention.start : mention.end] == mention.text
    for event in result.events:
        for prov in event.sources:
            assert text[prov.sentence_start : prov.sentence_end] == prov.sentence
            assert text[prov.trigger_start : prov.trigger_end] == prov.trigger


@contextmanager
def cpu_budget(seconds: float) -> Iterator[None]:
    """Raise TimeoutError in the block once it has used `seconds` of CPU time (SIGPROF),
    so a quadratic stage fails fast instead of running for minutes."""

    def expire(signum: int, frame: object) -> None:
        raise TimeoutError(f"used more than {seconds} CPU seconds")

    previous = signal.signal(signal.SIGPROF, expire)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def test_pipeline_on_an_article_with_5000_place_names(pipeline: tuple[Any, Any]) -> None:
    from geo.pipeline import process_article

    process_article(Article.from_text(place_list_article(20)), *pipeline)  # warm caches
    article = Article.from_text(place_list_article(5_000))
    with cpu_budget(8.0):  # CPU seconds, whatever the machine's load; linear code needs ~3
        result = process_article(article, *pipeline)
    check_result(result)
    assert len(result.mentions) >= 1_000
    assert {t.place.name for t in result.toponyms} >= {"Caracas", "Kharkiv"}


def test_pipeline_on_right_to_left_and_emoji_text(pipeline: tuple[Any, Any]) -> None:
    from geo.pipeline import process_article

    text = RTL_EMOJI + " US forces struck a boat off Venezuela 🚤, killing 3 people."
    result = process_article(Article.from_text(text, published=date(2025, 9, 2)), *pipeline)
    check_result(result)
    assert "Venezuela" in {m.text for m in result.mentions}


def test_pipeline_on_an_article_longer_than_spacy_max_length(pipeline: tuple[Any, Any]) -> None:
    from geo.pipeline import process_article

    nlp, gazetteer = pipeline
    paragraph = "US forces struck a boat off Venezuela. Protesters marched in Caracas.\n\n"
    article = Article.from_text((paragraph * 400).strip(), published=date(2025, 9, 2))
    limit = nlp.max_length
    nlp.max_length = 10_000  # the same path as a 1,000,000+ character article, but fast
    try:
        result = process_article(article, nlp, gazetteer)
    finally:
        nlp.max_length = limit
    check_result(result)
    last = max(m.start for m in result.mentions)
    assert last > len(article.text) - len(paragraph)  # the last chunk was parsed too


def test_parse_long_joins_chunks_with_exact_offsets(pipeline: tuple[Any, Any]) -> None:
    from geo.chunks import parse_long

    nlp, _ = pipeline
    paragraph = "US forces struck a boat off Venezuela. Protesters marched in Caracas.\n\n"
    text = (paragraph * 150).strip()
    doc = parse_long(nlp, text, max_chars=2_000)
    assert doc.text == text
    places = [e for e in doc.ents if e.label_ == "GPE"]
    assert len(places) >= 200
    assert all(text[e.start_char : e.end_char] == e.text for e in places)


# --- the CLI end to end


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    from conflictmap.cli import main

    try:
        status = main(args)
    except SystemExit as exc:  # argparse usage errors
        status = int(exc.code or 0)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.fixture
def mixed_inputs(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "feed.jsonl").write_text(
        json.dumps({"text": "Protesters marched in Caracas."}) + "\nnot json\n", encoding="utf-8"
    )
    return [folder, tmp_path / "missing.txt"]


def test_cli_some_inputs_fail_exit_1_with_a_summary(
    tmp_path: Path, mixed_inputs: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    status, stdout, stderr = run_cli(["map", *map(str, mixed_inputs), "-o", str(out)], capsys)
    folder = mixed_inputs[0]
    assert status == 1, stderr
    assert "read 2 articles" in stdout
    assert "3 input(s) failed:" in stderr
    assert f"  {folder / 'empty.txt'}: empty input" in stderr
    assert f"  {folder / 'feed.jsonl'}:2: not JSON (Expecting value)" in stderr
    assert f"  {mixed_inputs[1]}: no such file or directory" in stderr
    assert (out / "map.html").stat().st_size > 0 and (out / "events.geojson").is_file()


def test_cli_an_article_that_breaks_the_pipeline_fails_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import geo.pipeline

    real = geo.pipeline.process_article

    def fragile(article: Article, *args: Any) -> Any:
        if "poison" in article.text:
            raise RuntimeError("stage exploded")
        return real(article, *args)

    monkeypatch.setattr(geo.pipeline, "process_article", fragile)
    (tmp_path / "poison.txt").write_text("A poison article about Caracas.", encoding="utf-8")
    good = with_good_file(tmp_path)
    status, stdout, stderr = run_cli(["map", str(tmp_path), "-o", str(tmp_path / "o")], capsys)
    assert status == 1 and "read 2 articles" in stdout
    poison = tmp_path / "poison.txt"
    assert f"  {poison}: processing failed (RuntimeError: stage exploded)" in stderr
    events = json.loads((tmp_path / "o" / "events.geojson").read_bytes())["features"]
    assert {f["properties"]["articles"] for f in events} == {
        Article.from_text(good.read_text().split("\n\n", 1)[1]).id
    }


def test_cli_nothing_readable_exit_2_and_previous_outputs_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    out.mkdir()
    (out / "map.html").write_text("last night's map")
    status, _, stderr = run_cli(["map", str(tmp_path / "empty.txt"), "-o", str(out)], capsys)
    assert status == 2
    assert f"  {tmp_path / 'empty.txt'}: empty input" in stderr
    assert "nothing to do: no article could be read" in stderr
    assert (out / "map.html").read_text() == "last night's map"
    assert sorted(p.name for p in out.iterdir()) == ["map.html"]


def test_cli_unwritable_output_exit_2_before_the_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import conflictmap.commands.common

    def no_run(*args: object, **kwargs: object) -> None:
        raise AssertionError("the run started although the output cannot be written")

    monkeypatch.setattr(conflictmap.commands.common, "run_sources", no_run)
    blocker = tmp_path / "out"
    blocker.write_text("a file")
    good = with_good_file(tmp_path)
    status, _, stderr = run_cli(["map", str(good), "-o", str(blocker / "sub")], capsys)
    assert status == 2
    assert f"conflictmap: error: {blocker / 'sub'}: cannot write (" in stderr


def test_cli_article_without_events_still_gets_a_map(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    calm = tmp_path / "calm.txt"
    calm.write_text("The weather in Lisbon was sunny and mild all week.", encoding="utf-8")
    status, stdout, stderr = run_cli(["map", str(calm), "-o", str(tmp_path / "out")], capsys)
    assert status == 0, stderr
    assert "read 1 article" in stdout and (tmp_path / "out" / "map.html").is_file()


def test_cli_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = str(with_good_file(tmp_path))
    assert run_cli([], capsys)[0] == 2
    assert run_cli(["map", good], capsys)[0] == 2  # no -o
    status, _, stderr = run_cli(["map", good, "-o", str(tmp_path), "--workers", "0"], capsys)
    assert status == 2 and "must be at least 1" in stderr


def test_help_documents_the_exit_status(capsys: pytest.CaptureFixture[str]) -> None:
    status, stdout, _ = run_cli(["--help"], capsys)
    assert status == 0
    assert "exit status: 0 all inputs done, 1 some inputs failed, 2 usage error" in stdout
