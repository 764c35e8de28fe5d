"""`chime-policy lint FILE` as a whole process, against bare Python in the same run.

Run: .venv/bin/python benchmarks/cli_startup.py [--baseline-ref REF]
Baselines, taking turns with ours: `python -c pass` (the interpreter, and the editable
install's path hook that every command of this virtual environment pays) and
`python -c "import json"`, `python -c "import argparse"` (what any JSON CLI pays). Ours:
`python -m editor.cli lint FILE` on a 6,144-character policy and `--help`. With
--baseline-ref, the same lint run from that commit (checked out in a temporary `git worktree`)
takes turns too. Fastest of RUNS each: the least disturbed run on a shared machine.

Then every standard-library module the lint run has imported when it exits, beyond those of
`python -c pass`, and which of them a lint has no use for (argparse's help formatter importing
shutil, dataclasses importing inspect...), needs only for argparse's translations, or needs
only for some policies. The time spent defining NamedTuple and Enum classes on the way
(typing.NamedTuple builds each class from generated source). And what argparse's parser
costs in this process: the lint command's alone (what a lint run builds) against all nine
commands' (what `--help` builds).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from _policies import policy_of_size  # noqa: E402

RUNS = 15
# Standard-library modules a lint needs none of: each one imported is start-up time lost.
NO_USE = (
    "shutil",  # argparse's help formatter, for the terminal's width (with bz2, lzma)
    "bz2",
    "lzma",
    "dataclasses",  # with inspect, ast, dis, tokenize, linecache, copy
    "inspect",
    "ast",
    "dis",
    "tokenize",
    "linecache",
    "copy",
    "tempfile",
    "logging",  # only --verbose
    "importlib.metadata",  # only SARIF (the tool's version)
    "email",
    "zipfile",
    "subprocess",
    "difflib",  # only fix/fill/edit --diff
    "pydantic",  # only new, fill and the generator
)
# Imported because argparse translates its words ("usage:", "options") through gettext,
# which looks up the locale's catalog: any argparse parser pays them.
FOR_ARGPARSE = ("gettext", "locale")
# Needed only by some runs: module -> what needs it.
SOMETIMES = {
    "datetime": "a Date condition's value",
    "runpy": "`python -m`, as timed here; the installed script runs without it",
}


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # compiled once, as an installed package is
    env["PYTHONPYCACHEPREFIX"] = os.path.join(tempfile.gettempdir(), "cli-startup-pycache")
    return env


def wall_ms(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        command, cwd=cwd, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    return (time.perf_counter() - start) * 1e3


# Lists sys.modules as the process ends. (`-X importtime` misses what importlib.import_module
# loads, as the command's own module is.)
PROBE = (
    "import atexit, sys\natexit.register(lambda: print(*sorted(sys.modules), file=sys.stderr))\n"
)


def imported(args: list[str], cwd: Path) -> list[str]:
    """The modules loaded when `python -m editor.cli ARGS` exits; bare Python's with no ARGS."""
    code = PROBE
    if args:
        code += f"import runpy\nsys.argv = ['chime-policy', *{args!r}]\n"
        code += "runpy.run_module('editor.cli', run_name='__main__', alter_sys=True)\n"
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, env=_env(), capture_output=True, text=True
    )
    return out.stderr.splitlines()[-1].split()


# Times every NamedTuple and Enum class definition of the run: each is code run at import.
CLASS_PROBE = """
import atexit, enum, sys, time, typing
spent = {"NamedTuple": [], "Enum": []}
def timed(kind, make):
    def new(*args, **kwargs):
        start = time.perf_counter()
        made = make(*args, **kwargs)
        spent[kind].append(time.perf_counter() - start)
        return made
    return new
typing.NamedTupleMeta.__new__ = timed("NamedTuple", typing.NamedTupleMeta.__new__)
enum.EnumType.__new__ = timed("Enum", enum.EnumType.__new__)
atexit.register(lambda: print(*(f"{k}:{len(v)}:{sum(v)}" for k, v in spent.items()),
                              file=sys.stderr))
"""


def class_costs(args: list[str], cwd: Path) -> dict[str, tuple[int, float]]:
    """Kind -> (classes defined, ms spent defining them) in a `python -m editor.cli ARGS`
    run: fastest of 5."""
    code = CLASS_PROBE + f"import runpy\nsys.argv = ['chime-policy', *{args!r}]\n"
    code += "runpy.run_module('editor.cli', run_name='__main__', alter_sys=True)\n"
    best: dict[str, tuple[int, float]] = {}
    for _ in range(5):
        out = subprocess.run(
            [sys.executable, "-c", code], cwd=cwd, env=_env(), capture_output=True, text=True
        )
        for item in out.stderr.splitlines()[-1].split():
            kind, count, seconds = item.split(":")
            ms = float(seconds) * 1e3
            if kind not in best or ms < best[kind][1]:
                best[kind] = (int(count), ms)
    return best


def parser_ms() -> tuple[float, float]:
    """Fastest of 50 builds: the lint command's parser alone, and all nine commands'."""
    from editor.cli.main import COMMANDS, build_parser, command_module

    for name in COMMANDS:
        command_module(name)  # imported: what is timed is the parsers, not the imports
    times = []
    for only in ("lint", None):
        best = float("inf")
        for _ in range(50):
            start = time.perf_counter()
            build_parser(only)
            best = min(best, time.perf_counter() - start)
        times.append(best * 1e3)
    return times[0], times[1]


def report_modules(ours: list[str], bare: list[str], theirs: list[str], ref: str | None) -> None:
    top = {name.split(".", 1)[0] for name in ours}
    stdlib = [m for m in ours if m.split(".", 1)[0] in sys.stdlib_module_names and m not in bare]
    print(f"the lint run imports {len(ours)} modules", end="")
    print(f" ({len(theirs)} at {ref})" if ref else "")
    print(f"  python -c pass imports {len(bare)}; of the rest, the standard library's", end="")
    print(f" {len(stdlib)}: {', '.join(sorted(stdlib))}")
    unneeded = [m for m in NO_USE if m in ours or m in top]
    print(f"  of which a lint has no use for: {', '.join(unneeded) or 'none'}")
    translating = [m for m in FOR_ARGPARSE if m in ours]
    print(f"  only for argparse's translations: {', '.join(translating) or 'none'}")
    for module, why in SOMETIMES.items():
        if module in ours:
            print(f"  only for some runs: {module} ({why})")
    if ref:
        before = [m for m in NO_USE if m in theirs]
        print(f"  at {ref}, of no use: {', '.join(before) or 'none'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline-ref", help="also time the lint run of this commit")
    ref = parser.parse_args().baseline_ref
    py = sys.executable
    with tempfile.TemporaryDirectory() as folder:
        policy = Path(folder) / "policy.json"
        policy.write_text(policy_of_size(6144), encoding="utf-8")
        lint = [py, "-m", "editor.cli", "lint", str(policy)]
        commands: dict[str, tuple[list[str], Path]] = {
            "python -c pass": ([py, "-c", "pass"], ROOT),
            'python -c "import json"': ([py, "-c", "import json"], ROOT),
            'python -c "import argparse"': ([py, "-c", "import argparse"], ROOT),
            "chime-policy lint FILE": (lint, ROOT),
            "chime-policy --help": ([py, "-m", "editor.cli", "--help"], ROOT),
        }
        base = Path(folder) / "baseline"
        if ref:
            subprocess.run(
                ["git", "worktree", "add", "--detach", "-q", str(base), ref], cwd=ROOT, check=True
            )
            # Run from its own tree: editor.resources must be the baseline's data, not ours.
            (base / "editor" / "resources").symlink_to(base / "resources")
            commands[f"chime-policy lint FILE at {ref}"] = (lint, base)
        try:
            for command, cwd in commands.values():
                wall_ms(command, cwd)  # compiles the bytecode, warms the file cache
            best = dict.fromkeys(commands, float("inf"))
            for _ in range(RUNS):  # taking turns: each sees the same load
                for name, (command, cwd) in commands.items():
                    best[name] = min(best[name], wall_ms(command, cwd))
            ours_modules = imported(lint[3:], ROOT)
            classes = class_costs(lint[3:], ROOT)
            bare_modules = imported([], ROOT)
            theirs_modules = imported(lint[3:], base) if ref else []
        finally:
            if ref:
                subprocess.run(["git", "worktree", "remove", "--force", str(base)], cwd=ROOT)
    bare = best["python -c pass"]
    print(f"fastest of {RUNS} runs, taken in turns (minus `python -c pass`: what the code adds):")
    for name, ms in best.items():
        print(f"  {name:<44}{ms:7.1f} ms{ms - bare:+8.1f} ms")
    report_modules(ours_modules, bare_modules, theirs_modules, ref)
    defined = ", ".join(f"{n} {kind}s {ms:.1f} ms" for kind, (n, ms) in classes.items())
    print(f"classes the lint run defines, fastest of 5: {defined}")
    lint_only, every = parser_ms()
    print(f"argparse, in this process: the lint command's parser {lint_only:.2f} ms ", end="")
    print(f"(what a lint run builds), all nine commands' {every:.2f} ms (what --help builds)")


if __name__ == "__main__":
    main()
