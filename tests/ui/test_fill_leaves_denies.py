"""The Channel ID field never narrows a Deny (audit: unticking "any (*)" and typing `c1` on a
policy whose Deny protects `channel/*` rewrote the Deny to `channel/c1`, so every other channel
became deletable, with nothing said). Driven as a user: click the box, type the ID."""

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

APP = "arn:aws:chime:us-east-1:111122223333:app-instance/app1"
DOCUMENT = {
    "Version": "2012-10-17",
    "Statement": [
        {"Sid": "Admin", "Effect": "Allow", "Action": "chime:*", "Resource": f"{APP}/*"},
        {
            "Sid": "NeverDeleteChannels",
            "Effect": "Deny",
            "Action": "chime:DeleteChannel",
            "Resource": f"{APP}/channel/*",
        },
    ],
}


@pytest.fixture
def opened(window, tmp_path: Path):
    path = tmp_path / "fd.json"
    path.write_text(json.dumps(DOCUMENT, indent=4), encoding="utf-8")
    assert window.open_path(str(path))
    return window


def test_typing_a_channel_leaves_the_deny_and_says_so(opened, qtbot) -> None:
    form = opened.form
    before = opened.document.state.text
    box, edit = form.any_boxes["channel_id"], form.inputs["channel_id"]
    if box.isChecked():
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    edit.setFocus()
    qtbot.keyClicks(edit, "c1")
    assert opened.document.state.text == before  # the Deny's channel/* stays
    note = form.messages["channel_id"].text
    assert "left alone: * in the Deny 'NeverDeleteChannels'" in note
    assert "a fill never rewrites what a Deny or a NotResource takes away" in note
    # The form's values come from the Allows only: the Deny's channel is not shown as one.
    assert form.choosers["channel_id"].isHidden()
