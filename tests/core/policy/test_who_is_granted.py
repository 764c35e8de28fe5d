"""The form retargets resources, never who is granted or what a request must carry: a real
value in a Principal, NotPrincipal or Condition stays as written; a placeholder there is filled
like any other (audit defects D1, D2). Expected texts are written out by hand."""

import json

import pytest

from editor.core.policy import editing
from editor.core.policy.arnslots import fill_text

BUCKET = "arn:aws:s3:::amzn-s3-demo-bucket"
CHANNELS = "arn:aws:chime:us-east-1:123456789012:app-instance/app1/channel/*"


def _policy(*statements: dict) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)}, indent=2)


# A bucket policy granting another account (AWS's cross-account example, in its style).
CROSS_ACCOUNT = _policy(
    {
        "Sid": "AllowCrossAccountList",
        "Effect": "Allow",
        "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
        "Action": "s3:ListBucket",
        "Resource": BUCKET,
    }
)
# A role trust policy for Chime SDK messaging, pinned to one account and app instance.
TRUST = _policy(
    {
        "Effect": "Allow",
        "Principal": {"Service": "messaging.chime.amazonaws.com"},
        "Action": "sts:AssumeRole",
        "Condition": {
            "StringEquals": {"aws:SourceAccount": "123456789012"},
            "ArnLike": {"aws:SourceArn": "arn:aws:chime:us-east-1:123456789012:app-instance/*"},
        },
    }
)
# Resources and a condition on the same account: only the resource moves.
CONDITIONED = _policy(
    {
        "Sid": "OnlyFromMyVpcApp",
        "Effect": "Allow",
        "Action": "chime:ListChannels",
        "Resource": CHANNELS,
        "Condition": {"ArnEquals": {"aws:SourceArn": CHANNELS}},
    }
)
# Placeholders in a Principal and a Condition are nobody's value: they are filled.
PLACEHOLDERS = _policy(
    {
        "Effect": "Allow",
        "Principal": {"AWS": "arn:aws:iam::aws_account_id:root"},
        "Action": "chime:ListChannels",
        "Resource": "arn:aws:chime:region:aws_account_id:app-instance/app1/channel/*",
        "Condition": {"ArnLike": {"aws:SourceArn": "arn:aws:chime:region:aws_account_id:*"}},
    }
)


@pytest.mark.parametrize(
    ("text", "field", "value", "expected"),
    [
        # D1: the Principal's account is who is granted; the bucket ARN has no account.
        (CROSS_ACCOUNT, "account_id", "444455556666", CROSS_ACCOUNT),
        (
            CROSS_ACCOUNT,
            "partition",
            "aws-cn",
            CROSS_ACCOUNT.replace("arn:aws:s3", "arn:aws-cn:s3"),
        ),
        # D2: neither SourceAccount nor SourceArn changes: never a half-replacement.
        (TRUST, "account_id", "999999999999", TRUST),
        (TRUST, "region", "eu-central-1", TRUST),
        (
            CONDITIONED,
            "account_id",
            "999999999999",
            CONDITIONED.replace(
                f'"Resource": "{CHANNELS}"',
                f'"Resource": "{CHANNELS.replace("123456789012", "999999999999")}"',
            ),
        ),
        (
            PLACEHOLDERS,
            "account_id",
            "444455556666",
            PLACEHOLDERS.replace("aws_account_id", "444455556666"),
        ),
        (PLACEHOLDERS, "region", "us-east-1", PLACEHOLDERS.replace(":region:", ":us-east-1:")),
    ],
    ids=[
        "principal",
        "principal-partition",
        "trust-account",
        "trust-region",
        "condition",
        "placeholder-account",
        "placeholder-region",
    ],
)
def test_filling_a_field_retargets_resources_only(text, field, value, expected) -> None:
    assert fill_text(text, {field: value}) == expected  # the CLI's `fill`
    state = editing.with_field(editing.new_state(text), field, value)  # the form's
    assert state.text == expected


@pytest.mark.parametrize(
    ("text", "field"),
    [(CROSS_ACCOUNT, "account_id"), (TRUST, "account_id"), (TRUST, "region")],
)
def test_the_form_does_not_show_who_is_granted_as_its_value(text, field) -> None:
    assert editing.new_state(text).field(field) == ""
