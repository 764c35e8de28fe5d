"""A Deny with NotPrincipal spares a principal only when every identity AWS checks is listed.

IAM User Guide, "AWS JSON policy elements: NotPrincipal": its example bucket policy denies
s3:* with NotPrincipal [user/Bob, 444455556666:root] and says "all principals *except* the
user named Bob in AWS account 444455556666 are explicitly denied". The same page: "When you use
NotPrincipal, you must also specify the account ARN of the not-denied principal. Otherwise,
the policy might deny access to the entire account containing the principal. ... If you are
evaluating an assumed-role user ... AWS might first check the account, then the role, and then
the assumed-role user", and recommends listing "the ARN for a user's account, or ... both the
ARN of a role and the ARN of the account containing that role".

Before, a principal of a listed account (Mallory of 444455556666) was spared like its account:
"allowed". The oracle (iam-simulate 0.1.173) gives the same wrong answer, so these cases are
checked against the page, not the oracle.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from editor.core.access.evaluate import PolicySet, evaluate
from editor.core.access.policy import PolicyKind, compile_policy
from editor.core.access.request import Request, make_context
from tests.core.access.oracle import run_oracle

ACCOUNT = "444455556666"
BOB = f"arn:aws:iam::{ACCOUNT}:user/Bob"
ROOT = f"arn:aws:iam::{ACCOUNT}:root"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/auditor"
SESSION = f"arn:aws:sts::{ACCOUNT}:assumed-role/auditor/app"
OBJECT = "arn:aws:s3:::BUCKETNAME/x"
EVERYTHING = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}],
}


def bucket(spared: list[str]) -> dict[str, Any]:
    """The page's example: GetObject granted to the account, s3:* denied to all but `spared`."""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"AWS": ROOT},
                "Action": "s3:GetObject",
                "Resource": "arn:aws:s3:::BUCKETNAME/*",
            },
            {
                "Effect": "Deny",
                "NotPrincipal": {"AWS": spared},
                "Action": "s3:*",
                "Resource": ["arn:aws:s3:::BUCKETNAME", "arn:aws:s3:::BUCKETNAME/*"],
            },
        ],
    }


PAGE = [BOB, ROOT]
CASES = [
    pytest.param(PAGE, BOB, "s3:GetObject", None, "allowed", id="bob-is-spared"),
    pytest.param(PAGE, f"arn:aws:iam::{ACCOUNT}:user/Mallory", "s3:GetObject", None,
                 "explicitDeny", id="another-user-of-the-account-is-denied"),
    pytest.param(PAGE, ROOT, "s3:GetObject", None, "allowed", id="the-account-itself-is-spared"),
    pytest.param(PAGE, "arn:aws:iam::777788889999:user/Bob", "s3:GetObject", None,
                 "explicitDeny", id="a-bob-of-another-account-is-denied"),
    pytest.param([BOB], BOB, "s3:GetObject", None, "explicitDeny",
                 id="bob-without-his-account-is-denied"),
    pytest.param([ROOT], BOB, "s3:GetObject", None, "explicitDeny",
                 id="the-account-alone-spares-none-of-its-users"),
    pytest.param([ROLE, ROOT], SESSION, "s3:GetObject", None, "allowed",
                 id="a-session-of-a-listed-role-is-spared"),
    pytest.param([SESSION, ROOT], SESSION, "s3:GetObject", None, "allowed",
                 id="a-listed-session-is-spared"),
    pytest.param([ROLE, ROOT], f"arn:aws:sts::{ACCOUNT}:assumed-role/other/app", "s3:GetObject",
                 None, "explicitDeny", id="a-session-of-another-role-is-denied"),
    pytest.param([ROLE], SESSION, "s3:GetObject", None, "explicitDeny",
                 id="a-listed-role-without-its-account-is-denied"),
    # The page's bucket is another account's: Bob gets what it grants his account, no more.
    pytest.param(PAGE, BOB, "s3:GetObject", "111122223333", "allowed", id="cross-account-get"),
    pytest.param(PAGE, BOB, "s3:DeleteObject", "111122223333", "implicitDeny",
                 id="cross-account-delete-not-granted"),
]  # fmt: skip


@pytest.mark.parametrize(("spared", "principal", "action", "owner", "want"), CASES)
def test_not_principal_spares_only_who_is_listed_with_its_account(
    spared: list[str], principal: str, action: str, owner: str | None, want: str
) -> None:
    policies = PolicySet(
        identity=(compile_policy(json.dumps(EVERYTHING), "identity"),),
        resource=compile_policy(json.dumps(bucket(spared)), "bucket", PolicyKind.RESOURCE),
    )
    request = Request(action, OBJECT, principal, make_context({}, principal), owner)
    assert evaluate(policies, request).decision.value == want


# The same page: "The NotPrincipal element with a Deny effect will always deny any IAM principal
# that has a permissions boundary policy attached, regardless of the values specified in the
# NotPrincipal element." Here the oracle agrees, so it decides too.
BOUNDARY_CASES = [
    pytest.param(None, "allowed", id="bob-without-a-boundary-is-spared"),
    pytest.param(EVERYTHING, "explicitDeny", id="bob-with-a-boundary-is-denied-all-the-same"),
]


@pytest.mark.parametrize(("boundary", "want"), BOUNDARY_CASES)
def test_a_boundary_makes_a_not_principal_deny_deny_anyone(boundary, want) -> None:
    policies = PolicySet(
        identity=(compile_policy(json.dumps(EVERYTHING), "identity"),),
        boundary=None
        if boundary is None
        else compile_policy(json.dumps(boundary), "boundary", PolicyKind.BOUNDARY),
        resource=compile_policy(json.dumps(bucket(PAGE)), "bucket", PolicyKind.RESOURCE),
    )
    request = Request("s3:GetObject", OBJECT, BOB, make_context({}, BOB))
    assert evaluate(policies, request).decision.value == want


@pytest.mark.slow
def test_the_oracle_agrees_on_the_boundary_cases() -> None:
    case = {
        "identity": [EVERYTHING],
        "resource_policy": bucket(PAGE),
        "action": "s3:GetObject",
        "resource": OBJECT,
        "principal": BOB,
        "context": {},
        "resource_account": ACCOUNT,
    }
    cases = [
        case if b is None else {**case, "boundary": b}
        for b, _ in (p.values for p in BOUNDARY_CASES)
    ]
    assert run_oracle(cases) == [p.values[1] for p in BOUNDARY_CASES]
