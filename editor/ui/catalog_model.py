"""The action catalog as a Qt item model: persona groups holding checkable actions.

Check states come from one set of ticked action names, so an action listed under several
personas is ticked everywhere at once. Group rows are tri-state and tick their whole group.
The set is the document's: a click asks for a change (`toggled`) and the boxes follow only
what the document then says the text grants (`set_selected`), so a refused or partial edit
never leaves a box that disagrees with the text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from editor.core.catalog.catalog import Action, Catalog, PersonaSet
from editor.core.policy.denials import Denial

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invisible root; Qt's default argument
_GROUP = 0  # internal id of group rows; action rows carry their group's row + 1
COLUMNS = ("Action", "Access")
OTHER_TITLE = "Other messaging actions"


@dataclass(frozen=True)
class Group:
    title: str
    description: str
    actions: tuple[Action, ...]


def build_groups(catalog: Catalog, personas: PersonaSet) -> list[Group]:
    groups = [
        Group(p.title, p.description, tuple(catalog.by_full_name[f"chime:{n}"] for n in p.actions))
        for p in personas.personas
    ]
    in_personas = {a.name for g in groups for a in g.actions}
    others = tuple(a for a in catalog.messaging_actions if a.name not in in_personas)
    groups.append(Group(OTHER_TITLE, "Messaging and identity actions no persona uses.", others))
    return groups


def action_tooltip(action: Action) -> str:
    from html import escape  # on first hover, not at start-up

    types = ", ".join(
        ("any resource (*)" if r.name == "*" else r.name) + ("" if r.required else " (optional)")
        for r in action.resource_types
    )
    return (
        f"<b>{escape(action.full_name)}</b> — {escape(action.access_level)}<br>"
        f"{escape(action.description)}<br><br>"
        f"<b>Resource types:</b> {escape(types)}<br>"
        f'<a href="{escape(action.doc_url)}">{escape(action.doc_url)}</a>'
    )


def action_matches(action: Action, needle: str) -> bool:
    """Whether the filter text (lower case) is in the action's name, its `chime:` name or
    its description."""
    return (
        needle in action.full_name.lower()
        or needle in action.description.lower()
        or needle.removeprefix(f"{action.full_name.split(':')[0]}:") in action.name.lower()
    )


def _denial_mark(denial: Denial | None, granted: bool) -> str:
    """After the name: an action a Deny takes away is unticked, and says why at a glance."""
    if denial is None or not (granted or denial.complete):
        return ""  # a Deny that applies sometimes, to an action nothing grants: moot
    return "  (denied)" if denial.complete else "  (limited by a Deny)"


def _denial_note(denial: Denial | None, granted: bool) -> str:
    from html import escape

    if denial is None or not (granted or denial.complete):
        return ""
    by = escape(denial.statement, quote=False)
    if granted and not denial.complete:
        return (
            f"<b>Limited by the Deny of {by}</b>: granted, but denied when that statement's "
            "condition holds or on the resources it names.<br><br>"
        )
    return (
        f"<b>Denied by {by}</b>: an explicit Deny overrides every Allow, so the policy does "
        "not grant this action whatever its Allow statements say.<br><br>"
    )


class CatalogModel(QAbstractItemModel):
    # A request: the actions clicked (frozenset[str]) and whether ticked, to be applied to
    # what the text grants (the boxes may show an older text's ticks)
    toggled = Signal(object, bool)

    def __init__(self, catalog: Catalog, personas: PersonaSet, parent: Any = None) -> None:
        super().__init__(parent)
        self.groups = build_groups(catalog, personas)
        self.selected: frozenset[str] = frozenset()
        self.denials: dict[str, Denial] = {}  # action -> the Deny statement naming it
        self.editable = True
        self.visible: frozenset[str] | None = None  # the filter's actions; None: no filter

    # -- the set of ticked actions ---------------------------------------------------------

    def set_selected(self, names: frozenset[str], denials: dict[str, Denial] | None = None) -> None:
        denials = {} if denials is None else denials
        if names == self.selected and denials == self.denials:
            return
        flipped = self.selected ^ names
        flipped |= {
            n for n in denials.keys() | self.denials.keys() if denials.get(n) != self.denials.get(n)
        }
        self.selected = frozenset(names)
        self.denials = denials
        self._changed(frozenset(flipped))

    def _changed(self, names: frozenset[str]) -> None:
        """Announce the rows of `names` (wherever they are listed) and their groups."""
        roles = [Qt.ItemDataRole.CheckStateRole, Qt.ItemDataRole.DisplayRole]
        for row, group in enumerate(self.groups):
            rows = [i for i, a in enumerate(group.actions) if a.name in names]
            if not rows:
                continue
            top = self.index(row, 0)
            self.dataChanged.emit(top, top, roles)
            first = self.index(min(rows), 0, top)
            self.dataChanged.emit(first, self.index(max(rows), 0, top), roles)

    def set_visible(self, names: frozenset[str] | None) -> None:
        """The actions the filter shows: a persona row ticks only these."""
        self.visible = names

    def set_editable(self, editable: bool) -> None:
        if editable != self.editable:
            self.editable = editable
            self._all_changed()

    def _all_changed(self) -> None:
        """Every row's flags changed (editable or not)."""
        last = len(COLUMNS) - 1
        for row, group in enumerate(self.groups):
            top = self.index(row, 0)
            self.dataChanged.emit(top, self.index(row, last))
            if group.actions:
                first = self.index(0, 0, top)
                self.dataChanged.emit(first, self.index(len(group.actions) - 1, last, top))

    def group_state(self, group: Group) -> Qt.CheckState:
        ticked = sum(1 for a in group.actions if a.name in self.selected)
        if ticked == 0:
            return Qt.CheckState.Unchecked
        if ticked == len(group.actions):
            return Qt.CheckState.Checked
        return Qt.CheckState.PartiallyChecked

    def action_at(self, index: Index) -> Action | None:
        if not index.isValid() or index.internalId() == _GROUP:
            return None
        return self.groups[index.internalId() - 1].actions[index.row()]

    # -- QAbstractItemModel ----------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = _ROOT) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _GROUP)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: Index = _ROOT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == _GROUP:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _GROUP)

    def rowCount(self, parent: Index = _ROOT) -> int:
        if not parent.isValid():
            return len(self.groups)
        if parent.internalId() == _GROUP and parent.column() == 0:
            return len(self.groups[parent.row()].actions)
        return 0

    def columnCount(self, parent: Index = _ROOT) -> int:
        return len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        action = self.action_at(index)
        column = index.column()
        if action is None:
            group = self.groups[index.row()]
            if role == Qt.ItemDataRole.DisplayRole:
                if column == 1:
                    return ""
                ticked = sum(1 for a in group.actions if a.name in self.selected)
                return f"{group.title}  ({ticked}/{len(group.actions)})"
            if role == Qt.ItemDataRole.CheckStateRole and column == 0:
                return self.group_state(group)
            if role == Qt.ItemDataRole.ToolTipRole:
                return group.description
            return None
        denial = self.denials.get(action.name)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 1:
                return action.access_level
            return action.name + _denial_mark(denial, action.name in self.selected)
        if role == Qt.ItemDataRole.CheckStateRole and column == 0:
            ticked = action.name in self.selected
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            return _denial_note(denial, action.name in self.selected) + action_tooltip(action)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{action.name}, {action.access_level}"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsSelectable
        if self.editable:
            flags |= Qt.ItemFlag.ItemIsEnabled
            if index.column() == 0:
                flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """A click on a box is a request: `toggled` asks for the ticks wanted, and the boxes
        change only when the document says what the text then grants (`set_selected`)."""
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != 0 or not self.editable:
            return False
        checked = Qt.CheckState(value) == Qt.CheckState.Checked
        action = self.action_at(index)
        if action is not None:
            names = {action.name}
        else:  # a persona row: its actions the filter shows
            group = self.groups[index.row()].actions
            names = {a.name for a in group if self.visible is None or a.name in self.visible}
        wanted = self.selected | names if checked else self.selected - names
        if wanted != self.selected:
            self.toggled.emit(frozenset(names), checked)
        return True
