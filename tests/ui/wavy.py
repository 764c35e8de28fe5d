"""What a user sees of the findings in the JSON pane: the characters with a wavy underline.

A coloured text carries its underlines in its lines' colours; one too long for colours shows
them as extra selections. Both are read here, so tests hold whichever way they are drawn."""

from __future__ import annotations

from PySide6.QtGui import QTextCharFormat

WAVE = QTextCharFormat.UnderlineStyle.WaveUnderline


def wavy_positions(editor) -> set[int]:
    """The Qt positions of every character shown with a wavy underline."""
    found: set[int] = set()
    for selection in editor.extraSelections():
        if selection.format.underlineStyle() == WAVE:
            cursor = selection.cursor
            found.update(range(cursor.selectionStart(), cursor.selectionEnd()))
    block = editor.document().begin()
    while block.isValid():
        for piece in block.layout().formats():
            if piece.format.underlineStyle() == WAVE:
                start = block.position() + piece.start
                found.update(range(start, start + piece.length))
        block = block.next()
    return found


def wavy_runs(editor) -> list[tuple[int, int]]:
    """Each run of consecutive underlined characters, as (start, end) in Qt positions."""
    runs: list[tuple[int, int]] = []
    for position in sorted(wavy_positions(editor)):
        if runs and runs[-1][1] == position:
            runs[-1] = (runs[-1][0], position + 1)
        else:
            runs.append((position, position + 1))
    return runs


def wavy_texts(editor) -> list[str]:
    """The text of each underlined run, as the user reads it."""
    text = editor.toPlainText()
    # Qt positions count a character past U+FFFF twice: map them to the text's own.
    index: list[int] = []
    for offset, char in enumerate(text):
        index.extend([offset] * (2 if ord(char) > 0xFFFF else 1))
    index.append(len(text))
    return [text[index[start] : index[end]] for start, end in wavy_runs(editor)]
