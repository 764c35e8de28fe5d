"""The policy kind in the status bar: detected from the text, overridden by the user."""

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.core.kind_examples import CLEAN

TRUST = next(e for e in CLEAN if e.name == "chime-service-role-trust").text


def codes(window) -> list[str]:
    return [f.code for f in window.problems.model.findings]


def test_a_trust_policy_is_detected_and_clean(window) -> None:
    window.editor.setPlainText(TRUST)
    assert window.kind_combo.currentText() == "Auto: Role trust"
    assert codes(window) == []
    assert window.status.counts.text().startswith("● 0 errors   ▲ 0 warnings")


def test_choosing_a_kind_with_the_keyboard_checks_the_text_as_that_kind(window) -> None:
    window.editor.setPlainText(TRUST)
    combo = window.kind_combo
    window.activateWindow()
    QTest.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)  # &Kind: mnemonic
    assert combo.hasFocus()
    QTest.keyClick(combo, Qt.Key.Key_Down)  # the first kind after "detect": identity policy
    assert combo.currentText() == "Identity"
    assert "policy/principal-in-identity-policy" in codes(window)
    assert "policy/missing-resource" in codes(window)
    QTest.keyClick(combo, Qt.Key.Key_Home)  # back to detecting it
    assert codes(window) == []


BUCKET = next(e for e in CLEAN if e.name == "s3-canonical-user").text


def test_the_size_meter_follows_the_quota_of_the_kind(window) -> None:
    """IAM quotas page: a role trust policy 2,048 characters; Organizations quotas page: an
    SCP 5,120; an identity policy the quota picked in the combo (managed 6,144 by default)."""
    status = window.status
    window.editor.setPlainText(TRUST)
    assert status.size_text.text().endswith("/ 2,048")
    # the identity quotas' combo does not apply to a trust policy: its own quota is named
    assert not status.quota.isVisible() and status.own_quota.text() == "Role trust policy (2,048)"
    assert "role trust policy has its own quota" in status.own_quota.toolTip()
    window.activateWindow()
    QTest.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
    QTest.keyClick(window.kind_combo, Qt.Key.Key_Down)  # Identity
    assert status.size_text.text().endswith("/ 6,144") and status.quota.isVisible()
    assert not status.own_quota.isVisible()
    while window.kind_combo.currentText() != "SCP":
        QTest.keyClick(window.kind_combo, Qt.Key.Key_Down)
    assert status.size_text.text().endswith("/ 5,120")
    assert "service control policy allows 5,120" in status.meter.toolTip()


def test_a_resource_policy_is_measured_but_not_held_to_an_iam_quota(window) -> None:
    window.editor.setPlainText(BUCKET)
    assert window.kind_combo.currentText() == "Auto: Resource-based"
    size = len("".join(BUCKET.split()))
    assert window.status.size_text.text() == f"{size:,}"
    assert "each service sets its own quota" in window.status.meter.toolTip()


def test_a_trust_policy_over_2048_characters_turns_the_meter(window) -> None:
    services = ", ".join(f'"s{i:04}.amazonaws.com"' for i in range(100))
    window.editor.setPlainText(TRUST.replace('"messaging.chime.amazonaws.com"', f"[{services}]"))
    assert window.kind_combo.currentText() == "Auto: Role trust"
    assert window.status.meter.property("over") is True
    assert "policy/size-limit" in codes(window)


def text_room(combo) -> int:
    """The width the combo's style gives its text, in pixels."""
    from PySide6.QtWidgets import QStyle, QStyleOptionComboBox

    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
    )
    return field.width()


def test_the_longest_detected_kind_is_shown_whole_at_the_default_size(window, qtbot) -> None:
    """The walkthrough saw "Auto: Resource-l": the combo was sized to "Auto" when first shown."""
    window.resize(1320, 860)  # the window's size on a first start
    window.editor.setPlainText(BUCKET)
    combo = window.kind_combo
    assert combo.currentText() == "Auto: Resource-based"
    qtbot.wait(30)  # laid out again
    assert combo.fontMetrics().horizontalAdvance(combo.currentText()) <= text_room(combo)
