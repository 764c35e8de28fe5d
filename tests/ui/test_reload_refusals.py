"""A file replaced on disk by something that is no policy text is never reloaded: the same
refusals as opening it, a clear message, and the user's text and undo history kept."""

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from editor.core.files.read import MAX_BYTES
from tests.conftest import seed_examples


def _binary(path: Path) -> None:
    path.write_bytes(b"\x7fELF\x02\x01\x01\x00\x00\x00\x00" * 64)


def _oversized(path: Path) -> None:
    with path.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)


def _latin1(path: Path) -> None:
    path.write_bytes('{"Sid": "caf\u00e9"}'.encode("latin-1"))


@pytest.mark.parametrize(
    ("replace", "reason"),
    [
        (_binary, "is a binary file, not a policy text"),
        (_oversized, "policies are at most a few kilobytes"),
        (_latin1, "is not UTF-8 text"),
    ],
)
def test_a_file_replaced_by_no_policy_text_is_not_reloaded(
    window, qtbot, tmp_path: Path, replace, reason: str
) -> None:
    path = tmp_path / "minimal-user.json"
    original = seed_examples()[2]
    path.write_text(original, encoding="utf-8")
    assert window.open_path(str(path))
    window.editor.jump_to(1, 2)
    qtbot.keyClicks(window.editor, "  ")  # the user's own edit, one undo step
    typed = original[:1] + "  " + original[1:]
    assert window.editor.toPlainText() == typed

    replacement = tmp_path / "replacement"
    replace(replacement)
    os.replace(replacement, path)  # as a program that writes a new file over the old one does

    qtbot.waitUntil(lambda: bool(window.dialogs.asked("error")), timeout=5000)
    ((title, message),) = window.dialogs.asked("error")
    assert title == "Cannot reload minimal-user.json"
    assert reason in message and "undo history are kept" in message
    assert "cannot be reloaded" in window.statusBar().currentMessage()
    assert not window.dialogs.asked("ask_reload")  # nothing offered to load
    assert window.editor.toPlainText() == window.document.state.text == typed
    assert window.isWindowModified()
    qtbot.keyClick(window.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.editor.toPlainText() == original  # the history is the user's still


def test_a_file_deleted_on_disk_says_so_and_keeps_the_text(window, qtbot, tmp_path) -> None:
    path = tmp_path / "policy.json"
    path.write_text(seed_examples()[2], encoding="utf-8")
    assert window.open_path(str(path))
    path.unlink()
    qtbot.waitUntil(lambda: "moved or deleted" in window.statusBar().currentMessage(), timeout=5000)
    assert window.editor.toPlainText() == seed_examples()[2]
    # The text is now held nowhere else: the window shows it unsaved, and quitting asks
    # (the audit quit with Ctrl+Q here and lost it).
    assert window.isWindowModified()
    window.quit_action.trigger()  # File > Quit (Ctrl+Q where the platform binds it)
    assert window.dialogs.asked("ask_save") == [("policy.json",)]
    assert window.isVisible()  # the fake answers Cancel: nothing closed, nothing lost
    # Saving writes it back where it was, and the window is clean again.
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert path.read_text(encoding="utf-8") == seed_examples()[2]
    assert not window.isWindowModified()


def test_a_template_deleted_on_disk_leaves_its_policy_unsaved(window, qtbot, tmp_path) -> None:
    """The final walkthrough opened a policy from a template and deleted the template: no
    mark, no message, and Ctrl+Q quit without asking. The template is watched as a file is."""
    from tests.core.template_ticks import CHAT_DEMO

    path = tmp_path / "stack.yaml"
    path.write_text(CHAT_DEMO, encoding="utf-8")
    window.dialogs.choice = 1  # the role's policy, after its trust policy
    assert window.open_path(str(path))
    shown = window.editor.toPlainText()
    path.unlink()
    qtbot.waitUntil(lambda: "moved or deleted" in window.statusBar().currentMessage(), timeout=5000)
    assert "stack.yaml" in window.statusBar().currentMessage()
    assert window.editor.toPlainText() == shown and window.isWindowModified()
    window.quit_action.trigger()
    assert len(window.dialogs.asked("ask_save")) == 1 and window.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert path.read_text(encoding="utf-8") == CHAT_DEMO  # the template, whole, back in place
    assert not window.isWindowModified()


def test_a_template_changed_on_disk_offers_its_policy_again(window, qtbot, tmp_path) -> None:
    from tests.core.template_ticks import CHAT_DEMO

    path = tmp_path / "stack.yaml"
    path.write_text(CHAT_DEMO, encoding="utf-8")
    window.dialogs.choice = 1
    assert window.open_path(str(path))
    path.write_text(CHAT_DEMO.replace("chime:UpdateChannel", "chime:DeleteChannel"), "utf-8")
    qtbot.waitUntil(lambda: "chime:DeleteChannel" in window.editor.toPlainText(), timeout=5000)
    assert window.dialogs.asked("ask_reload") == [("stack.yaml", False)]
    assert not window.isWindowModified()  # what the template holds now
