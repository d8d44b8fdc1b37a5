"""mypy passes on the four packages, with the checks of `[tool.mypy]` in pyproject.toml.

The config may skip imports only of named third-party packages (no global
`ignore_missing_imports`) and silences no module's errors.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("gazetteer", "geo", "maps", "conflictmap")


def run_mypy(*targets: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", str(ROOT / "pyproject.toml"), *targets],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def mypy_config() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]


def test_packages_type_check() -> None:
    result = run_mypy(*PACKAGES)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_reports_an_error(tmp_path: Path) -> None:
    """The run above would fail on a type error (the config does not hide it)."""
    bad = tmp_path / "bad.py"
    bad.write_text('def half(n: int) -> int:\n    return n / 2\n\n\nhalf("x")\n')
    result = run_mypy(str(bad))
    assert result.returncode == 1
    assert "bad.py:2: error" in result.stdout and "bad.py:5: error" in result.stdout


def test_config_silences_only_named_modules() -> None:
    config = mypy_config()
    assert config["python_version"] == "3.11"
    assert not config.get("ignore_missing_imports") and not config.get("ignore_errors")
    for override in config.get("overrides", []):
        assert set(override) <= {"module", "ignore_missing_imports"}, override


IGNORE = re.compile(r"#\s*type:\s*ignore")
EXPLAINED = re.compile(r"#\s*type:\s*ignore\[[a-z-]+(, *[a-z-]+)*\]  # \S")


def test_every_type_ignore_names_its_error_and_reason() -> None:
    unexplained = [
        f"{path.relative_to(ROOT)}:{number}"
        for package in PACKAGES
        for path in sorted((ROOT / package).rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if IGNORE.search(line) and not EXPLAINED.search(line)
    ]
    assert not unexplained, "type: ignore without [code]  # reason: " + ", ".join(unexplained)
