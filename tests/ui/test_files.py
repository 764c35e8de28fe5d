"""Opening, fixing and saving files through the real window."""

import json
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from editor.ui.dialogs import Answer
from tests.conftest import seed_examples


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    path = tmp_path / "full-user.json"
    path.write_text(seed_examples()[1], encoding="utf-8")
    return path


def problem_lines(window) -> list[tuple[str, int, int]]:
    return sorted((f.code, f.line, f.column) for f in window.problems.model.findings)


def test_open_broken_seed_lists_defects_then_fix_all_repairs(window, broken: Path) -> None:
    assert window.open_path(str(broken))
    found = problem_lines(window)
    assert ("json/missing-comma", 40, 32) in found
    assert ("action/miscased", 16, 17) in found
    assert sum(1 for code, *_ in found if code == "resource/placeholder") == 7
    assert window.banner.isVisible()  # the missing comma blocks syncing the form
    assert window.windowTitle().startswith("full-user.json")
    window.fix_all()
    text = window.editor.toPlainText()
    assert json.loads(text)
    assert "chime:ListSubChannels" in text
    persona = window.personas.get("full-user")
    assert window.document.state.actions == frozenset(persona.actions)
    assert not window.banner.isVisible()
    assert window.isWindowModified()
    window.undo_action.trigger()  # Fix all is one undoable step
    assert window.editor.toPlainText() == seed_examples()[1]


def test_quick_fix_and_jump_from_the_problems_pane(window, broken: Path) -> None:
    window.open_path(str(broken))
    row = next(
        i for i, f in enumerate(window.problems.model.findings) if f.code == "action/miscased"
    )
    window.problems.table.selectRow(row)
    assert window.problems.fix_button.isEnabled()
    window.problems.fix_button.click()
    assert "chime:ListSubChannels" in window.editor.toPlainText()
    comma = next(f for f in window.problems.model.findings if f.code == "json/missing-comma")
    window.problems.jump.emit(comma)
    cursor = window.editor.textCursor()
    assert (cursor.blockNumber() + 1, cursor.positionInBlock() + 1) == (40, 32)


def test_save_is_atomic_and_keeps_a_backup_of_the_original(window, broken: Path) -> None:
    original = broken.read_text(encoding="utf-8")
    window.open_path(str(broken))
    window.fix_all()
    assert window.files.save()
    assert json.loads(broken.read_text(encoding="utf-8"))
    assert (broken.parent / "full-user.json.bak").read_text(encoding="utf-8") == original
    assert not window.isWindowModified()
    window.editor.setPlainText(window.editor.toPlainText().replace("chime:Connect", "chime:x"))
    window.files.save()
    # The backup keeps the file as it was opened, not the first save.
    assert (broken.parent / "full-user.json.bak").read_text(encoding="utf-8") == original
    assert not [p for p in broken.parent.iterdir() if p.suffix == ".tmp"]


def test_crlf_files_are_saved_with_crlf(window, tmp_path: Path) -> None:
    path = tmp_path / "crlf.json"
    path.write_bytes(seed_examples()[3].replace("\n", "\r\n").encode())
    window.open_path(str(path))
    window.fix_all()
    window.editor.setPlainText(window.editor.toPlainText().replace('"Allow"', '"Deny"'))
    window.files.save()
    data = path.read_bytes()
    assert b'"Deny"' in data and b"\n" not in data.replace(b"\r\n", b"")


def test_close_with_changes_prompts_and_cancel_keeps_the_window(window) -> None:
    window.editor.setPlainText("{}")
    assert window.isWindowModified() and "[*]" in window.windowTitle()
    window.dialogs.ask_save_answer = Answer.CANCEL
    assert not window.close()
    assert window.dialogs.asked("ask_save") and window.isVisible()
    window.dialogs.ask_save_answer = Answer.DISCARD
    assert window.close()


def test_save_as_for_a_new_document(window, tmp_path: Path) -> None:
    window.files.new("websocket-connect")
    target = tmp_path / "connect.json"
    window.dialogs.save_answer = str(target)
    assert window.files.save()
    assert json.loads(target.read_text())["Statement"][0]["Action"] == ["chime:Connect"]
    assert not (tmp_path / "connect.json.bak").exists()  # nothing of the user's to back up
    assert window.windowTitle().startswith("connect.json")
    assert window.files.recent()[0] == str(target.resolve())


def test_open_prompts_to_save_first_and_revert_is_undoable(window, broken: Path) -> None:
    window.editor.setPlainText("{}")
    window.dialogs.ask_save_answer = Answer.CANCEL
    assert not window.files.open_path(str(broken))
    window.dialogs.ask_save_answer = Answer.DISCARD
    assert window.files.open_path(str(broken))
    window.editor.setPlainText("{}")
    window.files.revert()
    assert window.editor.toPlainText() == seed_examples()[1]
    window.undo_action.trigger()
    assert window.editor.toPlainText() == "{}"


def test_file_changed_on_disk_prompts_to_reload(window, broken: Path, qtbot) -> None:
    window.open_path(str(broken))
    broken.write_text(seed_examples()[3], encoding="utf-8")
    qtbot.waitUntil(lambda: bool(window.dialogs.asked("ask_reload")), timeout=5000)
    assert window.editor.toPlainText() == seed_examples()[3]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x00\x01\x02binary", "binary"),
        ("caf\u00e9".encode("latin-1"), "not UTF-8"),
    ],
)
def test_bad_files_give_a_clear_message(window, tmp_path: Path, content, message) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    before = window.editor.toPlainText()
    assert not window.open_path(str(path))
    ((_, text),) = window.dialogs.asked("error")
    assert message in text
    assert window.editor.toPlainText() == before


def test_huge_file_is_refused(window, tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    assert not window.open_path(str(path))
    ((_, text),) = window.dialogs.asked("error")
    assert "50.0 MB" in text


def test_empty_file_opens_with_a_notice(window, tmp_path: Path) -> None:
    path = tmp_path / "empty.json"
    path.write_text("")
    assert window.open_path(str(path))
    assert "empty" in window.statusBar().currentMessage()
    assert window.problems.model.findings[0].code == "json/unexpected"


def test_cloudformation_template_offers_its_policies(window, tmp_path: Path) -> None:
    path = tmp_path / "stack.yaml"
    path.write_text(
        "Resources:\n"
        "  Users:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n"
        "        Version: '2012-10-17'\n        Statement:\n          - Effect: Allow\n"
        "            Action: chime:Connect\n"
        "            Resource: !Sub 'arn:aws:chime:us-east-1:${AWS::AccountId}:app-instance/a'\n"
        "  Role:\n    Type: AWS::IAM::Role\n    Properties:\n"
        "      AssumeRolePolicyDocument: {}\n      Policies:\n        - PolicyName: chat\n"
        "          PolicyDocument:\n            Version: '2012-10-17'\n"
        "            Statement: [{Effect: Allow, Action: 'chime:SendChannelMessage', "
        "Resource: '*'}]\n"
    )
    window.dialogs.choice = 1
    assert window.open_path(str(path))
    ((_, _, items),) = window.dialogs.asked("choose")
    assert items == ("Users (AWS::IAM::ManagedPolicy)", "Role › chat (AWS::IAM::Role)")
    assert window.document.state.actions == {"SendChannelMessage"}
    assert "from stack.yaml" in window.windowTitle()


def test_drag_and_drop_opens_the_file(window, broken: Path) -> None:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(broken))])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    assert window.files.path == str(broken.resolve())


def test_geometry_and_recent_files_persist(window, settings, broken: Path, qtbot) -> None:
    from editor.ui.main_window import MainWindow

    window.open_path(str(broken))
    window.resize(780, 560)  # within the offscreen screen (800x600), above the minimum
    window.close()
    again = MainWindow(settings, window.dialogs)
    qtbot.addWidget(again)
    assert again.files.recent() == [str(broken.resolve())]
    assert [a.text() for a in again.recent_menu.actions()] == [str(broken.resolve())]
    assert again.size().width() == 780


def test_command_line_argument_opens_the_file(qtbot, broken: Path, monkeypatch) -> None:
    from PySide6.QtWidgets import QApplication

    from editor import app

    shown = {}

    def fake_exec() -> int:
        (window,) = [
            w for w in QApplication.topLevelWidgets() if w.objectName() == "main" and w.isVisible()
        ]
        shown["title"] = window.windowTitle()
        window.document.mark_saved()
        window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", staticmethod(fake_exec))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(broken.parent))
    assert app.main([str(broken)]) == 0
    assert shown["title"].startswith("full-user.json")


def test_export_refuses_while_placeholders_remain_unless_a_template(window, tmp_path) -> None:
    window.files.new("websocket-connect")
    assert not window.export_menu.export_to_file(*_terraform())
    ((title, text),) = window.dialogs.asked("error")
    assert title == "Not exported" and "placeholder" in text
    window.export_menu.template.setChecked(True)
    window.dialogs.save_answer = str(tmp_path / "p.tf")
    assert window.export_menu.export_to_file(*_terraform())
    assert 'resource "aws_iam_policy"' in (tmp_path / "p.tf").read_text()


def test_copy_json(window, qtbot) -> None:
    from PySide6.QtGui import QGuiApplication

    window.files.new("websocket-connect")
    for name, value in (
        ("region", "us-east-1"),
        ("account_id", "123456789012"),
        ("app_instance_id", "a"),
        ("user_id", "u"),
    ):
        window.document.set_field(name, value)
    assert window.export_menu.copy_json()
    assert json.loads(QGuiApplication.clipboard().text())["Statement"]


def _terraform():
    from editor.core.export.formats import Format

    return Format.TERRAFORM, "Terraform (*.tf)", ".tf"


def test_environment_is_offscreen() -> None:
    assert os.environ["QT_QPA_PLATFORM"] == "offscreen"
