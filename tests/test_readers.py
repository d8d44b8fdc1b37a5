"""Readers: every supported format gives the article text and metadata a user expects."""

from __future__ import annotations

import io
import json
import random
from datetime import date
from pathlib import Path

import pytest

from geo.errors import InputError
from geo.model import Article
from geo.readers import read_sources

SEED = Path(__file__).resolve().parents[1] / "seeds"


def read_all(*sources: str | Path) -> list[Article | InputError]:
    return list(read_sources([str(s) for s in sources]))


def test_seed_format_takes_the_date_line_and_keeps_the_text() -> None:
    (article,) = read_all(SEED)
    assert isinstance(article, Article)
    assert article.published == date(2025, 9, 23)
    assert article.text.startswith("The White House rejected Venezuelan dictator")
    assert "date 2025" not in article.text
    assert article.title is None


def test_plain_text_with_date_line_and_title(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("date 2024-07-29\nProtests in Caracas\n\nCrowds marched in Caracas.\n")
    (article,) = read_all(path)
    assert article.published == date(2024, 7, 29)
    assert article.title == "Protests in Caracas"
    assert article.text == "Crowds marched in Caracas."


def test_markdown_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "b.md"
    path.write_text(
        "---\ntitle: Strike off Venezuela\ndate: 2025-09-02\nsource: Wire\n"
        "url: https://example.org/x\n---\nUS forces struck a boat.\n"
    )
    (article,) = read_all(path)
    assert (article.title, article.source, article.url) == (
        "Strike off Venezuela",
        "Wire",
        "https://example.org/x",
    )
    assert article.published == date(2025, 9, 2)
    assert article.text == "US forces struck a boat."


def test_jsonl_one_article_per_line_with_errors_naming_the_line(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    lines = [
        json.dumps({"text": "Fighting in Donetsk.", "title": "T1", "date": "2024-05-01"}),
        "not json",
        json.dumps({"title": "no text"}),
        json.dumps({"text": "Riots in Paris.", "source": "AFP"}),
    ]
    path.write_text("\n".join(lines))
    items = read_all(path)
    articles = [i for i in items if isinstance(i, Article)]
    errors = [str(i) for i in items if isinstance(i, InputError)]
    assert [a.text for a in articles] == ["Fighting in Donetsk.", "Riots in Paris."]
    assert articles[0].published == date(2024, 5, 1) and articles[1].source == "AFP"
    assert errors == [
        f"{path}:2: not JSON (Expecting value)",
        f"{path}:3: object has no string 'text'",
    ]


def test_json_array_and_single_object(tmp_path: Path) -> None:
    (tmp_path / "d.json").write_text(json.dumps([{"text": "One."}, {"text": "Two."}]))
    (tmp_path / "e.json").write_text(json.dumps({"text": "Three.", "url": "u"}, indent=2))
    texts = sorted(a.text for a in read_all(tmp_path) if isinstance(a, Article))
    assert texts == ["One.", "Three.", "Two."]


def test_html_main_text_is_extracted(tmp_path: Path) -> None:
    body = " ".join(["Venezuelan troops were deployed to the border with Colombia."] * 5)
    page = (
        "<html><head><title>Troops deployed</title></head><body><nav>Home | World</nav>"
        f"<article><h1>Troops deployed</h1><p>{body}</p></article>"
        "<footer>Copyright</footer></body></html>"
    )
    (tmp_path / "f.html").write_text(page)
    (article,) = read_all(tmp_path / "f.html")
    assert "deployed to the border with Colombia" in article.text
    assert "Copyright" not in article.text
    assert article.title == "Troops deployed"


def test_directory_is_read_recursively_in_a_stable_order(tmp_path: Path) -> None:
    (tmp_path / "z").mkdir()
    (tmp_path / "z" / "b.txt").write_text("Second article.")
    (tmp_path / "a.txt").write_text("First article.")
    (tmp_path / "ignored.csv").write_text("x,y")
    assert [a.text for a in read_all(tmp_path)] == ["First article.", "Second article."]


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    data = json.dumps({"text": "From a pipe."}).encode()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    (article,) = read_all("-")
    assert article.text == "From a pipe." and article.origin == "<stdin>:1"


def test_article_id_is_the_hash_of_its_text(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Same text.")
    (tmp_path / "b.jsonl").write_text(json.dumps({"text": "Same text.", "title": "x"}))
    first, second = read_all(tmp_path)
    assert first.id == second.id == Article.from_text("Same text.").id


def test_a_records_id_is_the_article_id(tmp_path: Path) -> None:
    rows = [{"id": "wire-17", "text": "A."}, {"id": 42, "text": "B."}, {"text": "C."}]
    (tmp_path / "a.jsonl").write_text("\n".join(json.dumps(r) for r in rows))
    first, second, third = read_all(tmp_path / "a.jsonl")
    assert (first.id, second.id) == ("wire-17", "42")
    assert third.id == Article.from_text("C.").id


@pytest.mark.parametrize("bad", [True, "", "   ", "a\nb", "x" * 201, ["a"], {"a": 1}])
def test_a_bad_id_is_an_error_naming_the_line(tmp_path: Path, bad: object) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"text": "fine"}) + "\n" + json.dumps({"id": bad, "text": "x"}))
    good, error = read_all(path)
    assert isinstance(good, Article)
    assert isinstance(error, InputError) and error.line == 2 and "'id'" in str(error)


def test_one_id_on_two_texts_warns_and_keeps_the_smallest_origin(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from geo.run import read_articles

    (tmp_path / "b.jsonl").write_text(json.dumps({"id": "r1", "text": "Second text."}))
    (tmp_path / "a.jsonl").write_text(json.dumps({"id": "r1", "text": "First text."}))
    (article,), failures = read_articles([str(tmp_path)])
    assert article.text == "First text." and failures == []
    assert "'r1' is also the id of a different text" in caplog.text
    assert str(tmp_path / "b.jsonl") in caplog.text


def test_missing_path_is_an_error_and_the_rest_is_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Still read.")
    items = read_all(tmp_path / "missing.txt", tmp_path)
    assert str(items[0]) == f"{tmp_path / 'missing.txt'}: no such file or directory"
    assert items[1].text == "Still read."


def test_gzipped_jsonl_is_read_line_by_line_from_a_directory(tmp_path: Path) -> None:
    import gzip

    lines = [json.dumps({"text": f"Shelling in Kharkiv, report {i}."}) for i in range(3)]
    with gzip.open(tmp_path / "feed.jsonl.gz", "wt", encoding="utf-8") as out:
        out.write("\n".join([lines[0], "not json", *lines[1:]]) + "\n")
    (tmp_path / "other.gz").write_bytes(b"ignored: not JSON Lines")
    items = read_all(tmp_path)
    path = tmp_path / "feed.jsonl.gz"
    assert [str(i) for i in items if isinstance(i, InputError)] == [
        f"{path}:2: not JSON (Expecting value)"
    ]
    assert [a.origin for a in items if isinstance(a, Article)] == [
        f"{path}:1",
        f"{path}:3",
        f"{path}:4",
    ]


def test_truncated_gzip_keeps_the_lines_before_and_names_the_line(tmp_path: Path) -> None:
    import gzip

    noise = random.Random(5).randbytes(1_500_000).hex()  # 3 MB that gzip cannot shrink
    body = "".join(
        json.dumps({"text": f"Goma {noise[i : i + 3000]}"}) + "\n"
        for i in range(0, len(noise), 3000)
    )
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(gzip.compress(body.encode())[:-2000])
    items = read_all(path)
    errors = [i for i in items if isinstance(i, InputError)]
    articles = [i for i in items if isinstance(i, Article)]
    assert len(errors) == 1 and 900 < len(articles) < 1000
    assert errors[0].line == len(articles) + 1 and "file ends early" in str(errors[0])


def test_jsonl_line_ends_bom_and_a_cp1252_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(
        b"\xef\xbb\xbf"
        + json.dumps({"text": "One."}).encode()
        + b"\r\n"
        + json.dumps({"text": "Two."}).encode()
        + b"\r"
        + '{"text": "Bogot\xe1."}'.encode("cp1252")
        + b"\n\n"
        + json.dumps({"text": "Four."}).encode()
    )
    with caplog.at_level("WARNING", logger="conflictmap"):
        items = read_all(path)
    assert [(a.text, a.origin) for a in items] == [
        ("One.", f"{path}:1"),
        ("Two.", f"{path}:2"),
        ("Bogotá.", f"{path}:3"),
        ("Four.", f"{path}:5"),
    ]
    assert f"{path}:3: invalid UTF-8 at byte 15, decoded as cp1252" in caplog.messages
