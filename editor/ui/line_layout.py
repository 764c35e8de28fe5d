"""The editor's text layout: a keystroke within one line lays out and repaints that line only.

Qt's syntax highlighter colours the edited line while the document reports the keystroke, and
marks the whole line as changed; the document merges that into the keystroke's change as a
range that Qt's plain-text layout measures as removed + added characters. Typed in the first
half of a line, that range reached into the next line, and the layout then took its
many-lines path: every visible line repainted, the line numbers too, at each key (4x a bare
editor's keystroke). A change whose new text lies within one line, with the line count
unchanged, is that one line's change: the layout is told so and takes its one-line path (one
layout of the line, with its new colours, and an update of that line's rectangle).
"""

from __future__ import annotations

from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QPlainTextDocumentLayout


class LineLayout(QPlainTextDocumentLayout):
    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._blocks = document.blockCount()  # as of the last change this layout saw
        self._document = document  # called at each keystroke: one call to Qt fewer
        document.setDocumentLayout(self)

    def documentChanged(self, position: int, removed: int, added: int) -> None:
        document = self._document
        blocks = document.blockCount()
        same_lines, self._blocks = blocks == self._blocks, blocks
        if (
            same_lines
            and added
            and removed
            and document.findBlock(position) == document.findBlock(position + added - 1)
        ):
            removed = 0  # the new text is within one line: only that line changed
        super().documentChanged(position, removed, added)
