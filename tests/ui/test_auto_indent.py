"""Enter in the JSON pane: the new line starts where the policy's structure puts it. A table
of what Enter inserts, then real keys typed into the editor."""

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from editor.ui.auto_indent import indent_step, new_line
from editor.ui.json_editor import JsonEditor

FOUR = '{\n    "Version": "2012-10-17"\n}\n'
TWO = '{\n  "Version": "2012-10-17"\n}\n'
TABS = '{\n\t"Version": "2012-10-17"\n}\n'


@pytest.mark.parametrize(
    ("before_cursor", "text", "inserted"),
    [
        ('    "Effect": "Allow",', FOUR, "\n    "),  # the line's own indentation
        ('    "Statement": [', FOUR, "\n        "),  # one step deeper after [
        ("  {", TWO, "\n    "),  # the file's step is two spaces
        ("\t{", TABS, "\n\t\t"),  # or a tab
        ("{", "{", "\n    "),  # nothing indented yet: four spaces
        ('    "Action": [  ', FOUR, "\n        "),  # spaces after the [ do not matter
        ("", FOUR, "\n"),  # at the start of a line
        ('        "chime:Connect"', FOUR, "\n        "),
    ],
)
def test_what_enter_inserts(before_cursor: str, text: str, inserted: str) -> None:
    assert new_line(before_cursor, text) == inserted


def test_the_step_is_read_from_the_first_indented_line_only() -> None:
    late = "{\n" * 60 + "  x"  # the 61st line: past the lines looked at
    assert indent_step(late) == "    "
    assert indent_step('{\n\n      "a": 1\n}') == "      "


@pytest.fixture
def editor(qtbot) -> JsonEditor:
    widget = JsonEditor()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_a_statement_typed_line_by_line_needs_no_spaces(editor, qtbot) -> None:
    editor.set_text('{\n    "Version": "2012-10-17",\n    "Statement": [')
    editor.moveCursor(QTextCursor.MoveOperation.End)
    for line in ["{", '"Effect": "Allow",', '"Action": "chime:Connect",', '"Resource": "*"']:
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        qtbot.keyClicks(editor, line)
    text = editor.toPlainText()
    assert text.endswith(
        '    "Statement": [\n        {\n            "Effect": "Allow",\n'
        '            "Action": "chime:Connect",\n            "Resource": "*"'
    )
    closed = text + "\n}]}"
    assert json.loads(closed)["Statement"][0]["Action"] == "chime:Connect"


def test_shift_enter_is_a_new_line_too_never_a_line_separator(editor, qtbot) -> None:
    editor.set_text('{\n    "Version": "2012-10-17",')
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert editor.toPlainText() == '{\n    "Version": "2012-10-17",\n    '
    assert "\u2028" not in editor.document().toRawText()
