"""Ticks add identity permissions (statements with no Principal): in a policy whose kind
needs a Principal in every statement — a role trust policy, a resource-based policy, an
RCP — the tree is greyed and says why, rather than append statements that don't belong."""

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.ui.test_catalog_filter import click_check, group

# A role trust policy letting Chime SDK messaging assume the role (the shape of the trust
# policies in AWS's Chime SDK guide, e.g. for streaming export), with its confused-deputy
# conditions.
TRUST = """{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": {"Service": "messaging.chime.amazonaws.com"},
            "Action": "sts:AssumeRole",
            "Condition": {
                "StringEquals": {"aws:SourceAccount": "123456789012"},
                "ArnLike": {"aws:SourceArn": "arn:aws:chime:us-east-1:123456789012:app-instance/*"}
            }
        }
    ]
}
"""
# A resource-based policy (a bucket's): Principal in every statement.
BUCKET = """{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
            "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::example-bucket/*"
        }
    ]
}
"""


@pytest.mark.parametrize(
    ("text", "kind"),
    [(TRUST, "role trust policy"), (BUCKET, "resource-based policy")],
    ids=["trust", "resource"],
)
def test_ticking_is_off_in_a_policy_of_another_kind(
    window, qtbot, tmp_path: Path, text: str, kind: str
) -> None:
    path = tmp_path / "policy.json"
    path.write_text(text, encoding="utf-8")
    assert window.open_path(str(path))
    assert not window.catalog_model.editable
    notice = window.catalog_view.notice
    assert notice.isVisible() and kind in notice.text() and "Kind" in notice.text()
    assert not window.catalog_view.hint.isVisible()  # no "Tick a persona..." beside it
    click_check(qtbot, window.catalog_view, group(window, "WebSocket connect"))
    assert window.editor.toPlainText() == text  # nothing appended


def test_choosing_identity_as_the_kind_lets_ticks_in(window, qtbot, tmp_path: Path) -> None:
    path = tmp_path / "trust.json"
    path.write_text(TRUST, encoding="utf-8")
    assert window.open_path(str(path))
    window.kind_combo.setFocus()
    qtbot.keyClick(window.kind_combo, Qt.Key.Key_Down)  # Auto -> Identity
    assert window.kind_combo.currentText() == "Identity"
    assert window.catalog_model.editable and not window.catalog_view.notice.isVisible()
    click_check(qtbot, window.catalog_view, group(window, "WebSocket connect"))
    assert "chime:Connect" in window.editor.toPlainText()


def test_an_identity_policy_ticks_as_before(window, qtbot, tmp_path: Path) -> None:
    path = tmp_path / "identity.json"
    path.write_text(BUCKET.replace('"Principal": {"AWS": "arn:aws:iam::111122223333:root"},\n', ""))
    assert window.open_path(str(path))
    assert window.catalog_model.editable and not window.catalog_view.notice.isVisible()


def typed_region_note(window, qtbot, region: str) -> str:
    edit = window.form.region.lineEdit()
    edit.setFocus()
    qtbot.keyClicks(edit, region)
    qtbot.waitUntil(lambda: bool(window.form.messages["region"].note))
    return window.form.messages["region"].note


def test_a_value_with_nowhere_to_go_is_not_promised_to_a_tick(
    window, qtbot, tmp_path: Path
) -> None:
    """A bucket policy's ARNs hold no region: the typed region has nowhere to go, and with
    ticking off it must not say it "goes into what you tick next"."""
    path = tmp_path / "bucket.json"
    path.write_text(BUCKET, encoding="utf-8")
    assert window.open_path(str(path))
    note = typed_region_note(window, qtbot, "us-east-1")
    assert "tick next" not in note and "ticking is off" in note
    assert window.editor.toPlainText() == BUCKET  # nothing written


def test_choosing_identity_promises_the_value_to_the_next_tick_again(
    window, qtbot, tmp_path: Path
) -> None:
    path = tmp_path / "bucket.json"
    path.write_text(BUCKET, encoding="utf-8")
    assert window.open_path(str(path))
    typed_region_note(window, qtbot, "us-east-1")
    window.kind_combo.setFocus()
    qtbot.keyClick(window.kind_combo, Qt.Key.Key_Down)  # Auto -> Identity
    qtbot.waitUntil(lambda: "tick next" in window.form.messages["region"].note)
