"""A request to decide: who calls, which action, on which resource, with which context keys."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from editor.core.access.conditions import Context, lookup_in
from editor.core.access.glob import Resolver
from editor.core.access.patterns import split_fields


@dataclass(frozen=True)
class Request:
    action: str
    resource: str
    principal: str | None = None
    context: Context = field(default_factory=dict)  # lower-cased key -> values
    # The account owning the resource when its ARN names none (S3's): None, the principal's.
    owner: str | None = None
    action_lower: str = field(init=False)
    resource_fields: tuple[str, ...] = field(init=False)
    lookup: Resolver = field(init=False, repr=False, compare=False)  # policy variables

    def __post_init__(self) -> None:
        object.__setattr__(self, "action_lower", self.action.lower())
        object.__setattr__(self, "resource_fields", split_fields(self.resource))
        object.__setattr__(self, "lookup", lookup_in(self.context))

    @property
    def accounts_apart(self) -> tuple[str, str] | None:
        """(the principal's account, the resource's) when both are known and differ: a
        cross-account request, which AWS evaluates in both accounts."""
        mine = account_of(self.principal or "")
        theirs = account_of(self.resource) or self.owner
        if mine is None or theirs is None or mine == theirs:
            return None
        return mine, theirs


def unnamed_owner(principal: str | None, resources: Iterable[str]) -> str | None:
    """What is assumed of an ARN naming no account (S3's): that the principal's account owns
    it (None: no such ARN, or no principal's account to assume)."""
    mine = account_of(principal or "")
    silent = [r for r in resources if len(r.split(":", 5)) == 6 and not r.split(":", 5)[4]]
    if mine is None or not silent:
        return None
    return f"{silent[0]} names no account: taken to be the principal's ({mine})"


def account_of(arn: str) -> str | None:
    """The account an ARN names, or None (none, as in S3's, or a wildcard)."""
    fields = arn.split(":", 5)
    if len(fields) != 6 or not fields[4] or "*" in fields[4] or "?" in fields[4]:
        return None
    return None if "$" in fields[4] else fields[4]


def make_context(
    pairs: Mapping[str, str | Iterable[str]], principal: str | None = None
) -> dict[str, tuple[str, ...]]:
    """The request context: keys case-insensitive; the principal's own keys filled in from its
    ARN (aws:PrincipalArn, aws:PrincipalAccount, aws:username for an IAM user) unless given."""
    context: dict[str, tuple[str, ...]] = {}
    if principal:
        fields = principal.split(":", 5)
        context["aws:principalarn"] = (principal,)
        if len(fields) == 6:
            context["aws:principalaccount"] = (fields[4],)
            if fields[2] == "iam" and fields[5].startswith("user/"):
                context["aws:username"] = (fields[5].rsplit("/", 1)[-1],)
    for key, value in pairs.items():
        context[key.lower()] = (value,) if isinstance(value, str) else tuple(value)
    return context
