"""Colours that follow the system's light or dark scheme."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from editor.core.text.findings import Severity


@dataclass(frozen=True)
class Colours:
    key: QColor
    string: QColor
    number: QColor
    literal: QColor
    punctuation: QColor
    line_numbers: QColor
    line_numbers_bg: QColor
    current_line: QColor
    error: QColor
    warning: QColor
    info: QColor
    banner_bg: QColor
    banner_fg: QColor
    marked: QColor  # the statement that decided an access check
    allowed: QColor

    def severity(self, severity: Severity) -> QColor:
        return {Severity.ERROR: self.error, Severity.WARNING: self.warning}.get(severity, self.info)


LIGHT = Colours(
    key=QColor("#0b5394"),
    string=QColor("#a31515"),
    number=QColor("#098658"),
    literal=QColor("#0000cc"),
    punctuation=QColor("#555555"),
    line_numbers=QColor("#8a8a8a"),
    line_numbers_bg=QColor("#f3f3f3"),
    current_line=QColor("#f5f8ff"),
    error=QColor("#d32f2f"),
    warning=QColor("#b26a00"),
    info=QColor("#1565c0"),
    banner_bg=QColor("#fff4ce"),
    banner_fg=QColor("#4d3800"),
    marked=QColor("#fff0b3"),
    allowed=QColor("#2e7d32"),
)
DARK = Colours(
    key=QColor("#9cdcfe"),
    string=QColor("#ce9178"),
    number=QColor("#b5cea8"),
    literal=QColor("#569cd6"),
    punctuation=QColor("#c8c8c8"),
    line_numbers=QColor("#858585"),
    line_numbers_bg=QColor("#252526"),
    current_line=QColor("#2a2d2e"),
    error=QColor("#f48771"),
    warning=QColor("#cca700"),
    info=QColor("#75beff"),
    banner_bg=QColor("#4d3800"),
    banner_fg=QColor("#fff4ce"),
    marked=QColor("#4b4a2a"),
    allowed=QColor("#89d185"),
)


def tint(
    widget: QWidget,
    foreground: QColor | None = None,
    background: QColor | None = None,
    highlight: QColor | None = None,
) -> None:
    """Colour one widget through its palette (a window-wide style sheet would re-style every
    widget of the window, which cost start-up time)."""
    palette = widget.palette()
    if foreground is not None:
        palette.setColor(QPalette.ColorRole.WindowText, foreground)
        palette.setColor(QPalette.ColorRole.Text, foreground)
    if background is not None:
        palette.setColor(QPalette.ColorRole.Window, background)
        widget.setAutoFillBackground(True)
    if highlight is not None:
        palette.setColor(QPalette.ColorRole.Highlight, highlight)
    widget.setPalette(palette)


def is_dark(palette: QPalette | None = None) -> bool:
    palette = palette or QApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def colours(palette: QPalette | None = None) -> Colours:
    return DARK if is_dark(palette) else LIGHT


def solid(colour: QColor) -> QBrush:
    """A solid brush of `colour`, for a text format. Made by a palette: QBrush(colour), or
    the colour given where Qt takes a brush, has PySide match it against Qt.GlobalColor and
    so build Qt's whole namespace of enums, which the first paint needs nothing else of."""
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Window, colour)
    return palette.brush(QPalette.ColorRole.Window)
