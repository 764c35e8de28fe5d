"""ARNs in policies: their fields, unfilled placeholders, and IAM policy variables.

`${aws:username}` is an IAM policy variable, resolved by IAM at request time: valid.
`{aws_account_id}`, `<account-id>`, `ACCOUNT_ID`, `${Region}` or a bare `region` field are
placeholders a person forgot to fill: the ARN then matches nothing.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

# IAM policy variables: ${aws:username}, ${aws:PrincipalTag/team}, ${saml:sub},
# ${www.amazon.com:user_id}, and the escapes ${*} ${?} ${$}.

ACCOUNT_ID = re.compile(r"\d{12}")
# An IAM policy variable standing for a whole value: ${aws:username}, ${saml:sub} ..., with
# an optional default: ${aws:PrincipalTag/team, 'none'}.
POLICY_VARIABLE = re.compile(r"\$\{[\w.\-]+:[\w.\-/]+(?:, '[^'}]*')?\}")

# One pass finds them all; a policy variable matches first and is skipped.
# What a template works out (`${@AWS.3a..3a.Region}` for CloudFormation's ${AWS::Region},
# a Terraform reference): a value of its field, never a placeholder (lint/template.py).
SYMBOL = re.compile(r"\$\{@[\w.\-/]*\}")
# A reference in a CloudFormation `Fn::Sub` string: ${AWS::Region}, ${Queue.Arn}, ${Param};
# `${!x}` (group 1 is "!") is an escape, the literal text ${x}.
SUB_REFERENCE = re.compile(r"\$\{(!?)([^{}]*)\}")
_KEPT = re.compile(r"[A-Za-z0-9_\-/]")
_ENCODED = re.compile(r"\.([0-9a-f]+)\.")
_SEPARATOR = re.compile(r"([/:])")
_new = tuple.__new__


def symbol(name: str) -> str:
    """`${@NAME}`, NAME kept to the characters of an IAM variable's name (no `:`, which
    would split an ARN's fields); any other character is written `.hex.`, so that `unmask`
    gives the user back the reference as the template spells it."""
    return "${@" + "".join(c if _KEPT.match(c) else f".{ord(c):x}." for c in name) + "}"


def unmask(text: str) -> str:
    """`text` (a finding's message) with each `${@NAME}` as the template wrote it:
    `${AWS::AccountId}`, `${var.bucket}`; the encoding is ours, never the user's to read."""

    def spelt(m: re.Match[str]) -> str:
        name = _ENCODED.sub(lambda e: chr(int(e.group(1), 16)), m.group()[3:-1])
        return "${" + name + "}"

    return SYMBOL.sub(spelt, text)


_BRACED_FORMS = (
    # Anything with a colon in ${...} is meant as an IAM variable: its syntax is the
    # variables rule's to check, not a placeholder. ${@NAME} is a template's symbol.
    r"(?P<variable>\$\{(?:[^{}:]*:[^{}]*|[*?$]|\s*|@[\w.\-/]*)\})"
    r"|\$\{[A-Za-z_]\w*\}"  # ${Region}: a template variable (no colon), not an IAM one
    r"|\{[^{}]*\}"  # {aws_account_id}
    r"|<[^<>]+>"  # <account-id>
)
_PLACEHOLDER = re.compile(
    _BRACED_FORMS
    # ACCOUNT_ID, APP_INSTANCE_ID, BUCKET_NAME; not any upper-case name (MY_ROLE is a name).
    + r"|\b[A-Z][A-Z0-9_]*_(?:ID|NAME|ARN)\b|\b[A-Z_]*(?:ACCOUNT|REGION|PARTITION)[A-Z_]*"
    # ... with hyphens too: ACCOUNT-ID-WITHOUT-HYPHENS (IAM User Guide), whole, not `ACCOUNT`
    + r"(?:-[A-Z]+)*\b"
    # AWS's old example bucket name DOC-EXAMPLE-BUCKET (upper case: never a real bucket's).
    # Its new one, amzn-s3-demo-bucket, is a valid name, and AWS's examples read as written.
    + r"|\bDOC-EXAMPLE-[A-Z0-9-]*[A-Z0-9]\b"
)
# The same without the upper-case forms, which cannot match a text without upper case (most
# ARNs): half the work, the same matches.
_BRACED = re.compile(_BRACED_FORMS)
# A field of lower-case letters, digits, dots and dashes: no placeholder but by its words.
_PLAIN = re.compile(r"[a-z0-9.\-]+")
# Brackets some guides write placeholders in: [Account-Id].
_BRACKETED = re.compile(r"\[[^\[\]]+\]")
# A lower-case name ending in _id, _name or _arn, alone in a resource segment: app_instance_id,
# project_id. A real ID rarely has that shape; a bare word such as `backend_worker` is an ID.
_SNAKE_NAME = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*_(?:id|name|arn)")
# Words that, alone in an ARN field (letters and digits only, lower case, without a leading
# "your"), say "fill me in": `region`, `Account-Id`, `AWS account ID`, `aws_account_id`.
FIELD_WORDS: dict[str, frozenset[str]] = {
    "partition": frozenset({"partition", "awspartition"}),
    "region": frozenset({"region", "awsregion", "regioncode", "regionname"}),
    "account": frozenset(
        {"account", "accountid", "awsaccountid", "awsaccount", "accountnumber", "awsaccountnumber"}
    ),
    # IDs in the resource part (template variables and how guides spell them).
    "resource": frozenset(
        {
            "id",
            "name",
            "userid",
            "botid",
            "channelid",
            "flowid",
            "channelflowid",
            "appinstanceid",
            "appinstanceuserid",
            "appinstancebotid",
            "resourceid",
            "resourcename",
        }
    ),
}


def field_word(text: str) -> str:
    """`text` as the placeholder words are kept: letters and digits, lower case, without the
    brackets around it or a leading "your"."""
    return _without_your("".join(c for c in text.lower() if c.isalnum()))


def _without_your(word: str) -> str:
    # Not "my": `my-account` reads as an account's name given in the wrong field.
    return word[4:] if word.startswith("your") and len(word) > 4 else word


@lru_cache(maxsize=4096)  # bounded; the same few segments (`user`, `channel`...) recur
def is_placeholder(text: str, field: str = "resource") -> bool:
    """Whether `text`, the whole of one ARN field (`partition`, `region`, `account`) or of a
    resource segment (`resource`), is a placeholder in any of its written forms. IAM policy
    variables (`${aws:username}`) and wildcards are not."""
    if _PLAIN.fullmatch(text):
        # The usual field (`aws`, `us-east-1`, `user`, `ch-42`): none of the written forms
        # below can match it but the words, so only they are asked.
        return _without_your(text.replace("-", "").replace(".", "")) in FIELD_WORDS[field]
    if not text or POLICY_VARIABLE.fullmatch(text) or text in ("${*}", "${?}", "${$}"):
        return False
    if SYMBOL.fullmatch(text):
        return False
    if any(m.lastgroup != "variable" and m.group() == text for m in _PLACEHOLDER.finditer(text)):
        return True
    if _BRACKETED.fullmatch(text) or (field == "resource" and _SNAKE_NAME.fullmatch(text)):
        return True
    return field_word(text) in FIELD_WORDS[field]


class Span(NamedTuple):
    """Where in a string value a thing is: value[start:end]."""

    start: int
    end: int
    text: str


class ArnFields(NamedTuple):
    partition: Span
    service: Span
    region: Span
    account: Span
    resource: Span


@lru_cache(maxsize=2048)
def split_arn(value: str) -> ArnFields | None:
    """The six fields of an ARN with their positions, or None if it is not `arn:...` in six."""
    parts = value.split(":", 5)
    if len(parts) < 6 or parts[0] != "arn":
        return None
    # Unrolled, each NamedTuple made by tuple.__new__: an ARN never seen costs no loop.
    _, partition, service, region, account, resource = parts
    e1 = 4 + len(partition)
    e2 = e1 + 1 + len(service)
    e3 = e2 + 1 + len(region)
    e4 = e3 + 1 + len(account)
    return _new(
        ArnFields,
        (
            _new(Span, (4, e1, partition)),
            _new(Span, (e1 + 1, e2, service)),
            _new(Span, (e2 + 1, e3, region)),
            _new(Span, (e3 + 1, e4, account)),
            _new(Span, (e4 + 1, e4 + 1 + len(resource), resource)),
        ),
    )


@lru_cache(maxsize=2048)
def placeholders(value: str) -> tuple[Span, ...]:
    """Unfilled placeholders in an ARN (or any resource string), in order, not overlapping.

    Cached: the live preview re-checks the same ARNs on every keystroke.
    """
    found: list[Span] = []
    regex = _placeholder_regex(value)
    if regex is not None:
        for m in regex.finditer(value):
            if m.lastgroup != "variable":
                found.append(_new(Span, (m.start(), m.end(), m.group())))
    if "[" in value:
        found.extend(
            Span(m.start(), m.end(), m.group())
            for m in _BRACKETED.finditer(value)
            if not _overlaps(m.start(), m.end(), found)
        )
    fields = split_arn(value)
    if fields is not None:
        # The fields and segments do not overlap one another: each is asked only whether a
        # written form found above covers part of it, one look-up in a mask of those.
        covered = _mask(len(value), found) if found else None
        for name, span in zip(_HEAD_FIELDS, (fields[0], fields[2], fields[3]), strict=True):
            # Overlaps first: a field already found whole (`{aws_account_id}`) is not asked.
            if (covered is None or covered.find(1, span.start, span.end) < 0) and (
                _field_placeholder(span.text, name)
            ):
                found.append(span)
        # The resource's segments, between "/" and ":", each made a Span only when found.
        at, text = fields.resource.start, fields.resource.text
        for part in text.split("/") if ":" not in text else _SEPARATOR.split(text)[::2]:
            end = at + len(part)
            if (
                part
                and (covered is None or covered.find(1, at, end) < 0)
                and _field_placeholder(part, "resource")
            ):
                found.append(_new(Span, (at, end, part)))
            at = end + 1  # after the separator
    if len(found) > 1:
        found.sort()  # by start: the spans are not empty and do not overlap
    return tuple(found)


_HEAD_FIELDS = ("partition", "region", "account")


def _field_placeholder(text: str, field: str) -> bool:
    """is_placeholder, with the usual field (`aws`, `us-east-1`, `app-instance`) answered
    here as is_placeholder answers it: a field never seen before (a cold lint) then costs no
    cache entry and no regex."""
    if not text.strip("*?"):
        return False  # a wildcard (`channel/*`): none of the written forms is only that
    word = text.replace("-", "").replace(".", "") if "-" in text or "." in text else text
    if word.isascii() and word.isalnum() and word.islower():  # _PLAIN matches the text
        return _without_your(word) in FIELD_WORDS[field]
    return is_placeholder(text, field)


def _placeholder_regex(value: str) -> re.Pattern[str] | None:
    """The regex that finds the placeholders `value` can hold: none without a brace, an
    angle bracket or an upper-case letter (`arn:aws:chime:us-east-1:...`); only the braced
    forms without upper case."""
    if value.lower() != value:
        return _PLACEHOLDER
    return _BRACED if "{" in value or "<" in value else None


def _mask(length: int, spans: list[Span]) -> bytearray:
    """1 where one of `spans` lies, 0 elsewhere: whether a range meets any of them is then
    one C-level search, `mask.find(1, start, end) >= 0`."""
    mask = bytearray(length)
    for span in spans:
        mask[span.start : span.end] = b"\x01" * (span.end - span.start)
    return mask


def _overlaps(start: int, end: int, spans: list[Span]) -> bool:
    for s in spans:  # noqa: SIM110 (a loop, not any(): no generator made per call; hot)
        if s.start < end and start < s.end:
            return True
    return False
