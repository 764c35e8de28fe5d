"""The Access dock on a target the action is not authorized against (the audit's D1,
"Related"): chime:ListChannels takes an AppInstanceArn in the API, but IAM authorizes it
against the caller only (Service Authorization Reference). A user typing the app instance's
ARN is told so, not shown a Deny; and a denial says its own reason, not "no statement allows
it" where a statement does (another account's queue)."""

import json
from pathlib import Path

from PySide6.QtCore import Qt

from editor.core.access.evaluate import Decision
from tests.cli.test_check_access_cross_account import EVERYTHING
from tests.ui.test_access import choose_action, open_policy
from tests.ui.test_access_audit import CTRL, type_into

APP = "arn:aws:chime:us-east-1:123456789012:app-instance/APP"


def test_an_app_instance_target_for_list_channels_asks_for_the_caller(
    window, qtbot, tmp_path: Path
) -> None:
    open_policy(window, tmp_path, json.dumps(EVERYTHING, indent=2), "allow.json")
    qtbot.keyClick(window, Qt.Key.Key_5, CTRL)
    pane = window.access.pane
    choose_action(window, qtbot, "chime:ListChannels")
    type_into(qtbot, pane.target, APP)
    qtbot.waitUntil(lambda: pane.target.text() == APP)
    qtbot.waitUntil(lambda: pane.result is not None and pane.result.decision is Decision.UNKNOWN)
    assert pane.verdict.text().startswith(
        f"<b>Unknown: chime:ListChannels is not authorized against app-instance {APP}, only "
        "app-instance-bot or app-instance-user: give the calling AppInstanceUser's or "
        "AppInstanceBot's ARN"
    )
    # The target of a caller-only action is the caller: another user in the Caller field
    # would make two callers of one call (the audit's m1); the same user in both is allowed.
    type_into(qtbot, pane.target, f"{APP}/user/alice")
    qtbot.waitUntil(lambda: "is authorized against its caller only" in pane.verdict.text())
    assert pane.result.decision is Decision.UNKNOWN
    type_into(qtbot, pane.caller, f"{APP}/user/alice")
    qtbot.waitUntil(lambda: pane.result.decision is Decision.ALLOWED)


def test_a_cross_account_denial_says_why(window, qtbot, tmp_path: Path) -> None:
    open_policy(window, tmp_path, json.dumps(EVERYTHING, indent=2), "allow.json")
    qtbot.keyClick(window, Qt.Key.Key_5, CTRL)
    pane = window.access.pane
    choose_action(window, qtbot, "sqs:SendMessage")
    type_into(qtbot, pane.target, "arn:aws:sqs:us-east-1:111122223333:q")
    qtbot.waitUntil(lambda: pane.result is not None and pane.target.text().endswith(":q"))
    qtbot.waitUntil(lambda: pane.result.decision is Decision.IMPLICIT_DENY)
    assert pane.verdict.text().startswith(
        "<b>Denied: cross-account: the principal is in account 123456789012, the resource in "
        "111122223333"
    )
