"""Fix all: apply every safe fix, re-reading round after round until none is left, and never
keep a fix that leaves the text reading worse.

After each round the text is read again. A fix is dropped (and the round applied without it)
when, at the place it edited:
- a syntax error appears that was not there before (a new one, or an old one moved), or
- a syntax error that no fix of its own repairs is still there: the fix was offered at the
  place of an error it does not repair (`"Resource",:` from a comma inserted before a stray `:`).
A dropped fix is not offered again, so Fix all settles; when every fix is dropped the text is
left as it was. "Syntax error" is an error whose code starts with `json/`: the reading of the
text, not a policy finding a repair may rightly bring to light.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence

from editor.core.text.findings import Finding, Severity, TextEdit, apply_edits, compatible_edits

Check = Callable[[str], Sequence[Finding]]
Chosen = list[tuple[Finding, tuple[TextEdit, ...]]]  # each fix taken, with the finding offering it

_BLANK = frozenset(" \t\r\n")
_BREAK = frozenset(" \t\r\n,:[]{}")  # a blank, or a token of one character
_WORD = 200


def fix_all(text: str, check: Check, rounds: int = 64) -> str:
    """Apply every safe fix `check` offers, re-checking until none is left: the result is a
    fixed point (fixing it again changes nothing).

    Fixes that overlap, and fixes that wait for the JSON around them to be repaired, are
    applied in later rounds; `rounds` only guards against a rule that keeps offering fixes.
    """
    return fixed_point(text, check, rounds)[0]


def fixed_point(
    text: str, check: Check, rounds: int = 64, first: Sequence[Finding] | None = None
) -> tuple[str, int]:
    """`fix_all`'s text, and how many problems it fixed: what "Fix all (N)" promises, those
    the first fixes reveal included. A problem whose fix takes several edits (quotes around a
    bare `Allow`) counts once, as it is listed once. `first`: the findings of `text`, when
    already known."""
    fixed = 0
    found = first if first is not None else check(text)
    refused: set[tuple[str, TextEdit]] = set()  # (code, first edit) of dropped fixes
    fresh = True  # no fix refused when this round started
    for _ in range(rounds):
        chosen = _chosen([f for f in found if not _refused(f, refused)])
        after, after_found, edits = text, found, [e for _, fix in chosen for e in fix]
        while chosen:
            after = apply_edits(text, edits)
            after_found = check(after)
            harmful = _harmful(text, found, after, after_found, chosen, edits)
            if not harmful:
                break
            refused.update((f.code, fix[0]) for f, fix in chosen if id(fix) in harmful)
            chosen = [(f, fix) for f, fix in chosen if id(fix) not in harmful]
            edits = [e for _, fix in chosen for e in fix]
        if not chosen:
            if fresh:
                break
            # A fix dropped beside others may be harmless on today's text: one more round
            # with none refused, so that fixing the result again changes nothing either.
            refused, fresh = set(), True
            continue
        fresh = not refused
        moved = _Moves(edits)
        refused = {(code, moved.edit(edit)) for code, edit in refused}
        text, found = after, after_found
        fixed += len(chosen)
    return text, fixed


def _refused(finding: Finding, refused: set[tuple[str, TextEdit]]) -> bool:
    fix = finding.fix
    return (
        bool(refused)
        and fix is not None
        and bool(fix.edits)
        and ((finding.code, fix.edits[0]) in refused)
    )


def _chosen(findings: Sequence[Finding]) -> Chosen:
    """The fixes compatible_edits takes, each with the finding that offers it."""
    owner = {}
    for finding in findings:
        if finding.fix is not None:
            for edit in finding.fix.edits:
                owner[id(edit)] = finding
    chosen: Chosen = []
    for edit in compatible_edits(findings):
        finding = owner[id(edit)]
        assert finding.fix is not None
        if chosen and chosen[-1][0] is finding:
            continue  # a fix of several edits: taken whole, once
        chosen.append((finding, finding.fix.edits))
    return chosen


def _reading_errors(findings: Sequence[Finding]) -> list[Finding]:
    return sorted(
        (f for f in findings if f.severity is Severity.ERROR and f.code.startswith("json/")),
        key=lambda f: f.start,
    )


def _harmful(
    text: str,
    found: Sequence[Finding],
    after: str,
    after_found: Sequence[Finding],
    chosen: Chosen,
    edits: list[TextEdit],
) -> set[int]:
    """The ids of the fixes (their edit tuples) that leave the text reading worse where they
    edit it (see the module's doc)."""
    moves = _Moves(edits)
    old = _reading_errors(found)
    new = _reading_errors(after_found)
    if not new:
        return set()
    was = {(f.code, moves.offset(f.start)) for f in old}
    still = {(f.code, f.start) for f in new}
    stuck = [f for f in old if f.fix is None and (f.code, moves.offset(f.start)) in still]
    new_near = _Near(new)
    stuck_near = _Near(stuck)
    harmful: set[int] = set()
    for _, fix in chosen:
        for edit in fix:
            start = moves.new_start(edit)
            lo, hi = _around(after, start, start + len(edit.text))
            appeared = any((f.code, f.start) not in was for f in new_near.within(lo, hi))
            if appeared or stuck_near.within(*_around(text, edit.start, edit.end)):
                harmful.add(id(fix))
                break
    return harmful


def _around(text: str, start: int, end: int) -> tuple[int, int]:
    """An edited span and the two tokens it joins on each side, and one character more: a
    colon inserted after a key makes the next string its value and what follows that value
    its neighbour (the `:` of `"Resource": "*"`); a quote deleted changes the string after it."""
    return _reach(text, start, -1) - 1, _reach(text, end, 1) + 1


def _reach(text: str, at: int, step: int, tokens: int = 2) -> int:
    """Where `tokens` tokens (a bracket, comma or colon, or a run up to one; blanks skipped)
    from `at` end, going in direction `step`. A run counts at most _WORD characters: many fixes
    beside one long word stay linear."""
    size = len(text)

    def char(i: int) -> str | None:
        j = i if step > 0 else i - 1
        return text[j] if 0 <= j < size else None

    for _ in range(tokens):
        while (c := char(at)) is not None and c in _BLANK:
            at += step
        c = char(at)
        if c is None:
            break
        if c in _BREAK:
            at += step
            continue
        for _ in range(_WORD):
            c = char(at)
            if c is None or c in _BREAK:
                break
            at += step
    return at


class _Near:
    """Findings sorted by start; those meeting a span. Short ones are found by binary search;
    the few long ones (a run of stray text, text after the document) are looked at each time,
    so one long finding does not make every question scan them all."""

    LONG = 1000

    def __init__(self, findings: list[Finding]) -> None:
        self.short = [f for f in findings if f.end - f.start <= self.LONG]
        self.long = [f for f in findings if f.end - f.start > self.LONG]
        self.starts = [f.start for f in self.short]

    def within(self, lo: int, hi: int) -> list[Finding]:
        first = bisect_left(self.starts, lo - self.LONG)
        last = bisect_right(self.starts, hi)
        near = [f for f in self.short[first:last] if f.end >= lo and f.start <= hi]
        return near + [f for f in self.long if f.end >= lo and f.start <= hi]


class _Moves:
    """Where offsets of the text before a round's edits are in the text after them."""

    def __init__(self, edits: list[TextEdit]) -> None:
        self.edits = sorted(edits, key=lambda e: (e.start, e.end, e.rank))  # apply_edits' order
        self.ends = [e.end for e in self.edits]
        self.shift = [0]  # the length change of the edits before each one
        self.starts: dict[int, int] = {}
        for edit in self.edits:
            self.starts[id(edit)] = edit.start + self.shift[-1]
            self.shift.append(self.shift[-1] + len(edit.text) - (edit.end - edit.start))

    def offset(self, at: int) -> int:
        """The offset `at` after the edits; inside a replaced span, where its replacement
        starts; at an insert, after what was inserted."""
        i = bisect_right(self.ends, at)
        if i < len(self.edits) and self.edits[i].start < at:
            return self.edits[i].start + self.shift[i]
        return at + self.shift[i]

    def new_start(self, edit: TextEdit) -> int:
        return self.starts[id(edit)]

    def edit(self, edit: TextEdit) -> TextEdit:
        return edit._replace(start=self.offset(edit.start), end=self.offset(edit.end))
