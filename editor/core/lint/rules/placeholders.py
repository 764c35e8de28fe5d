"""Placeholders in Condition values: `"aws:SourceAccount": "[Account-Id]"`, an ARN with
`{aws_account_id}` in `aws:SourceArn`. The same recogniser as for Resource and Principal
(catalog/arn.py); IAM policy variables (`${aws:username}`) are never placeholders."""

from __future__ import annotations

import re
from collections.abc import Iterator

from editor.core.catalog.arn import ACCOUNT_ID, Span, placeholders, split_arn
from editor.core.json.nodes import OBJECT
from editor.core.lint.context import LintContext
from editor.core.policy.statements import string_items, value_offsets
from editor.core.text.findings import Finding, Severity

# A value written as words where an account ID belongs ("Account_Id", "[Account-Id]").
_WORDS = re.compile(r"\[?[A-Za-z][A-Za-z0-9_\- ]*\]?")


def condition_values(ctx: LintContext) -> Iterator[Finding]:
    for statement in ctx.statements:
        member = statement.member("Condition")
        if member is None or member.value is None or member.value.kind is not OBJECT:
            continue
        for operator in member.value.members:
            if operator.value is None or operator.value.kind is not OBJECT:
                continue
            for key in operator.value.members:
                if key.value is None:
                    continue
                account_key = key.key.lower().endswith("account")
                for node in string_items(key.value):
                    for span in _spans(str(node.value), account_key):
                        start, end = value_offsets(ctx.text, node, span.start, span.end)
                        yield ctx.finding(
                            "condition/placeholder",
                            Severity.ERROR,
                            f"{span.text!r} is a placeholder: fill in "
                            + ("the 12-digit AWS account ID" if account_key else "the value")
                            + f" ({key.key} never matches it as written)",
                            start,
                            end,
                        )


def _spans(value: str, account_key: bool) -> tuple[Span, ...]:
    if account_key and not ACCOUNT_ID.fullmatch(value) and _WORDS.fullmatch(value):
        return (Span(0, len(value), value),)
    found = list(placeholders(value))
    fields = split_arn(value)
    if fields is not None:
        account, partition = fields.account, fields.partition
        if (
            account.text not in ("", "*", "aws")
            and not ACCOUNT_ID.fullmatch(account.text)
            and _WORDS.fullmatch(account.text)
            and not _overlaps(found, account)
        ):
            found.append(account)
        if partition.text[:1] in "<>" and partition.text and not _overlaps(found, partition):
            found.append(partition)  # >partition<, as one AWS page writes it
    return tuple(sorted(found))


def _overlaps(found: list[Span], span: Span) -> bool:
    return any(s.start < span.end and span.start < s.end for s in found)
