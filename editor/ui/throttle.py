"""Recompute after a burst of edits, once: the last call wins, after a pause of its delay."""

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
        self._delay = self._armed = delay_ms
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

    def trigger(self, delay_ms: int | None = None) -> None:
        """Run after `delay_ms` (default: the throttle's own) without a further trigger; a
        shorter delay asked for meanwhile wins (a tick after typing shows at once)."""
        if self._held:
            self._wanted = True
            return
        if self.immediate:
            self._timer.stop()
            self._func()
            return
        delay = self._delay if delay_ms is None else delay_ms
        if self._timer.isActive() and self._armed < delay:
            return  # a quicker run is already due
        self._armed = delay
        self._timer.start(delay)  # restarted: a burst of typing is one run, after it pauses

    def flush(self) -> None:
        self.release()
        if self._timer.isActive():
            self._timer.stop()
            self._func()

    @property
    def pending(self) -> bool:
        return self._timer.isActive() or self._wanted
