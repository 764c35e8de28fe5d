"""Action and resource matching: wildcards, case, ARN fields, NotAction / NotResource and
policy variables in Resource, as the IAM User Guide's element pages describe them
("IAM JSON policy elements: Action / NotAction / Resource / NotResource" and
"IAM policy elements: Variables and tags")."""

import json

import pytest

from editor.core.access.evaluate import Decision, check
from editor.core.access.glob import glob

A = "arn:aws:chime:us-east-1:123456789012:app-instance/app-1"


def allow(**statement) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", **statement}]})


ROWS = [
    # "Resource" page: wildcards within each ARN segment, not across segments.
    (
        allow(Action="chime:*", Resource="arn:aws:chime:*:123456789012:app-instance/*"),
        "chime:DescribeAppInstance",
        A,
        True,
    ),
    (
        allow(Action="chime:*", Resource="arn:aws:chime:us-east-*"),  # last field takes the rest
        "chime:DescribeAppInstance",
        A,
        True,
    ),
    (
        allow(Action="chime:*", Resource="arn:aws:chime:*:app-instance/*"),  # no ':' in a `*`
        "chime:DescribeAppInstance",
        A,
        False,
    ),
    (
        allow(Action="chime:*", Resource="arn:aws:chime:us-east-1:*:app-instance/app-?"),
        "chime:DescribeAppInstance",
        A,
        True,
    ),
    (
        allow(Action="chime:*", Resource="arn:aws:chime:us-east-1:*:app-instance/app-?"),
        "chime:DescribeAppInstance",
        A + "0",
        False,
    ),
    # ARNs are case-sensitive; action names are not.
    (allow(Action="CHIME:describeappinstance", Resource=A), "chime:DescribeAppInstance", A, True),
    (allow(Action="chime:*", Resource=A.upper()), "chime:DescribeAppInstance", A, False),
    # The resource part may hold colons.
    (allow(Action="s3:*", Resource="arn:aws:s3:::b/*"), "s3:GetObject", "arn:aws:s3:::b/x:y", True),
    # NotAction: everything but; NotResource likewise.
    (allow(NotAction="chime:Delete*", Resource="*"), "chime:DeleteChannel", A, False),
    (allow(NotAction="chime:Delete*", Resource="*"), "chime:CreateChannel", A, True),
    (allow(Action="chime:*", NotResource=A + "/channel/*"), "chime:ListChannels", A, True),
    (
        allow(Action="chime:*", NotResource=A + "/channel/*"),
        "chime:DeleteChannel",
        A + "/channel/c1",
        False,
    ),
    # Variables page: ${aws:username} in a Resource is resolved from the request ...
    (
        allow(Action="chime:*", Resource=A + "/user/${aws:username}"),
        "chime:Connect",
        A + "/user/bob",
        True,
    ),
    (
        allow(Action="chime:*", Resource=A + "/user/${aws:username}"),
        "chime:Connect",
        A + "/user/eve",
        False,
    ),
]


@pytest.mark.parametrize(("policy", "action", "resource", "allowed"), ROWS)
def test_matching(policy: str, action: str, resource: str, allowed: bool) -> None:
    result = check(policy, action, resource, principal="arn:aws:iam::123456789012:user/bob")
    assert result.allowed is allowed, result.reason


def test_variables_only_in_version_2012_10_17() -> None:
    # Variables page: with Version 2008-10-17 "${aws:username}" is read as literal text.
    old = json.dumps(
        {
            "Version": "2008-10-17",
            "Statement": [
                {"Effect": "Allow", "Action": "chime:*", "Resource": A + "/user/${aws:username}"}
            ],
        }
    )
    bob = "arn:aws:iam::123456789012:user/bob"
    assert not check(old, "chime:Connect", A + "/user/bob", principal=bob).allowed
    assert check(old, "chime:Connect", A + "/user/${aws:username}", principal=bob).allowed


def test_a_variable_without_value_matches_nothing() -> None:
    policy = allow(Action="chime:*", Resource=A + "/user/${aws:PrincipalTag/uid}")
    assert check(policy, "chime:Connect", A + "/user/x").decision is Decision.IMPLICIT_DENY
    tagged = {"aws:PrincipalTag/uid": "x"}
    assert check(policy, "chime:Connect", A + "/user/x", context=tagged).allowed


@pytest.mark.parametrize(
    ("pattern", "text", "expected"),
    [
        ("*", "", True),
        ("a*b*c", "abc", True),
        ("a*b*c", "aXbYbZc", True),
        ("a*b*c", "acb", False),
        ("a?c", "abc", True),
        ("a?c", "ac", False),
        ("*a?", "xxab", True),
        ("ab*ba", "aba", False),
        ("?*?", "a", False),
        ("exact", "exact", True),
    ],
)
def test_glob(pattern: str, text: str, expected: bool) -> None:
    assert glob(pattern).matches(text) is expected


def test_glob_is_linear_on_a_backtracking_trap() -> None:
    # a*a*a*...b against a long run of "a": exponential for a backtracking matcher, a single
    # scan per segment here (the test would not finish otherwise).
    pattern = "a*" * 40 + "b"
    assert glob(pattern).matches("a" * 20000) is False
