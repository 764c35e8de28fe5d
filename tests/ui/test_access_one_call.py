"""The Access dock asks IAM about one call only (the audit's D7): an action pattern, a
misspelt action, or a pattern or `*` as the target ARN of an action with resource-level
permissions gets "No answer" and why, typed in as a user types them, never "Allowed"."""

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from editor.core.access.evaluate import Decision
from tests.core.policies import BASE
from tests.ui.test_access import choose_action, open_policy
from tests.ui.test_access_audit import CTRL, type_into

ALLOW_ALL_BUT = {
    "Version": "2012-10-17",
    "Statement": [
        {"Effect": "Allow", "Action": "chime:*", "Resource": "*"},
        {"Effect": "Deny", "Action": "chime:DeleteChannel", "Resource": "*"},
    ],
}


def _open(window, qtbot, tmp_path: Path):
    open_policy(window, tmp_path, json.dumps(ALLOW_ALL_BUT, indent=2), "allowall_but.json")
    qtbot.keyClick(window, Qt.Key.Key_5, CTRL)
    return window.access.pane


@pytest.mark.parametrize(
    ("action", "said"),
    [
        ("chime:Delete*", "The action 'chime:Delete*' is a pattern: a request is made for one"),
        ("chime:*", "The action 'chime:*' is a pattern"),
        (
            "chime:SendChanelMessage",
            "The action 'chime:SendChanelMessage' is not an action of Chime that any catalog "
            "knows; did you mean 'chime:SendChannelMessage'?",
        ),
    ],
)
def test_no_one_action_gets_no_answer(window, qtbot, tmp_path: Path, action, said) -> None:
    pane = _open(window, qtbot, tmp_path)
    choose_action(window, qtbot, action)
    qtbot.waitUntil(lambda: pane.action.currentText() == action)
    qtbot.waitUntil(lambda: said in pane.verdict.text())
    assert pane.verdict.text().startswith("<b>No answer</b>")
    assert "Allowed" not in pane.verdict.text()
    assert pane.result.decision is Decision.UNKNOWN
    assert pane.statements.count() == 0


@pytest.mark.parametrize("target", ["*", f"{BASE}/channel/*", f"{BASE}/channel/c?"])
def test_a_pattern_target_gets_no_answer(window, qtbot, tmp_path: Path, target: str) -> None:
    pane = _open(window, qtbot, tmp_path)
    choose_action(window, qtbot, "chime:DeleteChannel")
    qtbot.waitUntil(lambda: pane.action.currentText() == "chime:DeleteChannel")
    type_into(qtbot, pane.target, target)
    qtbot.waitUntil(lambda: pane.target.text() == target)
    qtbot.waitUntil(lambda: f"The target ARN {target!r} is a pattern" in pane.verdict.text())
    assert pane.result.decision is Decision.UNKNOWN
    # One channel: the policy's Deny decides, as IAM would.
    type_into(qtbot, pane.target, f"{BASE}/channel/c1")
    qtbot.waitUntil(lambda: pane.result.decision is Decision.EXPLICIT_DENY)


def test_star_is_the_target_of_an_action_without_resource_types(
    window, qtbot, tmp_path: Path
) -> None:
    pane = _open(window, qtbot, tmp_path)
    choose_action(window, qtbot, "chime:CreateAppInstance")
    qtbot.waitUntil(lambda: pane.target.text() == "*")
    qtbot.waitUntil(lambda: pane.result is not None and pane.result.decision is Decision.ALLOWED)


TRUST = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": {"Service": "messaging.chime.amazonaws.com"},
            "Action": "sts:AssumeRole",
            "Condition": {"StringEquals": {"aws:SourceAccount": "111122223333"}},
        }
    ],
}


def test_a_key_taken_as_absent_is_named_until_it_is_given(window, qtbot, tmp_path: Path) -> None:
    """The audit's m5: a trust policy's bare Denied said nothing of aws:SourceAccount."""
    open_policy(window, tmp_path, json.dumps(TRUST, indent=2), "trust.json")
    qtbot.keyClick(window, Qt.Key.Key_5, CTRL)
    pane = window.access.pane
    choose_action(window, qtbot, "sts:AssumeRole")
    type_into(qtbot, pane.principal, "messaging.chime.amazonaws.com")
    type_into(qtbot, pane.target, "arn:aws:iam::111122223333:role/r")
    note = "taking aws:SourceAccount as absent (not given): give each in Context keys"
    qtbot.waitUntil(lambda: note in pane.verdict.text())
    assert pane.result.decision is Decision.IMPLICIT_DENY
    pane.context.setFocus()
    qtbot.keyClicks(pane.context, "aws:SourceAccount=111122223333")
    qtbot.waitUntil(lambda: pane.result.decision is Decision.ALLOWED)
    assert "as absent" not in pane.verdict.text()


def test_a_caller_only_actions_target_is_the_caller_field(window, qtbot, tmp_path) -> None:
    """The audit's m1: ListChannels is authorized against its caller only."""
    pane = _open(window, qtbot, tmp_path)
    type_into(qtbot, pane.caller, f"{BASE}/user/bob")
    choose_action(window, qtbot, "chime:ListChannels")
    qtbot.waitUntil(lambda: pane.target.text() == f"{BASE}/user/bob")
    assert pane.others.text() == ""
    qtbot.waitUntil(lambda: pane.result.decision is Decision.ALLOWED)
    assert "depends on the caller" not in pane.verdict.text()
