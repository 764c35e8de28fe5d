"""The busy dialog a long job runs under (Fix all of a 1 MB policy takes seconds): the window
keeps handling events, Cancel gives up the result, a quick job never shows a dialog."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget

from editor.ui.dialogs import Dialogs


def test_a_quick_job_returns_its_result_without_a_dialog(qtbot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    assert Dialogs(parent).busy("Fixing…", lambda: 42) == 42
    assert parent.findChildren(QProgressDialog) == [] or not any(
        d.isVisible() for d in parent.findChildren(QProgressDialog)
    )


def test_a_long_job_keeps_the_window_alive_and_cancel_drops_its_result(qtbot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    release = threading.Event()
    ticks: list[int] = []
    heartbeat = QTimer(parent, interval=50)
    heartbeat.timeout.connect(lambda: ticks.append(1))
    heartbeat.start()
    seen: list[str] = []

    def press_cancel() -> None:
        dialog = next(d for d in parent.findChildren(QProgressDialog) if d.isVisible())
        seen.append(dialog.labelText())
        qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)

    QTimer.singleShot(900, press_cancel)
    result = Dialogs(parent).busy("Fixing…", lambda: release.wait(20) and "fixed")
    release.set()
    assert result is None
    assert seen == ["Fixing…"]
    assert len(ticks) >= 5  # the GUI thread ran its timers while the job ran
