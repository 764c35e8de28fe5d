"""Ticking in the window, in a policy of a CloudFormation template: a real click on the
catalog's check indicator writes the new statement's ARNs in the template's own `!Sub` terms;
the problems pane shows no error and the saved template passes cfn-lint."""

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from editor.core.export.containers import find_container, lint_embedded
from editor.core.lint.engine import LintOptions
from editor.core.text.findings import Severity
from tests.core.template_examples import TEMPLATE
from tests.core.template_ticks import CHAT_DEMO, cfn_errors, decoded, resources_of
from tests.ui.test_catalog_filter import click_check
from tests.ui.test_tick_is_a_request import rows

SUB = "arn:aws:chime:${AWS::Region}:${AWS::AccountId}:app-instance/"


@pytest.mark.parametrize(
    ("template", "choice", "action", "arn", "where"),
    [
        (
            TEMPLATE,
            1,
            "CreateChannel",
            SUB + "${AppInstanceId}/user/${!cognito-identity.amazonaws.com:sub}",
            ("ChimeUserPolicy", None),
        ),
        (
            CHAT_DEMO,
            1,
            "DescribeAppInstanceUser",
            SUB + "{app_instance_id}/user/*",  # its `app-instance/*` is not copied unasked
            ("PresenceProcessorLambdaRole", 0),
        ),
    ],
    ids=["audit-template", "chime-chat-demo"],
)
def test_ticking_in_a_template_writes_its_own_references(
    window, qtbot, tmp_path: Path, template, choice, action, arn, where
) -> None:
    path = tmp_path / "stack.yaml"
    path.write_text(template, encoding="utf-8")
    window.dialogs.choice = choice
    assert window.open_path(str(path))
    click_check(qtbot, window.catalog_view, rows(window, action)[0])
    qtbot.waitUntil(lambda: f"chime:{action}" in window.document.state.text)
    assert "region:" not in window.editor.toPlainText()
    assert "{aws_account_id}" not in window.editor.toPlainText()
    qtbot.waitUntil(lambda: window.document.result_version == window.document.version)
    shown = [f for f in window.problems.model.findings if f.severity is Severity.ERROR]
    unfilled = ["resource/placeholder"] if "{app_instance_id}" in arn else []
    assert [f.code for f in shown] == unfilled  # the one the tick asks the user to fill
    QTest.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved = path.read_text(encoding="utf-8")
    assert saved != template
    assert cfn_errors(saved) == []
    resource, policy = where
    props = decoded(saved, "stack.yaml")["Resources"][resource]["Properties"]
    document = (
        props["PolicyDocument"] if policy is None else props["Policies"][policy]["PolicyDocument"]
    )
    assert resources_of(document)[-1] == {"Fn::Sub": arn}
    container = find_container(saved, "stack.yaml")
    assert container is not None
    errors = [
        f.message
        for e in container.policies
        for f in lint_embedded(saved, e, LintOptions()).findings
        if f.severity is Severity.ERROR
    ]
    assert len(errors) == len(unfilled)


def test_unticking_in_a_yaml_template_deletes_only_that_line(window, qtbot, tmp_path) -> None:
    """Before, an untick rewrote the whole PolicyDocument as JSON: now Save deletes the
    action's own line, and the comment, tags and quoting around it stay."""
    template = CHAT_DEMO.replace("      Policies:\n", "      Policies:\n        # Chime access\n")
    path = tmp_path / "chat.yaml"
    path.write_text(template, encoding="utf-8")
    window.dialogs.choice = 1
    assert window.open_path(str(path))
    click_check(qtbot, window.catalog_view, rows(window, "UpdateChannel")[0])
    qtbot.waitUntil(lambda: "chime:UpdateChannel" not in window.document.state.text)
    QTest.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert path.read_text(encoding="utf-8") == template.replace(
        '                  - "chime:UpdateChannel"\n', ""
    )


def test_a_json_block_policy_is_edited_in_place_through_the_window(window, qtbot, tmp_path) -> None:
    """`PolicyDocument: |` (the chat demo's processor role): offered, ticked into with a
    click, and saved as the same JSON block, its untouched lines byte for byte."""
    import json

    from tests.core.template_ticks import JSON_STRINGS

    path = tmp_path / "chat.yaml"
    path.write_text(JSON_STRINGS, encoding="utf-8")
    window.dialogs.choice = 1
    assert window.open_path(str(path))
    assert window.editor.toPlainText().startswith('{\n    "Version": "2012-10-17"')
    click_check(qtbot, window.catalog_view, rows(window, "GetMessagingSessionEndpoint")[0])
    qtbot.waitUntil(lambda: "chime:GetMessagingSessionEndpoint" in window.document.state.text)
    QTest.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved = path.read_text(encoding="utf-8")
    assert cfn_errors(saved) == []
    role = decoded(saved, "chat.yaml")["Resources"]["ProcessorLambdaRole"]["Properties"]
    block = role["Policies"][0]["PolicyDocument"]
    assert isinstance(block, str)
    # its `Resource: "*"` statement takes the action: one more line of its list
    assert "chime:GetMessagingSessionEndpoint" in json.loads(block)["Statement"][0]["Action"]
    line = '                            "chime:Listsubchannels"'
    assert saved == JSON_STRINGS.replace(
        line, line + ',\n                            "chime:GetMessagingSessionEndpoint"'
    )


def test_join_arns_show_as_the_templates_values_in_the_form(window, tmp_path) -> None:
    from tests.core.template_ticks import JOINED

    path = tmp_path / "joined.yaml"
    path.write_text(JOINED, encoding="utf-8")
    assert window.open_path(str(path))
    form = window.form
    assert form.inputs["account_id"].placeholderText() == "set by the template: ${AWS::AccountId}"
    assert form.inputs["app_instance_id"].placeholderText() == (
        "set by the template: ${AppInstanceId}"
    )
    assert form.inputs["account_id"].isReadOnly() and form.inputs["app_instance_id"].isReadOnly()
    errors = [f for f in window.problems.model.findings if f.severity is Severity.ERROR]
    assert errors == []


def test_fix_all_then_save_twice_keeps_the_templates_yaml(window, qtbot, tmp_path: Path) -> None:
    """The audit's steps: Fix all on five mis-cased actions in a row, save; then a second save.
    Only the five scalars differ from the original, each time."""
    from tests.core.export.test_yaml_fix_all import MISCASED, RESPELT

    path = tmp_path / "stack.yaml"
    path.write_text(MISCASED, encoding="utf-8")
    window.dialogs.choice = 1  # the role's policy, after its trust policy
    assert window.open_path(str(path))
    qtbot.waitUntil(lambda: window.document.result_version == window.document.version)
    button = window.problems.fix_all_button
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=button.rect().center())
    expected = MISCASED
    for old, new in RESPELT.items():
        expected = expected.replace(f'"{old}"', f'"{new}"')
    for _ in range(2):
        QTest.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        assert path.read_text(encoding="utf-8") == expected
        window.editor.setFocus()
        QTest.keyClick(window.editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClicks(window.editor, " ")  # a change, so the second save writes again
        QTest.keyClick(window.editor, Qt.Key.Key_Backspace)
