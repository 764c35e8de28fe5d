"""The JSON pane: a code editor with line numbers, colours, and each finding underlined at its
exact range with the message on hover."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QMimeData, QRect, Signal
from PySide6.QtGui import (
    QColor,
    QFontDatabase,
    QHelpEvent,
    QKeyEvent,
    QKeySequence,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip, QWidget

if TYPE_CHECKING:  # annotations only: each Qt class costs start-up time when first named
    from PySide6.QtGui import QResizeEvent

from editor.core.text.findings import Finding
from editor.ui.auto_indent import insert_new_line, is_enter
from editor.ui.finding_marks import EditLog, Shown
from editor.ui.highlighter import JsonHighlighter
from editor.ui.line_layout import LineLayout
from editor.ui.line_numbers import LineNumbers
from editor.ui.text_copy import TextCopy, common_prefix, py_offset, qt_offset
from editor.ui.theme import colours, solid

# Enter with these held is still Enter: Shift (a line separator otherwise), the keypad's.
# The events `event` handles itself. Each key passes there three times: one look-up in a set
# is quicker than comparing with each (enum comparisons cost microseconds in PySide).
_HANDLED = frozenset(
    {
        QEvent.Type.ShortcutOverride,
        QEvent.Type.ToolTip,
        QEvent.Type.PaletteChange,
        QEvent.Type.ApplicationPaletteChange,
    }
)


FAST_PATH_CHARS = 64_000  # a replacement longer than this goes through setPlainText
MARGIN_BLOCKS = 60  # findings are underlined this many lines above and below the view
COLOUR_LIMIT = 200_000  # characters: a longer text is shown without syntax colours


class JsonEditor(QPlainTextEdit):
    # The whole text after the changes the user made, and whether they start a new undo
    # step: typing elsewhere than where the last key left the cursor, or a paste. The text
    # goes as a Python object: as a QString it was converted there and back at each key (2 ms
    # a key in a 1 MB policy). With `hold_edits` set, keystrokes are held and sent together
    # when `send_edits` is called (the document asks when the typing pauses, and before it
    # reads its text); else each change is sent as it is made.
    edited = Signal(object, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = LineLayout(QTextDocument(self))  # a keystroke repaints its line only
        self.setDocument(self._layout.document())
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.setFont(font)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.setTabChangesFocus(True)  # keyboard users can leave the pane; JSON needs no tabs
        self.setAccessibleName("Policy JSON")
        self.setUndoRedoEnabled(False)  # the document's undo stack covers typing too
        self.shown = Shown.of("", ())  # the findings of the last analysis (the document's)
        self._edits = EditLog()  # the edits made since that analysis
        self.marked: tuple[int, int] = (0, 0)  # a range shown with a background (access check)
        self._marked = (0, -1)  # the block range whose findings are underlined
        self._scheme = colours(self.palette())  # followed at each palette change (see event)
        self._copy = TextCopy(self.document())  # the text as a Python string (see text)
        # Called at each keystroke held instead of sent (see `edited`); None: none are held.
        self.hold_edits: Callable[[], None] | None = None
        self._unsent = False  # changes held, not sent yet
        self._changed = False  # the text changed since the last textChanged (not colours only)
        self._line = -1  # the line of the text cursor, shown with a background
        self._line_cursor = QTextCursor(self.document())  # in the line that has it
        self.gutter = LineNumbers(self, self.worst_by_line)
        # Before the highlighter's: a line recoloured for a keystroke gets its underlines
        # where that keystroke moved them.
        self.document().contentsChange.connect(self._contents_change)
        self.highlighter = JsonHighlighter(self.document())
        self.highlighter.underlines = self._underlines
        self.blockCountChanged.connect(self._update_gutter_width)
        self.updateRequest.connect(self.gutter.follow)
        self.cursorPositionChanged.connect(self._cursor_moved)
        self.textChanged.connect(self._on_text_changed)
        self.verticalScrollBar().valueChanged.connect(self._scrolled)
        self._programmatic = False
        self._whole = False  # within setPlainText (see _replace_whole)
        self._step_end = -1  # where the last typed change ended; -1: the next one is new
        self._new_step = True  # the change being reported starts a new undo step
        self._update_gutter_width()

    # -- text in and out ------------------------------------------------------------------

    def text(self) -> str:
        """The text shown, as the document holds it (no copy out of Qt per call)."""
        return self._copy.text()

    def send_edits(self) -> None:
        """Send the held keystrokes' text (see `edited`) now, if any are held."""
        if self._unsent:
            self._unsent = False
            new_step, self._new_step = self._new_step, False
            self.edited.emit(self.text(), new_step)

    def set_text(self, text: str) -> None:
        """Show `text`, changing only what differs so the view keeps its place. A change of
        most of a big text (opening, a reformat) takes Qt's fast path, setPlainText: inserting
        1 MB through a cursor takes seconds."""
        self._unsent = False  # the document's text replaces what was held
        current = self.text()
        if text is current or current == text:
            return
        prefix = common_prefix(current, text)
        suffix = common_prefix(current[prefix:][::-1], text[prefix:][::-1])
        self._programmatic = True
        try:
            if max(len(text), len(current)) - prefix - suffix > FAST_PATH_CHARS:
                self._replace_whole(text)
            else:
                cursor = QTextCursor(self.document())
                cursor.setPosition(qt_offset(current, prefix))
                cursor.setPosition(
                    qt_offset(current, len(current) - suffix), QTextCursor.MoveMode.KeepAnchor
                )
                cursor.insertText(text[prefix : len(text) - suffix])
        finally:
            self._programmatic = False
        if self.text() != text:  # the edit-by-edit copy disagrees: take Qt's word for it
            self._copy.reread()

    def _replace_whole(self, text: str) -> None:
        """setPlainText, keeping the cursor's offset and the scroll position."""
        position = self.textCursor().position()
        scroll = self.verticalScrollBar().value(), self.horizontalScrollBar().value()
        # Colouring is Python code for each line: the new text is painted first, its visible
        # lines are coloured right after that paint and the rest in slices (highlighter.py).
        # Past COLOUR_LIMIT (20 times IAM's largest quota) it is shown plain, as big-file
        # modes of editors do.
        coloured = len(text) <= COLOUR_LIMIT
        if self.highlighter.document() is not None:
            self.highlighter.setDocument(None)  # it would colour every line, now
        self._whole = True
        try:
            # The findings shown were of the old text, and no edits map them onto this one:
            # none are shown until its own arrive (its lines are coloured without them).
            self.shown, self._edits = Shown.of("", ()), EditLog()
            self._line = -1  # the new text's lines have no background: set it again
            self.setPlainText(text)
        finally:
            self._whole = False
        if text.isascii():
            self._copy.know(text)
        else:
            self._copy.reread()
        cursor = self.textCursor()
        cursor.setPosition(min(position, self.document().characterCount() - 1))
        self.setTextCursor(cursor)
        self.verticalScrollBar().setValue(scroll[0])
        self.horizontalScrollBar().setValue(scroll[1])
        if coloured:
            self.highlighter.defer()
            self.highlighter.setDocument(self.document())

    def _contents_change(self, position: int, removed: int, added: int) -> None:
        """Note where the text changed (the copy catches up when next asked for), and
        whether it was typed where the last key left the cursor."""
        if self._programmatic:
            self._step_end = -1  # an edit from elsewhere ends the typing burst
        if self._whole:
            return  # setPlainText: _replace_whole sets the text itself
        if not self._copy.changed(position, removed, added):
            return  # colours only
        self._changed = True
        self._note_typing(position, removed, added)
        self._edits.record(position, removed, added)

    def _note_typing(self, position: int, removed: int, added: int) -> None:
        """A key continues the burst when it types or deletes where the last one left the
        cursor; a jump elsewhere, or a paste (more than one character), starts a new one."""
        if self._programmatic:
            return
        typed = added <= 1 and removed <= 1
        joined = typed and position <= self._step_end <= position + removed
        self._new_step = self._new_step or not joined
        self._step_end = position + added if added <= 1 else -1

    def _on_text_changed(self) -> None:
        changed, self._changed = self._changed, False
        if self._programmatic or not changed:
            return
        self._unsent = True
        if self.hold_edits is None or self._step_end < 0:
            self.send_edits()  # a paste, a new line: a step of its own, given at once
        else:
            self.hold_edits()

    def insertFromMimeData(self, source: QMimeData) -> None:
        """A paste (or a drop) is an undo step of its own: the keys typed before it go first."""
        self.send_edits()
        super().insertFromMimeData(source)

    def jump_to(self, line: int, column: int) -> None:
        block = self.document().findBlockByNumber(line - 1)
        cursor = QTextCursor(block)
        text = block.text()
        cursor.setPosition(block.position() + qt_offset(text, min(column - 1, len(text))))
        self.setTextCursor(cursor)
        self.centerCursor()
        self.setFocus()

    # -- findings -------------------------------------------------------------------------

    @property
    def findings(self) -> tuple[Finding, ...]:
        return self.shown.findings

    def show_findings(self, findings: tuple[Finding, ...] | Shown) -> None:
        """The findings of the current text (an analysis of an older one is never shown), as
        the analysis worked them out for the views, or as they are (worked out here)."""
        self.shown = findings if isinstance(findings, Shown) else Shown.of(self.text(), findings)
        self._edits = EditLog()
        self._refresh_marks()

    def mark(self, start: int, end: int) -> None:
        """Show text[start:end] with a background (start == end: no mark)."""
        if (start, end) == self.marked:
            return  # unchanged: the underlines are not made again
        self.marked = (start, end)
        self._refresh_marks()

    def _visible_blocks(self) -> tuple[int, int]:
        first = self.firstVisibleBlock().blockNumber()
        lines = self.viewport().height() // max(1, self.fontMetrics().height()) + 1
        return first, first + lines

    def _refresh_marks(self) -> None:
        """Underline the findings of the visible lines and MARGIN_BLOCKS around them: in the
        lines' colours (the highlighter recolours the lines whose underlines changed, and the
        line typed in at each key), or, in a text too long for colours, as extra selections
        (QTextCursors, which Qt moves with the edits)."""
        first, last = self._visible_blocks()
        first, last = max(0, first - MARGIN_BLOCKS), last + MARGIN_BLOCKS
        document = self.document()
        start = document.findBlockByNumber(first).position()
        end_block = document.findBlockByNumber(min(last, document.blockCount() - 1))
        end = end_block.position() + end_block.length()
        scheme = colours(self.palette())
        marks = []
        size = document.characterCount() - 1
        coloured = self.highlighter.document() is not None  # underlines in the colours
        if coloured:
            self.highlighter.refresh_underlines(first, last)
        marked_start, marked_end = self.marked
        text = self.text() if marked_start < marked_end else ""
        if marked_start < marked_end <= len(text):
            background = QTextEdit.ExtraSelection()
            background.format.setBackground(scheme.marked)
            background.cursor = QTextCursor(document)
            background.cursor.setPosition(qt_offset(text, marked_start))
            end_at = qt_offset(text, marked_end)
            background.cursor.setPosition(end_at, QTextCursor.MoveMode.KeepAnchor)
            marks.append(background)
        spans = [] if coloured else self.shown.spans.between(start, end, self._edits)
        for mark_start, mark_end, finding in spans:
            mark = QTextEdit.ExtraSelection()
            mark.format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            mark.format.setUnderlineColor(scheme.severity(finding.severity))
            mark.cursor = QTextCursor(document)
            mark.cursor.setPosition(min(mark_start, size))
            mark.cursor.setPosition(min(mark_end, size), QTextCursor.MoveMode.KeepAnchor)
            marks.append(mark)
        self._marked = (first, last)
        self.setExtraSelections(marks)
        self.gutter.update()  # the line numbers take the colour of their findings

    def _underlines(self, first: int, last: int) -> list[tuple[int, int, QColor]]:
        """The highlighter's underlines of [first, last) of the text now (Qt units), where
        the edits since the analysis moved them; the worst last, to be the one seen."""
        scheme = self._scheme  # once per key: no palette copy
        spans = self.shown.spans.between(first, last, self._edits)
        spans.sort(key=lambda span: span[2].severity.rank)
        return [(start, end, scheme.severity(f.severity)) for start, end, f in spans]

    def worst_by_line(self) -> dict[int, Finding]:
        """Line number -> its worst finding, for the lines shown (the line numbers' colours)."""
        worst: dict[int, Finding] = {}
        document = self.document()
        first, last = self._visible_blocks()
        start = document.findBlockByNumber(first).position()
        end_block = document.findBlockByNumber(min(last, document.blockCount() - 1))
        for position, _, finding in self.shown.spans.between(
            start, end_block.position() + end_block.length(), self._edits
        ):
            line = document.findBlock(position).blockNumber() + 1  # where it is now
            if line not in worst or finding.severity.rank > worst[line].severity.rank:
                worst[line] = finding
        return worst

    def _scrolled(self) -> None:
        first, last = self._visible_blocks()
        self.highlighter.show_lines(first, last)
        if first < self._marked[0] or last > self._marked[1]:
            self._refresh_marks()

    def findings_at(self, offset: int) -> list[Finding]:
        """Findings whose marked range holds the character at `offset` (of the current text)."""
        position = qt_offset(self.text(), offset)
        return [f for _, _, f in self.shown.spans.between(position, position + 1, self._edits)]

    def _cursor_moved(self) -> None:
        cursor = self.textCursor()
        if self._unsent and cursor.position() != self._step_end:
            self.send_edits()  # a jump elsewhere: what was typed is an undo step of its own
        line = cursor.blockNumber()
        if line != self._line:
            self._line = line
            self._show_line(cursor)

    def _show_line(self, cursor: QTextCursor) -> None:
        """The current line's background, as its block's own: Qt paints it with the text. (A
        paintEvent in Python cost each paint 0.04 ms, an extra selection 0.16 ms.) A change of
        format only: `_contents_change` finds the text unchanged."""
        old = self._line_cursor.blockFormat()
        # Not old.background().style(): a Qt.BrushStyle, whose namespace costs start-up.
        if old.hasProperty(QTextFormat.Property.BackgroundBrush):
            old.clearBackground()
            self._line_cursor.setBlockFormat(old)
        self._line_cursor = QTextCursor(cursor.block())
        new = self._line_cursor.blockFormat()
        new.setBackground(solid(self._scheme.current_line))
        self._line_cursor.setBlockFormat(new)

    def createMimeDataFromSelection(self) -> QMimeData:
        """Copy and drag give the text only: no rich text with the current line's colour."""
        data = QMimeData()
        data.setText(self.textCursor().selection().toPlainText())
        return data

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter (Shift+Enter too: Qt would put a line separator in the JSON) starts the new
        line at the indentation the policy's structure gives (see auto_indent)."""
        if is_enter(event):
            if not self.isReadOnly():
                self.send_edits()  # a new line is an undo step of its own
                insert_new_line(self.textCursor(), self.text())
                self.ensureCursorVisible()
            return
        super().keyPressEvent(event)

    def event(self, event: QEvent) -> bool:
        kind = event.type()  # once: each key passes here three times
        if kind not in _HANDLED:
            return super().event(event)
        keys = QKeySequence.StandardKey
        if (
            kind == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and (event.matches(keys.Undo) or event.matches(keys.Redo))
        ):
            event.ignore()  # leave Ctrl+Z to the window: one undo history for everything
            return False
        if kind == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            position = self.cursorForPosition(event.pos()).position()
            found = self.findings_at(py_offset(self.text(), position))
            if found:
                tip = "\n".join(f"{f.severity.value}: {f.message} [{f.code}]" for f in found)
                QToolTip.showText(event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
            return True
        if kind in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._scheme = colours(self.palette())
            self.highlighter.set_colours(self._scheme)
            self._refresh_marks()
            self._show_line(self.textCursor())
        return super().event(event)

    # -- gutter ---------------------------------------------------------------------------

    def _update_gutter_width(self, _: int = 0) -> None:
        width = self.gutter.width_needed()
        if width != self.viewportMargins().left():  # Qt lays the whole area out again
            self.setViewportMargins(width, 0, 0, 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        area = self.contentsRect()
        width = self.gutter.width_needed()
        self.gutter.setGeometry(QRect(area.left(), area.top(), width, area.height()))
        self.highlighter.show_lines(*self._visible_blocks())
