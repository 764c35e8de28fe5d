"""The dialog an unexpected error brings up: what happened in one line, that the editor is
still running, where the log is, the traceback, and a button that copies it for a bug report.
One dialog at a time: errors that follow while it is open are counted on it, not stacked."""

from __future__ import annotations

import html
import platform
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

TITLE = "Unexpected error"


class CrashDialog(QDialog):
    def __init__(self, log_file: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("crash")
        self.setWindowTitle(TITLE)
        self.log_file = log_file
        self.more = 0  # errors shown since this one, while the dialog was open

        icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize)
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(size)
        )
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        heading = QHBoxLayout()
        heading.addWidget(icon)
        heading.addWidget(self.summary, 1)

        self.advice = QLabel(
            "The editor is still running and your policy is as it was just before the error. "
            "If something looks wrong, save your work under a new name and restart the editor."
        )
        self.advice.setWordWrap(True)
        url = QUrl.fromLocalFile(str(log_file.parent)).toString()
        self.where = QLabel(
            f'The details below were also written to <a href="{html.escape(url)}">'
            f"{html.escape(str(log_file))}</a>."
        )
        self.where.setWordWrap(True)
        self.where.setOpenExternalLinks(True)
        self.following = QLabel()
        self.following.setWordWrap(True)
        self.following.hide()

        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton("&Copy Details")
        self.copy_button.setToolTip("Copy the error and its traceback, to paste in a bug report")
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setDefault(True)

        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        layout.addWidget(self.advice)
        layout.addWidget(self.where)
        layout.addWidget(self.following)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)
        self.resize(640, 420)

    def show_error(self, summary: str, traceback: str) -> None:
        """Show this error, or count it when an earlier one is still on screen (the first
        error is the one that explains the others)."""
        if self.isVisible():
            self.more += 1
            self.following.setText(
                f"{self.more} more error{'s' if self.more > 1 else ''} happened since; "
                "the log has every one."
            )
            self.following.show()
            return
        self.more = 0
        self.following.hide()
        self.summary.setText(
            f"<b>Something went wrong in the editor.</b><br>{html.escape(summary)}"
        )
        self.details.setPlainText(traceback)
        self.copy_button.setText("&Copy Details")
        self.show()  # not exec(): no event loop nested inside the code that failed
        self.raise_()
        self.activateWindow()

    def report_text(self) -> str:
        """What Copy Details puts on the clipboard: versions first, then the traceback."""
        from importlib.metadata import PackageNotFoundError, version

        from PySide6 import __version__ as pyside

        try:
            ours = version("chime-policy-editor")
        except PackageNotFoundError:  # run from a source tree that was never installed
            ours = "(not installed)"
        return (
            f"Chime policy editor {ours}, Python {platform.python_version()}, PySide6 {pyside}, "
            f"{platform.platform()}\n\n{self.details.toPlainText()}"
        )

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.report_text())
        self.copy_button.setText("Copied")
