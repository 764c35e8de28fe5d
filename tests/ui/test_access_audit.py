"""The Access dock on the audit's cases, through the real window: a bucket policy's Principal
decides who is allowed (D3)."""

import json
from pathlib import Path

from PySide6.QtCore import Qt

from editor.core.access.evaluate import Decision
from tests.cli.test_check_access_principal import BUCKET, BUCKET_POLICY, TRUST_POLICY
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
    # Naming the account delegates to its identity policies: none here, so still denied.
    type_into(qtbot, pane.principal, "arn:aws:iam::111122223333:user/alice")
    qtbot.waitUntil(lambda: pane.principal.text().endswith("user/alice"))
    assert pane.result.decision is Decision.IMPLICIT_DENY
    # What the policy grants to anyone hangs on its TLS Deny: every request carries
    # aws:SecureTransport, so until it is given the answer is Unknown, naming it.
    choose_action(window, qtbot, "s3:GetObject")
    type_into(qtbot, pane.target, f"{BUCKET}/report.csv")
    qtbot.waitUntil(lambda: pane.result.decision is Decision.UNKNOWN)
    assert pane.verdict.text().startswith("<b>Unknown: depends on aws:SecureTransport</b>")
    # and the bucket, whose ARN names no account, is taken to be the principal's account's
    assert "names no account: taken to be the principal's (111122223333)" in pane.verdict.text()
    # Given over HTTPS, it is allowed, decided by that statement.
    type_into(qtbot, pane.context, "aws:SecureTransport=true")
    qtbot.waitUntil(lambda: pane.result.decision is Decision.ALLOWED)
    assert pane.statements.item(0).text() == "line 4: Allow Sid 'PublicRead'"


def all_rows(tree) -> list[list[str]]:
    """Every row of the Grants tree, depth first, as its column texts."""
    out: list[list[str]] = []

    def walk(item) -> None:
        out.append([item.text(c) for c in range(tree.columnCount())])
        for i in range(item.childCount()):
            walk(item.child(i))

    for i in range(tree.topLevelItemCount()):
        walk(tree.topLevelItem(i))
    return out


def test_grants_tab_never_marks_a_deny_and_counts_what_it_marks(window, qtbot, tmp_path) -> None:
    open_policy(window, tmp_path, json.dumps(BUCKET_POLICY, indent=2), "bucket-policy.json")
    qtbot.keyClick(window, Qt.Key.Key_6, CTRL)
    view = window.access.grants
    rows = all_rows(view.tree)
    denied = [r for r in rows if r[0].startswith("denied on ")]
    assert denied and all(r[4] == "" for r in denied)
    marked = [r for r in rows if r[4]]
    # The two public-read entries (GetObject, GetObjectVersion to anyone), nothing else.
    assert len(marked) == 2 and all("to anyone" in r[4] for r in marked)
    assert view.summary_label.text() == (
        "3 actions allowed to AWS arn:aws:iam::111122223333:root, anyone (*); 2 over-broad entries"
    )


def test_grants_tab_says_who_may_assume_a_role(window, qtbot, tmp_path) -> None:
    open_policy(window, tmp_path, json.dumps(TRUST_POLICY, indent=2), "trust-policy.json")
    qtbot.keyClick(window, Qt.Key.Key_6, CTRL)
    view = window.access.grants
    assert view.actions_shown() == ["sts:AssumeRole"]
    assert view.summary_label.text() == (
        "1 action allowed to Service messaging.chime.amazonaws.com; 0 over-broad entries"
    )
    rows = all_rows(view.tree)
    assert [r[0] for r in rows if r[0].startswith("the policy's own")] == [
        "the policy's own resource to Service messaging.chime.amazonaws.com"
    ]


def test_typing_with_the_dock_open_checks_access_once_the_keys_pause(
    window, qtbot, tmp_path, monkeypatch
) -> None:
    """D7: the verdict is not recomputed on the GUI thread at every keystroke."""
    window.access.throttle.immediate = False  # the real debounce, as the app runs
    open_policy(window, tmp_path, json.dumps(BUCKET_POLICY, indent=2), "bucket-policy.json")
    qtbot.keyClick(window, Qt.Key.Key_5, CTRL)
    pane = window.access.pane
    choose_action(window, qtbot, "s3:GetObject")
    type_into(qtbot, pane.target, f"{BUCKET}/a.txt")
    type_into(qtbot, pane.principal, "arn:aws:iam::999988887777:user/bob")
    type_into(qtbot, pane.context, "aws:SecureTransport=true")
    qtbot.waitUntil(lambda: pane.result.decision is Decision.ALLOWED)
    computed: list[str] = []
    real = pane.show_policy
    monkeypatch.setattr(pane, "show_policy", lambda text, f: (computed.append(text), real(text, f)))
    # Turn PublicRead's Allow into a Deny, one key at a time, in the editor.
    editor = window.editor
    text = editor.toPlainText()
    cursor = editor.textCursor()
    start = text.index('"Allow"')
    cursor.setPosition(start + 1)
    cursor.setPosition(start + 6, cursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    editor.setFocus()
    qtbot.keyClicks(editor, "Deny")
    assert computed == []  # four edits, no access check yet
    qtbot.waitUntil(lambda: pane.result.decision is Decision.EXPLICIT_DENY)
    assert len(computed) == 1 and '"Effect": "Deny",\n      "Principal": "*"' in computed[0]


def test_grants_tab_counts_over_broad_by_its_rules_and_findings_by_action(
    window, qtbot, tmp_path
) -> None:
    from tests.cli.test_grants_findings_by_action import POLICY

    open_policy(window, tmp_path, json.dumps(POLICY, indent=2), "user-plus-admin.json")
    qtbot.keyClick(window, Qt.Key.Key_6, CTRL)
    view = window.access.grants
    assert view.summary_label.text() == (
        "3 actions allowed; 0 over-broad entries; 2 entries with security findings"
    )
    rows = all_rows(view.tree)
    flagged = [r for r in rows if "security/admin-in-user-policy" in r[4]]
    assert len(flagged) == 2
    send = next(i for i, r in enumerate(rows) if r[0] == "chime:SendChannelMessage")
    assert rows[send + 1][4] == rows[send + 2][4] == ""
