"""A policy opened from a Terraform file (audit A12): the window saves what `chime-policy fix
--in-place` would write (changes of the file's own strings), and refuses anything more,
offering Save As. One rule for both: the same bytes."""

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from editor.cli.main import main
from tests.core.template_examples import TERRAFORM
from tests.ui.test_caller_target import tick

CTRL = Qt.KeyboardModifier.ControlModifier


def open_tf(window, tmp_path: Path) -> Path:
    path = tmp_path / "main.tf"
    path.write_text(TERRAFORM, encoding="utf-8")
    assert window.open_path(str(path))
    return path


def test_fix_all_then_save_writes_what_the_cli_writes(window, tmp_path, capsys) -> None:
    path = open_tf(window, tmp_path)
    QTest.mouseClick(window.problems.fix_all_button, Qt.MouseButton.LeftButton)
    QTest.keyClick(window, Qt.Key.Key_S, CTRL)
    saved = path.read_text(encoding="utf-8")
    assert saved == TERRAFORM.replace('"chime:connect"', '"chime:Connect"')
    assert (tmp_path / "main.tf.bak").read_text(encoding="utf-8") == TERRAFORM
    assert window.dialogs.asked("save_path") == []  # no Save As: it went into the file
    assert not window.isWindowModified()
    cli = tmp_path / "cli.tf"
    cli.write_text(TERRAFORM, encoding="utf-8")
    assert main(["fix", "--in-place", str(cli)]) == 0
    capsys.readouterr()
    assert cli.read_text(encoding="utf-8") == saved


def test_a_typed_region_is_saved_into_the_hcl_string(window, tmp_path, qtbot) -> None:
    path = open_tf(window, tmp_path)
    edit = window.form.region.lineEdit()
    QTest.keyClick(edit, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(edit, "eu-central-1")
    QTest.keyClick(window, Qt.Key.Key_S, CTRL)
    assert path.read_text(encoding="utf-8") == TERRAFORM.replace("us-east-1", "eu-central-1")


def test_an_edit_hcl_cannot_take_is_refused_and_save_as_offered(window, tmp_path, qtbot) -> None:
    path = open_tf(window, tmp_path)
    tick(window, qtbot, "Full user", "SendChannelMessage")  # a new item in the Action list
    window.dialogs.save_answer = None  # the user cancels Save As
    QTest.keyClick(window, Qt.Key.Key_S, CTRL)
    ((_, text),) = window.dialogs.asked("error")
    assert "only changes of the strings written in the file" in text
    assert len(window.dialogs.asked("save_path")) == 1
    assert path.read_text(encoding="utf-8") == TERRAFORM  # never half written
    assert window.isWindowModified()
