"""The compare view: what the policy in the editor allows that another version (the saved
file, or any file) did not, and the reverse: the exact no-new-access diff."""

from __future__ import annotations

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
        self.resize(900, 480)
        result = compare(old_text, new_text)
        self.summary = QLabel()
        self.summary.setAccessibleName("Comparison summary")
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setAccessibleName("Changes in what the policy allows")
        self.tree.setHeaderLabels(["Action", "Resource", "Example", "Condition", "Line"])
        self.tree.setColumnWidth(0, 260)
        self.tree.setColumnWidth(1, 300)
        # ARNs of one app instance share their start: cut in the middle, their ends differ.
        self.tree.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
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
                for column in range(item.columnCount()):
                    item.setToolTip(column, item.text(column))  # the whole text


def _columns(change: Change) -> list[str]:
    same = change.via.lower() == change.action.lower()  # action names ignore case
    action = change.action if same else f"{change.action} ({change.via})"
    condition = " and ".join(([change.condition] if change.condition else []) + list(change.when))
    if change.unless:
        condition += (" " if condition else "") + "unless " + " or ".join(change.unless)
    example = change.example if change.example != change.resource else ""
    return [
        action,
        change.resource,
        example if change.example else "(any resource)",
        condition,
        ", ".join(str(s.line) for s in change.statements),
    ]
