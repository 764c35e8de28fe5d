"""The Access dock (check, grants) and the compare view, driven through the real window:
shortcuts, typing in the fields and in the JSON editor, clicks."""

import json
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from editor.core.access.evaluate import Decision
from tests.core.policies import BASE, policy, statement

CTRL = Qt.KeyboardModifier.ControlModifier
ALLOW_MESSAGES = policy(
    {
        "Sid": "Messages",
        **statement(["chime:SendChannelMessage"], [f"{BASE}/channel/*", f"{BASE}/user/*"]),
    }
)


def open_policy(window, tmp_path: Path, text: str, name: str = "policy.json") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    assert window.files.open_path(str(path))
    return path


def choose_action(window, qtbot, name: str) -> None:
    line = window.access.pane.action.lineEdit()
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, name)


def type_at_end_of_statements(window, qtbot, text: str) -> None:
    """Type a statement into the JSON editor just after the last statement's `}`."""
    editor = window.editor
    current = editor.toPlainText()
    offset = current.rindex("}", 0, current.rindex("]")) + 1
    cursor = editor.textCursor()
    cursor.setPosition(offset)
    editor.setTextCursor(cursor)
    editor.setFocus()
    qtbot.keyClicks(editor, text)


def test_ctrl_5_shows_the_access_check_with_the_form_filled(window, qtbot, tmp_path) -> None:
    open_policy(window, tmp_path, ALLOW_MESSAGES)
    assert not window.access.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_5, CTRL)
    assert window.access.isVisible()
    pane = window.access.pane
    # The form read app-1 and the account from the opened policy; the user is an example.
    assert pane.caller.text() == f"{BASE}/user/example-user"
    choose_action(window, qtbot, "chime:SendChannelMessage")
    assert pane.target_type.currentText() == "channel"
    assert "/channel/example-channel" in pane.target.text()


def test_verdict_follows_the_policy_as_it_is_typed(window, qtbot, tmp_path) -> None:
    open_policy(window, tmp_path, ALLOW_MESSAGES)
    qtbot.keyClick(window, Qt.Key.Key_5, CTRL)
    pane = window.access.pane
    for field, value in ((pane.caller, f"{BASE}/user/u1"), (pane.target, f"{BASE}/channel/c1")):
        field.setFocus()
        field.selectAll()
        qtbot.keyClicks(field, value)
    choose_action(window, qtbot, "chime:SendChannelMessage")
    assert pane.result.decision is Decision.ALLOWED
    assert pane.verdict.text().startswith("<b>Allowed")
    assert [pane.statements.item(i).text() for i in range(pane.statements.count())] == [
        "line 4: Allow Sid 'Messages'"
    ]
    # The deciding statement is marked in the editor: exactly its object's text.
    start, end = window.editor.marked
    marked = window.editor.toPlainText()[start:end]
    assert marked.startswith("{") and '"Sid": "Messages"' in marked and marked.endswith("}")

    # Typing a Deny into the JSON turns the verdict, live.
    deny = ', {"Sid": "NoC1", "Effect": "Deny", "Action": "chime:Send*", "Resource": "*"}'
    type_at_end_of_statements(window, qtbot, deny)
    assert pane.result.decision is Decision.EXPLICIT_DENY
    assert pane.verdict.text().startswith("<b>Denied by a Deny statement")
    assert "NoC1" in pane.statements.item(0).text()

    # Another action: nothing allows it.
    choose_action(window, qtbot, "chime:DeleteChannel")
    assert pane.result.decision is Decision.EXPLICIT_DENY or pane.result.decision is (
        Decision.IMPLICIT_DENY
    )
    choose_action(window, qtbot, "chime:ListChannels")
    assert pane.result.decision is Decision.IMPLICIT_DENY
    assert window.editor.marked == (0, 0)


def test_clicking_a_deciding_statement_moves_the_editor_there(window, qtbot, tmp_path) -> None:
    open_policy(window, tmp_path, ALLOW_MESSAGES)
    qtbot.keyClick(window, Qt.Key.Key_5, CTRL)
    choose_action(window, qtbot, "chime:SendChannelMessage")
    pane = window.access.pane
    item = pane.statements.item(0)
    rect = pane.statements.visualItemRect(item)
    qtbot.mouseClick(pane.statements.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.editor.textCursor().blockNumber() + 1 == 4


def test_caller_outside_the_policy_is_denied(window, qtbot, tmp_path) -> None:
    text = policy(statement("chime:SendChannelMessage", [f"{BASE}/channel/*", f"{BASE}/user/u1"]))
    open_policy(window, tmp_path, text)
    qtbot.keyClick(window, Qt.Key.Key_5, CTRL)
    choose_action(window, qtbot, "chime:SendChannelMessage")
    pane = window.access.pane
    pane.caller.setFocus()
    pane.caller.selectAll()
    qtbot.keyClicks(pane.caller, f"{BASE}/user/u2")
    assert pane.result.decision is Decision.IMPLICIT_DENY
    pane.caller.selectAll()
    qtbot.keyClicks(pane.caller, f"{BASE}/user/u1")
    assert pane.result.decision is Decision.ALLOWED


def test_grants_tab_lists_actions_and_marks_over_broad(window, qtbot, tmp_path) -> None:
    text = policy(
        statement("chime:SendChannelMessage", f"{BASE}/channel/*"),
        statement(["chime:DeleteChannel"], "*"),
    )
    open_policy(window, tmp_path, text)
    qtbot.keyClick(window, Qt.Key.Key_6, CTRL)
    view = window.access.grants
    assert window.access.tabs.currentWidget() is view
    assert view.actions_shown() == ["chime:DeleteChannel", "chime:SendChannelMessage"]
    assert view.summary_label.text() == (
        "2 actions allowed; 1 over-broad entry; 1 entry with security findings"
    )
    # The over-broad entry names the security finding of the checks in its statement.
    delete = view.tree.findItems("chime:DeleteChannel", Qt.MatchFlag.MatchRecursive)[0]
    assert "all resources" in delete.child(0).text(4)
    assert "security/caller-impersonation" in delete.child(0).text(4)
    # Typing a new action into the policy shows up in the tab.
    editor = window.editor
    current = editor.toPlainText()
    cursor = editor.textCursor()
    cursor.setPosition(current.index('"chime:DeleteChannel"'))
    editor.setTextCursor(cursor)
    editor.setFocus()
    qtbot.keyClicks(editor, '"chime:ListChannels", ')
    assert "chime:ListChannels" in view.actions_shown()


def compare_dialog(window):
    dialog = window.access.compare_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def rows(dialog) -> list[list[str]]:
    tree = dialog.tree
    out = []
    for i in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(i)
        out.append([group.text(0)])
        out += [[group.child(j).text(c) for c in range(2)] for j in range(group.childCount())]
    return out


def test_compare_with_saved_version_shows_new_access(window, qtbot, tmp_path) -> None:
    open_policy(window, tmp_path, ALLOW_MESSAGES)
    editor = window.editor
    cursor = editor.textCursor()
    cursor.setPosition(editor.toPlainText().index('"chime:SendChannelMessage"'))
    editor.setTextCursor(cursor)
    editor.setFocus()
    qtbot.keyClicks(editor, '"chime:DeleteChannel", ')
    window.access.compare_saved_action.trigger()
    dialog = compare_dialog(window)
    assert dialog.summary.text().startswith("<b>New access</b>: the editor's policy allows 2")
    found = rows(dialog)
    assert found[0] == ["New grants (allowed now, not before): 2"]
    assert sorted(found[1:]) == [
        ["chime:DeleteChannel", f"{BASE}/channel/*"],
        ["chime:DeleteChannel", f"{BASE}/user/*"],
    ]
    dialog.close()


def test_compared_arns_too_long_for_their_column_still_show_how_they_differ(
    window, qtbot, tmp_path
) -> None:
    """ARNs of one app instance share a long start: cut at the right they all read the
    same (a new user's audit saw three identical rows); cut in the middle their ends show."""
    open_policy(window, tmp_path, ALLOW_MESSAGES)
    cursor = window.editor.textCursor()
    cursor.setPosition(window.editor.toPlainText().index('"chime:SendChannelMessage"'))
    window.editor.setTextCursor(cursor)
    window.editor.setFocus()
    qtbot.keyClicks(window.editor, '"chime:DeleteChannel", ')
    window.access.compare_saved_action.trigger()
    dialog = compare_dialog(window)
    tree = dialog.tree
    group = tree.topLevelItem(0)
    width = tree.columnWidth(1) - 8  # the cell's margins
    shown = []
    for j in range(group.childCount()):
        item = group.child(j)
        assert item.toolTip(1) == item.text(1)  # the whole ARN on hover
        assert tree.fontMetrics().horizontalAdvance(item.text(1)) > width  # it is cut
        shown.append(tree.fontMetrics().elidedText(item.text(1), tree.textElideMode(), width))
    assert len(set(shown)) == len(shown) == 2  # channel/* and user/* tell apart
    dialog.close()


def test_compare_with_file_without_change_and_with_a_broken_file(window, qtbot, tmp_path) -> None:
    open_policy(window, tmp_path, ALLOW_MESSAGES)
    same = tmp_path / "same.json"
    same.write_text(json.dumps(json.loads(ALLOW_MESSAGES)), encoding="utf-8")  # other layout
    window.dialogs.open_answer = str(same)
    window.access.compare_file_action.trigger()
    dialog = compare_dialog(window)
    assert dialog.summary.text().startswith("No change in what the policy allows")
    dialog.close()
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    window.dialogs.open_answer = str(broken)
    window.access.compare_file_action.trigger()
    assert compare_dialog(window).summary.text().startswith("Cannot compare: the other version")
    compare_dialog(window).close()
    QApplication.processEvents()


def test_an_emptied_caller_field_makes_a_one_user_grant_unknown(window, qtbot, tmp_path) -> None:
    """SendChannelMessage is also authorized against its caller: with the Caller field emptied,
    a policy granting one user's ARN is no longer "allowed" for whoever calls."""
    one_user = policy(
        statement(["chime:SendChannelMessage"], [f"{BASE}/channel/*", f"{BASE}/user/alice"])
    )
    open_policy(window, tmp_path, one_user)
    qtbot.keyClick(window, Qt.Key.Key_5, CTRL)
    pane = window.access.pane
    choose_action(window, qtbot, "chime:SendChannelMessage")
    pane.caller.setFocus()
    pane.caller.selectAll()
    qtbot.keyClicks(pane.caller, f"{BASE}/user/alice")
    qtbot.waitUntil(lambda: pane.result is not None and pane.result.allowed)
    pane.caller.selectAll()
    qtbot.keyClick(pane.caller, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: pane.result.decision is Decision.UNKNOWN)
    assert "give the caller's ARN" in pane.verdict.text()


def test_the_dock_opens_on_an_action_the_policy_allows(window, qtbot, tmp_path) -> None:
    """The audit's dock opened on chime:AssociateChannelFlow, the list's first, and said
    "Denied" about a policy that never names it. Until an action is picked, it follows the
    first messaging action the policy allows."""
    open_policy(window, tmp_path, ALLOW_MESSAGES)
    qtbot.keyClick(window, Qt.Key.Key_5, CTRL)
    pane = window.access.pane
    assert pane.action.currentText() == "chime:SendChannelMessage"
    choose_action(window, qtbot, "chime:ListChannels")  # picked: kept from now on
    open_policy(window, tmp_path, ALLOW_MESSAGES, "again.json")
    assert pane.action.currentText() == "chime:ListChannels"
