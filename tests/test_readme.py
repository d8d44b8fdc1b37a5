"""The README works as written: its Python blocks run, its example commands run from the
repository's folder, its article examples read as it says; every command's --help has
examples that parse; `conflictmap --version` answers."""

from __future__ import annotations

import contextlib
import io
import re
import shlex
import shutil
from datetime import date
from pathlib import Path

import pytest
from conftest import REPO

from conflictmap.cli import COMMANDS, build_parser, main
from geo.readers import read_sources

README = (REPO / "README.md").read_text(encoding="utf-8")


def blocks(language: str) -> list[str]:
    """The README's fenced code blocks of `language`."""
    return re.findall(rf"^```{language}\n(.*?)^```", README, flags=re.DOTALL | re.MULTILINE)


def commands() -> list[list[str]]:
    """Every `conflictmap` command of the README's sh blocks, as argv (comments dropped)."""
    found = []
    for block in blocks("sh"):
        for line in block.splitlines():
            for part in line.split("&&"):
                argv = shlex.split(part, comments=True)
                if argv and argv[0] == "conflictmap":
                    found.append(argv[1:])
    return found


def test_the_readme_has_what_it_promises() -> None:
    assert len(blocks("python")) >= 2 and len(commands()) >= 8
    assert "../shared" not in README
    assert "OfflineGeocoder().geocode" in blocks("python")[-1]


@pytest.mark.parametrize("index", range(len(blocks("python"))))
def test_python_blocks_run(index: int, monkeypatch) -> None:
    monkeypatch.chdir(REPO)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(blocks("python")[index], f"README.md python block {index}", "exec"), {})
    assert printed.getvalue().strip(), "the example prints its answer"


@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="needs Debian chromium")
@pytest.mark.browser
def test_example_commands_run_from_the_repository_folder(tmp_path, monkeypatch) -> None:
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    shutil.copytree(REPO / "tests" / "data", tmp_path / "tests" / "data")
    monkeypatch.chdir(tmp_path)
    for argv in commands():
        assert main(argv) == 0, " ".join(argv)
    assert (tmp_path / "brief" / "brief.pdf").is_file()
    assert (tmp_path / "venezuela.geojson").is_file() and (tmp_path / "parts").is_dir()


def test_the_article_examples_read_as_described(tmp_path) -> None:
    (text_block,) = blocks("text")
    (jsonl_block,) = blocks("jsonl")
    (tmp_path / "a.txt").write_text(text_block, encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(jsonl_block, encoding="utf-8")
    articles = {a.id: a for a in read_sources([str(tmp_path)])}
    assert set(articles) == {"a1", "a2", next(k for k in articles if k not in {"a1", "a2"})}
    (txt,) = [a for k, a in articles.items() if k not in {"a1", "a2"}]
    assert (txt.published, txt.title) == (date(2025, 9, 23), "Boat strike off Venezuela")
    assert txt.text.startswith("US forces struck a boat")
    assert articles["a1"].source == "Example Wire" and articles["a2"].published == date(2025, 9, 23)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_help_has_examples_that_parse(command: str, capsys) -> None:
    with pytest.raises(SystemExit):
        main([command, "--help"])
    text = capsys.readouterr().out
    examples = text.split("examples:\n", 1)[1].split("\n\n", 1)[0]
    lines = [line.split("  ")[1] if line.startswith("  ") else "" for line in examples.splitlines()]
    lines = [line for line in lines if line.startswith("conflictmap ")]
    assert lines, f"{command} --help has examples"
    parser, _ = build_parser()
    for line in lines:
        argv = shlex.split(line.split("   ")[0])[1:]
        assert parser.parse_args(argv).command == command, line


def test_version(capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert re.fullmatch(r"conflictmap \d+\.\d+\.\d+\n", capsys.readouterr().out)
