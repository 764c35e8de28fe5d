"""In-place edits: filling a field and ticking an action, against reading the same text.

Run: .venv/bin/python benchmarks/in_place.py
1. Fill the region of every ARN (`region` placeholders, distinct user IDs so that no cache
   helps) in policies of 10 KB, 100 KB and 1 MB: time per KB must stay flat (linear).
2. Tick and untick one action in a policy granting the whole messaging catalog.
Baseline, same run: `read_json` of the same text (the reader every edit starts from).
"""

from __future__ import annotations

import json
import statistics
import time

from editor.core.catalog.catalog import load_catalog
from editor.core.json.read import read_json
from editor.core.policy import editing
from editor.core.policy.actionedits import add_actions, remove_actions
from editor.core.policy.arnslots import fill_text
from editor.core.policy.arnvalues import ArnValues
from editor.core.policy.layout import Layout

BASE = "arn:aws:chime:region:123456789012:app-instance/app-1"


def policy(kilobytes: int, salt: str) -> str:
    statements = []
    text = ""
    i = 0
    while len(text) < kilobytes * 1024:
        statements.append(
            {
                "Effect": "Allow",
                "Action": ["chime:SendChannelMessage", "chime:ListChannelMessages"],
                "Resource": [f"{BASE}/user/{salt}-{i}", f"{BASE}/channel/{salt}-{i}"],
            }
        )
        i += 1
        if i % 50 == 0:
            text = json.dumps({"Version": "2012-10-17", "Statement": statements}, indent=4)
    return json.dumps({"Version": "2012-10-17", "Statement": statements}, indent=4)


def best_ms(run, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1e3)
    return min(times)


def main() -> None:
    catalog = load_catalog()
    for size in (10, 100, 1000):
        repeat = 4 if size < 1000 else 2
        # Fresh texts for every run, and apart for the two: the reader keeps its last results.
        fills = [policy(size, f"f{r}") for r in range(repeat)]
        reads = [policy(size, f"r{r}") for r in range(repeat)]
        kb = len(fills[0]) / 1024
        read = min(best_ms(lambda t=t: read_json(t), 1) for t in reads)
        fill = min(
            best_ms(lambda t=t: fill_text(t, {"region": "us-east-1"}, catalog), 1) for t in fills
        )
        print(
            f"fill region, {kb:,.0f} KB: {fill:.1f} ms ({fill / kb * 1000:.0f} us/KB); "
            f"read_json of such a text {read:.1f} ms ({read / kb * 1000:.0f} us/KB)"
        )
    names = frozenset(a.name for a in catalog.messaging_actions)
    full = editing.with_actions(editing.new_state(), names).text
    values = ArnValues()
    samples, base = [], []
    for i in range(30):
        fresh = full.replace('"Version"', " " * (i + 1) + '"Version"', 1)  # not cached
        start = time.perf_counter()
        unticked = remove_actions(fresh, ["Connect"], catalog)
        add_actions(unticked, ["Connect"], values, Layout.LEAST_PRIVILEGE, catalog)
        samples.append((time.perf_counter() - start) * 1e3 / 2)
        other = full.replace('"Version"', "\t" * (i + 1) + '"Version"', 1)
        start = time.perf_counter()
        read_json(other)
        base.append((time.perf_counter() - start) * 1e3)
    print(
        f"tick or untick one action, full catalog ({len(full):,} chars): median "
        f"{statistics.median(samples):.2f} ms; read_json of it median "
        f"{statistics.median(base):.2f} ms"
    )


if __name__ == "__main__":
    main()
