"""Article readers: plain text (with an optional `date YYYY-MM-DD` line), Markdown/text with
YAML front matter, JSON, JSONL, HTML (trafilatura) and stdin.

`read_sources` streams `Article`s and, for inputs that cannot be read, `InputError`s naming
the file (and line), so one bad input never stops the others.
"""

from __future__ import annotations

import codecs
import json
import logging
import os
import re
import sys
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from geo.errors import InputError
from geo.model import Article

log = logging.getLogger("conflictmap")

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
SUFFIXES = TEXT_SUFFIXES | JSON_SUFFIXES | HTML_SUFFIXES

DATE_LINE = re.compile(r"\A\s*date[:\s]\s*(\S+)\s*", re.IGNORECASE)
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.DOTALL)
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
BINARY_NUL_SHARE = 0.01
FUTURE_SLACK_DAYS = 2


def read_sources(sources: Iterable[str]) -> Iterator[Article | InputError]:
    """Every article of every SOURCE (file, directory, or `-` for stdin), in a stable order."""
    for source in sources:
        if source == "-":
            yield from _read_stdin()
            continue
        try:
            paths = list(_expand(Path(source)))
        except InputError as exc:
            yield exc
            continue
        for path in paths:
            yield from read_file(path)


def _expand(path: Path) -> Iterator[Path]:
    """The article files under `path`: itself, or every file with a known suffix below it."""
    if path.is_dir():
        found = sorted(_walk(path))
        if not found:
            raise InputError(str(path), "no article files (.txt .md .json .jsonl .html) inside")
        yield from found
    elif path.is_file():
        yield path
    elif path.is_symlink():
        raise InputError(str(path), "broken or looping symbolic link")
    else:
        raise InputError(str(path), "no such file or directory")


def _walk(root: Path) -> Iterator[Path]:
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.startswith(".") and Path(name).suffix.lower() in SUFFIXES:
                yield Path(folder) / name


def read_file(path: Path) -> Iterator[Article | InputError]:
    """The articles of one file, or an `InputError` naming it."""
    origin = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield InputError(origin, f"cannot read ({exc.strerror or exc})")
        return
    yield from parse_bytes(data, origin, path.suffix.lower())


def _read_stdin() -> Iterator[Article | InputError]:
    data = sys.stdin.buffer.read()
    head = data.lstrip()[:1]
    suffix = ".jsonl" if head in (b"{", b"[") else ".html" if head == b"<" else ".txt"
    yield from parse_bytes(data, "<stdin>", suffix)


def parse_bytes(data: bytes, origin: str, suffix: str) -> Iterator[Article | InputError]:
    """Decode and parse the content of one input whose format is given by `suffix`."""
    try:
        text = decode(data, origin)
    except InputError as exc:
        yield exc
        return
    if suffix in JSON_SUFFIXES:
        yield from _parse_json(text, origin)
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
    """Bytes to text: BOM-aware (UTF-8/UTF-16/UTF-32), UTF-8, else cp1252 with a warning.

    Newlines become `\\n`; NUL bytes are dropped; a mostly-NUL or empty input is an error.
    """
    if not data.strip():
        raise InputError(origin, "empty input")
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            text = data.decode(encoding, errors="replace")
            break
    else:
        if data.count(0) > BINARY_NUL_SHARE * len(data):
            raise InputError(origin, "binary file, not text")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            log.warning("%s: invalid UTF-8 at byte %d, decoded as cp1252", origin, exc.start)
            text = data.decode("cp1252", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")


def parse_text(text: str, origin: str) -> Article:
    """A plain-text or Markdown article: YAML front matter, or a `date YYYY-MM-DD` line."""
    meta: dict[str, Any] = {}
    front = FRONT_MATTER.match(text)
    if front:
        try:
            loaded = yaml.safe_load(front.group(1))
        except yaml.YAMLError as exc:
            raise InputError(origin, f"invalid YAML front matter ({exc})", line=1) from exc
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


def _parse_json(text: str, origin: str) -> Iterator[Article | InputError]:
    """A JSON object or array of objects, or JSON Lines (errors name the line)."""
    stripped = text.strip()
    if stripped.startswith("["):
        try:
            items = json.loads(stripped)
        except json.JSONDecodeError as exc:
            yield InputError(origin, f"invalid JSON ({exc.msg})", line=exc.lineno)
            return
        for index, item in enumerate(items, start=1):
            yield _guard_record(item, f"{origin}[{index}]")
        return
    if stripped.startswith("{") and "\n" in stripped:
        try:  # one pretty-printed object
            yield _guard_record(json.loads(stripped), origin)
            return
        except json.JSONDecodeError:
            pass  # JSON Lines
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(origin, f"not JSON ({exc.msg})", line=number)
            continue
        yield _guard_record(item, origin, number)


def _guard_record(item: object, origin: str, line: int | None = None) -> Article | InputError:
    where = f"{origin}:{line}" if line is not None else origin
    if not isinstance(item, dict):
        return InputError(origin, "JSON value is not an object", line=line)
    body = item.get("text")
    if not isinstance(body, str):
        return InputError(origin, "object has no string 'text'", line=line)
    meta = {k: item.get(k) for k in ("title", "date", "published", "source", "url")}
    try:
        return make_article(body, where, meta)
    except InputError as exc:
        return InputError(origin, str(exc).removeprefix(f"{where}: "), line=line)


def _parse_html(text: str, origin: str) -> Article:
    """The main text and metadata of a web page, extracted with trafilatura."""
    import trafilatura

    doc = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False)
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
    """An Article from its text and loose metadata (strings, dates or None)."""
    text = body.strip()
    if not text:
        raise InputError(origin, "empty article text")
    published = parse_date(meta.get("date") or meta.get("published"), origin)
    return Article.from_text(
        text,
        title=_clean(meta.get("title")),
        published=published,
        source=_clean(meta.get("source")),
        url=_clean(meta.get("url")),
        origin=origin,
    )


def _clean(value: object) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def parse_date(value: object, origin: str) -> date | None:
    """An ISO date (or datetime); an impossible or far-future date is dropped with a warning."""
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
    if (parsed - date.today()).days > FUTURE_SLACK_DAYS:
        log.warning("%s: date %s is in the future; ignored", origin, parsed.isoformat())
        return None
    return parsed
