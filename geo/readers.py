"""Article readers: plain text (with an optional `date YYYY-MM-DD` line), Markdown/text with
YAML front matter, JSON, JSONL (also gzipped: `.jsonl.gz`), HTML (trafilatura) and stdin.

`read_sources` streams `Article`s and, for inputs that cannot be read, `InputError`s naming
the file (and line), so one bad input never stops the others. JSON Lines files are read
line by line, so a file of any size holds one line in memory; other files are read whole.
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import logging
import os
import re
import stat
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO, cast

import yaml

from geo.errors import InputError
from geo.model import Article, content_id

log = logging.getLogger("conflictmap")

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
SUFFIXES = TEXT_SUFFIXES | JSON_SUFFIXES | HTML_SUFFIXES
LINES_SUFFIXES = {".jsonl", ".ndjson"}
"""JSON Lines: read line by line (`read_lines`)."""
GZIP_SUFFIXES = {f"{suffix}.gz" for suffix in LINES_SUFFIXES}

DATE_LINE = re.compile(r"\A\s*date[:\s]\s*(\S+)\s*", re.IGNORECASE)
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.DOTALL)
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
BINARY_NUL_SHARE = 0.01
BINARY_CONTROL_SHARE = 0.05
BINARY_SAMPLE_CHARS = 1_000_000
FUTURE_SLACK_DAYS = 2
MAX_ARTICLE_CHARS = 16_000_000
"""An article's text holds at most this many characters: what a run keeps grows with what
it finds in the text (`geo.pipeline`), and up to this length a run of the densest text
stays under 1 GB (`bench/bench_paragraph.py`). A longer article is refused: split it."""
MAX_READ_BYTES = 4 * MAX_ARTICLE_CHARS + (1 << 20)
"""At most this many bytes are read into memory at once: a whole file (text, JSON) or one
JSON Lines line (room for the longest article in UTF-32, and its metadata). A larger one
is refused unread. A JSON Lines file may be larger: it is read a line at a time."""
MAX_HTML_BYTES = 8_000_000
"""A larger web page is refused unread: its extraction costs far more than its size (a
16 MB page took trafilatura 0.65 GB and 107 s; BENCHMARKS.md)."""
SNIFF_BYTES = 1 << 20  # the head of a JSON Lines file that decides how it is read
READ_ERRORS = (OSError, EOFError, zlib.error)  # a failing disk, a truncated or bad gzip
MAX_JSON_DEPTH_MESSAGE = "JSON nested too deeply"
MAX_ID_CHARS = 200
# C0/C1 control characters other than tab, newline, carriage return and form feed.
_CONTROL = re.compile(r"[\x01-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")
# Characters an article keeps none of: C0/C1 controls (not tab or newline), which XML 1.0
# (KML, GPKG metadata) cannot hold; vertical tab, form feed and NEL become newlines.
_LINE_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n", "\x85": "\n"})
_DROPPED = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")


class _FrontMatterLoader(yaml.SafeLoader):
    """YAML's safe loader, but dates stay strings so `parse_date` judges them all alike."""


_FrontMatterLoader.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
)


def supersedes(article: Article, kept: Article | None) -> bool:
    """Whether `article` replaces `kept`, the article of the same id read before: the one
    with the smallest origin is kept, so the outcome does not depend on the input order."""
    return kept is None or (article.origin or "") < (kept.origin or "")


def warn_if_id_reused(article: Article, kept: Article | None, kept_text_id: str) -> None:
    """Log a warning when a caller's id names two different texts (`kept_text_id` is the
    content id of the text kept so far): only one of them can be that article."""
    if kept is None or content_id(article.text) == kept_text_id:
        return
    first, second = sorted([article.origin or "", kept.origin or ""])
    log.warning(
        "%s: id %r is also the id of a different text in %s; the article in %s is kept",
        second,
        article.id,
        first,
        first,
    )


def read_sources(
    sources: Iterable[str], as_of: date | None = None
) -> Iterator[Article | InputError]:
    """Every article of every SOURCE (file, directory, or `-` for stdin), in a stable order.

    With `as_of` (the day the news is read as of), a date more than `FUTURE_SLACK_DAYS`
    after it is dropped with a warning; without it no date is judged "future", so the
    output never depends on the day it is made.
    """
    for source in sources:
        items = _read_stdin() if source == "-" else _read_path(Path(source))
        for item in items:
            yield item if isinstance(item, InputError) else drop_future_date(item, as_of)


def _read_path(path: Path) -> Iterator[Article | InputError]:
    for item in _expand(path):
        if isinstance(item, InputError):
            yield item
        else:
            yield from read_file(item)


def drop_future_date(article: Article, as_of: date | None) -> Article:
    """`article` without its date if that is more than `FUTURE_SLACK_DAYS` after `as_of`."""
    published = article.published
    if as_of is None or published is None or (published - as_of).days <= FUTURE_SLACK_DAYS:
        return article
    log.warning(
        "%s: date %s is after the as-of date %s; ignored",
        article.origin,
        published.isoformat(),
        as_of.isoformat(),
    )
    return replace(article, published=None)


def _expand(path: Path) -> Iterator[Path | InputError]:
    """The article files under `path`: itself, or every file with a known suffix below it.

    A path named on the command line is read whatever it is (a pipe from `<(...)` too);
    inside a directory only regular files are read, and other entries (named pipes,
    sockets, devices, broken or looping links) are reported and skipped.
    """
    if path.is_dir():
        found = sorted(_walk(path), key=lambda item: str(getattr(item, "origin", item)))
        if not found:
            yield InputError(str(path), "no article files (.txt .md .json .jsonl .html) inside")
        yield from found
    elif path.exists():
        yield path
    elif path.is_symlink():
        yield InputError(str(path), "broken or looping symbolic link")
    else:
        yield InputError(str(path), "no such file or directory")


def _walk(root: Path) -> Iterator[Path | InputError]:
    errors: list[OSError] = []
    for folder, dirs, files in os.walk(root, onerror=errors.append, followlinks=False):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.startswith(".") and file_format(Path(name)) is not None:
                yield _regular(Path(folder) / name)
    for exc in errors:
        where = exc.filename or str(root)
        yield InputError(str(where), f"cannot list directory ({exc.strerror or exc})")


def _regular(path: Path) -> Path | InputError:
    """`path` if it is a regular file (or a link to one), else the reason it is skipped."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        if path.is_symlink():
            return InputError(str(path), "broken or looping symbolic link")
        return InputError(str(path), f"cannot read ({exc.strerror or exc})")
    if stat.S_ISREG(mode):
        return path
    kind = (
        "a named pipe"
        if stat.S_ISFIFO(mode)
        else "a socket"
        if stat.S_ISSOCK(mode)
        else ("a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a file")
    )
    return InputError(str(path), f"cannot read: {kind}, not a regular file")


def file_format(path: Path) -> str | None:
    """The format suffix of an article file (`.txt`, ..., `.jsonl.gz`), None if unknown."""
    suffix = path.suffix.lower()
    if suffix == ".gz":
        inner = f"{Path(path.stem).suffix.lower()}.gz"
        return inner if inner in GZIP_SUFFIXES else None
    return suffix if suffix in SUFFIXES else None


def read_file(path: Path) -> Iterator[Article | InputError]:
    """The articles of one file, or an `InputError` naming it (and the line)."""
    origin = str(path)
    suffix = file_format(path) or path.suffix.lower()
    if suffix in LINES_SUFFIXES or suffix in GZIP_SUFFIXES:
        try:
            handle = _open_lines(path, gzipped=suffix in GZIP_SUFFIXES)
        except OSError as exc:
            yield InputError(origin, f"cannot read ({exc.strerror or exc})")
            return
        with handle:
            yield from read_lines(handle, origin)
        return
    try:
        with path.open("rb") as handle:
            data = _read_whole(handle, origin, suffix)
    except OSError as exc:
        yield InputError(origin, f"cannot read ({exc.strerror or exc})")
        return
    if isinstance(data, InputError):
        yield data
    else:
        yield from parse_bytes(data, origin, suffix)


def _read_whole(handle: BinaryIO, origin: str, suffix: str) -> bytes | InputError:
    """The bytes of an input read whole, or the error of one too large to read
    (`MAX_READ_BYTES`, `MAX_HTML_BYTES`)."""
    limit = MAX_HTML_BYTES if suffix in HTML_SUFFIXES else MAX_READ_BYTES
    data = handle.read(limit + 1)
    if len(data) > limit:
        return InputError(origin, f"file larger than {limit:,} bytes; split it")
    return data


def _open_lines(path: Path, gzipped: bool) -> io.BufferedReader:
    """A binary reader of the (decompressed) file whose `peek` shows `SNIFF_BYTES`; a read
    error (a truncated gzip, a failing disk) ends it after every byte read before."""
    raw: gzip.GzipFile | io.FileIO
    raw = gzip.GzipFile(path, "rb") if gzipped else path.open("rb", buffering=0)
    return io.BufferedReader(_StopAtError(raw), buffer_size=SNIFF_BYTES)


class _StopAtError(io.RawIOBase):
    """A raw stream that ends at the first read error of `raw` and keeps it in `error`,
    so that the buffered reader above it hands out every byte read before the error."""

    def __init__(self, raw: gzip.GzipFile | io.FileIO) -> None:
        super().__init__()
        self.raw = raw
        self.error: BaseException | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self.error is not None:
            return 0
        read = getattr(self.raw, "read1", self.raw.read)  # one read: never lose a part
        try:
            data = read(len(buffer))
        except READ_ERRORS as exc:
            self.error = exc
            return 0
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self.raw.close()
        super().close()


def _read_stdin() -> Iterator[Article | InputError]:
    """Standard input's articles: JSON Lines read a line at a time, else read whole."""
    handle = io.BufferedReader(cast(Any, sys.stdin.buffer), SNIFF_BYTES)  # one that peeks
    head = handle.peek(SNIFF_BYTES).lstrip()[:1]
    if head in (b"{", b"["):
        yield from read_lines(handle, "<stdin>")
        return
    suffix = ".html" if head == b"<" else ".txt"
    data = _read_whole(handle, "<stdin>", suffix)
    if isinstance(data, InputError):
        yield data
    else:
        yield from parse_bytes(data, "<stdin>", suffix)


def parse_bytes(data: bytes, origin: str, suffix: str) -> Iterator[Article | InputError]:
    """Decode and parse the content of one input whose format is given by `suffix`."""
    if suffix in LINES_SUFFIXES:
        yield from read_lines(io.BufferedReader(io.BytesIO(data), SNIFF_BYTES), origin)
    else:
        yield from _parse_whole(data, origin, suffix)


def _parse_whole(data: bytes, origin: str, suffix: str) -> Iterator[Article | InputError]:
    try:
        text = decode(data, origin)
    except InputError as exc:
        yield exc
        return
    if suffix in JSON_SUFFIXES:
        yield from _parse_json(text, origin, lines=suffix in LINES_SUFFIXES)
    elif suffix in HTML_SUFFIXES:
        yield _guard(_parse_html, text, origin)
    else:
        yield _guard(parse_text, text, origin)


def _guard(parse: Any, text: str, origin: str) -> Article | InputError:
    try:
        return parse(text, origin)
    except InputError as exc:
        return exc


def decode(data: bytes, origin: str) -> str:
    """Bytes to text: BOM-aware (UTF-8/UTF-16/UTF-32), UTF-16 without BOM, UTF-8, else a
    stated fallback with a warning: text that is mostly valid UTF-8 keeps it (bad bytes
    become U+FFFD), any other text is decoded as cp1252 (Windows-1252).

    Newlines become `\\n`; NUL bytes are dropped; binary data (many NUL bytes or control
    characters) and empty input are errors.
    """
    if not data.strip():
        raise InputError(origin, "empty input")
    encoding = _bom_encoding(data) or _utf16_without_bom(data)
    if encoding:
        text = data.decode(encoding, errors="replace")
    else:
        if data.count(0) > BINARY_NUL_SHARE * len(data):
            raise InputError(origin, "binary file, not text (many NUL bytes)")
        text, fallback = _decode_8bit(data)
    sample = text[:BINARY_SAMPLE_CHARS]
    if len(_CONTROL.findall(sample)) > BINARY_CONTROL_SHARE * len(sample):
        raise InputError(origin, "binary file, not text (many control characters)")
    if not encoding and fallback:
        log.warning("%s: %s", origin, fallback)
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")


def _bom_encoding(data: bytes) -> str | None:
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return encoding
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 LE/BE without a BOM: NUL bytes at (almost) every odd or every even position."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    half = len(data) // 2
    if odd > 0.9 * half and even < 0.1 * half:
        return "utf-16-le"
    if even > 0.9 * half and odd < 0.1 * half:
        return "utf-16-be"
    return None


def _decode_8bit(data: bytes) -> tuple[str, str | None]:
    """The text, and what the fallback did if the data is not valid UTF-8."""
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    multibyte = sum(1 for char in text if ord(char) > 0x7F) - bad
    if multibyte > bad:
        return text, (
            f"invalid UTF-8 at byte {first_bad}; {bad} bad byte sequence(s) replaced by U+FFFD"
        )
    return data.decode("cp1252", errors="replace"), (
        f"invalid UTF-8 at byte {first_bad}, decoded as cp1252"
    )


def parse_text(text: str, origin: str) -> Article:
    """A plain-text or Markdown article: YAML front matter, or a `date YYYY-MM-DD` line."""
    meta: dict[str, Any] = {}
    front = FRONT_MATTER.match(text)
    if front:
        try:
            loaded = yaml.load(front.group(1), Loader=_FrontMatterLoader)  # noqa: S506
        except (yaml.YAMLError, ValueError, RecursionError) as exc:
            reason = " ".join(str(exc).split())[:200] or type(exc).__name__
            raise InputError(origin, f"invalid YAML front matter ({reason})", line=1) from exc
        if not isinstance(loaded, dict):
            raise InputError(origin, "YAML front matter is not a mapping", line=1)
        meta = {str(k).lower(): v for k, v in loaded.items()}
        text = text[front.end() :]
    else:
        dated = DATE_LINE.match(text)
        if dated and ISO_DATE.fullmatch(dated.group(1)):
            meta["date"] = dated.group(1)
            text = text[dated.end() :]
    title, body = _split_title(text)
    return make_article(body, origin, {"title": title, **meta})


def _split_title(text: str) -> tuple[str | None, str]:
    """A short first line without final punctuation, followed by a blank line, is a title."""
    stripped = text.strip()
    first, sep, rest = stripped.partition("\n\n")
    first = first.strip().lstrip("# ").strip()
    short = sep and rest.strip() and "\n" not in first and len(first) <= 200
    if short and not first.endswith((".", "!", "?", ":", ";", ",")):
        return first, rest.strip()
    return None, stripped


def _parse_json(text: str, origin: str, lines: bool = False) -> Iterator[Article | InputError]:
    """A JSON object or array of objects, or JSON Lines (errors name the line).

    In a JSON Lines file (`lines`), text that is not one JSON array is read line by line,
    so a first line that merely looks like an array costs that line only.
    """
    stripped = text.strip()
    if stripped.startswith("[") and not (lines and _is_lines(stripped)):
        try:
            items = json.loads(stripped)
        except json.JSONDecodeError as exc:
            yield InputError(origin, f"invalid JSON ({exc.msg})", line=exc.lineno)
            return
        except RecursionError:
            yield InputError(origin, MAX_JSON_DEPTH_MESSAGE)
            return
        if not items:
            yield InputError(origin, "empty JSON array: no article")
        for index, item in enumerate(items, start=1):
            yield _guard_record(item, f"{origin}[{index}]")
        return
    if stripped.startswith("{") and "\n" in stripped:
        try:  # one pretty-printed object
            yield _guard_record(json.loads(stripped), origin)
            return
        except json.JSONDecodeError:
            pass  # JSON Lines
        except RecursionError:
            yield InputError(origin, MAX_JSON_DEPTH_MESSAGE)
            return
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            yield _parse_line(line, origin, number)


def _is_lines(text: str) -> bool:
    """Whether `text` (starting with `[`) is not one JSON value: several lines of one each."""
    return "\n" in text and not _is_json(text)


def _parse_line(line: str, origin: str, number: int) -> Article | InputError:
    """The article of one JSON Lines line, or the error naming the line."""
    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        return InputError(origin, f"not JSON ({exc.msg})", line=number)
    except RecursionError:
        return InputError(origin, MAX_JSON_DEPTH_MESSAGE, line=number)
    return _guard_record(item, origin, number)


def read_lines(handle: io.BufferedReader, origin: str) -> Iterator[Article | InputError]:
    """The articles of a JSON Lines stream, one line in memory at a time.

    What the first `SNIFF_BYTES` do not show to be line-by-line UTF-8 (or 8-bit) JSON Lines
    — a JSON array, a pretty-printed object, UTF-16/32, blank — is read whole (up to
    `MAX_READ_BYTES`) and judged as any JSON file. Bad lines are errors naming the line;
    the other lines are read. Lines are numbered as `\\n`, `\\r\\n` or `\\r` end them.
    A read error (`_StopAtError`) ends the file after the lines read before it.
    """
    streamable = _streamable(handle.peek(SNIFF_BYTES)[:SNIFF_BYTES])
    if not streamable:
        data = _read_whole(handle, origin, ".jsonl")
        error = getattr(handle.raw, "error", None)
        if error is not None:
            yield InputError(origin, f"cannot read ({_reason(error)})")
        elif isinstance(data, InputError):
            yield data
        else:
            yield from _parse_whole(data, origin, ".jsonl")
        return
    number, found = 0, False
    while True:
        raw = handle.readline(MAX_READ_BYTES + 1)
        if len(raw) > MAX_READ_BYTES and not raw.endswith(b"\n"):
            _skip_line(handle)
        error = getattr(handle.raw, "error", None)
        if error is not None and not raw.endswith(b"\n"):
            yield _cut_short(origin, number, error)
            return
        if not raw:
            break
        if len(raw) > MAX_READ_BYTES:
            number, found = number + 1, True
            yield InputError(
                origin, f"line longer than {MAX_READ_BYTES:,} bytes; skipped", line=number
            )
            continue
        if number == 0:
            raw = raw.removeprefix(codecs.BOM_UTF8)
        for piece in raw.removesuffix(b"\n").removesuffix(b"\r").split(b"\r"):
            number += 1
            line = _decode_line(piece, origin, number).replace("\x00", "")
            if line.strip():
                found = True
                yield _parse_line(line, origin, number)
    if not found:
        yield InputError(origin, "empty input")


def _cut_short(origin: str, number: int, error: BaseException) -> InputError:
    """The error of a JSON Lines file whose reading failed after `number` lines."""
    if isinstance(error, EOFError | zlib.error | gzip.BadGzipFile):
        reason = "file ends early or is corrupt (gzip)"
    else:
        reason = f"cannot read further ({_reason(error)})"
    if number == 0:
        return InputError(origin, reason)
    return InputError(origin, f"{reason}; the {number} line(s) before it were read", number + 1)


def _streamable(head: bytes) -> bool:
    """Whether JSON Lines that begin with `head` can be read line by line: 8-bit text that
    is neither a JSON array nor one pretty-printed object, or binary-looking data (each
    bad line is then an error of its own, so one bad line never costs the file)."""
    body = head.removeprefix(codecs.BOM_UTF8)
    if not body.strip():
        return False
    wide = _bom_encoding(body) or _utf16_without_bom(body[: len(body) // 2 * 2])
    if wide:  # UTF-16/32 JSON is read whole; a first line that merely starts so is not
        return body.decode(wide, errors="replace").lstrip("\ufeff \t\r\n")[:1] not in "{["
    text = _decode_8bit(body)[0].lstrip()
    if text.count("\x00") > BINARY_NUL_SHARE * len(text):
        return True
    if len(_CONTROL.findall(text)) > BINARY_CONTROL_SHARE * len(text):
        return True
    first, newline, _ = text.partition("\n")
    pretty = text[:1] == "{" and bool(newline) and not _is_json(first)
    return text[:1] != "[" and not pretty


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except (ValueError, RecursionError):
        return False
    return True


def _skip_line(handle: io.BufferedReader) -> None:
    """Read past the end of the current line."""
    while chunk := handle.readline(SNIFF_BYTES):
        if chunk.endswith(b"\n"):
            return


def _decode_line(raw: bytes, origin: str, number: int) -> str:
    """One line as text: UTF-8, else the fallback of `decode` (with a warning)."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        text, fallback = _decode_8bit(raw)
        log.warning("%s:%d: %s", origin, number, fallback)
        return text


def _reason(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__


def _guard_record(item: object, origin: str, line: int | None = None) -> Article | InputError:
    where = f"{origin}:{line}" if line is not None else origin
    if not isinstance(item, dict):
        return InputError(origin, "JSON value is not an object", line=line)
    body = item.get("text")
    if not isinstance(body, str):
        return InputError(origin, "object has no string 'text'", line=line)
    meta = {k: item.get(k) for k in ("id", "title", "date", "published", "source", "url")}
    try:
        return make_article(body, where, meta)
    except InputError as exc:
        return InputError(origin, str(exc).removeprefix(f"{where}: "), line=line)


def _parse_html(text: str, origin: str) -> Article:
    """The main text and metadata of a web page, extracted with trafilatura."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False)
    except Exception as exc:  # a third-party parser: any failure is this input's failure
        raise InputError(origin, f"HTML page cannot be parsed ({type(exc).__name__})") from exc
    body = getattr(doc, "text", None) if doc is not None else None
    if not body:
        raise InputError(origin, "no article text found in the HTML page")
    meta = {
        "title": getattr(doc, "title", None),
        "date": getattr(doc, "date", None),
        "source": getattr(doc, "sitename", None) or getattr(doc, "hostname", None),
        "url": getattr(doc, "url", None),
    }
    return make_article(body, origin, meta)


def make_article(body: str, origin: str, meta: dict[str, Any]) -> Article:
    """An Article from its text and loose metadata (strings, dates or None).

    Newlines (and vertical tab, form feed) become `\\n`, other control characters are
    dropped and lone surrogates (from JSON `\\ud800`) become U+FFFD, so every text can be
    written as UTF-8 and in XML (KML).
    """
    if len(body) > MAX_ARTICLE_CHARS:
        raise InputError(
            origin, f"article of {len(body):,} characters, over {MAX_ARTICLE_CHARS:,}; split it"
        )
    text = _valid_unicode(body).replace("\r\n", "\n").replace("\r", "\n")
    text = _DROPPED.sub("", text.translate(_LINE_BREAKS)).strip()
    if not text:
        raise InputError(origin, "empty article text")
    published = parse_date(meta.get("date") or meta.get("published"), origin)
    return Article(
        id=caller_id(meta.get("id"), origin) or content_id(text),
        text=text,
        title=_clean(meta.get("title")),
        published=published,
        source=_clean(meta.get("source")),
        url=_clean(meta.get("url")),
        origin=origin,
    )


def caller_id(value: object, origin: str) -> str | None:
    """The caller's record id as text (a string or an integer), None when absent."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise InputError(origin, f"'id' must be a string or an integer, not {type(value).__name__}")
    text = str(value).strip()
    if not text or len(text) > MAX_ID_CHARS or _CONTROL.search(text) or "\n" in text:
        raise InputError(
            origin, f"'id' must be 1 to {MAX_ID_CHARS} printable characters on one line"
        )
    return text


def _clean(value: object) -> str | None:
    """A metadata value as one line of text; lists of scalars are joined, others dropped."""
    if isinstance(value, list | tuple):
        parts = [_clean(v) for v in value if not isinstance(v, list | tuple | dict)]
        return "; ".join(p for p in parts if p) or None
    if not isinstance(value, str | int | float | date):
        return None  # None, or a mapping: no sensible one-line text (and no YAML alias bomb)
    text = " ".join(_DROPPED.sub("", _valid_unicode(str(value))).split())
    return text or None


def _valid_unicode(text: str) -> str:
    """`text` with lone surrogates replaced by U+FFFD (they cannot be encoded as UTF-8)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _LONE_SURROGATE.sub("\ufffd", text)
    return text


def parse_date(value: object, origin: str) -> date | None:
    """An ISO date (or datetime); an impossible date is dropped with a warning."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        parsed = datetime.fromisoformat(text[:10]).date() if ISO_DATE.match(text) else None
    except ValueError:
        parsed = None
    if parsed is None:
        log.warning("%s: impossible or unknown date %r ignored", origin, text[:40])
        return None
    return parsed
