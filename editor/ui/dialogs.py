"""Every question the editor asks the user, in one place: tests replace this one object."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import TypeVar

from PySide6.QtWidgets import QWidget

# The dialog classes are imported by the methods that show them: none is needed before the
# window first appears.

POLICY_FILTER = (
    "IAM policies (*.json);;CloudFormation templates (*.yaml *.yml *.json);;All files (*)"
)


T = TypeVar("T")
BUSY_SHOWN_AFTER_MS = 300  # a quick job never flashes a dialog


class Answer(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


class DiskAnswer(Enum):
    """What to do when Save finds another program's text in the file."""

    OVERWRITE = "overwrite"
    RELOAD = "reload"
    CANCEL = "cancel"


class Dialogs:
    def __init__(self, parent: QWidget) -> None:
        self.parent = parent

    def open_path(self, directory: str = "") -> str | None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(self.parent, "Open policy", directory, POLICY_FILTER)
        return path or None

    def save_path(self, suggested: str, filter_: str = POLICY_FILTER) -> str | None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getSaveFileName(self.parent, "Save as", suggested, filter_)
        return path or None

    def ask_save(self, name: str) -> Answer:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Unsaved changes",
            f"Save the changes to {name}?",
            parent=self.parent,
        )
        box.setInformativeText("If you don't save, your changes will be lost.")
        buttons = QMessageBox.StandardButton
        box.setStandardButtons(buttons.Save | buttons.Discard | buttons.Cancel)
        box.setDefaultButton(buttons.Save)
        answer = box.exec()
        if answer == buttons.Save:
            return Answer.SAVE
        return Answer.DISCARD if answer == buttons.Discard else Answer.CANCEL

    def ask_reload(self, name: str, modified: bool) -> bool:
        from PySide6.QtWidgets import QMessageBox

        detail = (
            " Your unsaved changes will be replaced (Undo brings them back)." if modified else ""
        )
        answer = QMessageBox.question(
            self.parent,
            "File changed on disk",
            f"{name} was changed by another program. Reload it?{detail}",
        )
        return answer == QMessageBox.StandardButton.Yes

    def ask_read_only(self, name: str) -> bool:
        from PySide6.QtWidgets import QMessageBox

        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self.parent,
            "Read-only file",
            f"{name} is read-only. Save over it anyway? It stays read-only.",
            buttons.Save | buttons.Cancel,
            buttons.Cancel,
        )
        return answer == buttons.Save

    def ask_overwrite(self, name: str) -> DiskAnswer:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "File changed on disk",
            f"{name} was changed by another program since it was opened or saved.",
            parent=self.parent,
        )
        box.setInformativeText(
            "Overwrite replaces that program's text with yours; Reload replaces yours with "
            "the file's (Undo brings yours back)."
        )
        overwrite = box.addButton("Overwrite", QMessageBox.ButtonRole.DestructiveRole)
        reload = box.addButton("Reload", QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.exec()
        clicked = box.clickedButton()
        if clicked is overwrite:
            return DiskAnswer.OVERWRITE
        return DiskAnswer.RELOAD if clicked is reload else DiskAnswer.CANCEL

    def error(self, title: str, text: str, detail: str = "") -> None:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=self.parent)
        if detail:
            box.setDetailedText(detail)
        box.exec()

    def choose(self, title: str, label: str, items: list[str]) -> int | None:
        from PySide6.QtWidgets import QInputDialog

        item, ok = QInputDialog.getItem(self.parent, title, label, items, 0, False)
        return items.index(item) if ok and item in items else None

    def preview(self, title: str, before: str, after: str) -> bool:
        """Show a change before it is made; True when the user applies it."""
        from PySide6.QtWidgets import QDialog

        from editor.ui.diff_dialog import DiffDialog

        dialog = DiffDialog(title, before, after, self.parent)
        applied = dialog.exec() == QDialog.DialogCode.Accepted
        # The window takes the keys again: left to the window manager, and with none (a bare
        # X server) no window was active after the dialog closed, so Ctrl+S did nothing
        # until the window was clicked.
        self.parent.activateWindow()
        return applied

    def busy(self, label: str, work: Callable[[], T]) -> T | None:
        """Run `work` off the GUI thread while the window keeps painting; past a moment, a
        busy dialog with Cancel. None when cancelled (the thread's result is dropped)."""
        from concurrent.futures import ThreadPoolExecutor

        from PySide6.QtCore import QEventLoop, Qt, QTimer
        from PySide6.QtWidgets import QProgressDialog

        pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="busy")
        future = pool.submit(work)
        pool.shutdown(wait=False)
        progress = QProgressDialog(label, "Cancel", 0, 0, self.parent)
        progress.setWindowTitle(label.rstrip("…"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(BUSY_SHOWN_AFTER_MS)
        progress.reset()  # a QProgressDialog may show itself at once; ours waits below
        show_later = QTimer(singleShot=True, interval=BUSY_SHOWN_AFTER_MS)
        show_later.timeout.connect(progress.show)
        show_later.start()
        loop = QEventLoop()
        poll = QTimer(interval=20)

        def stop_waiting() -> None:
            if future.done() or progress.wasCanceled():
                loop.quit()

        poll.timeout.connect(stop_waiting)
        poll.start()
        if not future.done():
            loop.exec()
        poll.stop()
        show_later.stop()
        cancelled = progress.wasCanceled() and not future.done()
        progress.close()
        return None if cancelled else future.result()
