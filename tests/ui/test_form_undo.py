"""Ctrl+Z in the ARN form is the document's undo, wherever the focus is (audit D10)."""

from PySide6.QtCore import Qt

from tests.core.aws_examples import REGISTER_ENDPOINT

CTRL = Qt.KeyboardModifier.ControlModifier


def test_ctrl_z_in_an_empty_field_undoes_the_last_field_typed(window, qtbot, tmp_path) -> None:
    path = tmp_path / "register-endpoint.json"
    path.write_text(REGISTER_ENDPOINT, encoding="utf-8")
    assert window.open_path(str(path))
    window.show()
    window.activateWindow()
    form = window.form
    account = form.inputs["account_id"]
    account.setFocus()
    qtbot.keyClicks(account, "123456789012")
    assert "123456789012" in window.editor.toPlainText()
    empty = form.inputs["app_instance_id"]
    qtbot.keyClick(account, Qt.Key.Key_Tab)  # on to the next, empty field, as a user does
    assert empty.hasFocus() and empty.text() == ""
    qtbot.keyClick(empty, Qt.Key.Key_Z, CTRL)
    assert window.editor.toPlainText() == REGISTER_ENDPOINT
    assert account.text() == ""
    qtbot.keyClick(empty, Qt.Key.Key_Y, CTRL)  # redo
    assert "123456789012" in window.editor.toPlainText()


def test_ctrl_z_in_the_field_being_typed_undoes_it_in_the_document(window, qtbot, tmp_path):
    path = tmp_path / "register-endpoint.json"
    path.write_text(REGISTER_ENDPOINT, encoding="utf-8")
    assert window.open_path(str(path))
    window.show()
    window.activateWindow()
    region = window.form.region.lineEdit()
    region.setFocus()
    qtbot.keyClicks(region, "us-east-1")
    qtbot.keyClick(region, Qt.Key.Key_Z, CTRL)
    assert window.editor.toPlainText() == REGISTER_ENDPOINT
    assert region.text() == ""
