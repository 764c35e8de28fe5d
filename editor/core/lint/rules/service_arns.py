"""ARNs of services other than Chime, against their service's ARN formats (the Service
Authorization Reference's resource types): the service spelt in lower case, and no region or
account where none of the service's resource types has one (S3 buckets, IAM roles ...).

IAM Access Analyzer's checks "Invalid ARN service case", "ARN Region not allowed" and "ARN
account not allowed".
"""

from __future__ import annotations

from collections.abc import Iterator

from editor.core.catalog.arn import split_arn
from editor.core.catalog.catalog import Catalog
from editor.core.catalog.lookup import may_match, service
from editor.core.catalog.wildcard import has_wildcard
from editor.core.lint.context import LintContext
from editor.core.policy.statements import value_offsets
from editor.core.text.findings import Finding, Severity

ERROR = Severity.ERROR
Problem = tuple[str, str, int, int]  # code, message, start and end within the string


def service_arns(ctx: LintContext) -> Iterator[Finding]:
    for statement in ctx.statements:
        for element in ("Resource", "NotResource"):
            for node in statement.strings(element):
                value = str(node.value)
                if not value.startswith("arn:") or value.startswith("arn:aws:chime:"):
                    continue  # "*", not an ARN, or Chime's: the resources rule's to check
                for code, message, start, end in arn_problems(ctx.catalog, value):
                    first, last = value_offsets(ctx.text, node, start, end)
                    yield ctx.finding(code, ERROR, message, first, last)


def arn_problems(catalog: Catalog, value: str) -> tuple[Problem, ...]:
    """Worked out once per ARN string for the session."""
    memo: dict[str, tuple[Problem, ...]] = catalog.memo.setdefault("service-arns", {})
    if value not in memo:
        memo[value] = tuple(_problems(catalog, value))
    return memo[value]


def _problems(catalog: Catalog, value: str) -> Iterator[Problem]:
    fields = split_arn(value)
    if fields is None:
        return
    name = fields.service.text
    lowered = name.lower()
    if has_wildcard(name) or "${" in name or lowered == catalog.service.prefix:
        return
    if lowered not in catalog.prefixes:
        return  # unknown services: the placeholder and wildcard rules have said what they can
    if name != lowered:
        yield (
            "resource/service-case",
            f"{name!r}: the service in an ARN is lower case ({lowered!r}); as written it "
            "matches nothing",
            fields.service.start,
            fields.service.end,
        )
    svc = service(lowered)
    if svc is None or not svc.resources:
        return
    # The resource types this ARN may be (its service and resource part agree with them).
    forms = [r.arn.split(":", 5) for r in svc.resources.values() if may_match(value, r.arn)]
    if not forms:
        return  # no type fits: resource/mismatch says so for the actions that need one
    for index, span, label, code in (
        (3, fields.region, "region", "resource/region-not-allowed"),
        (4, fields.account, "account", "resource/account-not-allowed"),
    ):
        text = span.text
        if not text or has_wildcard(text) or "${" in text:
            continue
        if all(len(form) == 6 and not form[index] for form in forms):
            yield (
                code,
                f"{svc.name} ARNs have no {label} ({':'.join(forms[0])}): leave the field "
                "empty, or the ARN matches nothing",
                span.start,
                span.end,
            )
