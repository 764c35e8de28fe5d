# Scene for tools/screenshot.sh: the full-user persona ticked and filled in, the Access pane
# asking whether the user may send a message to a channel, the deciding statement marked.
tick_and_fill(window, "Full user")  # noqa: F821
window.access.show_tab(0)  # noqa: F821
window.access.pane.fill_from_form()  # noqa: F821
# Picked as from the list (the dock suggests an action only until the user picks one).
combo = window.access.pane.action  # noqa: F821
combo.setCurrentIndex(combo.findText("chime:SendChannelMessage"))
combo.activated.emit(combo.currentIndex())
