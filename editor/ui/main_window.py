"""The editor's main window: lays the panes out and wires them to the document."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, cast

# Not Qt: naming it has PySide build all its 93 enums (~18 ms of start-up that a bare window
# never pays). What comes before the first paint does without it (tests/ui/test_startup.py);
# the panels that follow the paint (item models: flags() returns a Qt.ItemFlag) build it.
from PySide6.QtCore import QEvent, QSettings, QSignalBlocker, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QVBoxLayout,
)

if TYPE_CHECKING:  # annotations only: each Qt class costs start-up time when first named
    from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QPaintEvent

    from editor.core.lint.engine import LintResult
    from editor.ui.arn_form import ArnForm
    from editor.ui.catalog_model import CatalogModel
    from editor.ui.catalog_view import CatalogView
    from editor.ui.find_bar import FindBar
    from editor.ui.problems_view import ProblemsView

from editor.core.catalog.catalog import load_catalog, load_personas
from editor.core.policy.editing import EditorState
from editor.core.policy.layout import Layout
from editor.ui import window_geometry
from editor.ui.access_dock import install as install_access
from editor.ui.dialogs import Dialogs
from editor.ui.document import Document
from editor.ui.file_controller import FileController, dropped_file
from editor.ui.finding_marks import Shown
from editor.ui.first_paint import release_collections
from editor.ui.json_editor import JsonEditor
from editor.ui.kind_combo import KindCombo
from editor.ui.menus import WindowMenus
from editor.ui.status_bar import StatusBar
from editor.ui.theme import colours, tint
from editor.ui.window_panels import (
    CATALOG_HINTS,
    FORM_HINTS,
    PROBLEMS_HINTS,
    Panels,
    Placeholder,
    vertical_splitter,
)

APP_TITLE = "Chime policy editor"
LAYOUTS = (
    (Layout.AS_WRITTEN, "As written"),
    (Layout.LEAST_PRIVILEGE, "Least privilege"),
    (Layout.AWS_EXAMPLE, "AWS example"),
)
INDENTS = ((4, "4 spaces"), (2, "2 spaces"), (0, "Minified"))
BIG_TEXT = 1_000_000  # characters: reading a text this long shows a busy bar at once
SLOW_ANALYSIS_MS = 400  # ... and any analysis that takes longer than this
SYNC_BANNER = "Fix the JSON errors to sync: the catalog and the ARN form wait until the text reads."


class MainWindow(WindowMenus):
    completed = Signal()  # every panel is in: see finish_building

    def __init__(self, settings: QSettings | None = None, dialogs: Dialogs | None = None) -> None:
        """`settings` and `dialogs` are the seams tests replace (a temporary file, scripted
        answers)."""
        super().__init__()
        self.setObjectName("main")
        self.catalog = load_catalog()
        self.personas = load_personas()
        self.settings = settings or QSettings()
        self.document = Document(self)
        self.dialogs = dialogs or Dialogs(self)
        self.files = FileController(self.document, self.dialogs, self.settings, self)
        self.panels = Panels(self, self)  # built after the first paint: see window_panels.py
        self.panels.done.connect(self.completed)
        self.create_panes()
        self.create_actions()
        self.create_menus()
        self.connect_signals()
        self.access = install_access(self)  # the Access menu and dock (check, grants, compare)
        self.setAcceptDrops(True)
        self.resize(1320, 860)
        restored = window_geometry.restore(self.settings, self, (self.main, self.left, self.right))
        window_geometry.fit_to_screen(self, move=restored)
        self._slow = QTimer(self)  # an analysis still running after this shows a busy bar
        self._slow.setSingleShot(True)
        self._slow.setInterval(SLOW_ANALYSIS_MS)
        self._slow.timeout.connect(self._busy_if_still_checking)
        self.document.hold_analysis()  # released once the panels are in (window_panels.py)
        QTimer.singleShot(200, self._release_if_never_painted)
        QTimer.singleShot(200, release_collections)  # held since editor.ui's import: ditto
        self.document.reset(self.document.state)
        self.update_title()
        self._warmed = False

    # -- construction ---------------------------------------------------------------------

    def create_panes(self) -> None:
        """The frame and the text; the catalog, form and Problems panels come after the first
        paint (see window_panels.py), until then placeholders in their places."""
        self.left = vertical_splitter()
        self.left.addWidget(Placeholder(CATALOG_HINTS))
        self.left.addWidget(Placeholder(FORM_HINTS))
        self.left.setStretchFactor(0, 3)
        self.left.setStretchFactor(1, 2)

        self.editor = JsonEditor()
        self.banner = QLabel(SYNC_BANNER)
        self.banner.setWordWrap(True)
        self.banner.setAccessibleName("Sync notice")
        self.banner.hide()
        self.layout_combo = QComboBox()
        for layout, label in LAYOUTS:
            self.layout_combo.addItem(label, layout)
        self.layout_combo.setAccessibleName("Statement layout")
        self.layout_combo.setToolTip(
            "As written: an opened file's statements as its author wrote them. Least "
            "privilege: one statement per set of ARN types the actions need. AWS example: the "
            "layout of AWS's examples. Rewriting an opened file shows the change first."
        )
        self.indent_combo = QComboBox()
        for indent, label in INDENTS:
            self.indent_combo.addItem(label, indent)
        self.indent_combo.setAccessibleName("Indentation")
        self.kind_combo = KindCombo()
        bar = QHBoxLayout()
        for label, combo in (
            ("&Layout:", self.layout_combo),
            ("&Indent:", self.indent_combo),
            ("&Kind:", self.kind_combo),
        ):
            buddy = QLabel(label)
            buddy.setBuddy(combo)  # Alt+L / Alt+I focus the combo
            bar.addWidget(buddy)
            bar.addWidget(combo)
            bar.addSpacing(12)
        bar.addStretch(1)
        json_box = QGroupBox("Policy JSON")
        self.json_layout = json_layout = QVBoxLayout(json_box)
        json_layout.addLayout(bar)
        json_layout.addWidget(self.banner)
        json_layout.addWidget(self.editor, 1)
        self._find_bar: FindBar | None = None  # made when first asked for (start-up time)
        self.right = vertical_splitter()
        self.right.addWidget(json_box)
        self.right.addWidget(Placeholder(PROBLEMS_HINTS))
        self.right.setStretchFactor(0, 3)
        self.right.setStretchFactor(1, 1)
        self.main = QSplitter()  # side by side
        self.main.addWidget(self.left)
        self.main.addWidget(self.right)
        self.main.setStretchFactor(0, 2)
        self.main.setStretchFactor(1, 3)
        self.main.setSizes([520, 800])
        self.setCentralWidget(self.main)
        self.status = StatusBar(self.catalog.provenance.generated, self)
        self.setStatusBar(self.status)
        self.style_banner()

    def style_banner(self) -> None:
        scheme = colours(self.palette())
        tint(self.banner, scheme.banner_fg, scheme.banner_bg)
        self.banner.setMargin(6)
        if self.panels.form is not None:
            self.panels.form.set_colours(scheme)

    def connect_signals(self) -> None:
        doc = self.document
        self.editor.edited.connect(doc.set_text)
        # Keystrokes are held by the editor, and given when the typing pauses or as soon as
        # anything reads the document's state: a key costs the GUI thread no undo step.
        self.editor.hold_edits = doc.typed
        doc.typing = self.editor.send_edits
        self.layout_combo.currentIndexChanged.connect(self.layout_chosen)
        self.indent_combo.currentIndexChanged.connect(self.layout_chosen)
        doc.changed.connect(self.show_state)
        doc.analyzed.connect(self.show_result)
        doc.analysis_failed.connect(self.analysis_failed)
        doc.refused.connect(self.refused)
        doc.modified_changed.connect(self.setWindowModified)
        doc.notice.connect(lambda text: self.status.showMessage(text, 5000))
        self.status.quota_chosen.connect(doc.set_quota)
        self.kind_combo.chosen.connect(doc.set_kind)
        self.files.path_changed.connect(self.update_title)
        self.files.recent_changed.connect(self.update_recent)
        self.files.message.connect(lambda text: self.status.showMessage(text, 10000))

    # -- the document, shown --------------------------------------------------------------

    def show_state(self, state: EditorState) -> None:
        typed = self.editor.text() == state.text  # the editor holds it already: typing
        self.editor.set_text(state.text)
        # Known before the text is read (an opened file is as written): shown at once, not
        # the untitled policy's layout until the first analysis.
        for combo, value in ((self.layout_combo, state.layout), (self.indent_combo, state.indent)):
            with QSignalBlocker(combo):
                if combo.findData(value) < 0:  # tabs, 3 spaces...: the file's own
                    combo.addItem("As written", value)
                combo.setCurrentIndex(combo.findData(value))
        if not state.synced:
            if len(state.text) > BIG_TEXT and not typed:  # opened, or replaced: being read
                self.status.show_busy(f"Reading {len(state.text) / 1e6:.1f} MB of policy…")
            else:
                self._slow.start()  # says so if the analysis takes long
            return  # the ticks, fields and banner follow when the text has been read
        readable = state.readable
        self.panels.show_state(state)
        self.banner.setText(SYNC_BANNER)  # what holds now, not an earlier edit's refusal
        self.banner.setVisible(not readable)

    def show_result(self, result: LintResult) -> None:
        self._slow.stop()
        shown = self.document.shown  # the result's findings, as the views show them
        if shown is None or shown.findings is not result.findings:
            shown = Shown.of(self.document.state.text, result.findings)
        self.editor.show_findings(shown)
        self.panels.show_result(result, shown, self.document.fixes)
        self.status.show_result(result, self.document.quota, shown)
        self.kind_combo.show_result(result)

    # -- the panels that follow the first paint (window_panels.py) -------------------------

    def finish_building(self) -> Panels:
        """Every panel built now, if the turns after the first paint have not built them yet:
        anything that needs the whole window calls this (the panels' properties below do)."""
        self.panels.finish()
        return self.panels

    @property
    def catalog_model(self) -> CatalogModel:
        return cast("CatalogModel", self.finish_building().catalog_model)

    @property
    def catalog_view(self) -> CatalogView:
        return cast("CatalogView", self.finish_building().catalog_view)

    @property
    def form(self) -> ArnForm:
        return cast("ArnForm", self.finish_building().form)

    @property
    def problems(self) -> ProblemsView:
        return cast("ProblemsView", self.finish_building().problems)

    def analysis_failed(self) -> None:
        """The crash dialog says what went wrong; the busy bar must not go on saying that
        a check is coming."""
        self._slow.stop()
        self.status.show_busy("")
        self.status.showMessage(
            "Checking stopped on an unexpected error; your next edit checks again."
        )

    def refused(self, reason: str) -> None:
        self.banner.setText(reason)
        self.banner.show()

    def layout_chosen(self) -> None:
        """A layout or indentation picked (see layout_flow.py)."""
        from editor.ui.layout_flow import layout_chosen

        layout_chosen(self)

    def _busy_if_still_checking(self) -> None:
        if self.document.analysis_pending:
            self.status.show_busy("Checking…")

    def fix_all(self) -> bool:
        """Every safe fix, shown first as a diff; one undo step when applied."""
        applied = self.document.fix_all(self.dialogs.preview, partial(self.dialogs.busy, "Fixing…"))
        if applied:  # back to the text just fixed (the Fix all button is greyed out now)
            self.editor.setFocus()
        return applied

    @property
    def find_bar(self) -> FindBar:
        """Find and replace, under the JSON editor."""
        if self._find_bar is None:
            from editor.ui.find_bar import FindBar

            self._find_bar = FindBar(self.editor, self.document)
            self.json_layout.addWidget(self._find_bar)
        return self._find_bar

    def find_or_filter(self) -> None:
        from PySide6.QtWidgets import QApplication

        focus = QApplication.focusWidget()
        catalog = self.panels.catalog_view  # not built yet: the focus is not in it
        if focus is not None and catalog is not None and catalog.isAncestorOf(focus):
            self.focus_filter()
        else:
            self.find_bar.open(replace=False)

    def focus_filter(self) -> None:
        self.catalog_view.focus_filter()

    def policy_name(self) -> str:
        from editor.core.export.names import policy_name_from

        return policy_name_from(Path(self.files.path).stem if self.files.path else "")

    def policy_folder(self) -> Path:
        """Exports are written next to the policy; an unsaved one, in the working folder."""
        return Path(self.files.path).parent if self.files.path else Path.cwd()

    def update_title(self) -> None:
        self.setWindowTitle(f"{self.files.name}[*] — {APP_TITLE}")
        self.setWindowModified(self.files.modified)
        self.revert_action.setEnabled(self.files.path is not None)

    def about_text(self) -> str:
        from editor.ui.about import about_text  # asked for rarely: not loaded at start-up

        return about_text(self.catalog, APP_TITLE)

    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(self, f"About {APP_TITLE}", self.about_text())

    def open_path(self, path: str) -> bool:
        return self.files.open_path(path)

    # -- window events --------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_file(event.mimeData().urls()) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = dropped_file(event.mimeData().urls())
        if path is not None:
            event.acceptProposedAction()
            self.files.open_path(path)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.files.maybe_save():
            self.save_settings()
            self.panels.stop()  # closed: no more turns (shown again, its paint resumes them)
            event.accept()
        else:
            event.ignore()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._warmed:
            self._warmed = True
            release_collections()  # young collections resume (held: see first_paint.py)
        if not self.panels.complete:
            # On screen: the panels, a turn each, then the first analysis (window_panels.py).
            # The first paint waits for neither.
            self.panels.start()

    def _release_if_never_painted(self) -> None:
        """A window never shown analyses all the same; a shown one, however slow its first
        paint on a busy machine, waits for its panels (window_panels.py)."""
        if not self._warmed and not self.isVisible():
            self.document.release_analysis()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:  # the system switched light/dark
            self.style_banner()
        super().changeEvent(event)

    def save_settings(self) -> None:
        window_geometry.save(self.settings, self, (self.main, self.left, self.right))
