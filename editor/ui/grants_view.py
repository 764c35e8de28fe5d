"""The Grants tab: the policy summary (service > access level > action > resources), with
over-broad entries marked; recomputed after each analysis of the document."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from editor.core.access.grants import ActionGrant, GrantEntry, findings_by_action, grants
from editor.core.access.policy import CompiledPolicy, compile_policy, relocated
from editor.core.catalog.arn import unmask
from editor.core.text.wording import counted
from editor.ui.theme import colours

COLUMNS = ("Action / resource", "Resource types", "Condition", "Line", "Over-broad")
NOTHING_CURRENT = "A row picked (arrow keys or a click) is shown here whole."


class GrantsView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary_label = QLabel()
        self.summary_label.setAccessibleName("Grants summary")
        self.tree = QTreeWidget()
        self.tree.setAccessibleName("Grants")
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.setColumnWidth(0, 420)
        self.setFocusProxy(self.tree)  # Ctrl+6 shows the tab with the arrow keys in the tree
        # A row's text cut short by its column ("denied on arn:... for anyone but ...") is
        # shown whole here, for the row the arrow keys or a click make current; also its
        # cells' tooltips.
        self.detail = QLabel()
        self.detail.setAccessibleName("Selected grant")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tree.currentItemChanged.connect(self._show_detail)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.detail)
        self._shown: str | None = None

    def _show_detail(self, item: QTreeWidgetItem | None) -> None:
        self.detail.setText(_whole(item) if item is not None else NOTHING_CURRENT)

    def show_policy(self, text: str) -> None:
        if text == self._shown:
            return
        self._shown = text
        policy = compile_document(text)  # a Principal: a resource/trust policy
        self.tree.clear()
        self.detail.setText(NOTHING_CURRENT)
        if policy.problem is not None:
            self.summary_label.setText(f"Nothing to summarize: {policy.problem}.")
            return
        summary = grants(policy)
        codes = _security_codes(text, summary)
        # Over-broad by our rules (BROAD_RULES) only; a security finding is said apart.
        broad = sum(1 for g in summary for e in g.entries if e.broad)
        flagged = sum(
            1 for g in summary for e in g.entries if codes.get((e.statement.start, g.action))
        )
        # A resource or trust policy grants to its Principals: say who, without unfolding.
        whom = sorted({p for g in summary for e in g.entries for p in e.principals})
        self.summary_label.setText(
            f"{counted(len(summary), 'action')} allowed"
            + (f" to {', '.join(whom)}" if whom else "")
            + f"; {counted(broad, 'over-broad entry', 'over-broad entries')}"
            + (
                f"; {counted(flagged, 'entry', 'entries')} with security findings"
                if flagged
                else ""
            )
            if summary
            else "The policy allows nothing."
        )
        warn = colours(self.palette()).warning
        services: dict[str, QTreeWidgetItem] = {}
        levels: dict[tuple[str, str], QTreeWidgetItem] = {}
        for grant in summary:
            service = services.get(grant.service)
            if service is None:
                service = services[grant.service] = QTreeWidgetItem(self.tree, [grant.service])
                service.setExpanded(True)
            key = (grant.service, grant.access_level)
            level = levels.get(key)
            if level is None:
                level = levels[key] = QTreeWidgetItem(service, [grant.access_level])
                level.setExpanded(True)
            action = QTreeWidgetItem(level, [grant.action])
            mine = {s: c for (s, name), c in codes.items() if name == grant.action}
            for entry in grant.entries:
                row = _row(action, _columns(entry, "", mine))
                if entry.broad or entry.mismatch or entry.needs or mine.get(entry.statement.start):
                    row.setForeground(4, warn)
                    action.setForeground(0, warn)
            for entry in grant.denied:
                _row(action, _columns(entry, "denied on ", whom="for"))
        self.tree.resizeColumnToContents(1)

    def actions_shown(self) -> list[str]:
        found = []
        services = (self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount()))
        for service in services:
            for level in _children(service):
                found += [action.text(0) for action in _children(level)]
        return found


def compile_document(text: str) -> CompiledPolicy:
    """The document compiled for the access engine, as the kind it says. A policy from a
    template holds intrinsic functions: each is the stack's value, symbolic (`${AWS::Region}`
    matches where it might: Unknown), and statements keep their places in the text."""
    from editor.core.lint.template import symbolic_text

    symbolic = symbolic_text(text)
    if symbolic is None:
        return compile_policy(text, "policy", None)
    masked, pieces = symbolic
    return relocated(compile_policy(masked, "policy", None), text, pieces.to_source)


def _security_codes(
    text: str, summary: tuple[ActionGrant, ...]
) -> dict[tuple[int, str], tuple[str, ...]]:
    """The lint's security findings inside each granting statement, by (statement, action):
    a finding on one action name goes with that action only."""
    if not summary:
        return {}
    from editor.core.lint.engine import lint

    found = [
        (f.code, f.start, f.end) for f in lint(text).findings if f.code.startswith("security/")
    ]
    return findings_by_action(text, summary, found)


def _row(parent: QTreeWidgetItem, columns: list[str]) -> QTreeWidgetItem:
    """An entry's row; each cell's tooltip is its whole text, which the column may cut."""
    row = QTreeWidgetItem(parent, columns)
    for column, text in enumerate(columns):
        if text:
            row.setToolTip(column, text)
    return row


def _whole(item: QTreeWidgetItem) -> str:
    """Everything a row says, whole: its text, then each other column named."""
    parts = [item.text(0)]
    for column in range(1, len(COLUMNS)):
        if item.text(column):
            parts.append(f"{COLUMNS[column]}: {item.text(column)}")
    return " · ".join(parts)


def _columns(
    entry: GrantEntry,
    prefix: str = "",
    codes: dict[int, tuple[str, ...]] | None = None,
    whom: str = "to",
) -> list[str]:
    notes = list(entry.broad) + list((codes or {}).get(entry.statement.start, ()))
    if entry.mismatch:
        notes.append("none of the action's resource types: grants nothing")
    if entry.needs:
        notes.append(f"needs {' and '.join(entry.needs)} too")
    principals = f" {whom} " + ", ".join(entry.principals) if entry.principals else ""
    return [
        unmask(prefix + entry.resource + principals),  # a template's ${AWS::Region} as written
        ", ".join(entry.types),
        unmask(entry.condition or ""),
        str(entry.statement.line),
        "; ".join(notes),
    ]


__all__ = ["GrantsView", "Qt"]


def _children(item: QTreeWidgetItem | None) -> list[QTreeWidgetItem]:
    """The item's children (Qt's stubs say an index may find none: only in range here)."""
    if item is None:
        return []
    return [c for c in (item.child(i) for i in range(item.childCount())) if c is not None]
