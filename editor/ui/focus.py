"""Keyboard focus helpers shared by the panes."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def focus_first_field(container: QWidget) -> None:
    """Focus the first field Tab would reach inside `container` (Ctrl+2 on the ARN form: the
    form itself takes no keys). Not a focus proxy: in Qt 6 that moves the field in Tab order."""
    from PySide6.QtCore import Qt  # not at import: the menus load this before the first paint

    widget = container.nextInFocusChain()
    while widget is not None and container.isAncestorOf(widget):
        if (
            widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            and widget.isVisibleTo(container)
            and widget.isEnabled()
        ):
            widget.setFocus()
            return
        widget = widget.nextInFocusChain()
