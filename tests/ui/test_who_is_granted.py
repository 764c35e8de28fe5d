"""Typing in the ARN form never regrants a policy to someone else (audit D1, D2)."""

from pathlib import Path

from PySide6.QtCore import Qt

from tests.core.policy.test_who_is_granted import CROSS_ACCOUNT, TRUST


def _open(window, tmp_path: Path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    assert window.open_path(str(path))
    return path


def test_typing_an_account_leaves_a_bucket_policys_principal(window, tmp_path, qtbot) -> None:
    _open(window, tmp_path, "bucket-policy.json", CROSS_ACCOUNT)
    edit = window.form.inputs["account_id"]
    assert edit.text() == ""  # the Principal's account is not the form's value
    qtbot.keyClicks(edit, "444455556666")
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    assert window.document.state.text == CROSS_ACCOUNT
    assert "arn:aws:iam::111122223333:root" in window.editor.toPlainText()


def test_typing_an_account_leaves_a_trust_policys_conditions(window, tmp_path, qtbot) -> None:
    _open(window, tmp_path, "trust-policy.json", TRUST)
    qtbot.keyClicks(window.form.inputs["account_id"], "999999999999")
    qtbot.keyClicks(window.form.region.lineEdit(), "eu-west-1")
    assert window.editor.toPlainText() == TRUST


def test_the_form_says_when_a_typed_value_has_nothing_to_replace(window, tmp_path, qtbot):
    _open(window, tmp_path, "bucket-policy.json", CROSS_ACCOUNT)
    note = window.form.marks["account_id"].action  # the marker in the field
    assert not note.isVisible()
    qtbot.keyClicks(window.form.inputs["account_id"], "444455556666")
    assert note.isVisible()
    assert "no resource ARN in the policy holds this" in note.toolTip()
    assert "Principal and Condition values are kept as written" in note.toolTip()
