"""The command's start-up: spaCy imported without its own command line, usable as before."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import sys
from conflictmap.startup import defer_spacy_cli
defer_spacy_cli()
import spacy
print(type(sys.modules["spacy.cli"]).__name__, "requests" in sys.modules)
print(callable(spacy.cli.download), type(sys.modules["spacy.cli"]).__name__)
print(spacy.info()["spacy_version"] == spacy.__version__)
"""


def test_spacy_cli_is_imported_at_its_first_use_only() -> None:
    """`import spacy` leaves `spacy.cli` (and requests) unloaded; the first use of
    `spacy.cli` or `spacy.info` imports the real modules. A fresh interpreter: the test
    process has imported spaCy already."""
    lines = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert lines == ["_Deferred False", "True module", "True"]
