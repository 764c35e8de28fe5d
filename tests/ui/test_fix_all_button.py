"""Fix all through the Problems pane's button, as Quick fix goes: through the document, shown
first as a diff, one undo step; nothing to fix, or a declined preview, changes nothing."""

import json
from pathlib import Path

from PySide6.QtCore import Qt

from tests.conftest import seed_examples


def _open(window, tmp_path: Path, text: str) -> None:
    path = tmp_path / "policy.json"
    path.write_text(text, encoding="utf-8")
    assert window.open_path(str(path))


def _click_fix_all(qtbot, window) -> None:
    button = window.problems.fix_all_button
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=button.rect().center())


def test_fix_all_previews_then_is_one_undo_step(window, qtbot, tmp_path) -> None:
    broken = seed_examples()[1]  # AWS's full-user example: a missing comma, a mis-cased action
    _open(window, tmp_path, broken)
    _click_fix_all(qtbot, window)
    ((title, before, after),) = window.dialogs.asked("preview")
    # The example's nine unfilled placeholders are left, and said to be
    assert title == "Fix all (2 problems; 9 errors left that no safe fix repairs)"
    assert before == broken
    assert window.editor.toPlainText() == after
    json.loads(after)  # the standard library reads what was repaired
    assert window.document.undo_steps() == 1
    qtbot.keyClick(window.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.editor.toPlainText() == broken


def test_a_declined_preview_changes_nothing(window, qtbot, tmp_path) -> None:
    broken = seed_examples()[1]
    _open(window, tmp_path, broken)
    window.dialogs.preview_answer = False
    _click_fix_all(qtbot, window)
    assert window.dialogs.asked("preview")
    assert window.editor.toPlainText() == broken and not window.document.can_undo()


def test_nothing_to_fix_says_so_and_asks_nothing(window, qtbot, tmp_path) -> None:
    clean = json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {"Effect": "Allow", "Action": "chime:GetMessagingSessionEndpoint", "Resource": "*"}
            ],
        },
        indent=4,
    )
    _open(window, tmp_path, clean)
    assert not window.problems.fix_all_button.isEnabled()  # the pane knows there is none
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window.editor, Qt.Key.Key_F, ctrl_shift)  # Edit > Fix All asks anyway
    assert not window.dialogs.asked("preview")
    assert window.status.currentMessage() == "Nothing to fix safely."
    assert not window.document.can_undo()
