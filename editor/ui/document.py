"""The document controller: holds the state, the undo stack and the file; emits `changed`.

One direction of flow: a widget calls a method here -> a new state goes on the undo stack ->
`changed` is emitted -> (debounced) analysis -> `analyzed`. No widget reads another widget.

Typing is cheap on the GUI thread: the editor holds the keystrokes (`typed` is all a key
costs here) and gives their text when the typing pauses, or as soon as anything reads `state`
(a tick, Save, Undo right after typing see the typed text: `state` is the one way in). The
text then goes on the undo stack as it is (`synced=False`); reading it, making the ticks and
fields follow and linting it run on a worker (`analysis.Analyzer`), and the result is applied
only if the text has not moved on meanwhile. An edit that builds on the ticks or fields first
syncs the state it starts from.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction, QUndoStack

from editor.core.lint.quota import Quota
from editor.core.policy import editing
from editor.core.policy.editing import EditorState, NotReadable
from editor.core.policy.kinds import PolicyKind
from editor.core.policy.layout import Layout
from editor.core.text.findings import Fix, TextEdit
from editor.ui.analysis import Analysis, Analyzer, Job, settled
from editor.ui.state_command import StateCommand

if TYPE_CHECKING:
    from editor.core.lint.context import LintOptions
    from editor.core.lint.engine import LintResult
    from editor.ui.finding_marks import Shown
from editor.ui.throttle import Throttle

# Typing pauses this long before its text is analysed: keys closer together than this (a
# held key's repeat, a quick run of keys) are one analysis; keys further apart each start
# one on the worker, which the next key makes stale at its next stage. It was 40 ms: the
# findings of a 50 KB policy came 90-110 ms after the last key, over the 100 ms aimed at.
TYPING_DEBOUNCE_MS = 30

# Merge ids: consecutive edits of one kind coalesce into one undo step (typing a field).
_MERGE_TEXT = 1
_MERGE_FIELD = 2
# Typing that resumes after a pause this long starts a new undo step, as in text editors.
# A timer on the event loop, not a clock: a GUI thread busy for a second (a slow machine, a
# test's synthetic keys) does not split a burst in two; a user's pause lets the timer run.
TYPING_PAUSE_MS = 1000


class Document(QObject):
    """The one owner of the text, its history and its analysis. Others call its methods and
    listen to its signals; its undo stack and throttle are its own business."""

    changed = Signal(object)  # EditorState, after every edit, undo and redo
    analyzed = Signal(object)  # LintResult, throttled
    analysis_failed = Signal()  # the current text's analysis raised (a bug): none is coming
    refused = Signal(str)  # why an edit could not be made (JSON errors block ticking)
    notice = Signal(str)  # a passing remark for the status bar ("Nothing to fix safely.")
    modified_changed = Signal(bool)  # the text differs, or no longer differs, from the saved one

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._undo_stack = QUndoStack(self)
        # A method, not a lambda: Qt drops the connection with the document, while the stack,
        # cleared as the window is destroyed, still emits (quitting after Discard).
        self._undo_stack.cleanChanged.connect(self._clean_changed)
        self._state = editing.new_state()
        # Gives the keystrokes the editor holds (through set_text): see `typed`.
        self.typing: Callable[[], None] | None = None
        self._held = False  # keystrokes are held that `state` does not have yet
        self._analyzing = False  # within _analyze
        self._history: tuple[QAction, QAction] | None = None
        self.quota = Quota.MANAGED
        self.kind: PolicyKind | None = None  # None: detected from the text at each analysis
        self.kind_reason = "as chosen"
        # A policy opened from a template: the kind its place gives, and intrinsic functions.
        self.place_kind: PolicyKind | None = None
        self.place_reason = ""
        self.template = False
        self.parameters: tuple[str, ...] | None = None  # a CloudFormation template's
        self.result: LintResult | None = None
        # The result's findings as the views show them (spans, rows, counts): the one copy
        # they read, worked out with the result on the worker.
        self.shown: Shown | None = None
        self.fixes: int | None = None  # the changes Fix all makes to the analysed text
        self._throttle = Throttle(self._analyze, 0, self)
        self.was_refused = False  # the last edit was refused (NotReadable), and why was said
        self.analyzer = Analyzer(self)
        self.analyzer.done.connect(self._analyzed)
        self.analyzer.failed.connect(self._analysis_failed)
        self._failed_version = -1  # the version whose analysis raised
        self.version = 0  # of the text and options: bumped by every change the lint sees
        self.result_version = -1  # the version `result` is for
        self._burst = 0  # typing bursts so far: each is an undo step of its own
        self._paused = QTimer(self)  # runs out when the typing pauses: the burst is over
        self._paused.setSingleShot(True)
        self._paused.setInterval(TYPING_PAUSE_MS)

    # -- edits ----------------------------------------------------------------------------

    def _push(
        self,
        title: str,
        make: Callable[[EditorState], EditorState],
        merge_key: tuple[int, str] | None = None,
    ) -> bool:
        self.was_refused = False
        self.sync()  # the edit builds on the ticks and fields of the current text
        try:
            new = make(self.state)
        except NotReadable as error:
            default = "Fix the JSON errors to sync: ticks and fields wait until then."
            self.was_refused = True
            self.refused.emit(str(error) or default)
            return False
        if new == self.state:
            return False
        self._undo_stack.push(StateCommand(self._set_state, self.state, new, title, merge_key))
        return True

    def set_actions(self, actions: frozenset[str], title: str = "Change actions") -> bool:
        """Exactly `actions` granted (ticked, the rest unticked)."""
        return self._change_actions(lambda _: actions, title)

    def tick(self, names: frozenset[str], checked: bool) -> bool:
        """Boxes clicked: `names` ticked or unticked on top of what the current text grants.
        The boxes may still show an older text's ticks (typing, or an opened file, not yet
        analysed): the rest is the text's own, read here, never what the boxes showed."""
        return self._change_actions(
            lambda granted: granted | names if checked else granted - names, "Change actions"
        )

    def _change_actions(
        self, wanted_of: Callable[[frozenset[str]], frozenset[str]], title: str
    ) -> bool:
        wanted: list[frozenset[str]] = []  # worked out from the synced state, in `_push`

        def make(state: EditorState) -> EditorState:
            wanted.append(wanted_of(state.actions))
            return editing.with_actions(state, wanted[0], self.parameters)

        done = self._push(title, make)
        refused = self.was_refused  # and said why: no second message over it
        asked = wanted and self.state.readable and not refused
        kept = sorted(self.state.actions - wanted[0]) if asked else []
        if kept:  # unticked, but a wildcard or a NotAction in the text still grants it
            self.refused.emit(
                f"{', '.join(kept)}: still granted by a wildcard such as chime:List* or by a "
                "NotAction in the text; edit it in the JSON to take the grant away."
            )
        return done

    def set_field(self, name: str, raw: str, target: str | None = None) -> bool:
        """A field typed: fills the document's ARNs in place (`target`: only that text)."""
        title = f"Edit {name.replace('_', ' ').removeprefix('other:')}"
        key = (_MERGE_FIELD, f"{name} {self._typing_burst(False)}")
        return self._push(title, lambda s: editing.with_field(s, name, raw, target), key)

    def set_layout(self, layout: Layout, indent: int | None = None) -> bool:
        return self._push("Change layout", lambda s: editing.with_layout(s, layout, indent))

    @property
    def state(self) -> EditorState:
        """The text, its ticks and fields: every reader comes here, and gets the keystrokes
        held by the editor first (see `typed`)."""
        if self._held:
            self._take_typing()
        return self._state

    def typed(self) -> None:
        """A keystroke the editor holds (all the GUI thread does for it here): analysed with
        the others once the typing pauses; anything that reads `state` first takes them."""
        if not self._held:
            self._held = True
            undo = self._history[0] if self._history is not None else None
            if undo is not None and not undo.isEnabled():
                undo.setEnabled(True)  # Undo takes back what is held (its name follows later)
        self.version += 1  # what the worker is reading is stale already
        self.analyzer.version = self.version
        if self._throttle.immediate:
            self._take_typing()
        else:
            self._throttle.trigger(TYPING_DEBOUNCE_MS)

    def _take_typing(self) -> None:
        self._held = False
        if self.typing is not None:
            self.typing()  # the editor's text comes back through set_text
        self._follow_history()

    def set_text(self, text: str, new_step: bool = False) -> bool:
        """Typed text, analysed after a pause. A burst of keystrokes is one undo step; a new
        one starts with `new_step` (the editor saw the cursor jump, or a paste) or after a
        pause in the typing. Any other edit in between ends a burst too."""
        if text == self.state.text:
            return False
        return self._push_text("Typing", text, (_MERGE_TEXT, str(self._typing_burst(new_step))))

    def _typing_burst(self, new_step: bool) -> int:
        if new_step or not self._paused.isActive():
            self._burst += 1
        self._paused.start()  # restarted by each key
        return self._burst

    def replace_all(self, text: str, title: str) -> bool:
        return self._push_text(title, text)

    def _push_text(self, title: str, text: str, merge_key: tuple[int, str] | None = None) -> bool:
        """A new text, its ticks and fields left to the analysis (see `sync`)."""
        if text == self.state.text:
            return False
        new = editing.with_raw_text(self.state, text)
        self._undo_stack.push(StateCommand(self._set_state, self.state, new, title, merge_key))
        return True

    def apply_fix(self, fix: Fix) -> bool:
        return self._push(fix.title, lambda s: editing.with_edits(s, list(fix.edits)))

    def apply_edits(self, edits: list[TextEdit], title: str) -> bool:
        return self._push(title, lambda s: editing.with_edits(s, edits))

    def fix_all(
        self,
        approve: Callable[[str, str, str], bool],
        run: Callable[[Callable[[], tuple[str, int]]], tuple[str, int] | None] = lambda w: w(),
    ) -> bool:
        """Every safe fix at once, as one undo step, once `approve` says yes (fix_all_flow)."""
        from editor.ui.fix_all_flow import fix_all

        return fix_all(self, approve, run)

    def reset(self, state: EditorState) -> None:
        """A new or opened document: a fresh undo history."""
        self._undo_stack.clear()
        self._set_state(state)
        self._throttle.trigger(0)  # no typing to wait for
        self._undo_stack.setClean()

    def replace_from_disk(self, text: str, title: str) -> None:
        """The file's text as read again from disk (revert, reload): one undo step, and the
        document is then what is saved."""
        self._push_text(title, text)
        self.mark_saved()

    # -- history --------------------------------------------------------------------------

    def mark_saved(self) -> None:
        """The current text is what the file holds."""
        _ = self.state  # with what was typed last
        self._undo_stack.setClean()

    def mark_unsaved(self) -> None:
        """The file no longer holds the current text (deleted or moved on disk): only this
        window does, so it shows as unsaved and closing asks first."""
        self._undo_stack.resetClean()

    @property
    def modified(self) -> bool:
        _ = self.state  # keys held by the editor count
        return not self._undo_stack.isClean()

    def _clean_changed(self, clean: bool) -> None:
        self.modified_changed.emit(not clean)

    def undo(self) -> None:
        _ = self.state  # the keys typed last are the step undone
        self._undo_stack.undo()

    def redo(self) -> None:
        _ = self.state
        self._undo_stack.redo()

    def can_undo(self) -> bool:
        _ = self.state
        return self._undo_stack.canUndo()

    def undo_steps(self) -> int:
        """How many steps the history holds (done and undone)."""
        _ = self.state
        return self._undo_stack.count()

    def history_actions(self, parent: QObject) -> tuple[QAction, QAction]:
        """Undo and Redo menu actions that follow the history (their text names the step).
        Through `undo` and `redo`, not the stack's own: keys held by the editor go first."""
        undo, redo = QAction("&Undo", parent), QAction("&Redo", parent)
        undo.triggered.connect(self.undo)
        redo.triggered.connect(self.redo)
        self._history = undo, redo
        stack = self._undo_stack
        for signal in (stack.indexChanged, stack.undoTextChanged, stack.redoTextChanged):
            signal.connect(self._follow_history)
        self._follow_history()
        return undo, redo

    def _follow_history(self) -> None:
        if self._history is None:
            return
        stack, (undo, redo) = self._undo_stack, self._history
        held = self._held  # the keys held are a step to undo, and take the redo steps away
        undo_text = "Typing" if held else stack.undoText()
        undo.setEnabled(stack.canUndo() or held)
        undo.setText(f"&Undo {undo_text}" if undo_text else "&Undo")
        redo.setEnabled(stack.canRedo() and not held)
        redo_text = stack.redoText()
        redo.setText(f"&Redo {redo_text}" if redo_text else "&Redo")

    # -- analysis -------------------------------------------------------------------------

    def hold_analysis(self) -> None:
        """Collect edits without analysing them until `release_analysis` (the window holds
        the first analysis until it has painted, so that it appears sooner)."""
        self._throttle.hold()

    def release_analysis(self) -> None:
        self._throttle.release()

    @property
    def analysis_immediate(self) -> bool:
        return self._throttle.immediate

    @analysis_immediate.setter
    def analysis_immediate(self, immediate: bool) -> None:
        """Tests: analyse at every edit, with no debounce."""
        self._throttle.immediate = immediate

    # -- options --------------------------------------------------------------------------

    def set_quota(self, quota: Quota) -> None:
        self.quota = quota
        self._changed_input()

    def set_place(
        self,
        kind: PolicyKind | None,
        reason: str,
        template: bool,
        parameters: tuple[str, ...] | None = None,
    ) -> None:
        """Where the policy came from: a template's property gives its kind (unless the user
        chooses one) and lets intrinsic functions stand as values; a CloudFormation
        template's `parameters` (else None) have ticks write ARNs in its references."""
        self.place_kind, self.place_reason, self.template = kind, reason, template
        self.parameters = parameters
        self._changed_input()

    def set_kind(self, kind: PolicyKind | None, reason: str = "as chosen") -> None:
        self.kind, self.kind_reason = kind, reason
        self._changed_input()

    # -- state ----------------------------------------------------------------------------

    @property
    def analysis_pending(self) -> bool:
        """The problems shown are not yet those of the current text and options."""
        awaited = self.result_version != self.version and self._failed_version != self.version
        return awaited or self._throttle.pending

    def sync(self) -> EditorState:
        """The current state with its ticks and fields worked out, on this thread if the
        analysis has not done it yet (an edit right after typing)."""
        if not self.state.synced:
            self._adopt(editing.with_text(self.state, self.state.text))
        return self.state

    def _adopt(self, synced: EditorState, from_worker: bool = False) -> None:
        """Replace the current state by its synced self, here and on the undo stack; `from_worker`:
        its Denies already answered as `grants` does (by the analysis, off this thread)."""
        if not from_worker:
            synced = settled(synced)
        command = self._undo_stack.command(self._undo_stack.index() - 1)
        if isinstance(command, StateCommand) and command.new is self._state:
            command.new = synced
        self._state = synced
        self.changed.emit(synced)

    def _set_state(self, state: EditorState) -> None:
        state = settled(state)
        self._state = state
        self.changed.emit(state)
        self._changed_input(typing=not state.synced)

    def _changed_input(self, typing: bool = False) -> None:
        self.version += 1
        self.analyzer.version = self.version
        if not self._analyzing:  # else the analysis starts now, with this text
            self._throttle.trigger(TYPING_DEBOUNCE_MS if typing else 0)

    def lint_options(self) -> LintOptions:
        """The quota, the kind (the user's, else the one its place gives) and template mode."""
        from editor.core.lint.context import LintOptions

        kind, reason = self.kind, self.kind_reason
        if kind is None and self.place_kind is not None:
            kind, reason = self.place_kind, self.place_reason
        return LintOptions(self.quota, kind, reason, self.template)

    def _analyze(self) -> None:
        self._analyzing = True
        try:
            state = self.state  # the keys held, if the typing has just paused
        finally:
            self._analyzing = False
        self.analyzer.immediate = self._throttle.immediate
        self.analyzer.submit(Job(self.version, state, self.lint_options()))

    def _analysis_failed(self, version: int) -> None:
        if version == self.version:  # the next edit or option change analyses again
            self._failed_version = version
            self.analysis_failed.emit()

    def _analyzed(self, analysis: Analysis) -> None:
        if analysis.version != self.version:
            return  # the text or the options moved on: a newer analysis is coming
        if analysis.state is self._state and not self._state.synced:
            self._adopt(analysis.synced, from_worker=True)
        self.result, self.result_version = analysis.result, analysis.version
        self.shown = analysis.shown
        self.fixes = analysis.fixes
        self.analyzed.emit(self.result)
