"""Policies a template writes as a JSON string: `PolicyDocument: |` followed by the JSON as a
YAML block, or `"{\\"Version\\": ...}"` in one quoted string (CloudFormation accepts both; the
Amazon Chime SDK samples use both).

The policy is the string's value. Each offset of it maps to the template's own text, so that
findings carry the template's lines and columns: a block's lines stand in the template after
the block's indentation; a quoted string's characters stand where they are, an escape
(`\\"`) for the character it writes. Saving writes the edited JSON back in the same form: a
block with each line indented as the block was (lines the edit did not touch are the same
bytes), a quoted string as the same JSON string escapes.
"""

from __future__ import annotations

import json

from editor.core.json.nodes import Kind, Node
from editor.core.lint.template import Piece, Pieces

BLOCK, QUOTED = "block", "quoted"


class StringPolicy:
    """Where a JSON policy string stands in a template, and how its text maps there."""

    def __init__(self, form: str, text: str, pieces: Pieces, span: tuple[int, int]) -> None:
        self.form, self.text, self.pieces, self.span = form, text, pieces, span


def read(source: str, node: Node) -> StringPolicy | None:
    """The JSON policy written as the string `node`, or None (not a JSON object in a block
    or double-quoted string that maps onto the source character for character)."""
    value = node.value
    if node.kind is not Kind.STRING or not isinstance(value, str):
        return None
    if not value.lstrip().startswith("{"):
        return None
    opening = source[node.start : node.start + 1]
    if opening == "|":
        return _block(source, node.start, value)
    if opening == '"':
        return _quoted(source, node.start, node.end, value)
    return None


def _block(source: str, header: int, value: str) -> StringPolicy | None:
    first = source.find("\n", header)
    if first < 0:
        return None
    first += 1  # the block's first line
    lines = value.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the final line break (clip chomping): not a line of its own
    content = next((line for line in lines if line), "")
    at = first
    indent = None
    pieces: list[Piece] = []
    out = 0
    for number, line in enumerate(lines):
        end = source.find("\n", at)
        end = len(source) if end < 0 else end
        # A CRLF file (as AWS's samples are stored): YAML reads "\r\n" as one line break,
        # so the line's text ends before the "\r" and its break is both characters.
        crlf = end > at and source[end - 1] == "\r"
        end -= crlf
        written = source[at:end]
        if line:
            if indent is None:
                indent = len(written) - len(written.lstrip(" "))
            if written[:indent].strip(" ") or written[indent:] != line:
                return None  # tabs, an indentation indicator ...: not line for line
            pieces.append(Piece(out, at + indent, end, True))
        elif written.strip():
            return None
        out += len(line)
        if number < len(lines) - 1 or value.endswith("\n"):
            pieces.append(Piece(out, end, end + 1 + crlf, not crlf))  # the line break itself
            out += 1
        last_end, at = end, end + 1 + crlf
    if indent is None or not content:
        return None
    text = value if value.endswith("\n") else value + "\n"
    return StringPolicy(BLOCK, text, Pieces(pieces), (first, last_end))


def _quoted(source: str, start: int, end: int, value: str) -> StringPolicy | None:
    token = source[start:end]
    try:
        if json.loads(token) != value:
            return None  # a YAML escape JSON does not have, or a folded line
    except ValueError:
        return None
    pieces: list[Piece] = []
    at = start + 1
    for out, char in enumerate(value):
        if source[at] == "\\":
            width = 6 if source[at + 1] == "u" else 2
            if width == 6 and len(char.encode("utf-16-le")) > 2:
                return None  # a surrogate pair: two escapes for one character
            pieces.append(Piece(out, at, at + width, False))
            at += width
        else:
            pieces.append(Piece(out, at, at + 1, True))
            at += 1
    pieces.append(Piece(len(value), end - 1, end - 1, False))  # the "\n" the editor adds
    return StringPolicy(QUOTED, value + "\n", Pieces(merged_pieces(pieces)), (start, end))


def merged_pieces(pieces: list[Piece]) -> list[Piece]:
    """Runs of literal characters as one piece each (an edit inside a run maps exactly)."""
    merged: list[Piece] = []
    for piece in pieces:
        last = merged[-1] if merged else None
        if (
            last is not None
            and last.literal
            and piece.literal
            and last.source_end == piece.source
            and piece.out - last.out == last.source_end - last.source
        ):
            merged[-1] = last._replace(source_end=piece.source_end)
        else:
            merged.append(piece)
    return merged


def written_back(container: str, form: str, span: tuple[int, int], edited: str) -> str:
    """The container with the policy string replaced by `edited`, in its own form."""
    start, end = span
    if form == QUOTED:
        return (
            container[:start]
            + json.dumps(edited.rstrip("\n"), ensure_ascii=False)
            + container[end:]
        )
    first = next((line for line in container[start:end].split("\n") if line.strip()), "")
    indent = " " * (len(first) - len(first.lstrip(" ")))
    lines = edited.rstrip("\n").split("\n")
    newline = "\r\n" if container[start:end].count("\r\n") else "\n"  # the block's own
    block = newline.join(indent + line if line else "" for line in lines)
    return container[:start] + block + container[end:]
