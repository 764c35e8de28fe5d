"""Crafting a policy through the real window: ticks, form, JSON, undo."""

import json

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from editor.core.policy.editing import EditorState
from editor.core.policy.generate import Layout, generate
from editor.ui.catalog_model import CatalogModel

CHECK = Qt.ItemDataRole.CheckStateRole


def group_index(window, title: str):
    model = window.catalog_model
    row = next(i for i, g in enumerate(model.groups) if g.title == title)
    return model.index(row, 0)


def action_index(window, group_title: str, name: str):
    model = window.catalog_model
    parent = group_index(window, group_title)
    row = next(i for i, a in enumerate(model.groups[parent.row()].actions) if a.name == name)
    return model.index(row, 0, parent)


def fill(window, **values: str) -> None:
    for name, value in values.items():
        window.form.inputs[name].setText(value)
        window.form.inputs[name].textEdited.emit(value)


def test_catalog_model_passes_qt_model_tester(qtmodeltester: ModelTester, window) -> None:
    qtmodeltester.check(window.catalog_model, force_py=True)
    model: CatalogModel = window.catalog_model
    assert [g.title for g in model.groups][-1] == "Other messaging actions"
    in_groups = {a.name for g in model.groups for a in g.actions}
    assert in_groups == {a.name for a in window.catalog.messaging_actions}


def test_ticking_a_persona_writes_the_generators_policy(window) -> None:
    persona = window.personas.get("minimal-user")
    window.catalog_model.setData(group_index(window, persona.title), Qt.CheckState.Checked, CHECK)
    expected = generate(persona.actions, EditorState("").values(), Layout.LEAST_PRIVILEGE)
    written = json.loads(window.editor.toPlainText())
    # The generator's statements, each Action written as a list so later ticks go into it.
    for statement in expected.Statement:
        assert {**statement.as_json(), "Action": list(statement.Action)} in written["Statement"]
    assert len(written["Statement"]) == len(expected.Statement)
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


def test_form_values_flow_into_the_arns_and_invalid_ones_are_marked(window) -> None:
    window.catalog_model.setData(
        action_index(window, "WebSocket connect", "Connect"), Qt.CheckState.Checked, CHECK
    )
    fill(
        window,
        region="us-east-1",
        account_id="123456789012",
        app_instance_id="app-1",
        user_id="${aws:username}",
    )
    text = window.editor.toPlainText()
    assert "arn:aws:chime:us-east-1:123456789012:app-instance/app-1/user/${aws:username}" in text
    assert window.problems.model.findings == ()
    fill(window, account_id="12345")
    assert window.form.errors["account_id"].isVisible()
    assert "12 digits" in window.form.errors["account_id"].text()
    assert window.form.inputs["account_id"].property("invalid") is True
    # The invalid value never reaches the policy: the ARN keeps the last placeholder.
    assert ":12345:" not in window.editor.toPlainText()


def test_optional_fields_appear_only_when_actions_need_them(window) -> None:
    form = window.form
    assert not form.layout_.isRowVisible(form.rows["channel_flow_id"])
    window.catalog_model.setData(
        action_index(window, "Full user", "AssociateChannelFlow"), Qt.CheckState.Checked, CHECK
    )
    assert form.layout_.isRowVisible(form.rows["channel_flow_id"])
    assert form.layout_.isRowVisible(form.rows["channel_id"])
    assert form.any_boxes["channel_flow_id"].isChecked()
    form.any_boxes["channel_flow_id"].setChecked(False)
    fill(window, channel_flow_id="flow-1")
    assert "/channel-flow/flow-1" in window.editor.toPlainText()


def test_editing_the_json_moves_the_checkboxes(window) -> None:
    text = generate(["chime:Connect", "chime:DescribeChannel"]).to_text()
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


def test_undo_and_redo_cover_ticks_form_and_text(window) -> None:
    window.catalog_model.setData(
        group_index(window, "WebSocket connect"), Qt.CheckState.Checked, CHECK
    )
    ticked = window.editor.toPlainText()
    fill(window, region="eu-central-1")
    assert "eu-central-1" in window.editor.toPlainText()
    window.undo_action.trigger()
    assert window.editor.toPlainText() == ticked
    assert window.form.inputs["region"].text() == ""
    window.undo_action.trigger()
    assert window.document.state.actions == frozenset()
    window.redo_action.trigger()
    window.redo_action.trigger()
    assert "eu-central-1" in window.editor.toPlainText()


def test_typing_in_a_field_is_one_undo_step(window) -> None:
    for partial in ("1", "12", "123456789012"):
        fill(window, account_id=partial)
    assert window.document.undo_stack.count() == 1


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
