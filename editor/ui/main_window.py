"""The editor's main window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMessageBox, QPlainTextEdit

from editor.core.catalog import load_catalog

APP_TITLE = "Chime policy editor"


class MainWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.catalog = load_catalog()
        self.editor = QPlainTextEdit(self)
        self.setCentralWidget(self.editor)
        self.setWindowTitle(APP_TITLE)
        self.resize(1200, 800)
        self.create_actions()
        self.create_menus()

    def create_actions(self) -> None:
        self.quit_action = QAction("&Quit", self, shortcut=QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        self.about_action = QAction("&About", self)
        self.about_action.triggered.connect(self.show_about)

    def create_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        file_menu.addAction(self.quit_action)
        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addAction(self.about_action)

    def about_text(self) -> str:
        provenance = self.catalog.provenance
        sources = "".join(
            f"<li>{s.package or s.file or s.url} {s.version or ''}: {s.used_for}</li>"
            for s in provenance.sources
        )
        return (
            f"<h3>{APP_TITLE}</h3>"
            f"<p>{len(self.catalog.messaging_actions)} messaging actions of "
            f"{len(self.catalog.actions)} Chime actions.</p>"
            f"<p>Catalog generated {provenance.generated} by {provenance.generator} from:</p>"
            f"<ul>{sources}</ul>"
        )

    def show_about(self) -> None:
        QMessageBox.about(self, f"About {APP_TITLE}", self.about_text())

    def open_path(self, path: str) -> None:
        self.editor.setPlainText(Path(path).read_text(encoding="utf-8"))
