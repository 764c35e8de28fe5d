"""An undo step of the document: the state before and after an edit."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from editor.core.policy import editing
from editor.core.policy.editing import EditorState

_RELEASED = editing.EditorState("")  # what a command merged into another keeps


class StateCommand(QUndoCommand):
    """An edit as a pair of states: undo restores the old one. Typing coalesces."""

    def __init__(
        self,
        apply: Callable[[EditorState], None],
        old: EditorState,
        new: EditorState,
        title: str,
        merge_key: tuple[int, str] | None = None,
    ) -> None:
        super().__init__(title)
        self.apply, self.old, self.new = apply, old, new
        self.merge_key = merge_key

    def id(self) -> int:
        return self.merge_key[0] if self.merge_key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, StateCommand) or other.merge_key != self.merge_key:
            return False
        self.new = other.new
        # Qt deletes `other` now, but PySide keeps its Python side alive: with its states it
        # held two whole texts per keystroke (1 MB a key in a 1 MB policy). It keeps none.
        other.old = other.new = _RELEASED
        return True

    def redo(self) -> None:
        self.apply(self.new)

    def undo(self) -> None:
        self.apply(self.old)
