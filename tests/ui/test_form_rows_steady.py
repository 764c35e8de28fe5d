"""The ARN form's rows hold still while a field is typed in: the message under the field (an
error while the value is incomplete, a note once it is whole) may take room once, but the
rows below do not jump up and down with each key; the room is given back when the field is
left."""

from PySide6.QtCore import QPoint, Qt

from tests.conftest import seed_examples


def below(window, qtbot) -> int:
    """Where the next row's field sits, in the form's coordinates, once laid out."""
    qtbot.wait(30)  # the layout moves the rows on its next turn of the event loop
    field = window.form.inputs["app_instance_id"]
    return field.mapTo(window.form, QPoint(0, 0)).y()


def test_rows_below_do_not_jump_while_typing_an_account(window, qtbot, tmp_path) -> None:
    path = tmp_path / "minimal-user.json"  # its ARNs hold the account's placeholder
    path.write_text(seed_examples()[2], encoding="utf-8")
    assert window.open_path(str(path))
    account = window.form.inputs["account_id"]
    account.setFocus()
    qtbot.keyClicks(account, "1")  # incomplete: the error appears under the field
    assert window.form.errors["account_id"].isVisible()
    positions = [below(window, qtbot)]
    for key in "11122223333":
        qtbot.keyClicks(account, key)
        positions.append(below(window, qtbot))
    assert not window.form.errors["account_id"].isVisible()  # 12 digits: valid
    assert "111122223333" in window.editor.toPlainText()  # and filled in
    assert positions == sorted(positions)  # never back up while typing
    settled = below(window, qtbot)
    qtbot.keyClick(account, Qt.Key.Key_Tab)  # leaving the field gives the room back
    qtbot.waitUntil(lambda: below(window, qtbot) <= settled)


def test_typing_a_wrong_then_right_region_keeps_the_rows_still(window, qtbot) -> None:
    region = window.form.region.lineEdit()
    region.setFocus()
    qtbot.keyClicks(region, "us-")  # not a region code yet
    positions = [below(window, qtbot)]
    for key in "east-1":
        qtbot.keyClicks(region, key)
        positions.append(below(window, qtbot))
    assert positions == sorted(positions)
