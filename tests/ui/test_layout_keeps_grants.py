"""A layout change never takes a grant away (audit D12: "Least privilege" and "AWS example" on
an opened policy dropped SendChannelMessage and ListChannels and narrowed `channel/*` to the
channel a Deny names). The combo is driven by the keyboard as a user would; the real
`chime-policy diff` is the check of what a rewrite that is made keeps."""

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from editor.cli.main import main

A1 = "arn:aws:chime:us-east-1:111122223333:app-instance/app1"
ALLOW = {
    "Effect": "Allow",
    "Action": ["chime:SendChannelMessage", "chime:DeleteChannelMessage", "chime:ListChannels"],
    "Resource": [f"{A1}/channel/*", f"{A1}/user/${{aws:username}}"],
}
DENY_C1 = {"Effect": "Deny", "Action": "chime:DeleteChannelMessage", "Resource": f"{A1}/channel/c1"}
DENY_OUTSIDE = {"Effect": "Deny", "NotAction": "chime:List*", "NotResource": f"{A1}/*"}
OPEN = {
    "Effect": "Allow",
    "NotAction": ["chime:Delete*", "iam:*"],
    "Resource": f"{A1}/channel/open",
}
NS = [ALLOW, DENY_C1, DENY_OUTSIDE, OPEN]  # the audit's ns.json
NS2 = [ALLOW, DENY_C1, DENY_OUTSIDE]  # ns2.json: the Deny named c1, the rewrite narrowed to it


def _open(window, tmp_path: Path, statements: list[dict]) -> tuple[Path, str]:
    path = tmp_path / "ns.json"
    text = json.dumps({"Version": "2012-10-17", "Statement": statements}, indent=4)
    path.write_text(text, encoding="utf-8")
    assert window.open_path(str(path))
    return path, text


def _choose(window, qtbot, key: Qt.Key) -> None:
    window.layout_combo.setFocus()
    qtbot.keyClick(window.layout_combo, key)  # Down: Least privilege; End: AWS example


@pytest.mark.parametrize(
    ("key", "what"), [(Qt.Key.Key_Down, "least privilege"), (Qt.Key.Key_End, "AWS example")]
)
def test_a_layout_that_would_lose_grants_is_refused(window, qtbot, tmp_path, key, what):
    _, text = _open(window, tmp_path, NS)
    _choose(window, qtbot, key)
    assert window.document.state.text == text
    assert not window.dialogs.asked("preview")
    banner = window.banner.text()
    assert window.banner.isVisible()
    assert banner.startswith(f"Not rewritten as {what}: it would no longer allow ")
    assert "chime:SendChannelMessage on" in banner
    assert window.layout_combo.currentText() == "As written"


def test_a_layout_that_keeps_the_grants_is_made_and_diff_agrees(window, qtbot, tmp_path, capsys):
    _, text = _open(window, tmp_path, NS2)
    _choose(window, qtbot, Qt.Key.Key_Down)
    after = window.document.state.text
    assert after != text and window.dialogs.asked("preview")
    assert "/channel/c1" not in json.dumps(json.loads(after)["Statement"][0])  # not narrowed
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    old.write_text(text, encoding="utf-8")
    new.write_text(after, encoding="utf-8")
    assert main(["diff", str(old), str(new)]) == 0
    assert capsys.readouterr().out == "no change in what the policy allows\n"
