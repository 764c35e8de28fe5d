"""The value tree the tolerant JSON reader builds: every node and key keeps its source range."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Kind(StrEnum):
    OBJECT = "object"
    ARRAY = "array"
    STRING = "string"
    NUMBER = "number"
    LITERAL = "literal"  # true, false, null
    INVALID = "invalid"  # a token that stands where a value should, but is none


@dataclass(slots=True, eq=False)
class Node:
    kind: Kind
    start: int
    end: int
    value: Any = None  # the Python value of a scalar
    items: list[Node] = field(default_factory=list)  # array elements
    members: list[Member] = field(default_factory=list)  # object members, in source order

    def get(self, key: str) -> Member | None:
        """The last member named `key` (json.loads keeps the last of duplicates)."""
        for member in reversed(self.members):
            if member.key == key:
                return member
        return None


@dataclass(slots=True, eq=False)
class Member:
    key: str
    key_start: int
    key_end: int
    value: Node | None  # None when the text gives a key and no value


def to_python(root: Node) -> Any:
    """The tree as Python values, like json.loads would give. Iterative: depth is no limit."""
    results: dict[int, Any] = {}
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, expanded = stack.pop()
        if node.kind is Kind.ARRAY:
            if not expanded:
                stack.append((node, True))
                stack.extend((item, False) for item in node.items)
                continue
            results[id(node)] = [results.pop(id(item)) for item in node.items]
        elif node.kind is Kind.OBJECT:
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
