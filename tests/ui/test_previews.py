"""Rewrites are shown before they are made: the layout command and Fix all, through the real
diff dialog, clicked as a user would; one undo step after Apply."""

import json
import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from editor.core.json.read import fix_all
from editor.core.policy.layout import Layout
from editor.ui.dialogs import Dialogs
from editor.ui.diff_dialog import DiffDialog
from tests.conftest import seed_examples
from tests.core.aws_examples import REGISTER_ENDPOINT


def answer_dialog(qtbot, seen: list, button: str) -> None:
    """When the modal preview opens: note what it shows, then click Apply or Cancel."""

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, DiffDialog):
            QTimer.singleShot(20, act)
            return
        seen.append(
            (dialog.windowTitle(), dialog.unified.toPlainText(), dialog.right.toPlainText())
        )
        dialog.mode.setCurrentIndex(1)  # side by side
        seen.append(dialog.stack.currentIndex())
        if button == "apply":
            qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
        else:
            qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    QTimer.singleShot(0, act)


# AWS's full-user example, repaired: the statement layout of AWS's page, no Sids.
FULL_USER = fix_all(seed_examples()[1])


@pytest.fixture
def opened(window, tmp_path: Path):
    path = tmp_path / "full-user.json"
    path.write_text(FULL_USER, encoding="utf-8")
    window.dialogs = Dialogs(window)  # the real dialogs
    window.open_path(str(path))
    return window


def test_an_opened_file_shows_as_written_with_its_indent(opened) -> None:
    assert opened.layout_combo.currentText() == "As written"
    assert opened.indent_combo.currentText() == "4 spaces"


def test_two_space_file_shows_its_indent(window, tmp_path) -> None:
    path = tmp_path / "two.json"
    path.write_text(REGISTER_ENDPOINT.replace("    ", "  "), encoding="utf-8")
    window.open_path(str(path))
    assert window.indent_combo.currentText() == "2 spaces"


def test_rewrite_as_least_privilege_is_previewed_and_cancel_keeps_the_text(opened, qtbot):
    seen: list = []
    answer_dialog(qtbot, seen, "cancel")
    opened.layout_combo.setFocus()
    qtbot.keyClick(opened.layout_combo, Qt.Key.Key_Down)  # As written -> Least privilege
    title, unified, _ = seen[0]
    assert title == "Rewrite as least privilege"
    # Line numbers before and after, a sign for each removed or added line.
    assert re.search(r"^ +\d+ {6}- ", unified, re.M) and re.search(r"^ {5} *\d+ \+ ", unified, re.M)
    assert seen[1] == 1  # the side-by-side view was shown
    assert opened.document.state.text == FULL_USER
    assert opened.layout_combo.currentText() == "As written"
    assert not opened.document.can_undo()


def test_rewrite_applied_is_one_undo_step(opened, qtbot) -> None:
    seen: list = []
    answer_dialog(qtbot, seen, "apply")
    opened.layout_combo.setFocus()
    qtbot.keyClick(opened.layout_combo, Qt.Key.Key_Down)
    rewritten = opened.document.state.text
    assert len(json.loads(rewritten)["Statement"]) > 2  # one per set of ARN types
    assert opened.document.state.actions == frozenset(opened.personas.get("full-user").actions)
    # What the preview showed on the right is what was written.
    right = [line[5:] for line in seen[0][2].splitlines() if line]  # no alignment fillers
    assert right == rewritten.splitlines()
    assert opened.layout_combo.currentData() == Layout.LEAST_PRIVILEGE
    opened.undo_action.trigger()
    assert opened.document.state.text == FULL_USER


def test_a_file_of_author_statements_has_nothing_to_rewrite(window, tmp_path, qtbot) -> None:
    path = tmp_path / "register-endpoint.json"
    path.write_text(REGISTER_ENDPOINT, encoding="utf-8")
    window.open_path(str(path))
    window.layout_combo.setFocus()
    qtbot.keyClick(window.layout_combo, Qt.Key.Key_Down)
    assert window.document.state.text == REGISTER_ENDPOINT
    assert "Nothing to rewrite as least privilege" in window.status.currentMessage()
    assert not window.dialogs.asked("preview")
    assert window.layout_combo.currentText() == "As written"  # what the file still is
    assert not window.document.can_undo()  # and no step was made of nothing


def test_fix_all_is_previewed_then_applied_as_one_step(window, tmp_path, qtbot) -> None:
    path = tmp_path / "full-user.json"
    path.write_text(seed_examples()[1], encoding="utf-8")
    window.dialogs = Dialogs(window)
    window.open_path(str(path))
    seen: list = []
    answer_dialog(qtbot, seen, "apply")
    qtbot.mouseClick(window.problems.fix_all_button, Qt.MouseButton.LeftButton)
    assert seen and seen[0][0] == "Fix all (2 problems; 9 errors left that no safe fix repairs)"
    assert "chime:ListSubChannels" in seen[0][2]  # the preview shows the fixed text
    assert json.loads(window.document.state.text)
    window.undo_action.trigger()
    assert window.document.state.text == seed_examples()[1]


def test_fix_all_cancelled_changes_nothing(window, tmp_path, qtbot) -> None:
    path = tmp_path / "full-user.json"
    path.write_text(seed_examples()[1], encoding="utf-8")
    window.dialogs = Dialogs(window)
    window.open_path(str(path))
    seen: list = []
    answer_dialog(qtbot, seen, "cancel")
    qtbot.mouseClick(window.problems.fix_all_button, Qt.MouseButton.LeftButton)
    assert seen and window.document.state.text == seed_examples()[1]
    assert not window.isWindowModified()


def test_return_in_the_preview_applies(qtbot) -> None:
    """Return is the preview's Apply, as its bold button says; it was Cancel."""
    dialog = DiffDialog("Fix all", "a\nb\n", "a\nc\n")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.isActiveWindow)
    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        qtbot.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_Return)


def test_return_applies_fix_all_and_ctrl_s_then_saves_from_the_editor(window, tmp_path, qtbot):
    """The walkthrough pressed Ctrl+S right after Apply and nothing happened until it clicked
    the window: the window is activated again and the focus is in the JSON editor. Return
    in the preview is Apply (it was Cancel: the first button of the box took the default)."""
    path = tmp_path / "full-user.json"
    path.write_text(seed_examples()[1], encoding="utf-8")
    window.dialogs = Dialogs(window)
    window.open_path(str(path))
    shown: list = []

    def press_return() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, DiffDialog) or not dialog.isActiveWindow():
            QTimer.singleShot(20, press_return)  # keys go to it once it is active
            return
        shown.append(dialog)
        QTimer.singleShot(2000, dialog.reject)  # if Return does nothing: fail, not hang
        qtbot.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_Return)

    QTimer.singleShot(0, press_return)
    qtbot.mouseClick(window.problems.fix_all_button, Qt.MouseButton.LeftButton)
    assert shown and window.isWindowModified()  # Return applied the fixes
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    assert QApplication.focusWidget() is window.editor
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not window.isWindowModified()
    assert path.read_text(encoding="utf-8") == window.document.state.text
    assert json.loads(path.read_text(encoding="utf-8"))  # the fixed policy is what was saved
