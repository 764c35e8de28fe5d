"""The Chime action catalog, personas and regions: typed, loaded once from editor.resources.

The types are named tuples and small plain classes rather than pydantic models or dataclasses:
`chime-policy lint` and the window start without importing pydantic (about 90 ms) or
dataclasses (which imports inspect, ast, dis and tokenize: about 7 ms). pydantic still
validates the data: tools/build_catalog.py and the tests check the JSON against these same
classes with `pydantic.TypeAdapter`, strictly (it refuses unknown keys).
"""

from __future__ import annotations

import importlib
import json
import os
import re
from functools import cached_property, lru_cache
from typing import Any, Final, NamedTuple

from editor.core.catalog.fromjson import FromJson, build

__all__ = ["build"]  # imported from here by the other catalog modules and the tests

# The caller of a messaging API is an AppInstanceUser or an AppInstanceBot: an action authorized
# against both of these types is authorized against whichever one is calling.
CALLER_TYPES = frozenset({"app-instance-user", "app-instance-bot"})
STAR = "*"


class Templates(tuple[tuple[str, str], ...]):
    """(resource type name, ARN template) pairs whose hash is worked out once: the ARN caches
    are keyed by them on every call, and a tuple hashes all its items each time it is asked.
    The hash is the plain tuple's: equal keys stay equal whichever kind is given."""

    _hash: int

    def __hash__(self) -> int:
        try:
            return self._hash
        except AttributeError:
            self._hash = tuple.__hash__(self)
            return self._hash


class ResourceRef(NamedTuple):
    name: str  # a resource type name, or "*" for "no resource-level permissions"
    required: bool


class Action(FromJson):
    """One Chime action. Its derived sets are worked out once, when it is made: every lint
    reads them, and the catalog makes each action once per session. Treated as immutable
    (catalog tables and caches hold it); equal when the catalog's data is."""

    __slots__ = (
        "access_level",
        "api",
        "arn_types",
        "caller_authorized",
        "condition_keys",
        "dependent_actions",
        "description",
        "doc_url",
        "full_name",
        "messaging",
        "name",
        "required_types",
        "resource_types",
        "target_types",
    )

    def __init__(
        self,
        name: str,
        access_level: str,
        description: str,
        doc_url: str,
        resource_types: tuple[ResourceRef, ...],
        condition_keys: tuple[str, ...],
        dependent_actions: tuple[str, ...],
        messaging: bool,
        api: str,
    ) -> None:
        self.name: Final = name
        self.access_level: Final = access_level
        self.description: Final = description
        self.doc_url: Final = doc_url
        self.resource_types: Final = resource_types
        self.condition_keys: Final = condition_keys
        self.dependent_actions: Final = dependent_actions
        self.messaging: Final = messaging
        self.api: Final = api
        self.full_name: Final = f"chime:{name}"
        # Resource types the action can be scoped to (empty: only `*` works).
        self.arn_types: Final = frozenset(r.name for r in resource_types if r.name != STAR)
        self.required_types: Final = frozenset(
            r.name for r in resource_types if r.required and r.name != STAR
        )
        # True when the request is checked against the calling user's or bot's ARN.
        self.caller_authorized: Final = self.required_types >= CALLER_TYPES
        # Required types other than the caller: the channel, app instance, flow...
        self.target_types: Final = (
            self.required_types - CALLER_TYPES if self.caller_authorized else self.required_types
        )

    def _data(self) -> tuple[object, ...]:
        return (
            self.name,
            self.access_level,
            self.description,
            self.doc_url,
            self.resource_types,
            self.condition_keys,
            self.dependent_actions,
            self.messaging,
            self.api,
        )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Action) and self._data() == other._data()

    def __hash__(self) -> int:
        return hash(self.full_name)  # equal actions have the same name

    def __repr__(self) -> str:
        return f"Action({self.full_name!r})"

    @property
    def star_only(self) -> bool:
        return not self.arn_types


class ResourceType(NamedTuple):
    name: str
    arn: str  # template: arn:${Partition}:chime:${Region}:${AccountId}:app-instance/${...}
    condition_keys: tuple[str, ...]

    @property
    def variables(self) -> tuple[str, ...]:
        return tuple(re.findall(r"\$\{(\w+)\}", self.arn))


class PersonaStatement(NamedTuple):
    actions: tuple[str, ...]
    resources: tuple[str, ...]  # "*" or ARN templates in the catalog's ${Variable} form


class Persona(NamedTuple):
    id: str
    title: str
    description: str
    actions: tuple[str, ...]
    statements: tuple[PersonaStatement, ...]


class Partition(NamedTuple):
    name: str
    region_regex: str
    regions: tuple[str, ...]


class Regions(NamedTuple):
    messaging: tuple[str, ...]
    partitions: tuple[Partition, ...]


class IdFormat(NamedTuple):
    pattern: str
    min: int
    max: int
    source: str

    def accepts(self, value: str) -> bool:
        return self.min <= len(value) <= self.max and re.fullmatch(self.pattern, value) is not None


class Source(NamedTuple):
    used_for: str
    package: str | None = None
    version: str | None = None
    file: str | None = None
    url: str | None = None


class Provenance(NamedTuple):
    generated: str
    generator: str
    sources: tuple[Source, ...]


class Service(NamedTuple):
    prefix: str
    name: str
    authorization_url: str


class Catalog(FromJson):
    """The catalog's data, and tables derived from it on first use. One per session, so no
    __slots__: the derived tables are cached properties, kept in the instance's __dict__.
    Treated as immutable; equal when the data is (and, like its dicts, not hashable)."""

    def __init__(
        self,
        provenance: Provenance,
        service: Service,
        resource_types: tuple[ResourceType, ...],
        actions: tuple[Action, ...],
        condition_keys: tuple[str, ...],
        # Chime's and the global keys' types: String, ArrayOfString, ARN, Bool, Date, Numeric...
        condition_key_types: dict[str, str],
        global_condition_keys: tuple[str, ...],
        condition_operators: tuple[str, ...],
        service_prefixes: tuple[str, ...],
        regions: Regions,
        id_formats: dict[str, IdFormat],
    ) -> None:
        self.provenance: Final = provenance
        self.service: Final = service
        self.resource_types: Final = resource_types
        self.actions: Final = actions
        self.condition_keys: Final = condition_keys
        self.condition_key_types: Final = condition_key_types
        self.global_condition_keys: Final = global_condition_keys
        self.condition_operators: Final = condition_operators
        self.service_prefixes: Final = service_prefixes
        self.regions: Final = regions
        self.id_formats: Final = id_formats

    def _data(self) -> tuple[object, ...]:
        return (
            self.provenance,
            self.service,
            self.resource_types,
            self.actions,
            self.condition_keys,
            self.condition_key_types,
            self.global_condition_keys,
            self.condition_operators,
            self.service_prefixes,
            self.regions,
            self.id_formats,
        )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Catalog) and self._data() == other._data()

    def __repr__(self) -> str:
        return f"Catalog({len(self.actions)} actions, generated {self.provenance.generated})"

    @cached_property
    def memo(self) -> dict[str, Any]:
        """Results of pure functions of this catalog and a policy's string, kept for the
        session (bounded by whoever fills them)."""
        return {}

    @cached_property
    def derived(self) -> dict[str, Any]:
        """Sets worked out from the catalog's data alone (which actions act as the caller,
        the personas' actions ...): made once, like the catalog, whatever policies follow."""
        return {}

    @cached_property
    def by_lower_name(self) -> dict[str, Action]:
        """Each action under "name" and "chime:name", lower-cased: one look-up either way."""
        table = {a.name.lower(): a for a in self.actions}
        prefix = self.service.prefix + ":"
        table.update({prefix + a.name.lower(): a for a in self.actions})
        return table

    @cached_property
    def by_full_name(self) -> dict[str, Action]:
        """Each action under its canonical "chime:Name" spelling."""
        return {a.full_name: a for a in self.actions}

    @cached_property
    def messaging_actions(self) -> tuple[Action, ...]:
        return tuple(a for a in self.actions if a.messaging)

    @cached_property
    def resource_type(self) -> dict[str, ResourceType]:
        return {r.name: r for r in self.resource_types}

    @cached_property
    def arn_templates(self) -> tuple[tuple[str, str], ...]:
        """(resource type name, ARN template) pairs: hashable, for cached matching."""
        return Templates((r.name, r.arn) for r in self.resource_types)

    @cached_property
    def prefixes(self) -> frozenset[str]:
        return frozenset(self.service_prefixes)

    @cached_property
    def known_regions(self) -> frozenset[str]:
        """Every region of every partition (botocore's endpoint data)."""
        return frozenset(r for p in self.regions.partitions for r in p.regions)

    def partition_of(self, region: str) -> str | None:
        """The partition a region code belongs to (by its list or its format), or None."""
        for partition in self.regions.partitions:
            if region in partition.regions or re.fullmatch(partition.region_regex, region):
                return partition.name
        return None

    def action(self, name: str) -> Action | None:
        """The action named `name` ("chime:X" or "X"), matched case-insensitively as IAM does."""
        found = self.by_full_name.get(name)
        return found if found is not None else self.by_lower_name.get(name.lower())


class PersonaSet(NamedTuple):
    provenance: Provenance
    personas: tuple[Persona, ...]

    def get(self, persona_id: str) -> Persona | None:
        return next((p for p in self.personas if p.id == persona_id), None)


def read_resource(name: str) -> bytes:
    """The bytes of a file in editor.resources."""
    module_file = getattr(importlib.import_module("editor.resources"), "__file__", None)
    if module_file:  # an ordinary install: read the file directly, without importlib's readers
        with open(os.path.join(os.path.dirname(module_file), name), "rb") as handle:
            return handle.read()
    from importlib import resources

    return resources.files("editor.resources").joinpath(name).read_bytes()


_read = read_resource  # the name editor.core.policy.kinds imports


@lru_cache(maxsize=1)
def load_catalog() -> Catalog:
    return build(Catalog, json.loads(read_resource("catalog.json")))


@lru_cache(maxsize=1)
def load_personas() -> PersonaSet:
    return build(PersonaSet, json.loads(read_resource("personas.json")))
