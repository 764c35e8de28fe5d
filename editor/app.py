"""GUI entry point: `chime-policy-editor [--verbose] [FILE]`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="chime-policy-editor",
        description="Write and repair IAM policies for Amazon Chime SDK messaging.",
    )
    parser.add_argument("file", nargs="?", metavar="FILE", help="a policy to open")
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="log what the editor does to stderr"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # Options Qt knows (-style, -platform ...) are left for QApplication.
    args, qt_args = build_parser().parse_known_args(sys.argv[1:] if argv is None else argv)
    # Imported here so that `--help` and the CLI never pay for Qt.
    from PySide6.QtWidgets import QApplication

    from editor.ui.crash import LOG_NAME, CrashReporter, configure_logging, state_folder
    from editor.ui.crash_dialog import CrashDialog
    from editor.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([sys.argv[0], *qt_args])
    app.setOrganizationName("chime-policy-editor")
    app.setApplicationName("Chime policy editor")
    log_file = state_folder() / LOG_NAME
    stop_logging = configure_logging(args.verbose, log_file)
    reporter = CrashReporter(log_file)
    try:
        window = MainWindow()
        reporter.crashed.connect(CrashDialog(log_file, window).show_error)
        reporter.install()
        window.show()
        if args.file:
            try:
                window.open_path(args.file)
            except Exception as error:  # a bug in opening: shown; the window stays open
                reporter.report(type(error), error, error.__traceback__)
        return app.exec()
    finally:
        reporter.uninstall()
        stop_logging()
