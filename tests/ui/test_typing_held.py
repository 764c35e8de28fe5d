"""The editor holds keystrokes until the typing pauses (a key costs the GUI thread no undo
step); whatever the user does right after typing, within that pause, sees what was typed:
Undo takes it back, a tick keeps it, Save writes it, Fix all previews it, closing asks.
Real keys, with the analysis on the worker as a user has it (no immediate mode)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from editor.ui.dialogs import Answer
from tests.conftest import seed_examples

CHECK = Qt.ItemDataRole.CheckStateRole
CTRL = Qt.KeyboardModifier.ControlModifier
TYPED_SID = '"Sid": "Typed", '


@pytest.fixture
def live(window, qtbot, tmp_path: Path):
    window.document.analysis_immediate = False
    path = tmp_path / "minimal-user.json"
    path.write_text(seed_examples()[2], encoding="utf-8")
    assert window.open_path(str(path))
    qtbot.waitUntil(lambda: not window.document.analysis_pending, timeout=10000)
    window.sent = []  # what the editor gave the document, and when
    window.editor.edited.connect(lambda text, _: window.sent.append(text))
    yield window
    window.document.analyzer.shutdown()


def type_at(qtbot, window, needle: str, keys: str) -> str:
    """Type `keys` just before `needle`, as real keys; the text the editor then shows."""
    editor = window.editor
    cursor = editor.textCursor()
    cursor.setPosition(editor.toPlainText().index(needle))
    editor.setTextCursor(cursor)
    editor.setFocus()
    qtbot.keyClicks(editor, keys)
    assert window.sent == []  # held: the document has not been given them yet
    return editor.toPlainText()


def action_index(window, group_title: str, name: str):
    model = window.catalog_model
    group = next(i for i, g in enumerate(model.groups) if g.title == group_title)
    parent = model.index(group, 0)
    row = next(i for i, a in enumerate(model.groups[group].actions) if a.name == name)
    return model.index(row, 0, parent)


def test_ctrl_z_right_after_typing_takes_the_keys_back(live, qtbot) -> None:
    original = live.editor.toPlainText()
    typed = type_at(qtbot, live, '"Version"', "Ab")
    assert live.undo_action.isEnabled()
    qtbot.keyClick(live.editor, Qt.Key.Key_Z, CTRL)
    assert live.editor.toPlainText() == original
    live.redo_action.trigger()
    assert live.editor.toPlainText() == typed


def test_a_tick_right_after_typing_keeps_the_keys_and_undoes_apart(live, qtbot) -> None:
    original = live.editor.toPlainText()
    typed = type_at(qtbot, live, '"Action": "chime:GetMessagingSessionEndpoint"', TYPED_SID)
    assert live.catalog_model.setData(
        action_index(live, "Full user", "CreateChannel"), Qt.CheckState.Checked, CHECK
    )
    text = live.editor.toPlainText()
    assert TYPED_SID in text and "chime:CreateChannel" in text
    assert "CreateChannel" in live.document.state.actions
    live.undo_action.trigger()  # the tick
    assert live.editor.toPlainText() == typed
    live.undo_action.trigger()  # the typing
    assert live.editor.toPlainText() == original


def test_save_right_after_typing_writes_the_keys(live, qtbot) -> None:
    typed = type_at(qtbot, live, '"Action": "chime:GetMessagingSessionEndpoint"', TYPED_SID)
    assert live.files.save()
    assert Path(live.files.path).read_text(encoding="utf-8") == typed
    assert not live.document.modified and not live.isWindowModified()


def test_fix_all_right_after_typing_previews_the_typed_text(live, qtbot) -> None:
    live.dialogs.preview_answer = False  # look at the preview, apply nothing
    editor = live.editor
    type_at(qtbot, live, 'hannels",', "")
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)  # chime:ListChannels -> chime:Listchannels
    qtbot.keyClicks(editor, "c")
    assert live.sent == []
    live.fix_all()
    (_, before, after), *_ = live.dialogs.asked("preview")
    assert '"chime:Listchannels"' in before and before == editor.toPlainText()
    assert '"chime:ListChannels"' in after


def test_closing_right_after_typing_asks_to_save(live, qtbot) -> None:
    type_at(qtbot, live, '"Version"', " ")
    live.dialogs.ask_save_answer = Answer.CANCEL
    assert not live.close()
    assert live.dialogs.asked("ask_save")


def test_the_typing_is_analysed_once_it_pauses(live, qtbot) -> None:
    typed = type_at(qtbot, live, '"Action": "chime:GetMessagingSessionEndpoint"', TYPED_SID)
    assert live.document.analysis_pending
    qtbot.waitUntil(lambda: not live.document.analysis_pending, timeout=10000)
    assert live.sent == [typed]  # once, after the pause
    assert live.document.result.parsed.text == typed
    assert live.document.undo_steps() == 1


def test_a_click_right_after_typing_an_action_keeps_the_typed_action(live, qtbot) -> None:
    """The boxes still show the ticks of the text before the typing (its analysis has not
    come back): a click asks for one box, on top of what the typed text grants. Asking for
    the boxes as shown made the tick take the typed action out again (and at start-up, a
    click before the first analysis replaced a whole opened policy by the one action)."""
    from tests.ui.test_catalog_filter import click_check

    typed = '"chime:DeleteChannelMessage", '
    type_at(qtbot, live, '"chime:ListChannels"', typed)
    assert "DeleteChannelMessage" not in live.catalog_model.selected  # not analysed yet
    click_check(qtbot, live.catalog_view, action_index(live, "Full user", "CreateChannel"))
    text = live.editor.toPlainText()
    assert typed in text and "chime:CreateChannel" in text
    assert {"DeleteChannelMessage", "CreateChannel"} <= live.document.state.actions
