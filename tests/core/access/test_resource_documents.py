"""A policy given as a document that names a Principal (a bucket policy, a role's trust policy)
is the resource policy it is: its Principal is matched against the request's principal, never
ignored (an audit found `check-access` saying "allowed" for a principal the policy does not
name). Each case is also put to the oracle (@cloud-copilot/iam-simulate) as a resource policy.

AWS's "Policy evaluation logic" (same account): a resource policy that allows the principal
allows on its own; one that does not name the principal leaves the request to the identity
policies (here none: implicit deny).
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from editor.core.access.evaluate import (
    Decision,
    PolicySet,
    TwoResourcePolicies,
    evaluate,
    with_documents,
)
from editor.core.access.policy import PolicyKind, compile_policy
from editor.core.access.request import Request, make_context
from tests.core.access.oracle import run_oracle

BUCKET = "arn:aws:s3:::amzn-s3-demo-bucket"
# The audit's bucket-policy.json, in the style of AWS's S3 bucket policy examples.
BUCKET_POLICY: dict[str, Any] = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "PublicRead",
            "Effect": "Allow",
            "Principal": "*",
            "Action": ["s3:GetObject", "s3:GetObjectVersion"],
            "Resource": [f"{BUCKET}/*"],
        },
        {
            "Sid": "AllowCrossAccountList",
            "Effect": "Allow",
            "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"},
            "Action": "s3:ListBucket",
            "Resource": BUCKET,
        },
        {
            "Sid": "DenyInsecureTransport",
            "Effect": "Deny",
            "Principal": "*",
            "Action": "s3:*",
            "Resource": [BUCKET, f"{BUCKET}/*"],
            "Condition": {"Bool": {"aws:SecureTransport": "false"}},
        },
    ],
}
# The audit's trust-policy.json: AWS's trust policy for Chime SDK messaging's service role.
TRUST_POLICY: dict[str, Any] = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": {"Service": "messaging.chime.amazonaws.com"},
            "Action": "sts:AssumeRole",
            "Condition": {"StringEquals": {"aws:SourceAccount": "111122223333"}},
        }
    ],
}
ROLE = "arn:aws:iam::111122223333:role/ChimeMessagingRole"
BOB = "arn:aws:iam::111122223333:user/bob"
ALICE = "arn:aws:iam::111122223333:user/alice"
SECURE = {"aws:SecureTransport": "true"}

CASES = [
    # The audit's case (bob is not the principal the statement names): denied, not allowed.
    pytest.param(BUCKET_POLICY, "s3:ListBucket", BUCKET, BOB, SECURE, "implicitDeny", id="bob"),
    pytest.param(BUCKET_POLICY, "s3:ListBucket", BUCKET, ALICE, SECURE, "allowed", id="alice"),
    pytest.param(
        BUCKET_POLICY, "s3:GetObject", f"{BUCKET}/a.txt", BOB, SECURE, "allowed", id="public"
    ),
    pytest.param(
        BUCKET_POLICY,
        "s3:GetObject",
        f"{BUCKET}/a.txt",
        BOB,
        {"aws:SecureTransport": "false"},
        "explicitDeny",
        id="insecure",
    ),
    pytest.param(
        TRUST_POLICY,
        "sts:AssumeRole",
        ROLE,
        "messaging.chime.amazonaws.com",
        {"aws:SourceAccount": "111122223333"},
        "allowed",
        id="trust-service",
    ),
    pytest.param(
        TRUST_POLICY,
        "sts:AssumeRole",
        ROLE,
        "messaging.chime.amazonaws.com",
        {"aws:SourceAccount": "999999999999"},
        "implicitDeny",
        id="trust-other-source",
    ),
    pytest.param(
        TRUST_POLICY,
        "sts:AssumeRole",
        ROLE,
        BOB,
        {"aws:SourceAccount": "111122223333"},
        "implicitDeny",
        id="trust-not-the-service",
    ),
]


def ours(document: dict[str, Any], action: str, resource: str, principal: str, context) -> str:
    policy = compile_policy(json.dumps(document), "policy", None)
    assert policy.kind is PolicyKind.RESOURCE
    identity, resource_policy = with_documents([policy])
    request = Request(action, resource, principal, make_context(context, principal))
    return evaluate(PolicySet(identity=identity, resource=resource_policy), request).decision.value


@pytest.mark.parametrize(("document", "action", "resource", "principal", "context", "want"), CASES)
def test_principal_of_a_document_is_matched(
    document, action, resource, principal, context, want
) -> None:
    assert ours(document, action, resource, principal, context) == want


@pytest.mark.slow
def test_the_oracle_agrees_on_every_case() -> None:
    cases = [
        {
            "identity": [],
            "resource_policy": p.values[0],
            "action": p.values[1],
            "resource": p.values[2],
            "principal": p.values[3],
            "context": p.values[4],
        }
        for p in CASES
    ]
    assert run_oracle(cases) == [p.values[5] for p in CASES]


def test_a_document_without_principal_stays_an_identity_policy() -> None:
    text = json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": BUCKET}],
        }
    )
    policy = compile_policy(text, "policy", None)
    assert policy.kind is PolicyKind.IDENTITY
    request = Request("s3:ListBucket", BUCKET, BOB, make_context({}, BOB))
    assert evaluate(PolicySet(identity=(policy,)), request).decision is Decision.ALLOWED


def test_two_documents_naming_principals_are_refused() -> None:
    text = json.dumps(BUCKET_POLICY)
    documents = [compile_policy(text, name, None) for name in ("a.json", "b.json")]
    with pytest.raises(TwoResourcePolicies, match=r"a\.json and b\.json both name a Principal"):
        with_documents(documents)


# The audit's own bucket policy names the account (`arn:aws:iam::111122223333:root`): that
# "delegates authority to the account" (IAM's "Principal" element page, "AWS account
# principals"): a principal of the account also needs its identity policy to allow.
ROOT_NAMED = json.loads(json.dumps(BUCKET_POLICY))
ROOT_NAMED["Statement"][1]["Principal"] = {"AWS": "arn:aws:iam::111122223333:root"}
LIST_ALLOWED = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": BUCKET}],
}
ACCOUNT_CASES = [
    pytest.param([], ALICE, "implicitDeny", id="account-named-no-identity-policy"),
    pytest.param([LIST_ALLOWED], ALICE, "allowed", id="account-named-identity-allows"),
    pytest.param([], "arn:aws:iam::111122223333:role/r", "implicitDeny", id="role-of-account"),
]


@pytest.mark.parametrize(("identity", "principal", "want"), ACCOUNT_CASES)
def test_an_account_principal_delegates_to_identity_policies(identity, principal, want) -> None:
    policy = compile_policy(json.dumps(ROOT_NAMED), "bucket", None)
    identities = tuple(compile_policy(json.dumps(p), "identity") for p in identity)
    request = Request("s3:ListBucket", BUCKET, principal, make_context(SECURE, principal))
    result = evaluate(PolicySet(identity=identities, resource=policy), request)
    assert result.decision.value == want


@pytest.mark.slow
def test_the_oracle_agrees_on_account_principals() -> None:
    cases = [
        {
            "identity": p.values[0],
            "resource_policy": ROOT_NAMED,
            "action": "s3:ListBucket",
            "resource": BUCKET,
            "principal": p.values[1],
            "context": SECURE,
        }
        for p in ACCOUNT_CASES
    ]
    assert run_oracle(cases) == [p.values[2] for p in ACCOUNT_CASES]
