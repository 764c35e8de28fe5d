"""The Access dock's Grants tab on the IAM User Guide's NotPrincipal bucket policy (the audit's
D8, seen as "The policy allows nothing."): the grant is shown, with who the Deny spares."""

import json
from pathlib import Path

from PySide6.QtCore import Qt

from tests.cli.test_check_access_cross_account import BUCKET
from tests.ui.test_access import open_policy
from tests.ui.test_access_audit import CTRL, all_rows


def test_grants_tab_shows_the_grant_a_not_principal_deny_spares(
    window, qtbot, tmp_path: Path
) -> None:
    open_policy(window, tmp_path, json.dumps(BUCKET, indent=4), "np_doc.json")
    qtbot.keyClick(window, Qt.Key.Key_6, CTRL)
    view = window.access.grants
    qtbot.waitUntil(lambda: view.actions_shown() == ["s3:GetObject"])
    assert view.summary_label.text().startswith(
        "1 action allowed to AWS arn:aws:iam::444455556666:root"
    )
    rows = [r[0] for r in all_rows(view.tree)]
    assert any(
        r.startswith("denied on ") and "anyone but AWS arn:aws:iam::444455556666:root and" in r
        for r in rows
    ), rows
