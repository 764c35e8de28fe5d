"""JSON syntax colours, line by line; a big text is coloured from the visible lines out.

Qt's highlighter colours every line of a new text before it is painted: Python code per line,
which made opening a 100 KB policy three to six times slower than Qt's own setPlainText.
Told to `defer` a text, the highlighter leaves uncoloured every line outside a window: the
editor colours the visible lines before its first paint, and the rest follows in slices of a
few milliseconds on the event loop, the visible lines first each time (scrolling ahead of the
fill colours what comes into view).

A line's block state says whether it is coloured. Qt carries on to the next line only when a
line's state changes, so a line left alone (state unchanged) stops it: that is what keeps the
colouring of a window to that window.
"""

from __future__ import annotations

import re
import time

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from editor.ui.theme import Colours, colours

_TOKENS = re.compile(
    r'(?P<string>"(?:[^"\\]|\\.)*"?)(?P<colon>\s*:)?'
    r"|(?P<number>-?\d[\d.eE+\-]*)"
    r"|(?P<literal>\b(?:true|false|null)\b)"
    r"|(?P<punct>[{}\[\],:])"
)
COLOURED = 1  # block state of a coloured line (Qt's default, -1: not coloured yet)
SLICE_S = 0.008  # the event loop turns at least this often while a text is being coloured
CHUNK = 64  # lines coloured between looks at the clock


class JsonHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        # None: every line Qt asks for is coloured. Else only those of this block range (and
        # those coloured already), while a deferred text is filled in.
        self._window: tuple[int, int] | None = None
        self._next = 0  # the first line the fill has not reached
        self._visible = (0, -1)  # the lines on screen: coloured first at each slice
        self._fill = QTimer(self)
        self._fill.setInterval(0)
        self._fill.timeout.connect(self._fill_slice)
        self.set_colours(colours())

    def set_colours(self, scheme: Colours) -> None:
        def fmt(colour: object, bold: bool = False) -> QTextCharFormat:
            f = QTextCharFormat()
            f.setForeground(colour)  # type: ignore[arg-type]
            if bold:
                f.setFontWeight(QFont.Weight.DemiBold)
            return f

        self.formats = {
            "key": fmt(scheme.key, bold=True),
            "string": fmt(scheme.string),
            "number": fmt(scheme.number),
            "literal": fmt(scheme.literal),
            "punct": fmt(scheme.punctuation),
        }
        self.rehighlight()

    # -- deferred colouring ---------------------------------------------------------------

    @property
    def filling(self) -> bool:
        """Lines of a deferred text are still uncoloured."""
        return self._window is not None

    def defer(self) -> None:
        """Leave the lines of the text about to be shown uncoloured, and colour them from the
        visible ones out (see `show_lines`) in slices on the event loop."""
        self._window = (0, -1)
        self._next = 0
        self._fill.start()

    def show_lines(self, first: int, last: int) -> None:
        """Lines first..last are on screen: colour them now if the fill has not."""
        self._visible = (first, last)
        if self._window is not None:
            self._colour(first, last)

    def _colour(self, first: int, last: int) -> None:
        """Colour the uncoloured lines among first..last."""
        document = self.document()
        if document is None or self._window is None:
            return
        block = document.findBlockByNumber(max(0, first))
        while block.isValid() and block.blockNumber() <= last:
            if block.userState() != COLOURED:
                self._window = (block.blockNumber(), last)
                self.rehighlightBlock(block)  # Qt carries on through the window, then stops
            block = block.next()
        self._window = (0, -1)

    def _fill_slice(self) -> None:
        document = self.document()
        if document is None or self._window is None:
            self._fill.stop()
            return
        self._colour(*self._visible)
        deadline = time.perf_counter() + SLICE_S
        total = document.blockCount()
        while self._next < total and time.perf_counter() < deadline:
            self._colour(self._next, self._next + CHUNK - 1)
            self._next += CHUNK
        if self._next >= total:
            self._window = None  # all coloured: every line Qt asks for from now on
            self._fill.stop()

    # -- one line -------------------------------------------------------------------------

    def highlightBlock(self, text: str) -> None:
        window = self._window
        if (
            window is not None
            and self.currentBlockState() != COLOURED
            and not window[0] <= self.currentBlock().blockNumber() <= window[1]
        ):
            return  # left to the fill; its state unchanged, Qt goes no further
        self.setCurrentBlockState(COLOURED)
        for match in _TOKENS.finditer(text):
            kind = match.lastgroup
            if kind == "colon" or match.group("string") is not None:
                key = match.group("colon") is not None
                start, end = match.span("string")
                self.setFormat(start, end - start, self.formats["key" if key else "string"])
            elif kind is not None:
                start, end = match.span()
                self.setFormat(start, end - start, self.formats[kind])
