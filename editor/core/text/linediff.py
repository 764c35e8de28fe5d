"""Line diffs of any size in time linear in the texts: the preview of Fix all or a layout
rewrite of a 1 MB policy must not take minutes.

`difflib.SequenceMatcher` alone is quadratic or worse in the number of lines (a 200 KB
policy took 15 s). Here it only ever sees small pieces: the common head and tail are cut off,
lines that occur exactly once in each text anchor the rest (the longest run of anchors in the
same order, as patience diff does), and difflib aligns each gap between anchors only when the
gap is small; a larger gap is shown as removed then added lines. A gap of a lines by b lines
costs at most a*b <= GAP_WORK, and a*b <= sqrt(GAP_WORK) * (a + b), so the whole diff costs
O(sqrt(GAP_WORK) * lines)."""

from __future__ import annotations

import difflib
from bisect import bisect_left
from collections import Counter
from typing import NamedTuple

GAP_WORK = 40_000  # largest a*b handed to difflib at once (200 x 200 lines)
WINDOW = 100  # lines of each side difflib aligns at a time in a larger gap


class Row(NamedTuple):
    """One line of a diff: its numbers before and after (None where it has none) and text."""

    old: int | None
    new: int | None
    sign: str  # " ", "-" or "+"
    text: str


def diff_rows(before: str, after: str) -> list[Row]:
    """Every line of both texts, aligned: unchanged, removed and added lines in order."""
    a, b = before.splitlines(), after.splitlines()
    rows: list[Row] = []
    for tag, i1, i2, j1, j2 in _opcodes(a, b):
        if tag == "equal":
            rows.extend(Row(i1 + k + 1, j1 + k + 1, " ", a[i1 + k]) for k in range(i2 - i1))
            continue
        rows.extend(Row(i + 1, None, "-", a[i]) for i in range(i1, i2))
        rows.extend(Row(None, j + 1, "+", b[j]) for j in range(j1, j2))
    return rows


Opcode = tuple[str, int, int, int, int]


def _opcodes(a: list[str], b: list[str]) -> list[Opcode]:
    head = _common_head(a, b)
    tail = _common_tail(a, b, head)
    ops: list[Opcode] = []
    if head:
        ops.append(("equal", 0, head, 0, head))
    previous_i, previous_j = head, head
    for i, j in _anchors(a, b, head, len(a) - tail, len(b) - tail):
        ops.extend(_gap(a, b, previous_i, i, previous_j, j))
        ops.append(("equal", i, i + 1, j, j + 1))
        previous_i, previous_j = i + 1, j + 1
    ops.extend(_gap(a, b, previous_i, len(a) - tail, previous_j, len(b) - tail))
    if tail:
        ops.append(("equal", len(a) - tail, len(a), len(b) - tail, len(b)))
    return ops


def _common_head(a: list[str], b: list[str]) -> int:
    n = 0
    for left, right in zip(a, b, strict=False):
        if left != right:
            break
        n += 1
    return n


def _common_tail(a: list[str], b: list[str], head: int) -> int:
    n = 0
    while n < min(len(a), len(b)) - head and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _anchors(
    a: list[str], b: list[str], start: int, a_end: int, b_end: int
) -> list[tuple[int, int]]:
    """Pairs (i, j) of lines found exactly once in each middle part, in increasing order of
    both: the longest such chain (longest increasing subsequence, n log n)."""
    count_a = Counter(a[start:a_end])
    count_b = Counter(b[start:b_end])
    where_in_b = {b[j]: j for j in range(start, b_end) if count_b[b[j]] == 1 and count_a[b[j]] == 1}
    pairs = [(i, where_in_b[a[i]]) for i in range(start, a_end) if a[i] in where_in_b]
    # Longest chain with increasing j: tails[k] is the smallest j ending a chain of k+1.
    tails: list[int] = []
    tail_index: list[int] = []
    parent: list[int] = [-1] * len(pairs)
    for index, (_, j) in enumerate(pairs):
        k = bisect_left(tails, j)
        if k == len(tails):
            tails.append(j)
            tail_index.append(index)
        else:
            tails[k] = j
            tail_index[k] = index
        parent[index] = tail_index[k - 1] if k else -1
    chain: list[tuple[int, int]] = []
    index = tail_index[-1] if tail_index else -1
    while index != -1:
        chain.append(pairs[index])
        index = parent[index]
    chain.reverse()
    return chain


def _gap(a: list[str], b: list[str], i1: int, i2: int, j1: int, j2: int) -> list[Opcode]:
    """The lines between two anchors: aligned by difflib when small, else replaced whole."""
    if i1 == i2 and j1 == j2:
        return []
    if i1 == i2:
        return [("insert", i1, i2, j1, j2)]
    if j1 == j2:
        return [("delete", i1, i2, j1, j2)]
    head = _common_head(a[i1:i2], b[j1:j2])
    if head:
        return [("equal", i1, i1 + head, j1, j1 + head), *_gap(a, b, i1 + head, i2, j1 + head, j2)]
    tail = _common_tail(a[i1:i2], b[j1:j2], 0)
    if tail:
        return [*_gap(a, b, i1, i2 - tail, j1, j2 - tail), ("equal", i2 - tail, i2, j2 - tail, j2)]
    if (i2 - i1) * (j2 - j1) <= GAP_WORK:
        return _difflib(a, b, i1, i2, j1, j2)
    return _windows(a, b, i1, i2, j1, j2)


def _difflib(a: list[str], b: list[str], i1: int, i2: int, j1: int, j2: int) -> list[Opcode]:
    matcher = difflib.SequenceMatcher(None, a[i1:i2], b[j1:j2], autojunk=False)
    return [
        (tag, i1 + x1, i1 + x2, j1 + y1, j1 + y2) for tag, x1, x2, y1, y2 in matcher.get_opcodes()
    ]


def _windows(a: list[str], b: list[str], i1: int, i2: int, j1: int, j2: int) -> list[Opcode]:
    """A large gap (typically every statement changed, its other lines all alike) aligned a
    window at a time. Of each window, the changes up to its last equal run ending past half
    the window are kept, so a change is never cut at the window's edge and each window
    moves on by at least WINDOW/2 lines of one side."""
    ops: list[Opcode] = []
    i, j = i1, j1
    while i < i2 and j < j2:
        window_i, window_j = min(i2, i + WINDOW), min(j2, j + WINDOW)
        found = _difflib(a, b, i, window_i, j, window_j)
        if window_i == i2 and window_j == j2:
            return ops + found
        cut = len(found)
        for index, (tag, _, x2, _, y2) in enumerate(found):
            if tag == "equal" and (x2 - i >= WINDOW // 2 or y2 - j >= WINDOW // 2):
                cut = index + 1
        ops.extend(found[:cut])
        i, j = found[cut - 1][2], found[cut - 1][4]
    if i < i2:
        ops.append(("delete", i, i2, j, j))
    if j < j2:
        ops.append(("insert", i, i, j, j2))
    return ops
