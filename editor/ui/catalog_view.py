"""The catalog pane: a filter box over the persona tree.

The filter matches an action's name with or without `chime:`, and its description; it says
when nothing matches. While it is active, a persona row ticks only the actions it shows.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel
from PySide6.QtWidgets import QHeaderView, QLabel, QLineEdit, QTreeView, QVBoxLayout, QWidget

from editor.core.text.wording import counted
from editor.ui.catalog_model import CatalogModel, action_matches

HINT = "Tick a persona or single actions; the policy is written as you go."


class ActionFilter(QSortFilterProxyModel):
    """Keeps the actions whose name or description holds the filter text."""

    def __init__(self, model: CatalogModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.needle = ""
        self.setSourceModel(model)
        self.setRecursiveFilteringEnabled(True)

    def set_text(self, text: str) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt >= 6.9, where invalidateFilter is deprecated
            self.beginFilterChange()
            self.needle = text.strip().lower()
            self.endFilterChange()
        else:
            self.needle = text.strip().lower()
            self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
        if not self.needle:
            return True
        action = self.model.action_at(self.model.index(row, 0, parent))
        return action is not None and action_matches(action, self.needle)


class CatalogView(QWidget):
    def __init__(self, model: CatalogModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("Filter actions (e.g. channel, message, Describe)")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName("Filter actions")
        self.proxy = ActionFilter(model, self)
        self.tree = QTreeView(self)
        self.tree.setModel(self.proxy)
        self.tree.setAccessibleName("Action catalog by persona")
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.notice = QLabel(self)  # why ticking is off, when it is
        self.notice.setWordWrap(True)
        self.notice.setAccessibleName("Why ticking is off")
        self.notice.hide()
        self.hint = QLabel(HINT)
        self.hint.setWordWrap(True)
        self.hint.setObjectName("hint")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter)
        layout.addWidget(self.notice)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.hint)
        self.filter.textChanged.connect(self.apply_filter)
        self.setFocusProxy(self.filter)

    def show_notice(self, text: str) -> None:
        """Say why the boxes cannot be ticked now ("" when they can)."""
        self.notice.setText(text)
        self.notice.setVisible(bool(text))
        self.hint.setVisible(not text)  # "Tick a persona..." would say the opposite

    def focus_tree(self) -> None:
        self.tree.setFocus()

    def focus_filter(self) -> None:
        """Focus the filter box with its text selected, ready to be typed over."""
        self.filter.setFocus()
        self.filter.selectAll()

    def apply_filter(self, text: str) -> None:
        self.proxy.set_text(text)
        if not text.strip():
            self.model.set_visible(None)
            self.hint.setText(HINT)
            return
        self.tree.expandAll()
        shown = {a.name for g in self.model.groups for a in g.actions}
        shown = {name for name in shown if name in self._shown_names()}
        self.model.set_visible(frozenset(shown))
        if not shown:
            self.hint.setText(f"No action matches \u201c{text.strip()}\u201d.")
        else:
            self.hint.setText(
                f"Filtered: {counted(len(shown), 'action')} shown. A persona row ticks only "
                "the actions "
                "shown under it."
            )

    def _shown_names(self) -> set[str]:
        names: set[str] = set()
        for g in range(self.proxy.rowCount()):
            group = self.proxy.index(g, 0)
            for r in range(self.proxy.rowCount(group)):
                action = self.model.action_at(self.proxy.mapToSource(self.proxy.index(r, 0, group)))
                if action is not None:
                    names.add(action.name)
        return names
