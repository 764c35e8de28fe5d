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
