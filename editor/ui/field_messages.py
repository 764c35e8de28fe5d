"""Where the ARN form's messages go without taking layout room: a marker inside each field
(an icon whose tooltip is the message, with a red border for an error) and one message line
under the form, of a fixed height, that reads out the current field's message.

A message under each field came and went with each key (an error while an account ID is
incomplete, a note once it is whole) and moved every row below it: a click aimed at the next
field landed in the gap. Eclipse's dialogs do it this way (field decorations plus one message
area), and so do Qt Creator's wizards: nothing in the form ever moves while one types.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QAction, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

LINES = 3  # the message line's reserved height, in lines of text


@dataclass(frozen=True)
class FieldMessage:
    error: str = ""  # the typed value is not valid (and what the policy keeps meanwhile)
    note: str = ""  # what the document holds: unfilled placeholders, several values ...

    @property
    def text(self) -> str:
        return "\n".join(part for part in (self.error, self.note) if part)


class FieldMark:
    """The marker inside one field: hidden when the field has nothing to say."""

    def __init__(self, edit: QLineEdit) -> None:
        self.edit = edit
        self.action = QAction(edit)
        edit.addAction(self.action, QLineEdit.ActionPosition.TrailingPosition)
        self.action.setVisible(False)
        self.shown = FieldMessage()

    def show(self, message: FieldMessage, error_colour: str) -> None:
        if message == self.shown:
            return
        self.shown = message
        # Imported when a message is first shown: PySide builds QStyle's enums on first use
        # (5 ms), which a launch with nothing to say need not pay before its first paint.
        from PySide6.QtWidgets import QStyle

        style = self.edit.style()
        icon = (
            QStyle.StandardPixmap.SP_MessageBoxCritical
            if message.error
            else QStyle.StandardPixmap.SP_MessageBoxInformation
        )
        self.action.setIcon(style.standardIcon(icon))
        self.action.setToolTip(message.text)
        self.action.setVisible(bool(message.text))
        self.edit.setProperty("invalid", bool(message.error))
        self.edit.setStyleSheet(f"border: 1px solid {error_colour};" if message.error else "")


class MessageLine(QLabel):
    """A fixed number of lines under the form; a longer message is cut at a word with an
    ellipsis (its whole text in the tooltip), so the line never grows or shrinks."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("formMessage")
        self.setAccessibleName("Field message")
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        height = QFontMetrics(self.font()).lineSpacing() * LINES + 2 * self.margin()
        self.setFixedHeight(height)
        self.full_text = ""

    def set_message(self, text: str) -> None:
        self.full_text = text
        self.setToolTip(text)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        """The longest run of whole words that fits the reserved lines (binary search over
        the word count: a few measurements, not one per word)."""
        if self._fits(self.full_text):
            self.setText(self.full_text)
            return
        words = self.full_text.split(" ")
        low, high = 0, len(words)  # words[:low] + "…" fits; words[:high] + "…" does not
        while high - low > 1:
            middle = (low + high) // 2
            if self._fits(" ".join(words[:middle]) + "…"):
                low = middle
            else:
                high = middle
        self.setText(" ".join(words[:low]) + "…")

    def _fits(self, text: str) -> bool:
        metrics = QFontMetrics(self.font())
        width = max(1, self.contentsRect().width())
        box = metrics.boundingRect(QRect(0, 0, width, 1 << 20), Qt.TextFlag.TextWordWrap, text)
        return box.height() <= metrics.lineSpacing() * LINES
