"""The engine's caches, for benchmarks that measure a process that has seen nothing yet."""

from __future__ import annotations

from typing import Any

# Caches of the catalog itself, not of anything a policy holds: the loaders of resources/
# (`load_*`, the converters that build the catalog's classes, the service table's lines and
# parsed rows) and what is compiled from the catalog's ARN templates. Any process builds them
# once, whatever it lints; "cold" keeps them and forgets everything else.
CATALOG_DERIVED = (
    "_converter",
    "_lines",
    "service",
    "_template_parts",
    "_template_pieces",
    "_template_regex",
    "_resource_regex",
    "_resource_groups",
    "_segment_index",
    "_id_forms",
    "_services",
)


def engine_caches() -> list[Any]:
    """Every cached function of the engine keyed by policy text: found by walking
    editor.core, so that a cache added later is cleared too."""
    import importlib
    import pkgutil

    import editor.core

    found: dict[int, Any] = {}  # by identity: a function imported by several modules
    for info in pkgutil.walk_packages(editor.core.__path__, "editor.core."):
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if not hasattr(value, "cache_clear") or isinstance(value, type):
                continue  # a class with a cache_clear method is not a cache: its instances are
            name = getattr(value, "__name__", "")
            if not name.startswith("load_") and name not in CATALOG_DERIVED:
                found[id(value)] = value
    return list(found.values())


def clear_caches(caches: list[Any]) -> None:
    """Forget everything learnt in this process: the cached functions and the catalog's memo."""
    from editor.core.catalog.catalog import load_catalog

    for cached in caches:
        cached.cache_clear()
    load_catalog().memo.clear()
