"""The shape of the package, enforced: no import cycles anywhere in editor/, the core's
packages import only the stages before them, and the core never imports Qt, the UI or the CLI.

Every import counts, a lazy one inside a function too: it is still an edge a reader must follow.
"""

import ast
import itertools
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EDITOR = ROOT / "editor"
CORE = EDITOR / "core"

# Each core package and the core packages it may import (its own modules always). Pipeline
# order: text -> json -> catalog -> policy -> lint / access -> export. A new package must be
# added here, with what it may import, before it can land.
ALLOWED: dict[str, set[str]] = {
    "text": set(),
    "json": {"text"},
    "catalog": {"text", "json"},
    "policy": {"text", "json", "catalog"},
    "lint": {"text", "json", "catalog", "policy"},
    "access": {"text", "json", "catalog", "policy"},
    "export": {"text", "json", "catalog", "policy", "lint"},
    "files": set(),
}
# Top-level packages of editor/ and the ones they may import.
FRONT_ENDS: dict[str, set[str]] = {
    "core": {"core"},
    "cli": {"core", "cli"},
    "ui": {"core", "ui"},
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in EDITOR.rglob("*.py")}


def imports_of(path: Path) -> list[tuple[int, str]]:
    """(line, module) for every import of ours in the file, nested ones included."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("editor")]
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("editor"):
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                found.append((node.lineno, submodule if submodule in MODULES else node.module))
    return found


def edges() -> dict[str, dict[str, int]]:
    """module -> {imported module: line of the first import}."""
    graph: dict[str, dict[str, int]] = {}
    for name, path in MODULES.items():
        targets: dict[str, int] = {}
        for line, target in imports_of(path):
            if target != name and target in MODULES:
                targets.setdefault(target, line)
        graph[name] = targets
    return graph


def cycles(graph: dict[str, dict[str, int]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(graph[start]))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(graph[child])))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def describe(graph: dict[str, dict[str, int]], component: list[str]) -> str:
    """The shortest chain of imports that leads from the component's first module back to it."""
    inside = set(component)
    start = component[0]
    previous: dict[str, str] = {}
    frontier = [start]
    while frontier and start not in previous:
        following = []
        for module in frontier:
            for target in graph[module]:
                if target in inside and target not in previous:
                    previous[target] = module
                    following.append(target)
        frontier = following
    chain = [start]
    while len(chain) == 1 or chain[-1] != start:
        chain.append(previous[chain[-1]])
    chain.reverse()
    return (
        " -> ".join(
            f"{a} ({MODULES[a].relative_to(ROOT)}:{graph[a][b]})"
            for a, b in itertools.pairwise(chain)
        )
        + f" -> {start}"
    )


def test_no_import_cycles_in_editor() -> None:
    graph = edges()
    problems = [describe(graph, c) for c in cycles(graph)]
    assert not problems, "import cycles:\n" + "\n".join(problems)


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = {"a": {"b": 1}, "b": {"c": 2}, "c": {"a": 3}, "d": {"a": 4}}
    assert cycles(graph) == [["a", "b", "c"]]


def core_package(module: str) -> str | None:
    parts = module.split(".")
    if parts[:2] != ["editor", "core"] or len(parts) < 3:
        return None
    return parts[2]


def test_core_packages_import_only_earlier_stages() -> None:
    problems = []
    for name, targets in edges().items():
        package = core_package(name)
        if package is None:
            continue
        if package not in ALLOWED:
            problems.append(
                f"{name}: package {package!r} is not in ALLOWED (say what it may import)"
            )
            continue
        for target, line in targets.items():
            imported = core_package(target)
            if imported is not None and imported != package and imported not in ALLOWED[package]:
                where = MODULES[name].relative_to(ROOT)
                problems.append(
                    f"{where}:{line} imports {target} ({package} may not import {imported})"
                )
    assert not problems, "\n".join(problems)


def test_front_ends_and_core_import_only_what_they_may() -> None:
    problems = []
    for name, targets in edges().items():
        parts = name.split(".")
        if len(parts) < 2 or parts[1] not in FRONT_ENDS:
            continue
        for target, line in targets.items():
            target_parts = target.split(".")
            if len(target_parts) >= 2 and target_parts[1] not in FRONT_ENDS[parts[1]]:
                where = MODULES[name].relative_to(ROOT)
                problems.append(f"{where}:{line} imports {target}")
    assert not problems, "\n".join(problems)


def test_core_top_level_holds_packages_and_at_most_three_modules() -> None:
    modules = sorted(p.name for p in CORE.glob("*.py") if p.name != "__init__.py")
    assert len(modules) <= 3, modules
    for package in (p for p in CORE.iterdir() if p.is_dir() and p.name != "__pycache__"):
        init = package / "__init__.py"
        assert init.exists(), f"{package.name} is not a package"
        assert ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))), (
            f"{package.name}/__init__.py must say what the package holds and may import"
        )


@pytest.mark.parametrize("path", sorted(CORE.rglob("*.py")), ids=lambda p: str(p.relative_to(CORE)))
def test_no_core_module_imports_qt(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    qt = [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for node in ast.walk(tree)
        if (isinstance(node, ast.Import) and any("PySide" in a.name for a in node.names))
        or (isinstance(node, ast.ImportFrom) and node.module and "PySide" in node.module)
    ]
    assert not qt, f"Qt imported in the core at {qt}"


def test_importing_the_whole_core_loads_no_qt() -> None:
    modules = sorted(m for m in MODULES if m.startswith("editor.core"))
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "print(sorted(m for m in sys.modules if m.startswith('PySide')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
