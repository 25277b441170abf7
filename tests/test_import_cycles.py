"""No import cycles between the project's modules (bot, adapters, storage), counting imports
made only for type checking: a cycle there is still two modules that can't be understood, or
moved, one without the other."""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("bot", "adapters", "storage")

#: Cycles found outside the Slack adapter when this test was written, left to their owners.
#: This list may only shrink: a new cycle fails the test.
KNOWN_CYCLES: frozenset[frozenset[str]] = frozenset()

Graph = Mapping[str, set[str]]


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules_of(root: Path, packages: tuple[str, ...]) -> dict[str, Path]:
    return {
        module_name(path, root): path
        for package in packages
        for path in sorted((root / package).rglob("*.py"))
    }


def imports_of(name: str, path: Path, known: Mapping[str, Path]) -> set[str]:
    """The project modules ``name`` imports: the submodule when ``from package import x``
    names one, else the package itself (its ``__init__``)."""
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = resolve(name, is_package, node.module, node.level)
            for alias in node.names:
                sub = f"{base}.{alias.name}" if base else alias.name
                found.add(sub if sub in known else base)
    return {target for target in found if target in known and target != name}


def resolve(name: str, is_package: bool, module: str | None, level: int) -> str:
    if level == 0:
        return module or ""
    parts = name.split(".")
    if not is_package:
        parts.pop()
    parts = parts[: len(parts) - (level - 1)] if level > 1 else parts
    return ".".join([*parts, *([module] if module else [])])


def import_graph(root: Path, packages: tuple[str, ...]) -> dict[str, set[str]]:
    known = modules_of(root, packages)
    return {name: imports_of(name, path, known) for name, path in known.items()}


def cycles(graph: Graph) -> list[frozenset[str]]:
    """The strongly connected components with more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[frozenset[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(frozenset(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def describe(found: list[frozenset[str]]) -> Iterator[str]:
    for component in found:
        yield " <-> ".join(sorted(component))


def test_the_slack_adapter_has_no_import_cycle() -> None:
    found = cycles(import_graph(ROOT, PACKAGES))
    assert [c for c in describe(found) if "adapters.slack" in c] == []


def test_no_new_import_cycle_anywhere() -> None:
    found = set(cycles(import_graph(ROOT, PACKAGES)))
    assert sorted(describe(sorted(found - KNOWN_CYCLES, key=sorted))) == []


def test_the_check_sees_type_checking_and_relative_imports(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from pkg.b import B\n")
    (package / "b.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .a import A\n"
    )
    (package / "c.py").write_text("from . import a\n")
    graph = import_graph(tmp_path, ("pkg",))
    assert graph["pkg.c"] == {"pkg.a"}
    assert cycles(graph) == [frozenset({"pkg.a", "pkg.b"})]
