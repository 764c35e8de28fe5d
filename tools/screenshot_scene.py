"""Launch the real window, optionally set up a scene, then signal the screenshot script."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from editor.ui.main_window import MainWindow


def main() -> None:
    app = QApplication(sys.argv[:1])
    window = MainWindow()
    window.move(0, 0)
    window.resize(1400, 900)
    window.show()
    scene = sys.argv[1] if len(sys.argv) > 1 else ""
    if scene:
        exec(Path(scene).read_text(encoding="utf-8"), {"window": window, "app": app})

    def ready() -> None:
        Path(tempfile.gettempdir(), f"scene-ready.{os.getpid()}").touch()

    QTimer.singleShot(1500, ready)
    app.exec()


if __name__ == "__main__":
    main()
