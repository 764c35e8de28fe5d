"""Items added to or removed from a YAML template's policy, as edits of the template's lines.

A tick adds a statement or an action, an untick removes one: in a YAML template these are
items of block sequences (`- chime:Connect`, `- Effect: Allow ...`). Removing one deletes
exactly its lines; adding one inserts lines written as the template writes its own (the dash
at the column of its neighbours, its quoting, `!Sub` when it uses short tags). Everything
else — comments, tags, quoting and indentation — stays byte for byte. A change that is not
of whole items of block sequences (a scalar changed in the same edit, a flow list `[a, b]`, a
list emptied) is not made here: the caller falls back (see `containers.write_back`).
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from editor.core.export import yaml_tree
from editor.core.export.embedded import Embedded
from editor.core.export.in_place import is_plain, same_document
from editor.core.json.nodes import Kind, Node, to_python
from editor.core.json.read import read_json
from editor.core.text.findings import TextEdit, apply_edits

_DASH = re.compile(r"[ \t]*-[ \t]+")
_SHORT_TAG = re.compile(r"!(?:Sub|Join|Ref|GetAtt|If|Select|Split|ImportValue|FindInMap)\b")


@dataclass(frozen=True)
class _Style:
    short_tags: bool  # the template writes `!Sub 'arn:...'`, not `Fn::Sub: ...`
    quote: str  # how its policy quotes strings: '"', "'" or "" (plain where YAML allows)
    sub_quote: str  # how its `!Sub` strings are quoted
    list_indent: int  # a block list's dashes, right of its key (0 or 2)


def edit_items(
    container: str, embedded: Embedded, edited: str, reread: Callable[[str], Embedded | None]
) -> str | None:
    """The template with the policy changed to `edited` by deleting and inserting whole
    lines, or None when the change is not only of whole items of block lists. Checked by
    reading the result again: it must hold the very document `edited` holds."""
    if embedded.span is None:
        return None
    parsed = read_json(edited)
    tree = yaml_tree.read(container)
    if parsed.has_errors or parsed.root is None or tree is None:
        return None
    node = _node_at(tree, embedded.span)
    if node is None:
        return None
    edits: list[TextEdit] = []
    style = _style(container, node)
    if not _diff(container, node, to_python(parsed.root), edits, style):
        return None
    result = apply_edits(container, edits)
    again = reread(result)
    if again is None or not same_document(again.text, edited):
        return None
    return result


def _node_at(root: Node, span: tuple[int, int]) -> Node | None:
    stack = [root]
    while stack:
        node = stack.pop()
        if (node.start, node.end) == span:
            return node
        stack.extend(node.items)
        stack.extend(m.value for m in node.members if m.value is not None)
    return None


def _diff(text: str, node: Node, new: Any, edits: list[TextEdit], style: _Style) -> bool:
    """Edits that make `node` hold `new`: only whole items of block lists may differ."""
    if node.kind is Kind.OBJECT:
        if not isinstance(new, dict) or [m.key for m in node.members] != list(new):
            return False
        return all(
            m.value is not None and _diff(text, m.value, new[m.key], edits, style)
            for m in node.members
        )
    if node.kind is Kind.ARRAY:
        if not isinstance(new, list):
            return False
        return _diff_list(text, node, new, edits, style)
    return node.kind is Kind.STRING and new == node.value


def _diff_list(text: str, node: Node, new: list[Any], edits: list[TextEdit], style: _Style) -> bool:
    old = [to_python(item) for item in node.items]
    if old == new:
        return True
    if not new or not node.items or text[node.start] == "[":
        return False  # emptied, or a flow list: not lines to delete or add
    if not all(_DASH.fullmatch(text[_line_start(text, i.start) : i.start]) for i in node.items):
        return False
    keys = (
        [json.dumps(v, sort_keys=True) for v in old],
        [json.dumps(v, sort_keys=True) for v in new],
    )
    matcher = difflib.SequenceMatcher(None, keys[0], keys[1], autojunk=False)
    dash = _column(text, text.index("-", _line_start(text, node.items[0].start)))
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "replace" and i2 - i1 == j2 - j1:
            for item, value in zip(node.items[i1:i2], new[j1:j2], strict=True):
                if not _diff(text, item, value, edits, style):
                    return False
        elif op == "replace":
            return False
        if op == "delete":
            start = _line_start(text, node.items[i1].start)
            edits.append(TextEdit(start, _line_end(text, _item_end(text, node.items[i2 - 1])), ""))
        elif op == "insert":
            lines = [line for value in new[j1:j2] for line in _item(value, dash, style)]
            if i1 < len(node.items):
                at, block = _line_start(text, node.items[i1].start), "\n".join(lines) + "\n"
            else:
                at = _line_end(text, _item_end(text, node.items[-1]))
                block = ("" if text[at - 1 : at] == "\n" else "\n") + "\n".join(lines) + "\n"
            edits.append(TextEdit(at, at, block))
    return True


def _item(value: Any, column: int, style: _Style) -> list[str]:
    """A list item written at `column`: `- value`, or a mapping whose first key follows the
    dash and whose other keys line up under it."""
    pad = " " * column
    if isinstance(value, dict) and not (style.short_tags and _sub(value) is not None):
        lines = _mapping(value, column + 2, style)
        return [pad + "- " + lines[0].lstrip(" ")] + lines[1:]
    return [pad + "- " + _scalar(value, style)]


def _mapping(value: dict[str, Any], column: int, style: _Style) -> list[str]:
    pad = " " * column
    lines: list[str] = []
    for key, item in value.items():
        name = key if is_plain(key) else json.dumps(key)
        if isinstance(item, dict) and not (style.short_tags and _sub(item) is not None):
            lines.append(f"{pad}{name}:")
            lines.extend(_mapping(item, column + 2, style))
        elif isinstance(item, list):
            lines.append(f"{pad}{name}:")
            for entry in item:
                lines.extend(_item(entry, column + style.list_indent, style))
        else:
            lines.append(f"{pad}{name}: {_scalar(item, style)}")
    return lines


def _sub(value: dict[str, Any]) -> str | None:
    body = value.get("Fn::Sub") if len(value) == 1 else None
    return body if isinstance(body, str) else None


def _scalar(value: Any, style: _Style) -> str:
    if isinstance(value, dict):
        body = _sub(value)
        assert body is not None  # only a !Sub comes here (other mappings are written whole)
        return "!Sub " + _quoted(body, style.sub_quote)
    text = str(value)
    if not style.quote and is_plain(text):
        return text
    return _quoted(text, style.quote or '"')


def _quoted(text: str, quote: str) -> str:
    if quote == "'":
        return "'" + text.replace("'", "''") + "'"
    return json.dumps(text, ensure_ascii=False)


def _style(text: str, policy: Node) -> _Style:
    """How the template writes its policy: tags, quotes, and list indentation."""
    quote, list_indent = "", 2
    statement = policy.get("Statement")
    if statement is not None and statement.value is not None and statement.value.items:
        first = statement.value.items[0]
        dash = text.rfind("-", _line_start(text, first.start), first.start)
        if dash >= 0 and text[_line_start(text, first.start) : first.start].strip() == "-":
            list_indent = max(0, _column(text, dash) - _column(text, statement.key_start))
        effect = first.get("Effect") if first.kind is Kind.OBJECT else None
        if effect is not None and effect.value is not None:
            opening = text[effect.value.start]
            quote = opening if opening in "\"'" else ""
    sub = text.find("!Sub ", policy.start, policy.end)
    sub_quote = text[sub + 5 : sub + 6] if sub >= 0 else quote
    short = _SHORT_TAG.search(text) is not None
    return _Style(short, quote, sub_quote if sub_quote in "\"'" else '"', list_indent)


def _item_end(text: str, item: Node) -> int:
    """Where a list item's own text ends. The reader ends a block's last item where the next
    token starts, past the blank lines and comments between: those belong to what follows
    (`# Assigns the roles ...` above the next resource), so an item added after it goes
    above them, and an item removed takes none of them."""
    end = item.end
    while end > item.start:
        newline = text.rfind("\n", item.start, end - 1)
        line_start = item.start if newline < 0 else newline + 1
        line = text[line_start:end].strip()
        if line and not line.startswith("#"):
            return end
        end = line_start
    return item.end


def _line_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def _line_end(text: str, offset: int) -> int:
    """The offset after the new line that ends the line holding `offset - 1`."""
    end = text.find("\n", max(offset - 1, 0))
    return len(text) if end < 0 else end + 1


def _column(text: str, offset: int) -> int:
    return offset - _line_start(text, offset)
