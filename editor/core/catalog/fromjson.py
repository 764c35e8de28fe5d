"""JSON data into the catalog's types, by their annotations: the data files are loaded with
no validation library (pydantic costs ~90 ms to import), yet checked as strictly as pydantic
checks them (unknown and missing keys refused, every value of its declared type).

A type is a NamedTuple (its fields) or a `FromJson` class (its constructor's parameters);
pydantic validates a `FromJson` class by the same parameters (`__get_pydantic_core_schema__`),
so tools/build_catalog.py and the tests hold the data files to the same shape.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler
    from pydantic_core import CoreSchema

_T = TypeVar("_T")
Converter = Callable[[Any], Any]


class FromJson:
    """A class made from a JSON object whose keys are its constructor's parameters."""

    __slots__ = ()

    @classmethod
    def parameters(cls) -> dict[str, Any]:
        """The constructor's parameters and their types (all required)."""
        hints = typing.get_type_hints(cls.__init__)
        hints.pop("return", None)
        return hints

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        """For pydantic: an object with exactly these keys, each validated as its type."""
        from pydantic_core import core_schema  # only when pydantic asks: it is installed then

        fields = {
            name: core_schema.typed_dict_field(handler.generate_schema(hint))
            for name, hint in cls.parameters().items()
        }
        shape = core_schema.typed_dict_schema(fields, cls=cls, extra_behavior="forbid")

        def construct(data: dict[str, Any]) -> FromJson:
            return cls(**data)

        return core_schema.no_info_after_validator_function(construct, shape)


def build(cls: type[_T], data: Any) -> _T:
    """Construct a tree of the catalog's types from JSON data, by their annotations."""
    return typing.cast(_T, _converter(typing.cast(Any, cls))(data))


@lru_cache(maxsize=256)  # keyed by the catalog's own types: a few dozen
def _converter(hint: Any) -> Converter:
    """A function turning JSON data into `hint`, made once per type (loading stays fast)."""
    if isinstance(hint, type) and issubclass(hint, FromJson):
        return _object_converter(hint, hint.parameters(), {})
    if isinstance(hint, type) and issubclass(hint, tuple) and hasattr(hint, "_fields"):
        hints = typing.get_type_hints(hint)
        fields = {name: hints[name] for name in hint._fields}
        return _object_converter(hint, fields, hint._field_defaults)  # type: ignore[attr-defined]
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


def _object_converter(cls: type, hints: dict[str, Any], defaults: dict[str, Any]) -> Converter:
    """A JSON object into `cls(**fields)`: its keys must be `hints`' (those of `defaults` may
    be left out), each value converted to its type."""
    fields = {name: _converter(hint) for name, hint in hints.items()}
    required = fields.keys() - defaults.keys()

    def convert(data: Any) -> Any:
        keys = data.keys()
        if not (keys <= fields.keys() and keys >= required):
            unknown, missing = sorted(keys - fields.keys()), sorted(required - keys)
            raise ValueError(f"{cls.__name__}: unknown fields {unknown}, missing {missing}")
        return cls(**{name: fields[name](value) for name, value in data.items()})

    return convert
