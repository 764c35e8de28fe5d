"""Nothing of the window's is cut off at its right edge: the Problems pane and its Fix all
button keep the same margin as the panes in group boxes, at the sizes of common screens."""

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QStyle


@pytest.mark.parametrize("size", [(1400, 900), (1280, 800)], ids=["1400x900", "1280x800"])
def test_the_problems_pane_keeps_a_margin_at_the_right_edge(window, qtbot, size) -> None:
    window.resize(*size)
    qtbot.waitUntil(lambda: window.width() <= size[0])
    margin = window.style().pixelMetric(QStyle.PixelMetric.PM_LayoutRightMargin)
    for widget in (window.problems.fix_all_button, window.problems.table, window.editor):
        right = widget.mapTo(window, QPoint(widget.width(), 0)).x()
        assert window.width() - right >= margin, widget
