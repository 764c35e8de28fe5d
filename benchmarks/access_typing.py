"""Typing in the JSON editor with the Access dock open, in the real window (offscreen).

Run: .venv/bin/python benchmarks/access_typing.py
A ~50 KB policy; 30 characters typed as key presses 50 ms apart (a fast typist), with the event
loop running freely between them. Measured: the time from the first key until the last one
is in the editor and every pending analysis (lint, access) has run, and how many times the
access check or grants summary ran per burst. Cases, same run:
- baseline: the dock closed;
- before: the dock open, its check recomputed at every keystroke on the GUI thread (the old
  wiring, re-created here: the document's `changed` signal straight to the dock);
- after: the dock as it is: after the document's (background, debounced) analysis, once the
  analyses pause (editor/ui/access_dock.py, QUIET_MS).
Each for the Access check tab and the Grants tab.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _policies import render
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from editor.ui.main_window import MainWindow

KEYS = 30
GAP_S = 0.050
SIZE = 50_000
REPEAT = 3


def idle(app: QApplication, window: MainWindow) -> None:
    while window.document.analysis_pending:
        app.processEvents()
    app.processEvents()


def type_burst(app: QApplication, window: MainWindow) -> tuple[float, int]:
    """(ms from the first key until everything has been shown, access checks run). The keys
    are posted at their times and the event loop runs freely, as it does under a typist: a
    slow analysis makes the keys queue, and the next turn takes them all."""
    editor = window.editor
    cursor = editor.textCursor()
    cursor.setPosition(editor.toPlainText().index('"Grant0"') + 1)
    editor.setTextCursor(cursor)
    editor.setFocus()
    runs = [0]
    pane, grants = window.access.pane, window.access.grants
    counted = (pane.show_policy, grants.show_policy)
    pane.show_policy = lambda *a: (runs.__setitem__(0, runs[0] + 1), counted[0](*a))[1]
    grants.show_policy = lambda *a: (runs.__setitem__(0, runs[0] + 1), counted[1](*a))[1]
    typed = [0]

    def key() -> None:
        QTest.keyClick(editor, Qt.Key.Key_A)
        typed[0] += 1

    first = time.perf_counter()
    for i in range(KEYS):
        QTimer.singleShot(int(i * GAP_S * 1e3), key)
    while typed[0] < KEYS or window.document.analysis_pending or window.access.throttle.pending:
        app.processEvents()
    app.processEvents()
    total = (time.perf_counter() - first) * 1e3
    pane.show_policy, grants.show_policy = counted
    return total, runs[0]


def undo_burst(app: QApplication, window: MainWindow) -> None:
    for _ in range(KEYS):
        cursor = window.editor.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
    while window.access.throttle.pending:
        app.processEvents()
    idle(app, window)


def main() -> None:
    app = QApplication.instance() or QApplication([])
    folder = tempfile.mkdtemp()  # settings of its own: the benchmark leaves the user's alone
    settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings)
    window.show()
    app.processEvents()
    count = 1
    while len(render(count)) < SIZE:
        count += 1
    text = render(count)
    window.document.replace_all(text, "benchmark")
    idle(app, window)
    gap = GAP_S * 1e3
    print(f"policy: {len(text):,} characters, {count} statements; {KEYS} keys {gap:.0f} ms apart")
    dock = window.access
    cases = [("dock closed (baseline)", None, False)]
    for tab, name in ((0, "Access check"), (1, "Grants")):
        cases += [(f"{name} open, every keystroke (before)", tab, True)]
        cases += [(f"{name} open, debounced (after)", tab, False)]
    for label, tab, immediate in cases:
        if tab is None:
            dock.hide()
        else:
            dock.show_tab(tab)
        old = (lambda state: dock.show_state(state)) if immediate else None
        if old is not None:
            window.document.changed.connect(old)
            window.document.analyzed.disconnect(dock._document_analyzed)
        idle(app, window)
        totals, runs = [], 0
        for _ in range(REPEAT):
            total, ran = type_burst(app, window)
            undo_burst(app, window)
            totals.append(total)
            runs += ran
        if old is not None:
            window.document.changed.disconnect(old)
            window.document.analyzed.connect(dock._document_analyzed)
        print(
            f"{label}: all {KEYS} keys shown {statistics.median(totals):.0f} ms after the "
            f"first (median of {REPEAT}; typing alone takes {(KEYS - 1) * GAP_S * 1e3:.0f} "
            f"ms); access checks run per burst: {runs / REPEAT:.1f}"
        )
    window.document.mark_saved()


if __name__ == "__main__":
    main()
