"""The Chime action catalog, personas and regions: typed, loaded once from editor.resources.

The types are named tuples and, where they cache derived data, frozen dataclasses, rather than
pydantic models: `chime-policy lint` and the window start without importing pydantic (about
90 ms), and named tuples cost little to define. pydantic still validates the data:
tools/build_catalog.py and the tests check the JSON against these same classes with
`pydantic.TypeAdapter`, strictly (it refuses unknown keys).
"""

from __future__ import annotations

import dataclasses
import importlib
import json
import os
import re
import types
import typing
from collections.abc import Callable
from functools import cached_property, lru_cache
from typing import Any, ClassVar, NamedTuple, TypeVar

# The caller of a messaging API is an AppInstanceUser or an AppInstanceBot: an action authorized
# against both of these types is authorized against whichever one is calling.
CALLER_TYPES = frozenset({"app-instance-user", "app-instance-bot"})
STAR = "*"


_T = TypeVar("_T")
_frozen = dataclasses.dataclass(frozen=True)


class _Frozen:
    # Read by pydantic when tests and the build script validate the data: no unknown keys.
    __pydantic_config__: ClassVar[dict[str, str]] = {"extra": "forbid"}


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


@_frozen
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

    @cached_property
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


@_frozen
class Catalog(_Frozen):
    provenance: Provenance
    service: Service
    resource_types: tuple[ResourceType, ...]
    actions: tuple[Action, ...]
    condition_keys: tuple[str, ...]
    # Chime's and the global keys' types: String, ArrayOfString, ARN, Bool, Date, Numeric...
    condition_key_types: dict[str, str]
    global_condition_keys: tuple[str, ...]
    condition_operators: tuple[str, ...]
    service_prefixes: tuple[str, ...]
    regions: Regions
    id_formats: dict[str, IdFormat]

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


@_frozen
class PersonaSet(_Frozen):
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


def build(cls: type[_T], data: Any) -> _T:
    """Construct a dataclass tree from JSON data, by the classes' own annotations."""
    return typing.cast(_T, _converter(typing.cast(Any, cls))(data))


Converter = Callable[[Any], Any]


@lru_cache(maxsize=256)  # keyed by the catalog's own types: a few dozen
def _converter(hint: Any) -> Converter:
    """A function turning JSON data into `hint`, made once per type (loading stays fast)."""
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _dataclass_converter(hint)
    if isinstance(hint, type) and issubclass(hint, tuple) and hasattr(hint, "_fields"):
        return _named_tuple_converter(hint)
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is tuple:
        if args[0] in (str, int, bool):  # the common case: check the type, call nothing
            return _primitive_tuple(args[0])
        item = _converter(args[0])
        return lambda data: tuple(map(item, data))
    if origin is dict:
        value = _converter(args[1])
        return lambda data: {k: value(v) for k, v in data.items()}
    if origin is types.UnionType:  # X | None
        inner = _converter(args[0])
        return lambda data: None if data is None else inner(data)

    def checked(data: Any) -> Any:
        if not isinstance(data, hint):
            raise ValueError(f"expected {hint.__name__}, got {data!r}")
        return data

    return checked


def _primitive_tuple(kind: type) -> Converter:
    def convert(data: Any) -> Any:
        values = tuple(data)
        for value in values:
            if type(value) is not kind:
                raise ValueError(f"expected {kind.__name__}, got {value!r}")
        return values

    return convert


def _named_tuple_converter(cls: type) -> Converter:
    hints = typing.get_type_hints(cls)
    fields = {name: _converter(hints[name]) for name in cls._fields}  # type: ignore[attr-defined]
    required = fields.keys() - cls._field_defaults.keys()  # type: ignore[attr-defined]

    def convert(data: Any) -> Any:
        keys = data.keys()
        if not (keys <= fields.keys() and keys >= required):
            unknown, missing = sorted(keys - fields.keys()), sorted(required - keys)
            raise ValueError(f"{cls.__name__}: unknown fields {unknown}, missing {missing}")
        return cls(**{name: fields[name](value) for name, value in data.items()})

    return convert


def _dataclass_converter(cls: type) -> Converter:
    hints = typing.get_type_hints(cls)
    fields = {f.name: _converter(hints[f.name]) for f in dataclasses.fields(cls)}
    defaults = {
        f.name: f.default for f in dataclasses.fields(cls) if f.default is not dataclasses.MISSING
    }
    required = fields.keys() - defaults.keys()

    def convert(data: Any) -> Any:
        keys = data.keys()
        if not (keys <= fields.keys() and keys >= required):
            unknown, missing = sorted(keys - fields.keys()), sorted(required - keys)
            raise ValueError(f"{cls.__name__}: unknown fields {unknown}, missing {missing}")
        # Fill the instance directly: a frozen dataclass's __init__ sets each field through
        # object.__setattr__, which made loading the catalog twice as slow. Same result.
        instance: Any = object.__new__(cls)
        instance.__dict__.update(defaults)
        instance.__dict__.update({name: fields[name](value) for name, value in data.items()})
        return instance

    return convert


@lru_cache(maxsize=1)
def load_catalog() -> Catalog:
    return build(Catalog, json.loads(read_resource("catalog.json")))


@lru_cache(maxsize=1)
def load_personas() -> PersonaSet:
    return build(PersonaSet, json.loads(read_resource("personas.json")))
