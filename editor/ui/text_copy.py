"""The editor's text as a Python string, brought up to date with Qt's document when asked for.

Reading the whole text out of Qt costs milliseconds at 1 MB, and so does splicing each
keystroke into a Python copy of it (0.3-0.8 ms a key). So a change only narrows the part of
the copy still known to be the document's, its unchanged start and end; the edits between
are spliced in at once when the text is next asked for (when the typing pauses, or when
anything reads it).
"""

from __future__ import annotations

from PySide6.QtGui import QTextCursor, QTextDocument


def qt_offset(text: str, offset: int) -> int:
    """Python offsets count code points; Qt counts UTF-16 units (astral characters are two)."""
    if text.isascii():
        return offset
    return offset + sum(1 for c in text[:offset] if ord(c) > 0xFFFF)


def py_offset(text: str, position: int) -> int:
    if text.isascii():
        return position
    units = 0
    for index, char in enumerate(text):
        if units >= position:
            return index
        units += 2 if ord(char) > 0xFFFF else 1
    return len(text)


def common_prefix(a: str, b: str) -> int:
    """Length of the common start of two texts; slices compare in C, so bisect on them."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[:middle] == b[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _plain(selected: str) -> str:
    """A selection's text as toPlainText gives it (str.replace is far quicker than translate)."""
    return selected.replace("\u2029", "\n").replace("\u2028", "\n").replace("\u00a0", " ")


class TextCopy:
    def __init__(self, document: QTextDocument) -> None:
        self._document = document
        self._text = ""
        # None: `_text` is the document's text. Else how many characters at its start and at
        # its end still are: the edits since lie between.
        self._stale: tuple[int, int] | None = None

    def text(self) -> str:
        if self._stale is not None:
            self._catch_up()
        return self._text

    def know(self, text: str) -> None:
        """The document's text is `text` (it was just set to it)."""
        self._text, self._stale = text, None

    def reread(self) -> None:
        self.know(self._document.toPlainText())

    def changed(self, position: int, removed: int, added: int) -> bool:
        """Note a change the document reports; False if it changed colours only (a line
        recoloured reports a change of the same length: the text is compared then)."""
        size = self._document.characterCount() - 1  # without the final paragraph mark
        before = size - added + removed  # the text's length before this change
        prefix, suffix = self._stale if self._stale is not None else (before, before)
        if removed == added and self._same(position, added, before, prefix, suffix):
            return False
        # (A whole-text change counts the final paragraph mark too: hence the floor at 0.)
        self._stale = (min(prefix, position), max(0, min(suffix, before - position - removed)))
        return True

    def _catch_up(self) -> None:
        """Splice the edits made since `_text` was last brought up to date into it, at once."""
        assert self._stale is not None
        (prefix, suffix), self._stale = self._stale, None
        current = self._text
        size = self._document.characterCount() - 1
        # Qt counts astral characters twice: no shortcut in a text that has any.
        if not current.isascii() or prefix + suffix > min(len(current), size):
            self.reread()
            return
        middle = _plain(self._selected(prefix, size - suffix))
        spliced = current[:prefix] + middle + current[len(current) - suffix :]
        if len(spliced) == size:
            self._text = spliced
        else:
            self.reread()

    def _same(self, position: int, length: int, before: int, prefix: int, suffix: int) -> bool:
        """Whether a change of `length` characters at `position` left the text as it was,
        when `_text` still holds what was there (outside the edits not yet spliced in)."""
        current = self._text
        if not current.isascii():  # Qt counts astral characters twice: no shortcut
            return self._stale is None and self._document.toPlainText() == current
        if position + length <= prefix:
            old = position
        elif position >= before - suffix:
            old = position - before + len(current)  # after the edits: shifted by their size
        else:
            return False  # among the edits not spliced in yet: taken as a change
        # A change of the same length: the document is `before` long.
        now = _plain(self._selected(min(position, before), min(position + length, before)))
        return current[old : old + length] == now

    def _selected(self, start: int, end: int) -> str:
        cursor = QTextCursor(self._document)
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        return cursor.selectedText()
