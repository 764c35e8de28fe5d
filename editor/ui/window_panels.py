"""The panels the first paint of the text does not need: the catalog tree, the ARN form and
the Problems list, built after that paint, one a turn of the event loop.

Until then a light placeholder holds each panel's place. It asks its splitter for the room
the panel will ask for (the panels' size hints, measured in Qt's default font and style;
tests/ui/test_window_panels.py keeps them honest), so that the splitters share the window out
as they would with the panels in place. When a panel arrives, its splitter keeps the sizes it
had: the text does not move, in any font. The panels' modules are imported in their turn too
(the catalog tree's item model is what first names Qt's enum namespace, ~18 ms).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, QSize, QTimer, Signal
from PySide6.QtWidgets import QGroupBox, QScrollArea, QSplitter, QVBoxLayout, QWidget

from editor.core.policy.kinds import with_article
from editor.ui.finding_marks import Shown
from editor.ui.first_paint import warm_up

if TYPE_CHECKING:
    from PySide6.QtGui import QPalette

    from editor.core.lint.engine import LintResult
    from editor.core.policy.editing import EditorState
    from editor.ui.arn_form import ArnForm
    from editor.ui.catalog_model import CatalogModel
    from editor.ui.catalog_view import CatalogView
    from editor.ui.problems_view import ProblemsView

# (size hint, minimum size hint) of each panel as built: the group-boxed catalog and form,
# and the Problems list.
CATALOG_HINTS = (QSize(280, 295), QSize(145, 159))
FORM_HINTS = (QSize(362, 417), QSize(98, 157))
PROBLEMS_HINTS = (QSize(265, 220), QSize(237, 98))


class Placeholder(QWidget):
    """An empty widget asking for a panel's room."""

    def __init__(self, hints: tuple[QSize, QSize]) -> None:
        super().__init__()
        self._hint, self._minimum = hints

    def sizeHint(self) -> QSize:
        return self._hint

    def minimumSizeHint(self) -> QSize:
        return self._minimum


def vertical_splitter() -> QSplitter:
    """A splitter stacking its panes, its orientation set as a property: naming
    Qt.Orientation.Vertical would have PySide build the whole Qt namespace before the first
    paint."""
    splitter = QSplitter()
    splitter.setProperty("orientation", 2)  # Qt.Orientation.Vertical
    return splitter


def put_in_place(splitter: QSplitter, index: int, panel: QWidget, stretch: int) -> None:
    """`panel` where the placeholder at `index` was; the splitter's sizes stay as they were.
    PySide does not see the splitter take the panel: a panel made without a parent must be
    kept referenced from Python, or it is deleted with its wrapper."""
    sizes = splitter.sizes() if splitter.isVisible() else None
    old = splitter.replaceWidget(index, panel)
    splitter.setStretchFactor(index, stretch)
    if sizes is not None:
        splitter.refresh()  # laid out now, as the next turn would
        # Only if the panel asks for other room than its placeholder did (another font): sizes
        # set change how the splitter later shares a resize (the Access dock opening).
        if splitter.sizes() != sizes:
            splitter.setSizes(sizes)
    if old is not None:
        old.deleteLater()


class Window(Protocol):
    """What the panels use of the main window (named, not imported: no import circle)."""

    catalog: Any
    personas: Any
    document: Any
    editor: Any
    left: QSplitter
    right: QSplitter

    def fix_all(self) -> bool: ...
    def palette(self) -> QPalette: ...


class Panels(QObject):
    """Builds the panels in turns (`start`) or at once (`finish`), wires each to the document
    and shows the document in it as it arrives; then shows what follows as the window does."""

    arrived = Signal(object)  # the panel's model (the catalog's) or widget, just put in place
    done = Signal()

    def __init__(self, window: Window, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window = window
        self.catalog_model: CatalogModel | None = None
        self.catalog_view: CatalogView | None = None
        self.form: ArnForm | None = None
        self.problems: ProblemsView | None = None
        self._steps: list[Callable[[], None]] = [
            self._qt_enums,
            self._catalog_modules,
            self._catalog,
            self._form_modules,
            self._form,
            self._problems,
        ]
        self.complete = False
        # Its own timer, not QTimer.singleShot: a window closed before every panel is in
        # deletes it, and no turn comes back to build into the deleted window.
        self._turn = QTimer(self)
        self._turn.setSingleShot(True)
        self._turn.setInterval(0)
        self._turn.timeout.connect(self._next)
        self.wrong_kind = False  # the policy's kind takes no ticks (see show_kind_fit)

    # -- building -------------------------------------------------------------------------

    def start(self) -> None:
        """A panel in each of the next turns of the event loop, until all are in."""
        if self._steps and not self._turn.isActive():
            self._turn.start()

    def stop(self) -> None:
        """No further turns until `start` (the window was closed)."""
        self._turn.stop()

    def _next(self) -> None:
        if self._steps:
            self._steps.pop(0)()
            self._finish_if_built()
            if self._steps:
                self._turn.start()

    def finish(self) -> None:
        """Every panel not built yet, now."""
        while self._steps:
            self._steps.pop(0)()
        self._finish_if_built()

    def _finish_if_built(self) -> None:
        if not self._steps and not self.complete:
            self.complete = True
            self.done.emit()
            self._analyze()

    def _analyze(self) -> None:
        """The first analysis on the worker once the panels are in, then the import of the
        generator and its validation (pydantic: nothing can be ticked before the panels are
        in). Run while the panels were built, the worker took the GIL from their turns so
        often that on a busy machine they stood the window still for 200-350 ms."""
        document = self.window.document
        for signal in (document.analyzed, document.analysis_failed):
            signal.connect(self._warm_up)
        document.release_analysis()

    def _warm_up(self, *_: object) -> None:
        document = self.window.document
        for signal in (document.analyzed, document.analysis_failed):
            signal.disconnect(self._warm_up)
        document.analyzer.warm_up(warm_up)

    def _qt_enums(self) -> None:
        """Qt's enum namespace (~18 ms, built whole by PySide when first named), in a turn of
        its own: the catalog's item model names it as it loads."""
        from PySide6.QtCore import Qt  # noqa: F401

    def _catalog_modules(self) -> None:
        """A panel's modules load in a turn of their own, and it is built in the next: each
        turn stays short (on a busy machine, a turn takes several times as long)."""
        import editor.ui.catalog_view  # noqa: F401  (and the catalog's item model)

    def _form_modules(self) -> None:
        import editor.ui.arn_form  # noqa: F401  (see _catalog_modules)

    def _catalog(self) -> None:
        from editor.ui.catalog_model import CatalogModel
        from editor.ui.catalog_view import CatalogView

        window = self.window
        self.catalog_model = model = CatalogModel(window.catalog, window.personas, self)
        self.catalog_view = CatalogView(model)
        model.toggled.connect(window.document.tick)
        self.catalog_box = box = QGroupBox("Actions by persona")  # kept: see put_in_place
        QVBoxLayout(box).addWidget(self.catalog_view)
        self._arrive(model, lambda: put_in_place(window.left, 0, box, 3))

    def _form(self) -> None:
        from editor.ui.arn_form import ArnForm
        from editor.ui.theme import colours

        window = self.window
        self.form = form = ArnForm(window.catalog)
        form.set_colours(colours(window.palette()))
        form.edited.connect(window.document.set_field)
        self.form_box = box = QGroupBox("ARN values")  # kept: see put_in_place
        layout = QVBoxLayout(box)
        scroll = QScrollArea()
        scroll.setWidget(form)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        layout.addWidget(scroll)
        layout.addWidget(form.message_line)  # its fixed lines: see field_messages
        self._arrive(form, lambda: put_in_place(window.left, 1, box, 2))

    def _problems(self) -> None:
        from editor.ui.problems_view import ProblemsView

        window = self.window
        # A child of the window from the start: see its margins.
        self.problems = problems = ProblemsView(window)  # type: ignore[arg-type]
        problems.jump.connect(lambda f: window.editor.jump_to(f.line, f.column))
        problems.fix_requested.connect(lambda f: window.document.apply_fix(f.fix))
        problems.fix_all_requested.connect(window.fix_all)
        self._arrive(problems, lambda: put_in_place(window.right, 1, problems, 1))

    def _arrive(self, panel: QObject, put: Callable[[], None]) -> None:
        """The document as it is now, shown in the panel before it is put in place."""
        document = self.window.document
        state = document.state
        if state.synced:
            self.show_state(state)
        if document.result is not None:
            self.show_result(document.result, document.shown, document.fixes)
        put()
        self.arrived.emit(panel)

    # -- the document, shown --------------------------------------------------------------

    def show_state(self, state: EditorState) -> None:
        """The ticks and the fields of a state whose text has been read."""
        if self.catalog_model is not None:
            self.catalog_model.set_selected(state.actions, dict(state.denials))
            self.catalog_model.set_editable(state.readable and not self.wrong_kind)
        if self.form is not None:
            self.form.show_state(state)
            self.form.setEnabled(state.readable)

    def show_result(self, result: LintResult, shown: Shown | None, fixes: int | None) -> None:
        """`shown`: the result's findings as the views show them (None: worked out here)."""
        if self.problems is not None:
            if shown is None or shown.findings is not result.findings:
                shown = Shown.of(self.window.document.state.text, result.findings)
            self.problems.set_findings(shown, fixes)
        self.show_kind_fit(result)

    def show_kind_fit(self, result: LintResult) -> None:
        """Ticks add identity statements: off, and why, in a policy of a kind whose every
        statement needs a Principal (a role trust or resource-based policy, an RCP)."""
        kind = result.kind.kind if result.kind is not None else None
        self.wrong_kind = kind is not None and not kind.takes_identity_statements
        readable = self.window.document.state.readable
        if self.catalog_view is not None and self.catalog_model is not None:
            self.catalog_view.show_notice(
                f"Ticking is off: this is {with_article(kind.label)}, and ticks add identity "
                "permissions (statements with no Principal) that do not belong in it. Choose "
                "Kind: Identity to tick anyway."
                if kind is not None and self.wrong_kind
                else ""
            )
            self.catalog_model.set_editable(readable and not self.wrong_kind)
        if self.form is not None:
            self.form.set_ticking(not self.wrong_kind)
