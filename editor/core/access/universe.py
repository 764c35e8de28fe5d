"""The actions a comparison or a summary ranges over: every action of the catalog, plus, for
services the catalog does not list, one example action for each distinct way the policies'
action patterns can match (found exactly by cells.py)."""

from __future__ import annotations

from collections.abc import Iterable

from editor.core.access.cells import cells
from editor.core.access.policy import CompiledPolicy
from editor.core.catalog.catalog import load_catalog


def catalog_actions() -> tuple[str, ...]:
    """Full names of the catalog's actions (a hook: more services join as the catalog grows)."""
    return tuple(a.full_name for a in load_catalog().actions)


def catalog_services() -> frozenset[str]:
    return frozenset(name.split(":", 1)[0].lower() for name in catalog_actions())


def action_texts(policies: Iterable[CompiledPolicy]) -> list[str]:
    texts: list[str] = []
    for policy in policies:
        for statement in policy.statements:
            texts += statement.action_texts
    return texts


def actions_to_check(policies: Iterable[CompiledPolicy]) -> tuple[str, ...]:
    """The catalog's actions, and one example per cell of actions outside the catalog.

    Patterns are grouped by service: a name under a catalog service is already among the
    catalog's actions, and the cells of one other service need only its own patterns (and
    those whose service part is itself a wildcard, such as `*`).
    """
    known = catalog_services()
    groups: dict[str, set[str]] = {}
    open_ended: set[str] = set()
    for text in set(action_texts(policies)):
        lower = text.lower()
        service = lower.split(":", 1)[0]
        if "*" in service or "?" in service or ":" not in lower:
            open_ended.add(lower)
        elif service not in known:
            groups.setdefault(service, set()).add(lower)
    others: set[str] = set()
    for service, names in groups.items():
        if not open_ended and not any("*" in n or "?" in n for n in names):
            others |= names  # plain names: each is its own example
            continue
        for cell in cells(sorted(names | open_ended), variables=False).cells:
            if cell.matches and cell.example.startswith(service + ":"):
                others.add(cell.example)
    if open_ended:
        # Services named nowhere in the policies: one example for what `*` and the like
        # grant there (a service name no pattern uses).
        for cell in cells(sorted(open_ended), variables=False).cells:
            service = cell.example.partition(":")[0]
            if cell.matches and service not in known and service not in groups:
                others.add(cell.example or "*")
    return catalog_actions() + tuple(sorted(others))
