"""The Chime action catalog, personas and regions: typed, loaded once from editor.resources."""

from __future__ import annotations

import re
from functools import cached_property, lru_cache
from importlib import resources

from pydantic import BaseModel, ConfigDict

# The caller of a messaging API is an AppInstanceUser or an AppInstanceBot: an action authorized
# against both of these types is authorized against whichever one is calling.
CALLER_TYPES = frozenset({"app-instance-user", "app-instance-bot"})
STAR = "*"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ResourceRef(_Frozen):
    name: str  # a resource type name, or "*" for "no resource-level permissions"
    required: bool


class Action(_Frozen):
    name: str
    access_level: str
    description: str
    doc_url: str
    resource_types: tuple[ResourceRef, ...]
    condition_keys: tuple[str, ...]
    dependent_actions: tuple[str, ...]
    messaging: bool
    api: str

    @property
    def full_name(self) -> str:
        return f"chime:{self.name}"

    @cached_property
    def arn_types(self) -> frozenset[str]:
        """Resource types the action can be scoped to (empty: only `*` works)."""
        return frozenset(r.name for r in self.resource_types if r.name != STAR)

    @cached_property
    def required_types(self) -> frozenset[str]:
        return frozenset(r.name for r in self.resource_types if r.required and r.name != STAR)

    @cached_property
    def caller_authorized(self) -> bool:
        """True when the request is checked against the calling user's or bot's ARN."""
        return self.required_types >= CALLER_TYPES

    @cached_property
    def target_types(self) -> frozenset[str]:
        """Required types other than the caller: the channel, app instance, flow..."""
        if self.caller_authorized:
            return self.required_types - CALLER_TYPES
        return self.required_types

    @property
    def star_only(self) -> bool:
        return not self.arn_types


class ResourceType(_Frozen):
    name: str
    arn: str  # template: arn:${Partition}:chime:${Region}:${AccountId}:app-instance/${...}
    condition_keys: tuple[str, ...]

    @cached_property
    def variables(self) -> tuple[str, ...]:
        return tuple(re.findall(r"\$\{(\w+)\}", self.arn))


class PersonaStatement(_Frozen):
    actions: tuple[str, ...]
    resources: tuple[str, ...]  # "*" or ARN templates in the catalog's ${Variable} form


class Persona(_Frozen):
    id: str
    title: str
    description: str
    actions: tuple[str, ...]
    statements: tuple[PersonaStatement, ...]


class Partition(_Frozen):
    name: str
    region_regex: str
    regions: tuple[str, ...]


class Regions(_Frozen):
    messaging: tuple[str, ...]
    partitions: tuple[Partition, ...]


class IdFormat(_Frozen):
    pattern: str
    min: int
    max: int
    source: str

    def accepts(self, value: str) -> bool:
        return self.min <= len(value) <= self.max and re.fullmatch(self.pattern, value) is not None


class Source(_Frozen):
    used_for: str
    package: str | None = None
    version: str | None = None
    file: str | None = None
    url: str | None = None


class Provenance(_Frozen):
    generated: str
    generator: str
    sources: tuple[Source, ...]

    def summary(self) -> str:
        parts = []
        for s in self.sources:
            if s.package:
                parts.append(f"{s.package} {s.version}")
            elif s.file:
                parts.append(s.file)
        return f"generated {self.generated} from " + ", ".join(parts)


class Service(_Frozen):
    prefix: str
    name: str
    authorization_url: str


class Catalog(_Frozen):
    provenance: Provenance
    service: Service
    resource_types: tuple[ResourceType, ...]
    actions: tuple[Action, ...]
    condition_keys: tuple[str, ...]
    global_condition_keys: tuple[str, ...]
    condition_operators: tuple[str, ...]
    service_prefixes: tuple[str, ...]
    regions: Regions
    id_formats: dict[str, IdFormat]

    @cached_property
    def by_lower_name(self) -> dict[str, Action]:
        return {a.name.lower(): a for a in self.actions}

    @cached_property
    def messaging_actions(self) -> tuple[Action, ...]:
        return tuple(a for a in self.actions if a.messaging)

    @cached_property
    def resource_type(self) -> dict[str, ResourceType]:
        return {r.name: r for r in self.resource_types}

    @cached_property
    def prefixes(self) -> frozenset[str]:
        return frozenset(self.service_prefixes)

    def action(self, name: str) -> Action | None:
        """The action named `name` ("chime:X" or "X"), matched case-insensitively as IAM does."""
        if ":" in name:
            prefix, name = name.split(":", 1)
            if prefix.lower() != self.service.prefix:
                return None
        return self.by_lower_name.get(name.lower())


class PersonaSet(_Frozen):
    provenance: Provenance
    personas: tuple[Persona, ...]

    def get(self, persona_id: str) -> Persona | None:
        return next((p for p in self.personas if p.id == persona_id), None)


def _read(name: str) -> bytes:
    return resources.files("editor.resources").joinpath(name).read_bytes()


@lru_cache(maxsize=1)
def load_catalog() -> Catalog:
    return Catalog.model_validate_json(_read("catalog.json"))


@lru_cache(maxsize=1)
def load_personas() -> PersonaSet:
    return PersonaSet.model_validate_json(_read("personas.json"))
