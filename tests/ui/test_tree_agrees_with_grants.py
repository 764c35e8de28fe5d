"""The catalog's boxes answer as `chime-policy grants` does (audit D6/m9: an action a Deny with
NotResource, or with wildcards in its region and account, takes away everywhere showed ticked
"(limited by a Deny)" and counted in "Full user" while `grants` said nothing was granted).
For every case the window is opened on the file, each action filtered as a user types it,
and its box and mark compared with the real command's output on the same file."""

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from editor.cli.main import main
from tests.ui.test_denied_ticks import _row

A1 = "arn:aws:chime:us-east-1:111122223333:app-instance/app1"
BOTH = [f"{A1}/channel/*", f"{A1}/user/*"]
WILD = [r.replace("us-east-1", "*") for r in BOTH]


def allow(actions, resources) -> dict:
    return {"Effect": "Allow", "Action": actions, "Resource": resources}


def deny(actions, key="Resource", value="*", **extra) -> dict:
    return {"Effect": "Deny", "Action": actions, key: value, **extra}


MFA = {"Bool": {"aws:MultiFactorAuthPresent": "false"}}
# (id, statements, the actions to look at)
CASES = [
    (
        "audit-nrd",  # a NotResource Deny outside app2 covers the Allow's app1 ARNs
        [
            allow(["chime:DeleteChannel", "chime:SendChannelMessage"], BOTH),
            deny(
                "chime:DeleteChannel",
                "NotResource",
                "arn:aws:chime:us-east-1:111122223333:app-instance/app2/*",
            ),
            {"Effect": "Deny", "NotAction": "chime:DeleteChannel", "Resource": f"{A1}/*"},
        ],
        ["DeleteChannel", "SendChannelMessage"],
    ),
    (
        "audit-cov",  # region and account wildcards in the Deny
        [
            allow(["chime:DeleteChannel", "chime:SendChannelMessage", "chime:UpdateChannel"], WILD),
            deny(
                "chime:DeleteChannel", value="arn:aws:chime:us-east-1:111122223333:app-instance/*"
            ),
            deny("chime:SendChannelMessage", "NotResource", f"{A1}/channel/keep"),
            deny("chime:UpdateChannel", value="arn:aws:chime:*:*:app-instance/*"),
        ],
        ["DeleteChannel", "SendChannelMessage", "UpdateChannel"],
    ),
    (
        "audit-ifex",  # m9: a condition on a key the request lacks (kept as grants reads it)
        [
            allow("chime:SendChannelMessage", "*"),
            deny(
                "chime:SendChannelMessage",
                Condition={"StringNotEqualsIfExists": {"s3:x-amz-acl": "private"}},
            ),
        ],
        ["SendChannelMessage"],
    ),
    (
        "deny-star",
        [allow("chime:*", f"{A1}/*"), deny("chime:Delete*")],
        ["DeleteChannel", "DeleteChannelMessage"],
    ),
    (
        "deny-one-channel",
        [
            allow(["chime:DeleteChannel"], BOTH),
            deny("chime:DeleteChannel", value=f"{A1}/channel/c1"),
        ],
        ["DeleteChannel"],
    ),
    (
        "deny-under-mfa",
        [allow(["chime:DeleteChannel"], BOTH), deny("chime:DeleteChannel", Condition=MFA)],
        ["DeleteChannel"],
    ),
    (
        "deny-wider-app-instance",
        [
            allow(["chime:UpdateChannel"], BOTH),
            deny("chime:UpdateChannel", value="arn:aws:chime:*:111122223333:app-instance/*"),
        ],
        ["UpdateChannel"],
    ),
    (
        "deny-another-account",
        [
            allow(["chime:UpdateChannel"], BOTH),
            deny("chime:UpdateChannel", value="arn:aws:chime:*:444455556666:*"),
        ],
        ["UpdateChannel"],
    ),
]


def _granted_by_cli(path: Path, capsys) -> set[str]:
    assert main(["grants", "--format", "json", str(path)]) == 0
    return {grant["action"] for grant in json.loads(capsys.readouterr().out)}


@pytest.mark.parametrize(("statements", "names"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_the_boxes_agree_with_grants(statements, names, window, qtbot, tmp_path, capsys) -> None:
    path = tmp_path / "p.json"
    path.write_text(json.dumps({"Version": "2012-10-17", "Statement": statements}, indent=4))
    listed = _granted_by_cli(path, capsys)
    assert window.open_path(str(path))
    for name in names:
        window.catalog_view.filter.clear()
        row = _row(window, qtbot, name)
        ticked = row.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
        granted = f"chime:{name}" in listed
        assert ticked == granted, name
        mark = row.data().removeprefix(name)
        assert mark == ("  (limited by a Deny)" if granted else "  (denied)"), name
