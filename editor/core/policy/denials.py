"""Deny statements, in the catalog's terms: which actions an explicit Deny takes away.

The catalog's boxes show what the text grants, and an explicit Deny overrides any Allow
(IAM User Guide, "Policy evaluation logic"). An action is *denied* when a Deny with no
Condition (and no Principal: who it applies to is then the question) names it on every
resource the Allows grant it on: `"Resource": "*"`, or ARNs that cover the Allows' ones. A
Deny that applies only sometimes (a Condition) or only to some resources leaves the action
granted elsewhere: it is *limited*, and the box stays ticked with the Deny named.
"""

from __future__ import annotations

from dataclasses import dataclass

from editor.core.catalog.catalog import Catalog
from editor.core.catalog.wildcard import action_matches, has_wildcard
from editor.core.policy.statements import StatementView

_SCOPE = ("Condition", "Principal", "NotPrincipal", "NotResource")


@dataclass(frozen=True, slots=True)
class Denial:
    statement: str  # how the window names it: its Sid, else "statement 2"
    complete: bool  # no request the Allows grant it for is left


def statement_name(statement: StatementView) -> str:
    sid = statement.values("Sid")
    return repr(sid[0]) if sid and sid[0] else f"statement {statement.index + 1}"


def _names(statement: StatementView, catalog: Catalog) -> set[str]:
    """Catalog actions the statement's Action (or NotAction) covers."""
    if statement.member("NotAction") is not None:
        left_out = statement.values("NotAction")
        return {
            a.name
            for a in catalog.actions
            if not any(action_matches(p, a.full_name) for p in left_out)
        }
    found: set[str] = set()
    for pattern in statement.values("Action"):
        if has_wildcard(pattern):
            found.update(a.name for a in catalog.actions if action_matches(pattern, a.full_name))
        elif (action := catalog.action(pattern)) is not None:
            found.add(action.name)
    return found


def _covers(deny: str, allow: str) -> bool:
    """Every ARN `allow` matches, `deny` matches too (a sure answer, never a guess: a Deny
    ARN with a wildcard before its end covers only its equal)."""
    if deny == "*" or deny == allow:
        return True
    head = deny[:-1]
    return deny.endswith("*") and not has_wildcard(head) and allow.startswith(head)


def denials(views: list[StatementView], catalog: Catalog) -> dict[str, Denial]:
    """Catalog action -> the first Deny that denies it completely, else the first that
    limits it; actions no Deny names are left out."""
    # action -> the Allows' distinct ARNs (None: a NotResource, which no ARN list covers)
    allowed: dict[str, dict[str, None] | None] = {}
    for view in views:
        if view.effect == "Allow" and view.member("NotAction") is None:
            notresource = view.member("NotResource") is not None
            resources = view.values("Resource")
            for name in _names(view, catalog):
                arns = allowed.setdefault(name, {})
                if arns is not None and notresource:
                    allowed[name] = None
                elif arns is not None:
                    arns.update(dict.fromkeys(resources))  # in place: linear in the policy
    found: dict[str, Denial] = {}
    for view in views:
        if view.effect != "Deny":
            continue
        unscoped = all(view.member(key) is None for key in _SCOPE)
        resources = view.values("Resource")
        for name in _names(view, catalog):
            if name in found and found[name].complete:
                continue  # settled: no second Deny is read against every Allow ARN
            # An action no Allow grants is denied whatever a tick adds only by "*".
            arns = allowed.get(name)
            complete = unscoped and (
                "*" in resources
                or (bool(arns) and all(any(_covers(d, a) for d in resources) for a in arns or ()))
            )
            if name not in found or (complete and not found[name].complete):
                found[name] = Denial(statement_name(view), complete)
    return found
