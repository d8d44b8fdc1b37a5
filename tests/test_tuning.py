"""Side effects by request: importing the library changes nothing process-wide;
`geo.tuning.tune_process()` does (one BLAS thread), and only when called."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO

CHECK = """
import spacy.pipeline
from threadpoolctl import threadpool_info

def blas():
    return sorted((i["internal_api"], i["num_threads"]) for i in threadpool_info()
                  if i["user_api"] == "blas")

ruler = spacy.pipeline.AttributeRuler
lemmatizer = spacy.pipeline.Lemmatizer
originals = (ruler.match, ruler.set_annotations, lemmatizer.rule_lemmatize)
before = blas()
import geo.nlp, geo.pipeline, geo.run, geo.streaming, geo.tuning, maps.export, conflictmap.cli
assert blas() == before, (before, blas())
assert (ruler.match, ruler.set_annotations, lemmatizer.rule_lemmatize) == originals
geo.tuning.tune_process()
assert all(n == 1 for _, n in blas()), blas()
print("ok")
"""


def test_import_changes_nothing_until_tune_process() -> None:
    done = subprocess.run(
        [sys.executable, "-c", CHECK], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"
