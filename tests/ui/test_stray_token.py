"""The walkthrough that kept issue 11 open, through the real window: a stray `abc` after a value
is one error at its line and column, no policy/missing-resource follows, and the Fix all button
gives text json.loads accepts with the statement's grant (it used to write `"abc":` and
`"Resource",:`). A stray word Fix all cannot repair safely leaves the text as it is, and says so.
"""

import json
from pathlib import Path

from PySide6.QtCore import Qt

WALKTHROUGH = """{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": "chime:SendChannelMessage",abc
            "Resource": "*"
        }
    ]
}
"""


def _open(window, tmp_path: Path, text: str) -> None:
    path = tmp_path / "policy.json"
    path.write_text(text, encoding="utf-8")
    assert window.open_path(str(path))


def shown_rows(window) -> list[tuple[str, str, str]]:
    """(severity mark, line:column, code) of each row, as the Problems list shows them."""
    model = window.problems.model
    return [
        tuple(model.data(model.index(row, column)) for column in range(3))
        for row in range(model.rowCount())
    ]


def test_one_error_at_the_stray_word_and_fix_all_repairs_it(window, qtbot, tmp_path) -> None:
    _open(window, tmp_path, WALKTHROUGH)
    errors = [f for f in window.problems.model.findings if f.severity.value == "error"]
    assert [(f.code, f.line, f.column) for f in errors] == [("json/stray", 6, 50)]
    rows = shown_rows(window)
    assert ("6:50", "json/stray") in [(where, code) for _, where, code in rows]
    assert all(code != "policy/missing-resource" for *_, code in rows)

    button = window.problems.fix_all_button
    assert button.isEnabled() and button.text().replace("&", "") == "Fix all (1)"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=button.rect().center())
    ((title, before, after),) = window.dialogs.asked("preview")
    assert title == "Fix all (1 problem)" and before == WALKTHROUGH
    text = window.editor.toPlainText()
    assert text == after
    (statement,) = json.loads(text)["Statement"]  # the standard library's reading
    assert statement == {"Effect": "Allow", "Action": "chime:SendChannelMessage", "Resource": "*"}
    assert "abc" not in text
    assert not any(f.severity.value == "error" for f in window.problems.model.findings)

    qtbot.keyClick(window.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.editor.toPlainText() == WALKTHROUGH  # one undo step


def test_a_stray_word_with_no_safe_fix_is_left_and_fix_all_says_so(window, qtbot, tmp_path) -> None:
    text = WALKTHROUGH.replace(
        '"Action": "chime:SendChannelMessage",abc',
        '"Action": [\n                "chime:SendChannelMessage",\n                abc\n'
        "            ],",
    )
    _open(window, tmp_path, text)
    errors = [f for f in window.problems.model.findings if f.severity.value == "error"]
    assert [(f.code, f.line, f.column) for f in errors] == [("json/unexpected", 8, 17)]
    assert not window.problems.fix_all_button.isEnabled()
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window.editor, Qt.Key.Key_F, ctrl_shift)  # Edit > Fix All
    assert not window.dialogs.asked("preview")
    assert window.status.currentMessage() == "Nothing to fix safely."
    assert window.editor.toPlainText() == text
