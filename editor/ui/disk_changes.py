"""The file on disk changed under the editor: reload it (asking first), refuse a text that is
no longer a policy without losing the user's, and ask before Save overwrites another
program's text. Part of FileController, kept apart because it is its own concern: what a
change on disk means, not the commands that open and save."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from editor.core.files import PolicyFileError, read_policy_file
from editor.ui.dialogs import DiskAnswer

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance

    from editor.core.export.embedded import Embedded
    from editor.ui.dialogs import Dialogs
    from editor.ui.disk_watch import DiskWatch
    from editor.ui.document import Document

log = logging.getLogger(__name__)


class Link:
    """The file a policy was opened from, and which of its policies it is."""

    def __init__(self, path: str, text: str, newline: str, index: int, embedded: Embedded):
        self.path, self.text, self.newline = path, text, newline
        self.index, self.embedded = index, embedded


class DiskChanges:
    """FileController's half that answers changes on disk (mixed into it)."""

    # FileController's state this half reads and keeps up to date
    document: Document
    dialogs: Dialogs
    message: SignalInstance
    path: str | None
    container: Link | None
    disk_text: str | None
    _disk: DiskWatch
    _asking: bool
    _seen_on_disk: str | None

    @property
    def name(self) -> str:
        raise NotImplementedError

    @property
    def modified(self) -> bool:
        raise NotImplementedError

    def _may_overwrite(self, path: str, known: str | None) -> bool:
        """Another program's text in the file (`known`: what we last read or wrote there)
        is replaced only when the user says so; a file deleted meanwhile holds nothing of
        anyone's and is written again."""
        if not Path(path).exists():
            return True
        on_disk = self._read_disk(path)
        if on_disk == known:
            return True
        self._asking = True  # no reload prompt over this one
        try:
            answer = self.dialogs.ask_overwrite(Path(path).name)
        finally:
            self._asking = False
        log.debug("%s differs on disk at save; answer: %s", path, answer.value)
        if answer is DiskAnswer.RELOAD:
            if isinstance(on_disk, PolicyFileError):
                self._refuse_reload(path, on_disk)
            elif self.container is not None:
                self._reload_embedded(self.container, on_disk)
            else:
                self._reload(on_disk)
            return False
        return answer is DiskAnswer.OVERWRITE

    def _read_disk(self, path: str) -> str | PolicyFileError:
        """The file's text through the reader opening uses, with its refusals (a binary,
        non-UTF-8, oversized or special file), or why it cannot be read."""
        try:
            return read_policy_file(path)
        except PolicyFileError as error:
            return error
        finally:
            self._disk.watch_again(path)  # programs that replace files drop the watch

    def _check_disk(self) -> None:
        """One prompt per change on disk: never while one is open, never twice for one text.
        A file that no longer reads as a policy is not offered: the text and its undo
        history stay as they are, and the message says why."""
        link = self.container if self.path is None else None
        path = self.path if link is None else link.path  # a template's policy: the template
        if path is None or self._asking:
            return  # a change during the prompt is read when the prompt closes
        text = self._read_disk(path)
        if isinstance(text, PolicyFileError):
            self._refuse_reload(path, text)
            return
        known = self.disk_text if link is None else link.text.replace("\n", link.newline)
        if text in (known, self._seen_on_disk):
            return  # our own save, or a text the user already answered for
        self._asking = True
        try:
            reload = self.dialogs.ask_reload(Path(path).name, self.modified)
        finally:
            self._asking = False
        latest = self._read_disk(path)  # the file may have changed again while asking
        if isinstance(latest, PolicyFileError):
            if reload:
                self._refuse_reload(path, latest)
            return
        self._seen_on_disk = latest
        log.debug("%s changed on disk; reload: %s", path, reload)
        if reload and link is not None:
            self._reload_embedded(link, latest)
        elif reload:
            self._reload(latest)

    def _reload(self, text: str) -> None:
        self.document.replace_from_disk(text.replace("\r\n", "\n"), "Reload from disk")
        self.disk_text = self._seen_on_disk = text

    def _reload_embedded(self, link: Link, raw: str) -> None:
        """The policy read again from its template or page as it is on disk now."""
        from editor.core.export.containers import find_container

        text = raw.replace("\r\n", "\n")
        again = find_container(text, link.path)
        if again is None or link.index >= len(again.policies):
            name = Path(link.path).name
            self.dialogs.error(
                f"Cannot reload {name}", f"{name} no longer holds {link.embedded.label}."
            )
            return
        link.text, link.embedded = text, again.policies[link.index]
        self.document.replace_from_disk(link.embedded.text, "Reload from disk")

    def _refuse_reload(self, path: str, error: PolicyFileError) -> None:
        """Say why the file on disk is not offered (once per change), and that nothing of
        the user's was lost."""
        log.info("not reloaded: %s", error)
        if not Path(path).exists():
            self.document.mark_unsaved()  # the window holds the only copy now
            self.message.emit(
                f"{Path(path).name} was moved or deleted on disk. Your text is kept: Save "
                "writes it back."
            )
            return
        self.message.emit(f"{Path(path).name} changed on disk and cannot be reloaded.")
        self._asking = True  # no second dialog over this one
        try:
            self.dialogs.error(
                f"Cannot reload {Path(path).name}",
                f"{error}.\n\nYour text and its undo history are kept; Save writes them back "
                "to the file.",
            )
        finally:
            self._asking = False
