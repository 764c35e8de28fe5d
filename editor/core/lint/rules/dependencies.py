"""Dependent actions: what else the caller must be allowed for an action to succeed.

The Service Authorization Reference lists, per action, the "dependent actions" a call makes
on the caller's behalf (chime:RegisterAppInstanceUserEndpoint reads the Pinpoint app it is
given, so it needs mobiletargeting:GetApp). A policy that grants the one without the other
fails at run time with an access error the author does not expect.
"""

from __future__ import annotations

from collections.abc import Iterator

from editor.core.catalog.catalog import Catalog
from editor.core.catalog.lookup import AnyAction, find_action
from editor.core.catalog.wildcard import action_matches, has_wildcard
from editor.core.json.nodes import Node
from editor.core.lint.context import LintContext
from editor.core.lint.rules.grants import allowed_names
from editor.core.text.findings import Finding, Severity


def dependent_actions(ctx: LintContext) -> Iterator[Finding]:
    if not ctx.kind.kind.rules.grants:
        return
    catalog = ctx.catalog
    listing = with_dependents(catalog)
    allowed, unknown = allowed_names(ctx)
    if not unknown and listing.isdisjoint(allowed):
        return  # the usual policy: Chime actions that need nothing more
    needing: list[tuple[Node, AnyAction]] = []  # the actions AWS lists dependents for
    asked = listing.union(unknown)  # the names to look at: few, or none
    everything_but: list[list[str]] = []  # NotAction lists of Allow statements
    for statement in ctx.statements:
        if statement.effect != "Allow":
            continue
        if statement.member("NotAction") is not None:
            everything_but.append(statement.values("NotAction"))
        if asked.isdisjoint(statement.value_set("Action")):
            continue  # the usual case, settled by one set operation
        for node in statement.strings("Action"):
            if node.value in asked:
                action = find_action(catalog, str(node.value))
                if action is not None and action.dependent_actions:
                    needing.append((node, action))
    if not needing:
        return  # most policies: nothing more to work out
    index = _Index(list(allowed))
    needed: dict[str, bool] = {}
    for node, action in needing:
        missing = []
        for dependent in action.dependent_actions:
            if dependent not in needed:
                needed[dependent] = _allowed(dependent, index, everything_but)
            if not needed[dependent]:
                missing.append(dependent)
        if missing:
            yield ctx.finding(
                "action/dependent",
                Severity.INFO,
                f"{action.full_name} may also need {', '.join(missing)}: AWS lists "
                f"{'them' if len(missing) > 1 else 'it'} as a dependent action, which "
                "calls need depending on the request; grant it too if yours do",
                node.start,
                node.end,
            )


def with_dependents(catalog: Catalog) -> frozenset[str]:
    """The Chime actions (full names) that AWS lists dependent actions for."""
    found = catalog.derived.get("with-dependents")
    if found is None:
        chosen = (a.full_name for a in catalog.actions if a.dependent_actions)
        found = catalog.derived["with-dependents"] = frozenset(chosen)
    assert isinstance(found, frozenset)
    return found


def _allowed(name: str, index: _Index, everything_but: list[list[str]]) -> bool:
    return index.allows(name) or any(
        not any(action_matches(p, name) for p in excluded) for excluded in everything_but
    )


class _Index:
    """Granted names in a set, wildcards apart: a look-up per name, not a scan."""

    def __init__(self, granted: list[str]) -> None:
        joined = "\n".join(granted)
        if "\n" in "".join(granted):
            self.names = {p.lower() for p in granted}
        else:  # one call lower-cases them all; a wildcard among them matches no name
            self.names = set(joined.lower().split("\n"))
        self.wildcards = [p for p in granted if has_wildcard(p)] if has_wildcard(joined) else []

    def allows(self, name: str) -> bool:
        return name.lower() in self.names or any(action_matches(p, name) for p in self.wildcards)
