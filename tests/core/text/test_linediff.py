"""The preview's line diff: every line of both texts in order, the changed lines the ones a
reader would name, and no quadratic blow-up on a large Fix all (that is the benchmark's job:
benchmarks/diff_preview.py)."""

from __future__ import annotations

import difflib
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from editor.core.text.linediff import GAP_WORK, diff_rows


def _sides(before: str, after: str) -> tuple[list[str], list[str]]:
    rows = diff_rows(before, after)
    old = [r.text for r in rows if r.sign in " -"]
    new = [r.text for r in rows if r.sign in " +"]
    return old, new


def _changed(before: str, after: str) -> tuple[int, int]:
    rows = diff_rows(before, after)
    return sum(r.sign == "-" for r in rows), sum(r.sign == "+" for r in rows)


def _difflib_changed(before: str, after: str) -> tuple[int, int]:
    """The oracle: Python's own difflib on the whole texts (fine at these sizes)."""
    a, b = before.splitlines(), after.splitlines()
    removed = added = 0
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "equal":
            removed += i2 - i1
            added += j2 - j1
    return removed, added


def _policy(statements: int) -> str:
    body = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": f"S{n}",
                "Effect": "Allow",
                "Action": ["chime:Listsubchannels", "chime:SendChannelMessage"],
                "Resource": f"arn:aws:chime:us-east-1:111122223333:app-instance/a{n}/channel/*",
            }
            for n in range(statements)
        ],
    }
    return json.dumps(body, indent=2)


CASES = [
    ("same text", "a\nb\nc", "a\nb\nc"),
    ("one line respelt", "a\nb\nc", "a\nB\nc"),
    ("a line added", "a\nc", "a\nb\nc"),
    ("a line removed", "a\nb\nc", "a\nc"),
    ("everything new", "a\nb", "x\ny\nz"),
    ("from empty", "", "a\nb"),
    ("to empty", "a\nb", ""),
    ("repeated lines only", "}\n}\n]\n}", "}\n]\n}\n}"),
    ("two edits apart", "a\nb\nc\nd\ne\nf", "a\nB\nc\nd\nE\nf"),
]


@pytest.mark.parametrize(("name", "before", "after"), CASES, ids=[c[0] for c in CASES])
def test_rows_hold_both_texts_and_as_many_changes_as_difflib(
    name: str, before: str, after: str
) -> None:
    assert _sides(before, after) == (before.splitlines(), after.splitlines())
    assert _changed(before, after) == _difflib_changed(before, after)


def test_a_fix_all_of_a_policy_changes_only_the_lines_it_fixed() -> None:
    before = _policy(120)
    after = before.replace("Listsubchannels", "ListSubChannels")
    assert _changed(before, after) == (120, 120) == _difflib_changed(before, after)
    assert _sides(before, after) == (before.splitlines(), after.splitlines())


def test_a_gap_too_large_for_difflib_is_shown_whole_and_nothing_is_lost() -> None:
    # No line is unique in either text and no head or tail is shared: one gap, far past
    # GAP_WORK, which is shown as removed then added lines.
    before = "x\n" + "}\n" * 400 + "]\n" * 400
    after = "y\n" + "]\n" * 400 + "}\n" * 400
    assert GAP_WORK < 801 * 801
    assert _sides(before, after) == (before.splitlines(), after.splitlines())


LINES = ["{", "}", "a", "b", '"Sid": "S1"', '"Sid": "S2"', "]"]
lines = st.lists(st.sampled_from(LINES), max_size=30)


@given(lines, lines)
def test_any_two_texts_come_back_whole_from_the_rows(a: list[str], b: list[str]) -> None:
    before, after = "\n".join(a), "\n".join(b)
    assert _sides(before, after) == (before.splitlines(), after.splitlines())
