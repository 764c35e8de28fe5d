"""Another program's file is never overwritten unasked: a file deleted and made again is
watched again, and Save over a file whose text on disk is not what the editor last read or
wrote asks first (overwrite / reload / cancel), as serious editors do."""

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from editor.ui.dialogs import DiskAnswer
from tests.conftest import seed_examples
from tests.core.export.test_containers import STACK

MINE = seed_examples()[2]  # AWS's minimal-user example
THEIRS = seed_examples()[3]  # the WebSocket-connect example, written by another program


def typed_and_deleted(window, qtbot, path: Path) -> str:
    path.write_text(MINE, encoding="utf-8")
    assert window.open_path(str(path))
    window.editor.jump_to(1, 2)
    qtbot.keyClicks(window.editor, " ")
    path.unlink()
    qtbot.waitUntil(lambda: "deleted" in window.statusBar().currentMessage(), timeout=5000)
    return MINE[:1] + " " + MINE[1:]


def save_with_ctrl_s(qtbot, window) -> None:
    qtbot.keyClick(window.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def test_a_deleted_file_made_again_is_noticed(window, qtbot, tmp_path: Path) -> None:
    path = tmp_path / "del.json"
    typed = typed_and_deleted(window, qtbot, path)
    window.dialogs.reload_answer = False  # the user keeps their text
    path.write_text(THEIRS, encoding="utf-8")  # `cp other.json del.json`
    qtbot.waitUntil(lambda: bool(window.dialogs.asked("ask_reload")), timeout=5000)
    assert window.editor.toPlainText() == typed
    # ...and it is watched again: a later change prompts too
    path.write_text(THEIRS + "\n", encoding="utf-8")
    qtbot.waitUntil(lambda: len(window.dialogs.asked("ask_reload")) == 2, timeout=5000)


@pytest.mark.parametrize(
    ("answer", "on_disk", "in_window"),
    [
        (DiskAnswer.CANCEL, THEIRS, "typed"),
        (DiskAnswer.OVERWRITE, "typed", "typed"),
        (DiskAnswer.RELOAD, THEIRS, THEIRS),
    ],
    ids=["cancel", "overwrite", "reload"],
)
def test_save_over_another_programs_text_asks_first(
    window, qtbot, tmp_path: Path, answer, on_disk: str, in_window: str
) -> None:
    path = tmp_path / "del.json"
    typed = typed_and_deleted(window, qtbot, path)
    window.dialogs.reload_answer = False
    window.dialogs.overwrite_answer = answer
    path.write_text(THEIRS, encoding="utf-8")
    qtbot.waitUntil(lambda: bool(window.dialogs.asked("ask_reload")), timeout=5000)
    save_with_ctrl_s(qtbot, window)
    assert window.dialogs.asked("ask_overwrite") == [("del.json",)]
    assert path.read_text(encoding="utf-8") == (typed if on_disk == "typed" else on_disk)
    assert window.editor.toPlainText() == (typed if in_window == "typed" else in_window)
    assert window.isWindowModified() == (answer is DiskAnswer.CANCEL)


def test_save_asks_even_when_no_change_was_signalled(window, qtbot, tmp_path: Path) -> None:
    # A change the watcher did not report (a network folder, a file changed while the watch
    # was being re-added) is still caught at Save by comparing the text on disk.
    path = tmp_path / "quiet.json"
    path.write_text(MINE, encoding="utf-8")
    assert window.open_path(str(path))
    window.files.watcher.removePath(str(path.resolve()))
    window.files.watcher.removePath(str(path.resolve().parent))
    path.write_text(THEIRS, encoding="utf-8")
    window.editor.jump_to(1, 2)
    qtbot.keyClicks(window.editor, " ")
    window.dialogs.overwrite_answer = DiskAnswer.CANCEL
    save_with_ctrl_s(qtbot, window)
    assert window.dialogs.asked("ask_overwrite") == [("quiet.json",)]
    assert path.read_text(encoding="utf-8") == THEIRS


def test_saving_twice_over_our_own_text_asks_nothing(window, qtbot, tmp_path: Path) -> None:
    path = tmp_path / "ours.json"
    path.write_text(MINE, encoding="utf-8")
    assert window.open_path(str(path))
    for _ in range(2):
        window.editor.jump_to(1, 2)
        qtbot.keyClicks(window.editor, " ")
        save_with_ctrl_s(qtbot, window)
        assert not window.isWindowModified()
    assert window.dialogs.asked("ask_overwrite") == []
    assert os.path.exists(str(path) + ".bak")


@pytest.mark.parametrize("answer", [DiskAnswer.CANCEL, DiskAnswer.RELOAD], ids=str)
def test_save_into_a_template_changed_on_disk_asks_first(
    window, qtbot, tmp_path: Path, answer
) -> None:
    path = tmp_path / "stack.yaml"
    path.write_text(STACK, encoding="utf-8")
    window.dialogs.choice = 1  # ChatRole's inline policy, with a mis-cased action
    assert window.open_path(str(path))
    window.fix_all()
    theirs = STACK.replace("chime:Describeappinstance", "chime:DescribeAppInstanceUser")
    path.write_text(theirs, encoding="utf-8")  # a colleague's edit of the same template
    window.dialogs.overwrite_answer = answer
    save_with_ctrl_s(qtbot, window)
    assert window.dialogs.asked("ask_overwrite") == [("stack.yaml",)]
    assert path.read_text(encoding="utf-8") == theirs
    if answer is DiskAnswer.RELOAD:
        assert "chime:DescribeAppInstanceUser" in window.editor.toPlainText()
        assert not window.isWindowModified()
