"""The fast path of the JSON reader: well-formed text, which is most of what the editor sees.

The tolerant reader pays for its recovery logic on every token. For text that the C scanner of
`json.loads` accepts, this builds the same tree (same ranges) in one tight loop; anything it
does not expect sends the caller back to the tolerant reader, which is always right.
"""

from __future__ import annotations

import json
import re
from typing import Any

from editor.core.json.nodes import (
    _NO_ITEMS,
    _NO_MEMBERS,
    ARRAY,
    LITERAL,
    NUMBER,
    OBJECT,
    STRING,
    Member,
    Node,
)

# (separator, string, the colon after it, any other token). White space and commas between
# tokens take no step of their own (json.loads has checked where they stand), and a string
# with its colon is a key: a third as many steps as one per token. Possessive quantifiers
# (*+): no backtracking, the match only ever moves forward.
_TOKEN = re.compile(
    r'([ \t\r\n,]*+)(?:("[^"\\]*+(?:\\.[^"\\]*+)*+")([ \t\r\n]*+:)?'
    r"|([{}\[\]]|-?[0-9][0-9.eE+\-]*+|true|false|null|.))",
    re.S,
)


# Characters IAM refuses in a policy: anything outside U+0009, U+000A, U+000D, U+0020-U+00FF.
IAM_INVALID = re.compile(r"[^\t\n\r\x20-\xff]")
LITERALS: dict[str, Any] = {"true": True, "false": False, "null": None}


_alloc = object.__new__


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
    # json.loads takes no control character but tab, CR and LF: in ASCII text, nothing is
    # left for IAM to refuse (isascii is a flag look-up, the search a pass over the text).
    if not text.isascii() and IAM_INVALID.search(text):
        return None
    try:
        return _build(text)
    except (NotSimple, ValueError):  # ValueError: a number json.loads reads but we do not
        return None


def _build(text: str) -> tuple[Node, list[Member]]:
    # json.loads has accepted the text, so its structure is sound: a string followed by its
    # colon is a key, and every other token is where it should be.
    root: Node | None = None
    stack: list[Node] = []
    top: Node | None = None  # the innermost open container
    in_array = False  # whether `top` is an array
    member: Member | None = None  # the object member whose value comes next
    duplicates: list[Member] = []
    pos = 0
    # Trailing white space would otherwise reach the catch-all "." as a token.
    for space, string, colon, other in _TOKEN.findall(text, 0, len(text.rstrip(" \t\r\n"))):
        start = pos + len(space)
        if string:
            pos = end = start + len(string)
            value = string[1:-1] if "\\" not in string else json.loads(string)
            # Keys and strings, most of a policy's nodes, are made without calling their class
            # (whose __init__ is a slow call from C): the same fields, set here.
            if colon:
                pos += len(colon)
                member = _alloc(Member)
                member.key = value
                member.key_start = start
                member.key_end = end
                member.value = None
                top.members.append(member)  # type: ignore[union-attr]
                continue
            node = _alloc(Node)
            node.kind = STRING
            node.start = start
            node.end = end
            node.value = value
            node.items = _NO_ITEMS
            node.members = _NO_MEMBERS
        else:
            pos = end = start + len(other)
            first = other[0]
            if first == "}" or first == "]":
                top.end = end  # type: ignore[union-attr]
                if first == "}":
                    _note_duplicates(top, duplicates)  # type: ignore[arg-type]
                stack.pop()
                top = stack[-1] if stack else None
                in_array = top is not None and top.kind is ARRAY
                continue
            if first == "{" or first == "[":
                node = Node(OBJECT if first == "{" else ARRAY, start, end)
                if top is None:
                    root = node
                elif in_array:
                    top.items.append(node)
                else:
                    member.value = node  # type: ignore[union-attr]
                stack.append(node)
                top = node
                in_array = first == "["
                continue
            if first.isdigit() or (first == "-" and len(other) > 1):  # not "-" (-Infinity)
                is_float = "." in other or "e" in other or "E" in other
                node = Node(NUMBER, start, end, float(other) if is_float else int(other))
            elif other in LITERALS:
                node = Node(LITERAL, start, end, LITERALS[other])
            else:
                raise NotSimple
        # Attach the scalar where it belongs.
        if top is None:
            root = node
        elif in_array:
            top.items.append(node)
        else:
            member.value = node  # type: ignore[union-attr]
    if root is None or stack:
        raise NotSimple
    return root, duplicates


def _note_duplicates(node: Node, duplicates: list[Member]) -> None:
    members = node.members
    if len(members) < 2 or len({m.key for m in members}) == len(members):
        return
    seen: set[str] = set()
    for member in members:
        if member.key in seen:
            duplicates.append(member)
        seen.add(member.key)
