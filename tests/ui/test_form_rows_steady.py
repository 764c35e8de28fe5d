"""The ARN form's fields never move while one types or clicks: a field's message (an error
while the value is incomplete, a note once it is whole) is a marker inside the field and a
line of fixed height under the form, never a row that comes and goes. The walkthrough's
defect: typing an account held a blank row under it once its message went; a click aimed
at the next field landed in that gap, the layout jumped back, and the next keys went
nowhere."""

import json

from PySide6.QtCore import QPoint, Qt

from tests.conftest import seed_examples


def where(window, name: str) -> QPoint:
    """The centre of a field's visible part (the form scrolls in a small window), in the
    window's coordinates: where a user aims."""
    field = window.form.inputs[name]
    return field.mapTo(window, field.visibleRegion().boundingRect().center())


def open_minimal_user(window, tmp_path) -> None:
    path = tmp_path / "minimal-user.json"  # its ARNs hold the account's placeholder
    path.write_text(seed_examples()[2], encoding="utf-8")
    assert window.open_path(str(path))


def test_a_click_on_the_next_field_after_typing_an_account_lands_in_it(
    window, qtbot, tmp_path
) -> None:
    open_minimal_user(window, tmp_path)
    account, app = window.form.inputs["account_id"], window.form.inputs["app_instance_id"]
    qtbot.wait(30)  # laid out
    aimed = where(window, "app_instance_id")  # where the user sees it before typing
    qtbot.mouseClick(account, Qt.MouseButton.LeftButton, pos=account.rect().center())
    qtbot.keyClicks(account, "1111")  # incomplete: the field says why
    assert window.form.marks["account_id"].action.isVisible()
    assert "12 digits" in window.form.message_line.full_text
    qtbot.keyClicks(account, "22223333")  # whole: the message goes
    assert not window.form.messages["account_id"].error
    assert "111122223333" in window.editor.toPlainText()
    qtbot.wait(30)  # the layout's next turn, where a row would have moved
    target = window.childAt(aimed)
    assert target is app or app.isAncestorOf(target)
    qtbot.mouseClick(target, Qt.MouseButton.LeftButton, pos=target.mapFrom(window, aimed))
    assert app.hasFocus()
    assert where(window, "app_instance_id") == aimed  # nothing moved on the click either
    qtbot.keyClicks(app, "chat-prod")
    assert app.text() == "chat-prod"
    assert "app-instance/chat-prod/" in window.editor.toPlainText()


def test_no_field_moves_while_any_message_comes_and_goes(window, qtbot, tmp_path) -> None:
    open_minimal_user(window, tmp_path)
    qtbot.wait(30)
    names = [n for n in window.form.inputs if window.form.inputs[n].isVisible()]
    before = {n: where(window, n) for n in names}
    region = window.form.region_edit
    region.setFocus()
    for text in ("us-", "east-1"):  # invalid, then valid
        qtbot.keyClicks(region, text)
        qtbot.wait(30)
        assert {n: where(window, n) for n in names} == before
    account = window.form.inputs["account_id"]
    account.setFocus()
    for key in "123456789012":
        qtbot.keyClicks(account, key)
        qtbot.wait(10)
        assert {n: where(window, n) for n in names} == before
    qtbot.keyClick(account, Qt.Key.Key_Tab)
    qtbot.wait(30)
    assert {n: where(window, n) for n in names} == before


def test_the_message_line_reads_out_the_field_one_is_in(window, qtbot, tmp_path) -> None:
    open_minimal_user(window, tmp_path)
    line = window.form.message_line
    height = line.height()
    account = window.form.inputs["account_id"]
    account.setFocus()
    qtbot.keyClicks(account, "12")
    assert line.full_text.startswith("Account ID: an AWS account ID is 12 digits")
    assert "12 digits" in window.form.marks["account_id"].action.toolTip()
    assert account.property("invalid")
    app = window.form.inputs["app_instance_id"]
    app.setFocus()
    qtbot.keyClicks(app, "bad id!")
    assert line.full_text.startswith("App instance ID:")
    assert line.height() == height  # a fixed height, whatever it says


def test_a_note_is_read_out_for_the_field_with_the_focus(window, qtbot, tmp_path) -> None:
    """Several values for one field: the chooser beside it, the note in the message line."""
    base = "arn:aws:chime:us-east-1:{}:app-instance/app-1/user/"
    statements = [
        {"Effect": "Allow", "Action": "chime:Connect", "Resource": base.format(a) + "u"}
        for a in ("111122223333", "444455556666")
    ]
    path = tmp_path / "two-accounts.json"
    path.write_text(json.dumps({"Version": "2012-10-17", "Statement": statements}), "utf-8")
    assert window.open_path(str(path))
    window.form.inputs["account_id"].setFocus()
    qtbot.waitUntil(lambda: "2 different values" in window.form.message_line.full_text)
    assert window.form.message_line.full_text.startswith("Account ID: ")
    assert window.form.choosers["account_id"].isVisible()
