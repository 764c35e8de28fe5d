"""Keyboard and accessibility: shortcuts, focus through the panes, names on controls."""

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QLineEdit

from tests.conftest import seed_examples


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
    # Ctrl+2 lands in the form's first field, where typing goes, not on its container.
    first_field = window.form.inputs["partition"]
    targets = [window.catalog_view.tree, first_field, window.editor, window.problems.table]
    window.editor.setFocus()
    for digit, target in zip("1234", targets, strict=True):
        qtbot.keyClick(QApplication.focusWidget(), digit, Qt.KeyboardModifier.ControlModifier)
        assert QApplication.focusWidget() is target, digit


def test_tab_in_the_arn_form_follows_the_rows_as_shown(window, qtbot) -> None:
    form = window.form
    qtbot.keyClick(window.editor, "2", Qt.KeyboardModifier.ControlModifier)
    visited = [QApplication.focusWidget()]
    for _ in range(4):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        visited.append(QApplication.focusWidget())
    region = form.region
    expected = [
        form.inputs["partition"],
        region,
        form.inputs["account_id"],
        form.inputs["app_instance_id"],
        form.inputs["user_id"],
    ]
    shown = [w if w is not region.lineEdit() else region for w in visited]
    assert shown == expected
    # Shift+Tab goes back the same way.
    qtbot.keyClick(
        QApplication.focusWidget(), Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier
    )
    assert QApplication.focusWidget() is form.inputs["app_instance_id"]


def mnemonic(text: str) -> str | None:
    at = text.replace("&&", "").find("&")
    return text.replace("&&", "")[at + 1].lower() if at >= 0 else None


def test_mnemonics_are_unique_in_every_menu(window) -> None:
    def check(actions, where: str) -> None:
        keys = [mnemonic(a.text()) for a in actions if not a.isSeparator()]
        keys = [k for k in keys if k]
        assert len(keys) == len(set(keys)), (where, [a.text() for a in actions])
        for action in actions:
            if action.menu() is not None:
                check(action.menu().actions(), action.text())

    check(window.menuBar().actions(), "menu bar")
    file_menu = window.menuBar().actions()[0].menu()
    by_key = {mnemonic(a.text()): a.text() for a in file_menu.actions() if a.text()}
    assert by_key["r"] == "Open &Recent"  # Alt+F, R


@pytest.mark.parametrize(
    ("key", "modifier"),
    [
        (Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier),
        (Qt.Key.Key_Menu, Qt.KeyboardModifier.NoModifier),
    ],
    ids=["shift-f10", "menu-key"],
)
# A popup menu asks the platform to raise it and grab the keyboard; offscreen cannot.
@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")
def test_keyboard_opens_the_problems_context_menu(window, qtbot, tmp_path, key, modifier) -> None:
    path = tmp_path / "broken.json"
    path.write_text(seed_examples()[1], encoding="utf-8")
    window.open_path(str(path))
    table = window.problems.table
    row = next(
        i for i, f in enumerate(window.problems.model.findings) if f.code == "action/miscased"
    )
    qtbot.keyClick(window.editor, "4", Qt.KeyboardModifier.ControlModifier)
    table.selectRow(row)
    seen: list[str] = []

    def read_and_close() -> None:
        menu = QApplication.activePopupWidget()
        if menu is None:
            QTimer.singleShot(20, read_and_close)
            return
        seen.extend(a.text() for a in menu.actions())
        menu.close()

    QTimer.singleShot(20, read_and_close)
    qtbot.keyClick(table, key, modifier)
    assert seen and seen[0].startswith("Quick fix: ")  # the menu of the selected row
    assert any(text.startswith("Go to line 16") for text in seen)


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
