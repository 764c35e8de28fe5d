"""Launch to window shown: the editor against a bare PySide6 window, in the same run.

Run: .venv/bin/python benchmarks/startup.py   (offscreen; under Xvfb set QT_QPA_PLATFORM=xcb)
Each measurement is a fresh process, timed from just before it starts until it reports its
first paint of the window. Target: the editor takes at most 2x the bare window.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

RUNS = 9
CHILD = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print("shown", flush=True)
            QTimer.singleShot(0, app.quit)
            obj.removeEventFilter(self)
        return False

app = QApplication(sys.argv[:1])
if sys.argv[1] == "editor":
    from PySide6.QtCore import QSettings
    from editor.ui.main_window import MainWindow
    window = MainWindow(QSettings(sys.argv[2], QSettings.Format.IniFormat))
else:
    window = QMainWindow()
    window.resize(1320, 860)
watcher = FirstPaint()
window.installEventFilter(watcher)
window.show()
app.exec()
"""


def launch_ms(kind: str, settings: str) -> float:
    """From process start to the child's report of its first paint (not to its exit)."""
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, kind, settings],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    elapsed = (time.perf_counter() - start) * 1e3
    child.wait(timeout=30)
    if line.strip() != "shown":
        raise RuntimeError(f"{kind}: the window did not report its first paint")
    return elapsed


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        settings = os.path.join(folder, "settings.ini")
        for kind in ("bare", "editor"):
            launch_ms(kind, settings)  # warm the file cache
        bare = statistics.median(launch_ms("bare", settings) for _ in range(RUNS))
        ours = statistics.median(launch_ms("editor", settings) for _ in range(RUNS))
    ratio = ours / bare
    print(
        f"bare PySide6 window: {bare:.0f} ms; editor: {ours:.0f} ms (median of {RUNS}); "
        f"ratio {ratio:.2f}x; target <= 2x: {'met' if ratio <= 2 else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
