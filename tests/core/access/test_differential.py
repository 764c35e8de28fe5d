"""Our engine against an IAM evaluator we did not write: @cloud-copilot/iam-simulate
(maintained, on npm; AGPL-licensed, so it only runs as a separate test process and is never
shipped or imported by the project).

Generated identity policies (Allow and Deny, Action / NotAction, Resource / NotResource,
wildcards in every ARN field, policy variables, conditions of six operator families with
IfExists and Null), sometimes a permissions boundary and an SCP, and requests for every kind
of Chime resource: zero disagreements. The one deviation we know is pinned in its own test.
"""

from __future__ import annotations

import json
import random
from typing import Any

import pytest

from editor.core.access.evaluate import check
from tests.core.access import generate
from tests.core.access.oracle import run_oracle

CASES_PER_SEED = 400


def make_case(rng: random.Random) -> dict[str, Any]:
    case: dict[str, Any] = {
        "identity": [generate.policy(rng, deny_share=0.2) for _ in range(rng.randint(1, 2))],
        **generate.request_for(rng),
    }
    if rng.random() < 0.2:
        case["boundary"] = generate.policy(rng, deny_share=0.1)
    if rng.random() < 0.2:
        case["scp"] = generate.policy(rng, deny_share=0.2)
    return case


def ours(case: dict[str, Any]) -> str:
    others = {k: json.dumps(case[k]) for k in ("boundary", "scp") if k in case}
    result = check(
        [json.dumps(p) for p in case["identity"]],
        case["action"],
        case["resource"],
        case["principal"],
        case["context"],
        **others,
    )
    return result.decision.value


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_no_disagreement_with_the_oracle(seed: int) -> None:
    rng = random.Random(seed)
    cases = [make_case(rng) for _ in range(CASES_PER_SEED)]
    theirs = run_oracle(cases)
    mine = [ours(c) for c in cases]
    disagreements = [(c, m, t) for c, m, t in zip(cases, mine, theirs, strict=True) if m != t]
    assert not disagreements, json.dumps(disagreements[0], indent=1)
    # The generated cases exercise all three outcomes, not just the easy implicit deny.
    assert {"allowed", "explicitDeny", "implicitDeny"} <= set(mine)


ARN = "arn:aws:chime:us-east-1:111122223333:app-instance/app-1/bot/bot-1"


@pytest.mark.slow
def test_oracle_deviation_wildcard_in_resource_type() -> None:
    """The oracle reads the resource type (`app-instance/`) of a Resource pattern literally,
    so `?` there matches nothing. AWS's "IAM JSON policy elements: Resource" page, "Using
    wildcards in resource ARNs": wildcards may be used "within the individual segments of an
    ARN (the parts separated by colons)", and "?" is "any single character"; only the service
    segment is excluded. We follow the page; the generator keeps `?` out of resource types."""
    pattern = "arn:aws:chime:*:111122223333:app-instance?app-1/bot/bot-1"
    policy = {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "chime:*", "Resource": pattern}],
    }
    case = {
        "identity": [policy],
        "action": "chime:CreateChannelBan",
        "resource": ARN,
        "principal": "arn:aws:iam::111122223333:user/eve",
        "context": {},
    }
    assert ours(case) == "allowed"
    assert run_oracle([case]) == ["implicitDeny"]
