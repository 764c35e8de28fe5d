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
# An IAM policy variable standing for a whole value: ${aws:username}, ${saml:sub} ...
POLICY_VARIABLE = re.compile(r"\$\{[\w.\-]+:[\w.\-/]+\}")

# One pass finds them all; a policy variable matches first and is skipped.
_PLACEHOLDER = re.compile(
    r"(?P<variable>\$\{(?:[\w.\-]+:[\w.\-/]+|[*?$])\})"
    r"|\$\{[A-Za-z_]\w*\}"  # ${Region}: a template variable (no colon), not an IAM one
    r"|\{[^{}]*\}"  # {aws_account_id}
    r"|<[^<>]+>"  # <account-id>
    r"|\[[^\[\]]+\]"  # [Bucket-Name], [Account-Id]: as AWS's Chime pages write them
    # ACCOUNT_ID, APP_INSTANCE_ID, BUCKET_NAME; not any upper-case name (MY_ROLE is a name).
    r"|\b[A-Z][A-Z0-9_]*_(?:ID|NAME|ARN)\b|\b[A-Z_]*(?:ACCOUNT|REGION|PARTITION)[A-Z_]*\b"
)
# Words that, alone in an ARN field, say "fill me in".
_FIELD_WORDS = {
    "partition": {"partition", "aws-partition"},
    "region": {"region", "your-region", "aws-region", "region-code", "regioncode"},
    "account": {
        "account",
        "account-id",
        "accountid",
        "aws-account-id",
        "your-account-id",
        "account_id",
        "aws_account_id",
    },
}


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
    spans: list[Span] = []
    pos = 4
    for part in parts[1:]:
        spans.append(Span(pos, pos + len(part), part))
        pos += len(part) + 1
    return ArnFields(*spans)


@lru_cache(maxsize=2048)
def placeholders(value: str) -> tuple[Span, ...]:
    """Unfilled placeholders in an ARN (or any resource string), in order, not overlapping.

    Cached: the live preview re-checks the same ARNs on every keystroke.
    """
    found = [
        Span(m.start(), m.end(), m.group())
        for m in _PLACEHOLDER.finditer(value)
        if m.lastgroup != "variable"
    ]
    fields = split_arn(value)
    if fields is not None:
        for name, span in (
            ("partition", fields.partition),
            ("region", fields.region),
            ("account", fields.account),
        ):
            if span.text.lower() in _FIELD_WORDS[name] and not any(
                f.start < span.end and span.start < f.end for f in found
            ):
                found.append(span)
    return tuple(sorted(found, key=lambda s: s.start))
