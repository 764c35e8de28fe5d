"""check-access on another account's resource (the new-user audit's D7).

IAM User Guide, "Cross-account policy evaluation logic": the principal's identity policy AND a
resource-based policy of the owning account must both allow. Before, `Allow * on *` held by a
user of 444455556666 was "allowed" (exit 0, no assumption) on a Chime channel and an SQS queue
of 111122223333; an S3 object, whose ARN names no account, was silently taken to be in the
principal's account, with no way to say otherwise. The engine's decisions are checked against
the oracle in tests/core/access/test_cross_account.py; here, what the command prints.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from editor.cli.main import main

EVE = "arn:aws:iam::444455556666:user/eve"
BOB = "arn:aws:iam::444455556666:user/Bob"
APP = "arn:aws:chime:us-east-1:111122223333:app-instance/APP"
OBJECT = "arn:aws:s3:::BUCKETNAME/x"
EVERYTHING = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}],
}
# The IAM User Guide's NotPrincipal example (the bucket's policy), with a grant of GetObject
# to the partner account: it grants no DeleteObject.
BUCKET = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": {"AWS": "arn:aws:iam::444455556666:root"},
            "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::BUCKETNAME/*",
        },
        {
            "Effect": "Deny",
            "NotPrincipal": {
                "AWS": ["arn:aws:iam::444455556666:user/Bob", "arn:aws:iam::444455556666:root"]
            },
            "Action": "s3:*",
            "Resource": ["arn:aws:s3:::BUCKETNAME", "arn:aws:s3:::BUCKETNAME/*"],
        },
    ],
}


@pytest.fixture
def files(tmp_path: Path) -> dict[str, str]:
    (tmp_path / "allow.json").write_text(json.dumps(EVERYTHING))
    (tmp_path / "bucket.json").write_text(json.dumps(BUCKET))
    return {"allow": str(tmp_path / "allow.json"), "bucket": str(tmp_path / "bucket.json")}


def run(capsys, args: list[str]) -> tuple[int, dict]:
    code = main(["check-access", *args, "--format", "json"])
    return code, json.loads(capsys.readouterr().out)


def test_a_chime_channel_of_another_account_is_denied(capsys, files) -> None:
    code, answer = run(
        capsys,
        [
            "--principal", EVE,
            "--caller", f"{APP}/user/eve",
            "--action", "chime:SendChannelMessage",
            "--resource", f"{APP}/channel/c",
            files["allow"],
        ],
    )  # fmt: skip
    assert (code, answer["decision"]) == (1, "implicitDeny")
    assert (
        "the principal is in account 444455556666, the resource in 111122223333"
        in (answer["reason"])
    )


def test_a_queue_of_another_account_without_its_policy_is_denied(capsys, files) -> None:
    queue = "arn:aws:sqs:us-east-1:111122223333:q"
    code = main(["check-access", "--principal", EVE, "--action", "sqs:SendMessage",
                 "--resource", queue, files["allow"]])  # fmt: skip
    out = capsys.readouterr().out
    assert code == 1
    assert out.startswith("implicitDeny: sqs:SendMessage")
    assert "no resource policy was given" in out


def test_an_s3_arn_names_no_account_the_assumption_is_printed(capsys, files) -> None:
    args = ["--action", "s3:DeleteObject", "--resource", OBJECT, "--principal", BOB,
            "--resource-policy", files["bucket"], files["allow"]]  # fmt: skip
    code, answer = run(capsys, args)
    assert (code, answer["decision"]) == (0, "allowed")  # Bob, in his own account's bucket
    assert any(
        "names no account: taken to be the principal's (444455556666)" in note
        and "--resource-account" in note
        for note in answer["assumptions"]
    )
    # The bucket of the IAM User Guide's example is another account's: it grants Bob's
    # account GetObject only, so AWS denies DeleteObject.
    code, answer = run(capsys, [*args, "--resource-account", "111122223333"])
    assert (code, answer["decision"]) == (1, "implicitDeny")
    assert answer["assumptions"] == []
    code, answer = run(
        capsys, [*args[:1], "s3:GetObject", *args[2:], "--resource-account", "111122223333"]
    )
    assert (code, answer["decision"]) == (0, "allowed")


@pytest.mark.parametrize(
    ("owner", "message"),
    [
        ("1111", "12-digit account ID"),
        ("999988887777", "names account 111122223333, not --resource-account 999988887777"),
    ],
)
def test_a_wrong_resource_account_is_a_usage_error(capsys, files, owner, message) -> None:
    code = main(["check-access", "--principal", EVE, "--action", "sqs:SendMessage",
                 "--resource", "arn:aws:sqs:us-east-1:111122223333:q",
                 "--resource-account", owner, files["allow"]])  # fmt: skip
    assert code == 2
    assert message in capsys.readouterr().err
