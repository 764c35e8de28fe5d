"""check-access with a --resource the action is not authorized against is a usage error, not a
Deny (the new-user audit's D1, "Related").

The Service Authorization Reference ("Actions, resources, and condition keys for Amazon Chime")
lists chime:ListChannels with resource types AppInstanceUser and AppInstanceBot only: the API
takes an AppInstanceArn, but IAM authorizes the call against the caller. A new user gave the
app instance's ARN and read `implicitDeny ... no statement allows it`, a request AWS never
makes. Likewise s3:GetObject is authorized against an object, not a bucket.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from editor.cli.main import main

APP = "arn:aws:chime:us-east-1:111122223333:app-instance/APP"
EVERYTHING = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}],
}


@pytest.fixture
def allow_all(tmp_path: Path) -> str:
    path = tmp_path / "allow.json"
    path.write_text(json.dumps(EVERYTHING))
    return str(path)


@pytest.mark.parametrize(
    ("action", "resource", "said"),
    [
        ("chime:ListChannels", APP, "chime:ListChannels is not authorized against app-instance "
         f"{APP}, only app-instance-bot or app-instance-user: give the calling AppInstanceUser's "
         "or AppInstanceBot's ARN"),
        ("chime:CreateChannel", APP, "give the calling AppInstanceUser's or AppInstanceBot's ARN"),
        ("s3:GetObject", "arn:aws:s3:::amzn-s3-demo-bucket",
         "s3:GetObject is not authorized against bucket arn:aws:s3:::amzn-s3-demo-bucket, only "
         "accesspointobject or object: give the ARN of one"),
        ("chime:GetMessagingSessionEndpoint", f"{APP}/channel/c",
         "takes no resource-level permissions: give '*' as its resource"),
    ],
)  # fmt: skip
def test_a_target_of_none_of_the_action_types_is_a_usage_error(
    capsys, allow_all, action, resource, said
) -> None:
    code = main(["check-access", "--action", action, "--resource", resource, allow_all])
    captured = capsys.readouterr()
    assert code == 2
    assert said in captured.err
    assert captured.out == ""  # no Deny printed


@pytest.mark.parametrize(
    ("action", "resource"),
    [
        ("chime:ListChannels", f"{APP}/user/alice"),
        ("chime:ListChannels", f"{APP}/bot/helper"),
        ("s3:GetObject", "arn:aws:s3:::amzn-s3-demo-bucket/report.csv"),
        ("chime:GetMessagingSessionEndpoint", "*"),
        ("sqs:SendMessage", "arn:aws:sqs:us-east-1:111122223333:q"),
    ],
)
def test_a_target_of_the_action_types_is_decided(capsys, allow_all, action, resource) -> None:
    principal = "arn:aws:iam::111122223333:user/alice"
    args = ["check-access", "--action", action, "--resource", resource, "--principal", principal]
    assert main([*args, allow_all]) == 0
    assert capsys.readouterr().out.startswith(f"allowed: {action}")
