"""The problems pane alone (no window, no document), fed the findings the lint makes of AWS's
own full-user example as pasted: the rows a user reads, a click or Enter on a row moves the
editor's cursor to the problem, Quick fix and Fix all ask for the right fixes, and the row a
user selected stays selected while the findings around it change."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from editor.core.lint.engine import lint
from editor.core.text.findings import Finding
from editor.ui.json_editor import JsonEditor
from editor.ui.problems_view import ProblemsView
from tests.conftest import seed_examples

FULL_USER = seed_examples()[1]  # a missing comma, a mis-cased action, placeholders
CONNECT = '"chime:Connect"'  # the comma after it is missing


@pytest.fixture
def findings() -> tuple[Finding, ...]:
    return lint(FULL_USER).findings


@pytest.fixture
def pane(qtbot, findings) -> ProblemsView:
    view = ProblemsView()
    qtbot.addWidget(view)
    view.resize(900, 400)
    with qtbot.waitExposed(view):
        view.show()
    view.set_findings(findings)
    return view


def shown(view: ProblemsView, row: int) -> list[str]:
    model = view.table.model()
    return [model.index(row, c).data() for c in range(model.columnCount())]


def click_row(qtbot, view: ProblemsView, row: int) -> None:
    rect = view.table.visualRect(view.table.model().index(row, 3))
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def line_col(text: str, needle: str) -> tuple[int, int]:
    """1-based line and column of the first `needle` in `text`, counted here, not by us."""
    offset = text.index(needle)
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def test_rows_show_errors_first_each_at_its_line_and_column(pane, findings) -> None:
    assert pane.title.text() == f"Problems ({len(findings)})"
    rows = [shown(pane, r) for r in range(pane.table.model().rowCount())]
    marks = [row[0] for row in rows]
    assert marks == sorted(marks, key=lambda m: ("error", "warning", "info").index(m.split()[1]))
    # The mis-cased action, a warning with a fix, where the text has it.
    line, column = line_col(FULL_USER, '"chime:Listsubchannels"')
    (cased,) = [row for row in rows if row[2] == "action/miscased"]
    assert cased[0] == "▲ warning" and cased[1] == f"{line}:{column}"
    assert cased[3].endswith("(fixable)")
    # The missing comma: an error, where the comma belongs (after "chime:Connect").
    line, column = line_col(FULL_USER, CONNECT + "\n")
    (comma,) = [row for row in rows if row[2] == "json/missing-comma"]
    assert comma[:2] == ["● error", f"{line}:{column + len(CONNECT)}"]


def test_a_click_on_a_row_moves_the_editors_cursor_to_the_problem(qtbot, pane) -> None:
    editor = JsonEditor()
    qtbot.addWidget(editor)
    editor.set_text(FULL_USER)
    editor.show()
    # As the window wires them: the pane says where, the editor goes there.
    pane.jump.connect(lambda f: editor.jump_to(f.line, f.column))
    rows = [shown(pane, r) for r in range(pane.table.model().rowCount())]
    row = next(r for r, cells in enumerate(rows) if cells[2] == "action/miscased")
    with qtbot.waitSignal(pane.jump) as jumped:
        click_row(qtbot, pane, row)
    assert jumped.args[0].code == "action/miscased"
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.KeepAnchor, 23)
    assert cursor.selectedText() == '"chime:Listsubchannels"'


def test_enter_on_a_row_chosen_with_the_keyboard_jumps(qtbot, pane, findings) -> None:
    pane.table.setFocus()
    click_row(qtbot, pane, 0)
    qtbot.keyClick(pane.table, Qt.Key.Key_Down)
    with qtbot.waitSignal(pane.jump) as jumped:
        qtbot.keyClick(pane.table, Qt.Key.Key_Return)
    assert jumped.args[0] == pane.model.findings[1]


def test_quick_fix_follows_the_selected_row(qtbot, pane) -> None:
    rows = [shown(pane, r) for r in range(pane.table.model().rowCount())]
    fixable = next(r for r, cells in enumerate(rows) if cells[2] == "action/miscased")
    unfixable = next(r for r, cells in enumerate(rows) if not cells[3].endswith("(fixable)"))
    click_row(qtbot, pane, unfixable)
    assert not pane.fix_button.isEnabled()
    click_row(qtbot, pane, fixable)
    assert pane.fix_button.isEnabled()
    assert pane.fix_button.text().replace("&", "").startswith("Quick fix: ")
    with qtbot.waitSignal(pane.fix_requested) as asked:
        qtbot.mouseClick(pane.fix_button, Qt.MouseButton.LeftButton)
    assert asked.args[0].code == "action/miscased" and asked.args[0].fix is not None


def test_fix_all_counts_the_changes_it_makes_and_asks_for_them(qtbot, pane, findings) -> None:
    safe = sum(1 for f in findings if f.fix is not None and f.fix.safe)
    assert safe > 0
    # The count is what Fix all will change (worked out by the document's analysis), never
    # the listed fixes alone: they may reveal more. Not worked out: no count at all.
    assert pane.fix_all_button.text().replace("&", "") == "Fix all"
    pane.set_findings(findings, safe + 1)
    assert pane.fix_all_button.text().replace("&", "") == f"Fix all ({safe + 1})"
    with qtbot.waitSignal(pane.fix_all_requested):
        qtbot.mouseClick(pane.fix_all_button, Qt.MouseButton.LeftButton)
    pane.set_findings(())
    assert pane.title.text() == "No problems" and not pane.fix_all_button.isEnabled()


def test_the_selected_problem_stays_selected_when_one_above_it_is_fixed(qtbot, pane) -> None:
    rows = [shown(pane, r) for r in range(pane.table.model().rowCount())]
    row = next(r for r, cells in enumerate(rows) if "AssociateChannelFlow" in cells[3])
    assert row > 0 and rows[0][2] == "json/missing-comma"
    click_row(qtbot, pane, row)
    # The comma typed in: the row above goes, the selected problem moves up with its row.
    fixed = FULL_USER.replace('"chime:Connect"\n', '"chime:Connect",\n', 1)
    assert fixed != FULL_USER
    pane.set_findings(lint(fixed).findings)
    after = pane.selected()
    assert after is not None and "chime:AssociateChannelFlow" in after.message
    assert pane.table.selectionModel().selectedRows()[0].row() == row - 1
