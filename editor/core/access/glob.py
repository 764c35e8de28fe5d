"""IAM wildcards in linear time: `*` (any run of characters) and `?` (one character).

A pattern is cut at its stars into segments; the first segment must start the text, the last
must end it, and each middle one is found at its leftmost place after the previous one. That
greedy choice is always right for `*`-globs, so no step is ever undone: no backtracking, and
no regular expression is built from policy text.

Policy variables (`${aws:username}`, `${aws:PrincipalTag/team, 'none'}`) are tokens of their
own: their value, once known, is literal text (a `*` in a user name matches only a `*`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

ANY_ONE = "?"

# A token: a literal string, "*" (STAR), "?" (ONE), or a Variable.
STAR = object()
ONE = object()


@dataclass(frozen=True, slots=True)
class Variable:
    key: str  # lower-cased: context keys are case-insensitive
    default: str | None
    # As the policy writes it (`AWS::Region` of a template's symbol): what an example shows
    written: str = field(default="", compare=False)


Token = str | object  # a literal str, STAR, ONE or a Variable
Resolver = Callable[[Variable], str | None]


def tokenize(pattern: str, variables: bool) -> tuple[Token, ...]:
    """Tokens of a pattern; `${...}` is a variable only when `variables` (policy version
    2012-10-17: older versions read it as text). `${*}`, `${?}`, `${$}` are escapes."""
    tokens: list[Token] = []
    literal: list[str] = []
    i, n = 0, len(pattern)
    while i < n:
        char = pattern[i]
        if char == "$" and variables and pattern.startswith("${", i):
            close = pattern.find("}", i + 2)
            if close != -1:
                inner = pattern[i + 2 : close]
                if inner in ("*", "?", "$"):
                    literal.append(inner)
                else:
                    if literal:
                        tokens.append("".join(literal))
                        literal = []
                    tokens.append(_variable(inner))
                i = close + 1
                continue
        if char in "*?":
            if literal:
                tokens.append("".join(literal))
                literal = []
            tokens.append(STAR if char == "*" else ONE)
        else:
            literal.append(char)
        i += 1
    if literal:
        tokens.append("".join(literal))
    return tuple(tokens)


def _variable(inner: str) -> Variable:
    key, comma, rest = inner.partition(",")
    default = None
    if comma:
        rest = rest.strip()
        if len(rest) >= 2 and rest[0] == rest[-1] == "'":
            default = rest[1:-1]
    return Variable(key.strip().lower(), default, key.strip())


def has_variables(tokens: tuple[Token, ...]) -> bool:
    return any(isinstance(t, Variable) for t in tokens)


def resolve(tokens: tuple[Token, ...], lookup: Resolver) -> tuple[Token, ...] | None:
    """Tokens with every variable replaced by its literal value; None when one has no value
    and no default (the pattern then matches nothing)."""
    out: list[Token] = []
    for token in tokens:
        if isinstance(token, Variable):
            value = lookup(token)
            if value is None:
                value = token.default
            if value is None:
                return None
            token = value
        if isinstance(token, str) and out and isinstance(out[-1], str):
            out[-1] = out[-1] + token
        else:
            out.append(token)
    return tuple(out)


# A segment between stars: literal text, with the positions that are `?` (any one character).
Segment = tuple[str, tuple[int, ...]]


@dataclass(frozen=True, slots=True)
class Glob:
    """A compiled pattern: its segments and whether stars come between them."""

    segments: tuple[Segment, ...]  # with no star: exactly one segment
    starred: bool
    exact: str | None  # the whole pattern when it has no wildcard at all

    def matches(self, text: str) -> bool:
        if self.exact is not None:
            return text == self.exact
        segments = self.segments
        if not self.starred:
            seg = segments[0]
            return len(text) == len(seg[0]) and _at(seg, text, 0)
        first, last = segments[0], segments[-1]
        start, end = len(first[0]), len(text) - len(last[0])
        if end < start or not _at(first, text, 0) or not _at(last, text, end):
            return False
        for seg in segments[1:-1]:
            found = _find(seg, text, start, end)
            if found < 0:
                return False
            start = found + len(seg[0])
        return True

    @property
    def matches_everything(self) -> bool:
        return self.starred and all(not s[0] for s in self.segments)


def _at(seg: Segment, text: str, pos: int) -> bool:
    literal, wild = seg
    if not wild:
        return text.startswith(literal, pos)
    if pos + len(literal) > len(text):
        return False
    return all(i in wild or text[pos + i] == char for i, char in enumerate(literal))


def _find(seg: Segment, text: str, start: int, end: int) -> int:
    """Leftmost place of `seg` in text[start:end]: str.find when it has no `?`, else a scan
    (its length times the window's, never exponential)."""
    literal, wild = seg
    if not wild:
        return text.find(literal, start, end)
    for pos in range(start, end - len(literal) + 1):
        if _at(seg, text, pos):
            return pos
    return -1


def compile_tokens(tokens: tuple[Token, ...], fold: bool = False) -> Glob:
    """A Glob of variable-free tokens; `fold` lower-cases it (action names)."""
    segments: list[Segment] = []
    literal: list[str] = []
    wild: list[int] = []
    starred = False
    plain = True
    for token in tokens:
        if token is STAR:
            segments.append(("".join(literal), tuple(wild)))
            literal, wild, starred, plain = [], [], True, False
        elif token is ONE:
            wild.append(sum(map(len, literal)))
            literal.append(ANY_ONE)
            plain = False
        else:
            assert isinstance(token, str), "resolve variables before compiling"
            literal.append(token.lower() if fold else token)
    segments.append(("".join(literal), tuple(wild)))
    exact = segments[0][0] if plain else None
    return Glob(tuple(segments), starred, exact)


@lru_cache(maxsize=4096)
def glob(pattern: str, fold: bool = False) -> Glob:
    """A Glob of a pattern without policy variables (`*` and `?` only)."""
    return compile_tokens(tokenize(pattern, variables=False), fold)


@lru_cache(maxsize=4096)
def compile_resolved(tokens: tuple[Token, ...]) -> Glob:
    return compile_tokens(tokens)
