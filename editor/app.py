"""GUI entry point: `chime-policy-editor [FILE]`."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    # Imported here so that `--help` and the CLI never pay for Qt.
    from PySide6.QtWidgets import QApplication

    from editor.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([sys.argv[0], *args])
    app.setOrganizationName("chime-policy-editor")
    app.setApplicationName("Chime policy editor")
    window = MainWindow()
    window.show()
    if args:
        window.open_path(args[0])
    return app.exec()
