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

The findings' wavy underlines are part of a line's colours too (`underlines` gives them, where
they are now): as extra selections, Qt drew each underlined line once more per underline at
every paint, a third of a keystroke's time. A coloured line's user data records which
underlines it holds, so that a new analysis recolours only the lines whose underlines changed
(`refresh_underlines`). Not its state: a line whose state changes makes Qt recolour the next
line too, and the keystroke would then lay out and repaint every line shown.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtGui import (
    QColor,
    QFont,
    QSyntaxHighlighter,
    QTextBlockUserData,
    QTextCharFormat,
    QTextDocument,
)

from editor.ui.theme import Colours, colours, solid

# (start, end, colour) of each underline touching a range of the text, in Qt's units.
Underlines = Callable[[int, int], list[tuple[int, int, QColor]]]

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
        self.underlines: Underlines | None = None  # None: the editor shows them itself
        self._wavy: dict[tuple[str | None, int], QTextCharFormat] = {}
        self.set_colours(colours())

    def set_colours(self, scheme: Colours) -> None:
        def fmt(colour: QColor, bold: bool = False) -> QTextCharFormat:
            f = QTextCharFormat()
            f.setForeground(solid(colour))
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
        self._wavy = {}
        self.rehighlight()

    def _underlined(self, kind: str | None, colour: QColor) -> QTextCharFormat:
        """A token's format (None: between tokens) with a wavy underline of `colour`."""
        key = (kind, colour.rgba())
        found = self._wavy.get(key)
        if found is None:
            found = QTextCharFormat(self.formats[kind]) if kind else QTextCharFormat()
            found.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            found.setUnderlineColor(colour)
            self._wavy[key] = found
        return found

    # -- underlines -------------------------------------------------------------------------

    def refresh_underlines(self, first: int, last: int) -> None:
        """Recolour the coloured lines among first..last whose underlines are not those
        `underlines` gives now (a new analysis, or lines scrolled into view)."""
        document = self.document()
        if document is None or self.underlines is None:
            return
        block = document.findBlockByNumber(max(0, first))
        end = document.findBlockByNumber(min(last, document.blockCount() - 1))
        stop = end.position() + end.length()
        wanted: dict[int, list[tuple[int, int, int]]] = {}
        for start, finish, colour in self.underlines(block.position(), stop):
            at = document.findBlock(start)
            while at.isValid() and at.position() < stop:
                position, length = at.position(), at.length() - 1
                if position >= max(finish, start + 1):
                    break
                clipped = max(0, start - position), min(length, finish - position)
                if clipped[1] > clipped[0]:  # as `_marks` clips it for the line
                    wanted.setdefault(at.blockNumber(), []).append((*clipped, colour.rgba()))
                at = at.next()
        while block.isValid() and block.position() < stop:
            if block.userState() == COLOURED:
                held = block.userData()
                now = _signature(wanted.get(block.blockNumber(), []))
                if (held.signature if isinstance(held, Marks) else ()) != now:
                    self.rehighlightBlock(block)
            block = block.next()

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
        tokens: list[tuple[int, int, str]] = []
        # Qt's offsets count a character past U+FFFF as two; the text's own count it once.
        units = _units(text)
        for match in _TOKENS.finditer(text):
            kind = match.lastgroup
            if kind == "colon" or match.group("string") is not None:
                start, end = match.span("string")
                kind = "key" if match.group("colon") is not None else "string"
            elif kind is None:
                continue
            else:
                start, end = match.span()
            if units is not None:
                start, end = units[start], units[end]
            tokens.append((start, end, kind))
            self.setFormat(start, end - start, self.formats[kind])
        marks = self._marks(len(text) if units is None else units[-1])
        self.setCurrentBlockState(COLOURED)
        held = self.currentBlockUserData()
        signature = _signature(marks)
        if (held.signature if isinstance(held, Marks) else ()) != signature:
            self.setCurrentBlockUserData(Marks(signature))
        for start, end, rgba in marks:  # the worst last: it is the one seen where they overlap
            colour = QColor.fromRgba(rgba)
            at = start
            for token_start, token_end, kind in tokens:
                if token_end <= at or token_start >= end:
                    continue
                if token_start > at:
                    self.setFormat(at, token_start - at, self._underlined(None, colour))
                    at = token_start
                upto = min(end, token_end)
                self.setFormat(at, upto - at, self._underlined(kind, colour))
                at = upto
            if at < end:
                self.setFormat(at, end - at, self._underlined(None, colour))

    def _marks(self, length: int) -> list[tuple[int, int, int]]:
        """The underlines of the current line, in its own offsets, least severe first."""
        if self.underlines is None:
            return []
        position = self.currentBlock().position()
        marks = []
        for start, end, colour in self.underlines(position, position + max(1, length)):
            start, end = max(0, start - position), min(length, end - position)
            if end > start:
                marks.append((start, end, colour.rgba()))
        return marks


def _units(text: str) -> list[int] | None:
    """Offset in `text` -> offset in Qt's units, or None when they are the same."""
    if text.isascii() or max(text) <= "\uffff":
        return None
    table, units = [], 0
    for char in text:
        table.append(units)
        units += 2 if ord(char) > 0xFFFF else 1
    table.append(units)
    return table


def _signature(marks: list[tuple[int, int, int]]) -> tuple[tuple[int, int, int], ...]:
    return tuple(sorted(marks))


class Marks(QTextBlockUserData):
    """The underlines a coloured line holds, in its own offsets."""

    def __init__(self, signature: tuple[tuple[int, int, int], ...]) -> None:
        super().__init__()
        self.signature = signature
