"""Whose resources a Chime service acts for.

- condition/source-mismatch: aws:SourceAccount and aws:SourceArn naming different accounts in
  one statement. AWS IoT Developer Guide, "Cross-service confused deputy prevention": "the
  aws:SourceAccount value and the account in the aws:SourceArn value must use the same account
  ID". The claim that the statement never matches is checked with the oracle (iam-simulate):
  a real request carries the account of its source ARN.
"""

from __future__ import annotations

import json

import pytest

from editor.core.lint.engine import lint
from tests.core.access.oracle import run_oracle

ASSUME = "sts:AssumeRole"
APP = "arn:aws:chime:us-east-1:{account}:app-instance/abc"


def _trust(principal: object, condition: dict) -> dict:
    statement = {"Effect": "Allow", "Principal": principal, "Action": ASSUME}
    return {"Version": "2012-10-17", "Statement": [statement | {"Condition": condition}]}


def _found(document: dict, codes: tuple[str, ...]) -> list[tuple[str, str]]:
    text = json.dumps(document, indent=2)
    return [(f.code, text[f.start : f.end]) for f in lint(text).findings if f.code in codes]


MISMATCH_CASES = [
    ("two accounts", "111122223333", APP.format(account="444455556666"), True),
    ("the same account", "111122223333", APP.format(account="111122223333"), False),
    ("any account in the ARN", "111122223333", "arn:aws:chime:us-east-1:*:app-instance/abc", False),
    ("a placeholder account", "<ACCOUNT_ID>", APP.format(account="444455556666"), False),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "account", "arn", "flagged"), MISMATCH_CASES, ids=[c[0] for c in MISMATCH_CASES]
)
def test_source_account_and_arn_in_different_accounts(
    name: str, account: str, arn: str, flagged: bool
) -> None:
    condition = {
        "StringEquals": {"aws:SourceAccount": account},
        "ArnLike": {"aws:SourceArn": arn},
    }
    document = _trust({"Service": "messaging.chime.amazonaws.com"}, condition)
    found = _found(document, ("condition/source-mismatch",))
    assert found == ([("condition/source-mismatch", f'"{account}"')] if flagged else [])


def test_the_mismatched_statement_allows_no_consistent_request() -> None:
    """The oracle: a request from an app instance of either account (its SourceAccount that
    account) is not allowed by the statement the rule flags; the consistent one is."""

    def allowed(condition_arn_account: str, source_account: str) -> str:
        document = {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Action": "chime:SendChannelMessage",
                    "Resource": "*",
                    "Condition": {
                        "StringEquals": {"aws:SourceAccount": "111122223333"},
                        "ArnLike": {"aws:SourceArn": APP.format(account=condition_arn_account)},
                    },
                }
            ],
        }
        context = {
            "aws:SourceAccount": source_account,
            "aws:SourceArn": APP.format(account=source_account),
        }
        case = {
            "identity": [document],
            "action": "chime:SendChannelMessage",
            "resource": "*",
            "principal": "arn:aws:iam::111122223333:user/alice",
            "context": context,
        }
        return run_oracle([case])[0]

    assert allowed("444455556666", "111122223333") == "implicitDeny"
    assert allowed("444455556666", "444455556666") == "implicitDeny"
    assert allowed("111122223333", "111122223333") == "allowed"
