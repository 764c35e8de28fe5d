"""Fix all through the document: every safe fix at once, as one undo step, once the user
approves the preview; like Quick fix, it changes the text only through the document."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import SignalInstance

from editor.core.lint.engine import LintOptions
from editor.core.policy.editing import EditorState


class Document(Protocol):
    """What Fix all asks of the document (document.Document): its public interface only."""

    notice: SignalInstance

    @property
    def state(self) -> EditorState: ...

    def lint_options(self) -> LintOptions: ...

    def replace_all(self, text: str, title: str) -> bool: ...


def fix_all(
    document: Document,
    approve: Callable[[str, str, str], bool],
    run: Callable[[Callable[[], tuple[str, int]]], tuple[str, int] | None],
) -> bool:
    """`approve(title, before, after)` is the preview; its title counts the problems fixed,
    as the button did and the status message will. `run` computes the fixes (the window
    runs them off the GUI thread with a Cancel button: a 1 MB policy takes seconds); it gives
    None when the user cancels."""
    from editor.core.lint.engine import fix_all_counted
    from editor.core.text.wording import counted

    text, options = document.state.text, document.lint_options()
    left: list[int] = []  # the errors the fixed text still has, counted off the GUI thread too

    def work() -> tuple[str, int]:
        fixed, problems = fix_all_counted(text, options)
        left.append(_errors_left(fixed, options))
        return fixed, problems

    done = run(work)
    if done is None:
        document.notice.emit("Fix all cancelled: nothing changed.")
        return False
    if document.state.text != text:  # typed into while the fixes were computed
        document.notice.emit("The text changed while the fixes were computed: Fix all again.")
        return False
    fixed, problems = done
    if fixed == text:
        document.notice.emit("Nothing to fix safely.")
        return False
    # What no safe fix repairs is said in the preview's title and the message after, never
    # left for the user to find: a fixed text may still not be a policy IAM accepts
    tail = f"; {counted(left[0], 'error')} left that no safe fix repairs" if left[0] else ""
    title = f"Fix all ({counted(problems, 'problem')}{tail})"
    if not (approve(title, text, fixed) and document.replace_all(fixed, "Fix all")):
        return False
    document.notice.emit(f"Fix all fixed {counted(problems, 'problem')}, in one undo step{tail}.")
    return True


def _errors_left(text: str, options: LintOptions) -> int:
    from editor.core.lint.engine import lint
    from editor.core.text.findings import Severity

    return sum(1 for f in lint(text, options).findings if f.severity is Severity.ERROR)
