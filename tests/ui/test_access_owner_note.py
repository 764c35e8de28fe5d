"""The Access dock says what it assumes of an S3 ARN, which names no account: that the bucket
is the principal's account's (the audit's D7: the answer took it silently). A bucket of
another account would also need its bucket policy to allow (IAM User Guide, "Cross-account
policy evaluation logic")."""

import json
from pathlib import Path

from PySide6.QtCore import Qt

from tests.cli.test_check_access_cross_account import EVERYTHING
from tests.ui.test_access import choose_action, open_policy
from tests.ui.test_access_audit import CTRL, type_into

OBJECT = "arn:aws:s3:::amzn-s3-demo-bucket/report.csv"
NOTE = f"{OBJECT} names no account: taken to be the principal's (444455556666)"


def test_an_s3_target_says_whose_account_it_is_taken_to_be(window, qtbot, tmp_path: Path) -> None:
    open_policy(window, tmp_path, json.dumps(EVERYTHING, indent=2), "allow.json")
    qtbot.keyClick(window, Qt.Key.Key_5, CTRL)
    pane = window.access.pane
    choose_action(window, qtbot, "s3:GetObject")
    type_into(qtbot, pane.target, OBJECT)
    type_into(qtbot, pane.principal, "arn:aws:iam::444455556666:user/eve")
    qtbot.waitUntil(lambda: pane.principal.text().endswith("user/eve"))
    qtbot.waitUntil(lambda: NOTE in pane.verdict.text())
    assert pane.verdict.text().startswith("<b>Allowed")
    # A target naming its account needs no such note; another account's queue is denied.
    choose_action(window, qtbot, "sqs:SendMessage")
    type_into(qtbot, pane.target, "arn:aws:sqs:us-east-1:111122223333:q")
    qtbot.waitUntil(lambda: pane.target.text().endswith(":q"))
    qtbot.waitUntil(lambda: "cross-account" in pane.verdict.text())
    assert pane.verdict.text().startswith("<b>Denied")
    assert "names no account" not in pane.verdict.text()
