"""IAM's policy size quotas and how IAM counts a policy's size (kept apart from the lint so
that the window can show its size meter without loading the rules)."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # the kinds' data is read only when a size is first measured
    from editor.core.policy.kinds import PolicyKind


class Quota(StrEnum):
    """IAM's policy size quotas, in characters without white space."""

    MANAGED = "managed"
    USER = "user"
    GROUP = "group"
    ROLE = "role"

    @property
    def limit(self) -> int:
        return _LIMITS[self]

    @property
    def label(self) -> str:
        return "managed policy" if self is Quota.MANAGED else f"inline {self.value} policies"


_LIMITS = {Quota.MANAGED: 6144, Quota.USER: 2048, Quota.GROUP: 5120, Quota.ROLE: 10240}


class SizeQuota(NamedTuple):
    limit: int | None  # None: no quota of IAM's applies (each service sets its own)
    label: str  # what the limit is for: "a role trust policy", "inline role policies"
    own: bool  # the kind's own quota, whatever identity quota the user picked


def size_quota(kind: PolicyKind, quota: Quota) -> SizeQuota:
    """The quota a policy of `kind` is held to. An identity policy: the one the user picks
    (managed or inline); a trust policy, an SCP, an RCP or a boundary: its own (IAM and
    Organizations quota pages, in resources/kinds.json); a resource-based policy: none of
    IAM's, since each service sets its own for its resources."""
    from editor.core.policy.kinds import PolicyKind, with_article

    if kind is PolicyKind.IDENTITY:
        return SizeQuota(quota.limit, quota.label, False)
    limit = kind.rules.size_limit
    label = with_article(kind.label) if limit is not None else f"{kind.label}s"
    return SizeQuota(limit, label, True)


def non_whitespace_length(text: str) -> int:
    """The length IAM counts against its quotas: every character but white space."""
    return len(text) - sum(text.count(c) for c in " \t\r\n")
