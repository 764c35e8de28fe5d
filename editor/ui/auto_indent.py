"""Enter in the JSON pane keeps the line's indentation, one level deeper after `{` or `[`, as
code editors do: a policy is typed line by line, and re-typing the spaces of each line is
what a user of any code editor would not expect to do. The level is the file's own (the
first indented line's spaces or tab), four spaces in a file with none yet."""

from __future__ import annotations

from PySide6.QtGui import QKeyEvent, QTextCursor

_LOOK_AT = 50  # lines read to find the file's indentation step: it shows near the top
_DEFAULT = "    "


def is_enter(event: QKeyEvent) -> bool:
    """Enter or Return, alone or with Shift (or on the keypad)."""
    # Named here, not at import: the editor loads this module before the window's first
    # paint, and naming a Qt enum then costs start-up (see main_window.py).
    from PySide6.QtCore import Qt

    if event.key() not in (int(Qt.Key.Key_Return), int(Qt.Key.Key_Enter)):
        return False
    # Shift+Enter too: Qt would put a Unicode line separator in the JSON.
    ignored = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier
    return event.modifiers() & ~ignored == Qt.KeyboardModifier.NoModifier


def insert_new_line(cursor: QTextCursor, text: str) -> None:
    """The new line, indented from what the cursor's line holds before it, at the cursor."""
    line = QTextCursor(cursor)
    line.setPosition(cursor.selectionStart())
    line.movePosition(QTextCursor.MoveOperation.StartOfBlock, QTextCursor.MoveMode.KeepAnchor)
    cursor.insertText(new_line(line.selectedText(), text))


def indent_step(text: str) -> str:
    """The leading white space of the first indented line among the first lines."""
    start = 0
    for _ in range(_LOOK_AT):
        end = text.find("\n", start)
        line = text[start:] if end < 0 else text[start:end]
        lead = line[: len(line) - len(line.lstrip(" \t"))]
        if lead and line.strip():
            return lead[:8] if lead[0] == " " else "\t"
        if end < 0:
            break
        start = end + 1
    return _DEFAULT


def new_line(before_cursor: str, text: str) -> str:
    """What Enter inserts, given the current line up to the cursor."""
    indent = before_cursor[: len(before_cursor) - len(before_cursor.lstrip(" \t"))]
    if before_cursor.rstrip().endswith(("{", "[")):
        indent += indent_step(text)
    return "\n" + indent
