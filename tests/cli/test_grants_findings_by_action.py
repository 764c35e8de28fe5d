"""`grants` attaches a security finding to the action it is about, and the Grants tab counts as
over-broad only what our over-broad rules (BROAD_RULES) mark: the audit saw one admin action
added to AWS's full-user example turn every entry of its statement into "over-broad"."""

import json
from pathlib import Path

from editor.cli.main import main

APP = "arn:aws:chime:us-east-1:123456789012:app-instance/app-1"
# A user's messaging statement plus one app-instance administrator's action (AWS's Chime page
# puts DeleteChannelFlow in the administrator's example, not the user's).
POLICY = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "User",
            "Effect": "Allow",
            "Action": [
                "chime:SendChannelMessage",
                "chime:ListChannelMessages",
                "chime:DeleteChannelFlow",
            ],
            "Resource": [f"{APP}/user/user-1", f"{APP}/channel/*"],
        }
    ],
}


def write(tmp_path: Path) -> Path:
    path = tmp_path / "user-plus-admin.json"
    path.write_text(json.dumps(POLICY, indent=2), encoding="utf-8")
    return path


def test_the_finding_goes_with_its_action_only(capsys, tmp_path) -> None:
    path = write(tmp_path)
    assert main(["lint", str(path)]) in (0, 1)
    lint = capsys.readouterr().out
    assert "security/admin-in-user-policy DeleteChannelFlow" in lint
    assert main(["grants", "--format", "json", str(path)]) == 0
    summary = {g["action"]: g for g in json.loads(capsys.readouterr().out)}
    security = {name: {tuple(e["security"]) for e in g["resources"]} for name, g in summary.items()}
    assert security == {
        "chime:DeleteChannelFlow": {("security/admin-in-user-policy",)},
        "chime:SendChannelMessage": {()},
        "chime:ListChannelMessages": {()},
    }
