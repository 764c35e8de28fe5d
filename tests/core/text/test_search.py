"""Find and replace on plain text: literal, case-folding, wrapping, offsets into the original."""

import pytest

from editor.core.text.findings import TextEdit, apply_edits
from editor.core.text.search import Match, find, find_all, matches_at, replace_all_edits

TEXT = '{"Action": ["chime:Connect", "chime:connect", "CHIME:List*"]}'


@pytest.mark.parametrize(
    ("needle", "start", "backward", "case", "expected"),
    [
        # forward from the start: the first occurrence, ignoring case by default
        ("chime:", 0, False, False, Match(13, 19, False)),
        # forward past the last one wraps to the first
        ("chime:", 50, False, False, Match(13, 19, True)),
        # case-sensitive skips the upper-case one and wraps to the first
        ("chime:", 30, False, True, Match(30, 36, False)),
        ("chime:", 31, False, True, Match(13, 19, True)),
        ("CHIME", 0, False, True, Match(47, 52, False)),
        # backward: the match that ends at or before `start`
        ("chime:", 46, True, False, Match(30, 36, False)),
        ("chime:", 12, True, False, Match(47, 53, True)),
        # a single occurrence found from inside itself wraps to itself
        ("List*", 54, False, False, Match(53, 58, True)),
        # no match anywhere, and an empty needle, find nothing
        ("chime:Send", 0, False, False, None),
        ("", 0, False, False, None),
        # the needle is literal: regex characters mean themselves
        ("*", 0, False, False, Match(57, 58, False)),
        (".", 0, False, False, None),
    ],
)
def test_find(needle, start, backward, case, expected) -> None:
    assert find(TEXT, needle, start, backward=backward, case_sensitive=case) == expected


def test_offsets_index_the_original_text_when_lowering_changes_lengths() -> None:
    text = "İstanbul: chime:Connect, CHIME:x"  # "İ".lower() is two characters
    spans = find_all(text, "chime:")
    assert [text[s:e] for s, e in spans] == ["chime:", "CHIME:"]


def test_replace_all_is_one_edit_per_match_and_keeps_the_rest() -> None:
    edits = replace_all_edits(TEXT, "chime:connect", "chime:Connect")
    assert len(edits) == 2
    assert apply_edits(TEXT, edits) == TEXT.replace("chime:connect", "chime:Connect")
    assert replace_all_edits(TEXT, "chime:connect", "x", case_sensitive=True) == [
        TextEdit(30, 43, "x")
    ]


def test_overlapping_occurrences_are_replaced_left_to_right_once() -> None:
    assert apply_edits("aaaa", replace_all_edits("aaaa", "aa", "b")) == "bb"
    assert apply_edits("aaa", replace_all_edits("aaa", "aa", "b")) == "ba"


@pytest.mark.parametrize(
    ("start", "end", "case", "expected"),
    [(13, 26, False, True), (30, 43, False, True), (30, 43, True, False), (13, 25, False, False)],
)
def test_matches_at(start, end, case, expected) -> None:
    assert matches_at(TEXT, "chime:Connect", start, end, case_sensitive=case) is expected


def test_find_is_linear_on_a_long_text() -> None:
    # A text of near-misses: a backtracking search would take quadratic time here.
    text = "a" * 200_000
    assert find(text, "a" * 1000 + "b", 0) is None
    assert find_all(text, "aab") == []
