"""The policy kind: "Auto" shows the kind the checks detected; the others override it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QWidget

from editor.core.policy.kinds import PolicyKind

if TYPE_CHECKING:
    from editor.core.lint.engine import LintResult

AUTO = "Auto"
# Short names keep the bar narrow; the tooltips and the findings say the full kind.
NAMES = {
    PolicyKind.IDENTITY: "Identity",
    PolicyKind.RESOURCE: "Resource-based",
    PolicyKind.TRUST: "Role trust",
    PolicyKind.SCP: "SCP",
    PolicyKind.RCP: "RCP",
    PolicyKind.BOUNDARY: "Boundary",
}
# Qt.ItemDataRole.ToolTipRole, as setItemData takes its role (an int): naming the enum before
# the first paint would have PySide build Qt's whole namespace (see main_window.py).
TOOLTIP = 3


class KindCombo(QComboBox):
    chosen = Signal(object)  # PolicyKind, or None: detect it from the document

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Policy kind")
        self.setToolTip(
            "The kind of policy the checks assume: detected from the document (a Principal, "
            "sts:AssumeRole ...) or the one you choose"
        )
        self.addItem(AUTO, None)
        for kind, name in NAMES.items():
            self.addItem(name, kind)
            self.setItemData(self.count() - 1, kind.label, TOOLTIP)
        self.currentIndexChanged.connect(self._changed)
        # Wide enough from the start for the longest text "Auto" takes: sized to "Auto" on
        # first show, the combo cut "Auto: Resource-based" to "Auto: Resource-l", and sized
        # to each text it would move the bar whenever the detected kind changes.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        metrics = self.fontMetrics()
        self.setItemText(0, f"{AUTO}: {max(NAMES.values(), key=metrics.horizontalAdvance)}")
        self.setMinimumWidth(self.sizeHint().width())
        self.setItemText(0, AUTO)

    def _changed(self) -> None:
        data = self.currentData()  # Qt hands the enum back as its plain string
        self.chosen.emit(PolicyKind(data) if data else None)

    def show_result(self, result: LintResult) -> None:
        """Name the detected kind in the "Auto" item, and say why in its tooltip."""
        kind = result.kind
        if kind is None:
            self.setItemText(0, AUTO)
            return
        if self.currentIndex() != 0:
            return  # the user's choice stands
        self.setItemText(0, f"{AUTO}: {NAMES[kind.kind]}")
        how = f"detected: {kind.reason}" if kind.detected else kind.reason
        self.setItemData(0, f"{kind.kind.label}, {how}", TOOLTIP)
