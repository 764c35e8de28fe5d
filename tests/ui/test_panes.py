"""What the panes show: underlines and hover text, the status bar, the dark scheme."""

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from editor.ui.theme import DARK, LIGHT, colours
from tests.conftest import seed_examples
from tests.ui.wavy import wavy_positions, wavy_runs


def test_findings_are_underlined_at_their_range_with_hover_text(window) -> None:
    window.editor.setPlainText(seed_examples()[1])
    findings = window.problems.model.findings
    marked = wavy_positions(window.editor)
    for finding in findings:  # a missing comma is a point: the character before it is marked
        assert set(range(min(finding.start, finding.end - 1), finding.end)) <= marked
    miscased = next(f for f in findings if f.code == "action/miscased")
    assert (miscased.start, miscased.end) in wavy_runs(window.editor)
    hover = window.editor.findings_at(miscased.start + 3)
    assert [f.code for f in hover] == ["action/miscased"]


def test_status_bar_counts_and_size_meter(window) -> None:
    window.editor.setPlainText(seed_examples()[1])
    status = window.status
    assert status.counts.text().startswith("● 10 errors   ▲ 1 warning")
    assert status.size_text.text().endswith("/ 6,144")
    status.quota.setCurrentIndex(1)  # inline user policies: 2,048
    assert status.size_text.text().endswith("/ 2,048")
    assert window.document.quota.limit == 2048
    assert "Catalog " in status.catalog.text()


def test_size_over_the_quota_is_an_error_and_turns_the_meter(window) -> None:
    big = seed_examples()[0].replace(',\n                "chime:CreateChannelFlow"', "")
    window.editor.setPlainText(big)
    window.status.quota.setCurrentIndex(1)
    assert window.status.meter.property("over") is False
    window.editor.setPlainText(big * 3)
    assert window.status.meter.property("over") is True


def test_colours_follow_a_dark_palette(window, qtbot) -> None:
    app = QApplication.instance()
    light = app.palette()
    dark = QPalette(light)
    dark.setColor(QPalette.ColorRole.Window, QColor("#202020"))
    dark.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    try:
        app.setPalette(dark)
        qtbot.waitUntil(lambda: colours(window.editor.palette()) is DARK)
        assert window.editor.highlighter.formats["key"].foreground().color() == DARK.key
    finally:
        app.setPalette(light)
    qtbot.waitUntil(
        lambda: window.editor.highlighter.formats["key"].foreground().color() == LIGHT.key
    )
