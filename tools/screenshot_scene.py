"""Launch the real window, optionally set up a scene, then signal the screenshot script."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from editor.ui.main_window import MainWindow

FILLED = (  # the form as the README's scenes show it
    ("region", "us-east-1"),
    ("account_id", "123456789012"),
    ("app_instance_id", "1b2c3d4e-chat-prod"),
    ("user_id", "${aws:username}"),
)


def tick_and_fill(window: MainWindow, persona: str) -> int:
    """Tick a persona (by its title in the tree) and fill the form; the persona's row."""
    model = window.catalog_model
    row = next(i for i, g in enumerate(model.groups) if g.title == persona)
    model.setData(model.index(row, 0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    for name, value in FILLED:
        window.document.set_field(name, value)
    return row


def main() -> None:
    app = QApplication(sys.argv[:1])
    window = MainWindow()
    window.move(0, 0)
    window.resize(1400, 900)
    window.show()
    scene = sys.argv[1] if len(sys.argv) > 1 else ""
    if scene:
        exec(
            Path(scene).read_text(encoding="utf-8"),
            {"window": window, "app": app, "tick_and_fill": tick_and_fill},
        )

    def ready() -> None:
        Path(tempfile.gettempdir(), f"scene-ready.{os.getpid()}").touch()

    QTimer.singleShot(1500, ready)
    app.exec()


if __name__ == "__main__":
    main()
