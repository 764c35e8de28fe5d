"""The JSON pane: a code editor with line numbers, colours, and each finding underlined at its
exact range with the message on hover."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFontDatabase,
    QHelpEvent,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPen,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
)
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip, QWidget

if TYPE_CHECKING:  # annotations only: each Qt class costs start-up time when first named
    from PySide6.QtGui import QPaintEvent, QResizeEvent

from editor.core.text.findings import Finding
from editor.ui.highlighter import JsonHighlighter
from editor.ui.theme import colours


class LineNumbers(QWidget):
    def __init__(self, editor: JsonEditor) -> None:
        super().__init__(editor)
        self.editor = editor

    def sizeHint(self) -> QSize:
        return QSize(self.editor.gutter_width(), 0)

    def paintEvent(self, event: QPaintEvent) -> None:
        self.editor.paint_line_numbers(event)


def qt_offset(text: str, offset: int) -> int:
    """Python offsets count code points; Qt counts UTF-16 units (astral characters are two)."""
    if text.isascii():
        return offset
    return offset + sum(1 for c in text[:offset] if ord(c) > 0xFFFF)


def py_offset(text: str, position: int) -> int:
    if text.isascii():
        return position
    units = 0
    for index, char in enumerate(text):
        if units >= position:
            return index
        units += 2 if ord(char) > 0xFFFF else 1
    return len(text)


def _common_prefix(a: str, b: str) -> int:
    """Length of the common start of two texts; slices compare in C, so bisect on them."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[:middle] == b[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


class JsonEditor(QPlainTextEdit):
    edited = Signal(str)  # the whole text, after each change the user makes

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.setFont(font)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.setTabChangesFocus(True)  # keyboard users can leave the pane; JSON needs no tabs
        self.setAccessibleName("Policy JSON")
        self.setUndoRedoEnabled(False)  # the document's undo stack covers typing too
        self.findings: tuple[Finding, ...] = ()
        self.marked: tuple[int, int] = (0, 0)  # a range shown with a background (access check)
        self.gutter = LineNumbers(self)
        self.highlighter = JsonHighlighter(self.document())
        self.blockCountChanged.connect(self._update_gutter_width)
        self.updateRequest.connect(self._update_gutter)
        self.cursorPositionChanged.connect(self._refresh_selections)
        self.textChanged.connect(self._on_text_changed)
        self._programmatic = False
        self._update_gutter_width()

    # -- text in and out ------------------------------------------------------------------

    def set_text(self, text: str) -> None:
        """Show `text`, changing only what differs so the view keeps its place."""
        current = self.toPlainText()
        if current == text:
            return
        prefix = _common_prefix(current, text)
        suffix = _common_prefix(current[prefix:][::-1], text[prefix:][::-1])
        cursor = QTextCursor(self.document())
        cursor.setPosition(qt_offset(current, prefix))
        cursor.setPosition(
            qt_offset(current, len(current) - suffix), QTextCursor.MoveMode.KeepAnchor
        )
        self._programmatic = True
        try:
            cursor.insertText(text[prefix : len(text) - suffix])
        finally:
            self._programmatic = False

    def _on_text_changed(self) -> None:
        if not self._programmatic:
            self.edited.emit(self.toPlainText())

    def jump_to(self, line: int, column: int) -> None:
        block = self.document().findBlockByNumber(line - 1)
        cursor = QTextCursor(block)
        text = block.text()
        cursor.setPosition(block.position() + qt_offset(text, min(column - 1, len(text))))
        self.setTextCursor(cursor)
        self.centerCursor()
        self.setFocus()

    # -- findings -------------------------------------------------------------------------

    def show_findings(self, findings: tuple[Finding, ...]) -> None:
        self.findings = findings
        self._refresh_selections()

    def _span(self, text: str, finding: Finding) -> tuple[int, int]:
        start, end = finding.start, finding.end
        if end == start:  # an insertion point (a missing comma): mark the character before
            start = max(0, start - 1)
            end = start + 1
        # Findings may lag a keystroke behind the text: keep their range inside it.
        last = max(0, self.document().characterCount() - 1)
        return min(qt_offset(text, start), last), min(qt_offset(text, min(end, len(text))), last)

    def mark(self, start: int, end: int) -> None:
        """Show text[start:end] with a background (start == end: no mark)."""
        self.marked = (start, end)
        self._refresh_selections()

    def _refresh_selections(self) -> None:
        scheme = colours(self.palette())
        selections = []
        text = self.toPlainText()
        start, end = self.marked
        if start < end <= len(text):
            marked = QTextEdit.ExtraSelection()
            marked.format.setBackground(scheme.marked)
            marked.cursor = QTextCursor(self.document())
            marked.cursor.setPosition(qt_offset(text, start))
            marked.cursor.setPosition(qt_offset(text, end), QTextCursor.MoveMode.KeepAnchor)
            selections.append(marked)
        line = QTextEdit.ExtraSelection()
        line.format.setBackground(scheme.current_line)
        line.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
        line.cursor = self.textCursor()
        line.cursor.clearSelection()
        selections.append(line)
        for finding in self.findings:
            start, end = self._span(text, finding)
            mark = QTextEdit.ExtraSelection()
            mark.format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            mark.format.setUnderlineColor(scheme.severity(finding.severity))
            mark.cursor = QTextCursor(self.document())
            mark.cursor.setPosition(start)
            mark.cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            selections.append(mark)
        self.setExtraSelections(selections)

    def findings_at(self, offset: int) -> list[Finding]:
        """Findings whose marked range holds the character at `offset`."""
        text = self.toPlainText()
        position = qt_offset(text, offset)
        found = []
        for finding in self.findings:
            start, end = self._span(text, finding)
            if start <= position < end:
                found.append(finding)
        return found

    def event(self, event: QEvent) -> bool:
        keys = QKeySequence.StandardKey
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and (event.matches(keys.Undo) or event.matches(keys.Redo))
        ):
            event.ignore()  # leave Ctrl+Z to the window: one undo history for everything
            return False
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            position = self.cursorForPosition(event.pos()).position()
            found = self.findings_at(py_offset(self.toPlainText(), position))
            if found:
                tip = "\n".join(f"{f.severity.value}: {f.message} [{f.code}]" for f in found)
                QToolTip.showText(event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
            return True
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self.highlighter.set_colours(colours(self.palette()))
            self._refresh_selections()
        return super().event(event)

    # -- gutter ---------------------------------------------------------------------------

    def gutter_width(self) -> int:
        digits = max(3, len(str(self.blockCount())))
        return 12 + self.fontMetrics().horizontalAdvance("9") * digits

    def _update_gutter_width(self, _: int = 0) -> None:
        self.setViewportMargins(self.gutter_width(), 0, 0, 0)

    def _update_gutter(self, rect: QRect, dy: int) -> None:
        if dy:
            self.gutter.scroll(0, dy)
        else:
            self.gutter.update(0, rect.y(), self.gutter.width(), rect.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        area = self.contentsRect()
        self.gutter.setGeometry(QRect(area.left(), area.top(), self.gutter_width(), area.height()))

    def paint_line_numbers(self, event: QPaintEvent) -> None:
        scheme = colours(self.palette())
        worst: dict[int, Finding] = {}
        for finding in self.findings:
            if (
                finding.line not in worst
                or finding.severity.rank > worst[finding.line].severity.rank
            ):
                worst[finding.line] = finding
        plain = QPen(QColor(scheme.line_numbers))
        painter = QPainter(self.gutter)
        painter.fillRect(event.rect(), QColor(scheme.line_numbers_bg))
        width, height = self.gutter.width() - 6, self.fontMetrics().height()
        block = self.firstVisibleBlock()
        offset = self.contentOffset()
        while block.isValid():
            geometry = self.blockBoundingGeometry(block).translated(offset)
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
