"""Properties of the engine and the diff, over generated Chime policies (tests/core/access/
generate.py) and requests:

- adding a statement never removes access; adding a Deny never adds access;
- diff(P, P) is empty;
- diff is exact on a finite universe: by brute force over every catalog action and a set of
  ARNs (every resource type, both accounts and regions, plus each example the diff gives),
  a request is allowed by NEW and not by OLD exactly when the diff lists a grant for that
  action whose pattern covers the ARN; and each listed example really is such a request.
"""

from __future__ import annotations

import json
import random
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.core.access.diff import Change, diff
from editor.core.access.evaluate import Decision, PolicySet, evaluate
from editor.core.access.patterns import arn_pattern, split_fields
from editor.core.access.policy import compile_policy
from editor.core.access.request import Request, account_of, make_context
from editor.core.access.universe import catalog_actions
from editor.core.catalog.arntypes import arn_types_of
from editor.core.catalog.catalog import load_catalog
from tests.core.access import generate

seeds = st.integers(min_value=0, max_value=2**32 - 1)
PRINCIPAL = generate.PRINCIPALS[0]
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def decide(policy: dict[str, Any], request: dict[str, Any]) -> Decision:
    compiled = compile_policy(json.dumps(policy), "p")
    context = make_context(request["context"], request["principal"])
    req = Request(request["action"], request["resource"], request["principal"], context)
    return evaluate(PolicySet(identity=(compiled,)), req).decision


def allowing_case(rng: random.Random) -> tuple[dict[str, Any], dict[str, Any]]:
    """A policy and a request it allows (the property's asserted path always runs)."""
    while True:
        policy = generate.policy(rng, deny_share=0.1)
        request = generate.request_for(rng)
        policy["Statement"].append(
            {"Effect": "Allow", "Action": request["action"], "Resource": request["resource"]}
        )
        if decide(policy, request) is Decision.ALLOWED:
            return policy, request


@SETTINGS
@given(seeds)
def test_adding_a_statement_never_removes_access(seed: int) -> None:
    rng = random.Random(seed)
    policy, request = allowing_case(rng)
    extra = generate.statement(rng, deny_share=0.0)  # any Allow statement
    policy["Statement"].insert(rng.randrange(len(policy["Statement"]) + 1), extra)
    assert decide(policy, request) is Decision.ALLOWED


@SETTINGS
@given(seeds)
def test_adding_a_deny_never_adds_access(seed: int) -> None:
    rng = random.Random(seed)
    policy = generate.policy(rng)
    request = generate.request_for(rng)
    before = decide(policy, request)
    deny = generate.statement(rng, deny_share=1.0)
    policy["Statement"].append(deny)
    after = decide(policy, request)
    if before is not Decision.ALLOWED:
        assert after is not Decision.ALLOWED
    # The deny that names this very request turns an allow into an explicit deny.
    policy["Statement"].append(
        {"Effect": "Deny", "Action": request["action"], "Resource": request["resource"]}
    )
    assert decide(policy, request) is Decision.EXPLICIT_DENY


@SETTINGS
@given(seeds)
def test_diff_of_a_policy_with_itself_is_empty(seed: int) -> None:
    policy = compile_policy(json.dumps(generate.policy(random.Random(seed))), "p")
    result = diff(policy, policy)
    assert result.added == () and result.removed == ()


def universe_arns(extra: list[str]) -> list[str]:
    rng = random.Random(0)
    arns = {"*"}
    for rtype in load_catalog().resource_types:
        for account in generate.ACCOUNTS:
            for region in generate.REGIONS:
                for _ in range(2):
                    arns.add(generate.fill(rtype.arn, rng, account, region))
    return sorted(arns | set(extra))


def covers(change: Change, arn: str) -> bool:
    lookup = make_context({}, PRINCIPAL)

    def resolve(variable: Any) -> str | None:
        found = lookup.get(variable.key)
        return found[0] if found else None

    text = change.resource
    if text.startswith("not "):
        return not any(
            arn_pattern(p, True).matches(split_fields(arn), arn, resolve)
            for p in text[4:].split(", ")
        )
    return arn_pattern(text, True).matches(split_fields(arn), arn, resolve)


def allowed(policy: Any, action: str, arn: str) -> bool:
    """Whether the policy lets its holder, in the ARN's own account (the diff speaks of what
    the policy grants, not of another account's resource policy), make the request."""
    principal = PRINCIPAL.replace(PRINCIPAL.split(":")[4], account_of(arn) or "111122223333")
    request = Request(action, arn, principal, make_context({}, principal))
    return evaluate(PolicySet(identity=(policy,)), request).decision is Decision.ALLOWED


def of_its_types(action: str, arns: list[str]) -> list[str]:
    catalog = load_catalog()
    found = catalog.action(action)
    if found is None:
        return arns
    return [a for a in arns if a == "*" or arn_types_of(catalog, a) & found.arn_types]


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(8))
def test_diff_is_exact_on_a_finite_universe(seed: int) -> None:
    rng = random.Random(seed)
    # No conditions: the brute force decides each request outright. Small edits of one policy
    # make the interesting case (mostly shared grants, a few new and removed ones).
    old_doc = generate.policy(rng, statements=4, condition_share=0.0)
    new_doc = json.loads(json.dumps(old_doc))
    new_doc["Statement"][rng.randrange(4)] = generate.statement(rng, condition_share=0.0)
    new_doc["Statement"].append(generate.statement(rng, condition_share=0.0))
    old = compile_policy(json.dumps(old_doc), "old")
    new = compile_policy(json.dumps(new_doc), "new")
    result = diff(old, new)
    assert result.exact
    examples = [c.example for c in result.added + result.removed]
    arns = universe_arns(examples)
    for changes, grant, refuse in ((result.added, new, old), (result.removed, old, new)):
        # Every listed example is a request the one version allows and the other does not.
        for change in changes:
            assert allowed(grant, change.action, change.example), change
            assert not allowed(refuse, change.action, change.example), change
        by_action: dict[str, list[Change]] = {}
        for change in changes:
            by_action.setdefault(change.action, []).append(change)
        # Every request of the universe that the one allows and the other does not is listed
        # (a request on an ARN of none of the action's resource types is none AWS receives).
        for action in catalog_actions():
            for arn in of_its_types(action, arns):
                if allowed(grant, action, arn) and not allowed(refuse, action, arn):
                    assert any(covers(c, arn) for c in by_action.get(action, [])), (action, arn)
