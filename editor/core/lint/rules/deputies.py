"""Whose resource a service acts for (the confused deputy keys): aws:SourceAccount and
aws:SourceArn must name the same account when a statement uses both (AWS IoT Developer
Guide, "Cross-service confused deputy prevention"; the Chime SDK Administration Guide's page of
the same name recommends aws:SourceAccount). A request comes from one resource of one account,
so a statement naming two different accounts matches none: a trust policy's role can never be
assumed, a bucket policy's service never writes.

Not checked: a Chime service principal trusted with no such condition. AWS's own service role
trust policy for messaging.chime.amazonaws.com has none, and no AWS page says the service sends
aws:SourceArn when it assumes a role: advising the condition could lock the service out.
"""

from __future__ import annotations

from collections.abc import Iterator

from editor.core.json.nodes import OBJECT, STRING, Node
from editor.core.lint.context import LintContext
from editor.core.policy.statements import StatementView, string_items
from editor.core.text.findings import Finding, Severity

# Operators whose values a request's key must be among (negations and IfExists aside).
_MUST_EQUAL = frozenset({"stringequals", "stringlike", "arnequals", "arnlike"})


def source_accounts(ctx: LintContext) -> Iterator[Finding]:
    """aws:SourceAccount and aws:SourceArn naming different accounts in one statement."""
    for statement in ctx.statements:
        accounts, arns = _required_values(statement)
        if not accounts or not arns:
            continue
        arn_accounts = {_account_of(node) for node in arns}
        if None in arn_accounts or arn_accounts & {str(a.value) for a in accounts}:
            continue  # a wildcard or variable in some ARN's account, or one agrees
        first = accounts[0]
        named = ", ".join(sorted(a for a in arn_accounts if a is not None))
        yield ctx.finding(
            "condition/source-mismatch",
            Severity.ERROR,
            f"aws:SourceAccount is {first.value} but aws:SourceArn names account {named}: a "
            "request comes from one resource of one account, so this statement never matches",
            first.start,
            first.end,
        )


def _required_values(statement: StatementView) -> tuple[list[Node], list[Node]]:
    """The literal values aws:SourceAccount and aws:SourceArn must be among."""
    condition = statement.member("Condition")
    accounts: list[Node] = []
    arns: list[Node] = []
    if condition is None or condition.value is None or condition.value.kind is not OBJECT:
        return accounts, arns
    for block in condition.value.members:
        if block.key.lower() not in _MUST_EQUAL or block.value is None:
            continue
        if block.value.kind is not OBJECT:
            continue
        for member in block.value.members:
            if member.value is None:
                continue
            key = member.key.lower()
            values = [n for n in string_items(member.value) if n.kind is STRING]
            if key == "aws:sourceaccount":
                accounts += [n for n in values if str(n.value).isdigit()]
            elif key == "aws:sourcearn":
                arns += values
    return accounts, arns


def _account_of(node: Node) -> str | None:
    """The account field of an ARN when it is twelve digits as written, else None."""
    fields = str(node.value).split(":", 5)
    if len(fields) < 5 or not fields[4].isdigit() or len(fields[4]) != 12:
        return None
    return fields[4]
