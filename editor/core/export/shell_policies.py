"""Policies in AWS CLI commands: the shell script `chime-policy export --to aws-cli` writes
(`aws iam create-policy --policy-name N --policy-document '{...}'`), or one written by hand.

The script is split into words as a POSIX shell would (quotes, backslashes, line
continuations, comments; nothing is expanded), keeping for each character of a word where it
stands in the file. A word given to an option that takes a policy document is the policy;
SQS's `--attributes` takes a JSON map whose `Policy` string is the policy. Each character of
the policy maps to the file's own text (a quote's escape `'"'"'` for the quote it writes), so
findings carry the script's lines and columns. Saving writes the edited policy back as the same
option's word, quoted for the shell as the export quotes it; the rest of the file is kept.
"""

from __future__ import annotations

import json
import shlex
from bisect import bisect_right
from collections.abc import Iterator
from typing import NamedTuple

from editor.core.export.embedded import Embedded
from editor.core.export.string_policies import merged_pieces
from editor.core.json.nodes import Kind
from editor.core.json.read import read_json
from editor.core.lint.template import Piece, Pieces
from editor.core.policy.kinds import PolicyKind

# The options that take a policy document (the AWS CLI Command Reference of each command).
DOCUMENT_OPTIONS = frozenset(
    {
        "--policy-document",  # iam create-policy, create-policy-version, put-*-policy
        "--assume-role-policy-document",  # iam create-role
        "--policy",  # s3api put-bucket-policy
        "--content",  # organizations create-policy, update-policy
        "--attribute-value",  # sns set-topic-attributes --attribute-name Policy
    }
)
ATTRIBUTES = "--attributes"  # sqs set-queue-attributes: {"Policy": "<the policy as a string>"}
SHELL = "shell"  # Embedded.form: written back as one shell word
SHELL_ATTRIBUTES = "shell-attributes"  # written back inside the attribute map's word
_SEPARATORS = frozenset(";&|\n")
_ESCAPED_IN_DOUBLE = frozenset('$`"\\')


class Char(NamedTuple):
    char: str
    start: int  # where it is written in the file
    end: int
    literal: bool  # written as itself (not an escape standing for it)


class Word(NamedTuple):
    chars: tuple[Char, ...]
    start: int  # the whole word as written, quotes included
    end: int

    @property
    def text(self) -> str:
        return "".join(c.char for c in self.chars)


def commands(text: str) -> Iterator[list[Word]]:
    """The words of each command of a shell script, as the shell splits them."""
    words: list[Word] = []
    chars: list[Char] = []
    start = -1
    i, size = 0, len(text)

    def end_word(at: int) -> None:
        nonlocal chars, start
        if start >= 0:
            words.append(Word(tuple(chars), start, at))
        chars, start = [], -1

    while i < size:
        c = text[i]
        if c in " \t\r":
            end_word(i)
            i += 1
        elif c in _SEPARATORS:
            end_word(i)
            if words:
                yield words
            words = []
            i += 1
        elif c == "#" and start < 0:
            while i < size and text[i] != "\n":
                i += 1
        elif c == "\\":
            if i + 1 < size and text[i + 1] == "\n":  # a line continued: both removed
                i += 2
                continue
            start = i if start < 0 else start
            if i + 1 < size:
                chars.append(Char(text[i + 1], i, i + 2, False))
            i += 2
        elif c == "'":
            start = i if start < 0 else start
            close = text.find("'", i + 1)
            close = size if close < 0 else close
            chars.extend(Char(text[j], j, j + 1, True) for j in range(i + 1, close))
            i = close + 1
        elif c == '"':
            start = i if start < 0 else start
            i += 1
            while i < size and text[i] != '"':
                if text[i] == "\\" and i + 1 < size and text[i + 1] in _ESCAPED_IN_DOUBLE:
                    chars.append(Char(text[i + 1], i, i + 2, False))
                    i += 2
                elif text[i] == "\\" and i + 1 < size and text[i + 1] == "\n":
                    i += 2
                else:
                    chars.append(Char(text[i], i, i + 1, True))
                    i += 1
            i += 1
        else:
            start = i if start < 0 else start
            chars.append(Char(c, i, i + 1, True))
            i += 1
    end_word(size)
    if words:
        yield words


def policies(text: str) -> list[Embedded]:
    """Every policy document given to an AWS CLI command of the script `text`."""
    found: list[Embedded] = []
    breaks = [i for i, c in enumerate(text) if c == "\n"]  # for each policy's line
    for words in commands(text):
        if not words or words[0].text != "aws":
            continue
        for at, word in enumerate(words):
            option, equals, _ = word.text.partition("=")
            if option not in DOCUMENT_OPTIONS and option != ATTRIBUTES:
                continue
            if equals:  # --policy-document='{...}': the value is the rest of this word
                skip = len(option) + 1  # its quotes from just after the "="
                value = Word(word.chars[skip:], word.chars[skip - 1].end, word.end)
            elif at + 1 < len(words):
                value = words[at + 1]
            else:
                continue
            line = bisect_right(breaks, word.start) + 1
            label = " ".join(w.text for w in words[: min(at, 3)]) + f" {option} (line {line})"
            embedded = _read(value, option, label, _kind(words))
            if embedded is not None:
                found.append(embedded)
    return found


def _read(value: Word, option: str, label: str, kind: PolicyKind | None) -> Embedded | None:
    reason = f"from {label}"
    if option != ATTRIBUTES:
        if not value.text.lstrip().startswith("{"):
            return None  # file://policy.json, a variable: not written here
        pieces = Pieces(merged_pieces(_pieces(value.chars)))
        span = (value.start, value.end)
        return Embedded(label, value.text + "\n", kind, reason, pieces, span, 0, form=SHELL)
    inner = _attribute_policy(value.text)
    if inner is None:
        return None
    body, where = inner
    chars: list[Char] = []
    for offset, (start, end, literal) in enumerate(where):
        first, last = value.chars[start], value.chars[end - 1]
        chars.append(Char(body[offset], first.start, last.end, literal and first.literal))
    pieces = Pieces(merged_pieces(_pieces(tuple(chars))))
    span = (value.start, value.end)
    return Embedded(label, body + "\n", kind, reason, pieces, span, 0, form=SHELL_ATTRIBUTES)


def _pieces(chars: tuple[Char, ...]) -> list[Piece]:
    pieces = [Piece(out, c.start, c.end, c.literal) for out, c in enumerate(chars)]
    end = chars[-1].end if chars else 0
    pieces.append(Piece(len(chars), end, end, False))  # the "\n" the editor adds
    return pieces


def _attribute_policy(value: str) -> tuple[str, list[tuple[int, int, bool]]] | None:
    """The `Policy` string of an attribute map, and for each of its characters the span of
    `value` that writes it (an escape `\\"` for `"`, not literal)."""
    parsed = read_json(value)
    root = parsed.root
    member = root.get("Policy") if root is not None and root.kind is Kind.OBJECT else None
    node = member.value if member is not None else None
    if node is None or node.kind is not Kind.STRING or not isinstance(node.value, str):
        return None
    body = node.value
    if not body.lstrip().startswith("{"):
        return None
    where: list[tuple[int, int, bool]] = []
    at = node.start + 1
    for char in body:
        width = 1
        if value[at] == "\\":
            width = 2 if value[at + 1] != "u" else 12 if ord(char) > 0xFFFF else 6
        where.append((at, at + width, width == 1))
        at += width
    return body, where


def _kind(words: list[Word]) -> PolicyKind | None:
    """What the command makes of the document (None: the document says, as for a file)."""
    texts = [w.text for w in words]
    service, operation = (texts + ["", "", ""])[1:3]
    if service == "iam" and operation in ("create-role", "update-assume-role-policy"):
        return PolicyKind.TRUST
    if service == "iam" and operation in ("put-user-policy", "put-role-policy", "put-group-policy"):
        return PolicyKind.IDENTITY
    if (service, operation) in (
        ("s3api", "put-bucket-policy"),
        ("sqs", "set-queue-attributes"),
        ("sns", "set-topic-attributes"),
    ):
        return PolicyKind.RESOURCE
    if service == "organizations":
        given = texts[texts.index("--type") + 1] if "--type" in texts[:-1] else ""
        return {
            "SERVICE_CONTROL_POLICY": PolicyKind.SCP,
            "RESOURCE_CONTROL_POLICY": PolicyKind.RCP,
        }.get(given)
    return None


def written_back(container: str, form: str, span: tuple[int, int], edited: str) -> str:
    """The script with the option's word replaced by `edited`, quoted for the shell."""
    start, end = span
    policy = edited.rstrip("\n")
    if form == SHELL_ATTRIBUTES:
        words = next(commands(container[start:end]), [])
        old = words[0].text if words else "{}"
        parsed = read_json(old)
        member = parsed.root.get("Policy") if parsed.root is not None else None
        if member is None or member.value is None:
            return container  # not reached: the word was read as such a map
        node = member.value
        policy = old[: node.start] + json.dumps(policy) + old[node.end :]
    return container[:start] + shlex.quote(policy) + container[end:]
