"""The ARN form fits its pane's width: at 1024x700 (walkthrough 4: a horizontal scroll bar hid
the "any (*)" boxes, the longest row being the "Act as this bot (...)" check box), and in a
pane narrowed further by its splitter, where labels sit above their fields. At the default
size each label stays beside its field, as before."""

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QScrollArea

APP = "arn:aws:chime:us-east-1:111122223333:app-instance/9f1e2d3c-aaaa-bbbb-cccc-0123456789ab"
POLICY = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "UserChannel",
            "Effect": "Allow",
            "Action": ["chime:SendChannelMessage", "chime:ListChannelMessages"],
            "Resource": [f"{APP}/user/alice", f"{APP}/channel/*"],
        }
    ],
}


def scroll_area(window) -> QScrollArea:
    widget = window.form.parentWidget()
    while not isinstance(widget, QScrollArea):
        widget = widget.parentWidget()
    return widget


def shown_rows(form) -> list[tuple]:
    """(label, field) of each row shown, as laid out."""
    layout = form.layout_
    rows = []
    for row in range(layout.rowCount()):
        label = layout.itemAt(row, QFormLayout.ItemRole.LabelRole)
        field = layout.itemAt(row, QFormLayout.ItemRole.FieldRole)
        if field is not None and field.widget().isVisibleTo(form):
            rows.append((label.widget() if label is not None else None, field.widget()))
    return rows


def open_at(window, qtbot, tmp_path: Path, width: int, height: int) -> QScrollArea:
    path = tmp_path / "alice.json"
    path.write_text(json.dumps(POLICY, indent=4), encoding="utf-8")
    window.show()
    window.resize(width, height)
    assert window.open_path(str(path))
    qtbot.waitUntil(lambda: window.form.inputs["app_instance_id"].text() == APP.rsplit("/", 1)[1])
    assert window.form.as_bot.isVisibleTo(window.form)  # the widest row is shown
    return scroll_area(window)


@pytest.mark.parametrize("pane", [None, 240], ids=["1024x700", "pane-dragged-to-240"])
def test_no_sideways_scrolling_in_a_narrow_window(window, qtbot, tmp_path, pane) -> None:
    scroll = open_at(window, qtbot, tmp_path, 1024, 700)
    if pane is not None:  # the splitter dragged left, as a user would
        window.main.setSizes([pane, 1024 - pane])
    qtbot.waitUntil(lambda: scroll.viewport().width() < (pane or 400))
    qtbot.wait(50)  # the layout settles
    assert not scroll.horizontalScrollBar().isVisible()
    assert window.form.width() <= scroll.viewport().width()
    above = 0
    for label, field in shown_rows(window.form):
        assert field.geometry().right() < scroll.viewport().width()  # whole, not cut
        if label is not None and label.text():
            assert not label.geometry().intersects(field.geometry())
            above += label.geometry().bottom() <= field.geometry().top()
    assert (above > 0) == (pane is not None)  # beside while they fit, else above their fields


def test_at_the_default_size_labels_stay_beside_their_fields(window, qtbot, tmp_path) -> None:
    scroll = open_at(window, qtbot, tmp_path, 1400, 900)
    assert not scroll.horizontalScrollBar().isVisible()
    for label, field in shown_rows(window.form):
        if label is not None and label.text():
            assert label.geometry().right() < field.geometry().left()
            assert abs(label.geometry().center().y() - field.geometry().center().y()) <= 2
    note = window.form.as_bot_note
    box = window.form.as_bot
    assert note.geometry().top() < box.geometry().center().y() < note.geometry().bottom()
    assert note.text().count("\n") == 0 and note.height() < 2 * note.fontMetrics().height()


def test_a_click_on_the_bracketed_words_ticks_the_box(window, qtbot, tmp_path) -> None:
    open_at(window, qtbot, tmp_path, 1024, 700)
    form = window.form
    assert not form.as_bot.isChecked()
    qtbot.mouseClick(form.as_bot_note, Qt.MouseButton.LeftButton)
    assert form.as_bot.isChecked()  # as a click on the box's own words would
