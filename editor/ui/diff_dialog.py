"""A change shown before it is made: the text before and after, unified or side by side, with
line numbers; Apply or Cancel. Fix all and the layout rewrites ask through it."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFontDatabase, QTextCursor, QTextFormat
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QStackedWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from editor.core.text.linediff import Row, diff_rows
from editor.core.text.wording import counted
from editor.ui.theme import colours

CONTEXT = 3  # unchanged lines shown around each change in the unified view


def unified_rows(rows: list[Row]) -> list[Row | None]:
    """The changed rows with CONTEXT rows around them; None stands for lines left out."""
    changed = [i for i, row in enumerate(rows) if row.sign != " "]
    keep = {j for i in changed for j in range(i - CONTEXT, i + CONTEXT + 1)}
    shown: list[Row | None] = []
    for i, row in enumerate(rows):
        if i in keep:
            shown.append(row)
        elif shown and shown[-1] is not None:
            shown.append(None)
    return shown


def _number(value: int | None) -> str:
    return f"{value:>4}" if value is not None else "    "


class DiffDialog(QDialog):
    def __init__(self, title: str, before: str, after: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(1000, 640)
        rows = diff_rows(before, after)
        removed = sum(1 for r in rows if r.sign == "-")
        added = sum(1 for r in rows if r.sign == "+")
        summary = QLabel(
            f"{title}: {counted(removed, 'line')} removed, {added:,} added. Apply the change?"
        )
        summary.setWordWrap(True)
        self.mode = QComboBox()
        self.mode.addItems(["Unified", "Side by side"])
        self.mode.setAccessibleName("Diff view")
        self.unified = self._viewer("Unified diff")
        self.left = self._viewer("Before")
        self.right = self._viewer("After")
        self._fill_unified(rows)
        self._fill_side_by_side(rows)
        sides = QSplitter()
        sides.addWidget(self.left)
        sides.addWidget(self.right)
        for a, b in ((self.left, self.right), (self.right, self.left)):  # scroll together
            a.verticalScrollBar().valueChanged.connect(b.verticalScrollBar().setValue)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.unified)
        self.stack.addWidget(sides)
        self.mode.currentIndexChanged.connect(self.stack.setCurrentIndex)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.apply_button = self.buttons.addButton("&Apply", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(summary, 1)
        top.addWidget(QLabel("View:"))
        top.addWidget(self.mode)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.buttons)
        # Return is Apply. Made default only now that the button is in the dialog: before,
        # the dialog knew no default of its own and, when shown, gave it to the first button
        # of the box, Cancel, so Return threw the preview away.
        self.apply_button.setDefault(True)

    def _viewer(self, name: str) -> QPlainTextEdit:
        view = QPlainTextEdit()
        view.setReadOnly(True)
        view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        view.setAccessibleName(name)
        return view

    def _fill_unified(self, rows: list[Row]) -> None:
        lines, signs = [], []
        for row in unified_rows(rows):
            if row is None:
                lines.append("   …")
                signs.append(" ")
            else:
                lines.append(f"{_number(row.old)} {_number(row.new)} {row.sign} {row.text}")
                signs.append(row.sign)
        self._show(self.unified, lines, signs)

    def _fill_side_by_side(self, rows: list[Row]) -> None:
        left: list[str] = []
        right: list[str] = []
        left_signs: list[str] = []
        right_signs: list[str] = []
        pending_removed: list[Row] = []

        def flush(added: list[Row]) -> None:
            for k in range(max(len(pending_removed), len(added))):
                old = pending_removed[k] if k < len(pending_removed) else None
                new = added[k] if k < len(added) else None
                left.append(f"{_number(old.old)} {old.text}" if old else "")
                right.append(f"{_number(new.new)} {new.text}" if new else "")
                left_signs.append("-" if old else " ")
                right_signs.append("+" if new else " ")
            pending_removed.clear()

        added: list[Row] = []
        for row in rows:
            if row.sign == "-":
                if added:
                    flush(added)
                    added = []
                pending_removed.append(row)
            elif row.sign == "+":
                added.append(row)
            else:
                flush(added)
                added = []
                left.append(f"{_number(row.old)} {row.text}")
                right.append(f"{_number(row.new)} {row.text}")
                left_signs.append(" ")
                right_signs.append(" ")
        flush(added)
        self._show(self.left, left, left_signs)
        self._show(self.right, right, right_signs)

    def _show(self, view: QPlainTextEdit, lines: list[str], signs: list[str]) -> None:
        view.setPlainText("\n".join(lines))
        scheme = colours(self.palette())
        tints = {"-": QColor(scheme.error), "+": QColor("#2e7d32")}
        selections = []
        block = view.document().firstBlock()
        for sign in signs:
            if sign in tints:
                selection = QTextEdit.ExtraSelection()
                colour = QColor(tints[sign])
                colour.setAlpha(48)
                selection.format.setBackground(colour)
                selection.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
                selection.cursor = QTextCursor(block)
                selections.append(selection)
            block = block.next()
        view.setExtraSelections(selections)
