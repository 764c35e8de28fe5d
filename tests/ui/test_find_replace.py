"""Find and replace in the JSON editor, driven by the keys and clicks a user would use."""

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from editor.ui.find_bar import NO_MATCH, WRAPPED

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
POLICY = (
    "{\n"
    '  "Version": "2012-10-17",\n'
    '  "Statement": [{"Effect": "Allow",\n'
    '    "Action": ["chime:Connect", "chime:connect", "CHIME:ListChannels"],\n'
    '    "Resource": "*"}]\n'
    "}\n"
)


@pytest.fixture
def opened(window, tmp_path: Path):
    path = tmp_path / "policy.json"
    path.write_text(POLICY, encoding="utf-8")
    assert window.open_path(str(path))
    window.editor.setFocus()
    return window


def selected(window) -> tuple[int, str]:
    cursor = window.editor.textCursor()
    return cursor.selectionStart(), cursor.selectedText()


def test_ctrl_f_in_the_editor_finds_as_you_type_and_f3_steps_and_wraps(opened, qtbot) -> None:
    bar = opened.find_bar
    qtbot.keyClick(opened.editor, Qt.Key.Key_F, CTRL)
    assert bar.isVisible() and bar.find_field.hasFocus()
    assert not bar.replace_field.isVisible()  # Ctrl+F: find only
    qtbot.keyClicks(bar.find_field, "chime:c")
    first = POLICY.index("chime:Connect")
    assert selected(opened) == (first, "chime:C")  # case ignored by default
    qtbot.keyClicks(bar.find_field, "onnect")
    assert selected(opened) == (first, "chime:Connect")  # the match grows, it does not jump
    qtbot.keyClick(bar.find_field, Qt.Key.Key_Return)
    assert selected(opened) == (POLICY.index("chime:connect"), "chime:connect")
    assert bar.status.text() == ""
    qtbot.keyClick(bar.find_field, Qt.Key.Key_F3)
    assert selected(opened) == (first, "chime:Connect")
    assert bar.status.text() == WRAPPED
    qtbot.keyClick(bar.find_field, Qt.Key.Key_F3, SHIFT)
    assert selected(opened) == (POLICY.index("chime:connect"), "chime:connect")
    assert bar.status.text() == WRAPPED
    qtbot.keyClick(bar.find_field, Qt.Key.Key_Return, SHIFT)  # Shift+Enter: previous
    assert selected(opened) == (first, "chime:Connect")


def test_match_case_and_no_match_are_shown(opened, qtbot) -> None:
    bar = opened.find_bar
    qtbot.keyClick(opened.editor, Qt.Key.Key_F, CTRL)
    qtbot.mouseClick(bar.case_box, Qt.MouseButton.LeftButton)
    assert bar.case_box.isChecked()
    qtbot.keyClicks(bar.find_field, "chime:connect")
    assert selected(opened) == (POLICY.index("chime:connect"), "chime:connect")
    qtbot.keyClick(bar.find_field, Qt.Key.Key_F3)
    assert selected(opened)[0] == POLICY.index("chime:connect")  # the only one: wraps to it
    qtbot.keyClicks(bar.find_field, "x")
    assert bar.status.text() == NO_MATCH and bar.status.isVisible()
    assert "border" in bar.find_field.styleSheet()  # the field is marked too
    qtbot.keyClick(bar.find_field, Qt.Key.Key_Backspace)
    assert bar.status.text() == "" and bar.find_field.styleSheet() == ""


def test_escape_closes_the_bar_and_returns_to_the_editor(opened, qtbot) -> None:
    qtbot.keyClick(opened.editor, Qt.Key.Key_F, CTRL)
    qtbot.keyClick(opened.find_bar.find_field, Qt.Key.Key_Escape)
    assert not opened.find_bar.isVisible()
    assert opened.editor.hasFocus()


def test_ctrl_f_in_the_catalog_pane_filters_the_catalog(opened, qtbot) -> None:
    opened.catalog_view.tree.setFocus()
    qtbot.keyClick(opened.catalog_view.tree, Qt.Key.Key_F, CTRL)
    assert opened.catalog_view.filter.hasFocus()
    assert not opened.find_bar.isVisible()


def test_replace_one_then_replace_all_each_one_undo_step(opened, qtbot) -> None:
    bar, document = opened.find_bar, opened.document
    qtbot.keyClick(opened.editor, Qt.Key.Key_H, CTRL)
    assert bar.isVisible() and bar.replace_field.isVisible()
    qtbot.keyClicks(bar.find_field, "chime:connect")
    qtbot.keyClicks(bar.replace_field, "chime:SendChannelMessage")
    qtbot.keyClick(bar.replace_field, Qt.Key.Key_Return)  # replaces the selected first match
    once = POLICY.replace("chime:Connect", "chime:SendChannelMessage", 1)
    assert opened.editor.toPlainText() == once
    assert opened.document.state.text == once  # through the document, not only the widget
    assert selected(opened) == (once.index("chime:connect"), "chime:connect")  # the next one
    assert document.undo_steps() == 1 and opened.isWindowModified()
    qtbot.keyClick(opened.editor, Qt.Key.Key_Z, CTRL)
    assert opened.editor.toPlainText() == POLICY
    qtbot.mouseClick(bar.replace_all_button, Qt.MouseButton.LeftButton)
    everywhere = POLICY.replace("chime:Connect", "chime:SendChannelMessage").replace(
        "chime:connect", "chime:SendChannelMessage"
    )
    assert opened.editor.toPlainText() == everywhere
    assert bar.status.text() == "Replaced 2"
    assert "SendChannelMessage" in opened.document.state.actions  # the ticks follow
    qtbot.keyClick(opened.editor, Qt.Key.Key_Z, CTRL)  # one step undoes every replacement
    assert opened.editor.toPlainText() == POLICY


def test_replace_all_respects_match_case_and_says_when_nothing_matches(opened, qtbot) -> None:
    bar = opened.find_bar
    qtbot.keyClick(opened.editor, Qt.Key.Key_H, CTRL)
    qtbot.mouseClick(bar.case_box, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(bar.find_field, "CHIME:")
    qtbot.keyClicks(bar.replace_field, "chime:")
    qtbot.mouseClick(bar.replace_all_button, Qt.MouseButton.LeftButton)
    assert opened.editor.toPlainText() == POLICY.replace("CHIME:", "chime:")
    before = opened.document.undo_steps()
    qtbot.mouseClick(bar.replace_all_button, Qt.MouseButton.LeftButton)
    assert bar.status.text() == NO_MATCH
    assert opened.document.undo_steps() == before  # nothing to undo for no change


def test_find_bar_opens_with_the_selected_text(opened, qtbot) -> None:
    cursor = opened.editor.textCursor()
    start = POLICY.index("ListChannels")
    cursor.setPosition(start)
    cursor.setPosition(start + len("ListChannels"), cursor.MoveMode.KeepAnchor)
    opened.editor.setTextCursor(cursor)
    qtbot.keyClick(opened.editor, Qt.Key.Key_F, CTRL)
    assert opened.find_bar.find_field.text() == "ListChannels"
    assert opened.find_bar.find_field.selectedText() == "ListChannels"  # typing replaces it


def test_f3_opens_the_bar_then_keeps_finding_after_it_is_closed(opened, qtbot) -> None:
    bar = opened.find_bar
    qtbot.keyClick(opened.editor, Qt.Key.Key_F3)  # nothing to find yet: the bar opens
    assert bar.isVisible() and bar.find_field.hasFocus()
    qtbot.keyClicks(bar.find_field, "chime:")
    qtbot.keyClick(bar.find_field, Qt.Key.Key_Escape)
    assert not bar.isVisible() and opened.editor.hasFocus()
    qtbot.keyClick(opened.editor, Qt.Key.Key_F3)  # the last search goes on, bar closed
    assert selected(opened) == (POLICY.index("chime:connect"), "chime:")
    assert not bar.isVisible()
