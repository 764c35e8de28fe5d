"""Typing never waits for the analysis: it runs on a worker, and what it finds is shown only
for the text it read. These tests run the worker for real (the window's fixture makes it
immediate; here it is switched back)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from editor.core.lint import engine
from editor.core.lint.engine import LintOptions
from editor.ui.analysis import Job, analyze
from tests.conftest import seed_examples
from tests.ui.wavy import wavy_runs

MISCASED = "chime:Listsubchannels"


@pytest.fixture
def live(window):
    """The window as a user has it: analysis on the worker, after a pause in the typing."""
    window.document.analysis_immediate = False
    yield window
    window.document.analyzer.shutdown()


def settle(qtbot, window) -> None:
    qtbot.waitUntil(lambda: not window.document.analysis_pending, timeout=10000)


def put_cursor(editor, offset: int) -> None:
    cursor = editor.textCursor()
    cursor.setPosition(offset)
    editor.setTextCursor(cursor)


def test_typing_while_the_analysis_runs_does_not_wait_for_it(live, qtbot, monkeypatch) -> None:
    live.document.replace_all(seed_examples()[3], "open")
    settle(qtbot, live)
    gate, started = threading.Event(), threading.Event()
    real_lint = engine.lint

    def slow_lint(text, options=None, catalog=None):
        started.set()
        gate.wait(10)
        return real_lint(text, options, catalog)

    monkeypatch.setattr(engine, "lint", slow_lint)
    editor = live.editor
    at = editor.text().index('"Effect"')
    put_cursor(editor, at)
    editor.setFocus()
    qtbot.keyClicks(editor, " ")
    qtbot.waitUntil(started.is_set)  # the worker is stuck in the lint of that text
    qtbot.keyClicks(editor, "\t ")
    assert editor.text()[at : at + 2] == "  "  # the keys went in while the lint was held
    assert live.document.state.text == editor.text()
    assert live.document.analysis_pending
    gate.set()
    settle(qtbot, live)
    assert live.document.result.parsed.text == editor.text()


def test_a_result_for_an_older_text_is_dropped(live, qtbot) -> None:
    live.document.replace_all(seed_examples()[3], "open")
    settle(qtbot, live)
    document = live.document
    options = LintOptions(document.quota, document.kind, document.kind_reason)
    before = document.state
    stale = analyze(Job(document.version, before, options))
    assert stale is not None
    # The user breaks an action name; the analysis of the text before it arrives late.
    text = before.text.replace('"chime:Connect"', f'"{MISCASED}"', 1)
    assert text != before.text
    document.set_text(text)
    shown = document.result
    document.analyzer.done.emit(stale)
    assert document.result is shown and document.state.text == text
    settle(qtbot, live)
    codes = [f.code for f in live.problems.model.findings]
    assert "action/miscased" in codes or "action/unknown" in codes


def test_underlines_move_with_the_typing_before_the_new_result(live, qtbot) -> None:
    text = seed_examples()[1]
    live.document.replace_all(text, "open")
    settle(qtbot, live)
    editor = live.editor
    miscased = next(f for f in live.problems.model.findings if f.code == "action/miscased")
    assert (miscased.start, miscased.end) in wavy_runs(editor)
    put_cursor(editor, text.index('"Version"'))
    editor.setFocus()
    qtbot.keyClicks(editor, "   ")
    # Before any analysis of the new text: the mark is still under the same word.
    assert live.document.analysis_pending
    assert (miscased.start + 3, miscased.end + 3) in wavy_runs(editor)
    settle(qtbot, live)
    assert (miscased.start + 3, miscased.end + 3) in wavy_runs(editor)


def test_the_problems_list_keeps_its_selection_when_other_rows_change(live, qtbot) -> None:
    live.document.replace_all(seed_examples()[1], "open")
    settle(qtbot, live)
    table = live.problems.table
    model = live.problems.model
    row = next(r for r, f in enumerate(model.findings) if f.code == "action/miscased")
    chosen = model.findings[row]
    rect = table.visualRect(model.index(row, 3))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert live.problems.selected() == chosen
    # Fix a different problem (a missing comma, an error: listed above the warning).
    other = next(f for f in model.findings if f.fix is not None and f.code != chosen.code)
    live.document.apply_fix(other.fix)
    settle(qtbot, live)
    assert other not in model.findings
    selected = live.problems.selected()
    assert selected is not None
    assert (selected.code, selected.message) == (chosen.code, chosen.message)


def test_a_big_file_opens_and_its_problems_follow(live, qtbot, tmp_path: Path) -> None:
    statement = seed_examples()[3].split('"Statement": [', 1)[1].rsplit("]", 1)[0].strip()
    body = ",\n".join([statement] * 4500)
    text = '{\n    "Version": "2012-10-17",\n    "Statement": [\n' + body + "\n    ]\n}\n"
    assert len(text) > 1_000_000
    path = tmp_path / "big.json"
    path.write_text(text, encoding="utf-8")
    assert live.open_path(str(path))
    assert live.editor.text() == text  # shown before anything was read
    assert live.document.analysis_pending
    settle(qtbot, live)
    assert live.document.state.synced
    assert live.document.result.parsed.text == text
    assert live.problems.model.findings  # AWS's example has unfilled placeholders
    editor = live.editor
    put_cursor(editor, len(text) // 2)
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
    editor.setTextCursor(cursor)
    editor.setFocus()
    qtbot.keyClicks(editor, " ")
    assert editor.text()[: cursor.position()] == text[: cursor.position()]
    assert len(editor.text()) == len(text) + 1
    settle(qtbot, live)
    assert live.document.result.parsed.text == editor.text()
    # Past 200,000 characters the text is shown without colours; a normal one has them back.
    assert editor.highlighter.document() is None
    live.document.mark_saved()
    assert live.files.new()
    assert editor.highlighter.document() is editor.document()
    assert editor.text() == live.document.state.text


def coloured_lines(editor) -> list[bool]:
    """For each line of the editor, whether it has syntax colours (a blank one needs none)."""
    found = []
    block = editor.document().begin()
    while block.isValid():
        found.append(bool(block.layout().formats()) or not block.text().strip())
        block = block.next()
    return found


def test_a_policy_of_100_kb_is_coloured_from_what_is_shown(live, qtbot, tmp_path: Path) -> None:
    statement = seed_examples()[3].split('"Statement": [', 1)[1].rsplit("]", 1)[0].strip()
    body = ",\n".join([statement] * 400)
    text = '{\n    "Version": "2012-10-17",\n    "Statement": [\n' + body + "\n    ]\n}\n"
    assert 90_000 < len(text) < 200_000
    path = tmp_path / "policy.json"
    path.write_text(text, encoding="utf-8")
    editor = live.editor
    assert live.open_path(str(path))
    block = editor.document().begin()
    while block.isValid():  # the first paint does not wait for the colours
        assert not block.layout().formats()
        block = block.next()
    QApplication.processEvents()  # that paint, and the first slice of colouring after it
    first, last = editor._visible_blocks()
    lines = coloured_lines(editor)
    assert all(lines[first : last + 1])  # what is shown is coloured first
    assert not all(lines)  # and the rest, slice by slice
    # Scrolled far ahead of the fill: the lines that come into view are coloured at once.
    editor.verticalScrollBar().setValue(editor.verticalScrollBar().maximum() - 5)
    first, last = editor._visible_blocks()
    assert all(coloured_lines(editor)[first : min(last, editor.blockCount() - 1) + 1])
    qtbot.waitUntil(lambda: all(coloured_lines(editor)), timeout=10000)
    key = editor.document().findBlockByNumber(1)  # '    "Version": ...'
    colours = {r.format.foreground().color().name() for r in key.layout().formats()}
    assert len(colours) >= 2  # the key and its string value, in their colours
    live.document.mark_saved()
