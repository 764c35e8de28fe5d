"""SCPs and RCPs as AWS Organizations applies them, against the oracle (iam-simulate) and the
Organizations User Guide:

- "Resource control policies (RCPs)": AWS attaches RCPFullAWSAccess to every root, OU and
  account, and it cannot be detached; an RCP therefore only restricts, with Deny statements.
  A deny-only RCP lets through what it does not deny.
- "SCP evaluation": SCPs attached at one level are combined: an action is allowed at that level
  when some SCP there allows it and none denies it; every level (root, OUs, account) must allow.

The policies are the guide's own examples: FullAWSAccess, the SCP "prevents member accounts
from leaving the organization" plus "protects a specific IAM role" (scps_examples_general), and
the RCP "enforce secure transport" (rcps_examples).
"""

import json

import pytest

from editor.core.access.evaluate import PolicySet, evaluate
from editor.core.access.policy import PolicyKind, compile_policy
from editor.core.access.request import Request, make_context
from tests.core.access.oracle import run_oracle

FULL = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
PROTECT = {
    "Version": "2012-10-17",
    "Statement": [
        {"Effect": "Deny", "Action": "organizations:LeaveOrganization", "Resource": "*"},
        {
            "Effect": "Deny",
            "Action": ["iam:DeleteRole", "iam:UpdateRole"],
            "Resource": ["arn:aws:iam::*:role/name-of-role-to-deny"],
            "Condition": {
                "ArnNotLike": {
                    "aws:PrincipalARN": "arn:aws:iam::*:role/name-of-admin-role-to-allow"
                }
            },
        },
    ],
}
ONLY_S3 = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}],
}
TLS_RCP = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Deny",
            "Principal": "*",
            "Action": ["sts:*", "s3:*", "sqs:*", "secretsmanager:*", "kms:*"],
            "Resource": "*",
            "Condition": {"BoolIfExists": {"aws:SecureTransport": "false"}},
        }
    ],
}
ALICE = "arn:aws:iam::111122223333:user/alice"
ROLE = "arn:aws:iam::111122223333:role/other"
PROTECTED = "arn:aws:iam::111122223333:role/name-of-role-to-deny"
OBJECT = "arn:aws:s3:::b/k"
TLS = {"aws:SecureTransport": "true", "aws:SourceIp": "203.0.113.7"}
PLAIN = {"aws:SecureTransport": "false", "aws:SourceIp": "203.0.113.7"}

# (id, scp levels, rcps, action, resource, context, expected)
CASES = [
    ("rcp-tls-allows-https", [], [TLS_RCP], "s3:GetObject", OBJECT, TLS, "allowed"),
    ("rcp-tls-denies-http", [], [TLS_RCP], "s3:GetObject", OBJECT, PLAIN, "explicitDeny"),
    ("rcp-other-service", [], [TLS_RCP], "ec2:RunInstances", "*", PLAIN, "allowed"),
    ("scp-one-level-combined", [[FULL, PROTECT]], [], "iam:DeleteRole", ROLE, TLS, "allowed"),
    ("scp-one-level-deny", [[FULL, PROTECT]], [], "iam:DeleteRole", PROTECTED, TLS, "explicitDeny"),
    ("scp-deny-list-alone", [[PROTECT]], [], "iam:DeleteRole", ROLE, TLS, "implicitDeny"),
    (
        "scp-two-levels-both-allow",
        [[FULL], [FULL, PROTECT]],
        [],
        "s3:GetObject",
        OBJECT,
        TLS,
        "allowed",
    ),
    (
        "scp-second-level-filters",
        [[FULL], [ONLY_S3]],
        [],
        "iam:DeleteRole",
        ROLE,
        TLS,
        "implicitDeny",
    ),
    (
        "scp-first-level-filters",
        [[ONLY_S3], [FULL]],
        [],
        "iam:DeleteRole",
        ROLE,
        TLS,
        "implicitDeny",
    ),
]


@pytest.mark.parametrize(
    ("levels", "rcps", "action", "resource", "context", "expected"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_org_policies_as_aws_applies_them(
    levels, rcps, action, resource, context, expected
) -> None:
    identity = [FULL]
    case = {"identity": identity, "scp_levels": levels, "rcps": rcps, "action": action}
    oracle = run_oracle([{**case, "resource": resource, "principal": ALICE, "context": context}])
    assert oracle == [expected]
    policies = PolicySet(
        identity=(compile_policy(json.dumps(FULL), "identity"),),
        scps=tuple(
            tuple(compile_policy(json.dumps(p), f"scp{i}", PolicyKind.SCP) for p in level)
            for i, level in enumerate(levels)
        ),
        rcps=tuple(compile_policy(json.dumps(p), "rcp", PolicyKind.RCP) for p in rcps),
    )
    request = Request(action, resource, ALICE, make_context(context, ALICE))
    assert evaluate(policies, request).decision.value == expected


def test_an_allow_rcp_given_changes_nothing() -> None:
    # The audit's `--rcp fullaws.json --rcp rcp-tls.json`: the oracle refuses an Allow in an
    # RCP (only AWS's own RCPFullAWSAccess may allow); we read it as that one: it adds nothing.
    def decide(rcps: list[dict], context: dict) -> str:
        policies = PolicySet(
            identity=(compile_policy(json.dumps(FULL), "identity"),),
            rcps=tuple(compile_policy(json.dumps(p), "rcp", PolicyKind.RCP) for p in rcps),
        )
        request = Request("s3:GetObject", OBJECT, ALICE, make_context(context, ALICE))
        return evaluate(policies, request).decision.value

    assert decide([FULL, TLS_RCP], TLS) == decide([TLS_RCP], TLS) == "allowed"
    assert decide([FULL, TLS_RCP], PLAIN) == "explicitDeny"
