"""Crafting a policy through the real window: ticks, form, JSON, undo."""

import json

from moto.iam.policy_validation import IAMPolicyDocumentValidator
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from editor.core.policy.generate import Layout
from editor.ui.catalog_model import CatalogModel
from tests.conftest import seed_examples

CHECK = Qt.ItemDataRole.CheckStateRole
CHANNEL_ARN = "arn:aws:chime:region:{aws_account_id}:app-instance/{app_instance_id}/channel/*"


def group_index(window, title: str):
    model = window.catalog_model
    row = next(i for i, g in enumerate(model.groups) if g.title == title)
    return model.index(row, 0)


def action_index(window, group_title: str, name: str):
    model = window.catalog_model
    parent = group_index(window, group_title)
    row = next(i for i, a in enumerate(model.groups[parent.row()].actions) if a.name == name)
    return model.index(row, 0, parent)


def fill(window, qtbot, **values: str) -> None:
    """Type each value into its field, as a user would: select what is there, type over it."""
    for name, value in values.items():
        edit = window.form.inputs[name]
        edit.setFocus()
        edit.selectAll()
        if value:
            qtbot.keyClicks(edit, value)
        else:
            qtbot.keyClick(edit, Qt.Key.Key_Delete)


def grants(text: str) -> set[tuple[str, str]]:
    """Every (action, resource) pair a policy allows, as written."""
    pairs = set()
    for statement in json.loads(text)["Statement"]:
        actions, resources = statement["Action"], statement["Resource"]
        for action in [actions] if isinstance(actions, str) else actions:
            for resource in [resources] if isinstance(resources, str) else resources:
                pairs.add((action, resource))
    return pairs


def test_catalog_model_passes_qt_model_tester(qtmodeltester: ModelTester, window) -> None:
    qtmodeltester.check(window.catalog_model, force_py=True)
    model: CatalogModel = window.catalog_model
    assert [g.title for g in model.groups][-1] == "Other messaging actions"
    in_groups = {a.name for g in model.groups for a in g.actions}
    assert in_groups == {a.name for a in window.catalog.messaging_actions}


def test_ticking_a_persona_writes_a_policy_within_aws_example(window, qtbot) -> None:
    persona = window.personas.get("minimal-user")
    tree, proxy = window.catalog_view.tree, window.catalog_view.proxy
    tree.setFocus()
    tree.setCurrentIndex(proxy.mapFromSource(group_index(window, persona.title)))
    qtbot.keyClick(tree, Qt.Key.Key_Space)  # ticks the persona row
    text = window.editor.toPlainText()
    IAMPolicyDocumentValidator(text).validate()  # what AWS would accept
    # The oracle: AWS's own minimal-user example (the seed page). Every action it grants is
    # granted, and nothing beyond what it grants (least privilege may grant less).
    aws = grants(seed_examples()[2])
    ours = grants(text)
    assert {a for a, _ in ours} == {a for a, _ in aws}
    assert ours <= aws
    assert ("chime:ListChannels", CHANNEL_ARN) not in ours  # a list action needs no channel
    assert (
        window.catalog_model.data(group_index(window, persona.title), CHECK)
        == Qt.CheckState.Checked
    )
    # An action in several personas is ticked everywhere.
    assert (
        window.catalog_model.data(action_index(window, "Full user", "SendChannelMessage"), CHECK)
        == Qt.CheckState.Checked
    )
    assert (
        window.catalog_model.data(group_index(window, "Full user"), CHECK)
        == Qt.CheckState.PartiallyChecked
    )


def test_form_values_flow_into_the_arns_and_invalid_ones_are_marked(window, qtbot) -> None:
    window.catalog_model.setData(
        action_index(window, "WebSocket connect", "Connect"), Qt.CheckState.Checked, CHECK
    )
    fill(
        window,
        qtbot,
        region="us-east-1",
        account_id="123456789012",
        app_instance_id="app-1",
        user_id="${aws:username}",
    )
    text = window.editor.toPlainText()
    assert "arn:aws:chime:us-east-1:123456789012:app-instance/app-1/user/${aws:username}" in text
    assert window.problems.model.findings == ()
    fill(window, qtbot, account_id="12345")
    assert window.form.marks["account_id"].action.isVisible()
    assert "12 digits" in window.form.marks["account_id"].action.toolTip()
    assert window.form.inputs["account_id"].property("invalid") is True
    # The invalid value never reaches the policy: the ARN keeps the last placeholder.
    assert ":12345:" not in window.editor.toPlainText()


def test_optional_fields_appear_only_when_actions_need_them(window, qtbot) -> None:
    form = window.form
    assert not form.layout_.isRowVisible(form.rows["channel_flow_id"])
    window.catalog_model.setData(
        action_index(window, "Full user", "AssociateChannelFlow"), Qt.CheckState.Checked, CHECK
    )
    assert form.layout_.isRowVisible(form.rows["channel_flow_id"])
    assert form.layout_.isRowVisible(form.rows["channel_id"])
    assert form.any_boxes["channel_flow_id"].isChecked()
    qtbot.mouseClick(form.any_boxes["channel_flow_id"], Qt.MouseButton.LeftButton)
    # Nothing typed yet: the text still grants every flow, and the box says so; the field
    # takes the ID that replaces it.
    assert form.any_boxes["channel_flow_id"].isChecked()
    assert form.inputs["channel_flow_id"].isEnabled()
    assert "type an ID here to replace it" in form.messages["channel_flow_id"].note
    fill(window, qtbot, channel_flow_id="flow-1")
    assert "/channel-flow/flow-1" in window.editor.toPlainText()
    assert not form.any_boxes["channel_flow_id"].isChecked()


def test_editing_the_json_moves_the_checkboxes(window) -> None:
    text = (
        '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", '
        '"Action": ["chime:Connect", "chime:DescribeChannel"], '
        '"Resource": "arn:aws:chime:us-east-1:123456789012:app-instance/a/user/u"}]}'
    )
    window.editor.setPlainText(text)
    assert window.document.state.actions == {"Connect", "DescribeChannel"}
    assert (
        window.catalog_model.data(action_index(window, "WebSocket connect", "Connect"), CHECK)
        == Qt.CheckState.Checked
    )


def test_json_errors_show_the_banner_and_hold_the_form(window) -> None:
    window.editor.setPlainText('{"Version": "2012-10-17", "Statement": [')
    assert window.banner.isVisible() and "Fix the JSON errors to sync" in window.banner.text()
    assert not window.form.isEnabled()
    assert (
        not window.catalog_model.flags(group_index(window, "Full user")) & Qt.ItemFlag.ItemIsEnabled
    )
    before = window.editor.toPlainText()
    assert not window.catalog_model.setData(
        group_index(window, "Full user"), Qt.CheckState.Checked, CHECK
    )
    assert window.editor.toPlainText() == before  # nothing overwritten
    window.fix_all()
    assert not window.banner.isVisible() and window.form.isEnabled()


def test_undo_and_redo_cover_ticks_form_and_text(window, qtbot) -> None:
    window.catalog_model.setData(
        group_index(window, "WebSocket connect"), Qt.CheckState.Checked, CHECK
    )
    ticked = window.editor.toPlainText()
    fill(window, qtbot, region="eu-central-1")
    assert "eu-central-1" in window.editor.toPlainText()
    window.undo_action.trigger()
    assert window.editor.toPlainText() == ticked
    assert window.form.inputs["region"].text() == ""
    window.undo_action.trigger()
    assert window.document.state.actions == frozenset()
    window.redo_action.trigger()
    window.redo_action.trigger()
    assert "eu-central-1" in window.editor.toPlainText()


def test_typing_in_a_field_is_one_undo_step(window, qtbot) -> None:
    fill(window, qtbot, account_id="123456789012")
    assert window.document.state.field("account_id") == "123456789012"
    assert window.document.undo_steps() == 1
    window.undo_action.trigger()
    assert window.form.inputs["account_id"].text() == ""


def test_layout_and_indent_choices_rewrite_the_policy(window) -> None:
    persona = window.personas.get("full-user")
    window.catalog_model.setData(group_index(window, persona.title), Qt.CheckState.Checked, CHECK)
    window.layout_combo.setCurrentIndex(window.layout_combo.findData(Layout.AWS_EXAMPLE))
    statements = json.loads(window.editor.toPlainText())["Statement"]
    assert len(statements) == 2  # AWS's example: endpoint on "*", the rest on the ARNs
    window.indent_combo.setCurrentIndex(window.indent_combo.findData(2))
    assert window.editor.toPlainText().splitlines()[1].startswith('  "Version"')


def test_filter_narrows_the_tree(window, qtbot) -> None:
    view = window.catalog_view
    qtbot.keyClicks(view.filter, "ChannelFlow")
    proxy = view.proxy
    shown = [
        proxy.index(r, 0, proxy.index(g, 0)).data()
        for g in range(proxy.rowCount())
        for r in range(proxy.rowCount(proxy.index(g, 0)))
    ]
    assert shown and all("channelflow" in name.lower() for name in shown)


def test_tooltips_describe_actions(window) -> None:
    tip = window.catalog_model.data(
        action_index(window, "Full user", "SendChannelMessage"), Qt.ItemDataRole.ToolTipRole
    )
    assert "Resource types" in tip and "channel" in tip and "https://docs.aws.amazon.com" in tip
