"""Placeholders outside Chime ARNs: the issue's cases from AWS's own pages."""

import json

import pytest

from editor.core.lint.engine import lint
from tests.core.kind_examples import CHIME_BUCKET_AS_PRINTED, CHIME_QUEUE_AS_PRINTED


def bucket(resource: str, condition: dict[str, dict[str, str]]) -> str:
    statement = {
        "Effect": "Allow",
        "Principal": {"Service": "mediapipelines.chime.amazonaws.com"},
        "Action": "s3:PutObject",
        "Resource": resource,
        "Condition": condition,
    }
    return json.dumps({"Version": "2012-10-17", "Statement": [statement]}, indent=2)


CASES = [
    # (text, code, the placeholder text it points at)
    (bucket("arn:aws:s3:::[Bucket-Name]/*", {}), "resource/placeholder", ["[Bucket-Name]"]),
    (
        bucket("arn:aws:s3:::b/*", {"StringEquals": {"aws:SourceAccount": "[Account-Id]"}}),
        "condition/placeholder",
        ["[Account-Id]"],
    ),
    (
        bucket("arn:aws:s3:::b/*", {"ArnLike": {"aws:SourceArn": "arn:aws:chime:*:{id}:*"}}),
        "condition/placeholder",
        ["{id}"],
    ),
    (
        bucket("arn:aws:s3:::b/*", {"StringEquals": {"aws:username": "${aws:username}"}}),
        "condition/placeholder",
        [],  # an IAM policy variable, never a placeholder
    ),
    (CHIME_BUCKET_AS_PRINTED.text, "condition/placeholder", ["Account_Id", "Account_Id"]),
    (CHIME_QUEUE_AS_PRINTED.text, "condition/placeholder", [">partition<"]),
    (
        json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": {
                    "Action": "mobiletargeting:SendMessages",
                    "Resource": "arn:aws:mobiletargeting:region:aws_account_id:apps/p/messages",
                    "Effect": "Allow",
                },
            }
        ),
        "resource/placeholder",
        ["region", "aws_account_id"],
    ),
    # The IAM User Guide's and S3's example values, as the new-user audit pasted them.
    (
        json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Action": "iam:PassRole",
                        "Resource": "arn:aws:iam::ACCOUNT-ID-WITHOUT-HYPHENS:role/role-name",
                    },
                    {
                        "Effect": "Allow",
                        "Action": ["s3:GetObject", "kms:Decrypt"],
                        "Resource": [
                            "arn:aws:s3:::DOC-EXAMPLE-BUCKET/*",
                            "arn:aws:kms:us-east-1:111122223333:key/key-id",
                        ],
                    },
                ],
            }
        ),
        "resource/placeholder",
        # role-name and key-id are left as written: a role or a key may well be named so
        ["ACCOUNT-ID-WITHOUT-HYPHENS", "DOC-EXAMPLE-BUCKET"],
    ),
]


@pytest.mark.parametrize(("text", "code", "expected"), CASES)
def test_placeholders_are_found_where_aws_pages_leave_them(
    text: str, code: str, expected: list[str]
) -> None:
    assert [text[f.start : f.end] for f in lint(text).findings if f.code == code] == expected
