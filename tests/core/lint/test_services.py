"""Every rule that works for Chime works for every AWS service: one table per code, each case
(policy text, the exact text each finding of that code points at). Action names and ARN forms
come from AWS's Service Authorization Reference (the s3, kms, iam, logs, lambda,
cognito-identity and mobiletargeting pages), the services real Chime applications mix in."""

import json
import subprocess
import sys

import pytest

from editor.core.lint.engine import fix_all, lint
from editor.core.text.findings import Severity
from tests.core.policies import USER, policy
from tests.core.policies import statement as S

BUCKET = "arn:aws:s3:::chat-attachments"
OBJECTS = f"{BUCKET}/uploads/2026/*"
KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
ROLE = "arn:aws:iam::123456789012:role/service-role/chat-bot"
LOGS = "arn:aws:logs:us-east-1:123456789012:log-group:/chat/app:log-stream:*"
FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:chat-processor"
APP = "arn:aws:mobiletargeting:us-east-1:123456789012:apps/abc123"

TABLE: dict[str, list[tuple[str, list[str]]]] = {
    "action/unknown": [
        (
            policy(S(["s3:ListBuckets", "sns:SendMessage"], "*")),
            ['"s3:ListBuckets"', '"sns:SendMessage"'],
        ),
        (policy(S("kms:Decrypted", KEY)), ['"kms:Decrypted"']),
        (policy(S("cognito-identity:GetCredentialsForIdentity", "*")), []),
        (policy(S(["s3:ListAllMyBuckets", "sns:Publish"], "*")), []),
    ],
    "action/miscased": [
        (policy(S("S3:getobject", OBJECTS)), ['"S3:getobject"']),
        (policy(S("lambda:invokefunction", FUNCTION)), ['"lambda:invokefunction"']),
        (policy(S("lambda:InvokeFunction", FUNCTION)), []),
    ],
    "action/wildcard-matches-nothing": [
        (policy(S("s3:Gett*", OBJECTS)), ['"s3:Gett*"']),
        (policy(S("kms:*Nothing*", "*")), ['"kms:*Nothing*"']),
        (policy(S("s3:Get*", OBJECTS)), []),
        (policy(S("logs:Put*", LOGS)), []),
    ],
    "resource/mismatch": [
        (policy(S("s3:GetObject", BUCKET)), ['"s3:GetObject"']),
        (policy(S("kms:Decrypt", ROLE)), ['"kms:Decrypt"']),
        (policy(S(["s3:GetObject", "kms:Decrypt"], [OBJECTS, KEY])), []),
        # An object key holds "/": the ARN is an object, not a bucket.
        (policy(S("s3:GetObject", f"{BUCKET}/a/b/c.png")), []),
        (policy(S("iam:PassRole", ROLE)), []),
        (policy(S("mobiletargeting:GetApp", APP)), []),
        (policy(S("logs:PutLogEvents", LOGS)), []),
        (policy(S("s3:ListBucket", "arn:aws:s3:::chat-*")), []),
    ],
    "resource/star-required": [
        (policy(S("s3:ListAllMyBuckets", BUCKET)), ['"s3:ListAllMyBuckets"']),
        (policy(S("s3:ListAllMyBuckets", "*")), []),
        (policy(S("logs:DescribeLogGroups", "*")), []),
    ],
    "condition/unknown-key": [
        (
            policy(
                S("s3:PutObject", OBJECTS, Condition={"StringEquals": {"s3:x-amz-acls": "private"}})
            ),
            ['"s3:x-amz-acls"'],
        ),
        (
            policy(
                S("s3:PutObject", OBJECTS, Condition={"StringEquals": {"s3:x-amz-acl": "private"}})
            ),
            [],
        ),
        (
            policy(
                S(
                    "kms:Decrypt",
                    KEY,
                    Condition={"StringEquals": {"kms:ViaService": "s3.us-east-1.amazonaws.com"}},
                )
            ),
            [],
        ),
    ],
    "condition/key-not-supported": [
        (
            policy(S("kms:Decrypt", KEY, Condition={"StringEquals": {"s3:x-amz-acl": "private"}})),
            ['"s3:x-amz-acl"'],
        ),
        (
            policy(S("s3:GetObject", OBJECTS, Condition={"StringEquals": {"kms:ViaService": "x"}})),
            ['"kms:ViaService"'],
        ),
        (
            policy(
                S("s3:PutObject", OBJECTS, Condition={"StringEquals": {"s3:x-amz-acl": "private"}})
            ),
            [],
        ),
        (
            policy(S("s3:GetObject", OBJECTS, Condition={"Bool": {"aws:SecureTransport": "true"}})),
            [],
        ),
    ],
    "resource/region-not-allowed": [
        (policy(S("s3:GetObject", "arn:aws:s3:us-east-1::chat-attachments/*")), ["us-east-1"]),
        (policy(S("iam:GetRole", "arn:aws:iam:us-east-1:123456789012:role/r")), ["us-east-1"]),
        (policy(S("iam:GetRole", "arn:aws:iam:*:123456789012:role/r")), []),
        (policy(S("iam:GetRole", ROLE)), []),
        (policy(S("kms:Decrypt", KEY)), []),
    ],
    "resource/account-not-allowed": [
        (
            policy(S("s3:GetObject", "arn:aws:s3::123456789012:chat-attachments/*")),
            ["123456789012"],
        ),
        (policy(S("s3:GetObject", OBJECTS)), []),
        # S3 access points do have a region and an account.
        (
            policy(S("s3:GetObject", "arn:aws:s3:us-east-1:123456789012:accesspoint/ap/object/*")),
            [],
        ),
    ],
    "resource/service-case": [
        (policy(S("s3:GetObject", "arn:aws:S3:::chat-attachments/*")), ["S3"]),
        (policy(S("s3:GetObject", OBJECTS)), []),
    ],
    "action/dependent": [
        (
            policy(S("chime:RegisterAppInstanceUserEndpoint", USER)),
            ['"chime:RegisterAppInstanceUserEndpoint"'],
        ),
        (
            policy(
                S("chime:RegisterAppInstanceUserEndpoint", USER),
                S("mobiletargeting:GetApp", APP),
            ),
            [],
        ),
        (
            policy(
                S("chime:RegisterAppInstanceUserEndpoint", USER),
                S("mobiletargeting:Get*", APP),
            ),
            [],
        ),
        (policy(S("chime:Connect", USER)), []),
    ],
}


def cases():
    return [
        pytest.param(code, text, expected, id=f"{code}-{n}")
        for code, rows in TABLE.items()
        for n, (text, expected) in enumerate(rows)
    ]


@pytest.mark.parametrize(("code", "text", "expected"), cases())
def test_rule_points_at_the_token(code: str, text: str, expected: list[str]) -> None:
    hits = [text[f.start : f.end] for f in lint(text).findings if f.code == code]
    assert hits == expected


def test_every_code_has_positive_and_negative_cases() -> None:
    for code, rows in TABLE.items():
        assert any(expected for _, expected in rows), code
        assert any(not expected for _, expected in rows), code


def test_did_you_mean_for_another_service() -> None:
    text = policy(S("s3:ListBuckets", "*"))
    (finding,) = [f for f in lint(text).findings if f.code == "action/unknown"]
    assert "did you mean 's3:ListBucket'?" in finding.message
    assert finding.fix is not None and not finding.fix.safe


def test_miscased_action_of_another_service_is_fixed_safely() -> None:
    fixed = fix_all(policy(S("S3:getobject", OBJECTS)))
    assert json.loads(fixed)["Statement"][0]["Action"] == "s3:GetObject"


def test_dependent_action_names_what_to_add() -> None:
    text = policy(S("chime:RegisterAppInstanceUserEndpoint", USER))
    (finding,) = [f for f in lint(text).findings if f.code == "action/dependent"]
    assert finding.severity is Severity.INFO
    assert "mobiletargeting:GetApp" in finding.message


_PROBE = """
import sys
from editor.core.lint.engine import lint
lint(sys.stdin.read())
module = sys.modules.get("editor.core.catalog.services")
print(module is not None and module.loaded())
"""


@pytest.mark.parametrize(
    ("actions", "loaded"),
    [
        (["chime:Connect", "chime:SendChannelMessage"], "False"),
        (["chime:Connect", "s3:GetObject"], "True"),
    ],
)
def test_the_all_services_catalog_is_read_only_when_a_policy_names_another_service(
    actions: list[str], loaded: str
) -> None:
    text = policy(S(actions, "*"))
    out = subprocess.run(
        [sys.executable, "-c", _PROBE], input=text, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == loaded
