"""No import cycle inside ``dateline/``: every module imports alone, and the import graph has
no cycle.

The graph counts every ``import`` statement of a module, those inside functions too: an import
moved into a function to get around a cycle still ties the two modules together (and is how
the cycles this test was written for were hidden).  Importing a module from inside a function
to save time when it is not needed stays allowed, as long as it closes no cycle.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import REPO

PACKAGE = REPO / "dateline"


@dataclass(frozen=True)
class Edge:
    """``source`` imports ``target`` at ``line`` (in a function when ``lazy``)."""

    source: str
    target: str
    line: int
    lazy: bool


def modules(package: Path = PACKAGE) -> dict[str, Path]:
    """Every module of ``package`` by dotted name (a package by its ``__init__.py``)."""
    found = {}
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(package.parent).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


Statement = ast.Import | ast.ImportFrom


def _imports(tree: ast.AST, lazy: bool = False) -> Iterator[tuple[Statement, bool]]:
    """Every import statement under ``tree``, and whether it is inside a function."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node, lazy
        else:
            inner = isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
            yield from _imports(node, lazy or inner)


def _targets(node: Statement, name: str, path: Path,
             known: dict[str, Path]) -> list[str]:
    """The package's modules an import statement of module ``name`` (file ``path``) loads."""
    if isinstance(node, ast.Import):
        wanted = [alias.name for alias in node.names]
    else:
        base = node.module or ""
        if node.level:  # relative: from the module's package, one level up per extra dot
            package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
            package = package[:len(package) - node.level + 1]
            base = ".".join([*package, *([node.module] if node.module else [])])
        # "from package import module" loads the module; "from module import name", the module
        wanted = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]
    found = []
    for target in wanted:
        while target not in known and "." in target:  # "import dateline.x.y" of a non-module
            target = target.rpartition(".")[0]
        if target in known and target != name:
            found.append(target)
    return found


def import_graph(package: Path = PACKAGE) -> dict[str, list[Edge]]:
    """Each module's imports of ``package``'s modules, in the order they are written."""
    known = modules(package)
    graph: dict[str, list[Edge]] = {}
    for name, path in known.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        graph[name] = [Edge(name, target, node.lineno, lazy)
                       for node, lazy in _imports(tree)
                       for target in _targets(node, name, path, known)]
    return graph


def cycles(graph: dict[str, list[Edge]]) -> list[list[Edge]]:
    """The shortest cycle through each module that is on one and on none found before it
    (none: ``[]``), so that every module of a cycle is named."""
    found: list[list[Edge]] = []
    done: set[str] = set()
    for start in sorted(graph):
        path = None if start in done else _cycle_through(start, graph)
        if path is not None:
            found.append(path)
            done.update(edge.source for edge in path)
    return found


def _cycle_through(start: str, graph: dict[str, list[Edge]]) -> list[Edge] | None:
    """The shortest chain of imports from ``start`` back to it, if any (breadth first)."""
    paths: dict[str, list[Edge]] = {start: []}
    frontier = [start]
    while frontier:
        following = []
        for module in frontier:
            for edge in graph[module]:
                if edge.target == start:
                    return [*paths[module], edge]
                if edge.target not in paths:
                    paths[edge.target] = [*paths[module], edge]
                    following.append(edge.target)
        frontier = following
    return None


def describe(cycle: list[Edge]) -> str:
    chain = " → ".join([cycle[0].source, *(edge.target for edge in cycle)])
    lines = [f"  {e.source} line {e.line}: imports {e.target}{' (in a function)' * e.lazy}"
             for e in cycle]
    return "\n".join([f"import cycle: {chain}", *lines])


def test_the_package_has_no_import_cycle() -> None:
    found = cycles(import_graph())
    assert found == [], "\n" + "\n".join(describe(cycle) for cycle in found)


def test_the_graph_sees_every_kind_of_import(tmp_path: Path) -> None:
    """A cycle made of module-level, relative, in-function, ``TYPE_CHECKING`` and aliased
    imports, through a package's ``__init__``, is found."""
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    files = {
        "__init__.py": "from . import a\n",
        "a.py": "def f():\n    from .sub.b import g\n    return g\n",
        "sub/__init__.py": "",
        "sub/b.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .. import c\n",
        "c.py": "import os\nimport pkg.sub as alias\nfrom pkg import d\n",
        "d.py": "from pkg.sub.b import name\n",
    }
    for name, text in files.items():
        (package / name).write_text(text, encoding="utf-8")
    graph = import_graph(package)
    assert {name: [(e.target, e.line, e.lazy) for e in edges] for name, edges in graph.items()} \
        == {"pkg": [("pkg.a", 1, False)], "pkg.a": [("pkg.sub.b", 2, True)], "pkg.c": [
            ("pkg.sub", 2, False), ("pkg.d", 3, False)], "pkg.d": [("pkg.sub.b", 1, False)],
            "pkg.sub": [], "pkg.sub.b": [("pkg.c", 3, False)]}
    assert [describe(cycle).splitlines()[0] for cycle in cycles(graph)] == [
        "import cycle: pkg.c → pkg.d → pkg.sub.b → pkg.c"]


def test_a_cycle_is_found_and_named() -> None:
    graph = {"a": [Edge("a", "b", 3, False)], "b": [Edge("b", "c", 5, True)],
             "c": [Edge("c", "a", 7, False)], "d": [Edge("d", "a", 1, False)]}
    found = cycles(graph)
    assert [[edge.source for edge in cycle] for cycle in found] == [["a", "b", "c"]]
    assert describe(found[0]).splitlines() == [
        "import cycle: a → b → c → a", "  a line 3: imports b",
        "  b line 5: imports c (in a function)", "  c line 7: imports a"]


def _import_alone(module: str) -> str | None:
    """``None`` when ``module`` imports in a fresh interpreter, else the end of its error."""
    done = subprocess.run([sys.executable, "-c", f"import {module}"], cwd=REPO,
                          capture_output=True, text=True, timeout=120, check=False)
    if done.returncode == 0:
        return None
    return f"{module}:\n" + "\n".join(done.stderr.strip().splitlines()[-3:])


def test_every_module_imports_alone_in_a_fresh_interpreter() -> None:
    with ThreadPoolExecutor(max_workers=2) as pool:  # two interpreters at a time
        failures = [f for f in pool.map(_import_alone, sorted(modules())) if f is not None]
    assert failures == [], "\n\n".join(failures)
