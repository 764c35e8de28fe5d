"""Find and replace in a text: literal matches (never a pattern built from what the user typed),
optionally ignoring case, wrapping around the ends.

Offsets are Python string offsets, as everywhere in the core; each search is one linear pass.
"""

from __future__ import annotations

from typing import NamedTuple

from editor.core.text.findings import TextEdit


class Match(NamedTuple):
    start: int
    end: int
    wrapped: bool  # found only by continuing from the other end of the text


def _folded(text: str, needle: str, case_sensitive: bool) -> tuple[str, str]:
    """The text and needle to compare, with offsets that still index the original text."""
    if case_sensitive:
        return text, needle
    low_text, low_needle = text.lower(), needle.lower()
    if len(low_text) == len(text) and len(low_needle) == len(needle):
        return low_text, low_needle  # lower() never shortens a character: same offsets
    # A character that lowers to two ("İ"): fold character by character, keeping it as is.
    return _fold_each(text), _fold_each(needle)


def _fold_each(text: str) -> str:
    return "".join(c if len(low := c.lower()) != 1 else low for c in text)


def find(
    text: str, needle: str, start: int, *, backward: bool = False, case_sensitive: bool = False
) -> Match | None:
    """The next match at or after `start` (forward) or ending at or before it (backward),
    wrapping around once; None when the needle occurs nowhere."""
    if not needle:
        return None
    haystack, target = _folded(text, needle, case_sensitive)
    start = max(0, min(start, len(text)))
    if backward:
        at = haystack.rfind(target, 0, start)
        wrapped = at < 0
        if wrapped:
            at = haystack.rfind(target, max(0, start - len(target) + 1))
    else:
        at = haystack.find(target, start)
        wrapped = at < 0
        if wrapped:
            at = haystack.find(target, 0, start + len(target) - 1)
    if at < 0:
        return None
    return Match(at, at + len(needle), wrapped)


def find_all(text: str, needle: str, *, case_sensitive: bool = False) -> list[tuple[int, int]]:
    """Every non-overlapping match, left to right."""
    if not needle:
        return []
    haystack, target = _folded(text, needle, case_sensitive)
    spans = []
    at = haystack.find(target)
    while at >= 0:
        spans.append((at, at + len(needle)))
        at = haystack.find(target, at + len(needle))
    return spans


def replace_all_edits(
    text: str, needle: str, replacement: str, *, case_sensitive: bool = False
) -> list[TextEdit]:
    """One edit per match: applied together they are one undoable Replace all."""
    return [
        TextEdit(s, e, replacement)
        for s, e in find_all(text, needle, case_sensitive=case_sensitive)
    ]


def matches_at(text: str, needle: str, start: int, end: int, *, case_sensitive: bool) -> bool:
    """Whether text[start:end] is a match (the selection Replace would replace)."""
    if not needle or end - start != len(needle):
        return False
    folded_found, folded_needle = _folded(text[start:end], needle, case_sensitive)
    return folded_found == folded_needle
