"""The value tree the tolerant JSON reader builds: every node and key keeps its source range."""

from __future__ import annotations

from enum import StrEnum
from typing import Any


class Kind(StrEnum):
    OBJECT = "object"
    ARRAY = "array"
    STRING = "string"
    NUMBER = "number"
    LITERAL = "literal"  # true, false, null
    INVALID = "invalid"  # a token that stands where a value should, but is none


# The members as plain names: `Kind.ARRAY` goes through the enum metaclass's attribute hook
# (its __getattr__ makes every look-up the slow kind), a cost paid per node in hot loops.
OBJECT, ARRAY, STRING = Kind.OBJECT, Kind.ARRAY, Kind.STRING
NUMBER, LITERAL, INVALID = Kind.NUMBER, Kind.LITERAL, Kind.INVALID


class Node:
    """A value with its source range. Only arrays get an item list and only objects a member
    list of their own; scalars share empty ones (a scalar is built by the readers and never
    given children), which keeps building a tree cheap."""

    __slots__ = ("end", "items", "kind", "members", "start", "value")

    def __init__(self, kind: Kind, start: int, end: int, value: Any = None) -> None:
        self.kind = kind
        self.start = start
        self.end = end
        self.value = value  # the Python value of a scalar
        self.items: list[Node] = [] if kind is ARRAY else _NO_ITEMS  # array elements
        # object members, in source order
        self.members: list[Member] = [] if kind is OBJECT else _NO_MEMBERS

    def __repr__(self) -> str:
        return f"Node({self.kind.value}, {self.start}, {self.end}, {self.value!r})"

    def get(self, key: str) -> Member | None:
        """The last member named `key` (json.loads keeps the last of duplicates)."""
        for member in reversed(self.members):
            if member.key == key:
                return member
        return None


_NO_ITEMS: list[Node] = []  # shared by every non-array node; never appended to
_NO_MEMBERS: list[Member] = []  # shared by every non-object node; never appended to


class Member:
    """An object's key, where it is written, and its value (None when the text gives a key and
    no value). A plain class: the readers make one per key, and a dataclass's generated
    methods bring nothing they use (members compare by identity)."""

    __slots__ = ("key", "key_end", "key_start", "value")

    def __init__(self, key: str, key_start: int, key_end: int, value: Node | None) -> None:
        self.key = key
        self.key_start = key_start
        self.key_end = key_end
        self.value = value

    def __repr__(self) -> str:
        return f"Member({self.key!r}, {self.key_start}, {self.key_end}, {self.value!r})"


def to_python(root: Node) -> Any:
    """The tree as Python values, like json.loads would give. Iterative: depth is no limit."""
    results: dict[int, Any] = {}
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, expanded = stack.pop()
        if node.kind is ARRAY:
            if not expanded:
                stack.append((node, True))
                stack.extend((item, False) for item in node.items)
                continue
            results[id(node)] = [results.pop(id(item)) for item in node.items]
        elif node.kind is OBJECT:
            children = [m.value for m in node.members if m.value is not None]
            if not expanded:
                stack.append((node, True))
                stack.extend((child, False) for child in children)
                continue
            obj: dict[str, Any] = {}
            for member in node.members:
                if member.value is not None:
                    obj[member.key] = results.pop(id(member.value))
            results[id(node)] = obj
        else:
            results[id(node)] = node.value
    return results[id(root)]
