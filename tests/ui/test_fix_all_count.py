""" "Fix all (N)" counts the problems Fix all fixes, as the Problems list counts them: a problem
whose fix takes two edits (quotes on both sides of a bare `Allow`) is one problem. The button,
the preview's title and the status message after it say the same number (walkthrough 4: the
button said 3 beside two "(fixable)" rows, counting edits).

AWS's full-user example lists two fixable problems, one safe fix (the missing comma) whose
fix makes the second safe (the mis-cased action, once its list parses): the button says 2, the
tooltip says why."""

import difflib
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.conftest import seed_examples

ADMIN, FULL_USER = seed_examples()[:2]
# AWS's administrator example as printed (a missing and a trailing comma), with its first
# Effect's quotes lost as well: three problems, the last needing two edits.
ADMIN_BARE_ALLOW = ADMIN.replace('"Effect": "Allow"', '"Effect": Allow', 1)


def button(window) -> str:
    return window.problems.fix_all_button.text().replace("&", "")


def removed_lines(before: str, after: str) -> int:
    diff = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
    return sum(1 for line in diff if line.startswith("-") and not line.startswith("---"))


@pytest.mark.parametrize(
    ("text", "safe", "problems", "lines"),
    [
        pytest.param(ADMIN_BARE_ALLOW, 3, 3, 3, id="admin-example-bare-allow"),
        pytest.param(FULL_USER, 1, 2, 2, id="full-user-example-one-made-safe"),
    ],
)
def test_button_preview_and_status_count_the_problems_fixed(
    window, qtbot, tmp_path: Path, text: str, safe: int, problems: int, lines: int
) -> None:
    path = tmp_path / "policy.json"
    path.write_text(text, encoding="utf-8")
    assert window.open_path(str(path))
    rows = [window.problems.model.data(window.problems.model.index(r, 3)) for r in range(99)]
    assert sum(1 for r in rows if r and r.endswith("(fixable)")) == problems  # as listed
    assert button(window) == f"Fix all ({problems})"
    tooltip = window.problems.fix_all_button.toolTip()
    assert f"{safe} listed problem" in tooltip
    assert (f"and {problems - safe} more once those are fixed" in tooltip) == (problems > safe)
    qtbot.mouseClick(window.problems.fix_all_button, Qt.MouseButton.LeftButton)
    ((title, before, after),) = window.dialogs.asked("preview")
    # What is left is said too, as many errors as the Problems list then shows
    left = sum(1 for f in window.problems.model.findings if f.severity.value == "error")
    tail = f"; {left} errors left that no safe fix repairs" if left else ""
    assert title == f"Fix all ({problems} problems{tail})"
    assert removed_lines(before, after) == lines
    assert window.status.currentMessage() == (
        f"Fix all fixed {problems} problems, in one undo step{tail}."
    )
    assert not [f for f in window.problems.model.findings if f.code.startswith("json/")]
    assert button(window) == "Fix all"
    assert not window.problems.fix_all_button.isEnabled()
