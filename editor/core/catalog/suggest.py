"""Did-you-mean: the one intended name for a misspelt one, or None when it is not clear."""

from __future__ import annotations

from collections.abc import Iterable


def closest(name: str, choices: Iterable[str], cutoff: float = 0.8) -> str | None:
    import difflib  # only a misspelling gets here: keep it off the start-up path

    options = list(choices)
    lowered = name.lower()
    for option in options:
        if option.lower() == lowered:
            return option
    by_lower = {o.lower(): o for o in options}
    matches = difflib.get_close_matches(lowered, list(by_lower), n=2, cutoff=cutoff)
    if not matches:
        return None
    if len(matches) == 2:
        # Two near names: suggest only when the first is clearly nearer.
        first, second = (difflib.SequenceMatcher(None, lowered, m).ratio() for m in matches)
        if first - second < 0.05:
            return None
    return by_lower[matches[0]]
