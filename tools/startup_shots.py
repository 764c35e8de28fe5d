"""Screenshots of a launch with a file: at the first paint of the text, and once the window is
complete (every panel in). The text must not move between the two; the second must look as
the window always did.

Run under a display, as `chime-policy-editor FILE` runs:
    xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python tools/startup_shots.py FILE OUT
writes OUT-first.png and OUT-complete.png, and prints whether the text's pixels are the same
in both.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSettings, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from editor.ui.main_window import MainWindow


def main() -> None:
    path, out = sys.argv[1], sys.argv[2]
    app = QApplication(sys.argv[:1])
    settings = Path(tempfile.mkdtemp()) / "settings.ini"  # the default layout, as first run
    window = MainWindow(QSettings(str(settings), QSettings.Format.IniFormat))
    window.move(0, 0)
    window.show()
    window.open_path(path)
    shots: dict[str, QImage] = {}
    text: dict[str, QRect] = {}
    built: dict[str, bool] = {}

    def grab(name: str) -> None:
        screen = window.screen()
        shots[name] = screen.grabWindow(0).toImage()
        built[name] = window.panels.catalog_view is not None
        viewport = window.editor.viewport()
        text[name] = QRect(viewport.mapToGlobal(QPoint(0, 0)), viewport.size())
        shots[name].save(f"{out}-{name}.png")

    class FirstPaint(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and not shots:
                # On screen once this paint is done: the next turn, before any panel is in.
                QTimer.singleShot(0, lambda: grab("first"))
            return False

    def complete() -> None:
        grab("complete")
        same = text["first"] == text["complete"] and shots["first"].copy(text["first"]) == shots[
            "complete"
        ].copy(text["complete"])
        print(f"panels built at the first shot: {built['first']}; then: {built['complete']}")
        print(f"text at {text['first']} then {text['complete']}; pixels the same: {same}")
        window.document.mark_saved()
        app.quit()

    watcher = FirstPaint()
    window.editor.viewport().installEventFilter(watcher)
    window.completed.connect(lambda: QTimer.singleShot(500, complete))  # painted, settled
    app.exec()


if __name__ == "__main__":
    main()
