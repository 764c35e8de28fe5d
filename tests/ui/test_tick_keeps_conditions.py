"""Unticking never silently deletes the user's Sid or Condition (audit D6), through the filter
box and clicks on the tree's check indicators."""

import json

from PySide6.QtCore import QModelIndex

from tests.core.policies import CHANNEL
from tests.core.policy.test_tick_reversible import COND_SINGLE
from tests.ui.test_catalog_filter import click_check


def _open(window, tmp_path, text: str) -> None:
    path = tmp_path / "policy.json"
    path.write_text(text, encoding="utf-8")
    assert window.open_path(str(path))


def _first_row(window, qtbot, name: str) -> QModelIndex:
    """Filter the catalog to `name` as a user types it; the first group's matching row."""
    view = window.catalog_view
    qtbot.keyClicks(view.filter, name)
    proxy = view.proxy
    for g in range(proxy.rowCount()):
        parent = proxy.index(g, 0)
        view.tree.expand(parent)
        for r in range(proxy.rowCount(parent)):
            if proxy.index(r, 0, parent).data() == name:
                return proxy.mapToSource(proxy.index(r, 0, parent))
    raise AssertionError(f"{name} not shown")


def test_unticking_a_conditioned_statements_only_action_is_refused(window, qtbot, tmp_path):
    _open(window, tmp_path, COND_SINGLE)
    row = _first_row(window, qtbot, "DeleteChannel")
    click_check(qtbot, window.catalog_view, row)
    assert window.editor.toPlainText() == COND_SINGLE
    assert "DeleteChannel" in window.document.state.actions
    assert window.banner.isVisible() and "DeleteOnlyWithMfa" in window.banner.text()
    click_check(qtbot, window.catalog_view, row)  # ticking again changes nothing either
    assert window.editor.toPlainText() == COND_SINGLE


def test_untick_then_tick_puts_the_action_back_under_its_condition(window, qtbot, tmp_path):
    text = json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Sid": "OnlyWithMfa",
                    "Effect": "Allow",
                    "Action": ["chime:DeleteChannel", "chime:UpdateChannel"],
                    "Resource": CHANNEL,
                    "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}},
                }
            ],
        },
        indent=2,
    )
    _open(window, tmp_path, text)
    row = _first_row(window, qtbot, "DeleteChannel")
    click_check(qtbot, window.catalog_view, row)
    assert "chime:DeleteChannel" not in window.editor.toPlainText()
    click_check(qtbot, window.catalog_view, row)
    assert window.editor.toPlainText() == text
