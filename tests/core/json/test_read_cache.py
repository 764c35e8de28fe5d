"""The reader's cache of recent texts: shared results for one edit's readers, bounded by
characters as well as count (1 MB policies held sixteen at a time took ~65 MB)."""

from __future__ import annotations

import json

import pytest

from editor.core.json.read import CACHE_CHARS, CACHE_TEXTS, read_json


def policy(chars: int, tag: str) -> str:
    """A valid policy of about `chars` characters, different for each tag."""
    statement = {"Sid": tag, "Effect": "Allow", "Action": "chime:Connect", "Resource": "*"}
    one = len(json.dumps(statement)) + 2
    return json.dumps({"Version": "2012-10-17", "Statement": [statement] * (chars // one)})


@pytest.fixture(autouse=True)
def empty_cache():
    read_json.cache_clear()
    yield
    read_json.cache_clear()


def test_one_edit_reads_its_text_once() -> None:
    text = policy(5_000, "A")
    assert read_json(text) is read_json(text)


@pytest.mark.parametrize(
    ("size", "count"),
    [
        (6_000, CACHE_TEXTS + 4),  # IAM-sized policies: bounded by their number
        (1_000_000, 5),  # 1 MB policies: bounded by their characters
    ],
)
def test_the_cache_stays_within_its_bounds(size: int, count: int) -> None:
    texts = [policy(size, f"S{k}") for k in range(count)]
    results = [read_json(t) for t in texts]
    held_texts, held_chars = read_json.held()
    assert held_texts <= CACHE_TEXTS
    assert held_chars <= CACHE_CHARS
    assert read_json(texts[-1]) is results[-1]  # the newest is still there
    assert read_json(texts[0]) is not results[0]  # the oldest went, and is read anew
    assert read_json(texts[0]).root is not None


def test_a_text_over_the_bound_is_kept_alone() -> None:
    big = policy(CACHE_CHARS + 10_000, "B")
    first = read_json(big)
    assert read_json(big) is first
    assert read_json.held() == (1, len(big))
