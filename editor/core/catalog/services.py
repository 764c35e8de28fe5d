"""Every AWS service's actions, resource types and condition keys, from resources/services.jsonl.

Loaded lazily: nothing here is read until a policy names a service other than Chime (the
Chime catalog has its own, richer file), and then only the lines of the services named are
parsed. See tools/services_catalog.py for the file's layout.
"""

from __future__ import annotations

import json
import re
from functools import cached_property, lru_cache
from typing import Any, Final

from editor.core.catalog.catalog import STAR, ResourceRef, Templates, read_resource

ACCESS_LEVELS = {
    "L": "List",
    "R": "Read",
    "W": "Write",
    "P": "Permissions management",
    "T": "Tagging",
}
FILE = "services.jsonl"


class ServiceAction:
    """One action of any service, with the attributes the rules read from a Chime Action.
    Made once per action named in a session (`Service.action`); treated as immutable."""

    __slots__ = (
        "access_level",
        "arn_types",
        "condition_keys",
        "dependent_actions",
        "full_name",
        "name",
        "prefix",
        "required_types",
        "resource_types",
    )

    def __init__(
        self,
        prefix: str,
        name: str,
        access_level: str,
        resource_types: tuple[ResourceRef, ...],
        condition_keys: tuple[str, ...],
        dependent_actions: tuple[str, ...],
    ) -> None:
        self.prefix: Final = prefix
        self.name: Final = name
        self.access_level: Final = access_level
        self.resource_types: Final = resource_types
        self.condition_keys: Final = condition_keys
        self.dependent_actions: Final = dependent_actions
        self.full_name: Final = f"{prefix}:{name}"
        self.arn_types: Final = frozenset(r.name for r in resource_types if r.name != STAR)
        self.required_types: Final = frozenset(
            r.name for r in resource_types if r.required and r.name != STAR
        )

    def _data(self) -> tuple[object, ...]:
        return (
            self.prefix,
            self.name,
            self.access_level,
            self.resource_types,
            self.condition_keys,
            self.dependent_actions,
        )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ServiceAction) and self._data() == other._data()

    def __hash__(self) -> int:
        return hash(self.full_name)  # equal actions have the same name

    def __repr__(self) -> str:
        return f"ServiceAction({self.full_name!r})"

    @property
    def star_only(self) -> bool:
        return not self.arn_types


class ServiceResource:
    __slots__ = ("arn", "condition_keys", "name")

    def __init__(self, name: str, row: list[Any]) -> None:
        self.name = name
        self.arn: str = row[0]
        self.condition_keys: tuple[str, ...] = tuple(row[1]) if len(row) > 1 else ()


class Service:
    """One service's data; actions are made into objects only when asked for."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.prefix: str = data["prefix"]
        self.name: str = data["name"]
        self._rows: dict[str, list[Any]] = data["actions"]
        self.resources = {n: ServiceResource(n, row) for n, row in data["resources"].items()}
        self.conditions: dict[str, str] = data["conditions"]
        self._made: dict[str, ServiceAction] = {}
        self.arn_memo: dict[str, frozenset[str]] = {}  # ARN of a policy -> types it may match

    @cached_property
    def action_names(self) -> tuple[str, ...]:
        return tuple(self._rows)

    @cached_property
    def _by_lower(self) -> dict[str, str]:
        return {name.lower(): name for name in self._rows}

    def action(self, name: str) -> ServiceAction | None:
        """The action called `name` (without the prefix), matched case-insensitively."""
        canonical = name if name in self._rows else self._by_lower.get(name.lower())
        if canonical is None:
            return None
        made = self._made.get(canonical)
        if made is None:
            made = self._made[canonical] = _make(self.prefix, canonical, self._rows[canonical])
        return made

    @cached_property
    def arn_templates(self) -> tuple[tuple[str, str], ...]:
        return Templates((r.name, r.arn) for r in self.resources.values())

    def key_type(self, key: str) -> str | None:
        """The type of one of this service's keys (`s3:prefix`, `s3:ExistingObjectTag/x`)."""
        found = self.conditions.get(key)
        if found is not None:
            return found
        lowered = key.lower()
        for template, kind in self.conditions.items():
            if _key_matches(template, lowered):
                return kind
        return None


def _key_matches(template: str, lowered_key: str) -> bool:
    """`s3:ExistingObjectTag/${TagKey}` matches `s3:existingobjecttag/team` (keys ignore case)."""
    if "${" not in template:
        return template.lower() == lowered_key
    head = template.split("${", 1)[0].lower()
    return lowered_key.startswith(head) and len(lowered_key) > len(head)


def _make(prefix: str, name: str, row: list[Any]) -> ServiceAction:
    types = row[1] if len(row) > 1 else []
    refs = tuple(ResourceRef(t.lstrip("!"), t.startswith("!")) for t in types)
    return ServiceAction(
        prefix,
        name,
        ACCESS_LEVELS[row[0]],
        refs or (ResourceRef(STAR, False),),
        tuple(row[2]) if len(row) > 2 else (),
        tuple(row[3]) if len(row) > 3 else (),
    )


@lru_cache(maxsize=1)
def _lines() -> dict[str, bytes]:
    """prefix -> the service's line, unparsed. Reading and splitting the file takes ~2 ms;
    parsing every line would take ~30."""
    lines: dict[str, bytes] = {}
    for line in read_resource(FILE).split(b"\n")[1:]:
        match = _PREFIX.match(line)
        if match is not None:
            lines[match.group(1).decode()] = line
    return lines


_PREFIX = re.compile(rb'\{"prefix":"([^"]+)"')


@lru_cache(maxsize=1024)  # bounded: the prefix comes from the policy (AWS has ~450 services)
def service(prefix: str) -> Service | None:
    """The service with this prefix (lower-case, as IAM prefixes are), or None."""
    line = _lines().get(prefix.lower())
    return None if line is None else Service(json.loads(line))


def provenance() -> dict[str, Any]:
    head = read_resource(FILE).split(b"\n", 1)[0]
    found: dict[str, Any] = json.loads(head)["provenance"]
    return found


def loaded() -> bool:
    """Whether the file has been read in this process (start-up and Chime-only lints never do)."""
    return _lines.cache_info().currsize > 0
