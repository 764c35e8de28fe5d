"""The grants summary on the new-user audit's cases: access levels and resource types of
every service from the all-services catalog (D8), Deny statements never marked as over-broad
grants, a trust policy's grant of sts:AssumeRole to its Principal (D9), and diff examples that
are real ARNs (D11). Access levels are the Service Authorization Reference's (S3, Amazon
Pinpoint, STS pages)."""

from __future__ import annotations

import json

import pytest

from editor.core.access.diff import diff
from editor.core.access.grants import grants
from editor.core.access.policy import compile_policy
from tests.cli.test_check_access_principal import BUCKET, BUCKET_POLICY, TRUST_POLICY

PINPOINT_APP = "arn:aws:mobiletargeting:us-east-1:123456789012:apps/myPinpointProject"
CHANNELS = "arn:aws:chime:us-east-1:123456789012:app-instance/app1/channel/*"


INSECURE_DENY = {
    "Effect": "Deny",
    "Action": "s3:*",
    "Resource": "*",
    "Condition": {"Bool": {"aws:SecureTransport": "false"}},
}


def identity(*statements: dict) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def allow(action: str, resource: str, effect: str = "Allow") -> dict:
    return {"Effect": effect, "Action": action, "Resource": resource}


@pytest.mark.parametrize(
    ("action", "resource", "level", "types"),
    [
        ("s3:GetObject", f"{BUCKET}/*", "Read", ("object",)),
        ("s3:ListBucket", BUCKET, "List", ("bucket",)),
        ("mobiletargeting:GetApp", PINPOINT_APP, "Read", ("app",)),
        ("sts:AssumeRole", "arn:aws:iam::123456789012:role/r", "Write", ("role",)),
    ],
)
def test_other_services_have_their_access_level_and_resource_type(
    action, resource, level, types
) -> None:
    (grant,) = grants(compile_policy(identity(allow(action, resource)), "p"))
    assert (grant.action, grant.access_level) == (action, level)
    assert grant.entries[0].types == types


@pytest.mark.parametrize(
    "document",
    [
        pytest.param(BUCKET_POLICY, id="bucket-policy-deny-s3-star"),
        pytest.param(
            json.loads(identity(allow("s3:GetObject", f"{BUCKET}/*"), INSECURE_DENY)),
            id="identity-deny-everything-insecure",
        ),
    ],
)
def test_deny_statements_are_never_over_broad_grants(document) -> None:
    summary = grants(compile_policy(json.dumps(document), "p", None))
    denied = [e for g in summary for e in g.denied]
    assert denied, "the Deny statement speaks of the allowed actions"
    assert all(not e.broad and not e.mismatch for e in denied)


def test_a_public_read_statement_is_over_broad_and_a_named_account_is_not() -> None:
    summary = {g.action: g for g in grants(compile_policy(json.dumps(BUCKET_POLICY), "p", None))}
    (public,) = summary["s3:GetObject"].entries
    assert public.principals == ("anyone (*)",)
    assert public.broad == ("to anyone (Principal *), with no Condition",)
    (listing,) = summary["s3:ListBucket"].entries
    assert listing.principals == ("AWS arn:aws:iam::111122223333:root",)
    assert listing.broad == ()


def test_a_trust_policy_grants_assume_role_to_its_principal() -> None:
    (grant,) = grants(compile_policy(json.dumps(TRUST_POLICY), "trust", None))
    assert grant.action == "sts:AssumeRole"
    (entry,) = grant.entries
    assert entry.principals == ("Service messaging.chime.amazonaws.com",)
    assert entry.resource == "the policy's own resource"
    assert "aws:SourceAccount" in (entry.condition or "")
    assert entry.broad == ()


def test_diff_example_of_a_wildcard_id_is_an_arn_with_an_id() -> None:
    old = compile_policy(identity(), "old")
    new = compile_policy(identity(allow("chime:SendChannelMessage", CHANNELS)), "new")
    (change,) = diff(old, new).added
    assert change.example.startswith(CHANNELS[:-1])
    assert len(change.example) > len(CHANNELS) - 1  # not ".../channel/" with an empty ID
