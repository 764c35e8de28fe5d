"""GUI entry point: `chime-policy-editor [--verbose] [FILE]`; `--help` and `--version`
answer without Qt or a display."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication, QWidget

    from editor.ui.crash_dialog import CrashDialog
    from editor.ui.main_window import MainWindow


class _ShowVersion(argparse.Action):
    """`--version`: the installed version, looked up only when asked (start-up pays nothing)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **_: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help="print the version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        from importlib.metadata import PackageNotFoundError, version

        try:
            ours = version("chime-policy-editor")
        except PackageNotFoundError:  # a source tree that was never installed
            ours = "(not installed)"
        print(f"chime-policy-editor {ours}")
        parser.exit()


# Without a display Qt aborts the process (a core dump), naming a library as the cause.
NO_DISPLAY = (
    "chime-policy-editor: no display to open the window on (DISPLAY and WAYLAND_DISPLAY are "
    "unset). Run it in a desktop session, over ssh -X, or under xvfb-run; the command-line "
    "tool, chime-policy, needs no display."
)


def _display_available(qt_args: Sequence[str]) -> bool:
    """On Linux, a display server to show the window on, unless Qt is told another platform
    (QT_QPA_PLATFORM=offscreen, -platform ...)."""
    if not sys.platform.startswith("linux") or "-platform" in qt_args:
        return True
    if os.environ.get("QT_QPA_PLATFORM", "").split(":")[0] not in ("", "xcb", "wayland"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="chime-policy-editor",
        description="Write and repair IAM policies for Amazon Chime SDK messaging.",
    )
    parser.add_argument("file", nargs="?", metavar="FILE", help="a policy to open")
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="log what the editor does to stderr"
    )
    parser.add_argument("--version", action=_ShowVersion)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # Options Qt knows (-style, -platform ...) are left for QApplication.
    parser = build_parser()
    args, qt_args = parser.parse_known_args(sys.argv[1:] if argv is None else argv)
    # Qt's own options have one dash (-style, -platform); `--anything` unknown is a mistake,
    # said with the usage before Qt (and a display) is needed at all.
    unknown = [a for a in qt_args if a.startswith("--")]
    if unknown:
        parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    if not _display_available(qt_args):
        print(NO_DISPLAY, file=sys.stderr)
        return 2
    app, _window, stop = launch(args, qt_args)
    try:
        return app.exec()
    finally:
        stop()


def launch(
    args: argparse.Namespace, qt_args: Sequence[str]
) -> tuple[QApplication, MainWindow, Callable[[], None]]:
    """The application and its window, shown, with the FILE opened: what `main` runs the
    event loop on (and benchmarks/startup.py times). The callable puts back the error hooks
    and the logging it set up."""
    # Imported here so that `--help` and the CLI never pay for Qt.
    from editor.ui.first_paint import hold_collections

    hold_collections()  # Qt's import included, until the window's first paint (see there)
    from PySide6.QtWidgets import QApplication

    from editor.ui.crash import LOG_NAME, CrashReporter, configure_logging, state_folder
    from editor.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([sys.argv[0], *qt_args])
    assert isinstance(app, QApplication)
    app.setOrganizationName("chime-policy-editor")
    app.setApplicationName("Chime policy editor")
    log_file = state_folder() / LOG_NAME
    stop_logging = configure_logging(args.verbose, log_file)
    reporter = CrashReporter(log_file)

    def stop() -> None:
        reporter.uninstall()
        stop_logging()

    try:
        window = MainWindow()
        reporter.crashed.connect(_crash_dialog_shower(log_file, window))
        reporter.install()
        window.show()
        if args.file:
            try:
                window.open_path(args.file)
            except Exception as error:  # a bug in opening: shown; the window stays open
                reporter.report(type(error), error, error.__traceback__)
    except BaseException:
        stop()
        raise
    return app, window, stop


def _crash_dialog_shower(log_file: Path, window: QWidget) -> Callable[[str, str], None]:
    """Shows an error in the crash dialog, made at the first error: built at start-up, it
    and QStyle's enums (5 ms in PySide) were paid before the first paint by every launch."""
    made: list[CrashDialog] = []

    def show(summary: str, traceback: str) -> None:
        from editor.ui.crash_dialog import CrashDialog

        if not made:
            made.append(CrashDialog(log_file, window))
        made[0].show_error(summary, traceback)

    return show
