"""The import contract: arrows run one way, and no module imports itself in a circle.

Floors, bottom to top: `gazetteer` <- `geo` <- `maps` <- `conflictmap` (the commands). A
module may import its own floor or a lower one, never a higher one, and the imports
between modules (top-level, function-level and `TYPE_CHECKING` ones alike, read from the
AST) form no cycle. The gazetteer's builder (`gazetteer.build`) is imported only by the
`gazetteer` command.

On main before issue 21 this test failed with, among others:
    gazetteer.store -> geo.errors, gazetteer.store -> geo.model (upward)
    geo.parallel -> maps.export, geo.parallel -> maps.features (upward)
    geo.cli.map_cmd -> maps.render (upward: the commands lived in geo)
    cycles: gazetteer.areas <-> gazetteer.store, geo.evaluate <-> geo.geoparse,
            geo.parallel <-> geo.run
(`test_checker_finds_upward_imports_and_cycles` shows the checker catches both kinds.)
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FLOORS = ("gazetteer", "geo", "maps", "conflictmap")
BUILDER = "gazetteer.build"
BUILDER_USERS = ("conflictmap.commands.gazetteer",)


def module_files(root: Path, packages: tuple[str, ...] = FLOORS) -> dict[str, tuple[Path, bool]]:
    """Dotted module name -> (file, is a package `__init__`), for every module of `packages`."""
    found: dict[str, tuple[Path, bool]] = {}
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            parts = list(path.relative_to(root).with_suffix("").parts)
            is_package = parts[-1] == "__init__"
            if is_package:
                parts.pop()
            found[".".join(parts)] = (path, is_package)
    return found


def _owner(name: str, modules: dict[str, tuple[Path, bool]]) -> str | None:
    """The module that `name` (a module or a name inside one) lives in, if it is ours."""
    parts = name.split(".")
    while parts:
        if ".".join(parts) in modules:
            return ".".join(parts)
        parts.pop()
    return None


def _imported(module: str, is_package: bool, tree: ast.AST) -> Iterator[tuple[str, int]]:
    """(imported name, line) of every import statement anywhere in the module."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                here = module.split(".") if is_package else module.split(".")[:-1]
                here = here[: len(here) - node.level + 1]
                base = ".".join([*here, *([node.module] if node.module else [])])
            for alias in node.names:
                yield f"{base}.{alias.name}", node.lineno


def import_graph(root: Path, packages: tuple[str, ...] = FLOORS) -> dict[str, dict[str, int]]:
    """module -> {imported module of ours: first line}, from the source alone."""
    modules = module_files(root, packages)
    graph: dict[str, dict[str, int]] = {}
    for module, (path, is_package) in modules.items():
        edges = graph.setdefault(module, {})
        for name, line in _imported(module, is_package, ast.parse(path.read_text())):
            target = _owner(name, modules)
            if target is not None and target != module:
                edges.setdefault(target, line)
    return graph


def upward_imports(graph: dict[str, dict[str, int]], floors: tuple[str, ...] = FLOORS) -> list[str]:
    """`a -> b (line)` for every import of a higher floor."""
    rank = {name: i for i, name in enumerate(floors)}
    return [
        f"{a} -> {b} (line {line})"
        for a, edges in sorted(graph.items())
        for b, line in sorted(edges.items())
        if rank[b.split(".")[0]] > rank[a.split(".")[0]]
    ]


def cycles(graph: dict[str, dict[str, int]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, {}):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def test_no_upward_imports() -> None:
    assert upward_imports(import_graph(ROOT)) == []


def test_no_import_cycles() -> None:
    assert cycles(import_graph(ROOT)) == []


def test_builder_is_not_imported_at_run_time() -> None:
    graph = import_graph(ROOT)
    users = sorted(
        a
        for a, edges in graph.items()
        if not a.startswith(BUILDER)
        and any(b == BUILDER or b.startswith(BUILDER + ".") for b in edges)
    )
    assert users == list(BUILDER_USERS)


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def test_checker_finds_upward_imports_and_cycles(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "gazetteer/__init__.py": "",
            "gazetteer/store.py": "from geo.model import Place\n",
            "geo/__init__.py": "",
            "geo/model.py": "",
            "geo/run.py": "def f():\n    from geo import parallel\n",
            "geo/parallel.py": "from .run import f\n",
            "maps/__init__.py": "",
            "conflictmap/__init__.py": "",
        },
    )
    graph = import_graph(tmp_path)
    assert upward_imports(graph) == ["gazetteer.store -> geo.model (line 1)"]
    assert cycles(graph) == [["geo.parallel", "geo.run"]]
