"""The shape of the package, enforced.

The direction of imports (the core's pipeline stages, no Qt and no front end in the core, the
two front ends apart) is import-linter's job: the contracts in pyproject.toml, checked here
and in .ci/run by `lint-imports`. What no contract expresses stays here: no import cycles
anywhere in editor/ (a package and one of its own modules included), every core package
placed in the pipeline, and the core loading no Qt when it runs.

Every import counts, a lazy one inside a function too: it is still an edge a reader must follow.
"""

import ast
import itertools
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EDITOR = ROOT / "editor"
CORE = EDITOR / "core"
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


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


def contracts() -> list[dict[str, object]]:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        return tomllib.load(handle)["tool"]["importlinter"]["contracts"]


def test_import_contracts_hold() -> None:
    result = subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Contracts: {len(contracts())} kept, 0 broken." in result.stdout


def test_every_core_package_is_placed_by_a_contract() -> None:
    # The layers contract is exhaustive, but it lets "files" stand aside: a package stands
    # aside only when contracts of its own say what it may import and who may import it.
    (layers,) = [c for c in contracts() if c["type"] == "layers"]
    assert layers["containers"] == ["editor.core"] and layers["exhaustive"] is True
    for aside in layers.get("exhaustive_ignores", []):
        module = f"editor.core.{aside}"
        forbidden = [c for c in contracts() if c["type"] == "forbidden"]
        assert any(c["source_modules"] == [module] for c in forbidden), aside
        assert any(module in c["forbidden_modules"] for c in forbidden), aside


def test_core_top_level_holds_packages_and_at_most_three_modules() -> None:
    modules = sorted(p.name for p in CORE.glob("*.py") if p.name != "__init__.py")
    assert len(modules) <= 3, modules
    for package in (p for p in CORE.iterdir() if p.is_dir() and p.name != "__pycache__"):
        init = package / "__init__.py"
        assert init.exists(), f"{package.name} is not a package"
        assert ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))), (
            f"{package.name}/__init__.py must say what the package holds and may import"
        )


def test_importing_the_whole_core_loads_no_qt() -> None:
    modules = sorted(m for m in MODULES if m.startswith("editor.core"))
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "print(sorted(m for m in sys.modules if m.startswith('PySide')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_whole_editor_type_checks_strictly() -> None:
    # pyproject.toml sets strict; CI runs the same. The window and the command line too:
    # PySide6's stubs say where Qt may hand back None.
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "editor"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
