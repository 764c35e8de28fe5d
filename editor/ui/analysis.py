"""Reading, syncing and linting a version of the text off the GUI thread.

The core is pure Python and its results are immutable, so a worker thread may run it while
the GUI thread edits and paints. Each job carries the document's version; the worker skips a
job (or its next stage) once the text has moved on, and a result for a stale version is
dropped. One job runs at a time; triggers meanwhile leave only the newest job waiting.

The GIL: the worker holds it while it reads, and the GUI thread needs it for every Python slot
a keystroke reaches. While a job runs the interpreter switches threads every 0.5 ms instead of
every 5 ms, so a keystroke waits at most that long for each slot (benchmarks/typing_latency.py
measures what the GUI thread pays).
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from editor.core.policy import editing
from editor.core.policy.editing import EditorState
from editor.ui.finding_marks import Shown

if TYPE_CHECKING:
    from concurrent.futures import ThreadPoolExecutor

    from editor.core.lint.engine import LintOptions, LintResult

SWITCH_INTERVAL_S = 0.0005
# Characters: up to this, each analysis also works out what Fix all would change (a few more
# lints); past it, as for a file of thousands of statements, the button gives no count.
COUNT_FIXES_UP_TO = 100_000
# A job on a text longer than this runs with the cyclic garbage collector off, and what it
# built is frozen afterwards (gc.freeze): a full collection over the trees of a 3 MB policy
# took 100-600 ms with the GIL held, and the window stood still meanwhile. A job leaves no
# cyclic garbage (tests/ui/test_analysis_gc.py), so refcounting still frees its trees once
# they are dropped, and collections no longer walk them. A job on a smaller text thaws what
# was frozen and leaves the collector as Python runs it.
QUIET_GC_CHARS = 200_000


@dataclass(frozen=True)
class Job:
    version: int
    state: EditorState
    options: LintOptions


@dataclass(frozen=True)
class Analysis:
    version: int
    state: EditorState  # the state the job was given
    synced: EditorState  # its ticks and fields worked out from its text
    result: LintResult
    shown: Shown  # its findings as the views show them, worked out here too
    fixes: int | None = None  # the changes Fix all makes; None: not worked out (a big text)


def settled(state: EditorState) -> EditorState:
    """The boxes and the refusals of a tick answer as `chime-policy grants` does (see
    `access.denied`); worked out only when a Deny names an action."""
    if not (state.synced and state.denials):
        return state
    from editor.core.access.denied import settled_state

    return settled_state(state)


def analyze(job: Job, current: Callable[[], bool] = lambda: True) -> Analysis | None:
    """The work itself, on whatever thread calls it; None once `current()` turns False."""
    from editor.core.lint.engine import lint

    state = job.state
    if not state.synced:
        state = editing.with_text(state, state.text)
        if not current():
            return None
    if state.readable:
        _ = state.held  # the form asks for these: work them out here, not on the GUI thread
        _ = state.errors()
    state = settled(state)  # here, not on the GUI thread: 0.6 s at 1 MB
    if not current():
        return None
    result = lint(state.text, job.options)
    fixes = None  # what Fix all will change, fixes the first ones reveal included
    if len(state.text) <= COUNT_FIXES_UP_TO and any(f.fix and f.fix.safe for f in result.findings):
        from editor.core.lint.engine import fix_all_changes

        if not current():
            return None
        fixes = fix_all_changes(result, job.options)
    shown = Shown.of(state.text, result.findings)
    return Analysis(job.version, job.state, state, result, shown, fixes)


class Analyzer(QObject):
    """Runs `analyze` on one worker thread and emits `done` on the GUI thread, for the newest
    version only. `immediate` (tests) runs it on the calling thread instead."""

    done = Signal(object)  # Analysis
    # The version whose analysis raised: none is coming for it. The error itself goes on to
    # sys.excepthook (the crash dialog and the log).
    failed = Signal(int)
    _finished = Signal(int, object)  # version, Analysis | BaseException | None, from the worker
    _warmed = Signal(object)  # BaseException | None, from the worker

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.version = 0
        self.immediate = False
        self._executor: ThreadPoolExecutor | None = None
        self._running = False
        self._warming = False
        self._waiting: Job | None = None
        self._switch = sys.getswitchinterval()
        self._finished.connect(self._on_finished)  # queued: emitted from the worker
        self._warmed.connect(self._on_warmed)

    @property
    def busy(self) -> bool:
        return self._running or self._waiting is not None

    def submit(self, job: Job) -> None:
        if self.immediate:
            analysis = analyze(job)
            if analysis is not None:
                self.done.emit(analysis)
        elif self._running:
            self._waiting = job  # the newest only: an older waiting job is stale anyway
        else:
            self._start(job)

    def warm_up(self, task: Callable[[], object]) -> None:
        """Runs `task` on the worker, before any job submitted after it: the imports a later
        analysis or tick needs (pydantic: 120-170 ms), made while the GUI thread goes on
        painting and taking keys, as during a job."""
        if self.immediate:
            task()
            return
        self._warming = True
        sys.setswitchinterval(SWITCH_INTERVAL_S)
        self._worker().submit(self._warm, task)

    def _warm(self, task: Callable[[], object]) -> None:  # on the worker thread
        try:
            task()
        except BaseException as error:  # raised on the GUI thread: the crash dialog says so
            self._warmed.emit(error)
        else:
            self._warmed.emit(None)

    def _on_warmed(self, error: BaseException | None) -> None:
        self._warming = False
        if not self._running:
            sys.setswitchinterval(self._switch)
        if error is not None:
            raise error

    def _worker(self) -> ThreadPoolExecutor:
        if self._executor is None:
            from concurrent.futures import ThreadPoolExecutor  # 5 ms: not before first paint

            self._executor = ThreadPoolExecutor(1, thread_name_prefix="analysis")
        return self._executor

    def _start(self, job: Job) -> None:
        self._running = True
        sys.setswitchinterval(SWITCH_INTERVAL_S)
        self._worker().submit(self._work, job)

    def _work(self, job: Job) -> None:  # on the worker thread
        outcome: Analysis | BaseException | None
        big = len(job.state.text) > QUIET_GC_CHARS
        paused = big and gc.isenabled()
        if paused:
            gc.disable()
        elif not big and gc.get_freeze_count():
            gc.unfreeze()
        try:
            outcome = analyze(job, lambda: job.version == self.version)
        except BaseException as error:  # shown on the GUI thread, not lost in the worker
            outcome = error
        finally:
            if paused:
                gc.freeze()
                gc.enable()
        self._finished.emit(job.version, outcome)

    def _on_finished(self, version: int, outcome: Analysis | BaseException | None) -> None:
        self._running = False
        waiting, self._waiting = self._waiting, None
        if waiting is not None and waiting.version == self.version:
            self._start(waiting)
        elif not self._warming:
            sys.setswitchinterval(self._switch)
        if isinstance(outcome, BaseException):
            if version == self.version:
                self.failed.emit(version)
            raise outcome
        if outcome is not None and outcome.version == self.version:
            self.done.emit(outcome)

    def shutdown(self) -> None:
        self.version += 1  # whatever runs now is stale: it stops at its next stage
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
