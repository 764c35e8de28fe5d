"""The main window's size and place: kept between runs, and always on the screen it opens on."""

from __future__ import annotations

from PySide6.QtCore import QSettings, QSize
from PySide6.QtWidgets import QSplitter, QWidget

# Room for the window manager's frame and title bar, which Qt knows only once it is shown.
FRAME_ALLOWANCE = QSize(16, 48)


def fit_to_screen(window: QWidget, move: bool) -> None:
    """Keep the whole window, status bar and Fix all included, on the screen's available area
    (a 1280x800 laptop has less than the default size; a saved size may come from a bigger
    screen). A new window is placed by the window manager; a restored one (`move`) is brought
    back onto the screen."""
    screen = window.screen()
    if screen is None:
        return
    area, frame = screen.availableGeometry(), FRAME_ALLOWANCE
    width = max(min(window.width(), area.width() - frame.width()), 1)
    height = max(min(window.height(), area.height() - frame.height()), 1)
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
    x = min(max(window.x(), area.left()), area.right() + 1 - width - frame.width())
    y = min(max(window.y(), area.top()), area.bottom() + 1 - height - frame.height())
    if move and (x, y) != (window.x(), window.y()):
        window.move(x, y)


def save(settings: QSettings, window: QWidget, splitters: tuple[QSplitter, ...]) -> None:
    settings.setValue("geometry", window.saveGeometry())
    settings.setValue("splitters", [s.saveState() for s in splitters])


def restore(settings: QSettings, window: QWidget, splitters: tuple[QSplitter, ...]) -> bool:
    """Restore what `save` kept; True when a saved geometry was restored."""
    geometry = settings.value("geometry")
    if geometry is not None:
        window.restoreGeometry(geometry)
    states = settings.value("splitters")
    if isinstance(states, list) and len(states) == len(splitters):
        for splitter, state in zip(splitters, states, strict=True):
            splitter.restoreState(state)
    return geometry is not None
