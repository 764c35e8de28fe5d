"""An exception nothing caught: logged to the user's state folder, shown in a dialog that
copies it, and the editor goes on. The exceptions are raised on purpose by the tests (a lint
that fails, a thread that fails): nothing in the shipped editor raises them."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from editor.core.lint import engine
from editor.ui.crash import LOG_NAME, CrashReporter, configure_logging, state_folder
from editor.ui.crash_dialog import CrashDialog
from editor.ui.main_window import SLOW_ANALYSIS_MS
from tests.conftest import seed_examples

# pytest-qt turns an exception in a slot into a test failure by replacing sys.excepthook;
# these tests check the editor's own hook, so that capture is off for them.
pytestmark = pytest.mark.qt_no_exception_capture


class LintBug(RuntimeError):
    pass


def failing_lint(*args: object, **kwargs: object) -> object:
    raise LintBug("rule table is empty")


def crash_dialog() -> CrashDialog | None:
    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, CrashDialog)]
    return next((d for d in shown if d.isVisible()), None)


def run_app(monkeypatch, argv: list[str], session) -> int:
    """The real `chime-policy-editor` entry point; `session(window)` stands in for the user
    while its event loop would run."""
    from editor import app

    before = set(QApplication.topLevelWidgets())

    def fake_exec() -> int:
        (window,) = [
            w
            for w in QApplication.topLevelWidgets()
            if w.objectName() == "main" and w.isVisible() and w not in before
        ]
        try:
            session(window)
        finally:
            window.document.mark_saved()
            window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", staticmethod(fake_exec))
    return app.main(argv)


def test_an_error_in_the_analysis_reaches_the_dialog_and_the_log_and_the_editor_goes_on(
    qtbot, monkeypatch, tmp_path: Path, user_folders: Path
) -> None:
    policy = tmp_path / "connect.json"
    policy.write_text(seed_examples()[3], encoding="utf-8")
    seen: dict[str, object] = {}

    def session(window) -> None:
        log_file = state_folder() / LOG_NAME
        seen["log_file"] = log_file
        qtbot.waitUntil(lambda: not window.document.analysis_pending, timeout=10_000)
        assert not log_file.exists()  # nothing went wrong yet: no file written
        monkeypatch.setattr(engine, "lint", failing_lint)
        window.editor.setFocus()
        window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
        qtbot.keyClicks(window.editor, " ")  # the analysis of this text fails on the worker
        qtbot.waitUntil(lambda: crash_dialog() is not None, timeout=10_000)
        dialog = crash_dialog()
        assert dialog is not None
        seen["summary"] = dialog.summary.text()
        seen["details"] = dialog.details.toPlainText()
        seen["where"] = dialog.where.text()
        qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
        seen["clipboard"] = QGuiApplication.clipboard().text()
        seen["log"] = log_file.read_text(encoding="utf-8")
        # The window does not go on saying that a check is coming.
        assert not window.document.analysis_pending
        qtbot.wait(SLOW_ANALYSIS_MS + 100)  # past the moment a slow check shows its busy bar
        assert not window.status.busy.isVisible()
        seen["status"] = window.status.currentMessage()
        qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
        assert not dialog.isVisible()
        # The editor goes on: with the bug gone, typing is read and checked again.
        monkeypatch.undo()
        qtbot.keyClicks(window.editor, "x")
        qtbot.waitUntil(lambda: not window.document.analysis_pending, timeout=10_000)
        seen["text"] = window.editor.toPlainText()
        seen["codes"] = {f.code for f in window.document.result.findings}

    assert run_app(monkeypatch, [str(policy)], session) == 0

    log_file = seen["log_file"]
    assert isinstance(log_file, Path) and log_file.is_relative_to(user_folders / "state")
    assert "LintBug: rule table is empty" in str(seen["summary"])
    assert str(log_file) in str(seen["where"])
    for where in ("details", "clipboard", "log"):
        text = str(seen[where])
        assert "Traceback (most recent call last)" in text, where
        assert "failing_lint" in text and "LintBug: rule table is empty" in text, where
    assert str(seen["clipboard"]).startswith("Chime policy editor ")
    assert "CRITICAL editor.ui.crash: unexpected error" in str(seen["log"])
    assert str(seen["status"]).startswith("Checking stopped on an unexpected error")
    assert str(seen["text"]).endswith(" x")
    assert "json/unexpected" in seen["codes"]  # the stray x: read and checked again


@pytest.fixture
def reporter(qtbot, user_folders: Path):
    """The hook, the log and the dialog wired as `editor.app.main` wires them."""
    log_file = state_folder() / LOG_NAME
    stop_logging = configure_logging(False, log_file)
    reporter = CrashReporter(log_file)
    dialog = CrashDialog(log_file)
    qtbot.addWidget(dialog)
    reporter.crashed.connect(dialog.show_error)
    reporter.install()
    yield reporter
    reporter.uninstall()
    stop_logging()


def test_an_error_in_another_thread_is_shown_on_the_gui_thread(reporter, qtbot) -> None:
    def work() -> None:
        raise LintBug("worker lost its job")

    worker = threading.Thread(target=work, name="analysis-test")
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: crash_dialog() is not None, timeout=5000)
    dialog = crash_dialog()
    assert dialog is not None and "worker lost its job" in dialog.summary.text()
    assert "LintBug: worker lost its job" in reporter.log_file.read_text(encoding="utf-8")


def test_errors_while_the_dialog_is_open_are_counted_on_it_not_stacked(reporter, qtbot) -> None:
    from PySide6.QtCore import QTimer

    def fail(message: str) -> None:
        raise LintBug(message)

    for message in ("first", "second", "third"):
        QTimer.singleShot(0, lambda m=message: fail(m))
    qtbot.waitUntil(lambda: crash_dialog() is not None and crash_dialog().more == 2)
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, CrashDialog)]
    assert len([d for d in dialogs if d.isVisible()]) == 1
    dialog = crash_dialog()
    assert "first" in dialog.summary.text()  # the first error explains the others
    assert dialog.following.text() == "2 more errors happened since; the log has every one."
    log = reporter.log_file.read_text(encoding="utf-8")
    assert all(f"LintBug: {m}" in log for m in ("first", "second", "third"))


def test_the_hooks_are_put_back_when_the_app_ends(monkeypatch) -> None:
    import sys

    before = sys.excepthook, threading.excepthook
    assert run_app(monkeypatch, [], lambda window: None) == 0
    assert (sys.excepthook, threading.excepthook) == before


def test_verbose_logs_what_the_editor_does_to_stderr(monkeypatch, capsys, tmp_path) -> None:
    policy = tmp_path / "connect.json"
    policy.write_text(seed_examples()[3], encoding="utf-8")
    assert run_app(monkeypatch, ["--verbose", str(policy)], lambda window: None) == 0
    err = capsys.readouterr().err
    assert f"DEBUG editor.ui.file_controller: opened {policy}" in err
    assert run_app(monkeypatch, [str(policy)], lambda window: None) == 0
    assert "DEBUG" not in capsys.readouterr().err
