"""Condition blocks against IAM's grammar: the structure (operator -> object of key -> a value
or a list of values), each value against its operator and its key's type, set qualifiers
against multi-valued keys, IfExists and Null, keys repeated with another case, wildcards
without a Like operator.

Sources: IAM User Guide, "IAM JSON policy elements: Condition operators" (value formats, Null,
IfExists), "Multivalued context keys" (ForAllValues / ForAnyValue), and the key types of the
Service Authorization Reference and the global condition key page.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator

from editor.core.catalog.lookup import key_type
from editor.core.json.nodes import ARRAY, LITERAL, NUMBER, OBJECT, STRING, Member, Node
from editor.core.lint.context import LintContext
from editor.core.lint.rules.conditions import split_operator
from editor.core.text.findings import Finding, Severity

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
# W3C's profile of ISO 8601, which IAM's date operators take, or epoch seconds.
_DATE = re.compile(
    r"(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?"
    r"(?:Z|[+-]\d{2}:?\d{2})?)?)?)?"
)
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
# The operator families, by name, and the key types each may compare (None: any key).
_FAMILIES = (
    ("String", frozenset({"String", "ARN"})),
    ("Numeric", frozenset({"Numeric", "Date"})),  # aws:EpochTime is compared either way
    ("Date", frozenset({"Date"})),
    ("Bool", frozenset({"Bool"})),
    ("Binary", frozenset({"Binary"})),
    ("IpAddress", frozenset({"IPAddress"})),
    ("NotIpAddress", frozenset({"IPAddress"})),
    ("Arn", frozenset({"ARN", "String"})),
    ("Null", None),
)


def family_of(base: str) -> tuple[str, frozenset[str] | None] | None:
    for name, types in _FAMILIES:
        if base.startswith(name):
            return ("IpAddress" if name == "NotIpAddress" else name), types
    return None


def condition_values(ctx: LintContext) -> Iterator[Finding]:
    for statement in ctx.statements:
        member = statement.member("Condition")
        if member is None or member.value is None or member.value.kind is not OBJECT:
            continue
        if not member.value.members:
            yield ctx.finding(
                "condition/empty",
                INFO,
                "an empty Condition tests nothing: remove it",
                member.value.start,
                member.value.end,
            )
        for operator in member.value.members:
            yield from _block(ctx, operator)


def _block(ctx: LintContext, operator: Member) -> Iterator[Finding]:
    block = operator.value
    if block is None:
        return
    if block.kind is not OBJECT:
        yield ctx.finding(
            "policy/invalid-type",
            ERROR,
            f"{operator.key} takes an object of condition keys and values, "
            '{"aws:username": "alice"}',
            block.start,
            block.end,
        )
        return
    if not block.members:
        yield ctx.finding(
            "condition/empty",
            INFO,
            f"{operator.key} has no condition key: it tests nothing",
            block.start,
            block.end,
        )
    qualifier, base, if_exists = split_operator(operator.key)
    family = family_of(base) if base in ctx.catalog.condition_operators else None
    if base == "Null" and if_exists:
        yield _at_key(ctx, operator, "condition/null-if-exists", ERROR, _NULL_IF_EXISTS)
    if base == "Null" and qualifier:
        yield _at_key(ctx, operator, "condition/null-qualifier", INFO, _NULL_QUALIFIER)
    seen: dict[str, str] = {}
    for key in block.members:
        lowered = key.key.lower()
        if lowered in seen and seen[lowered] != key.key:
            yield ctx.finding(
                "condition/duplicate-key",
                ERROR,
                f"{key.key!r} and {seen[lowered]!r} are the same key (keys ignore case) in "
                "one block: IAM refuses the policy; keep one",
                key.key_start,
                key.key_end,
            )
        seen.setdefault(lowered, key.key)
        yield from _key_values(ctx, operator.key, qualifier, base, family, key)


_NULL_IF_EXISTS = "Null cannot take IfExists: Null itself tests whether the key exists"
_NULL_QUALIFIER = "Null with ForAllValues or ForAnyValue tests nothing more than Null alone"


def _at_key(ctx: LintContext, member: Member, code: str, severity: Severity, msg: str) -> Finding:
    return ctx.finding(code, severity, msg, member.key_start, member.key_end)


def _key_values(
    ctx: LintContext,
    operator: str,
    qualifier: str,
    base: str,
    family: tuple[str, frozenset[str] | None] | None,
    key: Member,
) -> Iterator[Finding]:
    value = key.value
    if value is None:
        return
    items = value.items if value.kind is ARRAY else [value]
    if value.kind is ARRAY and not items:
        yield ctx.finding(
            "condition/empty",
            WARNING,
            f"{key.key!r} has an empty list of values: "
            + (
                "ForAllValues with no values is always true"
                if qualifier == "ForAllValues:"
                else "the condition never matches"
            ),
            value.start,
            value.end,
        )
    for item in items:
        if item.kind in (OBJECT, ARRAY) or (item.kind is LITERAL and item.value is None):
            yield ctx.finding(
                "policy/invalid-type",
                ERROR,
                f"a value of {key.key!r} must be a string, number or true/false",
                item.start,
                item.end,
            )
    kind = key_type(ctx.catalog, key.key)
    yield from _qualifier(ctx, qualifier, base, kind, key)
    if family is None:
        return
    name, types = family
    base_kind = kind.removeprefix("ArrayOf") if kind else None
    if types is not None and base_kind is not None and base_kind not in types:
        yield ctx.finding(
            "condition/type-mismatch",
            WARNING,
            f"{key.key!r} is a {base_kind} key; {operator} compares "
            f"{'/'.join(sorted(types))} values, so the condition never matches as meant",
            key.key_start,
            key.key_end,
        )
    scalars = [i for i in items if i.kind in (STRING, NUMBER, LITERAL)]
    if name == "Bool" and len(scalars) > 1:
        yield ctx.finding(
            "condition/invalid-value",
            ERROR,
            "a Bool key takes one value, true or false",
            value.start,
            value.end,
        )
    for item in scalars:
        if item.kind is LITERAL and item.value is None:
            continue
        yield from _value(ctx, name, base, item)


def _qualifier(
    ctx: LintContext, qualifier: str, base: str, kind: str | None, key: Member
) -> Iterator[Finding]:
    if kind is None or base == "Null":
        return
    multi = kind.startswith("ArrayOf")
    if multi and not qualifier:
        yield ctx.finding(
            "condition/missing-qualifier",
            WARNING,
            f"{key.key!r} can hold several values in one request: say ForAnyValue: (any of "
            "them matches) or ForAllValues: (every one matches) before the operator",
            key.key_start,
            key.key_end,
        )
    elif qualifier and not multi:
        yield ctx.finding(
            "condition/qualifier-on-single-value",
            WARNING,
            f"{key.key!r} has one value per request; {qualifier.rstrip(':')} is for "
            "multi-valued keys"
            + (" and is true when the key is absent" if qualifier == "ForAllValues:" else ""),
            key.key_start,
            key.key_end,
        )


def _value(ctx: LintContext, family: str, base: str, item: Node) -> Iterator[Finding]:
    text = str(item.value).lower() if item.kind is LITERAL else str(item.value)
    if "${" in text:
        if family not in ("String", "Arn"):
            yield ctx.finding(
                "condition/variable-not-allowed",
                ERROR,
                f"policy variables work only with String and Arn operators, not {base}",
                item.start,
                item.end,
            )
        return
    problem = _value_problem(family, text, item)
    if problem is not None:
        yield ctx.finding("condition/invalid-value", ERROR, problem, item.start, item.end)
    if family == "String" and not base.endswith("Like") and ("*" in text or "?" in text):
        yield ctx.finding(
            "condition/wildcard-without-like",
            WARNING,
            f"{base} compares '*' and '?' as plain characters; use "
            f"{base.replace('Equals', 'Like').replace('IgnoreCase', '')} for a wildcard",
            item.start,
            item.end,
        )


def _value_problem(family: str, text: str, item: Node) -> str | None:
    if family == "Date":
        return None if _is_date(text) else f"{text!r} is not a date (2026-01-31T12:00:00Z)"
    if family == "Numeric":
        ok = item.kind is NUMBER or _NUMBER.fullmatch(text) is not None
        return None if ok else f"{text!r} is not a number"
    if family in ("Bool", "Null"):
        return None if text.lower() in ("true", "false") else f"{text!r} is not true or false"
    if family == "IpAddress":
        try:
            ipaddress.ip_network(text, strict=False)
        except ValueError:
            return f"{text!r} is not an IP address or CIDR range (203.0.113.0/24)"
        return None
    if family == "Arn" and text != "*" and not (text.startswith("arn:") and text.count(":") >= 5):
        return f"{text!r} is not an ARN (arn:partition:service:region:account:resource)"
    return None


def _is_date(text: str) -> bool:
    if text.isdigit():
        return True  # epoch seconds
    match = _DATE.fullmatch(text)
    if match is None:
        return False
    from datetime import date  # only Date conditions need it: not imported by every lint

    year, month, day, hour, minute, second = (int(g) if g else None for g in match.groups())
    try:
        date(year or 1, month or 1, day or 1)
    except ValueError:
        return False
    return (hour or 0) < 24 and (minute or 0) < 60 and (second or 0) < 61
