"""The ARN form built alone (no window, no document): typing into its fields with real key
presses asks for edits, and showing a state fills it without echoing edits back."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from editor.core.catalog.catalog import load_catalog
from editor.core.policy import editing
from editor.core.policy.arnfields import ARN_FIELDS
from editor.ui.arn_form import ArnForm
from tests.core.aws_examples import REGISTER_ENDPOINT

BASE = "arn:aws:chime:us-east-1:111122223333:app-instance/app-1"


@pytest.fixture
def form(qtbot) -> ArnForm:
    widget = ArnForm(load_catalog())
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def asked(form: ArnForm) -> list[tuple[str, str, object]]:
    requests: list[tuple[str, str, object]] = []
    form.edited.connect(lambda *args: requests.append(args))
    return requests


def test_a_row_for_every_field_of_the_table_in_its_order(form: ArnForm) -> None:
    labels = [
        form.layout_.itemAt(row, form.layout_.ItemRole.LabelRole)
        for row in range(form.layout_.rowCount())
    ]
    texts = [i.widget().text() for i in labels if i is not None and isinstance(i.widget(), QLabel)]
    assert [t for t in texts if t] == [f"{f.label}:" for f in ARN_FIELDS if not f.flag]
    shown = f"{form.as_bot.text()} {form.as_bot_note.text()}"  # the bracket wraps beside it
    assert shown == next(f.label for f in ARN_FIELDS if f.flag)


def test_typing_a_field_asks_for_each_keystroke(qtbot, form: ArnForm, asked) -> None:
    qtbot.keyClicks(form.inputs["account_id"], "1234")
    assert asked == [("account_id", "1", None), ("account_id", "12", None)] + [
        ("account_id", "123", None),
        ("account_id", "1234", None),
    ]


def test_typing_the_region_and_picking_one_from_the_list(qtbot, form: ArnForm, asked) -> None:
    qtbot.keyClicks(form.region_edit, "eu")
    assert asked[-1] == ("region", "eu", None)
    form.region_edit.clear()
    qtbot.keyClick(form.region_edit, Qt.Key.Key_Down)  # the list's first: a messaging region
    first = load_catalog().regions.messaging[0]
    assert asked[-1] == ("region", first, None)


def test_showing_a_state_fills_the_fields_and_echoes_nothing(form: ArnForm, asked) -> None:
    state = editing.new_state(REGISTER_ENDPOINT.replace("aws_account_id", "111122223333"))
    form.show_state(state)
    assert form.inputs["account_id"].text() == "111122223333"
    assert form.inputs["region"].text() == ""  # the page's `region` is a placeholder...
    assert "unfilled: region" in form.inputs["region"].placeholderText()  # ...and says so
    assert asked == []


@pytest.mark.parametrize(
    ("name", "typed", "reason"),
    [
        ("account_id", "12345", "12 digits"),
        ("region", "moon-1", "not an AWS region code"),
        ("partition", "azure", "not an AWS partition"),
    ],
)
def test_an_invalid_value_is_marked_at_its_field(qtbot, form, name, typed, reason) -> None:
    state = editing.with_field(editing.new_state(), name, typed)
    form.show_state(state)
    mark = form.marks[name].action  # the marker inside the field, its message on hover
    assert mark.isVisible() and reason in mark.toolTip()
    assert form.inputs[name].property("invalid")
    form.show_state(editing.new_state())
    assert not mark.isVisible() and not form.inputs[name].property("invalid")


def test_channel_and_bot_rows_wait_for_an_action_that_needs_them(form: ArnForm) -> None:
    rows = ("channel_id", "bot_id", "channel_flow_id")
    form.show_state(editing.new_state())
    assert not any(form.rows[n].isVisible() for n in rows)
    ticked = editing.with_actions(editing.new_state(), frozenset({"SendChannelMessage"}))
    form.show_state(ticked)
    assert form.rows["channel_id"].isVisible()
    assert not form.rows["channel_flow_id"].isVisible()


def test_any_box_asks_for_a_wildcard_and_locks_the_field(qtbot, form: ArnForm, asked) -> None:
    ticked = editing.with_actions(editing.new_state(), frozenset({"SendChannelMessage"}))
    form.show_state(editing.with_field(ticked, "channel_id", "general"))
    box, field = form.any_boxes["channel_id"], form.inputs["channel_id"]
    assert not box.isChecked() and field.isEnabled()
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=box.rect().center())
    assert asked[-1] == ("channel_id", "*", None) and not field.isEnabled()


def test_typing_replaces_the_value_chosen_among_several(qtbot, form: ArnForm, asked) -> None:
    policy = {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Action": "chime:Connect", "Resource": f"{BASE}/user/alice"},
            {"Effect": "Allow", "Action": "chime:Connect", "Resource": f"{BASE}/user/bob"},
        ],
    }
    form.show_state(editing.new_state(json.dumps(policy, indent=2)))
    chooser = form.choosers["user_id"]
    assert chooser.isVisible() and chooser.count() == 3  # all of them, alice, bob
    chooser.setCurrentIndex(chooser.findData("bob"))
    chooser.activated.emit(chooser.currentIndex())
    field = form.inputs["user_id"]
    assert field.text() == "bob"
    field.selectAll()
    qtbot.keyClicks(field, "carol")
    assert asked[-1] == ("user_id", "carol", "bob")
