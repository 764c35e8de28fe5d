"""Policy views over the JSON tree: statements and their elements, with source ranges kept."""

from __future__ import annotations

import json
from collections.abc import Iterable

from editor.core.catalog.arn import SYMBOL
from editor.core.json.nodes import ARRAY, OBJECT, STRING, Member, Node

VERSIONS = ("2012-10-17", "2008-10-17")


class StatementView:
    """One statement of the policy: its elements by name (the last of duplicates, as IAM and
    json.loads read them), looked up once since every rule asks for them."""

    __slots__ = ("_sets", "_strings", "_values", "effect", "elements", "index", "node")

    def __init__(self, node: Node, index: int) -> None:
        self.node = node  # the statement's object node
        self.index = index  # 0-based position in Statement
        self.elements = {m.key: m for m in node.members}
        # Every rule asks for the same lists: each is made once (callers must not change them).
        self._strings: dict[str, list[Node]] = {}
        self._values: dict[str, list[str]] = {}
        self._sets: dict[str, frozenset[str]] = {}
        member = self.elements.get("Effect")
        value = None if member is None else member.value
        # "Allow", "Deny" or what else is written; None when not a string.
        self.effect: str | None = (
            None if value is None or value.kind is not STRING else str(value.value)
        )

    def member(self, name: str) -> Member | None:
        return self.elements.get(name)

    def strings(self, name: str) -> list[Node]:
        """The string nodes of an element that takes a string or an array of strings."""
        found = self._strings.get(name)
        if found is None:
            member = self.elements.get(name)
            found = [] if member is None or member.value is None else string_items(member.value)
            self._strings[name] = found
        return found

    def values(self, name: str) -> list[str]:
        found = self._values.get(name)
        if found is None:
            found = self._values[name] = [str(n.value) for n in self.strings(name)]
        return found

    def value_set(self, name: str) -> frozenset[str]:
        """The distinct strings of an element: rules ask a whole list at once with set
        operations (which names the catalog spells exactly, which it has no entry for)."""
        found = self._sets.get(name)
        if found is None:
            found = self._sets[name] = frozenset(self.values(name))
        return found


def policy_text(value: object, indent: int | None = 4) -> str:
    """A policy as text: `indent` spaces a level (4, like AWS's examples); 0 or None minified."""
    if not indent:
        return json.dumps(value, separators=(",", ":"))
    return json.dumps(value, indent=indent) + "\n"


def string_items(node: Node) -> list[Node]:
    """The strings of a string-or-list element; a template's symbolic value (`${@X}`, an
    intrinsic function) is left out: it is unknown here, not wrong."""
    if node.kind is STRING:
        return [] if _symbolic(node) else [node]
    if node.kind is ARRAY:
        string = STRING
        return [
            item
            for item in node.items
            # "${@" first: most strings hold none, and are taken without a call
            if item.kind is string and ("${@" not in item.value or not _symbolic(item))
        ]
    return []


def _symbolic(node: Node) -> bool:
    value = node.value
    return isinstance(value, str) and "${@" in value and SYMBOL.fullmatch(value) is not None


def statements(root: Node | None) -> list[StatementView]:
    """The policy's statements (a single object or an array of objects)."""
    if root is None or root.kind is not OBJECT:
        return []
    member = root.get("Statement")
    if member is None or member.value is None:
        return []
    value = member.value
    nodes = [value] if value.kind is OBJECT else value.items
    return [StatementView(n, i) for i, n in enumerate(nodes) if n.kind is OBJECT]


def value_offsets(text: str, node: Node, start: int, end: int) -> tuple[int, int]:
    """Text offsets of value[start:end] of a string node; the whole token if escapes differ."""
    inner_start = node.start + 1
    if text[inner_start : node.end - 1] == node.value:
        return inner_start + start, inner_start + end
    return node.start, node.end


def removal_ranges(array: Node, indices: Iterable[int]) -> list[tuple[int, int]]:
    """The text ranges that remove array.items at `indices`, each run of neighbouring items
    with one adjoining comma, so that what stays is a well-formed list. (Removing the last
    two of three items one by one would leave the first item's comma behind.)"""
    items = array.items
    chosen = sorted(set(indices))
    ranges: list[tuple[int, int]] = []
    first = 0
    for pos, index in enumerate(chosen):
        if pos == 0 or chosen[pos - 1] != index - 1:
            first = index
        if pos + 1 < len(chosen) and chosen[pos + 1] == index + 1:
            continue  # the run goes on
        if index + 1 < len(items):
            ranges.append((items[first].start, items[index + 1].start))
        elif first > 0:
            ranges.append((items[first - 1].end, items[index].end))
        else:
            ranges.append((items[first].start, items[index].end))
    return ranges


def remove_item_range(array: Node, index: int) -> tuple[int, int]:
    """The text range that removes array.items[index] together with one adjoining comma."""
    items = array.items
    item = items[index]
    if index + 1 < len(items):
        return item.start, items[index + 1].start
    if index > 0:
        return items[index - 1].end, item.end
    return item.start, item.end
