"""The window names an exported policy as the command line does: one default name, kept
from one place; a file's name gives its policy's name with its capitals kept."""

import json
from pathlib import Path

import pytest

from editor.cli.main import main
from tests.conftest import seed_examples

POLICY = seed_examples()[3]  # AWS's WebSocket-connect example


def cli_export_name(path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["export", "--to", "cloudformation-json", "--template", str(path)]) == 0
    (name,) = json.loads(capsys.readouterr().out)["Resources"]
    return name


def test_an_untitled_policy_is_exported_under_the_command_lines_name(
    window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.chdir(tmp_path)
    window.editor.setPlainText(POLICY)
    window.export_menu.template.setChecked(True)  # the seed keeps its placeholders
    window.dialogs.save_answer = str(tmp_path / "out.json")
    window.export_menu.actions["cloudformation-json"].trigger()
    ((suggested,),) = window.dialogs.asked("save_path")
    (name,) = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["Resources"]
    source = tmp_path / "policy.json"
    source.write_text(POLICY, encoding="utf-8")
    assert name == Path(suggested).stem == cli_export_name(source, capsys) == "ChimeMessagingPolicy"


@pytest.mark.parametrize(
    ("file", "name"),
    [
        ("ChimeMessagingPolicy.json", "ChimeMessagingPolicy"),
        ("full-user.json", "FullUser"),
        ("app_instance admin.json", "AppInstanceAdmin"),
    ],
)
def test_a_files_name_gives_its_policys_name(window, tmp_path: Path, file: str, name: str) -> None:
    path = tmp_path / file
    path.write_text(POLICY, encoding="utf-8")
    assert window.open_path(str(path))
    window.export_menu.template.setChecked(True)
    window.export_menu.actions["terraform"].trigger()
    ((suggested,),) = window.dialogs.asked("save_path")
    assert Path(suggested).name == f"{name}.tf"
