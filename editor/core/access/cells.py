"""Exact case analysis over patterns: which combinations of "matches / does not match" some
string can realize, each with an example string.

Every pattern (an ARN pattern or an action pattern) becomes a small automaton over whole
strings: in an ARN's first fields `*` and `?` do not cross a `:` (IAM matches field by field,
and a pattern's last field takes the rest of the ARN). The product of all the automata is
walked breadth-first; each reachable combination of accepting patterns is a *cell*, and the
walk's path to it is its example. The alphabet is the patterns' own characters plus one
character none of them uses, which stands for every other character: two strings that differ
only in such characters match the same patterns. So the cells found are all the cells there
are, and "NEW allows something OLD does not" is decided exactly, not sampled.

A policy variable is a symbol of its own: it equals itself and is matched by `*` only (a
value of several characters, never a `:`).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from editor.core.access.glob import ONE, STAR, Variable, tokenize

# Token kinds of the automaton.
LIT, ANY1, STAR_ANY = 0, 1, 2
Step = tuple[int, str, bool]  # (kind, literal symbol, crosses ":")
COLON = ":"
# Characters that may stand for "any other character" in an example (first unused one wins).
_SPARE = "xyzqkjw0123456789_-#~"
MAX_STATES = 200_000  # a bound on the walk; beyond it the answer is marked inexact


@dataclass(frozen=True, slots=True)
class Cell:
    example: str
    matches: frozenset[int]  # indexes of the patterns the example matches


def _arn_steps(pattern: str, variables: bool, fold: bool) -> tuple[Step, ...]:
    if pattern == "*":
        return ((STAR_ANY, "", True),)
    tokens = tokenize(pattern.lower() if fold else pattern, variables)
    colons = sum(t.count(COLON) for t in tokens if isinstance(t, str))
    fields_left = min(colons, 5)  # separators before the last field
    steps: list[Step] = []
    for token in tokens:
        crosses = fields_left == 0
        if token is STAR:
            steps.append((STAR_ANY, "", crosses))
        elif token is ONE:
            steps.append((ANY1, "", crosses))
        elif isinstance(token, Variable):
            steps.append((LIT, f"\0{token.key}\0", False))
        else:
            assert isinstance(token, str)
            for char in token:
                steps.append((LIT, char, False))
                if char == COLON and fields_left:
                    fields_left -= 1
    return tuple(steps)


class _Automaton:
    __slots__ = ("end", "steps")

    def __init__(self, steps: tuple[Step, ...]) -> None:
        self.steps = steps
        self.end = len(steps)

    def closure(self, positions: frozenset[int]) -> frozenset[int]:
        out = set(positions)
        todo = list(positions)
        while todo:
            pos = todo.pop()
            if pos < self.end and self.steps[pos][0] == STAR_ANY and pos + 1 not in out:
                out.add(pos + 1)
                todo.append(pos + 1)
        return frozenset(out)

    def step(self, positions: frozenset[int], symbol: str) -> frozenset[int]:
        nxt: set[int] = set()
        is_var = len(symbol) > 1
        for pos in positions:
            if pos == self.end:
                continue
            kind, lit, crosses = self.steps[pos]
            if kind == LIT:
                if lit == symbol:
                    nxt.add(pos + 1)
            elif symbol == COLON and not crosses:
                continue
            elif kind == ANY1:
                if not is_var:
                    nxt.add(pos + 1)
            else:  # STAR_ANY stays
                nxt.add(pos)
        return self.closure(frozenset(nxt)) if nxt else frozenset()


@dataclass(frozen=True, slots=True)
class CellResult:
    cells: tuple[Cell, ...]
    exact: bool


def cells(
    patterns: Sequence[str], variables: bool = True, fold: bool = False, accounts: bool = False
) -> CellResult:
    """Every realizable combination of the patterns' matches, with an example each;
    `accounts`: the ARNs have an account field, so an example leaves none empty."""
    automata = [_Automaton(_arn_steps(p, variables, fold)) for p in patterns]
    spelt = _spellings(patterns, variables)
    symbols = sorted({s[1] for a in automata for s in a.steps if s[0] == LIT} | {COLON})
    used = {c for s in symbols for c in s}
    spare = next((c for c in _SPARE if c not in used), "\x01")
    alphabet = [*symbols, spare]
    start = tuple(a.closure(frozenset({0})) for a in automata)
    seen = {start: ""}
    found: dict[frozenset[int], str] = {}
    queue = deque([start])
    exact = True
    while queue:
        state = queue.popleft()
        text = seen[state]
        vector = _accepting(automata, state)
        if vector not in found:
            example = _with_an_id(automata, state, text, vector, spare)
            found[vector] = _with_an_account(automata, example, vector) if accounts else example
        for symbol in alphabet:
            nxt = tuple(a.step(s, symbol) for a, s in zip(automata, state, strict=True))
            if nxt not in seen:
                if len(seen) >= MAX_STATES:
                    exact = False
                    break
                seen[nxt] = text + symbol
                queue.append(nxt)
    out = tuple(Cell(_printable(text, spelt), vector) for vector, text in found.items())
    return CellResult(out, exact)


def _accepting(automata: Sequence[_Automaton], state: tuple[frozenset[int], ...]) -> frozenset[int]:
    return frozenset(i for i, (a, s) in enumerate(zip(automata, state, strict=True)) if a.end in s)


def _with_an_id(
    automata: Sequence[_Automaton],
    state: tuple[frozenset[int], ...],
    text: str,
    vector: frozenset[int],
    spare: str,
) -> str:
    """The shortest example of `channel/*` is `channel/`: an ARN with an empty ID, which no
    reader takes for a channel. One more ordinary character is a real ID, when it keeps the
    example in the same cell."""
    if not text.endswith(("/", ":")):
        return text
    longer = tuple(a.step(s, spare) for a, s in zip(automata, state, strict=True))
    return text + spare if _accepting(automata, longer) == vector else text


# AWS's documentation accounts: an example ARN's account when its patterns leave it open.
_ACCOUNTS = ("111122223333", "123456789012")


def _with_an_account(automata: Sequence[_Automaton], text: str, vector: frozenset[int]) -> str:
    """The shortest example of `arn:aws:iam::*:user/*` has an empty account,
    `arn:aws:iam:::user/x`, which reads as a mistake. A documentation account in its place
    is as good an example when the same patterns match it (then it is in the same cell)."""
    symbols = _symbols(text)
    colons = [i for i, symbol in enumerate(symbols) if symbol == COLON]
    if not text.startswith("arn:") or len(colons) < 5 or colons[4] != colons[3] + 1:
        return text
    for account in _ACCOUNTS:
        candidate = [*symbols[: colons[4]], *account, *symbols[colons[4] :]]
        state = tuple(a.closure(frozenset({0})) for a in automata)
        for symbol in candidate:
            state = tuple(a.step(s, symbol) for a, s in zip(automata, state, strict=True))
        if _accepting(automata, state) == vector:
            return "".join(candidate)
    return text


def _symbols(text: str) -> list[str]:
    """The walk's symbols: characters, and each variable (`\0key\0`) as one."""
    out: list[str] = []
    at = 0
    while at < len(text):
        if text[at] == "\0":
            end = text.index("\0", at + 1) + 1
            out.append(text[at:end])
            at = end
        else:
            out.append(text[at])
            at += 1
    return out


def _spellings(patterns: Sequence[str], variables: bool) -> dict[str, str]:
    """Each variable's key (lower-cased, as matching compares it) -> the first spelling the
    patterns write: an example shows `${AWS::Region}`, not `${aws::region}`."""
    spelt: dict[str, str] = {}
    if not variables:
        return spelt
    for pattern in patterns:
        if "${" in pattern:
            for token in tokenize(pattern, variables):
                if isinstance(token, Variable):
                    spelt.setdefault(token.key, token.written or token.key)
    return spelt


def _printable(text: str, spelt: Mapping[str, str]) -> str:
    """An example with each variable symbol written back as `${key}`, in the policy's case."""
    if "\0" not in text:
        return text
    parts = text.split("\0")
    return "".join(p if i % 2 == 0 else "${" + spelt.get(p, p) + "}" for i, p in enumerate(parts))
