"""What reading a text gives: its value tree, its syntax findings and its line index.

Shared by the fast and the tolerant reader (kept apart from read.py, which dispatches to them).
"""

from __future__ import annotations

from typing import Any, NamedTuple

from editor.core.json.nodes import Member, Node, to_python
from editor.core.text import findings as fnd
from editor.core.text.findings import Finding, Severity
from editor.core.text.positions import LineIndex


class ParsedText(NamedTuple):
    text: str
    root: Node | None
    findings: tuple[Finding, ...]
    lines: LineIndex  # offsets <-> line and column

    @property
    def has_errors(self) -> bool:
        return any(f.severity is Severity.ERROR for f in self.findings)

    def value(self) -> Any:
        """The Python value of the tree (None if the text held no value at all)."""
        return None if self.root is None else to_python(self.root)


def duplicate_key(index: LineIndex, member: Member) -> Finding:
    return fnd.make_finding(
        index,
        "json/duplicate-key",
        Severity.WARNING,
        f"key {member.key!r} appears more than once; only the last one counts",
        member.key_start,
        member.key_end,
    )
