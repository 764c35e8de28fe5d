"""Start-up paints the window and the opened file before loading what that paint does not
need: pydantic (the form's validation, the generator), the access engine (the Access dock,
closed), the checks themselves (they run on the worker after the paint), the readers of
templates and pages (a plain policy file needs none), the panels that follow the paint
(catalog tree, ARN form, Problems list) and Qt's enum namespace. Each costs start-up time
the user waits for; benchmarks/startup.py measures it, this test keeps them out of the way."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Run as `chime-policy-editor FILE` does, until the editor's first paint; then the Access
# dock is opened, so that the same process shows that what was left out still arrives.
CHILD = """
import gc, inspect, json, sys
import PySide6.QtCore
from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication

read = []  # the modules whose source PySide reads (see editor/ui/pyside_features.py)
getsource = inspect.getsource
inspect.getsource = lambda obj: (read.append(getattr(obj, "__name__", "")), getsource(obj))[1]
app = QApplication(sys.argv[:1])
collector = gc.get_threshold()
from editor.ui.main_window import MainWindow

seen = {"collector before": collector, "collector while starting": gc.get_threshold()}

window = MainWindow(QSettings(sys.argv[1], QSettings.Format.IniFormat))
window.show()
window.open_path(sys.argv[2])

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and "painted" not in seen:
            seen["painted"] = sorted(sys.modules)
            seen["sources read"] = list(read)
            seen["frozen at paint"] = gc.get_freeze_count()
            # PySide makes a module's classes when first named: Qt's namespace, whole.
            seen["qt enums at paint"] = "Qt" in vars(PySide6.QtCore)
            QTimer.singleShot(0, later)
        return False

def later():
    window.access.show_tab(1)  # Grants: the access engine now
    seen["dock"] = window.access.grants.isVisible()
    seen["after"] = sorted(sys.modules)
    seen["collector after"] = gc.get_threshold()
    app.quit()

watcher = FirstPaint()
window.editor.viewport().installEventFilter(watcher)
app.exec()
window.document.mark_saved()
print(json.dumps(seen))
"""

NOT_BEFORE_FIRST_PAINT = (
    "pydantic",
    "editor.core.policy.arnvalues",
    "editor.core.policy.generate",
    "editor.core.lint.engine",
    "editor.core.access.evaluate",
    "editor.core.access.grants",
    "editor.core.export.containers",
    "editor.ui.access_pane",
    "editor.ui.grants_view",
    "editor.ui.catalog_model",
    "editor.ui.catalog_view",
    "editor.ui.arn_form",
    "editor.ui.problems_view",
)


@pytest.fixture(scope="module")
def modules(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    folder = tmp_path_factory.mktemp("startup")
    policy = folder / "policy.json"
    policy.write_text(
        json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Action": ["chime:SendChannelMessage"],
                        "Resource": "arn:aws:chime:us-east-1:111122223333:app-instance/a/user/u",
                    }
                ],
            },
            indent=4,
        ),
        encoding="utf-8",
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(folder / "settings.ini"), str(policy)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
        check=True,
    )
    result: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


@pytest.mark.parametrize("module", NOT_BEFORE_FIRST_PAINT)
def test_the_first_paint_does_not_wait_for(modules: dict[str, object], module: str) -> None:
    painted = modules["painted"]
    assert isinstance(painted, list)
    assert module not in painted


def test_the_first_paint_does_not_build_qt_enum_namespace(modules: dict[str, object]) -> None:
    """Naming Qt (Qt.Orientation, Qt.ItemDataRole...) has PySide build all its 93 enums,
    ~18 ms that a bare window never pays; so do some overloads (QBrush(QColor), setShortcut,
    QPainter.setPen/fillRect) that PySide matches against Qt's enums. The panels that follow
    the paint build it then."""
    assert modules["qt enums at paint"] is False


def test_start_up_reads_no_source_of_ours(modules: dict[str, object]) -> None:
    """PySide reads the source of each module imported after it (10-13 ms of start-up for the
    window's ninety); it is told instead that none of ours switches a PySide feature."""
    read = modules["sources read"]
    assert isinstance(read, list)
    ours = [name for name in read if name.startswith("editor.")]
    assert ours == ["editor.ui.pyside_features"]  # imported before it answers for the rest


def test_what_was_left_out_arrives_when_asked_for(modules: dict[str, object]) -> None:
    after = modules["after"]
    assert modules["dock"] is True
    assert isinstance(after, list)
    assert "editor.core.access.grants" in after
    assert "editor.ui.grants_view" in after


# A window with no file: its first analysis needs no pydantic, but the first tick will.
WARM_CHILD = """
import json, sys, threading
from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication

imported_on = []

class Recorder:
    def find_spec(self, name, path=None, target=None):
        if name == "pydantic":
            imported_on.append(threading.current_thread() is threading.main_thread())
        return None

sys.meta_path.insert(0, Recorder())
app = QApplication(sys.argv[:1])
from editor.ui.main_window import MainWindow

window = MainWindow(QSettings(sys.argv[1], QSettings.Format.IniFormat))
window.show()

def poll():
    if "editor.core.policy.selection" in sys.modules or poll.left == 0:
        app.quit()
    else:
        poll.left -= 1
        QTimer.singleShot(50, poll)

poll.left = 600
QTimer.singleShot(0, poll)
app.exec()
window.document.analyzer.shutdown()
ready = "editor.core.policy.selection" in sys.modules
print(json.dumps({"on_gui_thread": imported_on, "ready": ready}))
"""


def test_pydantic_is_imported_after_the_paint_off_the_gui_thread(tmp_path: Path) -> None:
    """Imported on the GUI thread, pydantic stood the new window still for 120-170 ms just
    after it appeared; on the analysis worker the window goes on answering meanwhile, and the
    first tick still finds the generator ready."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-c", WARM_CHILD, str(tmp_path / "settings.ini")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
        check=True,
    )
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen["ready"] is True
    assert seen["on_gui_thread"] == [False]


def test_a_warm_up_on_the_worker_leaves_the_analysis_as_it_was(qtbot) -> None:
    """The warm-up runs on the worker ahead of the job submitted after it; the job's findings
    still arrive, and afterwards the interpreter switches threads as seldom as before (often
    only while the worker runs, so that keys are not kept waiting)."""
    from editor.core.lint.engine import LintOptions
    from editor.core.policy import editing
    from editor.ui.analysis import Analyzer, Job

    before = sys.getswitchinterval()
    analyzer = Analyzer()
    ran: list[str] = []
    try:
        analyzer.warm_up(lambda: ran.append(threading.current_thread().name))
        with qtbot.waitSignal(analyzer.done, timeout=30000) as done:
            analyzer.version = 1
            text = '{"Version": "2012-10-17", "Statement": []}'
            analyzer.submit(Job(1, editing.new_state(text, sync=False), LintOptions()))
        qtbot.waitUntil(lambda: sys.getswitchinterval() == before, timeout=10000)
    finally:
        analyzer.shutdown()
    assert ran and ran[0].startswith("analysis")
    assert any(f.code == "policy/empty-array" for f in done.args[0].result.findings)


def test_the_collector_waits_for_the_first_paint_only(modules: dict[str, object]) -> None:
    """Young collections are held while the window's modules load and it is built (they
    found nothing to free there, 4 ms of start-up), and are back as before once it is
    painted: a window left with them held would grow its garbage between collections. What
    start-up built is frozen at that paint, so that the first collections after it do not
    walk all of it (a stall of 50-70 ms)."""
    from editor.ui.first_paint import HELD_THRESHOLD

    before, starting, after = (
        modules[f"collector {when}"] for when in ("before", "while starting", "after")
    )
    assert isinstance(before, list) and isinstance(starting, list)
    assert starting[0] == HELD_THRESHOLD > before[0]
    assert starting[1:] == before[1:]
    assert after == before
    frozen = modules["frozen at paint"]
    assert isinstance(frozen, int) and frozen > 10_000  # about 40,000 when written
