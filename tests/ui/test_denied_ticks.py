"""The catalog shows what the text grants: an action an explicit Deny takes away is unticked
and says "denied", naming the Deny; "Full user" is then not complete. The audit opened the
common "everything but deletes" policy and saw DeleteChannel ticked and "Full user (34/34)".
Which actions the Deny takes away is decided by the oracle in tests/core/policy/
test_denied_ticks.py."""

import json
from pathlib import Path

from PySide6.QtCore import Qt

from tests.ui.test_catalog_filter import click_check

APP = "arn:aws:chime:us-east-1:111122223333:app-instance/APP"
DENY_ONE = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {"Sid": "AllMessaging", "Effect": "Allow", "Action": "chime:*", "Resource": f"{APP}/*"},
            {
                "Sid": "NoDeletes",
                "Effect": "Deny",
                "Action": ["chime:DeleteChannel", "chime:DeleteChannelMessage"],
                "Resource": "*",
            },
        ],
    },
    indent=4,
)


def _row(window, qtbot, name: str):
    """Filter the catalog to `name` as a user types it; the first matching row shown."""
    view = window.catalog_view
    qtbot.keyClicks(view.filter, name)
    proxy = view.proxy
    for g in range(proxy.rowCount()):
        parent = proxy.index(g, 0)
        view.tree.expand(parent)
        for r in range(proxy.rowCount(parent)):
            source = proxy.mapToSource(proxy.index(r, 0, parent))
            action = window.catalog_model.action_at(source)
            if action is not None and action.name == name:
                return source
    raise AssertionError(f"{name} not shown")


def test_a_denied_action_is_unticked_and_says_why(window, qtbot, tmp_path: Path) -> None:
    path = tmp_path / "denyone.json"
    path.write_text(DENY_ONE, encoding="utf-8")
    assert window.open_path(str(path))
    row = _row(window, qtbot, "DeleteChannel")
    assert row.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert row.data() == "DeleteChannel  (denied)"
    assert "Denied by 'NoDeletes'" in row.data(Qt.ItemDataRole.ToolTipRole)
    model = window.catalog_model
    full = next(i for i, g in enumerate(model.groups) if g.title.startswith("Full user"))
    title = model.index(full, 0).data()
    total = len(model.groups[full].actions)
    assert title.endswith(f"({total - 2}/{total})")
    assert model.index(full, 0).data(Qt.ItemDataRole.CheckStateRole) == (
        Qt.CheckState.PartiallyChecked
    )
    # A tick cannot grant it while the Deny stands: refused, naming the Deny; text untouched.
    click_check(qtbot, window.catalog_view, row)
    assert window.editor.toPlainText() == DENY_ONE
    assert row.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert window.banner.isVisible() and "the Deny of 'NoDeletes'" in window.banner.text()


def test_a_deny_under_a_condition_keeps_the_tick_and_names_the_limit(window, qtbot, tmp_path):
    document = json.loads(DENY_ONE)
    document["Statement"][1]["Condition"] = {"Bool": {"aws:MultiFactorAuthPresent": "false"}}
    path = tmp_path / "mfa.json"
    path.write_text(json.dumps(document, indent=4), encoding="utf-8")
    assert window.open_path(str(path))
    row = _row(window, qtbot, "DeleteChannel")
    assert row.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert row.data() == "DeleteChannel  (limited by a Deny)"
    assert "Limited by the Deny of 'NoDeletes'" in row.data(Qt.ItemDataRole.ToolTipRole)


def test_a_not_action_grant_is_ticked_and_an_untick_says_why(window, qtbot, tmp_path) -> None:
    """An Allow with NotAction grants every action but those it names: the boxes show so (the
    audit saw 0/34), and unticking one says the NotAction still grants it; text untouched."""
    text = json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {"Effect": "Allow", "NotAction": "chime:DeleteChannel", "Resource": f"{APP}/*"}
            ],
        },
        indent=4,
    )
    path = tmp_path / "not-action.json"
    path.write_text(text, encoding="utf-8")
    assert window.open_path(str(path))
    model = window.catalog_model
    send = _row(window, qtbot, "SendChannelMessage")
    assert model.data(send, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    click_check(qtbot, window.catalog_view, send)
    assert window.editor.toPlainText() == text
    assert window.banner.isVisible() and "NotAction" in window.banner.text()
    assert model.data(send, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    window.catalog_view.filter.clear()
    delete = _row(window, qtbot, "DeleteChannel")
    assert model.data(delete, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
