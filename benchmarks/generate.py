"""Generating the policy for every catalog action at once.

Run: .venv/bin/python benchmarks/generate.py
Baseline, same run: json.dumps of the resulting document (the cost of writing it at all).
Target: under 2 ms median for all catalog actions.
"""

from __future__ import annotations

import json
import statistics
import timeit

from editor.core.catalog.catalog import load_catalog
from editor.core.policy.arnvalues import ArnValues
from editor.core.policy.generate import Layout, generate


def median_ms(func, number: int = 50) -> float:
    return statistics.median(timeit.repeat(func, number=number, repeat=15)) / number * 1e3


def main() -> None:
    catalog = load_catalog()
    values = ArnValues(
        region="us-east-1",
        account_id="123456789012",
        app_instance_id="app-1",
        user_id="user-1",
        bot_id="bot-1",
    )
    for label, names in (
        (f"all {len(catalog.actions)} Chime actions", [a.name for a in catalog.actions]),
        (
            f"the {len(catalog.messaging_actions)} messaging actions",
            [a.name for a in catalog.messaging_actions],
        ),
    ):
        for layout in Layout:
            document = generate(names, values, layout)
            ours = median_ms(lambda n=names, lay=layout: generate(n, values, lay).to_text())
            base = median_ms(lambda d=document: json.dumps(d.as_json(), indent=4))
            verdict = "met" if ours < 2 else "MISSED"
            print(
                f"{label:<28} {layout.value:<16} {ours:6.3f} ms  (json.dumps alone "
                f"{base:.3f} ms)  target < 2 ms: {verdict}"
            )


if __name__ == "__main__":
    main()
