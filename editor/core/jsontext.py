"""An error-tolerant JSON reader: any text in, a value tree and every syntax finding out.

It never raises and never recurses (a stack of open containers replaces the call stack), so a
100,000-deep `[[[[...` is just a long loop. It keeps reading past each defect, reports it at the
place a person would fix it, and offers a repair where only one is plausible.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from editor.core import findings as fnd
from editor.core.findings import Finding, Fix, Severity, TextEdit
from editor.core.jsonfast import read_well_formed
from editor.core.jsonnodes import Kind, Member, Node, to_python
from editor.core.textpos import LineIndex

_TOKEN = re.compile(
    r"""
    (?P<ws>[ \t\r\n]+)
    |(?P<str>"[^"\\\n]*(?:\\.[^"\\\n]*)*")
    |(?P<punct>[{}\[\]:,])
    |(?P<num>[-+]?\.?[0-9][0-9A-Za-z_.+\-]*)
    |(?P<word>[A-Za-z_$][A-Za-z0-9_$\-]*)
    |(?P<line_comment>//[^\n]*)
    |(?P<block_comment>/\*(?:.*?\*/|.*))
    |(?P<sq>'[^'\\\n]*(?:\\.[^'\\\n]*)*')
    |(?P<smart>[“”„][^“”"\n]*[“”"]|[‘’][^‘’'\n]*[‘’'])
    |(?P<open_str>["'][^\n]*)
    |(?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_STRICT_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")
_NEEDS_DECODE = re.compile(r"[\\\x00-\x1f]")
_IAM_INVALID = re.compile(r"[^\t\n\r\x20-\xff]")
_LITERALS: dict[str, Any] = {"true": True, "false": False, "null": None}
_CLOSER = {"[": "]", "{": "}"}
_BRACKET_NAME = {"[": "array", "{": "object", "]": "array", "}": "object"}

# ASCII stand-ins for characters IAM rejects that web pages and word processors bring in.
_ASCII_EQUIVALENT = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\u2026": "...", "\u2009": " ", "\u200a": " ", "\u2002": " ", "\u2003": " ",
    "\u200b": "", "\u200c": "", "\u200d": "", "\u2060": "", "\ufeff": "",
}  # fmt: skip

# Token kinds after scanning.
STR, SQ, SMART, NUM, WORD, PUNCT, BAD = "str", "sq", "smart", "num", "word", "punct", "bad"
_VALUE_START = frozenset((STR, SQ, SMART, NUM, WORD))


@dataclass(frozen=True, slots=True)
class ParsedText:
    text: str
    root: Node | None
    findings: tuple[Finding, ...]
    index: LineIndex

    @property
    def has_errors(self) -> bool:
        return any(f.severity is Severity.ERROR for f in self.findings)

    def value(self) -> Any:
        """The Python value of the tree (None if the text held no value at all)."""
        return None if self.root is None else to_python(self.root)


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text
        self.index = LineIndex(text)
        self.findings: list[Finding] = []
        # (kind, start, end) of every significant token; comments and whitespace are dropped.
        self.tokens: list[tuple[str, int, int]] = []
        self.quote_offsets: set[int] = set()  # typographic quotes serving as string quotes
        self.comment_spans: list[tuple[int, int]] = []

    # -- reporting ------------------------------------------------------------------------

    def report(
        self,
        code: str,
        message: str,
        start: int,
        end: int,
        fix: Fix | None = None,
        severity: Severity = Severity.ERROR,
    ) -> None:
        self.findings.append(fnd.make_finding(self.index, code, severity, message, start, end, fix))

    # -- scanning -------------------------------------------------------------------------

    def scan(self) -> None:
        text = self.text
        tokens = self.tokens
        append = tokens.append
        start_at = 0
        if text.startswith("\ufeff"):
            self.report(
                "json/bom",
                "byte-order mark at the start of the file",
                0,
                1,
                Fix("Remove the byte-order mark", (TextEdit(0, 1, ""),)),
                Severity.WARNING,
            )
            start_at = 1
        for match in _TOKEN.finditer(text, start_at):
            kind = match.lastgroup
            if kind == "ws":
                continue
            start, end = match.span()
            if kind == "str" or kind == "punct" or kind == "num" or kind == "word":
                append((kind, start, end))
            elif kind == "line_comment" or kind == "block_comment":
                self.comment(start, end, kind == "block_comment")
            elif kind == "sq":
                append((SQ, start, end))
            elif kind == "smart":
                self.quote_offsets.update((start, end - 1))
                append((SMART, start, end))
            elif kind == "open_str":
                self.report("json/unexpected", "string is not closed on its line", start, end)
                append((BAD, start, end))
            else:
                self.stray_char(start)

    def comment(self, start: int, end: int, block: bool) -> None:
        self.comment_spans.append((start, end))
        if block and not self.text.endswith("*/", start + 2, end):
            self.report("json/unexpected", "comment is never closed with */", start, end)
            return
        # Delete the comment, and its whole line when nothing else stands on it.
        line_start = self.text.rfind("\n", 0, start) + 1
        line_end = self.text.find("\n", end)
        line_end = len(self.text) if line_end == -1 else line_end
        alone = not self.text[line_start:start].strip() and not self.text[end:line_end].strip()
        edit = (
            TextEdit(line_start, min(line_end + 1, len(self.text)), "")
            if alone
            else TextEdit(start, end, "")
        )
        self.report(
            "json/comment",
            "JSON has no comments; IAM rejects them",
            start,
            end,
            Fix("Remove the comment", (edit,)),
        )

    def stray_char(self, start: int) -> None:
        char = self.text[start]
        if _IAM_INVALID.match(char):
            return  # reported by check_characters as json/invalid-char
        if char == "\u00a0":
            fix = Fix("Replace with a space", (TextEdit(start, start + 1, " "),))
            self.report("json/unexpected", "non-breaking space", start, start + 1, fix)
            return
        self.report("json/unexpected", f"unexpected character {char!r}", start, start + 1)
        self.tokens.append((BAD, start, start + 1))

    def check_characters(self) -> None:
        """json/invalid-char: characters IAM rejects, outside comments and typographic quotes."""
        text = self.text
        for match in _IAM_INVALID.finditer(text):
            offset = match.start()
            if offset in self.quote_offsets or (offset == 0 and text[0] == "\ufeff"):
                continue
            if any(s <= offset < e for s, e in self.comment_spans):
                continue
            char = text[offset]
            ascii_text = _ASCII_EQUIVALENT.get(char)
            if self.inside_string(offset):
                if ascii_text == '"':
                    ascii_text = '\\"'
            elif ascii_text and ascii_text.strip():
                ascii_text = None  # outside a string, a quote or dash would change the structure
            fix = (
                None
                if ascii_text is None
                else Fix(
                    f"Replace with {ascii_text!r}" if ascii_text else "Remove it",
                    (TextEdit(offset, offset + 1, ascii_text),),
                )
            )
            self.report(
                "json/invalid-char",
                f"character U+{ord(char):04X} {char!r} is not allowed in IAM policies",
                offset,
                offset + 1,
                fix,
            )

    def inside_string(self, offset: int) -> bool:
        return any(kind in (STR, SQ, SMART) and s < offset < e for kind, s, e in self.tokens)

    # -- values ---------------------------------------------------------------------------

    def scalar(self, kind: str, start: int, end: int) -> Node:
        text = self.text
        if kind == STR:
            return Node(Kind.STRING, start, end, self.decode(start, end))
        if kind == NUM:
            raw = text[start:end]
            if _STRICT_NUMBER.fullmatch(raw):
                is_float = "." in raw or "e" in raw or "E" in raw
                return Node(Kind.NUMBER, start, end, float(raw) if is_float else int(raw))
            self.report("json/unexpected", f"invalid number {raw!r}", start, end)
            return Node(Kind.INVALID, start, end)
        if kind == WORD:
            raw = text[start:end]
            if raw in _LITERALS:
                return Node(Kind.LITERAL, start, end, _LITERALS[raw])
            self.report(
                "json/unexpected", f"{raw!r} is not a JSON value (strings need quotes)", start, end
            )
            return Node(Kind.INVALID, start, end)
        if kind in (SQ, SMART):
            return Node(Kind.STRING, start, end, self.requoted(kind, start, end))
        return Node(Kind.INVALID, start, end)

    def decode(self, start: int, end: int) -> str:
        raw = self.text[start + 1 : end - 1]
        if not _NEEDS_DECODE.search(raw):
            return raw
        try:
            return str(json.loads(self.text[start:end]))
        except ValueError:
            self.report(
                "json/unexpected",
                "invalid escape or control character in string",
                start,
                end,
            )
            return raw

    def requoted(self, kind: str, start: int, end: int) -> str:
        """Report a single- or typographically-quoted string; its value and a requote fix."""
        raw = self.text[start + 1 : end - 1]
        value = re.sub(r"\\(.)", r"\1", raw) if kind == SQ else raw
        fix = Fix("Use straight double quotes", (TextEdit(start, end, json.dumps(value)),))
        if kind == SQ:
            self.report("json/single-quote", "JSON strings need double quotes", start, end, fix)
        else:
            self.report(
                "json/smart-quote",
                f"typographic quote {self.text[start]!r} used as a string quote",
                start,
                start + 1,
                fix,
            )
        return value

    def key(self, kind: str, start: int, end: int) -> Member:
        if kind == WORD:
            raw = self.text[start:end]
            fix = Fix("Quote the key", (TextEdit(start, end, json.dumps(raw)),))
            self.report("json/unquoted-key", f"key {raw} needs double quotes", start, end, fix)
            return Member(raw, start, end, None)
        if kind == NUM:
            raw = self.text[start:end]
            fix = Fix("Quote the key", (TextEdit(start, end, json.dumps(raw)),))
            self.report("json/unquoted-key", f"key {raw} needs double quotes", start, end, fix)
            return Member(raw, start, end, None)
        node = self.scalar(kind, start, end)
        return Member(str(node.value), start, end, None)

    # -- structure ------------------------------------------------------------------------

    def parse(self) -> Node | None:
        self.scan()
        tokens = self.tokens
        count = len(tokens)
        if count == 0:
            self.report("json/unexpected", "the text holds no JSON value", 0, len(self.text))
            self.check_characters()
            return None
        root: Node | None = None
        # Each open container: [node, opener offset, state, pending member, last comma offset]
        stack: list[list[Any]] = []
        last_end = 0  # end of the last value or key read: where a missing comma belongs
        i = 0
        while i < count:
            kind, start, end = tokens[i]
            char = self.text[start] if kind == PUNCT else ""
            if not stack:
                if root is not None:
                    self.report(
                        "json/unexpected",
                        "text after the end of the JSON document",
                        start,
                        tokens[-1][2],
                    )
                    break
                if char in _CLOSER:
                    root = self.open(stack, char, start)
                elif kind in _VALUE_START:
                    root = self.scalar(kind, start, end)
                    last_end = end
                elif kind != BAD:  # a bad token was reported when it was scanned
                    self.report("json/unexpected", f"unexpected {char!r}", start, end)
                i += 1
                continue

            frame = stack[-1]
            step = self.array_step if frame[0].kind is Kind.ARRAY else self.object_step
            i, last_end = step(stack, frame, i, kind, char, start, end, last_end)

        insert_at = tokens[-1][2]  # close what is open right after the last token
        for node, opener, state, member, _ in reversed(stack):
            if state in ("colon", "value") and member is not None:
                self.report(
                    "json/unexpected", "key without a value", member.key_start, member.key_end
                )
            closer = _CLOSER[self.text[opener]]
            fix = Fix(f"Insert {closer!r}", (TextEdit(insert_at, insert_at, closer),))
            self.report(
                "json/unclosed",
                f"{_BRACKET_NAME[self.text[opener]]} opened here is never closed",
                opener,
                opener + 1,
                fix,
            )
            node.end = insert_at
        self.check_characters()
        return root

    def open(self, stack: list[list[Any]], char: str, start: int) -> Node:
        node = Node(Kind.ARRAY if char == "[" else Kind.OBJECT, start, start + 1)
        # States: "first" (just opened), "after_value", "after_comma"; objects also
        # "colon" (key read) and "value" (colon read).
        stack.append([node, start, "first", None, -1])
        return node

    def attach(self, stack: list[list[Any]], value: Node) -> None:
        """Put a finished or newly opened value into its parent container."""
        frame = stack[-1]
        parent: Node = frame[0]
        if parent.kind is Kind.ARRAY:
            parent.items.append(value)
        else:
            member: Member = frame[3]
            member.value = value
        frame[2] = "after_value"

    def value_token(
        self, stack: list[list[Any]], kind: str, char: str, start: int, end: int
    ) -> int:
        """Read a value token into the top container; returns the end of what was read."""
        if char in _CLOSER:
            node = Node(Kind.ARRAY if char == "[" else Kind.OBJECT, start, start + 1)
            self.attach(stack, node)
            stack.append([node, start, "first", None, -1])
            return end
        self.attach(stack, self.scalar(kind, start, end))
        return end

    def close(self, stack: list[list[Any]], char: str, start: int, end: int) -> None:
        frame = stack.pop()
        node: Node = frame[0]
        expected = "]" if node.kind is Kind.ARRAY else "}"
        if char != expected:
            fix = Fix(f"Replace with {expected!r}", (TextEdit(start, end, expected),))
            self.report(
                "json/mismatched-bracket",
                f"{char!r} closes an {_BRACKET_NAME[self.text[frame[1]]]} "
                f"opened with {self.text[frame[1]]!r}; expected {expected!r}",
                start,
                end,
                fix,
            )
        if frame[2] == "after_comma":
            comma = frame[4]
            self.report(
                "json/trailing-comma",
                "comma before the closing bracket",
                comma,
                comma + 1,
                Fix("Remove the comma", (TextEdit(comma, comma + 1, ""),)),
            )
        node.end = end
        if node.kind is Kind.OBJECT:
            self.check_duplicates(node)

    def check_duplicates(self, node: Node) -> None:
        seen: set[str] = set()
        for member in node.members:
            if member.key in seen:
                self.findings.append(duplicate_key(self.index, member))
            seen.add(member.key)

    def missing_comma(self, at: int) -> None:
        self.report(
            "json/missing-comma",
            "missing comma between values",
            at,
            at,
            Fix("Insert ','", (TextEdit(at, at, ","),)),
        )

    def next_is_colon(self, i: int) -> bool:
        tokens = self.tokens
        if i + 1 >= len(tokens):
            return False
        kind, start, _ = tokens[i + 1]
        return kind == PUNCT and self.text[start] == ":"

    def array_step(
        self,
        stack: list[list[Any]],
        frame: list[Any],
        i: int,
        kind: str,
        char: str,
        start: int,
        end: int,
        last_end: int,
    ) -> tuple[int, int]:
        state = frame[2]
        if char == "]" or char == "}":
            self.close(stack, char, start, end)
            return i + 1, end
        if char == ",":
            if state == "after_value":
                frame[2], frame[4] = "after_comma", start
            else:
                self.report("json/unexpected", "comma without a value before it", start, end)
            return i + 1, last_end
        if char == ":":
            self.report("json/unexpected", "':' inside an array", start, end)
            return i + 1, last_end
        if kind in _VALUE_START or char in _CLOSER or kind == BAD:
            if state == "after_value":
                if kind in (STR, SQ, SMART) and self.next_is_colon(i) and len(stack) > 1:
                    # `"key":` after an element: the array was left open, not a comma.
                    self.unclosed_before(stack, last_end)
                    return i, last_end
                self.missing_comma(last_end)
            return i + 1, self.value_token(stack, kind, char, start, end)
        self.report("json/unexpected", "unexpected token", start, end)
        return i + 1, last_end

    def unclosed_before(self, stack: list[list[Any]], at: int) -> None:
        frame = stack.pop()
        node: Node = frame[0]
        opener = frame[1]
        closer = _CLOSER[self.text[opener]]
        self.report(
            "json/unclosed",
            f"{_BRACKET_NAME[self.text[opener]]} opened here is never closed",
            opener,
            opener + 1,
            Fix(f"Insert {closer!r}", (TextEdit(at, at, closer),)),
        )
        node.end = at

    def object_step(
        self,
        stack: list[list[Any]],
        frame: list[Any],
        i: int,
        kind: str,
        char: str,
        start: int,
        end: int,
        last_end: int,
    ) -> tuple[int, int]:
        state = frame[2]
        node: Node = frame[0]
        if char == "}" or char == "]":
            if state == "colon" or state == "value":
                self.report("json/unexpected", "key without a value", start, end)
            self.close(stack, char, start, end)
            return i + 1, end
        if char == ",":
            if state == "after_value":
                frame[2], frame[4] = "after_comma", start
            elif state == "colon" or state == "value":
                self.report("json/unexpected", "key without a value", start, end)
                frame[2], frame[4] = "after_comma", start
            else:
                self.report("json/unexpected", "comma without a member before it", start, end)
            return i + 1, last_end
        if char == ":":
            if state == "colon":
                frame[2] = "value"
            else:
                self.report("json/unexpected", "unexpected ':'", start, end)
            return i + 1, last_end
        if state == "value" or state == "colon":
            if state == "colon":
                self.report(
                    "json/missing-colon",
                    "missing ':' after the key",
                    last_end,
                    last_end,
                    Fix("Insert ':'", (TextEdit(last_end, last_end, ":"),)),
                )
            if kind in _VALUE_START or char in _CLOSER or kind == BAD:
                return i + 1, self.value_token(stack, kind, char, start, end)
        # A key is due (first, after_comma) or overdue (after_value: missing comma).
        if kind in (STR, SQ, SMART, WORD, NUM):
            if state == "after_value":
                self.missing_comma(last_end)
            member = self.key(kind, start, end)
            node.members.append(member)
            frame[2], frame[3] = "colon", member
            return i + 1, end
        if char in _CLOSER:
            self.report("json/unexpected", "a value where a key was expected", start, end)
            member = Member("", start, start, None)
            frame[2], frame[3] = "value", member  # read the value, attach it nowhere
            return i + 1, self.value_token(stack, kind, char, start, end)
        self.report("json/unexpected", "unexpected token", start, end)
        return i + 1, last_end


def duplicate_key(index: LineIndex, member: Member) -> Finding:
    return fnd.make_finding(
        index,
        "json/duplicate-key",
        Severity.WARNING,
        f"key {member.key!r} appears more than once; only the last one counts",
        member.key_start,
        member.key_end,
    )


def read_json(text: str) -> ParsedText:
    """Read any text: the value tree (or None) and every syntax finding, in text order."""
    well_formed = read_well_formed(text)
    if well_formed is not None:
        root, duplicates = well_formed
        index = LineIndex(text)
        found = tuple(duplicate_key(index, m) for m in duplicates)
        return ParsedText(text, root, found, index)
    return read_tolerantly(text)


def read_tolerantly(text: str) -> ParsedText:
    """The tolerant reader alone (read_json uses it for all but well-formed text)."""
    reader = _Reader(text)
    root = reader.parse()
    found = sorted(reader.findings, key=lambda f: (f.start, f.end))
    return ParsedText(text, root, tuple(found), reader.index)


def json_findings(text: str) -> tuple[Finding, ...]:
    return read_json(text).findings


def fix_all(text: str) -> str:
    """Apply every safe JSON syntax fix; repairable text comes out as strict JSON."""
    return fnd.fix_all(text, json_findings)
