"""The package is ruff-clean and ruff-formatted (word tables sit between `# fmt: off/on`)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("gazetteer", "geo", "maps", "conflictmap")


def ruff(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ruff", *args], cwd=ROOT, capture_output=True,
                          text=True, check=False)  # fmt: skip


def test_ruff_check_is_clean() -> None:
    result = ruff("check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_package_is_formatted() -> None:
    result = ruff("format", "--check", *PACKAGES)
    assert result.returncode == 0, result.stdout + result.stderr
