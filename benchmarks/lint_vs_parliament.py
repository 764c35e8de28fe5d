"""Lint speed against parliament (duo-labs), the usual open-source IAM policy linter.

Run: .venv/bin/pip install -e '.[bench]' && .venv/bin/python benchmarks/lint_vs_parliament.py

Same run, same files: AWS's four example policies (tools/sources), repaired so that
parliament can read them.
1. In process: our lint() vs parliament.analyze_policy_string(), median of 9 runs of many
   calls after a warm-up, in CPU time of this process (so that other work on a shared
   machine does not count); each of our calls parses its text anew, while what was learnt
   about ARN strings (cached pure functions, as in an editing session or a CI run over many
   files) stays. Target: ours at least 2x faster. "Cold": every cache keyed by what a policy
   holds cleared before each call (ARNs, names and verdicts never seen in this process);
   kept, as parliament keeps its own loaded definitions: the catalog and what is derived
   from the catalog alone. Targets: at least 2x faster than parliament, at most 2x warm.
2. Whole process: `chime-policy lint FILE` vs `parliament --file FILE`, median wall time of
   repeated runs, both installed as users install them (pip install, not editable) in one
   new virtual environment made for the run. Target: at least 4x faster.
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
import warnings
from pathlib import Path

from _caches import CATALOG_DERIVED, clear_caches, engine_caches

ROOT = Path(__file__).resolve().parent.parent
NAMES = ("app-instance-admin", "full-user", "minimal-user", "websocket-connect")


def examples() -> list[str]:
    from editor.core.json.read import fix_all

    text = (ROOT / "tools" / "sources" / "aws_example_iam_roles.md").read_text(encoding="utf-8")
    return [fix_all(block) for block in re.findall(r"```\n(.*?)```", text, re.S)]


def per_call_us(func, number: int = 300) -> float:
    runs = timeit.repeat(func, timer=time.process_time, number=number, repeat=9)
    return statistics.median(runs) / number * 1e6


def fresh_text() -> None:
    """Forget parsed texts: each call reads its text anew, as for a file never seen."""
    from editor.core.json.read import read_json

    read_json.cache_clear()


def in_process(texts: list[str]) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # parliament imports the deprecated pkg_resources
        from parliament import analyze_policy_string
    from editor.core.lint.engine import lint

    caches = engine_caches()
    print(
        f"in process, per call (median); cold = {len(caches)} caches and the memo cleared "
        f"(kept: the catalog, {', '.join(CATALOG_DERIVED)}):"
    )
    header = f"  {'example':<20}{'warm':>9}{'cold':>9}{'cold/warm':>11}{'parliament':>12}"
    print(header + f"{'vs warm':>9}{'vs cold':>9}")
    warm_ratios, cold_ratios, cold_costs = [], [], []
    for name, text in zip(NAMES, texts, strict=True):
        lint(text), analyze_policy_string(text)
        ours = per_call_us(lambda t=text: (fresh_text(), lint(t)))
        cold = per_call_us(lambda t=text: (clear_caches(caches), lint(t)), number=100)
        cold -= per_call_us(lambda: clear_caches(caches), number=100)  # the clearing itself
        theirs = per_call_us(lambda t=text: analyze_policy_string(t))
        warm_ratios.append(theirs / ours)
        cold_ratios.append(theirs / cold)
        cold_costs.append(cold / ours)
        print(
            f"  {name:<20}{ours:>7.0f}us{cold:>7.0f}us{cold / ours:>10.1f}x{theirs:>10.0f}us"
            f"{theirs / ours:>8.1f}x{theirs / cold:>8.1f}x"
        )
    for label, worst, target in (
        ("parliament / ours warm, slowest", min(warm_ratios), 2),
        ("parliament / ours cold, slowest", min(cold_ratios), 2),
    ):
        verdict = "met" if worst >= target else "MISSED"
        print(f"  {label}: {worst:.1f}x; target >= {target}x: {verdict}")
    worst = max(cold_costs)
    print(f"  cold / warm, worst: {worst:.1f}x; target <= 2x: {'met' if worst <= 2 else 'MISSED'}")


def wall_ms(command: list[str], runs: int = 15) -> float:
    # parliament reads standard input when it is not a terminal; give it a terminal.
    master, slave = os.openpty()
    times = []
    try:
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run(
                command, stdin=slave, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
            times.append((time.perf_counter() - start) * 1e3)
    finally:
        os.close(master)
        os.close(slave)
    return statistics.median(times)


def fresh_install(folder: Path) -> Path:
    """A new virtual environment holding both tools as users install them (not editable)."""
    venv = folder / "venv"
    base = getattr(sys, "_base_executable", sys.executable)
    subprocess.run([base, "-m", "venv", str(venv)], check=True)
    pip = [
        str(venv / "bin" / "python"),
        "-m",
        "pip",
        "install",
        "-q",
        "--disable-pip-version-check",
    ]
    subprocess.run([*pip, str(ROOT), "parliament", "setuptools<81"], check=True)
    return venv / "bin"


def whole_process(texts: list[str]) -> None:
    print("whole process, wall time (median of 15 runs), both installed in one new venv:")
    ratios = []
    with tempfile.TemporaryDirectory() as folder:
        bin_ = fresh_install(Path(folder))
        for name, text in zip(NAMES, texts, strict=True):
            path = Path(folder) / f"{name}.json"
            path.write_text(text, encoding="utf-8")
            wall_ms([str(bin_ / "chime-policy"), "lint", str(path)], runs=2)  # warm caches
            ours = wall_ms([str(bin_ / "chime-policy"), "lint", str(path)])
            theirs = wall_ms([str(bin_ / "parliament"), "--file", str(path)])
            ratios.append(theirs / ours)
            print(f"  {name:<20}{ours:>7.0f} ms{theirs:>10.0f} ms{theirs / ours:>7.1f}x")
    worst = min(ratios)
    print(f"  slowest ratio {worst:.1f}x; target >= 4x: {'met' if worst >= 4 else 'MISSED'}")


def main() -> None:
    texts = examples()
    in_process(texts)
    whole_process(texts)


if __name__ == "__main__":
    main()
