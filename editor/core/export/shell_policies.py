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
import re
import shlex
from collections.abc import Iterator

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
_ESCAPED_IN_DOUBLE = '$`"\\'  # what a backslash escapes inside double quotes


_PLAIN_STOP = frozenset(" \t\r;&|\n\\'\"")  # what ends a run of plain characters


class Word:
    """A shell word: its text as the shell passes it, and for each run of that text where it
    stands in the file (`Piece`s: a run written as itself is literal; an escape is not)."""

    def __init__(self, start: int) -> None:
        self.start = start  # the whole word as written, quotes included
        self.end = start
        self.parts: list[str] = []
        self.pieces: list[Piece] = []
        self.length = 0

    def add(self, text: str, source: int, source_end: int, literal: bool) -> None:
        if not text:
            return
        last = self.pieces[-1] if self.pieces else None
        if literal and last is not None and last.literal and last.source_end == source:
            self.pieces[-1] = last._replace(source_end=source_end)  # one run, went on
        else:
            self.pieces.append(Piece(self.length, source, source_end, literal))
        self.parts.append(text)
        self.length += len(text)

    @property
    def text(self) -> str:
        if len(self.parts) > 1:
            self.parts = ["".join(self.parts)]
        return self.parts[0] if self.parts else ""

    def tail(self, skip: int) -> Word:
        """The word from its character `skip` on (`--opt=VALUE`'s value), starting in the
        file just after the character before it."""
        pieces = Pieces(self.pieces)
        rest = Word(pieces.to_source(skip, end=True))
        text = self.text
        for piece in self.pieces:
            size = (piece.source_end - piece.source) if piece.literal else 1
            stop = piece.out + size
            if stop <= skip:
                continue
            if piece.literal:
                cut = max(skip - piece.out, 0)
                rest.add(text[piece.out + cut : stop], piece.source + cut, piece.source_end, True)
            else:
                rest.add(text[piece.out], piece.source, piece.source_end, False)
        rest.end = self.end
        return rest


def commands(text: str) -> Iterator[list[Word]]:
    """The words of each command of a shell script, as the shell splits them."""
    words: list[Word] = []
    word: Word | None = None
    i, size = 0, len(text)

    def end_word(at: int) -> None:
        nonlocal word
        if word is not None:
            word.end = at
            words.append(word)
        word = None

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
        elif c == "#" and word is None:
            while i < size and text[i] != "\n":
                i += 1
        elif c == "\\" and text[i + 1 : i + 2] == "\n":  # a line continued: both removed
            i += 2
        else:
            word = word or Word(i)
            i = _part(text, i, word)
    end_word(size)
    if words:
        yield words


def _part(text: str, i: int, word: Word) -> int:
    """Read one part of a word at `i` (a run of plain characters, an escaped character, a
    quoted string) into `word`; where reading goes on."""
    size = len(text)
    c = text[i]
    if c == "\\":
        if i + 1 < size:
            word.add(text[i + 1], i, i + 2, False)
        return i + 2
    if c == "'":
        close = text.find("'", i + 1)
        close = size if close < 0 else close
        word.add(text[i + 1 : close], i + 1, close, True)
        return close + 1
    if c == '"':
        i += 1
        run = i
        while i < size and text[i] != '"':
            if text[i] == "\\" and i + 1 < size and text[i + 1] in _ESCAPED_IN_DOUBLE + "\n":
                word.add(text[run:i], run, i, True)
                if text[i + 1] != "\n":  # an escaped line break is removed
                    word.add(text[i + 1], i, i + 2, False)
                i += 2
                run = i
            else:
                i += 1
        word.add(text[run:i], run, i, True)
        return i + 1
    run = i
    while i < size and text[i] not in _PLAIN_STOP:
        i += 1
    word.add(text[run:i], run, i, True)
    return i


# A line calling the AWS CLI, its indentation aside (no user text in it; linear).
_AWS_LINE = re.compile(r"^[ \t]*aws[ \t]", re.MULTILINE)
# What a template or Terraform file holds: one running `aws` in its UserData stays a template.
_OTHER_CONTAINERS = ("Resources", 'resource "', "jsonencode(")


def looks_like_script(text: str) -> bool:
    """A shell script calling the AWS CLI, whatever its file's name."""
    return _AWS_LINE.search(text) is not None and not any(m in text for m in _OTHER_CONTAINERS)


def policies(text: str) -> list[Embedded]:
    """Every policy document given to an AWS CLI command of the script `text`."""
    found: list[Embedded] = []
    line, counted_to = 1, 0  # each policy's line, counted on from the one before
    for words in commands(text):
        if not words or words[0].text != "aws":
            continue
        for at, word in enumerate(words):
            option, equals, _ = word.text.partition("=")
            if option not in DOCUMENT_OPTIONS and option != ATTRIBUTES:
                continue
            if equals:  # --policy-document='{...}': the value is the rest of this word
                value = word.tail(len(option) + 1)  # its quotes from just after the "="
            elif at + 1 < len(words):
                value = words[at + 1]
            else:
                continue
            line += text.count("\n", counted_to, word.start)
            counted_to = word.start
            label = " ".join(w.text for w in words[: min(at, 3)]) + f" {option} (line {line})"
            embedded = _read(value, option, label, _kind(words))
            if embedded is not None:
                found.append(embedded)
    return found


def _read(value: Word, option: str, label: str, kind: PolicyKind | None) -> Embedded | None:
    reason = f"from {label}"
    span = (value.start, value.end)
    if option != ATTRIBUTES:
        if not value.text.lstrip().startswith("{"):
            return None  # file://policy.json, a variable: not written here
        pieces = Pieces([*value.pieces, _newline(value.length, value.end)])
        return Embedded(label, value.text + "\n", kind, reason, pieces, span, 0, form=SHELL)
    inner = _attribute_policy(value.text)
    if inner is None:
        return None
    body, where = inner
    # Each character through the map's JSON string, then through the shell word: the map
    # is short (one queue's policy), so a look-up per character is cheap enough.
    outer = Pieces(value.pieces)
    chars = [
        Piece(
            out,
            outer.to_source(start),
            outer.to_source(end, end=True),
            plain and outer.literal_at(start, end),
        )
        for out, (start, end, plain) in enumerate(where)
    ]
    pieces = Pieces([*merged_pieces(chars), _newline(len(body), value.end)])
    return Embedded(label, body + "\n", kind, reason, pieces, span, 0, form=SHELL_ATTRIBUTES)


def _newline(out: int, at: int) -> Piece:
    """The "\n" the editor adds after the policy (at `out`): at the end of its word."""
    return Piece(out, at, at, False)


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
