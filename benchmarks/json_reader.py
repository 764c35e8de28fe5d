"""Speed of the tolerant JSON reader (tree + findings).

Run: .venv/bin/python benchmarks/json_reader.py
Baseline, same run and same text: json.loads (strict, C-accelerated, stops at the first error).
Targets: a 6,144-character policy (managed-policy maximum) in under 1 ms median; time grows
linearly with size (10 KB, 100 KB, 1 MB).
"""

from __future__ import annotations

import json
import statistics
import sys
import timeit
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _policies import non_whitespace, policy_of_size, text_of_bytes

from editor.core.json.read import read_json, read_tolerantly


def median_ms(func, number: int, repeat: int = 15) -> float:
    return statistics.median(timeit.repeat(func, number=number, repeat=repeat)) / number * 1e3


def fresh(text: str) -> None:
    """Read `text` from scratch: read_json keeps the last texts it read (the editor reads one
    text several times per edit), which must not flatter the figures."""
    read_json.cache_clear()
    read_json(text)


def main() -> None:
    text = policy_of_size(6144)
    ours = median_ms(lambda: fresh(text), 200)
    base = median_ms(lambda: json.loads(text), 2000)
    print(f"6,144-char policy ({non_whitespace(text):,} non-whitespace, {len(text):,} chars):")
    print(f"  read_json  median {ours:.3f} ms   target < 1 ms: {'met' if ours < 1 else 'MISSED'}")
    print(f"  json.loads median {base:.3f} ms   ratio read_json / json.loads: {ours / base:.0f}x")
    broken = text.replace('",\n', '"\n', 5)  # five missing commas
    print(
        f"  same text with 5 missing commas: {median_ms(lambda: fresh(broken), 200):.3f} ms"
        " (the tolerant reader)"
    )
    for label, reader in (("well-formed", fresh), ("tolerant reader", read_tolerantly)):
        growth(label, reader)


def growth(label: str, reader) -> None:
    print(f"growth ({label}):")
    previous = None
    for size in (10_000, 100_000, 1_000_000):
        sample = text_of_bytes(size)
        ms = median_ms(lambda s=sample: reader(s), max(1, 2_000_000 // size), repeat=5)
        per_kb = ms / (len(sample) / 1000)
        note = "" if previous is None else f"  ({per_kb / previous:.2f}x the per-KB time above)"
        print(f"  {len(sample):>9,} chars: {ms:8.2f} ms  = {per_kb * 1000:.1f} us/KB{note}")
        previous = per_kb


if __name__ == "__main__":
    main()
