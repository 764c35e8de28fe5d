"""Scanning for the tolerant JSON reader: tokens, comments, strings and scalars, and the
characters IAM rejects. The structure (brackets, commas, colons) is tolerant.py's."""

from __future__ import annotations

import json
import re
from bisect import bisect_right

from editor.core.json.characters import ascii_fix
from editor.core.json.fast import IAM_INVALID, LITERALS
from editor.core.json.nodes import Kind, Member, Node
from editor.core.json.quotes import QuoteSlips
from editor.core.json.tokenkinds import (
    BAD,
    ELLIPSIS,
    NUM,
    OPEN_KEY,
    PUNCT,
    SMART,
    SQ,
    STR,
    UNOPENED_KEY,
    WORD,
)
from editor.core.text import findings as fnd
from editor.core.text.findings import Finding, Fix, Severity, TextEdit
from editor.core.text.positions import LineIndex

# A typographic string stops at the next quote of any kind, so an unclosed one costs what it
# spans up to the next quote, never the rest of its line again for each `„` on it.
_TOKEN = re.compile(
    r"""
    (?P<ws>[ \t\r\n]+)
    |(?P<str>"[^"\\\n]*(?:\\.[^"\\\n]*)*")
    |(?P<punct>[{}\[\]:,])
    |(?P<ellipsis>\.\.\.|\u2026)
    |(?P<unopened_key>[A-Za-z][A-Za-z0-9_]*"(?=[ \t]*:))
    |(?P<num>[-+]?(?:\.?[0-9][0-9A-Za-z_.+\-]*|(?:Infinity|NaN)\b))
    |(?P<word>[A-Za-z_$][A-Za-z0-9_$\-]*)
    |(?P<line_comment>//[^\r\n]*)
    |(?P<block_comment>/\*(?:.*?\*/|.*))
    |(?P<sq>'[^'\\\n]*(?:\\.[^'\\\n]*)*')
    |(?P<smart>[“”„][^“”„"\n]*[“”"]|[‘’][^‘’'\n]*[‘’'])
    |(?P<open_str>["'][^\r\n]*)
    |(?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_STRICT_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")
_BLANKS = re.compile(r"[ \t\r]*")
_NEEDS_DECODE = re.compile(r"[\\\x00-\x1f]")
CLOSER = {"[": "]", "{": "}"}
BRACKET_NAME = {"[": "array", "{": "object", "]": "array", "}": "object"}


class Scanner(QuoteSlips):
    def __init__(self, text: str) -> None:
        self.text = text
        self.index = LineIndex(text)
        self.findings: list[Finding] = []
        # (kind, start, end) of every significant token; comments and whitespace are dropped.
        self.tokens: list[tuple[str, int, int]] = []
        self.quote_offsets: set[int] = set()  # typographic quotes serving as string quotes
        self.comment_spans: list[tuple[int, int]] = []
        self._token_starts: list[int] | None = None  # built when first needed
        self.recovering = False  # reading the rest of a line after a key's missing quote
        # Where strings not closed on their line end: text inserted there without closing
        # the string first would be read as part of it.
        self.open_string_ends: set[int] = set()
        # Where keys without their opening quote start -> their finding's place in `findings`.
        self.unopened: dict[int, int] = {}

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
        self.scan_range(start_at, len(text))
        if any(kind == ELLIPSIS for kind, _, _ in self.tokens):
            self.tokens = self.without_ellipses(self.tokens)

    def scan_range(self, start_at: int, end_at: int) -> None:
        resume: int | None = start_at
        while resume is not None:
            resume = self.scan_until_glued_key(resume, end_at)

    def scan_until_glued_key(self, start_at: int, end_at: int) -> int | None:
        """Tokens from start_at; where a glued key (`"Resource: "arn...`) took the rest of its
        line, the offset to go on from (the tokens' iterator cannot skip ahead)."""
        text = self.text
        append = self.tokens.append
        for match in _TOKEN.finditer(text, start_at, end_at):
            kind = match.lastgroup
            if kind == "ws":
                continue
            start, end = match.span()
            if kind == "str" and end < end_at and (text[end].isalnum() or text[end] in "$*"):
                resume = self.glued_key(start, end)  # a word glued to a string: never JSON
                if resume is not None:
                    return resume
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
                self.open_string(start, end)
            elif kind == UNOPENED_KEY:
                self.unopened_key(start, end)
            elif kind == ELLIPSIS:
                append((ELLIPSIS, start, end))
                self.quote_offsets.add(start)  # "…" is the ellipsis, not a stray character
            else:
                self.stray_char(start)
        return None

    def without_ellipses(self, tokens: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
        """`...` (or `…`) where items were left out, as AWS's pages write it: one finding whose
        fix deletes it with one comma beside it, and the structure reads on without both."""
        kept: list[tuple[str, int, int]] = []
        skip_comma = False
        count = len(tokens)
        for i, token in enumerate(tokens):
            kind, start, end = token
            if skip_comma:
                skip_comma = False
                continue
            if kind != ELLIPSIS:
                kept.append(token)
                continue
            after = tokens[i + 1] if i + 1 < count else None
            if after is not None and after[0] == PUNCT and self.text[after[1]] == ",":
                # `..., "b"`: delete up to the next item, the comma with it
                skip_comma = True
                delete = (start, tokens[i + 2][1] if i + 2 < count else after[2])
            elif kept and kept[-1][0] == PUNCT and self.text[kept[-1][1]] == "," and len(kept) > 1:
                # `"a", ...]`: delete from the end of the item before, its comma with it
                kept.pop()
                delete = (kept[-1][2], end)
            else:
                delete = (start, end)
            self.report(
                "json/ellipsis",
                "an ellipsis stands for items left out: write them, or delete it",
                start,
                end,
                Fix("Delete the ellipsis", (TextEdit(*delete, ""),)),
            )
        return kept

    def comment(self, start: int, end: int, block: bool) -> None:
        self.comment_spans.append((start, end))
        if block and not self.text.endswith("*/", start + 2, end):
            self.report("json/unexpected", "comment is never closed with */", start, end)
            return
        # Delete the comment, and its whole line when nothing else stands on it. Only the
        # blanks next to it are looked at: many comments on one line stay linear.
        text = self.text
        line_start = start
        while line_start > 0 and text[line_start - 1] in " \t":
            line_start -= 1
        blanks = _BLANKS.match(text, end)
        line_end = end if blanks is None else blanks.end()
        alone = (line_start == 0 or text[line_start - 1] == "\n") and (
            line_end == len(text) or text[line_end] == "\n"
        )
        edit = (
            TextEdit(line_start, min(line_end + 1, len(text)), "")
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
        if IAM_INVALID.match(char):
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
        for match in IAM_INVALID.finditer(text):
            offset = match.start()
            if offset in self.quote_offsets or (offset == 0 and text[0] == "\ufeff"):
                continue
            if self.inside_comment(offset):
                continue
            char = text[offset]
            fix = ascii_fix(char, offset, self.inside_string(offset))
            self.report(
                "json/invalid-char",
                f"character U+{ord(char):04X} {char!r} is not allowed in IAM policies",
                offset,
                offset + 1,
                fix,
            )

    def inside_comment(self, offset: int) -> bool:
        spans = self.comment_spans  # in text order, like the tokens
        i = bisect_right(spans, (offset, len(self.text) + 1)) - 1
        return i >= 0 and spans[i][0] <= offset < spans[i][1]

    def inside_string(self, offset: int) -> bool:
        """Whether `offset` lies inside a string token (tokens are in text order: a binary
        search, so checking every rejected character stays linear)."""
        if self._token_starts is None:
            self._token_starts = [start for _, start, _ in self.tokens]
        i = bisect_right(self._token_starts, offset) - 1
        if i < 0:
            return False
        kind, start, end = self.tokens[i]
        return kind in (STR, SQ, SMART) and start < offset < end

    # -- values ---------------------------------------------------------------------------

    def scalar(self, kind: str, start: int, end: int) -> Node:
        text = self.text
        if kind == STR:
            return Node(Kind.STRING, start, end, self.decode(start, end))
        if kind == NUM:
            raw = text[start:end]
            if _STRICT_NUMBER.fullmatch(raw):
                is_float = "." in raw or "e" in raw or "E" in raw
                try:
                    return Node(Kind.NUMBER, start, end, float(raw) if is_float else int(raw))
                except ValueError:  # Python reads at most 4,300 digits into an int
                    self.report("json/unexpected", f"number of {len(raw):,} digits", start, end)
                    return Node(Kind.INVALID, start, end)
            self.report("json/unexpected", f"invalid number {raw!r}", start, end)
            return Node(Kind.INVALID, start, end)
        if kind == WORD:
            raw = text[start:end]
            if raw in LITERALS:
                return Node(Kind.LITERAL, start, end, LITERALS[raw])
            # `"Effect": Allow`: a member's value, its quotes forgotten, is put in quotes. A
            # word among a list's items may be anything (a stray note): no fix guesses it.
            quote = None
            if _after_colon(text, start):
                edits = (TextEdit(start, start, '"'), TextEdit(end, end, '"'))
                quote = Fix("Put it in quotes", edits)
            message = f"{raw!r} is not a JSON value (strings need quotes)"
            self.report("json/unexpected", message, start, end, quote)
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
        if kind == OPEN_KEY:
            return Member(self.text[start + 1 : end], start, end, None)
        if kind == UNOPENED_KEY:
            return Member(self.text[start : end - 1], start, end, None)
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


def _after_colon(text: str, start: int) -> bool:
    """Whether a `:` comes before `start` on its line, with only blanks between."""
    i = start - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i >= 0 and text[i] == ":"
