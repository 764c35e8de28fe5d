"""The Grants tab shows a long "anyone but ..." row whole: its column cuts it (walkthrough 4),
so the row made current with the arrow keys is read out whole under the tree, and each cell's
tooltip holds its whole text."""

import json
from pathlib import Path

from PySide6.QtCore import Qt

from tests.cli.test_check_access_cross_account import BUCKET
from tests.ui.test_access import open_policy
from tests.ui.test_access_audit import CTRL

SPARED = "anyone but AWS arn:aws:iam::444455556666:root and AWS arn:aws:iam::444455556666:user/Bob"


def test_the_row_picked_with_the_keys_is_read_whole(window, qtbot, tmp_path: Path) -> None:
    open_policy(window, tmp_path, json.dumps(BUCKET, indent=4), "np_doc.json")
    window.show()
    qtbot.keyClick(window, Qt.Key.Key_6, CTRL)
    view = window.access.grants
    qtbot.waitUntil(lambda: view.actions_shown() == ["s3:GetObject"])
    tree = view.tree
    qtbot.waitUntil(tree.hasFocus)  # Ctrl+6 puts the keys in the tab's tree
    expected = f"denied on arn:aws:s3:::BUCKETNAME for {SPARED}"
    for _ in range(8):  # down the tree; Right opens a collapsed row, as a user would
        current = tree.currentItem()
        if current is not None and current.text(0) == expected:
            break
        closed = current is not None and current.childCount() and not current.isExpanded()
        key = Qt.Key.Key_Right if closed else Qt.Key.Key_Down
        qtbot.keyClick(tree, key)
    current = tree.currentItem()
    assert current.text(0) == expected
    cut = tree.fontMetrics().horizontalAdvance(expected) > tree.columnWidth(0)
    assert cut  # the case at hand: the column cannot show it
    assert view.detail.text() == f"{expected} · Line: 12"
    assert view.detail.isVisible() and view.detail.wordWrap()
    assert view.detail.geometry().right() <= view.width()
    assert current.toolTip(0) == expected
