"""Character offsets <-> 1-based line and column.

Columns count characters (not bytes); a CRLF ends a line like LF does, and the CR belongs to
the line it ends.
"""

from __future__ import annotations

from bisect import bisect_right


class LineIndex:
    """Maps offsets in one text to (line, column), both 1-based.

    The line table is built on first use: a clean policy needs none.
    """

    __slots__ = ("_built", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._built: list[int] | None = None

    @property
    def _starts(self) -> list[int]:
        if self._built is None:
            starts = [0]
            find = self._text.find
            pos = find("\n")
            while pos != -1:
                starts.append(pos + 1)
                pos = find("\n", pos + 1)
            self._built = starts
        return self._built

    def position(self, offset: int) -> tuple[int, int]:
        starts = self._built if self._built is not None else self._starts
        line = bisect_right(starts, offset) - 1
        return line + 1, offset - starts[line] + 1

    def span(self, start: int, end: int) -> tuple[int, int, int, int]:
        """(line, column, end line, end column) of a range: one search when it fits on one
        line, as a finding's range nearly always does."""
        starts = self._built if self._built is not None else self._starts
        line = bisect_right(starts, start) - 1
        first = starts[line]
        if line + 1 == len(starts) or end < starts[line + 1]:
            return line + 1, start - first + 1, line + 1, end - first + 1
        end_line = bisect_right(starts, end, line) - 1
        return line + 1, start - first + 1, end_line + 1, end - starts[end_line] + 1
