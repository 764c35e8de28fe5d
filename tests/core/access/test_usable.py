"""`usable` (one action's answer, which the catalog's boxes and `edit` ask) says what the
grants summary says of that action, its quick witness included: a Deny whose ARNs part from
an Allow's at a literal head or tail, or meet it only through a wildcard or a variable."""

import json

import pytest

from editor.core.access.grants import _usable, grants, usable
from editor.core.access.policy import compile_policy
from tests.core.access.oracle import run_oracle

A = "arn:aws:chime:us-east-1:111122223333:app-instance/app1"


def _policy(allow: list[str], deny: list[str], key: str = "Resource", **extra) -> str:
    statements = [
        {"Effect": "Allow", "Action": "chime:DeleteChannel", "Resource": allow},
        {"Effect": "Deny", "Action": "chime:DeleteChannel", key: deny, **extra},
    ]
    return json.dumps({"Version": "2012-10-17", "Statement": statements})


CASES = [
    ("other-channel", _policy([f"{A}/channel/c1"], [f"{A}/channel/c2"])),
    ("same-channel", _policy([f"{A}/channel/c1"], [f"{A}/channel/c1"])),
    ("case-differs", _policy([f"{A}/channel/C1"], [f"{A}/channel/c1"])),
    ("head-parts", _policy([f"{A}/user/u1", f"{A}/channel/c1"], [f"{A}/channel/*"])),
    ("star-covers", _policy([f"{A}/channel/c1"], ["*"])),
    ("tail-parts", _policy([f"{A}/channel/x-a"], ["arn:aws:chime:*:*:app-instance/*/channel/*-b"])),
    ("tail-meets", _policy([f"{A}/channel/x-b"], ["arn:aws:chime:*:*:app-instance/*/channel/*-b"])),
    ("wild-region", _policy([f"{A}/channel/*"], ["arn:aws:chime:*:*:app-instance/*"])),
    ("variable", _policy([f"{A}/user/${{aws:username}}"], [f"{A}/user/bob"])),
    ("variable-both", _policy([f"{A}/user/${{aws:username}}"], [f"{A}/user/${{aws:username}}"])),
    ("question-mark", _policy([f"{A}/channel/c1"], [f"{A}/channel/c?"])),
    ("notresource", _policy([f"{A}/channel/c1"], [f"{A}/channel/c2"], key="NotResource")),
    ("notresource-spares", _policy([f"{A}/channel/c1"], [f"{A}/channel/c1"], key="NotResource")),
    (
        "conditional",
        _policy([f"{A}/channel/c1"], ["*"], Condition={"Bool": {"aws:SecureTransport": "false"}}),
    ),
]


@pytest.mark.parametrize("text", [c[1] for c in CASES], ids=[c[0] for c in CASES])
def test_usable_says_what_grants_lists(text: str) -> None:
    policy = compile_policy(text, "p")
    listed = {g.action for g in grants(policy)}
    assert usable(policy, "chime:DeleteChannel") == ("chime:DeleteChannel" in listed)
    # The quick witness never answers otherwise than the whole product of the patterns.
    speaking = [s for s in policy.statements if s.problem is None]
    allows = [s for s in speaking if s.allow]
    denies = [s for s in speaking if not s.allow]
    whole = _usable(allows, denies, "chime:deletechannel")
    assert usable(policy, "chime:DeleteChannel") == whole


def _conditional(condition: dict) -> str:
    return _policy([f"{A}/channel/c1"], ["*"], Condition=condition)


# (id, the Deny's Condition, whether DeleteChannel is still granted)
CONDITIONS = [
    # audit m9: no chime request carries an S3 key, and ...IfExists holds when it is absent
    ("other-service-ifexists", {"StringNotEqualsIfExists": {"s3:x-amz-acl": "private"}}, False),
    ("other-service-negated", {"StringNotEquals": {"s3:x-amz-acl": "private"}}, False),
    ("other-service-null-true", {"Null": {"s3:x-amz-acl": "true"}}, False),
    ("other-service-positive", {"StringEquals": {"s3:x-amz-acl": "private"}}, True),
    ("own-service-key", {"StringNotEqualsIfExists": {"chime:ChannelType": "private"}}, True),
    ("global-key", {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}, True),
    (
        "one-clause-may-fail",
        {
            "StringNotEqualsIfExists": {"s3:x-amz-acl": "private"},
            "Bool": {"aws:MultiFactorAuthPresent": "false"},
        },
        True,
    ),
]


@pytest.mark.parametrize(
    ("condition", "granted"), [c[1:] for c in CONDITIONS], ids=[c[0] for c in CONDITIONS]
)
def test_a_condition_that_restricts_nothing_denies_everywhere(condition, granted) -> None:
    policy = compile_policy(_conditional(condition), "p")
    assert usable(policy, "chime:DeleteChannel") is granted
    assert ("chime:DeleteChannel" in {g.action for g in grants(policy)}) is granted
    if not granted:  # the access oracle (iam-simulate): denied for a request with no keys
        case = {
            "identity": [json.loads(_conditional(condition))],
            "action": "chime:DeleteChannel",
            "resource": f"{A}/channel/c1",
            "principal": "arn:aws:iam::111122223333:user/alice",
            "context": {},
        }
        assert run_oracle([case]) == ["explicitDeny"]
