"""Files: new, open, save, save as, revert, recent files; changes made on disk are
disk_changes.py's.

Saves are atomic; the first save over a file the user opened keeps its original as FILE.bak.
A file that cannot be a policy (binary, not UTF-8, too big) is refused with a clear message;
a template, Terraform file or doc page offers the policies inside it, and saving one writes it
back into its place in that file (Terraform: changes of its own strings only, see
export/containers.py; anything more goes to Save As).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QFileSystemWatcher, QObject, QSettings, Signal

from editor.core.catalog.catalog import load_personas
from editor.core.export.sniff import looks_like_policy
from editor.core.files import PolicyFileError, read_policy_file
from editor.core.policy import editing
from editor.ui.dialogs import Answer, Dialogs
from editor.ui.disk_changes import DiskChanges, Link
from editor.ui.disk_watch import DiskWatch
from editor.ui.document import Document

if TYPE_CHECKING:  # the readers of templates and pages load when a file needs them
    from PySide6.QtCore import QUrl  # annotation only: naming it builds its enums (start-up)

    from editor.core.export.embedded import Container

log = logging.getLogger(__name__)

MAX_RECENT = 8


class FileController(DiskChanges, QObject):
    path_changed = Signal()  # the title to show changed (path, or untitled label)
    recent_changed = Signal(list)
    message = Signal(str)  # a notice for the window's banner/status bar

    def __init__(
        self,
        document: Document,
        dialogs: Dialogs,
        settings: QSettings,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.dialogs = dialogs
        self.settings = settings
        self.path: str | None = None
        self.container: Link | None = None  # the template or page the policy came from
        self.label = "Untitled"
        self.newline = "\n"
        self.backed_up = False  # the original of an opened file is kept once, at first save
        # The file's text as last read or written here: Save over anything else asks first.
        self.disk_text: str | None = None
        self._disk = DiskWatch(self)
        self._disk.changed.connect(self._check_disk)
        self._asking = False  # the reload prompt is open: no second prompt over it
        self._seen_on_disk: str | None = None  # the disk text the user was last asked about

    # -- what the window shows ------------------------------------------------------------

    @property
    def name(self) -> str:
        return Path(self.path).name if self.path else self.label

    @property
    def modified(self) -> bool:
        return self.document.modified

    def recent(self) -> list[str]:
        value = self.settings.value("recentFiles", [])
        return (
            [str(v) for v in value] if isinstance(value, list) else ([str(value)] if value else [])
        )

    # -- commands -------------------------------------------------------------------------

    def maybe_save(self) -> bool:
        """Ask to save unsaved changes; False means the user cancelled."""
        if not self.modified:
            return True
        answer = self.dialogs.ask_save(self.name)
        if answer is Answer.SAVE:
            return self.save()
        return answer is Answer.DISCARD

    def new(self, persona_id: str | None = None) -> bool:
        if not self.maybe_save():
            return False
        state = editing.new_state()
        label = "Untitled"
        persona = load_personas().get(persona_id) if persona_id else None
        if persona is not None:
            state = editing.with_actions(state, frozenset(persona.actions))
            label = f"{persona.title}{_NEW}"
        self._forget_container()
        self._set_path(None, label)
        self.newline, self.backed_up, self.disk_text = "\n", False, None
        self.document.reset(state)
        self.message.emit("")  # what the status bar said was about the previous document
        return True

    def open_dialog(self) -> bool:
        if not self.maybe_save():
            return False
        start = str(Path(self.path).parent) if self.path else ""
        path = self.dialogs.open_path(start)
        return self.open_path(path, ask=False) if path else False

    def open_path(self, path: str, ask: bool = True) -> bool:
        if ask and not self.maybe_save():
            return False
        try:
            raw = read_policy_file(path)
        except PolicyFileError as error:
            log.info("not opened: %s", error)
            self.dialogs.error("Cannot open the file", str(error))
            return False
        log.debug("opened %s: %d characters", path, len(raw))
        newline = "\r\n" if "\r\n" in raw else "\n"
        text = raw.replace("\r\n", "\n")
        container = None
        if not looks_like_policy(text):
            from editor.core.export.containers import find_container

            container = find_container(text, path)
        if container is not None:
            return self._open_embedded(path, text, newline, container)
        self._forget_container()
        self._set_path(str(Path(path).resolve()))
        self.newline, self.backed_up = newline, False
        self.disk_text = raw
        # Shown at once; reading it, and the ticks and fields, follow from the worker.
        self.document.reset(editing.new_state(text, sync=False))
        self._add_recent(self.path)
        # What the status bar said ("Not saved: ro.json is read-only.") was about the previous
        # document: cleared, not left for its ten seconds over this one.
        self.message.emit(
            "" if text.strip() else f"{self.name} is empty: tick actions to start a policy."
        )
        return True

    def _open_embedded(self, path: str, text: str, newline: str, container: Container) -> bool:
        name = Path(path).name
        documents = container.policies
        if not documents:
            self.dialogs.error(
                "No policy in this file",
                f"{name} holds no IAM policy document.",
            )
            return False
        index = 0
        if len(documents) > 1:
            choice = self.dialogs.choose(
                "Open a policy from a file",
                f"{name} holds {len(documents)} policy documents:",
                [e.label for e in documents],
            )
            if choice is None:
                return False
            index = choice
        embedded = documents[index]
        self._set_path(None, f"{embedded.label} from {name}")
        self.container = Link(str(Path(path).resolve()), text, newline, index, embedded)
        self._disk.follow(self.container.path)  # deleted or changed there: said, as for a file
        self.newline, self.backed_up = "\n", False
        self.document.set_place(embedded.kind, embedded.kind_reason, True, embedded.parameters)
        self.document.reset(editing.new_state(embedded.text))
        where = (
            "Save writes it back into its place in the file"
            if embedded.span is not None
            else "Save writes changes of its strings into the file (anything more: Save As)"
        )
        self.message.emit(f"Opened {embedded.label} from {name}; {where}.")
        return True

    def _forget_container(self) -> None:
        if self.container is not None:
            self.container = None
            self.document.set_place(None, "", False)

    def _save_into_container(self, link: Link) -> bool:
        """The edited policy written back into its file, the rest of the file unchanged."""
        from editor.core.export.containers import NotInPlace, find_container, write_back

        try:
            text = write_back(link.text, link.embedded, self.document.state.text)
        except NotInPlace as refusal:  # Terraform's HCL is not rewritten: a policy file instead
            name = Path(link.path).name
            self.dialogs.error(
                f"Cannot save into {name}", f"{refusal}. Save As writes the policy as a file."
            )
            return self.save_as()
        if not self._may_overwrite(link.path, link.text.replace("\n", link.newline)):
            return False
        if text == link.text and Path(link.path).exists():
            return self._unchanged(link.path)
        try:
            written, _ = self._write_asking(
                link.path, text.replace("\n", link.newline), backup=not self.backed_up
            )
        except PolicyFileError as error:
            self.dialogs.error("Cannot save", str(error))
            return False
        except OSError as error:
            self.dialogs.error("Cannot save", f"{link.path}: {error.strerror or error}")
            return False
        if not written:
            return False
        self.backed_up = True
        again = find_container(text, link.path)
        if again is not None and link.index < len(again.policies):
            link.embedded = again.policies[link.index]
        link.text = text
        self.document.mark_saved()
        self._disk.watch_again(link.path)  # the atomic write replaced the file watched
        self.message.emit(f"Saved {link.embedded.label} into {Path(link.path).name}.")
        return True

    def save(self) -> bool:
        link = self.container
        if self.path is None and link is not None:
            return self._save_into_container(link)
        if self.path is None:
            return self.save_as()
        if not self._may_overwrite(self.path, self.disk_text):
            return False
        text = self.document.state.text.replace("\n", self.newline)
        if self._read_disk(self.path) == text:
            return self._unchanged(self.path)
        return self._write(self.path, backup=not self.backed_up)

    def _unchanged(self, path: str) -> bool:
        """Saving what the file already holds rewrites nothing and makes no backup."""
        self.document.mark_saved()
        self.message.emit(f"{Path(path).name} already holds this text: nothing to write.")
        return True

    def save_as(self) -> bool:
        # A policy taken from a template is suggested beside the template, where its
        # project is; a new one in the working folder.
        folder = Path(self.container.path).parent if self.container else Path.cwd()
        suggested = self.path or str(folder / f"{_file_stem(self.name)}.json")
        path = self.dialogs.save_path(suggested)
        if not path:
            return False
        same = self.path is not None and Path(path).resolve() == Path(self.path)
        if self._write(path, backup=same and not self.backed_up):
            self.container = None  # from now on the policy is its own file
            self._set_path(str(Path(path).resolve()))
            self._add_recent(self.path)
            return True
        return False

    def _write_asking(self, path: str, text: str, backup: bool) -> tuple[bool, str | None]:
        """write_atomically, asking first over a read-only file: (written, the backup)."""
        from editor.core.files import ReadOnlyError, write_atomically

        try:
            return True, write_atomically(path, text, backup=backup)
        except ReadOnlyError:
            name = Path(path).name
            if not self.dialogs.ask_read_only(name):
                self.message.emit(f"Not saved: {name} is read-only.")
                return False, None
            return True, write_atomically(path, text, backup=backup, over_read_only=True)

    def _write(self, path: str, backup: bool) -> bool:
        text = self.document.state.text.replace("\n", self.newline)
        try:
            written, kept = self._write_asking(path, text, backup)
        except PolicyFileError as error:
            log.info("not saved: %s", error)
            self.dialogs.error("Cannot save", str(error))
            return False
        if not written:
            return False
        log.debug("saved %s: %d characters, backup %s", path, len(text), kept)
        said = []
        if kept is not None:  # FILE.bak, or FILE.bak.N when that name was taken
            said.append(f"Saved; the original is kept as {os.path.basename(kept)}.")
        broken = _why_not_json(self.document.state.text)
        if broken:  # saved all the same: it is the user's text, and refusing loses work
            # Short: the status bar shows about 80 characters beside its counters.
            said.append(f"{'Saved, but n' if not said else 'N'}ot valid JSON yet: {broken}.")
        # Always a word: a "Not saved: ... read-only" from the try before, or from the file
        # Save As came from, must not stay up over a save that worked.
        self.message.emit(" ".join(said) or f"Saved {Path(path).name}.")
        self.backed_up = self.backed_up or backup
        self.disk_text = text
        self.document.mark_saved()
        self._disk.watch_again(path)
        return True

    def revert(self) -> bool:
        """Back to the file on disk, as one undoable step."""
        if self.path is None:
            return False
        try:
            text = read_policy_file(self.path).replace("\r\n", "\n")
        except PolicyFileError as error:
            self.dialogs.error("Cannot revert", str(error))
            return False
        self.document.replace_from_disk(text, "Revert to saved")
        return True

    # -- bookkeeping ----------------------------------------------------------------------

    @property
    def watcher(self) -> QFileSystemWatcher:
        return self._disk.watcher

    def _set_path(self, path: str | None, label: str = "Untitled") -> None:
        self.path, self.label = path, label
        self._seen_on_disk = None
        self._disk.follow(path)
        self.path_changed.emit()

    def _add_recent(self, path: str | None) -> None:
        if not path:
            return
        recent = [p for p in self.recent() if p != path]
        recent.insert(0, path)
        self.settings.setValue("recentFiles", recent[:MAX_RECENT])
        self.recent_changed.emit(recent[:MAX_RECENT])


def dropped_file(urls: list[QUrl]) -> str | None:
    """The first local file dragged onto the window; web links and folders are not taken."""
    for url in urls:
        if url.isLocalFile() and Path(url.toLocalFile()).is_file():
            return url.toLocalFile()
    return None


_NEW = " (new)"  # the title of a policy made from a persona, not part of its file's name


def _file_stem(name: str) -> str:
    """A file name from a title: its words joined by single hyphens ("Minimal user (new)"
    -> "Minimal-user", not "Minimal-user--new")."""
    words = "".join(c if c.isalnum() or c == "_" else " " for c in name.removesuffix(_NEW))
    return "-".join(words.split()) or "policy"


def _why_not_json(text: str) -> str:
    """Where and why a saved policy is not strict JSON, which IAM requires, or "" when it
    is. The standard library's parser gives the first place and reason."""
    import json

    try:
        json.loads(text)
    except json.JSONDecodeError as error:
        return f"line {error.lineno}, column {error.colno}: {error.msg}"
    return ""
