"""Where the findings of the last analysis are in the text as it is now.

An analysis arrives a little after the typing that it reads, and a 1 MB policy can have
thousands of findings. So the underlines are made only for the findings near the visible
lines (each a QTextCursor, which Qt moves with every edit: no flicker, no stale squiggle),
and the other findings' offsets are mapped through the edits made since the analysis until
the next one arrives.

`Shown` is what the views need of one analysis's findings, worked out on the analysis worker
(at 3 MB, 36,000 findings took 60 ms to sort and index on the GUI thread): the editor's spans,
the problems list's rows, the status bar's counts and size. The document holds it with the
result; the views read it, and keep no lists of their own.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from editor.core.lint.quota import non_whitespace_length
from editor.core.text.findings import Finding, Severity

WIDE = 4096  # Qt units: a finding longer than this is kept apart (see FindingSpans)


def qt_offsets(text: str) -> list[int] | None:
    """Code-point offset -> UTF-16 offset table, or None when they are the same (no astral
    character, the usual case): Qt counts astral characters as two units."""
    if text.isascii() or max(text) <= "\uffff":
        return None
    table = [0] * (len(text) + 1)
    units = 0
    for index, char in enumerate(text):
        table[index] = units
        units += 2 if ord(char) > 0xFFFF else 1
    table[len(text)] = units
    return table


class EditLog:
    """The edits since the findings were made, to map their offsets to the current text."""

    def __init__(self) -> None:
        self.edits: list[tuple[int, int, int]] = []  # (position, removed, added), Qt units

    def clear(self) -> None:
        self.edits.clear()

    def record(self, position: int, removed: int, added: int) -> None:
        if removed or added:
            self.edits.append((position, removed, added))

    def map(self, offset: int) -> int:
        for position, removed, added in self.edits:
            if offset >= position + removed:
                offset += added - removed
            elif offset > position:
                offset = position + added if offset > position + added else offset
        return offset


class FindingSpans:
    """The findings of one analysis as (start, end) ranges in Qt units, sorted by start;
    `between` answers which touch a range of the current text, given the edits made since."""

    def __init__(self, text: str, findings: tuple[Finding, ...]) -> None:
        table = qt_offsets(text)
        last = len(text) if table is None else table[-1]
        spans = []
        for finding in findings:
            start, end = finding.start, min(finding.end, len(text))
            if end <= start:  # an insertion point (a missing comma): mark the character before
                start = max(0, start - 1)
                end = min(len(text), start + 1)
            if table is not None:
                start, end = table[min(start, len(text))], table[end]
            spans.append((min(start, last), min(end, last), finding))
        spans.sort(key=lambda s: s[0])
        # A few findings cover a whole statement or the policy: always looked at, so that
        # the search among the others can stay narrow.
        self.wide = [s for s in spans if s[1] - s[0] > WIDE]
        self.spans = [s for s in spans if s[1] - s[0] <= WIDE]
        self.starts = [s[0] for s in self.spans]
        # The longest of the others: how far before a range one may start and still reach
        # it (the search starts there; a line is recoloured with its underlines at each key).
        self.reach = max((end - start for start, end, _ in self.spans), default=0)

    def between(self, first: int, last: int, log: EditLog) -> list[tuple[int, int, Finding]]:
        """Findings that overlap [first, last) of the current text, at their current place
        (moved by the edits of `log`)."""
        edited = bool(log.edits)
        # Offsets move by at most the net size of the edits: widen the search by it.
        slack = sum(abs(a - r) + r for _, r, a in log.edits) if edited else 0
        low = bisect.bisect_left(self.starts, max(0, first - self.reach - slack))
        high = bisect.bisect_right(self.starts, last + slack)
        found = []
        for start, end, finding in self.wide + self.spans[low:high]:
            if edited:
                start, end = log.map(start), log.map(end)
                end = max(end, start + 1)
            if start < last and end > first:
                found.append((start, end, finding))
        return found


def row_order(finding: Finding) -> tuple[int, int, int]:
    """The problems list's order: errors first, then by place."""
    return (-finding.severity.rank, finding.line, finding.column)


@dataclass(frozen=True)
class Shown:
    """One analysis's findings as the views show them (see the module's docstring)."""

    findings: tuple[Finding, ...]
    spans: FindingSpans
    rows: tuple[Finding, ...]  # in row_order
    counts: dict[Severity, int]
    fixable: int  # findings with a safe fix (Fix all's count)
    size: int  # the text's characters without white space (the size meter)

    @classmethod
    def of(cls, text: str, findings: tuple[Finding, ...]) -> Shown:
        counts = dict.fromkeys(Severity, 0)
        fixable = 0
        for finding in findings:
            counts[finding.severity] += 1
            fixable += finding.fix is not None and finding.fix.safe
        rows = tuple(sorted(findings, key=row_order))
        size = non_whitespace_length(text)
        return cls(findings, FindingSpans(text, findings), rows, counts, fixable, size)
