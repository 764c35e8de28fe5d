"""Caller and targets in the form: "act as a bot" and target users, through real input."""

import json

from PySide6.QtCore import Qt

from tests.ui.test_catalog_filter import click_check, group


def resources(window) -> list[str]:
    found: list[str] = []
    for statement in json.loads(window.document.state.text)["Statement"]:
        value = statement["Resource"]
        found += [value] if isinstance(value, str) else value
    return found


def tick(window, qtbot, group_title: str, name: str) -> None:
    model = window.catalog_model
    parent = group(window, group_title)
    row = next(i for i, a in enumerate(model.groups[parent.row()].actions) if a.name == name)
    window.catalog_view.tree.expand(window.catalog_view.proxy.mapFromSource(parent))
    click_check(qtbot, window.catalog_view, model.index(row, 0, parent))


def test_a_user_caller_gets_no_bot_arn_until_acting_as_a_bot(window, qtbot) -> None:
    tick(window, qtbot, "Full user", "SendChannelMessage")
    form = window.form
    qtbot.keyClicks(form.inputs["bot_id"], "bot-1")
    assert not any("/bot/" in r for r in resources(window))
    assert form.as_bot.isVisible()
    qtbot.mouseClick(form.as_bot, Qt.MouseButton.LeftButton)
    assert any(r.endswith("/bot/bot-1") for r in resources(window))
    assert not any("/user/" in r for r in resources(window))
    window.undo_action.trigger()
    assert not form.as_bot.isChecked() and not any("/bot/" in r for r in resources(window))


def test_target_users_limit_an_administrators_user_actions(window, qtbot) -> None:
    tick(window, qtbot, "App-instance administrator", "DeleteAppInstanceUser")
    form = window.form
    assert form.layout_.isRowVisible(form.rows["target_user_ids"])
    qtbot.keyClicks(form.inputs["user_id"], "admin")
    assert next(r for r in resources(window) if "/user/" in r).endswith("/user/*")
    qtbot.keyClicks(form.inputs["target_user_ids"], "alice, bob")
    users = [r.rsplit("/", 1)[1] for r in resources(window) if "/user/" in r]
    assert users == ["alice", "bob"]  # never the caller's own "admin"
