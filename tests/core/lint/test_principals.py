"""Principal rules: one table per code (principal -> the exact text each finding points at).
Valid forms are those of the IAM User Guide's Principal page
(https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from editor.core.lint.engine import fix_all, lint


def bucket_policy(principal: Any, condition: bool = False, effect: str = "Allow") -> str:
    statement: dict[str, Any] = {
        "Effect": effect,
        "Principal": principal,
        "Action": "s3:GetObject",
        "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*",
    }
    if condition:
        statement["Condition"] = {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}
    return json.dumps({"Version": "2012-10-17", "Statement": [statement]}, indent=2)


VALID = [
    "*",
    {"AWS": "123456789012"},
    {"AWS": "arn:aws:iam::123456789012:root"},
    {"AWS": "arn:aws:iam::123456789012:role/role-name"},
    {"AWS": "arn:aws:iam::123456789012:user/division/user-name"},
    {"AWS": "arn:aws:sts::123456789012:assumed-role/role-name/role-session-name"},
    {"AWS": "arn:aws:sts::123456789012:federated-user/user-name"},
    {"AWS": "arn:aws-cn:iam::123456789012:root"},
    {"Service": ["ecs.amazonaws.com", "elasticloadbalancing.amazonaws.com"]},
    {"Service": "logs.us-east-1.amazonaws.com"},
    {"Federated": "cognito-identity.amazonaws.com"},
    {"Federated": "accounts.google.com"},
    {"Federated": "arn:aws:iam::123456789012:saml-provider/provider-name"},
    {"CanonicalUser": "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"},
]


@pytest.mark.parametrize("principal", VALID, ids=lambda p: json.dumps(p)[:50])
def test_valid_principals_get_nothing(principal: Any) -> None:
    found = lint(bucket_policy(principal, condition=True)).findings
    assert [f.code for f in found if f.code.startswith("principal/")] == []


TABLE: dict[str, list[tuple[Any, list[str]]]] = {
    "principal/invalid-type": [
        ("123456789012", ['"123456789012"']),
        ({"Aws": "123456789012"}, ['"Aws"']),
        ({"User": "alice"}, ['"User"']),
        ({"AWS": 123456789012}, ["123456789012"]),
        (["*"], ['[\n        "*"\n      ]']),
    ],
    "principal/invalid-account": [
        ({"AWS": "12345"}, ['"12345"']),
        ({"AWS": ["123456789012", "1234567890123"]}, ['"1234567890123"']),
    ],
    "principal/invalid-arn": [
        ({"AWS": "arn:aws:iam::123456789012:role/*"}, ['"arn:aws:iam::123456789012:role/*"']),
        ({"AWS": "arn:aws:s3:::bucket"}, ['"arn:aws:s3:::bucket"']),
        ({"AWS": "arn:aws:iam::123456789012:group/admins"},
         ['"arn:aws:iam::123456789012:group/admins"']),
        ({"AWS": "arn:aws:sts::123456789012:assumed-role/role-name"},
         ['"arn:aws:sts::123456789012:assumed-role/role-name"']),
        ({"AWS": "alice@example.com"}, ['"alice@example.com"']),
        ({"Federated": "token.actions.githubusercontent.com"},
         ['"token.actions.githubusercontent.com"']),
    ],
    "principal/invalid-service": [
        ({"Service": "lambda"}, ['"lambda"']),
        ({"Service": "*"}, ['"*"']),
        ({"Service": "Lambda.amazonaws.com"}, ['"Lambda.amazonaws.com"']),
    ],
    "principal/invalid-canonical-user": [
        ({"CanonicalUser": "79a59df900b949e5"}, ['"79a59df900b949e5"']),
    ],
    "principal/placeholder": [
        ({"AWS": "arn:aws:iam::my_aws_account_id:role/Server"}, ["my_aws_account_id"]),
        ({"AWS": "arn:aws:iam::AWS-account-ID:role/role-name"}, ["AWS-account-ID"]),
        ({"AWS": "arn:aws:iam::{aws_account_id}:root"}, ["{aws_account_id}"]),
        ({"AWS": "<account-id>"}, ["<account-id>"]),
        ({"AWS": "ACCOUNT_ID"}, ["ACCOUNT_ID"]),
        ({"AWS": "arn:aws:iam::123456789012:root"}, []),
    ],
    "principal/public": [
        ("*", ['"*"']),
        ({"AWS": "*"}, ['"*"']),
        ({"AWS": "123456789012"}, []),
    ],
}  # fmt: skip


def cases() -> list[tuple[str, Any, list[str]]]:
    return [(code, p, expected) for code, rows in TABLE.items() for p, expected in rows]


@pytest.mark.parametrize(("code", "principal", "expected"), cases())
def test_rule_points_at_the_token(code: str, principal: Any, expected: list[str]) -> None:
    text = bucket_policy(principal)
    hits = [text[f.start : f.end] for f in lint(text).findings if f.code == code]
    assert hits == expected


def not_principal_policy(effect: str = "Allow", condition: bool = False) -> str:
    text = bucket_policy({"AWS": "arn:aws:iam::444455556666:user/Bob"}, condition, effect)
    return text.replace('"Principal"', '"NotPrincipal"')


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # IAM User Guide, NotPrincipal: an Allow with NotPrincipal grants every principal not
        # named, anonymous users included (as "*" does)
        (not_principal_policy(), ['"NotPrincipal"']),
        (not_principal_policy(condition=True), []),  # narrowed, as for "*"
        (not_principal_policy("Deny"), []),  # the documented use: deny all but these
    ],
)
def test_an_allow_with_not_principal_is_public(text: str, expected: list[str]) -> None:
    hits = [text[f.start : f.end] for f in lint(text).findings if f.code == "principal/public"]
    assert hits == expected


def test_public_is_fine_with_a_condition_or_a_deny() -> None:
    for text in (bucket_policy("*", condition=True), bucket_policy("*", effect="Deny")):
        assert "principal/public" not in [f.code for f in lint(text).findings]


def test_a_mis_cased_principal_key_is_fixed() -> None:
    fixed = json.loads(fix_all(bucket_policy({"aws": "123456789012"})))
    assert fixed["Statement"][0]["Principal"] == {"AWS": "123456789012"}
