"""The "any (*)" box shows what the text holds. A policy naming two channels showed "any (*)"
ticked (the channel field's default was left over), the field greyed; unticking it, as a user
saying "no, not any", wrote `channel/*` over both channels with nothing said, and the box then
showed unticked over a text granting every channel."""

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.core.policies import BASE

CHANNELS = [f"{BASE}/channel/general", f"{BASE}/channel/random"]
DOCUMENT = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "Send",
            "Effect": "Allow",
            "Action": ["chime:SendChannelMessage", "chime:ListChannelMessages"],
            "Resource": [f"{BASE}/user/${{aws:username}}", *CHANNELS],
        }
    ],
}


@pytest.fixture
def twochan(window, tmp_path: Path):
    path = tmp_path / "twochan.json"
    path.write_text(json.dumps(DOCUMENT, indent=4), encoding="utf-8")
    assert window.open_path(str(path))
    return window


def _resources(window) -> list[str]:
    return json.loads(window.document.state.text)["Statement"][0]["Resource"]


def test_two_channels_are_not_any_and_the_field_takes_typing(twochan, qtbot) -> None:
    form = twochan.form
    box, edit = form.any_boxes["channel_id"], form.inputs["channel_id"]
    assert not box.isChecked()
    assert edit.isEnabled()
    assert form.choosers["channel_id"].isVisibleTo(form)
    # Choose one of the two and type over it: the other stays.
    chooser = form.choosers["channel_id"]
    chooser.setCurrentIndex(chooser.findData("random"))
    chooser.activated.emit(chooser.currentIndex())
    edit.selectAll()
    qtbot.keyClicks(edit, "ops")
    assert _resources(twochan)[1:] == [CHANNELS[0], f"{BASE}/channel/ops"]
    assert not box.isChecked()


def test_ticking_any_on_purpose_is_called_out_and_undone(twochan, qtbot) -> None:
    form = twochan.form
    box = form.any_boxes["channel_id"]
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    assert _resources(twochan)[1:] == [f"{BASE}/channel/*"] * 2
    assert box.isChecked()
    note = form.marks["channel_id"].action  # the marker in the field, its message on hover
    assert note.isVisible()
    assert "any (*) replaced general, random: the policy now grants every channel" in (
        note.toolTip()
    )
    # The two ARNs are now one twice: the Problems pane says so.
    codes = [f.code for f in twochan.document.result.findings]
    assert codes.count("resource/duplicate") == 1
    twochan.document.undo()
    assert _resources(twochan)[1:] == CHANNELS
    assert not box.isChecked()
    assert "replaced" not in form.messages["channel_id"].note


def test_unticking_any_with_no_id_typed_keeps_the_box_ticked_as_the_text_is(twochan, qtbot):
    form = twochan.form
    box, edit = form.any_boxes["channel_id"], form.inputs["channel_id"]
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)  # any: both become *
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)  # "not any" with nothing typed
    assert _resources(twochan)[1:] == [f"{BASE}/channel/*"] * 2  # the text still says any
    assert box.isChecked()  # so the box says so
    assert edit.isEnabled()  # and the field takes the ID that replaces it
    qtbot.keyClicks(edit, "general")
    assert _resources(twochan)[1:] == [CHANNELS[0]] * 2
    assert not box.isChecked()


def test_emptying_the_field_over_two_ids_is_called_out_as_a_widening(twochan, qtbot) -> None:
    # Typing replaces both IDs; emptying the field then puts the channel's `*` back: the
    # same widening as ticking "any", said the same way.
    form = twochan.form
    edit = form.inputs["channel_id"]
    qtbot.keyClicks(edit, "x")
    assert _resources(twochan)[1:] == [f"{BASE}/channel/x"] * 2
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    assert _resources(twochan)[1:] == [f"{BASE}/channel/*"] * 2
    assert form.any_boxes["channel_id"].isChecked()
    assert (
        "any (*) replaced x: the policy now grants every channel"
        in form.messages["channel_id"].note
    )
