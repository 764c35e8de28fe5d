"""The Access dock follows the ARN form and the opened file (audit D11: it kept answering about
the previous app instance until "Fill from the ARN form" was pressed). ARNs typed into the dock
by hand are kept, and the button then says they are stale: one click follows again."""

import json

from PySide6.QtCore import Qt

from tests.ui.test_access import choose_action, open_policy
from tests.ui.test_access_audit import type_into

CTRL = Qt.KeyboardModifier.ControlModifier


def _policy(app: str) -> str:
    base = f"arn:aws:chime:us-east-1:123456789012:app-instance/{app}"
    statement = {
        "Effect": "Allow",
        "Action": "chime:SendChannelMessage",
        "Resource": [f"{base}/user/u1", f"{base}/channel/c1"],
    }
    return json.dumps({"Version": "2012-10-17", "Statement": [statement]}, indent=2)


def test_the_dock_follows_the_form_and_the_opened_file(window, qtbot, tmp_path) -> None:
    open_policy(window, tmp_path, _policy("app-1"), "one.json")
    window.show()
    qtbot.keyClick(window, Qt.Key.Key_5, CTRL)
    pane = window.access.pane
    choose_action(window, qtbot, "chime:SendChannelMessage")
    qtbot.waitUntil(lambda: ":app-instance/app-1/user/" in pane.caller.text())
    # Typed into the ARN form: the dock's caller and target follow.
    region = window.form.region.lineEdit()
    type_into(qtbot, region, "eu-west-1")
    qtbot.waitUntil(lambda: ":eu-west-1:" in pane.target.text())
    assert ":eu-west-1:" in pane.caller.text()
    assert not pane.stale
    qtbot.keyClick(window, Qt.Key.Key_S, CTRL)  # saved, so the next file opens at once
    assert not window.document.modified
    # Another file: its app instance.
    open_policy(window, tmp_path, _policy("app-2"), "two.json")
    qtbot.waitUntil(lambda: ":app-instance/app-2/" in pane.target.text())
    assert ":app-instance/app-2/user/" in pane.caller.text()


def test_arns_typed_by_hand_are_kept_and_marked_stale(window, qtbot, tmp_path) -> None:
    open_policy(window, tmp_path, _policy("app-1"), "one.json")
    window.show()
    qtbot.keyClick(window, Qt.Key.Key_5, CTRL)
    pane = window.access.pane
    choose_action(window, qtbot, "chime:SendChannelMessage")
    mine = "arn:aws:chime:us-east-1:123456789012:app-instance/app-1/user/bob"
    type_into(qtbot, pane.caller, mine)
    open_policy(window, tmp_path, _policy("app-2"), "two.json")
    qtbot.waitUntil(lambda: pane.stale)
    assert pane.caller.text() == mine
    assert pane.fill_button.text() == "The ARN form changed: fill from it"
    qtbot.mouseClick(pane.fill_button, Qt.MouseButton.LeftButton)
    assert ":app-instance/app-2/user/" in pane.caller.text()
    assert not pane.stale and pane.fill_button.text() == "Fill from the ARN form"
