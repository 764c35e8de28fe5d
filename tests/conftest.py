import os
import re
import sys
from pathlib import Path

import pytest
from hypothesis import settings

# Tests never need a screen; set before Qt is imported anywhere.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# CI (the CI variable set) runs every property test on the same examples and without a time
# limit per example: a red CI is a regression, never a new random draw or a loaded machine.
# At a desk the examples are new each run, which is where new bugs are found.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
# Under a tracer (the coverage the test command measures, a debugger) every line is slower
# by a varying amount: a per-example deadline then fails on timing, not on a bug.
settings.register_profile("traced", deadline=None)
if os.environ.get("CI"):
    settings.load_profile("ci")
elif sys.gettrace() is not None:
    settings.load_profile("traced")

ROOT = Path(__file__).resolve().parent.parent

# The user's own folders as they were before any test moved them: no test may write there.
REAL_CONFIG_HOME = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
REAL_STATE_HOME = Path(os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state")
# XDG_CACHE_HOME stays: fontconfig keeps its font cache there, and a new one per test is slow.
USER_FOLDERS = {"XDG_CONFIG_HOME": "config", "XDG_STATE_HOME": "state", "XDG_DATA_HOME": "data"}
SEED = ROOT / "tools" / "sources" / "aws_example_iam_roles.md"


def seed_examples() -> list[str]:
    """The four example policies of AWS's page, verbatim, defects included."""
    return re.findall(r"```\n(.*?)```", SEED.read_text(encoding="utf-8"), re.S)


@pytest.fixture(autouse=True)
def user_folders(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own config, state and data folders, for settings (recent files,
    geometry), the crash log and anything else saved per user; subprocesses inherit them.
    QSettings reads XDG_CONFIG_HOME once per process, so its user path is set as well."""
    from PySide6.QtCore import QSettings

    home = tmp_path_factory.mktemp("user")  # not tmp_path: tests list that folder
    for variable, folder in USER_FOLDERS.items():
        monkeypatch.setenv(variable, str(home / folder))
    for kind in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(kind, QSettings.Scope.UserScope, str(home / "config"))
    return home


@pytest.fixture(scope="session")
def seed() -> list[str]:
    return seed_examples()
