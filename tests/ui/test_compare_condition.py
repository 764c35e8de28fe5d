"""Compare with Saved Version shows each change's condition readably (the audit's m7: the
Condition column read `unless...lse"}}` on every row): in words, in the last column, which
takes the room left, and whole in the detail under the list for the row clicked."""

import json
from pathlib import Path

from PySide6.QtCore import Qt

from tests.core.policies import BASE
from tests.ui.test_access import compare_dialog, open_policy

POLICY = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "Work",
            "Effect": "Allow",
            "Action": ["chime:SendChannelMessage"],
            "Resource": [f"{BASE}/channel/*", f"{BASE}/user/*"],
        },
        {
            "Sid": "NoDeletesWithoutMFA",
            "Effect": "Deny",
            "Action": "chime:DeleteChannelMessage",
            "Resource": "*",
            "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}},
        },
    ],
}
WORDS = "unless (BoolIfExists aws:MultiFactorAuthPresent is false)"


def test_the_condition_reads_in_words_and_whole(window, qtbot, tmp_path: Path) -> None:
    open_policy(window, tmp_path, json.dumps(POLICY, indent=4))
    editor = window.editor
    cursor = editor.textCursor()
    cursor.setPosition(editor.toPlainText().index('"chime:SendChannelMessage"'))
    editor.setTextCursor(cursor)
    editor.setFocus()
    qtbot.keyClicks(editor, '"chime:DeleteChannelMessage", ')
    window.access.compare_saved_action.trigger()
    dialog = compare_dialog(window)
    tree = dialog.tree
    header = [tree.headerItem().text(c) for c in range(tree.columnCount())]
    assert header[-1] == "Condition"
    group = tree.topLevelItem(0)
    assert group.text(0) == "New grants (allowed now, not before): 2"
    rows = [group.child(i) for i in range(group.childCount())]
    assert {r.text(4) for r in rows} == {WORDS}
    # the last row, clicked: its detail, under the list, says everything, wrapped
    last = rows[-1]
    tree.scrollToItem(last)
    rect = tree.visualItemRect(last)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: tree.currentItem() is last)
    detail = dialog.detail.text()
    assert detail.startswith(f"chime:DeleteChannelMessage on {last.text(1)}")
    assert f"when: {WORDS}" in detail
    assert dialog.detail.wordWrap()
    # the column is wide enough to read the words: the header's last section takes the rest
    assert tree.header().sectionSize(4) >= tree.fontMetrics().horizontalAdvance(WORDS) // 2
    dialog.close()
