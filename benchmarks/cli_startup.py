"""`chime-policy lint FILE` as a whole process, against bare Python in the same run.

Run: .venv/bin/python benchmarks/cli_startup.py [--baseline-ref REF]
Baselines, taking turns with ours: `python -c pass` (the interpreter, and the editable
install's path hook that every command of this virtual environment pays) and
`python -c "import json"`, `python -c "import argparse"` (what any JSON CLI pays). Ours:
`python -m editor.cli lint FILE` on a 6,144-character policy and `--help`. With
--baseline-ref, the same lint run from that commit (checked out in a temporary `git worktree`)
takes turns too. Fastest of RUNS each: the least disturbed run on a shared machine.

Then the standard-library modules the lint run imports that it has no use for (argparse's
help formatter importing shutil, dataclasses importing inspect...), from `-X importtime`.
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
# Imported by the lint run although a lint needs none of them: each is start-up time.
WATCHED = ("shutil", "bz2", "lzma", "locale", "inspect", "dataclasses", "ast", "dis", "tokenize")


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


def imported(command: list[str], cwd: Path) -> list[str]:
    out = subprocess.run(
        [sys.executable, "-X", "importtime", *command[1:]],
        cwd=cwd,
        env=_env(),
        capture_output=True,
        text=True,
    )
    names = [line.rsplit("|", 1)[-1].strip() for line in out.stderr.splitlines()]
    return [n for n in names if n and not n.startswith("imported package")]


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
            ours_modules = imported(lint, ROOT)
            theirs_modules = imported(lint, base) if ref else []
        finally:
            if ref:
                subprocess.run(["git", "worktree", "remove", "--force", str(base)], cwd=ROOT)
    bare = best["python -c pass"]
    print(f"fastest of {RUNS} runs, taken in turns (minus `python -c pass`: what the code adds):")
    for name, ms in best.items():
        print(f"  {name:<44}{ms:7.1f} ms{ms - bare:+8.1f} ms")
    print(f"the lint run imports {len(ours_modules)} modules", end="")
    print(f" ({len(theirs_modules)} at {ref})" if ref else "")
    unneeded = [m for m in WATCHED if m in ours_modules]
    print(f"  of which a lint has no use for: {', '.join(unneeded) or 'none'}")
    if ref:
        before = [m for m in WATCHED if m in theirs_modules]
        print(f"  at {ref}: {', '.join(before) or 'none'}")


if __name__ == "__main__":
    main()
