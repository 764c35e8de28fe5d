""" "Fix all (N)" says what Fix all will do: AWS's full-user example lists one safe fix (the
missing comma), and fixing it reveals a second (the mis-cased action, read once the list
parses); the button says 2, and the preview it opens shows 2 changed lines."""

import difflib
from pathlib import Path

from PySide6.QtCore import Qt

from tests.conftest import seed_examples

FULL_USER = seed_examples()[1]


def test_the_fix_all_count_is_the_changes_it_makes(window, qtbot, tmp_path: Path) -> None:
    path = tmp_path / "full-user.json"
    path.write_text(FULL_USER, encoding="utf-8")
    assert window.open_path(str(path))
    listed = [f for f in window.problems.model.findings if f.fix is not None and f.fix.safe]
    assert len(listed) == 1  # only the comma is fixable before the list parses
    assert window.problems.fix_all_button.text().replace("&", "") == "Fix all (2)"
    qtbot.mouseClick(window.problems.fix_all_button, Qt.MouseButton.LeftButton)
    ((_, before, after),) = window.dialogs.asked("preview")
    diff = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
    removed = [line for line in diff if line.startswith("-") and not line.startswith("---")]
    assert len(removed) == 2
    assert window.problems.fix_all_button.text().replace("&", "") == "Fix all"
    assert not window.problems.fix_all_button.isEnabled()
