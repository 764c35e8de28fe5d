"""How long loading the catalog and personas takes, in a fresh process each time.

Run: .venv/bin/python benchmarks/catalog_load.py
Baseline, in the same run: json.loads of the same files (what any loader must pay at least).
Target: the catalog loads in well under 50 ms.
"""

from __future__ import annotations

import statistics
import subprocess
import sys

RUNS = 15
LOAD = """
import time, pydantic, editor.core.catalog.catalog as c
t = time.perf_counter(); c.load_catalog(); c.load_personas()
print((time.perf_counter() - t) * 1e3)
"""
BASELINE = """
import time, json
from importlib import resources
t = time.perf_counter()
for name in ("catalog.json", "personas.json"):
    json.loads(resources.files("editor.resources").joinpath(name).read_bytes())
print((time.perf_counter() - t) * 1e3)
"""


def measure(code: str) -> list[float]:
    return [
        float(
            subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=True
            ).stdout
        )
        for _ in range(RUNS)
    ]


def main() -> None:
    ours = measure(LOAD)
    base = measure(BASELINE)
    print(
        f"catalog+personas load (typed, validated): median {statistics.median(ours):.2f} ms, "
        f"max {max(ours):.2f} ms over {RUNS} fresh processes"
    )
    print(f"baseline json.loads of the same files:    median {statistics.median(base):.2f} ms")
    print(
        f"ratio to baseline: {statistics.median(ours) / statistics.median(base):.1f}x; "
        f"target < 50 ms: {'met' if statistics.median(ours) < 50 else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
