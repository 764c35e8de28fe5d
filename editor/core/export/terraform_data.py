"""`data "aws_iam_policy_document"` blocks, read back as the JSON policy Terraform makes of
them: one statement per `statement` block, `actions` as Action, `principals` blocks merged
into Principal by type, `condition` blocks into Condition by operator; `effect` defaults to
Allow and `version` to 2012-10-17, as the provider's own defaults.

Every value keeps its place in the file, so findings point at the `.tf` file's own lines.
Like `jsonencode(...)`, the block is HCL, so it is read and checked, not written back. A
block whose statements come from elsewhere (`source_policy_documents`, `dynamic`) is read
for what it states itself.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from editor.core.export.embedded import Embedded
from editor.core.export.terraform_read import HclError, Reader, context
from editor.core.json.nodes import Kind, Member, Node
from editor.core.lint.template import Writer
from editor.core.policy.kinds import PolicyKind

_DATA = re.compile(r'data\s+"aws_iam_policy_document"\s+"([\w-]+)"\s*\{')
_REFERENCE = re.compile(r"data\.aws_iam_policy_document\.([\w-]+)\.json\b")
_IDENTIFIER = re.compile(r"[A-Za-z_][\w-]*")
_LISTS = {
    "actions": "Action",
    "not_actions": "NotAction",
    "resources": "Resource",
    "not_resources": "NotResource",
}
_PRINCIPALS = {"principals": "Principal", "not_principals": "NotPrincipal"}


class Item(NamedTuple):
    """An attribute (`value`) or a nested block (`block`) of an HCL body, with its place."""

    name: str
    start: int
    end: int
    value: Node | None
    block: list[Item] | None


def data_sources(text: str) -> list[Embedded]:
    """Each aws_iam_policy_document data source of a Terraform file, as a policy."""
    found: list[Embedded] = []
    for m in _DATA.finditer(text):
        try:
            items, end = body(Reader(text), m.end() - 1)
        except HclError:
            continue  # not readable as HCL: nothing we could point into
        root = _document(items, m.end() - 1, end)
        writer = Writer(text, mask=False)
        writer.write(root)
        writer.plain("\n", root.end)
        out, pieces = writer.result()
        label, kind, reason = _use(text, m.group(1))
        found.append(Embedded(label, out, kind, reason, pieces, None, 0))
    return found


def body(reader: Reader, at: int) -> tuple[list[Item], int]:
    """The attributes and blocks of the body whose `{` is at `at`, and where it ends."""
    text = reader.text
    items: list[Item] = []
    at += 1
    while True:
        at = reader.skip(at)
        if at >= len(text):
            raise HclError("unclosed block")
        if text[at] == "}":
            return items, at + 1
        name = _IDENTIFIER.match(text, at)
        if name is None:
            raise HclError("expected an attribute or a block")
        start = at
        at = reader.skip(name.end(), newlines=False)
        while at < len(text) and text[at] == '"':  # block labels: dynamic "statement" {
            _, at = reader.string(at)
            at = reader.skip(at, newlines=False)
        if at < len(text) and text[at] == "=":
            value, at = reader.value(at + 1)
            items.append(Item(name.group(), start, at, value, None))
        elif at < len(text) and text[at] == "{":
            inner, at = body(reader, at)
            items.append(Item(name.group(), start, at, None, inner))
        else:
            raise HclError("expected = or {")


def _document(items: list[Item], start: int, end: int) -> Node:
    root = Node(Kind.OBJECT, start, end)
    version = _attribute(items, "version")
    root.members.append(_member("Version", version, start, "2012-10-17"))
    policy_id = _attribute(items, "policy_id")
    if policy_id is not None:
        root.members.append(_member("Id", policy_id, start))
    blocks = [i for i in items if i.name == "statement" and i.block is not None]
    first, last = (blocks[0].start, blocks[-1].end) if blocks else (start, start)
    statements = Node(Kind.ARRAY, first, last)
    for block in blocks:
        assert block.block is not None
        statements.items.append(_statement(block.block, block.start, block.end))
    root.members.append(Member("Statement", statements.start, statements.start, statements))
    return root


def _statement(items: list[Item], start: int, end: int) -> Node:
    node = Node(Kind.OBJECT, start, end)
    sid = _attribute(items, "sid")
    if sid is not None:
        node.members.append(_member("Sid", sid, start))
    node.members.append(_member("Effect", _attribute(items, "effect"), start, "Allow"))
    for item in items:
        if item.value is not None and item.name in _LISTS:
            node.members.append(Member(_LISTS[item.name], item.start, item.start, item.value))
    for name, key in _PRINCIPALS.items():
        principal = _principals([i for i in items if i.name == name and i.block is not None])
        if principal is not None:
            node.members.append(Member(key, principal.start, principal.start, principal))
    condition = _conditions([i for i in items if i.name == "condition" and i.block is not None])
    if condition is not None:
        node.members.append(Member("Condition", condition.start, condition.start, condition))
    return node


def _principals(blocks: list[Item]) -> Node | None:
    """`principals { type = "AWS" identifiers = [...] }` blocks as one Principal object,
    identifiers of one type merged; type "*" with identifiers ["*"] is `"*"`."""
    if not blocks:
        return None
    node = Node(Kind.OBJECT, blocks[0].start, blocks[-1].end)
    by_type: dict[str, Node] = {}
    for block in blocks:
        assert block.block is not None
        kind, identifiers = _attribute(block.block, "type"), _attribute(block.block, "identifiers")
        if kind is None or identifiers is None:
            continue
        name = str(kind.value)
        if name == "*" and len(blocks) == 1:
            return identifiers.items[0] if identifiers.items else identifiers
        _merge(node, by_type, name, kind, identifiers)
    return node


def _conditions(blocks: list[Item]) -> Node | None:
    if not blocks:
        return None
    node = Node(Kind.OBJECT, blocks[0].start, blocks[-1].end)
    operators: dict[str, Node] = {}
    for block in blocks:
        assert block.block is not None
        test = _attribute(block.block, "test")
        variable = _attribute(block.block, "variable")
        values = _attribute(block.block, "values")
        if test is None or variable is None or values is None:
            continue
        operator = operators.get(str(test.value))
        if operator is None:
            operator = operators[str(test.value)] = Node(Kind.OBJECT, block.start, block.end)
            node.members.append(Member(str(test.value), test.start, test.end, operator))
        operator.members.append(Member(str(variable.value), variable.start, variable.end, values))
    return node


def _merge(node: Node, by_type: dict[str, Node], name: str, key: Node, values: Node) -> None:
    merged = by_type.get(name)
    if merged is None:
        merged = by_type[name] = Node(Kind.ARRAY, values.start, values.end)
        node.members.append(Member(name, key.start, key.end, merged))
    merged.items.extend(values.items if values.kind is Kind.ARRAY else [values])
    merged.end = max(merged.end, values.end)


def _attribute(items: list[Item], name: str) -> Node | None:
    for item in reversed(items):
        if item.name == name and item.value is not None:
            return item.value
    return None


def _member(key: str, value: Node | None, at: int, default: str = "") -> Member:
    """An element from its attribute, or the provider's default where it has none."""
    if value is None:
        value = Node(Kind.STRING, at, at, default)
    return Member(key, value.start, value.start, value)


def _use(text: str, name: str) -> tuple[str, PolicyKind | None, str]:
    """Label, kind and reason: the kind from where the document's `json` is used (a role's
    `assume_role_policy` makes it a trust policy, an `aws_sqs_queue_policy` a resource one)."""
    label = f"data.aws_iam_policy_document.{name}"
    for at in _uses(text).get(name, ()):
        where, kind, reason = context(text, at)
        if kind is not None:
            return f"{label} › {where}", kind, reason
    return label, None, ""


@lru_cache(maxsize=4)
def _uses(text: str) -> dict[str, list[int]]:
    """Where each data source's `.json` is used, by its name: one pass over the file."""
    found: dict[str, list[int]] = {}
    for m in _REFERENCE.finditer(text):
        found.setdefault(m.group(1), []).append(m.start())
    return found
