"""Saving from the window keeps files the way people keep them: backups never overwritten,
links kept, new files made with the umask's mode, write errors in one line."""

import os
import stat
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.conftest import seed_examples


@pytest.fixture
def opened(window, tmp_path: Path) -> Path:
    path = tmp_path / "full-user.json"
    path.write_text(seed_examples()[1], encoding="utf-8")
    return path


def save_with_ctrl_s(qtbot, window) -> None:
    qtbot.keyClick(window.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def test_a_backup_of_the_users_is_kept_and_the_status_bar_names_ours(qtbot, window, opened):
    (opened.parent / "full-user.json.bak").write_text("mine", encoding="utf-8")
    window.open_path(str(opened))
    window.fix_all()
    save_with_ctrl_s(qtbot, window)
    assert not window.isWindowModified()
    assert (opened.parent / "full-user.json.bak").read_text(encoding="utf-8") == "mine"
    assert (opened.parent / "full-user.json.bak.1").read_text(encoding="utf-8") == (
        seed_examples()[1]
    )
    assert window.status.currentMessage() == (
        "Saved; the original is kept as full-user.json.bak.1."
    )


def test_saving_a_file_opened_through_a_link_keeps_the_link(qtbot, window, opened, tmp_path):
    link = tmp_path / "link.json"
    link.symlink_to(opened.name)
    os.link(opened, tmp_path / "hard.json")
    window.open_path(str(link))
    window.fix_all()
    save_with_ctrl_s(qtbot, window)
    assert link.is_symlink() and "chime:ListSubChannels" in opened.read_text(encoding="utf-8")
    assert (tmp_path / "hard.json").read_text(encoding="utf-8") == opened.read_text(
        encoding="utf-8"
    )


def test_save_as_makes_a_file_with_the_umasks_mode(window, tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        window.dialogs.save_answer = str(tmp_path / "new.json")
        assert window.files.save_as()
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == 0o644


def test_a_save_that_cannot_be_written_says_why_in_one_line(window, tmp_path: Path) -> None:
    window.dialogs.save_answer = str(tmp_path / "missing" / "new.json")
    assert not window.files.save_as()
    ((title, text),) = window.dialogs.asked("error")
    assert title == "Cannot save"
    assert text == (
        f"cannot write {tmp_path}/missing/new.json: the folder {tmp_path}/missing does not exist"
    )
    assert window.files.path is None  # still untitled: nothing was saved


def test_an_export_the_format_cannot_carry_is_explained_not_a_crash(window, tmp_path) -> None:
    path = tmp_path / "p.json"
    path.write_text(
        '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "chime:Connect",'
        ' "Resource": "*", "Condition": {"StringEquals": "x"}}]}',
        encoding="utf-8",
    )
    window.open_path(str(path))
    window.export_menu.template.setChecked(True)
    window.dialogs.save_answer = str(tmp_path / "p.tf")
    window.export_menu.actions["terraform-data"].trigger()  # Export ▸ Terraform (data source)
    assert not (tmp_path / "p.tf").exists()
    ((title, text),) = window.dialogs.asked("error")
    assert title == "Not exported"
    assert text.startswith("This export cannot carry the policy as it is:\n\nline 1:135  ")
    assert "condition operator StringEquals must map condition keys to values" in text


def test_saving_text_that_is_not_json_saves_it_and_says_where_it_breaks(
    qtbot, window, tmp_path: Path
) -> None:
    """Ctrl+S never refuses the user's text, but a policy IAM would reject is not saved
    silently: the status bar gives the first line and column that is not JSON."""
    path = tmp_path / "policy.json"
    path.write_text('{\n    "Version": "2012-10-17",\n    "Statement": []\n}\n', encoding="utf-8")
    assert window.open_path(str(path))
    cursor = window.editor.textCursor()
    cursor.setPosition(len('{\n    "Version": "2012-10-17"'))  # before its comma
    window.editor.setTextCursor(cursor)
    qtbot.keyClicks(window.editor, " x")
    save_with_ctrl_s(qtbot, window)
    assert '"2012-10-17" x,' in path.read_text(encoding="utf-8")  # saved as typed
    message = window.status.currentMessage()
    assert "not valid json" in message.lower() and "line 2, column 29" in message  # the x


def test_saving_valid_json_says_nothing_about_json(qtbot, window, opened) -> None:
    window.open_path(str(opened))
    window.fix_all()  # AWS's example has a trailing comma: repaired
    save_with_ctrl_s(qtbot, window)
    assert "not valid json" not in window.status.currentMessage().lower()


@pytest.mark.parametrize("answer", [False, True], ids=["cancel", "save"])
def test_saving_over_a_read_only_file_asks_first(qtbot, window, opened, answer) -> None:
    opened.chmod(0o444)
    window.open_path(str(opened))
    window.fix_all()
    window.dialogs.read_only_answer = answer
    save_with_ctrl_s(qtbot, window)
    assert window.dialogs.asked("ask_read_only") == [("full-user.json",)]
    on_disk = opened.read_text(encoding="utf-8")
    assert (on_disk == window.editor.toPlainText()) is answer
    assert window.isWindowModified() is not answer
    assert stat.S_IMODE(opened.stat().st_mode) == 0o444  # stays read-only either way
    if not answer:
        assert window.status.currentMessage() == "Not saved: full-user.json is read-only."
