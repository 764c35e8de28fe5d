"""Access and Grants as a dock under the editor, and the Access menu (check, grants, compare).

Installed by the main window in one call; it reads the document and the file controller and
marks the deciding statement in the editor, nothing else. The menu and the (hidden) dock are
made at once, the dock's panes (and the access engine they import) when the dock is first
shown, and it takes its place in the window then: the window's first paint waits for neither.
Nothing here names Qt's enum namespace before then (see main_window.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget

from editor.ui.throttle import Throttle

if TYPE_CHECKING:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QTabWidget

    from editor.core.policy.editing import EditorState
    from editor.ui.access_pane import AccessPane
    from editor.ui.compare_view import CompareDialog
    from editor.ui.grants_view import GrantsView

# The verdict and the grants follow the document's analysis (run on a worker once typing
# pauses, its ticks and fields worked out), and wait this much longer for a quiet spell: a
# burst of analyses is one check, not one per keystroke (a 50 KB policy took ~100 ms each).
QUIET_MS = 150


class Host(Protocol):
    """What the dock uses of the main window (named here, not imported: no import circle)."""

    catalog: Any
    document: Any
    editor: Any
    files: Any
    dialogs: Any
    status: Any

    def menuBar(self) -> Any: ...
    def addDockWidget(self, area: Qt.DockWidgetArea, dock: QDockWidget) -> None: ...
    def resizeDocks(self, docks: list[Any], sizes: list[int], o: Qt.Orientation) -> None: ...


class AccessDock(QDockWidget):
    def __init__(self, window: Host) -> None:
        super().__init__("Access", window)  # type: ignore[call-overload]
        self.setObjectName("access-dock")
        self.window_ = window
        self._tabs: QTabWidget | None = None  # the panes, made when first needed (`tabs`)
        self._placed = False  # in the window's bottom dock area (see setVisible)
        self.compare_dialog: CompareDialog | None = None
        document = window.document
        self.throttle = Throttle(lambda: self.show_state(document.state), QUIET_MS, self)
        document.analyzed.connect(self._document_analyzed)
        self.visibilityChanged.connect(lambda _: self.show_state(document.state))
        self.create_menu()

    def setVisible(self, visible: bool) -> None:
        """Shown the first time: put in its place under the editor first, 230 pixels high."""
        if visible and not self._placed:
            from PySide6.QtCore import Qt

            self._placed = True
            self.window_.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self)
            self.window_.resizeDocks([self], [230], Qt.Orientation.Vertical)
        super().setVisible(visible)

    @property
    def tabs(self) -> QTabWidget:
        """The Access check and Grants tabs, made on first use."""
        if self._tabs is None:
            from PySide6.QtWidgets import QTabWidget

            from editor.ui.access_pane import AccessPane
            from editor.ui.grants_view import GrantsView

            self._pane = pane = AccessPane(self.window_.catalog)
            self._grants = grants = GrantsView()
            tabs = QTabWidget()
            tabs.addTab(pane, "&Access check")
            tabs.addTab(grants, "&Grants")
            self._tabs = tabs
            self.setWidget(tabs)
            document = self.window_.document
            tabs.currentChanged.connect(lambda _: self.show_state(document.state))
            pane.decided.connect(self.mark)
            pane.jump.connect(self.jump_to)
        return self._tabs

    @property
    def pane(self) -> AccessPane:
        _ = self.tabs
        return self._pane

    @property
    def grants(self) -> GrantsView:
        _ = self.tabs
        return self._grants

    def create_menu(self) -> None:
        window = self.window_
        menu = window.menuBar().addMenu("&Access")
        self.check_action = self._action("&Check Access", lambda: self.show_tab(0), "Ctrl+5")
        self.grants_action = self._action("&Grants Summary", lambda: self.show_tab(1), "Ctrl+6")
        self.compare_saved_action = self._action("Compare with &Saved Version", self.compare_saved)
        self.compare_file_action = self._action("Compare with &File…", self.compare_file)
        for action in (self.check_action, self.grants_action):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.compare_saved_action)
        menu.addAction(self.compare_file_action)
        menu.aboutToShow.connect(
            lambda: self.compare_saved_action.setEnabled(window.files.path is not None)
        )

    def _action(self, text: str, slot: object, shortcut: str | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut:  # as a list: setShortcut has PySide build Qt's namespace (see menus.py)
            action.setShortcuts([QKeySequence(shortcut)])
        action.triggered.connect(slot)
        return action

    def show_tab(self, index: int) -> None:
        from PySide6.QtCore import Qt

        self.show()
        self.tabs.setCurrentIndex(index)
        self.tabs.currentWidget().setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _document_analyzed(self, _result: object) -> None:
        if self.isVisible():  # closed, it costs nothing; opening it shows the current state
            self.throttle.trigger()

    def show_state(self, state: EditorState) -> None:
        """Only what is visible is computed: the dock costs nothing while closed."""
        if not self.isVisible():
            self.window_.editor.mark(0, 0)
            return
        tabs = self.tabs
        if not state.synced:
            return  # typing: the verdict follows the analysis, after the pause
        if tabs.currentIndex() == 0:
            self.pane.show_policy(state.text, state.field_map)
        else:
            self.window_.editor.mark(0, 0)
            self.grants.show_policy(state.text)

    def mark(self, start: int, end: int) -> None:
        """Mark the deciding statement; bring it into view unless the user is typing there."""
        from editor.core.text.positions import LineIndex

        editor = self.window_.editor
        editor.mark(start, end)
        if start < end and not editor.hasFocus():
            line, _ = LineIndex(self.window_.document.state.text).position(start)
            editor.verticalScrollBar().setValue(max(0, line - 3))  # scrolled by lines

    def jump_to(self, offset: int) -> None:
        from editor.core.text.positions import LineIndex

        line, column = LineIndex(self.window_.document.state.text).position(offset)
        self.window_.editor.jump_to(line, column)

    # -- compare --------------------------------------------------------------------------

    def compare_saved(self) -> None:
        path = self.window_.files.path
        if path is None:
            self.window_.status.showMessage("The policy has not been saved yet.", 8000)
            return
        self._compare_with(path, "the saved version")

    def compare_file(self) -> None:
        path = self.window_.dialogs.open_path("")
        if path:
            self._compare_with(path, path)

    def _compare_with(self, path: str, label: str) -> None:
        from editor.core.files import PolicyFileError, read_policy_file
        from editor.ui.compare_view import CompareDialog

        try:
            old = read_policy_file(path)
        except PolicyFileError as error:
            self.window_.dialogs.error("Cannot compare", str(error))
            return
        dialog = CompareDialog(old, self.window_.document.state.text, label, self.parentWidget())
        self.compare_dialog = dialog
        dialog.show()


def install(window: Host) -> AccessDock:
    dock = AccessDock(window)
    dock.hide()  # the Access menu (Ctrl+5, Ctrl+6) shows it, and places it then
    return dock
