"""The actions a comparison or a summary ranges over: every action of the catalog, plus, for
services the catalog does not list, one example action for each distinct way the policies'
action patterns can match (found exactly by cells.py)."""

from __future__ import annotations

from collections.abc import Iterable

from editor.core.access.cells import cells
from editor.core.access.glob import glob
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


def service_actions(prefix: str) -> tuple[str, ...]:
    """Full names of a service's actions from the all-services catalog (empty if unknown)."""
    from editor.core.catalog.lookup import action_names, service

    found = service(prefix)
    if found is None:
        return ()
    return tuple(f"{found.prefix}:{name}" for name in action_names(load_catalog(), prefix))


def actions_to_check(policies: Iterable[CompiledPolicy]) -> tuple[str, ...]:
    """Every action the policies' patterns can name: the Chime catalog's, every action of
    each other catalog service they name (or that a wildcard service part such as `*` or
    `s3*` reaches), and, for services the catalog does not know, one example per cell.

    Patterns are grouped by service: the cells of an unknown service need only its own
    patterns (and those whose service part is itself a wildcard).
    """
    catalog = load_catalog()
    chime = catalog_services()
    named: set[str] = set()
    groups: dict[str, set[str]] = {}
    open_ended: set[str] = set()
    for text in set(action_texts(policies)):
        lower = text.lower()
        service = lower.split(":", 1)[0]
        if "*" in service or "?" in service or ":" not in lower:
            open_ended.add(lower)
        elif service in chime:
            continue
        elif service_actions(service):
            named.add(service)
        else:
            groups.setdefault(service, set()).add(lower)
    if open_ended:
        parts = [glob(p.split(":", 1)[0] if ":" in p else "*", fold=True) for p in open_ended]
        named |= {
            prefix
            for prefix in catalog.prefixes
            if prefix not in chime and any(g.matches(prefix) for g in parts)
        }
    others: set[str] = set()
    for service in sorted(named):
        others.update(service_actions(service))
    known = chime | {p.lower() for p in catalog.prefixes}
    for service, names in groups.items():
        if not open_ended and not any("*" in n or "?" in n for n in names):
            others |= names  # plain names: each is its own example
            continue
        for cell in cells(sorted(names | open_ended), variables=False).cells:
            if cell.matches and cell.example.startswith(service + ":"):
                others.add(cell.example)
    if open_ended:
        # Services the catalog does not know and the policies do not name: one example for
        # what `*` and the like grant there (a service name no pattern uses).
        for cell in cells(sorted(open_ended), variables=False).cells:
            service = cell.example.partition(":")[0]
            if cell.matches and service not in known and service not in groups:
                others.add(cell.example or "*")
    return catalog_actions() + tuple(sorted(others))
