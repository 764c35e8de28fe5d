"""An AWS CLI export opened in the window: the policy inside it is shown and checked (not a
wall of JSON errors about `aws iam create-policy`), a tick edits it, and Ctrl+S writes it back
into the command, which bash still runs with the new document."""

import json
from pathlib import Path

from PySide6.QtCore import Qt

from editor.cli.main import main
from tests.core.export.test_shell_policies import documents
from tests.ui.test_caller_target import tick

SOURCE = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "AliceSends",
            "Effect": "Allow",
            "Action": ["chime:SendChannelMessage"],
            "Resource": [
                "arn:aws:chime:us-east-1:111122223333:app-instance/app-1/user/alice",
                "arn:aws:chime:us-east-1:111122223333:app-instance/app-1/channel/*",
            ],
        }
    ],
}


def test_an_exported_command_opens_ticks_and_saves(window, qtbot, tmp_path: Path) -> None:
    source = tmp_path / "policy.json"
    source.write_text(json.dumps(SOURCE, indent=2), encoding="utf-8")
    script = tmp_path / "create-policy.sh"
    assert main(["export", "--to", "aws-cli", "-o", str(script), str(source)]) == 0
    window.show()
    assert window.open_path(str(script))
    qtbot.waitUntil(lambda: window.document.state.synced)
    assert json.loads(window.editor.toPlainText()) == SOURCE
    assert not [f for f in window.problems.model.findings if f.code.startswith("json/")]
    assert "create-policy" in window.windowTitle()
    tick(window, qtbot, "Minimal user", "ListChannelMessages")
    qtbot.keyClick(window.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not window.isWindowModified()
    (saved,) = documents(script)
    assert "chime:ListChannelMessages" in saved["Statement"][0]["Action"]
    assert saved["Statement"][0]["Sid"] == "AliceSends"
    assert script.read_text(encoding="utf-8").startswith(
        "aws iam create-policy --policy-name ChimeMessagingPolicy --policy-document '{"
    )
