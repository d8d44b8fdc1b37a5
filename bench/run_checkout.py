"""Run `conflictmap` from a given source tree with this virtualenv (before/after runs).

    .venv/bin/python bench/run_checkout.py DIR map seeds/ -o OUT

The editable install's import finder maps `conflictmap`, `geo`, `maps` and `gazetteer` to
this checkout ahead of `PYTHONPATH`; it is taken out and DIR goes first on `sys.path`, so
a `git archive` of an older commit runs with the same libraries, through the function its
console script names. Forked Dask workers
inherit the same modules.
"""

from __future__ import annotations

import importlib
import sys
import tomllib
from pathlib import Path


def use_checkout(code: str) -> None:
    """Import conflictmap's packages from the source tree `code` from now on."""
    editable = [f for f in sys.meta_path if type(f).__module__.startswith("__editable__")]
    for finder in editable:
        sys.meta_path.remove(finder)
    sys.path.insert(0, code)


def console_script(code: str) -> str:
    """What the checkout's `conflictmap` console script calls ("module:function")."""
    project = tomllib.loads((Path(code) / "pyproject.toml").read_text(encoding="utf-8"))
    return str(project["project"]["scripts"]["conflictmap"])


def main() -> None:
    code, *args = sys.argv[1:]
    use_checkout(code)
    sys.argv = ["conflictmap", *args]
    module, function = console_script(code).split(":")
    sys.exit(getattr(importlib.import_module(module), function)())


if __name__ == "__main__":
    main()
