"""The throttle alone, on its real QTimer: a burst of triggers is one run after the pause, a
quicker run asked for wins, a held throttle runs once when released. Waits are on the event
loop (qtbot.waitUntil), never sleeps; timings are checked from below only (a loaded machine
may be late, never early)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QElapsedTimer

from editor.ui.throttle import Throttle

LONG_MS = 60_000  # a delay no test waits for: its run must come from something else


class Recorder:
    """The throttled function: counts its runs and when the last one came."""

    def __init__(self) -> None:
        self.runs = 0
        self.clock = QElapsedTimer()
        self.clock.start()
        self.at_ms: list[int] = []

    def __call__(self) -> None:
        self.runs += 1
        self.at_ms.append(self.clock.elapsed())


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


def make(recorder: Recorder, delay_ms: int) -> Throttle:
    return Throttle(recorder, delay_ms)


def test_a_burst_of_triggers_is_one_run_after_the_last_one_pauses(qtbot, recorder) -> None:
    throttle = make(recorder, 300)
    last_trigger = 0
    for _ in range(5):
        last_trigger = recorder.clock.elapsed()  # read before: the timer starts no earlier
        throttle.trigger()
        qtbot.wait(20)  # typing: each key within the delay of the one before
    assert recorder.runs == 0 and throttle.pending
    qtbot.waitUntil(lambda: recorder.runs == 1, timeout=5000)
    # The timer restarts at each trigger: a timer started at the first would fire at most
    # 300 - 4 x 20 = 220 ms after the last. Qt's coarse timers may fire up to 5% early, and
    # the clock counts whole milliseconds (284 ms was seen under load): 250 tells them apart.
    assert recorder.at_ms[0] - last_trigger >= 250
    qtbot.wait(400)  # more than the delay again: no second run comes
    assert recorder.runs == 1


def test_two_bursts_apart_are_two_runs(qtbot, recorder) -> None:
    throttle = make(recorder, 30)
    for _ in range(2):
        throttle.trigger()
        throttle.trigger()
        qtbot.waitUntil(lambda: not throttle.pending, timeout=5000)
    assert recorder.runs == 2


def test_a_quicker_run_asked_for_wins_over_a_slow_one_pending(qtbot, recorder) -> None:
    # Typing waits for a pause; a tick right after it is shown at once.
    throttle = make(recorder, LONG_MS)
    throttle.trigger()
    throttle.trigger(0)
    qtbot.waitUntil(lambda: recorder.runs == 1, timeout=5000)


def test_a_slower_trigger_does_not_postpone_a_quick_run_due(qtbot, recorder) -> None:
    throttle = make(recorder, LONG_MS)
    throttle.trigger(0)
    throttle.trigger()  # typing right after a tick: the tick's run still comes at once
    qtbot.waitUntil(lambda: recorder.runs == 1, timeout=5000)


def test_held_triggers_run_once_on_release_and_not_before(qtbot, recorder) -> None:
    throttle = make(recorder, 0)
    throttle.hold()
    for _ in range(3):
        throttle.trigger()
    qtbot.wait(50)
    assert recorder.runs == 0 and throttle.pending
    throttle.release()
    qtbot.waitUntil(lambda: recorder.runs == 1, timeout=5000)
    qtbot.wait(50)
    assert recorder.runs == 1 and not throttle.pending


def test_release_without_triggers_runs_nothing(qtbot, recorder) -> None:
    throttle = make(recorder, 0)
    throttle.hold()
    throttle.release()
    qtbot.wait(50)
    assert recorder.runs == 0


def test_flush_runs_a_pending_run_now_and_only_once(qtbot, recorder) -> None:
    throttle = make(recorder, LONG_MS)
    throttle.flush()
    assert recorder.runs == 0  # nothing pending: nothing to run
    throttle.trigger()
    throttle.flush()
    assert recorder.runs == 1 and not throttle.pending
    qtbot.wait(50)
    assert recorder.runs == 1  # the timer was stopped, not left to run again


def test_immediate_runs_at_each_trigger(recorder) -> None:
    throttle = make(recorder, LONG_MS)
    throttle.immediate = True
    throttle.trigger()
    throttle.trigger()
    assert recorder.runs == 2 and not throttle.pending
