"""Findings, their fixes, and applying fixes to text.

These are named tuples rather than pydantic models or dataclasses: the reader and the rules
create them on the live-preview path, where construction cost matters, and they carry no user
input to validate.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from enum import StrEnum
from typing import NamedTuple

from editor.core.text.positions import LineIndex


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


class TextEdit(NamedTuple):
    """Replace text[start:end] with `text` (start == end inserts).

    `rank` orders edits that insert at one offset: lower ranks go first, equal ranks keep the
    order they are given in. The JSON reader ranks the closing of a string before the closing
    brackets (innermost first) and a missing comma after them, so `[{"a` becomes `[{"a"}]`.
    """

    start: int
    end: int
    text: str
    rank: int = 0


class Fix(NamedTuple):
    title: str
    edits: tuple[TextEdit, ...]
    # Safe fixes keep the author's meaning; fix_all applies only these.
    safe: bool = True


class Finding(NamedTuple):
    code: str
    severity: Severity
    message: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    fix: Fix | None = None


def make_finding(
    index: LineIndex,
    code: str,
    severity: Severity,
    message: str,
    start: int,
    end: int,
    fix: Fix | None = None,
) -> Finding:
    line, column, end_line, end_column = index.span(start, end)
    return Finding(code, severity, message, start, end, line, column, end_line, end_column, fix)


def apply_edits(text: str, edits: Iterable[TextEdit]) -> str:
    """Apply non-overlapping edits. At one offset, inserts go first, in the order of their rank
    and then of the order they are given in."""
    ordered = sorted(edits, key=lambda e: (e.start, e.end, e.rank))
    parts: list[str] = []
    pos = 0
    for edit in ordered:
        if edit.start < pos:
            raise ValueError(f"overlapping edits at offset {edit.start}")
        parts.append(text[pos : edit.start])
        parts.append(edit.text)
        pos = edit.end
    parts.append(text[pos:])
    return "".join(parts)


def compatible_edits(findings: Sequence[Finding]) -> list[TextEdit]:
    """The edits of every safe fix, skipping a fix that overlaps one already taken.

    Two replacements may touch but not overlap; an insert may stand at either end of a
    replaced span but not inside it; inserts at one offset all apply (see TextEdit.rank).
    Fixes are taken in text order in one sweep, so the work is linear in their number.
    """
    single: list[tuple[int, int, TextEdit]] = []
    several: list[Fix] = []
    for order, finding in enumerate(findings):
        fix = finding.fix
        if fix is None or not fix.safe or not fix.edits:
            continue
        if len(fix.edits) == 1:
            single.append((fix.edits[0].start, order, fix.edits[0]))
        else:
            several.append(fix)
    single.sort(key=lambda item: (item[0], item[1]))
    taken: list[TextEdit] = []
    reach = -1  # the furthest end of a replacement taken so far
    reach_before = -1  # the same, over replacements that start before the current offset
    at = -1  # the offset of the current candidate
    at_reach = -1  # the furthest end of replacements taken at that offset
    for start, _, edit in single:
        if start != at:
            reach_before = max(reach_before, at_reach)
            at, at_reach = start, -1
        if edit.start == edit.end:
            if start < reach_before:
                continue  # inside a span another fix replaces
        elif start < reach:
            continue
        taken.append(edit)
        if edit.end > edit.start:
            reach = max(reach, edit.end)
            at_reach = max(at_reach, edit.end)
    for fix in several:  # none of the rules builds these today; checked one by one
        if not any(_overlaps(edit, taken) for edit in fix.edits):
            taken.extend(fix.edits)
    return taken


def _overlaps(edit: TextEdit, taken: list[TextEdit]) -> bool:
    for other in taken:
        if edit.start < other.end and other.start < edit.end:
            return True
        if edit.start == edit.end and other.start < edit.start < other.end:
            return True
        if other.start == other.end and edit.start < other.start < edit.end:
            return True
    return False


def line_break(text: str) -> str:
    """The text's own line ending: CRLF when its first line ends so, else LF."""
    first = text.find("\n")
    return "\r\n" if first > 0 and text[first - 1] == "\r" else "\n"
