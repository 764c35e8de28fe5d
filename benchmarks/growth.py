"""Growth: time per KB of reading, linting and fixing broken policies, from 10 KB to 4 MB.

Run: .venv/bin/python benchmarks/growth.py [--max-kb 4096]

Every family is a kind of broken input that once took time growing faster than its size
(issue 15, "Never hang"), scaled up: flat figures per KB mean linear time. The named
baseline, measured in the same run on the same sizes: json.loads of a valid policy of that
size (C-accelerated, strict). The last column is the growth of the slowest operation: its
time per KB at the largest size over its time per KB at the smallest (1.0 is perfectly
linear; the target is under 3, which leaves room for caches and the machine's load).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _caches import clear_caches, engine_caches
from _policies import CHANNEL_ARN, USER_ARN, text_of_bytes

from editor.core.catalog.catalog import load_catalog
from editor.core.json.read import read_json
from editor.core.lint.engine import fix_all, lint

KB = 1024
SIZES_KB = (10, 100, 1024, 4096)


def _policy(actions: str, resources: str = json.dumps(USER_ARN)) -> str:
    return (
        '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow",\n"Action": '
        + actions
        + ',\n"Resource": '
        + resources
        + "}]}"
    )


def _repeat(piece: str, size: int) -> int:
    return max(1, size // len(piece))


def nested(size: int) -> str:
    """16k nested "[" took 27 s (overlapping-fix checks)."""
    return "[" * size


def miscased(size: int) -> str:
    """A 4.8 MB file of mis-cased actions took 604 s; one missing comma makes it broken JSON."""
    names = [a.full_name.lower() for a in load_catalog().actions]
    items = [
        json.dumps(names[i % len(names)]) for i in range(_repeat('"chime:xxxxxxxxxxxxxx", ', size))
    ]
    return _policy("[" + ", ".join(items[:1]) + " " + ",\n".join(items[1:]) + "]")


def dashes(size: int) -> str:
    """8k em dashes in strings took 12 s (inside_string per rejected character)."""
    items = [
        f'"arn:aws:s3:::bucket\u2014{i}"'
        for i in range(_repeat('"arn:aws:s3:::bucket—0000", ', size))
    ]
    return _policy('"s3:GetObject"', "[" + ", ".join(items) + "]")


def low_quotes(size: int) -> str:
    """An unclosed „ rescanned its line: 10 s for 16 KB."""
    return '{"Version": "2012-10-17", "Sid": ' + "\u201ex " * (size // 3) + "}"


def stars(size: int) -> str:
    """ "chime:*******x" hung lint (a backtracking regex built from the pattern)."""
    return _policy('"chime:' + "*" * size + 'x"').replace("}]}", "}]")  # the last } missing


def duplicates(size: int) -> str:
    """The same action listed again and again: fix removes every copy but the first."""
    item = json.dumps(load_catalog().actions[0].full_name)
    count = _repeat(item + ", ", size)
    return _policy("[" + ", ".join([item] * count) + ",]")  # and a trailing comma


def distinct_arns(size: int) -> str:
    """200k distinct ARNs grew the resource memo by 202 MB; a missing comma among them."""
    items = [json.dumps(f"{USER_ARN}-{i}") for i in range(_repeat(USER_ARN + '-00000", ', size))]
    return _policy('"chime:Connect"', "[" + " ".join(items[:2]) + ", " + ", ".join(items[2:]) + "]")


def comments(size: int) -> str:
    """A comment on every line, CRLF line ends, and a missing comma."""
    item = f'"{CHANNEL_ARN}" // why\r\n'
    count = _repeat(item, size)
    body = ", ".join([item] * count)
    return _policy('"chime:ListChannels"', "[" + body.replace(",", "", 1) + "]")


def long_number(size: int) -> str:
    """An integer of more than 4,300 digits raised ValueError in the reader."""
    return '{"Version": "2012-10-17", "Id": ' + "7" * size + ",}"


FAMILIES: dict[str, Callable[[int], str]] = {
    "nested [": nested,
    "mis-cased actions": miscased,
    "em dashes in strings": dashes,
    "unclosed „ quotes": low_quotes,
    "chime:****...x": stars,
    "exact duplicates": duplicates,
    "distinct ARNs": distinct_arns,
    "comments, CRLF": comments,
    "long integer": long_number,
}


CACHES = engine_caches()


def seconds(func: Callable[[], object], size: int) -> float:
    """Best of three runs up to 1 MB (the machine is shared), one above; each run starts with
    every cache of the engine cleared, as for a file never seen."""
    runs = 3 if size <= 1024 * KB else 1
    best = float("inf")
    for _ in range(runs):
        clear_caches(CACHES)
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--max-kb", type=int, default=SIZES_KB[-1])
    sizes = [s for s in SIZES_KB if s <= parser.parse_args().max_kb]
    print("microseconds per KB (flat = linear); baseline: json.loads of a valid policy")
    header = f"  {'family':<22}{'size':>8}{'read':>10}{'lint':>10}{'fix':>10}{'json.loads':>12}"
    print(header)
    baseline: dict[int, float] = {}
    for kb in sizes:
        valid = text_of_bytes(kb * KB)
        baseline[kb] = seconds(lambda v=valid: json.loads(v), kb * KB) / (len(valid) / KB) * 1e6
    worst_growth = 0.0
    for name, build in FAMILIES.items():
        per_kb: dict[str, list[float]] = {"read": [], "lint": [], "fix": []}
        for kb in sizes:
            text = build(kb * KB)
            size_kb = len(text) / KB
            figures = {
                "read": seconds(lambda t=text: read_json(t), kb * KB),
                "lint": seconds(lambda t=text: lint(t), kb * KB),
                "fix": seconds(lambda t=text: fix_all(t), kb * KB),
            }
            for op, value in figures.items():
                per_kb[op].append(value / size_kb * 1e6)
            print(
                f"  {name:<22}{size_kb:>6.0f}KB"
                + "".join(f"{per_kb[op][-1]:>10.1f}" for op in ("read", "lint", "fix"))
                + f"{baseline[kb]:>12.2f}"
            )
        growth = max(values[-1] / values[0] for values in per_kb.values())
        worst_growth = max(worst_growth, growth)
        print(f"  {'':<22}growth {sizes[0]} KB -> {sizes[-1]} KB: {growth:.1f}x per KB")
    base_growth = baseline[sizes[-1]] / baseline[sizes[0]]
    verdict = "met" if worst_growth < 3 else "MISSED"
    print(
        f"worst growth per KB: {worst_growth:.1f}x (json.loads on the same sizes: "
        f"{base_growth:.1f}x); target < 3x: {verdict}"
    )


if __name__ == "__main__":
    main()
