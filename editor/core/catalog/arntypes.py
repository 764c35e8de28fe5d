"""ARN patterns of a policy against the catalog's resource types: which types an ARN can
match, and the IDs (app instance, user, channel ...) in its resource part."""

from __future__ import annotations

import re
from functools import lru_cache

from editor.core.catalog.arn import Span
from editor.core.catalog.catalog import Catalog
from editor.core.catalog.wildcard import PatternFields


@lru_cache(maxsize=64)
def _resource_regex(template: str) -> re.Pattern[str]:
    resource = template.split(":", 5)[5]
    parts = re.split(r"(\$\{\w+\})", resource)
    return re.compile(
        "".join(f"(?P<{p[2:-1]}>[^/]*)" if p.startswith("${") else re.escape(p) for p in parts)
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
    service = value.split(":", 3)[2:3]
    # An ARN of another service (s3, sns ...) meets none of them: say so at once.
    if (
        service
        and not any(c in service[0] for c in "*?$")
        and service[0] not in _services(templates)
    ):
        return frozenset()
    if value == "*":
        return frozenset(name for name, _ in templates)
    pattern = PatternFields(value)
    return frozenset(name for name, arn in templates if pattern.meets(arn))


@lru_cache(maxsize=8)
def _services(templates: tuple[tuple[str, str], ...]) -> frozenset[str]:
    return frozenset(arn.split(":", 3)[2] for _, arn in templates)
