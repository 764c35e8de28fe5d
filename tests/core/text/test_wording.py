"""Counts read as English: one action, two actions; one entry, two entries."""

import pytest

from editor.core.text.wording import counted


@pytest.mark.parametrize(
    ("n", "noun", "plural", "said"),
    [
        (0, "action", None, "0 actions"),
        (1, "action", None, "1 action"),
        (2, "action", None, "2 actions"),
        (1, "line", None, "1 line"),
        (1_703, "line", None, "1,703 lines"),
        (1, "over-broad entry", "over-broad entries", "1 over-broad entry"),
        (3, "over-broad entry", "over-broad entries", "3 over-broad entries"),
    ],
)
def test_counted(n: int, noun: str, plural: str | None, said: str) -> None:
    assert counted(n, noun, plural) == said
