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


@lru_cache(maxsize=4096)
def action_regex(pattern: str) -> re.Pattern[str]:
    """A case-insensitive regex for an action pattern such as `chime:List*`."""
    parts = []
    for piece in _PIECE.findall(pattern):
        parts.append(".*" if piece == "*" else "." if piece == "?" else re.escape(piece))
    return re.compile("".join(parts), re.I | re.S)


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


def _closure(steps: tuple[Step, ...], states: set[tuple[int, bool]]) -> set[tuple[int, bool]]:
    """Epsilon closure. A state is (step index, whether a "+" step has matched once already)."""
    out = set(states)
    todo = list(states)
    while todo:
        index, seen_one = todo.pop()
        if index < len(steps):
            _, repeat = steps[index]
            if repeat == "*" or (repeat == "+" and seen_one):
                nxt = (index + 1, False)
                if nxt not in out:
                    out.add(nxt)
                    todo.append(nxt)
    return out


def _advance(steps: tuple[Step, ...], state: tuple[int, bool]) -> tuple[str, tuple[int, bool]]:
    """The class consumed from `state`, and the state after consuming one character."""
    index, _ = state
    cls, repeat = steps[index]
    if repeat == "1":
        return cls, (index + 1, False)
    return cls, (index, True)  # "*" or "+": stay, having matched one


@lru_cache(maxsize=8192)
def pattern_meets_template(pattern: str, template: str) -> bool:
    """Whether some ARN both matches the policy's `pattern` and has the form of `template`.

    `arn:aws:chime:*:*:app-instance/*` meets the channel template; `.../user/u1` does not.
    """
    if not ("*" in pattern or "?" in pattern or "${" in pattern):
        return _template_regex(template).fullmatch(pattern) is not None
    fields, forms = pattern.split(":", 5), template.split(":", 5)
    if len(fields) == 6 == len(forms) and not any(has_wildcard(f) for f in fields[:5]):
        # Wildcards only in the resource part: the other fields must agree one by one.
        for field, form in zip(fields[:5], forms[:5], strict=True):
            if form.startswith("${") and field:
                continue
            if field != form and not field.startswith("${"):
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


def _product_walk(pattern: str, template: str) -> bool:
    """Both are small automata; walk their product looking for a common accepted string."""
    a, b = _glob_steps(pattern), _template_steps(template)
    start = (_closure(a, {(0, False)}), _closure(b, {(0, False)}))
    seen: set[tuple[tuple[int, bool], tuple[int, bool]]] = set()
    todo = [(x, y) for x in start[0] for y in start[1]]
    while todo:
        x, y = todo.pop()
        if (x, y) in seen:
            continue
        seen.add((x, y))
        if x[0] == len(a) and y[0] == len(b):
            return True
        if x[0] == len(a) or y[0] == len(b):
            continue
        cls_a, nx = _advance(a, x)
        cls_b, ny = _advance(b, y)
        if not _compatible(cls_a, cls_b):
            continue
        for x2 in _closure(a, {nx}):
            for y2 in _closure(b, {ny}):
                if (x2, y2) not in seen:
                    todo.append((x2, y2))
    return False
