"""A real main window per test, with settings in a temporary file and scripted dialogs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from editor.ui.dialogs import Answer, DiskAnswer
from editor.ui.main_window import MainWindow


class FakeDialogs:
    """Stands in for every question the window asks; records them; answers as scripted."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple]] = []
        self.open_answer: str | None = None
        self.save_answer: str | None = None
        self.ask_save_answer = Answer.CANCEL
        self.reload_answer = True
        self.overwrite_answer = DiskAnswer.CANCEL
        self.read_only_answer = False
        self.choice: int | None = 0
        self.preview_answer = True

    def open_path(self, directory: str = "") -> str | None:
        self.calls.append(("open_path", (directory,)))
        return self.open_answer

    def save_path(self, suggested: str, filter_: str = "") -> str | None:
        self.calls.append(("save_path", (suggested,)))
        return self.save_answer

    def ask_save(self, name: str) -> Answer:
        self.calls.append(("ask_save", (name,)))
        return self.ask_save_answer

    def ask_reload(self, name: str, modified: bool) -> bool:
        self.calls.append(("ask_reload", (name, modified)))
        return self.reload_answer

    def ask_read_only(self, name: str) -> bool:
        self.calls.append(("ask_read_only", (name,)))
        return self.read_only_answer

    def ask_overwrite(self, name: str) -> DiskAnswer:
        self.calls.append(("ask_overwrite", (name,)))
        return self.overwrite_answer

    def error(self, title: str, text: str, detail: str = "") -> None:
        self.calls.append(("error", (title, text)))

    def choose(self, title: str, label: str, items: list[str]) -> int | None:
        self.calls.append(("choose", (title, label, tuple(items))))
        return self.choice

    def preview(self, title: str, before: str, after: str) -> bool:
        self.calls.append(("preview", (title, before, after)))
        return self.preview_answer

    def busy(self, label: str, work: Callable[[], object]) -> object:
        self.calls.append(("busy", (label,)))
        return work()

    def asked(self, name: str) -> list[tuple]:
        return [args for call, args in self.calls if call == name]


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, settings: QSettings):
    win = MainWindow(settings, FakeDialogs())  # type: ignore[arg-type]
    win.document.analysis_immediate = True  # lint at once instead of on the next loop turn
    win.access.throttle.immediate = True  # the Access dock too (its debounce: test_access_audit)
    # pytest-qt closes the window before this fixture's teardown: saved first, or the close
    # is refused (the save prompt answers Cancel) and the window stays open for later tests.
    qtbot.addWidget(win, before_close_func=lambda w: w.document.mark_saved())
    win.show()
    qtbot.waitExposed(win)
    win.document.release_analysis()  # the window holds its first analysis until painted
    win.finish_building()  # its panels follow the first paint: tests get the whole window
    return win
