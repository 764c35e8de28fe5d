"""The property: a valid policy with one `{`, `}`, `[`, `]`, `,` or `"` deleted is either left
unfixed by Fix all, or fixed into a document whose Deny statements deny at least what they
denied and whose Allow statements grant nothing new. What is denied and granted is decided by
@cloud-copilot/iam-simulate (tests/core/access/oracle.py), an evaluator we did not write, over
every action the policy names plus one it does not, with and without MFA. A fixed text that
moto's IAM policy validator refuses grants nothing and counts as left unfixed (lint lists its
errors, and `chime-policy fix` does not call it fixed).

The strategy makes the asserted path the usual one: statements with a Sid, an Effect, an
Action list and a Resource, sometimes a Condition, written as `json.dumps` would; the deleted
character is drawn among the structural ones. `--hypothesis-show-statistics` shows how many
cases reach the assertion ("fixed") and how many are left unfixed.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, event, given, settings
from hypothesis import strategies as st
from moto.iam.policy_validation import IAMPolicyDocumentValidator

from editor.core.catalog.catalog import load_catalog
from editor.core.lint.engine import fix_all
from tests.core.access.oracle import run_oracle

APP = "arn:aws:chime:us-east-1:111122223333:app-instance/app1"
CHANNEL = f"{APP}/channel/c1"
# Actions that act on a channel: the oracle decides them on the channel ARN asked about
MESSAGING = sorted(a.full_name for a in load_catalog().actions if "channel" in a.arn_types)[:40]
STRUCTURAL = '{}[],"'

statement = st.fixed_dictionaries(
    {
        "Sid": st.from_regex(r"[A-Z][a-z]{2,8}", fullmatch=True),
        "Effect": st.sampled_from(["Allow", "Deny"]),
        "Action": st.lists(st.sampled_from(MESSAGING), min_size=1, max_size=3, unique=True),
        "Resource": st.sampled_from(["*", f"{APP}/*", f"{APP}/channel/*", CHANNEL]),
    },
    optional={
        "Condition": st.just({"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}),
    },
)
policies = st.fixed_dictionaries(
    {
        "Version": st.just("2012-10-17"),
        "Statement": st.lists(statement, min_size=2, max_size=4, unique_by=lambda s: s["Sid"]),
    }
)


def _decisions(policy: dict[str, Any], actions: list[str]) -> list[str]:
    cases = [
        {
            "identity": [policy],
            "action": action,
            "resource": CHANNEL,
            "principal": "arn:aws:iam::111122223333:user/alice",
            "context": {"aws:MultiFactorAuthPresent": [mfa]},
        }
        for action in actions
        for mfa in ("true", "false")
    ]
    return run_oracle(cases)


@pytest.mark.slow
@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],  # no slow explain
)
@given(policies, st.integers(min_value=0), st.booleans())
def test_fix_all_never_denies_less_nor_grants_more(
    policy: dict[str, Any], nth: int, indented: bool
) -> None:
    text = json.dumps(policy, indent=4 if indented else None)
    places = [i for i, c in enumerate(text) if c in STRUCTURAL]
    at = places[nth % len(places)]
    broken = text[:at] + text[at + 1 :]
    fixed = fix_all(broken)
    try:
        value = json.loads(fixed)  # an oracle we did not write
        assert isinstance(value, dict) and isinstance(value.get("Statement"), list)
        assert all(isinstance(s, dict) for s in value["Statement"])
    except (ValueError, AssertionError):
        event("left unfixed (not a policy json.loads reads)")
        return
    if fixed == broken:
        event("left unfixed (unchanged)")
        return
    try:
        IAMPolicyDocumentValidator(json.dumps(value)).validate()  # what AWS would accept
    except Exception:  # moto raises its own MalformedPolicyDocument
        event("left unfixed (a document IAM refuses, as lint says)")
        return
    event("fixed: the assertion runs")
    names = sorted({a for s in policy["Statement"] for a in s["Action"]})
    probe = next(a for a in MESSAGING if a not in names)  # one the policy does not name
    actions = [*names, probe]
    before, after = _decisions(policy, actions), _decisions(value, actions)
    for asked, was, now in zip(actions * 2, before, after, strict=True):
        if was == "explicitDeny":
            assert now == "explicitDeny", (asked, broken, fixed)
        if was != "allowed":
            assert now != "allowed", (asked, broken, fixed)
