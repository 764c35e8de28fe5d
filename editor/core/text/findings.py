"""Findings, their fixes, and applying fixes to text.

These are named tuples rather than pydantic models or dataclasses: the reader and the rules
create them on the live-preview path, where construction cost matters, and they carry no user
input to validate.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
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
    """Replace text[start:end] with `text` (start == end inserts)."""

    start: int
    end: int
    text: str


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
    line, column = index.position(start)
    end_line, end_column = index.position(end)
    return Finding(code, severity, message, start, end, line, column, end_line, end_column, fix)


def apply_edits(text: str, edits: Iterable[TextEdit]) -> str:
    """Apply non-overlapping edits. Inserts at one offset keep the order they are given in."""
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
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
    """The edits of every safe fix, skipping a fix that overlaps one already taken."""
    taken: list[TextEdit] = []
    spans: list[tuple[int, int]] = []
    for finding in findings:
        fix = finding.fix
        if fix is None or not fix.safe:
            continue
        if any(_overlaps(edit, spans) for edit in fix.edits):
            continue
        taken.extend(fix.edits)
        spans.extend((edit.start, edit.end) for edit in fix.edits)
    return taken


def _overlaps(edit: TextEdit, spans: list[tuple[int, int]]) -> bool:
    for start, end in spans:
        if edit.start < end and start < edit.end:
            return True
        # Two deletions or replacements may touch; an insert inside a replaced span may not.
        if edit.start == edit.end and start < edit.start < end:
            return True
        if start == end and edit.start < start < edit.end:
            return True
    return False


def fix_all(text: str, check: Callable[[str], Sequence[Finding]], rounds: int = 8) -> str:
    """Apply every safe fix `check` offers, re-checking until nothing more can be fixed.

    Fixes that overlap are applied over several rounds; `rounds` bounds the work.
    """
    for _ in range(rounds):
        edits = compatible_edits(check(text))
        if not edits:
            break
        text = apply_edits(text, edits)
    return text
