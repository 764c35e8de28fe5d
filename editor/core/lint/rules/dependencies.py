"""Dependent actions: what else the caller must be allowed for an action to succeed.

The Service Authorization Reference lists, per action, the "dependent actions" a call makes
on the caller's behalf (chime:RegisterAppInstanceUserEndpoint reads the Pinpoint app it is
given, so it needs mobiletargeting:GetApp). A policy that grants the one without the other
fails at run time with an access error the author does not expect.
"""

from __future__ import annotations

from collections.abc import Iterator

from editor.core.catalog.lookup import AnyAction, find_action
from editor.core.catalog.wildcard import action_matches
from editor.core.json.nodes import Node
from editor.core.lint.context import LintContext
from editor.core.text.findings import Finding, Severity


def dependent_actions(ctx: LintContext) -> Iterator[Finding]:
    if not ctx.kind.kind.rules.grants:
        return
    needing: list[tuple[Node, AnyAction]] = []  # the actions AWS lists dependents for
    for statement in ctx.statements:
        if statement.effect != "Allow":
            continue
        for node in statement.strings("Action"):
            name = str(node.value)
            chime = ctx.catalog.by_full_name.get(name)
            if chime is not None and not chime.dependent_actions:
                continue  # the usual case, settled by one look-up
            action = chime or find_action(ctx.catalog, name)
            if action is not None and action.dependent_actions:
                needing.append((node, action))
    if not needing:
        return  # most policies: nothing more to work out
    granted: list[str] = []  # action patterns of Allow statements
    everything_but: list[list[str]] = []  # NotAction lists of Allow statements
    for statement in ctx.statements:
        if statement.effect != "Allow":
            continue
        granted += statement.values("Action")
        if statement.member("NotAction") is not None:
            everything_but.append(statement.values("NotAction"))
    index = _Index(granted)
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


def _allowed(name: str, index: _Index, everything_but: list[list[str]]) -> bool:
    return index.allows(name) or any(
        not any(action_matches(p, name) for p in excluded) for excluded in everything_but
    )


class _Index:
    """Granted names in a set, wildcards apart: a look-up per name, not a scan."""

    def __init__(self, granted: list[str]) -> None:
        self.names = {p.lower() for p in granted if not ("*" in p or "?" in p)}
        self.wildcards = [p for p in granted if "*" in p or "?" in p]

    def allows(self, name: str) -> bool:
        return name.lower() in self.names or any(action_matches(p, name) for p in self.wildcards)
