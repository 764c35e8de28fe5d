"""Kinds of policy (IAM Access Analyzer's names) and how a document says which one it is.

The same JSON means different things attached to a user, a role's trust, a bucket or an
organization: each kind has its own required and forbidden elements (resources/kinds.json,
made by tools/build_kinds.py). The kind is detected from the document — a Principal makes it
a resource-based policy, a Principal allowed only STS's role actions a role trust policy — or
from where it came from (a template's AssumeRolePolicyDocument), and the user may override it.
"""

from __future__ import annotations

import json
from enum import StrEnum
from functools import lru_cache
from typing import Any, Final, NamedTuple

from editor.core.catalog.catalog import _read
from editor.core.json.nodes import Node
from editor.core.policy.statements import StatementView, statements


class PolicyKind(StrEnum):
    IDENTITY = "identity"
    RESOURCE = "resource"
    TRUST = "trust"
    SCP = "scp"
    RCP = "rcp"
    BOUNDARY = "boundary"

    @property
    def rules(self) -> KindRules:
        return load_kinds().kinds[self]

    @property
    def label(self) -> str:
        return self.rules.label

    @property
    def takes_identity_statements(self) -> bool:
        """Statements with no Principal (what a tick adds) belong in a policy of this kind."""
        return "Principal" in self.rules.forbidden


class KindRules(NamedTuple):
    id: str
    label: str
    access_analyzer: str
    required: tuple[str, ...]
    forbidden: tuple[str, ...]
    size_limit: int | None
    strict_sid: bool
    deny_only: bool
    principal_star_only: bool
    grants: bool  # False for SCPs, RCPs and boundaries: they only limit what others grant
    source: str


class KindData:
    """resources/kinds.json, ready for look-ups."""

    __slots__ = (
        "kinds",
        "principal_keys",
        "sources",
        "trust_action_names",
        "trust_actions",
        "web_identity_providers",
    )

    def __init__(
        self,
        trust_actions: frozenset[str],
        trust_action_names: tuple[str, ...],
        principal_keys: tuple[str, ...],
        web_identity_providers: frozenset[str],
        kinds: dict[PolicyKind, KindRules],
        sources: tuple[str, ...],
    ) -> None:
        self.trust_actions: Final = trust_actions  # lower-cased, for look-ups
        self.trust_action_names: Final = trust_action_names  # as AWS spells them, for messages
        self.principal_keys: Final = principal_keys
        self.web_identity_providers: Final = web_identity_providers
        self.kinds: Final = kinds
        self.sources: Final = sources


@lru_cache(maxsize=1)
def load_kinds() -> KindData:
    data: dict[str, Any] = json.loads(_read("kinds.json"))
    kinds = {}
    for entry in data["kinds"]:
        fields = {name: entry[name] for name in KindRules._fields}
        fields["required"] = tuple(fields["required"])
        fields["forbidden"] = tuple(fields["forbidden"])
        kinds[PolicyKind(entry["id"])] = KindRules(**fields)
    return KindData(
        frozenset(a.lower() for a in data["trust_actions"]),
        tuple(data["trust_actions"]),
        tuple(data["principal_keys"]),
        frozenset(data["web_identity_providers"]),
        kinds,
        tuple(s["url"] for s in data["provenance"]["sources"]),
    )


class KindChoice(NamedTuple):
    """The kind the checks assume, and why: detected from the document, or chosen."""

    kind: PolicyKind
    reason: str
    detected: bool

    def describe(self) -> str:
        """ "a role trust policy, detected: Principal with sts:AssumeRole*" """
        how = f"detected: {self.reason}" if self.detected else self.reason
        return f"{with_article(self.kind.label)}, {how}"


def with_article(label: str) -> str:
    return ("an " if label[0] in "aeiou" else "a ") + label


def detect_kind(
    root: Node | None, no_resource_policies: str = "", views: list[StatementView] | None = None
) -> KindChoice:
    """The kind a document shows: a Principal whose statements allow only STS's role actions
    (sts:AssumeRole, sts:TagSession ...) is a role trust policy; any other Principal a
    resource-based policy; no Principal an identity policy. A Principal on actions only of
    `no_resource_policies` (the catalog's service, Chime, has no resource-based policies) is an
    identity policy with a stray Principal."""
    trust_actions = load_kinds().trust_actions
    views = statements(root) if views is None else views  # the lint's own, when it has them
    with_principal = [s for s in views if "Principal" in s.elements or "NotPrincipal" in s.elements]
    if not with_principal:
        return KindChoice(PolicyKind.IDENTITY, "no Principal", True)
    actions = [a.lower() for s in with_principal for a in s.values("Action")]
    only_trust_actions = all(a in trust_actions for a in actions)
    if only_trust_actions and any(a.startswith("sts:assumerole") for a in actions):
        return KindChoice(PolicyKind.TRUST, "Principal with sts:AssumeRole*", True)
    if only_trust_actions and not any(
        "Resource" in s.elements or "NotResource" in s.elements for s in with_principal
    ):  # a trust policy whose Action is misspelt or missing: still no Resource
        return KindChoice(PolicyKind.TRUST, "Principal without Resource", True)
    own = no_resource_policies.lower() + ":"
    if no_resource_policies and actions and all(a.startswith(own) for a in actions):
        reason = f"{no_resource_policies} actions: that service has no resource-based policies"
        return KindChoice(PolicyKind.IDENTITY, reason, True)
    return KindChoice(PolicyKind.RESOURCE, "has a Principal", True)


def choose_kind(
    root: Node | None,
    chosen: PolicyKind | None,
    reason: str = "as chosen",
    no_resource_policies: str = "",
    views: list[StatementView] | None = None,
) -> KindChoice:
    """The user's (or the container's) choice when there is one, else the detected kind."""
    if chosen is None:
        return detect_kind(root, no_resource_policies, views)
    return KindChoice(chosen, reason, False)
