"""A status message longer than its room stops clear of the counts, at a line, and the bar's
tooltip holds it whole (it used to run into them: "Save writes it back into i● 0 errors")."""

from PySide6.QtCore import QPoint


def test_a_long_message_stops_at_a_line_clear_of_the_counts(window) -> None:
    status = window.status
    message = "Opened ChatRole › PolicyDocument from stack.yaml; Save writes it back into its place"
    status.showMessage(message, 10000)
    assert status.toolTip() == message
    edge, counts = status.edge, status.counts
    assert edge.isVisible()
    edge_right = edge.mapTo(status, QPoint(edge.width(), 0)).x()
    text_left = counts.mapTo(status, QPoint(counts.contentsMargins().left(), 0)).x()
    assert edge_right <= counts.mapTo(status, QPoint(0, 0)).x() and text_left - edge_right >= 6
    status.clearMessage()
    assert status.toolTip() == ""
