"""Launch to window shown: the editor against a bare PySide6 window, in the same run.

Run: .venv/bin/python benchmarks/startup.py   (offscreen; under Xvfb set QT_QPA_PLATFORM=xcb)
Each measurement is a fresh process, timed from just before it starts until it reports its
first paint of the text (the editor's viewport; the bare window's, or its QPlainTextEdit's).
The editor is started by the app's own code (editor.app.launch: crash hooks and logging
included), its settings and log in the run's temporary folder.
Targets: without a file, the editor takes at most 2x the bare window; with a file, at most
1.5x the bare window showing it in a QPlainTextEdit.

The editor paints its frame and the text first and builds its panels (catalog tree, ARN form,
Problems list, Access dock) in the next turns of the event loop. So each case has a second
line: the time until the window is complete, every panel built and painted, against the same
bare window (which is complete at its first paint).

Then, in runs of their own, what follows the first paint: the first analysis and the imports
the first tick needs (pydantic) run on the worker; the longest the event loop stood still in
the next 1.5 s is printed for the editor and for the bare window (target: under 100 ms).

The children use compiled bytecode, as an installed package does (pip compiles it at install
time): a shell with PYTHONDONTWRITEBYTECODE set would otherwise have every run compile the
editor's modules from source, which the bare window never pays. The bytecode goes to a
temporary folder (PYTHONPYCACHEPREFIX), written by the warm-up run and read by the others.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

RUNS = 9
STALL_RUNS = 3
WATCH_MS = 1500
CHILD = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

watch_ms = int(sys.argv[4]) if len(sys.argv) > 4 else 0
gaps = [0.0]
last = [0.0]

def tick():
    now = time.perf_counter()
    gaps.append((now - last[0]) * 1e3)
    last[0] = now

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print("shown", flush=True)
            obj.removeEventFilter(self)
            if watch_ms:  # the event loop's longest stand-still from now on
                last[0] = time.perf_counter()
                clock.start()
                QTimer.singleShot(watch_ms, app.quit)
            elif sys.argv[1] == "editor":
                app.installEventFilter(complete)  # from now on: until every panel is painted
            else:
                print("complete", flush=True)  # a bare window has nothing more to show
                QTimer.singleShot(0, app.quit)
        return False

class Complete(QObject):
    # Every panel built (the window says so) and each of them painted since.
    def __init__(self):
        super().__init__()
        self.panels, self.painted = {}, set()

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            built = window.panels
            for name, widget in (("catalog", built.catalog_view), ("form", built.form),
                                 ("problems", built.problems)):
                if widget is not None and name not in self.panels:  # kept: one wrapper
                    self.panels[name] = getattr(widget, "tree", getattr(widget, "table", widget))
                    if name != "form":
                        self.panels[name] = self.panels[name].viewport()
            self.painted.update(n for n, w in self.panels.items() if obj is w)
            if built.complete and len(self.painted) == 3:
                print("complete", flush=True)
                app.removeEventFilter(self)
                QTimer.singleShot(0, app.quit)
        return False

app = QApplication(sys.argv[:1])
clock = QTimer()
clock.setInterval(1)
clock.timeout.connect(tick)
path = sys.argv[3] if len(sys.argv) > 3 and sys.argv[3] != "-" else None
if sys.argv[1] == "editor":  # the app's own launch, as `chime-policy-editor [FILE]` runs it
    from editor.app import build_parser, launch
    args, qt_args = build_parser().parse_known_args([path] if path else [])
    _, window, _ = launch(args, qt_args)
    shown = window.editor.viewport()
else:
    window = QMainWindow()
    window.resize(1320, 860)
    window.show()
    shown = window
    if path:
        from pathlib import Path
        from PySide6.QtWidgets import QPlainTextEdit
        editor = QPlainTextEdit()
        window.setCentralWidget(editor)
        editor.setPlainText(Path(path).read_text(encoding="utf-8"))
        shown = editor.viewport()
watcher = FirstPaint()
complete = Complete()
shown.installEventFilter(watcher)
app.exec()
if watch_ms:
    print("stall", max(gaps), flush=True)
"""


def _child(kind: str, folder: str, path: str | None, watch_ms: int = 0) -> subprocess.Popen[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = os.path.join(folder, "pycache")
    # The app's settings and crash log go to the run's own folder, not the user's.
    env["XDG_CONFIG_HOME"] = os.path.join(folder, "config")
    env["XDG_STATE_HOME"] = os.path.join(folder, "state")
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, kind, folder, path or "-", str(watch_ms)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )


def launch_ms(kind: str, folder: str, path: str | None = None) -> tuple[float, float]:
    """From process start to the child's report of its first paint of the text, and to its
    report of the window complete (not to its exit)."""
    start = time.perf_counter()
    child = _child(kind, folder, path)
    assert child.stdout is not None
    times, lines = [], []
    for expected in ("shown", "complete"):
        lines.append(child.stdout.readline().strip())
        times.append((time.perf_counter() - start) * 1e3)
        if lines[-1] != expected:
            child.kill()
            raise RuntimeError(f"{kind}: no report of its window {expected}: {lines}")
    child.wait(timeout=30)
    return times[0], times[1]


def stall_ms(kind: str, folder: str, path: str | None = None) -> float:
    """The longest the event loop stood still in the WATCH_MS after the first paint."""
    child = _child(kind, folder, path, WATCH_MS)
    out, _ = child.communicate(timeout=60)
    stalls = [float(line.split()[1]) for line in out.splitlines() if line.startswith("stall")]
    if not stalls:
        raise RuntimeError(f"{kind}: no report of the event loop after the first paint")
    return stalls[0]


def main() -> None:
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from _policies import policy_of_size

    with tempfile.TemporaryDirectory() as folder:
        policy = os.path.join(folder, "policy.json")
        with open(policy, "w", encoding="utf-8") as out:
            out.write(policy_of_size(6144))
        for path, target in ((None, 2.0), (policy, 1.5)):
            for kind in ("bare", "editor"):
                launch_ms(kind, folder, path)  # warm the file cache
            # Taking turns, so that both see the same load on a shared machine.
            runs = [(launch_ms("bare", folder, path), launch_ms("editor", folder, path))]
            runs += [
                (launch_ms("bare", folder, path), launch_ms("editor", folder, path))
                for _ in range(RUNS - 1)
            ]
            bare = statistics.median(b[0] for b, _ in runs)
            ours = statistics.median(e[0] for _, e in runs)
            whole = statistics.median(e[1] for _, e in runs)
            ratio = ours / bare
            what = "with a 6,144-character policy" if path else "without a file"
            base = "bare window + QPlainTextEdit of the file" if path else "bare PySide6 window"
            print(
                f"{what}: {base}: {bare:.0f} ms; editor: {ours:.0f} ms (median of {RUNS}, "
                f"to the first paint of the text); ratio {ratio:.2f}x; target <= {target}x: "
                f"{'met' if ratio <= target else 'MISSED'}"
            )
            print(
                f"  the editor's window complete (every panel built and painted): {whole:.0f} "
                f"ms (median of {RUNS}); against the same {base}: {whole / bare:.2f}x"
            )
            stalls = [(stall_ms("bare", folder, path), stall_ms("editor", folder, path))]
            stalls += [
                (stall_ms("bare", folder, path), stall_ms("editor", folder, path))
                for _ in range(STALL_RUNS - 1)
            ]
            bare_stall = max(b for b, _ in stalls)
            ours_stall = max(e for _, e in stalls)
            print(
                f"  then, for {WATCH_MS / 1e3:.1f} s after the first paint (worst of "
                f"{STALL_RUNS} runs), the longest event-loop stall: editor {ours_stall:.0f} ms; "
                f"bare window {bare_stall:.0f} ms; target < 100 ms: "
                f"{'met' if ours_stall < 100 else 'MISSED'}"
            )


if __name__ == "__main__":
    main()
