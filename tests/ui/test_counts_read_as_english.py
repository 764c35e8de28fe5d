"""Counts the window shows read as English: "1 action shown", "1 line removed"."""

from PySide6.QtWidgets import QLabel

from editor.ui.diff_dialog import DiffDialog


def test_the_filter_says_one_action_shown(window, qtbot) -> None:
    qtbot.keyClicks(window.catalog_view.filter, "GetMessagingSessionEndpoint")
    assert window.catalog_view.hint.text().startswith("Filtered: 1 action shown.")


def test_a_preview_of_one_changed_line_says_one_line(qtbot) -> None:
    dialog = DiffDialog("Fix all", "a\nb\nc\n", "a\nB\nc\n")
    qtbot.addWidget(dialog)
    said = [label.text() for label in dialog.findChildren(QLabel)]
    assert "Fix all: 1 line removed, 1 added. Apply the change?" in said
