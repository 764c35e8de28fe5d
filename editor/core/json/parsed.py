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


# The elements of the IAM policy grammar, named at this stage because the reader needs them
# (the policy views re-export them). A policy may hold each once per policy or statement:
# IAM's "Troubleshoot IAM policies" page lists "More than one Statement element" and "More
# than one Effect, Action, or Resource element" among the errors it refuses; a reader that
# kept the last one silently would turn two statements run together into one (a Deny's
# Condition on an Allow).
TOP_ELEMENTS = ("Version", "Id", "Statement")
STATEMENT_ELEMENTS = (
    "Sid",
    "Effect",
    "Principal",
    "NotPrincipal",
    "Action",
    "NotAction",
    "Resource",
    "NotResource",
    "Condition",
)
POLICY_ELEMENTS = frozenset(TOP_ELEMENTS + STATEMENT_ELEMENTS)


def duplicate_key(index: LineIndex, member: Member) -> Finding:
    if member.key in POLICY_ELEMENTS:
        return fnd.make_finding(
            index,
            "json/duplicate-key",
            Severity.ERROR,
            f"{member.key!r} appears more than once in one object: IAM refuses a policy or "
            "statement with two of one element (read as JSON, only the last would count)",
            member.key_start,
            member.key_end,
        )
    return fnd.make_finding(
        index,
        "json/duplicate-key",
        Severity.WARNING,
        f"key {member.key!r} appears more than once; only the last one counts",
        member.key_start,
        member.key_end,
    )
