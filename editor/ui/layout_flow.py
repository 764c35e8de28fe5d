"""Picking a layout or an indentation in the window's combos.

A new policy is written in the layout at once. An opened file is the user's text: it is
rewritten only after its preview is applied (one undo step), and never when the rewrite would
take a grant away (the diff engine compares the two texts first).
"""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtWidgets import QComboBox

from editor.core.policy import editing
from editor.core.policy.editing import EditorState, NotReadable
from editor.core.policy.layout import Layout

REWRITE = {Layout.LEAST_PRIVILEGE: "least privilege", Layout.AWS_EXAMPLE: "AWS example"}


class Window(Protocol):
    """What the flow uses of the main window (named, not imported: no import circle)."""

    document: Any
    files: Any
    status: Any
    dialogs: Any
    layout_combo: QComboBox
    indent_combo: QComboBox

    def show_state(self, state: EditorState) -> None: ...
    def refused(self, reason: str) -> None: ...


def layout_chosen(window: Window) -> None:
    """The layout and indentation the combos now show, applied to the window's document."""
    state = window.document.state
    layout = Layout(window.layout_combo.currentData())
    indent = int(window.indent_combo.currentData())
    opened = state.layout is Layout.AS_WRITTEN or window.files.path is not None
    if opened:
        try:
            after = editing.with_layout(state, layout, indent).text
        except NotReadable:
            after = state.text  # set_layout below says why
        what = REWRITE.get(layout, f"indented {indent or 'minified'}")
        if after == state.text and layout is not Layout.AS_WRITTEN and state.readable:
            window.status.showMessage(
                f"Nothing to rewrite as {what}: statements with their author's own Sid, "
                "conditions or other services are kept as written.",
                10000,
            )
            window.show_state(state)  # the controls show the file as it still is
            return
        lost = added = None
        if after != state.text and layout is not Layout.AS_WRITTEN:
            from editor.core.access.rewrites import rewrite_changes

            lost, added = rewrite_changes(state.text, after)
        if lost is not None:  # a layout rewrites the statements, never takes a grant away
            window.show_state(state)
            window.refused(
                f"Not rewritten as {what}: {lost}. Statements it cannot represent (a Deny's "
                "ARNs, a NotAction or NotResource) would change what is allowed; keep "
                '"As written" or edit the JSON.'
            )
            return
        if added is not None:
            window.status.showMessage(f"Rewriting as {what} also allows {added}", 30000)
        if after != state.text and not window.dialogs.preview(
            f"Rewrite as {what}", state.text, after
        ):
            window.show_state(state)  # the controls show the file as it is
            return
    window.document.set_layout(layout, indent)
