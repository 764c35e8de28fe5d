"""The decision, following AWS's "Policy evaluation logic" (same account):

1. an explicit Deny in any policy wins;
2. at every organization level given, some service control policy attached there must allow
   (AWS combines the SCPs of one level; each level filters the next). Resource control
   policies only filter by Deny: AWS attaches RCPFullAWSAccess, an Allow of everything, to
   every root, OU and account and it cannot be detached ("Resource control policies (RCPs)",
   AWS Organizations User Guide), so their Denies (step 1) are all they add;
3. a resource policy that allows the principal allows (a boundary still limits it unless the
   principal is named exactly as a user or a role session);
4. otherwise an identity policy must allow, and the permissions boundary, when there is one.

A cross-account request (the principal's account and the resource's differ) follows
"Cross-account policy evaluation logic" (IAM User Guide): the principal's own policies (identity
policies, boundary) AND the resource owner's resource policy must both allow; without a
resource policy that allows, AWS denies.

A statement we cannot read, or a condition we cannot evaluate, makes the result "unknown" where
it could change it: never a guess.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from editor.core.access.conditions import conditions_hold
from editor.core.access.policy import CompiledPolicy, CompiledStatement, PolicyKind, StatementRef
from editor.core.access.request import Request
from editor.core.access.requestkeys import always_present, spelled
from editor.core.catalog.arn import SYMBOL, unmask


class Decision(StrEnum):
    ALLOWED = "allowed"
    EXPLICIT_DENY = "explicitDeny"
    IMPLICIT_DENY = "implicitDeny"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Result:
    decision: Decision
    statements: tuple[StatementRef, ...]  # the statements that decided it
    reason: str

    @property
    def allowed(self) -> bool:
        return self.decision is Decision.ALLOWED


@dataclass(frozen=True)
class PolicySet:
    identity: tuple[CompiledPolicy, ...] = ()
    boundary: CompiledPolicy | None = None
    scps: tuple[tuple[CompiledPolicy, ...], ...] = ()  # per organization level
    rcps: tuple[CompiledPolicy, ...] = ()
    resource: CompiledPolicy | None = None
    everything: tuple[CompiledPolicy, ...] = field(init=False)

    def __post_init__(self) -> None:
        extra = tuple(p for p in (self.boundary, self.resource) if p is not None)
        scps = tuple(p for level in self.scps for p in level)
        object.__setattr__(self, "everything", self.identity + extra + scps + self.rcps)

    def keys_of(self, refs: Sequence[StatementRef]) -> set[str]:
        """The condition keys (lower-cased) the given statements test."""
        chosen = set(refs)
        return {
            c.key
            for p in self.everything
            for s in p.statements
            if s.ref in chosen
            for c in s.clauses
        }


class TwoResourcePolicies(ValueError):
    """A request meets one resource's policy: two policies naming a Principal cannot both be
    the target's."""


def with_documents(
    documents: Sequence[CompiledPolicy], resource: CompiledPolicy | None = None
) -> tuple[tuple[CompiledPolicy, ...], CompiledPolicy | None]:
    """Policies given as documents (compiled with kind=None) sorted into the identity policies
    and the resource policy: the one naming a Principal (its Principal is then matched)."""
    identity = tuple(d for d in documents if d.kind is not PolicyKind.RESOURCE)
    resources = [d for d in documents if d.kind is PolicyKind.RESOURCE]
    resources += [resource] if resource is not None else []
    if len(resources) > 1:
        names = " and ".join(r.name for r in resources)
        raise TwoResourcePolicies(
            f"{names} both name a Principal (resource or trust policies); a request is "
            "checked against one resource's policy"
        )
    return identity, (resources[0] if resources else None)


def applies(statement: CompiledStatement, request: Request) -> bool | None:
    """Whether the statement speaks of this request: True, False, or None (cannot tell)."""
    if statement.actions.matches(request.action_lower) == statement.not_action:
        return False
    return _applies_here(statement, request)


def _applies_here(
    statement: CompiledStatement, request: Request, bounded: bool = False
) -> bool | None:
    """The same, for a statement already known to name the request's action. `bounded`: the
    principal has a permissions boundary, and then a Deny with NotPrincipal denies it whoever
    is listed ("AWS JSON policy elements: NotPrincipal", IAM User Guide)."""
    reached = reaches(statement, request, bounded)
    if reached is False:
        return False
    if statement.problem is not None:
        return None
    held = conditions_hold(statement.clauses, request.context) if statement.clauses else True
    return None if reached is None and held else held


def reaches(statement: CompiledStatement, request: Request, bounded: bool = False) -> bool | None:
    """Whether the statement, named the request's action, speaks of its resource and
    principal, its Condition aside: True, False, or None (cannot tell)."""
    fields, resource, lookup = request.resource_fields, request.resource, request.lookup
    hit = maybe = False
    for pattern in statement.resources:
        if pattern.matches(fields, resource, lookup):
            hit = True
            break
        loose = pattern.loose  # a template's ${AWS::AccountId}: the stack's, unknown here
        maybe = maybe or (loose is not None and loose.matches(fields, resource, lookup))
    unsure = maybe and not hit
    if hit == statement.not_resource and not unsure:
        return False
    who = statement.principal
    denies_all = bounded and who is not None and who.negated and not statement.allow
    if who is not None and not denies_all and not who.match(request.principal).matched:
        return False
    return None if unsure else True


def _matching(
    policies: Iterable[CompiledPolicy], request: Request, allow: bool, bounded: bool = False
) -> tuple[list[StatementRef], list[StatementRef]]:
    """(statements that surely apply, statements that might) with the given effect."""
    sure: list[StatementRef] = []
    maybe: list[StatementRef] = []
    for policy in policies:
        for statement in policy.speaking_of(request.action_lower):
            if statement.allow != allow and statement.problem is None:
                continue
            result = _applies_here(statement, request, bounded)
            if result:
                sure.append(statement.ref)
            elif result is None:
                maybe.append(statement.ref)
    return sure, maybe


def _unreadable(policies: Sequence[CompiledPolicy]) -> CompiledPolicy | None:
    return next((p for p in policies if p.problem is not None), None)


def evaluate(policies: PolicySet, request: Request) -> Result:
    result = _evaluate(policies, request)
    if result.decision is not Decision.UNKNOWN:
        return result
    keys = _unknown_keys(policies, result.statements, request)
    if not keys:
        return result
    return Result(Decision.UNKNOWN, result.statements, f"depends on {', '.join(keys)}")


def _unknown_keys(policies: PolicySet, refs: Sequence[StatementRef], request: Request) -> list[str]:
    """Keys every request carries that the undecided statements test and nobody gave."""
    chosen = set(refs)
    keys = [
        spelled(clause.key)
        for policy in policies.everything
        for s in policy.statements
        if s.ref in chosen
        for clause in s.clauses
        if always_present(clause.key) and clause.key not in request.context
    ]
    return list(dict.fromkeys(keys))


def _evaluate(policies: PolicySet, request: Request) -> Result:
    broken = _unreadable(policies.everything)
    if broken is not None:
        return Result(Decision.UNKNOWN, (), f"{broken.name}: {broken.problem}")
    bounded = policies.boundary is not None
    denies, maybe_denies = _matching(policies.everything, request, allow=False, bounded=bounded)
    if denies:
        return Result(Decision.EXPLICIT_DENY, tuple(denies), "an explicit Deny applies")
    rest = _allowed(policies, request)
    if maybe_denies and rest.decision is not Decision.IMPLICIT_DENY:
        return Result(Decision.UNKNOWN, tuple(maybe_denies), "a Deny might apply")
    return rest  # with a Deny that might apply, nothing allows: denied either way


def _allowed(policies: PolicySet, request: Request) -> Result:
    """Steps 2-4, once no Deny surely applies."""
    for level in policies.scps:
        sure, maybe = _matching(level, request, allow=True)
        if not sure:
            names = " or ".join(p.name for p in level)
            if maybe:
                return Result(Decision.UNKNOWN, tuple(maybe), f"{names} might allow")
            return Result(Decision.IMPLICIT_DENY, (), f"no statement of {names} allows")
    accounts = request.accounts_apart
    if accounts is not None:
        return _across(policies, request, accounts)
    granted: list[StatementRef] = []
    boundary_needed = True
    if policies.resource is not None:
        sure_r, maybe_r = _resource_allows(policies.resource, request)
        if maybe_r:
            why = _why(policies, maybe_r, "the resource policy might allow")
            return Result(Decision.UNKNOWN, tuple(maybe_r), why)
        granted += [ref for ref, _ in sure_r]
        boundary_needed = not any(by_name for _, by_name in sure_r)
    sure, maybe = _matching(policies.identity, request, allow=True)
    if not sure and not granted:
        if maybe:
            return Result(
                Decision.UNKNOWN, tuple(maybe), _why(policies, maybe, "an Allow might apply")
            )
        return Result(Decision.IMPLICIT_DENY, (), "no statement allows it")
    granted += sure
    if policies.boundary is not None and boundary_needed:
        sure, maybe = _matching([policies.boundary], request, allow=True)
        if not sure:
            if maybe:
                return Result(Decision.UNKNOWN, tuple(maybe), "the boundary might allow")
            return Result(Decision.IMPLICIT_DENY, (), "the permissions boundary does not allow")
        granted += sure
    return Result(Decision.ALLOWED, tuple(granted), "allowed")


def _across(policies: PolicySet, request: Request, accounts: tuple[str, str]) -> Result:
    """Step 3-4 for a cross-account request: the resource policy AND the principal's own."""
    mine, theirs = accounts
    where = f"cross-account: the principal is in account {mine}, the resource in {theirs}"
    if policies.resource is None:
        why = "the resource owner's policy must allow it too, and no resource policy was given"
        return Result(Decision.IMPLICIT_DENY, (), f"{where}; {why}")
    sure_r, maybe_r = _resource_allows(policies.resource, request, delegated_too=True)
    if not sure_r:
        if maybe_r:
            why = _why(policies, maybe_r, "the resource policy might allow")
            return Result(Decision.UNKNOWN, tuple(maybe_r), f"{why} ({where})")
        return Result(Decision.IMPLICIT_DENY, (), f"{where}; the resource policy does not allow it")
    own = _own(policies, request)
    if own.decision is not Decision.ALLOWED:
        why = f"{own.reason} ({where}: the principal's own policies must allow it too)"
        return Result(own.decision, own.statements, why)
    return Result(Decision.ALLOWED, tuple(r for r, _ in sure_r) + own.statements, "allowed")


def _own(policies: PolicySet, request: Request) -> Result:
    """Whether the principal's identity policies allow, within its boundary when it has one."""
    sure, maybe = _matching(policies.identity, request, allow=True)
    if not sure:
        if maybe:
            why = _why(policies, maybe, "an Allow might apply")
            return Result(Decision.UNKNOWN, tuple(maybe), why)
        return Result(Decision.IMPLICIT_DENY, (), "no identity policy allows it")
    if policies.boundary is None:
        return Result(Decision.ALLOWED, tuple(sure), "allowed")
    fence, maybe = _matching([policies.boundary], request, allow=True)
    if not fence:
        if maybe:
            return Result(Decision.UNKNOWN, tuple(maybe), "the boundary might allow")
        return Result(Decision.IMPLICIT_DENY, (), "the permissions boundary does not allow")
    return Result(Decision.ALLOWED, tuple(sure + fence), "allowed")


def _why(policies: PolicySet, refs: list[StatementRef], reason: str) -> str:
    """`reason`, and the template values the statements hang on (`${AWS::AccountId}`): the
    stack's, known only when it is made, so no verdict is a guess."""
    chosen = set(refs)
    texts = [
        text
        for policy in policies.everything
        for s in policy.statements
        if s.ref in chosen
        for text in (*s.resource_texts, s.condition_text or "")
    ]
    names = dict.fromkeys(unmask(m) for m in SYMBOL.findall(" ".join(texts)))
    if not names:
        return reason
    return f"{reason}: it names the template's {', '.join(names)}, known when the stack is made"


def _resource_allows(
    policy: CompiledPolicy, request: Request, delegated_too: bool = False
) -> tuple[list[tuple[StatementRef, bool]], list[StatementRef]]:
    sure: list[tuple[StatementRef, bool]] = []
    maybe: list[StatementRef] = []
    for statement in policy.speaking_of(request.action_lower):
        if not statement.allow and statement.problem is None:
            continue
        result = _applies_here(statement, request)
        if result:
            assert statement.principal is not None
            match = statement.principal.match(request.principal)
            if match.delegated and not delegated_too:
                continue  # the account's identity policies decide (see principals.py)
            sure.append((statement.ref, match.by_name))
        elif result is None:
            maybe.append(statement.ref)
    return sure, maybe


def combine(results: Sequence[Result]) -> Result:
    """One request checked against several resources (a Chime caller's ARN and the target):
    allowed only when every one is."""
    order = (Decision.EXPLICIT_DENY, Decision.UNKNOWN, Decision.IMPLICIT_DENY)
    for decision in order:
        hit = [r for r in results if r.decision is decision]
        if hit:
            refs = tuple(dict.fromkeys(s for r in hit for s in r.statements))
            return Result(decision, refs, hit[0].reason)
    refs = tuple(dict.fromkeys(s for r in results for s in r.statements))
    return Result(Decision.ALLOWED, refs, "allowed")


def decide(
    policies: PolicySet, requests: Sequence[Request], open_parts: Sequence[Result] = ()
) -> Result:
    """`open_parts`: what the call is also authorized against but no request gives (a
    required resource type without an ARN, see targets.py): unknown unless a given resource
    already denies the call."""
    results = [evaluate(policies, r) for r in requests]
    result = combine(results)
    if len(requests) > 1 and result.decision is not Decision.ALLOWED:
        which = next(
            r
            for r, x in zip(requests, results, strict=True)
            if (x.decision, x.reason) == (result.decision, result.reason)
        )
        result = Result(
            result.decision, result.statements, f"{result.reason} (for {which.resource})"
        )
    if result.decision is Decision.ALLOWED and open_parts:
        return combine([result, *open_parts])
    return result


__all__ = ["Decision", "PolicyKind", "PolicySet", "Request", "Result", "decide", "evaluate"]


def check(
    identity: Sequence[str] | str,
    action: str,
    resource: str,
    principal: str | None = None,
    context: dict[str, str | list[str]] | None = None,
    **others: str,
) -> Result:
    """One decision from policy texts: a short way for scripts and tests. `others` may give
    boundary=, scp=, rcp=, resource_policy= texts."""
    from editor.core.access.policy import compile_policy
    from editor.core.access.request import make_context

    texts = [identity] if isinstance(identity, str) else list(identity)
    policies = PolicySet(
        identity=tuple(compile_policy(t, f"policy{i + 1}") for i, t in enumerate(texts)),
        boundary=_maybe(others.get("boundary"), "boundary", PolicyKind.BOUNDARY),
        scps=tuple((compile_policy(t, "scp", PolicyKind.SCP),) for t in [others.get("scp")] if t),
        rcps=tuple(compile_policy(t, "rcp", PolicyKind.RCP) for t in [others.get("rcp")] if t),
        resource=_maybe(others.get("resource_policy"), "resource policy", PolicyKind.RESOURCE),
    )
    request = Request(action, resource, principal, make_context(context or {}, principal))
    return evaluate(policies, request)


def _maybe(text: str | None, name: str, kind: PolicyKind) -> CompiledPolicy | None:
    from editor.core.access.policy import compile_policy

    return None if text is None else compile_policy(text, name, kind)
