"""The preview shown before Fix all applies: the line diff of a policy and its fixed text.

Run: .venv/bin/python benchmarks/diff_preview.py

The change is as dense as a Fix all of a policy pasted with a defect in every statement: one
line of each statement is changed (its Sid re-cased), over the whole file. The named
baseline, measured in the same run on the same texts: `difflib.SequenceMatcher` over all
lines, which the dialog used before (left out above 100 KB, where it takes minutes). Flat
microseconds per KB mean linear time; the target: 1 MB and 3 MB previews ready in under a
second.
"""

from __future__ import annotations

import difflib
import sys
import time
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _policies import text_of_bytes

from editor.core.text.linediff import diff_rows

SIZES_KB = [25, 50, 100, 1024, 3072]
BASELINE_UP_TO_KB = 100


def best_of(runs: int, work: object) -> float:
    assert callable(work)
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    heads = ("size", 7), ("lines", 7), ("changed", 8), ("ours ms", 9), ("us/KB", 7)
    print(" ".join(f"{h:>{w}}" for h, w in heads), f"{'difflib ms':>11} {'x':>6}")
    for kb in SIZES_KB:
        before = text_of_bytes(kb * 1024)
        after = before.replace('"Sid": "Grant', '"Sid": "grant')
        rows = diff_rows(before, after)
        changed = sum(r.sign == "-" for r in rows)
        ours = best_of(3, partial(diff_rows, before, after))
        line = f"{kb:>5}KB {len(rows):>7} {changed:>8} {ours * 1e3:>9.1f} {ours * 1e6 / kb:>7.1f}"
        if kb <= BASELINE_UP_TO_KB:
            a, b = before.splitlines(), after.splitlines()
            matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
            base = best_of(1, matcher.get_opcodes)
            line += f" {base * 1e3:>11.1f} {base / ours:>6.1f}"
        else:
            line += f" {'(minutes)':>11} {'':>6}"
        print(line, flush=True)


if __name__ == "__main__":
    main()
