"""A policy opened from a CloudFormation template: a `!Sub` ARN's `${AWS::Region}` and
`${AWS::AccountId}` are the template's values of their fields (audit A2). The form says so and
never types over them; the literal fields around them fill in place like any other."""

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from editor.core.export.containers import find_container, lint_embedded
from editor.core.lint.engine import LintOptions
from tests.core.template_examples import SUB_EXPORT, TEMPLATE


@pytest.fixture
def opened(window, tmp_path: Path):
    def open_(text: str, choice: int) -> Path:
        path = tmp_path / "stack.yaml"
        path.write_text(text, encoding="utf-8")
        window.dialogs.choice = choice
        assert window.open_path(str(path))
        return path

    return open_


def test_the_templates_region_and_account_are_shown_as_the_templates(window, opened) -> None:
    opened(TEMPLATE, 1)
    form = window.form
    assert form.inputs["region"].placeholderText() == "set by the template: ${AWS::Region}"
    assert form.inputs["account_id"].placeholderText() == ("set by the template: ${AWS::AccountId}")
    assert form.inputs["app_instance_id"].placeholderText() == (
        "set by the template: ${AppInstanceId}"
    )
    for name in ("region", "account_id", "app_instance_id"):
        assert form.inputs[name].text() == ""  # never a piece of the reference (`${AWS`)
        assert form.inputs[name].isReadOnly()
        assert not form.messages[name].error
    assert not form.region.isEnabled()
    assert [f.code for f in window.problems.model.findings] == []


def test_typing_and_saving_never_touch_the_templates_references(window, opened, qtbot) -> None:
    path = opened(TEMPLATE, 1)
    before = window.document.state.text
    for edit, value in (
        (window.form.region.lineEdit(), "us-west-2"),
        (window.form.inputs["account_id"], "123456789012"),
    ):
        QTest.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)  # select all
        qtbot.keyClicks(edit, value)
    assert window.document.state.text == before
    QTest.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert path.read_text(encoding="utf-8") == TEMPLATE


def test_the_literal_ids_of_a_sub_export_are_shown_and_filled_in_place(
    window, opened, qtbot
) -> None:
    path = opened(SUB_EXPORT, 0)
    form = window.form
    assert form.inputs["app_instance_id"].text() == "myapp-1234"
    assert form.inputs["user_id"].text() == "u-1"
    assert form.inputs["region"].placeholderText() == "set by the template: ${AWS::Region}"
    edit = form.inputs["user_id"]
    qtbot.keyClicks(edit, "\b" * 3 + "${aws:username}")
    QTest.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    # in a !Sub, IAM's variable is written ${!...} so that CloudFormation leaves it to IAM
    assert path.read_text(encoding="utf-8") == SUB_EXPORT.replace(
        "/user/u-1", "/user/${!aws:username}"
    )
    assert [f.code for f in window.problems.model.findings] == []


def test_a_finding_names_the_templates_reference_as_written(tmp_path: Path) -> None:
    """Never the internal encoding of a reference (`${@AWS.AccountId}`)."""
    broken = TEMPLATE.replace(
        "app-instance/${AppInstanceId}/channel/*", "app-inst/${AppInstanceId}"
    )
    container = find_container(broken, "stack.yaml")
    assert container is not None
    found = lint_embedded(broken, container.policies[1], LintOptions())
    messages = [f.message for f in found.findings]
    assert "'app-inst/${AppInstanceId}' is not the form of any Chime resource" in messages[-1]
    assert not any("${@" in m for m in messages)


def test_the_access_dock_reads_sub_resources_as_the_stacks(window, opened, qtbot) -> None:
    """Audit A3: Grants lists the three !Sub actions; Check Access on one of them is Unknown,
    naming the template's values, and marks the statement that would decide."""
    from editor.core.access.evaluate import Decision
    from tests.ui.test_access import choose_action
    from tests.ui.test_access_audit import all_rows, type_into

    opened(TEMPLATE, 1)
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    view = window.access.grants
    qtbot.waitUntil(lambda: "chime:SendChannelMessage" in view.actions_shown())
    assert sorted(view.actions_shown()) == [
        "chime:Connect",
        "chime:GetMessagingSessionEndpoint",
        "chime:ListChannelMessages",
        "chime:SendChannelMessage",
    ]
    rows = [r[0] for r in all_rows(view.tree)]
    assert any(r.startswith("arn:aws:chime:${AWS::Region}:${AWS::AccountId}:") for r in rows)
    assert not any("${@" in r for r in rows)
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    pane = window.access.pane
    choose_action(window, qtbot, "chime:ListChannelMessages")
    channel = "arn:aws:chime:us-east-1:123456789012:app-instance/a/channel/c"
    type_into(qtbot, pane.target, channel)
    type_into(qtbot, pane.caller, "")
    qtbot.waitUntil(lambda: pane.result is not None and pane.target.text() == channel)
    qtbot.waitUntil(lambda: pane.result.decision is Decision.UNKNOWN)
    assert "the template's ${AWS::Region}, ${AWS::AccountId}" in pane.verdict.text()
    text = window.document.state.text  # the statement's line in the editor's own text
    line = text[: text.index('"Sid": "UserChannels"')].count("\n")
    assert pane.statements.item(0).text() == f"line {line}: Allow Sid 'UserChannels'"


def test_an_iam_variable_escaped_in_a_sub_reads_as_iams(window, opened) -> None:
    """`${!cognito-identity.amazonaws.com:sub}` is CloudFormation's way of writing IAM's
    variable: the form shows the variable, valid, not a bad user ID."""
    opened(TEMPLATE, 1)
    user = window.form.inputs["user_id"]
    assert user.text() == "${cognito-identity.amazonaws.com:sub}"
    assert not window.form.messages["user_id"].error
