"""Dependent actions: what else the caller must be allowed for an action to succeed.

The Service Authorization Reference lists, per action, the "dependent actions" a call makes
on the caller's behalf (chime:RegisterAppInstanceUserEndpoint reads the Pinpoint app it is
given, so it needs mobiletargeting:GetApp). A policy that grants the one without the other
fails at run time with an access error the author does not expect.
"""

from __future__ import annotations

from collections.abc import Iterator

from editor.core.catalog.lookup import find_action
from editor.core.catalog.wildcard import action_matches
from editor.core.lint.context import LintContext
from editor.core.text.findings import Finding, Severity


def dependent_actions(ctx: LintContext) -> Iterator[Finding]:
    if not ctx.kind.kind.rules.grants:
        return
    granted: list[str] = []  # action patterns of Allow statements
    everything_but: list[list[str]] = []  # NotAction lists of Allow statements
    for statement in ctx.statements:
        if statement.effect != "Allow":
            continue
        granted += statement.values("Action")
        if statement.member("NotAction") is not None:
            everything_but.append(statement.values("NotAction"))
    if not granted:
        return
    needed: dict[str, bool] = {}
    for statement in ctx.statements:
        if statement.effect != "Allow":
            continue
        for node in statement.strings("Action"):
            action = find_action(ctx.catalog, str(node.value))
            if action is None or not action.dependent_actions:
                continue
            missing = []
            for dependent in action.dependent_actions:
                if dependent not in needed:
                    needed[dependent] = _allowed(dependent, granted, everything_but)
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


def _allowed(name: str, granted: list[str], everything_but: list[list[str]]) -> bool:
    lowered = name.lower()
    for pattern in granted:
        if pattern.lower() == lowered or (
            ("*" in pattern or "?" in pattern) and action_matches(pattern, name)
        ):
            return True
    return any(not any(action_matches(p, name) for p in excluded) for excluded in everything_but)
