"""The Export menu: every export format, Copy JSON, and "export as template"."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from editor.core.files import PolicyFileError, write_atomically
from editor.core.text.findings import Finding
from editor.ui.dialogs import Dialogs
from editor.ui.document import Document

# Menu label, export format (editor.core.export.Format), file filter, extension. The export
# module loads when first used: the window does not wait for it at start-up.
ENTRIES = (
    ("JSON…", "json", "JSON (*.json)", ".json"),
    ("JSON, minified…", "json-min", "JSON (*.json)", ".json"),
    ("CloudFormation (YAML)…", "cloudformation-yaml", "YAML (*.yaml *.yml)", ".yaml"),
    ("CloudFormation (JSON)…", "cloudformation-json", "JSON (*.json)", ".json"),
    ("Terraform (jsonencode)…", "terraform", "Terraform (*.tf)", ".tf"),
    ("Terraform (policy document data source)…", "terraform-data", "Terraform (*.tf)", ".tf"),
    ("AWS CLI command…", "aws-cli", "Shell (*.sh)", ".sh"),
)


class ExportMenu(QObject):
    def __init__(
        self,
        menu: QMenu,
        document: Document,
        dialogs: Dialogs,
        policy_name: Callable[[], str],
        folder: Callable[[], Path] = Path.cwd,
    ) -> None:
        """`folder` is where the save dialog starts: the policy's own folder."""
        super().__init__(menu)
        self.document, self.dialogs, self.policy_name = document, dialogs, policy_name
        self.folder = folder
        self.copy_action = QAction("&Copy JSON", menu)
        # Not setShortcut: see WindowMenus._action.
        self.copy_action.setShortcuts([QKeySequence("Ctrl+Shift+C")])
        self.copy_action.triggered.connect(self.copy_json)
        menu.addAction(self.copy_action)
        menu.addSeparator()
        self.actions: dict[str, QAction] = {}
        for label, fmt, filter_, suffix in ENTRIES:
            action = QAction(label, menu)
            action.triggered.connect(
                lambda _=False, f=fmt, fl=filter_, s=suffix: self.export_to_file(f, fl, s)
            )
            menu.addAction(action)
            self.actions[fmt] = action
        menu.addSeparator()
        self.substitute = QAction("CloudFormation: account and region as !Sub parameters", menu)
        self.substitute.setCheckable(True)
        menu.addAction(self.substitute)
        self.template = QAction("Export as &template (allow placeholders and errors)", menu)
        self.template.setCheckable(True)
        menu.addAction(self.template)

    def render(self, fmt: str) -> str | None:
        from editor.core.export.formats import CannotCarry, ExportRefused, Format, export

        state = self.document.state
        # !Sub replaces the form's account and region (only values it accepts; else the only
        # ones the policy names): other accounts' and regions' ARNs stay as written.
        stack = {
            name: value
            for name in ("account_id", "region")
            if (value := state.field(name)) not in ("", "*") and name not in state.errors()
        }
        try:
            return export(
                state.text,
                Format(fmt),
                self.policy_name(),
                self.template.isChecked(),
                self.substitute.isChecked(),
                stack.get("account_id"),
                stack.get("region"),
                self.document.lint_options(),  # its kind: the user's, its place's, or detected
            )
        except ExportRefused as refusal:
            lines = [f"line {f.line}:{f.column}  {f.message}" for f in refusal.problems]
            shown = "\n".join(lines[:12]) + (
                f"\n… and {len(lines) - 12} more" if len(lines) > 12 else ""
            )
            if isinstance(refusal, CannotCarry) and any(
                f.code == "export/kind" for f in refusal.problems
            ):  # nothing of this kind's in this format: JSON, or another kind
                text = (
                    f"This format has no place for the policy's kind:\n\n{shown}\n\n"
                    "Export it as JSON, or choose its kind in the Kind combo."
                )
            elif isinstance(refusal, CannotCarry):  # a template would not help
                text = (
                    f"This export cannot carry the policy as it is:\n\n{shown}\n\n"
                    "Change these, or choose another format (JSON and Terraform with "
                    "jsonencode carry any policy)."
                )
            else:
                text = (
                    f"The policy still has {len(lines)} problem(s) to fix first:\n\n{shown}\n\n"
                    f"{_remedy(refusal.problems)}; or tick Export ▸ Export as template."
                )
            self.dialogs.error("Not exported", text, "\n".join(lines))
            return None

    def copy_json(self) -> bool:
        out = self.render("json")
        if out is None:
            return False
        from PySide6.QtGui import QGuiApplication

        QGuiApplication.clipboard().setText(out)
        return True

    def export_to_file(self, fmt: str, filter_: str, suffix: str) -> bool:
        out = self.render(fmt)
        if out is None:
            return False
        path = self.dialogs.save_path(str(self.folder() / f"{self.policy_name()}{suffix}"), filter_)
        if not path:
            return False
        try:
            write_atomically(path, out)
        except PolicyFileError as error:
            self.dialogs.error("Cannot export", str(error))
            return False
        return True


def _remedy(problems: list[Finding]) -> str:
    """What repairs these problems: the form for placeholders, Fix all only when one of them
    has a safe fix (the audit saw "use Fix all" beside a greyed-out Fix all)."""
    ways = []
    if any(f.code.endswith("/placeholder") for f in problems):
        ways.append("fill in the ARN form")
    if any(f.fix is not None and f.fix.safe for f in problems):
        ways.append("use Fix all")
    if any(
        not f.code.endswith("/placeholder") and (f.fix is None or not f.fix.safe) for f in problems
    ):
        ways.append("correct the others in the text" if ways else "correct them in the text")
    text = ", ".join(ways[:-1]) + (" or " if len(ways) > 1 else "") + ways[-1]
    return text[:1].upper() + text[1:]
