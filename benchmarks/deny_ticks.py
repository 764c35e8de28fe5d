"""What the catalog's boxes show with Deny statements: `shown_actions` (the grants less what a
Deny takes away, read from the text) and `settled` (the same answer as `chime-policy grants`
gives it, which the window takes) against `granted_actions` (the grants alone), the
baseline, same run.

Run: .venv/bin/python benchmarks/deny_ticks.py
Policies of 10 KB, 100 KB and 1 MB: Allow statements on distinct ARNs, and one Deny on
specific ARNs every 20 statements. Time per KB must stay flat for both (linear), and
`shown_actions` a small multiple of its baseline.
"""

from __future__ import annotations

import json
import time

from editor.core.access.denied import settled
from editor.core.catalog.catalog import load_catalog
from editor.core.json.read import read_json
from editor.core.policy.selection import granted_actions, shown_actions

BASE = "arn:aws:chime:us-east-1:123456789012:app-instance/app-1"


def policy(kilobytes: int) -> str:
    statements: list[dict[str, object]] = []
    i = 0
    while len(statements) * 330 < kilobytes * 1024:
        statements.append(
            {
                "Effect": "Allow",
                "Action": ["chime:SendChannelMessage", "chime:DeleteChannelMessage"],
                "Resource": [f"{BASE}/user/u-{i}", f"{BASE}/channel/c-{i}"],
            }
        )
        if i % 20 == 0:
            statements.append(
                {
                    "Effect": "Deny",
                    "Action": "chime:Delete*",
                    "Resource": [f"{BASE}/channel/c-{i}", f"{BASE}/channel/c-{i + 1}"],
                }
            )
        i += 1
    return json.dumps({"Version": "2012-10-17", "Statement": statements}, indent=4)


def best_ms(run, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1e3)
    return min(times)


def main() -> None:
    catalog = load_catalog()
    for size in (10, 100, 1000):
        text = policy(size)
        kb = len(text) / 1024
        root = read_json(text).root
        base = best_ms(lambda r=root: granted_actions(r, catalog))
        shown = best_ms(lambda r=root: shown_actions(r, catalog))
        denied = shown_actions(root, catalog)[1]
        engine = best_ms(lambda t=text, d=denied: settled(t, d, catalog), repeat=1)
        print(
            f"{kb:,.0f} KB: shown_actions {shown:.1f} ms ({shown / kb * 1000:.0f} us/KB); "
            f"settled {engine:.1f} ms ({engine / kb * 1000:.0f} us/KB); "
            f"baseline granted_actions {base:.1f} ms ({base / kb * 1000:.0f} us/KB); "
            f"ratio {shown / base:.1f}x, {engine / base:.1f}x"
        )


if __name__ == "__main__":
    main()
