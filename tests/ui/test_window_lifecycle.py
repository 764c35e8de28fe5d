"""The window's everyday life: quitting, files changed by other programs, the screen it is on,
where exports go, and files dragged onto it."""

import json
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, QRect, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent

from tests.conftest import ROOT, seed_examples

POLICY = seed_examples()[3]  # AWS's WebSocket-connect example


@pytest.fixture
def opened(window, tmp_path: Path) -> Path:
    path = tmp_path / "connect.json"
    path.write_text(POLICY, encoding="utf-8")
    assert window.open_path(str(path))
    return path


def test_quit_with_discard_leaves_no_traceback(tmp_path: Path) -> None:
    # The real application, quit from its menu with unsaved changes, the prompt answered
    # Discard; the process must end cleanly (the undo stack used to call back into the
    # deleted window as it was destroyed).
    script = textwrap.dedent(
        """
        import sys
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication, QMessageBox
        from editor.ui.main_window import MainWindow

        app = QApplication(sys.argv)
        window = MainWindow()
        window.show()
        window.editor.setFocus()
        window.editor.insertPlainText("{}")  # unsaved changes, typed

        def discard():
            box = QApplication.activeModalWidget()
            box.button(QMessageBox.StandardButton.Discard).click()

        QTimer.singleShot(100, window.quit_action.trigger)
        QTimer.singleShot(400, discard)
        QTimer.singleShot(5000, lambda: sys.exit("the window did not close"))
        sys.exit(app.exec())
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={"QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path), "HOME": "/"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "already deleted" not in result.stderr


def test_a_file_rewritten_in_place_prompts_once(window, opened: Path, qtbot) -> None:
    changed = seed_examples()[2]
    with opened.open("w", encoding="utf-8") as handle:  # truncates: a first change
        handle.write(changed[:40])
        handle.flush()
        time.sleep(0.08)
        handle.write(changed[40:])  # a second change, as editors and scripts write
        handle.flush()
    qtbot.waitUntil(lambda: bool(window.dialogs.asked("ask_reload")), timeout=5000)
    qtbot.wait(600)  # any further signal would have prompted by now
    assert len(window.dialogs.asked("ask_reload")) == 1
    assert window.editor.toPlainText() == changed


def test_no_second_prompt_over_an_open_one(window, opened: Path, qtbot) -> None:
    # The other program writes again while the user reads the first prompt.
    latest = seed_examples()[2]
    dialogs = window.dialogs
    answered = dialogs.ask_reload

    def ask_reload(name: str, modified: bool) -> bool:
        if not dialogs.asked("ask_reload"):
            opened.write_text(latest, encoding="utf-8")
            qtbot.wait(800)  # the prompt's event loop runs on
        return answered(name, modified)

    dialogs.ask_reload = ask_reload
    opened.write_text(seed_examples()[0], encoding="utf-8")
    qtbot.waitUntil(lambda: bool(dialogs.asked("ask_reload")), timeout=5000)
    qtbot.wait(800)
    assert len(dialogs.asked("ask_reload")) == 1
    assert window.editor.toPlainText() == latest  # the reload takes the file as it is now


def test_declining_a_reload_is_remembered_for_that_text(window, opened: Path, qtbot) -> None:
    window.dialogs.reload_answer = False
    opened.write_text(seed_examples()[2], encoding="utf-8")
    qtbot.waitUntil(lambda: bool(window.dialogs.asked("ask_reload")), timeout=5000)
    opened.write_text(seed_examples()[2], encoding="utf-8")  # touched again, same text
    qtbot.wait(600)
    assert len(window.dialogs.asked("ask_reload")) == 1
    assert window.editor.toPlainText() == POLICY
    opened.write_text(seed_examples()[1], encoding="utf-8")  # a new text asks again
    qtbot.waitUntil(lambda: len(window.dialogs.asked("ask_reload")) == 2, timeout=5000)


def test_our_own_save_does_not_prompt(window, opened: Path, qtbot) -> None:
    window.editor.setPlainText(POLICY.replace("Allow", "Deny"))
    assert window.files.save()
    qtbot.wait(600)
    assert window.dialogs.asked("ask_reload") == []


def test_first_window_fits_the_available_screen(qtbot, settings) -> None:
    # The offscreen screen is 800x600, smaller than the default size (as 1280x800 was for
    # the title bar, status bar and Fix all).
    from editor.ui.main_window import MainWindow
    from tests.ui.conftest import FakeDialogs

    window = MainWindow(settings, FakeDialogs())  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    area = window.screen().availableGeometry()
    assert area.contains(window.frameGeometry())
    for widget in (window.statusBar(), window.problems.fix_all_button, window.menuBar()):
        assert widget.isVisible()
        shown = QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())
        assert area.contains(shown), widget


LAPTOP_SCRIPT = """
import json, sys
from PySide6.QtCore import QPoint, QRect, QSettings
from PySide6.QtWidgets import QApplication
from editor.ui.main_window import MainWindow

app = QApplication(sys.argv)
window = MainWindow(QSettings(sys.argv[1], QSettings.Format.IniFormat))
window.show()
app.processEvents()
area = window.screen().availableGeometry()
def inside(widget):
    shown = QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())
    return widget.isVisible() and area.contains(shown)
print(json.dumps({
    "screen": [area.width(), area.height()],
    "frame": area.contains(window.frameGeometry()),
    "status bar": inside(window.statusBar()),
    "fix all": inside(window.problems.fix_all_button),
}))
"""


def test_first_window_fits_a_1280x800_laptop_screen(tmp_path: Path) -> None:
    # The screen, through the offscreen platform's screen configuration.
    screen = tmp_path / "screen.json"
    screen.write_text(
        '{"windowFrameMargins": true, "screens": [{"name": "laptop", "x": 0, "y": 0,'
        ' "width": 1280, "height": 800, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}'
    )
    result = subprocess.run(
        [sys.executable, "-c", LAPTOP_SCRIPT, str(tmp_path / "settings.ini")],
        cwd=ROOT,
        env={"QT_QPA_PLATFORM": f"offscreen:configfile={screen}", "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)
    assert shown == {"screen": [1280, 800], "frame": True, "status bar": True, "fix all": True}


def test_export_dialog_starts_in_the_policys_folder(
    window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "policies"
    folder.mkdir()
    path = folder / "connect.json"
    path.write_text(POLICY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # the working folder is elsewhere
    window.open_path(str(path))
    window.export_menu.template.setChecked(True)  # the seed keeps its placeholders
    window.export_menu.actions["terraform"].trigger()
    ((suggested,),) = window.dialogs.asked("save_path")
    assert Path(suggested).parent == folder
    assert Path(suggested).suffix == ".tf"


def _drag(window, urls: list[QUrl]) -> tuple[QDragEnterEvent, QDropEvent, QMimeData]:
    data = QMimeData()
    data.setUrls(urls)
    enter = QDragEnterEvent(
        QPoint(20, 20),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    enter.setAccepted(False)
    window.dragEnterEvent(enter)
    drop = QDropEvent(
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    drop.setAccepted(False)
    if enter.isAccepted():  # Qt delivers the drop only where the drag was accepted
        window.dropEvent(drop)
    return enter, drop, data  # the events refer to the data: keep it alive


def test_dragging_a_policy_file_in_opens_it(window, tmp_path: Path) -> None:
    path = tmp_path / "dropped.json"
    path.write_text(POLICY, encoding="utf-8")
    enter, drop, _ = _drag(window, [QUrl.fromLocalFile(str(path))])
    assert enter.isAccepted() and drop.isAccepted()
    assert window.files.path == str(path.resolve())
    assert window.editor.toPlainText() == POLICY


@pytest.mark.parametrize(
    "url",
    [
        lambda tmp: QUrl("https://docs.aws.amazon.com/chime-sdk/latest/dg/iam-roles.html"),
        lambda tmp: QUrl.fromLocalFile(str(tmp)),  # a folder
        lambda tmp: QUrl.fromLocalFile(str(tmp / "gone.json")),  # no such file
    ],
    ids=["web-link", "folder", "missing"],
)
def test_a_drag_the_window_refuses_opens_nothing(window, tmp_path: Path, url) -> None:
    before = window.editor.toPlainText()
    enter, _, data = _drag(window, [url(tmp_path)])
    assert not enter.isAccepted()
    # Even if a platform delivered the drop anyway, nothing opens and nothing is asked.
    drop = QDropEvent(
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(drop)
    assert window.files.path is None and window.editor.toPlainText() == before
    assert window.dialogs.calls == []
