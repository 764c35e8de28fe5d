"""IAM wildcard matching: `*` and `?` in actions and ARNs, and ARN patterns vs ARN templates.

An IAM `*` matches any run of characters, `/` included; `?` matches one character. A policy
variable such as `${aws:username}` stands for one value that holds no `/`.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Character classes of one step of a pattern.
_ANY = "any"  # any character
_NONSLASH = "nonslash"  # any character but "/"

_PIECE = re.compile(r"\$\{[^}]*\}|\*|\?|.", re.S)


def wildcard_match(pattern: str, text: str) -> bool:
    """Whether `text` matches `pattern`, where `*` stands for any run of characters and `?`
    for one (case-sensitive). No regex is built from the pattern and nothing backtracks: the
    pattern's pieces between stars are found left to right, each at its first place, which is
    enough for `*` (Cox, "Glob matching can be simple and fast too"). Time is linear in the
    text for a pattern of fixed size, so `chime:*******x` costs what `chime:*x` costs.
    """
    if "*" not in pattern:
        return len(pattern) == len(text) and _piece_at(pattern, text, 0)
    pieces = pattern.split("*")
    head, tail = pieces[0], pieces[-1]
    if len(head) + len(tail) > len(text):
        return False
    if not _piece_at(head, text, 0) or not _piece_at(tail, text, len(text) - len(tail)):
        return False
    pos, stop = len(head), len(text) - len(tail)
    for piece in pieces[1:-1]:
        if not piece:
            continue
        found = _find_piece(piece, text, pos, stop)
        if found < 0:
            return False
        pos = found + len(piece)
    return True


def _piece_at(piece: str, text: str, at: int) -> bool:
    """Whether `piece` (literal characters and `?`) matches text at offset `at`."""
    if "?" not in piece:
        return text.startswith(piece, at)
    if at < 0 or at + len(piece) > len(text):
        return False
    return all(p == "?" or p == c for p, c in zip(piece, text[at : at + len(piece)], strict=True))


def _find_piece(piece: str, text: str, start: int, stop: int) -> int:
    """The first offset in text[start:stop] where `piece` matches, or -1."""
    if "?" not in piece:
        return text.find(piece, start, stop)
    # Anchor on the piece's longest literal run, then check the rest at each place it occurs.
    runs = piece.split("?")
    longest = max(range(len(runs)), key=lambda i: len(runs[i]))
    offset = sum(len(r) + 1 for r in runs[:longest])  # where that run sits in the piece
    run = runs[longest]
    at = start + offset
    while at + len(piece) - offset <= stop:
        at = text.find(run, at, stop) if run else at
        if at < 0 or at - offset + len(piece) > stop:
            return -1
        if _piece_at(piece, text, at - offset):
            return at - offset
        at += 1
    return -1


def action_matches(pattern: str, name: str) -> bool:
    """Whether the action `name` matches the action pattern (`chime:List*`); IAM ignores the
    case of action names."""
    return wildcard_match(pattern.lower(), name.lower())


def _field_glob(field: str) -> str:
    """One ARN field of a policy as a plain glob: a policy variable stands for one or more
    characters (`?*`)."""
    if "${" not in field:
        return field
    return "".join("?*" if p.startswith("${") and len(p) > 3 else p for p in _PIECE.findall(field))


def has_wildcard(text: str) -> bool:
    return "*" in text or "?" in text


# A pattern as a list of steps: (class or literal char, repeats). repeats: "1" exactly once,
# "*" zero or more, "+" one or more.
Step = tuple[str, str]


def _glob_steps(pattern: str) -> tuple[Step, ...]:
    steps: list[Step] = []
    for piece in _PIECE.findall(pattern):
        if piece == "*":
            steps.append((_ANY, "*"))
        elif piece == "?":
            steps.append((_ANY, "1"))
        elif piece.startswith("${") and len(piece) > 3:
            steps.append((_NONSLASH, "+"))
        else:
            steps.append(("=" + piece, "1"))
    return tuple(steps)


def _template_steps(template: str) -> tuple[Step, ...]:
    steps: list[Step] = []
    for piece in re.findall(r"\$\{\w+\}|.", template, re.S):
        steps.append((_NONSLASH, "+") if piece.startswith("${") else ("=" + piece, "1"))
    return tuple(steps)


def _compatible(a: str, b: str) -> bool:
    if a.startswith("=") and b.startswith("="):
        return a == b
    if a.startswith("="):
        a, b = b, a
    # a is a class now
    if b.startswith("="):
        return a == _ANY or b != "=/"
    return True


State = tuple[int, bool]  # (step index, whether a "+" step has matched once already)
Moves = dict[State, tuple[str, tuple[State, ...]]]  # state -> (class consumed, next states)


def _moves(steps: tuple[Step, ...]) -> tuple[frozenset[State], Moves]:
    """The automaton of `steps` as a table: its start states, and for every state the class of
    character it consumes with the states that follow (epsilon moves already taken)."""

    def closure(state: State) -> frozenset[State]:
        out = {state}
        index, seen_one = state
        while index < len(steps):
            _, repeat = steps[index]
            if not (repeat == "*" or (repeat == "+" and seen_one)):
                break
            index, seen_one = index + 1, False
            out.add((index, seen_one))
        return frozenset(out)

    table: Moves = {}
    for index, (cls, repeat) in enumerate(steps):
        for seen_one in (False, True):
            after = (index + 1, False) if repeat == "1" else (index, True)
            table[(index, seen_one)] = (cls, tuple(closure(after)))
    return closure((0, False)), table


@lru_cache(maxsize=8192)
def pattern_meets_template(pattern: str, template: str) -> bool:
    """Whether some ARN both matches the policy's `pattern` and has the form of `template`.

    `arn:aws:chime:*:*:app-instance/*` meets the channel template; `.../user/u1` does not.
    """
    if not ("*" in pattern or "?" in pattern or "${" in pattern):
        return _template_regex(template).fullmatch(pattern) is not None
    fields, forms = pattern.split(":", 5), template.split(":", 5)
    if len(fields) == 6 == len(forms):
        # IAM matches an ARN field by field: a wildcard in the region stays in the region.
        for field, form in zip(fields[:5], forms[:5], strict=True):
            if form.startswith("${"):
                if not field:
                    return False  # the template's field holds a value; this one is empty
            elif not wildcard_match(_field_glob(field), form):
                return False
        pattern, template = fields[5], forms[5]
    # Cheap refusal first: the literal starts must agree (`app-instance/` vs `meeting/`).
    head = re.split(r"[*?]|\$\{", pattern, maxsplit=1)[0]
    form_head = template.split("${", 1)[0]
    if not (head.startswith(form_head) or form_head.startswith(head)):
        return False
    return _product_walk(pattern, template)


@lru_cache(maxsize=256)
def _template_regex(template: str) -> re.Pattern[str]:
    parts = re.split(r"(\$\{\w+\})", template)
    return re.compile("".join("[^/]+" if p.startswith("${") else re.escape(p) for p in parts))


@lru_cache(maxsize=1024)
def _glob_moves(pattern: str) -> tuple[frozenset[State], Moves]:
    return _moves(_glob_steps(pattern))


@lru_cache(maxsize=256)
def _template_moves(template: str) -> tuple[frozenset[State], Moves]:
    return _moves(_template_steps(template))


def _product_walk(pattern: str, template: str) -> bool:
    """Both are small automata; walk their product looking for a common accepted string."""
    a_start, a_moves = _glob_moves(pattern)
    b_start, b_moves = _template_moves(template)
    a_end, b_end = len(a_moves) // 2, len(b_moves) // 2  # two table rows per step
    seen: set[tuple[State, State]] = set()
    todo = [(x, y) for x in a_start for y in b_start]
    while todo:
        pair = todo.pop()
        if pair in seen:
            continue
        seen.add(pair)
        x, y = pair
        if x[0] == a_end and y[0] == b_end:
            return True
        if x[0] == a_end or y[0] == b_end:
            continue
        cls_a, a_next = a_moves[x]
        cls_b, b_next = b_moves[y]
        if _compatible(cls_a, cls_b):
            todo.extend((x2, y2) for x2 in a_next for y2 in b_next)
    return False
