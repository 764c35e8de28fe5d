"""The JSON pane's line numbers, each in the colour of its line's worst finding."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from editor.ui.theme import colours

# Room for four digits from the start: a policy of up to 9,999 lines (about 0.3 MB) opens
# without the gutter widening, which lays the editor's frame, viewport and scroll bars out
# again before the first paint. (VS Code keeps room for five: editor.lineNumbersMinChars.)
MIN_DIGITS = 4

if TYPE_CHECKING:
    from PySide6.QtGui import QPaintEvent

    from editor.core.text.findings import Finding


class LineNumbers(QWidget):
    def __init__(
        self, editor: QPlainTextEdit, worst_by_line: Callable[[], dict[int, Finding]]
    ) -> None:
        """`worst_by_line`: line number -> its worst finding, for the lines shown."""
        super().__init__(editor)
        self.editor = editor
        self.worst_by_line = worst_by_line
        self._lines = 1  # the line count the numbers were last painted for
        # It paints every pixel of what it is asked to: the window and panes under it need
        # not paint first (they did, at every keystroke).
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def width_needed(self) -> int:
        digits = max(MIN_DIGITS, len(str(self.editor.blockCount())))
        return 12 + self.editor.fontMetrics().horizontalAdvance("9") * digits

    def sizeHint(self) -> QSize:
        return QSize(self.width_needed(), 0)

    def follow(self, rect: QRect, dy: int) -> None:
        """Scroll with the text, and repaint when the lines move: not for a change within one
        line (a keystroke), which leaves every number where it was (their colours follow the
        findings: the editor repaints them when those change)."""
        lines = self.editor.blockCount()
        if dy:
            self.scroll(0, dy)
        elif rect.contains(self.editor.viewport().rect()) or lines != self._lines:
            self._lines = lines
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        editor = self.editor
        scheme = colours(editor.palette())
        worst = self.worst_by_line()
        plain = QPen(QColor(scheme.line_numbers))
        painter = QPainter(self)
        painter.fillRect(event.rect(), QColor(scheme.line_numbers_bg))
        width, height = self.width() - 6, editor.fontMetrics().height()
        block = editor.firstVisibleBlock()
        offset = editor.contentOffset()
        while block.isValid():
            geometry = editor.blockBoundingGeometry(block).translated(offset)
            if geometry.top() > event.rect().bottom():
                break
            if geometry.bottom() >= event.rect().top():
                line = block.blockNumber() + 1
                flagged = worst.get(line)
                painter.setPen(
                    QPen(QColor(scheme.severity(flagged.severity))) if flagged else plain
                )
                painter.drawText(
                    0, round(geometry.top()), width, height, Qt.AlignmentFlag.AlignRight, str(line)
                )
            block = block.next()
        painter.end()
