"""Start-up of the command: spaCy imported without its own command line.

`import spacy` runs `from .cli.info import info`, which imports all of `spacy.cli`
(typer, click, weasel, requests, jinja2, the project and training commands: ~260
modules; ~0.1 CPU-s of a cold `map`, whose folium needs requests and jinja2 anyway) for
a function conflictmap never calls. `defer_spacy_cli()` makes
`spacy.cli` and `spacy.cli.info` stand-ins that import the real modules at the first
use of any of their attributes, so nothing changes for a caller that does use them.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import sys
import types
from collections.abc import Sequence
from typing import Any

DEFERRED = ("spacy.cli", "spacy.cli.info")


class _Deferred(types.ModuleType):
    """A stand-in module: reading an attribute it lacks imports the real module."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # the import system probing (__path__, __file__...)
            raise AttributeError(name)
        return getattr(_real(self.__name__), name)


def _info(*args: Any, **kwargs: Any) -> Any:
    """`spacy.info`, imported when called."""
    return _real("spacy.cli.info").info(*args, **kwargs)


class _Finder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Serves the stand-ins through the import system (so `spacy.cli` is set on the
    `spacy` package as usual) until the first real use removes it."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: types.ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname not in DEFERRED:
            return None
        return importlib.util.spec_from_loader(fullname, self, is_package=fullname == "spacy.cli")

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType:
        return _Deferred(spec.name)

    def exec_module(self, module: types.ModuleType) -> None:
        if module.__name__ == "spacy.cli.info":
            module.info = _info  # type: ignore[attr-defined]  # spacy/__init__ imports it


_FINDER = _Finder()


def _real(name: str) -> types.ModuleType:
    """The real module `name`, the stand-ins and their finder gone first."""
    if _FINDER in sys.meta_path:
        sys.meta_path.remove(_FINDER)
    for stub in DEFERRED:
        if isinstance(sys.modules.get(stub), _Deferred):
            del sys.modules[stub]
    return importlib.import_module(name)


def defer_spacy_cli() -> None:
    """Have `spacy.cli` imported at its first use instead of with spaCy (no-op once
    spaCy is imported)."""
    if "spacy" not in sys.modules and _FINDER not in sys.meta_path:
        sys.meta_path.insert(0, _FINDER)
