"""The status bar names the quota the size meter measures against: a trust policy's own
2,048, not the identity quotas' combo (which does not apply to it)."""

from pathlib import Path

from tests.ui.test_ticks_fit_the_kind import BUCKET, TRUST


def test_a_trust_policy_shows_its_own_quota_not_the_managed_one(window, tmp_path: Path) -> None:
    path = tmp_path / "trust.json"
    path.write_text(TRUST, encoding="utf-8")
    assert window.open_path(str(path))
    status = window.status
    assert not status.quota.isVisible()
    assert status.own_quota.isVisible() and status.own_quota.text() == "Role trust policy (2,048)"
    assert status.size_text.text().endswith("/ 2,048")

    identity = tmp_path / "identity.json"
    identity.write_text(
        BUCKET.replace('"Principal": {"AWS": "arn:aws:iam::111122223333:root"},', "")
    )
    assert window.open_path(str(identity))
    assert status.quota.isVisible() and not status.own_quota.isVisible()
    assert status.quota.currentText() == "Managed policy (6,144)"


def test_a_resource_based_policy_says_its_service_sets_the_quota(window, tmp_path: Path) -> None:
    path = tmp_path / "bucket.json"
    path.write_text(BUCKET, encoding="utf-8")
    assert window.open_path(str(path))
    assert not window.status.quota.isVisible()
    assert window.status.own_quota.text() == "Resource-based policy (its service's quota)"
