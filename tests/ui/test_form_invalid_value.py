"""A value typed into the ARN form that stops being valid mid-word (`my app`: a space is not
allowed in an app instance ID) never reaches the policy; what the policy still holds — the
value typed before the mistake — is named under the field, so the text and the form never
disagree silently (a new user's audit found the policy holding `my` with nothing saying so)."""

import json
from pathlib import Path

from PySide6.QtCore import Qt

from tests.conftest import seed_examples


def app_instance_ids(text: str) -> set[str]:
    """The app instance IDs the policy's ARNs hold, read with json.loads."""
    statements = json.loads(text)["Statement"]
    found = set()
    for statement in statements:
        resources = statement.get("Resource", [])
        for arn in [resources] if isinstance(resources, str) else resources:
            if "app-instance/" in arn:
                found.add(arn.split("app-instance/", 1)[1].split("/", 1)[0])
    return found


def test_a_value_made_invalid_says_what_the_policy_keeps(window, qtbot, tmp_path: Path) -> None:
    path = tmp_path / "minimal-user.json"
    path.write_text(seed_examples()[2], encoding="utf-8")
    assert window.open_path(str(path))
    window.fix_all()  # AWS's example is not JSON as printed: make it readable first
    field = window.form.inputs["app_instance_id"]
    field.setFocus()
    qtbot.keyClicks(field, "my")
    assert app_instance_ids(window.editor.toPlainText()) == {"my"}
    qtbot.keyClicks(field, " app")
    error = window.form.marks["app_instance_id"].action  # the marker in the field
    assert error.isVisible()
    assert app_instance_ids(window.editor.toPlainText()) == {"my"}  # " app" never written
    assert "the policy keeps \u201cmy\u201d" in error.toolTip()
    for _ in " app":
        qtbot.keyClick(field, Qt.Key.Key_Backspace)
    assert not error.isVisible()
    qtbot.keyClicks(field, "-app")
    assert app_instance_ids(window.editor.toPlainText()) == {"my-app"}


def test_an_invalid_first_value_names_the_placeholder_kept(window, qtbot, tmp_path) -> None:
    path = tmp_path / "minimal-user.json"
    path.write_text(seed_examples()[2], encoding="utf-8")
    assert window.open_path(str(path))
    window.fix_all()
    before = window.editor.toPlainText()
    (placeholder,) = app_instance_ids(before)
    field = window.form.inputs["app_instance_id"]
    field.setFocus()
    qtbot.keyClicks(field, "!")  # invalid from its first character
    assert window.editor.toPlainText() == before
    assert f"the policy keeps \u201c{placeholder}\u201d" in (window.form.message_line.full_text)
