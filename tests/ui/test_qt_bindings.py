"""The Qt bindings must not corrupt Python's reference counts.

PySide6 6.12.0 drops a reference to None on each call of a void method; after some thousands
of paints the interpreter aborts ("deallocating None"). pyproject.toml excludes it; this test
catches a release with the same fault. (Python 3.12 made None immortal, which hides it.)
"""

import gc
import sys

from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QTextDocument

from editor.ui.highlighter import JsonHighlighter


def none_refs_lost(func, calls: int = 500) -> int:
    # No collection meanwhile: freeing an earlier test's garbage drops references to None too.
    gc.collect()
    gc.disable()
    try:
        before = sys.getrefcount(None)
        for _ in range(calls):
            func()
        return before - sys.getrefcount(None)
    finally:
        gc.enable()


def test_void_painter_calls_keep_none_alive(qapp) -> None:
    image = QImage(20, 20, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        lost = none_refs_lost(lambda: painter.setPen(QPen(QColor("red"))))
        lost += none_refs_lost(lambda: painter.fillRect(QRect(0, 0, 5, 5), QColor("red")))
    finally:
        painter.end()
    assert lost < 50  # a few hundred would be the fault; a handful is the interpreter's noise


def test_highlighting_keeps_none_alive(qapp) -> None:
    document = QTextDocument('{"Action": ["chime:Connect", 1, true]}\n' * 20)
    highlighter = JsonHighlighter(document)
    assert none_refs_lost(highlighter.rehighlight, 50) < 50
