"""Start-up paints the frame and the text first; the catalog tree, the ARN form, the Problems
list and the Access dock follow in the next turns of the event loop (window_panels.py). The
text does not move when they arrive, they work once there, and nothing asked of them before
they were built is lost: asking builds them at once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, QSettings, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from editor.ui.main_window import MainWindow
from editor.ui.window_panels import CATALOG_HINTS, FORM_HINTS, PROBLEMS_HINTS
from tests.ui.conftest import FakeDialogs
from tests.ui.test_catalog_filter import click_check

BASE = "arn:aws:chime:us-east-1:111122223333:app-instance/a"
POLICY = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Action": ["chime:SendChannelMessage", "chime:Listchannels"],
                "Resource": f"{BASE}/user/u",
            }
        ],
    },
    indent=4,
)


class FirstPaint(QObject):
    """What the window showed when the editor's text was first painted."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.window = window
        self.seen: dict[str, object] = {}
        window.editor.viewport().installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.seen:
            window = self.window
            self.seen = {
                "text": window.editor.toPlainText(),
                "layout": window.layout_combo.currentText(),
                "panels": [
                    window.panels.catalog_view,
                    window.panels.form,
                    window.panels.problems,
                ],
                "editor at": window.editor.viewport().mapTo(window, QPoint(0, 0)),
                "editor size": window.editor.viewport().size(),
                "splitters": [s.sizes() for s in (window.main, window.left, window.right)],
            }
        return False


@pytest.fixture
def launched(qtbot, tmp_path: Path):
    """A window launched as `chime-policy-editor FILE` launches it, its panels left to
    come in their own time (the `window` fixture builds them at once)."""
    path = tmp_path / "policy.json"
    path.write_text(POLICY, encoding="utf-8")
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings, FakeDialogs())  # type: ignore[arg-type]
    window.document.analysis_immediate = True
    qtbot.addWidget(window, before_close_func=lambda w: w.document.mark_saved())
    first = FirstPaint(window)
    window.show()
    window.open_path(str(path))
    return window, first, path


def test_the_text_is_painted_first_and_the_panels_follow(launched, qtbot) -> None:
    window, first, _ = launched
    assert not window.panels.complete  # nothing built them before the event loop ran
    analysed_before: list[bool] = []  # the first analysis waits for the panels (the GIL)
    window.completed.connect(lambda: analysed_before.append(window.document.result is not None))
    with qtbot.waitSignal(window.completed, timeout=10000):
        pass
    assert analysed_before == [False]
    assert first.seen["text"] == POLICY
    assert first.seen["layout"] == "As written"  # the file's, not the untitled policy's
    assert first.seen["panels"] == [None, None, None]
    # Complete: the ticks and the findings of the file opened before the panels existed.
    qtbot.waitUntil(lambda: window.problems.model.rowCount() > 0, timeout=10000)
    assert "SendChannelMessage" in window.catalog_model.selected
    codes = [f.code for f in window.problems.model.findings]
    assert "action/miscased" in codes  # chime:Listchannels


def test_the_text_does_not_move_when_the_panels_arrive(launched, qtbot) -> None:
    window, first, _ = launched
    with qtbot.waitSignal(window.completed, timeout=10000):
        pass
    qtbot.wait(50)  # laid out and painted
    viewport = window.editor.viewport()
    assert viewport.mapTo(window, QPoint(0, 0)) == first.seen["editor at"]
    assert viewport.size() == first.seen["editor size"]
    assert [s.sizes() for s in (window.main, window.left, window.right)] == first.seen["splitters"]


def test_the_placeholders_ask_for_the_room_the_panels_ask_for(launched, qtbot) -> None:
    """The splitters share the window out by these hints: equal, the window looks as it did
    when the panels were built before it was shown (the README's screenshots are unchanged).
    A panel that changes its hints changes the numbers in window_panels.py."""
    window, _, _ = launched
    window.finish_building()
    for widget, (hint, minimum) in (
        (window.left.widget(0), CATALOG_HINTS),
        (window.left.widget(1), FORM_HINTS),
        (window.right.widget(1), PROBLEMS_HINTS),
    ):
        assert (widget.sizeHint(), widget.minimumSizeHint()) == (hint, minimum)


def test_the_panels_work_with_real_clicks_and_keys(launched, qtbot) -> None:
    window, _, _ = launched
    with qtbot.waitSignal(window.completed, timeout=10000):
        pass
    model = window.catalog_model
    group = next(i for i, g in enumerate(model.groups) if g.title == "Full user")
    row = next(
        i for i, a in enumerate(model.groups[group].actions) if a.name == "DeleteChannelMessage"
    )
    click_check(qtbot, window.catalog_view, model.index(row, 0, model.index(group, 0)))
    assert "chime:DeleteChannelMessage" in window.editor.toPlainText()
    field = window.form.inputs["account_id"]
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)  # replace it
    qtbot.keyClicks(field, "444455556666")
    assert "444455556666" in window.editor.toPlainText()
    assert "111122223333" not in window.editor.toPlainText()


def test_a_shortcut_before_the_panels_arrive_builds_them_and_lands(launched, qtbot) -> None:
    """Ctrl+2 (the ARN form) pressed as the window appears: the form is built there and then,
    its first field takes the focus, and what is typed next goes into the policy."""
    window, _, _ = launched
    qtbot.waitExposed(window)
    window.activateWindow()
    assert not window.panels.complete
    QTest.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.panels.complete
    form = window.form
    assert QApplication.focusWidget() is form.inputs["partition"]
    for _ in range(2):  # on to the account ID, past the region
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    account = form.inputs["account_id"]
    assert QApplication.focusWidget() is account
    qtbot.keyClick(account, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(account, "444455556666")
    assert "444455556666" in window.editor.toPlainText()


def test_a_tick_asked_for_before_the_panels_arrive_is_made(launched, qtbot) -> None:
    window, _, _ = launched
    assert not window.panels.complete
    model = window.catalog_model  # asking for it builds the panels at once
    group = next(i for i, g in enumerate(model.groups) if g.title == "WebSocket connect")
    model.setData(model.index(group, 0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert "chime:Connect" in window.editor.toPlainText()
    assert window.panels.complete
    qtbot.wait(50)  # the turns that would have built them find nothing left to build


def test_a_file_opened_before_the_panels_arrive_shows_in_them(launched, qtbot, tmp_path) -> None:
    window, _, _ = launched
    other = tmp_path / "other.json"
    other.write_text(POLICY.replace("SendChannelMessage", "CreateChannel"), encoding="utf-8")
    assert not window.panels.complete
    assert window.open_path(str(other))
    with qtbot.waitSignal(window.completed, timeout=10000):
        pass
    qtbot.waitUntil(lambda: "CreateChannel" in window.catalog_model.selected, timeout=10000)
    assert "SendChannelMessage" not in window.catalog_model.selected


def test_a_window_closed_before_its_panels_arrive_closes_quietly(qtbot, tmp_path) -> None:
    """No turn comes back to build into a deleted window (pytest-qt fails the test on an
    exception in the event loop)."""
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings, FakeDialogs())  # type: ignore[arg-type]
    window.show()
    qtbot.waitExposed(window)
    window.close()
    window.deleteLater()
    qtbot.wait(100)


def test_ctrl_5_before_the_panels_arrive_opens_the_access_dock_in_its_place(launched, qtbot):
    """The dock is made hidden at start-up and put under the editor when first shown."""
    window, _, _ = launched
    qtbot.waitExposed(window)
    window.activateWindow()
    assert not window.panels.complete
    assert window.access.check_action.shortcut() == QKeySequence("Ctrl+5")
    QTest.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    dock = window.access
    assert dock.isVisible() and not dock.isFloating()
    assert window.dockWidgetArea(dock) == Qt.DockWidgetArea.BottomDockWidgetArea
    assert dock.geometry().top() > window.editor.mapTo(window, QPoint(0, 0)).y()
