"""The grants summary: per service, access level and action, the resources a policy allows it
on (with the catalog's resource type names) and under which conditions, like the IAM
console's policy summary. Entries that grant more than the action needs are marked.

An action is listed when some Allow statement names it and some request could use it: a Deny
that covers every resource the allows give (found exactly with cells.py) removes it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from editor.core.access.cells import cells
from editor.core.access.conditions import clause_holds
from editor.core.access.glob import glob
from editor.core.access.policy import CompiledPolicy, CompiledStatement, StatementRef
from editor.core.access.universe import actions_to_check
from editor.core.catalog.catalog import Action, load_catalog
from editor.core.catalog.lookup import AnyAction, arn_types, find_action


@dataclass(frozen=True, slots=True)
class GrantEntry:
    resource: str  # an ARN pattern, "*", or "not ..." for NotResource
    types: tuple[str, ...]  # catalog resource types it can name (for this action)
    condition: str | None  # the statement's Condition as JSON
    statement: StatementRef
    broad: tuple[str, ...]  # why the entry is over-broad (empty: it is not; never a Deny's)
    mismatch: bool  # an ARN of none of the action's resource types: it grants nothing
    principals: tuple[str, ...] = ()  # a resource or trust policy: to whom (Principal)
    # required resource types the policy grants the action on no ARN of: the call is also
    # authorized against them (see targets.py), so this entry alone lets no call through
    needs: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ActionGrant:
    service: str
    access_level: str  # from the catalog; "Unknown" outside it
    action: str
    via: tuple[str, ...]  # the statements' action patterns that name it
    entries: tuple[GrantEntry, ...]
    denied: tuple[GrantEntry, ...]  # Deny statements that also speak of it


# Over-broad rules, ours until the checks issue's security findings land (each takes the
# action, the statement and the resource pattern and says why, or None). A finding code from
# those checks can be linked here by adding a rule that names it.
BroadRule = Callable[["AnyAction | None", CompiledStatement, str], "str | None"]


def _all_resources(
    action: AnyAction | None, statement: CompiledStatement, pattern: str
) -> str | None:
    if action is None or not action.arn_types or statement.principal is not None:
        return None  # a resource policy's "*" is the one resource it is attached to
    if pattern == "*" or statement.not_resource:
        kinds = ", ".join(sorted(action.arn_types))
        return f"all resources, where it could be limited to {kinds}"
    return None


def _any_account(
    action: AnyAction | None, statement: CompiledStatement, pattern: str
) -> str | None:
    fields = pattern.split(":", 5)
    if len(fields) == 6 and ("*" in fields[4] or "?" in fields[4]):
        return "any account"
    return None


def _service_wide(
    action: AnyAction | None, statement: CompiledStatement, pattern: str
) -> str | None:
    if statement.not_action:
        return "granted by NotAction: every action but a few"
    wide = statement.service_wide
    return f"granted by {wide}: every action of the service" if wide else None


def _anyone(action: AnyAction | None, statement: CompiledStatement, pattern: str) -> str | None:
    principal = statement.principal
    if principal is None or statement.clauses or not (principal.anyone or principal.negated):
        return None
    return "to anyone (Principal *), with no Condition"


BROAD_RULES: tuple[BroadRule, ...] = (_all_resources, _any_account, _service_wide, _anyone)
ATTACHED = "the policy's own resource"


def _entry(
    action: AnyAction | None, statement: CompiledStatement, pattern: str, allow: bool
) -> GrantEntry:
    """An Allow's entry says what it grants and whether that is too much; a Deny's only where
    it applies (it grants nothing, so it is never over-broad nor a mismatch)."""
    types: frozenset[str] = frozenset()  # other services: the catalog has no types for them
    if statement.not_resource:
        types = action.arn_types if action else types
        label = "not " + ", ".join(statement.resource_texts)
    else:
        if action is not None:
            types = arn_types(load_catalog(), action, pattern) & action.arn_types
        label = ATTACHED if statement.principal is not None and pattern == "*" else pattern
    broad: tuple[str, ...] = ()
    mismatch = False
    if allow:
        broad = tuple(r for r in (rule(action, statement, pattern) for rule in BROAD_RULES) if r)
        mismatch = not statement.not_resource and grants_nothing(action, pattern)
    principal = statement.principal
    return GrantEntry(
        label,
        tuple(sorted(types)),
        statement.condition_text,
        statement.ref,
        broad,
        mismatch,
        principal.describe() if principal is not None else (),
    )


def grants_nothing(action: AnyAction | None, pattern: str) -> bool:
    """Whether an ARN pattern is of none of the action's resource types: a statement naming
    the action on it grants nothing (a request's resource is of one of them). The catalog's
    matching is cautious, so a pattern that may be of a type never counts as one."""
    if action is None or pattern == "*":
        return False
    return not arn_types(load_catalog(), action, pattern) & action.arn_types


def _entries(action: AnyAction | None, statements: list[CompiledStatement]) -> list[GrantEntry]:
    out: list[GrantEntry] = []
    for statement in statements:
        patterns = statement.resource_texts[:1] if statement.not_resource else None
        for pattern in patterns or statement.resource_texts:
            out.append(_entry(action, statement, pattern, statement.allow))
    return out


def _usable(
    allows: list[CompiledStatement], denies: list[CompiledStatement], action_lower: str
) -> bool:
    """Whether some resource is allowed and not denied by an unconditional Deny to everyone:
    one naming some principals, or sparing some (NotPrincipal), leaves the grant to others."""
    hard = _hard(denies, action_lower)
    if not hard:
        return True
    statements = allows + hard
    patterns = [t for s in statements for t in s.resource_texts]
    places: list[range] = []
    start = 0
    for s in statements:
        places.append(range(start, start + len(s.resource_texts)))
        start += len(s.resource_texts)
    for cell in cells(patterns).cells:
        hits = [
            any(j in cell.matches for j in places[i]) != statements[i].not_resource
            for i in range(len(statements))
        ]
        if any(hits[: len(allows)]) and not any(hits[len(allows) :]):
            return True
    return False


def _hard(denies: list[CompiledStatement], action_lower: str) -> list[CompiledStatement]:
    """The Denies to everyone that apply to every request of the action: no Condition, or
    one that holds whatever the request (see `_always`)."""
    return [
        d
        for d in denies
        if (d.condition_text is None or _always(d, action_lower)) and _to_everyone(d)
    ]


def _always(deny: CompiledStatement, action_lower: str) -> bool:
    """Whether a Deny's Condition holds for every request of the action: each clause tests a
    key of another service, which no request of this action carries, and holds when its key
    is absent (`...IfExists`, a negated operator, `ForAllValues:`, `Null` "true"). The lint
    says of such a test that it "restricts nothing", and check-access answers explicitDeny."""
    service = action_lower.split(":", 1)[0]
    return bool(deny.clauses) and all(
        ":" in c.key
        and c.key.split(":", 1)[0] not in ("aws", service)
        and clause_holds(c, {}) is True
        for c in deny.clauses
    )


def _to_everyone(statement: CompiledStatement) -> bool:
    who = statement.principal
    return who is None or (who.anyone and not who.negated)


def grants(policy: CompiledPolicy) -> tuple[ActionGrant, ...]:
    catalog = load_catalog()
    live = [s for s in policy.statements if s.problem is None]
    out: list[ActionGrant] = []
    for name in actions_to_check([policy]):
        lower = name.lower()
        speaking = [s for s in live if s.actions.matches(lower) != s.not_action]
        allows = [s for s in speaking if s.allow]
        if not allows:
            continue
        denies = [s for s in speaking if not s.allow]
        if not (_spared(allows, denies, lower) or _usable(allows, denies, lower)):
            continue
        action = find_action(catalog, name)
        service = name.split(":", 1)[0]
        via = tuple(dict.fromkeys(_via(s, lower) for s in allows))
        if action is None and len(via) == 1 and via[0].lower() == lower:
            name = via[0]  # an action outside the catalog, named as the policy spells it
        out.append(
            ActionGrant(
                service,
                action.access_level if action else "Unknown",
                action.full_name if action else name,
                via,
                _with_needs(action, _entries(action, allows)),
                tuple(_entries(action, denies)),
            )
        )
    out.sort(key=lambda g: (g.service, g.access_level, g.action))
    return tuple(out)


def _with_needs(action: AnyAction | None, entries: list[GrantEntry]) -> tuple[GrantEntry, ...]:
    """Mark each entry with the required types no entry of the action grants (AWS authorizes
    a call against a resource of each required type: chime:AssociateChannelFlow's channel
    AND channel flow)."""
    if not isinstance(action, Action):
        return tuple(entries)
    granted = {t for e in entries if not e.mismatch for t in e.types}
    missing = tuple(sorted(action.target_types - granted))
    if not missing:
        return tuple(entries)
    return tuple(replace(e, needs=missing) for e in entries)


def _via(statement: CompiledStatement, lower: str) -> str:
    if statement.not_action:
        return "NotAction " + ", ".join(statement.action_texts)
    for text in statement.action_texts:
        name = text.lower()
        if name == lower or (("*" in name or "?" in name) and glob(name, True).matches(lower)):
            return text
    return lower


def findings_by_action(
    text: str, summary: tuple[ActionGrant, ...], findings: list[tuple[str, int, int]]
) -> dict[tuple[int, str], tuple[str, ...]]:
    """The findings (code, start, end in `text`) inside each granting statement, by (the
    statement's start, the action): one on an action name or pattern goes to the actions it
    names, one elsewhere in the statement (its Resource, its Condition) to each of them. A
    finding about DeleteChannelFlow is not one about SendChannelMessage beside it."""
    out: dict[tuple[int, str], tuple[str, ...]] = {}
    for grant in summary:
        lower = grant.action.lower()
        for entry in grant.entries:
            ref = entry.statement
            key = (ref.start, grant.action)
            if key in out:
                continue
            codes = {
                code
                for code, start, end in findings
                if ref.start <= start < ref.end and _about(text[start:end], lower)
            }
            out[key] = tuple(sorted(codes))
    return out


def _about(span: str, action_lower: str) -> bool:
    named = span.strip().strip('"').lower()
    if ":" not in named or named.startswith("arn:") or any(c in named for c in ' /{"'):
        return True  # not an action name: about the whole statement
    return glob(named, True).matches(action_lower)


def usable(policy: CompiledPolicy, name: str) -> bool:
    """Whether `grants(policy)` lists the action `name` (a full name): an Allow names it and
    no unconditional Deny to everyone covers every resource the Allows give. One action's
    answer, for the callers that ask about a few (the catalog's boxes, `edit`)."""
    lower = name.lower()
    live = [s for s in policy.statements if s.problem is None]
    speaking = [s for s in live if s.actions.matches(lower) != s.not_action]
    allows = [s for s in speaking if s.allow]
    denies = [s for s in speaking if not s.allow]
    return bool(allows) and (_spared(allows, denies, lower) or _usable(allows, denies, lower))


def _spared(
    allows: list[CompiledStatement], denies: list[CompiledStatement], action_lower: str
) -> bool:
    """A quick witness that `_usable` is true: an Allow's ARN pattern that no pattern of an
    unconditional Deny meets (a Deny on one channel leaves the Allow's other channels). The
    whole product of a policy's patterns took seconds for a few hundred ARNs; one pair is
    small. False: not decided here."""
    hard = _hard(denies, action_lower)
    if not hard:
        return True
    if any(d.not_resource for d in hard):
        return False
    blocking = [t for d in hard for t in d.resource_texts]
    for allow in allows:
        if allow.not_resource:
            continue
        for pattern in allow.resource_texts:
            if not any(_meet(pattern, other) for other in blocking):
                return True
    return False


def _meet(one: str, other: str) -> bool:
    """Some ARN matches both patterns. Their literal heads (before a wildcard or a variable)
    and tails settle most pairs without the automaton: `.../user/u-1` and `.../channel/*`
    part at `user`. Compared in lower case, so a difference there is one in any case."""
    a, b = one.lower(), other.lower()
    head_a, head_b = a[: _first_wild(a)], b[: _first_wild(b)]
    n = min(len(head_a), len(head_b))
    if head_a[:n] != head_b[:n]:
        return False
    if len(head_a) == len(a) and len(head_b) == len(b):
        return a == b or any(len(c.matches) == 2 for c in cells([one, other]).cells)
    tail_a, tail_b = a[_last_wild(a) :], b[_last_wild(b) :]
    n = min(len(tail_a), len(tail_b))
    if n and tail_a[-n:] != tail_b[-n:]:
        return False
    return any(len(cell.matches) == 2 for cell in cells([one, other]).cells)


def _first_wild(text: str) -> int:
    found = [i for i in (text.find("*"), text.find("?"), text.find("${")) if i >= 0]
    return min(found, default=len(text))


def _last_wild(text: str) -> int:
    """Where the literal tail starts: after the last wildcard or variable."""
    end = max(text.rfind("*"), text.rfind("?"), text.rfind("}") if "${" in text else -1)
    return end + 1
