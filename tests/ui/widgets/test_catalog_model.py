"""The catalog model and its view, built alone (no window, no document): Qt's model checks,
and a click on a box is a request that changes no box until the answer comes back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt

from editor.core.catalog.catalog import load_catalog, load_personas
from editor.ui.catalog_model import CatalogModel
from editor.ui.catalog_view import CatalogView
from tests.ui.test_catalog_filter import click_check

CHECK = Qt.ItemDataRole.CheckStateRole


@pytest.fixture
def model() -> CatalogModel:
    return CatalogModel(load_catalog(), load_personas())


@pytest.fixture
def view(qtbot, model: CatalogModel) -> CatalogView:
    widget = CatalogView(model)
    qtbot.addWidget(widget)
    widget.resize(500, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def row_of(model: CatalogModel, name: str) -> QModelIndex:
    for g, group in enumerate(model.groups):
        for r, action in enumerate(group.actions):
            if action.name == name:
                return model.index(r, 0, model.index(g, 0))
    raise AssertionError(name)


def everywhere(model: CatalogModel, name: str) -> set[Qt.CheckState]:
    """The box of every row that lists `name` (several personas list some actions)."""
    return {
        model.index(r, 0, model.index(g, 0)).data(CHECK)
        for g, group in enumerate(model.groups)
        for r, action in enumerate(group.actions)
        if action.name == name
    }


def test_qt_model_checks_pass_empty_and_ticked(qtmodeltester, model: CatalogModel) -> None:
    qtmodeltester.check(model)
    model.set_selected(frozenset({"Connect", "SendChannelMessage"}))
    qtmodeltester.check(model)


def test_a_click_asks_and_changes_no_box(qtbot, view: CatalogView, model) -> None:
    connect = row_of(model, "Connect")
    with qtbot.waitSignal(model.toggled) as asked:
        click_check(qtbot, view, connect)
    assert asked.args == [frozenset({"Connect"}), True]
    assert everywhere(model, "Connect") == {Qt.CheckState.Unchecked}  # nobody answered yet


def test_the_answer_ticks_every_row_of_the_action_and_its_persona(view, model) -> None:
    with_connect = [g for g in model.groups if any(a.name == "Connect" for a in g.actions)]
    assert len(with_connect) > 1  # the check below means something only then
    model.set_selected(frozenset({"Connect"}))
    assert everywhere(model, "Connect") == {Qt.CheckState.Checked}
    for row, group in enumerate(model.groups):
        if group in with_connect:
            expected = (
                Qt.CheckState.Checked if len(group.actions) == 1 else Qt.CheckState.PartiallyChecked
            )
            assert model.index(row, 0).data(CHECK) == expected, group.title


def test_an_untick_asks_to_take_the_action_out(qtbot, view: CatalogView, model) -> None:
    model.set_selected(frozenset({"Connect", "SendChannelMessage"}))
    with qtbot.waitSignal(model.toggled) as asked:
        click_check(qtbot, view, row_of(model, "Connect"))
    assert asked.args == [frozenset({"Connect"}), False]  # taken out of what the text grants
    assert everywhere(model, "Connect") == {Qt.CheckState.Checked}  # until the answer


def test_a_persona_row_asks_for_the_actions_the_filter_shows(qtbot, view, model) -> None:
    qtbot.keyClicks(view.filter, "ChannelBan")
    shown = model.visible
    assert shown and all("ChannelBan" in name for name in shown)
    persona = next(
        model.index(g, 0)
        for g, group in enumerate(model.groups)
        if any(a.name in shown for a in group.actions)
    )
    with qtbot.waitSignal(model.toggled) as asked:
        click_check(qtbot, view, persona)
    in_group = {a.name for a in model.groups[persona.row()].actions} & shown
    assert asked.args == [frozenset(in_group), True]
    assert model.selected == frozenset()


def test_a_read_only_tree_asks_nothing(qtbot, view: CatalogView, model) -> None:
    model.set_editable(False)
    with qtbot.assertNotEmitted(model.toggled):
        click_check(qtbot, view, row_of(model, "Connect"))
    assert not model.flags(row_of(model, "Connect")) & Qt.ItemFlag.ItemIsUserCheckable
