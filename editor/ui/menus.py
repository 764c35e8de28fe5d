"""The main window's actions and menus (File, Edit, View, Export, Help), apart from its panes
and wiring. A mixin: its methods run as the window's own and name the window's parts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

from editor.ui.export_menu import ExportMenu
from editor.ui.focus import focus_first_field

if TYPE_CHECKING:
    from editor.core.catalog.catalog import PersonaSet
    from editor.ui.arn_form import ArnForm
    from editor.ui.catalog_view import CatalogView
    from editor.ui.dialogs import Dialogs
    from editor.ui.document import Document
    from editor.ui.file_controller import FileController
    from editor.ui.find_bar import FindBar
    from editor.ui.json_editor import JsonEditor
    from editor.ui.problems_view import ProblemsView

Shortcut = QKeySequence | QKeySequence.StandardKey | str


class WindowMenus(QMainWindow):
    """The base of MainWindow, which builds the document, files, panes and slots named here
    before it calls `create_actions` and `create_menus`."""

    personas: PersonaSet
    document: Document
    dialogs: Dialogs
    files: FileController
    editor: JsonEditor
    fix_all: Callable[[], bool]
    find_or_filter: Callable[[], None]
    focus_filter: Callable[[], None]
    show_about: Callable[[], None]
    policy_name: Callable[[], str]
    policy_folder: Callable[[], Path]

    @property
    def find_bar(self) -> FindBar:
        raise NotImplementedError  # MainWindow's: made when first asked for

    # MainWindow's panels, built after the first paint: naming one builds them all (so the
    # actions below name them only when triggered).
    @property
    def catalog_view(self) -> CatalogView:
        raise NotImplementedError

    @property
    def form(self) -> ArnForm:
        raise NotImplementedError

    @property
    def problems(self) -> ProblemsView:
        raise NotImplementedError

    def _action(
        self, text: str, slot: Callable[..., object], shortcut: Shortcut | None = None
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            # A list of one, as setShortcut would set: setShortcut itself has PySide build Qt's
            # whole namespace of enums (its overloads), which the first paint does without.
            action.setShortcuts([QKeySequence(shortcut)])
        action.triggered.connect(slot)
        return action

    def create_actions(self) -> None:
        keys = QKeySequence.StandardKey
        self.new_action = self._action("&New", lambda: self.files.new(), keys.New)
        self.open_action = self._action("&Open…", self.files.open_dialog, keys.Open)
        self.save_action = self._action("&Save", self.files.save, keys.Save)
        self.save_as_action = self._action("Save &As…", self.files.save_as, keys.SaveAs)
        self.revert_action = self._action("Re&vert to Saved", self.files.revert)
        self.quit_action = self._action("&Quit", self.close, keys.Quit)
        self.undo_action, self.redo_action = self.document.history_actions(self)
        self.undo_action.setShortcuts([QKeySequence(keys.Undo)])  # see _action
        # Each once: where the platform's Redo is Ctrl+Y already (Windows), a second Ctrl+Y
        # made the key ambiguous and it did nothing.
        redo_keys = dict.fromkeys(QKeySequence(k).toString() for k in (keys.Redo, "Ctrl+Y"))
        self.redo_action.setShortcuts([QKeySequence(k) for k in redo_keys])
        self.fix_all_action = self._action("Fix &All", self.fix_all, "Ctrl+Shift+F")
        # Ctrl+F searches where the focus is: the catalog's filter in the catalog pane, the
        # JSON text everywhere else (see find_or_filter).
        self.find_action = self._action("&Find…", self.find_or_filter, "Ctrl+F")
        self.find_next_action = self._action(
            "Find &Next", lambda: self.find_bar.next_or_open(), "F3"
        )
        self.find_previous_action = self._action(
            "Find &Previous", lambda: self.find_bar.find_previous(), "Shift+F3"
        )
        self.replace_action = self._action(
            "R&eplace…", lambda: self.find_bar.open(replace=True), "Ctrl+H"
        )
        self.filter_action = self._action("Fil&ter Actions", self.focus_filter)
        self.about_action = self._action("&About", self.show_about)
        panes = (
            ("&Catalog", lambda: self.catalog_view.focus_tree()),
            ("ARN &Form", lambda: focus_first_field(self.form)),
            ("&JSON", self.editor.setFocus),
            ("&Problems", lambda: self.problems.setFocus()),
        )
        self.pane_actions = [
            self._action(label, lambda _=False, focus=focus: focus(), f"Ctrl+{n}")
            for n, (label, focus) in enumerate(panes, start=1)
        ]

    def create_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        file_menu.addAction(self.new_action)
        persona_menu = file_menu.addMenu("New from &Persona")
        for persona in self.personas.personas:
            new_persona = self._action(
                persona.title, lambda _=False, p=persona.id: self.files.new(p)
            )
            persona_menu.addAction(new_persona)
        file_menu.addAction(self.open_action)
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.update_recent(self.files.recent())
        file_menu.addSeparator()
        for action in (self.save_action, self.save_as_action, self.revert_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = self.menuBar().addMenu("&Edit")
        for action in (self.undo_action, self.redo_action):
            edit_menu.addAction(action)
        edit_menu.addSeparator()
        for action in (
            self.find_action,
            self.find_next_action,
            self.find_previous_action,
            self.replace_action,
        ):
            edit_menu.addAction(action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.fix_all_action)
        edit_menu.addAction(self.filter_action)
        view_menu = self.menuBar().addMenu("&View")
        for action in self.pane_actions:
            view_menu.addAction(action)
        self.export_menu = ExportMenu(
            self.menuBar().addMenu("E&xport"),
            self.document,
            self.dialogs,
            self.policy_name,
            self.policy_folder,
        )
        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addAction(self.about_action)

    def update_recent(self, paths: list[str]) -> None:
        self.recent_menu.clear()
        for path in paths:
            self.recent_menu.addAction(
                self._action(path, lambda _=False, p=path: self.files.open_path(p))
            )
        self.recent_menu.setEnabled(bool(paths))
