"""The JSON pane's line numbers, each in the colour of its line's worst finding."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QPainter, QPalette, QPen
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from editor.ui.theme import Colours, colours

# Room for four digits from the start: a policy of up to 9,999 lines (about 0.3 MB) opens
# without the gutter widening, which lays the editor's frame, viewport and scroll bars out
# again before the first paint. (VS Code keeps room for five: editor.lineNumbersMinChars.)
MIN_DIGITS = 4
# Qt.AlignmentFlag.AlignRight, as drawText takes its flags (an int): naming the enum before
# the first paint would have PySide build Qt's whole namespace (see main_window.py).
ALIGN_RIGHT = 0x0002

if TYPE_CHECKING:
    from PySide6.QtGui import QColor, QPaintEvent

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
        # Its background and its plain numbers' colour are its palette's: Qt fills it, and
        # its background being opaque, the panes under it need not paint first (they did, at
        # every keystroke); the painter starts with that pen. Painted from Python, with
        # fillRect and setPen, it had PySide build Qt's whole namespace of enums in the
        # window's first paint (see main_window.py): findings' colours come after it.
        self.setAutoFillBackground(True)
        self._scheme: Colours | None = None
        self._follow_scheme(colours(editor.palette()))

    def _follow_scheme(self, scheme: Colours) -> None:
        self._scheme = scheme
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, scheme.line_numbers_bg)
        palette.setColor(QPalette.ColorRole.WindowText, scheme.line_numbers)
        self.setPalette(palette)

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
        if scheme is not self._scheme:  # the system switched light/dark: filled again
            self._follow_scheme(scheme)
            self.update()
            return
        worst = self.worst_by_line()
        painter = QPainter(self)  # its pen: the plain numbers' colour (see __init__)
        plain = painter.pen()
        colour: QColor | None = None  # the pen's, when not the plain one
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
                wanted = scheme.severity(flagged.severity) if flagged else None
                if wanted is not colour:  # no pen set while all are plain (see __init__)
                    painter.setPen(QPen(wanted) if wanted is not None else plain)
                    colour = wanted
                painter.drawText(0, round(geometry.top()), width, height, ALIGN_RIGHT, str(line))
            block = block.next()
        painter.end()
