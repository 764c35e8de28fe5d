"""What happens to an exception nothing caught: it is logged to a file in the user's state
folder and shown in a dialog that offers to copy it, and the window keeps running.

PySide6 hands an exception raised in a slot to `sys.excepthook` and goes on with the event
loop, so a bug behind one button neither kills the editor nor vanishes. Exceptions in other
threads arrive through `threading.excepthook` and are shown on the GUI thread.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, QStandardPaths, Signal

log = logging.getLogger(__name__)

LOG_NAME = "chime-policy-editor.log"
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
LOG_BYTES = 1_000_000  # then one older file is kept beside it

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def state_folder() -> Path:
    """The user's state folder for this application ($XDG_STATE_HOME/... on Linux)."""
    # StateLocation is Qt 6.7's; before it, the application's local data folder.
    where = getattr(
        QStandardPaths.StandardLocation,
        "StateLocation",
        QStandardPaths.StandardLocation.AppLocalDataLocation,
    )
    return Path(QStandardPaths.writableLocation(where))


class _FolderMakingHandler(RotatingFileHandler):
    """Creates the log's folder and file only when the first record comes: a session with
    nothing to report writes nothing and starts no slower."""

    def emit(self, record: logging.LogRecord) -> None:
        if self.stream is None:
            try:
                Path(self.baseFilename).parent.mkdir(parents=True, exist_ok=True)
            except OSError:
                self.handleError(record)  # says so on stderr; never raises into the app
                return
        super().emit(record)


def configure_logging(verbose: bool, log_file: Path) -> Callable[[], None]:
    """Warnings and errors of the `editor` loggers go to `log_file` and to stderr; with
    `verbose`, everything from DEBUG on goes to stderr. Returns what undoes it."""
    logger = logging.getLogger("editor")
    level = logger.level
    logger.setLevel(logging.DEBUG if verbose else logging.INFO)
    to_file = _FolderMakingHandler(log_file, maxBytes=LOG_BYTES, backupCount=1, delay=True)
    to_file.setLevel(logging.WARNING)
    to_stderr = logging.StreamHandler(sys.stderr)
    to_stderr.setLevel(logging.DEBUG if verbose else logging.WARNING)
    handlers: list[logging.Handler] = [to_file, to_stderr]
    for handler in handlers:
        handler.setFormatter(logging.Formatter(LOG_FORMAT))
        logger.addHandler(handler)
    log.debug("warnings and errors are logged to %s", log_file)

    def undo() -> None:
        for handler in handlers:
            logger.removeHandler(handler)
            handler.close()
        logger.setLevel(level)

    return undo


def describe(error: BaseException) -> str:
    """One line for a person: the kind of error and its message."""
    message = str(error).strip().splitlines()
    name = type(error).__name__
    return f"{name}: {message[0]}" if message else name


class CrashReporter(QObject):
    """Installs itself as `sys.excepthook` and `threading.excepthook`. Every uncaught
    exception is logged (traceback included) and `crashed` is emitted on the GUI thread, after
    the slot that raised has returned: no dialog opens inside a half-finished slot."""

    crashed = Signal(str, str)  # one line for a person, the whole traceback
    _caught = Signal(str, str)  # from whichever thread raised

    def __init__(self, log_file: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.log_file = log_file
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        self._installed = False
        self._connecting = threading.Lock()
        self._connected = False  # _caught to crashed, at the first error (see _connect)

    def install(self) -> None:
        self._previous_hook, sys.excepthook = sys.excepthook, self._excepthook
        self._previous_thread_hook, threading.excepthook = (
            threading.excepthook,
            self._thread_excepthook,
        )
        self._installed = True

    def uninstall(self) -> None:
        """Puts back the hooks that were there before (tests and the app's exit)."""
        if self._installed:
            sys.excepthook = self._previous_hook
            threading.excepthook = self._previous_thread_hook
            self._installed = False

    def report(
        self, kind: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        text = "".join(traceback.format_exception(kind, error, tb))
        log.critical("unexpected error\n%s", text.rstrip())
        self._connect()
        self._caught.emit(describe(error), text)

    def _connect(self) -> None:
        """Queued, even from the GUI thread: `crashed` after the slot that raised returns.
        Made at the first error, not at start-up: naming Qt's enums before the window's first
        paint costs start-up time (see main_window.py)."""
        with self._connecting:
            if not self._connected:
                from PySide6.QtCore import Qt

                self._caught.connect(self.crashed, Qt.ConnectionType.QueuedConnection)
                self._connected = True

    def _excepthook(
        self, kind: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):  # Ctrl+C in the terminal: as Python does
            self._previous_hook(kind, error, tb)
            return
        self.report(kind, error, tb)

    def _thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return  # SystemExit ends a thread quietly, as Python's own hook does
        self.report(args.exc_type, args.exc_value, args.exc_traceback)
