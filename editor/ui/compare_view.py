"""The compare view: what the policy in the editor allows that another version (the saved
file, or any file) did not, and the reverse: the exact no-new-access diff."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editor.core.access.diff import Change, Diff, diff
from editor.core.access.policy import compile_policy
from editor.ui.theme import colours


def compare(old_text: str, new_text: str) -> Diff | str:
    """The diff, or why there is none (a version that is not a readable policy)."""
    old = compile_policy(old_text, "old", None)  # a Principal: a resource or trust policy
    new = compile_policy(new_text, "new", None)
    for name, policy in (("the other version", old), ("the editor's policy", new)):
        if policy.problem is not None:
            return f"Cannot compare: {name}: {policy.problem}."
    return diff(old, new)


class CompareDialog(QDialog):
    def __init__(self, old_text: str, new_text: str, other: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Compare with {other}")
        self.resize(1000, 520)
        result = compare(old_text, new_text)
        self.summary = QLabel()
        self.summary.setAccessibleName("Comparison summary")
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setAccessibleName("Changes in what the policy allows")
        # The condition last: it takes the room left, and the detail below shows it whole
        # (cut in a 100-pixel column, every row read `unless...lse"}}`).
        self.tree.setHeaderLabels(["Action", "Resource", "Example", "Line", "Condition"])
        for column, width in enumerate((230, 220, 150, 40)):
            self.tree.setColumnWidth(column, width)
        # ARNs of one app instance share their start: cut in the middle, their ends differ.
        self.tree.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.detail = QLabel()
        self.detail.setAccessibleName("The selected change")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.tree.currentItemChanged.connect(self._show_detail)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.detail)
        layout.addWidget(buttons)
        if isinstance(result, str):
            self.summary.setText(result)
            return
        self.diff = result  # not `result`: that is QDialog.result(), the dialog's exit code
        scheme = colours(self.palette())
        if result.added:
            self.summary.setText(
                f"<b>New access</b>: the editor's policy allows {len(result.added)} "
                f"(action, resource) case(s) that {other} did not; "
                f"{len(result.removed)} removed."
            )
        elif result.removed:
            self.summary.setText(f"No new access. {len(result.removed)} grant(s) removed.")
        else:
            self.summary.setText(f"No change in what the policy allows compared with {other}.")
        for title, changes, colour in (
            ("New grants (allowed now, not before)", result.added, scheme.error),
            ("Removed grants (allowed before, not now)", result.removed, scheme.allowed),
        ):
            if not changes:
                continue
            group = QTreeWidgetItem(self.tree, [f"{title}: {len(changes)}"])
            group.setFirstColumnSpanned(True)
            group.setExpanded(True)
            group.setForeground(0, colour)
            for change in changes:
                item = QTreeWidgetItem(group, _columns(change))
                item.setData(0, Qt.ItemDataRole.UserRole, _detail(change))
                for column in range(item.columnCount()):
                    item.setToolTip(column, item.text(column))  # the whole text
        top = self.tree.topLevelItem(0)
        first = top.child(0) if top is not None else None
        if first is not None:
            self.tree.setCurrentItem(first)  # its detail shows at once

    def _show_detail(self, item: QTreeWidgetItem | None, _previous: object = None) -> None:
        detail = None if item is None else item.data(0, Qt.ItemDataRole.UserRole)
        self.detail.setText(detail or "")


def readable(condition: str) -> str:
    """A Condition block, as JSON, in words: `BoolIfExists aws:MultiFactorAuthPresent is
    false`; one that is not a block of operators stays as written."""
    try:
        block = json.loads(condition)
    except ValueError:
        return condition
    if not isinstance(block, dict) or not all(isinstance(v, dict) for v in block.values()):
        return condition
    parts = []
    for operator, tests in block.items():
        for key, value in tests.items():
            values = value if isinstance(value, list) else [value]
            shown = " or ".join(json.dumps(v) if not isinstance(v, str) else v for v in values)
            parts.append(f"{operator} {key} is {shown}")
    return " and ".join(parts) if parts else condition


def _condition(change: Change) -> str:
    condition = " and ".join(
        readable(c) for c in ([change.condition] if change.condition else []) + list(change.when)
    )
    if change.unless:
        unless = " or ".join(f"({readable(c)})" for c in change.unless)
        condition += (" " if condition else "") + "unless " + unless
    return condition


def _columns(change: Change) -> list[str]:
    same = change.via.lower() == change.action.lower()  # action names ignore case
    action = change.action if same else f"{change.action} ({change.via})"
    example = change.example if change.example != change.resource else ""
    return [
        action,
        change.resource,
        example if change.example else "(any resource)",
        ", ".join(str(s.line) for s in change.statements),
        _condition(change) or "(always)",
    ]


def _detail(change: Change) -> str:
    """The selected change, every part whole and wrapped: no column has to be widened."""
    action, resource, example, lines, condition = _columns(change)
    shown = [f"{action} on {resource}"]
    if example and example != "(any resource)":
        shown.append(f"for example {example}")
    shown += [f"when: {condition}", f"line {lines} of the policy"]
    return "\n".join(shown)
