"""Rules on Resource: placeholders, ARN fields, and whether each Chime action gets the ARNs
the catalog says it is authorized against."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from editor.core.arn import ArnFields, Span, placeholders, split_arn
from editor.core.catalog import CALLER_TYPES, Action, Catalog
from editor.core.findings import Finding, Severity
from editor.core.jsonnodes import Node
from editor.core.lint import LintContext
from editor.core.policy import StatementView, value_offsets
from editor.core.wildcard import pattern_meets_template

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
_ACCOUNT = re.compile(r"\d{12}")


def _free(span: Span, taken: tuple[Span, ...]) -> bool:
    """A field worth validating: not a placeholder, wildcard or policy variable."""
    for t in taken:
        if t.start < span.end and span.start < t.end:
            return False
    text = span.text
    return not ("*" in text or "?" in text or "${" in text)


def _at(ctx: LintContext, node: Node, span: Span) -> tuple[int, int]:
    return value_offsets(ctx.text, node, span.start, span.end)


def resources(ctx: LintContext) -> Iterator[Finding]:
    for statement in ctx.statements:
        for element in ("Resource", "NotResource"):
            for node in statement.strings(element):
                yield from _check_resource(ctx, statement, node)


def _check_resource(ctx: LintContext, statement: StatementView, node: Node) -> Iterator[Finding]:
    value = str(node.value)
    if value == "*":
        return
    found = placeholders(value)
    fields = split_arn(value)
    for span in found:
        start, end = _at(ctx, node, span)
        yield ctx.finding(
            "resource/placeholder",
            ERROR,
            f"{span.text!r} is a placeholder: fill in {_field_hint(fields, span)}",
            start,
            end,
        )
    if fields is None:
        yield ctx.finding(
            "resource/invalid-arn",
            ERROR,
            f"{value!r} is not an ARN (arn:partition:service:region:account:resource) or '*'",
            node.start,
            node.end,
        )
        return
    yield from _partition(ctx, node, fields, found)
    if fields.service.text == ctx.catalog.service.prefix:
        yield from _chime_fields(ctx, node, fields, found)
    prefixes = {a.split(":", 1)[0].lower() for a in statement.values("Action") if ":" in a}
    service = fields.service.text
    if prefixes == {ctx.catalog.service.prefix} and service != "*" and service != "chime":
        start, end = _at(ctx, node, fields.service)
        yield ctx.finding(
            "resource/wrong-service",
            ERROR,
            f"an ARN of service {service!r} in a statement of Chime actions: it matches "
            "nothing they act on",
            start,
            end,
        )


def _field_hint(fields: ArnFields | None, span: Span) -> str:
    if fields is not None:
        if fields.partition.start <= span.start < fields.partition.end:
            return "the partition (aws, aws-cn, aws-us-gov)"
        if fields.region.start <= span.start <= fields.region.end:
            return "the region, e.g. us-east-1"
        if fields.account.start <= span.start <= fields.account.end:
            return "the 12-digit AWS account ID"
    return "the ID (or * for any; ${aws:username} and other IAM policy variables are fine)"


def _partition(
    ctx: LintContext, node: Node, fields: ArnFields, taken: tuple[Span, ...]
) -> Iterator[Finding]:
    names = [p.name for p in ctx.catalog.regions.partitions]
    if _free(fields.partition, taken) and fields.partition.text not in names:
        start, end = _at(ctx, node, fields.partition)
        yield ctx.finding(
            "resource/invalid-partition",
            ERROR,
            f"{fields.partition.text!r} is not an AWS partition ({', '.join(names[:3])}, ...)",
            start,
            end,
        )


def _chime_fields(
    ctx: LintContext, node: Node, fields: ArnFields, taken: tuple[Span, ...]
) -> Iterator[Finding]:
    catalog = ctx.catalog
    region = fields.region
    if _free(region, taken):
        partition = region_partition(catalog, region.text)
        start, end = _at(ctx, node, region)
        if partition is None:
            yield ctx.finding(
                "resource/invalid-region",
                ERROR,
                f"{region.text!r} is not an AWS region"
                if region.text
                else "Chime ARNs need a region",
                start,
                max(end, start + 1) if region.text else end,
            )
        elif region.text not in catalog.regions.messaging:
            yield ctx.finding(
                "resource/region-unsupported",
                WARNING,
                f"Chime SDK messaging is not offered in {region.text}; it is in "
                + ", ".join(catalog.regions.messaging),
                start,
                end,
            )
    account = fields.account
    if _free(account, taken) and not _ACCOUNT.fullmatch(account.text):
        start, end = _at(ctx, node, account)
        yield ctx.finding(
            "resource/invalid-account",
            ERROR,
            f"{account.text!r} is not a 12-digit AWS account ID",
            start,
            max(end, start + 1),
        )
    yield from _resource_part(ctx, node, fields, taken)


def region_partition(catalog: Catalog, region: str) -> str | None:
    for partition in catalog.regions.partitions:
        if region in partition.regions or re.fullmatch(partition.region_regex, region):
            return partition.name
    return None


@lru_cache(maxsize=64)
def _resource_regex(template: str) -> re.Pattern[str]:
    resource = template.split(":", 5)[5]
    parts = re.split(r"(\$\{\w+\})", resource)
    return re.compile(
        "".join(f"(?P<{p[2:-1]}>[^/]*)" if p.startswith("${") else re.escape(p) for p in parts)
    )


def _resource_part(
    ctx: LintContext, node: Node, fields: ArnFields, taken: tuple[Span, ...]
) -> Iterator[Finding]:
    value = str(node.value)
    if not arn_types_of(ctx.catalog, value):
        start, end = _at(ctx, node, fields.resource)
        yield ctx.finding(
            "resource/invalid-arn",
            ERROR,
            f"{fields.resource.text!r} is not the form of any Chime resource "
            "(app-instance/ID, app-instance/ID/user/ID, .../channel/ID, ...)",
            start,
            max(end, start + 1),
        )
        return
    for variable, span in resource_ids(ctx.catalog.arn_templates, fields.resource):
        fmt = ctx.catalog.id_formats.get(variable)
        if fmt is None or not _free(span, taken) or fmt.accepts(span.text):
            continue
        start, end = _at(ctx, node, span)
        yield ctx.finding(
            "resource/invalid-id",
            ERROR,
            f"{span.text!r} is not a valid {variable} ({fmt.min}-{fmt.max} characters matching "
            f"{fmt.pattern})",
            start,
            max(end, start + 1),
        )


@lru_cache(maxsize=2048)
def resource_ids(
    templates: tuple[tuple[str, str], ...], resource: Span
) -> tuple[tuple[str, Span], ...]:
    """The IDs in an ARN's resource part, by the first resource type whose form it has:
    `app-instance/a1/user/u1` gives (AppInstanceId, a1), (AppInstanceUserId, u1)."""
    for _, template in templates:
        match = _resource_regex(template).fullmatch(resource.text)
        if match is not None:
            return tuple(
                (
                    name,
                    Span(
                        resource.start + match.start(name), resource.start + match.end(name), text
                    ),
                )
                for name, text in match.groupdict().items()
            )
    return ()


def arn_types_of(catalog: Catalog, value: str) -> frozenset[str]:
    """The Chime resource types an ARN pattern of a policy can match."""
    return _arn_types(catalog.arn_templates, value)


@lru_cache(maxsize=2048)
def _arn_types(templates: tuple[tuple[str, str], ...], value: str) -> frozenset[str]:
    return frozenset(
        name for name, arn in templates if value == "*" or pattern_meets_template(value, arn)
    )


def authorization(ctx: LintContext) -> Iterator[Finding]:
    """Each Chime action against the ARNs its statement grants it on."""
    for statement in ctx.statements:
        if statement.member("Resource") is None or statement.member("NotResource") is not None:
            continue
        values = statement.values("Resource")
        star = "*" in values
        covered: frozenset[str] = frozenset()
        for value in values:
            covered |= arn_types_of(ctx.catalog, value)
        for node in statement.strings("Action"):
            action = ctx.catalog.action(str(node.value))
            if action is None:
                continue
            yield from _action_against(ctx, node, action, star, covered)
        if star and statement.effect == "Allow":
            yield from _star_scopable(ctx, statement)


def _action_against(
    ctx: LintContext, node: Node, action: Action, star: bool, covered: frozenset[str]
) -> Iterator[Finding]:
    name = action.full_name
    if action.star_only:
        if not star:
            yield ctx.finding(
                "resource/star-required",
                ERROR,
                f'{name} takes no resource-level permissions: grant it on "*" '
                "(in a statement of its own)",
                node.start,
                node.end,
            )
        return
    if star:
        return
    if not action.arn_types & covered:
        yield ctx.finding(
            "resource/mismatch",
            ERROR,
            f"{name} acts on {_names(action.arn_types)} ARNs; no Resource of this statement is one",
            node.start,
            node.end,
        )
        return
    missing: list[str] = []
    if action.caller_authorized and not CALLER_TYPES & covered:
        missing.append("the calling app-instance-user or app-instance-bot")
    targets = sorted(action.target_types - covered)
    if targets:
        missing.append(_names(frozenset(targets)))
    if missing:
        yield ctx.finding(
            "resource/missing-target",
            ERROR,
            f"{name} is authorized against {' and '.join(missing)} too, and this statement "
            "has no such ARN: the call will be denied",
            node.start,
            node.end,
        )


def _names(types: frozenset[str]) -> str:
    return " or ".join(sorted(types))


def _star_scopable(ctx: LintContext, statement: StatementView) -> Iterator[Finding]:
    scopable: set[str] = set()
    for name in statement.values("Action"):
        action = ctx.catalog.action(name)
        if action is not None:
            scopable |= action.required_types or action.arn_types
    if not scopable:
        return
    for node in statement.strings("Resource"):
        if node.value == "*":
            yield ctx.finding(
                "resource/star",
                INFO,
                "these actions can be limited to specific ARNs: " + ", ".join(sorted(scopable)),
                node.start,
                node.end,
            )
