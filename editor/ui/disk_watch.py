"""Watching the open file on disk: one signal per change another program makes, once it
settles. What to do about the change (ask, reload, refuse) is the file controller's."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

# A program rewriting a file signals several times (truncate, write, close, rename): changes
# that come this close together are one change, checked once they settle.
SETTLE_MS = 250


class DiskWatch(QObject):
    changed = Signal()  # the followed file changed on disk (or appeared again), and settled

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path: str | None = None
        self._watcher: QFileSystemWatcher | None = None  # made when a file is first watched
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self.changed)

    @property
    def watcher(self) -> QFileSystemWatcher:
        if self._watcher is None:
            self._watcher = QFileSystemWatcher(self)
            self._watcher.fileChanged.connect(self._file_changed)
            self._watcher.directoryChanged.connect(self._folder_changed)
        return self._watcher

    def follow(self, path: str | None) -> None:
        """Watch `path` (None: nothing) in place of the file followed until now."""
        if self.path:
            self._unwatch(self.path)
        self.path = path
        self._settle.stop()
        if path:
            self.watch_again(path)

    def watch_again(self, path: str) -> None:
        """The file, and its folder: the watch on a file ends when the file is deleted or
        replaced, and the folder says when a file of that name appears again."""
        if not Path(path).exists():
            return
        folder = str(Path(path).parent)
        if folder not in self.watcher.directories():
            self.watcher.addPath(folder)
        if path not in self.watcher.files():
            self.watcher.addPath(path)

    def _unwatch(self, path: str) -> None:
        watched = self.watcher.files() + self.watcher.directories()
        for item in (path, str(Path(path).parent)):
            if item in watched:
                self.watcher.removePath(item)

    def _file_changed(self, path: str) -> None:
        if path == self.path:
            self._settle.start()  # (re)started: a burst of signals is one check

    def _folder_changed(self, folder: str) -> None:
        """A file of the followed name made again (copied, restored) is watched again and
        checked as a change; other changes in the folder are none of ours."""
        path = self.path
        if path is None or str(Path(path).parent) != folder:
            return
        if path not in self.watcher.files() and Path(path).exists():
            self.watch_again(path)
            self._settle.start()
