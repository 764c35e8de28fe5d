"""An opened file is the user's text: the ARN form fills it in place, through real typing."""

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.core.aws_examples import CALL_FROM_BACKEND, REGISTER_ENDPOINT
from tests.core.policies import USER, policy, statement


def placeholder_findings(window) -> list[str]:
    return [f.message for f in window.document.result.findings if f.code == "resource/placeholder"]


@pytest.fixture
def register(window, tmp_path: Path):
    path = tmp_path / "register-endpoint.json"
    path.write_text(REGISTER_ENDPOINT, encoding="utf-8")
    assert window.open_path(str(path))
    return window


def test_form_shows_the_pages_placeholders_as_unfilled(register) -> None:
    form = register.form
    assert form.inputs["app_instance_id"].text() == ""  # never shown as if it were an ID
    assert form.inputs["app_instance_id"].placeholderText() == "unfilled: app_instance_id"
    assert form.inputs["region"].placeholderText() == "unfilled: region"
    assert form.others["other:project_id"].placeholderText() == "unfilled: project_id"


def test_typing_fills_an_opened_file_with_sids_in_place(register, qtbot) -> None:
    form = register.form
    qtbot.keyClicks(form.region.lineEdit(), "us-east-1")
    qtbot.keyClicks(form.inputs["account_id"], "123456789012")
    qtbot.keyClicks(form.inputs["app_instance_id"], "app-1")
    qtbot.keyClicks(form.inputs["user_id"], "${aws:username}")
    other = form.others["other:project_id"]
    qtbot.keyClicks(other, "a1b2c3")
    qtbot.keyClick(other, Qt.Key.Key_Return)
    expected = (
        REGISTER_ENDPOINT.replace("region:aws_account_id", "us-east-1:123456789012")
        .replace("app_instance_id/user/app_instance_user_id", "app-1/user/${aws:username}")
        .replace("apps/project_id", "apps/a1b2c3")
    )
    text = register.document.state.text
    assert text == expected  # the Sids, the page's trailing space, every other byte kept
    assert register.editor.toPlainText() == expected
    assert placeholder_findings(register) == []
    assert register.isWindowModified()
    qtbot.waitUntil(lambda: "other:project_id" not in form.others)
    register.document.undo()  # the project ID, one step
    assert "apps/project_id" in register.document.state.text


def test_a_value_beside_a_placeholder_is_shown_and_the_placeholder_named(window, tmp_path, qtbot):
    text = policy(statement("chime:Connect", [USER, USER.replace("us-east-1", "region")]))
    path = tmp_path / "half.json"
    path.write_text(text, encoding="utf-8")
    window.open_path(str(path))
    assert window.form.inputs["region"].text() == "us-east-1"
    assert window.form.messages["region"].note == (
        "2 different values in the policy (unfilled: region): typing replaces all, or choose one"
    )
    qtbot.keyClicks(window.form.region.lineEdit(), "\b" * 9 + "eu-central-1")
    assert window.document.state.text == text.replace("us-east-1", "eu-central-1").replace(
        ":region:", ":eu-central-1:"
    )


def test_a_field_with_several_values_lets_the_user_choose_which(window, tmp_path, qtbot):
    other = USER.replace("123456789012", "210987654321")
    text = policy({"Sid": "Mine", **statement("chime:Connect", [USER, other])})
    path = tmp_path / "two-accounts.json"
    path.write_text(text, encoding="utf-8")
    window.open_path(str(path))
    form = window.form
    chooser = form.choosers["account_id"]
    assert chooser.isVisible() and "2 different values" in form.messages["account_id"].note
    assert [chooser.itemText(i) for i in range(chooser.count())] == [
        "all 2 of them",
        "123456789012",
        "210987654321",
    ]
    chooser.setFocus()
    qtbot.keyClick(chooser, Qt.Key.Key_Down)  # the first account
    qtbot.keyClick(chooser, Qt.Key.Key_Down)  # the second
    assert form.inputs["account_id"].text() == "210987654321"
    edit = form.inputs["account_id"]
    edit.selectAll()
    qtbot.keyClicks(edit, "555555555555")
    saved = json.loads(window.document.state.text)["Statement"][0]["Resource"]
    assert saved == [USER, other.replace("210987654321", "555555555555")]


def test_filling_the_backend_example_keeps_its_user_and_elided_list(window, tmp_path, qtbot):
    path = tmp_path / "backend.json"
    path.write_text(CALL_FROM_BACKEND, encoding="utf-8")
    window.open_path(str(path))
    # The page elides actions with `...`: the text does not read, and the form says why.
    assert window.banner.isVisible() and not window.form.isEnabled()
