"""Keyboard and accessibility: shortcuts, focus through the panes, names on controls."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit


def test_typing_then_ctrl_z_in_the_editor_uses_the_documents_undo(window, qtbot) -> None:
    editor = window.editor
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    before = editor.toPlainText()
    qtbot.keyClicks(editor, " ")
    assert editor.toPlainText() == before + " "
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == before


def test_standard_shortcuts_are_bound(window) -> None:
    keys = QKeySequence.StandardKey
    expected = {
        window.open_action: keys.Open,
        window.save_action: keys.Save,
        window.new_action: keys.New,
        window.undo_action: keys.Undo,
    }
    for action, key in expected.items():
        assert action.shortcut() == QKeySequence(key), action.text()
    assert window.redo_action.shortcuts()
    assert window.fix_all_action.shortcut().toString() == "Ctrl+Shift+F"


def test_ctrl_digits_move_focus_through_the_panes(window, qtbot) -> None:
    targets = [window.catalog_view.tree, window.form, window.editor, window.problems.table]
    for action, target in zip(window.pane_actions, targets, strict=True):
        action.trigger()
        assert target.hasFocus() or target.isAncestorOf(window.focusWidget())


def test_controls_have_accessible_names(window) -> None:
    controls = window.findChildren(QLineEdit) + window.findChildren(QComboBox)
    unnamed = [
        w
        for w in controls
        if w.isVisibleTo(window)
        and not w.accessibleName()
        and not isinstance(w.parent(), QComboBox)  # a combo's own line edit: the combo's name
    ]
    assert unnamed == []
    buttons = [b for b in window.findChildren(QAbstractButton) if b.isVisibleTo(window)]
    assert all(b.text() or b.accessibleName() for b in buttons)
