"""The problems pane: every finding with its place; click to jump, fix one or all."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from editor.core.text.findings import Finding, Severity
from editor.core.text.wording import counted
from editor.ui.finding_marks import Shown, row_order
from editor.ui.theme import colours

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invisible root; Qt's default argument
HEADERS = ("", "Line:Col", "Code", "Message")
_MARK = {Severity.ERROR: "● error", Severity.WARNING: "▲ warning", Severity.INFO: "ℹ info"}


def _same(a: Finding, b: Finding) -> bool:
    """The same problem, wherever it now is."""
    return a.code == b.code and a.severity is b.severity and a.message == b.message


class ProblemsModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.findings: tuple[Finding, ...] = ()

    def set_findings(self, findings: tuple[Finding, ...] | Shown) -> None:
        """Update the rows that changed, not the whole table: the selection, the current row
        and the scroll position stay where they were when other rows change. Rows are matched
        by what they say, not where (an edit above a problem moves its line, not the problem):
        the common head and tail are kept in place and only the middle is replaced. Given the
        analysis's `Shown`, its rows are held as they are (sorted on the worker)."""
        if isinstance(findings, Shown):
            ordered = findings.rows
        else:
            ordered = tuple(sorted(findings, key=row_order))
        old = self.findings
        if ordered == old:
            return
        head = 0
        limit = min(len(old), len(ordered))
        while head < limit and _same(old[head], ordered[head]):
            head += 1
        tail = 0
        while tail < limit - head and _same(old[-1 - tail], ordered[-1 - tail]):
            tail += 1
        gone, new = len(old) - head - tail, len(ordered) - head - tail
        if gone:
            self.beginRemoveRows(_ROOT, head, head + gone - 1)
            self.findings = old[:head] + old[head + gone :]
            self.endRemoveRows()
        if new:
            self.beginInsertRows(_ROOT, head, head + new - 1)
            self.findings = ordered[: head + new] + self.findings[head:]
            self.endInsertRows()
        moved = [row for row in range(len(ordered)) if self.findings[row] != ordered[row]]
        self.findings = ordered
        if moved:  # the same problems at new places: their line:column cells
            top, bottom = self.index(moved[0], 0), self.index(moved[-1], len(HEADERS) - 1)
            self.dataChanged.emit(top, bottom)

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.findings)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        finding = self.findings[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            fix = " (fixable)" if finding.fix is not None else ""
            return (
                _MARK[finding.severity],
                f"{finding.line}:{finding.column}",
                finding.code,
                finding.message + fix,
            )[column]
        if role == Qt.ItemDataRole.ForegroundRole and column == 0:
            return colours().severity(finding.severity)
        if role == Qt.ItemDataRole.ToolTipRole:
            return finding.message
        return None


def _revealed(more: int) -> str:
    """What Fix all fixes beyond the safe fixes listed: a fix made safe, or a problem brought
    to light, by theirs (the mis-cased action of a list missing a comma)."""
    return f", and {more:,} more once those are fixed" if more > 0 else ""


class ProblemsView(QWidget):
    jump = Signal(object)  # Finding
    fix_requested = Signal(object)  # Finding
    fix_all_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ProblemsModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName("Problems")
        self.setFocusProxy(self.table)  # focusing the pane focuses its list
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        # Widths from the font, once: ResizeToContents would ask every row at each update.
        metrics = self.table.fontMetrics()
        for column, sample in enumerate(("▲ warning", "99999:999", "resource/arn-type-mismatch")):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 24)
        header.setStretchLastSection(True)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._menu)
        self.table.installEventFilter(self)  # Shift+F10 and the Menu key: see eventFilter
        self.table.activated.connect(lambda index: self.jump.emit(self.finding_at(index.row())))
        self.table.clicked.connect(lambda index: self.jump.emit(self.finding_at(index.row())))
        self.title = QLabel("Problems")
        self.fix_button = QPushButton("&Quick fix")
        self.fix_button.setToolTip("Apply the fix of the selected problem")
        self.fix_all_button = QPushButton("Fix &all")
        self.fix_all_button.setToolTip("Apply every safe fix in one undoable step")
        self.fix_button.clicked.connect(self._fix_selected)
        self.fix_all_button.clicked.connect(self.fix_all_requested)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        bar = QHBoxLayout()
        bar.addWidget(self.title, 1)
        bar.addWidget(self.fix_button)
        bar.addWidget(self.fix_all_button)
        layout = QVBoxLayout(self)
        # At the window's right edge, as the group-boxed panes keep theirs: nothing flush.
        # The layout's own right margin is the style's for a widget inside a window (made
        # with its window as parent): asking QStyle for it directly cost 5 ms of start-up,
        # PySide building QStyle's enums on first use.
        layout.setContentsMargins(0, 0, layout.contentsMargins().right(), 0)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self._update_buttons()

    def finding_at(self, row: int) -> Finding:
        return self.model.findings[row]

    def selected(self) -> Finding | None:
        rows = self.table.selectionModel().selectedRows()
        return self.finding_at(rows[0].row()) if rows else None

    def set_findings(self, findings: tuple[Finding, ...] | Shown, fixes: int | None = None) -> None:
        """`fixes`: the problems Fix all fixes (the listed ones with a safe fix and those their
        fixes reveal), when worked out; the button counts those, as the preview's title and
        the status message after it do, never a number Fix all does not keep to."""
        self.model.set_findings(findings)
        if isinstance(findings, Shown):
            fixable, findings = findings.fixable, findings.findings
        else:
            fixable = sum(1 for f in findings if f.fix is not None and f.fix.safe)
        self.title.setText(f"Problems ({len(findings)})" if findings else "No problems")
        count = f" ({fixes:,})" if fixable and fixes else ""
        self.fix_all_button.setText(f"Fix &all{count}")
        self.fix_all_button.setToolTip(
            "Apply every safe fix in one undoable step, shown first: "
            f"{counted(fixable, 'listed problem')} with a safe fix"
            + (_revealed(fixes - fixable) if fixes else ", and any more once those are fixed")
            if fixable
            else "Apply every safe fix in one undoable step"
        )
        self.fix_all_button.setEnabled(fixable > 0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        finding = self.selected()
        self.fix_button.setEnabled(finding is not None and finding.fix is not None)
        if finding is not None and finding.fix is not None:
            self.fix_button.setText(f"&Quick fix: {finding.fix.title}")
        else:
            self.fix_button.setText("&Quick fix")

    def _fix_selected(self) -> None:
        finding = self.selected()
        if finding is not None and finding.fix is not None:
            self.fix_requested.emit(finding)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The keyboard's context-menu keys open the menu of the current row, under it (the
        platform would place a Menu-key menu at the mouse pointer, on whatever row is there)."""
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            key, modifiers = event.key(), event.modifiers()  # type: ignore[attr-defined]
            shift_f10 = key == Qt.Key.Key_F10 and modifiers == Qt.KeyboardModifier.ShiftModifier
            if shift_f10 or key == Qt.Key.Key_Menu:
                self.menu_for_current_row()
                return True
        if (
            watched is self.table
            and event.type() == QEvent.Type.ContextMenu
            and event.reason() == event.Reason.Keyboard  # type: ignore[attr-defined]
        ):
            self.menu_for_current_row()
            return True
        return super().eventFilter(watched, event)

    def menu_for_current_row(self) -> None:
        if not self.model.findings:
            return
        index = self.table.currentIndex()
        if not index.isValid():
            index = self.model.index(0, 0)
            self.table.selectRow(0)
        self.table.scrollTo(index)
        rect = self.table.visualRect(self.model.index(index.row(), 3))
        self._menu(rect.bottomLeft())

    def _menu(self, pos: Any) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        from PySide6.QtGui import QAction, QGuiApplication
        from PySide6.QtWidgets import QMenu  # only when asked for: not needed at start-up

        finding = self.finding_at(index.row())
        menu = QMenu(self)
        if finding.fix is not None:
            fix = QAction(f"Quick fix: {finding.fix.title}", menu)
            fix.triggered.connect(lambda: self.fix_requested.emit(finding))
            menu.addAction(fix)
        go = QAction(f"Go to line {finding.line}", menu)
        go.triggered.connect(lambda: self.jump.emit(finding))
        menu.addAction(go)
        copy = QAction("Copy message", menu)
        copy.triggered.connect(
            lambda: QGuiApplication.clipboard().setText(
                f"{finding.line}:{finding.column}: {finding.code} {finding.message}"
            )
        )
        menu.addAction(copy)
        menu.exec(self.table.viewport().mapToGlobal(pos))
