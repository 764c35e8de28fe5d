"""Find and replace under the JSON editor.

The bar reads the document's text and the editor's selection; every replacement is an edit
through the document (one undo step each, one for Replace all), never a change to the widget.
Matching is literal (editor.core.text.search): what the user types is never a pattern.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QWidget,
)

from editor.core.text import search
from editor.core.text.findings import TextEdit
from editor.ui.json_editor import JsonEditor
from editor.ui.text_copy import py_offset, qt_offset
from editor.ui.theme import colours

if TYPE_CHECKING:
    from PySide6.QtGui import QKeyEvent

    from editor.ui.document import Document

NO_MATCH = "No match"
WRAPPED = "Wrapped around"


class FindBar(QWidget):
    def __init__(self, editor: JsonEditor, document: Document, parent: QWidget | None = None):
        super().__init__(parent)
        self.editor, self.document = editor, document
        self.find_field = QLineEdit(self)
        self.find_field.setPlaceholderText("Find in the policy")
        self.find_field.setAccessibleName("Find")
        self.find_field.setClearButtonEnabled(True)
        self.replace_field = QLineEdit(self)
        self.replace_field.setPlaceholderText("Replace with")
        self.replace_field.setAccessibleName("Replace with")
        self.case_box = QCheckBox("&Match case", self)
        self.previous_button = QPushButton("Previous", self)
        self.previous_button.setToolTip("Find the previous match (Shift+F3, Shift+Enter)")
        self.next_button = QPushButton("Next", self)
        self.next_button.setToolTip("Find the next match (F3, Enter)")
        self.replace_button = QPushButton("Replace", self)
        self.replace_button.setToolTip("Replace this match and find the next (Enter)")
        self.replace_all_button = QPushButton("Replace all", self)
        self.replace_all_button.setToolTip("Replace every match, as one undoable step")
        self.status = QLabel(self)
        self.status.setAccessibleName("Find status")
        self.status.setMinimumWidth(self.fontMetrics().horizontalAdvance(WRAPPED) + 8)
        close = QToolButton(self)
        close.setText("✕")
        close.setAutoRaise(True)
        close.setAccessibleName("Close find")
        close.setToolTip("Close (Escape)")
        self.replace_label = QLabel("Replace:", self)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 2, 0, 0)
        grid.addWidget(QLabel("Find:", self), 0, 0)
        grid.addWidget(self.find_field, 0, 1)
        grid.addWidget(self.previous_button, 0, 2)
        grid.addWidget(self.next_button, 0, 3)
        grid.addWidget(self.case_box, 0, 4)
        grid.addWidget(self.status, 0, 5)
        grid.addWidget(close, 0, 6)
        grid.addWidget(self.replace_label, 1, 0)
        grid.addWidget(self.replace_field, 1, 1)
        grid.addWidget(self.replace_button, 1, 2)
        grid.addWidget(self.replace_all_button, 1, 3)
        grid.setColumnStretch(1, 1)
        self.setTabOrder(self.find_field, self.replace_field)
        self.find_field.textEdited.connect(lambda _: self.find_next(incremental=True))
        self.find_field.returnPressed.connect(self.find_next)
        self.find_field.installEventFilter(self)  # Shift+Enter
        self.replace_field.returnPressed.connect(self.replace)
        self.case_box.toggled.connect(lambda _: self.find_next(incremental=True))
        self.previous_button.clicked.connect(self.find_previous)
        self.next_button.clicked.connect(self.find_next)
        self.replace_button.clicked.connect(self.replace)
        self.replace_all_button.clicked.connect(self.replace_all)
        close.clicked.connect(self.close_bar)
        self.hide()

    # -- showing --------------------------------------------------------------------------

    def open(self, replace: bool = False) -> None:
        """Show the bar (with the replace row for Ctrl+H), seeded with the selected text."""
        selected = self.editor.textCursor().selectedText()
        if selected and "\u2029" not in selected:  # a selection within one line
            self.find_field.setText(selected)
        for widget in (self.replace_label, self.replace_field, self.replace_button):
            widget.setVisible(replace)
        self.replace_all_button.setVisible(replace)
        self.show()
        self.find_field.setFocus()
        self.find_field.selectAll()
        self._say("")

    def close_bar(self) -> None:
        self.hide()
        self.editor.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Shift+Enter in the find field finds the previous match (Enter, the next)."""
        if (
            watched is self.find_field
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)  # type: ignore[attr-defined]
            and event.modifiers() & Qt.KeyboardModifier.ShiftModifier  # type: ignore[attr-defined]
        ):
            self.find_previous()
            return True
        return super().eventFilter(watched, event)

    # -- finding --------------------------------------------------------------------------

    @property
    def needle(self) -> str:
        return self.find_field.text()

    @property
    def case_sensitive(self) -> bool:
        return self.case_box.isChecked()

    def _selection(self) -> tuple[int, int]:
        """The editor's selection as offsets into the document's text."""
        cursor, text = self.editor.textCursor(), self.document.state.text
        return py_offset(text, cursor.selectionStart()), py_offset(text, cursor.selectionEnd())

    def find_next(self, incremental: bool = False) -> bool:
        """Select the next match. Typing in the field searches again from the current match,
        so it grows as you type instead of jumping ahead."""
        start, end = self._selection()
        return self._go(start if incremental else end, backward=False)

    def next_or_open(self) -> bool:
        """F3: the next match, or the bar itself when there is nothing to find yet."""
        if self.isVisible() or self.needle:
            return self.find_next()
        self.open(replace=False)
        return False

    def find_previous(self) -> bool:
        return self._go(self._selection()[0], backward=True)

    def _go(self, start: int, backward: bool) -> bool:
        if not self.needle:
            self._say("")
            return False
        text = self.document.state.text
        match = search.find(
            text, self.needle, start, backward=backward, case_sensitive=self.case_sensitive
        )
        if match is None:
            self._say(NO_MATCH, error=True)
            return False
        self._select(match.start, match.end)
        self._say(WRAPPED if match.wrapped else "")
        return True

    def _select(self, start: int, end: int) -> None:
        text = self.editor.toPlainText()
        cursor = QTextCursor(self.editor.document())
        cursor.setPosition(qt_offset(text, start))
        cursor.setPosition(qt_offset(text, end), QTextCursor.MoveMode.KeepAnchor)
        self.editor.setTextCursor(cursor)
        self.editor.ensureCursorVisible()

    def _say(self, message: str, error: bool = False) -> None:
        self.status.setText(message)
        scheme = colours(self.palette())
        self.status.setStyleSheet(f"color: {scheme.error.name()};" if error else "")
        # A field with no match is marked, as browsers and editors do.
        self.find_field.setStyleSheet(
            f"border: 1px solid {scheme.error.name()};" if error and self.needle else ""
        )

    # -- replacing ------------------------------------------------------------------------

    def replace(self) -> bool:
        """Replace the selected match (if it is one), then select the next match."""
        if not self.needle:
            return False
        start, end = self._selection()
        text = self.document.state.text
        if search.matches_at(text, self.needle, start, end, case_sensitive=self.case_sensitive):
            replacement = self.replace_field.text()
            self.document.apply_edits([TextEdit(start, end, replacement)], "Replace")
            after = start + len(replacement)
            self._select(after, after)
        return self.find_next()

    def replace_all(self) -> int:
        text = self.document.state.text
        edits = search.replace_all_edits(
            text, self.needle, self.replace_field.text(), case_sensitive=self.case_sensitive
        )
        if not edits:
            self._say(NO_MATCH, error=bool(self.needle))
            return 0
        self.document.apply_edits(edits, f"Replace all ({len(edits)})")
        self._say(f"Replaced {len(edits)}")
        return len(edits)
