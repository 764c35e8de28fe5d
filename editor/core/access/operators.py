"""Condition operators: how one context value compares with one policy value, per family.

Each family is documented on AWS's "IAM JSON policy elements: Condition operators" page.
A comparison answers True, False or None ("cannot tell": a value IAM would refuse).
"""

from __future__ import annotations

import base64
import binascii
import ipaddress
from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from editor.core.access.glob import STAR, Resolver, compile_resolved, resolve, tokenize
from editor.core.access.patterns import arn_pattern, split_fields

# compare(context value, policy value, resolver for policy variables, variables on?)
Compare = Callable[[str, str, Resolver, bool], bool | None]


class Operator(NamedTuple):
    family: str
    compare: Compare
    negated: bool
    variables: bool  # whether policy variables are resolved in its values


def _resolved(value: str, lookup: Resolver, variables: bool) -> str | None:
    if not variables or "${" not in value:
        return value
    tokens = resolve(tokenize(value, True), lookup)
    if tokens is None:
        return None
    # Wildcards have no meaning in an exact comparison: put them back as text.
    return "".join(t if isinstance(t, str) else "*" if t is STAR else "?" for t in tokens)


def _string_equals(ctx: str, pol: str, lookup: Resolver, variables: bool) -> bool | None:
    value = _resolved(pol, lookup, variables)
    return value is not None and ctx == value


def _string_equals_ignore_case(ctx: str, pol: str, lookup: Resolver, variables: bool) -> bool:
    value = _resolved(pol, lookup, variables)
    return value is not None and ctx.casefold() == value.casefold()


def _string_like(ctx: str, pol: str, lookup: Resolver, variables: bool) -> bool:
    tokens = resolve(tokenize(pol, variables), lookup)
    return tokens is not None and compile_resolved(tokens).matches(ctx)


def _number(text: str) -> Decimal | None:
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def _numeric(test: Callable[[Decimal, Decimal], bool]) -> Compare:
    def compare(ctx: str, pol: str, lookup: Resolver, variables: bool) -> bool | None:
        a, b = _number(ctx), _number(pol)
        if b is None:
            return None  # IAM refuses such a policy
        return a is not None and test(a, b)

    return compare


def parse_date(text: str) -> float | None:
    """Seconds since the epoch of an ISO 8601 date (W3C profile) or of epoch seconds."""
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.timestamp()


def _date(test: Callable[[float, float], bool]) -> Compare:
    def compare(ctx: str, pol: str, lookup: Resolver, variables: bool) -> bool | None:
        a, b = parse_date(ctx), parse_date(pol)
        if b is None:
            return None
        return a is not None and test(a, b)

    return compare


def _bool(ctx: str, pol: str, lookup: Resolver, variables: bool) -> bool | None:
    value = _resolved(pol, lookup, variables)
    if value is None:
        return False
    if value.lower() not in ("true", "false"):
        return None
    return ctx.lower() == value.lower()


def _binary(ctx: str, pol: str, lookup: Resolver, variables: bool) -> bool | None:
    try:
        wanted = base64.b64decode(pol, validate=True)
    except (binascii.Error, ValueError):
        return None
    try:
        return base64.b64decode(ctx, validate=True) == wanted
    except (binascii.Error, ValueError):
        return False


def _ip(ctx: str, pol: str, lookup: Resolver, variables: bool) -> bool | None:
    try:
        network = ipaddress.ip_network(pol.strip(), strict=False)  # no prefix: /32 (or /128)
    except ValueError:
        return None
    try:
        return ipaddress.ip_address(ctx.strip()) in network
    except ValueError:
        return False


def _arn_like(ctx: str, pol: str, lookup: Resolver, variables: bool) -> bool:
    # "Each of the six colon-delimited components of the ARN is checked separately".
    pattern = arn_pattern(pol, variables)
    return pattern.matches(split_fields(ctx), ctx, lookup)


def _ops() -> dict[str, Operator]:
    table: dict[str, Operator] = {}

    def add(name: str, family: str, compare: Compare, negated: bool, variables: bool) -> None:
        table[name] = Operator(family, compare, negated, variables)

    for suffix, neg in (("", False), ("Not", True)):
        add(f"String{suffix}Equals", "String", _string_equals, neg, True)
        add(f"String{suffix}EqualsIgnoreCase", "String", _string_equals_ignore_case, neg, True)
        add(f"String{suffix}Like", "String", _string_like, neg, True)
        add(f"Arn{suffix}Equals", "Arn", _arn_like, neg, True)
        add(f"Arn{suffix}Like", "Arn", _arn_like, neg, True)
        add(f"Numeric{suffix}Equals", "Numeric", _numeric(lambda a, b: a == b), neg, False)
        add(f"Date{suffix}Equals", "Date", _date(lambda a, b: a == b), neg, False)
    add("IpAddress", "IpAddress", _ip, False, False)
    add("NotIpAddress", "IpAddress", _ip, True, False)
    add("Bool", "Bool", _bool, False, True)
    add("BinaryEquals", "Binary", _binary, False, False)
    for name, test in (
        ("LessThan", lambda a, b: a < b),
        ("LessThanEquals", lambda a, b: a <= b),
        ("GreaterThan", lambda a, b: a > b),
        ("GreaterThanEquals", lambda a, b: a >= b),
    ):
        add(f"Numeric{name}", "Numeric", _numeric(test), False, False)
        add(f"Date{name}", "Date", _date(test), False, False)
    return table


OPERATORS: dict[str, Operator] = _ops()
