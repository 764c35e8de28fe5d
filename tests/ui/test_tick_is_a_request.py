"""A tick is a request: the boxes always show what the text grants, read again after every
step — a tick, an untick the document refuses, undo and redo — through real clicks on the
tree's check indicators and the real Ctrl+Z / Ctrl+Y keys."""

import json
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt

from tests.core.aws_examples import REGISTER_ENDPOINT
from tests.ui.test_catalog_filter import click_check

CTRL = Qt.KeyboardModifier.ControlModifier
WATCHED = {"Connect": "Connect", "Register": "RegisterAppInstanceUserEndpoint"}


def granted(text: str) -> set[str]:
    """The chime actions the text names, read by the standard library's JSON reader."""
    statements = json.loads(text)["Statement"]
    names: set[str] = set()
    for statement in statements if isinstance(statements, list) else [statements]:
        actions = statement["Action"]
        names.update([actions] if isinstance(actions, str) else actions)
    return {n.split(":", 1)[1].lower() for n in names if n.lower().startswith("chime:")}


def rows(window, name: str) -> list[QModelIndex]:
    """Every row of the tree that lists the action (an action can sit under several personas)."""
    model = window.catalog_model
    return [
        model.index(r, 0, model.index(g, 0))
        for g, group in enumerate(model.groups)
        for r, action in enumerate(group.actions)
        if action.name == name
    ]


def boxes_agree_with_text(window) -> dict[str, bool]:
    text = window.editor.toPlainText()
    assert text == window.document.state.text
    grants = granted(text)
    shown = {}
    for short, name in WATCHED.items():
        states = {r.data(Qt.ItemDataRole.CheckStateRole) for r in rows(window, name)}
        assert len(states) == 1, f"{name} is shown both ticked and unticked"
        ticked = states.pop() == Qt.CheckState.Checked
        assert ticked == (name.lower() in grants), f"the box of {name} says {ticked}"
        shown[short] = ticked
    return shown


def type_at(qtbot, window, needle: str, after: bool, keys: str) -> None:
    """Click-free cursor placement (the editor's own jump) before or after `needle`, then
    real key presses."""
    text = window.editor.toPlainText()
    offset = text.index(needle) + (len(needle) if after else 0)
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    window.editor.jump_to(line, column)
    qtbot.keyClicks(window.editor, keys)


def test_unticking_connect_in_a_statement_with_its_own_sid(window, qtbot, tmp_path: Path) -> None:
    # AWS's "Register a mobile device endpoint as an App Instance user" example: two
    # statements with their authors' own Sids (tests/core/aws_examples.py cites the page).
    path = tmp_path / "register-endpoint.json"
    path.write_text(REGISTER_ENDPOINT, encoding="utf-8")
    assert window.open_path(str(path))
    view, tree = window.catalog_view, window.catalog_view.tree
    assert boxes_agree_with_text(window) == {"Connect": False, "Register": True}

    # The author grants Connect in their own statement, typing it into the JSON.
    value = '"chime:RegisterAppInstanceUserEndpoint"'
    type_at(qtbot, window, value, after=False, keys="[")
    type_at(qtbot, window, value, after=True, keys=', "chime:Connect"]')
    sids = {s["Sid"]: s for s in json.loads(window.editor.toPlainText())["Statement"]}
    assert sids["PermissionToRegisterEndpoint"]["Action"] == [
        "chime:RegisterAppInstanceUserEndpoint",
        "chime:Connect",
    ]
    assert boxes_agree_with_text(window) == {"Connect": True, "Register": True}
    typed = window.editor.toPlainText()

    register = rows(window, "RegisterAppInstanceUserEndpoint")[0]
    click_check(qtbot, view, register)  # untick: the Sid's statement keeps only Connect
    assert boxes_agree_with_text(window) == {"Connect": True, "Register": False}
    unticked = window.editor.toPlainText()

    connect = rows(window, "Connect")[0]
    click_check(qtbot, view, connect)  # untick Connect: it would delete the author's statement
    assert window.editor.toPlainText() == unticked  # refused: the text still grants it...
    assert boxes_agree_with_text(window) == {"Connect": True, "Register": False}  # ...and says so
    assert window.banner.isVisible() and "PermissionToRegisterEndpoint" in window.banner.text()

    for key, text, expected in [
        (Qt.Key.Key_Z, typed, {"Connect": True, "Register": True}),
        (Qt.Key.Key_Y, unticked, {"Connect": True, "Register": False}),
        (Qt.Key.Key_Z, typed, {"Connect": True, "Register": True}),
    ]:
        qtbot.keyClick(tree, key, CTRL)
        assert window.editor.toPlainText() == text
        assert boxes_agree_with_text(window) == expected, key
    while window.document.can_undo():  # back through the typing: two bursts, two steps
        qtbot.keyClick(tree, Qt.Key.Key_Z, CTRL)
        try:
            json.loads(window.editor.toPlainText())
        except ValueError:  # half typed: the boxes cannot be changed, and the window says why
            assert not window.catalog_model.editable and window.banner.isVisible()
        else:
            boxes_agree_with_text(window)
    assert window.editor.toPlainText() == REGISTER_ENDPOINT  # every byte back, Sids included
    assert boxes_agree_with_text(window) == {"Connect": False, "Register": True}
