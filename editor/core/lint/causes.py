"""One root cause, one finding: a document-level pass over the rules' findings.

Some findings follow from another one at the same place; the user can act only on the first:
- a JSON syntax error at a value (`"Effect": Allow`) -> no policy finding on that value;
- a Resource whose ARN type cannot be read (a placeholder for the whole ARN, or no ARN at
  all) -> no per-action authorization finding (rules/resources.py `authorization`);
- a placeholder standing where the ARN begins -> not also "this is not an ARN".
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable

from editor.core.text.findings import Finding, Severity

_ERROR = Severity.ERROR  # a plain name: Severity.ERROR is an enum metaclass look-up


def one_cause(syntax: Iterable[Finding], found: list[Finding]) -> list[Finding]:
    """The policy findings in `found` that do not follow from another finding."""
    errors = [f for f in syntax if f.severity is _ERROR and f.start < f.end]
    if errors:  # most texts have none: no ranges to build
        spanning = _Spans(errors)
        kept = [f for f in found if not spanning.cover(f)]
    else:
        kept = found
    heads = {f.start - 1 for f in kept if f.code == "resource/placeholder"}
    if not heads:
        return kept
    return [f for f in kept if not (f.code == "resource/invalid-arn" and f.start in heads)]


class _Spans:
    """Ranges of syntax errors; whether one covers a range, in O(log n) per question."""

    def __init__(self, findings: Iterable[Finding]) -> None:
        ranges = sorted((f.start, f.end) for f in findings)
        self.starts = [start for start, _ in ranges]
        self.reach: list[int] = []  # the furthest end among the ranges up to each one
        furthest = -1
        for _, end in ranges:
            furthest = max(furthest, end)
            self.reach.append(furthest)

    def cover(self, finding: Finding) -> bool:
        i = bisect_right(self.starts, finding.start) - 1
        return i >= 0 and self.reach[i] >= finding.end
