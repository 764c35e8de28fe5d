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
    """The catalog's actions, and one example per cell of actions outside the catalog."""
    patterns = sorted(set(action_texts(policies)))
    known = catalog_services()
    others: list[str] = []
    if patterns:
        for cell in cells([p.lower() for p in patterns], variables=False).cells:
            service, colon, _ = cell.example.partition(":")
            if cell.matches and colon and service not in known:
                others.append(cell.example)
            elif cell.matches and not colon:
                others.append(cell.example or "*")  # "*" alone: any action of any service
    return catalog_actions() + tuple(sorted(set(others)))
