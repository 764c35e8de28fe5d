"""Policies inside templates: intrinsic functions as symbolic values, and the way back.

A CloudFormation policy holds `{"Fn::Sub": "arn:aws:sqs:${AWS::Region}:${AWS::AccountId}:q"}`,
`{"Ref": "Queue"}` or `{"Fn::GetAtt": ["Queue", "Arn"]}` where IAM wants a string; Terraform
holds `aws_sqs_queue.q.arn` or `"${var.bucket}"`. Before the rules run, each becomes a string
in which every reference is `${@NAME}`: a value of the right field that the rules neither
validate nor call a placeholder (a `!Sub` account is an account). The policy is written out as
JSON from its tree, and `Pieces` map every offset of that text back to the source file.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from typing import Any, NamedTuple

from editor.core.catalog.arn import SUB_REFERENCE as _SUB_REFERENCE
from editor.core.catalog.arn import SYMBOL, symbol, unmask

__all__ = ["symbol", "unmask"]  # the encoding lives with SYMBOL; templates use it from here
from editor.core.json.nodes import Kind, Node


def is_symbolic(value: str) -> bool:
    """A whole value that stands for something the template works out: unknown, not wrong."""
    return SYMBOL.fullmatch(value) is not None


def is_intrinsic(node: Node) -> bool:
    return (
        node.kind is Kind.OBJECT
        and len(node.members) == 1
        and (node.members[0].key == "Ref" or node.members[0].key.startswith("Fn::"))
    )


class Piece(NamedTuple):
    """Text at `out` in the written policy comes from `source` in the source file. A literal
    piece maps character by character; any other maps all of itself to [source, source_end)."""

    out: int
    source: int
    source_end: int
    literal: bool


class Pieces:
    def __init__(self, pieces: list[Piece]) -> None:
        self.pieces = pieces
        self.starts = [p.out for p in pieces]

    def to_source(self, offset: int, end: bool = False) -> int:
        i = bisect_right(self.starts, offset - (1 if end else 0)) - 1
        if i < 0:
            return self.pieces[0].source if self.pieces else 0
        piece = self.pieces[i]
        if piece.literal:
            return min(piece.source + offset - piece.out, max(piece.source_end, piece.source))
        return piece.source_end if end else piece.source

    def literal_at(self, start: int, end: int) -> bool:
        """Whether [start, end) lies inside one literal piece (an edit there maps exactly)."""
        i = bisect_right(self.starts, start) - 1
        if i < 0:
            return False
        piece = self.pieces[i]
        length = piece.source_end - piece.source
        return piece.literal and end - piece.out <= length


class Writer:
    """Writes a value tree as 4-space JSON, recording where each part came from."""

    def __init__(self, source: str, mask: bool = True) -> None:
        self.source = source
        self.mask = mask  # intrinsic functions as symbolic strings (else as they are)
        self.parts: list[str] = []
        self.pieces: list[Piece] = []
        self.length = 0

    def emit(self, text: str, source: int, source_end: int, literal: bool) -> None:
        self.pieces.append(Piece(self.length, source, source_end, literal))
        self.parts.append(text)
        self.length += len(text)

    def plain(self, text: str, at: int) -> None:
        """Layout text (commas, new lines): mapped to the nearest source offset."""
        self.emit(text, at, at, False)

    def write(self, node: Node, depth: int = 0) -> None:
        pad = "    " * (depth + 1)
        if self.mask and is_intrinsic(node):
            self.symbolic_string(node)
        elif node.kind is Kind.OBJECT:
            self.emit("{", node.start, node.start + 1, True)
            for i, member in enumerate(node.members):
                self.plain(("," if i else "") + "\n" + pad, member.key_start)
                self.string_token(member.key, member.key_start, member.key_end)
                self.plain(": ", member.key_end)
                if member.value is None:
                    self.plain("null", member.key_end)
                else:
                    self.write(member.value, depth + 1)
            self.plain(("\n" + "    " * depth if node.members else "") + "}", node.end)
        elif node.kind is Kind.ARRAY:
            self.emit("[", node.start, node.start + 1, True)
            for i, item in enumerate(node.items):
                self.plain(("," if i else "") + "\n" + pad, item.start)
                self.write(item, depth + 1)
            self.plain(("\n" + "    " * depth if node.items else "") + "]", node.end)
        elif node.kind is Kind.STRING:
            self.string_token(str(node.value), node.start, node.end)
        else:
            text = json.dumps(node.value) if node.kind is not Kind.INVALID else "null"
            self.emit(text, node.start, node.end, False)

    def string_token(self, value: str, start: int, end: int) -> None:
        """A string: character by character when the source spells it the same way."""
        token = json.dumps(value, ensure_ascii=False)
        inner = self.source[start + 1 : end - 1]
        quoted = end - start == len(value) + 2 and inner == value
        if quoted and token[1:-1] == value:
            self.emit(token, start, end, True)
        elif self.source[start:end] == value and token[1:-1] == value:  # unquoted (YAML)
            self.emit('"', start, start, False)
            self.emit(value, start, end, True)
            self.emit('"', end, end, False)
        else:
            self.emit(token, start, end, False)

    def symbolic_string(self, node: Node) -> None:
        """An intrinsic function as the string it stands for, its references symbolic."""
        template, where = _as_template(node)
        if where is not None and self.source[where - 1 : where] not in ("'", '"'):
            where -= 1  # a plain (unquoted) YAML scalar: the template starts at its first char
        pieces: list[tuple[str, int, int, bool]] = []
        pos = 0
        for m in _SUB_REFERENCE.finditer(template):
            pieces.append((template[pos : m.start()], pos, m.start(), True))
            text = "${" + m.group(2) + "}" if m.group(1) else symbol(m.group(2))
            pieces.append((text, m.start(), m.end(), False))
            pos = m.end()
        pieces.append((template[pos:], pos, len(template), True))
        self.emit('"', node.start, node.start, False)
        for text, start, end, literal in pieces:
            escaped = json.dumps(text, ensure_ascii=False)[1:-1]
            copied = where is not None and self.source[where + start : where + end] == text
            if copied and literal and escaped == text:
                self.emit(text, where + start, where + end, True)  # type: ignore[operator]
            else:
                self.emit(escaped, node.start, node.end, False)
        self.emit('"', node.end, node.end, False)

    def result(self) -> tuple[str, Pieces]:
        return "".join(self.parts), Pieces(self.pieces)


def _as_template(node: Node) -> tuple[str, int | None]:
    """The string an intrinsic stands for, with `${NAME}` for each reference, and where its
    literal text starts in the source when the template is written there as it reads."""
    member = node.members[0]
    value = member.value
    name = member.key
    if name == "Fn::Sub" and value is not None:
        body = value.items[0] if value.kind is Kind.ARRAY and value.items else value
        if body.kind is Kind.STRING:
            return str(body.value), body.start + 1
    if name == "Ref" and value is not None and value.kind is Kind.STRING:
        return "${" + str(value.value) + "}", None
    if name == "Fn::GetAtt" and value is not None:
        parts = [str(i.value) for i in value.items] if value.kind is Kind.ARRAY else []
        label = ".".join(parts) if parts else str(value.value)
        return "${" + label + "}", None
    if name == "Fn::Join" and value is not None and len(value.items) == 2:
        glue, items = value.items
        if glue.kind is Kind.STRING and items.kind is Kind.ARRAY:
            return str(glue.value).join(_join_part(i) for i in items.items), None
    return "${" + name + "}", None


def _join_part(node: Node) -> str:
    if node.kind is Kind.STRING:
        return str(node.value).replace("${", "${!")
    if is_intrinsic(node):
        return _as_template(node)[0]
    return "${value}"


def has_intrinsics(node: Node | None) -> bool:
    stack = [node] if node is not None else []
    while stack:
        current = stack.pop()
        if is_intrinsic(current):
            return True
        stack.extend(current.items)
        stack.extend(m.value for m in current.members if m.value is not None)
    return False


def written(root: Node, source: str) -> tuple[str, Pieces]:
    """The policy as JSON text with intrinsic functions symbolic, and its map to `source`."""
    writer = Writer(source)
    writer.write(root)
    writer.plain("\n", root.end)
    return writer.result()


def symbolic_text(text: str) -> tuple[str, Pieces] | None:
    """A policy with intrinsic functions (`{"Fn::Sub": ...}`) written with them as symbolic
    strings, for the access engine, and its map back to `text`; None when it holds none."""
    from editor.core.json.read import read_json

    root = read_json(text).root
    if root is None or root.kind is not Kind.OBJECT or not has_intrinsics(root):
        return None
    return written(root, text)


def python_value(node: Node) -> Any:
    from editor.core.json.nodes import to_python

    return to_python(node)
