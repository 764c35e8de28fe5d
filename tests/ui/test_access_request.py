"""The Access dock's request as a user gives it: context keys typed into their field, a second
target for an action authorized against two resource types. Through the real window.

Facts: IAM User Guide "AWS global condition context keys" (aws:RequestedRegion and
aws:SecureTransport are in every request; aws:MultiFactorAuthPresent is absent for long-term
access keys); Service Authorization Reference for Chime (AssociateChannelFlow requires the
channel and the channel flow). The CLI tests check the same answers against the oracle.
"""

import json

from PySide6.QtCore import Qt

from editor.core.access.evaluate import Decision
from tests.ui.test_access import choose_action, open_policy
from tests.ui.test_access_audit import type_into

CTRL = Qt.KeyboardModifier.ControlModifier
APP = "arn:aws:chime:us-east-1:123456789012:app-instance/app-1234"
REGION_GUARD = {
    "Version": "2012-10-17",
    "Statement": [
        {"Sid": "ChimeUse", "Effect": "Allow", "Action": "chime:*", "Resource": f"{APP}/*"},
        {
            "Sid": "DenyOutsideUsEast1",
            "Effect": "Deny",
            "NotAction": ["iam:*", "sts:*"],
            "Resource": "*",
            "Condition": {"StringNotEquals": {"aws:RequestedRegion": ["us-east-1"]}},
        },
    ],
}
# AWS's "manage your own credentials with MFA" example, cut to one allow and its MFA Deny.
MFA = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "AllowManageOwnAccessKeys",
            "Effect": "Allow",
            "Action": "iam:CreateAccessKey",
            "Resource": "arn:aws:iam::*:user/${aws:username}",
        },
        {
            "Sid": "DenyAllExceptListedIfNoMFA",
            "Effect": "Deny",
            "NotAction": ["iam:GetUser", "iam:ListMFADevices"],
            "Resource": "*",
            "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}},
        },
    ],
}


def test_region_is_assumed_from_the_target_and_context_keys_override(window, qtbot, tmp_path):
    open_policy(window, tmp_path, json.dumps(REGION_GUARD, indent=2), "region-guard.json")
    qtbot.keyClick(window, Qt.Key.Key_5, CTRL)
    pane = window.access.pane
    choose_action(window, qtbot, "chime:DescribeChannel")
    type_into(qtbot, pane.target, f"{APP}/channel/c1")
    type_into(qtbot, pane.caller, f"{APP}/user/u1")
    qtbot.waitUntil(lambda: pane.result.decision is Decision.ALLOWED)
    assert "assuming aws:RequestedRegion=us-east-1, the target ARN&#x27;s region" not in (
        pane.verdict.text()
    )
    assert "assuming aws:RequestedRegion=us-east-1, the target ARN's region" in pane.verdict.text()
    type_into(qtbot, pane.context, "aws:RequestedRegion=eu-west-1")
    qtbot.waitUntil(lambda: pane.result.decision is Decision.EXPLICIT_DENY)
    assert pane.statements.item(0).text() == "line 10: Deny Sid 'DenyOutsideUsEast1'"
    type_into(qtbot, pane.context, "not a key")
    qtbot.waitUntil(lambda: "context line 1 is not KEY=value" in pane.verdict.text())
    assert pane.result.decision is Decision.ALLOWED  # the bad line is not used; region assumed


def test_mfa_present_is_said_in_the_context_field(window, qtbot, tmp_path) -> None:
    open_policy(window, tmp_path, json.dumps(MFA, indent=2), "mfa.json")
    qtbot.keyClick(window, Qt.Key.Key_5, CTRL)
    pane = window.access.pane
    choose_action(window, qtbot, "iam:CreateAccessKey")
    type_into(qtbot, pane.principal, "arn:aws:iam::123456789012:user/alice")
    type_into(qtbot, pane.target, "arn:aws:iam::123456789012:user/alice")
    # No key: a call with long-term access keys, which AWS's example denies.
    qtbot.waitUntil(lambda: pane.result.decision is Decision.EXPLICIT_DENY)
    type_into(qtbot, pane.context, "aws:MultiFactorAuthPresent=true")
    qtbot.waitUntil(lambda: pane.result.decision is Decision.ALLOWED)
    assert pane.statements.item(0).text() == "line 4: Allow Sid 'AllowManageOwnAccessKeys'"


def test_a_second_required_type_gets_its_own_target(window, qtbot, tmp_path) -> None:
    document = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Action": "chime:AssociateChannelFlow",
                "Resource": [f"{APP}/channel/*", f"{APP}/user/*"],
            }
        ],
    }
    open_policy(window, tmp_path, json.dumps(document, indent=2), "flow.json")
    qtbot.keyClick(window, Qt.Key.Key_5, CTRL)
    pane = window.access.pane
    choose_action(window, qtbot, "chime:AssociateChannelFlow")
    assert pane.target_type.currentText() == "channel"
    assert pane.others.isVisible() and "/channel-flow/" in pane.others.text()
    # The policy grants no channel flow: the call is denied, not "Allowed" from the channel.
    qtbot.waitUntil(lambda: pane.result.decision is Decision.IMPLICIT_DENY)
    # Emptied, the flow's ARN is missing: unknown, naming it.
    pane.others.setFocus()
    pane.others.selectAll()
    qtbot.keyClick(pane.others, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: pane.result.decision is Decision.UNKNOWN)
    assert pane.verdict.text() == (
        "<b>Unknown: also authorized against channel-flow — give its ARN</b>"
    )
    # An action with one target type has no such row.
    choose_action(window, qtbot, "chime:SendChannelMessage")
    assert not pane.others.isVisible()
