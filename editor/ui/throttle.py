"""Recompute after a burst of edits, once: the last call wins, within one event-loop turn."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer


class Throttle(QObject):
    """Calls `func` once, `delay_ms` after the last `trigger()`. Tests call `flush()` to run
    it now, or set `immediate` so that every trigger runs it at once."""

    def __init__(
        self, func: Callable[[], None], delay_ms: int = 0, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._func = func
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._func)
        self.immediate = False
        self._held = False
        self._wanted = False

    def hold(self) -> None:
        """Collect triggers without running: the window holds the first analysis until it has
        painted once, so that it appears sooner."""
        self._held = True

    def release(self) -> None:
        if self._held:
            self._held = False
            if self._wanted:
                self._wanted = False
                self.trigger()

    def trigger(self) -> None:
        if self._held:
            self._wanted = True
            return
        if self.immediate:
            self._timer.stop()
            self._func()
        else:
            self._timer.start()

    def flush(self) -> None:
        self.release()
        if self._timer.isActive():
            self._timer.stop()
            self._func()

    @property
    def pending(self) -> bool:
        return self._timer.isActive() or self._wanted
