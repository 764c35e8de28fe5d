"""The fast path of the JSON reader: well-formed text, which is most of what the editor sees.

The tolerant reader pays for its recovery logic on every token. For text that the C scanner of
`json.loads` accepts, this builds the same tree (same ranges) in one tight loop; anything it
does not expect sends the caller back to the tolerant reader, which is always right.
"""

from __future__ import annotations

import json
import re

from editor.core.jsonnodes import Kind, Member, Node

# (white space, token) pairs: positions follow from the lengths, with no match objects.
_TOKEN = re.compile(
    r'([ \t\r\n]*)("[^"\\]*(?:\\.[^"\\]*)*"|[{}\[\]:,]|-?[0-9][0-9.eE+\-]*|true|false|null|.)',
    re.S,
)
_IAM_INVALID = re.compile(r"[^\t\n\r\x20-\xff]")
_LITERALS = {"true": True, "false": False, "null": None}


class NotSimple(Exception):
    """The text needs the tolerant reader."""


def read_well_formed(text: str) -> tuple[Node, list[Member]] | None:
    """The tree of strict JSON text, and the members whose key repeats one before them.

    None when the text is not strict JSON, or holds anything the tolerant reader reports
    (characters IAM rejects, NaN and the like).
    """
    try:
        json.loads(text)
    except (ValueError, RecursionError):
        return None
    if _IAM_INVALID.search(text):
        return None
    try:
        return _build(text)
    except (NotSimple, ValueError):  # ValueError: a number json.loads reads but we do not
        return None


def _build(text: str) -> tuple[Node, list[Member]]:
    root: Node | None = None
    stack: list[Node] = []
    member: Member | None = None  # the object member whose value comes next
    expect_key = False
    duplicates: list[Member] = []
    keys: list[set[str]] = []
    pos = 0
    OBJECT, ARRAY = Kind.OBJECT, Kind.ARRAY
    # Trailing white space would otherwise reach the catch-all "." as a token.
    for space, token in _TOKEN.findall(text, 0, len(text.rstrip(" \t\r\n"))):
        start = pos + len(space)
        pos = end = start + len(token)
        first = token[0]
        if first == '"':
            value = token[1:-1] if "\\" not in token else json.loads(token)
            if expect_key or (stack and stack[-1].kind is OBJECT and member is None):
                member = Member(value, start, end, None)
                if value in keys[-1]:
                    duplicates.append(member)
                keys[-1].add(value)
                stack[-1].members.append(member)
                expect_key = False
                continue
            node = Node(Kind.STRING, start, end, value)
        elif first == ",":
            expect_key = bool(stack) and stack[-1].kind is OBJECT
            continue
        elif first == ":":
            continue
        elif first == "}" or first == "]":
            closed = stack.pop()
            closed.end = end
            if closed.kind is OBJECT:
                keys.pop()
            expect_key = False
            continue
        elif first == "{" or first == "[":
            node = Node(OBJECT if first == "{" else ARRAY, start, end)
        elif first.isdigit() or (first == "-" and len(token) > 1):  # not a lone "-" (-Infinity)
            is_float = "." in token or "e" in token or "E" in token
            node = Node(Kind.NUMBER, start, end, float(token) if is_float else int(token))
        elif token in _LITERALS:
            node = Node(Kind.LITERAL, start, end, _LITERALS[token])
        else:
            raise NotSimple
        # Attach the value where it belongs.
        if not stack:
            root = node
        elif stack[-1].kind is ARRAY:
            stack[-1].items.append(node)
        else:
            assert member is not None
            member.value = node
            member = None
        if node.kind is OBJECT or node.kind is ARRAY:
            stack.append(node)
            if node.kind is OBJECT:
                keys.append(set())
    if root is None or stack:
        raise NotSimple
    return root, duplicates
