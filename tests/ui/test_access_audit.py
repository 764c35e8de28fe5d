"""The Access dock on the audit's cases, through the real window: a bucket policy's Principal
decides who is allowed (D3)."""

import json
from pathlib import Path

from PySide6.QtCore import Qt

from editor.core.access.evaluate import Decision
from tests.cli.test_check_access_principal import BUCKET, BUCKET_POLICY
from tests.ui.test_access import choose_action, open_policy

CTRL = Qt.KeyboardModifier.ControlModifier


def type_into(qtbot, field, text: str) -> None:
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)


def test_bucket_policy_allows_only_the_principal_it_names(window, qtbot, tmp_path: Path) -> None:
    open_policy(window, tmp_path, json.dumps(BUCKET_POLICY, indent=2), "bucket-policy.json")
    qtbot.keyClick(window, Qt.Key.Key_5, CTRL)
    pane = window.access.pane
    choose_action(window, qtbot, "s3:ListBucket")
    type_into(qtbot, pane.target, BUCKET)
    type_into(qtbot, pane.principal, "arn:aws:iam::999988887777:user/bob")
    qtbot.waitUntil(lambda: pane.result is not None and pane.target.text() == BUCKET)
    qtbot.waitUntil(lambda: pane.result.decision is Decision.IMPLICIT_DENY)
    assert pane.verdict.text().startswith("<b>Denied: no statement allows it")
    # A principal of the account the statement names is allowed by it.
    type_into(qtbot, pane.principal, "arn:aws:iam::111122223333:user/alice")
    qtbot.waitUntil(lambda: pane.result.decision is Decision.ALLOWED)
    assert pane.statements.item(0).text() == "line 16: Allow Sid 'AllowCrossAccountList'"
