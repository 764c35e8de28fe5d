"""Cross-account requests: the principal's account and the resource's differ.

IAM User Guide, "Cross-account policy evaluation logic": the request must be allowed by the
principal's own account (identity policies, boundary) AND by a resource-based policy of the
account that owns the resource. Before, the engine followed the same-account logic only: an
identity policy allowing `*` in account 444455556666 was "allowed" on a queue or a Chime
channel of account 111122223333, which AWS denies.

Each case is decided by our engine and by the oracle (iam-simulate), which is told the
resource's account: the one its ARN names, else the case's resource_account.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from editor.core.access.evaluate import PolicySet, evaluate
from editor.core.access.policy import PolicyKind, compile_policy
from editor.core.access.request import Request, make_context
from tests.core.access.oracle import run_oracle

OWNER = "111122223333"
OTHER = "444455556666"
EVE = f"arn:aws:iam::{OTHER}:user/eve"
HOME_EVE = f"arn:aws:iam::{OWNER}:user/eve"
QUEUE = f"arn:aws:sqs:us-east-1:{OWNER}:q"
CHANNEL = f"arn:aws:chime:us-east-1:{OWNER}:app-instance/APP/channel/c"
OBJECT = "arn:aws:s3:::BUCKETNAME/x"  # an S3 ARN names no account


def doc(*statements: dict[str, Any]) -> dict[str, Any]:
    return {"Version": "2012-10-17", "Statement": list(statements)}


EVERYTHING = doc({"Effect": "Allow", "Action": "*", "Resource": "*"})
ONLY_S3_GET = doc({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"})


def to(who: str, action: str = "sqs:SendMessage") -> dict[str, Any]:
    return doc({"Effect": "Allow", "Principal": {"AWS": who}, "Action": action, "Resource": "*"})


# (identity policies, resource policy, boundary, action, resource, principal, resource
# account, expected)
CASES = [
    pytest.param([EVERYTHING], None, None, "sqs:SendMessage", QUEUE, EVE, None, "implicitDeny",
                 id="identity-allows-no-resource-policy"),
    pytest.param([EVERYTHING], None, None, "chime:SendChannelMessage", CHANNEL, EVE, None,
                 "implicitDeny", id="chime-channel-of-another-account"),
    pytest.param([EVERYTHING], to(f"arn:aws:iam::{OTHER}:root"), None, "sqs:SendMessage",
                 QUEUE, EVE, None, "allowed", id="both-allow-account-named"),
    pytest.param([], to(f"arn:aws:iam::{OTHER}:root"), None, "sqs:SendMessage", QUEUE, EVE,
                 None, "implicitDeny", id="resource-allows-identity-silent"),
    pytest.param([], to(EVE), None, "sqs:SendMessage", QUEUE, EVE, None, "implicitDeny",
                 id="resource-names-the-user-identity-silent"),
    pytest.param([EVERYTHING], to(EVE), None, "sqs:SendMessage", QUEUE, EVE, None, "allowed",
                 id="both-allow-user-named"),
    pytest.param([EVERYTHING], to("arn:aws:iam::777788889999:root"), None, "sqs:SendMessage",
                 QUEUE, EVE, None, "implicitDeny", id="resource-allows-a-third-account"),
    pytest.param([EVERYTHING], to(EVE), ONLY_S3_GET, "sqs:SendMessage", QUEUE, EVE, None,
                 "implicitDeny", id="boundary-still-limits"),
    pytest.param([EVERYTHING], None, None, "s3:DeleteObject", OBJECT, EVE, OWNER,
                 "implicitDeny", id="s3-owner-given-no-bucket-policy"),
    pytest.param([EVERYTHING], to(EVE, "s3:GetObject"), None, "s3:DeleteObject", OBJECT, EVE,
                 OWNER, "implicitDeny", id="s3-bucket-policy-grants-another-action"),
    pytest.param([EVERYTHING], to(EVE, "s3:GetObject"), None, "s3:GetObject", OBJECT, EVE,
                 OWNER, "allowed", id="s3-bucket-policy-grants-it"),
    pytest.param([EVERYTHING], None, None, "sqs:SendMessage", QUEUE, HOME_EVE, None, "allowed",
                 id="same-account-control"),
]  # fmt: skip


def ours(
    identity: list[dict[str, Any]],
    resource_policy: dict[str, Any] | None,
    boundary: dict[str, Any] | None,
    action: str,
    resource: str,
    principal: str,
    owner: str | None,
) -> str:
    policies = PolicySet(
        identity=tuple(compile_policy(json.dumps(p), f"id{i}") for i, p in enumerate(identity)),
        boundary=None
        if boundary is None
        else compile_policy(json.dumps(boundary), "boundary", PolicyKind.BOUNDARY),
        resource=None
        if resource_policy is None
        else compile_policy(json.dumps(resource_policy), "resource", PolicyKind.RESOURCE),
    )
    context = make_context({"aws:SecureTransport": "true"}, principal)
    request = Request(action, resource, principal, context, owner)
    return evaluate(policies, request).decision.value


@pytest.mark.parametrize(
    ("identity", "resource_policy", "boundary", "action", "resource", "principal", "owner", "want"),
    CASES,
)
def test_cross_account_needs_both_accounts_to_allow(
    identity, resource_policy, boundary, action, resource, principal, owner, want
) -> None:
    assert ours(identity, resource_policy, boundary, action, resource, principal, owner) == want


@pytest.mark.slow
def test_the_oracle_agrees_on_cross_account_requests() -> None:
    cases = []
    for p in CASES:
        identity, resource_policy, boundary, action, resource, principal, owner, _ = p.values
        case: dict[str, Any] = {
            "identity": identity,
            "action": action,
            "resource": resource,
            "principal": principal,
            "context": {"aws:SecureTransport": "true"},
            "resource_account": owner,
        }
        if resource_policy is not None:
            case["resource_policy"] = resource_policy
        if boundary is not None:
            case["boundary"] = boundary
        cases.append(case)
    assert run_oracle(cases) == [p.values[-1] for p in CASES]


def test_the_reason_names_both_accounts() -> None:
    policies = PolicySet(identity=(compile_policy(json.dumps(EVERYTHING), "eve.json"),))
    result = evaluate(policies, Request("sqs:SendMessage", QUEUE, EVE, make_context({}, EVE)))
    assert f"the principal is in account {OTHER}, the resource in {OWNER}" in result.reason
    assert "no resource policy was given" in result.reason
