"""The status bar's message is about the document shown: "Not saved: ro.json is read-only." does
not stay up over the next file opened, nor over a Save As that worked (it stayed for its ten
seconds). Driven by the keys and menus a user would use; the file dialogs are scripted."""

import stat
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from editor.ui.dialogs import Answer
from tests.conftest import seed_examples

CTRL = Qt.KeyboardModifier.ControlModifier
FIXED = '{\n    "Version": "2012-10-17",\n    "Statement": []\n}\n'


def refused_save_of_read_only(qtbot, window, tmp_path: Path) -> Path:
    """Open a read-only policy, type into it, Ctrl+S, and decline to write over it."""
    path = tmp_path / "ro.json"
    path.write_text(seed_examples()[3], encoding="utf-8")
    path.chmod(0o444)
    window.dialogs.open_answer = str(path)
    qtbot.keyClick(window, Qt.Key.Key_O, CTRL)
    assert window.files.path == str(path.resolve())
    window.editor.setFocus()
    qtbot.keyClicks(window.editor, " ")
    window.dialogs.read_only_answer = False
    qtbot.keyClick(window.editor, Qt.Key.Key_S, CTRL)
    assert window.status.currentMessage() == "Not saved: ro.json is read-only."
    return path


def test_opening_another_file_clears_the_read_only_message(qtbot, window, tmp_path) -> None:
    window.show()
    refused_save_of_read_only(qtbot, window, tmp_path)
    other = tmp_path / "other.json"
    other.write_text(FIXED, encoding="utf-8")
    window.dialogs.ask_save_answer = Answer.DISCARD
    window.dialogs.open_answer = str(other)
    qtbot.keyClick(window, Qt.Key.Key_O, CTRL)
    assert window.files.path == str(other.resolve())
    assert "read-only" not in window.status.currentMessage()
    assert "read-only" not in window.status.toolTip()


def test_a_new_document_clears_it_too(qtbot, window, tmp_path) -> None:
    window.show()
    refused_save_of_read_only(qtbot, window, tmp_path)
    window.dialogs.ask_save_answer = Answer.DISCARD
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    assert window.files.path is None
    assert window.status.currentMessage() == ""


@pytest.mark.parametrize("name", ["copy.json", "ro.json.bak"], ids=["new-file", "free-name"])
def test_save_as_from_a_read_only_file_says_it_saved(qtbot, window, tmp_path, name) -> None:
    window.show()
    path = refused_save_of_read_only(qtbot, window, tmp_path)
    target = tmp_path / name
    window.dialogs.save_answer = str(target)
    qtbot.keyClick(window.editor, Qt.Key.Key_S, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert target.read_text(encoding="utf-8") == window.editor.toPlainText()
    assert window.status.currentMessage() == f"Saved {name}."
    assert stat.S_IMODE(path.stat().st_mode) == 0o444  # the read-only one untouched
    assert not window.isWindowModified()
