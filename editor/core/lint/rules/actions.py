"""Rules on Action and NotAction: service prefixes, Chime action names, wildcards, duplicates."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from editor.core.catalog.lookup import action_names, find_action, service_name
from editor.core.catalog.suggest import closest
from editor.core.catalog.wildcard import action_matches, has_wildcard
from editor.core.json.nodes import ARRAY, Node
from editor.core.lint.context import LintContext
from editor.core.policy.kinds import PolicyKind
from editor.core.policy.statements import (
    StatementView,
    remove_item_range,
    value_offsets,
)
from editor.core.text.findings import Finding, Severity

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
_FORMAT = re.compile(r"[A-Za-z0-9-]+:[A-Za-z0-9*?]+")
_SHOWN = 6  # expansions listed in a wildcard's message
LEAST_PRIVILEGE = (
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege"
)
_COVER_LIMIT = 32  # distinct wildcards of one list that other entries are checked against


def actions(ctx: LintContext) -> Iterator[Finding]:
    known = ctx.catalog.by_full_name  # a dict: difference() then walks the names, not it
    for statement in ctx.statements:
        for element in ("Action", "NotAction"):
            member = statement.member(element)
            if member is None or member.value is None:
                continue
            names = statement.value_set(element)
            if len(names) == len(statement.values(element)) and all(
                _spelt_as_catalog(ctx, n) for n in names.difference(known)
            ):
                # The usual list: actions as the catalog spells them, each once. No name,
                # wildcard or duplicate finding can follow (one spelling per action).
                continue
            items = statement.strings(element)
            for node in items:
                if node.value not in known:  # a catalog name as spelt: nothing to say
                    yield from _check_name(ctx, statement, element, node)
            if _may_repeat(statement.values(element)):
                yield from _duplicates(ctx, member.value, items)


def _may_repeat(names: list[str]) -> bool:
    """Whether `_duplicates` can find anything: a name twice in any letter case, or a
    wildcard that may cover another entry."""
    joined = "\n".join(names)
    if "*" in joined or "?" in joined:
        return True
    if joined.count("\n") == len(names) - 1:  # no name holds a line break: one lower()
        return len(set(joined.lower().split("\n"))) < len(names)
    return len({n.lower() for n in names}) < len(names)


def _spelt_as_catalog(ctx: LintContext, name: str) -> bool:
    """An action of another service than Chime, spelt as its catalog spells it."""
    found = find_action(ctx.catalog, name)
    return found is not None and found.full_name == name


def _check_name(
    ctx: LintContext, statement: StatementView, element: str, node: Node
) -> Iterator[Finding]:
    name = str(node.value)
    catalog = ctx.catalog
    if name in catalog.by_full_name:
        return  # the common case: a Chime action, spelt as the catalog spells it
    if name == "*":
        if element == "Action" and statement.effect == "Allow" and _grants_widely(ctx):
            yield ctx.finding(
                "security/wildcard-action",
                WARNING,
                '"*" allows every action of every AWS service, administration of IAM included; '
                f"list the actions instead (see {LEAST_PRIVILEGE})",
                node.start,
                node.end,
            )
        return
    if not _FORMAT.fullmatch(name):
        fix = None
        known = catalog.action(name) if ":" not in name else None
        if known is not None:
            fix = ctx.replace(
                f"Use {known.full_name!r}", node.start, node.end, json.dumps(known.full_name)
            )
        yield ctx.finding(
            "action/invalid-format",
            ERROR,
            f"{name!r} is not of the form service:ActionName",
            node.start,
            node.end,
            fix,
        )
        return
    prefix, action = name.split(":", 1)
    if prefix.lower() not in catalog.prefixes:
        guess = closest(prefix, catalog.service_prefixes)
        fix = None
        if guess is not None:
            start, end = value_offsets(ctx.text, node, 0, len(prefix))
            fix = ctx.replace(f"Use {guess!r}", start, end, guess, safe=False)
        hint = f"; did you mean {guess!r}?" if guess else ""
        start, end = value_offsets(ctx.text, node, 0, len(prefix))
        yield ctx.finding(
            "action/unknown-service",
            ERROR,
            f"{prefix!r} is not an AWS service prefix{hint}",
            start,
            end,
            fix,
        )
        return
    if has_wildcard(action):
        yield from _wildcard(ctx, statement, element, node, name)
        return
    found = find_action(catalog, name)
    if found is None:
        names = action_names(catalog, prefix)
        guess = closest(action, names, cutoff=0.85)
        canonical_prefix = prefix.lower()
        fix = None
        if guess is not None:
            guess = f"{canonical_prefix}:{guess}"
            fix = ctx.replace(f"Use {guess!r}", node.start, node.end, json.dumps(guess), False)
        hint = f"; did you mean {guess!r}?" if guess else ""
        yield ctx.finding(
            "action/unknown",
            ERROR,
            f"{name!r} is not an action of {service_name(catalog, prefix)}{hint}",
            node.start,
            node.end,
            fix,
        )
    elif name != found.full_name:
        yield ctx.finding(
            "action/miscased",
            WARNING,
            f"{name!r} works (IAM ignores case) but the action is spelt {found.full_name!r}",
            node.start,
            node.end,
            ctx.replace(
                f"Use {found.full_name!r}", node.start, node.end, json.dumps(found.full_name)
            ),
        )


def _grants_widely(ctx: LintContext) -> bool:
    """A wildcard allows too much only in an identity policy: a resource-based policy grants
    on its own resource (AWS's default key policy gives the account `kms:*` on the key), a
    trust policy allows only STS's role actions, and SCPs, RCPs and boundaries only limit."""
    return ctx.kind.kind is PolicyKind.IDENTITY


def _wildcard(
    ctx: LintContext, statement: StatementView, element: str, node: Node, name: str
) -> Iterator[Finding]:
    prefix = name.split(":", 1)[0].lower()
    names = action_names(ctx.catalog, prefix)
    matched = [f"{prefix}:{n}" for n in names if action_matches(name, f"{prefix}:{n}")]
    label = service_name(ctx.catalog, prefix)
    if not matched:
        yield ctx.finding(
            "action/wildcard-matches-nothing",
            ERROR,
            f"{name!r} matches no {label} action",
            node.start,
            node.end,
        )
        return
    if element != "Action" or statement.effect != "Allow":
        return
    everything = len(matched) == len(names) and _grants_widely(ctx)
    shown = ", ".join(m.split(":", 1)[1] for m in matched[:_SHOWN])
    more = f" and {len(matched) - _SHOWN} more" if len(matched) > _SHOWN else ""
    if everything:
        yield ctx.finding(
            "security/wildcard-action",
            WARNING,
            f"{name!r} allows all {len(matched)} {label} actions, including ones added later; "
            f"list the actions instead (see {LEAST_PRIVILEGE})",
            node.start,
            node.end,
        )
        return
    yield ctx.finding(
        "action/wildcard",
        INFO,
        f"{name!r} allows {len(matched)} actions: {shown}{more}",
        node.start,
        node.end,
    )


def _duplicates(ctx: LintContext, value: Node, items: list[Node]) -> Iterator[Finding]:
    """Actions listed twice, or already allowed by a wildcard of the same list.

    Only a copy spelt exactly like an earlier one is removed by fix_all: the first copy stays,
    so nothing granted is lost. A copy in other letter case, and an action a wildcard covers,
    are the author's call (they may mean to narrow the wildcard later): offered, not applied.
    """
    exact: set[str] = set()
    seen: set[str] = set()
    wildcards = _distinct_wildcards(items)
    position = {id(item): i for i, item in enumerate(value.items)}
    for node in items:
        name = str(node.value)
        key = name.lower()
        if name in exact:
            reason, safe = "listed twice in this statement", True
        elif key in seen:
            reason, safe = "listed twice in this statement (in other letter case)", False
        else:
            exact.add(name)
            seen.add(key)
            covering = _covering(node, key, wildcards)
            if covering is None:
                continue
            reason, safe = f"already allowed by {covering.value!r} in this statement", False
        fix = None
        if value.kind is ARRAY:
            start, end = remove_item_range(value, position[id(node)])
            title = "Remove the duplicate" if safe else f"Remove {name!r}"
            fix = ctx.replace(title, start, end, "", safe)
        yield ctx.finding(
            "action/duplicate", WARNING, f"{name!r} is {reason}", node.start, node.end, fix
        )


def _distinct_wildcards(items: list[Node]) -> list[Node]:
    """The first entry of each distinct wildcard, at most _COVER_LIMIT of them: every entry
    is checked against each, and a list of thousands of wildcards must stay linear."""
    found: dict[str, Node] = {}
    for node in items:
        name = str(node.value)
        if has_wildcard(name) and name.lower() not in found:
            found[name.lower()] = node
            if len(found) == _COVER_LIMIT:
                break
    return list(found.values())


def _covering(node: Node, key: str, wildcards: list[Node]) -> Node | None:
    """A wildcard of the list, other than this entry, that matches it. Of two wildcards that
    match each other (`chime:List*`, `chime:List**`), only the later one is reported."""
    for other in wildcards:
        pattern = str(other.value)
        if other is node or pattern.lower() == key or not action_matches(pattern, key):
            continue
        if has_wildcard(key) and action_matches(key, pattern) and other.start > node.start:
            continue
        return other
    return None
