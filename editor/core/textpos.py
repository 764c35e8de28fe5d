"""Character offsets <-> 1-based line and column.

Columns count characters (not bytes); a CRLF ends a line like LF does, and the CR belongs to
the line it ends.
"""

from __future__ import annotations

from bisect import bisect_right


class LineIndex:
    """Maps offsets in one text to (line, column), both 1-based."""

    __slots__ = ("_starts", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        starts = [0]
        find = text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self._starts = starts

    @property
    def line_count(self) -> int:
        return len(self._starts)

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1

    def offset(self, line: int, column: int) -> int:
        """The offset of a 1-based (line, column), clamped to the text."""
        line = min(max(line, 1), len(self._starts))
        start = self._starts[line - 1]
        end = self._starts[line] - 1 if line < len(self._starts) else len(self._text)
        return min(start + max(column, 1) - 1, end)
