"""Reading the policy out of an AWS CLI script (what `export --to aws-cli` writes), 45 KB to
4.5 MB: time per KB should stay flat (linear). The named baseline, measured in the same run
on the same sizes: json.loads of the policy itself. Best of 3 per size.

Run: .venv/bin/python benchmarks/shell_policies.py
"""

from __future__ import annotations

import json
import shlex
import time

from editor.core.export.containers import find_container

ARN = "arn:aws:chime:us-east-1:111122223333:app-instance/app-1/channel/c{}'x"  # a quote each


def best_of(runs: int, work: object) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    print(f"{'size':>9}  {'find_container':>16}  {'per KB':>10}  {'json.loads':>11}  ratio")
    for statements in (300, 3_000, 30_000):
        document = {
            "Version": "2012-10-17",
            "Statement": [
                {"Sid": f"S{i}", "Effect": "Allow", "Action": "chime:SendChannelMessage"}
                | {"Resource": ARN.format(i)}
                for i in range(statements)
            ],
        }
        policy = json.dumps(document, separators=(",", ":"))
        script = f"aws iam create-policy --policy-name P --policy-document {shlex.quote(policy)}\n"
        found = find_container(script, "make.sh")
        assert found is not None and json.loads(found.policies[0].text) == document
        ours = best_of(3, lambda s=script: find_container(s, "make.sh"))
        base = best_of(3, lambda p=policy: json.loads(p))
        kb = len(script) / 1024
        print(
            f"{kb:7.0f} KB  {ours * 1000:13.1f} ms  {ours * 1e6 / kb:7.1f} µs  "
            f"{base * 1000:8.1f} ms  {ours / base:5.0f}x"
        )


if __name__ == "__main__":
    main()
