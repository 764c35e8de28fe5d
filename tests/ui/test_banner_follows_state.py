"""While the JSON does not read, the window never says something the text contradicts: the
banner says what holds now (not an earlier refusal), and the greyed tree shows what the
text grants as far as it reads."""

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from editor.ui.main_window import SYNC_BANNER
from tests.conftest import seed_examples
from tests.ui.test_catalog_filter import click_check
from tests.ui.test_tick_is_a_request import rows

ENDPOINT = "GetMessagingSessionEndpoint"
# AWS's full-user example as pasted (missing commas and all), each statement with a Sid of
# its author's: the endpoint statement cannot be deleted by an untick.
FULL_USER_SIDS = (
    seed_examples()[1]
    .replace(
        '"Action": "chime:GetMessagingSessionEndpoint"',
        '"Sid": "EndpointAccess",\n            "Action": "chime:GetMessagingSessionEndpoint"',
    )
    .replace('"Action": [', '"Sid": "UserChannelActions",\n            "Action": [', 1)
)


def ticked(window, name: str) -> bool:
    states = {r.data(Qt.ItemDataRole.CheckStateRole) for r in rows(window, name)}
    assert len(states) == 1
    return states.pop() == Qt.CheckState.Checked


def test_undo_back_to_broken_json_shows_the_sync_banner_and_the_texts_ticks(
    window, qtbot, tmp_path: Path
) -> None:
    path = tmp_path / "banner.json"
    path.write_text(FULL_USER_SIDS, encoding="utf-8")
    assert window.open_path(str(path))
    assert window.banner.isVisible() and window.banner.text() == SYNC_BANNER
    assert ticked(window, ENDPOINT)  # greyed, but what the text grants

    QTest.mouseClick(window.problems.fix_all_button, Qt.MouseButton.LeftButton)
    assert window.document.state.readable and not window.banner.isVisible()
    qtbot.keyClicks(window.catalog_view.filter, "GetMessagingSession")
    click_check(qtbot, window.catalog_view, rows(window, ENDPOINT)[0])
    assert "EndpointAccess" in window.banner.text()  # refused: the statement has a Sid
    assert ticked(window, ENDPOINT)

    qtbot.keyClick(window.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.editor.toPlainText() == FULL_USER_SIDS  # broken again
    assert window.banner.isVisible() and window.banner.text() == SYNC_BANNER
    assert ticked(window, ENDPOINT)  # the text still grants it
    assert not window.catalog_model.editable  # greyed: ticking waits for the JSON to read


def test_an_empty_file_is_an_empty_policy_that_ticks_start(window, qtbot, tmp_path) -> None:
    import json

    from tests.ui.test_catalog_filter import group

    path = tmp_path / "empty2.json"
    path.write_text("\n", encoding="utf-8")
    assert window.open_path(str(path))
    assert "tick actions to start a policy" in window.statusBar().currentMessage()
    assert not window.banner.isVisible() and window.catalog_model.editable
    qtbot.keyClicks(window.form.inputs["account_id"], "111122223333")  # kept for the tick
    assert window.editor.toPlainText() == "\n" and not window.banner.isVisible()
    click_check(qtbot, window.catalog_view, group(window, "WebSocket connect"))
    policy = json.loads(window.editor.toPlainText())
    assert policy["Version"] == "2012-10-17"
    named = [s["Action"] for s in policy["Statement"]]
    assert "chime:Connect" in str(named)
    assert window.document.state.actions == {"Connect"} and ticked(window, "Connect")
    assert "111122223333" in window.editor.toPlainText()
    qtbot.keyClick(window.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.editor.toPlainText() == "\n"  # one undo step back to the file as it was
