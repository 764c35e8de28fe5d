"""The status bar: finding counts, the size meter against the quota of the policy's kind (the
chosen one for an identity policy), the catalog date."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFrame,
    QLabel,
    QProgressBar,
    QSizePolicy,
    QStatusBar,
    QWidget,
)

from editor.core.lint.quota import Quota, non_whitespace_length, size_quota
from editor.core.policy.kinds import PolicyKind
from editor.core.text.findings import Severity

if TYPE_CHECKING:
    from editor.core.lint.engine import LintResult
    from editor.ui.finding_marks import Shown
from editor.ui.theme import colours, tint

QUOTA_LABELS = {
    Quota.MANAGED: "Managed policy (6,144)",
    Quota.USER: "Inline, user (2,048)",
    Quota.GROUP: "Inline, group (5,120)",
    Quota.ROLE: "Inline, role (10,240)",
}


class StatusBar(QStatusBar):
    quota_chosen = Signal(object)  # Quota

    def __init__(self, catalog_date: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.counts = QLabel()
        self.counts.setAccessibleName("Problem counts")
        # The figures beside the bar, not on it: drawn on the bar, its chunk ran through
        # them (over the first digit at about a quarter of the quota).
        self.size_text = QLabel()
        self.size_text.setAccessibleName("Policy size")
        # Room for the longest figures, once: the bar does not move as the size grows.
        widest = self.size_text.fontMetrics().horizontalAdvance("999,999 / 10,240")
        self.size_text.setFixedWidth(widest + 4)
        # Qt.AlignRight | Qt.AlignVCenter, set as a property: naming Qt's enums before the
        # window's first paint costs start-up (see main_window.py, tests/ui/test_startup.py).
        self.size_text.setProperty("alignment", 0x0002 | 0x0080)
        self.meter = QProgressBar()
        self.meter.setAccessibleName("Policy size against its quota")
        self.meter.setTextVisible(False)
        self.meter.setFixedSize(72, 12)
        self.quota = QComboBox()
        self.quota.setAccessibleName("Size quota")
        self.quota.setToolTip("IAM counts policy size in characters without white space")
        for quota, label in QUOTA_LABELS.items():
            self.quota.addItem(label, quota)
        self.quota.currentIndexChanged.connect(
            lambda _: self.quota_chosen.emit(Quota(self.quota.currentData()))
        )
        # In the combo's place when the policy's kind has a quota of its own (a trust policy's
        # 2,048): the identity quotas of the combo do not apply to it.
        self.own_quota = QLabel()
        self.own_quota.setAccessibleName("Size quota of this kind of policy")
        self.own_quota.hide()
        # While an analysis takes long (a big file): a busy bar and what is being done.
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setFixedWidth(80)
        self.busy.setAccessibleName("Checking the policy")
        self.busy_label = QLabel()
        # Showing or hiding them must not move the window's layout (in a window at its
        # narrowest, each toggle relaid the editor out: 10 ms at 1 MB). The label asks for no
        # room (its text is cut short when room is short) and the bar takes the place of the
        # counts, which are stale while the checks run anyway.
        self.busy_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.addWidget(self.busy)
        self.addWidget(self.busy_label, 1)
        self.show_busy("")
        self.catalog = QLabel(f"Catalog {catalog_date}")
        self.catalog.setToolTip("Help ▸ About shows where the catalog comes from")
        # A message too long for its room is cut at a line, clear of the counts, and shown
        # whole as the bar's tooltip.
        self.edge = QFrame()
        self.edge.setFrameShape(QFrame.Shape.VLine)
        self.edge.setFrameShadow(QFrame.Shadow.Sunken)
        self.counts.setContentsMargins(6, 0, 0, 0)
        self.messageChanged.connect(self.setToolTip)
        self.addPermanentWidget(self.edge)
        self.addPermanentWidget(self.counts)
        self.addPermanentWidget(QLabel("Size:"))
        self.addPermanentWidget(self.size_text)
        self.addPermanentWidget(self.meter)
        self.addPermanentWidget(self.quota)
        self.addPermanentWidget(self.own_quota)
        self.addPermanentWidget(self.catalog)

    def show_busy(self, what: str) -> None:
        """`what` is being worked out (a busy bar beside it, in place of the counts); "" hides
        both and shows the counts again."""
        self.busy_label.setText(what)
        self.busy_label.setVisible(bool(what))
        self.busy.setVisible(bool(what))
        self.counts.setVisible(not what)

    def show_result(self, result: LintResult, quota: Quota, shown: Shown | None = None) -> None:
        """`shown`: the counts and size, when the analysis worked them out already."""
        self.show_busy("")
        if shown is None:
            counts = {s: result.count(s) for s in Severity}
            size = non_whitespace_length(result.parsed.text)
        else:
            counts, size = shown.counts, shown.size
        errors, warnings, infos = (counts[s] for s in Severity)
        self.counts.setText(
            f"● {errors} error{'s' * (errors != 1)}   ▲ {warnings} warning"
            f"{'s' * (warnings != 1)}   ℹ {infos} info"
        )
        kind = result.kind.kind if result.kind is not None else PolicyKind.IDENTITY
        limit, label, own = size_quota(kind, quota)
        # A trust policy, SCP, RCP or boundary has its own quota: the identity quotas of the
        # combo do not apply to it, and its own is named instead.
        self.quota.setVisible(not own)
        self.own_quota.setVisible(own)
        if own:
            name = kind.label[0].upper() + kind.label[1:]
            self.own_quota.setText(
                f"{name} ({limit:,})" if limit is not None else f"{name} (its service's quota)"
            )
            self.own_quota.setToolTip(
                f"{label[0].upper()}{label[1:]} has its own quota"
                if limit is not None
                else "Each service sets its own quota for its resource-based policies"
            )
        if limit is None:  # a resource-based policy: its service's quota, which we don't know
            self.meter.setRange(0, max(size, 1))
            self.meter.setValue(size)
            self.size_text.setText(f"{size:,}")
            tooltip = (
                f"{size:,} characters without white space; each service sets its own quota "
                "for its resource-based policies (S3 bucket policies: 20 KB)"
            )
            over = False
        else:
            self.meter.setRange(0, limit)
            self.meter.setValue(min(size, limit))
            self.size_text.setText(f"{size:,} / {limit:,}")
            over = size > limit
            allow = "allow" if label.endswith("policies") else "allows"
            tooltip = f"{size:,} characters without white space; {label} {allow} {limit:,}" + (
                " — over the limit" if over else ""
            )
        for widget in (self.size_text, self.meter):
            widget.setToolTip(tooltip)
        self.meter.setAccessibleDescription(self.size_text.text())
        if self.meter.property("over") != over:
            self.meter.setProperty("over", over)
            # Over the quota, the bar turns the error colour; back under, the default one.
            palette = QApplication.palette()
            default = palette.color(QPalette.ColorRole.Highlight)
            tint(self.meter, highlight=colours().error if over else default)
            text = palette.color(QPalette.ColorRole.WindowText)
            tint(self.size_text, foreground=colours().error if over else text)
