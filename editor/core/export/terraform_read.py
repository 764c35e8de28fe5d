"""Policies in Terraform files: `jsonencode({...})` arguments and JSON heredocs.

`jsonencode` takes an HCL expression, not JSON (`Version = "2012-10-17"`, trailing commas,
references such as `aws_sqs_queue.q.arn`, `"${var.bucket}"` interpolations, `$${` for a
literal `${`), so a small reader of HCL expressions builds the value tree with each value's
place in the file. References and interpolations become symbolic values (`${@...}`).
The policy is read and checked in place; it is not written back (HCL is not our format to
rewrite: Save As writes the policy as JSON).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from editor.core.export.embedded import Embedded
from editor.core.json.nodes import Kind, Member, Node
from editor.core.lint.template import Piece, Pieces, Writer, symbol
from editor.core.policy.kinds import PolicyKind

_NAME = re.compile(r"[A-Za-z_][\w\-]*")
_REFERENCE = re.compile(r"[A-Za-z_][\w\-.\[\]*]*")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")
_RESOURCE = re.compile(r'(?:resource|data)\s+"([\w-]+)"\s+"([\w-]+)"')
_HEX4 = re.compile(r"[0-9a-fA-F]{4}")
_HEREDOC = re.compile(r"<<-?([A-Za-z_]\w*)[ \t]*\r?\n")
TRUST_ATTRIBUTES = ("assume_role_policy",)
RESOURCE_POLICY_TYPES = frozenset(
    {
        "aws_sqs_queue_policy",
        "aws_sns_topic_policy",
        "aws_s3_bucket_policy",
        "aws_kms_key",
        "aws_ecr_repository_policy",
        "aws_secretsmanager_secret_policy",
    }
)

# An identity resource's `policy` is an identity policy: a Principal there is an error.
IDENTITY_POLICY_TYPES = frozenset(
    {"aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy"}
)
_ORGANIZATIONS_TYPE = re.compile(r'\btype\s*=\s*"(SERVICE_CONTROL_POLICY|RESOURCE_CONTROL_POLICY)"')
_ORGANIZATIONS_KINDS = {
    "SERVICE_CONTROL_POLICY": PolicyKind.SCP,
    "RESOURCE_CONTROL_POLICY": PolicyKind.RCP,
}


class HclError(ValueError):
    pass


def policies(text: str) -> list[Embedded]:
    found: list[Embedded] = []
    at = 0
    while (call := text.find("jsonencode(", at)) >= 0:
        at = call + len("jsonencode(")
        try:
            node, _ = Reader(text).value(at)
        except HclError:
            continue
        if node.kind is Kind.OBJECT and node.get("Statement") is not None:
            found.append(_embedded(text, call, node))
    for m in _HEREDOC.finditer(text):
        # `\r?`: in a CRLF file the marker's line ends in "\r\n", and `$` stops before "\n"
        marker = rf"^[ \t]*{re.escape(m.group(1))}[ \t]*\r?$"
        end = re.compile(marker, re.MULTILINE).search(text, m.end())
        if end is None:
            continue
        body = text[m.end() : end.start()]
        if '"Statement"' in body:
            found.append(_heredoc(text, m.start(), m.end(), body))
    return found


@lru_cache(maxsize=4)
def _blocks(text: str) -> tuple[list[int], list[tuple[str, str]]]:
    """Where each `resource`/`data` block of the file opens, and its type and name: found
    once per text, so that finding the block of each of many policies stays linear."""
    found = list(_RESOURCE.finditer(text))
    return [m.end() for m in found], [(m.group(1), m.group(2)) for m in found]


def context(text: str, at: int) -> tuple[str, PolicyKind | None, str]:
    """Label, kind and reason for a policy at `at`: its block and attribute."""
    starts, names = _blocks(text)
    i = bisect_right(starts, at) - 1  # the last block that opens before `at`
    rtype, rname = names[i] if i >= 0 else ("?", "?")
    line_start = text.rfind("\n", 0, at) + 1
    attribute = text[line_start:at].split("=")[0].strip() or "policy"
    kind: PolicyKind | None = None
    if attribute in TRUST_ATTRIBUTES:
        kind = PolicyKind.TRUST
    elif rtype in RESOURCE_POLICY_TYPES:
        kind = PolicyKind.RESOURCE
    elif rtype in IDENTITY_POLICY_TYPES and attribute == "policy":
        kind = PolicyKind.IDENTITY
    elif rtype == "aws_organizations_policy" and attribute == "content":
        # its `type` attribute says which, anywhere in its block
        block_end = starts[i + 1] if i + 1 < len(starts) else len(text)
        found = _ORGANIZATIONS_TYPE.search(text, starts[i] if i >= 0 else 0, block_end)
        kind = _ORGANIZATIONS_KINDS[found.group(1)] if found else None
    reason = f"from {attribute} of {rtype}" if kind else ""
    return f"{rtype}.{rname} › {attribute}", kind, reason


def _embedded(text: str, call: int, node: Node) -> Embedded:
    label, kind, reason = context(text, call)
    writer = Writer(text, mask=False)
    writer.write(node)
    writer.plain("\n", node.end)
    body, pieces = writer.result()
    return Embedded(label, body, kind, reason, pieces, None, 0)


def _heredoc(text: str, marker: int, start: int, body: str) -> Embedded:
    """A JSON heredoc: Terraform's interpolations symbolic, `$${` read as `${`."""
    label, kind, reason = context(text, marker)
    parts: list[Piece] = []
    out: list[str] = []
    length = 0
    pos = 0
    for m in re.finditer(r"\$\$\{|\$\{[^{}]*\}", body):
        literal = body[pos : m.start()]
        parts.append(Piece(length, start + pos, start + m.start(), True))
        out.append(literal)
        length += len(literal)
        piece = "${" if m.group() == "$${" else symbol(m.group()[2:-1])
        parts.append(Piece(length, start + m.start(), start + m.end(), False))
        out.append(piece)
        length += len(piece)
        pos = m.end()
    parts.append(Piece(length, start + pos, start + len(body), True))
    out.append(body[pos:])
    return Embedded(label, "".join(out), kind, reason, Pieces(parts), None, 0)


class Reader:
    """HCL expressions as JSON-like value trees, with source ranges."""

    def __init__(self, text: str) -> None:
        self.text = text

    def skip(self, at: int, newlines: bool = True) -> int:
        text = self.text
        while at < len(text):
            char = text[at]
            if char in " \t\r" or (newlines and char == "\n"):
                at += 1
            elif char == "#" or text.startswith("//", at):
                at = text.find("\n", at)
                at = len(text) if at < 0 else at
            elif text.startswith("/*", at):
                end = text.find("*/", at + 2)
                at = len(text) if end < 0 else end + 2
            else:
                break
        return at

    def value(self, at: int) -> tuple[Node, int]:
        at = self.skip(at)
        text = self.text
        if at >= len(text):
            raise HclError("end of file in an expression")
        char = text[at]
        if char == "{":
            return self.object(at)
        if char == "[":
            return self.array(at)
        if char == '"':
            return self.string(at)
        number = _NUMBER.match(text, at)
        if number:
            return Node(Kind.STRING, at, number.end(), number.group()), number.end()
        ref = _REFERENCE.match(text, at)
        if ref is None:
            raise HclError(f"unexpected {char!r}")
        end = ref.end()
        if end < len(text) and text[end] == "(":  # a function call: its value is unknown
            end = self.balanced(end)
        word = text[at:end]
        if word in ("true", "false", "null"):
            return Node(Kind.STRING, at, end, word), end
        return Node(Kind.STRING, at, end, symbol(word)), end

    def balanced(self, at: int) -> int:
        depth = 0
        for i in range(at, len(self.text)):
            char = self.text[i]
            depth += char in "([{"
            depth -= char in ")]}"
            if depth == 0:
                return i + 1
        raise HclError("unclosed call")

    def object(self, at: int) -> tuple[Node, int]:
        node = Node(Kind.OBJECT, at, at)
        at += 1
        while True:
            at = self.skip(at)
            if at >= len(self.text):
                raise HclError("unclosed object")
            if self.text[at] == "}":
                node.end = at + 1
                return node, at + 1
            if self.text[at] == '"':
                key, key_end = self.string(at)
                name = str(key.value)
            else:
                match = _NAME.match(self.text, at)
                if match is None:
                    raise HclError("expected a key")
                name, key_end = match.group(), match.end()
            key_start = at
            at = self.skip(key_end, newlines=False)
            if at >= len(self.text) or self.text[at] not in "=:":
                raise HclError("expected = after a key")
            value, at = self.value(at + 1)
            node.members.append(Member(name, key_start, key_end, value))
            at = self.skip(at)
            if at < len(self.text) and self.text[at] == ",":
                at += 1

    def array(self, at: int) -> tuple[Node, int]:
        node = Node(Kind.ARRAY, at, at)
        at += 1
        while True:
            at = self.skip(at)
            if at >= len(self.text):
                raise HclError("unclosed list")
            if self.text[at] == "]":
                node.end = at + 1
                return node, at + 1
            item, at = self.value(at)
            node.items.append(item)
            at = self.skip(at)
            if at < len(self.text) and self.text[at] == ",":
                at += 1

    def string(self, at: int) -> tuple[Node, int]:
        """A quoted template: escapes read, `$${` a literal `${`, `${...}` symbolic."""
        text = self.text
        out: list[str] = []
        i = at + 1
        while i < len(text):
            char = text[i]
            if char == '"':
                return Node(Kind.STRING, at, i + 1, "".join(out)), i + 1
            if char == "\n":
                break
            if text.startswith("\\u", i) and _HEX4.fullmatch(text, i + 2, i + 6):
                out.append(chr(int(text[i + 2 : i + 6], 16)))
                i += 6
            elif char == "\\" and i + 1 < len(text):
                out.append({"n": "\n", "t": "\t", '"': '"', "\\": "\\"}.get(text[i + 1], ""))
                i += 2
            elif text.startswith("%%{", i):
                out.append("%{")
                i += 3
            elif text.startswith("$${", i):
                out.append("${")
                i += 3
            elif text.startswith("${", i):
                end = self.balanced(i + 1)
                out.append(symbol(text[i + 2 : end - 1].strip()))
                i = end
            else:
                out.append(char)
                i += 1
        raise HclError("unclosed string")
