"""The JSON editor alone (no window, no document): typing reports the whole text, findings
are underlined at exactly their characters (an emoji before them included: Qt counts it
twice), a jump puts the cursor on the problem, and Ctrl+Z is left to the window's one
history."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QMimeData, QObject, QRect, Qt
from PySide6.QtGui import QAction, QKeySequence, QTextCursor
from PySide6.QtWidgets import QApplication, QMainWindow

from editor.core.lint.engine import lint
from editor.ui.json_editor import JsonEditor
from tests.conftest import seed_examples
from tests.ui.wavy import wavy_positions, wavy_texts

MISCASED = '"chime:Listsubchannels"'


def policy(sid: str) -> str:
    return (
        '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n'
        f'      "Sid": "{sid}",\n'
        '      "Effect": "Allow",\n'
        f'      "Action": [{MISCASED}],\n'
        '      "Resource": "*"\n    }\n  ]\n}\n'
    )


@pytest.fixture
def editor(qtbot) -> JsonEditor:
    widget = JsonEditor()
    qtbot.addWidget(widget)
    widget.resize(700, 500)
    with qtbot.waitExposed(widget):
        widget.show()
    return widget


def test_typing_reports_the_whole_text_and_where_a_new_undo_step_starts(qtbot, editor) -> None:
    editor.set_text("{}")
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.Start)
    editor.moveCursor(QTextCursor.MoveOperation.Right)
    seen: list[tuple[str, bool]] = []
    editor.edited.connect(lambda text, new_step: seen.append((text, new_step)))
    qtbot.keyClicks(editor, '"a"')
    assert seen == [('{"}', True), ('{"a}', False), ('{"a"}', False)]  # one burst
    editor.moveCursor(QTextCursor.MoveOperation.Start)  # the cursor jumps: a new burst
    qtbot.keyClicks(editor, " ")
    assert seen[-1] == (' {"a"}', True)
    assert editor.text() == editor.toPlainText() == ' {"a"}'


@pytest.mark.parametrize("before", ["", "\u00e9", "\U0001f600"], ids=["ascii", "accent", "emoji"])
def test_held_keys_are_sent_as_one_text_at_a_jump_a_paste_or_when_asked(
    qtbot, editor, before: str
) -> None:
    """With `hold_edits` set (the window's document), keys are held and their text is sent
    once: when the cursor jumps elsewhere, before a paste, or when `send_edits` is called.
    (An emoji before the keys: Qt counts it as two characters, Python as one.)"""
    editor.set_text(policy(before + "A"))
    held: list[int] = []
    seen: list[tuple[str, bool]] = []
    editor.hold_edits = lambda: held.append(1)
    editor.edited.connect(lambda text, new_step: seen.append((text, new_step)))
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.Start)
    for _ in range(editor.toPlainText().index("A") + 1):  # just after the A, by arrow keys
        qtbot.keyClick(editor, Qt.Key.Key_Right)
    qtbot.keyClicks(editor, "bcd")
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    assert seen == [] and len(held) == 4
    first = editor.toPlainText()
    assert f'"{before}Abc"' in first
    assert editor.text() == first  # brought up to date when asked for, not at each key
    editor.moveCursor(QTextCursor.MoveOperation.End)  # a jump: what was typed is one step
    assert seen == [(first, True)]
    pasted = QMimeData()
    pasted.setText("  ")
    qtbot.keyClicks(editor, "x")
    editor.insertFromMimeData(pasted)  # a paste is a step of its own: the key goes first
    assert seen[1:] == [(first + "x", True), (first + "x  ", True)]  # the paste, at once
    qtbot.keyClicks(editor, "yz")
    editor.send_edits()
    editor.send_edits()  # nothing more held: nothing sent
    assert seen[3:] == [(first + "x  yz", True)]  # typing after a paste: a new step
    assert editor.text() == editor.toPlainText()


def test_setting_the_text_is_not_reported_as_an_edit(qtbot, editor) -> None:
    seen: list[str] = []
    editor.edited.connect(lambda text, new_step: seen.append(text))
    editor.set_text(policy("A"))
    editor.set_text(policy("B"))  # a tick or a fix: the document already knows
    assert seen == [] and editor.text() == policy("B")


def qt_range(text: str, start: int, end: int) -> set[int]:
    """The Qt positions of text[start:end] (a character past U+FFFF is two)."""
    before = sum(1 for c in text[:start] if ord(c) > 0xFFFF)
    inside = sum(1 for c in text[start:end] if ord(c) > 0xFFFF)
    return set(range(start + before, end + before + inside))


@pytest.mark.parametrize(
    ("sid", "in_sid"),
    [
        ("Plain", []),
        # IAM takes no character past U+00FF: the Sid and each such character are marked.
        ("Rocket🚀launch", ['"Rocket🚀launch"', "🚀"]),
        ("𝒳𝒴𝒵", ['"𝒳𝒴𝒵"', "𝒳", "𝒴", "𝒵"]),
    ],
)
def test_findings_are_underlined_at_their_characters(editor, sid: str, in_sid: list[str]) -> None:
    # Qt counts a character past U+FFFF as two: every mark after one would be off by one.
    text = policy(sid)
    editor.set_text(text)
    findings = lint(text).findings
    editor.show_findings(findings)
    # The Sid (its characters inside it), the mis-cased action, and "*" (twice: it could be
    # narrower; who the caller acts as): those characters and no others.
    assert sorted(wavy_texts(editor)) == sorted([*in_sid[:1], MISCASED, '"*"'])
    for finding in findings:
        assert qt_range(text, finding.start, finding.end) <= wavy_positions(editor)


def test_underlines_follow_typing_above_them(qtbot, editor) -> None:
    text = policy("A")
    editor.set_text(text)
    editor.show_findings(lint(text).findings)
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.Start)
    qtbot.keyClicks(editor, "  ")  # before the policy: everything moves two characters
    assert sorted(wavy_texts(editor)) == sorted([MISCASED, '"*"'])


def test_a_jump_puts_the_cursor_on_the_problem(editor) -> None:
    text = policy("Rocket🚀launch")
    editor.set_text(text)
    (finding,) = [f for f in lint(text).findings if f.code == "action/miscased"]
    editor.jump_to(finding.line, finding.column)
    cursor = editor.textCursor()
    assert cursor.blockNumber() + 1 == finding.line == 7
    cursor.movePosition(
        QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.KeepAnchor, len(MISCASED)
    )
    assert cursor.selectedText() == MISCASED
    assert editor.hasFocus()


def test_the_findings_of_the_seed_example_are_all_marked(editor) -> None:
    text = seed_examples()[1]
    editor.set_text(text)
    findings = lint(text).findings
    editor.show_findings(findings)
    # A missing comma is a point: the character before it is marked.
    marked = set().union(*(qt_range(text, min(f.start, f.end - 1), f.end) for f in findings))
    assert wavy_positions(editor) == marked  # each finding's characters, and no others
    marks = wavy_texts(editor)
    assert MISCASED in marks and "region" in " ".join(marks)


def test_ctrl_z_is_left_to_the_windows_history(qtbot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    editor = JsonEditor()
    window.setCentralWidget(editor)
    undone: list[bool] = []
    undo = QAction("Undo", window)
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    undo.triggered.connect(lambda: undone.append(True))
    window.addAction(undo)
    with qtbot.waitActive(window):  # a window's shortcut needs the window active
        window.show()
        window.activateWindow()
    editor.setFocus()
    qtbot.keyClicks(editor, "ab")
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert undone == [True]
    assert editor.toPlainText() == "ab"  # Qt's own undo did not run


class Paints(QObject):
    """The rectangles a widget paints, and what a block's colours were at each paint."""

    def __init__(self, widget, block=None) -> None:
        super().__init__()
        self.rects: list[QRect] = []
        self.colours: list[list[tuple[int, int]]] = []
        self.block = block
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.rects.append(event.rect())
            if self.block is not None:
                self.colours.append([(r.start, r.length) for r in self.block.layout().formats()])
        return False


@pytest.mark.parametrize("column", [0, 3, 8])  # places in the Sid value
def test_a_keystroke_repaints_its_own_line_already_coloured(qtbot, editor, column) -> None:
    """Typing within a line repaints that line only, not every line and line number shown
    (the highlighter's recolouring of the line used to make Qt relayout and repaint them
    all), and the new character is in its colour in that same paint."""
    text = policy("Abcdefghijklmnop")
    editor.set_text(text)
    QApplication.processEvents()  # the first paint, and the colours
    sid = editor.document().findBlockByNumber(4)  # '      "Sid": "Abcdefghijklmnop",'
    start = sid.position() + sid.text().index('"Abc') + 1
    cursor = editor.textCursor()
    cursor.setPosition(start + column)
    editor.setTextCursor(cursor)
    editor.setFocus()
    QApplication.processEvents()
    string = next(r for r in sid.layout().formats() if r.start == start - sid.position() - 1)
    view, gutter = Paints(editor.viewport(), sid), Paints(editor.gutter)
    qtbot.keyClick(editor, "x")
    QApplication.processEvents()
    line = editor.blockBoundingGeometry(sid).toAlignedRect().height()
    assert view.rects and all(r.height() <= line + 2 for r in view.rects)
    assert gutter.rects == []  # the line numbers did not move
    # The string's colour reaches one character further, at the first paint already.
    assert (string.start, string.length + 1) in view.colours[0]


def test_an_underline_moves_with_typing_on_its_own_line(qtbot, editor) -> None:
    """The line typed in is recoloured at each key, its underline where the key moved it."""
    text = policy("A")
    editor.set_text(text)
    editor.show_findings(lint(text).findings)
    cursor = editor.textCursor()
    cursor.setPosition(text.index(MISCASED))
    editor.setTextCursor(cursor)
    editor.setFocus()
    qtbot.keyClicks(editor, " ab")
    assert editor.text().count(f"[ ab{MISCASED}]") == 1
    assert sorted(wavy_texts(editor)) == sorted([MISCASED, '"*"'])
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    assert sorted(wavy_texts(editor)) == sorted([MISCASED, '"*"'])


def test_a_new_analysis_takes_away_the_underlines_it_no_longer_finds(editor) -> None:
    text = policy("A")
    editor.set_text(text)
    findings = lint(text).findings
    editor.show_findings(findings)
    assert sorted(wavy_texts(editor)) == sorted([MISCASED, '"*"'])
    editor.show_findings(tuple(f for f in findings if f.code != "action/miscased"))
    assert wavy_texts(editor) == ['"*"']  # the action's line recoloured without it
    editor.show_findings(())
    assert wavy_texts(editor) == []
    editor.show_findings(findings)
    assert sorted(wavy_texts(editor)) == sorted([MISCASED, '"*"'])


def test_the_current_line_alone_has_the_line_background(qtbot, editor) -> None:
    editor.set_text(policy("A"))
    editor.setFocus()
    document = editor.document()

    def lines_with_background() -> list[int]:
        return [
            n
            for n in range(document.blockCount())
            if document.findBlockByNumber(n).blockFormat().background().style()
            != Qt.BrushStyle.NoBrush
        ]

    editor.moveCursor(QTextCursor.MoveOperation.Start)
    for _ in range(3):
        qtbot.keyClick(editor, Qt.Key.Key_Down)
    assert lines_with_background() == [3]
    qtbot.keyClick(editor, Qt.Key.Key_End)
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the new line takes the background
    assert lines_with_background() == [4]
    qtbot.keyClick(editor, Qt.Key.Key_Up)
    assert lines_with_background() == [3]
    editor.set_text(policy("B") + "\n")  # a new text: the line keeps it
    assert lines_with_background() == [editor.textCursor().blockNumber()]


def test_copy_gives_the_text_only(qtbot, editor) -> None:
    """Not rich text: the current line's background would go with it into a mail."""
    editor.set_text(policy("A"))
    editor.selectAll()
    copied = editor.createMimeDataFromSelection()
    assert copied.text() == editor.toPlainText() == policy("A")
    assert not copied.hasHtml()


def test_the_text_stays_put_as_a_policy_grows_past_999_lines(editor, qtbot) -> None:
    """The gutter has room for four digits from the start, so the text does not shift right
    when a policy passes line 999 (and opening one lays nothing out again before its first
    paint: benchmarks/open_latency.py)."""
    editor.set_text(policy("Small"))
    left = editor.viewport().geometry().left()
    numbers = editor.gutter.width()
    editor.set_text(policy("Small") + "\n" * 2000)
    assert editor.blockCount() > 2000
    assert editor.viewport().geometry().left() == left and editor.gutter.width() == numbers
    editor.set_text(policy("Small") + "\n" * 20000)  # five digits: the gutter widens
    qtbot.waitUntil(lambda: editor.viewport().geometry().left() > left)
