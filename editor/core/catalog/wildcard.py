"""IAM wildcard matching: `*` and `?` in actions and ARNs, and ARN patterns vs ARN templates.

An IAM `*` matches any run of characters, `/` included; `?` matches one character. A policy
variable such as `${aws:username}` stands for one value that holds no `/`.
"""

from __future__ import annotations

import re
from functools import lru_cache

_PIECE = re.compile(r"\$\{[^}]*\}|\*|\?|.", re.S)
_WILD_START = re.compile(r"[*?]|\$\{")


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


class _Glob:
    """A policy pattern as an automaton whose states are the bits of an int: state i is "the
    first i tokens are matched". Tokens: a literal character, `?` (any one), `*` (any run),
    and a policy variable, which is one non-slash character followed by a non-slash run.
    Sets of states move together, so one step costs a few integer operations whatever the
    pattern holds: no backtracking, and no product of automata to walk.
    """

    __slots__ = (
        "accept",
        "any_one",
        "id_one",
        "literal",
        "loop",
        "non_slash_loop",
        "non_slash_one",
    )

    def __init__(self, pattern: str) -> None:
        self.literal: dict[str, int] = {}  # character -> tokens that are that character
        self.any_one = self.non_slash_one = self.loop = self.non_slash_loop = 0
        bit = 1
        for piece in _PIECE.findall(pattern):
            if piece == "*":
                self.loop |= bit
            elif piece == "?":
                self.any_one |= bit
            elif piece.startswith("${") and len(piece) > 3:
                self.non_slash_one |= bit
                bit <<= 1
                self.non_slash_loop |= bit
            else:
                self.literal[piece] = self.literal.get(piece, 0) | bit
            bit <<= 1
        self.accept = bit  # every token matched
        # Tokens that can read some character of an ID (anything but "/").
        self.id_one = self.any_one | self.non_slash_one
        for char, bits in self.literal.items():
            if char != "/":
                self.id_one |= bits

    def close(self, states: int) -> int:
        """Add the states reached by letting runs (`*`, a variable's tail) match nothing."""
        runs = self.loop | self.non_slash_loop
        while True:
            more = states | ((states & runs) << 1)
            if more == states:
                return states
            states = more

    def step(self, states: int, char: str) -> int:
        """The states after reading `char`."""
        one = self.any_one | self.literal.get(char, 0)
        stay = self.loop
        if char != "/":
            one |= self.non_slash_one
            stay |= self.non_slash_loop
        return self.close(((states & one) << 1) | (states & stay))

    def step_id(self, states: int) -> int:
        """The states after reading some ID of a template: one or more non-slash characters,
        chosen freely (the union over every such ID)."""
        one = self.id_one
        stay = self.loop | self.non_slash_loop
        reached = 0
        frontier = states
        while True:
            after = self.close(((frontier & one) << 1) | (frontier & stay))
            if after | reached == reached:
                return reached
            reached |= after
            frontier = after


@lru_cache(maxsize=1024)
def _glob(pattern: str) -> _Glob:
    """Built once per pattern: a pattern is tried against every resource type's template."""
    return _Glob(pattern)


def _meets(pattern: str, template: str) -> bool:
    """Whether some string matches the glob `pattern` and has the form of `template`, whose
    `${...}` stand for IDs (one or more non-slash characters)."""
    glob = _glob(pattern)
    states = glob.close(1)
    for piece in _template_pieces(template):
        states = glob.step_id(states) if piece is None else glob.step(states, piece)
        if not states:
            return False
    return bool(states & glob.accept)


@lru_cache(maxsize=8192)
def pattern_meets_template(pattern: str, template: str) -> bool:
    """Whether some ARN both matches the policy's `pattern` and has the form of `template`.

    `arn:aws:chime:*:*:app-instance/*` meets the channel template; `.../user/u1` does not.
    """
    return PatternFields(pattern).meets(template)


class PatternFields:
    """A policy's ARN pattern split once, to be tried against many templates: the templates
    of one service share their first five fields, which are then compared only once."""

    __slots__ = ("_checked", "_starts", "fields", "literal", "pattern")

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self.literal = not ("*" in pattern or "?" in pattern or "${" in pattern)
        self.fields = pattern.split(":", 5)
        self._checked: dict[tuple[str, ...], bool] = {}  # first five template fields -> meet
        self._starts: dict[str, str] = {}  # the part compared -> its literal start

    def meets(self, template: str) -> bool:
        heads, form, resource_head, form_head = _template_parts(template)
        pattern = self.pattern
        by_field = heads is not None and len(self.fields) == 6
        if by_field:
            # IAM matches an ARN field by field: a wildcard in the region stays in the region.
            pattern, template, form_head = self.fields[5], form, resource_head
        # The resource part first, the cheap refusal of most templates: the literal starts
        # must agree (`app-instance/...` vs `meeting/${MeetingId}`).
        head_text = self._starts.get(pattern)
        if head_text is None:
            head_text = self._starts[pattern] = pattern if self.literal else literal_start(pattern)
        if self.literal:
            if not pattern.startswith(form_head):
                return False
        elif not (head_text.startswith(form_head) or form_head.startswith(head_text)):
            return False
        if by_field:
            assert heads is not None
            if not self.head_meets(heads):
                return False
        if self.literal:
            # One field at a time: the template's regex never spans a ":" it could split.
            return _template_regex(template).fullmatch(pattern) is not None
        if len(head_text) == len(pattern) - 1 and pattern[-1] == "*":
            fits = _prefix_fits(head_text, template)  # `.../channel/*`, the usual wildcard
            if fits is not None:
                return fits
        return _meets(pattern, template)

    def head_meets(self, heads: tuple[str, ...]) -> bool:
        """Whether the pattern's first five fields meet a template's (`arn`,
        `${Partition}`, `chime` ...): asked once per distinct set of them."""
        ok = self._checked.get(heads)
        if ok is None:
            ok = self._checked[heads] = self._head_meets(heads)
        return ok

    def _head_meets(self, forms: tuple[str, ...]) -> bool:
        for field, form in zip(self.fields[:5], forms, strict=True):
            if form.startswith("${"):
                if not field or (self.literal and "/" in field):
                    return False  # the template's field holds a value; this one is empty
            elif field != form and (self.literal or not wildcard_match(_field_glob(field), form)):
                return False
        return True


def literal_start(pattern: str) -> str:
    """The start of a pattern before its first `*`, `?` or `${`."""
    if not ("*" in pattern or "?" in pattern or "$" in pattern):
        return pattern  # the usual resource part: no wildcard, no variable
    return _WILD_START.split(pattern, maxsplit=1)[0]


def _prefix_fits(head: str, template: str) -> bool | None:
    """Whether some string of the template's form starts with the literal `head` (so that
    `head*` meets the template), in one walk; None when the walk cannot decide: an ID of the
    template followed by anything but "/" or the end, where taking the longest run of
    non-slash characters for the ID might be wrong."""
    pieces = _template_pieces(template)
    at = 0
    for i, piece in enumerate(pieces):
        if at == len(head):
            return True  # the star covers the rest of the template
        if piece is not None:
            if head[at] != piece:
                return False
            at += 1
            continue
        if i + 1 < len(pieces) and pieces[i + 1] != "/":
            return None
        if head[at] == "/":
            return False  # an ID takes at least one character
        slash = head.find("/", at)
        at = len(head) if slash < 0 else slash
    return at == len(head)


@lru_cache(maxsize=256)
def _template_parts(template: str) -> tuple[tuple[str, ...] | None, str, str, str]:
    """(its first five fields, or None when it has not six; its resource field; the literal
    start, before the first ${...}, of that field and of the whole template)."""
    whole_head = template.split("${", 1)[0]
    forms = template.split(":", 5)
    if len(forms) != 6:
        return None, template, whole_head, whole_head
    return tuple(forms[:5]), forms[5], forms[5].split("${", 1)[0], whole_head


@lru_cache(maxsize=256)
def _template_pieces(template: str) -> tuple[str | None, ...]:
    """A template's characters, with None for each `${...}` (an ID)."""
    return tuple(
        None if p.startswith("${") else p for p in re.findall(r"\$\{\w+\}|.", template, re.S)
    )


@lru_cache(maxsize=256)
def _template_regex(template: str) -> re.Pattern[str]:
    parts = re.split(r"(\$\{\w+\})", template)
    return re.compile("".join("[^/]+" if p.startswith("${") else re.escape(p) for p in parts))
