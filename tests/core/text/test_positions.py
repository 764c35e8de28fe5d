"""Offsets to line and column: a range's two ends as a finding shows them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from editor.core.text.positions import LineIndex

TEXT = '{\n  "a": 1,\r\n  "b": [\n\n  ]\n}'


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (0, 1, (1, 1, 1, 2)),  # the opening brace
        (4, 7, (2, 3, 2, 6)),  # "a" on line 2
        (11, 12, (2, 10, 2, 11)),  # the CR belongs to the line it ends
        (13, 13, (3, 1, 3, 1)),  # empty, at a line's start
        (12, 13, (2, 11, 3, 1)),  # the LF itself: its end is the next line's start
        (15, 25, (3, 3, 5, 3)),  # over an empty line
        (len(TEXT) - 1, len(TEXT), (6, 1, 6, 2)),  # the last character
    ],
)
def test_a_range_gives_the_lines_and_columns_an_editor_shows(
    start: int, end: int, expected: tuple[int, int, int, int]
) -> None:
    assert LineIndex(TEXT).span(start, end) == expected


@given(st.text(alphabet="ab\n\r", max_size=40), st.data())
def test_a_range_agrees_with_its_two_ends_one_at_a_time(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    index = LineIndex(text)
    assert index.span(start, end) == index.position(start) + index.position(end)
