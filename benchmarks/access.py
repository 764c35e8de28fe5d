"""The access engine's speed: decisions per second for a persona policy, and the grants
summary of a policy granting every catalog action.

Run: .venv/bin/python benchmarks/access.py
Baselines, same run: json.loads of the same policy text (the cost of reading it at all), and
for decisions also the oracle of the differential test, @cloud-copilot/iam-simulate, on the
same requests when Node.js and the oracle are installed (bash scripts/setup.sh).
Targets: at least 100,000 decisions per second; the grants summary under 20 ms.
"""

from __future__ import annotations

import json
import random
import shutil
import statistics
import subprocess
import sys
import time
import timeit
from pathlib import Path

from editor.core.access.evaluate import PolicySet, evaluate
from editor.core.access.grants import grants
from editor.core.access.policy import compile_policy
from editor.core.access.request import Request, make_context
from editor.core.access.requestform import target_arn
from editor.core.catalog.catalog import load_catalog, load_personas
from editor.core.policy.arnvalues import ArnValues
from editor.core.policy.generate import Layout, generate

ROOT = Path(__file__).resolve().parent.parent
VALUES = ArnValues(
    region="us-east-1",
    account_id="123456789012",
    app_instance_id="app-1",
    user_id="${aws:username}",
)
FIELDS = {"region": "us-east-1", "account_id": "123456789012", "app_instance_id": "app-1"}
PRINCIPAL = "arn:aws:iam::123456789012:user/bob"


def median_us(func, number: int) -> float:
    return statistics.median(timeit.repeat(func, number=number, repeat=7)) / number * 1e6


def persona_policy(persona_id: str) -> str:
    persona = load_personas().get(persona_id)
    assert persona is not None, persona_id
    return generate(list(persona.actions), VALUES, Layout.LEAST_PRIVILEGE).to_text()


def requests(count: int) -> list[Request]:
    """Messaging requests, half of them for actions the full user has: a realistic mix of
    allowed and implicitly denied answers."""
    catalog = load_catalog()
    rng = random.Random(7)
    context = make_context({}, PRINCIPAL)
    out = []
    for _ in range(count):
        action = rng.choice(catalog.messaging_actions)
        types = sorted(action.target_types) or ["*"]
        out.append(
            Request(action.full_name, target_arn(catalog, types[0], FIELDS), PRINCIPAL, context)
        )
    return out


def oracle_rate(policy: str, batch: list[Request]) -> float | None:
    node = shutil.which("node")
    oracle = ROOT / "tests" / "core" / "access" / "oracle"
    if node is None or not (oracle / "node_modules").is_dir():
        return None
    document = json.loads(policy)
    sims = [
        {
            "identityPolicies": [{"name": "p", "policy": document}],
            "serviceControlPolicies": [],
            "resourceControlPolicies": [],
            "request": {
                "action": r.action,
                "principal": PRINCIPAL,
                "resource": {"accountId": "123456789012", "resource": r.resource},
                "contextVariables": {"aws:username": "bob"},
            },
        }
        for r in batch
    ]
    start = time.perf_counter()
    subprocess.run(
        [node, str(oracle / "simulate.mjs")],
        input=json.dumps(sims),
        text=True,
        capture_output=True,
        check=True,
        cwd=oracle,
    )
    return len(batch) / (time.perf_counter() - start)


def main() -> None:
    text = persona_policy("full-user")
    policy = compile_policy(text, "full-user")
    policies = PolicySet(identity=(policy,))
    batch = requests(1000)
    allowed = sum(evaluate(policies, r).allowed for r in batch)
    per_decision = median_us(lambda: [evaluate(policies, r) for r in batch], 5) / len(batch)
    loads = median_us(lambda: json.loads(text), 200)
    print(
        f"full-user persona policy: {len(text):,} characters, {len(policy.statements)} "
        f"statements; {allowed} of {len(batch)} requests allowed"
    )
    print(
        f"  decide:       {per_decision:7.2f} µs each = {1e6 / per_decision:,.0f} decisions/s "
        f"(target >= 100,000/s)"
    )
    print(
        f"  baseline json.loads of the policy: {loads:7.2f} µs "
        f"({loads / per_decision:.1f}x one decision)"
    )
    rate = oracle_rate(text, batch)
    if rate is not None:
        print(
            f"  baseline iam-simulate (Node.js, same requests, process included): "
            f"{rate:,.0f} decisions/s"
        )
    catalog = load_catalog()
    everything = generate([a.name for a in catalog.actions], VALUES, Layout.LEAST_PRIVILEGE)
    full_text = everything.to_text()
    full = compile_policy(full_text, "all")
    summary = grants(full)
    summary_ms = median_us(lambda: grants(full), 5) / 1e3
    compile_ms = median_us(lambda: compile_policy(full_text + " ", "all"), 5) / 1e3
    full_loads = median_us(lambda: json.loads(full_text), 20) / 1e3
    print(
        f"policy granting all {len(catalog.actions)} catalog actions: {len(full_text):,} "
        f"characters, {len(full.statements)} statements, {len(summary)} actions summarized"
    )
    print(
        f"  grants summary: {summary_ms:6.2f} ms (target < 20 ms); reading and compiling "
        f"the text first: {compile_ms:6.2f} ms"
    )
    print(f"  baseline json.loads of the policy: {full_loads:6.2f} ms")


if __name__ == "__main__":
    sys.exit(main())
