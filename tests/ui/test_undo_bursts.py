"""Undo steps as a text editor makes them: a burst of typing is one step; a click elsewhere,
a pause, a paste or another kind of edit starts the next. Real keys and clicks throughout."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from editor.ui import document as document_module
from tests.conftest import seed_examples

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def opened(window, tmp_path: Path):
    path = tmp_path / "minimal-user.json"
    path.write_text(seed_examples()[2], encoding="utf-8")
    assert window.open_path(str(path))
    return window


def click_at(qtbot, editor, offset: int) -> None:
    """A mouse click in the text, just before the character at `offset`."""
    cursor = QTextCursor(editor.document())
    cursor.setPosition(offset)
    rect = editor.cursorRect(cursor)
    qtbot.mouseClick(editor.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert editor.textCursor().position() == offset


def undo(qtbot, window) -> str:
    qtbot.keyClick(window.editor, Qt.Key.Key_Z, CTRL)
    return window.editor.toPlainText()


def test_three_bursts_with_clicks_between_are_three_undo_steps(opened, qtbot) -> None:
    editor, original = opened.editor, opened.editor.toPlainText()
    texts = [original]
    for needle, burst in (("Version", "My"), ("Statement", "All"), ("Effect", "The")):
        click_at(qtbot, editor, editor.toPlainText().index(needle))
        qtbot.keyClicks(editor, burst)
        texts.append(editor.toPlainText())
    assert '"MyVersion"' in texts[-1] and '"AllStatement"' in texts[-1]
    assert '"TheEffect"' in texts[-1]
    for expected in reversed(texts[:-1]):  # each undo takes back exactly one burst
        assert undo(qtbot, opened) == expected
    assert not opened.document.can_undo()


def test_backspace_within_a_burst_is_the_same_step(opened, qtbot) -> None:
    editor, original = opened.editor, opened.editor.toPlainText()
    click_at(qtbot, editor, original.index("Version"))
    qtbot.keyClicks(editor, "Nw")
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    qtbot.keyClicks(editor, "ew")
    assert '"NewVersion"' in editor.toPlainText()
    assert undo(qtbot, opened) == original


def test_arrow_keys_away_start_a_new_step(opened, qtbot) -> None:
    editor, original = opened.editor, opened.editor.toPlainText()
    click_at(qtbot, editor, original.index("Version"))
    qtbot.keyClicks(editor, "A")
    first = editor.toPlainText()
    qtbot.keyClick(editor, Qt.Key.Key_End)
    qtbot.keyClicks(editor, " ")
    assert undo(qtbot, opened) == first
    assert undo(qtbot, opened) == original


def test_a_pause_starts_a_new_step(opened, qtbot) -> None:
    editor, original = opened.editor, opened.editor.toPlainText()
    click_at(qtbot, editor, original.index("Version"))
    qtbot.keyClicks(editor, "Ab")
    first = editor.toPlainText()
    qtbot.wait(document_module.TYPING_PAUSE_MS + 200)  # the user stops to think
    qtbot.keyClicks(editor, "cd")
    assert '"AbcdVersion"' in editor.toPlainText()
    assert undo(qtbot, opened) == first
    assert undo(qtbot, opened) == original


def test_typing_after_an_undo_does_not_join_the_older_burst(opened, qtbot) -> None:
    editor, original = opened.editor, opened.editor.toPlainText()
    click_at(qtbot, editor, original.index("Version"))
    qtbot.keyClicks(editor, "XY")
    first = editor.toPlainText()
    click_at(qtbot, editor, first.index("Statement"))
    qtbot.keyClicks(editor, "Z")
    assert undo(qtbot, opened) == first  # Z undone: the burst before it is on top again
    click_at(qtbot, editor, first.index("Effect"))
    qtbot.keyClicks(editor, "W")
    assert '"WEffect"' in editor.toPlainText()
    assert undo(qtbot, opened) == first  # W alone, not W with XY
    assert undo(qtbot, opened) == original


def test_a_paste_is_a_step_of_its_own(opened, qtbot) -> None:
    from PySide6.QtWidgets import QApplication

    editor, original = opened.editor, opened.editor.toPlainText()
    click_at(qtbot, editor, original.index("Version"))
    qtbot.keyClicks(editor, "A")
    typed = editor.toPlainText()
    QApplication.clipboard().setText("Pasted")
    qtbot.keyClick(editor, Qt.Key.Key_V, CTRL)
    pasted = editor.toPlainText()
    assert '"APastedVersion"' in pasted
    qtbot.keyClicks(editor, "B")
    assert undo(qtbot, opened) == pasted
    assert undo(qtbot, opened) == typed
    assert undo(qtbot, opened) == original
