"""The Access dock's list of statements says what they are to the answer beside it, and both
follow every change of the inputs (walkthrough 4: with the Caller field emptied the verdict
said Unknown while the list still read "Decided by ... AliceSends"). Driven by real keys."""

import json

from PySide6.QtCore import Qt

from tests.ui.test_access import choose_action, open_policy
from tests.ui.test_access_audit import type_into

CTRL = Qt.KeyboardModifier.ControlModifier
APP = "arn:aws:chime:us-east-1:111122223333:app-instance/9f1e2d3c"
POLICY = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "AliceSends",
            "Effect": "Allow",
            "Action": "chime:SendChannelMessage",
            "Resource": [f"{APP}/user/alice", f"{APP}/channel/*"],
        },
        {
            "Sid": "NotCarol",
            "Effect": "Deny",
            "Action": "chime:SendChannelMessage",
            "Resource": f"{APP}/user/carol",
        },
    ],
}


def shown(pane) -> tuple[str, str, list[str]]:
    """The verdict's headline, the list's heading and its rows, as the user reads them."""
    headline = pane.verdict.text().split("</b>")[0].removeprefix("<b>")
    rows = [pane.statements.item(i).text() for i in range(pane.statements.count())]
    return headline, pane.listed.text(), rows


def marked_sid(window) -> str | None:
    start, end = window.editor.marked
    if start == end:
        return None
    return json.loads(window.document.state.text[start:end])["Sid"]


def test_the_list_says_what_its_statements_are_to_the_answer(window, qtbot, tmp_path) -> None:
    open_policy(window, tmp_path, json.dumps(POLICY, indent=4), "alice.json")
    window.show()
    qtbot.keyClick(window, Qt.Key.Key_5, CTRL)
    pane = window.access.pane
    choose_action(window, qtbot, "chime:SendChannelMessage")
    type_into(qtbot, pane.caller, f"{APP}/user/alice")
    headline, heading, rows = shown(pane)
    assert headline == "Allowed"
    assert heading.startswith("Allowed by")
    assert rows == ["line 4: Allow Sid 'AliceSends'"]
    assert marked_sid(window) == "AliceSends"

    # Emptied: every caller is judged at once; it depends on the two statements naming one.
    type_into(qtbot, pane.caller, "x")
    qtbot.keyClick(pane.caller, Qt.Key.Key_Backspace)
    assert pane.caller.text() == ""
    headline, heading, rows = shown(pane)
    assert headline.startswith("Unknown: depends on the caller")
    assert heading.startswith("The answer depends on")
    assert "Decided by" not in heading
    assert rows == ["line 4: Allow Sid 'AliceSends'", "line 13: Deny Sid 'NotCarol'"]
    assert marked_sid(window) == "AliceSends"

    type_into(qtbot, pane.caller, f"{APP}/user/carol")
    headline, heading, rows = shown(pane)
    assert headline.startswith("Denied by a Deny statement")
    assert heading.startswith("Denied by")
    assert rows == ["line 13: Deny Sid 'NotCarol'"]
    assert marked_sid(window) == "NotCarol"

    type_into(qtbot, pane.caller, f"{APP}/user/bob")  # no statement names bob: nothing listed
    headline, heading, rows = shown(pane)
    assert headline.startswith("Denied")
    assert rows == [] and heading == "No statement to show."
    assert marked_sid(window) is None
