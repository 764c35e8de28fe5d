"""Tests never touch the real user's settings: the autouse `user_folders` fixture (in
tests/conftest.py) moves QSettings and the XDG folders into a temporary folder per test."""

from __future__ import annotations

import uuid
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QApplication

from editor.ui.main_window import MainWindow
from tests.conftest import REAL_CONFIG_HOME, REAL_STATE_HOME, seed_examples
from tests.ui.conftest import FakeDialogs


def test_saving_recent_files_and_geometry_leaves_the_users_config_alone(
    qtbot, tmp_path: Path, user_folders: Path
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.organizationName(), app.applicationName()
    # A name no other run uses: other suites may write the real folder meanwhile.
    organization = f"isolation-{uuid.uuid4().hex}"
    app.setOrganizationName(organization)
    try:
        policy = tmp_path / "connect.json"
        policy.write_text(seed_examples()[3], encoding="utf-8")
        # No settings given: the window makes its own QSettings(), as the app does.
        window = MainWindow(dialogs=FakeDialogs())  # type: ignore[arg-type]
        qtbot.addWidget(window)
        window.show()
        assert window.open_path(str(policy))
        window.close()  # saves the geometry; opening saved the recent files
        window.settings.sync()
        written = Path(window.settings.fileName())
        state = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.StateLocation))
    finally:
        app.setOrganizationName(before[0])
        app.setApplicationName(before[1])

    assert written.is_relative_to(user_folders / "config"), written
    saved = QSettings(str(written), QSettings.Format.IniFormat)
    assert saved.value("geometry") is not None
    assert str(policy.resolve()) in str(saved.value("recentFiles"))
    assert state.is_relative_to(user_folders / "state")
    assert not (REAL_CONFIG_HOME / organization).exists()
    assert not (REAL_STATE_HOME / organization).exists()
