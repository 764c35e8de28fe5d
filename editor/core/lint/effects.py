"""What an invalid Effect was meant to be, and whether Fix all may write it.

A fix that turns a statement meant to take access away into one that grants it is the worst
thing a repair can do: `"Effect": "Disallow"` read by similarity is closest to "Allow". So only
an unambiguous slip is a safe fix:
- the right word in the wrong case or with blanks around it (`allow`, `" Deny "`);
- one slip of a letter (one inserted, dropped, replaced or two swapped: `Alow`, `Allw`, `Dny`,
  `Dney`), in a word of letters only that starts with the right letter and holds no negation;
- a form of "deny" (`Denied`, `Denies`, `Denying`): a Deny can only take access away.
A word with anything else in it (`Allow?`, `Don't allow`, `Not Allow`), or holding a negation
(`Disallow`, `NotAllow`, `Unallow`, `Dissallow`, `Nonallow`), or more than one slip away
(`Allowance`) gets no safe fix: the user chooses. A negated "allow" is offered "Deny" as a
quick fix, which Fix all never applies.
"""

from __future__ import annotations

from typing import NamedTuple

EFFECTS = ("Allow", "Deny")
_NEGATIONS = ("not", "no", "non", "dis", "un", "dont", "never", "in")
_DENY_FORMS = frozenset(("denied", "denies", "denying"))


class EffectGuess(NamedTuple):
    effect: str  # "Allow" or "Deny"
    safe: bool  # whether Fix all may write it
    negated: bool  # the word negates "allow" (`Disallow`): the guess is its opposite


def guess_effect(written: str) -> EffectGuess | None:
    """The Effect `written` was meant to be, or None when nothing is clear."""
    word = written.strip()
    lowered = word.casefold()
    for effect in EFFECTS:
        if lowered == effect.casefold():
            return EffectGuess(effect, True, False)
    letters = "".join(c for c in lowered if c.isascii() and c.isalpha())
    negated = _negated(letters)
    if negated:
        if "allow" in letters or _one_slip(_strip_negation(letters), "allow"):
            return EffectGuess("Deny", False, True)
        return None  # `NotDeny`, `Undeny`: no guess at all
    plain = letters == lowered  # nothing but letters
    if plain and lowered in _DENY_FORMS:
        return EffectGuess("Deny", True, False)
    for effect in EFFECTS:
        if _one_slip(letters, effect.casefold()):
            # A letter put before "allow" (`Dallow`) may be what is left of a negation
            return EffectGuess(effect, plain and letters[0] == effect[0].lower(), False)
    if letters.startswith("allow") or letters.startswith("deny"):
        return EffectGuess("Allow" if letters.startswith("allow") else "Deny", False, False)
    return None


def _negated(letters: str) -> bool:
    """Whether the word holds a negation before or around "allow" / "deny"."""
    if "not" in letters or "dont" in letters or "never" in letters:
        return True
    stem = _strip_negation(letters)
    return stem != letters and (
        stem.startswith(("al", "ll", "de", "sal", "sallow")) or _one_slip(stem, "allow")
    )


def _strip_negation(letters: str) -> str:
    for prefix in sorted(_NEGATIONS, key=len, reverse=True):
        if letters.startswith(prefix):
            rest = letters[len(prefix) :]
            return rest[1:] if prefix == "dis" and rest.startswith("s") else rest
    return letters


def _one_slip(word: str, target: str) -> bool:
    """Whether `word` is `target` with one letter inserted, dropped or replaced, or two
    neighbours swapped (and is not `target` itself). Linear in the length."""
    if word == target or abs(len(word) - len(target)) > 1:
        return False
    i = 0
    while i < min(len(word), len(target)) and word[i] == target[i]:
        i += 1
    if len(word) == len(target):
        if word[i + 1 :] == target[i + 1 :]:
            return True  # replaced
        swapped = word[i : i + 2] == target[i : i + 2][::-1]
        return swapped and word[i + 2 :] == target[i + 2 :]
    if len(word) > len(target):
        return word[i + 1 :] == target[i:]  # one inserted
    return word[i:] == target[i + 1 :]  # one dropped
