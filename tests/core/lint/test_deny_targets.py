"""`resource/missing-target` is about Allow statements: a Deny that names one of the ARNs a call
is authorized against denies the call (the audit's denych.json). The oracle, iam-simulate
(tests/core/access/oracle.py), agrees that such a Deny denies; Export is not refused for it."""

from __future__ import annotations

import json
from pathlib import Path

from editor.core.lint.engine import lint
from tests.cli.entry_point import chime_policy
from tests.core.access.oracle import run_oracle

SECRET = "arn:aws:chime:us-east-1:111122223333:app-instance/app1/channel/secret"
DENY_ONE_CHANNEL = {
    "Version": "2012-10-17",
    "Statement": [
        {"Effect": "Allow", "Action": "chime:*", "Resource": "*"},
        {"Effect": "Deny", "Action": "chime:SendChannelMessage", "Resource": SECRET},
    ],
}


def test_a_deny_on_the_channel_alone_is_no_error_and_denies(tmp_path: Path) -> None:
    text = json.dumps(DENY_ONE_CHANNEL, indent=2)
    assert [f.code for f in lint(text).findings if f.severity.value == "error"] == []
    case = {
        "identity": [DENY_ONE_CHANNEL],
        "action": "chime:SendChannelMessage",
        "resource": SECRET,
        "principal": "arn:aws:iam::111122223333:user/alice",
        "context": {},
    }
    assert run_oracle([case]) == ["explicitDeny"]
    path = tmp_path / "denych.json"
    path.write_text(text)
    done = chime_policy("export", "--to", "cloudformation-yaml", str(path))
    assert done.returncode == 0, done.stderr
    assert "Deny" in done.stdout and SECRET in done.stdout


def test_an_allow_without_the_caller_is_still_an_error() -> None:
    allow = {**DENY_ONE_CHANNEL["Statement"][1], "Effect": "Allow"}
    text = json.dumps({"Version": "2012-10-17", "Statement": [allow]})
    assert "resource/missing-target" in [f.code for f in lint(text).findings]
